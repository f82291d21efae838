//! The thin core: every raw syscall and every `unsafe` block of ipcx lives under here,
//! behind small safe types the commands use.
//!
//! The System V data layer is `ipcdata` (records and limits, and the one choice between
//! /proc and the kernel's calls), over `procfs` (/proc text) and `ipcinfo` (the control
//! calls), which import nothing of each other, both over `records` (the types).

pub mod alarm;
pub mod control;
pub mod exec;
pub mod fifo;
pub mod holders;
pub mod interrupts;
pub mod ipcdata;
pub mod ipcinfo;
pub mod kind;
pub mod lock;
pub mod memory;
pub mod namespaces;
pub mod objects;
pub mod parse;
pub mod posix;
pub mod process;
pub mod procfs;
pub mod queue;
pub mod records;
pub mod segment;
pub mod semaphore;
pub mod signal_io;
pub mod sock;
#[cfg(not(test))] // the unit-test harness brings its own entry point
pub mod start;
pub mod status;
pub mod stream;
pub mod sysv;
pub mod target;
pub mod timestamps;
pub mod users;
pub mod wait;
pub mod waiters;

/// A kernel error in the words a user reads: "no such file or directory", without the
/// "(os error 2)" that `io::Error` appends.
pub fn errno_text(errno: nix::errno::Errno) -> String {
    lower_first(errno.desc())
}

/// `io::Error`'s text without the "(os error N)" suffix, first letter lower-cased.
pub fn io_text(err: &std::io::Error) -> String {
    match err.raw_os_error() {
        Some(code) => errno_text(nix::errno::Errno::from_raw(code)),
        None => lower_first(&err.to_string()),
    }
}

fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}
