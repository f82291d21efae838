//! Moving bytes: splice(2) when an end is a pipe, a large buffer otherwise; pipes with a
//! chosen capacity; what kind of file a descriptor is and how much is queued on it.

use std::io;
use std::os::fd::{AsFd, BorrowedFd, OwnedFd, RawFd};

use anyhow::{Context, Result};
use nix::errno::Errno;
use nix::fcntl::{fcntl, splice, FcntlArg, OFlag, SpliceFFlags};
use nix::poll::{poll, PollFd, PollFlags, PollTimeout};

use crate::core::status::{not_now, Fail};
use crate::core::{alarm, errno_text, interrupts};

/// How much one splice call may move: many pipe buffers at once.
const SPLICE_CHUNK: usize = 1 << 20;
/// The buffer of read/write copies when neither end is a pipe.
const BUFFER: usize = 256 << 10;

/// The file that sets the largest capacity an unprivileged user may give a pipe.
pub const PIPE_MAX_SIZE: &str = "/proc/sys/fs/pipe-max-size";

/// After EINTR: `Err` when a SIGINT/SIGTERM/SIGHUP was caught (status 128+N) or the
/// `--timeout` deadline passed (status 3); `Ok` when the call should simply be retried.
pub fn interrupted() -> Result<()> {
    interrupts::check()?;
    if alarm::expired() {
        return Err(not_now("timed out"));
    }
    Ok(())
}

/// An end of a transfer: a descriptor and the name errors give it (`stdin`, a path).
#[derive(Clone, Copy)]
pub struct End<'a> {
    pub fd: BorrowedFd<'a>,
    pub name: &'a str,
}

impl<'a> End<'a> {
    pub fn new(fd: BorrowedFd<'a>, name: &'a str) -> End<'a> {
        End { fd, name }
    }
}

fn is_pipe(fd: BorrowedFd<'_>) -> bool {
    nix::sys::stat::fstat(fd)
        .map(|st| st.st_mode & libc::S_IFMT == libc::S_IFIFO)
        .unwrap_or(false)
}

fn io_error(errno: Errno) -> io::Error {
    io::Error::from_raw_os_error(errno as i32)
}

/// Waits until `fd` is ready for `events` (after EAGAIN on a descriptor someone else made
/// non-blocking).
fn wait_ready(fd: BorrowedFd<'_>, events: PollFlags) -> Result<()> {
    let mut fds = [PollFd::new(fd, events)];
    match poll(&mut fds, PollTimeout::NONE) {
        Ok(_) => Ok(()),
        Err(Errno::EINTR) => interrupted(),
        Err(errno) => Err(io_error(errno).into()),
    }
}

/// Moves everything from `src` to `dst` until end of file on `src`, calling `progress`
/// with each amount moved. Returns the number of bytes moved.
///
/// splice(2) is used when either end is a pipe (pages move between pipe buffers without
/// being copied through user space); otherwise, or when an end refuses splice, a 256 KiB
/// buffer. A caught interrupt or an expired deadline stops the transfer between calls.
pub fn copy(src: End<'_>, dst: End<'_>, progress: &mut dyn FnMut(u64)) -> Result<u64> {
    let mut moved: u64 = 0;
    let dst_pipe = is_pipe(dst.fd);
    if dst_pipe || is_pipe(src.fd) {
        let flags = SpliceFFlags::SPLICE_F_MOVE | SpliceFFlags::SPLICE_F_MORE;
        loop {
            match splice(src.fd, None, dst.fd, None, SPLICE_CHUNK, flags) {
                Ok(0) => return Ok(moved),
                Ok(n) => {
                    let n = n as u64;
                    moved = moved.saturating_add(n);
                    progress(n);
                }
                Err(Errno::EINTR) => interrupted()?,
                Err(Errno::EAGAIN) => {
                    wait_ready(src.fd, PollFlags::POLLIN)?;
                    wait_ready(dst.fd, PollFlags::POLLOUT)?;
                }
                // An end without splice support (a terminal, an O_APPEND file): nothing
                // was moved by the failed call, so the buffer copy takes over from here.
                Err(Errno::EINVAL) => break,
                Err(errno) => return Err(splice_error(errno, src, dst, dst_pipe)),
            }
        }
    }
    let mut buffer = vec![0u8; BUFFER];
    let mut written = |n: u64| {
        moved = moved.saturating_add(n);
        progress(n);
    };
    while pass_chunk(src, dst, &mut buffer, &mut written)? > 0 {}
    Ok(moved)
}

