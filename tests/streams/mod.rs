//! Helpers shared by the byte-stream tests (pipe, fifo, sock): test data, signals, and
//! waiting until a command is blocked with its handlers in place.
#![allow(dead_code)]

use std::process::Command;

use crate::common::{ipcx_bin, wait_until};

pub fn ipcx() -> Command {
    Command::new(ipcx_bin())
}

/// `sh -c SCRIPT` with $IPCX naming the binary.
pub fn sh(script: &str) -> Command {
    let mut command = Command::new("sh");
    command.arg("-c").arg(script).env("IPCX", ipcx_bin());
    command
}

/// Bytes that are not text: every byte value, in a pattern that does not repeat often.
pub fn binary(len: usize) -> Vec<u8> {
    let mut state: u32 = 0x1234_5678;
    (0..len)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            (state >> 24) as u8
        })
        .collect()
}

/// Waits until `pid` catches SIGINT/SIGTERM/SIGHUP and its main thread sleeps in a call.
pub fn wait_blocked(pid: u32) {
    wait_until("the command to block", 10, || {
        let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
        let caught = status
            .lines()
            .find_map(|l| l.strip_prefix("SigCgt:"))
            .and_then(|mask| u64::from_str_radix(mask.trim(), 16).ok())
            .unwrap_or(0);
        let wanted = (1 << 0) | (1 << 1) | (1 << 14); // SIGHUP, SIGINT, SIGTERM (bit N-1)
        let stat =
            std::fs::read_to_string(format!("/proc/{pid}/task/{pid}/stat")).unwrap_or_default();
        let state = stat
            .rsplit(')')
            .next()
            .and_then(|rest| rest.split_whitespace().next());
        caught & wanted == wanted && state == Some("S")
    });
}

/// What the main thread of `pid` sleeps in (/proc/PID/wchan), e.g. `pipe_read`.
pub fn wchan(pid: u32) -> String {
    std::fs::read_to_string(format!("/proc/{pid}/task/{pid}/wchan")).unwrap_or_default()
}

/// Sends SIG`signal` (INT, TERM, HUP) to `pid`.
pub fn kill(signal: &str, pid: u32) {
    let status = Command::new("kill")
        .arg(format!("-{signal}"))
        .arg(pid.to_string())
        .status()
        .expect("kill");
    assert!(status.success());
}

/// The three interrupting signals and the status each ends a command with.
pub const SIGNALS: [(&str, i32); 3] = [("INT", 130), ("TERM", 143), ("HUP", 129)];
