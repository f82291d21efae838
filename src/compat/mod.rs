//! The util-linux personalities: invoked as `ipcs`, `ipcrm`, `ipcmk` or `flock` (a link to the
//! binary, or `ipcx ipcs ...`), ipcx takes util-linux 2.42.2's options and prints its formats,
//! messages and exit statuses, so that scripts written for those tools keep working.
//!
//! The C tools write stdout through a stdio buffer that is flushed at exit, and stderr at
//! once; the personalities keep the same order by collecting stdout and writing it last.

mod flock;
mod getopt;
mod ipcmk;
mod ipcrm;
mod ipcs;
mod numbers;

use std::ffi::{OsStr, OsString};
use std::io::Write;

use crate::core::status::BROKEN_PIPE_STATUS;

/// The util-linux release whose behaviour the personalities reproduce.
pub const UTIL_LINUX: &str = "2.42.2";

/// The names the binary answers to as a util-linux tool.
pub const NAMES: [&str; 4] = ["ipcs", "ipcrm", "ipcmk", "flock"];

/// What one run of a personality has: its names, and the stdout it has produced so far.
pub struct Tool {
    /// argv[0] as given: glibc's getopt names the program this way in its messages.
    argv0: String,
    /// The short name (`ipcs`), as util-linux's own messages and `--help` spell it.
    name: &'static str,
    out: Vec<u8>,
}

impl Tool {
    /// A diagnostic line on stderr: `ipcs: <text>` (warnx/errx).
    fn warn(&self, text: &str) {
        let line = format!("{}: {text}\n", self.name);
        let _ = std::io::stderr().lock().write_all(line.as_bytes());
    }

    /// A getopt mistake: glibc's line, then util-linux's pointer to --help. Status 1.
    fn getopt_error(&self, text: &str) -> u8 {
        let line = format!("{}: {text}\n", self.argv0);
        let _ = std::io::stderr().lock().write_all(line.as_bytes());
        self.try_help()
    }

    /// util-linux's `errtryhelp(EXIT_FAILURE)`.
    fn try_help(&self) -> u8 {
        let line = format!("Try '{} --help' for more information.\n", self.name);
        let _ = std::io::stderr().lock().write_all(line.as_bytes());
        1
    }

    /// `-h`: the personality's usage, its name put in for each `{}`. Status 0.
    fn help(&mut self, usage: &str) -> u8 {
        let usage = usage.replace("{}", self.name);
        self.print(&usage);
        0
    }

    /// `-V`: says honestly which program answers, and which util-linux it follows.
    fn version(&mut self) -> u8 {
        let line = format!(
            "{} from ipcx {} (util-linux {UTIL_LINUX} compatible)\n",
            self.name,
            env!("CARGO_PKG_VERSION")
        );
        self.out.extend_from_slice(line.as_bytes());
        0
    }

    fn print(&mut self, text: &str) {
        self.out.extend_from_slice(text.as_bytes());
    }
}

/// Runs the personality `name` (one of NAMES) with `args` (without argv[0]) and returns
/// its exit status.
pub fn run(name: &str, argv0: &OsStr, args: &[OsString]) -> u8 {
    let Some(name) = NAMES.iter().copied().find(|n| *n == name) else {
        return 1;
    };
    let mut tool = Tool {
        argv0: argv0.to_string_lossy().into_owned(),
        name,
        out: Vec::new(),
    };
    let code = match name {
        "ipcs" => ipcs::run(&mut tool, args),
        "ipcrm" => ipcrm::run(&mut tool, args),
        "flock" => flock::run(&mut tool, args),
        _ => ipcmk::run(&mut tool, args),
    };
    finish(&tool, code)
}

/// Writes the collected stdout; a closed pipe ends quietly with 141 like a C tool killed
/// by SIGPIPE, and any other write error is reported as util-linux's close_stdout does.
fn finish(tool: &Tool, code: u8) -> u8 {
    let mut stdout = std::io::stdout().lock();
    let written = stdout.write_all(&tool.out).and_then(|()| stdout.flush());
    match written {
        Ok(()) => code,
        Err(err) if err.kind() == std::io::ErrorKind::BrokenPipe => BROKEN_PIPE_STATUS,
        Err(err) => {
            let text = match err.raw_os_error() {
                Some(errno) => crate::core::ipcinfo::strerror(nix::errno::Errno::from_raw(errno)),
                None => err.to_string(),
            };
            tool.warn(&format!("write error: {text}"));
            1
        }
    }
}

/// `printf("%-{width}s")` of bytes.
fn left(out: &mut Vec<u8>, text: &[u8], width: usize) {
    out.extend_from_slice(text);
    for _ in text.len()..width {
        out.push(b' ');
    }
}

/// `printf("%-{width}.{max}s")`: at most `max` bytes, padded to `width`.
fn left_max(out: &mut Vec<u8>, text: &[u8], width: usize, max: usize) {
    left(out, &text[..text.len().min(max)], width);
}
