//! Exit statuses of DESIGN §3, carried by the error type so that one place (`main`) maps
//! errors to statuses and everything below only adds context; and the one way a command
//! reports a failure on stderr and goes on (`Failures`, as uutils' `show!`), under the
//! name `main` gives it (`Command::label`), which no command spells itself.

use std::fmt;
use std::sync::OnceLock;

/// The exit-status table of DESIGN §3 (README, `--help`): the statuses ipcx ends with that
/// are its own, not a child's passed through.
pub const FAILED: u8 = 1;
pub const USAGE: u8 = 2;
pub const NOT_NOW: u8 = 3;
/// 128 + N when ended by signal N.
pub const SIGNAL_BASE: u8 = 128;
/// 128 + SIGPIPE: what a reader that went away ends us with, as it would end ipcs or cat,
/// only without the noise.
pub const BROKEN_PIPE_STATUS: u8 = SIGNAL_BASE + libc::SIGPIPE as u8;

/// An error whose exit status is not the default 1.
#[derive(Debug)]
pub enum Fail {
    /// Status 2: the command line is wrong. The text says what and how to fix it.
    Usage(String),
    /// Status 3: not now (`--nowait` found nothing, a semaphore is busy, a timeout expired).
    NotNow(String),
    /// Status 1 where every failure has already been reported (a batch that went on past
    /// its failures); nothing more is printed.
    Reported,
    /// 128+N: ended by signal N after cleanup. Nothing is printed.
    Signal(i32),
    /// 128+N as `Signal`, but the interrupt cost input that could not be given back; the
    /// note says how much, and is printed.
    Lost { signal: i32, note: String },
    /// A status passed through unchanged (a child command's own status). Nothing is printed.
    Exit(u8),
}

impl Fail {
    pub fn code(&self) -> u8 {
        match self {
            Fail::Usage(_) => USAGE,
            Fail::NotNow(_) => NOT_NOW,
            Fail::Reported => FAILED,
            Fail::Signal(n) | Fail::Lost { signal: n, .. } => {
                SIGNAL_BASE.saturating_add(u8::try_from(*n).unwrap_or(127))
            }
            Fail::Exit(code) => *code,
        }
    }

    /// The text to print on stderr, if any.
    pub fn message(&self) -> Option<&str> {
        match self {
            Fail::Usage(text) | Fail::NotNow(text) | Fail::Lost { note: text, .. } => Some(text),
            _ => None,
        }
    }

    /// The signal that ended the command, if one did.
    pub fn signal(&self) -> Option<i32> {
        match self {
            Fail::Signal(n) | Fail::Lost { signal: n, .. } => Some(*n),
            _ => None,
        }
    }
}

impl fmt::Display for Fail {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Fail::Usage(text) | Fail::NotNow(text) => f.write_str(text),
            Fail::Reported => f.write_str("some operations failed"),
            Fail::Signal(n) => write!(f, "interrupted by signal {n}"),
            Fail::Lost { signal, note } => write!(f, "{note}: interrupted by signal {signal}"),
            Fail::Exit(code) => write!(f, "exit status {code}"),
        }
    }
}

impl std::error::Error for Fail {}

/// Prints an error as `ipcx: <command>: <what>: <why>` (unless its `Fail` is a quiet one)
/// and picks its status. For `main`, and for forked children, which end the same way.
pub fn report(label: &str, err: anyhow::Error) -> u8 {
    let broken_pipe = err.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
    });
    if broken_pipe {
        return BROKEN_PIPE_STATUS;
    }
    match err.downcast_ref::<Fail>() {
        Some(fail) => {
            if fail.message().is_some() {
                print_error(label, &error_text(&err));
            }
            fail.code()
        }
        None => {
            print_error(label, &error_text(&err));
            FAILED
        }
    }
}

/// The status the running command's result ends with: 0, or what `report` makes of its
/// error. For forked children, which end the way `main` does.
pub fn status_of(result: anyhow::Result<()>) -> u8 {
    match result {
        Ok(()) => 0,
        Err(err) => report(command(), err),
    }
}

static COMMAND: OnceLock<String> = OnceLock::new();

/// Names the running command (`msg recv`) for every diagnostic it prints. `main` calls it
/// once, with `Command::label`, before the command runs.
pub fn set_command(label: String) {
    let _ = COMMAND.set(label);
}

/// The running command's name in diagnostics; empty before `set_command`.
pub fn command() -> &'static str {
    COMMAND.get().map_or("", String::as_str)
}

