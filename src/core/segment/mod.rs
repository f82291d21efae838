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

/// How `shm write --create` makes a segment that does not exist.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Create {
    pub mode: u32,
    pub size: u64,
    /// --exclusive: an existing segment is an error, and is not touched.
    pub exclusive: bool,
    /// --hugetlb: System V SHM_HUGETLB, of the default huge page size or of one named.
    pub huge: Option<HugePages>,
    /// --noreserve: SHM_NORESERVE (no swap or huge pages set aside at creation).
    pub noreserve: bool,
}

/// The huge pages `--hugetlb` asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HugePages {
    /// The system's default huge page size (Hugepagesize in /proc/meminfo).
    Default,
    /// SHM_HUGE_2MB or SHM_HUGE_1GB: a page of this many bytes.
    Of(u64),
}

impl HugePages {
    /// `--hugetlb=2M|1G` (any spelling of those sizes), or `default` for a bare --hugetlb.
    pub fn parse(text: &str) -> Result<HugePages, String> {
        if text == "default" {
            return Ok(HugePages::Default);
        }
        match crate::core::parse::size(text)? {
            size @ (0x20_0000 | 0x4000_0000) => Ok(HugePages::Of(size)),
            _ => Err(format!(
                "'{text}' is not a huge page size: give 2M or 1G (or no size, for the default)"
            )),
        }
    }
}

/// Resolves the target to a segment, for `shm write` (`write`) or `shm read`. With `create`
/// (`--create --size` ...) a missing one is made with that mode and size, and an existing
/// one is used only if it has that size (and not at all with --exclusive).
pub fn open(target: &Target, write: bool, create: Option<Create>) -> Result<Box<dyn Segment>> {
    if let Some(Create { size: 0, .. }) = create {
        return Err(usage("--size 0: a segment holds at least 1 byte"));
    }
    let segment: Box<dyn Segment> = match target {
        Target::Posix(name) => Box::new(posix::PosixSegment::open(name, write, create)?),
        target => Box::new(sysv::SysvSegment::open(target, write, create)?),
    };
    if let Some(create) = create.filter(|_| !segment.created()) {
        same_size(segment.name(), segment.memory().len(), create.size)?;
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn huge_page_sizes() {
        assert_eq!(HugePages::parse("default"), Ok(HugePages::Default));
        assert_eq!(HugePages::parse("2M"), Ok(HugePages::Of(2 << 20)));
        assert_eq!(HugePages::parse("2MiB"), Ok(HugePages::Of(2 << 20)));
        assert_eq!(HugePages::parse("1G"), Ok(HugePages::Of(1 << 30)));
        assert!(HugePages::parse("4K")
            .unwrap_err()
            .contains("give 2M or 1G"));
        assert!(HugePages::parse("2MB").is_err());
        assert!(HugePages::parse("huge").is_err());
    }
}
