//! File locks: taking and testing flock(2), open-file-description (F_OFD_SETLK) and
//! process-associated POSIX (F_SETLK) locks, and reading who holds them from /proc/locks.
//!
//! The three kinds differ in whom a lock belongs to. A flock or OFD lock belongs to the
//! open file (the description), so it outlives the process that took it for as long as a
//! descriptor of that file is open anywhere — in a child, or across execve. A POSIX lock
//! belongs to the process: it survives execve (the process is the same), and it goes as
//! soon as the process closes any descriptor of the file. On Linux flock and fcntl locks
//! do not see each other; OFD and POSIX locks do conflict.

pub mod flock1;
pub mod list;
pub mod table;

use std::fs::File;
use std::os::fd::{AsRawFd, BorrowedFd, FromRawFd, OwnedFd, RawFd};
use std::os::unix::ffi::OsStrExt;
use std::path::Path;

use nix::errno::Errno;

use super::posix::Wait;

/// Which lock call: flock(2), F_OFD_SETLK(W) or F_SETLK(W).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Api {
    Flock,
    Ofd,
    Posix,
}

impl Api {
    /// The kind's name as the command line and messages spell it.
    pub fn name(self) -> &'static str {
        match self {
            Api::Flock => "flock",
            Api::Ofd => "ofd",
            Api::Posix => "posix",
        }
    }

    /// Whether the kind takes byte ranges (the fcntl kinds).
    pub fn ranged(self) -> bool {
        self != Api::Flock
    }
}

/// A byte range of a file: `len` 0 is "to the end of the file, and beyond".
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Range {
    pub start: u64,
    pub len: u64,
}

impl Range {
    /// The last byte, or None for "to the end".
    pub fn last(self) -> Option<u64> {
        (self.len != 0).then(|| self.start + (self.len - 1))
    }

    /// `START[:LEN]` in words for messages: `bytes 0 to the end`, `bytes 10 to 19`.
    pub fn text(self) -> String {
        match self.last() {
            None => format!("bytes {} to the end", self.start),
            Some(last) => format!("bytes {} to {last}", self.start),
        }
    }
}

/// `START[:LEN]`, each a SIZE; the range must fit the kernel's off_t (a signed 64-bit
/// offset), its last byte included.
pub fn parse_range(text: &str) -> Result<Range, String> {
    let (start, len) = match text.split_once(':') {
        Some((start, len)) => (start, Some(len)),
        None => (text, None),
    };
    let number = |what: &str, part: &str| -> Result<u64, String> {
        if part.trim_start().starts_with('-') {
            return Err(format!(
                "range '{text}': the {what} cannot be negative ({part})"
            ));
        }
        super::parse::size(part).map_err(|why| format!("range '{text}': {what}: {why}"))
    };
    let start = number("start", start)?;
    let len = match len {
        Some(len) => number("length", len)?,
        None => 0,
    };
    let max = i64::MAX as u64;
    let fits = start <= max
        && len <= max
        && start
            .checked_add(len.saturating_sub(1))
            .is_some_and(|last| last <= max);
    if !fits {
        return Err(format!(
            "range '{text}' goes past the largest file offset ({max}, off_t)"
        ));
    }
    Ok(Range { start, len })
}

/// Shared (read) or exclusive (write).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Access {
    Shared,
    Exclusive,
}

impl Access {
    pub fn name(self) -> &'static str {
        match self {
            Access::Shared => "shared",
            Access::Exclusive => "exclusive",
        }
    }
}

/// What a lock file came to be opened as.
pub struct Opened {
    pub fd: OwnedFd,
    /// Opened read-only (a directory, or a file we may not write).
    pub read_only: bool,
}

/// Opens (creating if missing) the file to lock, without O_CLOEXEC: the open file is
/// what a flock or OFD lock belongs to, and a command exec'd after must inherit it (a
/// POSIX lock, too, goes when its process closes the file).
///
/// An existing file is opened read-write, else read-only (a directory, a file we may only
/// read); it is never truncated. A missing one is created with O_CREAT|O_EXCL|O_NOFOLLOW
/// and then given exactly `mode`: a symlink planted at PATH, even one to a missing file,
/// is never followed to create its target.
pub fn open(path: &Path, mode: u32) -> Result<Opened, Errno> {
    use nix::fcntl::{open as sys_open, OFlag};
    use nix::sys::stat::Mode;
    let mode = Mode::from_bits_truncate(mode & 0o777);
    open_or_create(
        path,
        || open_rw_or_ro(path, OFlag::empty()),
        || {
            let flags = OFlag::O_NOCTTY
                | OFlag::O_RDWR
                | OFlag::O_CREAT
                | OFlag::O_EXCL
                | OFlag::O_NOFOLLOW;
            // The umask must not narrow (or a default widen) what -m says.
            let fd = super::fifo::with_exact_mode(|| sys_open(path, flags, mode))?;
            Ok(Opened {
                fd,
                read_only: false,
            })
        },
    )
}

