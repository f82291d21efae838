//! `ipcx pipe`: the parent-to-child demo, the stdin→stdout relay, pipelines of shell
//! commands, and `pipe info`.

use std::ffi::OsString;
use std::io::{self, IsTerminal, Write};
use std::os::fd::AsFd;
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use nix::sys::signal::Signal;

use crate::cli::pipe::{PipeArgs, PipeCommand, PipeInfoArgs};
use crate::core::process::{self, Forked, Shells};
use crate::core::status::{status_of, usage, Fail, Failures};
use crate::core::stream::{self, End};
use crate::core::{errno_text, interrupts};
use crate::output::{self, Cell, Column, Format, Options, Section};

pub fn run(args: PipeArgs) -> Result<()> {
    if let Some(PipeCommand::Info(info)) = args.command {
        return info_run(info);
    }
    if let [filter] = args.commands.as_slice() {
        if args.both_ways {
            return coprocess(filter, args.size, args.packet);
        }
    }
    if !args.commands.is_empty() {
        return pipeline(&args.commands, args.size, args.packet, args.both_ways);
    }
    if args.both_ways {
        return Err(usage(
            "--both-ways connects commands: give -c A -c B, or -c FILTER",
        ));
    }
    if !args.message.is_empty() {
        return demo(&args.message.join(" "), args.size);
    }
    if io::stdin().is_terminal() {
        return Err(usage(
            "nothing to relay: stdin is a terminal (give a MESSAGE, -c CMD, or pipe data in)",
        ));
    }
    relay(args.size, args.progress)
}

/// The classic demo: the parent writes the message into a pipe, a forked child reads it to
/// the end and prints it with a newline. The child prints only once it has it all, and an
/// interrupt of the parent is passed on to it, so neither is left behind with half of it.
fn demo(message: &str, size: Option<u64>) -> Result<()> {
    interrupts::catch_interrupts().context("installing signal handlers")?;
    let (read, write) = stream::make_pipe(size, false)?;
    match process::fork_process()? {
        Forked::Child => {
            drop(write);
            let result = (|| {
                let src = End::new(read.as_fd(), "the pipe");
                let mut text = Vec::with_capacity(message.len() + 1);
                let mut chunk = vec![0u8; 64 << 10];
                loop {
                    match stream::read_some(src, &mut chunk)? {
                        0 => break,
                        n => text.extend_from_slice(chunk.get(..n).unwrap_or_default()),
                    }
                }
                // A parent interrupted while writing signals us before it closes the pipe:
                // what arrived is then not the whole message.
                interrupts::check()?;
                text.push(b'\n');
                let stdout = io::stdout();
                stream::write_all(End::new(stdout.as_fd(), "stdout"), &text)
            })();
            process::exit_child(i32::from(status_of(result)))
        }
        Forked::Parent(child) => {
            drop(read);
            let sent = stream::write_all(End::new(write.as_fd(), "the pipe"), message.as_bytes());
            if sent.is_err() {
                // Before the pipe closes, so the child never takes part of it for all.
                process::pass_on_interrupt(&[child], Some(Signal::SIGTERM));
            }
            drop(write);
            let ended = process::wait_all(&[child])?;
            interrupts::check()?;
            sent?;
            match ended.first().map(|e| e.status()) {
                Some(0) | None => Ok(()),
                Some(code) => Err(Fail::Exit(u8::try_from(code).unwrap_or(1)).into()),
            }
        }
    }
}

/// stdin → stdout, with splice when an end is a pipe; `--size` sets the capacity of the
/// ends that are pipes, and without it they are widened to 1 MiB (fewer, larger splices).
fn relay(size: Option<u64>, progress: bool) -> Result<()> {
    interrupts::catch_interrupts().context("installing signal handlers")?;
    let stdin = io::stdin();
    let stdout = io::stdout();
    let src = End::new(stdin.as_fd(), "stdin");
    let dst = End::new(stdout.as_fd(), "stdout");
    for end in [src, dst] {
        match size {
            Some(size) if stream::is_pipe_fd(end.fd) => {
                stream::set_capacity(end.fd, size).with_context(|| end.name.to_string())?;
            }
            Some(_) => {}
            None => stream::widen(end.fd),
        }
    }
    let mut meter = progress.then(Meter::new);
    let result = stream::copy(src, dst, &mut |n| {
        if let Some(meter) = meter.as_mut() {
            meter.add(n);
        }
    });
    if let Some(meter) = meter.as_mut() {
        meter.finish();
    }
    result.map(drop)
}

/// Runs `sh -c CMD` for each command, each one's stdout a pipe into the next one's stdin,
/// and with `ring` the last one's into the first one's. The status is the last non-zero
/// one, as with bash's `set -o pipefail`.
fn pipeline(commands: &[OsString], size: Option<u64>, packet: bool, ring: bool) -> Result<()> {
    interrupts::catch_interrupts().context("installing signal handlers")?;
    let mut shells = Shells::new();
    let (mut previous, mut last_out) = if ring {
        let (read, write) = stream::make_pipe(size, packet)?;
        (Some(read), Some(write))
    } else {
        (None, None)
    };
    for (index, text) in commands.iter().enumerate() {
        let stdin = previous.take();
        let stdout = if index + 1 == commands.len() {
            last_out.take()
        } else {
            // A pipe that cannot be made (too many open files, pipe-user-pages) ends the
            // line here like a command that cannot start: the ones running are waited for.
            match stream::make_pipe(size, packet) {
                Ok((read, write)) => {
                    previous = Some(read);
                    Some(write)
                }
                Err(err) => {
                    shells.stop(err.context(format!("connecting sh -c {text:?}")));
                    break;
                }
            }
        };
        if !shells.start(text, stdin, stdout) {
            break;
        }
    }
    drop(previous);
    drop(last_out);
    shells.finish()
}

