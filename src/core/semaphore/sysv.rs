//! A System V semaphore set (semget/semop/semtimedop/semctl) as a `Semaphore`: a P waits
//! with semtimedop, and a slot taken with SEM_UNDO is given back by the kernel when the
//! process ends, however it ends.

use std::time::{Duration, SystemTime};

use anyhow::{anyhow, Result};
use nix::errno::Errno;

use super::{ops_text, Identity, Init, Op, Reading, Semaphore};
use crate::core::ipcdata::sem_limits;
use crate::core::status::usage;
use crate::core::sysv::object::{Address, Object};
use crate::core::sysv::sem::{self, SemOp, SemSet, IPC_NOWAIT, SEMVMX, SEM_UNDO};
use crate::core::sysv::{Kind, IPC_CREAT, IPC_EXCL, IPC_PRIVATE};
use crate::core::target::Target;
use crate::core::wait::Wait;

/// How long a losing `init` waits for the winner to mark the set initialised, counted from
/// the set's creation (sem_ctime), so an old set that was never marked is reported at once.
const INIT_WAIT_SECS: i64 = 3;

/// A set that exists, and how to name it.
pub struct SysvSet {
    object: Object,
    set: SemSet,
}

impl SysvSet {
    /// The set `target` names; with an index, checked against its size.
    pub fn open(target: &Target, index: Option<u16>) -> Result<SysvSet> {
        let address = Address::of(Kind::Sem, target)?;
        let (object, set) = match index {
            Some(index) => find_index(address, index)?,
            None => find(address)?,
        };
        Ok(SysvSet { object, set })
    }
}

impl Semaphore for SysvSet {
    fn name(&self) -> String {
        self.object.to_string()
    }

    fn undoes(&self) -> bool {
        true
    }

    fn take(&self, index: u16, count: u16, undo: bool, wait: Wait) -> Result<(), Errno> {
        let delta = -(count as i16);
        self.apply(&[Op { index, delta }], undo, wait)
    }

    fn give_back(&self, index: u16, count: u16) {
        let back = SemOp {
            index,
            delta: count as i16,
            flags: 0,
        };
        let _ = self.set.op(&[back]);
    }

    fn give(&self, index: u16, count: u16) -> Result<()> {
        let give = SemOp {
            index,
            delta: count as i16,
            flags: 0,
        };
        self.set
            .op(&[give])
            .map_err(|errno| op_why(&self.object, &self.set, errno, index, 1))
    }

    fn taking(&self, index: u16, count: u16) -> String {
        format!("{count} from semaphore {index}")
    }

    fn value_text(&self, index: u16) -> String {
        value_of(&self.set, index)
    }

    fn failure(&self, errno: Errno, index: u16) -> anyhow::Error {
        op_why(&self.object, &self.set, errno, index, 1)
    }

    fn read(&self, detail: bool) -> Result<Vec<Reading>> {
        let (object, set) = (&self.object, &self.set);
        let failed = |errno| object.error(Kind::Sem.why(errno));
        let values = set.getall().map_err(failed)?;
        let mut readings = Vec::with_capacity(values.len());
        for (index, value) in values.into_iter().enumerate() {
            let mut reading = Reading {
                value: i32::from(value),
                ncnt: None,
                zcnt: None,
                pid: None,
            };
            if detail {
                reading.ncnt = Some(set.ncnt(index).map_err(failed)?);
                reading.zcnt = Some(set.zcnt(index).map_err(failed)?);
                reading.pid = Some(set.pid(index).map_err(failed)?);
            }
            readings.push(reading);
        }
        Ok(readings)
    }

    fn identity(&self) -> Identity {
        Identity {
            key: Some(crate::core::target::key_hex(self.object.key)),
            id: Some(self.object.id),
            name: None,
        }
    }

    /// Each index against the set's size. semopm is the kernel's own check (E2BIG, before
    /// it does anything), named by `apply_failure`: reading /proc/sys/kernel/sem here
    /// would cost every `sem op` what the kernel checks for free.
    fn check_ops(&self, ops: &[Op]) -> Result<()> {
        for op in ops {
            check_index(&self.object, &self.set, op.index)?;
        }
        Ok(())
    }

    fn apply(&self, ops: &[Op], undo: bool, wait: Wait) -> Result<(), Errno> {
        let flags = if undo { SEM_UNDO } else { 0 };
        let mut sops: Vec<SemOp> = ops
            .iter()
            .map(|op| SemOp {
                index: op.index,
                delta: op.delta,
                flags,
            })
            .collect();
        match wait {
            Wait::Block => self.set.op(&sops),
            Wait::No => {
                for sop in &mut sops {
                    sop.flags |= IPC_NOWAIT;
                }
                self.set.op(&sops)
            }
            Wait::Until(at) => match at.duration_since(SystemTime::now()) {
                Ok(left) if !left.is_zero() => self.set.timed_op(&sops, left),
                _ => Err(Errno::EAGAIN),
            },
        }
    }

