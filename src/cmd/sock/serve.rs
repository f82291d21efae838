//! `ipcx sock serve`: accepts connections and serves each (echo, or a command per
//! connection), or takes datagrams, printing or echoing them; replies that cannot go are
//! counted and reported once per run of failures.

use std::io;
use std::os::fd::{AsFd, OwnedFd};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use anyhow::{anyhow, Context, Result};
use nix::errno::Errno;
use nix::unistd::Pid;

use super::connect::relay;
use super::{kind_of, peer_gone, print_message, truncated};
use crate::cli::sock::SockServeArgs;
use crate::core::process::{self, Shells};
use crate::core::sock::{self, Addr, Kind, Listener};
use crate::core::status::{say, usage, Fail};
use crate::core::stream::{self, End};
use crate::core::{errno_text, interrupts};

pub(super) fn serve(args: SockServeArgs) -> Result<()> {
    let kind = kind_of(&args.kind);
    if kind == Kind::Dgram && !args.command.is_empty() {
        return Err(usage(
            "a command per connection needs connections: not with --dgram (use --seqpacket)",
        ));
    }
    if args.kind.raw && kind == Kind::Stream {
        return Err(usage(
            "--raw is for --dgram and --seqpacket (a stream is always raw)",
        ));
    }
    interrupts::catch_interrupts().context("installing signal handlers")?;
    // The listener removes its socket file when dropped: on every way out of here,
    // including a caught signal, which comes back as Fail::Signal.
    let listener = sock::listen(&args.addr, kind, args.mode)?;
    if kind == Kind::Dgram {
        return serve_datagrams(&listener, &args);
    }
    if !args.echo && args.command.is_empty() {
        let conn = accept(&listener, &args)?;
        return relay(conn, kind, args.kind.raw, Vec::new()).with_context(|| args.addr.to_string());
    }
    let mut children: Vec<Child> = Vec::new();
    let served = serve_connections(&listener, &args, kind, &mut children);
    // However serving ended, no command outlives the server: after an interrupt the ones
    // still running get it too, and all are waited for.
    if !children.is_empty() {
        let pids: Vec<Pid> = children.iter().map(process::pid_of).collect();
        process::pass_on_interrupt(&pids, None);
        process::wait_all(&pids)?;
    }
    served
}

/// Accepts connections and serves each, with --echo or a command per connection (which
/// `children` holds while it runs).
fn serve_connections(
    listener: &Listener,
    args: &SockServeArgs,
    kind: Kind,
    children: &mut Vec<Child>,
) -> Result<()> {
    // With --recv-fds, connections wait here until their first data (which carries the
    // descriptors) or their end has come, while others are accepted and served: a client
    // that connects and says nothing holds up nobody.
    let mut waiting: Vec<OwnedFd> = Vec::new();
    loop {
        let conn = if args.recv_fds && !args.once {
            match next_ready(listener, &waiting)? {
                Ready::Listener => {
                    waiting.push(accept(listener, args)?);
                    continue;
                }
                Ready::Waiting(index) => waiting.swap_remove(index),
            }
        } else {
            accept(listener, args)?
        };
        if args.echo {
            if args.once {
                return echo(&conn, kind).with_context(|| args.addr.to_string());
            }
            let addr = args.addr.to_string();
            process::spawn_quiet(move || {
                if let Err(err) = echo(&conn, kind) {
                    say(&format!(
                        "{addr}: {}",
                        crate::core::status::error_text(&err)
                    ));
                }
            });
            continue;
        }
        // A child that ended is reaped as the next one comes.
        children.retain_mut(|child| matches!(child.try_wait(), Ok(None)));
        let fds = if args.recv_fds {
            Some(receive_fds(&conn, args)?)
        } else {
            None
        };
        match run_command(&args.command, conn, fds) {
            Ok(child) if args.once => {
                let mut shells = Shells::new();
                shells.adopt(&child);
                return shells.finish();
            }
            Ok(child) => children.push(child),
            Err((err, status)) => {
                say(&crate::core::status::error_text(&err));
                if args.once {
                    return Err(Fail::Exit(status).into());
                }
            }
        }
    }
}

