//! System V shared memory: shmget/shmctl, and an attached segment that is always detached.

use std::ops::Deref;
use std::ptr::NonNull;

use nix::errno::Errno;

use crate::core::memory::Region;

/// shmget(2).
pub fn get(key: i32, size: usize, flags: i32) -> Result<i32, Errno> {
    // SAFETY: shmget takes plain integers and touches no memory of ours.
    Errno::result(unsafe { libc::shmget(key, size, flags) })
}

/// shmctl(IPC_RMID): the segment goes when its last user detaches.
pub fn remove(shmid: i32) -> Result<(), Errno> {
    // SAFETY: IPC_RMID ignores the buffer argument, so a null pointer is allowed.
    Errno::result(unsafe { libc::shmctl(shmid, libc::IPC_RMID, std::ptr::null_mut()) }).map(drop)
}

/// What shmctl(IPC_STAT) says about a segment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ShmStat {
    pub key: i32,
    pub size: usize,
    pub nattch: u64,
    pub mode: u32,
}

/// shmctl(IPC_STAT).
pub fn stat(shmid: i32) -> Result<ShmStat, Errno> {
    // SAFETY: shmid_ds is plain data; all zeroes is a valid value.
    let mut ds: libc::shmid_ds = unsafe { std::mem::zeroed() };
    // SAFETY: IPC_STAT writes one shmid_ds into the buffer we own.
    Errno::result(unsafe { libc::shmctl(shmid, libc::IPC_STAT, &mut ds) })?;
    Ok(ShmStat {
        key: ds.shm_perm.__key,
        size: ds.shm_segsz,
        nattch: ds.shm_nattch as u64,
        mode: u32::from(ds.shm_perm.mode),
    })
}

/// A segment attached to this process (shmat), detached (shmdt) when dropped — also on an
/// error path, so a failed read or write never leaves an attachment behind.
#[derive(Debug)]
pub struct Attached {
    region: Region,
}

impl Attached {
    /// Attaches the whole segment, read-only (SHM_RDONLY) unless `writable`.
    pub fn new(shmid: i32, writable: bool) -> Result<Attached, Errno> {
        let size = stat(shmid)?.size;
        let flags = if writable { 0 } else { libc::SHM_RDONLY };
        // SAFETY: a null address lets the kernel choose where to map; nothing of ours is
        // touched.
        let addr = unsafe { libc::shmat(shmid, std::ptr::null(), flags) };
        if addr as isize == -1 {
            return Err(Errno::last());
        }
        let Some(ptr) = NonNull::new(addr.cast::<u8>()) else {
            return Err(Errno::EFAULT);
        };
        // A segment's size is fixed at creation, so the size read before shmat is the size
        // of what was mapped.
        // SAFETY: shmat mapped at least `size` bytes at `ptr` (rounded up to whole pages),
        // writable exactly when SHM_RDONLY was not given; they stay mapped until Drop.
        let region = unsafe { Region::new(ptr, size, writable) };
        Ok(Attached { region })
    }
}

impl Deref for Attached {
    type Target = Region;

    fn deref(&self) -> &Region {
        &self.region
    }
}

impl Drop for Attached {
    fn drop(&mut self) {
        // SAFETY: the address came from shmat and no reference into the mapping outlives
        // the Region, which goes with self.
        unsafe { libc::shmdt(self.region.base().cast()) };
    }
}
