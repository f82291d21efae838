use std::time::Duration;

use clap::{ArgGroup, Args, Subcommand};

use crate::core::target::Target;

/// Send and receive messages on a System V message queue.
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
#[derive(Debug, Args)]
#[command(
    group(ArgGroup::new("split").args(["raw", "null"])),
    after_help = "Examples:
  ipcx msg send 0x4d2 --create hello world   # one message, type 1
  ipcx msg send 0x4d2 -t 2 urgent            # type 2
  seq 1000 | ipcx msg send 0x4d2             # 1000 messages, one per line
  ipcx msg send 0x4d2 --raw < photo.jpg      # the whole file as one message
  find . -print0 | ipcx msg send ftok:/srv/app -0 --timeout 5s"
)]
pub struct SendArgs {
    /// The queue: KEY, id:N, ftok:PATH[:PROJ] or private.
    pub target: Target,
    /// The message; several words are joined with spaces. Without it, stdin is read.
    #[arg(value_name = "TEXT")]
    pub text: Vec<String>,
    /// The message type, 1 or more.
    #[arg(short = 't', long = "type", value_name = "TYPE", default_value = "1",
          value_parser = parse_send_type, allow_negative_numbers = true)]
    pub mtype: i64,
    /// Send all of stdin as one message, unchanged.
    #[arg(long, conflicts_with = "text")]
    pub raw: bool,
    /// Split stdin on NUL bytes instead of newlines.
    #[arg(short = '0', long = "null", conflicts_with = "text")]
    pub null: bool,
    /// Create the queue if it does not exist (mode 0600 unless -m).
    #[arg(short = 'c', long)]
    pub create: bool,
    /// The permissions of a queue created by --create or private (octal).
    #[arg(short = 'm', long, value_name = "MODE", value_parser = crate::core::parse::mode)]
    pub mode: Option<u32>,
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
/// say otherwise. A message that cannot be written out (a full disk, a closed pipe) is put
/// back on the queue with its type, and stderr says so.
#[derive(Debug, Args)]
#[command(
    group(ArgGroup::new("format").args(["raw", "null", "json"])),
    after_help = "Examples:
  ipcx msg recv 0x4d2                     # the oldest message, any type
  ipcx msg recv 0x4d2 -t 2                # the oldest message of type 2
  ipcx msg recv 0x4d2 -t -3               # the lowest type of 1..3 first
  ipcx msg recv 0x4d2 -t 2 --except       # the oldest message not of type 2
  ipcx msg recv ftok:/srv/app --follow | while read -r job; do ...; done
  ipcx msg recv 0x4d2 --peek --json       # what is queued, taking nothing"
)]
pub struct RecvArgs {
    /// The queue: KEY, id:N, ftok:PATH[:PROJ] or private.
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
    /// Create the queue if it does not exist (mode 0600 unless -m).
    #[arg(short = 'c', long)]
    pub create: bool,
    /// The permissions of a queue created by --create or private (octal).
    #[arg(short = 'm', long, value_name = "MODE", value_parser = crate::core::parse::mode)]
    pub mode: Option<u32>,
}

fn parse_send_type(text: &str) -> Result<i64, String> {
    match text.parse::<i64>() {
        Ok(mtype) if mtype > 0 => Ok(mtype),
        Ok(_) => Err("a message type is 1 or more".to_string()),
        Err(_) => Err(format!(
            "'{text}' is not a message type (expected a number, 1 or more)"
        )),
    }
}