/// One read of `src` into `buffer`, all of it written to `dst`: the count read, 0 at the
/// end of `src`. `written` is told what was written, also when a write stopped part-way;
/// the rest then goes back (give_back).
fn pass_chunk(
    src: End<'_>,
    dst: End<'_>,
    buffer: &mut [u8],
    written: &mut dyn FnMut(u64),
) -> Result<usize> {
    let n = read_some(src, buffer)?;
    let (done, result) = write_counted(dst, buffer.get(..n).unwrap_or_default());
    written(done as u64);
    result.map_err(|err| give_back(src, n - done, err))?;
    Ok(n)
}

/// A failed splice from `src` to `dst` in the user's words, naming the end that failed.
/// EPIPE is the writing end's; ECONNRESET is a socket's, and a socket is the source when
/// the destination is a pipe (one end of a splice is always a pipe).
fn splice_error(errno: Errno, src: End<'_>, dst: End<'_>, dst_pipe: bool) -> anyhow::Error {
    let what = match errno {
        Errno::ECONNRESET if dst_pipe => format!("reading {}", src.name),
        Errno::EPIPE | Errno::ECONNRESET => format!("writing {}", dst.name),
        _ => format!("moving data from {} to {}", src.name, dst.name),
    };
    anyhow::Error::new(io_error(errno)).context(what)
}

/// After a write stopped part-way, the `unwritten` bytes already read from `src` go back
/// to it: a seekable input is moved back so that it stands just after the last byte
/// delivered, as `head` leaves it. Anything else (a terminal, a socket) cannot take them
/// back; when an interrupt or the deadline stopped the write, the error says how many were
/// dropped (after a failed write the output is known to be incomplete anyway).
pub fn give_back(src: End<'_>, unwritten: usize, err: anyhow::Error) -> anyhow::Error {
    if unwritten == 0 {
        return err;
    }
    let back = i64::try_from(unwritten).map_or(i64::MIN, |n| -n);
    let rewound = nix::unistd::lseek(src.fd, back, nix::unistd::Whence::SeekCur).is_ok();
    if rewound {
        return err;
    }
    let note = format!("{unwritten} bytes read from {} were not written", src.name);
    match err.downcast_ref::<Fail>() {
        Some(Fail::Signal(signal)) => Fail::Lost {
            signal: *signal,
            note,
        }
        .into(),
        Some(_) => err.context(note),
        None => err,
    }
}

/// Writes all of `data`, through EINTR (a caught interrupt stops it) and EAGAIN.
pub fn write_all(dst: End<'_>, data: &[u8]) -> Result<()> {
    write_counted(dst, data).1
}

/// Writes all of `data` as [`write_all`] does, also returning how much was written when
/// it stopped.
fn write_counted(dst: End<'_>, data: &[u8]) -> (usize, Result<()>) {
    let mut written = 0;
    while let Some(rest) = data.get(written..).filter(|rest| !rest.is_empty()) {
        let step = match nix::unistd::write(dst.fd, rest) {
            Ok(n) => {
                written += n;
                Ok(())
            }
            Err(Errno::EINTR) => interrupted(),
            Err(Errno::EAGAIN) => wait_ready(dst.fd, PollFlags::POLLOUT),
            Err(errno) => Err(io_error(errno)).with_context(|| format!("writing {}", dst.name)),
        };
        if let Err(err) = step {
            return (written, Err(err));
        }
    }
    (written, Ok(()))
}

