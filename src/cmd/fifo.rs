//! `ipcx fifo`: make, write, read and remove FIFOs.

use std::io;
use std::os::fd::AsFd;
use std::path::Path;

use anyhow::{Context, Result};

use crate::cli::fifo::{
    FifoArgs, FifoCommand, FifoMkArgs, FifoReadArgs, FifoRmArgs, FifoTalkArgs, FifoWriteArgs,
};
use crate::core::alarm::Deadline;
use crate::core::fifo::{self, Side};
use crate::core::status::{error_text, not_now, Fail, Failures};
use crate::core::stream::{self, End};
use crate::core::{errno_text, interrupts};

pub fn run(args: FifoArgs) -> Result<()> {
    match args.command {
        FifoCommand::Mk(args) => mk(args),
        FifoCommand::Write(args) => write(args),
        FifoCommand::Read(args) => read(args),
        FifoCommand::Rm(args) => rm(args),
        FifoCommand::Talk(args) => talk(args),
    }
}

fn mk(args: FifoMkArgs) -> Result<()> {
    let mut failures = Failures::new();
    for path in &args.paths {
        if let Err(errno) = fifo::make(path, args.mode) {
            failures.show(format!("{}: {}", path.display(), errno_text(errno)));
        }
    }
    failures.finish()
}

fn rm(args: FifoRmArgs) -> Result<()> {
    let mut failures = Failures::new();
    for path in &args.paths {
        if let Err(err) = fifo::remove(path) {
            failures.show(format!("{}: {}", path.display(), error_text(&err)));
        }
    }
    failures.finish()
}

/// A transfer that ran out of time says where and after how long.
fn name_timeout(err: anyhow::Error, path: &Path, deadline: Option<&Deadline>) -> anyhow::Error {
    match (err.downcast_ref::<Fail>(), deadline) {
        (Some(Fail::NotNow(_)), Some(deadline)) => {
            let timed_out = not_now(format!(
                "{}: timed out after {}",
                path.display(),
                deadline.text()
            ));
            // What the copy added (input it could not give back) stays in the message.
            match err.chain().nth(1) {
                Some(_) => timed_out.context(err.to_string()),
                None => timed_out,
            }
        }
        _ => err,
    }
}

/// What `fifo read` and `fifo write` share before data moves: interrupts caught, the FIFO
/// made when asked (and its guard, which removes it again unless kept), the timer of
/// --timeout armed over both the open and the transfer, and our end opened.
fn open(
    path: &Path,
    side: Side,
    create: bool,
    nowait: bool,
    timeout: Option<std::time::Duration>,
) -> Result<(Option<fifo::Made>, Option<Deadline>, std::os::fd::OwnedFd)> {
    interrupts::catch_interrupts().context("installing signal handlers")?;
    let made = fifo::prepare(path, create).with_context(|| path.display().to_string())?;
    let deadline = timeout.map(Deadline::arm).transpose().context("timer")?;
    let fd = fifo::open_end(path, side, nowait, deadline.as_ref())?;
    Ok((made, deadline, fd))
}

fn write(args: FifoWriteArgs) -> Result<()> {
    let path = args.path.as_path();
    let name = path.display().to_string();
    let (mut made, deadline, fd) = open(path, Side::Write, args.create, args.nowait, args.timeout)?;
    let dst = End::new(fd.as_fd(), &name);
    let result = if args.text.is_empty() {
        let stdin = io::stdin();
        stream::widen(fd.as_fd());
        stream::widen(stdin.as_fd());
        stream::copy(End::new(stdin.as_fd(), "stdin"), dst, &mut |_| {}).map(drop)
    } else {
        let mut text = args.text.join(" ");
        text.push('\n');
        stream::write_all(dst, text.as_bytes())
    };
    result.map_err(|err| name_timeout(err, path, deadline.as_ref()))?;
    if let Some(made) = made.as_mut() {
        made.keep();
    }
    Ok(())
}

fn read(args: FifoReadArgs) -> Result<()> {
    let path = args.path.as_path();
    let name = path.display().to_string();
    let (mut made, deadline, fd) = open(path, Side::Read, args.create, args.nowait, args.timeout)?;
    let stdout = io::stdout();
    let dst = End::new(stdout.as_fd(), "stdout");
    if args.nowait {
        fifo::first_read_nowait(&fd, path, dst)?;
    }
    // --follow: our own write end keeps the FIFO from reaching end of file between one
    // writer and the next, so the read blocks (never spins) and nothing written is dropped.
    let _held = if args.follow {
        Some(fifo::hold_open(&fd).with_context(|| name.clone())?)
    } else {
        None
    };
    stream::widen(fd.as_fd());
    stream::widen(stdout.as_fd());
    stream::copy(End::new(fd.as_fd(), &name), dst, &mut |_| {})
        .map_err(|err| name_timeout(err, path, deadline.as_ref()))?;
    if let Some(made) = made.as_mut() {
        made.keep();
    }
    Ok(())
}

/// stdin → OUT and IN → stdout at once (stream::converse), the two FIFOs opened in an
/// order that cannot deadlock against the other side (fifo::open_conversation).
fn talk(args: FifoTalkArgs) -> Result<()> {
    interrupts::catch_interrupts().context("installing signal handlers")?;
    let mut made = Vec::with_capacity(2);
    for path in [&args.input, &args.output] {
        if let Some(guard) =
            fifo::prepare(path, args.create).with_context(|| path.display().to_string())?
        {
            made.push(guard);
        }
    }
    let (input, output) = fifo::open_conversation(&args.input, &args.output)?;
    // The other side has come: the FIFOs stay for the next talk.
    for guard in &mut made {
        guard.keep();
    }
    let name = args.input.display().to_string();
    stream::converse(
        output,
        args.output.display().to_string(),
        End::new(input.as_fd(), &name),
        true,
    )
}
