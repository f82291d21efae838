//! `ipcx rm` as clap definitions: kinds and targets, ipcrm's -q/-Q/-m/-M/-s/-S flags, and
//! the selection of `--all` (owner, age, orphaned, dry run).

use std::time::Duration;

use clap::builder::TypedValueParser;
use clap::Args;

use super::ls::kind_values;
use crate::core::kind::Kind;
use crate::core::target::Target;

/// Remove System V and POSIX message queues, shared memory and semaphores.
///
/// Each object removed is printed, one per line, before the next is removed: when a line
/// cannot be written (a full disk), nothing more is removed and stderr names the object
/// whose line was lost. A failure to remove one object is reported and the rest are still
/// removed; the status is then 1. A segment still attached goes when its last user
/// detaches; a POSIX object goes when its last user closes it. A bare --all covers the
/// System V kinds only: POSIX objects live in /dev/shm and /dev/mqueue beside other
/// programs' state, so they are removed in bulk only when their type is named (--all=pshm).
#[derive(Debug, Args)]
#[command(after_help = "Examples:
  ipcx rm msg 0x4d2 id:7        # by key and by id
  ipcx rm -q 7 -M 0x4d2         # ipcrm's flags
  ipcx rm --all=shm --orphaned --dry-run
  ipcx rm --all=pshm --orphaned --older-than 1d   # POSIX segments left behind
  ipcx rm --all --owner alice --older-than 2h
  ipcx rm mq /jobs              # a POSIX queue by name
  ipcx rm --all=psem --dry-run  # every POSIX semaphore, shown but not removed")]
pub struct RmArgs {
    /// The kind of the TARGETs: msg, shm, sem (System V) or mq, pshm, psem (POSIX).
    #[arg(value_parser = one_kind(), requires = "targets")]
    pub kind: Option<Kind>,
    /// The objects: KEY, id:N or ftok:PATH[:PROJ]; /NAME for a POSIX kind.
    #[arg(value_name = "TARGET", requires = "kind")]
    pub targets: Vec<Target>,

    /// Remove the message queue with this id.
    #[arg(short = 'q', long, value_name = "ID")]
    pub queue_id: Vec<i32>,
    /// Remove the message queue with this key.
    #[arg(short = 'Q', long, value_name = "KEY", value_parser = super::ls::parse_key)]
    pub queue_key: Vec<i32>,
    /// Remove the shared memory segment with this id.
    #[arg(short = 'm', long, value_name = "ID")]
    pub shmem_id: Vec<i32>,
    /// Remove the shared memory segment with this key.
    #[arg(short = 'M', long, value_name = "KEY", value_parser = super::ls::parse_key)]
    pub shmem_key: Vec<i32>,
    /// Remove the semaphore set with this id.
    #[arg(short = 's', long, value_name = "ID")]
    pub semaphore_id: Vec<i32>,
    /// Remove the semaphore set with this key.
    #[arg(short = 'S', long, value_name = "KEY", value_parser = super::ls::parse_key)]
    pub semaphore_key: Vec<i32>,

    /// Remove every object of TYPE (msg, shm, sem, mq, pshm, psem), or of all System V
    /// types without one.
    #[arg(long, value_name = "TYPE", value_parser = one_kind(), num_args = 0..=1, require_equals = true)]
    pub all: Option<Option<Kind>>,
    /// Only objects owned by this user (name or uid).
    #[arg(long, value_name = "USER", value_parser = crate::core::users::uid_of)]
    pub owner: Option<u32>,
    /// Only objects last changed longer ago than this (e.g. 30m, 2h, 7days): ctime for
    /// System V objects, the file's mtime for POSIX ones.
    #[arg(long, value_name = "DURATION", value_parser = crate::core::parse::duration)]
    pub older_than: Option<Duration>,
    /// Only objects nobody holds (attached, open or mapped) and nobody waits on; for System
    /// V objects also the processes they name (creator, last sender and receiver, last
    /// attacher, last operator) must be gone. With a bare --all, the System V kinds.
    #[arg(long)]
    pub orphaned: bool,
    /// Remove in another IPC namespace: that of process PID (its POSIX objects through its
    /// mount namespace) or of a namespace file, entered in a child process.
    #[arg(long, value_name = "PID|PATH")]
    pub ns: Option<String>,
    /// Print what would be removed and remove nothing.
    #[arg(long)]
    pub dry_run: bool,
}

/// The help of a POSIX kind in `rm`'s lists.
/// The parser of rm's KIND and --all=TYPE: one kind by its name.
fn one_kind() -> impl TypedValueParser<Value = Kind> {
    kind_values(false).try_map(|kind| kind.ok_or("not a kind"))
}
