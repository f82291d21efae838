//! A semaphore as `sem init/p/v/get` use it, whatever its family: `Semaphore` takes (P),
//! gives (V) and reads, and names itself and its failures; `init` creates one or, with
//! --force, sets the values of one that exists. A System V set (KEY, id:N, ftok:PATH,
//! private) is `sysv::SysvSet`; a POSIX named semaphore (`/NAME`) is `posix::Named`.
//! `open` and `init` pick the family from the target, and are the only places that tell
//! them apart.

mod posix;
mod sysv;

use anyhow::Result;
use nix::errno::Errno;

use super::target::Target;
use super::wait::Wait;

/// What `sem init` asks: the values (one per semaphore), the mode of a new object, and
/// whether an existing one's values are set (--force).
pub struct Init<'a> {
    pub values: &'a [u32],
    pub mode: u32,
    pub force: bool,
}

/// One semaphore's state, for `sem get`. The counts and the pid are none for a POSIX
/// semaphore, which does not record them, and when they were not asked for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Reading {
    pub value: i32,
    pub ncnt: Option<i32>,
    pub zcnt: Option<i32>,
    pub pid: Option<i32>,
}

/// What names the object in `sem get --json`: a System V set's key and id, a POSIX
/// semaphore's name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Identity {
    pub key: Option<String>,
    pub id: Option<i32>,
    pub name: Option<String>,
}

/// An open semaphore (a System V set, or one POSIX semaphore, index 0).
pub trait Semaphore {
    /// How messages name it: `semaphore set 0x… (id 3)`, `POSIX semaphore /NAME`.
    fn name(&self) -> String;

    /// Whether the kernel can give a slot back when the taker ends (SEM_UNDO).
    fn undoes(&self) -> bool;

    /// P: takes `count` from semaphore `index`, all of it or none, with the kernel's undo
    /// when `undo` (and `undoes`). A busy semaphore is EAGAIN, at once (`Wait::No`) or at
    /// the deadline; EINTR when a signal of ours interrupts the wait.
    fn take(&self, index: u16, count: u16, undo: bool, wait: Wait) -> Result<(), Errno>;

    /// Gives back what `take` took, when nothing else will (no undo): as far as it can.
    fn give_back(&self, index: u16, count: u16);

    /// V: gives `count` to semaphore `index`.
    fn give(&self, index: u16, count: u16) -> Result<()>;

    /// What a P takes, in words: `2 from semaphore 1`, or `2`.
    fn taking(&self, index: u16, count: u16) -> String;

    /// The current value of one semaphore, for a message ("?" if it cannot be read).
    fn value_text(&self, index: u16) -> String;

    /// Why a P failed, in words.
    fn failure(&self, errno: Errno, index: u16) -> anyhow::Error;

    /// Every semaphore's value, in index order; with `detail`, also its waiters and last
    /// pid where the family records them.
    fn read(&self, detail: bool) -> Result<Vec<Reading>>;

    fn identity(&self) -> Identity;
}

/// The existing semaphore `target` names; with an index (`-n`), one that it has.
pub fn open(target: &Target, index: Option<u16>) -> Result<Box<dyn Semaphore>> {
    match target {
        Target::Posix(name) => Ok(Box::new(posix::Named::open(name, index)?)),
        target => Ok(Box::new(sysv::SysvSet::open(target, index)?)),
    }
}

/// Creates the semaphore `target` names with its values, so that nobody uses it before
/// they are in; with --force, sets the values of one that exists.
pub fn init(target: &Target, init: &Init) -> Result<()> {
    match target {
        Target::Posix(name) => posix::init(name, init),
        target => sysv::init(target, init),
    }
}
