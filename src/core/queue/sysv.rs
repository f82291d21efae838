//! A System V message queue (msgget/msgsnd/msgrcv) as a `Queue`. msgsnd and msgrcv have no
//! timed variant: a deadline is the alarm of `wait::patiently`.

use anyhow::{anyhow, Result};
use nix::errno::Errno;

use super::{Create, Queue};
use crate::core::control::make_or_open;
use crate::core::ipcdata;
use crate::core::status::usage;
use crate::core::sysv::msg::{self, MsgBuf, Select, MSGMAX_PATH};
use crate::core::sysv::object::Address;
use crate::core::sysv::{describe, Kind, IPC_CREAT, IPC_EXCL, IPC_PRIVATE};
use crate::core::target::Target;
use crate::core::wait::Wait;

pub struct SysvQueue {
    msqid: i32,
    name: String,
    /// What the stat of a queue named by id said, read to name it: kept, so that `send`
    /// does not read it again for the queue's size.
    stat: Option<msg::Stat>,
}

impl SysvQueue {
    pub fn open(target: &Target, create: &Create) -> Result<SysvQueue> {
        let mode = create.mode.unwrap_or(0o600);
        if create.max_messages.is_some() || create.message_size.is_some() {
            return Err(usage(
                "--max-messages and --message-size are for POSIX queues (/NAME); a System V queue's size is msg_qbytes (msgmnb, /proc/sys/kernel/msgmnb)",
            ));
        }
        let address = Address::of(Kind::Msg, target)?;
        address.check_exclusive(Kind::Msg, create.exclusive)?;
        let (key, make) = match address {
            Address::Id(id) => {
                // The key names the queue in messages. On a kernel without MSG_STAT_ANY, a
                // sender to a write-only queue cannot read it; EACCES still proves the id
                // exists.
                let stat = match msg::stat_any(id) {
                    Ok(stat) => Some(stat),
                    Err(Errno::EACCES) => None,
                    Err(errno) => return Err(anyhow!("queue id:{id}: {}", Kind::Msg.why(errno))),
                };
                return Ok(SysvQueue {
                    msqid: id,
                    name: describe(Kind::Msg, stat.map(|stat| stat.key), Some(id)),
                    stat,
                });
            }
            Address::Private => (IPC_PRIVATE, true),
            Address::Key(key) => (key, create.create),
        };
        let made = if make {
            let flags = IPC_CREAT | IPC_EXCL | mode as i32;
            make_or_open(
                create.exclusive,
                || msg::get(key, flags),
                || msg::get(key, 0),
                |errno| errno,
            )
        } else {
            msg::get(key, 0).map(|id| (id, false))
        };
        let (msqid, created) = made.map_err(|errno| {
            let name = describe(Kind::Msg, Some(key), None);
            match errno {
                Errno::EEXIST => anyhow!("{name}: already exists (--exclusive)"),
                Errno::ENOENT => anyhow!("{name}: no such queue (--create makes it)"),
                Errno::ENOSPC => anyhow!(
                    "{name}: cannot create: the system's limit of queues is reached (msgmni, /proc/sys/kernel/msgmni)"
                ),
                other => anyhow!("{name}: {}", Kind::Msg.why(other)),
            }
        })?;
        if let Some(qbytes) = create.max_bytes.filter(|_| created) {
            if let Err(why) = crate::core::control::size_new_queue(msqid, mode, qbytes) {
                // A queue made for a send that did not happen is not left behind.
                let _ = msg::remove(msqid);
                let name = describe(Kind::Msg, (key != IPC_PRIVATE).then_some(key), None);
                return Err(anyhow!(
                    "{name}: cannot create it with --max-bytes {qbytes}: {why}"
                ));
            }
        }
        if key == IPC_PRIVATE {
            // DESIGN §1: the id of a new private queue goes to stderr, stdout being data.
            eprintln!("id:{msqid}");
        }
        Ok(SysvQueue {
            msqid,
            name: describe(Kind::Msg, (key != IPC_PRIVATE).then_some(key), Some(msqid)),
            stat: None,
        })
    }
}

impl Queue for SysvQueue {
    fn name(&self) -> &str {
        &self.name
    }

