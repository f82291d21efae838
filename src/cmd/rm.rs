//! `ipcx rm`: remove System V and POSIX objects by target, by ipcrm's flags, or by
//! selection.

use std::collections::HashSet;
use std::os::fd::AsFd;

use anyhow::{Context, Result};

use crate::cli::rm::{AnyKind, RmArgs};
use crate::core::ipcdata::{self, Perm};
use crate::core::posix::{self, Entry, PosixKind};
use crate::core::procfs;
use crate::core::signals;
use crate::core::status::{error_text, say, usage, Fail, Failures};
use crate::core::stream::{self, End};
use crate::core::sysv::{describe, Kind};
use crate::core::target::Target;
use crate::core::time;
use crate::core::users::Names;

/// One object to remove, as /proc/sysvipc lists it, with what the filters look at.
struct Found {
    kind: Kind,
    perm: Perm,
    /// For segments: whether nobody has it attached and its creator is gone.
    orphaned: bool,
}

/// The objects of one kind, read once. Whether a segment is orphaned (a stat of its
/// creator's /proc entry) is found out only when `orphans` asks for it.
fn objects(kind: Kind, orphans: bool) -> Result<Vec<Found>> {
    let found = |perm: Perm, orphaned| Found {
        kind,
        perm,
        orphaned,
    };
    Ok(match kind {
        Kind::Msg => ipcdata::msg_records()?
            .into_iter()
            .map(|r| found(r.perm, false))
            .collect(),
        Kind::Shm => ipcdata::shm_records()?
            .into_iter()
            .map(|r| {
                let orphaned = orphans && r.nattch == 0 && !procfs::alive(r.cpid);
                found(r.perm, orphaned)
            })
            .collect(),
        Kind::Sem => ipcdata::sem_records()?
            .into_iter()
            .map(|r| found(r.perm, false))
            .collect(),
    })
}

/// The POSIX objects of one kind, read once; None for queues where /dev/mqueue is not
/// mounted, as they cannot be seen then (though mq_unlink still removes them by name).
fn posix_objects(kind: PosixKind) -> Result<Option<Vec<Entry>>> {
    Ok(match kind {
        PosixKind::Mq => {
            posix::mq_records()?.map(|records| records.into_iter().map(|r| r.entry).collect())
        }
        PosixKind::Pshm => Some(posix::pshm_records()?),
        PosixKind::Psem => Some(
            posix::psem_records()?
                .into_iter()
                .map(|r| r.entry)
                .collect(),
        ),
    })
}

/// One object chosen for removal.
enum Chosen<'a> {
    Sysv(&'a Found),
    /// By name, with its file where it could be seen (not for a queue where /dev/mqueue
    /// is not mounted).
    Posix(PosixKind, &'a str, Option<&'a Entry>),
}

