//! The util-linux personalities as subcommands (`ipcx ipcs -q`), so that they are listed in
//! `ipcx --help` and have manual pages; and `install-links`, which makes the `ipcs`,
//! `ipcrm`, `ipcmk` and `flock` links that select them by name.

use std::ffi::OsString;
use std::path::PathBuf;

use clap::Args;

/// The options and operands of a util-linux tool, handed to the personality unchanged:
/// it parses them itself, with getopt's rules and util-linux's messages.
#[derive(Debug, Args)]
#[command(disable_help_flag = true, disable_version_flag = true)]
pub struct PersonalityArgs {
    /// util-linux's options and operands (see its manual page); `--help` shows them.
    #[arg(
        trailing_var_arg = true,
        allow_hyphen_values = true,
        num_args = 0..,
        value_name = "ARGS"
    )]
    pub args: Vec<OsString>,
}

pub const IPCS_ABOUT: &str = "\
util-linux's ipcs, option for option and byte for byte: the same as running the binary under \
the name `ipcs` (a link made by `ipcx install-links`). Shows queues, segments and semaphore \
sets (-q -m -s -a) in the table, time (-t), pid (-p), creator (-c), limits (-l) or summary \
(-u) format, one object in detail (-i ID with one of -q -m -s), sizes in bytes (-b) or \
human units (--human). The output, messages and exit statuses are util-linux's (2.38 and \
2.42.2 print the same; -h keeps 2.38's spacing), so scripts that parse ipcs keep working.\n\n\
Without /proc/sysvipc or /proc/sys/kernel it asks the kernel as util-linux does \
(*_STAT slot by slot, IPC_INFO), with the same results.\n\n\
Deliberate differences: -V names ipcx (`ipcs from ipcx VERSION (util-linux 2.42.2 \
compatible)`); `-s -i` with a negative id, which crashes util-linux, answers \
`id N not found`; and nothing is translated: the C locale's text and decimal point, \
whatever LANG says.";

pub const IPCRM_ABOUT: &str = "\
util-linux 2.42.2's ipcrm, option for option: the same as running the binary under the name \
`ipcrm`. Removes by id (-q -m -s), by key (-Q -M -S; decimal, 0x hex or 0 octal) and by \
POSIX name (--posix-shmem NAME, --posix-mqueue /NAME, --posix-semaphore NAME), the legacy \
form `ipcrm msg|shm|sem ID...`, and everything of a kind with \
-a/--all[=shm|pshm|msg|pmsg|sem|psem]; -v tells each removal. Each failure is reported and \
the rest still removed (status 1); a value that does not parse stops at once.\n\n\
The one deliberate difference in what it removes: a bare -a removes System V objects only, \
as util-linux 2.38 and `ipcx rm --all` do. util-linux 2.41 and later also unlink every \
POSIX shared memory object, semaphore and queue under /dev/shm and /dev/mqueue, which \
belong to other programs' live state; here they go only when their kind is named \
(--all=pshm, --all=pmsg, --all=psem). Besides: -V names ipcx: `ipcrm from ipcx VERSION \
(util-linux 2.42.2 compatible)`; messages are never translated; and in the legacy form an \
empty id is `invalid id: ` where util-linux removes id 0.";

pub const IPCMK_ABOUT: &str = "\
util-linux 2.42.2's ipcmk, option for option: the same as running the binary under the \
name `ipcmk`. Creates a segment (-M SIZE), a queue (-Q) and a semaphore set (-S NSEMS) \
under random keys, and POSIX objects named -n NAME: a shared memory object (-m SIZE), a \
message queue (-q) and a semaphore (-s, value 0), with mode -p MODE (octal, default 0644, \
as util-linux), and prints `Shared memory id: N`, `POSIX shared memory name: NAME` and \
the like; the first failure ends the run with status 1. Deliberate differences: -V names ipcx (`ipcmk from ipcx VERSION \
(util-linux 2.42.2 compatible)`), messages are never translated, and a size whose fraction \
would carry it past 2^64 - 1 is out of range, where util-linux wraps it to a tiny \
segment.";

pub const FLOCK_ABOUT: &str = "\
util-linux 2.42.2's flock(1), option for option: the same as running the binary under the \
name `flock`. `flock [options] FILE|DIR CMD [ARGS]` and `flock [options] FILE|DIR -c CMD` \
run CMD holding a lock on the file (created 0666 & umask if missing), `flock [options] FD` \
locks a descriptor the shell opened; -s shared, -x exclusive, -u unlock, -n/--nonblock, \
-w/--timeout SECS, -E/--conflict-exit-code N, -o/--close, -F/--no-fork, --fcntl with \
--start and --length (byte ranges of open-file-description locks, which util-linux 2.38 \
lacks), -v/--verbose. Statuses: 1 on a conflict or a timeout (or -E N), 64 and up for its \
own errors (sysexits.h), CMD's status otherwise. Deliberate differences: -V names ipcx \
(`flock from ipcx VERSION (util-linux 2.42.2 compatible)`), messages are never \
translated, and a missing file is never created through a symlink (status 66).";

/// Create `ipcs`, `ipcrm`, `ipcmk` and `flock` links to this binary, so that scripts calling
/// util-linux's tools get ipcx.
#[derive(Debug, Args)]
#[command(
    long_about = "Create `ipcs`, `ipcrm`, `ipcmk` and `flock` links to this binary, next to it or in DIR. \
`cargo install` cannot create them itself. A name that already links to ipcx is kept; any \
other file of that name is left alone unless --force replaces it.",
    after_help = "Examples:\n  ipcx install-links                  # next to the ipcx binary\n  sudo ipcx install-links /usr/local/bin\n  ipcx install-links ~/bin --force    # replace what is there"
)]
pub struct InstallLinksArgs {
    /// The directory for the links; default: the directory that holds the ipcx binary.
    pub dir: Option<PathBuf>,
    /// Replace files of those names that are not links to ipcx.
    #[arg(long)]
    pub force: bool,
}
