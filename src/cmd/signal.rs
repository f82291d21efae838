//! `ipcx signal send|wait|list`: kill(2)/sigqueue(3) from the shell, a waiter that shows
//! who sent each signal and what value came with it, and the table of signals.

use std::io::{self, BufWriter, Write};
use std::path::Path;
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use nix::errno::Errno;
use serde::Serialize;

use crate::cli::signal::{Dest, ListArgs, SendArgs, SignalArgs, SignalCommand, WaitArgs};
use crate::core::errno_text;
use crate::core::fifo;
use crate::core::signal_io::{self, Received, SigSet, SignalFd};
use crate::core::status::{not_now, usage, Fail, Failures};
use crate::output::{self, Cell, Column, Format, Section};

pub fn run(args: SignalArgs) -> Result<()> {
    match args.command {
        SignalCommand::Send(args) => send(args),
        SignalCommand::Wait(args) => wait(args),
        SignalCommand::List(args) => list(args),
    }
}

fn send(args: SendArgs) -> Result<()> {
    if args.value.is_some() {
        if let Some(group) = args.targets.iter().find(|d| matches!(d, Dest::Group(_))) {
            return Err(usage(format!(
                "--value cannot go to {group}: sigqueue(3) queues to one process only; \
                 name the member pids instead"
            )));
        }
    }
    let mut failures = Failures::new();
    for dest in &args.targets {
        let result = match args.value {
            Some(value) => signal_io::sigqueue(dest.raw(), args.signal, value),
            None => signal_io::kill(dest.raw(), args.signal),
        };
        if let Err(errno) = result {
            failures.show(format!("{dest}: {}", send_why(*dest, errno)));
        }
    }
    failures.finish()
}

fn send_why(dest: Dest, errno: Errno) -> String {
    match (errno, dest) {
        (Errno::ESRCH, Dest::Pid(_)) => "no such process".to_string(),
        (Errno::ESRCH, Dest::Group(_)) => "no such process group".to_string(),
        (Errno::EPERM, _) => "permission denied".to_string(),
        (Errno::EAGAIN, _) => format!(
            "too many signals already queued for its user (RLIMIT_SIGPENDING{}, see ulimit -i)",
            signal_io::sigpending_limit()
                .map(|n| format!(" is {n}"))
                .unwrap_or_default()
        ),
        (errno, _) => errno_text(errno),
    }
}

/// One received signal, as `--json` prints it.
#[derive(Serialize)]
struct Line<'a> {
    signal: &'a str,
    number: i32,
    code: &'a str,
    pid: u32,
    uid: u32,
    value: Option<i32>,
}

fn wait(args: WaitArgs) -> Result<()> {
    let mut waited = SigSet::empty();
    let mut all = SigSet::empty();
    for &signo in &args.signals {
        waited.add(signo);
        all.add(signo);
    }
    // The interrupts end the waiter (with 128+N, after cleanup) unless it waits for them;
    // one inherited as ignored (nohup, a shell's background job) stays ignored.
    for signo in crate::core::interrupts::INTERRUPTS.map(|signal| signal as i32) {
        if !waited.contains(signo) && !signal_io::is_ignored(signo) {
            all.add(signo);
        }
    }
    // Blocked before anything announces us: from here on a signal sent to us stays pending
    // until we read it, whatever its default action.
    all.block()
        .map_err(|errno| anyhow::anyhow!("blocking the signals: {}", errno_text(errno)))?;
    let mut fd =
        SignalFd::new(&all).map_err(|errno| anyhow::anyhow!("signalfd: {}", errno_text(errno)))?;

    let _pidfile = match &args.pidfile {
        Some(path) => Some(Pidfile::write(path)?),
        None => {
            // Unbuffered: the announcement must be out before we sleep.
            let _ = writeln!(io::stderr().lock(), "{}", std::process::id());
            None
        }
    };

    let names: Vec<String> = (0..=signal_io::rtmax())
        .map(|signo| signal_io::name(signo).into_owned())
        .collect();
    let name = |signo: i32| -> &str {
        usize::try_from(signo)
            .ok()
            .and_then(|i| names.get(i))
            .map_or("?", String::as_str)
    };

    // A timeout past what the clock can represent is no deadline at all.
    let deadline = args.timeout.and_then(|t| Instant::now().checked_add(t));
    let mut out = BufWriter::with_capacity(64 * 1024, io::stdout().lock());
    let mut batch = Vec::new();
    let mut received: u64 = 0;
    while received < args.count {
        let want = usize::try_from(args.count - received).unwrap_or(usize::MAX);
        let taken = fd
            .take(want, &mut batch)
            .map_err(|errno| anyhow::anyhow!("reading signals: {}", errno_text(errno)))?;
        if taken == 0 {
            // Output is flushed only here, before sleeping: a burst is written in large
            // blocks, yet every line is out before the waiter blocks.
            out.flush().context("stdout")?;
            let remaining = deadline.map(|d| d.saturating_duration_since(Instant::now()));
            let pending = remaining != Some(Duration::ZERO)
                && fd
                    .wait(remaining)
                    .map_err(|errno| anyhow::anyhow!("waiting: {}", errno_text(errno)))?;
            if !pending {
                return Err(timed_out(&args, received, &name));
            }
            continue;
        }
        let mut interrupted = None;
        for info in &batch {
            if !waited.contains(info.signo) {
                interrupted.get_or_insert(info.signo);
                continue;
            }
            print(&mut out, info, name(info.signo), args.json).context("stdout")?;
            received += 1;
        }
        if let (Some(signo), true) = (interrupted, received < args.count) {
            out.flush().context("stdout")?;
            return Err(Fail::Signal(signo).into());
        }
    }
    out.flush().context("stdout")?;
    Ok(())
}

