//! The System V control calls that read the kernel's tables rather than /proc: the
//! MSG_INFO / SHM_INFO / SEM_INFO summaries (`ipcs -u`), the limits by IPC_INFO, the
//! per-semaphore values (`ipcs -s -i`), the walk over kernel slots with *_STAT (what
//! util-linux does without /proc, and `ipcrm -a`) or *_STAT_ANY (every object, as /proc
//! shows them), and the kernel's command numbers the libc crate lacks. It imports nothing
//! of the data layer but the records (`ipcdata` chooses between this and /proc).

use nix::errno::Errno;

use crate::core::records::{MsgRecord, Perm, SemRecord, ShmRecord};

/// MSG_INFO's answer: how many queues, headers and bytes are in use.
#[derive(Clone, Copy, Debug, Default)]
pub struct MsgSummary {
    pub msgpool: i32,
    pub msgmap: i32,
    pub msgtql: i32,
}

/// SHM_INFO's answer (`struct shm_info` of <sys/shm.h>, which libc does not declare).
#[repr(C)]
#[derive(Clone, Copy, Debug, Default)]
pub struct ShmSummary {
    pub used_ids: libc::c_int,
    pub shm_tot: libc::c_ulong,
    pub shm_rss: libc::c_ulong,
    pub shm_swp: libc::c_ulong,
    pub swap_attempts: libc::c_ulong,
    pub swap_successes: libc::c_ulong,
}

/// SEM_INFO's answer: arrays in use and semaphores allocated.
#[derive(Clone, Copy, Debug, Default)]
pub struct SemSummary {
    pub semusz: i32,
    pub semaem: i32,
}

/// One semaphore of a set, as GETVAL, GETNCNT, GETZCNT and GETPID report it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SemElement {
    pub semval: i32,
    pub ncount: i32,
    pub zcount: i32,
    pub pid: i32,
}

/// SHM_STAT and SHM_INFO (linux/shm.h), which the libc crate does not define.
const SHM_STAT: libc::c_int = 13;
const SHM_INFO: libc::c_int = 14;
/// SHM_STAT_ANY (Linux 4.17): like SHM_STAT, but every segment whatever its permissions,
/// as /proc/sysvipc/shm shows them. EINVAL on older kernels.
const SHM_STAT_ANY: libc::c_int = 15;
/// MSG_STAT_ANY (Linux 4.17): the queue twin of SHM_STAT_ANY. The libc crate lacks it.
pub const MSG_STAT_ANY: libc::c_int = 13;
/// SEM_STAT_ANY (Linux 4.17), the semaphore twin of SHM_STAT_ANY.
const SEM_STAT_ANY: libc::c_int = libc::SEM_STAT_ANY;

/// msgctl(MSG_INFO): the summary and the highest used slot index.
pub fn msg_summary() -> Result<(MsgSummary, i32), Errno> {
    // SAFETY: msginfo is plain old data; zeroed is a valid value.
    let mut info: libc::msginfo = unsafe { std::mem::zeroed() };
    // SAFETY: MSG_INFO writes a `struct msginfo` through the pointer, which points at one.
    let maxid = Errno::result(unsafe {
        libc::msgctl(0, libc::MSG_INFO, (&mut info as *mut libc::msginfo).cast())
    })?;
    Ok((
        MsgSummary {
            msgpool: info.msgpool,
            msgmap: info.msgmap,
            msgtql: info.msgtql,
        },
        maxid,
    ))
}

/// shmctl(SHM_INFO): the summary and the highest used slot index.
pub fn shm_summary() -> Result<(ShmSummary, i32), Errno> {
    let mut info = ShmSummary::default();
    // SAFETY: SHM_INFO writes a `struct shm_info`, which ShmSummary mirrors field for field.
    let maxid =
        Errno::result(unsafe { libc::shmctl(0, SHM_INFO, (&mut info as *mut ShmSummary).cast()) })?;
    Ok((info, maxid))
}

/// semctl(SEM_INFO): the summary and the highest used slot index.
pub fn sem_summary() -> Result<(SemSummary, i32), Errno> {
    // SAFETY: seminfo is plain old data; zeroed is a valid value.
    let mut info: libc::seminfo = unsafe { std::mem::zeroed() };
    // SAFETY: SEM_INFO writes a `struct seminfo` through the union's pointer member, which
    // points at one.
    let maxid = Errno::result(unsafe {
        libc::semctl(0, 0, libc::SEM_INFO, &mut info as *mut libc::seminfo)
    })?;
    Ok((
        SemSummary {
            semusz: info.semusz,
            semaem: info.semaem,
        },
        maxid,
    ))
}

/// `struct shminfo` of <sys/shm.h>, which libc does not declare.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default)]
struct ShmInfo {
    shmmax: libc::c_ulong,
    shmmin: libc::c_ulong,
    shmmni: libc::c_ulong,
    shmseg: libc::c_ulong,
    shmall: libc::c_ulong,
    unused: [libc::c_ulong; 4],
}

