//! `ipcx sock`: serve, connect, and the socketpair demo.

use std::io;
use std::os::fd::{AsFd, OwnedFd};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use anyhow::{anyhow, Context, Result};
use nix::errno::Errno;
use nix::unistd::Pid;

use crate::cli::sock::{SockArgs, SockCommand, SockConnectArgs, SockServeArgs, TypeArgs};
use crate::core::process::{self, Forked};
use crate::core::sock::{self, Addr, Kind, Listener};
use crate::core::status::{not_now, say, usage, Fail};
use crate::core::stream::{self, End};
use crate::core::timer::{self, Deadline};
use crate::core::{errno_text, signals};

pub fn run(args: SockArgs) -> Result<()> {
    match args.command {
        SockCommand::Serve(args) => serve(args),
        SockCommand::Connect(args) => connect(args),
        SockCommand::Pair(_) => pair(),
    }
}

fn kind_of(args: &TypeArgs) -> Kind {
    if args.dgram {
        Kind::Dgram
    } else if args.seqpacket {
        Kind::Seqpacket
    } else {
        Kind::Stream
    }
}

fn serve(args: SockServeArgs) -> Result<()> {
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
    signals::catch_interrupts().context("installing signal handlers")?;
    // The listener removes its socket file when dropped: on every way out of here,
    // including a caught signal, which comes back as Fail::Signal.
    let listener = sock::listen(&args.addr, kind, args.mode)?;
    if kind == Kind::Dgram {
        return serve_datagrams(&listener, &args);
    }
    if !args.echo && args.command.is_empty() {
        let conn = accept(&listener, &args)?;
        return relay(conn, kind, args.kind.raw).with_context(|| args.addr.to_string());
    }
    let mut children: Vec<Child> = Vec::new();
    let served = serve_connections(&listener, &args, kind, &mut children);
    // However serving ended, no command outlives the server: after an interrupt the ones
    // still running get it too, and all are waited for.
    if !children.is_empty() {
        let pids: Vec<Pid> = children.iter().map(pid_of).collect();
        process::pass_on_interrupt(&pids, None);
        process::wait_all(&pids)?;
    }
    served
}

fn pid_of(child: &Child) -> Pid {
    Pid::from_raw(i32::try_from(child.id()).unwrap_or(i32::MAX))
}

