//! Who holds an object: the processes that have a System V segment attached, or a POSIX
//! object (shared memory, semaphore, queue) open as a descriptor or mapped. One scan of
//! /proc/*/maps and /proc/*/fd per listing, for every object at once, never one per object.
//!
//! POSIX objects are told by their file's device and inode, which /proc/PID/maps prints
//! and a stat of /proc/PID/fd/N gives, so a process of another mount namespace holding the
//! same file is found and one holding another namespace's file of the same name is not.
//! A segment is told by its shmid, which names another segment in another IPC namespace:
//! only processes of our own IPC namespace count for segments. Processes that cannot be
//! read (another user's, without privilege) are counted, never guessed.

use std::collections::HashMap;
use std::fs;
use std::os::unix::fs::MetadataExt;
use std::path::PathBuf;

use crate::core::kind::Kind;
use crate::core::objects::Listed;
use crate::core::posix::{MQUEUE_DIR, SHM_DIR};
use crate::core::procfs::pids;

/// How a process holds an object.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum How {
    /// A System V segment attached (shmat).
    Attached,
    /// An open descriptor (shm_open, mq_open, an open file of /dev/shm).
    Fd,
    /// A mapping of the object's file (mmap, sem_open).
    Mapped,
}

impl How {
    pub fn word(self) -> &'static str {
        match self {
            How::Attached => "attached",
            How::Fd => "fd",
            How::Mapped => "mapped",
        }
    }
}

/// One process holding one object, one way.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Holder {
    pub pid: i32,
    pub how: How,
}

/// A file's identity: (major, minor, inode), as /proc/PID/maps prints it.
pub type FileId = (u64, u64, u64);

/// The holders of the objects of one listing.
#[derive(Debug, Default)]
pub struct Holders {
    segments: HashMap<i32, Vec<Holder>>,
    files: HashMap<FileId, Vec<Holder>>,
    /// Each POSIX object's file, by kind and name.
    ids: HashMap<(Kind, String), FileId>,
    /// Processes whose maps or descriptors could not be read.
    pub unknown: usize,
}

/// The file of a POSIX object `/NAME` of `kind`.
pub fn posix_file(kind: Kind, name: &str) -> Option<PathBuf> {
    let bare = name.strip_prefix('/')?;
    Some(PathBuf::from(match kind {
        Kind::Mq => format!("{MQUEUE_DIR}/{bare}"),
        Kind::Pshm => format!("{SHM_DIR}/{bare}"),
        Kind::Psem => format!("{SHM_DIR}/sem.{bare}"),
        Kind::Msg | Kind::Shm | Kind::Sem => return None,
    }))
}

/// (major, minor) of a `st_dev`, as glibc's gnu_dev_major/minor split it.
pub fn split_dev(dev: u64) -> (u64, u64) {
    let major = ((dev >> 8) & 0xfff) | ((dev >> 32) & !0xfff);
    let minor = (dev & 0xff) | ((dev >> 12) & !0xff);
    (major, minor)
}

/// The identity of the file at `path` (a /proc/PID/fd link is followed to its file).
pub fn file_id(path: &std::path::Path) -> Option<FileId> {
    let meta = fs::metadata(path).ok()?;
    let (major, minor) = split_dev(meta.dev());
    Some((major, minor, meta.ino()))
}

/// Whether a failed read of a /proc file says the process was not ours to read (rather
/// than gone).
pub fn denied(err: &std::io::Error) -> bool {
    err.kind() == std::io::ErrorKind::PermissionDenied
}

/// One mapping of /proc/PID/maps: start, end, and the file's identity (inode 0: none).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Mapping {
    pub start: u64,
    pub end: u64,
    pub file: FileId,
    /// A System V segment (`/SYSV%08x`), whose inode is its shmid.
    pub sysv: bool,
}

