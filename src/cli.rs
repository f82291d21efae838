//! The command line, as clap definitions. The same definitions generate the shell
//! completions under completions/ and the manual pages under man/.

pub mod compat;
pub mod fifo;
pub mod lock;
pub mod ls;
pub mod msg;
pub mod pipe;
pub mod rm;
pub mod sem;
pub mod set;
pub mod shm;
pub mod signal;
pub mod sock;

use std::ffi::OsString;
use std::path::PathBuf;

use clap::{Args, CommandFactory, Parser, Subcommand};

use crate::core::status::Fail;

/// The exit-status table of DESIGN §3, shown in `--help` and the manual page.
pub const EXIT_STATUS: &str = "\
Exit status:
  0      done
  1      failed (not found, permission, system error); each failure is named on stderr
  2      usage error (a bad option, TARGET, size or duration); nothing was touched
  3      not now (--nowait found nothing or the object is busy, --timeout expired)
  128+N  ended by signal N, after cleanup (130 for SIGINT, 143 for SIGTERM)

TARGET names a System V or POSIX object:
  1234, 0x4d2        a System V key (shown as 0x%08x, like ipcs)
  id:7               a System V identifier (msqid, shmid or semid)
  ftok:PATH[:PROJ]   the key ftok(PATH, PROJ) gives; PROJ is 0-255 or one character, default 1
  private            IPC_PRIVATE: always a new object
  /NAME              a POSIX object

SIZE is read as util-linux reads it, in every command and in ipcmk:
  4096, 0x1000       bytes
  4K, 4KiB, 1.5M     powers of 1024 (K, M, G, T)
  4KB, 1.5MB         powers of 1000 (KB, MB, GB, TB)";

#[derive(Debug, Parser)]
#[command(
    name = "ipcx",
    version,
    about = "Every Linux IPC mechanism in the shell's hands",
    long_about = "Every Linux IPC mechanism in the shell's hands: create, use, inspect and remove \
System V and POSIX message queues, shared memory and semaphores from one-liners and scripts.",
    after_help = EXIT_STATUS,
    max_term_width = 100
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    Ls(ls::LsArgs),
    Rm(rm::RmArgs),
    Key(KeyArgs),
    Signal(signal::SignalArgs),
    Msg(msg::MsgArgs),
    Shm(shm::ShmArgs),
    Sem(sem::SemArgs),
    Set(set::SetArgs),
    Pipe(pipe::PipeArgs),
    Fifo(fifo::FifoArgs),
    Sock(sock::SockArgs),
    Lock(lock::LockArgs),
    Completions(CompletionsArgs),
    /// util-linux's ipcs (also: the binary run as `ipcs`).
    #[command(long_about = compat::IPCS_ABOUT)]
    Ipcs(compat::PersonalityArgs),
    /// util-linux's ipcrm (also: the binary run as `ipcrm`).
    #[command(long_about = compat::IPCRM_ABOUT)]
    Ipcrm(compat::PersonalityArgs),
    /// util-linux's ipcmk (also: the binary run as `ipcmk`).
    #[command(long_about = compat::IPCMK_ABOUT)]
    Ipcmk(compat::PersonalityArgs),
    /// util-linux's flock (also: the binary run as `flock`).
    #[command(long_about = compat::FLOCK_ABOUT)]
    Flock(compat::PersonalityArgs),
    InstallLinks(compat::InstallLinksArgs),
    /// Write completions/ and man/ under DIR (for maintainers; the checked-in copies are
    /// compared with this output by the test suite).
    #[command(hide = true)]
    Generate(GenerateArgs),
}

impl Command {
    /// The command's name in error messages: `ipcx: <label>: <what>: <why>`.
    /// Nested commands answer with their full path (`msg send`).
    pub fn label(&self) -> String {
        let label = match self {
            Command::Ls(_) => "ls",
            Command::Rm(_) => "rm",
            Command::Key(_) => "key",
            Command::Signal(args) => args.command.label(),
            Command::Msg(args) => args.command.label(),
            Command::Shm(args) => match args.command {
                shm::ShmCommand::Write(_) => "shm write",
                shm::ShmCommand::Read(_) => "shm read",
            },
            Command::Set(_) => "set",
            Command::Sem(args) => match args.command {
                sem::SemCommand::Init(_) => "sem init",
                sem::SemCommand::P(_) => "sem p",
                sem::SemCommand::V(_) => "sem v",
                sem::SemCommand::Get(_) => "sem get",
                sem::SemCommand::Op(_) => "sem op",
                sem::SemCommand::Set(_) => "sem set",
            },
            Command::Pipe(args) => match args.command {
                Some(pipe::PipeCommand::Info(_)) => "pipe info",
                None => "pipe",
            },
            Command::Fifo(args) => match args.command {
                fifo::FifoCommand::Mk(_) => "fifo mk",
                fifo::FifoCommand::Write(_) => "fifo write",
                fifo::FifoCommand::Read(_) => "fifo read",
                fifo::FifoCommand::Rm(_) => "fifo rm",
                fifo::FifoCommand::Talk(_) => "fifo talk",
            },
            Command::Sock(args) => match args.command {
                sock::SockCommand::Serve(_) => "sock serve",
                sock::SockCommand::Connect(_) => "sock connect",
                sock::SockCommand::Pair(_) => "sock pair",
            },
            Command::Lock(args) => match args.command {
                Some(lock::LockCommand::Test(_)) => "lock test",
                None => "lock",
            },
            Command::Completions(_) => "completions",
            Command::Ipcs(_) => "ipcs",
            Command::Ipcrm(_) => "ipcrm",
            Command::Ipcmk(_) => "ipcmk",
            Command::Flock(_) => "flock",
            Command::InstallLinks(_) => "install-links",
            Command::Generate(_) => "generate",
        };
        label.to_string()
    }
}

