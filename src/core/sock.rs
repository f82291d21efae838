//! Unix domain sockets: addresses (a path or `@abstract`), a listener that takes over a
//! stale socket file but never a live one nor a file that is not a socket, and removes its
//! socket file when it ends (only while the path still names the inode it made), and the
//! few calls the commands need.

use std::fmt;
use std::os::fd::{AsFd, AsRawFd, OwnedFd};
use std::path::PathBuf;

use anyhow::{anyhow, Result};
use nix::errno::Errno;
use nix::fcntl::AtFlags;
use nix::sys::socket::{
    self, getsockopt, sockopt, AddressFamily, Backlog, MsgFlags, Shutdown, SockFlag, UnixAddr,
};
use nix::sys::stat::fstatat;
use nix::unistd::{unlinkat, UnlinkatFlags};

use crate::core::errno_text;
use crate::core::fifo::{file_kind, open_parent, Entry};

/// The socket type.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Stream,
    Dgram,
    Seqpacket,
}

impl Kind {
    fn sock_type(self) -> socket::SockType {
        match self {
            Kind::Stream => socket::SockType::Stream,
            Kind::Dgram => socket::SockType::Datagram,
            Kind::Seqpacket => socket::SockType::SeqPacket,
        }
    }
}

/// A socket address: a file path, or a name in the abstract namespace (`@name`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Addr {
    Path(PathBuf),
    Abstract(Vec<u8>),
}

impl Addr {
    /// Parses ADDR as the command line gives it: any bytes, as paths are (cli::sock's
    /// value parser).
    pub fn parse(text: &std::ffi::OsStr) -> Result<Addr, String> {
        use std::os::unix::ffi::OsStrExt;
        let bytes = text.as_bytes();
        let shown = text.to_string_lossy();
        if let Some(name) = bytes.strip_prefix(b"@") {
            if name.is_empty() {
                return Err("'@' needs a name after it (e.g. @myservice)".into());
            }
            // sun_path holds 108 bytes, the first of which is the abstract marker.
            if name.len() > 107 {
                return Err(format!("abstract name '{shown}' is longer than 107 bytes"));
            }
            return Ok(Addr::Abstract(name.to_vec()));
        }
        if bytes.is_empty() {
            return Err("an empty address (give a path or @name)".into());
        }
        if bytes.len() > 107 {
            return Err(format!(
                "socket path '{shown}' is longer than 107 bytes (the limit of sun_path)"
            ));
        }
        Ok(Addr::Path(PathBuf::from(text)))
    }

    fn unix(&self) -> nix::Result<UnixAddr> {
        match self {
            Addr::Path(path) => UnixAddr::new(path.as_path()),
            Addr::Abstract(name) => UnixAddr::new_abstract(name),
        }
    }
}

impl fmt::Display for Addr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Addr::Path(path) => write!(f, "{}", path.display()),
            Addr::Abstract(name) => write!(f, "@{}", String::from_utf8_lossy(name)),
        }
    }
}

fn new_socket(kind: Kind) -> nix::Result<OwnedFd> {
    socket::socket(
        AddressFamily::Unix,
        kind.sock_type(),
        SockFlag::SOCK_CLOEXEC,
        None,
    )
}

/// A bound (and, for connection types, listening) socket. Its socket file, if it has one,
/// is removed when it is dropped — on a normal end and after a caught signal alike — if
/// the name still holds the socket made, in the directory it was made in.
pub struct Listener {
    pub fd: OwnedFd,
    _file: Option<Entry>,
}