fn print(out: &mut impl Write, info: &Received, name: &str, json: bool) -> io::Result<()> {
    let value = info.has_value().then_some(info.value);
    if json {
        let line = Line {
            signal: name,
            number: info.signo,
            code: &info.code_name(),
            pid: info.pid,
            uid: info.uid,
            value,
        };
        serde_json::to_writer(&mut *out, &line).map_err(io::Error::other)?;
        return out.write_all(b"\n");
    }
    write!(
        out,
        "{name} {} {} pid={} uid={}",
        info.signo,
        info.code_name(),
        info.pid,
        info.uid
    )?;
    match value {
        Some(value) => writeln!(out, " value={value}"),
        None => out.write_all(b"\n"),
    }
}

fn timed_out<'a>(args: &WaitArgs, received: u64, name: &dyn Fn(i32) -> &'a str) -> anyhow::Error {
    let mut names: Vec<&str> = Vec::new();
    for &signo in &args.signals {
        let n = name(signo);
        if !names.contains(&n) {
            names.push(n);
        }
    }
    let after = args
        .timeout
        .map(|t| humantime::format_duration(t).to_string())
        .unwrap_or_default();
    not_now(format!(
        "timed out after {after} waiting for {} (received {received} of {})",
        names.join(", "),
        args.count
    ))
}

/// The pidfile this waiter wrote; removed when the waiter ends, if the name still holds the
/// file it wrote (another waiter may have taken the name since).
struct Pidfile {
    _entry: fifo::Entry,
}

impl Pidfile {
    /// Puts our pid at `path` in one step, so a reader sees either no file or the whole
    /// pid, and never through a link planted at it or at the temporary name.
    fn write(path: &Path) -> Result<Pidfile> {
        if path.file_name().is_none() {
            return Err(usage(format!(
                "--pidfile {}: not a file name",
                path.display()
            )));
        }
        let content = format!("{}\n", std::process::id());
        fifo::put_file(path, content.as_bytes())
            .map(|entry| Pidfile { _entry: entry })
            .map_err(|errno| anyhow::anyhow!("pidfile {}: {}", path.display(), errno_text(errno)))
    }
}

fn list(args: ListArgs) -> Result<()> {
    let column = |name, right| Column {
        name,
        right,
        help: "",
    };
    let rows = signal_io::all()
        .map(|signo| {
            vec![
                Cell::Int(i64::from(signo)),
                Cell::Text(signal_io::name(signo).into_owned()),
                Cell::Static(signal_io::default_action(signo).as_str()),
                Cell::Text(signal_io::description(signo).into_owned()),
            ]
        })
        .collect();
    let section = Section {
        json_key: "signals",
        title: "Signals",
        columns: vec![
            column("NUMBER", true),
            column("NAME", false),
            column("ACTION", false),
            column("DESCRIPTION", false),
        ],
        rows,
    };
    let options = output::Options {
        format: if args.json {
            Format::Json
        } else {
            Format::Table
        },
        headings: true,
    };
    let mut out = BufWriter::new(io::stdout().lock());
    output::render(&mut out, &[section], &options).context("stdout")?;
    out.flush().context("stdout")?;
    Ok(())
}