/// Print the System V key that ftok(3) derives from a path and a project id.
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  ipcx key /etc/passwd        # ftok(\"/etc/passwd\", 1)\n  ipcx key /srv/app A         # project id 'A' (65)\n  ipcx msg send \"$(ipcx key /srv/app)\" hello"
)]
pub struct KeyArgs {
    /// An existing file or directory.
    pub path: PathBuf,
    /// The project id: 0-255 or one character.
    #[arg(default_value = "1", value_parser = parse_proj)]
    pub proj: u8,
}

fn parse_proj(text: &str) -> Result<u8, String> {
    crate::core::target::parse_proj(text)
        .ok_or_else(|| format!("'{text}' is not a project id (expected 0 to 255 or one character)"))
}

/// Print a shell completion script.
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  ipcx completions bash > /etc/bash_completion.d/ipcx\n  ipcx completions zsh > \"${fpath[1]}/_ipcx\""
)]
pub struct CompletionsArgs {
    pub shell: clap_complete::Shell,
}

#[derive(Debug, Args)]
pub struct GenerateArgs {
    /// The directory that receives completions/ and man/.
    #[arg(long, default_value = ".")]
    pub out: PathBuf,
}

/// Parses the command line. A usage error is printed as `ipcx: <command>: <what>` with a
/// pointer to the command's help, and becomes status 2; `--help` and `--version` print and
/// end with status 0.
pub fn parse(args: &[OsString]) -> Result<Cli, Fail> {
    if let Some(command) = signal::fast_path(args)
        .or_else(|| sem::fast_path(args))
        .or_else(|| set::fast_path(args))
    {
        return Ok(Cli { command });
    }
    if let Some(cli) = parse_one(args) {
        return Ok(cli);
    }
    // The whole tree may print help: with `ls --help`'s long text.
    ls::HELP_WANTED.store(true, std::sync::atomic::Ordering::Relaxed);
    Cli::try_parse_from(args).map_err(|err| {
        use clap::error::ErrorKind;
        match err.kind() {
            ErrorKind::DisplayHelp
            | ErrorKind::DisplayVersion
            | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
                // The help goes where clap sends it; a closed stdout is not an error here.
                let _ = err.print();
                Fail::Exit(if err.exit_code() == 0 { 0 } else { 2 })
            }
            _ => {
                let path = command_path(args);
                let rendered = err.to_string();
                let what = first_line_of(&rendered);
                Fail::Usage(format!(
                    "{}{what}\nTry '{} --help' for more information.",
                    path.strip_prefix("ipcx")
                        .map(|rest| rest.trim_start())
                        .filter(|r| !r.is_empty())
                        .map(|r| format!("{r}: "))
                        .unwrap_or_default(),
                    path
                ))
            }
        }
    })
}

/// The first line of clap's error without its `error: `, with the list that follows a line
/// ending in a colon ("the following required arguments were not provided:") joined onto it,
/// so that the one line says what is missing.
fn first_line_of(rendered: &str) -> String {
    let mut lines = rendered.lines();
    let first = lines.next().unwrap_or("invalid usage");
    let first = first.strip_prefix("error: ").unwrap_or(first);
    if !first.ends_with(':') {
        return first.to_string();
    }
    let listed: Vec<&str> = lines
        .take_while(|line| line.starts_with("  "))
        .map(str::trim)
        .collect();
    match listed.is_empty() {
        true => first.trim_end_matches(':').to_string(),
        false => format!("{first} {}", listed.join(" ")),
    }
}

