//! What ipcx reads from /proc as text: the parser of /proc/sysvipc/{msg,shm,sem} into
//! records, the one reader of /proc/sys numbers (limits), and the /proc/PID facts listings
//! show (command names, attachments). It makes no system call beyond reading files and
//! imports nothing of the data layer above it (`ipcdata` chooses between /proc and the
//! kernel's *_STAT calls); each /proc/sysvipc file is read once and parsed in one pass, by
//! its header's column names, so a kernel that adds a column (as `rss` and `swap` were
//! added) is still read.

use std::path::Path;
use std::str::FromStr;

use anyhow::{anyhow, bail, Context, Result};

use crate::core::records::{MsgRecord, Perm, SemRecord, ShmRecord};

pub const SYSVIPC: &str = "/proc/sysvipc";

/// The most columns a /proc/sysvipc line may have (the kernel prints at most 16).
const MAX_COLUMNS: usize = 32;

/// The columns the records read, in the kernel's names. A header is mapped onto these once,
/// so each value of each line is found by index, not by name.
const FIELDS: [&str; 26] = [
    "key", "msqid", "shmid", "semid", "perms", "cbytes", "qnum", "lspid", "lrpid", "uid", "gid",
    "cuid", "cgid", "stime", "rtime", "ctime", "size", "cpid", "lpid", "nattch", "atime", "dtime",
    "rss", "swap", "nsems", "otime",
];

// Indices into FIELDS.
const KEY: usize = 0;
const MSQID: usize = 1;
const SHMID: usize = 2;
const SEMID: usize = 3;
const PERMS: usize = 4;
const CBYTES: usize = 5;
const QNUM: usize = 6;
const LSPID: usize = 7;
const LRPID: usize = 8;
const UID: usize = 9;
const GID: usize = 10;
const CUID: usize = 11;
const CGID: usize = 12;
const STIME: usize = 13;
const RTIME: usize = 14;
const CTIME: usize = 15;
const SIZE: usize = 16;
const CPID: usize = 17;
const LPID: usize = 18;
const NATTCH: usize = 19;
const ATIME: usize = 20;
const DTIME: usize = 21;
const RSS: usize = 22;
const SWAP: usize = 23;
const NSEMS: usize = 24;
const OTIME: usize = 25;

/// Where each of FIELDS sits in a file's header, if it is there.
type Positions = [Option<usize>; FIELDS.len()];

fn positions(names: &[&str]) -> Positions {
    let mut positions = [None; FIELDS.len()];
    for (slot, field) in positions.iter_mut().zip(FIELDS) {
        *slot = names.iter().position(|n| *n == field);
    }
    positions
}

/// One parsed line: values looked up by the header's column names.
struct Row<'a> {
    positions: &'a Positions,
    values: [&'a str; MAX_COLUMNS],
    line: usize,
}

impl Row<'_> {
    fn raw(&self, field: usize) -> Result<&str> {
        let name = FIELDS[field];
        let index = self.positions[field].ok_or_else(|| anyhow!("no column '{name}'"))?;
        // parse_table guarantees a value for every named column.
        self.values
            .get(index)
            .copied()
            .ok_or_else(|| anyhow!("line {}: missing column '{name}'", self.line))
    }

    fn num<T: std::str::FromStr>(&self, field: usize) -> Result<T> {
        let text = self.raw(field)?;
        let name = FIELDS[field];
        text.parse().map_err(|_| {
            anyhow!(
                "line {}: column '{name}' is not a number: '{text}'",
                self.line
            )
        })
    }

    /// A column that older kernels lack reads as 0.
    fn num_or_zero<T: std::str::FromStr + Default>(&self, field: usize) -> Result<T> {
        if self.positions[field].is_some() {
            self.num(field)
        } else {
            Ok(T::default())
        }
    }

    fn perm(&self, id_column: usize) -> Result<Perm> {
        let mode_text = self.raw(PERMS)?;
        let mode = u32::from_str_radix(mode_text, 8)
            .map_err(|_| anyhow!("line {}: perms is not octal: '{mode_text}'", self.line))?;
        Ok(Perm {
            key: self.num(KEY)?,
            id: self.num(id_column)?,
            mode,
            uid: self.num(UID)?,
            gid: self.num(GID)?,
            cuid: self.num(CUID)?,
            cgid: self.num(CGID)?,
            ctime: self.num(CTIME)?,
        })
    }
}

/// Splits a /proc/sysvipc file into rows and hands each to `record`.
fn parse_table<T>(text: &[u8], mut record: impl FnMut(&Row) -> Result<T>) -> Result<Vec<T>> {
    let text = std::str::from_utf8(text).map_err(|_| anyhow!("not text"))?;
    let mut lines = text.lines().enumerate();
    let names: Vec<&str> = match lines.next() {
        Some((_, header)) => header.split_ascii_whitespace().collect(),
        None => return Ok(Vec::new()),
    };
    if names.len() > MAX_COLUMNS {
        bail!(
            "{} columns in the header, more than the {MAX_COLUMNS} expected",
            names.len()
        );
    }
    let positions = positions(&names);
    let mut records = Vec::new();
    for (index, line) in lines {
        if line.trim().is_empty() {
            continue;
        }
        let mut values = [""; MAX_COLUMNS];
        let mut count = 0;
        for (slot, value) in values.iter_mut().zip(line.split_ascii_whitespace()) {
            *slot = value;
            count += 1;
        }
        if count < names.len() {
            bail!(
                "line {}: {count} columns where the header has {}",
                index + 1,
                names.len()
            );
        }
        records.push(record(&Row {
            positions: &positions,
            values,
            line: index + 1,
        })?);
    }
    Ok(records)
}

