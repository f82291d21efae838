//! Changing an object (`ipcx set`): its mode, owner and group, a queue's msg_qbytes, a
//! segment's lock in memory. Written once for every kind: a System V object is changed
//! with IPC_SET (msgctl/shmctl/semctl) and SHM_LOCK/SHM_UNLOCK, a POSIX object's file
//! with fchmod/fchown, through a descriptor opened without following a planted symlink.
//! What the object is now is read first, so that a change is shown as old -> new and
//! IPC_SET is given back every field it is not asked to change.

use std::fmt;
use std::os::fd::{AsRawFd, OwnedFd};

use anyhow::{anyhow, Result};
use nix::errno::Errno;
use nix::fcntl::{open, OFlag};
use nix::sys::stat::{fstat, Mode, SFlag};

use crate::core::holders::posix_file;
use crate::core::ipcdata;
use crate::core::kind::{describe_name, Family, Kind};
use crate::core::objects::{self, Listed};
use crate::core::records::SHM_LOCKED;
use crate::core::sysv::msg::MSGMNB_PATH;
use crate::core::target::Target;

/// Creation, written once for every kind: `make` creates exclusively (IPC_EXCL, O_EXCL),
/// so that what only a new object is given (its mode, size, msg_qbytes) is given only to
/// one this command made; an object already there (EEXIST) is, unless `exclusive`, opened
/// as it is with `open`. Any other failure to make it, and EEXIST with `exclusive`, is
/// `failed`. The object, and whether this call made it.
pub fn make_or_open<T, E>(
    exclusive: bool,
    make: impl FnOnce() -> Result<T, Errno>,
    open: impl FnOnce() -> Result<T, E>,
    failed: impl FnOnce(Errno) -> E,
) -> Result<(T, bool), E> {
    match make() {
        Ok(made) => Ok((made, true)),
        Err(Errno::EEXIST) if !exclusive => open().map(|found| (found, false)),
        Err(errno) => Err(failed(errno)),
    }
}

/// What `set` asks to change; None leaves a field as it is.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Change {
    /// The permission bits (0 to 0o777).
    pub mode: Option<u32>,
    pub uid: Option<u32>,
    pub gid: Option<u32>,
    /// msg_qbytes: the most bytes a System V queue holds.
    pub qbytes: Option<u64>,
    /// SHM_LOCK (true) or SHM_UNLOCK (false) of a System V segment.
    pub lock: Option<bool>,
}

impl Change {
    /// Why this change cannot be made to objects of `kind` (a usage error), if it cannot.
    pub fn inapplicable(&self, kind: Kind) -> Option<String> {
        if self.qbytes.is_some() && kind != Kind::Msg {
            return Some(format!(
                "--max-bytes is a System V queue's msg_qbytes (set msg); {kind} objects have none"
            ));
        }
        if self.lock.is_some() && kind != Kind::Shm {
            return Some(format!(
                "--lock and --unlock lock a System V segment in memory (set shm); {kind} objects cannot be locked"
            ));
        }
        if *self == Change::default() {
            return Some(
                "nothing to change: give --mode, --owner, --group, --max-bytes, --lock or --unlock"
                    .into(),
            );
        }
        None
    }
}

/// A change refused part way: the part already made (to be shown as made), and why the
/// rest was refused.
pub struct Unfinished {
    pub made: Option<Change>,
    pub error: anyhow::Error,
}

impl Unfinished {
    fn nothing(error: anyhow::Error) -> Unfinished {
        Unfinished { made: None, error }
    }
}

/// An object's state as far as `set` changes it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct State {
    pub mode: u32,
    pub uid: u32,
    pub gid: u32,
    pub qbytes: Option<u64>,
    pub locked: Option<bool>,
}

impl State {
    /// The state once `change` is made.
    pub fn after(&self, change: &Change) -> State {
        State {
            mode: change.mode.unwrap_or(self.mode),
            uid: change.uid.unwrap_or(self.uid),
            gid: change.gid.unwrap_or(self.gid),
            qbytes: change.qbytes.or(self.qbytes),
            locked: change.lock.or(self.locked),
        }
    }
}

/// How an object is reached to change it.
enum Handle {
    Sysv {
        id: i32,
        cuid: u32,
        size: u64,
    },
    /// The object's file, opened O_PATH|O_NOFOLLOW.
    Posix(OwnedFd),
}

/// An existing object, ready to be changed.
pub struct Controlled {
    kind: Kind,
    label: String,
    state: State,
    handle: Handle,
}

/// The System V objects of a kind, listed once for every TARGET of a command; nothing for
/// a POSIX kind, whose objects are opened by name.
pub struct Objects {
    kind: Kind,
    listed: Vec<Listed>,
}

