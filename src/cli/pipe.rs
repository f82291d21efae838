//! `ipcx pipe` (the demo, the relay, `-c` pipelines) and `ipcx pipe info` as clap
//! definitions.

use std::ffi::OsString;
use std::os::fd::RawFd;

use clap::{Args, Subcommand};

/// Anonymous pipes: the classic parent-to-child demo, a fast relay, pipelines of shell
/// commands, and what a descriptor is.
///
/// With MESSAGE: the parent writes it into a pipe(2) and a forked child reads it and prints
/// it (followed by a newline). Without MESSAGE and with stdin not a terminal: stdin is
/// relayed to stdout through the pipe, with splice(2) when an end is a pipe. With -c: the
/// shell commands run connected by pipes, and the status is the last non-zero one (as with
/// bash's pipefail).
///
/// With --both-ways: the last command's output also feeds the first one's input, so with
/// -c A -c B, A's stdout goes to B's stdin and B's stdout to A's stdin (two pipes). With
/// one -c FILTER, ipcx is the other end: it feeds FILTER from stdin and copies FILTER's
/// output to stdout (a coprocess). The classic coprocess trap is a parent that writes all
/// its input before it reads: a FILTER that buffers its output (sort, or any program whose
/// stdout is not a terminal) fills the pipe back, stops reading, and both wait for ever.
/// ipcx reads and writes at the same time (two threads), so it never waits on one
/// direction while the other is full; at the end of stdin FILTER's stdin is closed, and
/// ipcx ends once FILTER's output has ended and FILTER has taken all of stdin or exited.
///
/// `info` is a subcommand, so a message whose first word is `info` needs `--`:
/// `ipcx pipe -- info please`.
#[derive(Debug, Args)]
#[command(
    args_conflicts_with_subcommands = true,
    after_help = "Examples:
  ipcx pipe hello from the parent      # the child prints: hello from the parent
  producer | ipcx pipe --progress | consumer
  ipcx pipe --size 1M < big.img > copy.img
  ipcx pipe -c 'seq 1000000' -c 'grep 7' -c 'wc -l' --size 1M
  ipcx pipe -c 'echo 1; while read n && [ $n -lt 5 ]; do echo $((n+1)); done; echo $n >&2' \\
            -c cat --both-ways          # prints 5: A and B talk through two pipes
  sort -u words | ipcx pipe -c 'sed s/^/-/' --both-ways     # ipcx as the coprocess
  ipcx pipe info 0 1                   # kind, capacity, bytes queued, PIPE_BUF
  ipcx pipe -- info is the first word"
)]
pub struct PipeArgs {
    #[command(subcommand)]
    pub command: Option<PipeCommand>,

    /// The message the parent sends to its child (the words joined with spaces).
    #[arg(value_name = "MESSAGE", conflicts_with_all = ["commands", "progress"])]
    pub message: Vec<String>,

    /// A shell command of the pipeline (repeat: -c CMD -c CMD ...).
    #[arg(short = 'c', long = "command", value_name = "CMD")]
    pub commands: Vec<OsString>,

    /// The pipe capacity (F_SETPIPE_SZ), e.g. 1M; unprivileged users are limited by
    /// /proc/sys/fs/pipe-max-size.
    #[arg(long, value_name = "SIZE", value_parser = crate::core::parse::size)]
    pub size: Option<u64>,

    /// Pipes in packet mode (O_DIRECT): each write is one packet, each read takes one.
    #[arg(long, requires = "commands")]
    pub packet: bool,

    /// Close the loop: the last command's output feeds the first's input (with one
    /// command, ipcx feeds it from stdin and copies its output to stdout).
    #[arg(long)]
    pub both_ways: bool,

    /// Show bytes moved, rate and elapsed time on stderr while relaying.
    #[arg(long, conflicts_with = "commands")]
    pub progress: bool,
}

#[derive(Debug, Subcommand)]
pub enum PipeCommand {
    Info(PipeInfoArgs),
}

/// Show what file descriptors are: kind (pipe, FIFO, socket, tty, file), pipe capacity,
/// bytes queued (FIONREAD) and PIPE_BUF.
#[derive(Debug, Args)]
#[command(after_help = "Examples:
  ipcx pipe info                # stdin and stdout
  seq 3 | ipcx pipe info 0 --json")]
pub struct PipeInfoArgs {
    /// The descriptors to describe (default: 0 and 1).
    #[arg(value_name = "FD", value_parser = parse_fd)]
    pub fds: Vec<RawFd>,

    /// Print JSON.
    #[arg(long)]
    pub json: bool,
}

fn parse_fd(text: &str) -> Result<RawFd, String> {
    text.parse::<u32>()
        .ok()
        .and_then(|n| RawFd::try_from(n).ok())
        .ok_or_else(|| format!("'{text}' is not a file descriptor number"))
}
