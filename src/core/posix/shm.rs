//! POSIX shared memory (shm_overview(7)): an object in /dev/shm opened by name.
//!
//! Another process may truncate the object at any time, and neither reading nor writing may
//! then crash or change its size:
//! - Reads use pread/sendfile on its descriptor: a shrunk object gives a short read.
//! - Writes go into a mapping of the size the object had when opened, never through
//!   pwrite, which would grow a shrunk object back to the end of the write. Only the kernel
//!   touches the mapping (read(2) from the input into it), so a page the truncation took
//!   away is EFAULT from the system call rather than a SIGBUS in a copy of ours; and the size
//!   is looked at again after each write, which catches the bytes that landed beyond the new
//!   end within its last page.

use std::cell::RefCell;
use std::ffi::{c_void, CString};
use std::fs::File;
use std::io;
use std::num::NonZeroUsize;
use std::os::fd::{AsRawFd, BorrowedFd, OwnedFd};
use std::os::unix::fs::FileExt;
use std::ptr::NonNull;

use nix::errno::Errno;
use nix::fcntl::OFlag;
use nix::sys::memfd::MFdFlags;
use nix::sys::stat::{fchmod, fstat, Mode};

use crate::core::control::make_or_open;
use crate::core::memory::{Memory, OfMemory};

/// An open POSIX shared memory object.
pub struct PosixShm {
    file: File,
    /// Whether this open created the object (and so may remove it again).
    pub created: bool,
    /// Its size when opened: the bound every offset is checked against.
    len: usize,
    /// Opened for writing: its first `len` bytes, mapped shared and writable.
    map: Option<Mapping>,
    /// The bounce buffer between stdin and the object, allocated on first use.
    bounce: RefCell<Vec<u8>>,
}

/// The most bytes moved through the bounce buffer at once.
const BOUNCE: usize = 1 << 20;

impl PosixShm {
    /// Opens `/NAME` read-only or read-write. With `create` (mode, size) a missing object is
    /// made with exactly that mode and sized with ftruncate; an existing one is opened as
    /// it is. ENODEV when the name is not a regular file (a FIFO or a directory someone put
    /// in /dev/shm): O_NONBLOCK keeps the open of a FIFO from waiting for a writer.
    pub fn open(name: &str, write: bool, create: Option<(u32, u64)>) -> Result<PosixShm, Errno> {
        PosixShm::open_as(name, write, create, false)
    }

    /// As `open`; with `exclusive`, an existing object is EEXIST and is not opened.
    pub fn open_as(
        name: &str,
        write: bool,
        create: Option<(u32, u64)>,
        exclusive: bool,
    ) -> Result<PosixShm, Errno> {
        let cname = CString::new(name).map_err(|_| Errno::EINVAL)?;
        let access = OFlag::O_NONBLOCK
            | if write {
                OFlag::O_RDWR
            } else {
                OFlag::O_RDONLY
            };
        let open = |flags: OFlag, mode: Mode| -> Result<OwnedFd, Errno> {
            nix::sys::mman::shm_open(cname.as_c_str(), flags, mode).map_err(|errno| {
                // glibc turns the EISDIR of a directory opened for writing into EINVAL.
                // A name glibc refuses itself (empty, or with a '/' after the leading ones)
                // stays EINVAL: "/" would otherwise find /dev/shm itself.
                let bare = name.trim_start_matches('/');
                let path = format!("{}/{bare}", super::SHM_DIR);
                let valid = !bare.is_empty() && !bare.contains('/');
                match errno {
                    Errno::EINVAL if valid && std::path::Path::new(&path).is_dir() => Errno::ENODEV,
                    other => other,
                }
            })
        };
        let (fd, created) = match create {
            None => (open(access, Mode::empty())?, false),
            Some((mode, size)) => {
                let mode = Mode::from_bits_truncate(mode as libc::mode_t);
                let make = || {
                    let fd = open(access | OFlag::O_CREAT | OFlag::O_EXCL, mode)?;
                    let made = (|| {
                        // shm_open applies the umask; the mode asked for is the mode given.
                        fchmod(&fd, mode)?;
                        let size = libc::off_t::try_from(size).map_err(|_| Errno::EFBIG)?;
                        nix::unistd::ftruncate(&fd, size)
                    })();
                    match made {
                        Ok(()) => Ok(fd),
                        Err(err) => {
                            let _ = nix::sys::mman::shm_unlink(cname.as_c_str());
                            Err(err)
                        }
                    }
                };
                make_or_open(
                    exclusive,
                    make,
                    || open(access, Mode::empty()),
                    |errno| errno,
                )?
            }
        };
        let mapped = (|| {
            let stat = fstat(&fd)?;
            if stat.st_mode & libc::S_IFMT != libc::S_IFREG {
                return Err(Errno::ENODEV);
            }
            let len = usize::try_from(stat.st_size).map_err(|_| Errno::EOVERFLOW)?;
            let map = match NonZeroUsize::new(len) {
                Some(len) if write => Some(Mapping::new(&fd, len)?),
                _ => None,
            };
            Ok((len, map))
        })();
        let (len, map) = match mapped {
            Ok(mapped) => mapped,
            Err(err) => {
                // An object this call made is not left behind (a size that cannot be
                // mapped was: 200T stayed in /dev/shm after "cannot create").
                if created {
                    let _ = nix::sys::mman::shm_unlink(cname.as_c_str());
                }
                return Err(err);
            }
        };
        Ok(PosixShm {
            file: File::from(fd),
            created,
            len,
            map,
            bounce: RefCell::new(Vec::new()),
        })
    }

