//! Shared memory as `shm write` and `shm read` use it, whatever its family: a `Segment`
//! gives its bytes (`Memory`), names itself, and says whether this open created it. A
//! System V segment (KEY, id:N, ftok:PATH, private; shmget/shmat) is `sysv::SysvSegment`, a
//! POSIX object (`/NAME`; shm_open, core::posix::shm says how it survives a truncation)
//! `posix::PosixSegment`; `open` picks the family from the target, and is the only place
//! that tells them apart.

mod posix;
mod sysv;

use crate::core::status::usage;
use anyhow::{anyhow, Result};

use super::memory::Memory;
use super::target::Target;

/// An open segment: attached (System V) or opened (POSIX), read-only unless opened for a
/// write.
pub trait Segment {
    /// Its bytes.
    fn memory(&self) -> &dyn Memory;

    /// How messages name it: `segment 0x000004d2 (id 3)`, `POSIX shared memory /NAME`.
    fn name(&self) -> &str;

    /// Whether this open created it.
    fn created(&self) -> bool;

    /// The write into it did not happen: one this open created is removed again, so that
    /// a segment made for a write that did not happen is not left behind.
    fn discard(self: Box<Self>);

    /// The write into it happened: a new private segment's id goes to stderr as `id:N`
    /// (DESIGN §1, stdout being data).
    fn announce(&self) {}
}

/// Resolves the target to a segment, for `shm write` (`write`) or `shm read`. With `create`
/// (mode, size; `--create --size`) a missing one is made with that mode and size, and an
/// existing one is used only if it has that size.
pub fn open(target: &Target, write: bool, create: Option<(u32, u64)>) -> Result<Box<dyn Segment>> {
    if let Some((_, 0)) = create {
        return Err(usage("--size 0: a segment holds at least 1 byte"));
    }
    let segment: Box<dyn Segment> = match target {
        Target::Posix(name) => Box::new(posix::PosixSegment::open(name, write, create)?),
        target => Box::new(sysv::SysvSegment::open(target, write, create)?),
    };
    if let Some((_, size)) = create.filter(|_| !segment.created()) {
        same_size(segment.name(), segment.memory().len(), size)?;
    }
    Ok(segment)
}

/// An error about the named object: `segment 0x000004d2 (id 3): <why>`,
/// `POSIX shared memory /NAME: <why>`.
pub fn error(name: &dyn std::fmt::Display, why: impl std::fmt::Display) -> anyhow::Error {
    anyhow!("{name}: {why}")
}

/// `--create --size` found the object already there: it is used only if it has that size,
/// since the size cannot be what the user meant otherwise (and someone else's object is
/// never resized).
fn same_size(name: &str, has: usize, size: u64) -> Result<()> {
    if u64::try_from(has).is_ok_and(|has| has == size) {
        return Ok(());
    }
    Err(anyhow!(
        "{name}: it exists with {has} bytes, not the {size} of --size; nothing was written"
    ))
}
