//! The listed object: one record for an object of any kind, as `ls` shows it and `rm`
//! chooses and removes it. `list` reads the objects of a kind (System V ones through the
//! data layer, `ipcdata`; POSIX ones from their directories, `posix`), and each `Listed`
//! answers what every object has (its owner, mode, when it last changed, how it is named)
//! and removes itself. The commands ask these questions of any object alike; which family
//! an object is of is decided here.

use anyhow::Result;
use nix::errno::Errno;

use crate::core::holders::Holders;
use crate::core::ipcdata::{self, MsgRecord, Perm, SemRecord, ShmRecord};
use crate::core::kind::{describe, describe_name, Kind};
use crate::core::posix::{self, Entry, MqRecord, PsemRecord};
use crate::core::procfs;
use crate::core::sysv;
use crate::core::sysv::sem::SemSet;
use crate::core::target::Target;
use crate::core::waiters::Waiters;

/// One object, as its kind lists it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Listed {
    Msg(MsgRecord),
    Shm(ShmRecord),
    Sem(SemRecord),
    Mq(MqRecord),
    Pshm(Entry),
    Psem(PsemRecord),
}

/// The objects of `kind`; None where the kind cannot be listed here (POSIX queues where
/// /dev/mqueue is not an mqueue mount), and `unlisted_why` says why.
pub fn list(kind: Kind) -> Result<Option<Vec<Listed>>> {
    fn all<T>(records: Vec<T>, listed: fn(T) -> Listed) -> Option<Vec<Listed>> {
        Some(records.into_iter().map(listed).collect())
    }
    Ok(match kind {
        Kind::Msg => all(ipcdata::msg_records()?, Listed::Msg),
        Kind::Shm => all(ipcdata::shm_records()?, Listed::Shm),
        Kind::Sem => all(ipcdata::sem_records()?, Listed::Sem),
        Kind::Mq => posix::mq_records()?.and_then(|records| all(records, Listed::Mq)),
        Kind::Pshm => all(posix::pshm_records()?, Listed::Pshm),
        Kind::Psem => all(posix::psem_records()?, Listed::Psem),
    })
}

/// Why `list` found no listing of a kind, and how to get one.
pub fn unlisted_why() -> String {
    posix::mqueue_unmounted()
}

/// What tells an object apart from the others of its kind: its System V id or its
/// `/NAME`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Ident<'a> {
    Id(i32),
    Name(&'a str),
}

impl Listed {
    pub fn kind(&self) -> Kind {
        match self {
            Listed::Msg(_) => Kind::Msg,
            Listed::Shm(_) => Kind::Shm,
            Listed::Sem(_) => Kind::Sem,
            Listed::Mq(_) => Kind::Mq,
            Listed::Pshm(_) => Kind::Pshm,
            Listed::Psem(_) => Kind::Psem,
        }
    }

    /// The `ipc_perm` of a System V object.
    pub fn perm(&self) -> Option<&Perm> {
        match self {
            Listed::Msg(r) => Some(&r.perm),
            Listed::Shm(r) => Some(&r.perm),
            Listed::Sem(r) => Some(&r.perm),
            Listed::Mq(_) | Listed::Pshm(_) | Listed::Psem(_) => None,
        }
    }

    /// The file of a POSIX object.
    pub fn entry(&self) -> Option<&Entry> {
        match self {
            Listed::Mq(r) => Some(&r.entry),
            Listed::Pshm(e) => Some(e),
            Listed::Psem(r) => Some(&r.entry),
            Listed::Msg(_) | Listed::Shm(_) | Listed::Sem(_) => None,
        }
    }

    /// What `perm` makes of a System V object's `ipc_perm`, or `entry` of a POSIX
    /// object's file.
    fn pick<'s, T>(
        &'s self,
        perm: impl FnOnce(&'s Perm) -> T,
        entry: impl FnOnce(&'s Entry) -> T,
    ) -> T {
        match self {
            Listed::Msg(r) => perm(&r.perm),
            Listed::Shm(r) => perm(&r.perm),
            Listed::Sem(r) => perm(&r.perm),
            Listed::Mq(r) => entry(&r.entry),
            Listed::Pshm(e) => entry(e),
            Listed::Psem(r) => entry(&r.entry),
        }
    }

    /// The System V key.
    pub fn key(&self) -> Option<i32> {
        self.perm().map(|p| p.key)
    }

    /// The System V id.
    pub fn id(&self) -> Option<i32> {
        self.perm().map(|p| p.id)
    }

    /// The POSIX `/NAME`.
    pub fn name(&self) -> Option<&str> {
        self.entry().map(|e| e.name.as_str())
    }

    /// How the object is told apart from the others of its kind.
    pub fn ident(&self) -> Ident<'_> {
        self.pick(|p| Ident::Id(p.id), |e| Ident::Name(&e.name))
    }

    pub fn uid(&self) -> u32 {
        self.pick(|p| p.uid, |e| e.uid)
    }

    pub fn gid(&self) -> u32 {
        self.pick(|p| p.gid, |e| e.gid)
    }

    /// The mode bits: with SHM_DEST and SHM_LOCKED for a segment, as /proc prints them.
    pub fn mode(&self) -> u32 {
        self.pick(|p| p.mode, |e| e.mode)
    }

