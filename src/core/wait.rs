//! Waiting: the small readiness and write helpers the waiting commands use. (A timeout for
//! calls with no timed variant, such as msgsnd and msgrcv, is `timer::Deadline`.)

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