/// A new pipe (close-on-exec both ends), in packet mode (O_DIRECT: each write is one
/// packet, each read takes at most one) when `packet`, with capacity `size` when given.
pub fn make_pipe(size: Option<u64>, packet: bool) -> Result<(OwnedFd, OwnedFd)> {
    let mut flags = OFlag::O_CLOEXEC;
    if packet {
        flags |= OFlag::O_DIRECT;
    }
    let (read, write) = nix::unistd::pipe2(flags)
        .map_err(io_error)
        .context("pipe")?;
    if let Some(size) = size {
        set_capacity(write.as_fd(), size)?;
    }
    Ok((read, write))
}

/// Sets a pipe's capacity (F_SETPIPE_SZ); the kernel rounds it up to a power-of-two number
/// of pages. Returns the capacity it got. The refusal names the limit and its file.
pub fn set_capacity(fd: BorrowedFd<'_>, size: u64) -> Result<u64> {
    // The limit is read only to name it in a refusal.
    let max = || pipe_max_size().map_or_else(|| "unknown".to_string(), |m| m.to_string());
    let Ok(wanted) = libc::c_int::try_from(size) else {
        return Err(anyhow::anyhow!(
            "pipe capacity of {size} bytes is larger than the kernel accepts (pipe-max-size {}, {PIPE_MAX_SIZE})",
            max()
        ));
    };
    match fcntl(fd, FcntlArg::F_SETPIPE_SZ(wanted)) {
        Ok(got) => Ok(u64::try_from(got).unwrap_or(0)),
        Err(errno @ (Errno::EPERM | Errno::EINVAL)) => Err(anyhow::anyhow!(
            "pipe capacity of {size} bytes refused: {} (pipe-max-size {}, {PIPE_MAX_SIZE})",
            errno_text(errno),
            max()
        )),
        Err(Errno::EBUSY) => Err(anyhow::anyhow!(
            "pipe capacity of {size} bytes refused: the pipe holds more than that now"
        )),
        Err(errno) => Err(io_error(errno)).context("setting the pipe capacity"),
    }
}

/// What kind of file a descriptor is, in the words `pipe info` prints.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FdKind {
    Pipe,
    Fifo,
    Socket,
    Tty,
    File,
    Directory,
    CharDevice,
    BlockDevice,
    Other,
}

impl FdKind {
    pub fn name(self) -> &'static str {
        match self {
            FdKind::Pipe => "pipe",
            FdKind::Fifo => "FIFO",
            FdKind::Socket => "socket",
            FdKind::Tty => "tty",
            FdKind::File => "file",
            FdKind::Directory => "directory",
            FdKind::CharDevice => "character device",
            FdKind::BlockDevice => "block device",
            FdKind::Other => "other",
        }
    }
}

/// What `pipe info` shows about one descriptor.
#[derive(Debug)]
pub struct FdInfo {
    pub kind: FdKind,
    /// What /proc/self/fd/N points at: `pipe:[1234]`, a path, `socket:[99]`.
    pub target: String,
    /// The pipe's capacity (F_GETPIPE_SZ), for pipes and FIFOs.
    pub capacity: Option<u64>,
    /// Bytes waiting to be read (FIONREAD), where the kernel answers it.
    pub queued: Option<u64>,
    /// The largest write the kernel keeps whole (PIPE_BUF), for pipes and FIFOs.
    pub pipe_buf: Option<u64>,
}