pub fn parse_msg(text: &[u8]) -> Result<Vec<MsgRecord>> {
    parse_table(text, |row| {
        Ok(MsgRecord {
            perm: row.perm(MSQID)?,
            cbytes: row.num(CBYTES)?,
            qnum: row.num(QNUM)?,
            lspid: row.num(LSPID)?,
            lrpid: row.num(LRPID)?,
            stime: row.num(STIME)?,
            rtime: row.num(RTIME)?,
        })
    })
}

pub fn parse_shm(text: &[u8]) -> Result<Vec<ShmRecord>> {
    parse_table(text, |row| {
        Ok(ShmRecord {
            perm: row.perm(SHMID)?,
            size: row.num(SIZE)?,
            cpid: row.num(CPID)?,
            lpid: row.num(LPID)?,
            nattch: row.num(NATTCH)?,
            atime: row.num(ATIME)?,
            dtime: row.num(DTIME)?,
            rss: Some(row.num_or_zero(RSS)?),
            swap: Some(row.num_or_zero(SWAP)?),
        })
    })
}

pub fn parse_sem(text: &[u8]) -> Result<Vec<SemRecord>> {
    parse_table(text, |row| {
        Ok(SemRecord {
            perm: row.perm(SEMID)?,
            nsems: row.num(NSEMS)?,
            otime: row.num(OTIME)?,
        })
    })
}

fn read_sysvipc(name: &str) -> Result<Vec<u8>> {
    let path = Path::new(SYSVIPC).join(name);
    std::fs::read(&path).with_context(|| format!("cannot read {}", path.display()))
}

/// The queues as /proc/sysvipc/msg lists them.
pub fn read_msg() -> Result<Vec<MsgRecord>> {
    parse_msg(&read_sysvipc("msg")?).context("/proc/sysvipc/msg")
}

/// The segments as /proc/sysvipc/shm lists them.
pub fn read_shm() -> Result<Vec<ShmRecord>> {
    parse_shm(&read_sysvipc("shm")?).context("/proc/sysvipc/shm")
}

/// The semaphore sets as /proc/sysvipc/sem lists them.
pub fn read_sem() -> Result<Vec<SemRecord>> {
    parse_sem(&read_sysvipc("sem")?).context("/proc/sysvipc/sem")
}

/// Where the System V limits are set.
pub const KERNEL: &str = "/proc/sys/kernel";

/// The N numbers of a file under /proc/sys: one in most (msgmax, pipe-max-size), four in
/// kernel/sem. The one reader of /proc/sys numbers; the file is named on failure.
pub fn read_sys<T: FromStr, const N: usize>(path: impl AsRef<Path>) -> Result<[T; N]> {
    let path = path.as_ref();
    let text =
        std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    parse_numbers(&text).with_context(|| format!("{}", path.display()))
}

/// Exactly N whitespace-separated numbers, as a file of /proc/sys holds them.
pub fn parse_numbers<T: FromStr, const N: usize>(text: &str) -> Result<[T; N]> {
    let mut numbers = Vec::with_capacity(N);
    for word in text.split_whitespace() {
        numbers.push(
            word.parse()
                .map_err(|_| anyhow!("not a number: '{word}'"))?,
        );
    }
    let count = numbers.len();
    numbers.try_into().map_err(|_| match N {
        1 => anyhow!("{count} numbers where 1 was expected"),
        _ => anyhow!("{count} numbers where {N} were expected"),
    })
}

/// The short command name of a live process, from /proc/PID/comm.
pub fn comm(pid: i32) -> Option<String> {
    if pid <= 0 {
        return None;
    }
    let text = std::fs::read_to_string(format!("/proc/{pid}/comm")).ok()?;
    Some(text.trim_end_matches('\n').to_string())
}

/// The command line of a live process, arguments joined by spaces, from /proc/PID/cmdline.
pub fn cmdline(pid: i32) -> Option<String> {
    if pid <= 0 {
        return None;
    }
    let bytes = std::fs::read(format!("/proc/{pid}/cmdline")).ok()?;
    let text = String::from_utf8_lossy(&bytes);
    let joined = text.trim_end_matches('\0').replace('\0', " ");
    (!joined.is_empty()).then_some(joined)
}

/// Whether /proc is our own PID namespace's. After entering another mount namespace it
/// may be another's, where /proc/self names nothing and the pids the kernel gives (which are
/// always in our PID namespace) name other processes or none.
pub fn own_proc() -> bool {
    std::fs::read_link("/proc/self")
        .ok()
        .and_then(|link| link.to_str()?.parse::<u32>().ok())
        == Some(std::process::id())
}

