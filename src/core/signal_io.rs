//! Signals as data: names and default actions, kill(2) and sigqueue(3) towards a process or
//! a process group, and receiving signals through a signalfd with the sender's pid, uid,
//! code and queued value.
//!
//! nix's `Signal` has no real-time signals, so this module speaks signal numbers (`i32`)
//! and libc directly. `signal wait` does not use `interrupts.rs` (interruption by handlers):
//! it blocks and reads every signal it cares about.

use std::borrow::Cow;
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
use std::time::Duration;

use nix::errno::Errno;

/// The lowest real-time signal the C library leaves to programs (34 with glibc: 32 and 33
/// are its threads').
pub fn rtmin() -> i32 {
    libc::SIGRTMIN()
}

pub fn rtmax() -> i32 {
    libc::SIGRTMAX()
}

/// What the kernel does with a signal nobody handles (signal(7)).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    Term,
    Ign,
    Core,
    Stop,
    Cont,
}

impl Action {
    pub fn as_str(self) -> &'static str {
        match self {
            Action::Term => "Term",
            Action::Ign => "Ign",
            Action::Core => "Core",
            Action::Stop => "Stop",
            Action::Cont => "Cont",
        }
    }
}

/// The standard signals 1..=31: name without `SIG`, default action, glibc's description.
const STANDARD: [(&str, Action, &str); 31] = [
    ("HUP", Action::Term, "Hangup"),
    ("INT", Action::Term, "Interrupt"),
    ("QUIT", Action::Core, "Quit"),
    ("ILL", Action::Core, "Illegal instruction"),
    ("TRAP", Action::Core, "Trace/breakpoint trap"),
    ("ABRT", Action::Core, "Aborted"),
    ("BUS", Action::Core, "Bus error"),
    ("FPE", Action::Core, "Floating point exception"),
    ("KILL", Action::Term, "Killed"),
    ("USR1", Action::Term, "User defined signal 1"),
    ("SEGV", Action::Core, "Segmentation fault"),
    ("USR2", Action::Term, "User defined signal 2"),
    ("PIPE", Action::Term, "Broken pipe"),
    ("ALRM", Action::Term, "Alarm clock"),
    ("TERM", Action::Term, "Terminated"),
    ("STKFLT", Action::Term, "Stack fault"),
    ("CHLD", Action::Ign, "Child exited"),
    ("CONT", Action::Cont, "Continued"),
    ("STOP", Action::Stop, "Stopped (signal)"),
    ("TSTP", Action::Stop, "Stopped"),
    ("TTIN", Action::Stop, "Stopped (tty input)"),
    ("TTOU", Action::Stop, "Stopped (tty output)"),
    ("URG", Action::Ign, "Urgent I/O condition"),
    ("XCPU", Action::Core, "CPU time limit exceeded"),
    ("XFSZ", Action::Core, "File size limit exceeded"),
    ("VTALRM", Action::Term, "Virtual timer expired"),
    ("PROF", Action::Term, "Profiling timer expired"),
    ("WINCH", Action::Ign, "Window changed"),
    ("IO", Action::Term, "I/O possible"),
    ("PWR", Action::Term, "Power failure"),
    ("SYS", Action::Core, "Bad system call"),
];

/// Other names kill(1) accepts for standard signals.
const ALIASES: [(&str, i32); 3] = [("IOT", 6), ("CLD", 17), ("POLL", 29)];

/// Every signal a program can send, in order: 1..=31, then SIGRTMIN..=SIGRTMAX.
pub fn all() -> impl Iterator<Item = i32> {
    (1..=31).chain(rtmin()..=rtmax())
}

/// Whether `signo` is a signal a program may name (0, the standard ones, the real-time ones
/// the C library leaves free).
pub fn valid(signo: i32) -> bool {
    (0..=31).contains(&signo) || (rtmin()..=rtmax()).contains(&signo)
}

/// Whether `signo` can be blocked or caught: every signal but SIGKILL and SIGSTOP.
pub fn catchable(signo: i32) -> bool {
    signo != libc::SIGKILL && signo != libc::SIGSTOP
}

