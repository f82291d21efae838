//! `ipcx fifo mk|write|read|rm` as clap definitions.

use std::path::PathBuf;
use std::time::Duration;

use clap::{Args, Subcommand};

/// FIFOs (named pipes): make, write, read and remove them, and talk through two.
#[derive(Debug, Args)]
#[command(after_help = "Examples:
  ipcx fifo mk /tmp/talk -m 620
  ipcx fifo write /tmp/talk hello there      # waits for a reader
  ipcx fifo read /tmp/talk --follow          # one writer after another, until ^C
  ipcx fifo write /tmp/talk --nowait ping || echo nobody listens
  ipcx fifo rm /tmp/talk
  ipcx fifo talk /tmp/a2b /tmp/b2a --create    # one side; the other: fifo talk /tmp/b2a /tmp/a2b")]
pub struct FifoArgs {
    #[command(subcommand)]
    pub command: FifoCommand,
}

#[derive(Debug, Subcommand)]
pub enum FifoCommand {
    Mk(FifoMkArgs),
    Write(FifoWriteArgs),
    Read(FifoReadArgs),
    Rm(FifoRmArgs),
    Talk(FifoTalkArgs),
}

/// Make FIFOs, mode 0600 unless -m says otherwise (exactly that mode, whatever the umask).
#[derive(Debug, Args)]
pub struct FifoMkArgs {
    #[arg(value_name = "PATH", required = true)]
    pub paths: Vec<PathBuf>,
    /// The permission mode, in octal.
    #[arg(short, long, value_name = "MODE", default_value = "600", value_parser = crate::core::parse::mode)]
    pub mode: u32,
}

/// Write TEXT (the words joined with spaces, and a newline), or stdin, into a FIFO.
///
/// Waits for a reader as open(2) does, unless --nowait.
#[derive(Debug, Args)]
pub struct FifoWriteArgs {
    pub path: PathBuf,
    /// The text to write; without it, stdin is written unchanged.
    #[arg(value_name = "TEXT")]
    pub text: Vec<String>,
    /// Make the FIFO (mode 0600) if it does not exist; it is removed again if the write is
    /// interrupted or times out before a reader came.
    #[arg(long)]
    pub create: bool,
    /// Fail at once (status 3) when no reader has the FIFO open.
    #[arg(long)]
    pub nowait: bool,
    /// Give up (status 3) when the open and the transfer take longer than this.
    #[arg(long, value_name = "DUR", value_parser = crate::core::parse::duration)]
    pub timeout: Option<Duration>,
}

/// Copy what is written into a FIFO to stdout, until the writer closes it.
#[derive(Debug, Args)]
pub struct FifoReadArgs {
    pub path: PathBuf,
    /// Keep reading across successive writers (until interrupted or --timeout).
    #[arg(short, long)]
    pub follow: bool,
    /// Make the FIFO (mode 0600) if it does not exist; it is removed again if the read is
    /// interrupted or times out.
    #[arg(long)]
    pub create: bool,
    /// Fail at once (status 3) when no writer has the FIFO open.
    #[arg(long, conflicts_with = "follow")]
    pub nowait: bool,
    /// Give up (status 3) when the open and the transfer take longer than this.
    #[arg(long, value_name = "DUR", value_parser = crate::core::parse::duration)]
    pub timeout: Option<Duration>,
}

/// Remove FIFOs. Anything else (a regular file, a directory, a socket) is refused, left in
/// place, and the status is 1.
#[derive(Debug, Args)]
pub struct FifoRmArgs {
    #[arg(value_name = "PATH", required = true)]
    pub paths: Vec<PathBuf>,
}

/// Talk through two FIFOs: stdin goes to OUT and IN comes to stdout, both at once, until
/// the other side ends (IN reaches its end); at the end of stdin OUT is closed, which ends
/// the other side. The other side runs `ipcx fifo talk OUT IN`.
///
/// Both sides may start at once: IN is first opened without waiting (so the other side can
/// open it for writing), then OUT for writing as soon as the other side reads it; IN's
/// first data is then awaited while stdin already flows to OUT — no order of starts makes
/// the two wait for each other.
#[derive(Debug, Args)]
#[command(after_help = "Examples:
  ipcx fifo talk /tmp/a2b /tmp/b2a --create     # terminal 1
  ipcx fifo talk /tmp/b2a /tmp/a2b --create     # terminal 2
  ipcx fifo talk in out < request > reply")]
pub struct FifoTalkArgs {
    /// The FIFO the other side writes: copied to stdout.
    #[arg(value_name = "IN")]
    pub input: PathBuf,
    /// The FIFO the other side reads: stdin is copied into it.
    #[arg(value_name = "OUT")]
    pub output: PathBuf,
    /// Make IN and OUT (mode 0600) if they do not exist; one made here is removed again
    /// if the talk is interrupted before the other side came.
    #[arg(long)]
    pub create: bool,
}