/// Whether a process with this pid exists (in our pid namespace).
pub fn alive(pid: i32) -> bool {
    pid > 0 && Path::new(&format!("/proc/{pid}")).exists()
}

/// The pids of /proc (this pid namespace's processes), lowest first: the one reader of
/// /proc's directory, for the scans of holders, waiters, namespaces and locks (the first
/// holder found of an OFD lock is the lowest pid).
pub fn pids() -> Vec<i32> {
    let Ok(dir) = std::fs::read_dir("/proc") else {
        return Vec::new();
    };
    let mut pids: Vec<i32> = dir
        .flatten()
        .filter_map(|e| e.file_name().to_str().and_then(|n| n.parse::<i32>().ok()))
        .filter(|pid| *pid > 0)
        .collect();
    pids.sort_unstable();
    pids
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::records::SHM_DEST;
    use proptest::prelude::*;

    const MSG: &[u8] = b"       key      msqid perms      cbytes       qnum lspid lrpid   uid   gid  cuid  cgid      stime      rtime      ctime\n-743211429          0   644           5          1   12     0     0     0     0     0   1795315000          0 1795315251\n";
    const SHM: &[u8] = b"       key      shmid perms                  size  cpid  lpid nattch   uid   gid  cuid  cgid      atime      dtime      ctime                   rss                  swap\n-1029053853          3  1600                  4096  2104     0      0  1000   100     0     0          0          0 1795315251                     0                     0\n";
    const SEM: &[u8] = b"       key      semid perms      nsems   uid   gid  cuid  cgid      otime      ctime\n-1777590940          0   644          3     0     0     0     0          0 1795315251\n";

    #[test]
    fn parses_each_file() {
        let msg = parse_msg(MSG).unwrap();
        assert_eq!(msg.len(), 1);
        assert_eq!(msg[0].perm.key, -743211429);
        assert_eq!(msg[0].perm.mode, 0o644);
        assert_eq!((msg[0].cbytes, msg[0].qnum, msg[0].lspid), (5, 1, 12));
        let shm = parse_shm(SHM).unwrap();
        assert_eq!(shm[0].perm.id, 3);
        assert_eq!(shm[0].perm.mode & SHM_DEST, SHM_DEST);
        assert_eq!(
            (shm[0].size, shm[0].cpid, shm[0].perm.uid),
            (4096, 2104, 1000)
        );
        let sem = parse_sem(SEM).unwrap();
        assert_eq!(sem[0].nsems, 3);
    }

    #[test]
    fn older_kernels_without_rss() {
        let old = b"key shmid perms size cpid lpid nattch uid gid cuid cgid atime dtime ctime\n5 1 600 10 1 1 0 0 0 0 0 0 0 0\n";
        assert_eq!(parse_shm(old).unwrap()[0].rss, Some(0));
    }

    #[test]
    fn malformed_lines_are_errors() {
        assert!(parse_msg(b"key msqid\n1\n").is_err());
        assert!(parse_sem(
            b"key semid perms nsems uid gid cuid cgid otime ctime\n1 2 999 3 0 0 0 0 0 0\n"
        )
        .is_err());
    }

    #[test]
    fn limits() {
        assert_eq!(
            parse_numbers::<u64, 1>("18446744073692774399\n").unwrap(),
            [18446744073692774399]
        );
        assert_eq!(
            parse_numbers::<i32, 4>("32000\t1024000000\t500\t32000\n").unwrap(),
            [32000, 1024000000, 500, 32000]
        );
        assert!(parse_numbers::<i32, 4>("1 2 3").is_err());
        assert!(parse_numbers::<u64, 1>("8192 1").is_err());
        assert_eq!(parse_numbers::<i32, 4>("-5 2 3 4").unwrap(), [-5, 2, 3, 4]);
    }

    proptest! {
        #[test]
        fn parsers_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
            let _ = parse_msg(&bytes);
            let _ = parse_shm(&bytes);
            let _ = parse_sem(&bytes);
            let text = String::from_utf8_lossy(&bytes);
            let _ = parse_numbers::<u64, 1>(&text);
            let _ = parse_numbers::<i32, 4>(&text);
        }

        #[test]
        fn parsers_never_panic_on_plausible_text(
            header in proptest::sample::subsequence(vec!["key", "msqid", "shmid", "semid", "perms", "cbytes", "qnum", "lspid", "lrpid", "uid", "gid", "cuid", "cgid", "stime", "rtime", "ctime", "size", "cpid", "lpid", "nattch", "atime", "dtime", "rss", "swap", "nsems", "otime"], 0..26),
            rows in proptest::collection::vec(proptest::collection::vec("-?[0-9]{0,22}|x", 0..30), 0..4),
        ) {
            let mut text = header.join(" ");
            for row in rows {
                text.push('\n');
                text.push_str(&row.join(" "));
            }
            let _ = parse_msg(text.as_bytes());
            let _ = parse_shm(text.as_bytes());
            let _ = parse_sem(text.as_bytes());
        }
    }
}