/// `SIGUSR1`, `SIGRTMIN+3`, `SIGRTMAX-2`, split at the middle of the real-time range as
/// `kill -L` does; `0` for the null signal.
pub fn name(signo: i32) -> Cow<'static, str> {
    if signo == 0 {
        return Cow::Borrowed("0");
    }
    if let Some(index) = usize::try_from(signo - 1)
        .ok()
        .filter(|i| *i < STANDARD.len())
    {
        return Cow::Owned(format!("SIG{}", STANDARD[index].0));
    }
    let (low, high) = (rtmin(), rtmax());
    if (low..=high).contains(&signo) {
        let offset = signo - low;
        return Cow::Owned(match offset {
            0 => "SIGRTMIN".to_string(),
            _ if signo == high => "SIGRTMAX".to_string(),
            _ if offset <= (high - low) / 2 => format!("SIGRTMIN+{offset}"),
            _ => format!("SIGRTMAX-{}", high - signo),
        });
    }
    Cow::Owned(format!("signal {signo}"))
}

pub fn default_action(signo: i32) -> Action {
    usize::try_from(signo - 1)
        .ok()
        .and_then(|i| STANDARD.get(i))
        .map(|s| s.1)
        .unwrap_or(Action::Term)
}

pub fn description(signo: i32) -> Cow<'static, str> {
    match usize::try_from(signo - 1)
        .ok()
        .and_then(|i| STANDARD.get(i))
    {
        Some(s) => Cow::Borrowed(s.2),
        None => Cow::Owned(format!("Real-time signal {}", signo - rtmin())),
    }
}

/// A signal as the user writes it: `USR1`, `SIGUSR1`, `usr1`, `10`, `RTMIN`, `RTMIN+3`,
/// `SIGRTMAX-2`, or `0` (the null signal: existence and permission only).
pub fn parse(text: &str) -> Result<i32, String> {
    let bad = || {
        format!(
            "'{text}' is not a signal (expected a name like USR1 or SIGUSR1, a number, \
             RTMIN+N or RTMAX-N; see 'ipcx signal list')"
        )
    };
    let out_of_range = |what: &str| {
        format!(
            "{what} is not a signal programs may use (0 to 31, or {} to {}; see 'ipcx signal list')",
            rtmin(),
            rtmax()
        )
    };
    let trimmed = text.trim();
    if !trimmed.is_empty() && trimmed.bytes().all(|b| b.is_ascii_digit()) {
        let signo: i32 = trimmed
            .parse()
            .map_err(|_| out_of_range(&format!("signal {trimmed}")))?;
        return if valid(signo) {
            Ok(signo)
        } else {
            Err(out_of_range(&format!("signal {signo}")))
        };
    }
    let upper = trimmed.to_ascii_uppercase();
    let bare = upper.strip_prefix("SIG").unwrap_or(&upper);
    if let Some(index) = STANDARD.iter().position(|s| s.0 == bare) {
        return i32::try_from(index + 1).map_err(|_| bad());
    }
    if let Some((_, signo)) = ALIASES.iter().find(|a| a.0 == bare) {
        return Ok(*signo);
    }
    let (low, high) = (rtmin(), rtmax());
    let (base, rest, sign) = if let Some(rest) = bare.strip_prefix("RTMIN") {
        (low, rest, 1)
    } else if let Some(rest) = bare.strip_prefix("RTMAX") {
        (high, rest, -1)
    } else {
        return Err(bad());
    };
    let offset = match rest {
        "" => 0,
        _ => {
            let digits = match sign {
                1 => rest.strip_prefix('+'),
                _ => rest.strip_prefix('-'),
            }
            .filter(|d| !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit()))
            .ok_or_else(bad)?;
            digits.parse::<i32>().map_err(|_| out_of_range(trimmed))?
        }
    };
    let signo = base
        .checked_add(sign * offset)
        .filter(|s| (low..=high).contains(s))
        .ok_or_else(|| {
            format!(
                "{trimmed} is past the real-time signals (RTMIN+0 to RTMIN+{0}, RTMAX-{0} to RTMAX)",
                high - low
            )
        })?;
    Ok(signo)
}

