//! System V semaphore sets: semget/semctl/semop/semtimedop behind a small safe `SemSet`.

use std::time::Duration;

use nix::errno::Errno;

/// SEMVMX: the largest value a semaphore can hold (fixed in the kernel, include/uapi/linux/sem.h).
pub const SEMVMX: u16 = 32767;

extern "C" {
    // glibc has semtimedop(2); the libc crate does not declare it for gnu targets.
    fn semtimedop(
        semid: libc::c_int,
        sops: *mut libc::sembuf,
        nsops: libc::size_t,
        timeout: *const libc::timespec,
    ) -> libc::c_int;
}

/// semget(2).
pub fn get(key: i32, nsems: i32, flags: i32) -> Result<i32, Errno> {
    // SAFETY: semget takes plain integers and touches no memory of ours.
    Errno::result(unsafe { libc::semget(key, nsems, flags) })
}

/// semctl(IPC_RMID): waiters wake with EIDRM.
pub fn remove(semid: i32) -> Result<(), Errno> {
    // SAFETY: IPC_RMID takes no fourth argument.
    Errno::result(unsafe { libc::semctl(semid, 0, libc::IPC_RMID) }).map(drop)
}

/// What semctl(IPC_STAT) says about a set.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SemStat {
    pub key: i32,
    pub nsems: usize,
    /// The last semop (0: none yet — the set was never operated on, see `init`).
    pub otime: i64,
    /// Creation or the last IPC_SET/SETVAL/SETALL.
    pub ctime: i64,
}

/// One operation of a semop call, in the kernel's terms.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SemOp {
    pub index: u16,
    /// Negative: take (P); positive: give (V); 0: wait for zero.
    pub delta: i16,
    /// SEM_UNDO and/or IPC_NOWAIT.
    pub flags: i16,
}

pub const SEM_UNDO: i16 = libc::SEM_UNDO as i16;
pub const IPC_NOWAIT: i16 = libc::IPC_NOWAIT as i16;

/// A semaphore set by its semid, with its size.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SemSet {
    pub semid: i32,
    pub nsems: usize,
}

impl SemSet {
    /// The set with this semid, if it exists and we may read or alter it.
    pub fn open(semid: i32) -> Result<SemSet, Errno> {
        let nsems = stat_any(semid)?.nsems;
        Ok(SemSet { semid, nsems })
    }

    pub fn stat(&self) -> Result<SemStat, Errno> {
        stat_any(self.semid)
    }

    /// semop(2): all operations happen atomically, or none. Blocks unless IPC_NOWAIT;
    /// EINTR when a signal arrives while blocked (the handlers have no SA_RESTART).
    pub fn op(&self, ops: &[SemOp]) -> Result<(), Errno> {
        let mut bufs = sembufs(ops);
        // SAFETY: `bufs` is a live array of `bufs.len()` sembufs that semop only reads.
        Errno::result(unsafe { libc::semop(self.semid, bufs.as_mut_ptr(), bufs.len()) }).map(drop)
    }

    /// semtimedop(2): as `op`, giving up with EAGAIN after `timeout`.
    pub fn timed_op(&self, ops: &[SemOp], timeout: Duration) -> Result<(), Errno> {
        let mut bufs = sembufs(ops);
        let spec = libc::timespec {
            tv_sec: libc::time_t::try_from(timeout.as_secs()).unwrap_or(libc::time_t::MAX),
            tv_nsec: libc::c_long::from(timeout.subsec_nanos()),
        };
        // SAFETY: `bufs` and `spec` are live for the call; the kernel only reads them.
        Errno::result(unsafe { semtimedop(self.semid, bufs.as_mut_ptr(), bufs.len(), &spec) })
            .map(drop)
    }

    /// GETALL: every value, in index order.
    pub fn getall(&self) -> Result<Vec<u16>, Errno> {
        let mut values = vec![0u16; self.nsems];
        // SAFETY: GETALL writes nsems unsigned shorts into the array the semun points to,
        // and `values` holds exactly nsems of them (a set's size never changes).
        Errno::result(unsafe { libc::semctl(self.semid, 0, libc::GETALL, values.as_mut_ptr()) })?;
        Ok(values)
    }