/// msgctl(IPC_INFO): msgmni, msgmnb and msgmax, for when /proc/sys/kernel is missing.
pub fn msg_ipc_info() -> Result<(i32, i32, i32), Errno> {
    // SAFETY: msginfo is plain old data; zeroed is a valid value.
    let mut info: libc::msginfo = unsafe { std::mem::zeroed() };
    // SAFETY: IPC_INFO writes a `struct msginfo` through the pointer, which points at one.
    Errno::result(unsafe {
        libc::msgctl(0, libc::IPC_INFO, (&mut info as *mut libc::msginfo).cast())
    })?;
    Ok((info.msgmni, info.msgmnb, info.msgmax))
}

/// semctl(IPC_INFO): semmsl, semmns, semopm and semmni.
pub fn sem_ipc_info() -> Result<[i32; 4], Errno> {
    // SAFETY: seminfo is plain old data; zeroed is a valid value.
    let mut info: libc::seminfo = unsafe { std::mem::zeroed() };
    // SAFETY: IPC_INFO writes a `struct seminfo` through the union's pointer member.
    Errno::result(unsafe { libc::semctl(0, 0, libc::IPC_INFO, &mut info as *mut libc::seminfo) })?;
    Ok([info.semmsl, info.semmns, info.semopm, info.semmni])
}

/// shmctl(IPC_INFO): shmmax, shmall and shmmni.
// c_ulong is narrower than u64 on 32-bit targets.
#[allow(clippy::useless_conversion)]
pub fn shm_ipc_info() -> Result<(u64, u64, u64), Errno> {
    let mut info = ShmInfo::default();
    // SAFETY: IPC_INFO writes a `struct shminfo` (no larger than ShmInfo) through the pointer.
    Errno::result(unsafe { libc::shmctl(0, libc::IPC_INFO, (&mut info as *mut ShmInfo).cast()) })?;
    Ok((
        u64::from(info.shmmax),
        u64::from(info.shmall),
        u64::from(info.shmmni),
    ))
}

/// GETVAL, GETNCNT, GETZCNT and GETPID of semaphore `semnum`, each named on failure.
pub fn sem_element(semid: i32, semnum: i32) -> Result<SemElement, (&'static str, Errno)> {
    let get = |cmd: libc::c_int, name: &'static str| {
        // SAFETY: these commands take no fourth argument and touch no memory of ours.
        Errno::result(unsafe { libc::semctl(semid, semnum, cmd, 0) }).map_err(|e| (name, e))
    };
    Ok(SemElement {
        semval: get(libc::GETVAL, "semctl(GETVAL)")?,
        ncount: get(libc::GETNCNT, "semctl(GETNCNT)")?,
        zcount: get(libc::GETZCNT, "semctl(GETZCNT)")?,
        pid: get(libc::GETPID, "semctl(GETPID)")?,
    })
}

// time_t is narrower than i64 on some targets.
#[allow(clippy::useless_conversion)]
fn perm(p: &libc::ipc_perm, id: i32, ctime: libc::time_t) -> Perm {
    Perm {
        key: p.__key,
        id,
        mode: u32::from(p.mode),
        uid: p.uid,
        gid: p.gid,
        cuid: p.cuid,
        cgid: p.cgid,
        ctime: ctime.into(),
    }
}

/// Every queue the caller may read, slot by slot from 0 to the highest used one with
/// MSG_STAT: what util-linux reads when /proc/sysvipc cannot be, and what `ipcrm -a`
/// removes. Unlike /proc, it skips objects the caller has no read permission for.
pub fn msg_stat_all() -> Result<Vec<MsgRecord>, Errno> {
    msg_walk(libc::MSG_STAT)
}

/// Every queue, read slot by slot with MSG_STAT_ANY: the same records as
/// /proc/sysvipc/msg at a fraction of the kernel's cost (no text to format and parse).
pub fn msg_stat_any_all() -> Result<Vec<MsgRecord>, Errno> {
    msg_walk(MSG_STAT_ANY)
}

/// Every segment, slot by slot with SHM_STAT_ANY (see `msg_stat_any_all`); the kernel does
/// not tell rss and swap this way.
pub fn shm_stat_any_all() -> Result<Vec<ShmRecord>, Errno> {
    shm_walk(SHM_STAT_ANY)
}

/// Every semaphore set, slot by slot with SEM_STAT_ANY (see `msg_stat_any_all`).
pub fn sem_stat_any_all() -> Result<Vec<SemRecord>, Errno> {
    sem_walk(SEM_STAT_ANY)
}

