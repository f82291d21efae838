//! Waiting: the one way a command waits on an IPC object — block, `--nowait`, or until a
//! `--timeout` deadline — with the kernel's timed call where there is one (mq_timed*,
//! sem_timedwait, semtimedop) and the SIGALRM deadline (`alarm::Deadline`) where there is
//! not (msgsnd, msgrcv); and the small readiness and write helpers the waiting commands use.

use std::time::Duration;

use anyhow::{Context, Result};
use nix::errno::Errno;

use super::alarm::Deadline;
use super::interrupts;
pub use super::posix::Wait;

/// How long a command may wait on an object: `--nowait`, `--timeout DUR`, or neither.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Patience {
    Forever,
    Never,
    For(Duration),
}

impl Patience {
    pub fn new(nowait: bool, timeout: Option<Duration>) -> Patience {
        match (nowait, timeout) {
            (true, _) => Patience::Never,
            (false, Some(limit)) => Patience::For(limit),
            (false, None) => Patience::Forever,
        }
    }

    /// " within 2s" after a timeout, nothing after --nowait.
    pub fn within(self) -> String {
        match self {
            Patience::For(limit) => format!(" within {}", humantime::format_duration(limit)),
            _ => String::new(),
        }
    }
}

/// What one patient attempt came to.
#[derive(Debug, PartialEq, Eq)]
pub enum Attempt<T> {
    Done(T),
    /// --nowait or --timeout: the object stayed busy (a queue empty or full, a semaphore 0).
    GaveUp,
    /// The call failed with this errno.
    Failed(Errno),
}

/// Runs `attempt(wait)` the way `patience` allows: first without waiting when there is a
/// limit on waiting, then, if allowed, blocking. A limit is a deadline passed to the call
/// when the object is `timed` (it has a timed variant), else an alarm armed around the
/// blocking call only. EINTR from SIGINT/SIGTERM ends the command; EAGAIN means "not now"
/// (a full queue, an empty one, a semaphore at 0).
pub fn patiently<T>(
    patience: Patience,
    timed: bool,
    mut attempt: impl FnMut(Wait) -> Result<T, Errno>,
) -> Result<Attempt<T>> {
    if !matches!(patience, Patience::Forever) {
        match attempt(Wait::No) {
            Ok(done) => return Ok(Attempt::Done(done)),
            Err(Errno::EAGAIN) => {
                if matches!(patience, Patience::Never) {
                    return Ok(Attempt::GaveUp);
                }
            }
            Err(Errno::EINTR) => interrupts::check()?,
            Err(errno) => return Ok(Attempt::Failed(errno)),
        }
    }
    interrupts::check()?;
    let (wait, alarm) = match patience {
        Patience::For(limit) if timed => (Wait::within(Some(limit)), None),
        Patience::For(limit) => (
            Wait::Block,
            Some(Deadline::arm(limit).context("cannot arm the timeout")?),
        ),
        _ => (Wait::Block, None),
    };
    loop {
        match attempt(wait) {
            Ok(done) => return Ok(Attempt::Done(done)),
            // Only a deadline (a timed call) gives up by itself.
            Err(Errno::EAGAIN) => return Ok(Attempt::GaveUp),
            Err(Errno::EINTR) => {
                interrupts::check()?;
                if alarm.as_ref().is_some_and(Deadline::expired) {
                    return Ok(Attempt::GaveUp);
                }
            }
            Err(errno) => return Ok(Attempt::Failed(errno)),
        }
    }
}

