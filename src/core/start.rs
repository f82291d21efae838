//! The process entry point. ipcx replaces small C tools (kill, ipcs, flock) that are judged
//! on what one invocation costs, so it starts the way they do: the C runtime calls `main`
//! directly, without std's runtime set-up, which on Linux reads /proc/self/maps to find the
//! main thread's stack guard and installs stack-overflow handlers on an alternate stack.
//! std still works: on glibc it receives argv through .init_array, and everything else is
//! initialised on first use. What std's set-up did that ipcx relies on is done here.

use std::io::Write;

/// The C entry point.
// SAFETY: `main` is the one symbol of that name in the program (`#![no_main]` in main.rs
// stops std from defining its own), with the signature the C runtime calls it with.
#[unsafe(no_mangle)]
pub extern "C" fn main(_argc: libc::c_int, _argv: *const *const libc::c_char) -> libc::c_int {
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
    let code: u8 = crate::main();
    // std's runtime flushes stdout on the way out; without it, we do.
    let _ = std::io::stdout().flush();
    libc::c_int::from(code)
}