    /// When the object last changed: ctime of a System V object, the file's mtime.
    pub fn changed(&self) -> i64 {
        self.pick(|p| p.ctime, |e| e.mtime)
    }

    /// The creator's uid and gid, where the object keeps them (System V).
    pub fn creator(&self) -> Option<(u32, u32)> {
        self.perm().map(|p| (p.cuid, p.cgid))
    }

    /// The size in bytes of a segment or a POSIX object's file.
    pub fn size(&self) -> Option<u64> {
        match self {
            Listed::Shm(r) => Some(r.size),
            other => other.entry().map(|e| e.size),
        }
    }

    /// Whether nobody holds the object, nobody waits on it, and (System V) the processes
    /// it names — creator, last sender, receiver, attacher or operator — are gone:
    /// `holders` and `waiters` are one scan each of /proc. A segment's attachments are the
    /// kernel's nattch, and a semaphore set's waiters its semncnt and semzcnt, which count
    /// every process; the other kinds' holders and waiters come from the scans alone (see
    /// `needs_scan`).
    pub fn orphaned(&self, holders: &Holders, waiters: &Waiters) -> bool {
        let gone = |pids: &[i32]| pids.iter().all(|pid| !procfs::alive(*pid));
        let file = holders.file_of(self);
        let unheld = holders.of(self).is_empty() && waiters.of(self, file).is_empty();
        match self {
            Listed::Shm(r) => r.nattch == 0 && unheld && gone(&[r.cpid, r.lpid]),
            Listed::Msg(r) => unheld && gone(&[r.lspid, r.lrpid]),
            Listed::Sem(r) => {
                let Ok(set) = SemSet::open(r.perm.id) else {
                    return false;
                };
                (0..set.nsems).all(|index| {
                    set.ncnt(index) == Ok(0)
                        && set.zcnt(index) == Ok(0)
                        && set.pid(index).is_ok_and(|pid| gone(&[pid]))
                })
            }
            // A file the scan could not identify (gone meanwhile, or not ours to stat)
            // cannot be told held or not: never taken as orphaned.
            Listed::Mq(_) | Listed::Pshm(_) | Listed::Psem(_) => file.is_some() && unheld,
        }
    }

    /// Whether `orphaned` rests on the scans of /proc alone for this kind, so that a
    /// process that could not be read might hold or wait on it unseen.
    pub fn needs_scan(kind: Kind) -> bool {
        !matches!(kind, Kind::Shm | Kind::Sem)
    }

    /// The object in messages: `queue 0x000004d2 (id 3)`, `POSIX queue /jobs`.
    pub fn label(&self) -> String {
        let kind = self.kind();
        self.pick(
            |p| describe(kind, Some(p.key), Some(p.id)),
            |e| describe_name(kind, &e.name),
        )
    }

    /// Removes the object: IPC_RMID, or the unlink of its name.
    pub fn remove(&self) -> Result<(), Errno> {
        let kind = self.kind();
        self.pick(
            |p| sysv::remove(kind, p.id),
            |e| posix::unlink(kind, &e.name),
        )
    }
}

/// The listed object of `kind` a TARGET names (checked by `Kind::check_target`), or the
/// error line for it.
pub fn find<'a>(kind: Kind, target: &Target, listed: &'a [Listed]) -> Result<&'a Listed, String> {
    let (key, id) = match target {
        Target::Posix(name) => {
            return listed
                .iter()
                .find(|l| l.name() == Some(name.as_str()))
                .ok_or_else(|| format!("{}: no such {}", describe_name(kind, name), kind.noun()));
        }
        Target::Id(id) => (None, Some(*id)),
        other => match other.key() {
            Ok(key) => (key, None),
            Err(err) => {
                let why = err
                    .downcast_ref::<std::io::Error>()
                    .map(crate::core::io_text)
                    .unwrap_or_else(|| err.to_string());
                return Err(format!("{} {target}: {err}: {why}", kind.noun()));
            }
        },
    };
    listed
        .iter()
        .find(|l| l.id().is_some() && (l.id() == id || (id.is_none() && l.key() == key)))
        .ok_or_else(|| format!("{}: no such {}", describe(kind, key, id), kind.noun()))
}

/// Removes the object `/NAME` of a kind that could not be listed.
pub fn remove_named(kind: Kind, name: &str) -> Result<(), Errno> {
    posix::unlink(kind, name)
}

/// Whether the object `/NAME` of a kind that could not be listed exists, asked of the
/// kind's open call, which needs no listing.
pub fn exists_named(kind: Kind, name: &str) -> Result<bool, Errno> {
    match kind {
        Kind::Mq => posix::mq_exists(name),
        _ => Err(Errno::EINVAL),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A POSIX object whose file the holders' scan did not identify is undecided, not
    /// orphaned: its holders were never looked for.
    #[test]
    fn an_unidentified_file_is_not_orphaned() {
        let object = Listed::Pshm(Entry {
            name: "/ipcx-test-no-such-object".into(),
            uid: 0,
            gid: 0,
            mode: 0o600,
            size: 0,
            mtime: 0,
        });
        let holders = Holders::scan([&object]);
        assert_eq!(holders.file_of(&object), None);
        assert!(!object.orphaned(&holders, &Waiters::default()));
    }
}