impl Objects {
    pub fn list(kind: Kind) -> Result<Objects> {
        let listed = match kind.family() {
            Family::Sysv => objects::list(kind)?.unwrap_or_default(),
            Family::Posix => Vec::new(),
        };
        Ok(Objects { kind, listed })
    }

    /// The object a TARGET names (`Kind::check_target` has accepted it), or the error line.
    pub fn open(&self, target: &Target) -> Result<Controlled, String> {
        match target {
            Target::Posix(name) => open_posix(self.kind, name),
            target => {
                let listed = objects::find(self.kind, target, &self.listed)?;
                sysv(listed)
            }
        }
    }
}

fn sysv(listed: &Listed) -> Result<Controlled, String> {
    let (kind, label) = (listed.kind(), listed.label());
    let id = listed.id().unwrap_or(-1);
    // /proc does not show msg_qbytes; MSG_STAT_ANY does, to anyone.
    let qbytes = match kind {
        Kind::Msg => Some(
            crate::core::sysv::msg::stat_any(id)
                .map_err(|errno| {
                    format!("{label}: cannot read its msg_qbytes: {}", kind.why(errno))
                })?
                .qbytes,
        ),
        _ => None,
    };
    Ok(Controlled {
        kind,
        state: State {
            mode: listed.mode() & 0o777,
            uid: listed.uid(),
            gid: listed.gid(),
            qbytes,
            locked: (kind == Kind::Shm).then(|| listed.mode() & SHM_LOCKED != 0),
        },
        handle: Handle::Sysv {
            id,
            cuid: listed.creator().map_or(u32::MAX, |(cuid, _)| cuid),
            size: listed.size().unwrap_or(0),
        },
        label,
    })
}

fn open_posix(kind: Kind, name: &str) -> Result<Controlled, String> {
    let label = describe_name(kind, name);
    // Kind::check_target has made it a POSIX kind and a /NAME.
    let path = posix_file(kind, name).ok_or_else(|| format!("{label}: not a POSIX name"))?;
    // O_PATH needs no permission on the file itself, and with O_NOFOLLOW a symlink planted
    // at the name is opened as the link, and refused below, never followed.
    let fd = open(
        &path,
        OFlag::O_PATH | OFlag::O_NOFOLLOW | OFlag::O_CLOEXEC,
        Mode::empty(),
    )
    .map_err(|errno| format!("{label}: {}", kind.why(errno)))?;
    let stat = fstat(&fd).map_err(|errno| format!("{label}: {}", kind.why(errno)))?;
    if SFlag::from_bits_truncate(stat.st_mode) & SFlag::S_IFMT != SFlag::S_IFREG {
        return Err(format!(
            "{label}: {} is not a regular file; left alone",
            path.display()
        ));
    }
    Ok(Controlled {
        kind,
        label,
        state: State {
            mode: stat.st_mode & 0o777,
            uid: stat.st_uid,
            gid: stat.st_gid,
            qbytes: None,
            locked: None,
        },
        handle: Handle::Posix(fd),
    })
}

impl Controlled {
    /// `queue 0x000004d2 (id 3)`, `POSIX queue /jobs`.
    pub fn label(&self) -> &str {
        &self.label
    }

    pub fn state(&self) -> State {
        self.state
    }

    /// Makes the change: IPC_SET, then SHM_LOCK/SHM_UNLOCK; or fchmod, then fchown. The
    /// error names the rule that refused it and where it is set.
    pub fn apply(&self, change: &Change) -> Result<(), Unfinished> {
        let new = self.state.after(change);
        // What is made first, and so made already when the second step is refused.
        let first = Change {
            lock: None,
            ..*change
        };
        let perm_change = first != Change::default();
        match &self.handle {
            Handle::Sysv { id, cuid, size } => {
                if perm_change {
                    ipc_set(self.kind, *id, &new).map_err(|errno| {
                        Unfinished::nothing(self.error(self.set_why(errno, change, *cuid)))
                    })?;
                }
                if let Some(lock) = change.lock {
                    shm_lock(*id, lock).map_err(|errno| Unfinished {
                        made: perm_change.then_some(first),
                        error: self.error(lock_why(errno, *size, self.owned_by_caller(*cuid))),
                    })?;
                }
            }
            Handle::Posix(fd) => {
                if change.mode.is_some() {
                    // fchmod refuses an O_PATH descriptor; its /proc link reaches the file
                    // it was opened on, whatever is at the name now.
                    let link = format!("/proc/self/fd/{}", fd.as_raw_fd());
                    nix::sys::stat::fchmodat(
                        nix::fcntl::AT_FDCWD,
                        link.as_str(),
                        Mode::from_bits_truncate(new.mode as libc::mode_t),
                        nix::sys::stat::FchmodatFlags::FollowSymlink,
                    )
                    .map_err(|errno| {
                        Unfinished::nothing(self.error(posix_why(errno, "mode", "CAP_FOWNER")))
                    })?;
                }
                if change.uid.is_some() || change.gid.is_some() {
                    chown_fd(fd, change.uid, change.gid).map_err(|errno| Unfinished {
                        made: change.mode.map(|mode| Change {
                            mode: Some(mode),
                            ..Change::default()
                        }),
                        error: self.error(posix_why(errno, "owner", "CAP_CHOWN")),
                    })?;
                }
            }
        }
        Ok(())
    }