/// Opens PATH with `existing`, and when it is missing (ENOENT) makes it with `create`
/// (O_CREAT|O_EXCL|O_NOFOLLOW): if that finds something there (EEXIST), someone made it
/// meanwhile, or PATH is a symlink — to a missing file when `existing` said ENOENT, which
/// is never followed to create its target (ELOOP).
fn open_or_create<T>(
    path: &Path,
    mut existing: impl FnMut() -> Result<T, Errno>,
    mut create: impl FnMut() -> Result<T, Errno>,
) -> Result<T, Errno> {
    let mut planted = false;
    for _ in 0..3 {
        match existing() {
            Err(Errno::ENOENT) if planted => return Err(Errno::ELOOP),
            Err(Errno::ENOENT) => {}
            other => return other,
        }
        match create() {
            Err(Errno::EEXIST) => planted = path_is_symlink(path),
            other => return other,
        }
    }
    Err(Errno::ELOOP)
}

fn path_is_symlink(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink())
}

/// Opens PATH read-write, else read-only (a directory, a file we may only read), never
/// creating it; `extra` flags (O_CLOEXEC) for both.
fn open_rw_or_ro(path: &Path, extra: nix::fcntl::OFlag) -> Result<Opened, Errno> {
    use nix::fcntl::{open as sys_open, OFlag};
    use nix::sys::stat::Mode;
    let base = extra | OFlag::O_NOCTTY;
    match sys_open(path, base | OFlag::O_RDWR, Mode::empty()) {
        Ok(fd) => Ok(Opened {
            fd,
            read_only: false,
        }),
        Err(Errno::EISDIR | Errno::EACCES | Errno::EROFS | Errno::ETXTBSY) => Ok(Opened {
            fd: sys_open(path, base | OFlag::O_RDONLY, Mode::empty())?,
            read_only: true,
        }),
        Err(errno) => Err(errno),
    }
}

/// A descriptor this process inherited, checked to be open.
pub fn inherited(fd: RawFd) -> Result<BorrowedFd<'static>, Errno> {
    nix::fcntl::fcntl(
        // SAFETY: fd is only used for F_GETFD here, which fails cleanly (EBADF) when it is
        // not open.
        unsafe { BorrowedFd::borrow_raw(fd) },
        nix::fcntl::FcntlArg::F_GETFD,
    )?;
    // SAFETY: the descriptor is open (F_GETFD succeeded) and this process never closes
    // an inherited descriptor while the command runs.
    Ok(unsafe { BorrowedFd::borrow_raw(fd) })
}

fn flock_struct(kind: libc::c_short, range: Range) -> libc::flock {
    // SAFETY: an all-zero flock is valid (integers only); the fields that matter are set.
    let mut lock: libc::flock = unsafe { std::mem::zeroed() };
    lock.l_type = kind;
    lock.l_whence = libc::SEEK_SET as libc::c_short;
    // parse_range keeps both within off_t.
    lock.l_start = i64::try_from(range.start).unwrap_or(i64::MAX);
    lock.l_len = i64::try_from(range.len).unwrap_or(0);
    lock.l_pid = 0;
    lock
}

fn fcntl_lock(fd: BorrowedFd<'_>, cmd: libc::c_int, lock: &mut libc::flock) -> Result<(), Errno> {
    // SAFETY: `lock` is a valid, exclusively borrowed flock for the call to read and (for
    // the GETLK commands) fill in.
    let rc = unsafe { libc::fcntl(fd.as_raw_fd(), cmd, lock as *mut libc::flock) };
    Errno::result(rc).map(drop)
}