/// Binds and listens at `addr`, the socket file made with exactly `mode`. A stale socket
/// file (nobody accepts on it) is replaced; a live one is "address in use"; a path that is
/// not a socket is never touched.
pub fn listen(addr: &Addr, kind: Kind, mode: u32) -> Result<Listener> {
    let unix = addr
        .unix()
        .map_err(|e| anyhow!("{addr}: {}", errno_text(e)))?;
    let fd = new_socket(kind).map_err(|e| anyhow!("socket: {}", errno_text(e)))?;
    let mask = nix::sys::stat::Mode::from_bits_truncate(0o777 & !mode);
    let bind = || {
        let old = nix::sys::stat::umask(mask);
        let result = socket::bind(fd.as_raw_fd(), &unix);
        nix::sys::stat::umask(old);
        result
    };
    // The directory is pinned before the socket file exists: the stale file is checked and
    // removed, and ours removed at the end, in it, whatever happens to the path meanwhile.
    let dir = match addr {
        Addr::Path(path) => {
            Some(open_parent(path).map_err(|e| anyhow!("{addr}: {}", errno_text(e)))?)
        }
        Addr::Abstract(_) => None,
    };
    match bind() {
        Ok(()) => {}
        Err(Errno::EADDRINUSE) => match &dir {
            None => return Err(anyhow!("{addr}: address in use")),
            Some((dir, name)) => {
                let at = || {
                    fstatat(dir, name.as_os_str(), AtFlags::AT_SYMLINK_NOFOLLOW)
                        .map_err(|e| anyhow!("{addr}: {}", errno_text(e)))
                };
                let st = at()?;
                if st.st_mode & libc::S_IFMT != libc::S_IFSOCK {
                    return Err(anyhow!(
                        "{addr}: exists and is not a socket ({}); not removed",
                        file_kind(st.st_mode)
                    ));
                }
                match probe(&unix, kind) {
                    Probe::Stale => {}
                    Probe::Live => {
                        return Err(anyhow!(
                            "{addr}: address in use (a server is listening on it)"
                        ))
                    }
                    Probe::Other(why) => {
                        return Err(anyhow!(
                            "{addr}: address in use, and whether a server listens on it \
                             cannot be told (connecting to it: {why}); not removed"
                        ))
                    }
                }
                // Still the stale socket we probed (not a file swapped in since): removed.
                let now = at()?;
                if (now.st_dev, now.st_ino) != (st.st_dev, st.st_ino) {
                    return Err(anyhow!(
                        "{addr}: replaced while it was checked; not removed"
                    ));
                }
                unlinkat(dir, name.as_os_str(), UnlinkatFlags::NoRemoveDir)
                    .map_err(|e| anyhow!("{addr}: removing the stale socket: {}", errno_text(e)))?;
                bind().map_err(|e| match e {
                    Errno::EADDRINUSE => anyhow!("{addr}: address in use"),
                    other => anyhow!("{addr}: {}", errno_text(other)),
                })?;
            }
        },
        Err(errno) => return Err(anyhow!("{addr}: {}", errno_text(errno))),
    }
    let listener = Listener {
        fd,
        _file: dir.map(|(dir, name)| Entry::made(dir, name)),
    };
    if kind != Kind::Dgram {
        socket::listen(&listener.fd, Backlog::MAXCONN)
            .map_err(|e| anyhow!("{addr}: listen: {}", errno_text(e)))?;
    }
    Ok(listener)
}

/// What a connect to an existing socket file tells.
enum Probe {
    /// Refused, also a moment later: nobody accepts on it.
    Stale,
    /// Accepted, or busy (a full backlog), or a server of another socket type.
    Live,
    /// The connect could not say (permission denied, above all: a socket this user may
    /// not write to), so the file must be left alone.
    Other(String),
}

/// Probes the socket file at `unix`: stale when a connect (of either kind) is refused, also
/// a moment later. A server starting on it binds (the file appears) before it listens, and
/// refuses until then; it is not taken for stale, and its file not replaced, when the
/// refusal lasts less than PROBE_AGAIN. The probe does not block: a live server whose
/// backlog is full answers EAGAIN at once instead of holding us (and Ctrl-C).
fn probe(unix: &UnixAddr, kind: Kind) -> Probe {
    let once = || -> Result<(), Errno> {
        let probe = socket::socket(
            AddressFamily::Unix,
            kind.sock_type(),
            SockFlag::SOCK_CLOEXEC | SockFlag::SOCK_NONBLOCK,
            None,
        )?;
        socket::connect(probe.as_raw_fd(), unix)
    };
    let mut result = once();
    for &wait in &PROBE_AGAIN {
        if result != Err(Errno::ECONNREFUSED) {
            break;
        }
        std::thread::sleep(wait);
        result = once();
    }
    match result {
        Err(Errno::ECONNREFUSED) => Probe::Stale,
        Ok(()) | Err(Errno::EAGAIN | Errno::EINPROGRESS | Errno::EPROTOTYPE) => Probe::Live,
        Err(errno) => Probe::Other(errno_text(errno)),
    }
}

