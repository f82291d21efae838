//! `ipcs` as util-linux 2.38 prints it: the three tables in their five formats, the
//! limits and the summaries, and the detail of one object (`-i ID`).

use std::ffi::OsString;
use std::io::Write as _;

use super::getopt::{opt, Getopt, HasArg, Item, LongOpt};
use super::numbers::strtos32_or_err;
use super::{left, left_max, Tool};
use crate::core::ipcdata::{
    self, Listing, MsgRecord, Perm, Reader, SemRecord, ShmRecord, Source, Table, SHMMIN, SHM_DEST,
    SHM_LOCKED,
};
use crate::core::ipcinfo;
use crate::core::sysv::sem::SEMVMX;
use crate::core::time::ctime;
use crate::core::users::Names;
use crate::output::human_size;

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
enum Format {
    Table,
    Limits,
    Status,
    Creator,
    Time,
    Pid,
}

/// How sizes are written: util-linux's IPC_UNIT_*.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Unit {
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

/// util-linux's `ipc_print_size`: an optional label, the size in the unit, padded to
/// `width` (negative: left-aligned), then `end`.
fn print_size(
    out: &mut Vec<u8>,
    unit: Unit,
    label: Option<&str>,
    size: u64,
    end: &str,
    width: i32,
) {
    match label {
        None => {}
        Some(label) if label.ends_with('=') => out.extend_from_slice(label.as_bytes()),
        Some(label) => {
            let _ = match unit {
                Unit::Bytes => write!(out, "{label} (bytes) = "),
                Unit::Kb => write!(out, "{label} (kbytes) = "),
                _ => write!(out, "{label} = "),
            };
        }
    }
    let text = match unit {
        Unit::Default | Unit::Bytes => size.to_string(),
        Unit::Kb => (size / 1024).to_string(),
        Unit::Human => human_size(size),
    };
    let pad = usize::try_from(width.unsigned_abs()).unwrap_or(0);
    if width < 0 {
        left(out, text.as_bytes(), pad);
    } else {
        for _ in text.len()..pad {
            out.push(b' ');
        }
        out.extend_from_slice(text.as_bytes());
    }
    out.extend_from_slice(end.as_bytes());
}

/// `%-20.16s` of `ctime + 4`, or "Not set" for 0.
fn short_time(out: &mut Vec<u8>, t: i64) {
    out.push(b' ');
    if t == 0 {
        left(out, b"Not set", 20);
    } else {
        let text = ctime(t).unwrap_or_else(|| "(null)".into());
        let tail = text.get(4..).unwrap_or("");
        left_max(out, tail.as_bytes(), 20, 16);
    }
}

/// `%-26.24s` of ctime, or "Not set" for 0 when `unset` allows it.
fn long_time(out: &mut Vec<u8>, t: i64, unset: bool) {
    if t == 0 && unset {
        left(out, b"Not set", 26);
    } else {
        let text = ctime(t).unwrap_or_else(|| "(null)".into());
        left_max(out, text.as_bytes(), 26, 24);
    }
}

/// `%-{id_width}d %-10.10s`: the id and the owner's name (or uid).
fn id_owner(out: &mut Vec<u8>, names: &mut Names, id: i32, uid: u32, id_width: usize) {
    left(out, id.to_string().as_bytes(), id_width);
    out.push(b' ');
    let owner = names.user(uid);
    left_max(out, owner.as_bytes(), 10, 10);
}

fn octal(out: &mut Vec<u8>, mode: u32) {
    left(out, format!("{:o}", mode & 0o777).as_bytes(), 10);
}

/// The start of every kind's default row: key, id, owner and perms, each followed by a space.
fn key_id_owner_perms(out: &mut Vec<u8>, names: &mut Names, perm: &Perm) {
    let _ = write!(out, "0x{:08x} ", perm.key as u32);
    id_owner(out, names, perm.id, perm.uid, 10);
    out.push(b' ');
    octal(out, perm.mode);
    out.push(b' ');
}

/// A `-t` row of queues and segments: id, owner and three short times.
fn times_row(out: &mut Vec<u8>, names: &mut Names, perm: &Perm, id_width: usize, times: [i64; 3]) {
    id_owner(out, names, perm.id, perm.uid, id_width);
    for time in times {
        short_time(out, time);
    }
    out.push(b'\n');
}

