//! Child processes and helper threads: the forked child of the classic demos, waiting that
//! notices an interrupt, and threads that leave SIGINT/SIGTERM/SIGHUP to the main thread.

use std::sync::atomic::{AtomicI32, Ordering};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use nix::errno::Errno;
use nix::sys::signal::{kill, SigSet, Signal};
use nix::sys::wait::{waitpid, WaitStatus};
use nix::unistd::{fork, ForkResult, Pid};

use crate::core::interrupts;
use crate::core::status::Fail;

/// How a child ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ended {
    Code(i32),
    Signal(i32),
}

impl Ended {
    /// The status a shell would report: the code, or 128+N for signal N.
    pub fn status(self) -> i32 {
        match self {
            Ended::Code(code) => code,
            Ended::Signal(n) => 128i32.saturating_add(n),
        }
    }
}

/// Which side of a fork this is.
pub enum Forked {
    Parent(Pid),
    Child,
}

/// Forks. The child must end with `exit_child`, never by returning into the parent's code.
///
/// Only for a process that has not started any thread: the child then owns the only thread;
/// it should use plain write(2)s (no buffered stdout shared with the parent).
pub fn fork_process() -> Result<Forked> {
    // SAFETY: called while the process is single-threaded (the demos fork before starting
    // anything else), so the child is a consistent copy of the parent; the child leaves
    // through `exit_child` (_exit), not running the parent's destructors or exit handlers.
    match unsafe { fork() }.context("fork")? {
        ForkResult::Parent { child } => Ok(Forked::Parent(child)),
        ForkResult::Child => Ok(Forked::Child),
    }
}

/// Ends a forked child at once with `code`.
pub fn exit_child(code: i32) -> ! {
    // SAFETY: _exit ends the process without running atexit handlers or flushing stdio
    // buffers that belong to the parent's copy.
    unsafe { libc::_exit(code) }
}

/// Passes the interrupt this command caught (SIGINT/SIGTERM/SIGHUP) on to `children`, or
/// `otherwise` when none was caught, so that no child outlives the command. A child that
/// already ended is not an error here.
pub fn pass_on_interrupt(children: &[Pid], otherwise: Option<Signal>) {
    let caught = interrupts::caught().and_then(|number| Signal::try_from(number).ok());
    if let Some(signal) = caught.or(otherwise) {
        for child in children {
            let _ = kill(*child, signal);
        }
    }
}

/// Waits for every pid in order. When SIGINT/SIGTERM/SIGHUP is caught meanwhile, it is
/// passed on to the children not yet reaped (once), and waiting goes on, so none is left
/// behind. Returns how each ended.
pub fn wait_all(pids: &[Pid]) -> Result<Vec<Ended>> {
    let mut ended = Vec::with_capacity(pids.len());
    let mut forwarded = false;
    for (index, pid) in pids.iter().enumerate() {
        loop {
            match waitpid(*pid, None) {
                Ok(WaitStatus::Exited(_, code)) => {
                    ended.push(Ended::Code(code));
                    break;
                }
                Ok(WaitStatus::Signaled(_, signal, _)) => {
                    ended.push(Ended::Signal(signal as i32));
                    break;
                }
                Ok(_) => continue,
                Err(Errno::EINTR) => {
                    if !forwarded && interrupts::caught().is_some() {
                        forwarded = true;
                        pass_on_interrupt(pids.get(index..).unwrap_or_default(), None);
                    }
                }
                Err(errno) => {
                    return Err(errno).with_context(|| format!("waiting for process {pid}"))
                }
            }
        }
    }
    Ok(ended)
}

/// A helper thread that can be woken from a blocking call (see `spawn_wakeable`).
pub struct Helper<T> {
    handle: JoinHandle<T>,
    /// Its kernel thread id, once it has started.
    tid: Arc<AtomicI32>,
}

/// `spawn_quiet`, for a helper that holds something an interrupt must not lose: after one,
/// `Helper::interrupt` makes it notice too.
pub fn spawn_wakeable<T: Send + 'static>(body: impl FnOnce() -> T + Send + 'static) -> Helper<T> {
    let tid = Arc::new(AtomicI32::new(0));
    let its = Arc::clone(&tid);
    let handle = spawn_quiet(move || {
        its.store(nix::unistd::gettid().as_raw(), Ordering::SeqCst);
        body()
    });
    Helper { handle, tid }
}

