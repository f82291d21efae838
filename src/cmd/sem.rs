//! `ipcx sem init/p/v/get`: System V semaphore sets from the shell, and `sem p -- CMD`, a
//! counting flock(1) whose slot the kernel gives back when CMD ends, however it ends.
//!
//! A `/NAME` target is a POSIX named semaphore: a single counter with no undo, so `sem p
//! /NAME -- CMD` stays as a small supervisor that gives the slot back when CMD ends.

use std::io::Write;
use std::time::{Duration, Instant};

use anyhow::{anyhow, Context, Result};
use nix::errno::Errno;
use serde::Serialize;

use crate::cli::sem::{SemArgs, SemCommand, SemGetArgs, SemInitArgs, SemPArgs, SemVArgs};
use crate::core::exec::{exec, supervise};
use crate::core::ipcdata::Limits;
use crate::core::posix::sem::{NamedSem, OpenError};
use crate::core::posix::Wait;
use crate::core::signals;
use crate::core::status::{not_now, say, usage, Fail};
use crate::core::sysv::object::{Address, Object};
use crate::core::sysv::sem::{self, SemOp, SemSet, IPC_NOWAIT, SEMVMX, SEM_UNDO};
use crate::core::sysv::{Kind, IPC_CREAT, IPC_EXCL, IPC_PRIVATE};
use crate::core::target::Target;

/// How long a losing `init` waits for the winner to mark the set initialised, counted from
/// the set's creation (sem_ctime), so an old set that was never marked is reported at once.
const INIT_WAIT_SECS: i64 = 3;

pub fn run(args: SemArgs) -> Result<()> {
    match args.command {
        SemCommand::Init(args) => init(args),
        SemCommand::P(args) => p(args),
        SemCommand::V(args) => v(args),
        SemCommand::Get(args) => get(args),
    }
}

fn find(address: Address) -> Result<(Object, SemSet)> {
    // An id is found by its stat, which also has the size: kept, so it is read once.
    let size = std::cell::Cell::new(None);
    let object = Object::find(
        Kind::Sem,
        address,
        |key| sem::get(key, 0, 0),
        |id| {
            sem::stat_any(id).map(|stat| {
                size.set(Some(stat.nsems));
                stat.key
            })
        },
    )?;
    let set = match size.get() {
        Some(nsems) => SemSet {
            semid: object.id,
            nsems,
        },
        None => SemSet::open(object.id).map_err(|errno| object.error(Kind::Sem.why(errno)))?,
    };
    Ok((object, set))
}

/// The set a P, V or get names, and the index checked against its size.
fn find_index(target: &crate::core::target::Target, index: u16) -> Result<(Object, SemSet)> {
    let (object, set) = find(Address::of(Kind::Sem, target)?)?;
    if usize::from(index) >= set.nsems {
        let indices = match set.nsems {
            1 => "index 0".to_string(),
            n => format!("index 0 to {}", n.saturating_sub(1)),
        };
        return Err(object.error(format!(
            "index {index} is out of range: it has {} ({indices})",
            count_of(set.nsems)
        )));
    }
    Ok((object, set))
}

fn count_of(nsems: usize) -> String {
    match nsems {
        1 => "1 semaphore".into(),
        n => format!("{n} semaphores"),
    }
}

/// The current value of one semaphore, for a message ("?" if it cannot be read).
fn value_of(set: &SemSet, index: u16) -> String {
    set.getall()
        .ok()
        .and_then(|values| values.get(usize::from(index)).copied())
        .map_or_else(|| "?".to_string(), |value| value.to_string())
}

/// Why a semop failed, naming the limit that was hit and where it is set.
fn op_why(object: &Object, set: &SemSet, errno: Errno, index: u16, nops: usize) -> anyhow::Error {
    match errno {
        Errno::ERANGE => object.error(format!(
            "semaphore {index} is {}: the change would take it past semvmx {SEMVMX}, the largest value a semaphore holds",
            value_of(set, index)
        )),
        Errno::E2BIG => {
            let semopm = Limits::read().map_or_else(|_| "?".into(), |l| l.semopm.to_string());
            object.error(format!(
                "a semop of {nops} operation{} exceeds semopm {semopm} (/proc/sys/kernel/sem, third field)",
                if nops == 1 { "" } else { "s" }
            ))
        }
        Errno::EIDRM => object.error("the set was removed while waiting"),
        Errno::EFBIG => object.error(format!("index {index} is out of range")),
        other => object.error(Kind::Sem.why(other)),
    }
}