/// Takes a lock on `fd`: with `Wait::No` at once or EAGAIN when it is held, else
/// blocking until it is free or a signal interrupts (EINTR). (`Wait::Until` blocks too:
/// there is no timed lock call, a `Deadline` interrupts it.)
pub fn take(
    fd: BorrowedFd<'_>,
    api: Api,
    access: Access,
    range: Range,
    wait: Wait,
) -> Result<(), Errno> {
    let now = matches!(wait, Wait::No);
    let result = match api {
        Api::Flock => {
            let mut op = match access {
                Access::Shared => libc::LOCK_SH,
                Access::Exclusive => libc::LOCK_EX,
            };
            if now {
                op |= libc::LOCK_NB;
            }
            // SAFETY: flock(2) takes a descriptor and an operation.
            Errno::result(unsafe { libc::flock(fd.as_raw_fd(), op) }).map(drop)
        }
        Api::Ofd | Api::Posix => {
            let kind = match access {
                Access::Shared => libc::F_RDLCK,
                Access::Exclusive => libc::F_WRLCK,
            } as libc::c_short;
            let cmd = match (api, now) {
                (Api::Ofd, true) => libc::F_OFD_SETLK,
                (Api::Ofd, false) => libc::F_OFD_SETLKW,
                (_, true) => libc::F_SETLK,
                (_, false) => libc::F_SETLKW,
            };
            fcntl_lock(fd, cmd, &mut flock_struct(kind, range))
        }
    };
    // F_SETLK says "held" as EACCES on some systems; flock as EWOULDBLOCK (= EAGAIN).
    result.map_err(|errno| match errno {
        Errno::EACCES if now && api.ranged() => Errno::EAGAIN,
        other => other,
    })
}

/// Lets go of a lock taken with `take` (what was taken is given back when a wait was cut
/// short just after it succeeded).
pub fn release(fd: BorrowedFd<'_>, api: Api, range: Range) {
    let _ = unlock(fd, api, range);
}

/// Removes this descriptor's (flock, OFD) or process's (POSIX) lock on `range`.
pub fn unlock(fd: BorrowedFd<'_>, api: Api, range: Range) -> Result<(), Errno> {
    match api {
        // SAFETY: flock(2) takes a descriptor and an operation.
        Api::Flock => {
            Errno::result(unsafe { libc::flock(fd.as_raw_fd(), libc::LOCK_UN) }).map(drop)
        }
        Api::Ofd | Api::Posix => {
            let cmd = if api == Api::Ofd {
                libc::F_OFD_SETLK
            } else {
                libc::F_SETLK
            };
            fcntl_lock(
                fd,
                cmd,
                &mut flock_struct(libc::F_UNLCK as libc::c_short, range),
            )
        }
    }
}

/// A lock that stands in the way, as the kernel or /proc/locks tells it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Conflict {
    /// FLOCK, POSIX or OFDLCK.
    pub kind: String,
    pub access: Access,
    pub start: u64,
    /// The last byte, None for "to the end".
    pub end: Option<u64>,
    /// The holding processes (an OFD lock has none of its own: those with the file open).
    pub pids: Vec<i32>,
}

/// `4242 (backup.sh)`: a pid and its command, or the pid alone when it cannot be read.
pub fn named_pid(pid: i32) -> String {
    match super::procfs::comm(pid) {
        Some(comm) => format!("{pid} ({comm})"),
        None => pid.to_string(),
    }
}

/// `held by pid 4242 (backup.sh)`, `held by pids 1 (a), 2 (b)`, or `holder unknown`.
pub fn holders_text(pids: &[i32]) -> String {
    let named: Vec<String> = pids.iter().map(|&pid| named_pid(pid)).collect();
    match named.len() {
        0 => "held by a process not visible here".into(),
        1 => format!("held by pid {}", named[0]),
        _ => format!("held by pids {}", named.join(", ")),
    }
}

