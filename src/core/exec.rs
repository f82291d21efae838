//! Replacing this process with a command (execvp), for `sem p ... -- CMD`: what was set up
//! before (a semaphore taken with SEM_UNDO) then lives exactly as long as the command.

use std::ffi::{CString, OsStr, OsString};
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
/// process, with every disposition the default but the interrupts inherited as ignored,
/// which stay ignored. Returns only when that fails.
pub fn exec(argv: &[OsString]) -> ExecFailure {
    let Some(program) = argv.first() else {
        return ExecFailure {
            status: 127,
            why: "no command given".into(),
        };
    };
    if argv.iter().any(|arg| arg.as_bytes().contains(&0)) {
        return ExecFailure {
            status: 126,
            why: "an argument contains a NUL byte".into(),
        };
    }
    let errno = exec_errno(argv);
    start_failure(program, &std::io::Error::from_raw_os_error(errno as i32))
}

/// As `exec`, with the errno when it fails, for callers that word it themselves (flock(1)'s
/// personality): ENOENT for no command, EINVAL for an argument holding a NUL byte.
pub fn exec_errno(argv: &[OsString]) -> Errno {
    let args: Result<Vec<CString>, _> = argv
        .iter()
        .map(|arg| CString::new(arg.as_bytes()))
        .collect();
    let Ok(args) = args else {
        return Errno::EINVAL;
    };
    let Some(program) = args.first() else {
        return Errno::ENOENT;
    };
    // Rust ignores SIGPIPE for itself; the command must start with the default, as it
    // would from a shell. Handlers of ours do not survive execve anyway.
    // SAFETY: installing SIG_DFL runs no code of ours in signal context.
    let _ = unsafe { signal(Signal::SIGPIPE, SigHandler::SigDfl) };
    let _ = crate::core::interrupts::restore_defaults();
    match nix::unistd::execvp(program, &args) {
        Ok(never) => match never {},
        Err(errno) => errno,
    }
}

/// The shell's status and words for `program` failing to start with `err`: 127 when it is
/// not found (searched in PATH: "command not found"; a path to nothing: the system's
/// words), 126 when it was found and cannot be run.
pub fn start_failure(program: &OsStr, err: &std::io::Error) -> ExecFailure {
    let searched = !program.as_bytes().contains(&b'/');
    match err.raw_os_error().map(Errno::from_raw) {
        Some(Errno::ENOENT) if searched => ExecFailure {
            status: 127,
            why: "command not found".into(),
        },
        Some(Errno::ENOENT | Errno::ENOTDIR) => ExecFailure {
            status: 127,
            why: crate::core::io_text(err),
        },
        _ => ExecFailure {
            status: 126,
            why: crate::core::io_text(err),
        },
    }
}

/// Runs `argv` as a child and waits for it, forwarding SIGINT, SIGTERM and SIGHUP to it
/// (`interrupts::catch_interrupts` must be in force; one caught before the child started is
/// forwarded too); the child inherits the interrupts this process was started with ignored,
/// still ignored, and every other disposition is the default. Returns the shell's status for how the child ended (its exit
/// status, or 128+N for signal N), or why it could not be started.
pub fn supervise(argv: &[OsString]) -> Result<u8, ExecFailure> {
    use nix::sys::signal::{pthread_sigmask, SigSet, SigmaskHow};

    // Blocked, the signals wait for sigwait below, so none can slip in between a look
    // and a wait; the child starts with them unblocked.
    let mut watched = SigSet::empty();
    for signal in crate::core::interrupts::caught_interrupts() {
        watched.add(signal);
    }
    watched.add(Signal::SIGCHLD);
    let mut before = SigSet::empty();
    let blocked = pthread_sigmask(SigmaskHow::SIG_BLOCK, Some(&watched), Some(&mut before));
    let result = match blocked {
        Ok(()) => run_and_forward(argv, &watched),
        Err(errno) => Err(ExecFailure {
            status: 1,
            why: format!("cannot block signals: {}", crate::core::errno_text(errno)),
        }),
    };
    let _ = pthread_sigmask(SigmaskHow::SIG_SETMASK, Some(&before), None);
    result
}

fn run_and_forward(
    argv: &[OsString],
    watched: &nix::sys::signal::SigSet,
) -> Result<u8, ExecFailure> {
    use std::os::unix::process::CommandExt;
    use std::process::Command;

    use nix::sys::wait::{waitpid, WaitPidFlag, WaitStatus};
    use nix::unistd::Pid;

    let Some(program) = argv.first() else {
        return Err(ExecFailure {
            status: 127,
            why: "no command given".into(),
        });
    };
    let mut command = Command::new(program);
    command.args(&argv[1..]);
    let unblock = *watched;
    // SAFETY: between fork and exec the closure only calls pthread_sigmask, which is
    // async-signal-safe, and allocates nothing.
    unsafe {
        command.pre_exec(move || {
            let _ = unblock.thread_unblock();
            Ok(())
        });
    }
    let child = command
        .spawn()
        .map_err(|err| start_failure(program, &err))?;
    let pid = Pid::from_raw(i32::try_from(child.id()).unwrap_or(i32::MAX));
    let forward = |signal: Signal| {
        let _ = nix::sys::signal::kill(pid, signal);
    };
    // One that the handler caught before the signals were blocked.
    if let Some(signal) = crate::core::interrupts::take().and_then(|n| Signal::try_from(n).ok()) {
        forward(signal);
    }
    loop {
        match waitpid(pid, Some(WaitPidFlag::WNOHANG)) {
            Ok(WaitStatus::Exited(_, code)) => return Ok(u8::try_from(code).unwrap_or(1)),
            Ok(WaitStatus::Signaled(_, signal, _)) => return Ok(128u8.saturating_add(signal as u8)),
            Ok(_) | Err(Errno::EINTR) => {}
            Err(errno) => {
                return Err(ExecFailure {
                    status: 1,
                    why: format!("cannot wait for it: {}", crate::core::errno_text(errno)),
                })
            }
        }
        match watched.wait() {
            Ok(Signal::SIGCHLD) | Err(_) => {}
            Ok(signal) => forward(signal),
        }
    }
}
