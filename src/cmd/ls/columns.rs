//! The columns of `ls`: each column's lsipc name and help, which columns each kind has and
//! shows by default (with what --time, --creator, --pid, --holders and --waiters add), the columns
//! `-o` chooses for each listed kind, and the column list of `ls --help`, made from the
//! same tables. Which columns a kind has is a table per kind; nothing here reads objects.

use anyhow::Result;

use crate::cli::ls::LsArgs;
use crate::core::kind::Kind;
use crate::core::status::{say, usage};
use crate::output::Column;

/// A column of the listing; its header name is lsipc's.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Col {
    Key,
    Id,
    Owner,
    Perms,
    Cuid,
    Cuser,
    Cgid,
    Cgroup,
    Uid,
    User,
    Gid,
    Group,
    Ctime,
    // shm
    Size,
    Nattch,
    Status,
    Attach,
    Detach,
    Command,
    Cpid,
    Lpid,
    Ccomm,
    Lcomm,
    Rss,
    Swap,
    Attached,
    // who holds, who waits (several kinds)
    Holders,
    Waiters,
    /// The IPC namespace, first in the tables of --all-namespaces (not for -o).
    Ns,
    // msg
    UsedBytes,
    Msgs,
    Send,
    Recv,
    Lspid,
    Lrpid,
    Lscomm,
    Lrcomm,
    // sem
    Nsems,
    Otime,
    // POSIX
    Name,
    Mtime,
    Maxmsgs,
    Msgsize,
    Value,
}

pub(super) const fn col(name: &'static str, right: bool, help: &'static str) -> Column {
    Column { name, right, help }
}

impl Col {
    pub(super) fn column(self) -> Column {
        match self {
            Col::Key => col("KEY", false, "resource key"),
            Col::Id => col("ID", true, "resource id"),
            Col::Owner => col("OWNER", false, "owner's user name or uid"),
            Col::Perms => col("PERMS", false, "permissions"),
            Col::Cuid => col("CUID", true, "creator uid"),
            Col::Cuser => col("CUSER", false, "creator user"),
            Col::Cgid => col("CGID", true, "creator gid"),
            Col::Cgroup => col("CGROUP", false, "creator group"),
            Col::Uid => col("UID", true, "owner uid"),
            Col::User => col("USER", false, "owner user"),
            Col::Gid => col("GID", true, "owner gid"),
            Col::Group => col("GROUP", false, "owner group"),
            Col::Ctime => col("CTIME", false, "time of the last change"),
            Col::Size => col("SIZE", true, "size of the segment or POSIX object"),
            Col::Nattch => col("NATTCH", true, "number of attached processes"),
            Col::Status => col("STATUS", false, "dest (removed when detached), locked"),
            Col::Attach => col("ATTACH", false, "time of the last attach"),
            Col::Detach => col("DETACH", false, "time of the last detach"),
            Col::Command => col("COMMAND", false, "creator's command line"),
            Col::Cpid => col("CPID", true, "pid of the creator"),
            Col::Lpid => col("LPID", true, "pid of the last user"),
            Col::Ccomm => col("CCOMM", false, "creator's command name"),
            Col::Lcomm => col("LCOMM", false, "last user's command name"),
            Col::Rss => col("RSS", true, "resident bytes"),
            Col::Swap => col("SWAP", true, "swapped bytes"),
            Col::Attached => col("ATTACHED", false, "processes attached: pid(command)"),
            Col::Ns => col("NS", false, "IPC namespace"),
            Col::Holders => col(
                "HOLDERS",
                false,
                "processes holding it: pid(command) how (attached, fd, mapped)",
            ),
            Col::Waiters => col(
                "WAITERS",
                false,
                "processes blocked on it: pid(command) call and what it waits for",
            ),
            Col::UsedBytes => col("USEDBYTES", true, "bytes queued"),
            Col::Msgs => col("MSGS", true, "number of messages"),
            Col::Send => col("SEND", false, "time of the last send"),
            Col::Recv => col("RECV", false, "time of the last receive"),
            Col::Lspid => col("LSPID", true, "pid of the last sender"),
            Col::Lrpid => col("LRPID", true, "pid of the last receiver"),
            Col::Lscomm => col("LSCOMM", false, "last sender's command name"),
            Col::Lrcomm => col("LRCOMM", false, "last receiver's command name"),
            Col::Nsems => col("NSEMS", true, "number of semaphores"),
            Col::Otime => col("OTIME", false, "time of the last semop"),
            Col::Name => col("NAME", false, "POSIX object name"),
            Col::Mtime => col("MTIME", false, "time of the last change of a POSIX object"),
            Col::Maxmsgs => col("MAXMSGS", true, "capacity of a POSIX queue, in messages"),
            Col::Msgsize => col("MSGSIZE", true, "largest message a POSIX queue takes"),
            Col::Value => col("VALUE", true, "value of a POSIX semaphore"),
        }
    }
}

