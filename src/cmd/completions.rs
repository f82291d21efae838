//! `ipcx completions SHELL`, and the hidden generator that writes completions/ and man/
//! from the clap definitions, as checked in.

use std::fs;
use std::io::Write;

use anyhow::{Context, Result};
use clap::CommandFactory;
use clap_complete::Shell;

use crate::cli::{Cli, CompletionsArgs, GenerateArgs};

/// The shells whose scripts are checked in under completions/.
pub const SHELLS: [Shell; 5] = [
    Shell::Bash,
    Shell::Zsh,
    Shell::Fish,
    Shell::Elvish,
    Shell::PowerShell,
];

pub fn run(args: CompletionsArgs) -> Result<()> {
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut Cli::command(), "ipcx", &mut script);
    std::io::stdout()
        .lock()
        .write_all(&script)
        .context("stdout")?;
    Ok(())
}

/// Writes completions/ and man/ under `args.out`, as checked in.
pub fn generate(args: GenerateArgs) -> Result<()> {
    let completions = args.out.join("completions");
    let man = args.out.join("man");
    for dir in [&completions, &man] {
        fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    }
    for shell in SHELLS {
        clap_complete::generate_to(shell, &mut Cli::command(), "ipcx", &completions).with_context(
            || {
                format!(
                    "cannot write {shell} completions to {}",
                    completions.display()
                )
            },
        )?;
    }
    crate::cli::ls::HELP_WANTED.store(true, std::sync::atomic::Ordering::Relaxed);
    clap_mangen::generate_to(Cli::command(), &man)
        .with_context(|| format!("cannot write manual pages to {}", man.display()))?;
    Ok(())
}
