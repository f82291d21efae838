//! One module per subcommand: parsed arguments in, calls into the core, output out.

mod completions;
mod fifo;
mod key;
mod ls;
mod pipe;
mod rm;
mod sock;

use anyhow::Result;

use crate::cli::Command;

pub fn run(command: Command) -> Result<()> {
    match command {
        Command::Ls(args) => ls::run(args),
        Command::Rm(args) => rm::run(args),
        Command::Key(args) => key::run(args),
        Command::Pipe(args) => pipe::run(args),
        Command::Fifo(args) => fifo::run(args),
        Command::Sock(args) => sock::run(args),
        Command::Completions(args) => completions::run(args),
        Command::Generate(args) => completions::generate(args),
    }
}
