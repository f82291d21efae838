//! Interruption: SIGINT, SIGTERM and SIGHUP, caught so a blocked command can undo what it
//! started and exit 128+N (DESIGN §3) instead of dying mid-operation.
//!
//! The handlers are installed without SA_RESTART, so a blocking syscall (msgrcv, semop,
//! accept, read...) returns EINTR; the command then calls `check()`, which turns the
//! recorded signal into `Fail::Signal`. The handler only stores a number.

// The first users are the commands that block (msg, sem, fifo, sock, signal).
#![allow(dead_code)]

use std::sync::atomic::{AtomicI32, Ordering};

use nix::sys::signal::{sigaction, SaFlags, SigAction, SigHandler, SigSet, Signal};

use crate::core::status::Fail;

static CAUGHT: AtomicI32 = AtomicI32::new(0);

extern "C" fn record(signal: libc::c_int) {
    // Only an atomic store: async-signal-safe.
    CAUGHT.store(signal, Ordering::SeqCst);
}

/// The signals that end a blocked command with cleanup.
pub const INTERRUPTS: [Signal; 3] = [Signal::SIGINT, Signal::SIGTERM, Signal::SIGHUP];

/// Catches SIGINT, SIGTERM and SIGHUP from now on; blocking calls return EINTR.
pub fn catch_interrupts() -> nix::Result<()> {
    let action = SigAction::new(
        SigHandler::Handler(record),
        SaFlags::empty(),
        SigSet::empty(),
    );
    for signal in INTERRUPTS {
        // SAFETY: the handler only performs an atomic store, which is async-signal-safe.
        unsafe { sigaction(signal, &action) }?;
    }
    Ok(())
}

/// The signal caught so far, if any.
pub fn caught() -> Option<i32> {
    match CAUGHT.load(Ordering::SeqCst) {
        0 => None,
        signal => Some(signal),
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
        signal => Some(signal),
    }
}

/// Puts the default disposition back (before exec'ing a child command, for instance).
pub fn restore_defaults() -> nix::Result<()> {
    let action = SigAction::new(SigHandler::SigDfl, SaFlags::empty(), SigSet::empty());
    for signal in INTERRUPTS {
        // SAFETY: installing SIG_DFL runs no code of ours in signal context.
        unsafe { sigaction(signal, &action) }?;
    }
    Ok(())
}
