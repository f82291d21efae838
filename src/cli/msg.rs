//! `ipcx msg send|recv` as clap definitions: the queue, the message and how stdin splits
//! into messages, the type or priority, creation attributes, and how long to wait.

use std::time::Duration;

use clap::{ArgGroup, Args, Subcommand};

use crate::core::target::Target;

/// Send and receive messages on a System V or POSIX message queue.
///
/// A TARGET beginning with `/` is a POSIX queue (mq_overview(7)): `-t` is then the
/// priority (0 to 32767, default 0) and a receiver always takes the oldest message of the
/// highest priority.
#[derive(Debug, Args)]
pub struct MsgArgs {
    #[command(subcommand)]
    pub command: MsgCommand,
}

#[derive(Debug, Subcommand)]
pub enum MsgCommand {
    Send(SendArgs),
    Recv(RecvArgs),
}

impl MsgCommand {
    pub fn label(&self) -> &'static str {
        match self {
            MsgCommand::Send(_) => "msg send",
            MsgCommand::Recv(_) => "msg recv",
        }
    }
}

/// Send messages to a queue.
///
/// TEXT operands, joined by spaces, make one message. Without TEXT, stdin is read and each
/// line is one message (its newline dropped); --raw sends all of stdin as one message, -0
/// splits it on NUL bytes. A full queue waits for room, unless --nowait or --timeout say
/// otherwise; a batch cut short reports how many messages were sent, and none is sent twice.
///
/// On a System V queue `-t` is the message type (default 1); on a POSIX queue (`/NAME`) it
/// is the priority (default 0), and --create may set the queue's capacity and message size.
#[derive(Debug, Args)]
#[command(
    group(ArgGroup::new("split").args(["raw", "null"])),
    after_help = "Examples:
  ipcx msg send 0x4d2 --create hello world   # one message, type 1
  ipcx msg send 0x4d2 -t 2 urgent            # type 2
  seq 1000 | ipcx msg send 0x4d2             # 1000 messages, one per line
  ipcx msg send 0x4d2 --raw < photo.jpg      # the whole file as one message
  find . -print0 | ipcx msg send ftok:/srv/app -0 --timeout 5s
  ipcx msg send /jobs --create --max-messages 100 -t 5 urgent   # POSIX, priority 5"
)]
pub struct SendArgs {
    /// The queue: KEY, id:N, ftok:PATH[:PROJ], private or /NAME (POSIX).
    pub target: Target,
    /// The message; several words are joined with spaces. Without it, stdin is read.
    #[arg(value_name = "TEXT")]
    pub text: Vec<std::ffi::OsString>,
    /// The message type, 1 or more (default 1); for a POSIX queue the priority, 0 to
    /// 32767 (default 0).
    #[arg(short = 't', long = "type", value_name = "TYPE",
          value_parser = parse_send_type, allow_negative_numbers = true)]
    pub mtype: Option<i64>,
    /// Send all of stdin as one message, unchanged.
    #[arg(long, conflicts_with = "text")]
    pub raw: bool,
    /// Split stdin on NUL bytes instead of newlines.
    #[arg(short = '0', long = "null", conflicts_with = "text")]
    pub null: bool,
    #[command(flatten)]
    pub create: CreateArgs,
    /// Do not wait for room: a full queue ends the command with status 3.
    #[arg(long, conflicts_with = "timeout")]
    pub nowait: bool,
    /// Wait at most DUR for room for each message, then end with status 3 (e.g. 500ms, 2s).
    #[arg(long, value_name = "DUR", value_parser = crate::core::parse::duration)]
    pub timeout: Option<Duration>,
}