/// When a refused probe is repeated: a server between its bind and its listen is past
/// that gap (microseconds) by then.
const PROBE_AGAIN: [std::time::Duration; 2] = [
    std::time::Duration::from_millis(5),
    std::time::Duration::from_millis(20),
];

/// Accepts one connection (close-on-exec).
pub fn accept(listener: &Listener) -> nix::Result<OwnedFd> {
    let fd = socket::accept4(listener.fd.as_raw_fd(), SockFlag::SOCK_CLOEXEC)?;
    // SAFETY: accept4 returned a new descriptor that nothing else owns.
    Ok(unsafe { <OwnedFd as std::os::fd::FromRawFd>::from_raw_fd(fd) })
}

/// The connected peer's pid, uid and gid as the kernel recorded them (SO_PEERCRED).
pub fn peer(fd: &OwnedFd) -> nix::Result<(i32, u32, u32)> {
    let cred = getsockopt(fd, sockopt::PeerCredentials)?;
    Ok((cred.pid(), cred.uid(), cred.gid()))
}

/// A socket connected to `addr`. A datagram socket is first bound to an autobound
/// abstract name, so a server can answer it.
pub fn connect(addr: &Addr, kind: Kind) -> nix::Result<OwnedFd> {
    let unix = addr.unix()?;
    let fd = new_socket(kind)?;
    if kind == Kind::Dgram {
        socket::bind(fd.as_raw_fd(), &UnixAddr::new_unnamed())?;
    }
    socket::connect(fd.as_raw_fd(), &unix)?;
    Ok(fd)
}

/// A connected pair (socketpair(2)).
pub fn pair(kind: Kind) -> nix::Result<(OwnedFd, OwnedFd)> {
    socket::socketpair(
        AddressFamily::Unix,
        kind.sock_type(),
        None,
        SockFlag::SOCK_CLOEXEC,
    )
}

/// Shuts the write side: the peer reads end of file, and we can still read its reply.
pub fn shutdown_write(fd: &OwnedFd) -> nix::Result<()> {
    socket::shutdown(fd.as_raw_fd(), Shutdown::Write)
}

/// Sends one message (a datagram or a seqpacket record) on a connected socket.
pub fn send(fd: &OwnedFd, data: &[u8]) -> nix::Result<usize> {
    socket::send(fd.as_raw_fd(), data, MsgFlags::MSG_NOSIGNAL)
}

/// Receives one message. Returns its full length, which is larger than `buf` when the
/// message was truncated (MSG_TRUNC).
pub fn recv(fd: &OwnedFd, buf: &mut [u8]) -> nix::Result<usize> {
    socket::recv(fd.as_raw_fd(), buf, MsgFlags::MSG_TRUNC)
}

/// Receives one message if one is waiting (`Ok(None)` when none is), without blocking.
pub fn recv_now(fd: &OwnedFd, buf: &mut [u8]) -> nix::Result<Option<usize>> {
    match socket::recv(
        fd.as_raw_fd(),
        buf,
        MsgFlags::MSG_TRUNC | MsgFlags::MSG_DONTWAIT,
    ) {
        Ok(n) => Ok(Some(n)),
        Err(Errno::EAGAIN) => Ok(None),
        Err(errno) => Err(errno),
    }
}

