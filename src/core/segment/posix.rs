//! A POSIX shared memory object (shm_open, in /dev/shm) as a `Segment`.

use super::error;

use anyhow::Result;
use nix::errno::Errno;

use super::{Create, Segment};
use crate::core::kind::{describe_name, Kind};
use crate::core::memory::Memory;
use crate::core::posix;
use crate::core::posix::shm::PosixShm;
use crate::core::status::usage;

pub struct PosixSegment {
    shm: PosixShm,
    /// The object's `/NAME`, to remove it again.
    path: String,
    /// `POSIX shared memory /NAME`.
    name: String,
}

impl PosixSegment {
    /// The object opened for `shm write` (creating it with --create --size) or `shm read`.
    pub fn open(name: &str, write: bool, create: Option<Create>) -> Result<PosixSegment> {
        let label = describe_name(Kind::Pshm, name);
        if create.is_some_and(|c| c.huge.is_some() || c.noreserve) {
            return Err(usage(format!(
                "{name}: --hugetlb and --noreserve are for System V segments; a POSIX object lives in {} (tmpfs, no huge pages): for huge pages use a file on a hugetlbfs mount",
                posix::SHM_DIR
            )));
        }
        let exclusive = create.is_some_and(|c| c.exclusive);
        let create = create.map(|c| (c.mode, c.size));
        let shm = PosixShm::open_as(name, write, create, exclusive).map_err(|errno| {
            match (errno, create) {
                (Errno::ENOENT, _) => error(&label, "no such object"),
                (Errno::EEXIST, _) => error(&label, "already exists (--exclusive)"),
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
            }
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