fn msg_walk(cmd: libc::c_int) -> Result<Vec<MsgRecord>, Errno> {
    let (_, maxid) = msg_summary()?;
    let mut records = Vec::new();
    for index in 0..=maxid {
        // SAFETY: msqid_ds is plain old data; zeroed is a valid value.
        let mut ds: libc::msqid_ds = unsafe { std::mem::zeroed() };
        // SAFETY: MSG_STAT and MSG_STAT_ANY write one `struct msqid_ds` through the pointer.
        let id = unsafe { libc::msgctl(index, cmd, &mut ds) };
        if id < 0 {
            // An empty slot is EINVAL; so is every slot when the kernel lacks the command.
            // The highest slot MSG_INFO names is in use, so EINVAL there means the latter
            // (or a queue removed this instant: the caller then reads /proc instead).
            if index == maxid && cmd == MSG_STAT_ANY && Errno::last() == Errno::EINVAL {
                return Err(Errno::EINVAL);
            }
            continue;
        }
        records.push(MsgRecord {
            perm: perm(&ds.msg_perm, id, ds.msg_ctime),
            cbytes: ds.__msg_cbytes,
            qnum: ds.msg_qnum,
            lspid: ds.msg_lspid,
            lrpid: ds.msg_lrpid,
            stime: ds.msg_stime,
            rtime: ds.msg_rtime,
        });
    }
    Ok(records)
}

/// Every segment the caller may read, with SHM_STAT (see `msg_stat_all`).
pub fn shm_stat_all() -> Result<Vec<ShmRecord>, Errno> {
    shm_walk(SHM_STAT)
}

fn shm_walk(cmd: libc::c_int) -> Result<Vec<ShmRecord>, Errno> {
    let (_, maxid) = shm_summary()?;
    let mut records = Vec::new();
    for index in 0..=maxid {
        // SAFETY: shmid_ds is plain old data; zeroed is a valid value.
        let mut ds: libc::shmid_ds = unsafe { std::mem::zeroed() };
        // SAFETY: SHM_STAT and SHM_STAT_ANY write one `struct shmid_ds` through the pointer.
        let id = unsafe { libc::shmctl(index, cmd, &mut ds) };
        if id < 0 {
            // See msg_walk.
            if index == maxid && cmd == SHM_STAT_ANY && Errno::last() == Errno::EINVAL {
                return Err(Errno::EINVAL);
            }
            continue;
        }
        records.push(ShmRecord {
            perm: perm(&ds.shm_perm, id, ds.shm_ctime),
            size: ds.shm_segsz as u64,
            cpid: ds.shm_cpid,
            lpid: ds.shm_lpid,
            nattch: ds.shm_nattch,
            atime: ds.shm_atime,
            dtime: ds.shm_dtime,
            rss: None,
            swap: None,
        });
    }
    Ok(records)
}

/// Every semaphore set the caller may read, with SEM_STAT (see `msg_stat_all`).
pub fn sem_stat_all() -> Result<Vec<SemRecord>, Errno> {
    sem_walk(libc::SEM_STAT)
}

fn sem_walk(cmd: libc::c_int) -> Result<Vec<SemRecord>, Errno> {
    let (_, maxid) = sem_summary()?;
    let mut records = Vec::new();
    for index in 0..=maxid {
        // SAFETY: semid_ds is plain old data; zeroed is a valid value.
        let mut ds: libc::semid_ds = unsafe { std::mem::zeroed() };
        // SAFETY: SEM_STAT and SEM_STAT_ANY write one `struct semid_ds` through the union's
        // pointer member.
        let id = unsafe { libc::semctl(index, 0, cmd, &mut ds as *mut libc::semid_ds) };
        if id < 0 {
            // See msg_walk.
            if index == maxid && cmd == SEM_STAT_ANY && Errno::last() == Errno::EINVAL {
                return Err(Errno::EINVAL);
            }
            continue;
        }
        records.push(SemRecord {
            perm: perm(&ds.sem_perm, id, ds.sem_ctime),
            nsems: ds.sem_nsems as u64,
            otime: ds.sem_otime,
        });
    }
    Ok(records)
}

/// The size of a memory page, as getpagesize(2) gives it.
pub fn page_size() -> u64 {
    // SAFETY: sysconf reads a constant of the system and touches no memory of ours.
    let size = unsafe { libc::sysconf(libc::_SC_PAGESIZE) };
    u64::try_from(size).unwrap_or(4096)
}

/// Four random bytes for a key, as util-linux's ipcmk draws them.
pub fn random_key() -> i32 {
    let mut bytes = [0u8; 4];
    // SAFETY: getrandom writes at most `bytes.len()` bytes into the buffer it is given.
    let got = unsafe { libc::getrandom(bytes.as_mut_ptr().cast(), bytes.len(), 0) };
    if got != 4 {
        let seed = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.subsec_nanos() ^ std::process::id().rotate_left(16))
            .unwrap_or(0);
        bytes = seed.to_ne_bytes();
    }
    i32::from_ne_bytes(bytes)
}

/// The C library's text for an errno: "Invalid argument", as err(3) prints it.
pub fn strerror(errno: Errno) -> String {
    let text = std::io::Error::from_raw_os_error(errno as i32).to_string();
    match text.rfind(" (os error ") {
        Some(at) => text[..at].to_string(),
        None => text,
    }
}