/// Parses with the definition of the named subcommand alone. Building clap's whole tree
/// (every subcommand, every argument and its help) costs about as much as the work of a
/// `sem p` or `msg send`, and those are run in shell loops and compared with flock and
/// kill per invocation. Help, version and every error still go through the whole tree, so
/// what they print is exactly what the full definition prints; `None` sends them there.
fn parse_one(args: &[OsString]) -> Option<Cli> {
    use clap::{Args as _, FromArgMatches as _};
    let name = args.get(1)?.to_str()?;
    let asks_for_help = args.iter().skip(2).any(|arg| {
        matches!(
            arg.to_str(),
            Some("-h" | "--help" | "help" | "-V" | "--version")
        )
    });
    if asks_for_help {
        return None;
    }
    let one = |name: &'static str| clap::Command::new(name);
    let sub = match name {
        "ls" => ls::LsArgs::augment_args(one("ls")),
        "rm" => rm::RmArgs::augment_args(one("rm")),
        "key" => KeyArgs::augment_args(one("key")),
        "msg" => msg::MsgArgs::augment_args(one("msg")),
        "shm" => shm::ShmArgs::augment_args(one("shm")),
        "sem" => sem::SemArgs::augment_args(one("sem")),
        "set" => set::SetArgs::augment_args(one("set")),
        "pipe" => pipe::PipeArgs::augment_args(one("pipe")),
        "fifo" => fifo::FifoArgs::augment_args(one("fifo")),
        "sock" => sock::SockArgs::augment_args(one("sock")),
        "signal" => signal::SignalArgs::augment_args(one("signal")),
        "lock" => lock::LockArgs::augment_args(one("lock")),
        _ => return None,
    };
    let matches = clap::Command::new("ipcx")
        .subcommand(sub)
        .try_get_matches_from(args)
        .ok()?;
    Command::from_arg_matches(&matches)
        .ok()
        .map(|command| Cli { command })
}

/// `ipcx msg send` from the arguments: the deepest subcommand the arguments name.
fn command_path(args: &[OsString]) -> String {
    let mut command = Cli::command();
    let mut path = String::from("ipcx");
    for arg in args.iter().skip(1) {
        let Some(word) = arg.to_str() else { break };
        if word.starts_with('-') {
            continue;
        }
        match command.find_subcommand(word) {
            Some(sub) => {
                path.push(' ');
                path.push_str(sub.get_name());
                let next = sub.clone();
                command = next;
            }
            None => break,
        }
    }
    path
}

/// For the fast paths' tests: `fast` parses every line of `taken` (the words after `prefix`)
/// exactly as clap's whole tree does, and leaves every line of `left` to clap.
#[cfg(test)]
pub(crate) fn assert_fast_path_agrees(
    prefix: &[&str],
    fast: fn(&[OsString]) -> Option<Command>,
    taken: &[&[&str]],
    left: &[&[&str]],
) {
    let args = |words: &[&str]| -> Vec<OsString> {
        prefix.iter().chain(words).map(OsString::from).collect()
    };
    for words in taken {
        let parsed = fast(&args(words)).unwrap_or_else(|| panic!("{words:?} not taken"));
        let clap = Cli::try_parse_from(args(words)).unwrap();
        assert_eq!(
            format!("{parsed:?}"),
            format!("{:?}", clap.command),
            "{words:?}"
        );
    }
    for words in left {
        assert!(fast(&args(words)).is_none(), "{words:?} taken");
    }
}

#[cfg(test)]
mod fast_path_tests {
    use super::*;

    fn both(line: &str) -> (Option<String>, Option<String>) {
        let args: Vec<OsString> = line.split(' ').map(OsString::from).collect();
        let fast = parse_one(&args).map(|cli| format!("{cli:?}"));
        let full = Cli::try_parse_from(&args)
            .ok()
            .map(|cli| format!("{cli:?}"));
        (fast, full)
    }

    #[test]
    fn one_subcommand_parses_as_the_whole_tree_does() {
        for line in [
            "ipcx ls msg shm --json -o key,id --owner 0",
            "ipcx rm -q 3 -M 0x10 --dry-run",
            "ipcx rm --all=psem --older-than 2h",
            "ipcx key / A",
            "ipcx msg send 0x4d2 -t 3 hello world",
            "ipcx msg recv id:3 -t -5 -n 10 --json --timeout 2s",
            "ipcx msg send /q --create -m 640 --max-messages 5",
            "ipcx shm write 0x10 --create --size 4K -m 600 data",
            "ipcx shm read /seg --offset 4 --length 8",
            "ipcx sem init 0x20 1 2 3",
            "ipcx sem p 0x20 -n 1 -c 2 --timeout 1s -- sh -c true",
            "ipcx sem v /lock",
            "ipcx sem get 0x20 --json",
            "ipcx pipe hello there",
            "ipcx pipe -c ls -c wc --size 1M",
            "ipcx pipe info 0 1 --json",
            "ipcx fifo write /tmp/f --create --nowait text",
            "ipcx sock serve @x --echo --once",
            "ipcx sock connect /tmp/s --dgram",
            "ipcx signal wait USR1 RTMIN+2 -n 3 --json",
            "ipcx signal list",
            "ipcx lock /tmp/f --api posix --range 0:10 -n -- true",
            "ipcx lock test /tmp/f -s --json",
            "ipcx ls locks --json --pid 1 -o +holders",
        ] {
            let (fast, full) = both(line);
            assert!(fast.is_some(), "{line}: the fast path parses it");
            assert_eq!(fast, full, "{line}");
        }
    }

    #[test]
    fn help_version_and_errors_take_the_whole_tree() {
        for line in [
            "ipcx msg send --help",
            "ipcx sem p -h",
            "ipcx ls -V",
            "ipcx msg send 0x0 hi",
            "ipcx sem p",
            "ipcx nosuch",
            "ipcx completions bash",
        ] {
            assert_eq!(both(line).0, None, "{line}");
        }
    }
}
