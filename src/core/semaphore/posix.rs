//! A POSIX named semaphore (sem_open/sem_wait/sem_timedwait/sem_post) as a `Semaphore`: a
//! single counter, which the kernel never gives back for a process that ends (no undo).

use anyhow::{anyhow, Result};
use nix::errno::Errno;

use super::{Identity, Init, Op, Reading, Semaphore};
use crate::core::control::make_or_open;
use crate::core::interrupts;
use crate::core::kind::{describe_name, Kind};
use crate::core::posix::sem::{NamedSem, OpenError, SEM_VALUE_MAX};
use crate::core::status::usage;
use crate::core::wait::Wait;

pub struct Named {
    sem: NamedSem,
    name: String,
}

/// `POSIX semaphore /NAME`, for messages.
fn label(name: &str) -> String {
    describe_name(Kind::Psem, name)
}

fn open_named(name: &str) -> Result<NamedSem> {
    NamedSem::open(name).map_err(|err| {
        let why = match err {
            OpenError::Sys(Errno::ENOENT) => "no such semaphore".to_string(),
            OpenError::Sys(errno) => Kind::Psem.why(errno),
            OpenError::NotASemaphore(why) => why,
        };
        anyhow!("{}: {why}", label(name))
    })
}

impl Named {
    /// The semaphore `/NAME`; an index (-n) other than 0 is refused, before it is opened.
    pub fn open(name: &str, index: Option<u16>) -> Result<Named> {
        if let Some(index @ 1..) = index {
            // -n picks a semaphore of a System V set; a POSIX semaphore is one.
            return Err(usage(format!(
                "-n {index}: a POSIX semaphore is a single semaphore (index 0 only)"
            )));
        }
        Ok(Named {
            sem: open_named(name)?,
            name: name.to_string(),
        })
    }
}

impl Semaphore for Named {
    fn name(&self) -> String {
        label(&self.name)
    }

    fn undoes(&self) -> bool {
        false
    }

    /// COUNT waits against one deadline; what a P cut short took is given back.
    fn take(&self, _index: u16, count: u16, _undo: bool, wait: Wait) -> Result<(), Errno> {
        let mut taken = 0u16;
        while taken < count {
            match self.sem.wait(wait) {
                Ok(()) => taken += 1,
                // A signal of ours ends the wait; another only interrupts it.
                Err(Errno::EINTR) if interrupts::caught().is_none() => {}
                Err(errno) => {
                    self.give_back(0, taken);
                    return Err(match errno {
                        Errno::ETIMEDOUT => Errno::EAGAIN,
                        other => other,
                    });
                }
            }
        }
        Ok(())
    }

    fn give_back(&self, _index: u16, count: u16) {
        for _ in 0..count {
            let _ = self.sem.post();
        }
    }

    fn give(&self, _index: u16, count: u16) -> Result<()> {
        for given in 0..count {
            match self.sem.post() {
                Ok(()) => {}
                Err(Errno::EOVERFLOW) => {
                    return Err(anyhow!(
                        "{}: the value would pass SEM_VALUE_MAX {SEM_VALUE_MAX}, the largest a POSIX semaphore holds{}",
                        self.name(),
                        if given > 0 { format!("; gave {given} of {count}") } else { String::new() }
                    ))
                }
                Err(errno) => return Err(anyhow!("{}: {}", self.name(), Kind::Psem.why(errno))),
            }
        }
        Ok(())
    }

    fn taking(&self, _index: u16, count: u16) -> String {
        count.to_string()
    }

    fn value_text(&self, _index: u16) -> String {
        self.sem
            .value()
            .map_or_else(|_| "?".into(), |v| v.to_string())
    }

    fn failure(&self, errno: Errno, _index: u16) -> anyhow::Error {
        anyhow!("{}: {}", self.name(), Kind::Psem.why(errno))
    }

    /// ncnt, zcnt and pid are none: a POSIX semaphore does not record them.
    fn read(&self, _detail: bool) -> Result<Vec<Reading>> {
        let value = self
            .sem
            .value()
            .map_err(|errno| anyhow!("{}: {}", self.name(), Kind::Psem.why(errno)))?;
        Ok(vec![Reading {
            value,
            ncnt: None,
            zcnt: None,
            pid: None,
        }])
    }

    fn identity(&self) -> Identity {
        Identity {
            key: None,
            id: None,
            name: Some(self.name.clone()),
        }
    }

