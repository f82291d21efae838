//! `ipcx lock` and `ipcx lock test` as clap definitions.

use std::ffi::OsString;
use std::time::Duration;

use clap::{Args, Subcommand, ValueEnum};

use crate::core::lock::{Api, Range};

/// Take a file lock — flock(2), an open-file-description lock or a POSIX fcntl lock — and
/// run a command holding it, or lock a descriptor of the shell.
///
/// With `-- CMD ARGS...` ipcx takes the lock and becomes CMD (execve, no fork): the lock is
/// held as long as CMD lives and is gone when it ends, however it ends, even by SIGKILL; the
/// status is CMD's own (126 or 127 when it cannot be run). Without CMD the target must be a
/// descriptor number (`exec 9>lockfile; ipcx lock 9`): the lock stays with the shell's open
/// file, as with `flock 9`.
///
/// A missing file is created with mode 0600 (-m), never through a symlink; a file is never
/// truncated. A directory can be locked with --api flock (it is opened read-only).
///
/// flock and ofd locks belong to the open file, which CMD inherits; a posix lock belongs
/// to the process (it survives execve) and goes when it closes any descriptor of the file.
/// On Linux flock and fcntl (ofd, posix) locks do not see each other.
#[derive(Debug, Args)]
#[command(
    args_conflicts_with_subcommands = true,
    subcommand_negates_reqs = true,
    disable_help_subcommand = true,
    after_help = "Examples:
  ipcx lock /var/lock/backup -- backup.sh          # one backup at a time
  ipcx lock /var/lock/backup --nowait -- backup.sh # status 3 if one is running
  ipcx lock data.db --api posix --range 0:4K --timeout 5s -- ./job
  exec 9>>/run/lock/app; ipcx lock 9 --shared      # the shell's descriptor holds it
  ipcx lock test data.db --api posix               # who holds it?

A file named like a number or `test` is written as a path: ./9, ./test."
)]
pub struct LockArgs {
    #[command(subcommand)]
    pub command: Option<LockCommand>,

    /// The file (or directory) to lock, or an open descriptor number of the caller.
    #[arg(value_name = "PATH|FD", required = true)]
    pub target: Option<OsString>,

    #[command(flatten)]
    pub how: LockHow,

    /// Give up at once (status 3) when the lock is held.
    #[arg(short = 'n', long, conflicts_with = "timeout")]
    pub nowait: bool,

    /// Wait at most this long (e.g. 500ms, 5s), then status 3.
    #[arg(short = 'w', long, value_name = "DUR", value_parser = crate::core::parse::duration)]
    pub timeout: Option<Duration>,

    /// The permission bits of a file this creates (octal).
    #[arg(short, long, default_value = "600", value_name = "MODE", value_parser = crate::core::parse::mode)]
    pub mode: u32,

    /// The command to run holding the lock.
    #[arg(last = true, value_name = "CMD")]
    pub command_line: Vec<OsString>,
}

/// What lock: its kind, shared or exclusive, and the byte range.
#[derive(Debug, Args)]
pub struct LockHow {
    /// A shared (read) lock: others may share it; an exclusive one waits.
    #[arg(short, long, conflicts_with = "exclusive")]
    pub shared: bool,

    /// An exclusive (write) lock (the default).
    #[arg(short = 'x', long)]
    pub exclusive: bool,

    /// flock: flock(2); ofd: an open file description lock (F_OFD_SETLKW); posix: a
    /// process-associated fcntl lock (F_SETLKW).
    #[arg(long, value_enum, default_value = "flock", value_name = "API")]
    pub api: ApiArg,

    /// The bytes to lock, START[:LEN] (SIZEs; LEN 0 or none: to the end and beyond); for
    /// the fcntl kinds only.
    #[arg(long, value_name = "START[:LEN]", value_parser = parse_range, allow_hyphen_values = true)]
    pub range: Option<Range>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ApiArg {
    Flock,
    Ofd,
    Posix,
}

impl ApiArg {
    pub fn api(self) -> Api {
        match self {
            ApiArg::Flock => Api::Flock,
            ApiArg::Ofd => Api::Ofd,
            ApiArg::Posix => Api::Posix,
        }
    }
}

#[derive(Debug, Subcommand)]
pub enum LockCommand {
    Test(LockTestArgs),
}

/// Say whether a lock could be taken now, and print the lock in the way if not.
///
/// For ofd and posix the kernel answers (F_OFD_GETLK, F_GETLK); an OFD lock has no pid of
/// its own, and its holders are found through /proc/locks and /proc/PID/fdinfo. For flock
/// a non-blocking attempt is made and released at once. Status 0 when the lock could be
/// taken now, 3 when it could not (the conflicting lock is printed: kind, mode, START,
/// END, pid and command).
#[derive(Debug, Args)]
#[command(after_help = "Examples:
  ipcx lock test /var/lock/backup && echo free
  ipcx lock test data.db --api posix --range 0:4K")]
pub struct LockTestArgs {
    /// The file to test (it is not created).
    #[arg(value_name = "PATH")]
    pub path: std::path::PathBuf,

    #[command(flatten)]
    pub how: LockHow,

    /// Print JSON: the conflicting lock, or null.
    #[arg(long)]
    pub json: bool,
}

fn parse_range(text: &str) -> Result<Range, String> {
    crate::core::lock::parse_range(text)
}

/// `ipcx ls locks`, a subcommand of `ls` (a lock is listed through its own record and
/// columns, not as a kind of IPC object).
#[derive(Debug, Subcommand)]
pub enum LsCommand {
    Locks(LsLocksArgs),
}

/// List the file locks of /proc/locks, as lslocks: FLOCK, POSIX, OFDLCK, LEASE, DELEG.
///
/// The path of a locked file is found through the holder's /proc/PID/fd (else the mount
/// point of its device followed by `...`); an OFD lock, which has no pid, is shown with the
/// first process found holding it (/proc/PID/fdinfo). A waiter's MODE ends in `*` and its
/// BLOCKER is the pid it waits for. Locks of processes in other pid or mount namespaces are
/// shown with what can be resolved. --json keys are lslocks' column names in lower case.
#[derive(Debug, Args)]
#[command(
    after_help = "Columns (-o): COMMAND PID TYPE SIZE INODE MAJ:MIN MODE M START END PATH BLOCKER HOLDERS
Default: COMMAND PID TYPE SIZE MODE M START END PATH BLOCKER

Examples:
  ipcx ls locks
  ipcx ls locks --pid 4242 --json | jq '.locks[].path'
  ipcx ls locks --path /var/lock/backup -o pid,command,mode --no-headings"
)]
pub struct LsLocksArgs {
    /// Print JSON: a `locks` array, keyed by lslocks' column names in lower case.
    #[arg(short = 'J', long, conflicts_with = "raw")]
    pub json: bool,
    /// Print raw rows: one space between values, spaces inside values as \x20.
    #[arg(short, long)]
    pub raw: bool,
    /// The columns to show, comma-separated (e.g. pid,path); a leading + adds to the
    /// default columns.
    #[arg(short, long, value_name = "COLS")]
    pub output: Option<String>,
    /// Leave out the header line.
    #[arg(short = 'n', long)]
    pub no_headings: bool,
    /// Sizes in bytes (the default in --raw and --json).
    #[arg(short, long)]
    pub bytes: bool,
    /// Only the locks of this process.
    #[arg(short, long, value_name = "PID")]
    pub pid: Option<i32>,
    /// Only the locks on this file.
    #[arg(long, value_name = "PATH")]
    pub path: Option<std::path::PathBuf>,
}
