//! One module per subcommand: parsed arguments in, calls into the core, output out.

mod completions;
mod fifo;
mod install_links;
mod key;
mod lock;
mod ls;
mod msg;
mod pipe;
mod rm;
mod sem;
mod set;
mod shm;
mod signal;
mod sock;

/// For `ls --help`: the columns -o takes come from the tables `ls` itself reads.
pub use ls::columns_help;

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
        Command::Set(args) => set::run(args),
        Command::Pipe(args) => pipe::run(args),
        Command::Fifo(args) => fifo::run(args),
        Command::Sock(args) => sock::run(args),
        Command::Lock(args) => lock::run(args),
        Command::Completions(args) => completions::run(args),
        // main.rs sends `ipcx ipcs|ipcrm|ipcmk|flock ...` to the personality before clap sees it
        // (so that a `--` reaches util-linux's parser); clap knows these commands for the
        // help, the completions and the manual, and these arms only keep the match whole.
        Command::Ipcs(args) => personality("ipcs", &args.args),
        Command::Ipcrm(args) => personality("ipcrm", &args.args),
        Command::Ipcmk(args) => personality("ipcmk", &args.args),
        Command::Flock(args) => personality("flock", &args.args),
        Command::InstallLinks(args) => install_links::run(args),
        Command::Generate(args) => completions::generate(args),
    }
}

/// Runs a util-linux personality, which prints its own messages: only its status is passed.
fn personality(name: &str, args: &[std::ffi::OsString]) -> Result<()> {
    match crate::compat::run(name, std::ffi::OsStr::new(name), args) {
        0 => Ok(()),
        code => Err(crate::core::status::Fail::Exit(code).into()),
    }
}
