//! `ipcx sock serve|connect|pair` as clap definitions: the address (a path or @NAME), the
//! socket type, and each subcommand's options.

use std::time::Duration;

use clap::builder::TypedValueParser;
use clap::{ArgGroup, Args, Subcommand};

use crate::core::sock::Addr;

/// Unix domain sockets: serve, connect, and the socketpair demo.
///
/// ADDR is a path, or @NAME for the abstract namespace (no file).
#[derive(Debug, Args)]
#[command(after_help = "Examples:
  ipcx sock serve /tmp/echo.sock --echo &
  echo hello | ipcx sock connect /tmp/echo.sock      # prints hello
  ipcx sock serve @svc -- sh -c 'echo \"hi $IPCX_PEER_UID\"'
  ipcx sock serve /tmp/in.sock > received.bin        # like nc -lU: one client
  ipcx sock pair")]
pub struct SockArgs {
    #[command(subcommand)]
    pub command: SockCommand,
}

#[derive(Debug, Subcommand)]
pub enum SockCommand {
    Serve(SockServeArgs),
    Connect(SockConnectArgs),
    Pair(SockPairArgs),
}

/// The socket type options shared by serve and connect.
#[derive(Debug, Args)]
#[command(group(ArgGroup::new("type").args(["dgram", "seqpacket"])))]
pub struct TypeArgs {
    /// Datagram socket (SOCK_DGRAM): one message per line, or per --raw.
    #[arg(long)]
    pub dgram: bool,
    /// Sequenced-packet socket (SOCK_SEQPACKET): connected, with message boundaries.
    #[arg(long)]
    pub seqpacket: bool,
    /// With --dgram/--seqpacket: send all of stdin as one message, and print messages
    /// exactly, with nothing added (instead of one message per line).
    #[arg(long)]
    pub raw: bool,
}

/// Listen on ADDR: echo, run a command per connection, or relay stdin/stdout with the
/// first client.
///
/// A stale socket file (nobody listening) is replaced; a live socket, one this user may not
/// connect to, or a path that is not a socket is refused (status 1) and left alone. The socket file is removed when the server
/// ends, also on SIGINT, SIGTERM and SIGHUP, if it is still the one this server made.
/// With `-- CMD ARGS`, CMD runs per connection with the socket as stdin and stdout and
/// IPCX_PEER_PID, IPCX_PEER_UID, IPCX_PEER_GID set from SO_PEERCRED; connections are served
/// concurrently. With --dgram, each datagram is printed (or echoed to its sender). A reply
/// never blocks the server: one a client has no room for (it is not reading its replies,
/// or the server's send buffer is full) is dropped, and stderr says so once per run of
/// drops, with the count.
#[derive(Debug, Args)]
#[command(after_help = "Examples:
  ipcx sock serve /tmp/echo.sock --echo
  ipcx sock serve @svc --once -- cat /etc/motd
  ipcx sock serve /run/app.sock -m 660 --creds -- ./handler
  ipcx sock serve /tmp/log.sock --dgram            # prints each datagram on a line")]
pub struct SockServeArgs {
    /// The socket: a path, or @NAME in the abstract namespace (no file).
    #[arg(value_parser = addr())]
    pub addr: Addr,
    #[command(flatten)]
    pub kind: TypeArgs,
    /// Send back whatever each client sends.
    #[arg(long)]
    pub echo: bool,
    /// Serve one client (or, with --dgram, one datagram) and end.
    #[arg(long)]
    pub once: bool,
    /// The socket file's permission mode, in octal.
    #[arg(short, long, value_name = "MODE", default_value = "600", value_parser = crate::core::parse::mode)]
    pub mode: u32,
    /// Log each peer's pid, uid and gid on stderr.
    #[arg(long)]
    pub creds: bool,
    /// Give CMD the descriptors the client sends with its first data (SCM_RIGHTS), as its
    /// descriptors 3, 4, … with IPCX_FDS naming them ("3 4"). CMD starts once that first
    /// data has come, and reads all of it: the descriptors are only peeked with it.
    /// Meanwhile other connections are accepted and served.
    #[arg(long, requires = "command")]
    pub recv_fds: bool,
    /// The command to run per connection, with its arguments.
    #[arg(last = true, value_name = "CMD", conflicts_with = "echo")]
    pub command: Vec<String>,
}

