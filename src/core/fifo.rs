//! FIFOs (named pipes): made with an exact mode, opened with the waits and refusals of
//! `fifo read`/`fifo write`, and removed only when they are what this process made.
//!
//! Also the ground rules of every file ipcx makes by name (a FIFO, a socket file, a
//! pidfile), for directories others may write: nothing is created through a symlink or
//! over an existing file, a file is put in place whole by renaming a temporary file whose
//! name cannot be guessed, and cleanup removes a name only while it still holds the inode
//! this process made, in the directory it made it in (`Entry`).

use std::ffi::{OsStr, OsString};
use std::os::fd::{AsFd, OwnedFd};
use std::os::unix::ffi::{OsStrExt, OsStringExt};
use std::path::Path;

use anyhow::{anyhow, Result};
use nix::errno::Errno;
use nix::fcntl::{fcntl, open, openat, renameat, AtFlags, FcntlArg, OFlag};
use nix::sys::stat::{fstatat, lstat, Mode, SFlag};
use nix::unistd::{unlinkat, UnlinkatFlags};

use crate::core::status::not_now;
use crate::core::stream::{self, End};
use crate::core::{alarm, errno_text, interrupts};

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

/// Makes a FIFO (mode 0600) at `path` and pins it for removal in the directory it was
/// made in.
fn make_in_place(path: &Path) -> nix::Result<Entry> {
    let (dir, name) = open_parent(path)?;
    with_exact_mode(|| {
        nix::unistd::mkfifoat(&dir, name.as_os_str(), Mode::from_bits_truncate(0o600))
    })?;
    Ok(Entry::made(dir, name))
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

/// The directory that holds `path`, opened (O_PATH) so that later calls act in it even if
/// a component of the path is swapped meanwhile, and the name in it. EISDIR when `path`
/// names no file (`/`, `..`).
pub fn open_parent(path: &Path) -> nix::Result<(OwnedFd, OsString)> {
    let name = path.file_name().ok_or(Errno::EISDIR)?.to_os_string();
    let parent = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let dir = open(
        parent,
        OFlag::O_PATH | OFlag::O_DIRECTORY | OFlag::O_CLOEXEC,
        Mode::empty(),
    );
    dir.map(|dir| (dir, name))
}

/// A name this process made in a directory (a FIFO, a socket file, a pidfile): removed
/// when dropped, unless `keep` was called, and only while the name still holds the inode
/// made — never what someone swapped in, and never through a link.
pub struct Entry {
    dir: OwnedFd,
    name: OsString,
    id: Option<(u64, u64)>,
    keep: bool,
}

impl Entry {
    /// The entry `name` in `dir`, as it is now (it was just made).
    pub fn made(dir: OwnedFd, name: OsString) -> Entry {
        let id = fstatat(&dir, name.as_os_str(), AtFlags::AT_SYMLINK_NOFOLLOW)
            .ok()
            .map(|st| (st.st_dev, st.st_ino));
        Entry {
            dir,
            name,
            id,
            keep: false,
        }
    }

    /// Whether the name still holds the inode made.
    pub fn is_ours(&self) -> bool {
        let now = fstatat(
            &self.dir,
            self.name.as_os_str(),
            AtFlags::AT_SYMLINK_NOFOLLOW,
        );
        matches!((self.id, now), (Some(id), Ok(st)) if (st.st_dev, st.st_ino) == id)
    }

    pub fn keep(&mut self) {
        self.keep = true;
    }
}

impl Drop for Entry {
    fn drop(&mut self) {
        if !self.keep && self.is_ours() {
            let _ = unlinkat(&self.dir, self.name.as_os_str(), UnlinkatFlags::NoRemoveDir);
        }
    }
}

/// A FIFO this process made for one use: removed when dropped, unless `keep` was called,
/// and only while the path still names the inode it made.
pub struct Made(Entry);

impl Made {
    pub fn keep(&mut self) {
        self.0.keep();
    }
}

/// A name for a temporary file beside `name` that nobody can guess ahead: `.NAME.` and 16
/// hex digits from the random keys std seeds each process's hash maps with.
fn temporary_name(name: &OsStr, attempt: u32) -> OsString {
    use std::hash::{BuildHasher, Hasher};
    let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
    hasher.write_u32(attempt);
    if let Ok(now) = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH) {
        hasher.write_u128(now.as_nanos());
    }
    // NAME_MAX is 255: a long name is shortened in the temporary one.
    let mut temp = b".".to_vec();
    temp.extend(name.as_bytes().iter().take(200));
    temp.extend(format!(".{:016x}.tmp", hasher.finish()).bytes());
    OsString::from_vec(temp)
}