/// kill(2): `pid` > 0 is one process, `pid` < -1 the process group -`pid`.
pub fn kill(pid: i32, signo: i32) -> Result<(), Errno> {
    // SAFETY: kill takes plain integers and touches no memory of ours.
    Errno::result(unsafe { libc::kill(pid, signo) }).map(drop)
}

/// sigqueue(3): `signo` with `value` as its si_value (sival_int) to one process.
pub fn sigqueue(pid: i32, signo: i32, value: i32) -> Result<(), Errno> {
    // sival_int is the first bytes of the union. Sign-extending into the pointer makes the
    // int and pointer members agree on a little-endian machine, whichever a receiver reads.
    #[cfg(target_endian = "little")]
    let bits = value as isize as usize;
    #[cfg(target_endian = "big")]
    let bits = (value as u32 as usize) << (usize::BITS - 32);
    let sigval = libc::sigval {
        sival_ptr: bits as *mut libc::c_void,
    };
    // SAFETY: sigqueue copies the union by value; the pointer is never dereferenced.
    Errno::result(unsafe { libc::sigqueue(pid, signo, sigval) }).map(drop)
}

/// RLIMIT_SIGPENDING's soft limit, for the error that names it.
pub fn sigpending_limit() -> Option<u64> {
    let mut limit = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    // SAFETY: getrlimit writes one rlimit into the struct we own.
    let rc = unsafe { libc::getrlimit(libc::RLIMIT_SIGPENDING, &mut limit) };
    (rc == 0 && limit.rlim_cur != libc::RLIM_INFINITY).then_some(limit.rlim_cur)
}

/// Whether the disposition of `signo` is SIG_IGN (inherited from `nohup`, or from a shell
/// that starts background jobs with SIGINT ignored).
pub fn is_ignored(signo: i32) -> bool {
    let mut old = std::mem::MaybeUninit::<libc::sigaction>::zeroed();
    // SAFETY: a null new action only reads the current one into `old`, which we own.
    let rc = unsafe { libc::sigaction(signo, std::ptr::null(), old.as_mut_ptr()) };
    // SAFETY: sigaction filled `old` on success; zeroed is a valid sigaction otherwise.
    rc == 0 && unsafe { old.assume_init() }.sa_sigaction == libc::SIG_IGN
}

/// A set of signal numbers (sigset_t), which may hold real-time signals.
pub struct SigSet(libc::sigset_t);

impl SigSet {
    pub fn empty() -> SigSet {
        let mut set = std::mem::MaybeUninit::<libc::sigset_t>::uninit();
        // SAFETY: sigemptyset initialises the whole set.
        unsafe { libc::sigemptyset(set.as_mut_ptr()) };
        // SAFETY: initialised just above.
        SigSet(unsafe { set.assume_init() })
    }

    /// Adds `signo`; numbers outside 1..=SIGRTMAX are ignored (the callers have checked).
    pub fn add(&mut self, signo: i32) {
        // SAFETY: the set is initialised; an invalid number only makes sigaddset fail.
        unsafe { libc::sigaddset(&mut self.0, signo) };
    }

    pub fn contains(&self, signo: i32) -> bool {
        // SAFETY: the set is initialised; sigismember only reads it.
        unsafe { libc::sigismember(&self.0, signo) == 1 }
    }

    /// Adds the set to the blocked signals of this (single-threaded) process: from now on
    /// they stay pending until read, whatever their disposition.
    pub fn block(&self) -> Result<(), Errno> {
        // SAFETY: reads our initialised set; no old set is asked for.
        Errno::result(unsafe { libc::sigprocmask(libc::SIG_BLOCK, &self.0, std::ptr::null_mut()) })
            .map(drop)
    }
}

/// One signal taken off the pending queue.
#[derive(Clone, Copy, Debug)]
pub struct Received {
    pub signo: i32,
    /// si_code: SI_USER, SI_QUEUE, SI_KERNEL, SI_TKILL, CLD_EXITED...
    pub code: i32,
    pub pid: u32,
    pub uid: u32,
    /// sival_int, meaningful when `has_value()`.
    pub value: i32,
}

