//! `ipcx rm`: remove objects of any kind by target, by ipcrm's flags, or by selection.
//! Every kind is listed, filtered and removed the same way, through the one listed-object
//! record of core::objects; the report goes out line by line as objects are removed.

use std::collections::HashSet;
use std::os::fd::AsFd;

use anyhow::{Context, Result};
use nix::errno::Errno;

use crate::cli::rm::RmArgs;
use crate::core::holders::{unreadable_note, Holders};
use crate::core::interrupts;
use crate::core::kind::{describe_name, Kind};
use crate::core::namespaces::Namespace;
use crate::core::objects::{self, Ident, Listed};
use crate::core::procfs;
use crate::core::status::{error_text, say, usage, Fail, Failures};
use crate::core::stream::{self, End};
use crate::core::target::Target;
use crate::core::timestamps;
use crate::core::users::Names;
use crate::core::waiters::Waiters;

/// One object chosen for removal.
enum Chosen<'a> {
    Listed(&'a Listed),
    /// Known only by its name: a queue where /dev/mqueue is not mounted, which cannot be
    /// listed but which mq_unlink still removes.
    Named(Kind, &'a str),
}

impl Chosen<'_> {
    fn kind(&self) -> Kind {
        match self {
            Chosen::Listed(listed) => listed.kind(),
            Chosen::Named(kind, _) => *kind,
        }
    }

    /// What tells the object apart, so that one named twice is removed once.
    fn ident(&self) -> (Kind, Ident<'_>) {
        match self {
            Chosen::Listed(listed) => (listed.kind(), listed.ident()),
            Chosen::Named(kind, name) => (*kind, Ident::Name(name)),
        }
    }
}

pub fn run(args: RmArgs) -> Result<()> {
    let Some(spec) = &args.ns else {
        return remove(&args);
    };
    let namespace = Namespace::named(spec, true)?;
    match namespace.run(|| remove(&args))? {
        0 => Ok(()),
        status => Err(Fail::Exit(u8::try_from(status).unwrap_or(1)).into()),
    }
}

