//! POSIX named semaphores (sem_overview(7)): sem_open by name, wait, post, value.

use std::ffi::CString;

use nix::errno::Errno;
use nix::sys::stat::Mode;

use super::Wait;

/// SEM_VALUE_MAX on Linux: the largest value a POSIX semaphore holds.
pub const SEM_VALUE_MAX: u32 = i32::MAX as u32;

/// An open named semaphore, closed when dropped.
pub struct NamedSem {
    sem: *mut libc::sem_t,
}

impl NamedSem {
    /// Opens `/NAME`; with `create` (mode, value) makes it when missing, exclusively when
    /// `exclusive` (so an existing semaphore is reported, not silently reused).
    pub fn open(
        name: &str,
        create: Option<(u32, u32)>,
        exclusive: bool,
    ) -> Result<NamedSem, Errno> {
        let cname = CString::new(name).map_err(|_| Errno::EINVAL)?;
        let sem = match create {
            // SAFETY: `cname` is NUL-terminated; without O_CREAT sem_open reads no more
            // arguments.
            None => unsafe { libc::sem_open(cname.as_ptr(), 0) },
            Some((mode, value)) => {
                let mut flags = libc::O_CREAT;
                if exclusive {
                    flags |= libc::O_EXCL;
                }
                // SAFETY: with O_CREAT sem_open reads a mode_t (promoted to c_uint through
                // varargs) and an unsigned int value, which is what is passed.
                unsafe {
                    libc::sem_open(
                        cname.as_ptr(),
                        flags,
                        mode as libc::c_uint,
                        value as libc::c_uint,
                    )
                }
            }
        };
        if sem == libc::SEM_FAILED {
            return Err(Errno::last());
        }
        let sem = NamedSem { sem };
        if let (Some((mode, _)), true) = (create, exclusive) {
            // sem_open applies the umask; the mode asked for is the mode given.
            let path = format!("{}/sem.{}", super::SHM_DIR, name.trim_start_matches('/'));
            let _ = nix::sys::stat::fchmodat(
                nix::fcntl::AT_FDCWD,
                path.as_str(),
                Mode::from_bits_truncate(mode as libc::mode_t),
                nix::sys::stat::FchmodatFlags::FollowSymlink,
            );
        }
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