pub fn run(args: RmArgs) -> Result<()> {
    let (requests, posix_requests) = requests(&args)?;
    if requests.is_empty() && posix_requests.is_empty() && args.all.is_none() {
        return Err(usage(
            "nothing to remove: give TYPE TARGET..., -q/-Q/-m/-M/-s/-S, or --all[=TYPE]",
        ));
    }
    let (all_kinds, all_posix): (Vec<Kind>, Vec<PosixKind>) = match args.all {
        None => (Vec::new(), Vec::new()),
        Some(Some(kind)) => match kind.kind() {
            AnyKind::Sysv(kind) => (vec![kind], Vec::new()),
            AnyKind::Posix(kind) => (Vec::new(), vec![kind]),
        },
        // --orphaned is about segments; a bare --all with it selects segments only.
        Some(None) if args.orphaned => (vec![Kind::Shm], Vec::new()),
        // Never the POSIX kinds: DESIGN §3, they are removed in bulk only when named.
        Some(None) => (Kind::ALL.to_vec(), Vec::new()),
    };
    if args.orphaned
        && (all_kinds
            .iter()
            .chain(requests.iter().map(|(k, _)| k))
            .any(|k| *k != Kind::Shm)
            || !all_posix.is_empty()
            || !posix_requests.is_empty())
    {
        return Err(usage(
            "--orphaned selects System V shared memory segments only (use it with shm or --all=shm)",
        ));
    }

    let mut listed: Vec<(Kind, Vec<Found>)> = Vec::new();
    for kind in Kind::ALL {
        if all_kinds.contains(&kind) || requests.iter().any(|(k, _)| *k == kind) {
            listed.push((kind, objects(kind, args.orphaned)?));
        }
    }
    let now = time::now();
    let selected = |found: &Found| {
        args.owner.is_none_or(|uid| found.perm.uid == uid)
            && args.older_than.is_none_or(|age| {
                let age = i64::try_from(age.as_secs()).unwrap_or(i64::MAX);
                now.saturating_sub(found.perm.ctime) >= age
            })
            && (!args.orphaned || found.orphaned)
    };

    let mut posix_listed: Vec<(PosixKind, Option<Vec<Entry>>)> = Vec::new();
    for kind in PosixKind::ALL {
        if all_posix.contains(&kind) || posix_requests.iter().any(|(k, _)| *k == kind) {
            let entries = posix_objects(kind)?;
            if entries.is_none()
                && (all_posix.contains(&kind) || args.owner.is_some() || args.older_than.is_some())
            {
                let what = if all_posix.contains(&kind) {
                    "--all=mq"
                } else if args.owner.is_some() {
                    "--owner"
                } else {
                    "--older-than"
                };
                return Err(anyhow::anyhow!(
                    "POSIX message queues cannot be listed, which {what} needs: {}",
                    posix::mqueue_unmounted()
                ));
            }
            posix_listed.push((kind, entries));
        }
    }
    let posix_selected = |entry: &Entry| {
        args.owner.is_none_or(|uid| entry.uid == uid)
            && args.older_than.is_none_or(|age| {
                let age = i64::try_from(age.as_secs()).unwrap_or(i64::MAX);
                now.saturating_sub(entry.mtime) >= age
            })
    };

    let mut failures = Failures::new();
    let mut chosen: Vec<Chosen> = Vec::new();
    for (kind, target) in &requests {
        let Some((_, found)) = listed.iter().find(|(k, _)| k == kind) else {
            continue;
        };
        match resolve(*kind, target, found) {
            Ok(found) => {
                if selected(found) {
                    chosen.push(Chosen::Sysv(found));
                }
            }
            Err(text) => failures.show(text),
        }
    }
    for (kind, found) in &listed {
        if all_kinds.contains(kind) {
            chosen.extend(found.iter().filter(|f| selected(f)).map(Chosen::Sysv));
        }
    }
    for (kind, name) in &posix_requests {
        let Some((_, entries)) = posix_listed.iter().find(|(k, _)| k == kind) else {
            continue;
        };
        let Some(entries) = entries else {
            // Unlisted queues: mq_unlink needs no mount, and no filter applies (see above).
            chosen.push(Chosen::Posix(*kind, name, None));
            continue;
        };
        match entries.iter().find(|e| &e.name == name) {
            Some(entry) => {
                if posix_selected(entry) {
                    chosen.push(Chosen::Posix(*kind, name, Some(entry)));
                }
            }
            None => failures.show(format!("{} {name}: no such {}", kind.noun(), kind.noun())),
        }
    }
    for (kind, entries) in &posix_listed {
        let Some(entries) = entries else { continue };
        if all_posix.contains(kind) {
            chosen.extend(
                entries
                    .iter()
                    .filter(|e| posix_selected(e))
                    .map(|e| Chosen::Posix(*kind, &e.name, Some(e))),
            );
        }
    }

    let mut seen = HashSet::new();
    let mut seen_posix = HashSet::new();
    let mut names = Names::default();
    // An interrupt ends rm between two removals, or while a report line waits for room
    // on stdout, never between a removal and its line unsaid.
    signals::catch_interrupts().context("installing signal handlers")?;
    let stdout = std::io::stdout();
    let mut lines = Lines {
        out: End::new(stdout.as_fd(), "stdout"),
        removed: 0,
    };
    for chosen in chosen {
        signals::check()?;
        let found = match chosen {
            Chosen::Sysv(found) => found,
            Chosen::Posix(kind, bare, entry) => {
                if !seen_posix.insert((kind, bare)) {
                    continue;
                }
                let name = format!("{} {bare}", kind.noun());
                if args.dry_run {
                    // Unseen, a queue is asked of mq_open whether it is there at all.
                    let missing = match entry {
                        Some(_) => None,
                        None => match posix::mq_exists(bare) {
                            Ok(true) => None,
                            Ok(false) => Some(nix::errno::Errno::ENOENT),
                            Err(errno) => Some(errno),
                        },
                    };
                    match missing {
                        None => lines.would_remove(&name)?,
                        Some(errno) => failures.show(format!("{name}: {}", kind.why(errno))),
                    }
                    continue;
                }
                match kind.unlink(bare) {
                    Ok(()) => lines.removed(&name)?,
                    Err(errno) => {
                        let mut why = kind.why(errno);
                        if let (Some(entry), nix::errno::Errno::EPERM | nix::errno::Errno::EACCES) =
                            (entry, errno)
                        {
                            why.push_str(&format!(
                                " (owner {}, mode {:04o}; removing it needs write permission on its directory)",
                                names.user(entry.uid),
                                entry.mode & 0o777
                            ));
                        }
                        failures.show(format!("{name}: {why}"));
                    }
                }
                continue;
            }
        };
        if !seen.insert((found.kind, found.perm.id)) {
            continue;
        }
        let name = describe(found.kind, Some(found.perm.key), Some(found.perm.id));
        if args.dry_run {
            lines.would_remove(&name)?;
            continue;
        }
        match found.kind.remove(found.perm.id) {
            Ok(()) => lines.removed(&name)?,
            Err(errno) => {
                let mut why = found.kind.why(errno);
                if matches!(errno, nix::errno::Errno::EPERM | nix::errno::Errno::EACCES) {
                    why.push_str(&format!(
                        " (owner {}, mode {:04o}; only the owner, the creator or root may remove it)",
                        names.user(found.perm.uid),
                        found.perm.mode & 0o777
                    ));
                }
                failures.show(format!("{name}: {why}"));
            }
        }
    }
    failures.finish()
}