    /// ftruncate to `size`, as `ipcmk -m` does to an object that already exists. Takes the
    /// object, whose mapping and bound would no longer fit it.
    pub fn resize(self, size: u64) -> Result<(), Errno> {
        drop(self.map);
        let size = libc::off_t::try_from(size).map_err(|_| Errno::EINVAL)?;
        nix::unistd::ftruncate(&self.file, size)
    }

    fn in_range(&self, offset: usize, count: usize) -> io::Result<()> {
        match offset.checked_add(count) {
            Some(end) if end <= self.len => Ok(()),
            _ => Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!(
                    "{count} bytes at offset {offset} are outside its {} bytes",
                    self.len
                ),
            )),
        }
    }
}

impl PosixShm {
    /// Fails when the object is now shorter than `offset + count`: another process made it
    /// smaller since it was opened.
    fn still_holds(&self, offset: usize, count: usize) -> io::Result<()> {
        let end = offset.saturating_add(count);
        let now = self.size_now()?;
        if count == 0 || end <= now {
            return Ok(());
        }
        Err(self.shrunk_under_write(
            now,
            &format!("offset {offset} + {count} bytes = {end} is past its end"),
        ))
    }

    /// The object's size now.
    fn size_now(&self) -> io::Result<usize> {
        let stat = fstat(&self.file).map_err(|errno| OfMemory::wrap(errno.into()))?;
        Ok(usize::try_from(stat.st_size).unwrap_or(0))
    }

    fn shrunk_under_write(&self, now: usize, what: &str) -> io::Error {
        OfMemory::wrap(io::Error::new(
            io::ErrorKind::UnexpectedEof,
            format!(
                "another process made it smaller while it was being written (to {now} bytes, \
                 from {} when opened): {what}",
                self.len
            ),
        ))
    }

    /// Has the kernel read at most `max` bytes of `fd` into the mapping at `offset`.
    fn read_into_map(
        &self,
        offset: usize,
        max: usize,
        read: impl FnOnce(*mut c_void) -> isize,
    ) -> io::Result<usize> {
        self.in_range(offset, max)?;
        if max == 0 {
            return Ok(0);
        }
        let Some(map) = &self.map else {
            return Err(io::Error::from_raw_os_error(libc::EBADF));
        };
        // SAFETY: in_range checked offset + max <= len, the mapping's length.
        let dest = unsafe { map.ptr.as_ptr().cast::<u8>().add(offset) };
        let got = read(dest.cast());
        if got < 0 {
            let err = io::Error::last_os_error();
            if err.raw_os_error() == Some(libc::EFAULT) {
                // A page of the mapping is gone: the object was truncated below it.
                let now = self.size_now()?;
                return Err(self.shrunk_under_write(
                    now,
                    &format!("the write at offset {offset} is past its end"),
                ));
            }
            return Err(err);
        }
        let got = got.unsigned_abs();
        self.still_holds(offset, got)?;
        Ok(got)
    }
}

/// A shared, writable mapping of an object, unmapped when dropped. Nothing of ours ever
/// loads or stores through it (see the module's comment): only system calls do.
struct Mapping {
    ptr: NonNull<c_void>,
    len: NonZeroUsize,
}

impl Mapping {
    fn new(fd: &OwnedFd, len: NonZeroUsize) -> Result<Mapping, Errno> {
        use nix::sys::mman::{mmap, MapFlags, ProtFlags};
        // SAFETY: a new shared mapping at an address the kernel chooses, of an object we
        // hold open; it aliases no memory of ours.
        let ptr = unsafe {
            mmap(
                None,
                len,
                ProtFlags::PROT_READ | ProtFlags::PROT_WRITE,
                MapFlags::MAP_SHARED,
                fd,
                0,
            )
        }?;
        Ok(Mapping { ptr, len })
    }
}

