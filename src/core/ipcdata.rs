//! The System V data layer, as util-linux's ipcutils.c serves both ipcs and lsipc: the
//! records of the queues, segments and semaphore sets, and the limits, each read from /proc
//! or, where /proc cannot be read, from the kernel's control calls. Which way is taken is
//! decided here and nowhere else; `ls`, `rm`, the commands and the `ipcs` personality all
//! read through here. Below it, importing nothing above them: `records` (the types),
//! `procfs` (the /proc text: the /proc/sysvipc parser, the /proc/sys reader) and `ipcinfo`
//! (the control calls: the *_STAT walks, IPC_INFO).

use std::path::Path;

use anyhow::{anyhow, Result};
use nix::errno::Errno;

use crate::core::ipcinfo;
use crate::core::procfs::{self, KERNEL};
pub use crate::core::records::{MsgRecord, Perm, SemRecord, ShmRecord, SHM_DEST, SHM_LOCKED};

/// Who reads the records, which decides how.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reader {
    /// ipcx's own commands: every object, as /proc/sysvipc lists them, however /proc is.
    Ipcx,
    /// The ipcs personality: where util-linux reads, /proc/sysvipc, else the *_STAT walk
    /// (which lists only what the caller may read).
    UtilLinux,
}

/// Where records were read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Source {
    /// /proc/sysvipc.
    Proc,
    /// The *_STAT_ANY walk (Linux 4.17): every object, as /proc lists them.
    StatAny,
    /// The *_STAT walk: only the objects the caller may read.
    Stat,
}

/// The records of one kind, and where they were read.
#[derive(Clone, Debug)]
pub struct Listing<T> {
    pub records: Vec<T>,
    pub source: Source,
}

/// One kind's table, read each of the three ways.
pub trait Table: Sized {
    /// The ways ipcx tries, in order.
    const IPCX_ORDER: &'static [Source];
    fn proc() -> Result<Vec<Self>>;
    fn stat_any() -> Result<Vec<Self>, Errno>;
    fn stat() -> Result<Vec<Self>, Errno>;
}

// The one choice. ipcx asks MSG_STAT_ANY and SEM_STAT_ANY first: the same records at a
// fraction of the cost of the text the kernel formats for /proc (most of what a listing of
// ten thousand queues costs). Segments come from /proc first, as only it tells rss and
// swap. Where /proc and *_STAT_ANY both fail (a kernel before 4.17 with /proc hidden),
// the *_STAT walk lists at least what the caller may read. util-linux reads /proc, else
// walks with *_STAT.
const MSG_ORDER: &[Source] = &[Source::StatAny, Source::Proc, Source::Stat];
const SHM_ORDER: &[Source] = &[Source::Proc, Source::StatAny, Source::Stat];
const SEM_ORDER: &[Source] = &[Source::StatAny, Source::Proc, Source::Stat];
const UTIL_LINUX_ORDER: &[Source] = &[Source::Proc, Source::Stat];

impl Table for MsgRecord {
    const IPCX_ORDER: &'static [Source] = MSG_ORDER;
    fn proc() -> Result<Vec<Self>> {
        procfs::read_msg()
    }
    fn stat_any() -> Result<Vec<Self>, Errno> {
        ipcinfo::msg_stat_any_all()
    }
    fn stat() -> Result<Vec<Self>, Errno> {
        ipcinfo::msg_stat_all()
    }
}

impl Table for ShmRecord {
    const IPCX_ORDER: &'static [Source] = SHM_ORDER;
    fn proc() -> Result<Vec<Self>> {
        procfs::read_shm()
    }
    fn stat_any() -> Result<Vec<Self>, Errno> {
        ipcinfo::shm_stat_any_all()
    }
    fn stat() -> Result<Vec<Self>, Errno> {
        ipcinfo::shm_stat_all()
    }
}

impl Table for SemRecord {
    const IPCX_ORDER: &'static [Source] = SEM_ORDER;
    fn proc() -> Result<Vec<Self>> {
        procfs::read_sem()
    }
    fn stat_any() -> Result<Vec<Self>, Errno> {
        ipcinfo::sem_stat_any_all()
    }
    fn stat() -> Result<Vec<Self>, Errno> {
        ipcinfo::sem_stat_all()
    }
}

/// Every object of one kind, for `reader`. When no way works, the error is /proc's, which
/// names the file.
pub fn records<T: Table>(reader: Reader) -> Result<Listing<T>> {
    let order = match reader {
        Reader::Ipcx => T::IPCX_ORDER,
        Reader::UtilLinux => UTIL_LINUX_ORDER,
    };
    let mut proc_error = None;
    for &source in order {
        let records = match source {
            Source::Proc => T::proc().map_err(|err| proc_error = Some(err)).ok(),
            Source::StatAny => T::stat_any().ok(),
            Source::Stat => T::stat().ok(),
        };
        if let Some(records) = records {
            return Ok(Listing { records, source });
        }
    }
    Err(proc_error.unwrap_or_else(|| anyhow!("the kernel lists no System V objects")))
}

/// Every queue, as /proc/sysvipc/msg lists them.
pub fn msg_records() -> Result<Vec<MsgRecord>> {
    records(Reader::Ipcx).map(|l| l.records)
}

/// Every segment, as /proc/sysvipc/shm lists them.
pub fn shm_records() -> Result<Vec<ShmRecord>> {
    records(Reader::Ipcx).map(|l| l.records)
}

