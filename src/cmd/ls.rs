//! `ipcx ls`: the System V and POSIX objects and the System V limits, in lsipc's columns.

use std::collections::HashMap;
use std::io::{BufWriter, Write};

use anyhow::{Context, Result};
use serde_json::json;

use crate::cli::ls::{LsArgs, LsType};
use crate::core::ipcdata::{
    self, LimitSource, MsgRecord, Perm, Record, SemRecord, ShmRecord, SHMMIN, SHM_DEST, SHM_LOCKED,
};
use crate::core::posix::{self, Entry, MqRecord, PosixKind, PsemRecord};
use crate::core::procfs::{self, KERNEL};
use crate::core::status::{print_error, usage, Fail};
use crate::core::sysv::sem::SEMVMX;
use crate::core::sysv::{perms_string, Kind};
use crate::core::time;
use crate::core::users::Names;
use crate::output::{self, human_size, Cell, Column, Format, Section};

/// A column of the listing; its header name is lsipc's.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Col {
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

const fn col(name: &'static str, right: bool, help: &'static str) -> Column {
    Column { name, right, help }
}

impl Col {
    fn column(self) -> Column {
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

/// One kind of object a listing can show: a System V kind or a POSIX one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Family {
    Sysv(Kind),
    Posix(PosixKind),
}

impl Family {
    const ALL: [Family; 6] = [
        Family::Sysv(Kind::Msg),
        Family::Sysv(Kind::Shm),
        Family::Sysv(Kind::Sem),
        Family::Posix(PosixKind::Mq),
        Family::Posix(PosixKind::Pshm),
        Family::Posix(PosixKind::Psem),
    ];

    fn name(self) -> &'static str {
        match self {
            Family::Sysv(kind) => kind.name(),
            Family::Posix(kind) => kind.name(),
        }
    }
}

fn columns_of(family: Family) -> impl Iterator<Item = Col> {
    let (generic, only): (&'static [Col], &'static [Col]) = match family {
        Family::Sysv(Kind::Msg) => (&GENERIC, &MSG_ONLY),
        Family::Sysv(Kind::Shm) => (&GENERIC, &SHM_ONLY),
        Family::Sysv(Kind::Sem) => (&GENERIC, &SEM_ONLY),
        Family::Posix(PosixKind::Mq) => (&POSIX_GENERIC, &MQ_ONLY),
        Family::Posix(PosixKind::Pshm) => (&POSIX_GENERIC, &[]),
        Family::Posix(PosixKind::Psem) => (&POSIX_GENERIC, &PSEM_ONLY),
    };
    generic.iter().chain(only).copied()
}

