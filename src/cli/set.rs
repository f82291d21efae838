//! `ipcx set` as clap definitions: the kind, the objects, and what to change in them.

use clap::builder::TypedValueParser;
use clap::Args;

use super::ls::kind_values;
use crate::core::kind::Kind;
use crate::core::target::Target;

/// Change the mode, owner and group of IPC objects, a queue's size, a segment's lock.
///
/// For msg, shm and sem this is IPC_SET on the System V object (and SHM_LOCK/SHM_UNLOCK
/// for --lock/--unlock); for mq, pshm and psem it is fchmod/fchown on the POSIX object's
/// file (opened without following symlinks). Each object changed is printed with what
/// changed, old -> new; --dry-run prints the same and changes nothing. Every TARGET is
/// tried; each failure is named, and the status is then 1.
///
/// Only an object's owner or creator (or CAP_SYS_ADMIN) may change a System V object;
/// only a file's owner (or CAP_FOWNER/CAP_CHOWN) a POSIX one.
#[derive(Debug, Args)]
#[command(after_help = "Examples:
  ipcx set msg 0x4d2 --mode 640 --owner alice       # IPC_SET
  ipcx set msg 0x4d2 --max-bytes 1M                 # msg_qbytes (above msgmnb needs CAP_SYS_RESOURCE)
  ipcx set shm id:3 --lock                          # keep the segment in memory (SHM_LOCK)
  ipcx set mq /jobs /done --group staff --mode 660  # POSIX queues' files
  ipcx set sem 0x4d2 --owner bob:bob --dry-run")]
pub struct SetArgs {
    /// The kind of the TARGETs: msg, shm, sem (System V) or mq, pshm, psem (POSIX).
    #[arg(value_parser = one_kind())]
    pub kind: Kind,
    /// The objects: KEY, id:N or ftok:PATH[:PROJ]; /NAME for a POSIX kind.
    #[arg(required = true, value_name = "TARGET")]
    pub targets: Vec<Target>,
    /// The new permission bits (octal, e.g. 640).
    #[arg(short, long, value_name = "MODE", value_parser = crate::core::parse::mode)]
    pub mode: Option<u32>,
    /// The new owner, and with :GROUP the new group (names or numbers).
    #[arg(long, value_name = "USER[:GROUP]", value_parser = crate::core::users::owner_of)]
    pub owner: Option<(u32, Option<u32>)>,
    /// The new group (a name or a number).
    #[arg(long, value_name = "GROUP", value_parser = crate::core::users::gid_of)]
    pub group: Option<u32>,
    /// A System V queue's msg_qbytes: the most bytes it holds (e.g. 64K, 1M).
    #[arg(long, value_name = "SIZE", value_parser = crate::core::parse::size)]
    pub max_bytes: Option<u64>,
    /// Lock a System V segment in memory (SHM_LOCK): it is never swapped out.
    #[arg(long, conflicts_with = "unlock")]
    pub lock: bool,
    /// Unlock a System V segment (SHM_UNLOCK).
    #[arg(long)]
    pub unlock: bool,
    /// Print what would change and change nothing.
    #[arg(long)]
    pub dry_run: bool,
}

fn one_kind() -> impl TypedValueParser<Value = Kind> {
    kind_values(false).try_map(|kind| kind.ok_or("not a kind"))
}