/// Every semaphore set, as /proc/sysvipc/sem lists them.
pub fn sem_records() -> Result<Vec<SemRecord>> {
    records(Reader::Ipcx).map(|l| l.records)
}

/// SHMMIN: the smallest segment, fixed in the kernel (IPC_INFO reports it, /proc does not).
pub const SHMMIN: u64 = 1;

/// Where a kind's limits were read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LimitSource {
    /// The files of /proc/sys/kernel.
    ProcSys,
    /// The kind's ctl(IPC_INFO), when /proc/sys/kernel cannot be read.
    IpcInfo,
}

/// The queue limits, in the kernel's types (the ints of `struct msginfo`; msgmax as
/// util-linux reads it).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MsgLimits {
    pub msgmni: i32,
    pub msgmnb: i32,
    pub msgmax: u64,
    pub source: LimitSource,
}

/// The segment limits; shmall is in pages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ShmLimits {
    pub shmmax: u64,
    pub shmall: u64,
    pub shmmni: u64,
    pub source: LimitSource,
}

/// The semaphore limits, the four ints of /proc/sys/kernel/sem.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SemLimits {
    pub semmsl: i32,
    pub semmns: i32,
    pub semopm: i32,
    pub semmni: i32,
    pub source: LimitSource,
}

fn kernel_files_exist(names: &[&str]) -> bool {
    names
        .iter()
        .all(|name| Path::new(KERNEL).join(name).exists())
}

fn kernel_file(name: &str) -> std::path::PathBuf {
    Path::new(KERNEL).join(name)
}

fn ipc_info_error(call: &str, errno: Errno) -> anyhow::Error {
    anyhow!(
        "{KERNEL} cannot be read and {call}(IPC_INFO) failed: {}",
        crate::core::errno_text(errno)
    )
}

// The three limit readers decide as util-linux's ipc_*_get_limits do, so that `ipcs -l`
// and `ls --limits` agree with each other and with util-linux: queue and segment limits
// come from /proc/sys/kernel when its three files exist (one that then cannot be read is
// an error), the semaphore limits when /proc/sys/kernel/sem holds four numbers; else from
// IPC_INFO.

/// msgmni, msgmnb and msgmax.
pub fn msg_limits() -> Result<MsgLimits> {
    if kernel_files_exist(&["msgmni", "msgmnb", "msgmax"]) {
        let [msgmni] = procfs::read_sys(kernel_file("msgmni"))?;
        let [msgmnb] = procfs::read_sys(kernel_file("msgmnb"))?;
        let [msgmax] = procfs::read_sys(kernel_file("msgmax"))?;
        return Ok(MsgLimits {
            msgmni,
            msgmnb,
            msgmax,
            source: LimitSource::ProcSys,
        });
    }
    let (msgmni, msgmnb, msgmax) =
        ipcinfo::msg_ipc_info().map_err(|errno| ipc_info_error("msgctl", errno))?;
    // The int widens to uint64_t as in util-linux: a negative value wraps.
    #[allow(clippy::cast_sign_loss)]
    let msgmax = i64::from(msgmax) as u64;
    Ok(MsgLimits {
        msgmni,
        msgmnb,
        msgmax,
        source: LimitSource::IpcInfo,
    })
}

/// msgmax alone, for `msg send` and `msg recv`: /proc/sys/kernel/msgmax, else IPC_INFO's.
/// One file read, not the three of `msg_limits`.
pub fn msgmax() -> Result<u64> {
    if kernel_files_exist(&["msgmax"]) {
        let [msgmax] = procfs::read_sys(kernel_file("msgmax"))?;
        return Ok(msgmax);
    }
    let (_, _, msgmax) =
        ipcinfo::msg_ipc_info().map_err(|errno| ipc_info_error("msgctl", errno))?;
    // The int widens as in msg_limits: a negative value wraps.
    #[allow(clippy::cast_sign_loss)]
    Ok(i64::from(msgmax) as u64)
}

/// shmmax, shmall and shmmni.
pub fn shm_limits() -> Result<ShmLimits> {
    if kernel_files_exist(&["shmall", "shmmax", "shmmni"]) {
        let [shmmax] = procfs::read_sys(kernel_file("shmmax"))?;
        let [shmall] = procfs::read_sys(kernel_file("shmall"))?;
        let [shmmni] = procfs::read_sys(kernel_file("shmmni"))?;
        return Ok(ShmLimits {
            shmmax,
            shmall,
            shmmni,
            source: LimitSource::ProcSys,
        });
    }
    let (shmmax, shmall, shmmni) =
        ipcinfo::shm_ipc_info().map_err(|errno| ipc_info_error("shmctl", errno))?;
    Ok(ShmLimits {
        shmmax,
        shmall,
        shmmni,
        source: LimitSource::IpcInfo,
    })
}

/// semmsl, semmns, semopm and semmni. When neither way works, the error is /proc's.
pub fn sem_limits() -> Result<SemLimits> {
    let from_proc = procfs::read_sys(kernel_file("sem"));
    let ([semmsl, semmns, semopm, semmni], source) = match from_proc {
        Ok(numbers) => (numbers, LimitSource::ProcSys),
        Err(err) => match ipcinfo::sem_ipc_info() {
            Ok(numbers) => (numbers, LimitSource::IpcInfo),
            Err(_) => return Err(err),
        },
    };
    Ok(SemLimits {
        semmsl,
        semmns,
        semopm,
        semmni,
        source,
    })
}