/// Prints one diagnostic line of the running command, `ipcx: <command>: <text>`, that does
/// not decide its status by itself (a note, or a failure whose status is returned apart).
pub fn say(text: &str) {
    print_error(command(), text);
}

/// The failures of a command that goes on past them (`rm id:1 id:2`, `fifo mk a b`): each
/// is printed at once as `ipcx: <command>: <what>: <why>` and remembered, and `finish`
/// makes the command's status of them: 0 when there was none, else 1 with nothing more
/// printed.
#[must_use = "finish() makes the status of the failures shown"]
#[derive(Debug, Default)]
pub struct Failures {
    any: bool,
}

impl Failures {
    pub fn new() -> Failures {
        Failures::default()
    }

    /// Reports one failure and remembers it; the caller goes on with the next item.
    pub fn show(&mut self, text: impl AsRef<str>) {
        say(text.as_ref());
        self.any = true;
    }

    /// Ok when nothing failed, else `Fail::Reported` (status 1, nothing more printed).
    pub fn finish(self) -> anyhow::Result<()> {
        if self.any {
            Err(Fail::Reported.into())
        } else {
            Ok(())
        }
    }
}

/// An error and its causes joined by ": ", as `{:#}` would, but with each system error
/// in ipcx's words (`no space left on device`, not `No space left on device (os error 28)`).
pub fn error_text(err: &anyhow::Error) -> String {
    let parts: Vec<String> = err
        .chain()
        .map(|cause| {
            if let Some(io) = cause.downcast_ref::<std::io::Error>() {
                crate::core::io_text(io)
            } else if let Some(errno) = cause.downcast_ref::<nix::errno::Errno>() {
                crate::core::errno_text(*errno)
            } else {
                cause.to_string()
            }
        })
        .collect();
    parts.join(": ")
}

/// Prints one diagnostic line on stderr: `ipcx: <command>: <what>: <why>`. The one place
/// that spells the prefix; commands print through `say` and `Failures`, under their own
/// name.
pub fn print_error(label: &str, text: &str) {
    use std::io::Write;
    let line = if label.is_empty() {
        format!("ipcx: {text}\n")
    } else {
        format!("ipcx: {label}: {text}\n")
    };
    // Nothing sensible is left to do when stderr itself is gone.
    let _ = std::io::stderr().lock().write_all(line.as_bytes());
}

/// A usage error (status 2) as an `anyhow::Error`.
pub fn usage(text: impl Into<String>) -> anyhow::Error {
    Fail::Usage(text.into()).into()
}

/// A not-now error (status 3) as an `anyhow::Error`.
pub fn not_now(text: impl Into<String>) -> anyhow::Error {
    Fail::NotNow(text.into()).into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn system_errors_read_in_ipcx_words() {
        let err = anyhow::Error::from(nix::errno::Errno::EINVAL).context("installing handlers");
        assert_eq!(error_text(&err), "installing handlers: invalid argument");
        let err = anyhow::Error::from(std::io::Error::from_raw_os_error(libc::ENOSPC))
            .context("writing stdout");
        assert_eq!(error_text(&err), "writing stdout: no space left on device");
    }

    #[test]
    fn codes_follow_the_design_table() {
        assert_eq!(Fail::Usage(String::new()).code(), 2);
        assert_eq!(Fail::NotNow(String::new()).code(), 3);
        assert_eq!(Fail::Reported.code(), 1);
        assert_eq!(Fail::Signal(2).code(), 130);
        assert_eq!(Fail::Signal(15).code(), 143);
        assert_eq!(Fail::Signal(1000).code(), 255);
        let lost = Fail::Lost {
            signal: 2,
            note: "3 bytes read from stdin were not written".into(),
        };
        assert_eq!(lost.code(), 130);
        assert_eq!(
            lost.to_string(),
            "3 bytes read from stdin were not written: interrupted by signal 2"
        );
        assert_eq!(Fail::Exit(127).code(), 127);
        assert_eq!(BROKEN_PIPE_STATUS, 141);
    }

    #[test]
    fn failures_make_the_status() {
        assert!(Failures::new().finish().is_ok());
        let mut failures = Failures::new();
        failures.show("x: no such thing");
        failures.show("y: no such thing");
        let err = failures.finish().unwrap_err();
        let fail = err.downcast_ref::<Fail>().expect("a Fail");
        assert_eq!((fail.code(), fail.message()), (1, None));
    }
}