fn init(args: SemInitArgs) -> Result<()> {
    if let Target::Posix(name) = &args.target {
        return posix_init(name, &args);
    }
    let address = Address::of(Kind::Sem, &args.target)?;
    let values = sysv_values(&args.values)?;
    let nsems = values.len();
    let key = match address {
        Address::Key(key) => key,
        Address::Private => IPC_PRIVATE,
        Address::Id(_) if args.force => return force(address, &values),
        Address::Id(_) => {
            return Err(usage(
                "id:N names a set that exists: add --force to set its values, or give a KEY to create one",
            ))
        }
    };
    let flags = IPC_CREAT | IPC_EXCL | args.mode as i32;
    let semid = match sem::get(key, i32::try_from(nsems).unwrap_or(i32::MAX), flags) {
        Ok(semid) => semid,
        Err(Errno::EEXIST) if args.force => return force(address, &values),
        Err(Errno::EEXIST) => return exists(address),
        Err(errno) => {
            return Err(anyhow!(
                "{}: cannot create {}: {}",
                address.describe(Kind::Sem),
                count_of(nsems),
                create_why(errno, nsems)
            ))
        }
    };
    let object = Object {
        kind: Kind::Sem,
        key,
        id: semid,
    };
    let set = SemSet { semid, nsems };
    if let Err(err) = initialise(&object, &set, &values) {
        // Nobody can have used a set that was never marked initialised; leave none behind.
        let _ = sem::remove(semid);
        return Err(err);
    }
    if address == Address::Private {
        eprintln!("id:{semid}");
    }
    Ok(())
}

/// The values of a System V set, each at most semvmx.
fn sysv_values(values: &[u32]) -> Result<Vec<u16>> {
    values
        .iter()
        .map(|&value| match u16::try_from(value) {
            Ok(value) if value <= SEMVMX => Ok(value),
            _ => Err(usage(format!(
                "{value} is more than semvmx {SEMVMX}, the largest value a System V semaphore holds"
            ))),
        })
        .collect()
}

/// SETALL, then one semop that changes nothing, so that sem_otime — which SETALL leaves
/// at 0 — shows other processes the set is ready (Stevens, UNP vol. 2, §11.2). The semop
/// nets zero, so initialisers racing on one set (a creator and `--force`, or two `--force`)
/// all leave exactly the values given.
fn initialise(object: &Object, set: &SemSet, values: &[u16]) -> Result<()> {
    set.setall(values).map_err(|errno| {
        object.error(format!("cannot set its values: {}", Kind::Sem.why(errno)))
    })?;
    mark(set).map_err(|errno| op_why(object, set, errno, 0, 2))
}

/// Sets sem_otime with a semop that nets zero on semaphore 0 and never waits: give one and
/// take it back, which fits any value but semvmx (ERANGE), where taking one and giving it
/// back fits instead. Both need only alter permission, like the SETALL before them.
fn mark(set: &SemSet) -> Result<(), Errno> {
    let op = |delta| SemOp {
        index: 0,
        delta,
        flags: IPC_NOWAIT,
    };
    loop {
        match set.op(&[op(1), op(-1)]) {
            Err(Errno::ERANGE) => {}
            done => return done,
        }
        // At semvmx a moment ago; EAGAIN only if others took it all the way to 0 since.
        match set.op(&[op(-1), op(1)]) {
            Err(Errno::EAGAIN) => {}
            done => return done,
        }
    }
}

/// `--force` on an existing set: its values are replaced (their number must match).
fn force(address: Address, values: &[u16]) -> Result<()> {
    let (object, set) = find(address)?;
    if set.nsems != values.len() {
        return Err(object.error(format!(
            "it has {}, not {}; remove it (ipcx rm sem {}) to make it anew",
            count_of(set.nsems),
            values.len(),
            match address {
                Address::Id(id) => format!("id:{id}"),
                _ => crate::core::target::key_hex(object.key),
            }
        )));
    }
    initialise(&object, &set, values)
}