const GENERIC: [Col; 13] = [
    Col::Key,
    Col::Id,
    Col::Owner,
    Col::Perms,
    Col::Cuid,
    Col::Cuser,
    Col::Cgid,
    Col::Cgroup,
    Col::Uid,
    Col::User,
    Col::Gid,
    Col::Group,
    Col::Ctime,
];
const MSG_ONLY: [Col; 8] = [
    Col::UsedBytes,
    Col::Msgs,
    Col::Send,
    Col::Recv,
    Col::Lspid,
    Col::Lrpid,
    Col::Lscomm,
    Col::Lrcomm,
];
const SHM_ONLY: [Col; 13] = [
    Col::Size,
    Col::Nattch,
    Col::Status,
    Col::Attach,
    Col::Detach,
    Col::Command,
    Col::Cpid,
    Col::Lpid,
    Col::Ccomm,
    Col::Lcomm,
    Col::Rss,
    Col::Swap,
    Col::Attached,
];
const SEM_ONLY: [Col; 2] = [Col::Nsems, Col::Otime];
/// What every POSIX object has: the columns of its file.
const POSIX_GENERIC: [Col; 9] = [
    Col::Name,
    Col::Owner,
    Col::Perms,
    Col::Uid,
    Col::User,
    Col::Gid,
    Col::Group,
    Col::Mtime,
    Col::Size,
];
const MQ_ONLY: [Col; 4] = [Col::UsedBytes, Col::Msgs, Col::Maxmsgs, Col::Msgsize];
const PSEM_ONLY: [Col; 1] = [Col::Value];

/// Every column a kind has: what -o may name for it.
fn columns_of(kind: Kind) -> impl Iterator<Item = Col> {
    let (generic, only): (&'static [Col], &'static [Col]) = match kind {
        Kind::Msg => (&GENERIC, &MSG_ONLY),
        Kind::Shm => (&GENERIC, &SHM_ONLY),
        Kind::Sem => (&GENERIC, &SEM_ONLY),
        Kind::Mq => (&POSIX_GENERIC, &MQ_ONLY),
        Kind::Pshm => (&POSIX_GENERIC, &[]),
        Kind::Psem => (&POSIX_GENERIC, &PSEM_ONLY),
    };
    let holders: &'static [Col] = match kind {
        Kind::Shm | Kind::Pshm => &[Col::Holders],
        Kind::Mq | Kind::Psem => &[Col::Holders, Col::Waiters],
        Kind::Msg | Kind::Sem => &[Col::Waiters],
    };
    generic.iter().chain(only).chain(holders).copied()
}