/// Receives one datagram and who sent it (None for an unbound sender). The length is the
/// datagram's whole length (MSG_TRUNC), also when `buf` held only part of it.
pub fn recv_from(fd: &OwnedFd, buf: &mut [u8]) -> nix::Result<(usize, Option<UnixAddr>)> {
    // SAFETY: sockaddr_un is plain data; all zeroes is a valid value.
    let mut from: libc::sockaddr_un = unsafe { std::mem::zeroed() };
    let mut len = std::mem::size_of::<libc::sockaddr_un>() as libc::socklen_t;
    // SAFETY: `buf` is writable for its length, and `from` for `len` bytes; recvfrom
    // writes no more than that and sets `len` to the address's length.
    let n = unsafe {
        libc::recvfrom(
            fd.as_raw_fd(),
            buf.as_mut_ptr().cast(),
            buf.len(),
            libc::MSG_TRUNC,
            std::ptr::addr_of_mut!(from).cast(),
            &mut len,
        )
    };
    let n = usize::try_from(Errno::result(n)?).unwrap_or(0);
    use nix::sys::socket::SockaddrLike;
    // SAFETY: `from` holds `len` bytes of address that recvfrom wrote.
    let from = unsafe { UnixAddr::from_raw(std::ptr::addr_of!(from).cast(), Some(len)) };
    Ok((n, from.filter(|a| !a.is_unnamed())))
}

/// Room for the largest datagram a sender may have: its SO_SNDBUF, which an unprivileged
/// one may raise to 2 × wmem_max (at least 512 KiB, the default kernel's figure).
pub fn message_buffer() -> usize {
    wmem_max().unwrap_or(0).saturating_mul(2).max(512 << 10)
}

/// /proc/sys/net/core/wmem_max: the largest send buffer an unprivileged process may set.
fn wmem_max() -> Option<usize> {
    crate::core::procfs::read_sys("/proc/sys/net/core/wmem_max")
        .ok()
        .and_then(|[max]: [u64; 1]| usize::try_from(max).ok())
}

/// Sends one datagram to `to` without blocking: `Ok(false)` when there is no room for it
/// now (the receiver's queue, or our send buffer, is full).
pub fn send_to_now(fd: &OwnedFd, data: &[u8], to: &UnixAddr) -> nix::Result<bool> {
    match socket::sendto(
        fd.as_raw_fd(),
        data,
        to,
        MsgFlags::MSG_NOSIGNAL | MsgFlags::MSG_DONTWAIT,
    ) {
        Ok(_) => Ok(true),
        Err(Errno::EAGAIN) => Ok(false),
        Err(errno) => Err(errno),
    }
}

/// Sends one message on a connected socket without blocking: `Ok(false)` when there is no
/// room for it now.
pub fn send_now(fd: &OwnedFd, data: &[u8]) -> nix::Result<bool> {
    match socket::send(
        fd.as_raw_fd(),
        data,
        MsgFlags::MSG_NOSIGNAL | MsgFlags::MSG_DONTWAIT,
    ) {
        Ok(_) => Ok(true),
        Err(Errno::EAGAIN) => Ok(false),
        Err(errno) => Err(errno),
    }
}

/// Raises the socket's send buffer as far as an unprivileged process may (wmem_max). A
/// datagram server's replies to a connected client count against it until the client reads
/// them, so a client that does not read takes room from every other one.
pub fn widen_send_buffer(fd: &OwnedFd) {
    if let Some(max) = wmem_max() {
        if send_buffer(fd).is_some_and(|now| now < max) {
            let _ = socket::setsockopt(fd, sockopt::SndBuf, &max);
        }
    }
}

/// What `poll` found on a datagram client's descriptors.
#[derive(Clone, Copy, Debug, Default)]
pub struct Ready {
    pub input: bool,
    pub readable: bool,
}