/// `ipc_print_perms`: id, perms, and creator and owner names (uncut) or numbers.
fn perms_line(out: &mut Vec<u8>, names: &mut Names, perm: &Perm) {
    left(out, perm.id.to_string().as_bytes(), 10);
    out.push(b' ');
    octal(out, perm.mode);
    for (i, name) in [
        names.user(perm.cuid),
        names.group(perm.cgid),
        names.user(perm.uid),
        names.group(perm.gid),
    ]
    .iter()
    .enumerate()
    {
        out.push(b' ');
        left(out, name.as_bytes(), 10);
        if i == 3 {
            out.push(b'\n');
        }
    }
}

fn header(out: &mut Vec<u8>, columns: &[(&str, usize)]) {
    for (i, (name, width)) in columns.iter().enumerate() {
        if i > 0 {
            out.push(b' ');
        }
        left(out, name.as_bytes(), *width);
    }
    out.push(b'\n');
}

fn creators_header(out: &mut Vec<u8>, id: &str) {
    header(
        out,
        &[
            (id, 10),
            ("perms", 10),
            ("cuid", 10),
            ("cgid", 10),
            ("uid", 10),
            ("gid", 10),
        ],
    );
}

fn do_msg(out: &mut Vec<u8>, names: &mut Names, format: Format, unit: Unit) {
    match format {
        Format::Limits => {
            // From /proc/sys/kernel, or IPC_INFO, as util-linux decides (ipcdata).
            let Ok(ipcdata::MsgLimits {
                msgmni,
                msgmnb,
                msgmax,
                ..
            }) = ipcdata::msg_limits()
            else {
                out.extend_from_slice(b"unable to fetch message limits\n");
                return;
            };
            let unit = if unit == Unit::Default {
                Unit::Bytes
            } else {
                unit
            };
            let _ = writeln!(out, "------ Messages Limits --------");
            let _ = writeln!(out, "max queues system wide = {msgmni}");
            print_size(out, unit, Some("max size of message"), msgmax, "\n", 0);
            // util-linux widens the int as C does: a negative value wraps.
            #[allow(clippy::cast_sign_loss)]
            let msgmnb = i64::from(msgmnb) as u64;
            print_size(
                out,
                unit,
                Some("default max size of queue"),
                msgmnb,
                "\n",
                0,
            );
            return;
        }
        Format::Status => {
            let Ok((info, _)) = ipcinfo::msg_summary() else {
                out.extend_from_slice(b"kernel not configured for message queues\n");
                return;
            };
            let _ = writeln!(out, "------ Messages Status --------");
            let _ = writeln!(out, "allocated queues = {}", info.msgpool);
            let _ = writeln!(out, "used headers = {}", info.msgmap);
            #[allow(clippy::cast_sign_loss)]
            let tql = i64::from(info.msgtql) as u64;
            let end = if unit == Unit::Default {
                " bytes\n"
            } else {
                "\n"
            };
            print_size(out, unit, Some("used space"), tql, end, 0);
            return;
        }
        Format::Creator => {
            out.extend_from_slice(b"------ Message Queues Creators/Owners --------\n");
            creators_header(out, "msqid");
        }
        Format::Time => {
            out.extend_from_slice(b"------ Message Queues Send/Recv/Change Times --------\n");
            header(
                out,
                &[
                    ("msqid", 8),
                    ("owner", 10),
                    ("send", 20),
                    ("recv", 20),
                    ("change", 20),
                ],
            );
        }
        Format::Pid => {
            out.extend_from_slice(b"------ Message Queues PIDs --------\n");
            header(
                out,
                &[("msqid", 10), ("owner", 10), ("lspid", 10), ("lrpid", 10)],
            );
        }
        Format::Table => {
            out.extend_from_slice(b"------ Message Queues --------\n");
            let size = if unit == Unit::Human {
                "size"
            } else {
                "used-bytes"
            };
            header(
                out,
                &[
                    ("key", 10),
                    ("msqid", 10),
                    ("owner", 10),
                    ("perms", 10),
                    (size, 12),
                    ("messages", 12),
                ],
            );
        }
    }
    for q in queues() {
        let perm = &q.perm;
        match format {
            Format::Creator => perms_line(out, names, perm),
            Format::Time => times_row(out, names, perm, 8, [q.stime, q.rtime, perm.ctime]),
            Format::Pid => {
                id_owner(out, names, perm.id, perm.uid, 8);
                let _ = writeln!(out, "  {:5}     {:5}", q.lspid, q.lrpid);
            }
            _ => {
                key_id_owner_perms(out, names, perm);
                if unit == Unit::Human {
                    print_size(out, unit, None, q.cbytes, "      ", 6);
                } else {
                    print_size(out, unit, None, q.cbytes, "", -12);
                }
                out.push(b' ');
                left(out, q.qnum.to_string().as_bytes(), 12);
                out.push(b'\n');
            }
        }
    }
}

