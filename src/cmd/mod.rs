//! One module per subcommand: parsed arguments in, calls into the core, output out.

mod completions;
mod key;
mod ls;
mod rm;
mod sem;
mod shm;

use anyhow::Result;

use crate::cli::Command;

pub fn run(command: Command) -> Result<()> {
    match command {
        Command::Ls(args) => ls::run(args),
        Command::Rm(args) => rm::run(args),
        Command::Key(args) => key::run(args),
        Command::Shm(args) => shm::run(args),
        Command::Sem(args) => sem::run(args),
        Command::Completions(args) => completions::run(args),
        Command::Generate(args) => completions::generate(args),
    }
}