/// Runs `attempt(wait)` at once, and if the object is busy (EAGAIN), again waiting up to
/// `limit` whatever interrupts come meanwhile: for what must be done even while the command
/// is being stopped (putting a message back), but not wait for ever. EAGAIN when the object
/// stayed busy; a deadline that cannot be armed counts as busy.
pub fn insistently(
    limit: Duration,
    timed: bool,
    mut attempt: impl FnMut(Wait) -> Result<(), Errno>,
) -> Result<(), Errno> {
    match attempt(Wait::No) {
        Err(Errno::EAGAIN) => {}
        other => return other,
    }
    if timed {
        // The deadline is absolute: an interrupt meanwhile only repeats the call.
        let wait = Wait::within(Some(limit));
        loop {
            match attempt(wait) {
                Err(Errno::EINTR) => {}
                other => return other,
            }
        }
    }
    let Ok(alarm) = Deadline::arm(limit) else {
        return Err(Errno::EAGAIN);
    };
    loop {
        match attempt(Wait::Block) {
            Err(Errno::EINTR) if !alarm.expired() => {}
            Err(Errno::EINTR) => return Err(Errno::EAGAIN),
            other => return other,
        }
    }
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

/// Takes back the last `count` bytes written through `fd` when it is a regular file and
/// they are still its last bytes (nobody wrote after them), by cutting the file there and
/// moving the offset back: a record cut short by a full disk then leaves no torn part
/// behind. False when it could not be done (a pipe, a terminal, a file written since).
pub fn unwrite(fd: std::os::fd::BorrowedFd<'_>, count: usize) -> bool {
    use nix::sys::stat::{fstat, SFlag};
    use nix::unistd::{ftruncate, lseek, Whence};
    if count == 0 {
        return true;
    }
    let Ok(stat) = fstat(fd) else { return false };
    if SFlag::from_bits_truncate(stat.st_mode) & SFlag::S_IFMT != SFlag::S_IFREG {
        return false;
    }
    let Ok(end) = lseek(fd, 0, Whence::SeekCur) else {
        return false;
    };
    let Ok(count) = i64::try_from(count) else {
        return false;
    };
    if end != stat.st_size || end < count {
        return false;
    }
    let start = end - count;
    ftruncate(fd, start).is_ok() && lseek(fd, start, Whence::SeekSet).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patience_in_words() {
        assert_eq!(Patience::new(true, None), Patience::Never);
        assert_eq!(
            Patience::new(false, Some(Duration::from_millis(50))),
            Patience::For(Duration::from_millis(50))
        );
        assert_eq!(Patience::new(false, None), Patience::Forever);
        assert_eq!(Patience::For(Duration::from_secs(2)).within(), " within 2s");
        assert_eq!(Patience::Never.within(), "");
    }

    #[test]
    fn nowait_tries_once_without_waiting() {
        let mut asked = Vec::new();
        let got = patiently(Patience::Never, true, |wait| {
            asked.push(wait);
            Err::<(), _>(Errno::EAGAIN)
        });
        assert_eq!(got.ok(), Some(Attempt::GaveUp));
        assert_eq!(asked, [Wait::No]);
    }

    #[test]
    fn a_timed_call_gets_the_deadline_after_one_try_without_waiting() {
        let mut asked = Vec::new();
        let got = patiently(Patience::For(Duration::from_secs(5)), true, |wait| {
            asked.push(wait);
            match wait {
                Wait::No => Err(Errno::EAGAIN),
                _ => Ok(7),
            }
        });
        assert_eq!(got.ok(), Some(Attempt::Done(7)));
        assert!(matches!(asked[..], [Wait::No, Wait::Until(_)]), "{asked:?}");
    }

    #[test]
    fn forever_blocks_and_failures_are_handed_back() {
        let mut asked = Vec::new();
        let got = patiently(Patience::Forever, false, |wait| {
            asked.push(wait);
            Err::<(), _>(Errno::EIDRM)
        });
        assert_eq!(got.ok(), Some(Attempt::Failed(Errno::EIDRM)));
        assert_eq!(asked, [Wait::Block]);
    }

    #[test]
    fn insisting_takes_what_is_free_at_once() {
        let mut asked = Vec::new();
        let got = insistently(Duration::from_secs(1), false, |wait| {
            asked.push(wait);
            Ok(())
        });
        assert_eq!(got, Ok(()));
        assert_eq!(asked, [Wait::No]);
    }

    /// A timed put-back that an interrupt cuts short goes on to the same deadline (it gave
    /// up at the first EINTR, and the message went to stderr instead of back).
    #[test]
    fn insisting_with_a_timed_call_outlasts_interrupts() {
        let mut asked = Vec::new();
        let got = insistently(Duration::from_secs(1), true, |wait| {
            asked.push(wait);
            match asked.len() {
                1 => Err(Errno::EAGAIN),
                2 | 3 => Err(Errno::EINTR),
                _ => Ok(()),
            }
        });
        assert_eq!(got, Ok(()));
        assert!(
            matches!(asked[..], [Wait::No, Wait::Until(a), Wait::Until(b), Wait::Until(c)] if a == b && b == c),
            "{asked:?}"
        );
    }
}