fn do_shm(out: &mut Vec<u8>, names: &mut Names, format: Format, unit: Unit) {
    match format {
        Format::Limits => {
            // From /proc/sys/kernel, or IPC_INFO, as util-linux decides (ipcdata).
            let Ok(ipcdata::ShmLimits {
                shmmax,
                shmall,
                shmmni,
                ..
            }) = ipcdata::shm_limits()
            else {
                out.extend_from_slice(b"unable to fetch shared memory limits\n");
                return;
            };
            let page = ipcinfo::page_size();
            let _ = writeln!(out, "------ Shared Memory Limits --------");
            let _ = writeln!(out, "max number of segments = {shmmni}");
            let seg_unit = if unit == Unit::Default {
                Unit::Kb
            } else {
                unit
            };
            print_size(out, seg_unit, Some("max seg size"), shmmax, "\n", 0);
            // The product saturates, as util-linux prints it, rather than wrapping.
            if unit == Unit::Kb || unit == Unit::Default {
                let k = (page / 1024).max(1);
                let total = shmall.checked_mul(k).unwrap_or(u64::MAX - (u64::MAX % k));
                print_size(
                    out,
                    Unit::Default,
                    Some("max total shared memory (kbytes)"),
                    total,
                    "\n",
                    0,
                );
            } else {
                let total = shmall
                    .checked_mul(page)
                    .unwrap_or(u64::MAX - (u64::MAX % page.max(1)));
                print_size(out, unit, Some("max total shared memory"), total, "\n", 0);
            }
            let min_unit = if unit == Unit::Default {
                Unit::Bytes
            } else {
                unit
            };
            print_size(out, min_unit, Some("min seg size"), SHMMIN, "\n", 0);
            return;
        }
        Format::Status => {
            let Ok((info, _)) = ipcinfo::shm_summary() else {
                out.extend_from_slice(b"kernel not configured for shared memory\n");
                return;
            };
            let _ = writeln!(out, "------ Shared Memory Status --------");
            let _ = writeln!(out, "segments allocated {}", info.used_ids);
            let _ = writeln!(out, "pages allocated {}", info.shm_tot as i64);
            let _ = writeln!(out, "pages resident  {}", info.shm_rss as i64);
            let _ = writeln!(out, "pages swapped   {}", info.shm_swp as i64);
            let _ = writeln!(
                out,
                "Swap performance: {} attempts\t {} successes",
                info.swap_attempts as i64, info.swap_successes as i64
            );
            return;
        }
        Format::Creator => {
            out.extend_from_slice(b"------ Shared Memory Segment Creators/Owners --------\n");
            creators_header(out, "shmid");
        }
        Format::Time => {
            out.extend_from_slice(b"------ Shared Memory Attach/Detach/Change Times --------\n");
            header(
                out,
                &[
                    ("shmid", 10),
                    ("owner", 10),
                    ("attached", 20),
                    ("detached", 20),
                    ("changed", 20),
                ],
            );
        }
        Format::Pid => {
            out.extend_from_slice(b"------ Shared Memory Creator/Last-op PIDs --------\n");
            header(
                out,
                &[("shmid", 10), ("owner", 10), ("cpid", 10), ("lpid", 10)],
            );
        }
        Format::Table => {
            out.extend_from_slice(b"------ Shared Memory Segments --------\n");
            let size = if unit == Unit::Human { "size" } else { "bytes" };
            header(
                out,
                &[
                    ("key", 10),
                    ("shmid", 10),
                    ("owner", 10),
                    ("perms", 10),
                    (size, 10),
                    ("nattch", 10),
                    ("status", 12),
                ],
            );
        }
    }
    for s in segments() {
        let perm = &s.perm;
        match format {
            Format::Creator => perms_line(out, names, perm),
            Format::Time => times_row(out, names, perm, 10, [s.atime, s.dtime, perm.ctime]),
            Format::Pid => {
                id_owner(out, names, perm.id, perm.uid, 10);
                out.push(b' ');
                left(out, (s.cpid as u32).to_string().as_bytes(), 10);
                out.push(b' ');
                left(out, (s.lpid as u32).to_string().as_bytes(), 10);
                out.push(b'\n');
            }
            _ => {
                key_id_owner_perms(out, names, perm);
                if unit == Unit::Human {
                    print_size(out, unit, None, s.size, "    ", 6);
                } else {
                    print_size(out, unit, None, s.size, "", -10);
                }
                out.push(b' ');
                left(out, s.nattch.to_string().as_bytes(), 10);
                out.push(b' ');
                left(
                    out,
                    if perm.mode & SHM_DEST != 0 {
                        b"dest"
                    } else {
                        b" "
                    },
                    6,
                );
                out.push(b' ');
                left(
                    out,
                    if perm.mode & SHM_LOCKED != 0 {
                        b"locked"
                    } else {
                        b" "
                    },
                    6,
                );
                out.push(b'\n');
            }
        }
    }
}

