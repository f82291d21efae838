//! System V shared memory.

use nix::errno::Errno;

/// shmget(2).
#[allow(dead_code)] // the first user is `msg`/`shm`/`sem`, built on this core
pub fn get(key: i32, size: usize, flags: i32) -> Result<i32, Errno> {
    // SAFETY: shmget takes plain integers and touches no memory of ours.
    Errno::result(unsafe { libc::shmget(key, size, flags) })
}

/// shmctl(IPC_RMID): the segment goes when its last user detaches.
pub fn remove(shmid: i32) -> Result<(), Errno> {
    // SAFETY: IPC_RMID ignores the buffer argument, so a null pointer is allowed.
    Errno::result(unsafe { libc::shmctl(shmid, libc::IPC_RMID, std::ptr::null_mut()) }).map(drop)
}
