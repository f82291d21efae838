//! `--timeout`: a deadline that interrupts whatever blocking call is in progress.
//!
//! Opening a FIFO, connecting, reading and writing all block in the kernel; rather than turn
//! each into a poll loop, a timer (ITIMER_REAL) raises SIGALRM at the deadline, whose handler
//! is installed without SA_RESTART, so the blocked call returns EINTR and the caller asks
//! `expired()`. The timer keeps firing every few milliseconds after the deadline, which
//! closes the race of a deadline that passes just before the call starts to block.

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use nix::sys::signal::{sigaction, SaFlags, SigAction, SigHandler, SigSet, Signal};

static EXPIRED: AtomicBool = AtomicBool::new(false);

extern "C" fn record(_signal: libc::c_int) {
    // Only an atomic store: async-signal-safe.
    EXPIRED.store(true, Ordering::SeqCst);
}

/// An armed deadline; dropping it disarms the timer.
#[derive(Debug)]
pub struct Deadline {
    pub after: Duration,
}

/// Whether the armed deadline has passed.
pub fn expired() -> bool {
    EXPIRED.load(Ordering::SeqCst)
}

fn timeval(duration: Duration) -> libc::timeval {
    libc::timeval {
        tv_sec: libc::time_t::try_from(duration.as_secs()).unwrap_or(libc::time_t::MAX),
        // Below one million: fits every suseconds_t.
        tv_usec: libc::suseconds_t::from(duration.subsec_micros()),
    }
}

fn set_timer(value: Duration, interval: Duration) -> nix::Result<()> {
    let spec = libc::itimerval {
        it_interval: timeval(interval),
        it_value: timeval(value),
    };
    // SAFETY: `spec` is a valid itimerval; the old value is not asked for (null).
    let rc = unsafe { libc::setitimer(libc::ITIMER_REAL, &spec, std::ptr::null_mut()) };
    nix::errno::Errno::result(rc).map(drop)
}

impl Deadline {
    /// Arms a deadline `after` from now.
    pub fn arm(after: Duration) -> nix::Result<Deadline> {
        EXPIRED.store(false, Ordering::SeqCst);
        let action = SigAction::new(
            SigHandler::Handler(record),
            SaFlags::empty(),
            SigSet::empty(),
        );
        // SAFETY: the handler only performs an atomic store, which is async-signal-safe.
        unsafe { sigaction(Signal::SIGALRM, &action) }?;
        // A zero it_value would disarm the timer: one microsecond is "now".
        let first = after.max(Duration::from_micros(1));
        set_timer(first, Duration::from_millis(5))?;
        Ok(Deadline { after })
    }

    /// Whether this deadline has passed.
    pub fn expired(&self) -> bool {
        expired()
    }

    /// The deadline as the user wrote it, for messages: `2s`, `500ms`.
    pub fn text(&self) -> String {
        humantime::format_duration(self.after).to_string()
    }
}

impl Drop for Deadline {
    fn drop(&mut self) {
        // Disarming cannot fail with valid arguments; a late SIGALRM is caught and ignored.
        let _ = set_timer(Duration::ZERO, Duration::ZERO);
        EXPIRED.store(false, Ordering::SeqCst);
    }
}
