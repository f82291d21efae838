//! POSIX IPC objects as the file system shows them: message queues under /dev/mqueue,
//! shared memory and named semaphores under /dev/shm (glibc keeps a semaphore `/NAME` in
//! the file `sem.NAME`). Listing reads the directories once; removal unlinks by name.

use std::ffi::CString;
use std::fs;
use std::os::unix::fs::{FileTypeExt, MetadataExt};
use std::path::Path;

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use anyhow::{Context, Result};
use nix::errno::Errno;
use nix::sys::time::TimeSpec;

use crate::core::kind::Kind;

pub mod mq;
pub mod sem;
pub mod shm;

/// Where the mqueue file system is mounted by convention (mq_overview(7)).
pub const MQUEUE_DIR: &str = "/dev/mqueue";
/// Where glibc keeps POSIX shared memory and named semaphores.
pub const SHM_DIR: &str = "/dev/shm";
/// How a user makes /dev/mqueue appear, for the hint when it is not mounted.
pub const MQUEUE_MOUNT_HINT: &str = "mkdir -p /dev/mqueue && mount -t mqueue none /dev/mqueue";

/// MQUEUE_MAGIC of linux/magic.h, the f_type statfs reports for an mqueue mount.
const MQUEUE_MAGIC: i64 = 0x1980_0202;

/// How long an operation may wait when the queue is empty (receive) or full (send).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Wait {
    /// Until it can be done or a signal interrupts (EINTR).
    Block,
    /// Not at all: ETIMEDOUT at once.
    No,
    /// Until this moment of CLOCK_REALTIME (mq_timed* and sem_timedwait take
    /// absolute real time).
    Until(SystemTime),
}

impl Wait {
    /// A wait bounded by `timeout` from now, or unbounded.
    pub fn within(timeout: Option<Duration>) -> Wait {
        match timeout {
            Some(timeout) => Wait::Until(SystemTime::now() + timeout),
            None => Wait::Block,
        }
    }

    /// The absolute deadline, if any: the epoch itself for `No`, which has always passed.
    pub(crate) fn deadline(self) -> Option<TimeSpec> {
        let at = match self {
            Wait::Block => return None,
            Wait::No => UNIX_EPOCH,
            Wait::Until(at) => at,
        };
        let since = at.duration_since(UNIX_EPOCH).unwrap_or_default();
        Some(TimeSpec::from_duration(since))
    }
}

/// mq_unlink, shm_unlink or sem_unlink of `/NAME` (EINVAL for a System V kind, which has
/// no names).
pub fn unlink(kind: Kind, name: &str) -> Result<(), Errno> {
    let cname = CString::new(name).map_err(|_| Errno::EINVAL)?;
    match kind {
        Kind::Mq => nix::mqueue::mq_unlink(cname.as_c_str()),
        Kind::Pshm => nix::sys::mman::shm_unlink(cname.as_c_str()),
        // SAFETY: `cname` is a valid NUL-terminated string that outlives the call.
        Kind::Psem => Errno::result(unsafe { libc::sem_unlink(cname.as_ptr()) }).map(drop),
        Kind::Msg | Kind::Shm | Kind::Sem => Err(Errno::EINVAL),
    }
}

/// What every POSIX object has: its name and its file's owner, mode, size and mtime.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// The object's name with its leading `/`, as mq_open and friends take it.
    pub name: String,
    pub uid: u32,
    pub gid: u32,
    pub mode: u32,
    pub size: u64,
    pub mtime: i64,
}

/// A POSIX message queue: the file's `QSIZE` (bytes queued) and, where the queue could be
/// opened, its attributes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MqRecord {
    pub entry: Entry,
    pub qsize: Option<u64>,
    pub curmsgs: Option<u64>,
    pub maxmsg: Option<u64>,
    pub msgsize: Option<u64>,
}

/// A POSIX named semaphore and, where it could be opened, its value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PsemRecord {
    pub entry: Entry,
    pub value: Option<i32>,
}

/// Whether /dev/mqueue is an mqueue mount (POSIX queues cannot be listed otherwise).
pub fn mqueue_mounted() -> bool {
    nix::sys::statfs::statfs(MQUEUE_DIR)
        .map(|fs| fs.filesystem_type().0 == MQUEUE_MAGIC)
        .unwrap_or(false)
}

/// Why POSIX queues cannot be listed when /dev/mqueue is not an mqueue mount, and how to
/// mount it.
pub fn mqueue_unmounted() -> String {
    format!("{MQUEUE_DIR} is not mounted (as root: {MQUEUE_MOUNT_HINT})")
}

/// Whether the queue `/NAME` exists, asked of mq_open itself, which needs no mount: a
/// queue that exists but may not be opened (EACCES) exists too.
pub fn mq_exists(name: &str) -> Result<bool, Errno> {
    use nix::mqueue::{mq_close, mq_open, MQ_OFlag};
    use nix::sys::stat::Mode;
    let cname = CString::new(name).map_err(|_| Errno::EINVAL)?;
    match mq_open(
        cname.as_c_str(),
        MQ_OFlag::O_RDONLY | MQ_OFlag::O_NONBLOCK,
        Mode::empty(),
        None,
    ) {
        Ok(mqd) => {
            let _ = mq_close(mqd);
            Ok(true)
        }
        Err(Errno::ENOENT) => Ok(false),
        Err(Errno::EACCES) => Ok(true),
        Err(err) => Err(err),
    }
}