/// What is ready: a connection to accept, or one of those waiting with data (or its end).
enum Ready {
    Listener,
    Waiting(usize),
}

/// Waits until the listener has a connection or a waiting one has its first data; the
/// waiting ones come first.
fn next_ready(listener: &Listener, waiting: &[OwnedFd]) -> Result<Ready> {
    use nix::poll::{poll, PollFd, PollFlags, PollTimeout};
    loop {
        let mut fds: Vec<PollFd> = waiting
            .iter()
            .chain(std::iter::once(&listener.fd))
            .map(|fd| PollFd::new(fd.as_fd(), PollFlags::POLLIN))
            .collect();
        match poll(&mut fds, PollTimeout::NONE) {
            Ok(_) => {}
            Err(Errno::EINTR) => {
                interrupts::check()?;
                continue;
            }
            Err(errno) => return Err(anyhow!("poll: {}", errno_text(errno))),
        }
        let ready = |fd: &PollFd| fd.revents().is_some_and(|events| !events.is_empty());
        if let Some(index) = fds[..waiting.len()].iter().position(ready) {
            return Ok(Ready::Waiting(index));
        }
        if fds.last().is_some_and(ready) {
            return Ok(Ready::Listener);
        }
    }
}

/// Accepts the next connection, logging the peer with --creds.
fn accept(listener: &Listener, args: &SockServeArgs) -> Result<OwnedFd> {
    let conn = loop {
        match sock::accept(listener) {
            Ok(conn) => break conn,
            Err(Errno::EINTR) => interrupts::check()?,
            Err(Errno::ECONNABORTED) => continue,
            Err(errno) => return Err(anyhow!("{}: accept: {}", args.addr, errno_text(errno))),
        }
    };
    if args.creds {
        match sock::peer(&conn) {
            Ok((pid, uid, gid)) => say(&format!(
                "{}: peer pid {pid} uid {uid} gid {gid}",
                args.addr
            )),
            Err(errno) => say(&format!(
                "{}: peer credentials: {}",
                args.addr,
                errno_text(errno)
            )),
        }
    }
    Ok(conn)
}

/// The descriptors the client sent with its first data (--recv-fds), which stays unread
/// for CMD. A failure is said and the connection served without them.
fn receive_fds(conn: &OwnedFd, args: &SockServeArgs) -> Result<Vec<OwnedFd>> {
    loop {
        match sock::peek_fds(conn) {
            Ok(fds) => return Ok(fds),
            Err(Errno::EINTR) => interrupts::check()?,
            Err(errno) => {
                say(&format!(
                    "{}: receiving descriptors: {}",
                    args.addr,
                    errno_text(errno)
                ));
                return Ok(Vec::new());
            }
        }
    }
}

/// Starts CMD with the connection as its stdin and stdout, the peer in its environment,
/// and with --recv-fds `fds` as its descriptors 3, 4, … (named in IPCX_FDS). A command that cannot start
/// gives the shell's status: 126, or 127 when not found.
fn run_command(
    command: &[String],
    conn: OwnedFd,
    fds: Option<Vec<OwnedFd>>,
) -> Result<Child, (anyhow::Error, u8)> {
    let (program, rest) = command
        .split_first()
        .ok_or_else(|| (anyhow!("no command"), 127))?;
    let (pid, uid, gid) = sock::peer(&conn).unwrap_or((0, u32::MAX, u32::MAX));
    let output = conn
        .try_clone()
        .map_err(|e| (anyhow!("duplicating the connection: {e}"), 126))?;
    let mut cmd = Command::new(program);
    if let Some(fds) = fds {
        // Empty when the client sent none.
        let names = process::give_fds(&mut cmd, fds).map_err(|err| (err, 126))?;
        cmd.env("IPCX_FDS", names);
    }
    cmd.args(rest)
        .env("IPCX_PEER_PID", pid.to_string())
        .env("IPCX_PEER_UID", uid.to_string())
        .env("IPCX_PEER_GID", gid.to_string())
        .stdin(Stdio::from(conn))
        .stdout(Stdio::from(output))
        .spawn()
        .map_err(|err| {
            let failure = crate::core::exec::start_failure(program.as_ref(), &err);
            (anyhow!("{program}: {}", failure.why), failure.status)
        })
}