/// The default columns, with what --time, --creator, --pid and --attached add, as lsipc.
fn default_columns(family: Family, args: &LsArgs) -> Vec<Col> {
    let kind = match family {
        Family::Sysv(kind) => kind,
        Family::Posix(posix) => {
            let mut cols = vec![Col::Name, Col::Perms, Col::Owner];
            cols.extend(match posix {
                PosixKind::Mq => &[Col::UsedBytes, Col::Msgs, Col::Maxmsgs, Col::Msgsize][..],
                PosixKind::Pshm => &[Col::Size][..],
                PosixKind::Psem => &[Col::Value][..],
            });
            cols.push(Col::Mtime);
            if args.creator {
                cols.extend([Col::Uid, Col::User, Col::Gid, Col::Group]);
            }
            return cols;
        }
    };
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
    };
    if args.pid {
        cols.extend(match kind {
            Kind::Msg => &[Col::Lscomm, Col::Lrcomm][..],
            Kind::Shm => &[Col::Ccomm, Col::Lcomm][..],
            Kind::Sem => &[][..],
        });
    }
    if args.creator {
        cols.extend([
            Col::Cuid,
            Col::Cuser,
            Col::Cgid,
            Col::Cgroup,
            Col::Uid,
            Col::Gid,
        ]);
    }
    if args.time {
        cols.extend(match kind {
            Kind::Msg => &[Col::Send, Col::Recv, Col::Ctime][..],
            Kind::Shm => &[Col::Attach, Col::Detach][..],
            Kind::Sem => &[Col::Otime, Col::Ctime][..],
        });
    }
    if args.attached && kind == Kind::Shm {
        cols.push(Col::Attached);
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
fn chosen_columns(spec: &str, kinds: &[Family], args: &LsArgs) -> Result<Vec<Vec<Col>>> {
    let (plus, list) = match spec.strip_prefix('+') {
        Some(rest) => (true, rest),
        None => (false, spec),
    };
    let names: Vec<&str> = list
        .split(',')
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .collect();
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
        let has = |kind: &Family| columns_of(*kind).any(|c| c == found);
        if !kinds.iter().any(has) {
            let listed: Vec<&str> = kinds.iter().map(|k| k.name()).collect();
            let owners: Vec<&str> = Family::ALL
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
    let named = !args.types.is_empty() && !args.types.contains(&LsType::All);
    if named && !lacking.is_empty() {
        print_error("ls", &format!("-o {spec}: {}", lacking.join("; ")));
    }
    Ok(chosen)
}

/// Every column of the objects, each once, in the order the kinds list them.
fn all_columns() -> Vec<Col> {
    let mut all: Vec<Col> = Vec::new();
    for col in Family::ALL.iter().flat_map(|k| columns_of(*k)) {
        if !all.contains(&col) {
            all.push(col);
        }
    }
    all
}

/// The columns of --limits.
const LIMIT_COLUMNS: [Column; 6] = [
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
    let lines = Family::ALL
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

/// The kinds to list: those named, or every kind of both families.
fn selected_kinds(args: &LsArgs) -> Vec<Family> {
    if args.types.is_empty() || args.types.contains(&LsType::All) {
        return Family::ALL.to_vec();
    }
    let mut kinds: Vec<Family> = args
        .types
        .iter()
        .map(|t| match t {
            LsType::Msg => Family::Sysv(Kind::Msg),
            LsType::Shm => Family::Sysv(Kind::Shm),
            LsType::Sem | LsType::All => Family::Sysv(Kind::Sem),
            LsType::Mq => Family::Posix(PosixKind::Mq),
            LsType::Pshm => Family::Posix(PosixKind::Pshm),
            LsType::Psem => Family::Posix(PosixKind::Psem),
        })
        .collect();
    kinds.sort_unstable();
    kinds.dedup();
    kinds
}

/// What every row needs besides its record: names resolved once, the clock, the choices.
struct Cells {
    names: Names,
    now: i64,
    human: bool,
    iso_times: bool,
    attached: HashMap<i32, Vec<i32>>,
    comms: HashMap<i32, Option<String>>,
    /// Creators' command lines, read once per pid (segments often share a creator).
    cmdlines: HashMap<i32, Option<String>>,
}

impl Cells {
    fn size(&self, bytes: u64) -> Cell {
        if self.human {
            Cell::Rich {
                text: human_size(bytes),
                json: json!(human_size(bytes)),
            }
        } else {
            Cell::UInt(bytes)
        }
    }

    fn time(&self, seconds: i64) -> Cell {
        if seconds == 0 {
            Cell::Null
        } else if self.iso_times {
            time::iso(seconds)
                .map(Cell::Text)
                .unwrap_or(Cell::Int(seconds))
        } else {
            Cell::Text(time::short(seconds, self.now))
        }
    }

    fn comm(&mut self, pid: i32) -> Cell {
        self.comm_text(pid).map(Cell::Text).unwrap_or(Cell::Null)
    }

    fn comm_text(&mut self, pid: i32) -> Option<String> {
        let name = self.comms.entry(pid).or_insert_with(|| procfs::comm(pid));
        name.clone()
    }

    fn cmdline(&mut self, pid: i32) -> Cell {
        let line = self
            .cmdlines
            .entry(pid)
            .or_insert_with(|| procfs::cmdline(pid));
        line.clone().map(Cell::Text).unwrap_or(Cell::Null)
    }

    fn generic(&mut self, col: Col, perm: &Perm) -> Option<Cell> {
        Some(match col {
            Col::Key => Cell::Hex32(perm.key as u32),
            Col::Id => Cell::Int(perm.id.into()),
            Col::Owner => Cell::Shared(self.names.user(perm.uid)),
            Col::Perms => Cell::Static(perms_string(perm.mode)),
            Col::Cuid => Cell::UInt(perm.cuid.into()),
            Col::Cuser => Cell::Shared(self.names.user(perm.cuid)),
            Col::Cgid => Cell::UInt(perm.cgid.into()),
            Col::Cgroup => Cell::Shared(self.names.group(perm.cgid)),
            Col::Uid => Cell::UInt(perm.uid.into()),
            Col::User => Cell::Shared(self.names.user(perm.uid)),
            Col::Gid => Cell::UInt(perm.gid.into()),
            Col::Group => Cell::Shared(self.names.group(perm.gid)),
            Col::Ctime => self.time(perm.ctime),
            _ => return None,
        })
    }

    fn msg(&mut self, col: Col, rec: &MsgRecord) -> Cell {
        if let Some(cell) = self.generic(col, &rec.perm) {
            return cell;
        }
        match col {
            Col::UsedBytes => self.size(rec.cbytes),
            Col::Msgs => Cell::UInt(rec.qnum),
            Col::Send => self.time(rec.stime),
            Col::Recv => self.time(rec.rtime),
            Col::Lspid => Cell::Int(rec.lspid.into()),
            Col::Lrpid => Cell::Int(rec.lrpid.into()),
            Col::Lscomm => self.comm(rec.lspid),
            Col::Lrcomm => self.comm(rec.lrpid),
            _ => Cell::Null,
        }
    }

    fn shm(&mut self, col: Col, rec: &ShmRecord) -> Cell {
        if let Some(cell) = self.generic(col, &rec.perm) {
            return cell;
        }
        match col {
            Col::Size => self.size(rec.size),
            Col::Nattch => Cell::UInt(rec.nattch),
            Col::Status => {
                let mut flags = Vec::new();
                if rec.perm.mode & SHM_DEST != 0 {
                    flags.push("dest");
                }
                if rec.perm.mode & SHM_LOCKED != 0 {
                    flags.push("locked");
                }
                if flags.is_empty() {
                    Cell::Null
                } else {
                    Cell::Text(flags.join(","))
                }
            }
            Col::Attach => self.time(rec.atime),
            Col::Detach => self.time(rec.dtime),
            Col::Command => self.cmdline(rec.cpid),
            Col::Cpid => Cell::Int(rec.cpid.into()),
            Col::Lpid => Cell::Int(rec.lpid.into()),
            Col::Ccomm => self.comm(rec.cpid),
            Col::Lcomm => self.comm(rec.lpid),
            Col::Rss => rec.rss.map_or(Cell::Null, |n| self.size(n)),
            Col::Swap => rec.swap.map_or(Cell::Null, |n| self.size(n)),
            Col::Attached => {
                let pids = self.attached.get(&rec.perm.id).cloned().unwrap_or_default();
                let mut texts = Vec::new();
                let mut objects = Vec::new();
                for pid in pids {
                    let comm = self.comm_text(pid);
                    texts.push(match &comm {
                        Some(name) => format!("{pid}({name})"),
                        None => pid.to_string(),
                    });
                    objects.push(json!({ "pid": pid, "command": comm }));
                }
                let text = if texts.is_empty() {
                    "-".to_string()
                } else {
                    texts.join(",")
                };
                Cell::Rich {
                    text,
                    json: json!(objects),
                }
            }
            _ => Cell::Null,
        }
    }

    /// The columns every POSIX object has, from its file.
    fn posix(&mut self, col: Col, entry: &Entry) -> Option<Cell> {
        Some(match col {
            Col::Name => Cell::Text(entry.name.clone()),
            Col::Owner | Col::User => Cell::Shared(self.names.user(entry.uid)),
            Col::Perms => Cell::Static(perms_string(entry.mode)),
            Col::Uid => Cell::UInt(entry.uid.into()),
            Col::Gid => Cell::UInt(entry.gid.into()),
            Col::Group => Cell::Shared(self.names.group(entry.gid)),
            Col::Mtime => self.time(entry.mtime),
            Col::Size => self.size(entry.size),
            _ => return None,
        })
    }

    fn mq(&mut self, col: Col, rec: &MqRecord) -> Cell {
        if let Some(cell) = self.posix(col, &rec.entry) {
            return cell;
        }
        let count = |n: Option<u64>| n.map(Cell::UInt).unwrap_or(Cell::Null);
        match col {
            Col::UsedBytes => rec.qsize.map(|n| self.size(n)).unwrap_or(Cell::Null),
            Col::Msgs => count(rec.curmsgs),
            Col::Maxmsgs => count(rec.maxmsg),
            Col::Msgsize => rec.msgsize.map(|n| self.size(n)).unwrap_or(Cell::Null),
            _ => Cell::Null,
        }
    }

    fn psem(&mut self, col: Col, rec: &PsemRecord) -> Cell {
        if let Some(cell) = self.posix(col, &rec.entry) {
            return cell;
        }
        match col {
            Col::Value => rec.value.map(|v| Cell::Int(v.into())).unwrap_or(Cell::Null),
            _ => Cell::Null,
        }
    }

    fn sem(&mut self, col: Col, rec: &SemRecord) -> Cell {
        if let Some(cell) = self.generic(col, &rec.perm) {
            return cell;
        }
        match col {
            Col::Nsems => Cell::UInt(rec.nsems),
            Col::Otime => self.time(rec.otime),
            _ => Cell::Null,
        }
    }
}

fn keep(perm: &Perm, args: &LsArgs) -> bool {
    args.key.is_none_or(|key| perm.key == key)
        && args.id.is_none_or(|id| perm.id == id)
        && args.owner.is_none_or(|uid| perm.uid == uid)
}

fn rows<R: Record>(
    records: &[R],
    args: &LsArgs,
    cols: &[Col],
    mut cell: impl FnMut(Col, &R) -> Cell,
) -> Vec<Vec<Cell>> {
    records
        .iter()
        .filter(|r| keep(r.perm(), args))
        .map(|r| cols.iter().map(|c| cell(*c, r)).collect())
        .collect()
}

/// The rows of POSIX objects that pass the filters (only --owner applies to them).
fn posix_rows<R>(
    records: &[R],
    args: &LsArgs,
    cols: &[Col],
    entry: impl Fn(&R) -> &Entry,
    mut cell: impl FnMut(Col, &R) -> Cell,
) -> Vec<Vec<Cell>> {
    records
        .iter()
        .filter(|r| args.owner.is_none_or(|uid| entry(r).uid == uid))
        .filter(|_| args.key.is_none() && args.id.is_none())
        .map(|r| cols.iter().map(|c| cell(*c, r)).collect())
        .collect()
}

pub fn run(args: LsArgs) -> Result<()> {
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
        (vec![limits_section(&args, format)?], false)
    } else {
        object_sections(&args, format)?
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
fn object_sections(args: &LsArgs, format: Format) -> Result<(Vec<Section>, bool)> {
    let kinds = selected_kinds(args);
    if (args.key.is_some() || args.id.is_some())
        && kinds.iter().all(|k| matches!(k, Family::Posix(_)))
    {
        return Err(usage(
            "--key and --id select System V objects; POSIX objects have names (see NAME)",
        ));
    }
    let want_attached = args.attached
        || args
            .output
            .as_deref()
            .is_some_and(|o| o.to_ascii_lowercase().contains("attached"));
    let mut context = Cells {
        names: Names::default(),
        now: time::now(),
        human: if format == Format::Table {
            !args.bytes
        } else {
            args.human
        },
        iso_times: format != Format::Table,
        attached: HashMap::new(),
        comms: HashMap::new(),
        cmdlines: HashMap::new(),
    };
    if want_attached && kinds.contains(&Family::Sysv(Kind::Shm)) {
        for (shmid, pid) in procfs::shm_attachments() {
            context.attached.entry(shmid).or_default().push(pid);
        }
    }
    let chosen = match &args.output {
        Some(spec) => Some(chosen_columns(spec, &kinds, args)?),
        None => None,
    };
    let mut sections = Vec::new();
    let mut failed = false;
    for (index, kind) in kinds.into_iter().enumerate() {
        let cols = match &chosen {
            Some(chosen) => chosen[index].clone(),
            None => default_columns(kind, args),
        };
        if cols.is_empty() {
            // -o named no column of this kind (key,id in a listing of both families).
            continue;
        }
        let rows = match kind {
            Family::Sysv(Kind::Msg) => rows(&ipcdata::msg_records()?, args, &cols, |c, r| {
                context.msg(c, r)
            }),
            Family::Sysv(Kind::Shm) => rows(&ipcdata::shm_records()?, args, &cols, |c, r| {
                context.shm(c, r)
            }),
            Family::Sysv(Kind::Sem) => rows(&ipcdata::sem_records()?, args, &cols, |c, r| {
                context.sem(c, r)
            }),
            Family::Posix(PosixKind::Mq) => match posix::mq_records()? {
                Some(records) => {
                    posix_rows(&records, args, &cols, |r| &r.entry, |c, r| context.mq(c, r))
                }
                None => {
                    // Asked for by name, queues that cannot be listed are a failure; in a
                    // listing of every kind the others are still listed and stderr says
                    // why the queues are not (many containers do not mount mqueue).
                    print_error(
                        "ls",
                        &format!(
                            "POSIX message queues cannot be listed: {}",
                            posix::mqueue_unmounted()
                        ),
                    );
                    if args.types.contains(&LsType::Mq) {
                        failed = true;
                    }
                    continue;
                }
            },
            Family::Posix(PosixKind::Pshm) => posix_rows(
                &posix::pshm_records()?,
                args,
                &cols,
                |r| r,
                |c, r| context.posix(c, r).unwrap_or(Cell::Null),
            ),
            Family::Posix(PosixKind::Psem) => posix_rows(
                &posix::psem_records()?,
                args,
                &cols,
                |r| &r.entry,
                |c, r| context.psem(c, r),
            ),
        };
        let (json_key, title) = match kind {
            Family::Sysv(Kind::Msg) => ("messages", "Message queues"),
            Family::Sysv(Kind::Shm) => ("sharedmemory", "Shared memory segments"),
            Family::Sysv(Kind::Sem) => ("semaphores", "Semaphore sets"),
            Family::Posix(PosixKind::Mq) => ("posixmqueues", "POSIX message queues"),
            Family::Posix(PosixKind::Pshm) => ("posixsharedmemory", "POSIX shared memory"),
            Family::Posix(PosixKind::Psem) => ("posixsemaphores", "POSIX semaphores"),
        };
        sections.push(Section {
            json_key,
            title,
            columns: cols.iter().map(|c| c.column()).collect(),
            rows,
        });
    }
    Ok((sections, failed))
}

/// The limits, with what is in use, like `lsipc -g` and `ipcs -l`: from /proc/sys/kernel,
/// or IPC_INFO where it cannot be read (the source column says which).
fn limits_section(args: &LsArgs, format: Format) -> Result<Section> {
    let msg = ipcdata::msg_limits()?;
    let shm = ipcdata::shm_limits()?;
    let sem = ipcdata::sem_limits()?;
    let msgs = ipcdata::msg_records()?;
    let shms = ipcdata::shm_records()?;
    let sems = ipcdata::sem_records()?;
    let page = nix::unistd::sysconf(nix::unistd::SysconfVar::PAGE_SIZE)
        .ok()
        .flatten()
        .and_then(|p| u64::try_from(p).ok())
        .filter(|p| *p > 0)
        .unwrap_or(4096);
    let shm_pages: u64 = shms
        .iter()
        .map(|s| s.size.div_ceil(page))
        .fold(0, u64::saturating_add);
    let semaphores: u64 = sems.iter().map(|s| s.nsems).fold(0, u64::saturating_add);
    let human = if format == Format::Table {
        !args.bytes
    } else {
        args.human
    };
    let bytes = |n: u64| {
        if human {
            Cell::Text(human_size(n))
        } else {
            Cell::UInt(n)
        }
    };
    let count = |n: usize| u64::try_from(n).unwrap_or(u64::MAX);
    let int = |n: i32| Cell::Int(n.into());
    // The file of /proc/sys/kernel that holds a limit, or the call that told it.
    let source = |from: LimitSource, file: &str, call: &str| match from {
        LimitSource::ProcSys => format!("{KERNEL}/{file}"),
        LimitSource::IpcInfo => format!("{call}(IPC_INFO)"),
    };
    let msg_source = |file| source(msg.source, file, "msgctl");
    let shm_source = |file| source(shm.source, file, "shmctl");
    let sem_source = source(sem.source, "sem", "semctl");
    let fixed = || "fixed in the kernel".to_string();
    // A negative int widens as util-linux widens it (the kernel never has one).
    #[allow(clippy::cast_sign_loss)]
    let msgmnb = i64::from(msg.msgmnb) as u64;
    // (resource, description, limit, (used, of what limit), source)
    type LimitRow<'a> = (&'a str, &'a str, Cell, Option<(u64, i128)>, String);
    let rows: Vec<LimitRow> = vec![
        (
            "MSGMNI",
            "Number of message queues",
            int(msg.msgmni),
            Some((count(msgs.len()), msg.msgmni.into())),
            msg_source("msgmni"),
        ),
        (
            "MSGMAX",
            "Max size of message (bytes)",
            bytes(msg.msgmax),
            None,
            msg_source("msgmax"),
        ),
        (
            "MSGMNB",
            "Default max size of queue (bytes)",
            bytes(msgmnb),
            None,
            msg_source("msgmnb"),
        ),
        (
            "SHMMNI",
            "Shared memory segments",
            Cell::UInt(shm.shmmni),
            Some((count(shms.len()), shm.shmmni.into())),
            shm_source("shmmni"),
        ),
        (
            "SHMALL",
            "Shared memory pages",
            Cell::UInt(shm.shmall),
            Some((shm_pages, shm.shmall.into())),
            shm_source("shmall"),
        ),
        (
            "SHMMAX",
            "Max size of shared memory segment (bytes)",
            bytes(shm.shmmax),
            None,
            shm_source("shmmax"),
        ),
        (
            "SHMMIN",
            "Min size of shared memory segment (bytes)",
            bytes(SHMMIN),
            None,
            fixed(),
        ),
        (
            "SEMMNI",
            "Number of semaphore identifiers",
            int(sem.semmni),
            Some((count(sems.len()), sem.semmni.into())),
            sem_source.clone(),
        ),
        (
            "SEMMNS",
            "Total number of semaphores",
            int(sem.semmns),
            Some((semaphores, sem.semmns.into())),
            sem_source.clone(),
        ),
        (
            "SEMMSL",
            "Max semaphores per semaphore set",
            int(sem.semmsl),
            None,
            sem_source.clone(),
        ),
        (
            "SEMOPM",
            "Max number of operations per semop(2)",
            int(sem.semopm),
            None,
            sem_source,
        ),
        (
            "SEMVMX",
            "Semaphore max value",
            Cell::UInt(SEMVMX.into()),
            None,
            fixed(),
        ),
    ];
    let mut columns = LIMIT_COLUMNS.to_vec();
    let mut table_rows = Vec::new();
    for (name, description, limit, used, source) in rows {
        let (used_cell, pct_cell) = match used {
            Some((used, limit)) => {
                let pct = if limit <= 0 {
                    0.0
                } else {
                    used as f64 * 100.0 / limit as f64
                };
                let pct_cell = if format == Format::Json {
                    Cell::Rich {
                        text: format!("{pct:.2}%"),
                        json: json!((pct * 100.0).round() / 100.0),
                    }
                } else {
                    Cell::Text(format!("{pct:.2}%"))
                };
                (Cell::UInt(used), pct_cell)
            }
            None => (Cell::Null, Cell::Null),
        };
        table_rows.push(vec![
            Cell::text(name),
            Cell::text(description),
            limit,
            used_cell,
            pct_cell,
            Cell::Text(source),
        ]);
    }
    if let Some(spec) = &args.output {
        let names: Vec<&str> = spec
            .trim_start_matches('+')
            .split(',')
            .map(str::trim)
            .filter(|n| !n.is_empty())
            .collect();
        if names.is_empty() {
            return Err(usage(format!(
                "-o '{spec}' names no column (known for --limits: resource, description, limit, used, use%, source)"
            )));
        }
        let keep: Vec<usize> = names
            .into_iter()
            .map(|name| {
                columns
                    .iter()
                    .position(|c| c.name.eq_ignore_ascii_case(name.trim()))
                    .ok_or_else(|| usage(format!("unknown column '{name}' for --limits (known: resource, description, limit, used, use%, source)")))
            })
            .collect::<Result<_>>()?;
        columns = keep.iter().map(|i| columns[*i]).collect();
        for row in &mut table_rows {
            *row = keep.iter().map(|i| row[*i].clone()).collect();
        }
    }
    Ok(Section {
        json_key: "ipclimits",
        title: "Limits",
        columns,
        rows: table_rows,
    })
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
        for kind in Family::ALL {
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
