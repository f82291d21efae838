//! Who waits on an object: the threads blocked in msgsnd/msgrcv, semop/semtimedop,
//! mq_timedsend/mq_timedreceive, or a futex wait on a POSIX semaphore, read from
//! /proc/PID/task/TID/syscall (the call's number and arguments) in one scan of /proc.
//! What a call waits for is read where the kernel keeps it: a semop's operations from the
//! caller's sembuf array (/proc/PID/mem), a queue descriptor's file from /proc/PID/fd, a
//! futex's semaphore from the mapping that holds its address (/proc/PID/maps). What cannot
//! be read is counted, never guessed.

use std::fs;
use std::os::unix::fs::FileExt;

use crate::core::holders::{denied, file_id, parse_maps, FileId, Mapping};
use crate::core::objects::Listed;
use crate::core::procfs::pids;

/// The most operations of one semop read from its caller (the kernel's SEMOPM cap is
/// far below this).
const MAX_SEMOPS: u64 = 4096;

/// What one blocked call waits for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Wait {
    /// msgsnd (type being sent, or None when unreadable) or msgrcv (type asked for).
    Msg {
        msqid: i32,
        send: bool,
        mtype: Option<i64>,
        size: u64,
    },
    /// semop or semtimedop: the operations (semaphore index, operation), when readable.
    Sem {
        semid: i32,
        timed: bool,
        ops: Option<Vec<(u16, i16)>>,
    },
    /// mq_timedsend or mq_timedreceive, on the queue whose file this is.
    Mq { file: FileId, send: bool, size: u64 },
    /// A futex wait inside a mapping of this file (sem_wait on a named semaphore).
    Futex { file: FileId },
}

/// One blocked thread, by its process.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Waiter {
    pub pid: i32,
    pub wait: Wait,
}

impl Waiter {
    /// The call's name, as the JSON `op` and the table show it.
    pub fn call(&self) -> &'static str {
        match &self.wait {
            Wait::Msg { send: true, .. } => "msgsnd",
            Wait::Msg { send: false, .. } => "msgrcv",
            Wait::Sem { timed: false, .. } => "semop",
            Wait::Sem { timed: true, .. } => "semtimedop",
            Wait::Mq { send: true, .. } => "mq_timedsend",
            Wait::Mq { send: false, .. } => "mq_timedreceive",
            Wait::Futex { .. } => "sem_wait",
        }
    }
}

/// The blocked threads of the machine (System V ones only of our IPC namespace).
#[derive(Debug, Default)]
pub struct Waiters {
    pub waiters: Vec<Waiter>,
    /// Processes whose calls could not be read.
    pub unknown: usize,
}

/// The call and its six arguments, from the text of /proc/PID/syscall; None when the
/// thread is running or not in a call.
pub fn parse_syscall(text: &str) -> Option<(i64, [u64; 6])> {
    let mut words = text.split_ascii_whitespace();
    let nr: i64 = words.next()?.parse().ok()?;
    let mut args = [0u64; 6];
    for arg in &mut args {
        let word = words.next()?;
        *arg = u64::from_str_radix(word.strip_prefix("0x").unwrap_or(word), 16).ok()?;
    }
    Some((nr, args))
}

/// `nsops` sembufs (unsigned short num; short op; short flg) as read from memory.
pub fn parse_sembufs(bytes: &[u8]) -> Vec<(u16, i16)> {
    bytes
        .chunks_exact(6)
        .map(|b| {
            (
                u16::from_ne_bytes([b[0], b[1]]),
                i16::from_ne_bytes([b[2], b[3]]),
            )
        })
        .collect()
}

/// Reads `len` bytes of process `pid`'s memory at `address`.
fn peek(pid: i32, address: u64, len: u64) -> Option<Vec<u8>> {
    let len = usize::try_from(len).ok()?;
    let file = fs::File::open(format!("/proc/{pid}/mem")).ok()?;
    let mut buf = vec![0u8; len];
    file.read_exact_at(&mut buf, address).ok()?;
    Some(buf)
}

