//! `ipcmk` as util-linux runs it: one segment, queue and semaphore set at most, under
//! random keys, each id printed, as 2.38 does; and, as 2.42 added, a POSIX segment (-m),
//! queue (-q) and semaphore (-s) under the one name -n gives. They are made in 2.42's
//! order (segment, POSIX segment, queue, POSIX queue, set, POSIX semaphore); the first
//! failure ends the run.

use std::ffi::OsString;

use super::getopt::{opt, Getopt, HasArg, Item, LongOpt};
use super::numbers::{parse_size, strtos32_or_err, strtoul, ERANGE_TEXT};
use super::Tool;
use crate::core::ipcinfo::{self, random_key};
use crate::core::posix::mq::{Create, PosixQueue};
use crate::core::posix::sem::{NamedSem, OpenError};
use crate::core::posix::shm::PosixShm;
use crate::core::sysv;
use nix::errno::Errno;

const LONGS: &[LongOpt] = &[
    opt("shmem", HasArg::Required, b'M' as u32),
    opt("posix-shmem", HasArg::Required, b'm' as u32),
    opt("semaphore", HasArg::Required, b'S' as u32),
    opt("posix-semaphore", HasArg::No, b's' as u32),
    opt("queue", HasArg::No, b'Q' as u32),
    opt("posix-mqueue", HasArg::No, b'q' as u32),
    opt("mode", HasArg::Required, b'p' as u32),
    opt("name", HasArg::Required, b'n' as u32),
    opt("version", HasArg::No, b'V' as u32),
    opt("help", HasArg::No, b'h' as u32),
];

/// util-linux 2.42's usage (sys-utils/ipcmk.c, include/c.h's USAGE_ARG_SIZE).
const USAGE: &str = "
Usage:
 {} [options]

Create various IPC resources.

Options:
 -M, --shmem <size>       create shared memory segment of size <size>
 -m, --posix-shmem <size> create POSIX shared memory segment of size <size>
 -S, --semaphore <number> create semaphore array with <number> elements
 -s, --posix-semaphore    create POSIX semaphore
 -Q, --queue              create message queue
 -q, --posix-mqueue       create POSIX message queue
 -p, --mode <mode>        permission for the resource (default is 0644)
 -n, --name <name>        name of the POSIX resource

 -h, --help               display this help
 -V, --version            display version