    fn timed(&self) -> bool {
        false
    }

    fn priorities(&self) -> bool {
        false
    }

    fn msgmax(&self) -> Result<usize> {
        // /proc/sys/kernel/msgmax, or IPC_INFO where /proc/sys is hidden (ipcdata decides,
        // as for `ls --limits`).
        Ok(usize::try_from(ipcdata::msgmax()?).unwrap_or(usize::MAX))
    }

    fn msgmax_words(&self, msgmax: usize) -> String {
        format!("msgmax {msgmax} ({MSGMAX_PATH})")
    }

    fn send_sizes(&self, msgmax: usize) -> Result<(u64, usize)> {
        // msgsnd would wait for ever for a message larger than the queue. Only a kernel
        // without MSG_STAT_ANY keeps a write-only queue's size from us (EACCES). The buffer
        // grows with the messages: msgmax alone may be far more than memory holds.
        let first = msgmax.min(msg::FIRST_CAPACITY);
        match self.stat.map_or_else(|| msg::stat_any(self.msqid), Ok) {
            Ok(stat) => Ok((stat.qbytes, first)),
            Err(Errno::EACCES) => Ok((u64::MAX, first)),
            Err(errno) => Err(self.failure(errno)),
        }
    }

    fn receive_capacity(&self, msgmax: usize) -> usize {
        // It starts small and grows to the message (E2BIG leaves the message queued).
        msgmax.min(msg::FIRST_CAPACITY)
    }

    fn load(&self, buf: &mut MsgBuf, mtype: i64, data: &[u8]) -> Result<usize, Errno> {
        buf.grow(data.len())?;
        Ok(buf.fill(mtype, data))
    }

    fn send(
        &self,
        buf: &MsgBuf,
        len: usize,
        _mtype: i64,
        _data: &[u8],
        wait: Wait,
    ) -> Result<(), Errno> {
        msg::send(self.msqid, buf, len, wait == Wait::No)
    }

    fn receive(
        &self,
        buf: &mut MsgBuf,
        msgmax: usize,
        select: Select,
        truncate: bool,
        wait: Wait,
    ) -> Result<(i64, usize), Errno> {
        let nowait = wait == Wait::No;
        match growing(buf, msgmax, truncate, |buf, truncate| {
            msg::recv(self.msqid, buf, select, nowait, truncate)
        }) {
            Ok(len) => Ok((buf.mtype(), len)),
            Err(Errno::ENOMSG) => Err(Errno::EAGAIN),
            Err(errno) => Err(errno),
        }
    }

    fn peek(
        &self,
        buf: &mut MsgBuf,
        msgmax: usize,
        position: u64,
        truncate: bool,
    ) -> Result<usize, Errno> {
        growing(buf, msgmax, truncate, |buf, truncate| {
            msg::peek(self.msqid, buf, position, truncate)
        })
    }

    fn failure(&self, errno: Errno) -> anyhow::Error {
        match errno {
            Errno::EIDRM => anyhow!("{}: removed while waiting", self.name),
            Errno::EINVAL => anyhow!("{}: no such queue (removed?)", self.name),
            other => anyhow!("{}: {}", self.name, Kind::Msg.why(other)),
        }
    }
}

/// Runs `receive(buf, truncate)` with a buffer that grows (doubling, up to `msgmax`) while
/// the message does not fit. System V says only E2BIG, and leaves the message queued; only
/// a buffer of msgmax bytes may cut a message (MSG_NOERROR, for --truncate). A buffer that
/// cannot grow is ENOMEM.
fn growing(
    buf: &mut MsgBuf,
    msgmax: usize,
    truncate: bool,
    mut receive: impl FnMut(&mut MsgBuf, bool) -> Result<usize, Errno>,
) -> Result<usize, Errno> {
    loop {
        let whole = buf.capacity() >= msgmax;
        match receive(buf, truncate && whole) {
            Err(Errno::E2BIG) if !whole => {
                let larger = buf
                    .capacity()
                    .saturating_mul(2)
                    .max(msg::FIRST_CAPACITY)
                    .min(msgmax);
                buf.grow(larger)?;
            }
            other => return other,
        }
    }
}
