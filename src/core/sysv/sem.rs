//! System V semaphore sets.

use nix::errno::Errno;

/// semget(2).
#[allow(dead_code)] // the first user is `msg`/`shm`/`sem`, built on this core
pub fn get(key: i32, nsems: i32, flags: i32) -> Result<i32, Errno> {
    // SAFETY: semget takes plain integers and touches no memory of ours.
    Errno::result(unsafe { libc::semget(key, nsems, flags) })
}

/// semctl(IPC_RMID): waiters wake with EIDRM.
pub fn remove(semid: i32) -> Result<(), Errno> {
    // SAFETY: IPC_RMID takes no fourth argument.
    Errno::result(unsafe { libc::semctl(semid, 0, libc::IPC_RMID) }).map(drop)
}