/// The mappings of one /proc/PID/maps text that map a file; lines that do not parse are
/// skipped.
pub fn parse_maps(maps: &[u8]) -> Vec<Mapping> {
    let mut found = Vec::new();
    for line in maps.split(|b| *b == b'\n') {
        let Ok(line) = std::str::from_utf8(line) else {
            continue;
        };
        let mut fields = line.split_ascii_whitespace();
        let (Some(range), Some(_perms), Some(_offset), Some(dev), Some(inode)) = (
            fields.next(),
            fields.next(),
            fields.next(),
            fields.next(),
            fields.next(),
        ) else {
            continue;
        };
        let Ok(inode) = inode.parse::<u64>() else {
            continue;
        };
        let sysv = fields.next().is_some_and(|path| path.starts_with("/SYSV"));
        // Inode 0 is an anonymous mapping, except for segment 0, whose inode is its shmid.
        if inode == 0 && !sysv {
            continue;
        }
        let (Some((start, end)), Some((major, minor))) =
            (range.split_once('-'), dev.split_once(':'))
        else {
            continue;
        };
        let hex = |t: &str| u64::from_str_radix(t, 16).ok();
        let (Some(start), Some(end), Some(major), Some(minor)) =
            (hex(start), hex(end), hex(major), hex(minor))
        else {
            continue;
        };
        found.push(Mapping {
            start,
            end,
            file: (major, minor, inode),
            sysv,
        });
    }
    found
}

impl Holders {
    /// Scans every process once for the holders of `objects`.
    pub fn scan<'a>(objects: impl IntoIterator<Item = &'a Listed>) -> Holders {
        let mut holders = Holders::default();
        let mut segments = false;
        let mut descriptors = false;
        for object in objects {
            match (object.kind(), object.name()) {
                (Kind::Shm, _) => segments = true,
                (kind, Some(name)) => {
                    if let Some(id) = posix_file(kind, name).and_then(|p| file_id(&p)) {
                        holders.ids.insert((kind, name.to_string()), id);
                        descriptors = true;
                    }
                }
                _ => {}
            }
        }
        if !segments && holders.ids.is_empty() {
            return holders;
        }
        let wanted: std::collections::HashSet<FileId> = holders.ids.values().copied().collect();
        let own_ns = fs::read_link("/proc/self/ns/ipc").ok();
        for pid in pids() {
            let mut unreadable = false;
            let same_ns = segments && fs::read_link(format!("/proc/{pid}/ns/ipc")).ok() == own_ns;
            match fs::read(format!("/proc/{pid}/maps")) {
                Ok(maps) => {
                    let mut seen: Vec<(bool, FileId)> = Vec::new();
                    for mapping in parse_maps(&maps) {
                        let key = (mapping.sysv, mapping.file);
                        if seen.contains(&key) {
                            continue;
                        }
                        if mapping.sysv && same_ns {
                            seen.push(key);
                            if let Ok(shmid) = i32::try_from(mapping.file.2) {
                                holders.segments.entry(shmid).or_default().push(Holder {
                                    pid,
                                    how: How::Attached,
                                });
                            }
                        } else if !mapping.sysv && wanted.contains(&mapping.file) {
                            seen.push(key);
                            holders.files.entry(mapping.file).or_default().push(Holder {
                                pid,
                                how: How::Mapped,
                            });
                        }
                    }
                }
                Err(err) => unreadable |= denied(&err),
            }
            if descriptors {
                match fs::read_dir(format!("/proc/{pid}/fd")) {
                    Ok(dir) => holders.descriptors(pid, dir, &wanted),
                    Err(err) => unreadable |= denied(&err),
                }
            }
            if unreadable {
                holders.unknown += 1;
            }
        }
        holders
    }

    /// The descriptors of one process that are open files of the wanted objects: a link
    /// that names a socket, pipe or anonymous inode is not stat'ed.
    fn descriptors(
        &mut self,
        pid: i32,
        dir: fs::ReadDir,
        wanted: &std::collections::HashSet<FileId>,
    ) {
        let mut seen: Vec<FileId> = Vec::new();
        for entry in dir.flatten() {
            let path = entry.path();
            let Ok(link) = fs::read_link(&path) else {
                continue;
            };
            if !link.is_absolute() {
                continue; // socket:[N], pipe:[N], anon_inode:...
            }
            let Some(id) = file_id(&path) else { continue };
            if wanted.contains(&id) && !seen.contains(&id) {
                seen.push(id);
                self.files
                    .entry(id)
                    .or_default()
                    .push(Holder { pid, how: How::Fd });
            }
        }
    }

    /// The identity of a POSIX object's file, as found by the scan.
    pub fn file_of(&self, object: &Listed) -> Option<FileId> {
        let name = object.name()?;
        self.ids.get(&(object.kind(), name.to_string())).copied()
    }

    /// The holders of `object`, by pid then how.
    pub fn of(&self, object: &Listed) -> Vec<Holder> {
        let found = match object {
            Listed::Shm(rec) => self.segments.get(&rec.perm.id),
            other => self.file_of(other).and_then(|id| self.files.get(&id)),
        };
        let mut found = found.cloned().unwrap_or_default();
        found.sort_unstable();
        found
    }

    /// Whether what the scan found of `object` may be incomplete: some process could not
    /// be read and, for a segment, fewer holders were found than the kernel's nattch.
    pub fn incomplete(&self, object: &Listed) -> bool {
        match object {
            _ if self.unknown == 0 => false,
            Listed::Shm(rec) => (self.of(object).len() as u64) < rec.nattch,
            _ => true,
        }
    }

    /// What the listing says once when some processes could not be read, where that
    /// leaves some of `objects`' holders unknown.
    pub fn unknown_note<'a>(
        &self,
        mut objects: impl Iterator<Item = &'a Listed>,
    ) -> Option<String> {
        if !objects.any(|o| self.incomplete(o)) {
            return None;
        }
        unreadable_note(self.unknown)
    }
}

