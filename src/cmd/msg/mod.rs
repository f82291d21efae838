//! `ipcx msg send` and `ipcx msg recv`: messages between the shell and a System V or
//! POSIX queue.
//!
//! Both stream: one send or receive per message into one reusable buffer. The family of
//! the queue is core's business (`core::queue::Queue`): these files resolve the target,
//! run the send or receive loop, and render.

mod recv;
mod send;

use anyhow::Result;

use crate::cli::msg::{CreateArgs, MsgArgs, MsgCommand};
use crate::core::queue::Create;

pub fn run(args: MsgArgs) -> Result<()> {
    match args.command {
        MsgCommand::Send(args) => send::send(args),
        MsgCommand::Recv(args) => recv::recv(args),
    }
}

/// What the command line says about creating the queue, in core's terms.
fn create(args: &CreateArgs) -> Create {
    Create {
        create: args.create,
        mode: args.mode,
        max_messages: args.max_messages,
        message_size: args.message_size,
        exclusive: args.exclusive,
        max_bytes: args.max_bytes,
    }
}