    fn error(&self, why: impl fmt::Display) -> anyhow::Error {
        anyhow!("{}: {why}", self.label)
    }

    /// Whether this process's euid is the object's owner or creator, as the kernel asks
    /// before it looks at capabilities.
    fn owned_by_caller(&self, cuid: u32) -> bool {
        let euid = nix::unistd::geteuid().as_raw();
        euid == self.state.uid || euid == cuid
    }

    /// Why IPC_SET refused.
    fn set_why(&self, errno: Errno, change: &Change, cuid: u32) -> String {
        match (errno, change.qbytes) {
            (Errno::EPERM, Some(qbytes)) if self.owned_by_caller(cuid) => qbytes_why(errno, qbytes),
            (Errno::EPERM, _) => {
                "only its owner or creator, or CAP_SYS_ADMIN, may change it".into()
            }
            (Errno::EINVAL, Some(qbytes)) if self.kind == Kind::Msg => qbytes_why(errno, qbytes),
            (errno, _) => self.kind.why(errno),
        }
    }
}

/// Why IPC_SET refused a queue's owner msg_qbytes: above the limit (EPERM; the limit and
/// where it is set), or not a size at all (EINVAL).
fn qbytes_why(errno: Errno, qbytes: u64) -> String {
    match errno {
        Errno::EPERM => {
            let msgmnb =
                ipcdata::msg_limits().map_or_else(|_| "?".into(), |l| l.msgmnb.to_string());
            format!(
                "msg_qbytes {qbytes} is above msgmnb {msgmnb} ({MSGMNB_PATH}): raising it past that needs CAP_SYS_RESOURCE"
            )
        }
        Errno::EINVAL => format!(
            "msg_qbytes {qbytes} is not a size the kernel takes (1 to {})",
            i32::MAX
        ),
        other => Kind::Msg.why(other),
    }
}

/// msg_qbytes of a queue this process has just made with `mode` (`msg send --create
/// --max-bytes`): IPC_SET as `set` makes it, given back what the kernel gave the queue (its
/// owner and creator are this process's euid and egid). The error says why, in words.
pub fn size_new_queue(msqid: i32, mode: u32, qbytes: u64) -> Result<(), String> {
    let made = State {
        mode,
        uid: nix::unistd::geteuid().as_raw(),
        gid: nix::unistd::getegid().as_raw(),
        qbytes: Some(qbytes),
        locked: None,
    };
    ipc_set(Kind::Msg, msqid, &made).map_err(|errno| qbytes_why(errno, qbytes))
}

fn posix_why(errno: Errno, what: &str, cap: &str) -> String {
    match errno {
        Errno::EPERM => format!(
            "only its file's owner, or {cap}, may change its {what}{}",
            if what == "owner" {
                " (its owner may change its group to one of their own)"
            } else {
                ""
            }
        ),
        other => crate::core::errno_text(other),
    }
}

/// Why SHM_LOCK or SHM_UNLOCK refused; `owner` when the caller is the segment's owner or
/// creator.
fn lock_why(errno: Errno, size: u64, owner: bool) -> String {
    let limit = memlock_limit().map_or_else(
        || "?".to_string(),
        |limit| match limit {
            None => "unlimited".into(),
            Some(bytes) => format!("{bytes} bytes"),
        },
    );
    match errno {
        Errno::ENOMEM => format!(
            "locking its {size} bytes would pass RLIMIT_MEMLOCK of {limit} (ulimit -l); CAP_IPC_LOCK lifts the limit"
        ),
        Errno::EPERM if owner => format!(
            "RLIMIT_MEMLOCK is {limit} (ulimit -l): locking it needs a limit above 0, or CAP_IPC_LOCK"
        ),
        Errno::EPERM => "only its owner or creator, or CAP_IPC_LOCK, may lock or unlock it".into(),
        other => Kind::Shm.why(other),
    }
}

/// RLIMIT_MEMLOCK's soft limit: None for unlimited; outer None if it cannot be read.
fn memlock_limit() -> Option<Option<u64>> {
    let mut limit = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    // SAFETY: getrlimit writes one rlimit to the pointer, which is ours for the call.
    if unsafe { libc::getrlimit(libc::RLIMIT_MEMLOCK, &mut limit) } != 0 {
        return None;
    }
    Some((limit.rlim_cur != libc::RLIM_INFINITY).then_some(limit.rlim_cur))
}