/// Describes descriptor `fd` of this process. Works on a raw number, since the user names
/// it; a descriptor that is not open is EBADF.
pub fn fd_info(fd: RawFd) -> nix::Result<FdInfo> {
    // SAFETY: fstat writes into the zeroed struct we own; a bad fd is reported as EBADF.
    let mut st: libc::stat = unsafe { std::mem::zeroed() };
    // SAFETY: `st` is a valid, writable stat buffer for the duration of the call.
    Errno::result(unsafe { libc::fstat(fd, &mut st) })?;
    let target = std::fs::read_link(format!("/proc/self/fd/{fd}"))
        .map(|p| p.to_string_lossy().into_owned())
        .unwrap_or_default();
    let kind = match st.st_mode & libc::S_IFMT {
        libc::S_IFIFO if target.starts_with("pipe:[") => FdKind::Pipe,
        libc::S_IFIFO => FdKind::Fifo,
        libc::S_IFSOCK => FdKind::Socket,
        // SAFETY: isatty only inspects the descriptor.
        libc::S_IFCHR if unsafe { libc::isatty(fd) } == 1 => FdKind::Tty,
        libc::S_IFCHR => FdKind::CharDevice,
        libc::S_IFREG => FdKind::File,
        libc::S_IFDIR => FdKind::Directory,
        libc::S_IFBLK => FdKind::BlockDevice,
        _ => FdKind::Other,
    };
    let piped = matches!(kind, FdKind::Pipe | FdKind::Fifo);
    let capacity = if piped {
        // SAFETY: F_GETPIPE_SZ takes no argument and only reads the pipe's state.
        let got = unsafe { libc::fcntl(fd, libc::F_GETPIPE_SZ) };
        u64::try_from(got).ok()
    } else {
        None
    };
    let queued = if matches!(kind, FdKind::Directory) {
        None
    } else {
        let mut count: libc::c_int = 0;
        // SAFETY: FIONREAD writes one int into `count`, which outlives the call.
        let rc = unsafe { libc::ioctl(fd, libc::FIONREAD, &mut count) };
        if rc == 0 {
            u64::try_from(count).ok()
        } else {
            None
        }
    };
    let pipe_buf = if piped {
        // SAFETY: fpathconf only inspects the descriptor.
        let value = unsafe { libc::fpathconf(fd, libc::_PC_PIPE_BUF) };
        u64::try_from(value).ok()
    } else {
        None
    };
    Ok(FdInfo {
        kind,
        target,
        capacity,
        queued,
        pipe_buf,
    })
}

/// Whether a descriptor is a pipe or FIFO (where splice applies and --size means something).
pub fn is_pipe_fd(fd: BorrowedFd<'_>) -> bool {
    is_pipe(fd)
}

/// How many bytes a regular file has from its offset to its end; `None` when `fd` is not a
/// regular file (a pipe or terminal does not say how much is coming).
pub fn regular_file_left(fd: BorrowedFd<'_>) -> nix::Result<Option<u64>> {
    let meta = nix::sys::stat::fstat(fd)?;
    if meta.st_mode & libc::S_IFMT != libc::S_IFREG {
        return Ok(None);
    }
    let position = nix::unistd::lseek(fd, 0, nix::unistd::Whence::SeekCur).unwrap_or(0);
    Ok(Some(
        u64::try_from(meta.st_size.saturating_sub(position)).unwrap_or(0),
    ))
}

/// Whether `src` has another byte (which is then lost: for a caller that fails anyway).
/// A caught interrupt ends the wait (status 128+N).
pub fn more_follows(src: End<'_>) -> Result<bool> {
    let mut byte = [0u8; 1];
    loop {
        match nix::unistd::read(src.fd, &mut byte) {
            Ok(got) => return Ok(got > 0),
            Err(Errno::EINTR) => interrupts::check()?,
            Err(errno) => {
                return Err(anyhow::anyhow!(io_error(errno)).context(src.name.to_string()))
            }
        }
    }
}

