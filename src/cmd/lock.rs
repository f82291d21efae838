//! `ipcx lock PATH|FD [-- CMD]` and `ipcx lock test PATH`: take a file lock and run a
//! command holding it (or leave it on the caller's descriptor), or say who holds it.
//!
//! With CMD ipcx becomes CMD, so nothing stays behind to release the lock: a flock or OFD
//! lock belongs to the open file, which CMD inherits (it is opened without O_CLOEXEC) and
//! the kernel drops when CMD's last descriptor of it closes, at its end however it ends; a
//! POSIX lock belongs to the process, which execve keeps, and goes when it exits.

use std::ffi::OsString;
use std::io::Write;
use std::os::fd::{AsFd, BorrowedFd, RawFd};
use std::path::Path;

use anyhow::{Context, Result};
use serde::Serialize;

use crate::cli::lock::{LockArgs, LockCommand, LockHow, LockTestArgs};
use crate::core::exec::exec;
use crate::core::interrupts;
use crate::core::lock::{self, Access, Api, Conflict, Range};
use crate::core::status::{not_now, say, usage, Fail};
use crate::core::wait::{patiently, Attempt, Patience};

pub fn run(args: LockArgs) -> Result<()> {
    match args.command {
        Some(LockCommand::Test(args)) => test(args),
        None => take(args),
    }
}

/// What the flags ask for, checked: a range only for the fcntl kinds.
fn what(how: &LockHow) -> Result<(Api, Access, Range)> {
    let api = how.api.api();
    if how.range.is_some() && !api.ranged() {
        return Err(usage(
            "--range needs --api ofd or posix: flock(2) locks the whole file",
        ));
    }
    let access = if how.shared {
        Access::Shared
    } else {
        Access::Exclusive
    };
    Ok((api, access, how.range.unwrap_or_default()))
}

/// A descriptor number, or None for a path.
fn descriptor(target: &OsString) -> Option<Result<RawFd, ()>> {
    let text = target.to_str()?;
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some(text.parse().map_err(drop))
}

fn take(args: LockArgs) -> Result<()> {
    let (api, access, range) = what(&args.how)?;
    let target = args.target.clone().unwrap_or_default();
    let has_command = !args.command_line.is_empty();
    // The lock lives on a descriptor: the caller's, or one this opens and keeps open for
    // CMD (dropped only when ipcx gives up).
    let (fd, name, kept): (BorrowedFd<'static>, String, Option<RawFd>) = match descriptor(&target) {
        Some(number) => {
            let Ok(number) = number else {
                return Err(usage(format!(
                    "'{}' is not a descriptor number",
                    target.to_string_lossy()
                )));
            };
            if api == Api::Posix && !has_command {
                return Err(usage(format!(
                    "descriptor {number}: a posix lock belongs to the process and would go when ipcx exits; \
                     use --api flock or ofd, or give a command after --"
                )));
            }
            let fd = lock::inherited(number).map_err(|errno| match errno {
                nix::errno::Errno::EBADF => {
                    anyhow::anyhow!(
                        "descriptor {number} is not open (open it first: exec {number}>>FILE)"
                    )
                }
                _ => anyhow::Error::from(errno).context(format!("descriptor {number}")),
            })?;
            (fd, format!("descriptor {number}"), None)
        }
        None => {
            let path = Path::new(&target);
            let name = lock::path_text(path);
            if !has_command {
                return Err(usage(format!(
                    "{name}: a lock on a path needs a command after -- (it would go when ipcx exits); \
                     to keep one in the shell, lock a descriptor: exec 9>>{name}; ipcx lock 9"
                )));
            }
            let opened = lock::open(path, args.mode).map_err(|errno| open_error(&name, errno))?;
            if opened.read_only && needs_write(api, access) {
                return Err(anyhow::anyhow!(
                    "{name}: an exclusive {} lock needs the file open for writing, and it can only be read",
                    api.name()
                ));
            }
            let raw = lock::keep_open(opened.fd);
            let fd = lock::inherited(raw).context("the opened file")?;
            (fd, name, Some(raw))
        }
    };
    interrupts::catch_interrupts().context("cannot catch signals")?;
    let patience = Patience::new(args.nowait, args.timeout);
    let wanted = lock_words(api, access);
    let outcome = patiently(patience, false, |wait| {
        lock::take(fd, api, access, range, wait)
    })?;
    match outcome {
        Attempt::Done(()) => {}
        Attempt::GaveUp => {
            let holder = lock::conflict(fd, api, access, range)
                .ok()
                .flatten()
                .map(|c| lock::holders_text(&c.pids))
                .unwrap_or_else(|| "held by another lock".into());
            let on = on_range(api, range);
            return Err(not_now(match patience {
                Patience::For(_) => format!(
                    "{name}: could not take {wanted}{on}{}: {holder}",
                    patience.within()
                ),
                _ => format!("{name}: cannot take {wanted}{on} now: {holder}"),
            }));
        }
        Attempt::Failed(errno) => return Err(take_error(&name, &wanted, errno)),
    }
    // A signal that came as the wait ended still means "stop": nothing runs, nothing held.
    if let Err(fail) = interrupts::check() {
        lock::release(fd, api, range);
        return Err(fail.into());
    }
    if !has_command {
        return Ok(());
    }
    let failure = exec(&args.command_line);
    if let Some(raw) = kept {
        lock::close_kept(raw);
    } else {
        lock::release(fd, api, range);
    }
    say(&format!(
        "{}: {}",
        args.command_line[0].to_string_lossy(),
        failure.why
    ));
    Err(Fail::Exit(failure.status).into())
}

