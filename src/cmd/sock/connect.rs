//! `ipcx sock connect`: relays stdin to a server and its replies to stdout, as a stream or
//! as messages (one per line, or all of stdin with --raw), and the datagram client.

use std::io;
use std::os::fd::{AsFd, OwnedFd, RawFd};
use std::time::Duration;

use anyhow::{anyhow, Context, Result};
use nix::errno::Errno;

use super::{kind_of, peer_gone, print_message, send_error, send_one_with, truncated};
use crate::cli::sock::SockConnectArgs;
use crate::core::alarm::{self, Deadline};
use crate::core::process;
use crate::core::sock::{self, Addr, Kind};
use crate::core::status::{not_now, say, usage};
use crate::core::stream::{self, End};
use crate::core::{errno_text, interrupts};

pub(super) fn connect(args: SockConnectArgs) -> Result<()> {
    let kind = kind_of(&args.kind);
    if args.kind.raw && kind == Kind::Stream {
        return Err(usage(
            "--raw is for --dgram and --seqpacket (a stream is always raw)",
        ));
    }
    // The count first: a list past the limit is refused without a call per descriptor.
    if args.send_fds.len() > sock::MAX_FDS {
        return Err(usage(format!(
            "--send-fd: {} descriptors, more than one message carries ({}, SCM_MAX_FD)",
            args.send_fds.len(),
            sock::MAX_FDS
        )));
    }
    if let Some(fd) = args.send_fds.iter().find(|fd| !sock::is_open(**fd)) {
        return Err(usage(format!(
            "--send-fd {fd}: descriptor {fd} is not open"
        )));
    }
    interrupts::catch_interrupts().context("installing signal handlers")?;
    let conn = open_connection(&args.addr, kind, args.timeout)?;
    if args.creds {
        match sock::peer(&conn) {
            Ok((pid, uid, gid)) => say(&format!(
                "{}: server pid {pid} uid {uid} gid {gid}",
                args.addr
            )),
            Err(errno) => say(&format!(
                "{}: server credentials: {}",
                args.addr,
                errno_text(errno)
            )),
        }
    }
    // Whatever goes wrong from here on happens on this connection: the error names it.
    let named = || args.addr.to_string();
    let rights = args.send_fds.clone();
    if kind == Kind::Dgram {
        let quiet = args.timeout.unwrap_or(REPLY_WAIT);
        return datagram_client(&conn, args.kind.raw, quiet, rights).with_context(named);
    }
    relay(conn, kind, args.kind.raw, rights).with_context(named)
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
                interrupts::check()?;
                if let (true, Some(deadline)) = (alarm::expired(), deadline.as_ref()) {
                    return Err(late(deadline));
                }
            }
            Err(Errno::ENOENT | Errno::ECONNREFUSED) if deadline.is_some() => {
                if let (true, Some(deadline)) = (alarm::expired(), deadline.as_ref()) {
                    return Err(late(deadline));
                }
                // The server is not there yet: look again shortly.
                std::thread::sleep(Duration::from_millis(10));
                interrupts::check()?;
            }
            Err(errno) => return Err(anyhow!("{addr}: {}", errno_text(errno))),
        }
    }
}

