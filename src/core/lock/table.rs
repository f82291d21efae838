//! /proc/locks and /proc/PID/fdinfo: who holds which lock, on which file.
//!
//! A line of /proc/locks is `ID: [-> ]KIND MANDATORY MODE PID MAJ:MIN:INODE START END`,
//! device numbers in hex; a waiter blocked on lock ID follows it with `->` and the same
//! ID. An OFD lock shows pid -1: it belongs to an open file, found in the `lock:` lines of
//! the fdinfo of each descriptor that has it.

use std::os::fd::BorrowedFd;

use nix::errno::Errno;

/// A file as /proc/locks names it: the device of its superblock and its inode.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FileId {
    pub major: u32,
    pub minor: u32,
    pub inode: u64,
}

impl FileId {
    /// The file open on `fd`.
    pub fn of(fd: BorrowedFd<'_>) -> Result<FileId, Errno> {
        let stat = nix::sys::stat::fstat(fd)?;
        Ok(FileId::from_stat(&stat))
    }

    pub fn from_stat(stat: &nix::sys::stat::FileStat) -> FileId {
        FileId {
            major: libc::major(stat.st_dev),
            minor: libc::minor(stat.st_dev),
            inode: stat.st_ino,
        }
    }

    /// `MAJ:MIN` in decimal, as lslocks shows it.
    pub fn devno(&self) -> String {
        format!("{}:{}", self.major, self.minor)
    }
}

/// One line of /proc/locks.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// The number /proc/locks gives the lock (a waiter: the number of its blocker).
    pub id: u64,
    /// A waiter blocked on lock `id`.
    pub blocked: bool,
    /// FLOCK, POSIX, OFDLCK, LEASE, DELEG (as the kernel spells it).
    pub kind: String,
    /// ADVISORY, MANDATORY, ACTIVE, BREAKING...
    pub mandatory: bool,
    /// READ, WRITE, UNLCK...
    pub mode: String,
    /// As the kernel shows it: -1 for an OFD lock, 0 for a process of a pid namespace
    /// not visible from ours.
    pub pid: i32,
    pub file: FileId,
    pub start: u64,
    /// None for EOF.
    pub end: Option<u64>,
}

/// Parses one line of /proc/locks (or the part after `lock:\t` of an fdinfo line); None
/// for anything that does not read as one.
pub fn parse_line(line: &str) -> Option<Entry> {
    let mut words = line.split_ascii_whitespace();
    let id = words.next()?.strip_suffix(':')?.parse().ok()?;
    let mut kind = words.next()?;
    let blocked = kind == "->";
    if blocked {
        kind = words.next()?;
    }
    let mandatory = words.next()?;
    let mode = words.next()?;
    let pid: i64 = words.next()?.parse().ok()?;
    let mut file = words.next()?.split(':');
    let major = u32::from_str_radix(file.next()?, 16).ok()?;
    let minor = u32::from_str_radix(file.next()?, 16).ok()?;
    let inode = file.next()?.parse().ok()?;
    let start = words.next()?.parse().ok()?;
    let end = match words.next()? {
        "EOF" => None,
        end => Some(end.parse().ok()?),
    };
    Some(Entry {
        id,
        blocked,
        kind: kind.to_string(),
        mandatory: mandatory == "MANDATORY",
        mode: mode.to_string(),
        pid: i32::try_from(pid).unwrap_or(0),
        file: FileId {
            major,
            minor,
            inode,
        },
        start,
        end,
    })
}

/// Every lock of /proc/locks, in its order; lines that do not parse are left out.
pub fn parse_proc_locks(text: &str) -> Vec<Entry> {
    text.lines().filter_map(parse_line).collect()
}

pub fn read_proc_locks() -> std::io::Result<Vec<Entry>> {
    let bytes = std::fs::read("/proc/locks")?;
    Ok(parse_proc_locks(&String::from_utf8_lossy(&bytes)))
}

/// The OFD locks (`every`: all locks) each open descriptor of process `pid` has, from its
/// fdinfo: (fd, entry).
pub fn fdinfo_locks(pid: i32, every: bool) -> Vec<(i32, Entry)> {
    let Ok(dir) = std::fs::read_dir(format!("/proc/{pid}/fdinfo")) else {
        return Vec::new();
    };
    let mut found = Vec::new();
    for entry in dir.flatten() {
        let Some(fd) = entry.file_name().to_str().and_then(|n| n.parse().ok()) else {
            continue;
        };
        let Ok(text) = std::fs::read(entry.path()) else {
            continue;
        };
        let text = String::from_utf8_lossy(&text);
        for line in text.lines() {
            if let Some(lock) = line.strip_prefix("lock:").and_then(parse_line) {
                if every || lock.kind == "OFDLCK" {
                    found.push((fd, lock));
                }
            }
        }
    }
    found
}

/// The processes with a descriptor holding the OFD lock on `file` from `start` to `end`.
pub fn ofd_holders(file: &FileId, start: u64, end: Option<u64>) -> Vec<i32> {
    let mut holders = Vec::new();
    for pid in crate::core::procfs::pids() {
        let has = fdinfo_locks(pid, false)
            .into_iter()
            .any(|(_, lock)| lock.file == *file && lock.start == start && lock.end == end);
        if has {
            holders.push(pid);
        }
    }
    holders
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_of_proc_locks() {
        let text = "1: POSIX  ADVISORY  WRITE 31750 fe:00:10010850 20 24\n\
                    1: -> POSIX  ADVISORY  WRITE 31751 fe:00:10010850 20 24\n\
                    2: FLOCK  ADVISORY  READ 31750 fe:00:10010850 0 EOF\n\
                    3: OFDLCK ADVISORY  WRITE -1 fe:00:10010850 0 9\n\
                    4: LEASE  BREAKING  READ 12 103:02:7 0 EOF\n\
                    garbage\n\
                    5: POSIX ADVISORY WRITE 1 zz:00:1 0 EOF\n";
        let entries = parse_proc_locks(text);
        assert_eq!(entries.len(), 5);
        assert_eq!(
            entries[0],
            Entry {
                id: 1,
                blocked: false,
                kind: "POSIX".into(),
                mandatory: false,
                mode: "WRITE".into(),
                pid: 31750,
                file: FileId {
                    major: 254,
                    minor: 0,
                    inode: 10010850
                },
                start: 20,
                end: Some(24),
            }
        );
        assert!(entries[1].blocked && entries[1].id == 1);
        assert_eq!(entries[2].end, None);
        assert_eq!(entries[3].pid, -1);
        assert_eq!(entries[4].file.major, 0x103);
        assert_eq!(entries[4].file.devno(), "259:2");
        assert_eq!(
            parse_line("lock:\t1: OFDLCK ADVISORY  WRITE -1 fe:00:1 0 9"),
            None
        );
        assert!(parse_line("1: OFDLCK ADVISORY  WRITE -1 fe:00:1 0 9").is_some());
    }
}