/// `pipe -c FILTER --both-ways`: ipcx feeds FILTER from stdin and copies its output to
/// stdout, both at once (stream::converse), so a FILTER that buffers cannot deadlock it.
/// The status is FILTER's.
fn coprocess(filter: &OsString, size: Option<u64>, packet: bool) -> Result<()> {
    interrupts::catch_interrupts().context("installing signal handlers")?;
    let (to_read, to_write) = stream::make_pipe(size, packet)?;
    let (from_read, from_write) = stream::make_pipe(size, packet)?;
    let mut shells = Shells::new();
    if !shells.start(filter, Some(to_read), Some(from_write)) {
        return shells.finish();
    }
    let name = format!("sh -c {filter:?}");
    let talked = stream::converse(
        to_write,
        format!("the input of {name}"),
        End::new(from_read.as_fd(), &name),
        false,
    );
    if talked.is_err() {
        // Interrupted, or stdout gone: FILTER is not left running.
        process::pass_on_interrupt(shells.pids(), Some(Signal::SIGTERM));
    }
    drop(from_read);
    let finished = shells.finish();
    talked?;
    finished
}

const INFO_COLUMNS: [Column; 6] = [
    Column {
        name: "FD",
        right: true,
        help: "the descriptor",
    },
    Column {
        name: "KIND",
        right: false,
        help: "pipe, FIFO, socket, tty, file, ...",
    },
    Column {
        name: "CAPACITY",
        right: true,
        help: "pipe capacity in bytes (F_GETPIPE_SZ)",
    },
    Column {
        name: "QUEUED",
        right: true,
        help: "bytes waiting to be read (FIONREAD)",
    },
    Column {
        name: "PIPE_BUF",
        right: true,
        help: "largest write kept whole",
    },
    Column {
        name: "TARGET",
        right: false,
        help: "what /proc/self/fd/N points at",
    },
];

fn info_run(args: PipeInfoArgs) -> Result<()> {
    let fds = if args.fds.is_empty() {
        vec![0, 1]
    } else {
        args.fds
    };
    let mut rows = Vec::with_capacity(fds.len());
    let mut failures = Failures::new();
    let opt = |value: Option<u64>| value.map_or(Cell::Null, Cell::UInt);
    for fd in fds {
        match stream::fd_info(fd) {
            Ok(info) => rows.push(vec![
                Cell::Int(i64::from(fd)),
                Cell::Static(info.kind.name()),
                opt(info.capacity),
                opt(info.queued),
                opt(info.pipe_buf),
                Cell::text(info.target),
            ]),
            Err(errno) => failures.show(format!("fd {fd}: {}", errno_text(errno))),
        }
    }
    let section = Section {
        json_key: "fds",
        title: "File descriptors",
        columns: INFO_COLUMNS.to_vec(),
        rows,
    };
    let options = Options {
        format: if args.json {
            Format::Json
        } else {
            Format::Table
        },
        headings: true,
    };
    let mut out = io::BufWriter::new(io::stdout().lock());
    output::render(&mut out, &[section], &options).context("stdout")?;
    out.flush().context("stdout")?;
    failures.finish()
}

/// `--progress`: bytes moved, rate and elapsed time on stderr. On a terminal one line is
/// redrawn in place five times a second; otherwise a line is written each second.
struct Meter {
    start: Instant,
    last: Instant,
    bytes: u64,
    tty: bool,
}

impl Meter {
    fn new() -> Meter {
        let now = Instant::now();
        Meter {
            start: now,
            last: now,
            bytes: 0,
            tty: io::stderr().is_terminal(),
        }
    }

    fn add(&mut self, n: u64) {
        self.bytes = self.bytes.saturating_add(n);
        let every = if self.tty {
            Duration::from_millis(200)
        } else {
            Duration::from_secs(1)
        };
        let now = Instant::now();
        if now.duration_since(self.last) >= every {
            self.last = now;
            self.draw(false);
        }
    }

    fn finish(&mut self) {
        self.draw(true);
    }

    fn draw(&self, last: bool) {
        let elapsed = self.start.elapsed();
        let secs = elapsed.as_secs_f64();
        let rate = if secs > 0.0 {
            self.bytes as f64 / secs
        } else {
            0.0
        };
        let line = format!(
            "{} in {}.{:01}s, {}/s",
            output::human_size(self.bytes),
            elapsed.as_secs(),
            elapsed.subsec_millis() / 100,
            output::human_size(rate as u64)
        );
        let text = match (self.tty, last) {
            (true, false) => format!("\r{line}\x1b[K"),
            (true, true) => format!("\r{line}\x1b[K\n"),
            (false, _) => format!("{line}\n"),
        };
        // Progress is a courtesy: a closed stderr does not stop the transfer.
        let _ = io::stderr().lock().write_all(text.as_bytes());
    }
}
