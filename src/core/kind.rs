//! The one idea of "which kind of object": the three System V kinds (msg, shm, sem) and the
//! three POSIX ones (mq, pshm, psem), with the words every command uses for them (the name
//! on the command line, the noun in messages, the title of a listing) and what an errno
//! from an operation on one means. The command line (`ls TYPE`, `rm KIND`), `ls`, `rm`, the
//! commands of each kind and the personalities all take this type; which family a kind
//! belongs to is asked of it, never kept in a second type.

use std::fmt;

use nix::errno::Errno;

use crate::core::target::{key_hex, Target};

/// The two families of IPC objects: how their objects are named and where they live.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Family {
    /// Named by key and id, kept by the kernel (/proc/sysvipc).
    Sysv,
    /// Named `/NAME`, files under /dev/mqueue and /dev/shm.
    Posix,
}

/// One kind of IPC object, of either family.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    Msg,
    Shm,
    Sem,
    Mq,
    Pshm,
    Psem,
}

impl Kind {
    /// Every kind, System V first, in the order listings show them.
    pub const ALL: [Kind; 6] = [
        Kind::Msg,
        Kind::Shm,
        Kind::Sem,
        Kind::Mq,
        Kind::Pshm,
        Kind::Psem,
    ];
    /// The System V kinds: what a bare `rm --all` and `ipcrm -a` cover.
    pub const SYSV: [Kind; 3] = [Kind::Msg, Kind::Shm, Kind::Sem];

    /// The family the kind belongs to.
    pub fn family(self) -> Family {
        match self {
            Kind::Msg | Kind::Shm | Kind::Sem => Family::Sysv,
            Kind::Mq | Kind::Pshm | Kind::Psem => Family::Posix,
        }
    }

    /// The word for one object of this kind, in error messages and reports.
    pub fn noun(self) -> &'static str {
        match self {
            Kind::Msg => "queue",
            Kind::Shm => "segment",
            Kind::Sem => "semaphore set",
            Kind::Mq => "POSIX queue",
            Kind::Pshm => "POSIX shared memory",
            Kind::Psem => "POSIX semaphore",
        }
    }

    /// The name on the command line (`rm msg`, `ls pshm`).
    pub fn name(self) -> &'static str {
        match self {
            Kind::Msg => "msg",
            Kind::Shm => "shm",
            Kind::Sem => "sem",
            Kind::Mq => "mq",
            Kind::Pshm => "pshm",
            Kind::Psem => "psem",
        }
    }

    /// The kind of a command-line name, as `name` spells it.
    pub fn from_name(name: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|kind| kind.name() == name)
    }

    /// The objects of this kind, in the plural: the title of a listing.
    pub fn title(self) -> &'static str {
        match self {
            Kind::Msg => "Message queues",
            Kind::Shm => "Shared memory segments",
            Kind::Sem => "Semaphore sets",
            Kind::Mq => "POSIX message queues",
            Kind::Pshm => "POSIX shared memory",
            Kind::Psem => "POSIX semaphores",
        }
    }

    /// Where the objects of a POSIX kind are listed (System V objects live in the kernel's
    /// tables, /proc/sysvipc).
    pub fn home(self) -> &'static str {
        match self {
            Kind::Mq => "/dev/mqueue",
            Kind::Pshm => "/dev/shm",
            Kind::Psem => "/dev/shm/sem.*",
            Kind::Msg | Kind::Shm | Kind::Sem => "/proc/sysvipc",
        }
    }

    /// Whether objects of this kind are named `/NAME` rather than by key and id.
    pub fn named(self) -> bool {
        self.family() == Family::Posix
    }

    /// What an errno from an operation on an existing object means, in words. A System V
    /// id that names nothing comes back as EINVAL or EIDRM, a key as ENOENT; a POSIX name
    /// that names nothing as ENOENT.
    pub fn why(self, errno: Errno) -> String {
        match (self.family(), errno) {
            (_, Errno::ENOENT) | (Family::Sysv, Errno::EINVAL | Errno::EIDRM) => {
                format!("no such {}", self.noun())
            }
            (_, Errno::EACCES | Errno::EPERM) => "permission denied".into(),
            (_, other) => crate::core::errno_text(other),
        }
    }

    /// Who may remove an object of this kind, for a refused removal.
    pub fn who_may_remove(self) -> &'static str {
        match self.family() {
            Family::Sysv => "only the owner, the creator or root may remove it",
            Family::Posix => "removing it needs write permission on its directory",
        }
    }

    /// Whether a TARGET can name an existing object of this kind; the usage error if not.
    pub fn check_target(self, target: &Target) -> Result<(), String> {
        match (self.family(), target) {
            (Family::Posix, Target::Posix(_)) => Ok(()),
            (Family::Posix, other) => Err(format!(
                "'{other}' is not a POSIX name; {} objects are named /NAME",
                self.name()
            )),
            (Family::Sysv, Target::Private) => {
                Err("'private' names no existing object; give a key or id:N".into())
            }
            (Family::Sysv, Target::Posix(name)) => Err(format!(
                "{name} is a POSIX name; {} objects are named by KEY, id:N or ftok:PATH (for POSIX objects use mq, pshm or psem)",
                self.name()
            )),
            (Family::Sysv, _) => Ok(()),
        }
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// How a System V object is named in messages: `queue 0x000004d2 (id 3)`, or with what is
/// known.
pub fn describe(kind: Kind, key: Option<i32>, id: Option<i32>) -> String {
    match (key, id) {
        (Some(key), Some(id)) => format!("{} {} (id {id})", kind.noun(), key_hex(key)),
        (Some(key), None) => format!("{} {}", kind.noun(), key_hex(key)),
        (None, Some(id)) => format!("{} id:{id}", kind.noun()),
        (None, None) => kind.noun().to_string(),
    }
}

/// How a POSIX object is named in messages: `POSIX queue /jobs`.
pub fn describe_name(kind: Kind, name: &str) -> String {
    format!("{} {name}", kind.noun())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert_eq!(
            describe(Kind::Msg, Some(1234), Some(3)),
            "queue 0x000004d2 (id 3)"
        );
        assert_eq!(describe(Kind::Sem, None, Some(99)), "semaphore set id:99");
        assert_eq!(describe_name(Kind::Mq, "/jobs"), "POSIX queue /jobs");
        for kind in Kind::ALL {
            assert_eq!(Kind::from_name(kind.name()), Some(kind));
        }
    }

    #[test]
    fn why_by_family() {
        assert_eq!(Kind::Msg.why(Errno::EIDRM), "no such queue");
        assert_eq!(Kind::Mq.why(Errno::ENOENT), "no such POSIX queue");
        assert_eq!(Kind::Psem.why(Errno::EINVAL), "invalid argument");
    }
}