/// IPC_SET of a System V object to `new`: the kernel takes uid, gid, the permission bits
/// and (for a queue) msg_qbytes from the structure, and nothing else.
fn ipc_set(kind: Kind, id: i32, new: &State) -> Result<(), Errno> {
    let mode = libc::c_ushort::try_from(new.mode & 0o777).map_err(|_| Errno::EINVAL)?;
    let perm = |perm: &mut libc::ipc_perm| {
        perm.uid = new.uid;
        perm.gid = new.gid;
        perm.mode = mode;
    };
    match kind {
        Kind::Msg => {
            // SAFETY: msqid_ds is plain data; all zeroes is a valid value.
            let mut ds: libc::msqid_ds = unsafe { std::mem::zeroed() };
            perm(&mut ds.msg_perm);
            ds.msg_qbytes = new.qbytes.ok_or(Errno::EINVAL)?;
            // SAFETY: IPC_SET reads one msqid_ds from the pointer, ours for the call.
            Errno::result(unsafe { libc::msgctl(id, libc::IPC_SET, &mut ds) }).map(drop)
        }
        Kind::Shm => {
            // SAFETY: shmid_ds is plain data; all zeroes is a valid value.
            let mut ds: libc::shmid_ds = unsafe { std::mem::zeroed() };
            perm(&mut ds.shm_perm);
            // SAFETY: IPC_SET reads one shmid_ds from the pointer, ours for the call.
            Errno::result(unsafe { libc::shmctl(id, libc::IPC_SET, &mut ds) }).map(drop)
        }
        Kind::Sem => {
            // SAFETY: semid_ds is plain data; all zeroes is a valid value.
            let mut ds: libc::semid_ds = unsafe { std::mem::zeroed() };
            perm(&mut ds.sem_perm);
            // SAFETY: IPC_SET reads one semid_ds through the semun's buffer pointer, which
            // points to `ds`, ours for the call.
            Errno::result(unsafe {
                libc::semctl(id, 0, libc::IPC_SET, &mut ds as *mut libc::semid_ds)
            })
            .map(drop)
        }
        Kind::Mq | Kind::Pshm | Kind::Psem => Err(Errno::EINVAL),
    }
}

/// shmctl(SHM_LOCK) or shmctl(SHM_UNLOCK).
fn shm_lock(id: i32, lock: bool) -> Result<(), Errno> {
    let cmd = if lock {
        libc::SHM_LOCK
    } else {
        libc::SHM_UNLOCK
    };
    // SAFETY: SHM_LOCK and SHM_UNLOCK ignore the buffer argument.
    Errno::result(unsafe { libc::shmctl(id, cmd, std::ptr::null_mut()) }).map(drop)
}

/// fchownat(fd, "", AT_EMPTY_PATH): the file the O_PATH descriptor was opened on; -1
/// leaves an id as it is.
fn chown_fd(fd: &OwnedFd, uid: Option<u32>, gid: Option<u32>) -> Result<(), Errno> {
    // SAFETY: the path is a static empty C string; with AT_EMPTY_PATH the call acts on the
    // open descriptor `fd`, which outlives it.
    Errno::result(unsafe {
        libc::fchownat(
            fd.as_raw_fd(),
            c"".as_ptr(),
            uid.unwrap_or(u32::MAX),
            gid.unwrap_or(u32::MAX),
            libc::AT_EMPTY_PATH,
        )
    })
    .map(drop)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn made_or_opened() {
        let opened = || Ok::<_, Errno>("there");
        let failed = |errno: Errno| errno;
        assert_eq!(
            make_or_open(false, || Ok("new"), opened, failed),
            Ok(("new", true))
        );
        assert_eq!(
            make_or_open(false, || Err(Errno::EEXIST), opened, failed),
            Ok(("there", false))
        );
        assert_eq!(
            make_or_open(true, || Err(Errno::EEXIST), opened, failed),
            Err(Errno::EEXIST)
        );
        assert_eq!(
            make_or_open(false, || Err(Errno::ENOSPC), opened, failed),
            Err(Errno::ENOSPC)
        );
    }

    #[test]
    fn options_that_do_not_apply() {
        let qbytes = Change {
            qbytes: Some(1),
            ..Change::default()
        };
        assert_eq!(qbytes.inapplicable(Kind::Msg), None);
        assert!(qbytes
            .inapplicable(Kind::Mq)
            .unwrap()
            .contains("msg_qbytes"));
        let lock = Change {
            lock: Some(true),
            ..Change::default()
        };
        assert_eq!(lock.inapplicable(Kind::Shm), None);
        assert!(lock
            .inapplicable(Kind::Pshm)
            .unwrap()
            .contains("cannot be locked"));
        assert!(Change::default()
            .inapplicable(Kind::Sem)
            .unwrap()
            .contains("nothing to change"));
    }
}