/// Puts a new file holding `content` (mode 0600) at `path` in one step: a reader sees no
/// file or all of it, and whatever was at `path` (a symlink too) is replaced, never
/// followed. The temporary file is created O_EXCL|O_NOFOLLOW under an unguessable name in
/// the same directory, so neither a link nor a file planted there is ever written to.
pub fn put_file(path: &Path, content: &[u8]) -> nix::Result<Entry> {
    let (dir, name) = open_parent(path)?;
    let mut attempt = 0;
    let (temp, file) = loop {
        let temp = temporary_name(&name, attempt);
        match openat(
            &dir,
            temp.as_os_str(),
            OFlag::O_WRONLY | OFlag::O_CREAT | OFlag::O_EXCL | OFlag::O_NOFOLLOW | OFlag::O_CLOEXEC,
            Mode::from_bits_truncate(0o600),
        ) {
            Ok(file) => break (temp, file),
            Err(Errno::EEXIST) if attempt < 100 => attempt += 1,
            Err(errno) => return Err(errno),
        }
    };
    // Dropped on any failure below: the temporary file goes, if it is still ours (the
    // inode of the descriptor we created, whatever the name holds now).
    let id = nix::sys::stat::fstat(&file)
        .ok()
        .map(|st| (st.st_dev, st.st_ino));
    let mut entry = Entry {
        dir,
        name: temp,
        id,
        keep: false,
    };
    let mut written = 0;
    while written < content.len() {
        match nix::unistd::write(&file, content.get(written..).unwrap_or_default()) {
            Ok(n) => written += n,
            Err(Errno::EINTR) => {}
            Err(errno) => return Err(errno),
        }
    }
    drop(file);
    renameat(
        &entry.dir,
        entry.name.as_os_str(),
        &entry.dir,
        name.as_os_str(),
    )?;
    entry.name = name;
    Ok(entry)
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
        Err(Errno::ENOENT) if create => match make_in_place(path) {
            Ok(entry) => Ok(Some(Made(entry))),
            // A link to nothing is not followed to make a FIFO where it points.
            Err(Errno::EEXIST)
                if check_is_fifo(path, false) == Ok(Err(file_kind(libc::S_IFLNK))) =>
            {
                Err(anyhow!(
                    "a symbolic link to nothing is in the way; not followed"
                ))
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
    timeout: Option<&alarm::Deadline>,
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
                interrupts::check()?;
                if let (true, Some(deadline)) = (alarm::expired(), timeout) {
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
            Err(Errno::EINTR) => interrupts::check()?,
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

/// Opens both FIFOs of a two-FIFO conversation: `input` to read, `output` to write. The
/// other side opens the same two the other way round, and both may start at once, so no
/// step waits for something the other side does only after a wait of its own:
///
/// 1. `input` is opened O_RDONLY|O_NONBLOCK, which never waits: we are its reader.
/// 2. `output` is opened O_WRONLY|O_NONBLOCK, retried while it fails with ENXIO (no reader
///    yet), until the other side has done its step 1; then it blocks as usual.
///
/// `input` stays non-blocking: until its writer comes a read would find end of file. The
/// caller waits for its first data or hangup with poll (stream::converse), while it already
/// writes `output` — not with a second, blocking open of `input`, which would wait for
/// ever for a writer that already wrote everything and left. Two blocking opens (read
/// first on both sides) would wait for each other for ever. An interrupt ends the wait
/// (128+N).
pub fn open_conversation(input: &Path, output: &Path) -> Result<(OwnedFd, OwnedFd)> {
    let checked = |fd: OwnedFd, path: &Path| -> Result<OwnedFd> {
        let st = nix::sys::stat::fstat(fd.as_fd())
            .map_err(|e| anyhow!("{}: {}", path.display(), errno_text(e)))?;
        if st.st_mode & libc::S_IFMT != libc::S_IFIFO {
            return Err(anyhow!(
                "{}: not a FIFO ({})",
                path.display(),
                file_kind(st.st_mode)
            ));
        }
        Ok(fd)
    };
    let open_once = |path: &Path, flags: OFlag| loop {
        match open(path, flags | OFlag::O_CLOEXEC, Mode::empty()) {
            Err(Errno::EINTR) => interrupts::check()?,
            other => return Ok::<_, anyhow::Error>(other),
        }
    };
    let input_fd = open_once(input, OFlag::O_RDONLY | OFlag::O_NONBLOCK)?
        .map_err(|e| anyhow!("{}: {}", input.display(), errno_text(e)))?;
    let input_fd = checked(input_fd, input)?;
    let out = loop {
        match open_once(output, OFlag::O_WRONLY | OFlag::O_NONBLOCK)? {
            Ok(fd) => break checked(fd, output)?,
            Err(Errno::ENXIO) => {
                // No reader yet: a short sleep that an interrupt cuts short.
                if let Err(Errno::EINTR) =
                    nix::poll::poll(&mut [], nix::poll::PollTimeout::from(10u8))
                {
                    interrupts::check()?;
                }
            }
            Err(errno) => return Err(anyhow!("{}: {}", output.display(), errno_text(errno))),
        }
    };
    fcntl(out.as_fd(), FcntlArg::F_SETFL(OFlag::O_WRONLY))
        .map_err(|e| anyhow!("{}: {}", output.display(), errno_text(e)))?;
    Ok((input_fd, out))
}
