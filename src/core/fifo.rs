//! FIFOs (named pipes): made with an exact mode, opened with the waits and refusals of
//! `fifo read`/`fifo write`, and removed only when they are what this process made.

use std::os::fd::{AsFd, OwnedFd};
use std::path::{Path, PathBuf};

use anyhow::{anyhow, Result};
use nix::errno::Errno;
use nix::fcntl::{fcntl, open, FcntlArg, OFlag};
use nix::sys::stat::{lstat, Mode, SFlag};

use crate::core::status::not_now;
use crate::core::stream::{self, End};
use crate::core::{errno_text, signals, timer};

/// Runs `make` with the umask cleared, so a file is created with exactly the mode asked
/// for, never more permissive for an instant and never narrowed by the user's umask.
pub fn with_exact_mode<T>(make: impl FnOnce() -> T) -> T {
    let old = nix::sys::stat::umask(Mode::empty());
    let result = make();
    nix::sys::stat::umask(old);
    result
}

/// Makes a FIFO at `path` with exactly `mode`.
pub fn make(path: &Path, mode: u32) -> nix::Result<()> {
    let mode = Mode::from_bits_truncate(mode);
    with_exact_mode(|| nix::unistd::mkfifo(path, mode))
}

/// What is at a path, in a few words: `a regular file`, `a directory`.
pub fn file_kind(mode: u32) -> &'static str {
    match mode & libc::S_IFMT {
        libc::S_IFREG => "a regular file",
        libc::S_IFDIR => "a directory",
        libc::S_IFSOCK => "a socket",
        libc::S_IFLNK => "a symbolic link",
        libc::S_IFCHR => "a character device",
        libc::S_IFBLK => "a block device",
        libc::S_IFIFO => "a FIFO",
        _ => "not a FIFO",
    }
}

/// Whether `path` is a FIFO (with `follow`, what a symlink at it points at; without, the
/// path itself); the kind found otherwise.
pub fn check_is_fifo(path: &Path, follow: bool) -> nix::Result<Result<(), &'static str>> {
    let st = if follow {
        nix::sys::stat::stat(path)?
    } else {
        lstat(path)?
    };
    if SFlag::from_bits_truncate(st.st_mode & libc::S_IFMT) == SFlag::S_IFIFO {
        Ok(Ok(()))
    } else {
        Ok(Err(file_kind(st.st_mode)))
    }
}

/// Removes the FIFO at `path`; anything else (a symlink to a FIFO too) is refused and left
/// in place.
pub fn remove(path: &Path) -> Result<()> {
    match check_is_fifo(path, false) {
        Ok(Ok(())) => nix::unistd::unlink(path).map_err(|e| anyhow!(errno_text(e))),
        Ok(Err(kind)) => Err(anyhow!("not a FIFO ({kind}); left in place")),
        Err(errno) => Err(anyhow!(errno_text(errno))),
    }
}

/// A FIFO this process made for one use: removed when dropped, unless `keep` was called,
/// and only while the path still names the inode it made.
pub struct Made {
    path: PathBuf,
    id: Option<(u64, u64)>,
    keep: bool,
}

impl Made {
    pub fn keep(&mut self) {
        self.keep = true;
    }
}

impl Drop for Made {
    fn drop(&mut self) {
        if self.keep {
            return;
        }
        if let (Some(id), Ok(st)) = (self.id, lstat(&self.path)) {
            if (st.st_dev, st.st_ino) == id {
                let _ = nix::unistd::unlink(&self.path);
            }
        }
    }
}

/// Which end of the FIFO to open.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Side {
    Read,
    Write,
}

/// Makes the FIFO (mode 0600) when `create` and nothing is at `path`; refuses a path that
/// is something else. A symlink to a FIFO (`/dev/stdin` when it is a pipe) is that FIFO.
/// Returns the guard of a FIFO made here.
pub fn prepare(path: &Path, create: bool) -> Result<Option<Made>> {
    match check_is_fifo(path, true) {
        Ok(Ok(())) => Ok(None),
        Ok(Err(kind)) => Err(anyhow!("not a FIFO ({kind})")),
        Err(Errno::ENOENT) if create => match make(path, 0o600) {
            Ok(()) => {
                let id = lstat(path).ok().map(|st| (st.st_dev, st.st_ino));
                Ok(Some(Made {
                    path: path.to_path_buf(),
                    id,
                    keep: false,
                }))
            }
            // Another process made it between our look and mkfifo: use theirs.
            Err(Errno::EEXIST) => prepare(path, false),
            Err(errno) => Err(anyhow!("cannot create: {}", errno_text(errno))),
        },
        Err(Errno::ENOENT) => Err(anyhow!("no such FIFO (use --create to make it)")),
        Err(errno) => Err(anyhow!(errno_text(errno))),
    }
}

