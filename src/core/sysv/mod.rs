//! System V IPC: safe wrappers around the libc calls nix does not cover.

pub mod msg;
pub mod object;
pub mod sem;
pub mod shm;

use nix::errno::Errno;

/// The key that always makes a new object (TARGET `private`).
pub const IPC_PRIVATE: i32 = libc::IPC_PRIVATE;
/// msgget/shmget/semget: create the object if the key has none.
pub const IPC_CREAT: i32 = libc::IPC_CREAT;
/// With IPC_CREAT: fail with EEXIST if the key already has an object.
pub const IPC_EXCL: i32 = libc::IPC_EXCL;

pub use crate::core::kind::{describe, Kind};

/// IPC_RMID of the object `id` of a System V kind (EINVAL for a POSIX kind, which has no
/// ids).
pub fn remove(kind: Kind, id: i32) -> Result<(), Errno> {
    match kind {
        Kind::Msg => msg::remove(id),
        Kind::Shm => shm::remove(id),
        Kind::Sem => sem::remove(id),
        Kind::Mq | Kind::Pshm | Kind::Psem => Err(Errno::EINVAL),
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
}
