//! `ipcmk` as util-linux 2.38 runs it: one segment, queue and semaphore set at most, under
//! random keys, created in that order, each id printed; the first failure ends the run.

use std::ffi::OsString;

use super::getopt::{opt, Getopt, HasArg, Item, LongOpt};
use super::numbers::{parse_size, strtos32_or_err, strtoul, ERANGE_TEXT};
use super::Tool;
use crate::core::ipcinfo::{self, random_key};
use crate::core::sysv;

const LONGS: &[LongOpt] = &[
    opt("shmem", HasArg::Required, b'M' as u32),
    opt("semaphore", HasArg::Required, b'S' as u32),
    opt("queue", HasArg::No, b'Q' as u32),
    opt("mode", HasArg::Required, b'p' as u32),
    opt("version", HasArg::No, b'V' as u32),
    opt("help", HasArg::No, b'h' as u32),
];

const USAGE: &str = "
Usage:
 {} [options]

Create various IPC resources.

Options:
 -M, --shmem <size>       create shared memory segment of size <size>
 -S, --semaphore <number> create semaphore array with <number> elements
 -Q, --queue              create message queue
 -p, --mode <mode>        permission for the resource (default is 0644)

 -h, --help               display this help
 -V, --version            display version

Arguments:
 <size> arguments may be followed by the suffixes for
   GiB, TiB, PiB, EiB, ZiB, and YiB (the \"iB\" is optional)

For more details see ipcmk(1).
";

pub fn run(tool: &mut Tool, args: &[OsString]) -> u8 {
    let mut mode: i32 = 0o644;
    let mut shm_size: Option<u64> = None;
    let mut queue = false;
    let mut nsems: Option<i32> = None;
    let mut getopt = Getopt::new(args, "hM:QS:p:Vh", LONGS);
    while let Some(item) = getopt.next_item() {
        let (letter, value) = match item {
            Item::Opt(letter, value) => (letter, value.unwrap_or_default()),
            Item::Error(text) => return tool.getopt_error(&text),
        };
        let shown = String::from_utf8_lossy(&value);
        match u8::try_from(letter).unwrap_or(0) {
            b'M' => match parse_size(&value) {
                Ok(size) => shm_size = Some(size),
                Err(why) => {
                    tool.warn(&format!("failed to parse size: '{shown}': {why}"));
                    return 1;
                }
            },
            b'Q' => queue = true,
            b'S' => match strtos32_or_err(&value, "failed to parse elements") {
                Ok(n) => nsems = Some(n),
                Err(text) => {
                    tool.warn(&text);
                    return 1;
                }
            },
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
            b'h' => return tool.help(USAGE),
            b'V' => return tool.version(),
            _ => return tool.try_help(),
        }
    }
    if shm_size.is_none() && !queue && nsems.is_none() {
        tool.warn("bad usage");
        return tool.try_help();
    }
    let flags = mode | sysv::IPC_CREAT;
    if let Some(size) = shm_size {
        let size = usize::try_from(size).unwrap_or(usize::MAX);
        match sysv::shm::get(random_key(), size, flags) {
            Ok(id) => tool.print(&format!("Shared memory id: {id}\n")),
            Err(errno) => {
                tool.warn(&format!(
                    "create share memory failed: {}",
                    ipcinfo::strerror(errno)
                ));
                return 1;
            }
        }
    }
    if queue {
        match sysv::msg::get(random_key(), flags) {
            Ok(id) => tool.print(&format!("Message queue id: {id}\n")),
            Err(errno) => {
                tool.warn(&format!(
                    "create message queue failed: {}",
                    ipcinfo::strerror(errno)
                ));
                return 1;
            }
        }
    }
    if let Some(nsems) = nsems {
        match sysv::sem::get(random_key(), nsems, flags) {
            Ok(id) => tool.print(&format!("Semaphore id: {id}\n")),
            Err(errno) => {
                tool.warn(&format!(
                    "create semaphore failed: {}",
                    ipcinfo::strerror(errno)
                ));
                return 1;
            }
        }
    }
    0
}
