//! `ipcx signal send|wait|list` as clap definitions, with the parsers of signal names and
//! destinations (a pid, or -PGID), and the fast path that parses `signal send` without
//! clap, for start-up cost.

use std::ffi::OsString;
use std::fmt;
use std::path::PathBuf;
use std::time::Duration;

use clap::{Args, Subcommand};

use crate::core::signal_io;

/// Send, wait for and list signals: see who sent a signal and the value queued with it.
#[derive(Debug, Args)]
#[command(after_help = "Examples:
  ipcx signal wait USR1 --pidfile /run/w.pid &   # blocks USR1, then writes its pid
  ipcx signal send USR1 \"$(cat /run/w.pid)\"
  ipcx signal send --value 42 RTMIN+1 4242       # sigqueue: the waiter prints value=42
  ipcx signal send TERM -- -4242                 # process group 4242
  ipcx signal list")]
pub struct SignalArgs {
    #[command(subcommand)]
    pub command: SignalCommand,
}

#[derive(Debug, Subcommand)]
pub enum SignalCommand {
    Send(SendArgs),
    Wait(WaitArgs),
    List(ListArgs),
}

impl SignalCommand {
    pub fn label(&self) -> &'static str {
        match self {
            SignalCommand::Send(_) => "signal send",
            SignalCommand::Wait(_) => "signal wait",
            SignalCommand::List(_) => "signal list",
        }
    }
}

/// Send a signal to processes or process groups, with kill(2) or, with --value, sigqueue(3).
///
/// SIGNAL is a name (USR1, SIGUSR1, usr1), a number, RTMIN+N or RTMAX-N, or 0, which sends
/// nothing and only checks that each target exists and may be signalled. A PID of -N is
/// process group N (after `--`, or anywhere after SIGNAL). Every target is tried;
/// each failure is named on stderr and the status is then 1.
#[derive(Debug, Args)]
#[command(
    allow_negative_numbers = true,
    after_help = "Examples:
  ipcx signal send USR1 4242 4243
  ipcx signal send 0 4242 && echo alive          # existence and permission only
  ipcx signal send --value 7 RTMIN 4242          # the waiter sees SI_QUEUE and value=7
  ipcx signal send HUP -- -4242                  # every process of group 4242"
)]
pub struct SendArgs {
    /// The signal: name, number, RTMIN+N or RTMAX-N; 0 only checks the targets.
    #[arg(value_parser = signal_io::parse)]
    pub signal: i32,
    /// Process ids; -N is process group N.
    #[arg(value_name = "PID", required = true, value_parser = parse_dest)]
    pub targets: Vec<Dest>,
    /// Queue the signal with this integer (sigqueue(3)); the receiver gets it as si_value.
    /// Each target must be a process: sigqueue cannot address a process group.
    #[arg(long, value_name = "N", allow_negative_numbers = true)]
    pub value: Option<i32>,
}

/// Where a signal goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dest {
    Pid(i32),
    Group(i32),
}

impl Dest {
    /// The pid argument of kill(2).
    pub fn raw(self) -> i32 {
        match self {
            Dest::Pid(pid) => pid,
            Dest::Group(pgid) => -pgid,
        }
    }
}

impl fmt::Display for Dest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Dest::Pid(pid) => write!(f, "pid {pid}"),
            Dest::Group(pgid) => write!(f, "process group {pgid}"),
        }
    }
}

fn parse_dest(text: &str) -> Result<Dest, String> {
    let (digits, group) = match text.strip_prefix('-') {
        Some(rest) => (rest, true),
        None => (text, false),
    };
    let number = if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
        digits.parse::<i32>().ok()
    } else {
        None
    };
    match (number, group) {
        (None, _) => Err(format!(
            "'{text}' is not a process id (expected a pid, or -PGID for a process group)"
        )),
        (Some(0), _) => {
            Err("pid 0 would be ipcx's own process group; name the group as -PGID".to_string())
        }
        (Some(1), true) => {
            Err("-1 would signal every process you may signal; ipcx does not do that".to_string())
        }
        (Some(pgid), true) => Ok(Dest::Group(pgid)),
        (Some(pid), false) => Ok(Dest::Pid(pid)),
    }
}

/// Wait for signals and print who sent each one: name, number, code, sender pid and uid,
/// and the value when it was queued.
///
/// The signals are blocked first; only then does the command announce itself, by writing
/// its pid to FILE (atomically: a reader never sees a partial file) or on stderr. A sender
/// that starts the moment the announcement appears can never kill it. One line per signal:
///
///   SIGRTMIN 34 SI_QUEUE pid=4242 uid=1000 value=7
///
/// Real-time signals (RTMIN..RTMAX) queue: each one sent is received, in order, with its
/// value. Standard signals coalesce: several of the same signal sent before it is read
/// arrive once; several pending at once come lowest number first, standard before
/// real-time.
///
/// The status is 0 after COUNT signals and 3 when --timeout passes first. SIGINT, SIGTERM
/// and SIGHUP that are not waited for end the command with 130, 143 and 129, after it has
/// removed its pidfile; one inherited as ignored (nohup) stays ignored.
#[derive(Debug, Args)]
#[command(after_help = "Examples:
  ipcx signal wait USR1                          # prints its pid on stderr, then one line
  ipcx signal wait RTMIN -n 100 --json --pidfile w.pid
  ipcx signal wait HUP USR2 --timeout 30s || echo \"none (status $?)\"")]