/// Opens one end of the FIFO at `path`, waiting for the other end as open(2) does. With
/// `nowait` the open does not wait: a writer with no reader fails at once with status 3
/// (ENXIO); a reader then calls `first_read_nowait`. An interrupt ends the wait (128+N), and so does an armed
/// deadline (status 3).
pub fn open_end(
    path: &Path,
    side: Side,
    nowait: bool,
    timeout: Option<&timer::Deadline>,
) -> Result<OwnedFd> {
    let display = path.display();
    let access = match side {
        Side::Read => OFlag::O_RDONLY,
        Side::Write => OFlag::O_WRONLY,
    };
    let mut flags = access | OFlag::O_CLOEXEC;
    if nowait {
        flags |= OFlag::O_NONBLOCK;
    }
    let fd = loop {
        match open(path, flags, Mode::empty()) {
            Ok(fd) => break fd,
            Err(Errno::EINTR) => {
                signals::check()?;
                if let (true, Some(deadline)) = (timer::expired(), timeout) {
                    let other = match side {
                        Side::Read => "writer",
                        Side::Write => "reader",
                    };
                    return Err(not_now(format!(
                        "no {other} on {display} within {}",
                        deadline.text()
                    )));
                }
            }
            Err(Errno::ENXIO) if nowait => {
                return Err(not_now(format!("no reader on {display}")));
            }
            Err(errno) => return Err(anyhow!("{display}: {}", errno_text(errno))),
        }
    };
    // The path may have been swapped for something else since it was checked.
    let st =
        nix::sys::stat::fstat(fd.as_fd()).map_err(|e| anyhow!("{display}: {}", errno_text(e)))?;
    if st.st_mode & libc::S_IFMT != libc::S_IFIFO {
        return Err(anyhow!("{display}: not a FIFO ({})", file_kind(st.st_mode)));
    }
    if nowait && side == Side::Write {
        let _ = fcntl(fd.as_fd(), FcntlArg::F_SETFL(access));
    }
    Ok(fd)
}

/// For `fifo read --nowait`: one non-blocking read on a FIFO opened with O_NONBLOCK tells
/// whether a writer is there (EAGAIN: yes, nothing yet; 0: nobody), and whatever it takes
/// is written to `out` before anything else. Then the descriptor blocks again.
pub fn first_read_nowait(fd: &OwnedFd, path: &Path, out: End<'_>) -> Result<u64> {
    let mut buffer = vec![0u8; 64 << 10];
    let got = loop {
        match nix::unistd::read(fd.as_fd(), &mut buffer) {
            Ok(0) => return Err(not_now(format!("no writer on {}", path.display()))),
            Ok(n) => break n,
            Err(Errno::EAGAIN) => break 0,
            Err(Errno::EINTR) => signals::check()?,
            Err(errno) => return Err(anyhow!("{}: {}", path.display(), errno_text(errno))),
        }
    };
    stream::write_all(out, buffer.get(..got).unwrap_or_default())?;
    let _ = fcntl(fd.as_fd(), FcntlArg::F_SETFL(OFlag::O_RDONLY));
    Ok(got as u64)
}

/// Opens a second, write-only descriptor on the same FIFO (through /proc/self/fd), so
/// the read side never sees end of file between one writer and the next: `--follow`.
pub fn hold_open(fd: &OwnedFd) -> Result<OwnedFd> {
    use std::os::fd::AsRawFd;
    let path = format!("/proc/self/fd/{}", fd.as_raw_fd());
    open(
        path.as_str(),
        OFlag::O_WRONLY | OFlag::O_NONBLOCK | OFlag::O_CLOEXEC,
        Mode::empty(),
    )
    .map_err(|e| anyhow!("keeping the FIFO open: {}", errno_text(e)))
}
