//! `ipcx rm`: remove System V objects by target, by ipcrm's flags, or by selection.

use std::collections::HashSet;
use std::io::{BufWriter, Write};

use anyhow::{Context, Result};

use crate::cli::rm::RmArgs;
use crate::core::procfs::{self, Perm};
use crate::core::status::{print_error, usage, Fail};
use crate::core::sysv::{describe, Kind};
use crate::core::target::Target;
use crate::core::time;
use crate::core::users::Names;

/// One object to remove, as found in /proc/sysvipc, with what the filters look at.
struct Found {
    kind: Kind,
    perm: Perm,
    /// For segments: whether nobody has it attached and its creator is gone.
    orphaned: bool,
}

/// The objects of one kind, read once.
fn objects(kind: Kind) -> Result<Vec<Found>> {
    let found = |perm: Perm, orphaned| Found {
        kind,
        perm,
        orphaned,
    };
    Ok(match kind {
        Kind::Msg => procfs::msg_records()?
            .into_iter()
            .map(|r| found(r.perm, false))
            .collect(),
        Kind::Shm => procfs::shm_records()?
            .into_iter()
            .map(|r| {
                let orphaned = r.nattch == 0 && !procfs::alive(r.cpid);
                found(r.perm, orphaned)
            })
            .collect(),
        Kind::Sem => procfs::sem_records()?
            .into_iter()
            .map(|r| found(r.perm, false))
            .collect(),
    })
}

pub fn run(args: RmArgs) -> Result<()> {
    let requests = requests(&args)?;
    if requests.is_empty() && args.all.is_none() {
        return Err(usage(
            "nothing to remove: give TYPE TARGET..., -q/-Q/-m/-M/-s/-S, or --all[=TYPE]",
        ));
    }
    let all_kinds: Vec<Kind> = match args.all {
        None => Vec::new(),
        Some(Some(kind)) => vec![kind.kind()],
        // --orphaned is about segments; a bare --all with it selects segments only.
        Some(None) if args.orphaned => vec![Kind::Shm],
        Some(None) => Kind::ALL.to_vec(),
    };
    if args.orphaned
        && all_kinds
            .iter()
            .chain(requests.iter().map(|(k, _)| k))
            .any(|k| *k != Kind::Shm)
    {
        return Err(usage(
            "--orphaned selects shared memory segments only (use it with shm or --all=shm)",
        ));
    }

    let mut listed: Vec<(Kind, Vec<Found>)> = Vec::new();
    for kind in Kind::ALL {
        if all_kinds.contains(&kind) || requests.iter().any(|(k, _)| *k == kind) {
            listed.push((kind, objects(kind)?));
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

    let mut failed = false;
    let mut chosen: Vec<&Found> = Vec::new();
    for (kind, target) in &requests {
        let Some((_, found)) = listed.iter().find(|(k, _)| k == kind) else {
            continue;
        };
        match resolve(*kind, target, found) {
            Ok(found) => {
                if selected(found) {
                    chosen.push(found);
                }
            }
            Err(text) => {
                print_error("rm", &text);
                failed = true;
            }
        }
    }
    for (kind, found) in &listed {
        if all_kinds.contains(kind) {
            chosen.extend(found.iter().filter(|f| selected(f)));
        }
    }

    let mut seen = HashSet::new();
    let mut names = Names::default();
    let mut out = BufWriter::new(std::io::stdout().lock());
    for found in chosen {
        if !seen.insert((found.kind, found.perm.id)) {
            continue;
        }
        let name = describe(found.kind, Some(found.perm.key), Some(found.perm.id));
        if args.dry_run {
            writeln!(out, "would remove {name}").context("stdout")?;
            continue;
        }
        match found.kind.remove(found.perm.id) {
            Ok(()) => writeln!(out, "removed {name}").context("stdout")?,
            Err(errno) => {
                out.flush().context("stdout")?;
                let mut why = found.kind.why(errno);
                if matches!(errno, nix::errno::Errno::EPERM | nix::errno::Errno::EACCES) {
                    why.push_str(&format!(
                        " (owner {}, mode {:04o}; only the owner, the creator or root may remove it)",
                        names.user(found.perm.uid),
                        found.perm.mode & 0o777
                    ));
                }
                print_error("rm", &format!("{name}: {why}"));
                failed = true;
            }
        }
    }
    out.flush().context("stdout")?;
    if failed {
        return Err(Fail::Reported.into());
    }
    Ok(())
}

/// The (kind, target) pairs named on the command line, checked before anything is touched.
fn requests(args: &RmArgs) -> Result<Vec<(Kind, Target)>> {
    let mut requests = Vec::new();
    if let Some(kind) = args.kind {
        for target in &args.targets {
            match target {
                Target::Private => {
                    return Err(usage(
                        "'private' names no existing object; give a key or id:N",
                    ))
                }
                Target::Posix(name) => {
                    return Err(usage(format!(
                        "{name} is a POSIX name; {} objects are named by KEY, id:N or ftok:PATH",
                        kind.kind().name()
                    )))
                }
                _ => requests.push((kind.kind(), target.clone())),
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
    Ok(requests)
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