/// Receive (take) messages from a queue and print them.
///
/// Each message is followed by a newline (--raw: nothing, -0: a NUL); --json prints one
/// object per line with type, bytes, and text (valid UTF-8) or base64. One message is taken
/// unless -n or --follow say otherwise; an empty queue waits, unless --nowait or --timeout
/// say otherwise. Each message is written out before the next is taken. One that cannot be
/// written (a full disk, a closed pipe) is put back on the queue with its type, waiting at
/// most 1s for room; if the queue stays full it is printed on stderr as JSON instead.
///
/// A POSIX queue (`/NAME`) always gives the oldest message of the highest priority, and
/// --json shows `priority` instead of `type`; -t, --except, --peek and --truncate do not
/// apply to it. A message put back on a POSIX queue goes behind those of its priority that
/// are already queued (mq_send has no "front").
#[derive(Debug, Args)]
#[command(
    group(ArgGroup::new("format").args(["raw", "null", "json"])),
    after_help = "Examples:
  ipcx msg recv 0x4d2                     # the oldest message, any type
  ipcx msg recv 0x4d2 -t 2                # the oldest message of type 2
  ipcx msg recv 0x4d2 -t -3               # the lowest type of 1..3 first
  ipcx msg recv 0x4d2 -t 2 --except       # the oldest message not of type 2
  ipcx msg recv ftok:/srv/app --follow | while read -r job; do ...; done
  ipcx msg recv 0x4d2 --peek --json       # what is queued, taking nothing
  ipcx msg recv /jobs -n 10 --json        # POSIX: highest priority first"
)]
pub struct RecvArgs {
    /// The queue: KEY, id:N, ftok:PATH[:PROJ], private or /NAME (POSIX).
    pub target: Target,
    /// Which type: 0 any, N > 0 type N, -N the lowest type of 1..N (oldest first).
    #[arg(
        short = 't',
        long = "type",
        value_name = "TYPE",
        default_value = "0",
        allow_negative_numbers = true
    )]
    pub mtype: i64,
    /// Take the first message whose type is not TYPE (MSG_EXCEPT; TYPE must be > 0).
    #[arg(long)]
    pub except: bool,
    /// Take COUNT messages (default 1; with --peek, every queued message).
    #[arg(short = 'n', long, value_name = "COUNT", conflicts_with = "follow",
          value_parser = clap::value_parser!(u64).range(1..))]
    pub count: Option<u64>,
    /// Take messages until interrupted.
    #[arg(short = 'f', long)]
    pub follow: bool,
    /// Print each message exactly as it is, with nothing after it.
    #[arg(long)]
    pub raw: bool,
    /// Print a NUL after each message instead of a newline.
    #[arg(short = '0', long = "null")]
    pub null: bool,
    /// Print one JSON object per message: type, bytes, and text or base64.
    #[arg(long)]
    pub json: bool,
    /// Do not wait: an empty queue ends the command with status 3.
    #[arg(long, conflicts_with = "timeout")]
    pub nowait: bool,
    /// Wait at most DUR for each message, then end with status 3 (e.g. 500ms, 2s).
    #[arg(long, value_name = "DUR", value_parser = crate::core::parse::duration)]
    pub timeout: Option<Duration>,
    /// Cut a message longer than msgmax to msgmax bytes (MSG_NOERROR) instead of failing.
    #[arg(long)]
    pub truncate: bool,
    /// Print queued messages without taking them (MSG_COPY), oldest first.
    #[arg(long, conflicts_with_all = ["follow", "nowait", "timeout"])]
    pub peek: bool,
    #[command(flatten)]
    pub create: CreateArgs,
}

/// Creating a queue: for both families, and the attributes only a POSIX queue takes.
#[derive(Debug, Args)]
pub struct CreateArgs {
    /// Create the queue if it does not exist (mode 0600 unless -m).
    #[arg(short = 'c', long)]
    pub create: bool,
    /// The permissions of a queue created by --create or private (octal).
    #[arg(short = 'm', long, value_name = "MODE", value_parser = crate::core::parse::mode)]
    pub mode: Option<u32>,
    /// POSIX --create: how many messages the queue holds (mq_maxmsg; at most
    /// /proc/sys/fs/mqueue/msg_max).
    #[arg(long, value_name = "N", requires = "create",
          value_parser = clap::value_parser!(i64).range(1..))]
    pub max_messages: Option<i64>,
    /// POSIX --create: the largest message the queue holds (mq_msgsize; at most
    /// /proc/sys/fs/mqueue/msgsize_max).
    #[arg(long, value_name = "SIZE", requires = "create", value_parser = parse_message_size)]
    pub message_size: Option<i64>,
    /// With --create: an existing queue is an error (status 1) and is not touched.
    #[arg(long, requires = "create")]
    pub exclusive: bool,
    /// System V --create: the new queue's msg_qbytes, the most bytes it holds (above
    /// msgmnb, /proc/sys/kernel/msgmnb, needs CAP_SYS_RESOURCE).
    #[arg(long, value_name = "SIZE", requires = "create", value_parser = crate::core::parse::size)]
    pub max_bytes: Option<u64>,
}

/// A type (System V, 1 or more) or priority (POSIX, 0 or more); which one the target
/// decides, so the range is checked by the command.
fn parse_send_type(text: &str) -> Result<i64, String> {
    match text.parse::<i64>() {
        Ok(mtype) if mtype >= 0 => Ok(mtype),
        Ok(_) => Err("a message type is 1 or more (a POSIX priority 0 or more)".to_string()),
        Err(_) => Err(format!(
            "'{text}' is not a message type (expected a number, 1 or more)"
        )),
    }
}

fn parse_message_size(text: &str) -> Result<i64, String> {
    match crate::core::parse::size(text)? {
        0 => Err("a queue's messages hold at least 1 byte".into()),
        size => i64::try_from(size).map_err(|_| format!("{text} is too large a message size")),
    }
}
