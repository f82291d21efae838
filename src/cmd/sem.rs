//! `ipcx sem init/p/v/get`: semaphores from the shell — a System V set (KEY, id:N,
//! ftok:PATH, private) or a POSIX named semaphore (`/NAME`) — and `sem p -- CMD`, a
//! counting flock(1) whose slot is given back when CMD ends, however it ends.
//!
//! Which family the target is, is core's business (`core::semaphore::Semaphore`): here
//! each subcommand resolves the target, does its operation and renders. Where the kernel
//! can undo a take (System V's SEM_UNDO), `p -- CMD` becomes CMD; where it cannot (POSIX),
//! it stays as a small supervisor that gives the slot back when CMD ends.

use std::ffi::OsString;
use std::io::Write;
use std::time::Duration;

use anyhow::{Context, Result};
use serde::Serialize;

use crate::cli::sem::{
    SemArgs, SemCommand, SemGetArgs, SemInitArgs, SemOpArgs, SemPArgs, SemSetArgs, SemVArgs,
};
use crate::core::exec::{exec, supervise};
use crate::core::interrupts;
use crate::core::semaphore::{self, ops_text, Init, Op, Semaphore};
use crate::core::status::{not_now, say, Fail};
use crate::core::wait::{patiently, Attempt, Patience, Wait};

pub fn run(args: SemArgs) -> Result<()> {
    match args.command {
        SemCommand::Init(args) => init(args),
        SemCommand::P(args) => p(args),
        SemCommand::V(args) => v(args),
        SemCommand::Get(args) => get(args),
        SemCommand::Op(args) => op(args),
        SemCommand::Set(args) => set(args),
    }
}

fn init(args: SemInitArgs) -> Result<()> {
    semaphore::init(
        &args.target,
        &Init {
            values: &args.values,
            mode: args.mode,
            force: args.force,
        },
    )
}

fn p(args: SemPArgs) -> Result<()> {
    let sem = semaphore::open(&args.target, Some(args.index))?;
    let has_command = !args.command.is_empty();
    // With CMD, the slot is given back when CMD ends: by the kernel where it can undo,
    // else by staying to watch CMD; --no-undo leaves it taken.
    let undo = has_command && !args.no_undo;
    let kernel_undo = undo && sem.undoes();
    interrupts::catch_interrupts().context("cannot catch signals")?;
    let (index, count) = (args.index, args.count);
    let patience = Patience::new(args.nowait, args.timeout);
    match patiently(patience, true, |wait| {
        sem.take(index, count, kernel_undo, wait)
    })? {
        Attempt::Done(()) => {}
        Attempt::GaveUp => {
            let (doing, value) = (
                format!("take {}", sem.taking(index, count)),
                format!("its value is {}", sem.value_text(index)),
            );
            return Err(busy(&*sem, &doing, args.timeout, &value));
        }
        Attempt::Failed(errno) => return Err(sem.failure(errno, index)),
    }
    let give_back = || {
        if !kernel_undo {
            sem.give_back(index, count);
        }
    };
    hold_while(&args.command, undo && !kernel_undo, give_back)
}

/// After a P or OPs succeeded: with CMD, runs it holding what was taken — by becoming it
/// (the kernel undoes at its end) or, when `supervise` (no undo in the kernel), by running
/// it as a child and calling `give_back` when it ends. A signal that came just as the wait
/// ended still means "stop": then nothing stays taken.
fn hold_while(command: &[OsString], supervise_it: bool, give_back: impl Fn()) -> Result<()> {
    if let Err(fail) = interrupts::check() {
        give_back();
        return Err(fail.into());
    }
    if command.is_empty() {
        return Ok(());
    }
    if supervise_it {
        let ended = supervise(command);
        give_back();
        return match ended {
            Ok(0) => Ok(()),
            Ok(status) => Err(Fail::Exit(status).into()),
            Err(failure) => {
                say(&format!(
                    "{}: {}",
                    command[0].to_string_lossy(),
                    failure.why
                ));
                Err(Fail::Exit(failure.status).into())
            }
        };
    }
    let failure = exec(command);
    give_back();
    say(&format!(
        "{}: {}",
        command[0].to_string_lossy(),
        failure.why
    ));
    Err(Fail::Exit(failure.status).into())
}