    fn apply_failure(&self, errno: Errno, ops: &[Op]) -> anyhow::Error {
        match errno {
            // Which semaphore would pass semvmx: the first give that does, counting the
            // operations before it in the same call.
            Errno::ERANGE => {
                let values = self.set.getall().unwrap_or_default();
                let mut after: Vec<i64> = values.iter().map(|&v| i64::from(v)).collect();
                let over = ops.iter().find(|op| {
                    after.get_mut(usize::from(op.index)).is_some_and(|v| {
                        *v += i64::from(op.delta);
                        *v > i64::from(SEMVMX)
                    })
                });
                match over {
                    Some(op) => self.object.error(format!(
                        "{}: semaphore {} is {}: it would pass semvmx {SEMVMX}, the largest value a semaphore holds",
                        ops_text(ops),
                        op.index,
                        value_of(&self.set, op.index)
                    )),
                    None => op_why(&self.object, &self.set, errno, ops[0].index, ops.len()),
                }
            }
            _ => op_why(
                &self.object,
                &self.set,
                errno,
                ops.first().map_or(0, |op| op.index),
                ops.len(),
            ),
        }
    }

    fn set_value(&self, index: u16, value: u32) -> Result<()> {
        let value = sysv_value(value)?;
        check_index(&self.object, &self.set, index)?;
        self.set.setval(index, value).map_err(|errno| {
            self.object.error(format!(
                "cannot set semaphore {index}: {}",
                Kind::Sem.why(errno)
            ))
        })
    }
}

/// `sem init` of a System V set: created with IPC_EXCL and marked initialised, or with
/// --force an existing one's values replaced.
pub fn init(target: &Target, init: &Init) -> Result<()> {
    let address = Address::of(Kind::Sem, target)?;
    let values = sysv_values(init.values)?;
    let nsems = values.len();
    let key = match address {
        Address::Key(key) => key,
        Address::Private => IPC_PRIVATE,
        Address::Id(_) if init.force => return force(address, &values),
        Address::Id(_) => {
            return Err(usage(
                "id:N names a set that exists: add --force to set its values, or give a KEY to create one",
            ))
        }
    };
    let flags = IPC_CREAT | IPC_EXCL | init.mode as i32;
    let semid = match sem::get(key, i32::try_from(nsems).unwrap_or(i32::MAX), flags) {
        Ok(semid) => semid,
        Err(Errno::EEXIST) if init.force => return force(address, &values),
        Err(Errno::EEXIST) => return exists(address),
        Err(errno) => {
            return Err(anyhow!(
                "{}: cannot create {}: {}",
                address.describe(Kind::Sem),
                count_of(nsems),
                create_why(errno, nsems)
            ))
        }
    };
    let object = Object {
        kind: Kind::Sem,
        key,
        id: semid,
    };
    let set = SemSet { semid, nsems };
    if let Err(err) = initialise(&object, &set, &values) {
        // Nobody can have used a set that was never marked initialised; leave none behind.
        let _ = sem::remove(semid);
        return Err(err);
    }
    if address == Address::Private {
        eprintln!("id:{semid}");
    }
    Ok(())
}

fn find(address: Address) -> Result<(Object, SemSet)> {
    // An id is found by its stat, which also has the size: kept, so it is read once.
    let size = std::cell::Cell::new(None);
    let object = Object::find(
        Kind::Sem,
        address,
        |key| sem::get(key, 0, 0),
        |id| {
            sem::stat_any(id).map(|stat| {
                size.set(Some(stat.nsems));
                stat.key
            })
        },
    )?;
    let set = match size.get() {
        Some(nsems) => SemSet {
            semid: object.id,
            nsems,
        },
        None => SemSet::open(object.id).map_err(|errno| object.error(Kind::Sem.why(errno)))?,
    };
    Ok((object, set))
}

/// The set a P, V or get names, and the index checked against its size.
fn find_index(address: Address, index: u16) -> Result<(Object, SemSet)> {
    let (object, set) = find(address)?;
    check_index(&object, &set, index)?;
    Ok((object, set))
}

/// An index the set has, or an error naming the ones it has.
fn check_index(object: &Object, set: &SemSet, index: u16) -> Result<()> {
    if usize::from(index) >= set.nsems {
        let indices = match set.nsems {
            1 => "index 0".to_string(),
            n => format!("index 0 to {}", n.saturating_sub(1)),
        };
        return Err(object.error(format!(
            "index {index} is out of range: it has {} ({indices})",
            count_of(set.nsems)
        )));
    }
    Ok(())
}

fn count_of(nsems: usize) -> String {
    match nsems {
        1 => "1 semaphore".into(),
        n => format!("{n} semaphores"),
    }
}

/// The current value of one semaphore, for a message ("?" if it cannot be read).
fn value_of(set: &SemSet, index: u16) -> String {
    set.getall()
        .ok()
        .and_then(|values| values.get(usize::from(index)).copied())
        .map_or_else(|| "?".to_string(), |value| value.to_string())
}