Arguments:
 Values for <size> may be followed by a suffix: KiB, MiB,
 GiB, TiB, PiB, EiB, ZiB, or YiB (where the \"iB\" is optional).

 -n, --name <name> option is required for POSIX IPC

For more details see ipcmk(1).
";

pub fn run(tool: &mut Tool, args: &[OsString]) -> u8 {
    let mut mode: i32 = 0o644;
    // One size for -M and -m, as in util-linux: the last one given sizes both.
    let mut size: u64 = 0;
    let (mut shm, mut pshm, mut queue, mut pqueue, mut psem) = (false, false, false, false, false);
    let mut nsems: Option<i32> = None;
    let mut name: Option<Vec<u8>> = None;
    let mut getopt = Getopt::new(args, "hM:m:QqS:sp:n:Vh", LONGS);
    while let Some(item) = getopt.next_item() {
        let (letter, value) = match item {
            Item::Opt(letter, value) => (letter, value.unwrap_or_default()),
            Item::Error(text) => return tool.getopt_error(&text),
        };
        let shown = String::from_utf8_lossy(&value);
        match u8::try_from(letter).unwrap_or(0) {
            letter @ (b'M' | b'm') => match parse_size(&value) {
                Ok(parsed) => {
                    size = parsed;
                    if letter == b'M' {
                        shm = true;
                    } else {
                        pshm = true;
                    }
                }
                Err(why) => {
                    tool.warn(&format!("failed to parse size: '{shown}': {why}"));
                    return 1;
                }
            },
            b'Q' => queue = true,
            b'q' => pqueue = true,
            b'S' => match strtos32_or_err(&value, "failed to parse elements") {
                Ok(n) => nsems = Some(n),
                Err(text) => {
                    tool.warn(&text);
                    return 1;
                }
            },
            b's' => psem = true,
            b'p' => {
                // util-linux checks only that the whole value is octal digits; errno is
                // not reset, so the message ends in "Success" unless strtoul overflowed.
                let parsed = strtoul(&value, 8);
                if parsed.end == 0 || parsed.end != value.len() {
                    let why = if parsed.overflow {
                        ERANGE_TEXT
                    } else {
                        "Success"
                    };
                    tool.warn(&format!("failed to parse mode: {why}"));
                    return 1;
                }
                mode = parsed.value as u32 as i32;
            }
            b'n' => name = Some(value),
            b'h' => return tool.help(USAGE),
            b'V' => return tool.version(),
            _ => return tool.try_help(),
        }
    }
    if !shm && !queue && nsems.is_none() && !pshm && !pqueue && !psem {
        tool.warn("bad usage");
        return tool.try_help();
    }
    let posix = pshm || pqueue || psem;
    let name = match name {
        None if posix => {
            tool.warn("name is required for POSIX IPC");
            return tool.try_help();
        }
        None => String::new(),
        // The core takes names as text; a name that is not UTF-8 is refused rather than
        // made under another spelling.
        Some(name) => match String::from_utf8(name) {
            Ok(name) => name,
            Err(_) if !posix => String::new(),
            Err(err) => {
                let shown = String::from_utf8_lossy(err.as_bytes());
                tool.warn(&format!("{shown}: a POSIX name must be valid UTF-8"));
                return 1;
            }
        },
    };
    // util-linux's shm_open, mq_open and sem_open apply the umask to -p's mode; the core
    // sets the mode it is given whatever the umask, so it is given the masked mode.
    let posix_mode = (mode as u32) & !umask();
    let flags = mode | sysv::IPC_CREAT;
    if shm {
        let size = usize::try_from(size).unwrap_or(usize::MAX);
        match sysv::shm::get(random_key(), size, flags) {
            Ok(id) => tool.print(&format!("Shared memory id: {id}\n")),
            Err(errno) => return failed(tool, "create share memory failed", errno),
        }
    }
    if pshm {
        // O_CREAT without O_EXCL in util-linux: an existing object is opened and resized.
        let made = PosixShm::open(&name, true, Some((posix_mode, size))).and_then(|object| {
            if object.created {
                Ok(())
            } else {
                object.resize(size)
            }
        });
        match made {
            Ok(()) => tool.print(&format!("POSIX shared memory name: {name}\n")),
            Err(errno) => return failed(tool, "create POSIX shared memory failed", errno),
        }
    }
    if queue {
        match sysv::msg::get(random_key(), flags) {
            Ok(id) => tool.print(&format!("Message queue id: {id}\n")),
            Err(errno) => return failed(tool, "create message queue failed", errno),
        }
    }
    if pqueue {
        let create = Create {
            mode: posix_mode,
            max_messages: None,
            message_size: None,
        };
        match PosixQueue::open(&name, true, true, Some(create)) {
            Ok(_) => tool.print(&format!("POSIX message queue name: {name}\n")),
            Err(errno) => return failed(tool, "create POSIX message queue failed", errno),
        }
    }
    if let Some(nsems) = nsems {
        match sysv::sem::get(random_key(), nsems, flags) {
            Ok(id) => tool.print(&format!("Semaphore id: {id}\n")),
            Err(errno) => return failed(tool, "create semaphore failed", errno),
        }
    }
    if psem {
        // Value 0; an existing semaphore is opened as it is, as sem_open(O_CREAT) does.
        let made = match NamedSem::create(&name, posix_mode, 0) {
            Err(Errno::EEXIST) => NamedSem::open(&name).map(drop),
            other => other.map(drop).map_err(OpenError::Sys),
        };
        match made {
            Ok(()) => tool.print(&format!("POSIX semaphore name: {name}\n")),
            Err(OpenError::Sys(errno)) => {
                return failed(tool, "create POSIX semaphore failed", errno)
            }
            Err(OpenError::NotASemaphore(why)) => {
                tool.warn(&format!("create POSIX semaphore failed: {why}"));
                return 1;
            }
        }
    }
    0
}

/// util-linux's `err(EXIT_FAILURE, what)`: the text, the errno's, status 1.
fn failed(tool: &Tool, what: &str, errno: Errno) -> u8 {
    tool.warn(&format!("{what}: {}", ipcinfo::strerror(errno)));
    1
}

/// This process's umask, from /proc/self/status (reading it with umask(2) would change it);
/// none when that cannot be read.
fn umask() -> u32 {
    crate::core::process::umask()
}