    /// SETALL: every value at once; `values` must have one per semaphore. Wakes waiters
    /// and clears every process's undo adjustments for the set, but does not set sem_otime.
    pub fn setall(&self, values: &[u16]) -> Result<(), Errno> {
        if values.len() != self.nsems {
            return Err(Errno::EINVAL);
        }
        // SAFETY: SETALL reads nsems unsigned shorts from the array, and `values` has
        // exactly that many.
        Errno::result(unsafe { libc::semctl(self.semid, 0, libc::SETALL, values.as_ptr()) })
            .map(drop)
    }

    /// SETVAL: one semaphore's value, the others left. Wakes waiters and clears every
    /// process's undo adjustment for that semaphore, as SETALL does.
    pub fn setval(&self, index: u16, value: u16) -> Result<(), Errno> {
        // SAFETY: SETVAL reads an int from the semun passed by value; the int is given.
        Errno::result(unsafe {
            libc::semctl(
                self.semid,
                libc::c_int::from(index),
                libc::SETVAL,
                libc::c_int::from(value),
            )
        })
        .map(drop)
    }

    /// GETNCNT, GETZCNT or GETPID for one semaphore.
    fn get_one(&self, index: usize, cmd: i32) -> Result<i32, Errno> {
        let index = i32::try_from(index).map_err(|_| Errno::EINVAL)?;
        // SAFETY: these commands take no fourth argument.
        Errno::result(unsafe { libc::semctl(self.semid, index, cmd) })
    }

    /// Processes waiting for the value to grow (blocked in a P).
    pub fn ncnt(&self, index: usize) -> Result<i32, Errno> {
        self.get_one(index, libc::GETNCNT)
    }

    /// Processes waiting for the value to be zero.
    pub fn zcnt(&self, index: usize) -> Result<i32, Errno> {
        self.get_one(index, libc::GETZCNT)
    }

    /// The pid of the last process that operated on the semaphore.
    pub fn pid(&self, index: usize) -> Result<i32, Errno> {
        self.get_one(index, libc::GETPID)
    }
}

fn sembufs(ops: &[SemOp]) -> Vec<libc::sembuf> {
    ops.iter()
        .map(|op| libc::sembuf {
            sem_num: op.index,
            sem_op: op.delta,
            sem_flg: op.flags,
        })
        .collect()
}

/// What IPC_STAT says about a set, also for a set we may alter and not read: IPC_STAT
/// needs read permission, but P and V (semop) need only alter permission, and the list the
/// kernel shows everyone (SEM_STAT_ANY, or /proc/sysvipc/sem before Linux 4.17) has the
/// same fields.
pub fn stat_any(semid: i32) -> Result<SemStat, Errno> {
    match stat(semid) {
        Err(Errno::EACCES) => crate::core::ipcdata::sem_records()
            .ok()
            .and_then(|records| records.into_iter().find(|r| r.perm.id == semid))
            .map(|r| SemStat {
                key: r.perm.key,
                nsems: usize::try_from(r.nsems).unwrap_or(usize::MAX),
                otime: r.otime,
                ctime: r.perm.ctime,
            })
            .ok_or(Errno::EACCES),
        other => other,
    }
}

/// semctl(IPC_STAT).
pub fn stat(semid: i32) -> Result<SemStat, Errno> {
    // SAFETY: semid_ds is plain data; all zeroes is a valid value.
    let mut ds: libc::semid_ds = unsafe { std::mem::zeroed() };
    // SAFETY: IPC_STAT writes one semid_ds through the semun's buffer pointer, which points
    // to `ds`, ours for the call.
    Errno::result(unsafe {
        libc::semctl(semid, 0, libc::IPC_STAT, &mut ds as *mut libc::semid_ds)
    })?;
    Ok(SemStat {
        key: ds.sem_perm.__key,
        nsems: usize::try_from(ds.sem_nsems).unwrap_or(0),
        otime: ds.sem_otime,
        ctime: ds.sem_ctime,
    })
}