impl<T> Helper<T> {
    pub fn is_finished(&self) -> bool {
        self.handle.is_finished()
    }

    pub fn join(self) -> std::thread::Result<T> {
        self.handle.join()
    }

    /// After a caught interrupt: wakes the helper from the call it blocks in (EINTR), so
    /// that it sees the interrupt and ends, undoing what it holds; again every millisecond,
    /// as it may be between calls. Its result, or None if it has not ended within `patience`.
    pub fn interrupt(self, patience: Duration) -> Option<T> {
        let deadline = Instant::now() + patience;
        while !self.handle.is_finished() {
            if Instant::now() >= deadline {
                return None;
            }
            match self.tid.load(Ordering::SeqCst) {
                0 => {}
                // No way to wake it (no kick handler): waiting could only time out.
                tid if !interrupts::wake(tid) => return None,
                _ => {}
            }
            std::thread::sleep(Duration::from_millis(1));
        }
        self.handle.join().ok()
    }
}

impl Helper<Result<()>> {
    /// What a two-way transfer reports when its own side failed with `err` while this
    /// helper carried the other: after an interrupt the helper is woken, and its error wins
    /// when it says input was lost (input it read and could not pass on or give back).
    /// A helper still blocked after that is left to the end of the process.
    pub fn outcome_after(self, err: anyhow::Error) -> anyhow::Error {
        if err.downcast_ref::<Fail>().and_then(Fail::signal).is_some() {
            if let Some(Err(sent)) = self.interrupt(Duration::from_secs(1)) {
                if matches!(sent.downcast_ref::<Fail>(), Some(Fail::Lost { .. })) {
                    return sent;
                }
            }
        }
        err
    }
}

/// Spawns a thread with SIGINT, SIGTERM and SIGHUP blocked, and the deadline's SIGALRM,
/// so those signals interrupt the main thread's blocking call and not the helper's.
pub fn spawn_quiet<T: Send + 'static>(body: impl FnOnce() -> T + Send + 'static) -> JoinHandle<T> {
    let mut set = SigSet::empty();
    for signal in interrupts::INTERRUPTS {
        set.add(signal);
    }
    set.add(Signal::SIGALRM);
    // The new thread inherits the mask in force when it is created: block, spawn, put the
    // mask back as it was, so no window exists in which the helper could take the signal.
    let before = set.thread_swap_mask(nix::sys::signal::SigmaskHow::SIG_BLOCK);
    let handle = std::thread::spawn(body);
    if let Ok(before) = before {
        let _ = before.thread_set_mask();
    }
    handle
}

/// The process's umask, read by setting it and putting it back (umask(2) has no read-only
/// form; /proc/self/status may be unmounted). Single-threaded callers only.
pub fn umask() -> u32 {
    use nix::sys::stat::{umask, Mode};
    let old = umask(Mode::empty());
    umask(old);
    old.bits()
}

/// The pid of a child std started.
pub fn pid_of(child: &std::process::Child) -> Pid {
    Pid::from_raw(i32::try_from(child.id()).unwrap_or(i32::MAX))
}

/// Shell commands run side by side (`sh -c TEXT` each), wired by the caller: a pipeline, a
/// ring of pipes, a socketpair between two. `finish` waits for all of them, passing an
/// interrupt on, and gives the pipeline's status: the last non-zero one (bash's pipefail).
#[derive(Default)]
pub struct Shells {
    pids: Vec<Pid>,
    /// Why the line stopped short: a command that could not start, a pipe that could not
    /// be made. The ones already running are still waited for.
    error: Option<anyhow::Error>,
}

impl Shells {
    pub fn new() -> Shells {
        Shells::default()
    }

    /// Starts `sh -c text` with `stdin` and `stdout` (inherited when None). Our copies of
    /// the descriptors are closed once the child has its own, so each reader sees end of
    /// file when its writers end. False when it could not start (the reason is kept).
    pub fn start(
        &mut self,
        text: &std::ffi::OsStr,
        stdin: Option<std::os::fd::OwnedFd>,
        stdout: Option<std::os::fd::OwnedFd>,
    ) -> bool {
        use std::process::{Command, Stdio};
        let mut command = Command::new("sh");
        command.arg("-c").arg(text);
        if let Some(fd) = stdin {
            command.stdin(Stdio::from(fd));
        }
        if let Some(fd) = stdout {
            command.stdout(Stdio::from(fd));
        }
        match command.spawn() {
            Ok(child) => {
                self.adopt(&child);
                true
            }
            Err(err) => {
                self.stop(anyhow::Error::new(err).context(format!("running sh -c {text:?}")));
                false
            }
        }
    }

