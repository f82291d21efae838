//! `ipcx ls locks`: the file locks of /proc/locks (core::lock::list) in lslocks' columns,
//! through the same rendering as every `ls` listing (table, --raw, --json, -o).

use std::io::{BufWriter, Write};

use anyhow::{Context, Result};
use serde_json::Value;

use crate::cli::lock::LsLocksArgs;
use crate::core::lock::list::{self, Held};
use crate::core::lock::table::FileId;
use crate::core::status::usage;
use crate::output::{self, human_size, Cell, Column, Format, Section};

use super::columns::col;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum LockCol {
    Command,
    Pid,
    Type,
    Size,
    Inode,
    MajMin,
    Mode,
    M,
    Start,
    End,
    Path,
    Blocker,
    Holders,
}

const ALL: [LockCol; 13] = [
    LockCol::Command,
    LockCol::Pid,
    LockCol::Type,
    LockCol::Size,
    LockCol::Inode,
    LockCol::MajMin,
    LockCol::Mode,
    LockCol::M,
    LockCol::Start,
    LockCol::End,
    LockCol::Path,
    LockCol::Blocker,
    LockCol::Holders,
];

/// lslocks' default columns, and BLOCKER, so that a waiter shows whom it waits for.
const DEFAULT: [LockCol; 10] = [
    LockCol::Command,
    LockCol::Pid,
    LockCol::Type,
    LockCol::Size,
    LockCol::Mode,
    LockCol::M,
    LockCol::Start,
    LockCol::End,
    LockCol::Path,
    LockCol::Blocker,
];

impl LockCol {
    fn column(self) -> Column {
        match self {
            LockCol::Command => col("COMMAND", false, "command of the process holding the lock"),
            LockCol::Pid => col("PID", true, "PID of the process holding the lock"),
            LockCol::Type => col("TYPE", true, "kind of lock"),
            LockCol::Size => col("SIZE", true, "size of the locked file"),
            LockCol::Inode => col("INODE", true, "inode number"),
            LockCol::MajMin => col("MAJ:MIN", false, "major:minor device number"),
            LockCol::Mode => col("MODE", false, "lock access mode (* a waiter)"),
            LockCol::M => col("M", false, "mandatory state of the lock: 0 (none), 1 (set)"),
            LockCol::Start => col("START", true, "relative byte offset of the lock"),
            LockCol::End => col("END", true, "ending offset of the lock (0: to the end)"),
            LockCol::Path => col("PATH", false, "path of the locked file"),
            LockCol::Blocker => col("BLOCKER", true, "PID of the process blocking the lock"),
            LockCol::Holders => col("HOLDERS", false, "holders of the lock: PID,COMMAND,FD"),
        }
    }

    fn from_name(name: &str) -> Option<LockCol> {
        ALL.into_iter()
            .find(|c| c.column().name.eq_ignore_ascii_case(name))
    }
}

fn chosen(spec: Option<&str>) -> Result<Vec<LockCol>> {
    let Some(spec) = spec else {
        return Ok(DEFAULT.to_vec());
    };
    let (mut cols, names) = match spec.strip_prefix('+') {
        Some(rest) => (DEFAULT.to_vec(), rest),
        None => (Vec::new(), spec),
    };
    for name in names.split(',').filter(|n| !n.is_empty()) {
        match LockCol::from_name(name) {
            Some(c) => cols.push(c),
            None => {
                let names: Vec<&str> = ALL.iter().map(|c| c.column().name).collect();
                return Err(usage(format!(
                    "-o: unknown column '{name}' for locks (the columns: {})",
                    names.join(" ")
                )));
            }
        }
    }
    if cols.is_empty() {
        return Err(usage("-o: no column given"));
    }
    Ok(cols)
}

pub fn run(args: LsLocksArgs) -> Result<()> {
    let format = if args.json {
        Format::Json
    } else if args.raw {
        Format::Raw
    } else {
        Format::Table
    };
    let cols = chosen(args.output.as_deref())?;
    let human = format == Format::Table && !args.bytes;
    let wanted_file = match &args.path {
        Some(path) => Some(
            nix::sys::stat::stat(path.as_path())
                .map(|stat| FileId::from_stat(&stat))
                .with_context(|| format!("--path {}", path.display()))?,
        ),
        None => None,
    };
    let locks = list::list(cols.contains(&LockCol::Holders)).context("cannot read /proc/locks")?;
    let rows = locks
        .iter()
        .filter(|held| args.pid.is_none_or(|pid| held.pid == pid))
        .filter(|held| {
            wanted_file.is_none_or(|file| {
                held.entry.file == file
                    || (held.entry.file.inode == file.inode
                        && held.path.as_deref().map(std::path::Path::new) == args.path.as_deref())
            })
        })
        .map(|held| cols.iter().map(|c| cell(*c, held, human, format)).collect())
        .collect();
    let section = Section {
        json_key: "locks",
        title: "File locks",
        columns: cols.iter().map(|c| c.column()).collect(),
        rows,
    };
    let options = output::Options {
        format,
        headings: !args.no_headings,
    };
    let mut out = BufWriter::with_capacity(64 * 1024, std::io::stdout().lock());
    output::render(&mut out, std::slice::from_ref(&section), &options).context("stdout")?;
    out.flush().context("stdout")
}

fn cell(c: LockCol, held: &Held, human: bool, format: Format) -> Cell {
    let entry = &held.entry;
    match c {
        LockCol::Command => Cell::text(held.command.clone()),
        LockCol::Pid => Cell::Int(i64::from(held.pid)),
        LockCol::Type => Cell::text(entry.kind.clone()),
        LockCol::Size => match held.size {
            // lslocks leaves an empty file's size out, as an unknown one.
            None | Some(0) => empty(format),
            Some(size) if human => Cell::text(human_size(size)),
            Some(size) => Cell::UInt(size),
        },
        LockCol::Inode => Cell::UInt(entry.file.inode),
        LockCol::MajMin => Cell::text(entry.file.devno()),
        LockCol::Mode => Cell::text(if entry.blocked {
            format!("{}*", entry.mode)
        } else {
            entry.mode.clone()
        }),
        LockCol::M => Cell::Rich {
            text: if entry.mandatory { "1" } else { "0" }.into(),
            json: Value::Bool(entry.mandatory),
        },
        LockCol::Start => Cell::UInt(entry.start),
        // lslocks shows "to the end" (EOF) as 0.
        LockCol::End => Cell::UInt(entry.end.unwrap_or(0)),
        LockCol::Path => match &held.path {
            Some(path) => Cell::text(path.clone()),
            None => empty(format),
        },
        LockCol::Blocker => match held.blocker {
            Some(pid) => Cell::Int(i64::from(pid)),
            None => empty(format),
        },
        LockCol::Holders => {
            let each: Vec<String> = held
                .holders
                .iter()
                .map(|(pid, comm, fd)| format!("{pid},{comm},{fd}"))
                .collect();
            Cell::Rich {
                text: each.join(" "),
                json: Value::Array(each.into_iter().map(Value::String).collect()),
            }
        }
    }
}

/// An unknown value: blank in the table and raw rows, as lslocks leaves it, null in JSON.
fn empty(format: Format) -> Cell {
    match format {
        Format::Json => Cell::Null,
        _ => Cell::Static(""),
    }
}