impl Waiters {
    /// Scans every thread of every process once.
    pub fn scan() -> Waiters {
        let mut found = Waiters::default();
        let own_ns = fs::read_link("/proc/self/ns/ipc").ok();
        for pid in pids() {
            let Ok(tasks) = fs::read_dir(format!("/proc/{pid}/task")) else {
                continue;
            };
            let mut unreadable = false;
            // Read once per process, however many of its threads wait on a futex (every
            // idle thread of a pool does).
            let mut maps: Option<Option<Vec<Mapping>>> = None;
            for task in tasks.flatten() {
                let path = task.path().join("syscall");
                let text = match fs::read_to_string(&path) {
                    Ok(text) => text,
                    Err(err) => {
                        unreadable |= denied(&err);
                        continue;
                    }
                };
                let Some((nr, args)) = parse_syscall(&text) else {
                    continue;
                };
                let same_ns = || fs::read_link(format!("/proc/{pid}/ns/ipc")).ok() == own_ns;
                let as_i32 = |n: u64| i32::try_from(n as i64).ok();
                let wait = match nr {
                    libc::SYS_msgsnd | libc::SYS_msgrcv if same_ns() => {
                        let send = nr == libc::SYS_msgsnd;
                        let Some(msqid) = as_i32(args[0]) else {
                            continue;
                        };
                        let mtype = if send {
                            peek(pid, args[1], 8)
                                .map(|b| i64::from_ne_bytes(b.try_into().unwrap_or([0; 8])))
                        } else {
                            Some(args[3] as i64)
                        };
                        if mtype.is_none() {
                            unreadable = true;
                        }
                        Wait::Msg {
                            msqid,
                            send,
                            mtype,
                            size: args[2],
                        }
                    }
                    libc::SYS_semop | libc::SYS_semtimedop if same_ns() => {
                        let Some(semid) = as_i32(args[0]) else {
                            continue;
                        };
                        let ops = (args[2] <= MAX_SEMOPS)
                            .then(|| peek(pid, args[1], args[2] * 6))
                            .flatten()
                            .map(|bytes| parse_sembufs(&bytes));
                        if ops.is_none() {
                            unreadable = true;
                        }
                        Wait::Sem {
                            semid,
                            timed: nr == libc::SYS_semtimedop,
                            ops,
                        }
                    }
                    libc::SYS_mq_timedsend | libc::SYS_mq_timedreceive => {
                        let fd = format!("/proc/{pid}/fd/{}", args[0]);
                        let Some(file) = file_id(std::path::Path::new(&fd)) else {
                            unreadable = true;
                            continue;
                        };
                        Wait::Mq {
                            file,
                            send: nr == libc::SYS_mq_timedsend,
                            size: args[2],
                        }
                    }
                    libc::SYS_futex => {
                        // FUTEX_WAIT or FUTEX_WAIT_BITSET, private flag and clock aside.
                        let op = args[1] & 0x7f;
                        if op != 0 && op != 9 {
                            continue;
                        }
                        let maps = maps.get_or_insert_with(|| {
                            fs::read(format!("/proc/{pid}/maps"))
                                .ok()
                                .map(|text| parse_maps(&text))
                        });
                        let Some(maps) = maps else {
                            unreadable = true;
                            continue;
                        };
                        let Some(mapping) = maps
                            .iter()
                            .find(|m| !m.sysv && m.start <= args[0] && args[0] < m.end)
                        else {
                            continue;
                        };
                        Wait::Futex { file: mapping.file }
                    }
                    _ => continue,
                };
                found.waiters.push(Waiter { pid, wait });
            }
            if unreadable {
                found.unknown += 1;
            }
        }
        found
    }

    /// The waiters on `object`, whose file (a POSIX object's) is `file`.
    pub fn of(&self, object: &Listed, file: Option<FileId>) -> Vec<&Waiter> {
        self.waiters
            .iter()
            .filter(|w| match (&w.wait, object) {
                (Wait::Msg { msqid, .. }, Listed::Msg(rec)) => *msqid == rec.perm.id,
                (Wait::Sem { semid, .. }, Listed::Sem(rec)) => *semid == rec.perm.id,
                (Wait::Mq { file: f, .. }, Listed::Mq(_))
                | (Wait::Futex { file: f }, Listed::Psem(_)) => Some(*f) == file,
                _ => false,
            })
            .collect()
    }
}

/// What a waiter waits for, in words after its call: `type=0 size=8192`, `0-1,1=0`.
pub fn detail(waiter: &Waiter) -> String {
    match &waiter.wait {
        Wait::Msg { mtype, size, .. } => match mtype {
            Some(t) => format!("type={t} size={size}"),
            None => format!("type=? size={size}"),
        },
        Wait::Sem { ops: Some(ops), .. } => ops
            .iter()
            .map(|(num, op)| match op {
                0 => format!("{num}=0"),
                op if *op > 0 => format!("{num}+{op}"),
                op => format!("{num}{op}"),
            })
            .collect::<Vec<_>>()
            .join(","),
        Wait::Sem { ops: None, .. } => "?".to_string(),
        Wait::Mq { size, .. } => format!("size={size}"),
        Wait::Futex { .. } => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn syscall_lines() {
        assert_eq!(
            parse_syscall("70 0x3 0x7ffc 0x2000 0x0 0x0 0x0 0x7ffd 0x7f00\n"),
            Some((70, [3, 0x7ffc, 0x2000, 0, 0, 0]))
        );
        assert_eq!(parse_syscall("running\n"), None);
        assert_eq!(parse_syscall("-1 0x7ffd 0x7f00\n"), None);
        assert_eq!(parse_syscall(""), None);
    }

    #[test]
    fn sembufs_and_their_words() {
        let mut bytes = Vec::new();
        for (num, op, flg) in [(0u16, -1i16, 0i16), (1, 0, 0), (2, 3, 0x1000)] {
            bytes.extend(num.to_ne_bytes());
            bytes.extend(op.to_ne_bytes());
            bytes.extend(flg.to_ne_bytes());
        }
        let ops = parse_sembufs(&bytes);
        assert_eq!(ops, vec![(0, -1), (1, 0), (2, 3)]);
        let waiter = Waiter {
            pid: 1,
            wait: Wait::Sem {
                semid: 0,
                timed: false,
                ops: Some(ops),
            },
        };
        assert_eq!(detail(&waiter), "0-1,1=0,2+3");
    }

    proptest::proptest! {
        #[test]
        fn never_panic(text in ".{0,200}", bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..64)) {
            let _ = parse_syscall(&text);
            let _ = parse_sembufs(&bytes);
        }
    }
}
