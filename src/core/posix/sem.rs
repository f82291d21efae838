//! POSIX named semaphores (sem_overview(7)): sem_open by name, wait, post, value.

use std::ffi::CString;

use nix::errno::Errno;
use nix::sys::stat::Mode;

use super::Wait;

/// SEM_VALUE_MAX on Linux: the largest value a POSIX semaphore holds.
pub const SEM_VALUE_MAX: u32 = i32::MAX as u32;

/// The size of glibc's sem_t on Linux: the size of the file behind a named semaphore.
pub const SEM_T_SIZE: u64 = std::mem::size_of::<libc::sem_t>() as u64;

/// An open named semaphore, closed when dropped.
pub struct NamedSem {
    sem: *mut libc::sem_t,
}

/// Why an existing named semaphore could not be opened.
#[derive(Debug, PartialEq, Eq)]
pub enum OpenError {
    Sys(Errno),
    /// Its file is not what sem_open makes (a regular file of sem_t's size): glibc would
    /// map it all the same, and the first use of a short file dies of SIGBUS.
    NotASemaphore(String),
}

/// The file behind `/NAME`.
pub fn file_of(name: &str) -> String {
    format!("{}/sem.{}", super::SHM_DIR, name.trim_start_matches('/'))
}

impl NamedSem {
    /// Opens the existing semaphore `/NAME`, once its file has been checked.
    pub fn open(name: &str) -> Result<NamedSem, OpenError> {
        let cname = CString::new(name).map_err(|_| OpenError::Sys(Errno::EINVAL))?;
        let path = file_of(name);
        let meta = std::fs::metadata(&path).map_err(|err| {
            OpenError::Sys(Errno::from_raw(err.raw_os_error().unwrap_or(libc::EIO)))
        })?;
        if !meta.is_file() {
            return Err(OpenError::NotASemaphore(format!(
                "{path} is not a semaphore (not a regular file)"
            )));
        }
        if meta.len() != SEM_T_SIZE {
            return Err(OpenError::NotASemaphore(format!(
                "{path} is not a semaphore ({} bytes; a semaphore's file has {SEM_T_SIZE})",
                meta.len()
            )));
        }
        // SAFETY: `cname` is NUL-terminated; without O_CREAT sem_open reads no more
        // arguments. The file was checked above to be one glibc can map as a sem_t.
        let sem = unsafe { libc::sem_open(cname.as_ptr(), 0) };
        if sem == libc::SEM_FAILED {
            return Err(OpenError::Sys(Errno::last()));
        }
        Ok(NamedSem { sem })
    }

    /// Makes `/NAME` with `mode` and `value`; EEXIST when it exists (it is reported, not
    /// silently reused). The mode is exactly `mode`, whatever the umask.
    pub fn create(name: &str, mode: u32, value: u32) -> Result<NamedSem, Errno> {
        let cname = CString::new(name).map_err(|_| Errno::EINVAL)?;
        // SAFETY: with O_CREAT sem_open reads a mode_t (promoted to c_uint through varargs)
        // and an unsigned int value, which is what is passed.
        let sem = unsafe {
            libc::sem_open(
                cname.as_ptr(),
                libc::O_CREAT | libc::O_EXCL,
                mode as libc::c_uint,
                value as libc::c_uint,
            )
        };
        if sem == libc::SEM_FAILED {
            return Err(Errno::last());
        }
        let sem = NamedSem { sem };
        // sem_open applies the umask; the mode asked for is the mode given.
        let _ = nix::sys::stat::fchmodat(
            nix::fcntl::AT_FDCWD,
            file_of(name).as_str(),
            Mode::from_bits_truncate(mode as libc::mode_t),
            nix::sys::stat::FchmodatFlags::FollowSymlink,
        );
        Ok(sem)
    }

    /// P: sem_wait, sem_trywait (EAGAIN when busy) or sem_timedwait (ETIMEDOUT). EINTR when
    /// a signal interrupts the wait.
    pub fn wait(&self, wait: Wait) -> Result<(), Errno> {
        // SAFETY (all three): `self.sem` is an open semaphore until drop.
        let rc = match wait {
            Wait::Block => unsafe { libc::sem_wait(self.sem) },
            Wait::No => unsafe { libc::sem_trywait(self.sem) },
            Wait::Until(_) => {
                let deadline = wait
                    .deadline()
                    .unwrap_or_else(|| nix::sys::time::TimeSpec::new(0, 0));
                unsafe { libc::sem_timedwait(self.sem, deadline.as_ref()) }
            }
        };
        Errno::result(rc).map(drop)
    }

    /// V: sem_post. EOVERFLOW past SEM_VALUE_MAX.
    pub fn post(&self) -> Result<(), Errno> {
        // SAFETY: `self.sem` is an open semaphore until drop.
        Errno::result(unsafe { libc::sem_post(self.sem) }).map(drop)
    }

    /// The current value.
    pub fn value(&self) -> Result<i32, Errno> {
        let mut value: libc::c_int = 0;
        // SAFETY: `self.sem` is open and `value` is a valid place for the result.
        Errno::result(unsafe { libc::sem_getvalue(self.sem, &mut value) })?;
        Ok(value)
    }
}

impl Drop for NamedSem {
    fn drop(&mut self) {
        // SAFETY: the semaphore is open and nothing uses it after this.
        unsafe { libc::sem_close(self.sem) };
    }
}