impl Drop for Mapping {
    fn drop(&mut self) {
        // SAFETY: the mapping came from mmap with this length and no pointer into it
        // outlives its owner.
        let _ = unsafe { nix::sys::mman::munmap(self.ptr, self.len.get()) };
    }
}

/// The object shrank under us (another process truncated it): a short read, not a SIGBUS.
fn shrunk() -> io::Error {
    OfMemory::wrap(io::Error::new(
        io::ErrorKind::UnexpectedEof,
        "it was made smaller while being read",
    ))
}

impl Memory for PosixShm {
    fn len(&self) -> usize {
        self.len
    }

    fn copy_in(&self, offset: usize, bytes: &[u8]) -> io::Result<()> {
        self.in_range(offset, bytes.len())?;
        if bytes.is_empty() {
            return Ok(());
        }
        self.still_holds(offset, bytes.len())?;
        // The bytes reach the mapping through the kernel (see the module's comment): put
        // them in a memory file and pread(2) it into the mapping.
        let staged = nix::sys::memfd::memfd_create(c"ipcx-shm-write", MFdFlags::MFD_CLOEXEC)
            .map(File::from)?;
        staged.write_all_at(bytes, 0)?;
        let mut done = 0;
        while done < bytes.len() {
            let want = bytes.len() - done;
            let got = self.read_into_map(offset + done, want, |dest| {
                // SAFETY: the kernel writes at most `want` bytes at `dest`, which
                // read_into_map checked lie inside the mapping.
                unsafe { libc::pread(staged.as_raw_fd(), dest, want, done as libc::off_t) }
            });
            match got {
                Ok(0) => return Err(io::Error::from(io::ErrorKind::UnexpectedEof)),
                Ok(got) => done += got,
                Err(err) if err.kind() == io::ErrorKind::Interrupted => {}
                Err(err) => return Err(err),
            }
        }
        Ok(())
    }

    fn read_from(&self, fd: BorrowedFd<'_>, offset: usize, max: usize) -> io::Result<usize> {
        self.read_into_map(offset, max, |dest| {
            // SAFETY: the kernel writes at most `max` bytes at `dest`, which read_into_map
            // checked lie inside the mapping.
            unsafe { libc::read(fd.as_raw_fd(), dest, max) }
        })
    }

    fn write_to(&self, fd: BorrowedFd<'_>, offset: usize, max: usize) -> io::Result<usize> {
        self.in_range(offset, max)?;
        // sendfile copies from the object's pages to any descriptor without a buffer of ours.
        let mut at =
            libc::off_t::try_from(offset).map_err(|_| io::Error::from(Errno::EOVERFLOW))?;
        let put = match nix::sys::sendfile::sendfile(fd, &self.file, Some(&mut at), max.min(CHUNK))
        {
            Ok(put) => put,
            // An output sendfile cannot write to (opened O_APPEND, say): through our buffer.
            Err(Errno::EINVAL) => {
                let mut bounce = self.bounce.borrow_mut();
                let want = max.min(BOUNCE);
                if bounce.len() < want {
                    bounce.resize(want, 0);
                }
                let got = self
                    .file
                    .read_at(&mut bounce[..want], offset as u64)
                    .map_err(OfMemory::wrap)?;
                if got == 0 && max > 0 {
                    return Err(shrunk());
                }
                nix::unistd::write(fd, &bounce[..got]).map_err(io::Error::from)?
            }
            Err(errno) => return Err(errno.into()),
        };
        if put == 0 && max > 0 {
            return Err(shrunk());
        }
        Ok(put)
    }

    fn find_nul(&self, offset: usize, count: usize) -> io::Result<Option<usize>> {
        self.in_range(offset, count)?;
        let mut bounce = self.bounce.borrow_mut();
        let size = count.min(BOUNCE);
        if bounce.len() < size {
            bounce.resize(size, 0);
        }
        let mut done = 0;
        while done < count {
            let want = (count - done).min(size);
            let got = self
                .file
                .read_at(&mut bounce[..want], (offset + done) as u64)
                .map_err(OfMemory::wrap)?;
            if got == 0 {
                return Err(shrunk());
            }
            if let Some(at) = memchr::memchr(0, &bounce[..got]) {
                return Ok(Some(offset + done + at));
            }
            done += got;
        }
        Ok(None)
    }
}

/// The most one sendfile(2) is asked for (Linux moves at most ~2 GiB a call).
const CHUNK: usize = 1 << 30;
