//! flock(1) of util-linux 2.42.2, as ipcx under the name `flock`: its options (`-s -x -u
//! -n -w -E -o -F -c --fcntl --start --length --verbose -h -V`), its messages, its 0666
//! creation mode, and its statuses: 1 (or -E N) on a conflict or timeout, sysexits.h's 64+
//! for its own errors, the command's status otherwise (128+N for signal N).

use std::ffi::OsString;
use std::os::fd::{AsRawFd, BorrowedFd, OwnedFd};
use std::os::unix::ffi::OsStrExt;
use std::path::Path;
use std::time::{Duration, Instant};

use nix::errno::Errno;

use super::getopt::{opt, Getopt, HasArg, Item, LongOpt};
use super::numbers::{parse_size, strtos32_or_err, ERANGE_TEXT};
use super::Tool;
use crate::core::ipcinfo::strerror;
use crate::core::lock::flock1::{self, OpenFor};
use crate::core::lock::{self, Access, Api, Range};
use crate::core::posix::Wait;
use crate::core::wait::{patiently, Attempt, Patience};

// sysexits.h
const EX_USAGE: u8 = 64;
const EX_DATAERR: u8 = 65;
const EX_NOINPUT: u8 = 66;
const EX_UNAVAILABLE: u8 = 69;
const EX_OSERR: u8 = 71;
const EX_CANTCREAT: u8 = 73;

const VERBOSE: u32 = 256;
const FCNTL: u32 = 257;
const START: u32 = 258;
const LENGTH: u32 = 259;

const LONGS: &[LongOpt] = &[
    opt("shared", HasArg::No, b's' as u32),
    opt("exclusive", HasArg::No, b'x' as u32),
    opt("unlock", HasArg::No, b'u' as u32),
    opt("nonblocking", HasArg::No, b'n' as u32),
    opt("nb", HasArg::No, b'n' as u32),
    opt("timeout", HasArg::Required, b'w' as u32),
    opt("wait", HasArg::Required, b'w' as u32),
    opt("conflict-exit-code", HasArg::Required, b'E' as u32),
    opt("close", HasArg::No, b'o' as u32),
    opt("no-fork", HasArg::No, b'F' as u32),
    opt("verbose", HasArg::No, VERBOSE),
    opt("fcntl", HasArg::No, FCNTL),
    opt("start", HasArg::Required, START),
    opt("length", HasArg::Required, LENGTH),
    opt("help", HasArg::No, b'h' as u32),
    opt("version", HasArg::No, b'V' as u32),
];

const USAGE: &str = "
Usage:
 {} [options] <file>|<directory> <command> [<argument>...]
 {} [options] <file>|<directory> -c <command>
 {} [options] <file descriptor number>

Manage file locks from shell scripts.

Options:
 -s, --shared             get a shared lock
 -x, --exclusive          get an exclusive lock (default)
 -u, --unlock             remove a lock
 -n, --nb, --nonblocking  fail rather than wait
 -w, --timeout <secs>     wait for a limited amount of time
 -E, --conflict-exit-code <number>  exit code after conflict or timeout
 -o, --close              close file descriptor before running command
 -c, --command <command>  run a single command string through the shell
 -F, --no-fork            execute command without forking
     --wait               same as --timeout
     --fcntl              use fcntl(F_OFD_SETLK) rather than flock()
     --start <offset>     starting offset for lock (implies --fcntl)
     --length <number>    number of bytes to lock (implies --fcntl)
     --verbose            increase verbosity

 -h, --help               display this help
 -V, --version            display version

For more details see flock(1).
";

#[derive(Clone, Copy, PartialEq, Eq)]
enum Op {
    Lock(Access),
    Unlock,
}

/// util-linux's `strtotimeval_or_err` (strtold), then flock's timer: None for `-w 0`
/// (the same as -n); Err(status) for a value it cannot take.
fn timeout(tool: &Tool, text: &[u8]) -> Result<Option<Duration>, u8> {
    let shown = String::from_utf8_lossy(text);
    let trimmed = shown.trim_start_matches([' ', '\t', '\n', '\x0b', '\x0c', '\r']);
    let Ok(seconds) = trimmed.parse::<f64>() else {
        tool.warn(&format!("invalid timeout: '{shown}'"));
        return Err(EX_USAGE);
    };
    let whole = seconds.trunc();
    let micros = ((seconds - whole) * 1_000_000.0).trunc();
    if !(seconds.is_finite() && (0.0..9.2e18).contains(&whole) && micros >= 0.0) {
        // timer_settime refuses a negative or unrepresentable time.
        tool.warn(&format!("cannot set up timer: {}", strerror(Errno::EINVAL)));
        return Err(EX_OSERR);
    }
    let duration = Duration::from_secs(whole as u64) + Duration::from_micros(micros as u64);
    Ok((!duration.is_zero()).then_some(duration))
}