/// Sends back what the client sends, until it closes; a client that goes away without
/// reading all of it ends the echo as a close does, whatever the socket type.
fn echo(conn: &OwnedFd, kind: Kind) -> Result<()> {
    let end = End::new(conn.as_fd(), "the connection");
    if kind == Kind::Stream {
        return match stream::copy(end, end, &mut |_| {}) {
            Err(err) if !peer_gone(&err) => Err(err),
            _ => Ok(()),
        };
    }
    let mut buf = vec![0u8; sock::message_buffer()];
    loop {
        let n = match sock::recv(conn, &mut buf) {
            Ok(0) => return Ok(()),
            Ok(n) => n,
            Err(Errno::EINTR) => {
                interrupts::check()?;
                continue;
            }
            Err(Errno::ECONNRESET) => return Ok(()),
            Err(errno) => return Err(anyhow!("receiving: {}", errno_text(errno))),
        };
        match sock::send(conn, truncated(&buf, n)?) {
            Ok(_) => {}
            Err(Errno::EPIPE | Errno::ECONNRESET) => return Ok(()),
            Err(errno) => return Err(anyhow!("sending: {}", errno_text(errno))),
        }
    }
}

/// Datagrams: printed one per line (or exactly, with --raw), or echoed to their sender.
/// A reply never blocks the server: one for a client with no room for it (a client that
/// does not read its replies) is dropped and counted, so every other client is still
/// answered.
fn serve_datagrams(listener: &Listener, args: &SockServeArgs) -> Result<()> {
    if args.echo {
        sock::widen_send_buffer(&listener.fd);
    }
    let mut failed = Failed::default();
    let served = receive_datagrams(listener, args, &mut failed);
    failed.report_all(&args.addr);
    served
}

fn receive_datagrams(listener: &Listener, args: &SockServeArgs, failed: &mut Failed) -> Result<()> {
    let stdout = io::stdout();
    let out = End::new(stdout.as_fd(), "stdout");
    let mut buf = vec![0u8; sock::message_buffer()];
    loop {
        let (n, from) = match sock::recv_from(&listener.fd, &mut buf) {
            Ok(got) => got,
            Err(Errno::EINTR) => {
                interrupts::check()?;
                continue;
            }
            Err(errno) => return Err(anyhow!("{}: receiving: {}", args.addr, errno_text(errno))),
        };
        // A datagram larger than the buffer (a root sender past wmem_max) is reported, not
        // passed on cut; the server goes on with the next.
        let data = match truncated(&buf, n) {
            Ok(data) => data,
            Err(err) => {
                say(&format!("{}: {err}", args.addr));
                continue;
            }
        };
        let sender = from.as_ref().map(sender_name);
        if args.creds {
            say(&format!(
                "{}: datagram from {}",
                args.addr,
                sender.as_deref().unwrap_or("an unbound socket")
            ));
        }
        if args.echo {
            match (&from, sender) {
                (Some(to), Some(sender)) => {
                    let result = loop {
                        match sock::send_to_now(&listener.fd, data, to) {
                            Err(Errno::EINTR) => interrupts::check()?,
                            other => break other,
                        }
                    };
                    match result {
                        Ok(true) => failed.sent(&args.addr, &sender),
                        Ok(false) => failed.add(&args.addr, sender, None),
                        Err(errno) => failed.add(&args.addr, sender, Some(errno)),
                    }
                }
                _ => say(&format!(
                    "{}: a datagram from an unbound socket cannot be answered",
                    args.addr
                )),
            }
        } else {
            print_message(out, data, args.kind.raw).with_context(|| args.addr.to_string())?;
        }
        if args.once {
            return Ok(());
        }
    }
}

