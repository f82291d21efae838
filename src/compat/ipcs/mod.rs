//! `ipcs` as util-linux 2.38 prints it: the three tables in their five formats, the
//! limits and the summaries, and the detail of one object (`-i ID`).
//!
//! This file holds the options and the dispatch, and where the records come from;
//! `tables` prints the listings (`-q`, `-m`, `-s` in each format), `detail` the one object
//! of `-i ID`, and `format` the printf pieces both are made of.

mod detail;
mod format;
mod tables;

use std::ffi::OsString;

use super::getopt::{opt, Getopt, HasArg, Item, LongOpt};
use super::numbers::strtos32_or_err;
use super::Tool;
use crate::core::ipcdata::{self, Listing, MsgRecord, Reader, SemRecord, ShmRecord, Source, Table};
use crate::core::users::Names;

use detail::{print_msg, print_sem, print_shm, Detail};
use tables::{do_msg, do_sem, do_shm};

const OPT_HUMAN: u32 = 256;

const LONGS: &[LongOpt] = &[
    opt("id", HasArg::Required, b'i' as u32),
    opt("queues", HasArg::No, b'q' as u32),
    opt("shmems", HasArg::No, b'm' as u32),
    opt("semaphores", HasArg::No, b's' as u32),
    opt("all", HasArg::No, b'a' as u32),
    opt("time", HasArg::No, b't' as u32),
    opt("pid", HasArg::No, b'p' as u32),
    opt("creator", HasArg::No, b'c' as u32),
    opt("limits", HasArg::No, b'l' as u32),
    opt("summary", HasArg::No, b'u' as u32),
    opt("human", HasArg::No, OPT_HUMAN),
    opt("bytes", HasArg::No, b'b' as u32),
    opt("version", HasArg::No, b'V' as u32),
    opt("help", HasArg::No, b'h' as u32),
];

const USAGE: &str = "
Usage:
 {} [resource-option...] [output-option]
 {} -m|-q|-s -i <id>

Show information on IPC facilities.

Options:
 -i, --id <id>  print details on resource identified by <id>
 -h, --help     display this help
 -V, --version  display version

Resource options:
 -m, --shmems      shared memory segments
 -q, --queues      message queues
 -s, --semaphores  semaphores
 -a, --all         all (default)

Output options:
 -t, --time        show attach, detach and change times
 -p, --pid         show PIDs of creator and last operator
 -c, --creator     show creator and owner
 -l, --limits      show resource limits
 -u, --summary     show status summary
     --human       show sizes in human-readable format
 -b, --bytes       show sizes in bytes

For more details see ipcs(1).
";

/// The output format; the last one given wins.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Format {
    Table,
    Limits,
    Status,
    Creator,
    Time,
    Pid,
}

/// How sizes are written: util-linux's IPC_UNIT_*.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Unit {
    Default,
    Bytes,
    Kb,
    Human,
}

pub fn run(tool: &mut Tool, args: &[OsString]) -> u8 {
    let (mut msg, mut shm, mut sem) = (false, false, false);
    let mut id: Option<i32> = None;
    let mut format = Format::Table;
    let mut unit = Unit::Default;
    let mut getopt = Getopt::new(args, "i:qmsatpclubVh", LONGS);
    while let Some(item) = getopt.next_item() {
        let (letter, value) = match item {
            Item::Opt(letter, value) => (letter, value),
            Item::Error(text) => return tool.getopt_error(&text),
        };
        match char::from_u32(letter).unwrap_or('\0') {
            'i' => match strtos32_or_err(
                value.as_deref().unwrap_or_default(),
                "failed to parse id argument",
            ) {
                Ok(n) => id = Some(n),
                Err(text) => {
                    tool.warn(&text);
                    return 1;
                }
            },
            'a' => (msg, shm, sem) = (true, true, true),
            'q' => msg = true,
            'm' => shm = true,
            's' => sem = true,
            't' => format = Format::Time,
            'c' => format = Format::Creator,
            'p' => format = Format::Pid,
            'l' => format = Format::Limits,
            'u' => format = Format::Status,
            'b' => unit = Unit::Bytes,
            'h' => return tool.help(USAGE),
            'V' => return tool.version(),
            _ if letter == OPT_HUMAN => unit = Unit::Human,
            _ => return tool.try_help(),
        }
    }

    let mut names = Names::default();
    let out = &mut tool.out;
    if let Some(id) = id {
        if usize::from(msg) + usize::from(shm) + usize::from(sem) != 1 {
            tool.warn("when using an ID, a single resource must be specified");
            return 1;
        }
        let result = if msg {
            print_msg(out, id, unit)
        } else if shm {
            print_shm(out, id, unit)
        } else {
            print_sem(out, id)
        };
        return match result {
            Ok(()) => 0,
            Err(Detail::NotFound) => {
                tool.warn(&format!("id {id} not found"));
                0
            }
            Err(Detail::Failed(text)) => {
                tool.warn(&text);
                1
            }
        };
    }
    if !msg && !shm && !sem {
        (msg, shm, sem) = (true, true, true);
    }
    out.push(b'\n');
    if msg {
        do_msg(out, &mut names, format, unit);
        out.push(b'\n');
    }
    if shm {
        do_shm(out, &mut names, format, unit);
        out.push(b'\n');
    }
    if sem {
        do_sem(out, &mut names, format);
        out.push(b'\n');
    }
    0
}

/// The records of one kind where util-linux reads them: /proc/sysvipc, or slot by slot with
/// *_STAT (seeing only what the caller may read), or none when neither works.
fn listing<T: Table>() -> Listing<T> {
    ipcdata::records(Reader::UtilLinux).unwrap_or(Listing {
        records: Vec::new(),
        source: Source::Stat,
    })
}

/// The queues (see `listing`).
fn queues() -> Vec<MsgRecord> {
    queues_and_source().0
}

/// The queues, and whether they came from /proc (the detail view depends on it).
fn queues_and_source() -> (Vec<MsgRecord>, bool) {
    let listing = listing();
    (listing.records, listing.source == Source::Proc)
}

/// The segments (see `listing`). util-linux's slot-by-slot path copies the creator's uid
/// into cgid; so does this one.
fn segments() -> Vec<ShmRecord> {
    let mut listing = listing::<ShmRecord>();
    if listing.source != Source::Proc {
        for r in &mut listing.records {
            r.perm.cgid = r.perm.cuid;
        }
    }
    listing.records
}

/// The semaphore sets (see `segments`, cgid included).
fn semaphore_sets() -> Vec<SemRecord> {
    let mut listing = listing::<SemRecord>();
    if listing.source != Source::Proc {
        for r in &mut listing.records {
            r.perm.cgid = r.perm.cuid;
        }
    }
    listing.records
}
