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

/// Runs `argv[0]` (searched in PATH unless it has a `/`) with `argv` in place of this
/// process. Returns only when that fails.
pub fn exec(argv: &[OsString]) -> ExecFailure {
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