/// stdin → the connection and the connection → stdout. At the end of stdin the write side
/// is shut down; the reply is read until the peer closes, and then we are done even if
/// stdin is still open. `rights` (descriptors to pass) go with the first data.
pub(super) fn relay(conn: OwnedFd, kind: Kind, raw: bool, rights: Vec<RawFd>) -> Result<()> {
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
            send_first_with(&writer, src, rights).and_then(|_| {
                stream::copy(src, End::new(writer.as_fd(), "the connection"), &mut |_| {}).map(drop)
            })
        } else {
            send_messages(&writer, src, raw, rights)
        };
        // Whatever happened to stdin, the peer learns that nothing more comes.
        let _ = sock::shutdown_write(&writer);
        result
    });
    let peer_closed = match receive(&conn, kind, raw, &done_rx) {
        Ok(peer_closed) => peer_closed,
        // An interrupt: the sender may hold input it read and has not sent. Woken, it
        // gives it back to stdin, or its error says how much was lost.
        Err(err) => return Err(sender.outcome_after(err)),
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

/// The descriptors of --send-fd travel with data, and stdin had none.
fn no_data_for_rights() -> anyhow::Error {
    anyhow!("stdin was empty: the descriptors of --send-fd travel only with data")
}

/// On a stream, the first chunk of stdin carries `rights` (a stream cannot carry
/// descriptors without data); what the kernel did not take of it follows as plain data.
fn send_first_with(conn: &OwnedFd, src: End<'_>, rights: Vec<RawFd>) -> Result<()> {
    if rights.is_empty() {
        return Ok(());
    }
    let mut chunk = vec![0u8; 64 << 10];
    let n = stream::read_some(src, &mut chunk)?;
    if n == 0 {
        return Err(no_data_for_rights());
    }
    let data = chunk.get(..n).unwrap_or_default();
    let sent = loop {
        match sock::send_with_fds(conn, data, &rights) {
            Ok(sent) => break sent,
            Err(Errno::EINTR) => {
                if let Err(err) = stream::interrupted() {
                    return Err(stream::give_back(src, n, err));
                }
            }
            Err(errno) => return Err(send_error(conn, n, errno)),
        }
    };
    let rest = data.get(sent..).unwrap_or_default();
    stream::write_all(End::new(conn.as_fd(), "the connection"), rest)
        .map_err(|err| stream::give_back(src, rest.len(), err))
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
                    interrupts::check()?;
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

/// Adds `input` to `pending` and, unless `raw`, sends each complete line in it as one
/// message (newline dropped), keeping the unfinished last line for the next call.
fn send_lines(
    fd: &OwnedFd,
    pending: &mut Vec<u8>,
    input: &[u8],
    raw: bool,
    rights: &mut Vec<RawFd>,
) -> Result<()> {
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
        if let Err(err) = send_one_with(fd, pending.get(start..end).unwrap_or_default(), rights) {
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
fn send_rest(fd: &OwnedFd, pending: &[u8], raw: bool, rights: &mut Vec<RawFd>) -> Result<()> {
    if !pending.is_empty() || raw {
        send_one_with(fd, pending, rights)?;
    }
    if !rights.is_empty() {
        return Err(no_data_for_rights());
    }
    Ok(())
}

/// Sends stdin as messages: one per line (newline dropped), or all of it as one (`raw`).
/// Input read and not sent when a send fails (an interrupt, above all) goes back to stdin,
/// or the error says how much was lost, as for a stream (`stream::give_back`).
fn send_messages(fd: &OwnedFd, src: End<'_>, raw: bool, mut rights: Vec<RawFd>) -> Result<()> {
    let mut pending: Vec<u8> = Vec::new();
    let mut chunk = vec![0u8; 64 << 10];
    let sent = (|| {
        loop {
            let n = stream::read_some(src, &mut chunk)?;
            if n == 0 {
                break;
            }
            send_lines(
                fd,
                &mut pending,
                chunk.get(..n).unwrap_or_default(),
                raw,
                &mut rights,
            )?;
        }
        send_rest(fd, &pending, raw, &mut rights)
    })();
    sent.map_err(|err| stream::give_back(src, pending.len(), err))
}

/// How long a datagram client waits for more replies after its input ended, when fewer
/// have come than it sent and no --timeout says otherwise.
pub const REPLY_WAIT: Duration = Duration::from_millis(500);

/// Datagrams: each line of stdin (or all of it, --raw) is one datagram; replies are
/// printed as they come. Sending never waits without also taking in replies (a server that
/// is itself blocked sending to us would never read again); after the end of stdin the
/// client waits for as many replies as it sent datagrams, until `quiet` passes without one.
fn datagram_client(
    conn: &OwnedFd,
    raw: bool,
    quiet: Duration,
    mut rights: Vec<RawFd>,
) -> Result<()> {
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
            let blocked = !send_ready(conn, &mut pending, raw, at_end, &mut sent, &mut rights)?;
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
    if !rights.is_empty() {
        return Err(no_data_for_rights());
    }
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
    rights: &mut Vec<RawFd>,
) -> Result<bool> {
    let mut start = 0;
    let result = loop {
        let rest = pending.get(start..).unwrap_or_default();
        let (message, next) = match memchr::memchr(b'\n', rest) {
            Some(offset) if !raw => (rest.get(..offset).unwrap_or_default(), offset + 1),
            _ if at_end && (raw || !rest.is_empty()) => (rest, rest.len()),
            _ => break Ok(true),
        };
        match send_one_now(fd, message, rights) {
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

/// Sends one message without blocking: false when there is no room for it now. The first
/// one, carrying `rights`, may wait for room.
fn send_one_now(fd: &OwnedFd, data: &[u8], rights: &mut Vec<RawFd>) -> Result<bool> {
    if !rights.is_empty() {
        send_one_with(fd, data, rights)?;
        return Ok(true);
    }
    match sock::send_now(fd, data) {
        Ok(sent) => Ok(sent),
        Err(errno) => Err(send_error(fd, data.len(), errno)),
    }
}
