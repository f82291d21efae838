//! A POSIX shared memory object (shm_open, in /dev/shm) as a `Segment`.

use super::error;

use anyhow::Result;
use nix::errno::Errno;

use super::Segment;
use crate::core::kind::Kind;
use crate::core::memory::Memory;
use crate::core::posix;
use crate::core::posix::shm::PosixShm;

pub struct PosixSegment {
    shm: PosixShm,
    /// The object's `/NAME`, to remove it again.
    path: String,
    /// `POSIX shared memory /NAME`.
    name: String,
}

impl PosixSegment {
    /// The object opened for `shm write` (creating it with --create --size) or `shm read`.
    pub fn open(name: &str, write: bool, create: Option<(u32, u64)>) -> Result<PosixSegment> {
        let label = format!("{} {name}", Kind::Pshm.noun());
        let shm = PosixShm::open(name, write, create).map_err(|errno| match (errno, create) {
            (Errno::ENOENT, _) => error(&label, "no such object"),
            (Errno::EACCES | Errno::EPERM, _) => error(&label, "permission denied"),
            (Errno::ENODEV, _) => error(
                &label,
                format!(
                    "not a shared memory object ({}/{} is not a regular file)",
                    posix::SHM_DIR,
                    name.trim_start_matches('/')
                ),
            ),
            (other, Some((_, size))) => error(
                &label,
                format!(
                    "cannot create {size} bytes: {}",
                    crate::core::errno_text(other)
                ),
            ),
            (other, None) => error(&label, crate::core::errno_text(other)),
        })?;
        Ok(PosixSegment {
            shm,
            path: name.to_string(),
            name: label,
        })
    }
}

impl Segment for PosixSegment {
    fn memory(&self) -> &dyn Memory {
        &self.shm
    }

    fn name(&self) -> &str {
        &self.name
    }

    fn created(&self) -> bool {
        self.shm.created
    }

    fn discard(self: Box<Self>) {
        if self.shm.created {
            let _ = posix::unlink(Kind::Pshm, &self.path);
        }
    }
}
