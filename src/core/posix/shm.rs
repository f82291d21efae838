//! POSIX shared memory (shm_overview(7)): an object in /dev/shm opened by name. Data moves
//! with pread/pwrite on its descriptor rather than through a mapping: the kernel copies
//! the same bytes, and a peer that shrinks the object under us gives a short read instead
//! of a SIGBUS in the middle of a copy.

use std::cell::RefCell;
use std::ffi::CString;
use std::fs::File;
use std::io;
use std::os::fd::{BorrowedFd, OwnedFd};
use std::os::unix::fs::FileExt;

use nix::errno::Errno;
use nix::fcntl::OFlag;
use nix::sys::stat::{fchmod, fstat, Mode};

use crate::core::region::{Memory, OfMemory};

/// An open POSIX shared memory object.
pub struct PosixShm {
    file: File,
    /// Whether this open created the object (and so may remove it again).
    pub created: bool,
    /// Its size when opened: the bound every offset is checked against.
    len: usize,
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
                let path = format!("{}/{}", super::SHM_DIR, name.trim_start_matches('/'));
                match errno {
                    Errno::EINVAL if std::path::Path::new(&path).is_dir() => Errno::ENODEV,
                    other => other,
                }
            })
        };
        let (fd, created) = match create {
            None => (open(access, Mode::empty())?, false),
            Some((mode, size)) => {
                let mode = Mode::from_bits_truncate(mode as libc::mode_t);
                match open(access | OFlag::O_CREAT | OFlag::O_EXCL, mode) {
                    Ok(fd) => {
                        let made = (|| {
                            // shm_open applies the umask; the mode asked for is the mode given.
                            fchmod(&fd, mode)?;
                            let size = libc::off_t::try_from(size).map_err(|_| Errno::EFBIG)?;
                            nix::unistd::ftruncate(&fd, size)
                        })();
                        if let Err(err) = made {
                            let _ = nix::sys::mman::shm_unlink(cname.as_c_str());
                            return Err(err);
                        }
                        (fd, true)
                    }
                    Err(Errno::EEXIST) => (open(access, Mode::empty())?, false),
                    Err(err) => return Err(err),
                }
            }
        };
        let stat = fstat(&fd)?;
        if stat.st_mode & libc::S_IFMT != libc::S_IFREG {
            return Err(Errno::ENODEV);
        }
        let len = usize::try_from(stat.st_size).map_err(|_| Errno::EOVERFLOW)?;
        Ok(PosixShm {
            file: File::from(fd),
            created,
            len,
            bounce: RefCell::new(Vec::new()),
        })
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
        self.file.write_all_at(bytes, offset as u64)
    }

    fn read_from(&self, fd: BorrowedFd<'_>, offset: usize, max: usize) -> io::Result<usize> {
        self.in_range(offset, max)?;
        let mut bounce = self.bounce.borrow_mut();
        let want = max.min(BOUNCE);
        if bounce.len() < want {
            bounce.resize(want, 0);
        }
        let got = nix::unistd::read(fd, &mut bounce[..want]).map_err(io::Error::from)?;
        self.file
            .write_all_at(&bounce[..got], offset as u64)
            .map_err(OfMemory::wrap)?;
        Ok(got)
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