pub struct WaitArgs {
    /// The signals to wait for (not KILL or STOP, which cannot be blocked).
    #[arg(value_name = "SIGNAL", required = true, value_parser = waitable)]
    pub signals: Vec<i32>,
    /// End after COUNT signals.
    #[arg(short = 'n', long, value_name = "COUNT", default_value = "1",
          value_parser = clap::value_parser!(u64).range(1..))]
    pub count: u64,
    /// Give up after this long (e.g. 500ms, 2s, 1m) with status 3.
    #[arg(long, value_name = "DUR", value_parser = crate::core::parse::duration)]
    pub timeout: Option<Duration>,
    /// One JSON object per line: signal, number, code, pid, uid, value (null unless queued).
    #[arg(long)]
    pub json: bool,
    /// Announce the pid in FILE instead of on stderr. FILE is put in place whole by renaming
    /// a new temporary file (a symlink at FILE is replaced, never followed), and removed on
    /// exit if it is still the one written.
    #[arg(long, value_name = "FILE")]
    pub pidfile: Option<PathBuf>,
}

fn waitable(text: &str) -> Result<i32, String> {
    let signo = signal_io::parse(text)?;
    match signo {
        0 => Err("signal 0 is never delivered; it only checks a target".to_string()),
        _ if !signal_io::catchable(signo) => Err(format!(
            "{} cannot be blocked or caught, so it cannot be waited for",
            signal_io::name(signo)
        )),
        _ => Ok(signo),
    }
}

/// List every signal with its number, name, default action and description, like
/// `kill -L` with the action added.
#[derive(Debug, Args)]
#[command(after_help = "Examples:
  ipcx signal list
  ipcx signal list --json | jq -r '.signals[] | select(.action == \"Core\") | .name'")]
pub struct ListArgs {
    /// JSON: {\"signals\": [{\"number\", \"name\", \"action\", \"description\"}]}.
    #[arg(long)]
    pub json: bool,
}

/// `ipcx signal send ...` parsed without clap, or `None` to let clap parse (and report)
/// it. Sending is one system call, measured against kill(1); building clap's command tree
/// for every subcommand of ipcx is most of the user-space work of such a run, so the plain
/// forms (`[--value N] SIGNAL PID...`, `--` allowed) take this path. Anything else (help,
/// an unknown option, a bad value) goes to clap, which gives the same result or error.
pub fn fast_path(args: &[OsString]) -> Option<super::Command> {
    let mut words = args.iter().skip(1).map(|a| a.to_str());
    if words.next()?? != "signal" || words.next()?? != "send" {
        return None;
    }
    let mut value = None;
    let mut signal = None;
    let mut targets = Vec::new();
    let mut options_done = false;
    while let Some(word) = words.next() {
        let word = word?;
        let negative_number = word
            .strip_prefix('-')
            .is_some_and(|digits| !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()));
        if !options_done && word.starts_with('-') && !negative_number {
            if word == "--" {
                options_done = true;
                continue;
            }
            let text = match word.strip_prefix("--value") {
                Some("") => words.next()??,
                Some(rest) => rest.strip_prefix('=')?,
                None => return None,
            };
            if value.replace(text.parse::<i32>().ok()?).is_some() {
                return None;
            }
        } else if signal.is_none() {
            signal = Some(signal_io::parse(word).ok()?);
        } else {
            targets.push(parse_dest(word).ok()?);
        }
    }
    if targets.is_empty() {
        return None;
    }
    Some(super::Command::Signal(SignalArgs {
        command: SignalCommand::Send(SendArgs {
            signal: signal?,
            targets,
            value,
        }),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The fast path answers exactly as clap does, or leaves the arguments to clap.
    #[test]
    fn the_fast_path_agrees_with_clap() {
        crate::cli::assert_fast_path_agrees(
            &["ipcx", "signal", "send"],
            fast_path,
            &[
                &["USR1", "4242"],
                &["usr1", "4242", "4243", "-77"],
                &["--value", "7", "RTMIN+2", "4242"],
                &["--value=-7", "0", "4242"],
                &["RTMIN", "--value", "-3", "4242"],
                &["TERM", "--", "-4242", "5"],
                &["--", "HUP", "-4242"],
                &["15", "4242", "--value", "2147483647"],
                &["SIGRTMAX-1", "1"],
            ],
            &[
                &[],
                &["USR1"],
                &["--help"],
                &["-h", "USR1", "1"],
                &["FOO", "1"],
                &["USR1", "x"],
                &["USR1", "-1"],
                &["--value", "x", "USR1", "1"],
                &["--value", "1", "--value", "2", "USR1", "1"],
                &["--valu", "1", "USR1", "1"],
                &["USR1", "1", "--", "--value"],
            ],
        );
        let other: Vec<OsString> = ["ipcx", "signal", "wait", "USR1"]
            .map(OsString::from)
            .to_vec();
        assert!(fast_path(&other).is_none());
    }

    #[test]
    fn destinations() {
        assert_eq!(parse_dest("4242"), Ok(Dest::Pid(4242)));
        assert_eq!(parse_dest("-4242"), Ok(Dest::Group(4242)));
        assert!(parse_dest("0").is_err());
        assert!(parse_dest("-0").is_err());
        assert!(parse_dest("-1").unwrap_err().contains("every process"));
        assert!(parse_dest("--5").is_err());
        assert!(parse_dest("x").is_err());
        assert!(parse_dest("99999999999").is_err());
        assert_eq!(Dest::Group(7).raw(), -7);
    }

    #[test]
    fn waitable_signals() {
        assert_eq!(waitable("usr1"), Ok(10));
        assert!(waitable("KILL")
            .unwrap_err()
            .contains("SIGKILL cannot be blocked"));
        assert!(waitable("19").unwrap_err().contains("SIGSTOP"));
        assert!(waitable("0").is_err());
    }
}