/// Connect to ADDR: stdin to the socket, the socket to stdout.
///
/// At the end of stdin the write side is shut down and the reply is read until the server
/// closes. With --dgram, each line of stdin is one datagram and replies are printed one per
/// line as they come; after the end of stdin the client waits until as many replies as it
/// sent datagrams have come, or 500ms (--timeout) pass without one. Status 0 either way: a
/// datagram server need not answer.
///
/// With --send-fd N: this process's open descriptor N goes to the server (SCM_RIGHTS) with
/// the first data sent, the first chunk of stdin on a stream (a stream cannot carry them
/// without data, so an empty stdin is an error), the first message otherwise.
#[derive(Debug, Args)]
#[command(after_help = "Examples:
  echo hello | ipcx sock connect /tmp/echo.sock
  ipcx sock connect @svc --timeout 5s < request > reply
  printf 'one\\ntwo\\n' | ipcx sock connect /tmp/log.sock --dgram --timeout 0
  seq 10 | ipcx sock connect /tmp/echo-dgram.sock --dgram   # prints the 10 replies
  echo hi | ipcx sock connect /tmp/fd.sock --send-fd 3 3< /etc/hostname
  ipcx sock serve /tmp/fd.sock --recv-fds -- sh -c 'cat; cat <&3'")]
pub struct SockConnectArgs {
    /// The socket: a path, or @NAME in the abstract namespace (no file).
    #[arg(value_parser = addr())]
    pub addr: Addr,
    #[command(flatten)]
    pub kind: TypeArgs,
    /// Wait up to DUR for a server to accept (status 3 after that); without it, a missing or
    /// refusing server fails at once. With --dgram, DUR is also how long to wait for the
    /// next reply after the end of stdin (default 500ms; 0 waits for none).
    #[arg(long, value_name = "DUR", value_parser = crate::core::parse::duration)]
    pub timeout: Option<Duration>,
    /// Pass this open descriptor to the server with the first data (repeat, or give
    /// several: --send-fd 3 4).
    #[arg(long = "send-fd", value_name = "N", num_args = 1.., value_parser = parse_fd)]
    pub send_fds: Vec<std::os::fd::RawFd>,
    /// Show the server's pid, uid and gid (SO_PEERCRED) on stderr once connected.
    #[arg(long)]
    pub creds: bool,
}

fn parse_fd(text: &str) -> Result<std::os::fd::RawFd, String> {
    text.parse::<u32>()
        .ok()
        .and_then(|n| std::os::fd::RawFd::try_from(n).ok())
        .ok_or_else(|| format!("'{text}' is not a file descriptor number"))
}

/// ADDR as bytes: a path need not be UTF-8, nor an abstract name.
fn addr() -> impl TypedValueParser<Value = Addr> {
    clap::builder::OsStringValueParser::new().try_map(|text: std::ffi::OsString| Addr::parse(&text))
}

/// A socketpair(2) between two shell commands, or (alone) the demo: parent and forked child
/// exchange one message each.
///
/// With -c A -c B: A and B each get one end of one socketpair as both stdin and stdout, so
/// each reads what the other writes (full duplex, one descriptor each). The status is the
/// last non-zero one of the two, as for `ipcx pipe -c A -c B`. A command that shuts its
/// end for writing (`shutdown(SHUT_WR)`) or ends lets the other read end of file.
#[derive(Debug, Args)]
#[command(
    group(ArgGroup::new("type").args(["dgram", "seqpacket"])),
    after_help = "Examples:
  ipcx sock pair
  ipcx sock pair -c 'echo ping; read reply; echo \"got $reply\" >&2' -c 'read x; echo pong'
  ipcx sock pair --seqpacket -c ./client -c ./server"
)]
pub struct SockPairArgs {
    /// A shell command holding one end (give exactly two: -c A -c B).
    #[arg(short = 'c', long = "command", value_name = "CMD")]
    pub commands: Vec<std::ffi::OsString>,
    /// A datagram pair (SOCK_DGRAM): each write is one message.
    #[arg(long)]
    pub dgram: bool,
    /// A sequenced-packet pair (SOCK_SEQPACKET): each write is one message, and an end
    /// that closes is seen as end of file.
    #[arg(long)]
    pub seqpacket: bool,
}