/// The entries of `dir` that `want` accepts (by file name and metadata), named `/NAME`
/// with `prefix` taken off the file name. A directory that does not exist has no entries.
fn entries(
    dir: &str,
    prefix: &str,
    want: impl Fn(&str, &fs::Metadata) -> bool,
) -> Result<Vec<Entry>> {
    let listing = match fs::read_dir(dir) {
        Ok(listing) => listing,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(err) => return Err(err).with_context(|| format!("reading {dir}")),
    };
    let mut found = Vec::new();
    for item in listing {
        let item = item.with_context(|| format!("reading {dir}"))?;
        let Some(file_name) = item.file_name().to_str().map(str::to_owned) else {
            continue; // not a name any POSIX call could be given from a shell
        };
        // An object removed while we list is simply not listed.
        let Ok(meta) = item.metadata() else { continue };
        if !want(&file_name, &meta) {
            continue;
        }
        let Some(bare) = file_name.strip_prefix(prefix) else {
            continue;
        };
        found.push(Entry {
            name: format!("/{bare}"),
            uid: meta.uid(),
            gid: meta.gid(),
            mode: meta.mode() & 0o7777,
            size: meta.size(),
            mtime: meta.mtime(),
        });
    }
    found.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(found)
}

/// The POSIX message queues, or None when /dev/mqueue is not an mqueue mount.
pub fn mq_records() -> Result<Option<Vec<MqRecord>>> {
    if !mqueue_mounted() {
        return Ok(None);
    }
    let mut records = Vec::new();
    for entry in entries(MQUEUE_DIR, "", |_, meta| meta.is_file())? {
        let path = Path::new(MQUEUE_DIR).join(&entry.name[1..]);
        let qsize = fs::read(&path).ok().and_then(|text| parse_qsize(&text));
        let attr = mq_attributes(&entry.name);
        records.push(MqRecord {
            entry,
            qsize,
            curmsgs: attr.map(|a| a.0),
            maxmsg: attr.map(|a| a.1),
            msgsize: attr.map(|a| a.2),
        });
    }
    Ok(Some(records))
}

/// `QSIZE:129 NOTIFY:0 ...`, the text of a file under /dev/mqueue: the bytes queued.
pub fn parse_qsize(text: &[u8]) -> Option<u64> {
    let text = std::str::from_utf8(text).ok()?;
    let rest = text.trim_start().strip_prefix("QSIZE:")?;
    let digits: &str = rest.split_whitespace().next()?;
    digits.parse().ok()
}

/// (messages queued, capacity, message size) of a queue, opened read-only and
/// non-blocking, which neither takes nor waits for anything.
fn mq_attributes(name: &str) -> Option<(u64, u64, u64)> {
    use nix::mqueue::{mq_close, mq_getattr, mq_open, MQ_OFlag};
    use nix::sys::stat::Mode;
    let cname = CString::new(name).ok()?;
    let mqd = mq_open(
        cname.as_c_str(),
        MQ_OFlag::O_RDONLY | MQ_OFlag::O_NONBLOCK,
        Mode::empty(),
        None,
    )
    .ok()?;
    let attr = mq_getattr(&mqd).ok();
    let _ = mq_close(mqd);
    let attr = attr?;
    let count = |n: libc::c_long| u64::try_from(n).ok();
    Some((
        count(attr.curmsgs())?,
        count(attr.maxmsg())?,
        count(attr.msgsize())?,
    ))
}

/// POSIX shared memory objects: the regular files of /dev/shm other than semaphores.
pub fn pshm_records() -> Result<Vec<Entry>> {
    entries(SHM_DIR, "", |name, meta| {
        meta.is_file() && !name.starts_with("sem.")
    })
}

/// POSIX named semaphores: /dev/shm/sem.NAME, with their values where they can be opened.
pub fn psem_records() -> Result<Vec<PsemRecord>> {
    let found = entries(SHM_DIR, "sem.", |name, meta| {
        name.starts_with("sem.") && meta.is_file() && !meta.file_type().is_fifo()
    })?;
    Ok(found
        .into_iter()
        .map(|entry| {
            let value = sem::NamedSem::open(&entry.name)
                .ok()
                .and_then(|sem| sem.value().ok());
            PsemRecord { entry, value }
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn qsize_from_the_mqueue_file() {
        assert_eq!(
            parse_qsize(b"QSIZE:129        NOTIFY:0     SIGNO:0     NOTIFY_PID:0     \n"),
            Some(129)
        );
        assert_eq!(parse_qsize(b"QSIZE:"), None);
        assert_eq!(parse_qsize(b"\xff\xfe"), None);
        assert_eq!(parse_qsize(b"NOTIFY:0"), None);
    }
}