    /// `check_ops` (below) refused all a POSIX semaphore cannot do before it was opened.
    fn check_ops(&self, _ops: &[Op]) -> Result<()> {
        Ok(())
    }

    fn apply(&self, ops: &[Op], _undo: bool, wait: Wait) -> Result<(), Errno> {
        let Some(op) = ops.first() else {
            return Ok(());
        };
        let count = op.delta.unsigned_abs();
        if op.delta < 0 {
            return self.take(0, count, false, wait);
        }
        // Posts one at a time; past SEM_VALUE_MAX what was given is taken back.
        for given in 0..count {
            if let Err(errno) = self.sem.post() {
                for _ in 0..given {
                    let _ = self.sem.wait(Wait::No);
                }
                return Err(errno);
            }
        }
        Ok(())
    }

    fn apply_failure(&self, errno: Errno, _ops: &[Op]) -> anyhow::Error {
        match errno {
            Errno::EOVERFLOW => anyhow!(
                "{}: the value would pass SEM_VALUE_MAX {SEM_VALUE_MAX}, the largest a POSIX semaphore holds",
                self.name()
            ),
            other => self.failure(other, 0),
        }
    }

    fn set_value(&self, index: u16, value: u32) -> Result<()> {
        if index != 0 {
            return Err(usage(format!(
                "-n {index}: a POSIX semaphore is a single semaphore (index 0 only)"
            )));
        }
        set_value(&self.sem, &self.name(), value)
    }
}

/// What a POSIX semaphore cannot do of `sem op`'s operations, refused before it is opened:
/// sem_wait and sem_post change one semaphore by one, so there is no call that changes two
/// at once, and none that waits for zero.
pub fn check_ops(name: &str, ops: &[Op]) -> Result<()> {
    if ops.len() > 1 {
        return Err(usage(format!(
            "{name}: a POSIX semaphore takes a single OP: it is one semaphore, and no call changes it atomically with another (System V sets do)"
        )));
    }
    match ops.first() {
        Some(op) if op.index != 0 => Err(usage(format!(
            "{name}: {op}: a POSIX semaphore is a single semaphore (index 0 only)"
        ))),
        Some(op) if op.delta == 0 => Err(usage(format!(
            "{name}: {op}: a POSIX semaphore cannot wait for zero (there is no such call; System V sets can)"
        ))),
        _ => Ok(()),
    }
}

/// `sem init /NAME`: created with its one value, or with --force an existing one's value set.
pub fn init(name: &str, init: &Init) -> Result<()> {
    let label = label(name);
    let [value] = init.values[..] else {
        return Err(usage(format!(
            "{name}: a POSIX semaphore is a single semaphore: give one VALUE, not {}",
            init.values.len()
        )));
    };
    // sem_open makes and initialises it in one step (glibc links a ready file into
    // /dev/shm), so nobody sees it before its value is in.
    let failed = |errno| match errno {
        Errno::EEXIST => anyhow!("{label}: already exists (--force sets its value)"),
        errno => anyhow!("{label}: cannot create: {}", Kind::Psem.why(errno)),
    };
    let (sem, made) = make_or_open(
        !init.force,
        || NamedSem::create(name, init.mode, value),
        || open_named(name),
        failed,
    )?;
    if made {
        return Ok(());
    }
    set_value(&sem, &label, value)
}

/// `init --force` and `sem set`: POSIX has no "set the value", so post or take without
/// waiting until it is reached. Not atomic: a holder's V or a waiter's P in between is
/// counted as it happens.
fn set_value(existing: &NamedSem, label: &str, value: u32) -> Result<()> {
    if value > SEM_VALUE_MAX {
        return Err(usage(format!(
            "{value} is more than SEM_VALUE_MAX {SEM_VALUE_MAX}, the largest value a POSIX semaphore holds"
        )));
    }
    let target = i32::try_from(value).unwrap_or(i32::MAX);
    let failed = |errno| anyhow!("{label}: cannot set its value: {}", Kind::Psem.why(errno));
    loop {
        let now = existing.value().map_err(failed)?;
        if now == target {
            return Ok(());
        }
        let step = if now < target {
            existing.post()
        } else {
            existing.wait(Wait::No)
        };
        match step {
            // Someone took it first (EAGAIN) or a signal came: look at the value again.
            Ok(()) | Err(Errno::EAGAIN) | Err(Errno::EINTR) => {}
            Err(errno) => return Err(failed(errno)),
        }
    }
}