/// `sem op`: every OP in one call, all or none; with CMD done with undo and held while CMD
/// lives, as `sem p -- CMD`.
fn op(args: SemOpArgs) -> Result<()> {
    let ops = &args.ops;
    let sem = semaphore::open_for(&args.target, ops)?;
    let undo = args.undo || !args.command.is_empty();
    let kernel_undo = undo && sem.undoes();
    interrupts::catch_interrupts().context("cannot catch signals")?;
    let patience = Patience::new(args.nowait, args.timeout);
    match patiently(patience, true, |wait| sem.apply(ops, kernel_undo, wait))? {
        Attempt::Done(()) => {}
        Attempt::GaveUp => {
            let values = match sem.read(false) {
                Ok(readings) if readings.len() == 1 => {
                    format!("its value is {}", readings[0].value)
                }
                Ok(readings) => format!(
                    "its values are {}",
                    readings
                        .iter()
                        .map(|r| r.value.to_string())
                        .collect::<Vec<_>>()
                        .join(" ")
                ),
                Err(_) => "its values cannot be read".into(),
            };
            let doing = format!("do {}", ops_text(ops));
            return Err(busy(&*sem, &doing, args.timeout, &values));
        }
        Attempt::Failed(errno) => return Err(sem.apply_failure(errno, ops)),
    }
    // Undone in reverse order, waiting for nothing; a wait for zero changed nothing.
    let reverse: Vec<Op> = ops
        .iter()
        .rev()
        .filter(|op| op.delta != 0)
        .map(|op| op.inverse())
        .collect();
    let give_back = || {
        if !kernel_undo && !reverse.is_empty() {
            let _ = sem.apply(&reverse, false, Wait::No);
        }
    };
    hold_while(&args.command, undo && !kernel_undo, give_back)?;
    if undo && !kernel_undo && args.command.is_empty() {
        // --undo without CMD where the kernel cannot undo: this process ends now.
        give_back();
    }
    Ok(())
}

/// `sem set`: one semaphore to a value.
fn set(args: SemSetArgs) -> Result<()> {
    let sem = semaphore::open(&args.target, Some(args.index))?;
    sem.set_value(args.index, args.value)
}

/// The not-now error of a P or an op that --nowait or --timeout gave up on: what it could
/// not `do`, and the values that stopped it.
fn busy(
    sem: &dyn Semaphore,
    doing: &str,
    timeout: Option<Duration>,
    values: &str,
) -> anyhow::Error {
    let object = sem.name();
    not_now(match timeout {
        Some(timeout) => format!(
            "{object}: could not {doing} within {} ({values})",
            humantime::format_duration(timeout)
        ),
        None => format!("{object}: cannot {doing} now ({values})"),
    })
}

fn v(args: SemVArgs) -> Result<()> {
    let sem = semaphore::open(&args.target, Some(args.index))?;
    sem.give(args.index, args.count)
}

/// `sem get --json`: a System V set by key and id, a POSIX semaphore by name, with the
/// same `semaphores` array, so `.semaphores[0].value` reads either.
#[derive(Serialize)]
struct SetJson {
    #[serde(skip_serializing_if = "Option::is_none")]
    key: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<i32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<String>,
    semaphores: Vec<SemaphoreJson>,
}

/// ncnt, zcnt and pid are null for a POSIX semaphore, which does not record them.
#[derive(Serialize)]
struct SemaphoreJson {
    index: usize,
    value: i32,
    ncnt: Option<i32>,
    zcnt: Option<i32>,
    pid: Option<i32>,
}

fn get(args: SemGetArgs) -> Result<()> {
    let sem = semaphore::open(&args.target, None)?;
    let readings = sem.read(args.json)?;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    if args.json {
        let identity = sem.identity();
        let json = SetJson {
            key: identity.key,
            id: identity.id,
            name: identity.name,
            semaphores: readings
                .into_iter()
                .enumerate()
                .map(|(index, reading)| SemaphoreJson {
                    index,
                    value: reading.value,
                    ncnt: reading.ncnt,
                    zcnt: reading.zcnt,
                    pid: reading.pid,
                })
                .collect(),
        };
        serde_json::to_writer(&mut out, &json).context("stdout")?;
        writeln!(out).context("stdout")?;
    } else {
        for reading in readings {
            writeln!(out, "{}", reading.value).context("stdout")?;
        }
    }
    out.flush().context("stdout")
}