/// The default columns, with what --time, --creator, --pid, --holders and --waiters add.
pub(super) fn default_columns(kind: Kind, args: &LsArgs) -> Vec<Col> {
    let mut cols = match kind {
        Kind::Msg => vec![
            Col::Key,
            Col::Id,
            Col::Perms,
            Col::Owner,
            Col::UsedBytes,
            Col::Msgs,
            Col::Lspid,
            Col::Lrpid,
        ],
        Kind::Shm => vec![
            Col::Key,
            Col::Id,
            Col::Perms,
            Col::Owner,
            Col::Size,
            Col::Nattch,
            Col::Status,
            Col::Ctime,
            Col::Cpid,
            Col::Lpid,
            Col::Command,
        ],
        Kind::Sem => vec![Col::Key, Col::Id, Col::Perms, Col::Owner, Col::Nsems],
        Kind::Mq => vec![
            Col::Name,
            Col::Perms,
            Col::Owner,
            Col::UsedBytes,
            Col::Msgs,
            Col::Maxmsgs,
            Col::Msgsize,
            Col::Mtime,
        ],
        Kind::Pshm => vec![Col::Name, Col::Perms, Col::Owner, Col::Size, Col::Mtime],
        Kind::Psem => vec![Col::Name, Col::Perms, Col::Owner, Col::Value, Col::Mtime],
    };
    if args.pid {
        cols.extend(match kind {
            Kind::Msg => &[Col::Lscomm, Col::Lrcomm][..],
            Kind::Shm => &[Col::Ccomm, Col::Lcomm][..],
            Kind::Sem | Kind::Mq | Kind::Pshm | Kind::Psem => &[][..],
        });
    }
    if args.creator {
        cols.extend(match kind {
            Kind::Msg | Kind::Shm | Kind::Sem => &[
                Col::Cuid,
                Col::Cuser,
                Col::Cgid,
                Col::Cgroup,
                Col::Uid,
                Col::Gid,
            ][..],
            Kind::Mq | Kind::Pshm | Kind::Psem => &[Col::Uid, Col::User, Col::Gid, Col::Group][..],
        });
    }
    if args.time {
        cols.extend(match kind {
            Kind::Msg => &[Col::Send, Col::Recv, Col::Ctime][..],
            Kind::Shm => &[Col::Attach, Col::Detach][..],
            Kind::Sem => &[Col::Otime, Col::Ctime][..],
            Kind::Mq | Kind::Pshm | Kind::Psem => &[][..],
        });
    }
    if args.holders && columns_of(kind).any(|c| c == Col::Holders) {
        cols.push(Col::Holders);
    }
    if args.waiters && columns_of(kind).any(|c| c == Col::Waiters) {
        cols.push(Col::Waiters);
    }
    cols
}

/// The columns of each listed kind that `-o SPEC` names, in the order of `kinds`.
///
/// One -o list serves a listing of several kinds, each showing the named columns it has (a
/// kind with none of them is left out). A list that names nothing, a name no kind has, and
/// a name none of the listed kinds has are usage errors. When kinds were named and one of
/// them lacks a column another has, stderr says so once; a listing of every kind (no TYPE)
/// stays quiet, as one list for both families is expected to mix their columns there.
pub(super) fn chosen_columns(spec: &str, kinds: &[Kind], args: &LsArgs) -> Result<Vec<Vec<Col>>> {
    let (plus, list) = match spec.strip_prefix('+') {
        Some(rest) => (true, rest),
        None => (false, spec),
    };
    let names = column_names(list);
    if names.is_empty() {
        return Err(usage(format!(
            "-o '{spec}' names no column (e.g. -o key,id,owner; --help lists each kind's columns)"
        )));
    }
    let everywhere = all_columns();
    let mut wanted: Vec<Col> = Vec::new();
    for name in names {
        let Some(found) = everywhere
            .iter()
            .copied()
            .find(|c| c.column().name.eq_ignore_ascii_case(name))
        else {
            let mut known: Vec<&str> = everywhere.iter().map(|c| c.column().name).collect();
            known.sort_unstable();
            return Err(usage(format!(
                "unknown column '{name}' (known: {})",
                known.join(", ").to_lowercase()
            )));
        };
        let has = |kind: &Kind| columns_of(*kind).any(|c| c == found);
        if !kinds.iter().any(has) {
            let listed: Vec<&str> = kinds.iter().map(|k| k.name()).collect();
            let owners: Vec<&str> = Kind::ALL
                .iter()
                .filter(|k| has(k))
                .map(|k| k.name())
                .collect();
            return Err(usage(format!(
                "column '{name}' is not one of {} objects (only {} objects have it)",
                listed.join(", "),
                owners.join(", ")
            )));
        }
        if !wanted.contains(&found) {
            wanted.push(found);
        }
    }
    let mut lacking = Vec::new();
    let chosen = kinds
        .iter()
        .map(|kind| {
            let mut cols = if plus {
                default_columns(*kind, args)
            } else {
                Vec::new()
            };
            let mut lacks = Vec::new();
            for col in &wanted {
                if !columns_of(*kind).any(|c| c == *col) {
                    lacks.push(col.column().name.to_ascii_lowercase());
                } else if !cols.contains(col) {
                    cols.push(*col);
                }
            }
            if !lacks.is_empty() {
                let plural = if lacks.len() > 1 { "s" } else { "" };
                lacking.push(format!(
                    "{} objects have no {} column{plural}",
                    kind.name(),
                    lacks.join(", ")
                ));
            }
            cols
        })
        .collect();
    if args.named() && !lacking.is_empty() {
        say(&format!("-o {spec}: {}", lacking.join("; ")));
    }
    Ok(chosen)
}

