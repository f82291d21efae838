//! Interruption: SIGINT, SIGTERM and SIGHUP, caught so a blocked command can undo what it
//! started and exit 128+N (DESIGN §3) instead of dying mid-operation.
//!
//! The handlers are installed without SA_RESTART, so a blocking syscall (msgrcv, semop,
//! accept, read...) returns EINTR; the command then calls `check()`, which turns the
//! recorded signal into `Fail::Signal`.
//!
//! A signal that lands after the command's last look and before it enters a blocking call
//! would be seen only when that call returns, which may be never. So the handler also arms a
//! kick: a timer that sends SIGRTMAX (caught, and doing nothing but interrupt) every few
//! milliseconds until the command notices the signal (`caught`, `check` or `take`).

use std::sync::atomic::{AtomicI32, AtomicU64, Ordering};

use nix::errno::Errno;
use nix::sys::signal::{sigaction, SaFlags, SigAction, SigHandler, SigSet, Signal};

use crate::core::status::Fail;

static CAUGHT: AtomicI32 = AtomicI32::new(0);
/// How many interrupts have arrived (a kick is not one).
static RECEIVED: AtomicU64 = AtomicU64::new(0);

/// The kernel id of the armed kick timer, or one of the two states below.
static KICK: AtomicI32 = AtomicI32::new(NO_KICKS);
const NO_KICK: i32 = -1;
/// A handler is creating the timer.
const ARMING: i32 = -2;
/// SIGRTMAX has no kick handler: before `catch_interrupts`, or when it could not be
/// installed (valgrind keeps the signal for itself). No kicks then, as one with the
/// default action would kill the process.
const NO_KICKS: i32 = -3;

/// The first kick, and the interval of the ones after it.
const KICK_FIRST: libc::timespec = libc::timespec {
    tv_sec: 0,
    tv_nsec: 2_000_000,
};
const KICK_EVERY: libc::timespec = libc::timespec {
    tv_sec: 0,
    tv_nsec: 5_000_000,
};

extern "C" fn record(signal: libc::c_int) {
    // An atomic store and raw timer syscalls: async-signal-safe. errno is put back, as the
    // interrupted code may be about to read it.
    let errno = Errno::last_raw();
    RECEIVED.fetch_add(1, Ordering::SeqCst);
    // Only a signal nobody has noticed yet needs kicks: once the command has seen one, a
    // later one is handled in its cleanup, which kicks would only interrupt.
    if CAUGHT.swap(signal, Ordering::SeqCst) == 0 {
        arm_kick();
    }
    Errno::set_raw(errno);
}

/// The kick's handler: its only work is to make the blocked call return EINTR.
extern "C" fn kicked(_signal: libc::c_int) {}

fn kick_signal() -> libc::c_int {
    libc::SIGRTMAX()
}

/// Starts the kick timer, unless one is armed. Runs in the handler: raw system calls only.
fn arm_kick() {
    if KICK
        .compare_exchange(NO_KICK, ARMING, Ordering::SeqCst, Ordering::SeqCst)
        .is_err()
    {
        return;
    }
    // SAFETY: an all-zero sigevent is a valid value (integers and a union of integer and
    // pointer); the fields that matter are set below.
    let mut event: libc::sigevent = unsafe { std::mem::zeroed() };
    // To this thread, the one that takes interrupts (helper threads block them), so a kick
    // never lands on a helper and leaves the blocked call alone.
    event.sigev_notify = libc::SIGEV_THREAD_ID;
    // SAFETY: gettid(2) takes no arguments and cannot fail.
    event.sigev_notify_thread_id = unsafe { libc::syscall(libc::SYS_gettid) } as libc::c_int;
    event.sigev_signo = kick_signal();
    let mut id: libc::c_int = 0;
    // SAFETY: timer_create(2) reads `event` and writes the new id to `id`, both live locals.
    let created = unsafe {
        libc::syscall(
            libc::SYS_timer_create,
            libc::CLOCK_MONOTONIC,
            &event as *const libc::sigevent,
            &mut id as *mut libc::c_int,
        )
    };
    if created != 0 {
        KICK.store(NO_KICK, Ordering::SeqCst);
        return;
    }
    let spec = libc::itimerspec {
        it_interval: KICK_EVERY,
        it_value: KICK_FIRST,
    };
    // SAFETY: timer_settime(2) on the timer just made, reading `spec`; no old value asked.
    unsafe {
        libc::syscall(
            libc::SYS_timer_settime,
            id,
            0,
            &spec as *const libc::itimerspec,
            std::ptr::null_mut::<libc::itimerspec>(),
        )
    };
    if KICK
        .compare_exchange(ARMING, id, Ordering::SeqCst, Ordering::SeqCst)
        .is_err()
    {
        // Noticed meanwhile (on another thread): nobody needs this timer.
        delete_timer(id);
    }
}

fn delete_timer(id: libc::c_int) {
    // SAFETY: timer_delete(2) takes an id; one that is not ours fails with EINVAL.
    unsafe { libc::syscall(libc::SYS_timer_delete, id) };
}

