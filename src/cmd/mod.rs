//! One module per subcommand: parsed arguments in, calls into the core, output out.

mod completions;
mod fifo;
mod install_links;
mod key;
mod ls;
mod msg;
mod personality;
mod pipe;
mod rm;
mod sem;
mod shm;
mod signal;
mod sock;

use anyhow::Result;

use crate::cli::Command;

pub fn run(command: Command) -> Result<()> {
    match command {
        Command::Ls(args) => ls::run(args),
        Command::Rm(args) => rm::run(args),
        Command::Key(args) => key::run(args),
        Command::Signal(args) => signal::run(args),
        Command::Msg(args) => msg::run(args),
        Command::Shm(args) => shm::run(args),
        Command::Sem(args) => sem::run(args),
        Command::Pipe(args) => pipe::run(args),
        Command::Fifo(args) => fifo::run(args),
        Command::Sock(args) => sock::run(args),
        Command::Completions(args) => completions::run(args),
        Command::Ipcs(args) => personality::run("ipcs", args),
        Command::Ipcrm(args) => personality::run("ipcrm", args),
        Command::Ipcmk(args) => personality::run("ipcmk", args),
        Command::InstallLinks(args) => install_links::run(args),
        Command::Generate(args) => completions::generate(args),
    }
}