/// The report on stdout, one line per object. Each line is written out (not buffered)
/// before the next object is removed: when stdout cannot take it, nothing more is removed,
/// so at most one removal goes unreported, and stderr names it.
struct Lines<'a> {
    out: End<'a>,
    /// Objects removed so far, the one being reported included.
    removed: usize,
}

impl Lines<'_> {
    /// `--dry-run`: nothing was removed, so a failed write is an ordinary output error.
    fn would_remove(&mut self, name: &str) -> Result<()> {
        stream::write_all(self.out, format!("would remove {name}\n").as_bytes())
    }

    /// Reports an object just removed; an error stops the removal.
    fn removed(&mut self, name: &str) -> Result<()> {
        self.removed += 1;
        let Err(err) = stream::write_all(self.out, format!("removed {name}\n").as_bytes()) else {
            return Ok(());
        };
        let objects = if self.removed == 1 {
            "object"
        } else {
            "objects"
        };
        let note = format!(
            "stopped after removing {} {objects}; the line for the last ({name}) was lost",
            self.removed
        );
        if let Some(signal) = err.downcast_ref::<Fail>().and_then(Fail::signal) {
            return Err(Fail::Lost { signal, note }.into());
        }
        let io = err
            .chain()
            .find_map(|cause| cause.downcast_ref::<std::io::Error>());
        if io.is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe) {
            // The reader went away: nobody is left to tell, so the end is quiet (141),
            // as for every command, but it still comes before the next removal.
            return Err(err);
        }
        let why = io.map_or_else(|| error_text(&err), crate::core::io_text);
        say(&format!("writing stdout: {why}: {note}"));
        Err(Fail::Reported.into())
    }
}

/// The System V (kind, target) pairs and the POSIX (kind, /NAME) pairs named on the
/// command line, checked before anything is touched.
type Requests = (Vec<(Kind, Target)>, Vec<(PosixKind, String)>);

fn requests(args: &RmArgs) -> Result<Requests> {
    let mut requests = Vec::new();
    let mut posix_requests = Vec::new();
    if let Some(kind) = args.kind {
        for target in &args.targets {
            match (kind.kind(), target) {
                (AnyKind::Posix(kind), Target::Posix(name)) => {
                    posix_requests.push((kind, name.clone()))
                }
                (AnyKind::Posix(kind), other) => {
                    return Err(usage(format!(
                        "'{other}' is not a POSIX name; {} objects are named /NAME",
                        kind.name()
                    )))
                }
                (AnyKind::Sysv(_), Target::Private) => {
                    return Err(usage(
                        "'private' names no existing object; give a key or id:N",
                    ))
                }
                (AnyKind::Sysv(kind), Target::Posix(name)) => {
                    return Err(usage(format!(
                        "{name} is a POSIX name; {} objects are named by KEY, id:N or ftok:PATH (for POSIX objects use mq, pshm or psem)",
                        kind.name()
                    )))
                }
                (AnyKind::Sysv(kind), _) => requests.push((kind, target.clone())),
            }
        }
    }
    let flags: [(Kind, &Vec<i32>, bool); 6] = [
        (Kind::Msg, &args.queue_id, true),
        (Kind::Msg, &args.queue_key, false),
        (Kind::Shm, &args.shmem_id, true),
        (Kind::Shm, &args.shmem_key, false),
        (Kind::Sem, &args.semaphore_id, true),
        (Kind::Sem, &args.semaphore_key, false),
    ];
    for (kind, values, by_id) in flags {
        for value in values {
            let target = if by_id {
                if *value < 0 {
                    return Err(usage(format!("'{value}' is not an id (ids are 0 or more)")));
                }
                Target::Id(*value)
            } else if *value == 0 {
                return Err(usage(
                    "key 0 is IPC_PRIVATE, which names no single object; remove it by id",
                ));
            } else {
                Target::Key(*value)
            };
            requests.push((kind, target));
        }
    }
    Ok((requests, posix_requests))
}

/// The listed object a target names, or the error line for it.
fn resolve<'a>(kind: Kind, target: &Target, listed: &'a [Found]) -> Result<&'a Found, String> {
    let (key, id) = match target {
        Target::Id(id) => (None, Some(*id)),
        other => match other.key() {
            Ok(key) => (key, None),
            Err(err) => {
                let why = err
                    .downcast_ref::<std::io::Error>()
                    .map(crate::core::io_text)
                    .unwrap_or_else(|| err.to_string());
                return Err(format!("{} {target}: {err}: {why}", kind.noun()));
            }
        },
    };
    listed
        .iter()
        .find(|f| Some(f.perm.id) == id || (id.is_none() && Some(f.perm.key) == key))
        .ok_or_else(|| format!("{}: no such {}", describe(kind, key, id), kind.noun()))
}
