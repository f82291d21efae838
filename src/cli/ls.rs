//! `ipcx ls` as clap definitions: the kinds to list (or all), the output formats and
//! columns, the extra columns and the filters.

use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser};
use clap::{ArgGroup, Args};

use crate::core::kind::Kind;
use crate::core::target;

const EXAMPLES: &str = "Examples:
  ipcx ls                       # every queue, segment and semaphore set
  ipcx ls shm --attached        # which processes have each segment attached
  ipcx ls pshm psem --holders   # who has each POSIX object open or mapped
  ipcx ls msg sem --waiters     # who is blocked on each queue and semaphore set, and how
  ipcx ls --ns 4242             # the objects of process 4242's IPC namespace (a container)
  ipcx ls -A --json             # every IPC namespace of the host with its objects
  ipcx ls msg --json | jq '.messages[] | select(.msgs > 0)'
  ipcx ls --limits              # kernel limits and how much of each is used
  ipcx ls sem -o key,id,nsems --raw --no-headings
  ipcx ls mq pshm psem          # only the POSIX objects";

/// What `ls --help` shows after the options: every column of each kind, then examples.
/// Whether the definition being built may show help (the whole tree, which --help, errors,
/// completions and the man pages come from): only then is the long help built.
pub static HELP_WANTED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// `ls --help`'s text after the options: every kind's columns, then the examples. It is
/// made from the column tables, which is as much work as the rest of `ipcx ls` itself, so
/// a plain `ipcx ls` (parsed with its own definition alone) does not make it.
fn long_help() -> clap::builder::Resettable<clap::builder::StyledStr> {
    use clap::builder::Resettable;
    if HELP_WANTED.load(std::sync::atomic::Ordering::Relaxed) {
        Resettable::Value(format!("{}\n{EXAMPLES}", crate::cmd::columns_help()).into())
    } else {
        Resettable::Reset
    }
}

/// List System V and POSIX message queues, shared memory and semaphores.
///
/// Without a TYPE every kind of both families is listed, one table each. The columns follow
/// lsipc: --json uses lsipc's column names in lower case as keys, with numbers as JSON
/// numbers. POSIX objects are read from /dev/mqueue (queues) and /dev/shm (shared memory,
/// and semaphores as sem.NAME files). Queues can be listed only where /dev/mqueue is an
/// mqueue mount: without it `ls mq` fails (status 1), and a listing of every kind lists
/// the rest and says on stderr why queues are missing.
#[derive(Debug, Args)]
#[command(
    group(ArgGroup::new("format").args(["json", "raw", "export"])),
    group(ArgGroup::new("units").args(["human", "bytes"])),
    after_help = EXAMPLES,
    after_long_help = long_help()
)]
pub struct LsArgs {
    /// `ls locks`: file locks, listed apart (their own columns, as lslocks).
    #[command(subcommand)]
    pub locks: Option<crate::cli::lock::LsCommand>,

    /// What to list: msg, shm, sem (System V), mq, pshm, psem (POSIX), or all (the default).
    // `None` is `all`.
    #[arg(value_parser = kind_values(true))]
    pub types: Vec<Option<Kind>>,

    /// Print JSON: one array per kind, keyed `messages`, `sharedmemory`, `semaphores`,
    /// `posixmqueues`, `posixsharedmemory`, `posixsemaphores`.
    #[arg(short = 'J', long)]
    pub json: bool,
    /// Print raw rows: one space between values, spaces inside values as \x20.
    #[arg(short, long)]
    pub raw: bool,
    /// Print KEY="value" pairs, one object per line.
    #[arg(short, long)]
    pub export: bool,
    /// The columns to show, comma-separated (e.g. key,id,owner); a leading + adds to the
    /// default columns. --help lists the columns of each kind.
    #[arg(short, long, value_name = "COLS")]
    pub output: Option<String>,
    /// Leave out the header line.
    #[arg(short = 'n', long)]
    pub no_headings: bool,