/// The lock that would stop `access` on `range` of `fd` now, if any. For the fcntl kinds
/// the kernel answers (F_GETLK, F_OFD_GETLK); an OFD lock reports pid -1, and its holders
/// are found through /proc/locks and /proc/PID/fdinfo. For flock, which has no test call, a
/// non-blocking attempt (released at once) says whether it is free, and /proc/locks names
/// the holder.
pub fn conflict(
    fd: BorrowedFd<'_>,
    api: Api,
    access: Access,
    range: Range,
) -> Result<Option<Conflict>, Errno> {
    let id = table::FileId::of(fd)?;
    match api {
        Api::Flock => match take(fd, api, access, range, Wait::No) {
            Ok(()) => {
                release(fd, api, range);
                Ok(None)
            }
            Err(Errno::EAGAIN) => Ok(Some(flock_holder(&id, access))),
            Err(errno) => Err(errno),
        },
        Api::Ofd | Api::Posix => {
            let kind = match access {
                Access::Shared => libc::F_RDLCK,
                Access::Exclusive => libc::F_WRLCK,
            } as libc::c_short;
            let mut lock = flock_struct(kind, range);
            let cmd = if api == Api::Ofd {
                libc::F_OFD_GETLK
            } else {
                libc::F_GETLK
            };
            fcntl_lock(fd, cmd, &mut lock)?;
            if lock.l_type == libc::F_UNLCK as libc::c_short {
                return Ok(None);
            }
            let start = u64::try_from(lock.l_start).unwrap_or(0);
            let end = match u64::try_from(lock.l_len) {
                Ok(0) | Err(_) => None,
                Ok(len) => Some(start.saturating_add(len - 1)),
            };
            let access = if lock.l_type == libc::F_WRLCK as libc::c_short {
                Access::Exclusive
            } else {
                Access::Shared
            };
            // An OFD lock says -1; a POSIX one its holder's pid, 0 when the holder is of a
            // pid namespace not visible from ours.
            let (kind, pids) = match lock.l_pid {
                -1 => ("OFDLCK".to_string(), table::ofd_holders(&id, start, end)),
                pid => (
                    "POSIX".to_string(),
                    (pid > 0).then_some(pid).into_iter().collect(),
                ),
            };
            Ok(Some(Conflict {
                kind,
                access,
                start,
                end,
                pids,
            }))
        }
    }
}

/// The flock lock on the file that conflicts with `access`, from /proc/locks.
fn flock_holder(id: &table::FileId, access: Access) -> Conflict {
    let entries = table::read_proc_locks().unwrap_or_default();
    let found = entries.iter().find(|entry| {
        !entry.blocked
            && entry.kind == "FLOCK"
            && entry.file == *id
            && (access == Access::Exclusive || entry.mode == "WRITE")
    });
    match found {
        Some(entry) => Conflict {
            kind: "FLOCK".into(),
            access: if entry.mode == "WRITE" {
                Access::Exclusive
            } else {
                Access::Shared
            },
            start: 0,
            end: None,
            pids: (entry.pid > 0).then_some(entry.pid).into_iter().collect(),
        },
        None => Conflict {
            kind: "FLOCK".into(),
            access: Access::Exclusive,
            start: 0,
            end: None,
            pids: Vec::new(),
        },
    }
}

/// Opens PATH for `lock test`: read-write when it may (an exclusive fcntl test needs a
/// descriptor that could take it), else read-only; never created.
pub fn open_existing(path: &Path) -> Result<Opened, Errno> {
    open_rw_or_ro(path, nix::fcntl::OFlag::O_CLOEXEC)
}

/// A path's bytes for messages (lossy where not UTF-8).
pub fn path_text(path: &Path) -> String {
    String::from_utf8_lossy(path.as_os_str().as_bytes()).into_owned()
}

/// Turns an owned descriptor into a raw one that stays open for the rest of the process
/// (and across exec): the lock lives on it.
pub fn keep_open(fd: OwnedFd) -> RawFd {
    use std::os::fd::IntoRawFd;
    fd.into_raw_fd()
}

/// Wraps a raw descriptor kept with `keep_open` to close it (when ipcx gives up).
pub fn close_kept(fd: RawFd) {
    // SAFETY: `fd` came from keep_open and is closed once, here.
    drop(unsafe { File::from_raw_fd(fd) });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges() {
        assert_eq!(parse_range("0"), Ok(Range { start: 0, len: 0 }));
        assert_eq!(parse_range("10:5"), Ok(Range { start: 10, len: 5 }));
        assert_eq!(
            parse_range("1K:1K"),
            Ok(Range {
                start: 1024,
                len: 1024
            })
        );
        assert_eq!(parse_range("5:0"), Ok(Range { start: 5, len: 0 }));
        assert!(parse_range("-1")
            .unwrap_err()
            .contains("cannot be negative"));
        assert!(parse_range("0:-1")
            .unwrap_err()
            .contains("cannot be negative"));
        assert!(parse_range("8E")
            .unwrap_err()
            .contains("largest file offset"));
        assert!(parse_range("9223372036854775807:2")
            .unwrap_err()
            .contains("largest file offset"));
        assert_eq!(
            parse_range("9223372036854775807:1"),
            Ok(Range {
                start: i64::MAX as u64,
                len: 1
            })
        );
        assert!(parse_range("x").is_err());
        assert!(parse_range("99999999999999999999999").is_err());
        assert_eq!(Range { start: 10, len: 5 }.text(), "bytes 10 to 14");
        assert_eq!(Range { start: 3, len: 0 }.text(), "bytes 3 to the end");
    }
}