fn do_sem(out: &mut Vec<u8>, names: &mut Names, format: Format) {
    match format {
        Format::Limits => {
            // From /proc/sys/kernel/sem, or IPC_INFO, as util-linux decides (ipcdata).
            let Ok(ipcdata::SemLimits {
                semmsl,
                semmns,
                semopm,
                semmni,
                ..
            }) = ipcdata::sem_limits()
            else {
                out.extend_from_slice(b"unable to fetch semaphore limits\n");
                return;
            };
            let _ = writeln!(out, "------ Semaphore Limits --------");
            let _ = writeln!(out, "max number of arrays = {semmni}");
            let _ = writeln!(out, "max semaphores per array = {semmsl}");
            let _ = writeln!(out, "max semaphores system wide = {semmns}");
            let _ = writeln!(out, "max ops per semop call = {semopm}");
            let _ = writeln!(out, "semaphore max value = {SEMVMX}");
            return;
        }
        Format::Status => {
            let Ok((info, _)) = ipcinfo::sem_summary() else {
                out.extend_from_slice(b"kernel not configured for semaphores\n");
                return;
            };
            let _ = writeln!(out, "------ Semaphore Status --------");
            let _ = writeln!(out, "used arrays = {}", info.semusz);
            let _ = writeln!(out, "allocated semaphores = {}", info.semaem);
            return;
        }
        // util-linux has no PID view of semaphores: nothing at all is printed.
        Format::Pid => return,
        Format::Creator => {
            out.extend_from_slice(b"------ Semaphore Arrays Creators/Owners --------\n");
            creators_header(out, "semid");
        }
        Format::Time => {
            out.extend_from_slice(b"------ Semaphore Operation/Change Times --------\n");
            header(
                out,
                &[
                    ("semid", 8),
                    ("owner", 10),
                    ("last-op", 26),
                    ("last-changed", 26),
                ],
            );
        }
        Format::Table => {
            out.extend_from_slice(b"------ Semaphore Arrays --------\n");
            header(
                out,
                &[
                    ("key", 10),
                    ("semid", 10),
                    ("owner", 10),
                    ("perms", 10),
                    ("nsems", 10),
                ],
            );
        }
    }
    for s in semaphore_sets() {
        let perm = &s.perm;
        match format {
            Format::Creator => perms_line(out, names, perm),
            Format::Time => {
                id_owner(out, names, perm.id, perm.uid, 8);
                out.extend_from_slice(b"  ");
                long_time(out, s.otime, true);
                out.push(b' ');
                long_time(out, perm.ctime, true);
                out.push(b'\n');
            }
            _ => {
                key_id_owner_perms(out, names, perm);
                left(out, s.nsems.to_string().as_bytes(), 10);
                out.push(b'\n');
            }
        }
    }
}

/// Why `-i ID` printed nothing.
enum Detail {
    /// "id N not found": a warning, status 0.
    NotFound,
    /// A failed call (`semctl(GETVAL) failed: ...`): status 1.
    Failed(String),
}

/// `%#o`.
fn alt_octal(mode: u32) -> String {
    if mode == 0 {
        "0".into()
    } else {
        format!("0{mode:o}")
    }
}

/// The record with this id. util-linux treats a negative id as "all" and then shows the
/// first object under the id asked for; that is kept, since scripts may have come to
/// rely on it.
fn find<T>(records: Vec<T>, id: i32, perm: impl Fn(&T) -> &Perm) -> Result<T, Detail> {
    records
        .into_iter()
        .find(|r| id < 0 || perm(r).id == id)
        .ok_or(Detail::NotFound)
}

