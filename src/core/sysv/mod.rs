//! System V IPC: safe wrappers around the libc calls nix does not cover.

pub mod msg;
pub mod object;
pub mod sem;
pub mod shm;

use std::fmt;

use nix::errno::Errno;

use crate::core::target::key_hex;

/// The key that always makes a new object (TARGET `private`).
pub const IPC_PRIVATE: i32 = libc::IPC_PRIVATE;
/// msgget/shmget/semget: create the object if the key has none.
pub const IPC_CREAT: i32 = libc::IPC_CREAT;
/// With IPC_CREAT: fail with EEXIST if the key already has an object.
pub const IPC_EXCL: i32 = libc::IPC_EXCL;

/// The three System V object kinds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    Msg,
    Shm,
    Sem,
}

impl Kind {
    pub const ALL: [Kind; 3] = [Kind::Msg, Kind::Shm, Kind::Sem];

    /// The word for one object of this kind, in error messages and reports.
    pub fn noun(self) -> &'static str {
        match self {
            Kind::Msg => "queue",
            Kind::Shm => "segment",
            Kind::Sem => "semaphore set",
        }
    }

    /// The name on the command line (`rm msg`, `ls shm`).
    pub fn name(self) -> &'static str {
        match self {
            Kind::Msg => "msg",
            Kind::Shm => "shm",
            Kind::Sem => "sem",
        }
    }

    /// IPC_RMID.
    pub fn remove(self, id: i32) -> Result<(), Errno> {
        match self {
            Kind::Msg => msg::remove(id),
            Kind::Shm => shm::remove(id),
            Kind::Sem => sem::remove(id),
        }
    }

    /// What an errno from an operation on an existing object means, in words: an id that
    /// names nothing comes back as EINVAL or EIDRM, a key as ENOENT.
    pub fn why(self, errno: Errno) -> String {
        match errno {
            Errno::ENOENT | Errno::EINVAL | Errno::EIDRM => format!("no such {}", self.noun()),
            Errno::EACCES | Errno::EPERM => "permission denied".into(),
            other => crate::core::errno_text(other),
        }
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// How an object is named in messages: `queue 0x000004d2 (id 3)`, or with what is known.
pub fn describe(kind: Kind, key: Option<i32>, id: Option<i32>) -> String {
    match (key, id) {
        (Some(key), Some(id)) => format!("{} {} (id {id})", kind.noun(), key_hex(key)),
        (Some(key), None) => format!("{} {}", kind.noun(), key_hex(key)),
        (None, Some(id)) => format!("{} id:{id}", kind.noun()),
        (None, None) => kind.noun().to_string(),
    }
}

/// `rw-r--r--` from mode bits, as lsipc prints PERMS.
pub fn perms_string(mode: u32) -> &'static str {
    const TABLE: [[u8; 9]; 512] = {
        let mut table = [[b'-'; 9]; 512];
        let mut mode = 0;
        while mode < 512 {
            let mut bit = 0;
            while bit < 9 {
                if mode & (0o400 >> bit) != 0 {
                    table[mode][bit] = [b'r', b'w', b'x'][bit % 3];
                }
                bit += 1;
            }
            mode += 1;
        }
        table
    };
    // The table holds only ASCII.
    std::str::from_utf8(&TABLE[(mode & 0o777) as usize]).unwrap_or("?????????")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn perms() {
        assert_eq!(perms_string(0o644), "rw-r--r--");
        assert_eq!(perms_string(0o1600), "rw-------");
        assert_eq!(perms_string(0o777), "rwxrwxrwx");
    }

    #[test]
    fn names() {
        assert_eq!(
            describe(Kind::Msg, Some(1234), Some(3)),
            "queue 0x000004d2 (id 3)"
        );
        assert_eq!(describe(Kind::Sem, None, Some(99)), "semaphore set id:99");
    }
}