/// The loser of a race to create: once the winner has marked the set initialised, say that
/// it exists, so nothing uses the set before its values are in.
fn exists(address: Address) -> Result<()> {
    let (object, set) = find(address)?;
    loop {
        let stat = set
            .stat()
            .map_err(|errno| object.error(Kind::Sem.why(errno)))?;
        if stat.otime != 0 {
            return Err(object.error("already exists (--force sets its values)"));
        }
        if crate::core::time::now().saturating_sub(stat.ctime) >= INIT_WAIT_SECS {
            return Err(object.error(
                "already exists, and was never marked initialised (sem_otime is 0): another program \
                 made it, or its creator died before setting it up; --force sets its values",
            ));
        }
        std::thread::sleep(Duration::from_millis(5));
    }
}

fn create_why(errno: Errno, nsems: usize) -> String {
    let limits = Limits::read().ok();
    match (errno, limits) {
        (Errno::EINVAL, Some(limits)) if nsems as u64 > limits.semmsl => format!(
            "{nsems} semaphores exceed semmsl {} (/proc/sys/kernel/sem, first field)",
            limits.semmsl
        ),
        (Errno::ENOSPC, Some(limits)) => format!(
            "the limit of semmni {} sets or semmns {} semaphores is reached (/proc/sys/kernel/sem, fourth and second fields)",
            limits.semmni, limits.semmns
        ),
        (other, _) => Kind::Sem.why(other),
    }
}

fn p(args: SemPArgs) -> Result<()> {
    if let Target::Posix(name) = &args.target {
        return posix_p(name, &args);
    }
    let (object, set) = find_index(&args.target, args.index)?;
    let has_command = !args.command.is_empty();
    let undo = has_command && !args.no_undo;
    let mut flags = if undo { SEM_UNDO } else { 0 };
    if args.nowait {
        flags |= IPC_NOWAIT;
    }
    let take = SemOp {
        index: args.index,
        delta: -(args.count as i16),
        flags,
    };
    signals::catch_interrupts().context("cannot catch signals")?;
    let deadline = args.timeout.map(|timeout| Instant::now() + timeout);
    loop {
        // A signal caught just before the wait would otherwise not end it.
        signals::check()?;
        let result = match deadline {
            None => set.op(&[take]),
            Some(deadline) => match deadline.checked_duration_since(Instant::now()) {
                Some(left) if !left.is_zero() => set.timed_op(&[take], left),
                _ => Err(Errno::EAGAIN),
            },
        };
        match result {
            Ok(()) => break,
            // A signal of ours ends the wait with nothing taken; another (SIGCONT after a
            // stop, say) only interrupts it.
            Err(Errno::EINTR) => signals::check()?,
            Err(Errno::EAGAIN) => {
                let what = format!("{} from semaphore {}", args.count, args.index);
                return Err(busy(
                    &object,
                    &what,
                    args.timeout,
                    &value_of(&set, args.index),
                ));
            }
            Err(errno) => return Err(op_why(&object, &set, errno, args.index, 1)),
        }
    }
    let give_back = || {
        if !undo {
            let back = SemOp {
                delta: -take.delta,
                flags: 0,
                ..take
            };
            let _ = set.op(&[back]);
        }
    };
    // A signal that came just as the wait ended still means "stop": nothing stays taken.
    if let Err(fail) = signals::check() {
        give_back();
        return Err(fail.into());
    }
    if !has_command {
        return Ok(());
    }
    let failure = exec(&args.command);
    give_back();
    say(&format!(
        "{}: {}",
        args.command[0].to_string_lossy(),
        failure.why
    ));
    Err(Fail::Exit(failure.status).into())
}

/// The not-now error of a P that --nowait or --timeout gave up on.
fn busy(
    object: &dyn std::fmt::Display,
    what: &str,
    timeout: Option<Duration>,
    value: &str,
) -> anyhow::Error {
    not_now(match timeout {
        Some(timeout) => format!(
            "{object}: could not take {what} within {} (its value is {value})",
            humantime::format_duration(timeout)
        ),
        None => format!("{object}: cannot take {what} now (its value is {value})"),
    })
}