pub fn run(tool: &mut Tool, args: &[OsString]) -> u8 {
    if args.is_empty() {
        tool.warn("not enough arguments");
        tool.try_help();
        return EX_USAGE;
    }
    let mut op = Op::Lock(Access::Exclusive);
    let mut nonblocking = false;
    let mut limit: Option<Duration> = None;
    let mut conflict_code: u8 = 1;
    let mut close = false;
    let mut no_fork = false;
    let mut verbose = false;
    let mut api = Api::Flock;
    let mut range = Range::default();
    let mut getopt = Getopt::new(args, "+sexnoFuw:E:hV?", LONGS);
    while let Some(item) = getopt.next_item() {
        let (code, value) = match item {
            Item::Opt(code, value) => (code, value.unwrap_or_default()),
            Item::Error(text) => {
                let line = format!("{}: {text}\n", tool.argv0);
                let _ = std::io::Write::write_all(&mut std::io::stderr().lock(), line.as_bytes());
                tool.try_help();
                return EX_USAGE;
            }
        };
        match code {
            c if c == u32::from(b's') => op = Op::Lock(Access::Shared),
            c if c == u32::from(b'e') || c == u32::from(b'x') => op = Op::Lock(Access::Exclusive),
            c if c == u32::from(b'u') => op = Op::Unlock,
            c if c == u32::from(b'o') => close = true,
            c if c == u32::from(b'F') => no_fork = true,
            c if c == u32::from(b'n') => nonblocking = true,
            c if c == u32::from(b'w') => match timeout(tool, &value) {
                Ok(Some(duration)) => limit = Some(duration),
                Ok(None) => {
                    limit = None;
                    nonblocking = true;
                }
                Err(code) => return code,
            },
            c if c == u32::from(b'E') => match strtos32_or_err(&value, "invalid exit code") {
                Ok(n) => match u8::try_from(n) {
                    Ok(n) => conflict_code = n,
                    Err(_) => {
                        tool.warn("exit code out of range (expected 0 to 255)");
                        return EX_USAGE;
                    }
                },
                Err(text) => {
                    tool.warn(&text);
                    return EX_USAGE;
                }
            },
            FCNTL => api = Api::Ofd,
            START | LENGTH => {
                let what = if code == START {
                    "invalid as start offset"
                } else {
                    "invalid as length of lock range"
                };
                let shown = String::from_utf8_lossy(&value);
                match parse_size(&value) {
                    Ok(n) if i64::try_from(n).is_ok() => {
                        if code == START {
                            range.start = n;
                        } else {
                            range.len = n;
                        }
                    }
                    // off_t takes what fits; util-linux's cast would wrap: refused here.
                    Ok(_) => {
                        tool.warn(&format!("{what}: '{shown}': {ERANGE_TEXT}"));
                        return EX_USAGE;
                    }
                    Err(why) => {
                        tool.warn(&format!("{what}: '{shown}': {why}"));
                        return EX_USAGE;
                    }
                }
                api = Api::Ofd;
            }
            VERBOSE => verbose = true,
            c if c == u32::from(b'V') => return tool.version(),
            c if c == u32::from(b'h') => return tool.help(USAGE),
            _ => {
                tool.try_help();
                return EX_USAGE;
            }
        }
    }
    if no_fork && close {
        tool.warn("the --no-fork and --close options are incompatible");
        return EX_USAGE;
    }
    // An exclusive OFD lock needs the file open for writing.
    let mut open_for = match (api, op) {
        (Api::Flock, _) | (_, Op::Lock(Access::Shared)) | (_, Op::Unlock) => OpenFor::Read,
        _ => OpenFor::Write,
    };
    let operands: Vec<OsString> = getopt
        .operands()
        .iter()
        .map(|b| OsString::from(std::ffi::OsStr::from_bytes(b)))
        .collect();
    let mut command: Option<Vec<OsString>> = None;
    let mut filename: Option<&OsString> = None;
    let fd: BorrowedFd<'static>;
    match operands.as_slice() {
        [] => {
            tool.warn("requires file descriptor, file or directory");
            return EX_USAGE;
        }
        [number] => {
            let n = match strtos32_or_err(number.as_bytes(), "bad file descriptor") {
                Ok(n) => n,
                Err(text) => {
                    tool.warn(&text);
                    return EX_USAGE;
                }
            };
            fd = match lock::inherited(n) {
                Ok(fd) => fd,
                Err(errno) => {
                    tool.warn(&format!("{n}: {}", strerror(errno)));
                    return EX_DATAERR;
                }
            };
        }
        [file, rest @ ..] => {
            command = Some(match rest {
                [flag, ..] if flag == "-c" || flag == "--command" => {
                    let [_, line] = rest else {
                        tool.warn(&format!(
                            "{} requires exactly one command argument",
                            flag.to_string_lossy()
                        ));
                        return EX_USAGE;
                    };
                    let shell = std::env::var_os("SHELL")
                        .filter(|s| !s.is_empty())
                        .unwrap_or_else(|| "/bin/sh".into());
                    vec![shell, "-c".into(), line.clone()]
                }
                _ => rest.to_vec(),
            });
            filename = Some(file);
            match open(tool, Path::new(file), open_for) {
                Ok((opened, how)) => {
                    fd = kept(opened);
                    open_for = how;
                }
                Err(code) => return code,
            }
        }
    }
    let patience = Patience::new(nonblocking, limit);
    let started = Instant::now();
    let mut fd = fd;
    loop {
        let attempt = patiently(patience, false, |wait: Wait| match op {
            Op::Lock(access) => lock::take(fd, api, access, range, wait),
            Op::Unlock => lock::unlock(fd, api, range),
        });
        let errno = match attempt {
            Ok(Attempt::Done(())) => break,
            Ok(Attempt::GaveUp) => {
                if verbose {
                    tool.warn(if limit.is_some() && !nonblocking {
                        "timeout while waiting to get lock"
                    } else {
                        "failed to get lock"
                    });
                }
                return conflict_code;
            }
            Ok(Attempt::Failed(errno)) => errno,
            Err(_) => Errno::EINTR,
        };
        // Probably NFSv4, where flock() is emulated by fcntl(): again, read-write.
        if matches!(errno, Errno::EIO | Errno::EBADF)
            && open_for != OpenFor::ReadWrite
            && op != Op::Lock(Access::Shared)
        {
            if let Some(file) = filename.filter(|f| flock1::may_read_write(Path::new(f))) {
                match open(tool, Path::new(file), OpenFor::ReadWrite) {
                    Ok((opened, how)) => {
                        // As flock(1): the descriptor that failed goes, so the command
                        // does not inherit it.
                        lock::close_kept(fd.as_raw_fd());
                        open_for = how;
                        fd = kept(opened);
                        if open_for == OpenFor::ReadWrite {
                            continue;
                        }
                    }
                    Err(code) => return code,
                }
            }
        }
        match filename {
            Some(file) => tool.warn(&format!("{}: {}", file.to_string_lossy(), strerror(errno))),
            None => tool.warn(&format!("{}: {}", fd.as_raw_fd(), strerror(errno))),
        }
        return if matches!(errno, Errno::ENOLCK | Errno::ENOMEM) {
            EX_OSERR
        } else {
            EX_DATAERR
        };
    }
    if verbose {
        let took = started.elapsed();
        tool.print(&format!(
            "{}: getting lock took {}.{:06} seconds\n",
            tool.name,
            took.as_secs(),
            took.subsec_micros()
        ));
    }
    let Some(command) = command else {
        return 0;
    };
    if verbose {
        tool.print(&format!(
            "{}: executing {}\n",
            tool.name,
            command[0].to_string_lossy()
        ));
    }
    if no_fork {
        // C's stdout buffer is lost in execve unless a terminal flushed it by lines.
        if std::io::IsTerminal::is_terminal(&std::io::stdout()) {
            let _ = std::io::Write::write_all(&mut std::io::stdout().lock(), &tool.out);
        }
        tool.out.clear();
        let errno = crate::core::exec::exec_errno(&command);
        return exec_failed(tool, &command[0], errno);
    }
    let close_fd = close.then(|| fd.as_raw_fd());
    match flock1::run_child(&command, close_fd) {
        Ok(status) => u8::try_from(status).unwrap_or(255),
        Err(err) => {
            let errno = Errno::from_raw(err.raw_os_error().unwrap_or(Errno::ENOENT as i32));
            exec_failed(tool, &command[0], errno)
        }
    }
}

