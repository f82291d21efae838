//! The process entry point. ipcx replaces small C tools (kill, ipcs, flock) that are judged
//! on what one invocation costs, so it starts the way they do: the C runtime calls `main`
//! directly, without std's runtime set-up, which on Linux reads /proc/self/maps to find the
//! main thread's stack guard and installs stack-overflow handlers on an alternate stack.
//! std still works: on glibc it receives argv through .init_array, and everything else is
//! initialised on first use. What std's set-up did that ipcx relies on is done here.
//!
//! core knows nothing of the program above it: main.rs names the function to run with
//! `entry_point!(program)`, which defines the C symbol `main` around `run`.

use std::io::Write;

/// Defines the C entry point `main`, which runs `$program` (a `fn() -> u8`, the exit
/// status) through `run`. Used once, in main.rs (`#![no_main]` there stops std from
/// defining its own `main`).
macro_rules! entry_point {
    ($program:path) => {
        /// The C entry point, `main` to the linker.
        // SAFETY: `main` is the one symbol of that name in the program (`#![no_main]` in
        // main.rs stops std from defining its own), with the signature the C runtime calls
        // it with.
        #[allow(unsafe_code)]
        #[unsafe(export_name = "main")]
        pub extern "C" fn c_main(
            _argc: ::std::ffi::c_int,
            _argv: *const *const ::std::ffi::c_char,
        ) -> ::std::ffi::c_int {
            ::std::ffi::c_int::from($crate::core::start::run($program))
        }
    };
}
pub(crate) use entry_point;

/// Does what std's runtime set-up would have done that ipcx relies on, runs `program`, and
/// flushes stdout; returns `program`'s exit status.
pub fn run(program: fn() -> u8) -> u8 {
    // As std does: a write to a closed pipe is an EPIPE error that the command turns into a
    // quiet status 141, never a death by signal; children get the default back from
    // std::process::Command.
    // SAFETY: SIG_IGN runs no code of ours in signal context.
    unsafe { libc::signal(libc::SIGPIPE, libc::SIG_IGN) };
    // As std does: started with stdin, stdout or stderr closed, the descriptor is filled
    // with /dev/null, so that a queue, socket or file ipcx opens can never become fd 1
    // and receive what was meant for stdout.
    for fd in 0..=2 {
        // SAFETY: F_GETFD only reads the descriptor's flags.
        if unsafe { libc::fcntl(fd, libc::F_GETFD) } == -1 {
            // SAFETY: a static NUL-terminated path; open takes the lowest free descriptor,
            // which is `fd` since the lower ones are open.
            unsafe { libc::open(c"/dev/null".as_ptr(), libc::O_RDWR) };
        }
    }
    let code = program();
    // std's runtime flushes stdout on the way out; without it, we do.
    let _ = std::io::stdout().flush();
    code
}
