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
