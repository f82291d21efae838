//! POSIX shared memory (shm_overview(7)): an object in /dev/shm opened by name. Data moves
//! with pread/pwrite on its descriptor rather than through a mapping: the kernel copies
//! the same bytes, and a peer that shrinks the object under us gives a short read instead
//! of a SIGBUS in the middle of a copy.

// The users are `msg`, `shm` and `sem` with /NAME targets, wired in as those commands land.
#![allow(dead_code)]

use std::ffi::CString;
use std::fs::File;
use std::os::fd::OwnedFd;

use nix::errno::Errno;
use nix::fcntl::OFlag;
use nix::sys::stat::{fchmod, fstat, Mode};

/// An open POSIX shared memory object.
pub struct PosixShm {
    pub file: File,
    /// Whether this open created the object (and so may remove it again).
    pub created: bool,
}

impl PosixShm {
    /// Opens `/NAME` read-only or read-write. With `create` (mode, size) a missing object is
    /// made with exactly that mode and sized with ftruncate; an existing one is opened as
    /// it is.
    pub fn open(name: &str, write: bool, create: Option<(u32, u64)>) -> Result<PosixShm, Errno> {
        let cname = CString::new(name).map_err(|_| Errno::EINVAL)?;
        let access = if write {
            OFlag::O_RDWR
        } else {
            OFlag::O_RDONLY
        };
        let open = |flags: OFlag, mode: Mode| -> Result<OwnedFd, Errno> {
            nix::sys::mman::shm_open(cname.as_c_str(), flags, mode)
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
        Ok(PosixShm {
            file: File::from(fd),
            created,
        })
    }

    /// The object's size now.
    pub fn size(&self) -> Result<u64, Errno> {
        let stat = fstat(&self.file)?;
        u64::try_from(stat.st_size).map_err(|_| Errno::EOVERFLOW)
    }
}
