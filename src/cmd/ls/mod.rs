//! `ipcx ls`: the objects of every kind and the System V limits, in lsipc's columns. Each
//! listed kind is one section: its objects, read through core::objects as one listed-object
//! record for every kind, filtered (--key, --id, --owner) and shown in the columns
//! `columns` chooses, as `cells` fills them; `--limits` is the one section of `limits`.
//! Nothing here tells System V from POSIX objects; the kinds' tables and records do.

mod cells;
mod columns;
mod every;
mod limits;
mod locks;

use std::collections::HashMap;
use std::io::{BufWriter, Write};

use anyhow::{Context, Result};

use crate::cli::ls::LsArgs;
use crate::core::holders::{unreadable_note, Holders};
use crate::core::namespaces::Namespace;
use crate::core::objects::{self, Listed};
use crate::core::status::{say, usage, Fail};
use crate::core::timestamps;
use crate::core::users::Names;
use crate::core::waiters::Waiters;
use crate::output::{self, Format, Section};
use cells::Cells;
pub use columns::columns_help;
use columns::{chosen_columns, default_columns, json_key, Col};
use limits::limits_section;

/// Whether an object passes the filters: --key and --id (which only System V objects
/// have) and --owner.
fn keep(object: &Listed, args: &LsArgs) -> bool {
    args.key.is_none_or(|key| object.key() == Some(key))
        && args.id.is_none_or(|id| object.id() == Some(id))
        && args.owner.is_none_or(|uid| object.uid() == uid)
}

pub fn run(args: LsArgs) -> Result<()> {
    if args.locks.is_some() {
        if let Some(option) = args.option_given() {
            return Err(usage(format!(
                "{option} before `locks` is an option of `ls` itself: give the options of \
                 `ls locks` after it (file locks belong to no IPC namespace and have their own \
                 columns; see `ipcx ls locks --help`)"
            )));
        }
    }
    if let Some(crate::cli::lock::LsCommand::Locks(locks)) = args.locks {
        return locks::run(locks);
    }
    if args.all_namespaces {
        return every::run(&args);
    }
    let Some(spec) = &args.ns else {
        return list(&args);
    };
    let namespace = Namespace::named(spec, args.posix())?;
    match namespace.run(|| list(&args))? {
        0 => Ok(()),
        status => Err(Fail::Exit(u8::try_from(status).unwrap_or(1)).into()),
    }
}

/// `ls` of the namespace it runs in.
pub(super) fn list(args: &LsArgs) -> Result<()> {
    list_as(args, None)
}

/// `ls` of the namespace it runs in, with an NS column first naming it when `ns` is given
/// (the tables of --all-namespaces).
pub(super) fn list_as(args: &LsArgs, ns: Option<&str>) -> Result<()> {
    let format = if args.json {
        Format::Json
    } else if args.raw {
        Format::Raw
    } else if args.export {
        Format::Export
    } else {
        Format::Table
    };
    let options = output::Options {
        format,
        headings: !args.no_headings,
    };
    let (sections, failed) = if args.limits {
        (vec![limits_section(args, format)?], false)
    } else {
        object_sections(args, format, ns)?
    };
    // Nothing at all (not even `{}`) when nothing asked for could be listed.
    if !(failed && sections.is_empty()) {
        let mut out = BufWriter::with_capacity(64 * 1024, std::io::stdout().lock());
        output::render(&mut out, &sections, &options).context("stdout")?;
        out.flush().context("stdout")?;
    }
    if failed {
        return Err(Fail::Reported.into());
    }
    Ok(())
}

/// The sections to show, and whether a kind asked for by name could not be listed (which
/// has been reported).
fn object_sections(
    args: &LsArgs,
    format: Format,
    ns: Option<&str>,
) -> Result<(Vec<Section>, bool)> {
    let kinds = args.kinds();
    if (args.key.is_some() || args.id.is_some()) && kinds.iter().all(|k| k.named()) {
        return Err(usage(
            "--key and --id select System V objects; POSIX objects have names (see NAME)",
        ));
    }
    let spec = args.output.as_deref().unwrap_or("").to_ascii_lowercase();
    let want_holders = args.holders || spec.contains("attached") || spec.contains("holders");
    let want_waiters = args.waiters || spec.contains("waiters");
    let mut context = Cells {
        names: Names::default(),
        now: timestamps::now(),
        human: if format == Format::Table {
            !args.bytes
        } else {
            args.human
        },
        iso_times: format != Format::Table,
        ns: ns.map(str::to_string),
        holders: Holders::default(),
        waiters: Waiters::default(),
        comms: HashMap::new(),
        cmdlines: HashMap::new(),
    };
    let chosen = match &args.output {
        Some(spec) => Some(chosen_columns(spec, &kinds, args)?),
        None => None,
    };
    let mut sections = Vec::new();
    let mut failed = false;
    let mut listings = Vec::new();
    for (index, kind) in kinds.into_iter().enumerate() {
        let cols = match &chosen {
            Some(chosen) => chosen[index].clone(),
            None => default_columns(kind, args),
        };
        if cols.is_empty() {
            // -o named no column of this kind (key,id in a listing of both families).
            continue;
        }
        let cols = match ns {
            Some(_) => [Col::Ns].into_iter().chain(cols).collect(),
            None => cols,
        };
        listings.push((kind, cols, objects::list(kind)?));
    }
    let mut said = false;
    if want_holders {
        let every = listings
            .iter()
            .flat_map(|(_, _, found)| found.iter().flatten());
        context.holders = Holders::scan(every.clone().filter(|o| keep(o, args)));
        if let Some(note) = context
            .holders
            .unknown_note(every.filter(|o| keep(o, args)))
        {
            say(&note);
            said = true;
        }
    }
    if want_waiters {
        context.waiters = Waiters::scan();
        // Said once for both scans.
        let unknown = context.waiters.unknown.max(context.holders.unknown);
        if let Some(note) = unreadable_note(unknown).filter(|_| !said) {
            say(&note);
        }
    }
    for (kind, cols, found) in listings {
        let Some(found) = found else {
            // Asked for by name, a kind that cannot be listed (queues without /dev/mqueue)
            // is a failure; in a listing of every kind the others are still listed and
            // stderr says why this one is not (many containers do not mount mqueue).
            say(&format!(
                "{} cannot be listed: {}",
                kind.title(),
                objects::unlisted_why()
            ));
            if args.types.contains(&Some(kind)) {
                failed = true;
            }
            continue;
        };
        let rows = found
            .iter()
            .filter(|object| keep(object, args))
            .map(|object| cols.iter().map(|c| context.cell(*c, object)).collect())
            .collect();
        sections.push(Section {
            json_key: json_key(kind),
            title: kind.title(),
            columns: cols.iter().map(|c| c.column()).collect(),
            rows,
        });
    }
    Ok((sections, failed))
}
