//! `ipcx sock`: serve, connect, and the socketpair demo.
//!
//! This file holds the dispatch, the demo (`sock pair`) and what server, client and demo
//! share: writing a received message, sending one, and the errors of both. `serve` is the
//! server (connections and datagrams), `connect` the client.

mod connect;
mod serve;

use std::io;
use std::os::fd::{AsFd, OwnedFd, RawFd};

use anyhow::{anyhow, Context, Result};
use nix::errno::Errno;

use crate::cli::sock::{SockArgs, SockCommand, SockPairArgs, TypeArgs};
use crate::core::process::{self, Forked, Shells};
use crate::core::sock::{self, Kind};
use crate::core::status::{usage, Fail};
use crate::core::stream::{self, peer_gone, End};
use crate::core::{errno_text, interrupts};

use connect::connect;
use serve::serve;

pub fn run(args: SockArgs) -> Result<()> {
    match args.command {
        SockCommand::Serve(args) => serve(args),
        SockCommand::Connect(args) => connect(args),
        SockCommand::Pair(args) if !args.commands.is_empty() => pair_commands(&args),
        SockCommand::Pair(args) if args.dgram || args.seqpacket => Err(usage(
            "--dgram and --seqpacket choose the pair between two commands (-c A -c B)",
        )),
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

/// Sends one message; `rights` (descriptors still to pass, SCM_RIGHTS) go with it, and
/// are then empty.
fn send_one_with(fd: &OwnedFd, data: &[u8], rights: &mut Vec<RawFd>) -> Result<()> {
    if rights.is_empty() {
        return send_one(fd, data);
    }
    loop {
        match sock::send_with_fds(fd, data, rights) {
            Ok(_) => {
                rights.clear();
                return Ok(());
            }
            Err(Errno::EINTR) => stream::interrupted()?,
            Err(errno) => return Err(send_error(fd, data.len(), errno)),
        }
    }
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

/// `sock pair -c A -c B`: one socketpair, each command with its end as stdin and stdout.
fn pair_commands(args: &SockPairArgs) -> Result<()> {
    let [a, b] = args.commands.as_slice() else {
        return Err(usage(format!(
            "a socketpair joins two commands: give -c twice (got {})",
            args.commands.len()
        )));
    };
    let kind = if args.dgram {
        Kind::Dgram
    } else if args.seqpacket {
        Kind::Seqpacket
    } else {
        Kind::Stream
    };
    interrupts::catch_interrupts().context("installing signal handlers")?;
    let (one, other) = sock::pair(kind).map_err(|e| anyhow!("socketpair: {}", errno_text(e)))?;
    let mut shells = Shells::new();
    for (text, end) in [(a, one), (b, other)] {
        let input = match end.try_clone() {
            Ok(input) => input,
            Err(err) => {
                shells.stop(anyhow::Error::new(err).context("duplicating the socket"));
                break;
            }
        };
        if !shells.start(text, Some(input), Some(end)) {
            break;
        }
    }
    shells.finish()
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
            Err(Errno::EINTR) => interrupts::check()?,
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