/// One read(2) of whatever is there (up to `buf.len()`); 0 is end of file.
pub fn read_some(src: End<'_>, buf: &mut [u8]) -> Result<usize> {
    loop {
        match nix::unistd::read(src.fd, buf) {
            Ok(n) => return Ok(n),
            Err(Errno::EINTR) => interrupted()?,
            Err(Errno::EAGAIN) => wait_ready(src.fd, PollFlags::POLLIN)?,
            Err(errno) => {
                return Err(io_error(errno)).with_context(|| format!("reading {}", src.name))
            }
        }
    }
}

/// Waits until the peer of `sock` has closed its socket entirely (POLLHUP: it will neither
/// send nor receive) or `done` becomes readable or reaches its end (a helper has finished).
/// Returns true when the peer closed.
pub fn wait_hangup_or(sock: BorrowedFd<'_>, done: BorrowedFd<'_>) -> Result<bool> {
    let mut fds = [
        PollFd::new(sock, PollFlags::empty()),
        PollFd::new(done, PollFlags::POLLIN),
    ];
    loop {
        match poll(&mut fds, PollTimeout::NONE) {
            Ok(_) => break,
            Err(Errno::EINTR) => interrupted()?,
            Err(errno) => return Err(io_error(errno).into()),
        }
    }
    let hup = fds[0]
        .revents()
        .is_some_and(|r| r.intersects(PollFlags::POLLHUP | PollFlags::POLLERR));
    Ok(hup)
}

/// The capacity relays give the pipes they move data through: fewer, larger splices.
const RELAY_CAPACITY: u64 = 1 << 20;

/// Raises a pipe's capacity to 1 MiB (or /proc/sys/fs/pipe-max-size, if lower) when it is
/// smaller, so each splice moves more; a refusal (the per-user pipe page limit) only leaves
/// the pipe as it was. Does nothing to descriptors that are not pipes.
pub fn widen(fd: BorrowedFd<'_>) {
    if !is_pipe(fd) {
        return;
    }
    let current = fcntl(fd, FcntlArg::F_GETPIPE_SZ)
        .ok()
        .and_then(|c| u64::try_from(c).ok())
        .unwrap_or(0);
    if current >= RELAY_CAPACITY {
        return;
    }
    let set = |size: u64| {
        let size = libc::c_int::try_from(size).map_err(|_| Errno::EINVAL)?;
        fcntl(fd, FcntlArg::F_SETPIPE_SZ(size))
    };
    // Past pipe-max-size only a privileged process may go (EPERM): then up to it. The
    // limit is read only then.
    if set(RELAY_CAPACITY) == Err(Errno::EPERM) {
        if let Some(max) = pipe_max_size().filter(|&max| max > current) {
            let _ = set(max);
        }
    }
}

/// /proc/sys/fs/pipe-max-size, if it can be read.
fn pipe_max_size() -> Option<u64> {
    let [max] = crate::core::procfs::read_sys(PIPE_MAX_SIZE).ok()?;
    Some(max)
}

/// Whether an error only says that the other side went away (EPIPE, ECONNRESET).
pub fn peer_gone(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause.downcast_ref::<io::Error>().is_some_and(|e| {
            matches!(
                e.kind(),
                io::ErrorKind::BrokenPipe | io::ErrorKind::ConnectionReset
            )
        })
    })
}

