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

/// `set KIND TARGET... [--mode MODE] [--dry-run]` parsed without clap, as
/// `signal::fast_path` does for `signal send`: building clap's definitions costs more than
/// the IPC_SET a script runs ipcx for. Anything else is left to clap, which answers it as
/// always.
pub fn fast_path(args: &[std::ffi::OsString]) -> Option<super::Command> {
    let mut words = args.iter().skip(1).map(|a| a.to_str());
    if words.next()?? != "set" {
        return None;
    }
    let (mut kind, mut targets, mut mode, mut dry_run) = (None, Vec::new(), None, false);
    while let Some(word) = words.next() {
        let word = word?;
        let mode_text = match word {
            "--dry-run" if !dry_run => {
                dry_run = true;
                continue;
            }
            "--mode" | "-m" => words.next()??,
            word if word.starts_with("--mode=") => &word["--mode=".len()..],
            word if word.starts_with('-') => return None,
            word if kind.is_none() => {
                kind = Some(Kind::from_name(word)?);
                continue;
            }
            word => {
                targets.push(word.parse::<Target>().ok()?);
                continue;
            }
        };
        // clap refuses an option given twice; a value clap would take as an option is left
        // to it too.
        if mode.is_some() || mode_text.starts_with('-') {
            return None;
        }
        mode = Some(crate::core::parse::mode(mode_text).ok()?);
    }
    if targets.is_empty() {
        return None;
    }
    Some(super::Command::Set(SetArgs {
        kind: kind?,
        targets,
        mode,
        owner: None,
        group: None,
        max_bytes: None,
        lock: false,
        unlock: false,
        dry_run,
    }))
}

fn one_kind() -> impl TypedValueParser<Value = Kind> {
    kind_values(false).try_map(|kind| kind.ok_or("not a kind"))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The fast path answers exactly as clap does, or leaves the arguments to clap.
    #[test]
    fn the_fast_path_agrees_with_clap() {
        crate::cli::assert_fast_path_agrees(
            &["ipcx", "set"],
            fast_path,
            &[
                &["msg", "0x4d2", "--mode", "640"],
                &["shm", "id:3", "1234", "-m", "600", "--dry-run"],
                &["--mode=0o644", "sem", "7"],
                &["mq", "/q", "/r", "--mode", "600"],
                &["psem", "/s", "--dry-run"],
                &["msg", "ftok:/tmp:x", "-m", "0"],
            ],
            &[
                &[],
                &["msg"],
                &["queue", "1", "--mode", "600"],
                &["msg", "x", "--mode", "600"],
                &["msg", "1", "--mode", "800"],
                &["msg", "1", "--mode"],
                &["msg", "1", "--mode", "600", "-m", "600"],
                &["msg", "1", "--dry-run", "--dry-run"],
                &["msg", "1", "--owner", "root"],
                &["msg", "1", "-m600"],
                &["msg", "1", "--help"],
            ],
        );
    }
}
