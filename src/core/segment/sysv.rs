//! A System V shared memory segment (shmget/shmat) as a `Segment`: found or created by key
//! or id, and attached for as long as it is open.

use super::error;

use anyhow::{anyhow, Result};
use nix::errno::Errno;

use super::Segment;
use crate::core::memory::Memory;
use crate::core::status::usage;
use crate::core::sysv::object::{Address, Object};
use crate::core::sysv::shm::{self, Attached};
use crate::core::sysv::{Kind, IPC_CREAT, IPC_EXCL, IPC_PRIVATE};
use crate::core::target::Target;

pub struct SysvSegment {
    attached: Attached,
    object: Object,
    /// `segment 0x000004d2 (id 3)`.
    name: String,
    created: bool,
    /// Made for `private`: its id is announced.
    private: bool,
}

impl SysvSegment {
    /// Finds the segment (or, with `create`, creates it) and attaches it, writable for a
    /// write. One created here is removed again if it cannot be attached.
    pub fn open(target: &Target, write: bool, create: Option<(u32, u64)>) -> Result<SysvSegment> {
        let address = Address::of(Kind::Shm, target)?;
        let (object, created) = match create {
            Some((mode, size)) => make(address, size, mode)?,
            None if write && address == Address::Private => {
                return Err(usage(
                    "'private' always makes a new segment: add --create --size SIZE",
                ))
            }
            None => (find(address)?, false),
        };
        let attached = match attach(&object, write) {
            Ok(attached) => attached,
            Err(err) => {
                if created {
                    // A segment made for a write that did not happen is not left behind.
                    let _ = shm::remove(object.id);
                }
                return Err(err);
            }
        };
        Ok(SysvSegment {
            attached,
            object,
            name: object.to_string(),
            created,
            private: address == Address::Private,
        })
    }
}

impl Segment for SysvSegment {
    fn memory(&self) -> &dyn Memory {
        &*self.attached
    }

    fn name(&self) -> &str {
        &self.name
    }

    fn created(&self) -> bool {
        self.created
    }

    fn discard(self: Box<Self>) {
        let SysvSegment {
            attached,
            object,
            created,
            ..
        } = *self;
        // Detached first, so that the segment goes at once.
        drop(attached);
        if created {
            let _ = shm::remove(object.id);
        }
    }

    fn announce(&self) {
        if self.created && self.private {
            eprintln!("id:{}", self.object.id);
        }
    }
}

fn find(address: Address) -> Result<Object> {
    Object::find(
        Kind::Shm,
        address,
        |key| shm::get(key, 0, 0),
        |id| shm::stat(id).map(|stat| stat.key),
    )
}

fn attach(object: &Object, writable: bool) -> Result<Attached> {
    Attached::new(object.id, writable)
        .map_err(|errno| error(object, format!("cannot attach: {}", Kind::Shm.why(errno))))
}

/// Creates the segment (IPC_CREAT|IPC_EXCL), or finds the one that already has the key.
/// Says whether this call created it.
fn make(address: Address, size: u64, mode: u32) -> Result<(Object, bool)> {
    let key = match address {
        Address::Key(key) => key,
        Address::Private => IPC_PRIVATE,
        Address::Id(_) => return find(address).map(|object| (object, false)),
    };
    let object = |id| Object {
        kind: Kind::Shm,
        key,
        id,
    };
    let bytes = usize::try_from(size).unwrap_or(usize::MAX);
    match shm::get(key, bytes, IPC_CREAT | IPC_EXCL | mode as i32) {
        Ok(id) => Ok((object(id), true)),
        Err(Errno::EEXIST) => find(address).map(|object| (object, false)),
        Err(errno) => Err(anyhow!(
            "{}: cannot create {size} bytes: {}",
            address.describe(Kind::Shm),
            create_why(errno, size)
        )),
    }
}

/// The largest file Linux makes (MAX_LFS_FILESIZE), and so the largest segment, whatever
/// shmmax says.
const MAX_FILE_SIZE: u64 = i64::MAX as u64;

/// Why shmget refused to create, naming the limit and where it is set. With IPC_EXCL an
/// existing key is EEXIST, so EINVAL is always about the size: below shmmin (1; --size 0
/// is refused before this), above shmmax, or above the largest file.
fn create_why(errno: Errno, size: u64) -> String {
    let limits = crate::core::ipcdata::shm_limits().ok();
    match (errno, limits) {
        (Errno::EINVAL, Some(limits)) if size > limits.shmmax => format!(
            "{size} bytes exceed shmmax {} (/proc/sys/kernel/shmmax)",
            limits.shmmax
        ),
        (Errno::EINVAL, Some(limits)) if size > MAX_FILE_SIZE => format!(
            "{size} bytes exceed {MAX_FILE_SIZE}, the largest segment the kernel makes \
             (shmmax {} in /proc/sys/kernel/shmmax is higher)",
            limits.shmmax
        ),
        (Errno::EINVAL, _) => format!(
            "the kernel refuses a segment of {size} bytes (its limit is shmmax, \
             /proc/sys/kernel/shmmax)"
        ),
        (Errno::ENOSPC, Some(limits)) => {
            let in_use = crate::core::ipcdata::shm_records().map_or(0, |r| r.len() as u64);
            if in_use >= limits.shmmni {
                format!(
                    "all {in_use} segments of shmmni {} are in use (/proc/sys/kernel/shmmni)",
                    limits.shmmni
                )
            } else {
                format!(
                    "the segments would exceed shmall {} pages (/proc/sys/kernel/shmall)",
                    limits.shmall
                )
            }
        }
        (other, _) => Kind::Shm.why(other),
    }
}