/// The lock's descriptor, open for the rest of the process (and in the command).
fn kept(fd: OwnedFd) -> BorrowedFd<'static> {
    let raw = fd.as_raw_fd();
    lock::keep_open(fd);
    lock::inherited(raw).unwrap_or_else(|_| std::process::exit(i32::from(EX_OSERR)))
}

fn exec_failed(tool: &Tool, program: &OsString, errno: Errno) -> u8 {
    tool.warn(&format!(
        "failed to execute {}: {}",
        program.to_string_lossy(),
        strerror(errno)
    ));
    if errno == Errno::ENOMEM {
        EX_OSERR
    } else {
        EX_UNAVAILABLE
    }
}

/// flock(1)'s open_file: its message and statuses when the file cannot be opened.
fn open(tool: &Tool, path: &Path, how: OpenFor) -> Result<(OwnedFd, OpenFor), u8> {
    flock1::open_like_flock(path, how).map_err(|errno| {
        tool.warn(&format!(
            "cannot open lock file {}: {}",
            path.display(),
            strerror(errno)
        ));
        match errno {
            Errno::ENOMEM | Errno::EMFILE | Errno::ENFILE => EX_OSERR,
            Errno::EROFS | Errno::ENOSPC => EX_CANTCREAT,
            _ => EX_NOINPUT,
        }
    })
}