/// The command has noticed the signal: stop kicking.
fn disarm_kick() {
    let previous = KICK.fetch_update(Ordering::SeqCst, Ordering::SeqCst, |state| {
        (state != NO_KICKS).then_some(NO_KICK)
    });
    if let Ok(id @ 0..) = previous {
        delete_timer(id);
    }
}

/// Makes thread `tid` of this process return EINTR from the call it blocks in, with the
/// kick signal, whose handler does nothing. False, and nothing sent, without the kick's
/// handler.
pub fn wake(tid: i32) -> bool {
    if KICK.load(Ordering::SeqCst) == NO_KICKS {
        return false;
    }
    // SAFETY: tgkill(2) takes three integers; a thread that has ended makes it fail (ESRCH).
    unsafe { libc::syscall(libc::SYS_tgkill, libc::getpid(), tid, kick_signal()) };
    true
}

/// The signals that end a blocked command with cleanup.
pub const INTERRUPTS: [Signal; 3] = [Signal::SIGINT, Signal::SIGTERM, Signal::SIGHUP];

/// The interrupts this process started with ignored (under nohup, or as a shell's
/// background job), a bit per signal number: they stay ignored, as for any program.
static INHERITED_IGNORED: AtomicU64 = AtomicU64::new(0);

/// The interrupts this process catches: all of INTERRUPTS but those inherited as ignored
/// (known once `catch_interrupts` has run).
pub fn caught_interrupts() -> impl Iterator<Item = Signal> {
    let ignored = INHERITED_IGNORED.load(Ordering::SeqCst);
    INTERRUPTS
        .into_iter()
        .filter(move |signal| ignored & (1 << *signal as u32) == 0)
}

/// Catches SIGINT, SIGTERM and SIGHUP from now on; blocking calls return EINTR. One that
/// the process inherited as ignored stays ignored.
pub fn catch_interrupts() -> nix::Result<()> {
    // The kick's handler goes first, so that no interrupt can arm a kick without it.
    // nix's Signal has no real-time signals: it is installed through libc.
    // SAFETY: an all-zero sigaction is valid: an empty mask, no flags (no SA_RESTART).
    let mut kick: libc::sigaction = unsafe { std::mem::zeroed() };
    kick.sa_sigaction = kicked as extern "C" fn(libc::c_int) as libc::sighandler_t;
    // SAFETY: `kick` is a complete sigaction whose handler does nothing; SIGRTMAX is valid.
    let rc = unsafe { libc::sigaction(kick_signal(), &kick, std::ptr::null_mut()) };
    // Without it, interrupts are still caught; only the narrow race the kick closes stays
    // open.
    // A kick blocked in the mask we inherited would never arrive.
    // SAFETY: `unblock` is a local sigset_t, emptied before use; pthread_sigmask only reads it.
    let unblocked = unsafe {
        let mut unblock: libc::sigset_t = std::mem::zeroed();
        libc::sigemptyset(&mut unblock);
        libc::sigaddset(&mut unblock, kick_signal());
        libc::pthread_sigmask(libc::SIG_UNBLOCK, &unblock, std::ptr::null_mut())
    };
    if rc == 0 && unblocked == 0 {
        let _ = KICK.compare_exchange(NO_KICKS, NO_KICK, Ordering::SeqCst, Ordering::SeqCst);
    }
    let action = SigAction::new(
        SigHandler::Handler(record),
        SaFlags::empty(),
        SigSet::empty(),
    );
    for signal in INTERRUPTS {
        if crate::core::signal_io::is_ignored(signal as i32) {
            INHERITED_IGNORED.fetch_or(1 << signal as u32, Ordering::SeqCst);
            continue;
        }
        // SAFETY: the handler stores a number and makes raw timer system calls, all
        // async-signal-safe.
        unsafe { sigaction(signal, &action) }?;
    }
    Ok(())
}

/// How many interrupts have arrived so far: tells a second interrupt from a kick that
/// repeats the first.
pub fn received() -> u64 {
    RECEIVED.load(Ordering::SeqCst)
}

/// The signal caught so far, if any.
pub fn caught() -> Option<i32> {
    match CAUGHT.load(Ordering::SeqCst) {
        0 => None,
        signal => {
            disarm_kick();
            Some(signal)
        }
    }
}

/// `Err(Fail::Signal(N))` once signal N has been caught; call after EINTR and between
/// units of work.
pub fn check() -> Result<(), Fail> {
    match caught() {
        Some(signal) => Err(Fail::Signal(signal)),
        None => Ok(()),
    }
}

/// The signal caught so far, if any, forgetting it (a supervisor forwards each once).
pub fn take() -> Option<i32> {
    match CAUGHT.swap(0, Ordering::SeqCst) {
        0 => None,
        signal => {
            disarm_kick();
            Some(signal)
        }
    }
}

/// Puts the default disposition back (before exec'ing a child command, for instance), but
/// for an interrupt inherited as ignored, which stays ignored.
pub fn restore_defaults() -> nix::Result<()> {
    disarm_kick();
    let action = SigAction::new(SigHandler::SigDfl, SaFlags::empty(), SigSet::empty());
    for signal in caught_interrupts() {
        // SAFETY: installing SIG_DFL runs no code of ours in signal context.
        unsafe { sigaction(signal, &action) }?;
    }
    Ok(())
}