/// `N processes could not be read ...`, or None for none.
pub fn unreadable_note(unknown: usize) -> Option<String> {
    let (processes, their) = match unknown {
        0 => return None,
        1 => ("1 process".to_string(), "its"),
        n => (format!("{n} processes"), "their"),
    };
    Some(format!(
        "{processes} could not be read (permission denied): {their} holds and waits are unknown"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_lines() {
        let maps = b"7f0000000000-7f0000001000 rw-s 00000000 00:01 5                          /SYSV000004d2 (deleted)\n\
            7f0000002000-7f0000003000 rw-s 00000000 00:1a 77 /dev/shm/seg\n\
            7f0000004000-7f0000005000 r--p 00000000 00:00 0 \n";
        assert_eq!(
            parse_maps(maps),
            vec![
                Mapping {
                    start: 0x7f0000000000,
                    end: 0x7f0000001000,
                    file: (0, 1, 5),
                    sysv: true
                },
                Mapping {
                    start: 0x7f0000002000,
                    end: 0x7f0000003000,
                    file: (0, 0x1a, 77),
                    sysv: false
                },
            ]
        );
        assert_eq!(parse_maps(b"garbage\n-\n1-2 r 0 x:y 5\n"), vec![]);
    }

    #[test]
    fn devices_split_as_glibc() {
        assert_eq!(split_dev(0x801), (8, 1));
        assert_eq!(split_dev(0x1a), (0, 0x1a));
        // A minor above 0xff keeps its high bits from bit 20 up: makedev(0, 0x123045).
        assert_eq!(split_dev(0x1_2300_0045), (0, 0x123045));
    }

    #[test]
    fn unreadable_is_said_in_numbers() {
        assert_eq!(unreadable_note(0), None);
        assert_eq!(
            unreadable_note(1).unwrap(),
            "1 process could not be read (permission denied): its holds and waits are unknown"
        );
    }

    proptest::proptest! {
        #[test]
        fn maps_never_panic(bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..512)) {
            let _ = parse_maps(&bytes);
        }
    }
}