fn print_msg(out: &mut Vec<u8>, id: i32, unit: Unit) -> Result<(), Detail> {
    let (records, from_proc) = queues_and_source();
    let q: MsgRecord = find(records, id, |r| &r.perm)?;
    // For a negative id util-linux asks the kernel for qbytes only on its slot-by-slot path.
    let qbytes = if id >= 0 || !from_proc {
        crate::core::sysv::msg::stat(q.perm.id).map_or(0, |stat| stat.qbytes)
    } else {
        0
    };
    let p = &q.perm;
    let _ = write!(
        out,
        "\nMessage Queue msqid={id}\nuid={}\tgid={}\tcuid={}\tcgid={}\tmode={}\n",
        p.uid,
        p.gid,
        p.cuid,
        p.cgid,
        alt_octal(p.mode)
    );
    let human = unit == Unit::Human;
    print_size(
        out,
        unit,
        Some(if human { "csize=" } else { "cbytes=" }),
        q.cbytes,
        "\t",
        0,
    );
    print_size(
        out,
        unit,
        Some(if human { "qsize=" } else { "qbytes=" }),
        qbytes,
        "\t",
        0,
    );
    let _ = writeln!(out, "qnum={}\tlspid={}\tlrpid={}", q.qnum, q.lspid, q.lrpid);
    for (label, t) in [
        ("send_time=", q.stime),
        ("rcv_time=", q.rtime),
        ("change_time=", p.ctime),
    ] {
        out.extend_from_slice(label.as_bytes());
        long_time(out, t, true);
        out.push(b'\n');
    }
    out.push(b'\n');
    Ok(())
}

fn print_shm(out: &mut Vec<u8>, id: i32, unit: Unit) -> Result<(), Detail> {
    let s: ShmRecord = find(segments(), id, |r| &r.perm)?;
    let p = &s.perm;
    let _ = write!(
        out,
        "\nShared memory Segment shmid={id}\nuid={}\tgid={}\tcuid={}\tcgid={}\nmode={}\taccess_perms={}\n",
        p.uid,
        p.gid,
        p.cuid,
        p.cgid,
        alt_octal(p.mode),
        alt_octal(p.mode & 0o777)
    );
    let label = if unit == Unit::Human {
        "size="
    } else {
        "bytes="
    };
    print_size(out, unit, Some(label), s.size, "\t", 0);
    let _ = writeln!(
        out,
        "lpid={}\tcpid={}\tnattch={}",
        s.lpid as u32, s.cpid as u32, s.nattch
    );
    for (label, t, unset) in [
        ("att_time=", s.atime, true),
        ("det_time=", s.dtime, true),
        ("change_time=", p.ctime, false),
    ] {
        out.extend_from_slice(label.as_bytes());
        long_time(out, t, unset);
        out.push(b'\n');
    }
    out.push(b'\n');
    Ok(())
}

fn print_sem(out: &mut Vec<u8>, id: i32) -> Result<(), Detail> {
    // util-linux crashes here (it fetches no values for a negative id, then reads them);
    // ipcx says what it cannot show instead.
    if id < 0 {
        return Err(Detail::NotFound);
    }
    let s: SemRecord = find(semaphore_sets(), id, |r| &r.perm)?;
    let mut elements = Vec::new();
    for semnum in 0..s.nsems {
        let semnum = i32::try_from(semnum).unwrap_or(i32::MAX);
        let element = ipcinfo::sem_element(id, semnum).map_err(|(call, errno)| {
            Detail::Failed(format!("{call} failed: {}", ipcinfo::strerror(errno)))
        })?;
        elements.push(element);
    }
    let p = &s.perm;
    let _ = write!(
        out,
        "\nSemaphore Array semid={id}\nuid={}\t gid={}\t cuid={}\t cgid={}\nmode={}, access_perms={}\nnsems = {}\notime = ",
        p.uid,
        p.gid,
        p.cuid,
        p.cgid,
        alt_octal(p.mode),
        alt_octal(p.mode & 0o777),
        s.nsems
    );
    long_time(out, s.otime, true);
    out.extend_from_slice(b"\nctime = ");
    long_time(out, p.ctime, false);
    out.push(b'\n');
    header(
        out,
        &[
            ("semnum", 10),
            ("value", 10),
            ("ncount", 10),
            ("zcount", 10),
            ("pid", 10),
        ],
    );
    for (i, e) in elements.iter().enumerate() {
        for (n, value) in [
            i as i64,
            e.semval.into(),
            e.ncount.into(),
            e.zcount.into(),
            e.pid.into(),
        ]
        .iter()
        .enumerate()
        {
            if n > 0 {
                out.push(b' ');
            }
            left(out, value.to_string().as_bytes(), 10);
        }
        out.push(b'\n');
    }
    out.push(b'\n');
    Ok(())
}