/// Why a semop failed, naming the limit that was hit and where it is set.
fn op_why(object: &Object, set: &SemSet, errno: Errno, index: u16, nops: usize) -> anyhow::Error {
    match errno {
        Errno::ERANGE => object.error(format!(
            "semaphore {index} is {}: the change would take it past semvmx {SEMVMX}, the largest value a semaphore holds",
            value_of(set, index)
        )),
        Errno::E2BIG => {
            let semopm = sem_limits().map_or_else(|_| "?".into(), |l| l.semopm.to_string());
            object.error(format!(
                "a semop of {nops} operation{} exceeds semopm {semopm} (/proc/sys/kernel/sem, third field)",
                if nops == 1 { "" } else { "s" }
            ))
        }
        Errno::EIDRM => object.error("the set was removed while waiting"),
        Errno::EFBIG => object.error(format!("index {index} is out of range")),
        other => object.error(Kind::Sem.why(other)),
    }
}

/// The values of a System V set, each at most semvmx.
fn sysv_values(values: &[u32]) -> Result<Vec<u16>> {
    values.iter().map(|&value| sysv_value(value)).collect()
}

/// A value a System V semaphore holds: at most semvmx.
fn sysv_value(value: u32) -> Result<u16> {
    match u16::try_from(value) {
        Ok(value) if value <= SEMVMX => Ok(value),
        _ => Err(usage(format!(
            "{value} is more than semvmx {SEMVMX}, the largest value a System V semaphore holds"
        ))),
    }
}

/// SETALL, then one semop that changes nothing, so that sem_otime — which SETALL leaves
/// at 0 — shows other processes the set is ready (Stevens, UNP vol. 2, §11.2). The semop
/// nets zero, so initialisers racing on one set (a creator and `--force`, or two `--force`)
/// all leave exactly the values given.
fn initialise(object: &Object, set: &SemSet, values: &[u16]) -> Result<()> {
    set.setall(values).map_err(|errno| {
        object.error(format!("cannot set its values: {}", Kind::Sem.why(errno)))
    })?;
    mark(set).map_err(|errno| op_why(object, set, errno, 0, 2))
}

/// Sets sem_otime with a semop that nets zero on semaphore 0 and never waits: give one and
/// take it back, which fits any value but semvmx (ERANGE), where taking one and giving it
/// back fits instead. Both need only alter permission, like the SETALL before them.
fn mark(set: &SemSet) -> Result<(), Errno> {
    let op = |delta| SemOp {
        index: 0,
        delta,
        flags: IPC_NOWAIT,
    };
    loop {
        match set.op(&[op(1), op(-1)]) {
            Err(Errno::ERANGE) => {}
            done => return done,
        }
        // At semvmx a moment ago; EAGAIN only if others took it all the way to 0 since.
        match set.op(&[op(-1), op(1)]) {
            Err(Errno::EAGAIN) => {}
            done => return done,
        }
    }
}

/// `--force` on an existing set: its values are replaced (their number must match).
fn force(address: Address, values: &[u16]) -> Result<()> {
    let (object, set) = find(address)?;
    if set.nsems != values.len() {
        return Err(object.error(format!(
            "it has {}, not {}; remove it (ipcx rm sem {}) to make it anew",
            count_of(set.nsems),
            values.len(),
            match address {
                Address::Id(id) => format!("id:{id}"),
                _ => crate::core::target::key_hex(object.key),
            }
        )));
    }
    initialise(&object, &set, values)
}

/// The loser of a race to create: once the winner has marked the set initialised, say that
/// it exists, so nothing uses the set before its values are in.
fn exists(address: Address) -> Result<()> {
    let (object, set) = find(address)?;
    loop {
        let stat = set
            .stat()
            .map_err(|errno| object.error(Kind::Sem.why(errno)))?;
        if stat.otime != 0 {
            return Err(object.error("already exists (--force sets its values)"));
        }
        if crate::core::timestamps::now().saturating_sub(stat.ctime) >= INIT_WAIT_SECS {
            return Err(object.error(
                "already exists, and was never marked initialised (sem_otime is 0): another program \
                 made it, or its creator died before setting it up; --force sets its values",
            ));
        }
        std::thread::sleep(Duration::from_millis(5));
    }
}

fn create_why(errno: Errno, nsems: usize) -> String {
    let limits = sem_limits().ok();
    match (errno, limits) {
        (Errno::EINVAL, Some(limits)) if i64::try_from(nsems).unwrap_or(i64::MAX) > i64::from(limits.semmsl) => format!(
            "{nsems} semaphores exceed semmsl {} (/proc/sys/kernel/sem, first field)",
            limits.semmsl
        ),
        (Errno::ENOSPC, Some(limits)) => format!(
            "the limit of semmni {} sets or semmns {} semaphores is reached (/proc/sys/kernel/sem, fourth and second fields)",
            limits.semmni, limits.semmns
        ),
        (other, _) => Kind::Sem.why(other),
    }
}
