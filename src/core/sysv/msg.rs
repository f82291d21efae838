//! System V message queues.

use nix::errno::Errno;

/// msgget(2).
#[allow(dead_code)] // the first user is `msg`/`shm`/`sem`, built on this core
pub fn get(key: i32, flags: i32) -> Result<i32, Errno> {
    // SAFETY: msgget takes plain integers and touches no memory of ours.
    Errno::result(unsafe { libc::msgget(key, flags) })
}

/// msgctl(IPC_RMID).
pub fn remove(msqid: i32) -> Result<(), Errno> {
    // SAFETY: IPC_RMID ignores the buffer argument, so a null pointer is allowed.
    Errno::result(unsafe { libc::msgctl(msqid, libc::IPC_RMID, std::ptr::null_mut()) }).map(drop)
}