    /// Counts in a command started elsewhere: `finish` waits for it too.
    pub fn adopt(&mut self, child: &std::process::Child) {
        self.pids.push(pid_of(child));
    }

    /// Records why no more commands start (the first reason is kept).
    pub fn stop(&mut self, err: anyhow::Error) {
        self.error.get_or_insert(err);
    }

    /// The commands started so far.
    pub fn pids(&self) -> &[Pid] {
        &self.pids
    }

    /// Waits for every command; then a caught interrupt (128+N), the reason the line
    /// stopped short, or the last non-zero status.
    pub fn finish(self) -> Result<()> {
        let ended = wait_all(&self.pids)?;
        interrupts::check()?;
        if let Some(err) = self.error {
            return Err(err);
        }
        match ended.iter().rev().map(|e| e.status()).find(|s| *s != 0) {
            None => Ok(()),
            Some(status) => {
                Err(crate::core::status::Fail::Exit(u8::try_from(status).unwrap_or(255)).into())
            }
        }
    }
}

/// Arranges for `fds` to be descriptors 3, 4, … of the command `command` starts (and
/// nothing else of ours: they stay close-on-exec here). Returns their numbers as the
/// command sees them, space-separated, for IPCX_FDS.
pub fn give_fds(
    command: &mut std::process::Command,
    fds: Vec<std::os::fd::OwnedFd>,
) -> Result<String> {
    use std::os::fd::{AsRawFd, RawFd};
    use std::os::unix::process::CommandExt;
    let count = RawFd::try_from(fds.len()).context("too many descriptors")?;
    let first: RawFd = 3;
    let above = first.saturating_add(count);
    // Each is first copied above every target number, so no dup2 below overwrites a
    // descriptor still to be moved.
    let mut high = Vec::with_capacity(fds.len());
    for fd in &fds {
        let copy = nix::fcntl::fcntl(fd, nix::fcntl::FcntlArg::F_DUPFD_CLOEXEC(above))
            .context("duplicating a received descriptor")?;
        // SAFETY: F_DUPFD_CLOEXEC returned a new descriptor that nothing else owns.
        high.push(unsafe { <std::os::fd::OwnedFd as std::os::fd::FromRawFd>::from_raw_fd(copy) });
    }
    drop(fds);
    // The spawn makes a close-on-exec pipe, at the lowest free number, through which the
    // child reports an exec that failed. At a target number, the dup2s below would replace
    // it: the report would be written into a passed descriptor (a client's file) and the
    // failure taken for a start. Every free number below the targets' end is held until
    // the spawn is over, so that the pipe lands above them.
    let mut held = Vec::new();
    if let Some(source) = high.first() {
        loop {
            let copy = nix::fcntl::fcntl(source, nix::fcntl::FcntlArg::F_DUPFD_CLOEXEC(first))
                .context("duplicating a received descriptor")?;
            // SAFETY: F_DUPFD_CLOEXEC returned a new descriptor that nothing else owns.
            let copy =
                unsafe { <std::os::fd::OwnedFd as std::os::fd::FromRawFd>::from_raw_fd(copy) };
            if copy.as_raw_fd() >= above {
                break;
            }
            held.push(copy);
        }
    }
    let names: Vec<String> = (0..count).map(|i| (first + i).to_string()).collect();
    let raw: Vec<RawFd> = high.iter().map(AsRawFd::as_raw_fd).collect();
    // SAFETY: the closure runs in the forked child before exec and calls only dup2, which
    // is async-signal-safe; it allocates nothing. `high` keeps the sources open, and `held`
    // the free numbers taken, until the command (and with it the closure) is dropped,
    // after the spawn.
    unsafe {
        command.pre_exec(move || {
            let _keep = (&high, &held);
            for (i, fd) in raw.iter().enumerate() {
                let target = first + i as RawFd;
                // dup2 leaves the new descriptor without close-on-exec.
                if libc::dup2(*fd, target) == -1 {
                    return Err(std::io::Error::last_os_error());
                }
            }
            Ok(())
        });
    }
    Ok(names.join(" "))
}