impl Received {
    /// Whether the sender gave a value (sigqueue, or an mq_notify/timer sigevent).
    pub fn has_value(&self) -> bool {
        matches!(self.code, libc::SI_QUEUE | libc::SI_MESGQ | libc::SI_TIMER)
    }

    /// The si_code in the kernel's words.
    pub fn code_name(&self) -> Cow<'static, str> {
        Cow::Borrowed(match self.code {
            libc::SI_USER => "SI_USER",
            libc::SI_KERNEL => "SI_KERNEL",
            libc::SI_QUEUE => "SI_QUEUE",
            libc::SI_TIMER => "SI_TIMER",
            libc::SI_MESGQ => "SI_MESGQ",
            libc::SI_ASYNCIO => "SI_ASYNCIO",
            libc::SI_SIGIO => "SI_SIGIO",
            libc::SI_TKILL => "SI_TKILL",
            -7 => "SI_DETHREAD",
            -60 => "SI_ASYNCNL",
            code if self.signo == libc::SIGCHLD => match code {
                libc::CLD_EXITED => "CLD_EXITED",
                libc::CLD_KILLED => "CLD_KILLED",
                libc::CLD_DUMPED => "CLD_DUMPED",
                libc::CLD_TRAPPED => "CLD_TRAPPED",
                libc::CLD_STOPPED => "CLD_STOPPED",
                libc::CLD_CONTINUED => "CLD_CONTINUED",
                other => return Cow::Owned(other.to_string()),
            },
            // POLL_IN..POLL_HUP (asm-generic/siginfo.h), which libc does not name.
            code if self.signo == libc::SIGIO => match code {
                1 => "POLL_IN",
                2 => "POLL_OUT",
                3 => "POLL_MSG",
                4 => "POLL_ERR",
                5 => "POLL_PRI",
                6 => "POLL_HUP",
                other => return Cow::Owned(other.to_string()),
            },
            other => return Cow::Owned(other.to_string()),
        })
    }
}

/// How many signals one read takes at most: a burst is drained in few syscalls.
const BATCH: usize = 256;

/// A signalfd for a set of blocked signals. Reading takes them off the pending queue in
/// the kernel's order (standard signals lowest first, then real-time ones in the order
/// they were queued).
pub struct SignalFd {
    fd: OwnedFd,
    buf: Vec<libc::signalfd_siginfo>,
}

impl SignalFd {
    /// A non-blocking signalfd for `set`, which the caller has blocked.
    pub fn new(set: &SigSet) -> Result<SignalFd, Errno> {
        // SAFETY: reads our initialised set; the returned descriptor is checked.
        let fd = Errno::result(unsafe {
            libc::signalfd(-1, &set.0, libc::SFD_CLOEXEC | libc::SFD_NONBLOCK)
        })?;
        // SAFETY: signalfd returned a fresh descriptor that nothing else owns.
        let fd = unsafe { OwnedFd::from_raw_fd(fd) };
        // SAFETY: signalfd_siginfo is plain integers, for which all zeroes is a valid value.
        let zero: libc::signalfd_siginfo = unsafe { std::mem::zeroed() };
        Ok(SignalFd {
            fd,
            buf: vec![zero; BATCH],
        })
    }

    /// Takes up to `max` pending signals into `out` without blocking; 0 when none is
    /// pending.
    pub fn take(&mut self, max: usize, out: &mut Vec<Received>) -> Result<usize, Errno> {
        out.clear();
        let count = max.clamp(1, BATCH);
        let size = std::mem::size_of::<libc::signalfd_siginfo>();
        let bytes = count * size;
        loop {
            // SAFETY: the buffer holds BATCH records and we ask for at most `count` ≤ BATCH
            // of them; the kernel writes whole records only.
            let n = unsafe {
                libc::read(
                    self.fd.as_raw_fd(),
                    self.buf.as_mut_ptr().cast::<libc::c_void>(),
                    bytes,
                )
            };
            match Errno::result(n) {
                Ok(n) => {
                    let records = usize::try_from(n).unwrap_or(0) / size;
                    out.extend(self.buf[..records].iter().map(|info| Received {
                        signo: i32::try_from(info.ssi_signo).unwrap_or(0),
                        code: info.ssi_code,
                        pid: info.ssi_pid,
                        uid: info.ssi_uid,
                        value: info.ssi_int,
                    }));
                    return Ok(records);
                }
                Err(Errno::EAGAIN) => return Ok(0),
                Err(Errno::EINTR) => continue,
                Err(errno) => return Err(errno),
            }
        }
    }

