//! `ipcx key PATH PROJ`: the System V key ftok(3) makes of a path and a project id.

use std::io::Write;

use anyhow::{Context, Result};

use crate::cli::KeyArgs;
use crate::core::target::{ftok, key_hex};

pub fn run(args: KeyArgs) -> Result<()> {
    let key = ftok(&args.path, args.proj).map_err(|err| {
        let why = err
            .downcast_ref::<std::io::Error>()
            .map(crate::core::io_text)
            .unwrap_or_else(|| err.to_string());
        anyhow::anyhow!("{}: {why}", args.path.display())
    })?;
    let mut out = std::io::stdout().lock();
    writeln!(out, "{}", key_hex(key)).context("stdout")?;
    Ok(())
}
