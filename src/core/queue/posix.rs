//! A POSIX message queue (mq_open/mq_send/mq_receive) as a `Queue`. mq_timedsend and
//! mq_timedreceive wait for a deadline themselves.

use anyhow::{anyhow, Result};
use nix::errno::Errno;

use super::{Create, Queue};
use crate::core::kind::{describe_name, Kind};
use crate::core::posix::mq::{self as pmq, PosixQueue, MSGSIZE_MAX_FILE, MSG_MAX_FILE};
use crate::core::sysv::msg::{MsgBuf, Select};
use crate::core::wait::Wait;

pub struct PosixMq {
    queue: PosixQueue,
    name: String,
}

impl PosixMq {
    pub fn open(name: &str, create: &Create, send: bool) -> Result<PosixMq> {
        let label = describe_name(Kind::Mq, name);
        let attributes = create.create.then(|| pmq::Create {
            mode: create.mode.unwrap_or(0o600),
            max_messages: create.max_messages,
            message_size: create.message_size,
        });
        if create.max_bytes.is_some() {
            return Err(crate::core::status::usage(format!(
                "{name}: --max-bytes is a System V queue's msg_qbytes; a POSIX queue holds --max-messages of --message-size"
            )));
        }
        let opened = match PosixQueue::open_as(name, true, !send, attributes, create.exclusive) {
            // A receiver that may only read still receives; it just cannot put messages back.
            Err(Errno::EACCES) if !send => PosixQueue::open(name, false, true, None),
            other => other,
        };
        let queue = opened.map_err(|errno| {
            let why = match errno {
                Errno::ENOENT => "no such queue (--create makes it)".to_string(),
                Errno::EEXIST => "already exists (--exclusive)".to_string(),
                Errno::EINVAL if attributes.is_some() => create_limits_why(create),
                Errno::ENOSPC => "cannot create: the system's limit of queues is reached (queues_max, /proc/sys/fs/mqueue/queues_max)".into(),
                Errno::EMFILE => "cannot create: the queues of this user would exceed RLIMIT_MSGQUEUE bytes (ulimit -q), or too many are open".into(),
                Errno::ENOSYS => "POSIX message queues are not available in this kernel (CONFIG_POSIX_MQUEUE)".into(),
                other => Kind::Mq.why(other),
            };
            anyhow!("{label}: {why}")
        })?;
        Ok(PosixMq { queue, name: label })
    }
}

/// Why mq_open refused the attributes: a limit of /proc/sys/fs/mqueue, named.
fn create_limits_why(create: &Create) -> String {
    let over = |asked: Option<i64>, file: &str, flag: &str| -> Option<String> {
        let limit_name = file.rsplit('/').next().unwrap_or(file);
        let limit = pmq::limit(limit_name)?;
        let asked = asked?;
        (asked > limit)
            .then(|| format!("cannot create: {flag} {asked} exceeds {limit_name} {limit} ({file})"))
    };
    over(create.max_messages, MSG_MAX_FILE, "--max-messages")
        .or_else(|| over(create.message_size, MSGSIZE_MAX_FILE, "--message-size"))
        .unwrap_or_else(|| {
            format!(
                "cannot create: the kernel refused its attributes (limits: {MSG_MAX_FILE}, {MSGSIZE_MAX_FILE})"
            )
        })
}

/// mq_timed* say "still full/empty at the deadline" with ETIMEDOUT; a `Queue` says EAGAIN.
fn busy(errno: Errno) -> Errno {
    match errno {
        Errno::ETIMEDOUT => Errno::EAGAIN,
        other => other,
    }
}

impl Queue for PosixMq {
    fn name(&self) -> &str {
        &self.name
    }

    fn timed(&self) -> bool {
        true
    }

    fn priorities(&self) -> bool {
        true
    }

    fn msgmax(&self) -> Result<usize> {
        Ok(self.queue.msgsize)
    }

    fn msgmax_words(&self, msgmax: usize) -> String {
        format!(
            "the queue's message size {msgmax} (mq_msgsize, set by --create --message-size; at most msgsize_max, {MSGSIZE_MAX_FILE})"
        )
    }

    fn send_sizes(&self, _msgmax: usize) -> Result<(u64, usize)> {
        // mq_send takes the bytes where they are, and mq_msgsize is the only bound.
        Ok((u64::MAX, 0))
    }

    fn receive_capacity(&self, msgmax: usize) -> usize {
        // mq_receive refuses a buffer smaller than mq_msgsize.
        msgmax
    }

    fn load(&self, _buf: &mut MsgBuf, _mtype: i64, data: &[u8]) -> Result<usize, Errno> {
        Ok(data.len())
    }

    fn send(
        &self,
        _buf: &MsgBuf,
        _len: usize,
        mtype: i64,
        data: &[u8],
        wait: Wait,
    ) -> Result<(), Errno> {
        let priority = u32::try_from(mtype).map_err(|_| Errno::EINVAL)?;
        self.queue.send(data, priority, wait).map_err(busy)
    }

    fn receive(
        &self,
        buf: &mut MsgBuf,
        _msgmax: usize,
        _select: Select,
        _truncate: bool,
        wait: Wait,
    ) -> Result<(i64, usize), Errno> {
        let (len, priority) = self.queue.receive(buf.text_mut(), wait).map_err(busy)?;
        Ok((i64::from(priority), len))
    }

    fn peek(
        &self,
        _buf: &mut MsgBuf,
        _msgmax: usize,
        _position: u64,
        _truncate: bool,
    ) -> Result<usize, Errno> {
        // mq_receive always takes; `check_receive` refuses --peek before the queue opens.
        Err(Errno::EOPNOTSUPP)
    }

    fn failure(&self, errno: Errno) -> anyhow::Error {
        anyhow!("{}: {}", self.name, Kind::Mq.why(errno))
    }
}
