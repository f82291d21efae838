//! A semaphore as `sem init/p/v/get` use it, whatever its family: `Semaphore` takes (P),
//! gives (V) and reads, and names itself and its failures; `init` creates one or, with
//! --force, sets the values of one that exists. A System V set (KEY, id:N, ftok:PATH,
//! private) is `sysv::SysvSet`; a POSIX named semaphore (`/NAME`) is `posix::Named`.
//! `open` and `init` pick the family from the target, and are the only places that tell
//! them apart.

mod posix;
mod sysv;

use std::fmt;

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

/// One operation of `sem op`, as semop(2) takes it: take (`INDEX-N`, delta -N), give
/// (`INDEX+N`, delta N) or wait until zero (`INDEX=0`, delta 0).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Op {
    pub index: u16,
    pub delta: i16,
}

/// The largest N of an `INDEX-N` or `INDEX+N`: semvmx, the largest value a semaphore holds.
const OP_MAX: u16 = crate::core::sysv::sem::SEMVMX;

impl Op {
    /// `INDEX-N`, `INDEX+N` or `INDEX=0`, N from 1 to semvmx.
    pub fn parse(text: &str) -> Result<Op, String> {
        let forms = "write INDEX-N (take N), INDEX+N (give N) or INDEX=0 (wait until zero)";
        let Some(at) = text.find(['-', '+', '=']) else {
            return Err(format!("'{text}' is not an operation: {forms}"));
        };
        let (index, sign, count) = (&text[..at], &text[at..at + 1], &text[at + 1..]);
        let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        let index: u16 = index
            .parse()
            .ok()
            .filter(|_| digits(index))
            .ok_or_else(|| format!("'{text}': '{index}' is not a semaphore index: {forms}"))?;
        // Too many digits for a u64 is still more than semvmx.
        if !digits(count) {
            return Err(format!("'{text}': '{count}' is not a count: {forms}"));
        }
        let count: u64 = count.parse().unwrap_or(u64::MAX);
        match (sign, count) {
            ("=", 0) => Ok(Op { index, delta: 0 }),
            ("=", _) => Err(format!(
                "'{text}': only INDEX=0 (wait until zero) is an operation; to set a value use `ipcx sem set TARGET -n {index} {count}`"
            )),
            (_, 0) => Err(format!(
                "'{text}': a count of 0 would wait for zero; write {index}=0 for that"
            )),
            (_, count) if count > u64::from(OP_MAX) => Err(format!(
                "'{text}': {count} is more than semvmx {OP_MAX}, the largest value a semaphore holds"
            )),
            (sign, count) => {
                let count = count as i16;
                Ok(Op {
                    index,
                    delta: if sign == "-" { -count } else { count },
                })
            }
        }
    }

    /// The operation that undoes this one (a wait for zero undoes to itself).
    pub fn inverse(self) -> Op {
        Op {
            delta: -self.delta,
            ..self
        }
    }
}

impl fmt::Display for Op {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.delta {
            0 => write!(f, "{}=0", self.index),
            d if d < 0 => write!(f, "{}-{}", self.index, d.unsigned_abs()),
            d => write!(f, "{}+{d}", self.index),
        }
    }
}

/// OPs as the command line spells them: `0-1 1+1`.
pub fn ops_text(ops: &[Op]) -> String {
    ops.iter().map(Op::to_string).collect::<Vec<_>>().join(" ")
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

    /// Checks `sem op`'s operations against the object before any is tried: each index
    /// in range (more of them than semopm is the kernel's E2BIG, named by `apply_failure`).
    fn check_ops(&self, ops: &[Op]) -> Result<()>;

    /// `sem op`: the operations in one call, all of them or none; with the kernel's undo
    /// when `undo` (and `undoes`). Busy is EAGAIN, at once (`Wait::No`) or at the deadline;
    /// EINTR when a signal of ours interrupts the wait.
    fn apply(&self, ops: &[Op], undo: bool, wait: Wait) -> Result<(), Errno>;

    /// Why `apply` failed, in words, naming the limit hit and where it is set.
    fn apply_failure(&self, errno: Errno, ops: &[Op]) -> anyhow::Error;

    /// `sem set`: semaphore `index` to `value`, the others left as they are.
    fn set_value(&self, index: u16, value: u32) -> Result<()>;
}

/// The existing semaphore `target` names; with an index (`-n`), one that it has.
pub fn open(target: &Target, index: Option<u16>) -> Result<Box<dyn Semaphore>> {
    match target {
        Target::Posix(name) => Ok(Box::new(posix::Named::open(name, index)?)),
        target => Ok(Box::new(sysv::SysvSet::open(target, index)?)),
    }
}

/// The existing semaphore `target` names, for `sem op OPS`: operations a POSIX semaphore
/// cannot do are refused (usage) before it is opened, the rest checked once it is.
pub fn open_for(target: &Target, ops: &[Op]) -> Result<Box<dyn Semaphore>> {
    let sem: Box<dyn Semaphore> = match target {
        Target::Posix(name) => {
            posix::check_ops(name, ops)?;
            Box::new(posix::Named::open(name, None)?)
        }
        target => Box::new(sysv::SysvSet::open(target, None)?),
    };
    sem.check_ops(ops)?;
    Ok(sem)
}

/// Creates the semaphore `target` names with its values, so that nobody uses it before
/// they are in; with --force, sets the values of one that exists.
pub fn init(target: &Target, init: &Init) -> Result<()> {
    match target {
        Target::Posix(name) => posix::init(name, init),
        target => sysv::init(target, init),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ops_parse_and_print() {
        assert_eq!(
            Op::parse("0-1"),
            Ok(Op {
                index: 0,
                delta: -1
            })
        );
        assert_eq!(
            Op::parse("3+32767"),
            Ok(Op {
                index: 3,
                delta: 32767
            })
        );
        assert_eq!(Op::parse("1=0"), Ok(Op { index: 1, delta: 0 }));
        for text in ["0-1", "12+5", "2=0"] {
            assert_eq!(Op::parse(text).unwrap().to_string(), text);
        }
        assert!(Op::parse("1=2").unwrap_err().contains("sem set"));
        assert!(Op::parse("0-0").unwrap_err().contains("write 0=0"));
        assert!(Op::parse("0-32768").unwrap_err().contains("semvmx 32767"));
        assert!(Op::parse("x-1")
            .unwrap_err()
            .contains("not a semaphore index"));
        assert!(Op::parse("-1")
            .unwrap_err()
            .contains("not a semaphore index"));
        assert!(Op::parse("0-").unwrap_err().contains("not a count"));
        assert!(Op::parse("0-+1").unwrap_err().contains("not a count"));
        assert!(Op::parse("70000-1").is_err());
        assert!(Op::parse("5").unwrap_err().contains("is not an operation"));
        assert_eq!(
            ops_text(&[
                Op {
                    index: 0,
                    delta: -1
                },
                Op { index: 1, delta: 1 }
            ]),
            "0-1 1+1"
        );
    }
}
