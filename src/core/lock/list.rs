//! Every lock of /proc/locks as lslocks lists it: the holder's command, the path found
//! from the device and inode through the holder's /proc/PID/fd (else the mount point of
//! the device, from mountinfo, followed by `...`), the file's size, the blocker of a
//! waiter, and (when asked) the descriptors holding it from /proc/PID/fdinfo.
//!
//! Fast with many locks: each process's /proc/PID/fd is read once and each of its files
//! resolved once, whatever the number of locks it holds; fdinfo is read only when an OFD
//! lock (which has no pid) or the holders are to be shown.

use std::collections::HashMap;
use std::os::unix::ffi::OsStrExt;

use super::table::{self, Entry, FileId};

/// One listed lock.
#[derive(Clone, Debug)]
pub struct Held {
    pub entry: Entry,
    /// The holder's pid: the kernel's, or for an OFD lock the first process found with it
    /// in its fdinfo (else the kernel's -1).
    pub pid: i32,
    /// comm of the holder; `(unknown)` for a pid whose comm cannot be read, `(undefined)`
    /// without a pid, as lslocks says.
    pub command: String,
    pub path: Option<String>,
    /// The file's size, known when its path was found through a descriptor.
    pub size: Option<u64>,
    /// For a waiter: the pid holding the lock it waits for.
    pub blocker: Option<i32>,
    /// (pid, command, fd) of each descriptor with the lock, when asked for.
    pub holders: Vec<(i32, String, i32)>,
}

/// What one process has open: each file by (device, inode), with its path and size.
type OpenFiles = HashMap<FileId, (String, u64)>;

fn open_files(pid: i32) -> OpenFiles {
    let mut files = OpenFiles::new();
    let dir = format!("/proc/{pid}/fd");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return files;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let Ok(stat) = nix::sys::stat::stat(&path) else {
            continue;
        };
        let id = FileId::from_stat(&stat);
        if files.contains_key(&id) {
            continue;
        }
        let Ok(target) = std::fs::read_link(&path) else {
            continue;
        };
        let text = String::from_utf8_lossy(target.as_os_str().as_bytes()).into_owned();
        files.insert(id, (text, u64::try_from(stat.st_size).unwrap_or(0)));
    }
    files
}

/// Finds `id` among a process's files: by device and inode, else (a file system whose
/// st_dev differs from its superblock's, as btrfs subvolumes) by inode alone, as lslocks.
fn find(files: &OpenFiles, id: &FileId) -> Option<(String, u64)> {
    files.get(id).cloned().or_else(|| {
        files
            .iter()
            .find(|(other, _)| other.inode == id.inode)
            .map(|(_, found)| found.clone())
    })
}

/// Mount points by device, from /proc/self/mountinfo: the last mount of each device.
fn mount_points() -> HashMap<(u32, u32), String> {
    let mut points = HashMap::new();
    let Ok(text) = std::fs::read("/proc/self/mountinfo") else {
        return points;
    };
    for line in String::from_utf8_lossy(&text).lines() {
        let mut words = line.split(' ');
        let (Some(_), Some(_), Some(devno), Some(_), Some(target)) = (
            words.next(),
            words.next(),
            words.next(),
            words.next(),
            words.next(),
        ) else {
            continue;
        };
        let Some((major, minor)) = devno.split_once(':') else {
            continue;
        };
        let (Ok(major), Ok(minor)) = (major.parse(), minor.parse()) else {
            continue;
        };
        points.insert((major, minor), unescape_mount(target));
    }
    points
}

/// mountinfo writes space, tab, newline and backslash as `\040`-style octal escapes.
fn unescape_mount(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let octal = bytes
            .get(i + 1..i + 4)
            .filter(|d| d.iter().all(|b| (b'0'..=b'7').contains(b)));
        match (bytes[i], octal) {
            (b'\\', Some(d)) => {
                let value = (u32::from(d[0] - b'0') << 6)
                    | (u32::from(d[1] - b'0') << 3)
                    | u32::from(d[2] - b'0');
                out.push(u8::try_from(value).unwrap_or(b'?'));
                i += 4;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Every lock now, in /proc/locks order; `holders` also reads every process's fdinfo for
/// the HOLDERS column. Never fails: what cannot be read is left unknown.
pub fn list(holders: bool) -> std::io::Result<Vec<Held>> {
    let entries = table::read_proc_locks()?;
    let blockers: HashMap<u64, i32> = entries
        .iter()
        .filter(|e| !e.blocked)
        .map(|e| (e.id, e.pid))
        .collect();
    // (file, start, end, kind, mode) → (pid, fd) of each descriptor with the lock.
    type Key = (FileId, u64, Option<u64>, String, String);
    let mut by_fd: HashMap<Key, Vec<(i32, i32)>> = HashMap::new();
    if holders || entries.iter().any(|e| e.pid < 0) {
        for pid in crate::core::procfs::pids() {
            for (fd, lock) in table::fdinfo_locks(pid, holders) {
                by_fd
                    .entry((lock.file, lock.start, lock.end, lock.kind, lock.mode))
                    .or_default()
                    .push((pid, fd));
            }
        }
    }
    let mut files: HashMap<i32, OpenFiles> = HashMap::new();
    let mut comms: HashMap<i32, String> = HashMap::new();
    let mut comm = |pid: i32| -> String {
        if pid <= 0 {
            return "(undefined)".into();
        }
        comms
            .entry(pid)
            .or_insert_with(|| {
                super::super::procfs::comm(pid).unwrap_or_else(|| "(unknown)".into())
            })
            .clone()
    };
    let mut mounts: Option<HashMap<(u32, u32), String>> = None;
    let mut listed = Vec::with_capacity(entries.len());
    for entry in entries {
        let key = (
            entry.file,
            entry.start,
            entry.end,
            entry.kind.clone(),
            entry.mode.clone(),
        );
        let fds = by_fd.get(&key);
        let pid = if entry.pid < 0 && !entry.blocked {
            fds.and_then(|fds| fds.first())
                .map_or(entry.pid, |(pid, _)| *pid)
        } else {
            entry.pid
        };
        let found = (pid > 0)
            .then(|| {
                find(
                    files.entry(pid).or_insert_with(|| open_files(pid)),
                    &entry.file,
                )
            })
            .flatten();
        let (path, size) = match found {
            Some((path, size)) => (Some(path), Some(size)),
            None => {
                let points = mounts.get_or_insert_with(mount_points);
                let point = points.get(&(entry.file.major, entry.file.minor));
                (point.map(|p| format!("{p}...")), None)
            }
        };
        let holders = if holders && !entry.blocked {
            fds.map(|fds| fds.iter().map(|&(pid, fd)| (pid, comm(pid), fd)).collect())
                .unwrap_or_default()
        } else {
            Vec::new()
        };
        listed.push(Held {
            blocker: entry
                .blocked
                .then(|| blockers.get(&entry.id).copied())
                .flatten(),
            command: comm(pid),
            pid,
            path,
            size,
            holders,
            entry,
        });
    }
    Ok(listed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mount_points_are_unescaped() {
        assert_eq!(unescape_mount("/mnt/a\\040b"), "/mnt/a b");
        assert_eq!(unescape_mount("/x\\\\"), "/x\\\\");
        assert_eq!(unescape_mount("/\\134"), "/\\");
        assert_eq!(unescape_mount("/\\999"), "/\\999");
    }
}
