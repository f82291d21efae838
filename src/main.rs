//! ipcx: one binary for every Linux IPC mechanism. This file only dispatches on the name
//! the binary was called by and maps errors to exit statuses (DESIGN §3).

#![cfg_attr(not(test), no_main)]
// DESIGN §4: only src/core may call libc or hold unsafe_code, behind small safe wrappers;
// this lint refuses unsafe_code elsewhere, and tests/it/layering.rs refuses libc paths too.
#![deny(unsafe_code)]

mod cli;
mod cmd;
mod compat;
#[allow(unsafe_code)]
mod core;
mod output;

use std::ffi::{OsStr, OsString};
use std::path::Path;

use crate::core::status::{self, report};

#[cfg(not(test))] // the unit-test harness brings its own entry point
core::start::entry_point!(main);

/// The program proper, run by the process entry point that `core::start` defines.
#[cfg_attr(test, allow(dead_code))]
fn main() -> u8 {
    // core::start ignores SIGPIPE, so a closed stdout is an EPIPE error that reaches
    // `status::report` and ends the command quietly; children get the default back from
    // std::process::Command.
    let args: Vec<OsString> = std::env::args_os().collect();
    let argv0 = args.first().cloned().unwrap_or_default();
    let name = Path::new(&argv0).file_name().and_then(|n| n.to_str());
    let first = args.get(1).and_then(|a| a.to_str());
    match (name, first) {
        (Some(tool @ ("ipcs" | "ipcrm" | "ipcmk" | "flock")), _) => {
            compat::run(tool, &argv0, &args[1..])
        }
        // `ipcx ipcs ...` goes straight to the personality too: through clap, a `--` in
        // util-linux's arguments would be taken as clap's own.
        (_, Some(tool @ ("ipcs" | "ipcrm" | "ipcmk" | "flock"))) => {
            compat::run(tool, OsStr::new(tool), &args[2..])
        }
        _ => ipcx(&args),
    }
}

/// ipcx under its own name.
fn ipcx(args: &[OsString]) -> u8 {
    let cli = match cli::parse(args) {
        Ok(cli) => cli,
        Err(fail) => return report("", fail.into()),
    };
    status::set_command(cli.command.label());
    status::status_of(cmd::run(cli.command))
}