    /// Show every System V limit of /proc/sys/kernel with its current use.
    #[arg(short = 'g', long, visible_alias = "global")]
    pub limits: bool,
    /// Add the times of the last send/receive, attach/detach or operation.
    #[arg(short, long)]
    pub time: bool,
    /// Add the creator's and owner's user and group.
    #[arg(short, long)]
    pub creator: bool,
    /// Add the command names of the last sender/receiver or creator/last user.
    #[arg(short, long)]
    pub pid: bool,
    /// Add a HOLDERS column: for each segment, POSIX shared memory, semaphore and queue,
    /// the processes that hold it (pid, command, and how: attached, fd or mapped).
    /// Processes that cannot be read are counted on stderr, never guessed.
    #[arg(short = 'a', long, visible_alias = "attached")]
    pub holders: bool,
    /// Add a WAITERS column: for each queue and semaphore of either family, the processes
    /// blocked on it and what they wait for (msgrcv's type and size, semop's operations),
    /// read from /proc/PID/syscall.
    #[arg(short = 'w', long)]
    pub waiters: bool,
    /// List the objects of another IPC namespace: that of process PID (and its POSIX
    /// objects, through its mount namespace), or of a namespace file (a bind mount of
    /// /proc/PID/ns/ipc). Entered in a child process; nothing is changed there.
    #[arg(long, value_name = "PID|PATH", conflicts_with = "all_namespaces")]
    pub ns: Option<String>,
    /// List every IPC namespace of the host (found from /proc/*/ns/ipc, as lsns finds
    /// them), each under a heading naming it, a process in it and its container; JSON:
    /// `namespaces`, one entry per namespace with its objects.
    #[arg(short = 'A', long)]
    pub all_namespaces: bool,
    /// Sizes as 4K, 1.5M (the default in the table).
    #[arg(long)]
    pub human: bool,
    /// Sizes in bytes (the default in --raw, --export and --json).
    #[arg(short, long)]
    pub bytes: bool,

    /// Only the object with this key (decimal or 0x hex).
    #[arg(long, value_name = "KEY", value_parser = parse_key)]
    pub key: Option<i32>,
    /// Only the object with this id.
    #[arg(long, value_name = "ID")]
    pub id: Option<i32>,
    /// Only objects owned by this user (name or uid), of either family.
    #[arg(long, value_name = "USER", value_parser = crate::core::users::uid_of)]
    pub owner: Option<u32>,
}

impl LsArgs {
    /// The first option of `ls` itself that was given, if any: with `ls locks` it would be
    /// ignored, since locks take their own (`ls locks --json`).
    pub fn option_given(&self) -> Option<&'static str> {
        let given = [
            (self.json, "--json"),
            (self.raw, "--raw"),
            (self.export, "--export"),
            (self.output.is_some(), "--output"),
            (self.no_headings, "--no-headings"),
            (self.limits, "--limits"),
            (self.time, "--time"),
            (self.creator, "--creator"),
            (self.pid, "--pid"),
            (self.holders, "--holders"),
            (self.waiters, "--waiters"),
            (self.ns.is_some(), "--ns"),
            (self.all_namespaces, "--all-namespaces"),
            (self.human, "--human"),
            (self.bytes, "--bytes"),
            (self.key.is_some(), "--key"),
            (self.id.is_some(), "--id"),
            (self.owner.is_some(), "--owner"),
        ];
        given
            .into_iter()
            .find(|(set, _)| *set)
            .map(|(_, name)| name)
    }

    /// Whether TYPEs were named (not none, nor `all` among them).
    pub fn named(&self) -> bool {
        !self.types.is_empty() && !self.types.contains(&None)
    }

    /// Whether POSIX objects are listed (which, in another namespace, live in its mount
    /// namespace).
    pub fn posix(&self) -> bool {
        !self.limits && self.kinds().iter().any(|kind| kind.named())
    }

    /// The kinds to list, in listing order: those named, or every kind.
    pub fn kinds(&self) -> Vec<Kind> {
        if !self.named() {
            return Kind::ALL.to_vec();
        }
        let mut kinds: Vec<Kind> = self.types.iter().flatten().copied().collect();
        kinds.sort_unstable();
        kinds.dedup();
        kinds
    }
}

/// The help of a POSIX kind in `ls TYPE`'s list: where its objects are.
/// The parser of a TYPE word: every kind by its name (a POSIX one with where it lives),
/// and `all` (as `None`, every kind) where `all` says so.
pub(crate) fn kind_values(all: bool) -> impl TypedValueParser<Value = Option<Kind>> {
    let kinds = Kind::ALL.into_iter().map(|kind| {
        let value = PossibleValue::new(kind.name());
        match kind.named() {
            true => value.help(format!("{} ({})", kind.title(), kind.home())),
            false => value,
        }
    });
    let all = all.then(|| PossibleValue::new("all"));
    PossibleValuesParser::new(kinds.chain(all)).map(|word: String| Kind::from_name(&word))
}

pub fn parse_key(text: &str) -> Result<i32, String> {
    target::parse_key(text).ok_or_else(|| {
        format!("'{text}' is not a key (expected decimal, 0x hex or 0 octal, 32 bits)")
    })
}