fn v(args: SemVArgs) -> Result<()> {
    if let Target::Posix(name) = &args.target {
        return posix_v(name, &args);
    }
    let (object, set) = find_index(&args.target, args.index)?;
    let give = SemOp {
        index: args.index,
        delta: args.count as i16,
        flags: 0,
    };
    set.op(&[give])
        .map_err(|errno| op_why(&object, &set, errno, args.index, 1))
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

fn print_json(json: &SetJson) -> Result<()> {
    let mut out = std::io::stdout().lock();
    serde_json::to_writer(&mut out, json).context("stdout")?;
    writeln!(out).context("stdout")?;
    out.flush().context("stdout")
}

fn get(args: SemGetArgs) -> Result<()> {
    if let Target::Posix(name) = &args.target {
        return posix_get(name, &args);
    }
    let (object, set) = find(Address::of(Kind::Sem, &args.target)?)?;
    let failed = |errno| object.error(Kind::Sem.why(errno));
    let values = set.getall().map_err(failed)?;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    if args.json {
        let mut semaphores = Vec::with_capacity(values.len());
        for (index, value) in values.into_iter().enumerate() {
            semaphores.push(SemaphoreJson {
                index,
                value: i32::from(value),
                ncnt: Some(set.ncnt(index).map_err(failed)?),
                zcnt: Some(set.zcnt(index).map_err(failed)?),
                pid: Some(set.pid(index).map_err(failed)?),
            });
        }
        drop(out);
        return print_json(&SetJson {
            key: Some(crate::core::target::key_hex(object.key)),
            id: Some(object.id),
            name: None,
            semaphores,
        });
    } else {
        for value in values {
            writeln!(out, "{value}").context("stdout")?;
        }
    }
    out.flush().context("stdout")
}

// ---------------------------------------------------------------------------------------
// POSIX named semaphores

/// `POSIX semaphore /NAME`, for messages.
fn posix_label(name: &str) -> String {
    format!("{} {name}", Kind::Psem.noun())
}

fn posix_open(name: &str) -> Result<NamedSem> {
    NamedSem::open(name).map_err(|err| {
        let why = match err {
            OpenError::Sys(Errno::ENOENT) => "no such semaphore".to_string(),
            OpenError::Sys(errno) => Kind::Psem.why(errno),
            OpenError::NotASemaphore(why) => why,
        };
        anyhow!("{}: {why}", posix_label(name))
    })
}

/// -n picks a semaphore of a System V set; a POSIX semaphore is one.
fn single(index: u16) -> Result<()> {
    if index != 0 {
        return Err(usage(format!(
            "-n {index}: a POSIX semaphore is a single semaphore (index 0 only)"
        )));
    }
    Ok(())
}

fn posix_init(name: &str, args: &SemInitArgs) -> Result<()> {
    let label = posix_label(name);
    let [value] = args.values[..] else {
        return Err(usage(format!(
            "{name}: a POSIX semaphore is a single semaphore: give one VALUE, not {}",
            args.values.len()
        )));
    };
    // sem_open makes and initialises it in one step (glibc links a ready file into
    // /dev/shm), so nobody sees it before its value is in.
    let existing = match NamedSem::create(name, args.mode, value) {
        Ok(_) => return Ok(()),
        Err(Errno::EEXIST) if args.force => posix_open(name)?,
        Err(Errno::EEXIST) => {
            return Err(anyhow!("{label}: already exists (--force sets its value)"))
        }
        Err(errno) => return Err(anyhow!("{label}: cannot create: {}", Kind::Psem.why(errno))),
    };
    // POSIX has no "set the value": post or take without waiting until it is reached.
    // Not atomic: a holder's V or a waiter's P in between is counted as it happens.
    // parse_init_value holds it to SEM_VALUE_MAX, which is i32::MAX.
    let target = i32::try_from(value).unwrap_or(i32::MAX);
    let failed = |errno| anyhow!("{label}: cannot set its value: {}", Kind::Psem.why(errno));
    loop {
        let now = existing.value().map_err(failed)?;
        if now == target {
            return Ok(());
        }
        let step = if now < target {
            existing.post()
        } else {
            existing.wait(Wait::No)
        };
        match step {
            // Someone took it first (EAGAIN) or a signal came: look at the value again.
            Ok(()) | Err(Errno::EAGAIN) | Err(Errno::EINTR) => {}
            Err(errno) => return Err(failed(errno)),
        }
    }
}

/// Gives back `count` taken tokens (when a P is cut short or CMD has ended).
fn give_back(sem: &NamedSem, count: u16) {
    for _ in 0..count {
        let _ = sem.post();
    }
}

fn posix_p(name: &str, args: &SemPArgs) -> Result<()> {
    single(args.index)?;
    let label = posix_label(name);
    let sem = posix_open(name)?;
    let has_command = !args.command.is_empty();
    signals::catch_interrupts().context("cannot catch signals")?;
    let wait = if args.nowait {
        Wait::No
    } else {
        Wait::within(args.timeout)
    };
    // COUNT waits against one deadline; what a P cut short took is given back.
    let mut taken = 0u16;
    while taken < args.count {
        if let Err(fail) = signals::check() {
            give_back(&sem, taken);
            return Err(fail.into());
        }
        match sem.wait(wait) {
            Ok(()) => taken += 1,
            // A signal of ours ends the wait (checked above); another only interrupts it.
            Err(Errno::EINTR) => {}
            Err(Errno::EAGAIN | Errno::ETIMEDOUT) => {
                give_back(&sem, taken);
                let value = sem.value().map_or_else(|_| "?".into(), |v| v.to_string());
                return Err(busy(&label, &args.count.to_string(), args.timeout, &value));
            }
            Err(errno) => {
                give_back(&sem, taken);
                return Err(anyhow!("{label}: {}", Kind::Psem.why(errno)));
            }
        }
    }
    // A signal that came just as the wait ended still means "stop": nothing stays taken.
    if let Err(fail) = signals::check() {
        give_back(&sem, taken);
        return Err(fail.into());
    }
    if !has_command {
        return Ok(());
    }
    if args.no_undo {
        let failure = exec(&args.command);
        give_back(&sem, taken);
        say(&format!(
            "{}: {}",
            args.command[0].to_string_lossy(),
            failure.why
        ));
        return Err(Fail::Exit(failure.status).into());
    }
    // No undo in POSIX: stay, run CMD as a child, and give the slot back however it ends.
    let ended = supervise(&args.command);
    give_back(&sem, taken);
    match ended {
        Ok(0) => Ok(()),
        Ok(status) => Err(Fail::Exit(status).into()),
        Err(failure) => {
            say(&format!(
                "{}: {}",
                args.command[0].to_string_lossy(),
                failure.why
            ));
            Err(Fail::Exit(failure.status).into())
        }
    }
}

fn posix_v(name: &str, args: &SemVArgs) -> Result<()> {
    single(args.index)?;
    let label = posix_label(name);
    let sem = posix_open(name)?;
    for given in 0..args.count {
        match sem.post() {
            Ok(()) => {}
            Err(Errno::EOVERFLOW) => {
                return Err(anyhow!(
                    "{label}: the value would pass SEM_VALUE_MAX {}, the largest a POSIX semaphore holds{}",
                    crate::core::posix::sem::SEM_VALUE_MAX,
                    if given > 0 { format!("; gave {given} of {}", args.count) } else { String::new() }
                ))
            }
            Err(errno) => return Err(anyhow!("{label}: {}", Kind::Psem.why(errno))),
        }
    }
    Ok(())
}

fn posix_get(name: &str, args: &SemGetArgs) -> Result<()> {
    let sem = posix_open(name)?;
    let value = sem
        .value()
        .map_err(|errno| anyhow!("{}: {}", posix_label(name), Kind::Psem.why(errno)))?;
    if args.json {
        return print_json(&SetJson {
            key: None,
            id: None,
            name: Some(name.to_string()),
            semaphores: vec![SemaphoreJson {
                index: 0,
                value,
                ncnt: None,
                zcnt: None,
                pid: None,
            }],
        });
    }
    let mut out = std::io::stdout().lock();
    writeln!(out, "{value}").context("stdout")?;
    out.flush().context("stdout")
}
