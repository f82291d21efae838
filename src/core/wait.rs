//! Waiting: a timeout for blocking calls that have no timed variant (msgsnd, msgrcv), and
//! the small readiness and write helpers the waiting commands use.
//!
//! The timeout is a SIGALRM timer, caught without SA_RESTART, that interrupts the call with
//! EINTR once the time is up.
//!
//! It is armed only around a wait that is about to block, so a stream of messages that
//! never waits pays nothing for it. The timer repeats every few milliseconds after expiry:
//! if the first alarm lands between arming and the blocking call (when it interrupts
//! nothing), the next one interrupts the call.

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use nix::sys::signal::{sigaction, SaFlags, SigAction, SigHandler, SigSet, Signal};

static EXPIRED: AtomicBool = AtomicBool::new(false);

extern "C" fn expire(_: libc::c_int) {
    // Only an atomic store: async-signal-safe.
    EXPIRED.store(true, Ordering::SeqCst);
}

/// How often the alarm repeats after expiry, until disarmed.
const REPEAT: Duration = Duration::from_millis(5);

/// An armed timer; disarmed when dropped.
pub struct Alarm(());

impl Alarm {
    /// Catches SIGALRM (without SA_RESTART) and arms the timer for `after`.
    pub fn arm(after: Duration) -> nix::Result<Alarm> {
        EXPIRED.store(false, Ordering::SeqCst);
        let action = SigAction::new(
            SigHandler::Handler(expire),
            SaFlags::empty(),
            SigSet::empty(),
        );
        // SAFETY: the handler only performs an atomic store, which is async-signal-safe.
        unsafe { sigaction(Signal::SIGALRM, &action) }?;
        // A zero it_value disarms, so the shortest timeout is one microsecond.
        let after = after.max(Duration::from_micros(1));
        set(after, REPEAT)?;
        Ok(Alarm(()))
    }

    /// Whether the time is up.
    pub fn expired(&self) -> bool {
        EXPIRED.load(Ordering::SeqCst)
    }
}

impl Drop for Alarm {
    fn drop(&mut self) {
        // Disarming cannot fail with valid arguments; a stray alarm later is only caught.
        let _ = set(Duration::ZERO, Duration::ZERO);
    }
}

fn timeval(duration: Duration) -> libc::timeval {
    libc::timeval {
        tv_sec: libc::time_t::try_from(duration.as_secs()).unwrap_or(libc::time_t::MAX),
        tv_usec: libc::suseconds_t::from(duration.subsec_micros()),
    }
}

fn set(value: Duration, interval: Duration) -> nix::Result<()> {
    let timer = libc::itimerval {
        it_interval: timeval(interval),
        it_value: timeval(value),
    };
    // SAFETY: `timer` is a valid itimerval; the old value is not wanted (null is allowed).
    nix::errno::Errno::result(unsafe {
        libc::setitimer(libc::ITIMER_REAL, &timer, std::ptr::null_mut())
    })
    .map(drop)
}

/// Whether `fd` has input (or end of file) ready right now, without waiting.
pub fn readable_now(fd: std::os::fd::BorrowedFd<'_>) -> bool {
    use nix::poll::{poll, PollFd, PollFlags, PollTimeout};
    let mut fds = [PollFd::new(fd, PollFlags::POLLIN)];
    matches!(poll(&mut fds, PollTimeout::ZERO), Ok(n) if n > 0)
}

/// Writes as much of `data` as one write(2) takes, reporting the count or the errno, so a
/// caller that must know exactly what was written (to put the rest back) can.
pub fn write_some(fd: std::os::fd::BorrowedFd<'_>, data: &[u8]) -> nix::Result<usize> {
    nix::unistd::write(fd, data)
}