/// `an exclusive flock lock`, `a shared posix lock`.
fn lock_words(api: Api, access: Access) -> String {
    let article = match access {
        Access::Shared => "a",
        Access::Exclusive => "an",
    };
    format!("{article} {} {} lock", access.name(), api.name())
}

fn needs_write(api: Api, access: Access) -> bool {
    api.ranged() && access == Access::Exclusive
}

/// ` on bytes 0 to 9` for a ranged lock that is not the whole file.
fn on_range(api: Api, range: Range) -> String {
    if api.ranged() && range != Range::default() {
        format!(" on {}", range.text())
    } else {
        String::new()
    }
}

fn open_error(name: &str, errno: nix::errno::Errno) -> anyhow::Error {
    use nix::errno::Errno;
    match errno {
        Errno::ELOOP => anyhow::anyhow!(
            "{name}: is a symbolic link to a missing file: not creating a lock file through it"
        ),
        _ => anyhow::Error::from(errno).context(format!("cannot open {name}")),
    }
}

fn take_error(name: &str, wanted: &str, errno: nix::errno::Errno) -> anyhow::Error {
    use nix::errno::Errno;
    match errno {
        Errno::EDEADLK => anyhow::anyhow!(
            "{name}: cannot take {wanted}: waiting would deadlock (a process it waits for waits for this one)"
        ),
        Errno::ENOLCK => anyhow::anyhow!(
            "{name}: cannot take {wanted}: the kernel's lock table is full (ENOLCK)"
        ),
        Errno::EBADF => anyhow::anyhow!(
            "{name}: cannot take {wanted}: the descriptor is not open for {}",
            if wanted.starts_with("an exclusive") { "writing" } else { "reading" }
        ),
        _ => anyhow::Error::from(errno).context(format!("{name}: cannot take {wanted}")),
    }
}

#[derive(Serialize)]
struct ConflictJson {
    r#type: String,
    mode: &'static str,
    start: u64,
    end: Option<u64>,
    pids: Vec<i32>,
    commands: Vec<Option<String>>,
}

fn test(args: LockTestArgs) -> Result<()> {
    let (api, access, range) = what(&args.how)?;
    let name = lock::path_text(&args.path);
    let opened = lock::open_existing(&args.path)
        .map_err(|errno| anyhow::Error::from(errno).context(format!("cannot open {name}")))?;
    if opened.read_only && needs_write(api, access) {
        return Err(anyhow::anyhow!(
            "{name}: testing an exclusive {} lock needs the file open for writing, and it can only be read",
            api.name()
        ));
    }
    let found = lock::conflict(opened.fd.as_fd(), api, access, range)
        .map_err(|errno| take_error(&name, &lock_words(api, access), errno))?;
    let mut out = std::io::stdout().lock();
    if args.json {
        let json = found.as_ref().map(conflict_json);
        serde_json::to_writer(&mut out, &json).context("stdout")?;
        writeln!(out).context("stdout")?;
    } else if let Some(conflict) = &found {
        writeln!(out, "{}", conflict_line(conflict)).context("stdout")?;
    }
    out.flush().context("stdout")?;
    match found {
        None => Ok(()),
        Some(_) => Err(Fail::Exit(crate::core::status::NOT_NOW).into()),
    }
}

/// `POSIX WRITE 0 EOF 4242 (python3)`: kind, mode, start, end and the holders.
fn conflict_line(conflict: &Conflict) -> String {
    let end = conflict
        .end
        .map_or_else(|| "EOF".to_string(), |end| end.to_string());
    let holders: Vec<String> = conflict
        .pids
        .iter()
        .map(|&pid| lock::named_pid(pid))
        .collect();
    let holders = if holders.is_empty() {
        "-".to_string()
    } else {
        holders.join(" ")
    };
    format!(
        "{} {} {} {end} {holders}",
        conflict.kind,
        mode_word(conflict.access),
        conflict.start
    )
}

fn mode_word(access: Access) -> &'static str {
    match access {
        Access::Shared => "READ",
        Access::Exclusive => "WRITE",
    }
}

fn conflict_json(conflict: &Conflict) -> ConflictJson {
    ConflictJson {
        r#type: conflict.kind.clone(),
        mode: mode_word(conflict.access),
        start: conflict.start,
        end: conflict.end,
        pids: conflict.pids.clone(),
        commands: conflict
            .pids
            .iter()
            .map(|&pid| crate::core::procfs::comm(pid))
            .collect(),
    }
}