/// Both directions at once: stdin → `to` on a helper thread (which closes `to` at the end
/// of stdin, so the other side reads end of file), while `from` → stdout on this thread.
/// Neither direction ever waits for the other, so a peer that reads all its input before
/// it writes (a buffering filter), or writes much before it reads, never deadlocks us: the
/// coprocess trap of a process that writes, then reads, in one thread.
///
/// The end of `from` is a half-close: the other side sends nothing more, but may still
/// read, so stdin goes on to it until stdin ends or the other side stops reading (no
/// reader left on `to`: it exited). The other side going away before it took all of stdin
/// is not an error. After an interrupt the helper is woken: input it read and could not
/// pass on goes back to stdin, or the error says how much was lost.
///
/// With `first_writer`, `from` is a FIFO opened O_NONBLOCK before any writer came (where a
/// read would find end of file at once): its first data, or its first writer's close, is
/// waited for here, with the helper already running, and then it blocks as usual.
pub fn converse(to: OwnedFd, to_name: String, from: End<'_>, first_writer: bool) -> Result<()> {
    let stdout = io::stdout();
    let out = End::new(stdout.as_fd(), "stdout");
    widen(io::stdin().as_fd());
    widen(out.fd);
    widen(to.as_fd());
    widen(from.fd);
    // The helper holds `done_tx`; when it finishes, `done_rx` reaches its end.
    let (done_rx, done_tx) = make_pipe(None, false)?;
    let sender = crate::core::process::spawn_wakeable(move || -> Result<()> {
        let _done = done_tx;
        let stdin = io::stdin();
        let result = feed(
            End::new(stdin.as_fd(), "stdin"),
            End::new(to.as_fd(), &to_name),
        );
        drop(to);
        match result {
            Err(err) if !peer_gone(&err) => Err(err),
            _ => Ok(()),
        }
    });
    let received = if first_writer {
        wait_ready(from.fd, PollFlags::POLLIN).and_then(|_| {
            fcntl(from.fd, FcntlArg::F_SETFL(OFlag::O_RDONLY))
                .map(drop)
                .map_err(|e| anyhow::anyhow!("{}: {}", from.name, errno_text(e)))
        })
    } else {
        Ok(())
    };
    let received = received
        .and_then(|_| copy(from, out, &mut |_| {}))
        .and_then(|_| wait_ready(done_rx.as_fd(), PollFlags::POLLIN));
    if let Err(err) = received {
        return Err(sender.outcome_after(err));
    }
    sender
        .join()
        .unwrap_or_else(|_| Err(anyhow::anyhow!("the thread writing {} failed", "stdin")))
}

/// `src` → `dst` (a pipe or FIFO) until the end of `src`, or until `dst` has no reader
/// left (POLLERR), which is noticed while waiting for input too: a peer that exited
/// ends the feed at once, not at the next line typed.
fn feed(src: End<'_>, dst: End<'_>) -> Result<()> {
    let dst_pipe = is_pipe(dst.fd);
    let mut spliced = dst_pipe || is_pipe(src.fd);
    let mut buffer = Vec::new();
    loop {
        let mut fds = [
            PollFd::new(src.fd, PollFlags::POLLIN),
            PollFd::new(dst.fd, PollFlags::empty()),
        ];
        match poll(&mut fds, PollTimeout::NONE) {
            Ok(_) => {}
            Err(Errno::EINTR) => {
                interrupted()?;
                continue;
            }
            Err(errno) => return Err(io_error(errno)).context("poll"),
        }
        let gone = PollFlags::POLLERR | PollFlags::POLLHUP;
        if fds[1].revents().is_some_and(|r| r.intersects(gone)) {
            return Ok(());
        }
        if fds[0].revents().is_none_or(|r| r.is_empty()) {
            continue;
        }
        let moved = if spliced {
            match splice(
                src.fd,
                None,
                dst.fd,
                None,
                SPLICE_CHUNK,
                SpliceFFlags::SPLICE_F_MOVE,
            ) {
                Ok(n) => n,
                Err(Errno::EINTR | Errno::EAGAIN) => {
                    interrupted()?;
                    continue;
                }
                // An end without splice support (a terminal): nothing was moved, and the
                // buffer copy takes over.
                Err(Errno::EINVAL) => {
                    spliced = false;
                    continue;
                }
                Err(errno) => return Err(splice_error(errno, src, dst, dst_pipe)),
            }
        } else {
            if buffer.is_empty() {
                buffer = vec![0u8; BUFFER];
            }
            pass_chunk(src, dst, &mut buffer, &mut |_| {})?
        };
        if moved == 0 {
            return Ok(());
        }
    }
}