/// Every column of the objects, each once, in the order the kinds list them.
fn all_columns() -> Vec<Col> {
    let mut all: Vec<Col> = Vec::new();
    for col in Kind::ALL.iter().flat_map(|k| columns_of(*k)) {
        if !all.contains(&col) {
            all.push(col);
        }
    }
    all
}

/// The columns of --limits.
pub(super) const LIMIT_COLUMNS: [Column; 6] = [
    col("RESOURCE", false, "resource name"),
    col("DESCRIPTION", false, "resource description"),
    col("LIMIT", true, "system-wide limit"),
    col("USED", true, "currently used"),
    col("USE%", true, "currently used, in percent"),
    col("SOURCE", false, "where the limit is set"),
];

/// The column list of `ls --help`, made from the tables -o reads.
pub fn columns_help() -> String {
    let mut text = String::from("Columns for -o (in either case), by kind:\n");
    let lines = Kind::ALL
        .iter()
        .map(|k| (k.name(), columns_of(*k).map(|c| c.column().name).collect()))
        .chain([("--limits", LIMIT_COLUMNS.iter().map(|c| c.name).collect())]);
    for (kind, names) in lines {
        let names: Vec<&str> = names;
        let names = names.join(",").to_ascii_lowercase();
        text.push_str(&wrapped(&format!("{kind}:"), &names.replace(',', ", ")));
    }
    text.push_str("\nWhat they hold:\n");
    let columns = all_columns().into_iter().map(Col::column);
    for column in columns.chain(LIMIT_COLUMNS) {
        text.push_str(&format!(
            "  {:<12}{}\n",
            column.name.to_ascii_lowercase(),
            column.help
        ));
    }
    text
}

/// `  LABEL   words, words, ...` folded at 90 characters under the first word.
fn wrapped(label: &str, words: &str) -> String {
    const INDENT: usize = 12;
    let mut text = format!("  {label:<width$}", width = INDENT - 2);
    let mut width = INDENT;
    for word in words.split(' ') {
        if width > INDENT && width + 1 + word.len() > 90 {
            text.push('\n');
            text.push_str(&" ".repeat(INDENT));
            width = INDENT;
        } else if width > INDENT {
            text.push(' ');
            width += 1;
        }
        text.push_str(word);
        width += word.len();
    }
    text.push('\n');
    text
}

/// The key of a kind's array in --json.
pub(super) fn json_key(kind: Kind) -> &'static str {
    match kind {
        Kind::Msg => "messages",
        Kind::Shm => "sharedmemory",
        Kind::Sem => "semaphores",
        Kind::Mq => "posixmqueues",
        Kind::Pshm => "posixsharedmemory",
        Kind::Psem => "posixsemaphores",
    }
}

/// The column names of an `-o` list: comma-separated, blanks around them and empty ones
/// ignored.
pub(super) fn column_names(list: &str) -> Vec<&str> {
    list.split(',')
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_help_names_every_column_of_every_kind() {
        let help = columns_help();
        // Each kind's line and its continuation lines (indented further) as one list.
        let mut by_kind: Vec<(String, Vec<String>)> = Vec::new();
        for line in help.lines().skip(1).take_while(|l| !l.is_empty()) {
            let words = |text: &str| -> Vec<String> {
                text.split(", ")
                    .flat_map(|w| w.split(','))
                    .map(|w| w.trim().to_string())
                    .filter(|w| !w.is_empty())
                    .collect()
            };
            match line.trim_start().split_once(": ") {
                Some((label, rest)) if !line.starts_with("   ") => {
                    by_kind.push((label.to_string(), words(rest)));
                }
                _ => by_kind.last_mut().unwrap().1.extend(words(line)),
            }
        }
        for kind in Kind::ALL {
            let listed = &by_kind
                .iter()
                .find(|(label, _)| label == kind.name())
                .unwrap_or_else(|| panic!("no line for {}", kind.name()))
                .1;
            let expected: Vec<String> = columns_of(kind)
                .map(|c| c.column().name.to_ascii_lowercase())
                .collect();
            assert_eq!(listed, &expected, "{}", kind.name());
        }
        for column in all_columns()
            .into_iter()
            .map(Col::column)
            .chain(LIMIT_COLUMNS)
        {
            let entry = format!(
                "  {:<12}{}\n",
                column.name.to_ascii_lowercase(),
                column.help
            );
            assert!(help.contains(&entry), "{entry}");
        }
    }
}
