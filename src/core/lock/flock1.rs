//! What flock(1) does its own way, for the `flock` personality: how it opens the file,
//! and how it runs the command (a child that inherits the lock, or execve with -F).

use std::os::fd::{OwnedFd, RawFd};
use std::path::Path;

use nix::errno::Errno;

use super::open_or_create;

/// How flock(1) opens its file: read-only, write-only or read-write.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OpenFor {
    Read,
    Write,
    ReadWrite,
}

/// Opens PATH as flock(1) does — creating it with 0666 less the umask, a directory
/// read-only — and what it was opened for; but a missing file is created with O_EXCL, so
/// a symlink planted to a missing file is not followed (ELOOP), where flock(1) would
/// create its target.
pub fn open_like_flock(path: &Path, how: OpenFor) -> Result<(OwnedFd, OpenFor), Errno> {
    use nix::fcntl::{open as sys_open, OFlag};
    use nix::sys::stat::Mode;
    let access = match how {
        OpenFor::Read => OFlag::O_RDONLY,
        OpenFor::Write => OFlag::O_WRONLY,
        OpenFor::ReadWrite => OFlag::O_RDWR,
    };
    let base = OFlag::O_NOCTTY | access;
    // A directory is opened read-only.
    let or_directory = |result: Result<OwnedFd, Errno>| match result {
        Ok(fd) => Ok((fd, how)),
        Err(Errno::EISDIR) => {
            let fd = sys_open(path, OFlag::O_RDONLY | OFlag::O_NOCTTY, Mode::empty())?;
            Ok((fd, OpenFor::Read))
        }
        Err(errno) => Err(errno),
    };
    let flags = base | OFlag::O_CREAT | OFlag::O_EXCL | OFlag::O_NOFOLLOW;
    open_or_create(
        path,
        || or_directory(sys_open(path, base, Mode::empty())),
        || or_directory(sys_open(path, flags, Mode::from_bits_truncate(0o666))),
    )
}

/// Whether this process may read and write PATH (access(2) with R_OK|W_OK).
pub fn may_read_write(path: &Path) -> bool {
    nix::unistd::access(
        path,
        nix::unistd::AccessFlags::R_OK | nix::unistd::AccessFlags::W_OK,
    )
    .is_ok()
}

/// flock(1)'s child: runs `argv` (searched in PATH) as a child that inherits the lock's
/// descriptor (closed in it first when `close` names it), and waits for it; its status as
/// the shell gives it (128+N for signal N). Err when it could not be started.
pub fn run_child(argv: &[std::ffi::OsString], close: Option<RawFd>) -> std::io::Result<i32> {
    use std::os::unix::process::{CommandExt, ExitStatusExt};
    let Some(program) = argv.first() else {
        return Err(std::io::Error::from_raw_os_error(libc::ENOENT));
    };
    let mut command = std::process::Command::new(program);
    command.args(&argv[1..]);
    if let Some(fd) = close {
        // SAFETY: between fork and exec the closure only calls close(2), which is
        // async-signal-safe, and allocates nothing.
        unsafe {
            command.pre_exec(move || {
                libc::close(fd);
                Ok(())
            });
        }
    }
    let status = command.spawn()?.wait()?;
    Ok(match (status.code(), status.signal()) {
        (Some(code), _) => code,
        (None, Some(signal)) => 128 + signal,
        // Stopped or continued: flock(1) says EX_OSERR.
        _ => 71,
    })
}
