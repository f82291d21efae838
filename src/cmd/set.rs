//! `ipcx set KIND TARGET...`: changes each object (core::control), printing what changed,
//! old -> new, one object per line; every TARGET is tried.

use std::io::Write;

use anyhow::{Context, Result};

use crate::cli::set::SetArgs;
use crate::core::control::{Change, Controlled, Objects};
use crate::core::status::{error_text, usage, Failures};
use crate::core::users::Names;

pub fn run(args: SetArgs) -> Result<()> {
    let (uid, owner_gid) = match args.owner {
        Some((uid, gid)) => (Some(uid), gid),
        None => (None, None),
    };
    if owner_gid.is_some() && args.group.is_some() {
        return Err(usage(
            "the group is given twice (--owner USER:GROUP and --group): give it once",
        ));
    }
    let change = Change {
        mode: args.mode,
        uid,
        gid: owner_gid.or(args.group),
        qbytes: args.max_bytes,
        lock: match (args.lock, args.unlock) {
            (true, _) => Some(true),
            (_, true) => Some(false),
            _ => None,
        },
    };
    if let Some(why) = change.inapplicable(args.kind) {
        return Err(usage(why));
    }
    for target in &args.targets {
        args.kind.check_target(target).map_err(usage)?;
    }
    let objects = Objects::list(args.kind)?;
    // Made at the first name shown: its maps' random keys cost a getrandom(2) that a
    // change of mode alone need not pay.
    let mut names: Option<Names> = None;
    let mut failures = Failures::new();
    let mut out = std::io::stdout().lock();
    for target in &args.targets {
        let object = match objects.open(target) {
            Ok(object) => object,
            Err(line) => {
                failures.show(line);
                continue;
            }
        };
        let line = what_changes(&object, &change, &mut names);
        if !args.dry_run {
            if let Err(unfinished) = object.apply(&change) {
                // A half-made change says how far it got: what was made, then the refusal.
                if let Some(made) = unfinished.made {
                    writeln!(out, "{}", what_changes(&object, &made, &mut names))
                        .context("stdout")?;
                    out.flush().context("stdout")?;
                }
                failures.show(error_text(&unfinished.error));
                continue;
            }
        }
        writeln!(out, "{line}").context("stdout")?;
        out.flush().context("stdout")?;
    }
    failures.finish()
}

/// `queue 0x000004d2 (id 3): mode 0600 -> 0640, owner root -> alice`.
fn what_changes(object: &Controlled, change: &Change, names: &mut Option<Names>) -> String {
    let old = object.state();
    let new = old.after(change);
    let mut parts = Vec::new();
    if change.mode.is_some() {
        parts.push(format!("mode {:04o} -> {:04o}", old.mode, new.mode));
    }
    if change.uid.is_some() {
        let names = names.get_or_insert_with(Names::default);
        parts.push(format!(
            "owner {} -> {}",
            names.user(old.uid),
            names.user(new.uid)
        ));
    }
    if change.gid.is_some() {
        let names = names.get_or_insert_with(Names::default);
        parts.push(format!(
            "group {} -> {}",
            names.group(old.gid),
            names.group(new.gid)
        ));
    }
    if let (Some(_), Some(old_bytes), Some(new_bytes)) = (change.qbytes, old.qbytes, new.qbytes) {
        parts.push(format!("max-bytes {old_bytes} -> {new_bytes}"));
    }
    if change.lock.is_some() {
        let word = |locked: Option<bool>| match locked {
            Some(true) => "locked",
            _ => "unlocked",
        };
        parts.push(format!("{} -> {}", word(old.locked), word(new.locked)));
    }
    format!("{}: {}", object.label(), parts.join(", "))
}