/// A datagram sender's address as messages show it.
fn sender_name(addr: &nix::sys::socket::UnixAddr) -> String {
    addr.as_abstract()
        .map(|name| format!("@{}", String::from_utf8_lossy(name)))
        .or_else(|| addr.path().map(|p| p.display().to_string()))
        .unwrap_or_else(|| "an unbound socket".to_string())
}

/// Replies that could not go, per client: reported once per run of failures (one stderr
/// line with the count, when a reply goes again, the reason changes, every REPORT_EVERY
/// while it lasts, or when the server ends), never a line per datagram.
#[derive(Default)]
struct Failed {
    runs: std::collections::HashMap<String, Run>,
    /// When runs were last looked over for ones to report: a client that stopped sending
    /// (it exited) is reported within REPORT_EVERY, and its run does not stay for ever.
    swept: Option<std::time::Instant>,
}

struct Run {
    /// None: no room (the client's queue, or the server's send buffer, is full).
    why: Option<Errno>,
    count: u64,
    since: std::time::Instant,
}

const REPORT_EVERY: Duration = Duration::from_secs(10);

impl Failed {
    fn add(&mut self, addr: &Addr, peer: String, why: Option<Errno>) {
        self.sweep(addr);
        if let Some(run) = self.runs.get_mut(&peer) {
            if run.why == why && run.since.elapsed() < REPORT_EVERY {
                run.count = run.count.saturating_add(1);
                return;
            }
        }
        if let Some(run) = self.runs.remove(&peer) {
            report(addr, &peer, &run);
        }
        self.runs.insert(
            peer,
            Run {
                why,
                count: 1,
                since: std::time::Instant::now(),
            },
        );
    }

    fn sent(&mut self, addr: &Addr, peer: &str) {
        if self.runs.is_empty() {
            return;
        }
        if let Some(run) = self.runs.remove(peer) {
            report(addr, peer, &run);
        }
        self.sweep(addr);
    }

    /// Reports and forgets the runs that have lasted REPORT_EVERY, looking at most once a
    /// second.
    fn sweep(&mut self, addr: &Addr) {
        if self
            .swept
            .is_some_and(|at| at.elapsed() < Duration::from_secs(1))
        {
            return;
        }
        self.swept = Some(std::time::Instant::now());
        let old: Vec<String> = self
            .runs
            .iter()
            .filter(|(_, run)| run.since.elapsed() >= REPORT_EVERY)
            .map(|(peer, _)| peer.clone())
            .collect();
        for peer in old {
            if let Some(run) = self.runs.remove(&peer) {
                report(addr, &peer, &run);
            }
        }
    }

    fn report_all(&mut self, addr: &Addr) {
        let mut runs: Vec<(String, Run)> = self.runs.drain().collect();
        runs.sort_by_key(|(_, run)| run.since);
        for (peer, run) in &runs {
            report(addr, peer, run);
        }
    }
}

fn report(addr: &Addr, peer: &str, run: &Run) {
    let why = match run.why {
        // EAGAIN cannot tell which: an unconnected client's full queue, or the server's
        // send buffer, which replies to connected clients fill until they read them.
        None => "no room (it is not reading its replies, or the server's send buffer is full)"
            .to_string(),
        Some(errno) => errno_text(errno),
    };
    let count = match run.count {
        1 => "1 reply".to_string(),
        n => format!("{n} replies"),
    };
    say(&format!(
        "{addr}: replying to {peer}: {why}: {count} dropped"
    ));
}
