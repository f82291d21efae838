//! Replacing this process with a command (execvp), for `sem p ... -- CMD`: what was set up
//! before (a semaphore taken with SEM_UNDO) then lives exactly as long as the command.

use std::ffi::{CString, OsString};
use std::os::unix::ffi::OsStrExt;

use nix::errno::Errno;
use nix::sys::signal::{signal, SigHandler, Signal};

/// Why a command could not be run, with the shell's status for it.
#[derive(Debug, PartialEq, Eq)]
pub struct ExecFailure {
    /// 127 when the command is not found, 126 when it was found but cannot be run.
    pub status: u8,
    pub why: String,
}

/// The interrupt signals this process was started with ignored (a shell starts background
/// jobs with SIGINT ignored). Ask before `signals::catch_interrupts`, and hand the answer to
/// `exec`, so the command inherits them ignored as it would have from the shell.
pub fn ignored_interrupts() -> Vec<Signal> {
    crate::core::signals::INTERRUPTS
        .into_iter()
        .filter(|signal| {
            // SAFETY: sigaction is all integers and pointers; zeroed is a valid value.
            let mut old: libc::sigaction = unsafe { std::mem::zeroed() };
            // SAFETY: a null new action only reads the current one into `old`, ours.
            let queried =
                unsafe { libc::sigaction(*signal as libc::c_int, std::ptr::null(), &mut old) };
            queried == 0 && old.sa_sigaction == libc::SIG_IGN
        })
        .collect()
}

/// Runs `argv[0]` (searched in PATH unless it has a `/`) with `argv` in place of this
/// process, with the signals in `ignored` ignored and every other disposition the default.
/// Returns only when that fails.
pub fn exec(argv: &[OsString], ignored: &[Signal]) -> ExecFailure {
    let Some(program) = argv.first() else {
        return ExecFailure {
            status: 127,
            why: "no command given".into(),
        };
    };
    let args: Result<Vec<CString>, _> = argv
        .iter()
        .map(|arg| CString::new(arg.as_bytes()))
        .collect();
    let Ok(args) = args else {
        return ExecFailure {
            status: 126,
            why: "an argument contains a NUL byte".into(),
        };
    };
    // Rust ignores SIGPIPE for itself; the command must start with the default, as it
    // would from a shell. Handlers of ours do not survive execve anyway.
    // SAFETY: installing SIG_DFL runs no code of ours in signal context.
    let _ = unsafe { signal(Signal::SIGPIPE, SigHandler::SigDfl) };
    let _ = crate::core::signals::restore_defaults();
    for signal in ignored {
        // SAFETY: SIG_IGN runs no code of ours.
        let _ = unsafe { nix::sys::signal::signal(*signal, SigHandler::SigIgn) };
    }
    let errno = match nix::unistd::execvp(&args[0], &args) {
        Ok(never) => match never {},
        Err(errno) => errno,
    };
    let searched = !program.as_bytes().contains(&b'/');
    match errno {
        Errno::ENOENT if searched => ExecFailure {
            status: 127,
            why: "command not found".into(),
        },
        Errno::ENOENT | Errno::ENOTDIR => ExecFailure {
            status: 127,
            why: crate::core::errno_text(errno),
        },
        other => ExecFailure {
            status: 126,
            why: crate::core::errno_text(other),
        },
    }
}