/// `rm` in the namespace it runs in.
fn remove(args: &RmArgs) -> Result<()> {
    let requests = requests(args)?;
    if requests.is_empty() && args.all.is_none() {
        return Err(usage(
            "nothing to remove: give TYPE TARGET..., -q/-Q/-m/-M/-s/-S, or --all[=TYPE]",
        ));
    }
    let all_kinds: Vec<Kind> = match args.all {
        None => Vec::new(),
        Some(Some(kind)) => vec![kind],
        // Never the POSIX kinds: DESIGN §3, they are removed in bulk only when named.
        Some(None) => Kind::SYSV.to_vec(),
    };

    // Each kind wanted is listed once; a kind that cannot be listed here (queues without
    // /dev/mqueue) is still removed by name, but cannot be selected from.
    let mut listed: Vec<(Kind, Option<Vec<Listed>>)> = Vec::new();
    for kind in Kind::ALL {
        let all = all_kinds.contains(&kind);
        if !all && !requests.iter().any(|(k, _)| *k == kind) {
            continue;
        }
        let found = objects::list(kind)?;
        if found.is_none() && (all || args.owner.is_some() || args.older_than.is_some()) {
            let what = if all {
                format!("--all={}", kind.name())
            } else if args.owner.is_some() {
                "--owner".to_string()
            } else {
                "--older-than".to_string()
            };
            return Err(anyhow::anyhow!(
                "{} cannot be listed, which {what} needs: {}",
                kind.title(),
                objects::unlisted_why()
            ));
        }
        listed.push((kind, found));
    }
    // Who holds and who waits, one scan each, only for --orphaned. A kind whose orphans
    // rest on the scans alone selects none when some process could not be read: an object
    // it holds would look orphaned.
    let mut holders = Holders::default();
    let mut waiters = Waiters::default();
    let mut undecided: Vec<Kind> = Vec::new();
    let mut failures = Failures::new();
    if args.orphaned {
        // In another PID namespace's /proc (--ns entered a container's mount namespace)
        // the kernel's pids name other processes or none: no kind can be decided.
        let own_proc = procfs::own_proc();
        if own_proc {
            let every = listed.iter().flat_map(|(_, found)| found.iter().flatten());
            holders = Holders::scan(every);
            waiters = Waiters::scan();
        }
        let unknown = holders.unknown.max(waiters.unknown);
        undecided = listed
            .iter()
            .filter(|(_, found)| found.as_ref().is_some_and(|f| !f.is_empty()))
            .map(|(kind, _)| *kind)
            .filter(|kind| !own_proc || (unknown > 0 && Listed::needs_scan(*kind)))
            .collect();
        if !own_proc && !undecided.is_empty() {
            failures.show(
                "--orphaned: /proc here is another PID namespace's, where the pids the kernel \
                 gives cannot be looked up, so no object is taken as orphaned",
            );
        } else if let (Some(note), false) = (unreadable_note(unknown), undecided.is_empty()) {
            let names: Vec<&str> = undecided.iter().map(|k| k.name()).collect();
            failures.show(format!(
                "--orphaned: {note}, so no {} object is taken as orphaned",
                names.join(", ")
            ));
        }
    }
    let now = timestamps::now();
    let selected = |object: &Listed| {
        args.owner.is_none_or(|uid| object.uid() == uid)
            && args.older_than.is_none_or(|age| {
                let age = i64::try_from(age.as_secs()).unwrap_or(i64::MAX);
                now.saturating_sub(object.changed()) >= age
            })
            && (!args.orphaned
                || (!undecided.contains(&object.kind()) && object.orphaned(&holders, &waiters)))
    };

    let mut chosen: Vec<Chosen> = Vec::new();
    for (kind, target) in &requests {
        let Some((_, found)) = listed.iter().find(|(k, _)| k == kind) else {
            continue;
        };
        let Some(found) = found else {
            // Unlisted: by name, and no filter applies (see above).
            if let Target::Posix(name) = target {
                chosen.push(Chosen::Named(*kind, name));
            }
            continue;
        };
        match objects::find(*kind, target, found) {
            Ok(object) => {
                if selected(object) {
                    chosen.push(Chosen::Listed(object));
                }
            }
            Err(text) => failures.show(text),
        }
    }
    for (kind, found) in &listed {
        if let (true, Some(found)) = (all_kinds.contains(kind), found) {
            chosen.extend(found.iter().filter(|o| selected(o)).map(Chosen::Listed));
        }
    }
    // System V objects go first, as the requests were ordered (a stable sort).
    chosen.sort_by_key(|c| c.kind().family());

    let mut seen = HashSet::new();
    let mut names = Names::default();
    // An interrupt ends rm between two removals, or while a report line waits for room
    // on stdout, never between a removal and its line unsaid.
    interrupts::catch_interrupts().context("installing signal handlers")?;
    let stdout = std::io::stdout();
    let mut lines = Lines {
        out: End::new(stdout.as_fd(), "stdout"),
        removed: 0,
    };
    for chosen in &chosen {
        interrupts::check()?;
        if !seen.insert(chosen.ident()) {
            continue;
        }
        let kind = chosen.kind();
        let (name, object) = match chosen {
            Chosen::Listed(object) => (object.label(), Some(*object)),
            Chosen::Named(kind, bare) => (describe_name(*kind, bare), None),
        };
        if args.dry_run {
            // Unlisted, an object is asked of its open call whether it is there at all.
            let missing = match chosen {
                Chosen::Listed(_) => None,
                Chosen::Named(kind, bare) => match objects::exists_named(*kind, bare) {
                    Ok(true) => None,
                    Ok(false) => Some(Errno::ENOENT),
                    Err(errno) => Some(errno),
                },
            };
            match missing {
                None => lines.would_remove(&name)?,
                Some(errno) => failures.show(format!("{name}: {}", kind.why(errno))),
            }
            continue;
        }
        let removed = match chosen {
            Chosen::Listed(object) => object.remove(),
            Chosen::Named(kind, bare) => objects::remove_named(*kind, bare),
        };
        match removed {
            Ok(()) => lines.removed(&name)?,
            Err(errno) => {
                let mut why = kind.why(errno);
                if let (Some(object), Errno::EPERM | Errno::EACCES) = (object, errno) {
                    why.push_str(&format!(
                        " (owner {}, mode {:04o}; {})",
                        names.user(object.uid()),
                        object.mode() & 0o777,
                        kind.who_may_remove()
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

/// The (kind, target) pairs named on the command line, checked before anything is
/// touched, System V ones first.
fn requests(args: &RmArgs) -> Result<Vec<(Kind, Target)>> {
    let mut requests = Vec::new();
    if let Some(kind) = args.kind {
        for target in &args.targets {
            kind.check_target(target).map_err(usage)?;
            requests.push((kind, target.clone()));
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
    // The flags name System V objects, which are looked at first (a stable sort).
    requests.sort_by_key(|(kind, _)| kind.family());
    Ok(requests)
}