/// Waits until `input` (if given) is readable, `sock` is readable, or (with `writable`)
/// `sock` has room to send, or `timeout` passes (all false then: the caller tries again). An interrupt or the
/// --timeout deadline comes back as an error (stream::interrupted).
pub fn wait(
    input: Option<std::os::fd::BorrowedFd<'_>>,
    sock: &OwnedFd,
    writable: bool,
    timeout: Option<std::time::Duration>,
) -> Result<Ready> {
    use nix::poll::{poll, PollFd, PollFlags, PollTimeout};
    let mut events = PollFlags::POLLIN;
    if writable {
        events |= PollFlags::POLLOUT;
    }
    let mut fds = vec![PollFd::new(sock.as_fd(), events)];
    if let Some(input) = input {
        fds.push(PollFd::new(input, PollFlags::POLLIN));
    }
    let timeout = match timeout {
        None => PollTimeout::NONE,
        Some(t) => PollTimeout::try_from(t).unwrap_or(PollTimeout::MAX),
    };
    loop {
        match poll(&mut fds, timeout) {
            Ok(_) => break,
            Err(Errno::EINTR) => crate::core::stream::interrupted()?,
            Err(errno) => return Err(anyhow!("poll: {}", errno_text(errno))),
        }
    }
    let got = |i: usize| {
        fds.get(i)
            .and_then(PollFd::revents)
            .unwrap_or(PollFlags::empty())
    };
    let on_sock = got(0);
    Ok(Ready {
        // An error or hangup is "readable": the next receive reports it.
        readable: on_sock.intersects(PollFlags::POLLIN | PollFlags::POLLERR | PollFlags::POLLHUP),
        input: input.is_some() && !got(1).is_empty(),
    })
}

/// The socket's send buffer (SO_SNDBUF), for the message naming a datagram too large.
pub fn send_buffer(fd: &OwnedFd) -> Option<usize> {
    getsockopt(&fd.as_fd(), sockopt::SndBuf).ok()
}

/// Whether `fd` is an open descriptor of this process (for --send-fd, which names one).
pub fn is_open(fd: std::os::fd::RawFd) -> bool {
    // SAFETY: F_GETFD only reads the descriptor's flags; a number that is not open is EBADF.
    unsafe { libc::fcntl(fd, libc::F_GETFD) != -1 }
}

/// The most descriptors one message may carry (SCM_MAX_FD in the kernel).
pub const MAX_FDS: usize = 253;

/// Sends `data` with the descriptors `fds` attached (SCM_RIGHTS). On a stream the kernel
/// may take only part of `data`; the count says how much (the descriptors went with it).
pub fn send_with_fds(
    sock: &OwnedFd,
    data: &[u8],
    fds: &[std::os::fd::RawFd],
) -> nix::Result<usize> {
    use nix::sys::socket::{sendmsg, ControlMessage};
    let iov = [std::io::IoSlice::new(data)];
    let rights = [ControlMessage::ScmRights(fds)];
    sendmsg::<()>(
        sock.as_raw_fd(),
        &iov,
        if fds.is_empty() { &[] } else { &rights },
        MsgFlags::MSG_NOSIGNAL,
        None,
    )
}

/// Waits for the first data on `sock` and returns the descriptors sent with it
/// (SCM_RIGHTS, close-on-exec here), without taking the data (MSG_PEEK): whoever reads the
/// socket next still gets all of it. Empty when none came with it, or the peer closed.
pub fn peek_fds(sock: &OwnedFd) -> nix::Result<Vec<OwnedFd>> {
    use nix::sys::socket::{recvmsg, ControlMessageOwned};
    let mut byte = [0u8; 1];
    let mut iov = [std::io::IoSliceMut::new(&mut byte)];
    let mut space = nix::cmsg_space!([std::os::fd::RawFd; MAX_FDS]);
    let msg = recvmsg::<()>(
        sock.as_raw_fd(),
        &mut iov,
        Some(&mut space),
        MsgFlags::MSG_PEEK | MsgFlags::MSG_CMSG_CLOEXEC,
    )?;
    let mut fds = Vec::new();
    for cmsg in msg.cmsgs()? {
        if let ControlMessageOwned::ScmRights(received) = cmsg {
            for fd in received {
                // SAFETY: the kernel installed each received descriptor in this process
                // for us; nothing else owns it.
                fds.push(unsafe { <OwnedFd as std::os::fd::FromRawFd>::from_raw_fd(fd) });
            }
        }
    }
    Ok(fds)
}