    /// Blocks until a signal is pending, or `timeout` passes (false then); `None` waits
    /// for ever.
    pub fn wait(&self, timeout: Option<Duration>) -> Result<bool, Errno> {
        let mut pollfd = libc::pollfd {
            fd: self.fd.as_raw_fd(),
            events: libc::POLLIN,
            revents: 0,
        };
        let spec = timeout.map(|t| libc::timespec {
            tv_sec: libc::time_t::try_from(t.as_secs()).unwrap_or(libc::time_t::MAX),
            // Below 10^9, which fits a c_long everywhere.
            tv_nsec: t.subsec_nanos() as libc::c_long,
        });
        let spec_ptr = spec
            .as_ref()
            .map_or(std::ptr::null(), |s| s as *const libc::timespec);
        loop {
            // SAFETY: one pollfd and an optional timespec, both ours and live for the call;
            // a null signal mask leaves the mask as it is.
            let rc = unsafe { libc::ppoll(&mut pollfd, 1, spec_ptr, std::ptr::null()) };
            match Errno::result(rc) {
                Ok(ready) => return Ok(ready > 0),
                Err(Errno::EINTR) => continue,
                Err(errno) => return Err(errno),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn names_parse_in_every_spelling() {
        for text in ["USR1", "SIGUSR1", "usr1", "SigUsr1", "10"] {
            assert_eq!(parse(text), Ok(libc::SIGUSR1), "{text}");
        }
        assert_eq!(parse("0"), Ok(0));
        assert_eq!(parse("IOT"), Ok(6));
        assert_eq!(parse("sigcld"), Ok(17));
        assert_eq!(parse("RTMIN"), Ok(rtmin()));
        assert_eq!(parse("rtmin+3"), Ok(rtmin() + 3));
        assert_eq!(parse("SIGRTMAX-2"), Ok(rtmax() - 2));
        assert_eq!(parse("RTMAX"), Ok(rtmax()));
        assert!(parse("RTMIN+31")
            .unwrap_err()
            .contains("past the real-time"));
        assert!(parse("RTMIN-1").is_err());
        assert!(parse("RTMAX+1").is_err());
        assert!(parse("RTMIN+").is_err());
        assert!(parse("32")
            .unwrap_err()
            .contains("not a signal programs may use"));
        assert!(parse("65").is_err());
        assert!(parse("99999999999999").is_err());
        assert!(parse("FOO")
            .unwrap_err()
            .starts_with("'FOO' is not a signal"));
        assert!(parse("").is_err());
        assert!(parse("-9").is_err());
    }

    #[test]
    fn names_follow_kill_l() {
        assert_eq!(name(1), "SIGHUP");
        assert_eq!(name(31), "SIGSYS");
        assert_eq!(name(rtmin()), "SIGRTMIN");
        if rtmin() == 34 && rtmax() == 64 {
            assert_eq!(name(49), "SIGRTMIN+15");
            assert_eq!(name(50), "SIGRTMAX-14");
            assert_eq!(name(64), "SIGRTMAX");
        }
        for signo in all() {
            assert_eq!(parse(&name(signo)), Ok(signo));
        }
    }

    #[test]
    fn actions() {
        assert_eq!(default_action(libc::SIGCHLD), Action::Ign);
        assert_eq!(default_action(libc::SIGSEGV), Action::Core);
        assert_eq!(default_action(libc::SIGTSTP), Action::Stop);
        assert_eq!(default_action(libc::SIGCONT), Action::Cont);
        assert_eq!(default_action(rtmin()), Action::Term);
    }

    proptest! {
        #[test]
        fn parse_never_panics(text in ".*") {
            let _ = parse(&text);
        }
    }
}
