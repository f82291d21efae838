//! `ipcx ipcs|ipcrm|ipcmk ARGS...`: a util-linux personality without a link to select it.
//! main.rs sends `ipcx ipcs ...` to the personality before clap sees it (so that a `--`
//! reaches util-linux's parser); this is the path for anything clap parses first.

use std::ffi::OsStr;

use anyhow::Result;

use crate::cli::compat::PersonalityArgs;
use crate::core::status::Fail;

/// Runs the personality; it prints its own messages, so only its status is passed on.
pub fn run(name: &str, args: PersonalityArgs) -> Result<()> {
    match crate::compat::run(name, OsStr::new(name), &args.args) {
        0 => Ok(()),
        code => Err(Fail::Exit(code).into()),
    }
}