/// Accepts connections and serves each, with --echo or a command per connection (which
/// `children` holds while it runs).
fn serve_connections(
    listener: &Listener,
    args: &SockServeArgs,
    kind: Kind,
    children: &mut Vec<Child>,
) -> Result<()> {
    loop {
        let conn = accept(listener, args)?;
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
        match run_command(&args.command, conn) {
            Ok(child) if args.once => {
                let ended = process::wait_all(&[pid_of(&child)])?;
                signals::check()?;
                return match ended.first().map(|e| e.status()).unwrap_or(0) {
                    0 => Ok(()),
                    code => Err(Fail::Exit(u8::try_from(code).unwrap_or(255)).into()),
                };
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

/// Accepts the next connection, logging the peer with --creds.
fn accept(listener: &Listener, args: &SockServeArgs) -> Result<OwnedFd> {
    let conn = loop {
        match sock::accept(listener) {
            Ok(conn) => break conn,
            Err(Errno::EINTR) => signals::check()?,
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

/// Starts CMD with the connection as its stdin and stdout and the peer in its environment.
/// A command that cannot start gives the shell's status: 126, or 127 when not found.
fn run_command(command: &[String], conn: OwnedFd) -> Result<Child, (anyhow::Error, u8)> {
    let (program, rest) = command
        .split_first()
        .ok_or_else(|| (anyhow!("no command"), 127))?;
    let (pid, uid, gid) = sock::peer(&conn).unwrap_or((0, u32::MAX, u32::MAX));
    let output = conn
        .try_clone()
        .map_err(|e| (anyhow!("duplicating the connection: {e}"), 126))?;
    Command::new(program)
        .args(rest)
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
                signals::check()?;
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
                signals::check()?;
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
                            Err(Errno::EINTR) => signals::check()?,
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
        None => "no room (it is not reading its replies)".to_string(),
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

/// Writes one message: exactly with `raw`, else followed by a newline.
fn print_message(out: End<'_>, data: &[u8], raw: bool) -> Result<()> {
    if raw {
        return stream::write_all(out, data);
    }
    let mut line = Vec::with_capacity(data.len().saturating_add(1));
    line.extend_from_slice(data);
    line.push(b'\n');
    stream::write_all(out, &line)
}

/// stdin → the connection and the connection → stdout. At the end of stdin the write side
/// is shut down; the reply is read until the peer closes, and then we are done even if
/// stdin is still open.
fn relay(conn: OwnedFd, kind: Kind, raw: bool) -> Result<()> {
    if kind == Kind::Stream {
        stream::widen(io::stdin().as_fd());
        stream::widen(io::stdout().as_fd());
    }
    let writer = conn.try_clone().context("duplicating the connection")?;
    // The sender holds `done_tx`; when it finishes, `done_rx` reaches its end.
    let (done_rx, done_tx) = stream::make_pipe(None, false)?;
    let sender = process::spawn_wakeable(move || -> Result<()> {
        let _done = done_tx;
        let stdin = io::stdin();
        let src = End::new(stdin.as_fd(), "stdin");
        let result = if kind == Kind::Stream {
            stream::copy(src, End::new(writer.as_fd(), "the connection"), &mut |_| {}).map(drop)
        } else {
            send_messages(&writer, src, raw)
        };
        // Whatever happened to stdin, the peer learns that nothing more comes.
        let _ = sock::shutdown_write(&writer);
        result
    });
    let peer_closed = match receive(&conn, kind, raw, &done_rx) {
        Ok(peer_closed) => peer_closed,
        Err(err) => {
            // An interrupt: the sender may hold input it read and has not sent. Woken, it
            // gives it back to stdin, or its error says how much was lost.
            if err.downcast_ref::<Fail>().and_then(Fail::signal).is_some() {
                if let Some(Err(sent)) = sender.interrupt(Duration::from_secs(1)) {
                    if matches!(sent.downcast_ref::<Fail>(), Some(Fail::Lost { .. })) {
                        return Err(sent);
                    }
                }
            }
            return Err(err);
        }
    };
    if !peer_closed || sender.is_finished() {
        if let Ok(Err(err)) = sender.join() {
            if !peer_gone(&err) {
                return Err(err);
            }
        }
    }
    Ok(())
}

/// The connection → stdout, until the peer sends nothing more; then whether it closed
/// entirely (true) or only its write side, still reading what the sender sends (false).
fn receive(conn: &OwnedFd, kind: Kind, raw: bool, sender_done: &OwnedFd) -> Result<bool> {
    let stdout = io::stdout();
    let out = End::new(stdout.as_fd(), "stdout");
    if kind == Kind::Stream {
        stream::copy(End::new(conn.as_fd(), "the connection"), out, &mut |_| {})?;
    } else {
        let mut buf = vec![0u8; sock::message_buffer()];
        loop {
            let n = match sock::recv(conn, &mut buf) {
                Ok(0) => break,
                Ok(n) => n,
                Err(Errno::EINTR) => {
                    signals::check()?;
                    continue;
                }
                Err(Errno::ECONNRESET) => break,
                Err(errno) => return Err(anyhow!("receiving: {}", errno_text(errno))),
            };
            print_message(out, truncated(&buf, n)?, raw)?;
        }
    }
    // The peer sends nothing more. It may still be reading (a half-close): then our stdin
    // goes on to it until its end. If it closed entirely, we are done at once, even with
    // stdin still open.
    stream::wait_hangup_or(conn.as_fd(), sender_done.as_fd())
}

/// The received part of a message, or an error when it did not fit.
fn truncated(buf: &[u8], n: usize) -> Result<&[u8]> {
    if n > buf.len() {
        return Err(anyhow!(
            "a message of {n} bytes was larger than the {} byte buffer and was cut",
            buf.len()
        ));
    }
    Ok(buf.get(..n).unwrap_or_default())
}

/// Whether an error only says that the other side went away.
fn peer_gone(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause.downcast_ref::<io::Error>().is_some_and(|e| {
            matches!(
                e.kind(),
                io::ErrorKind::BrokenPipe | io::ErrorKind::ConnectionReset
            )
        })
    })
}

/// Adds `input` to `pending` and, unless `raw`, sends each complete line in it as one
/// message (newline dropped), keeping the unfinished last line for the next call.
fn send_lines(fd: &OwnedFd, pending: &mut Vec<u8>, input: &[u8], raw: bool) -> Result<()> {
    // What was pending is an unfinished line: only the new input needs searching.
    let mut from = pending.len();
    pending.extend_from_slice(input);
    if raw {
        return Ok(());
    }
    let mut start = 0;
    let result = loop {
        let Some(offset) = pending
            .get(from..)
            .and_then(|rest| memchr::memchr(b'\n', rest))
        else {
            break Ok(());
        };
        let end = from.saturating_add(offset);
        if let Err(err) = send_one(fd, pending.get(start..end).unwrap_or_default()) {
            break Err(err);
        }
        start = end.saturating_add(1);
        from = start;
    };
    // What was sent goes; what was not (the message under way too) stays pending.
    pending.drain(..start);
    result
}

/// At the end of input: what is left is the last message (all of it with `raw`, even
/// when empty).
fn send_rest(fd: &OwnedFd, pending: &[u8], raw: bool) -> Result<()> {
    if !pending.is_empty() || raw {
        send_one(fd, pending)?;
    }
    Ok(())
}

/// Sends stdin as messages: one per line (newline dropped), or all of it as one (`raw`).
/// Input read and not sent when a send fails (an interrupt, above all) goes back to stdin,
/// or the error says how much was lost, as for a stream (`stream::give_back`).
fn send_messages(fd: &OwnedFd, src: End<'_>, raw: bool) -> Result<()> {
    let mut pending: Vec<u8> = Vec::new();
    let mut chunk = vec![0u8; 64 << 10];
    let sent = (|| {
        loop {
            let n = stream::read_some(src, &mut chunk)?;
            if n == 0 {
                break;
            }
            send_lines(fd, &mut pending, chunk.get(..n).unwrap_or_default(), raw)?;
        }
        send_rest(fd, &pending, raw)
    })();
    sent.map_err(|err| stream::give_back(src, pending.len(), err))
}

fn send_one(fd: &OwnedFd, data: &[u8]) -> Result<()> {
    loop {
        match sock::send(fd, data) {
            Ok(_) => return Ok(()),
            Err(Errno::EINTR) => stream::interrupted()?,
            Err(errno) => return Err(send_error(fd, data.len(), errno)),
        }
    }
}

/// A failed send in the user's words.
fn send_error(fd: &OwnedFd, len: usize, errno: Errno) -> anyhow::Error {
    match errno {
        Errno::EMSGSIZE => {
            let limit =
                sock::send_buffer(fd).map_or_else(|| "unknown".to_string(), |n| n.to_string());
            anyhow!(
                "message of {len} bytes exceeds the socket's send buffer (SO_SNDBUF {limit}; /proc/sys/net/core/wmem_max)"
            )
        }
        Errno::EPIPE | Errno::ECONNRESET => {
            anyhow::Error::new(io::Error::from_raw_os_error(errno as i32)).context("sending")
        }
        errno => anyhow!("sending: {}", errno_text(errno)),
    }
}

fn connect(args: SockConnectArgs) -> Result<()> {
    let kind = kind_of(&args.kind);
    if args.kind.raw && kind == Kind::Stream {
        return Err(usage(
            "--raw is for --dgram and --seqpacket (a stream is always raw)",
        ));
    }
    signals::catch_interrupts().context("installing signal handlers")?;
    let conn = open_connection(&args.addr, kind, args.timeout)?;
    // Whatever goes wrong from here on happens on this connection: the error names it.
    let named = || args.addr.to_string();
    if kind == Kind::Dgram {
        let quiet = args.timeout.unwrap_or(REPLY_WAIT);
        return datagram_client(&conn, args.kind.raw, quiet).with_context(named);
    }
    relay(conn, kind, args.kind.raw).with_context(named)
}

/// Connects; with a timeout, waits for a server that is not there yet (or refuses, or
/// has a full backlog) until the deadline.
fn open_connection(addr: &Addr, kind: Kind, timeout: Option<Duration>) -> Result<OwnedFd> {
    let deadline = timeout.map(Deadline::arm).transpose().context("timer")?;
    let late = |deadline: &Deadline| {
        not_now(format!(
            "no server accepted on {addr} within {}",
            deadline.text()
        ))
    };
    loop {
        match sock::connect(addr, kind) {
            Ok(conn) => return Ok(conn),
            Err(Errno::EINTR | Errno::EAGAIN) => {
                signals::check()?;
                if let (true, Some(deadline)) = (timer::expired(), deadline.as_ref()) {
                    return Err(late(deadline));
                }
            }
            Err(Errno::ENOENT | Errno::ECONNREFUSED) if deadline.is_some() => {
                if let (true, Some(deadline)) = (timer::expired(), deadline.as_ref()) {
                    return Err(late(deadline));
                }
                // The server is not there yet: look again shortly.
                std::thread::sleep(Duration::from_millis(10));
                signals::check()?;
            }
            Err(errno) => return Err(anyhow!("{addr}: {}", errno_text(errno))),
        }
    }
}

/// How long a datagram client waits for more replies after its input ended, when fewer
/// have come than it sent and no --timeout says otherwise.
pub const REPLY_WAIT: Duration = Duration::from_millis(500);

/// Datagrams: each line of stdin (or all of it, --raw) is one datagram; replies are
/// printed as they come. Sending never waits without also taking in replies (a server that
/// is itself blocked sending to us would never read again); after the end of stdin the
/// client waits for as many replies as it sent datagrams, until `quiet` passes without one.
fn datagram_client(conn: &OwnedFd, raw: bool, quiet: Duration) -> Result<()> {
    let stdin = io::stdin();
    let stdout = io::stdout();
    let src = End::new(stdin.as_fd(), "stdin");
    let out = End::new(stdout.as_fd(), "stdout");
    let mut pending: Vec<u8> = Vec::new();
    let mut chunk = vec![0u8; 64 << 10];
    let mut reply = vec![0u8; sock::message_buffer()];
    let mut sent: u64 = 0;
    let mut received: u64 = 0;
    let mut take_replies = |received: &mut u64| -> Result<()> {
        while let Some(n) =
            sock::recv_now(conn, &mut reply).map_err(|e| anyhow!("receiving: {}", errno_text(e)))?
        {
            print_message(out, truncated(&reply, n)?, raw)?;
            *received = received.saturating_add(1);
        }
        Ok(())
    };
    let sending = (|| -> Result<()> {
        let mut at_end = false;
        loop {
            let blocked = !send_ready(conn, &mut pending, raw, at_end, &mut sent)?;
            if at_end && !blocked {
                return Ok(());
            }
            // More input is read only while what was read has gone out.
            let input = (!at_end && !blocked).then(|| stdin.as_fd());
            let ready = sock::wait(input, conn, blocked, None)?;
            if ready.readable {
                take_replies(&mut received)?;
            }
            if ready.input {
                let n = stream::read_some(src, &mut chunk)?;
                if n == 0 {
                    at_end = true;
                } else {
                    pending.extend_from_slice(chunk.get(..n).unwrap_or_default());
                }
            }
        }
    })();
    sending.map_err(|err| stream::give_back(src, pending.len(), err))?;
    while received < sent {
        let ready = sock::wait(None, conn, false, Some(quiet))?;
        if !ready.readable {
            break;
        }
        take_replies(&mut received)?;
    }
    Ok(())
}

/// Sends the complete lines in `pending` (at the end of input, the rest too: all of it
/// with `raw`, even when empty) as datagrams, without blocking, and drops what was sent;
/// false when one did not fit now (it stays pending).
fn send_ready(
    fd: &OwnedFd,
    pending: &mut Vec<u8>,
    raw: bool,
    at_end: bool,
    sent: &mut u64,
) -> Result<bool> {
    let mut start = 0;
    let result = loop {
        let rest = pending.get(start..).unwrap_or_default();
        let (message, next) = match memchr::memchr(b'\n', rest) {
            Some(offset) if !raw => (rest.get(..offset).unwrap_or_default(), offset + 1),
            _ if at_end && (raw || !rest.is_empty()) => (rest, rest.len()),
            _ => break Ok(true),
        };
        match send_one_now(fd, message) {
            Ok(true) => {
                *sent = sent.saturating_add(1);
                start = start.saturating_add(next);
                if at_end && (raw || start >= pending.len()) {
                    // The last message (for --raw, the only one) has gone.
                    pending.clear();
                    return Ok(true);
                }
            }
            Ok(false) => break Ok(false),
            Err(err) => break Err(err),
        }
    };
    pending.drain(..start.min(pending.len()));
    result
}

/// Sends one message without blocking: false when there is no room for it now.
fn send_one_now(fd: &OwnedFd, data: &[u8]) -> Result<bool> {
    match sock::send_now(fd, data) {
        Ok(sent) => Ok(sent),
        Err(errno) => Err(send_error(fd, data.len(), errno)),
    }
}

/// The socketpair demo: the parent sends one message, the forked child prints it and
/// answers, the parent prints the answer.
fn pair() -> Result<()> {
    let (parent_end, child_end) =
        sock::pair(Kind::Seqpacket).map_err(|e| anyhow!("socketpair: {}", errno_text(e)))?;
    let stdout = io::stdout();
    let out = End::new(stdout.as_fd(), "stdout");
    match process::fork_process()? {
        Forked::Child => {
            drop(parent_end);
            let result = exchange(&child_end, out, None, "child", b"hello from the child");
            process::exit_child(i32::from(crate::core::status::status_of(result)))
        }
        Forked::Parent(child) => {
            drop(child_end);
            let result = exchange(
                &parent_end,
                out,
                Some(b"hello from the parent"),
                "parent",
                b"",
            );
            let ended = process::wait_all(&[child])?;
            result?;
            match ended.first().map(|e| e.status()) {
                Some(0) | None => Ok(()),
                Some(code) => Err(Fail::Exit(u8::try_from(code).unwrap_or(1)).into()),
            }
        }
    }
}

/// One side of the pair: send `first` if given, receive and print one message, then
/// send `answer` if not empty.
fn exchange(
    fd: &OwnedFd,
    out: End<'_>,
    first: Option<&[u8]>,
    who: &str,
    answer: &[u8],
) -> Result<()> {
    if let Some(first) = first {
        send_one(fd, first)?;
    }
    let mut buf = vec![0u8; 4096];
    let n = loop {
        match sock::recv(fd, &mut buf) {
            Ok(n) => break n,
            Err(Errno::EINTR) => signals::check()?,
            Err(errno) => return Err(anyhow!("receiving: {}", errno_text(errno))),
        }
    };
    let mut line = format!("{who} received: ").into_bytes();
    line.extend_from_slice(truncated(&buf, n)?);
    line.push(b'\n');
    stream::write_all(out, &line)?;
    if !answer.is_empty() {
        send_one(fd, answer)?;
    }
    Ok(())
}
