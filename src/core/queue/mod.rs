//! A message queue as `msg send` and `msg recv` use it, whatever its family: `Queue` sends,
//! receives, peeks and puts back, and names itself and its failures. System V queues
//! (msgget/msgsnd/msgrcv) are `sysv::SysvQueue`, POSIX ones (mq_open/mq_send/mq_receive)
//! `posix::PosixMq`; `open` picks the family from the target, and is, with the two checks
//! made before a queue is opened, the only place that tells them apart.

mod posix;
mod sysv;

use std::time::Duration;

use anyhow::Result;
use nix::errno::Errno;

use super::status::usage;
use super::target::Target;
use super::wait::{self, Wait};

/// The message buffer and the selection by type serve both families (a POSIX queue reads
/// into the buffer's text and selects nothing).
pub use super::sysv::msg::{MsgBuf, Select, MSGMAX_PATH, MSGMNB_PATH};

/// How to create a queue that does not exist (`--create`, `-m`, and the attributes only a
/// POSIX queue takes).
#[derive(Clone, Copy, Debug, Default)]
pub struct Create {
    pub create: bool,
    pub mode: Option<u32>,
    pub max_messages: Option<i64>,
    pub message_size: Option<i64>,
    /// --exclusive: an existing queue is an error, and is not touched (IPC_EXCL, O_EXCL).
    pub exclusive: bool,
    /// msg_qbytes of a System V queue this command creates.
    pub max_bytes: Option<u64>,
}

/// How long a message that could not be written waits for room to go back on a queue that
/// producers keep full, before it is given to stderr instead.
pub const PUT_BACK_WAIT: Duration = Duration::from_secs(1);

/// An open queue. Every "busy" outcome — a full queue for `send`, an empty one for
/// `receive` — is EAGAIN, whatever errno the family's call gave.
pub trait Queue {
    /// How messages name it: `msg queue key 0x…`, `POSIX message queue /NAME`.
    fn name(&self) -> &str;

    /// Whether the queue waits for a deadline itself (mq_timed*), or needs the alarm.
    fn timed(&self) -> bool;

    /// Whether the number with each message is a priority (POSIX) rather than a type.
    fn priorities(&self) -> bool;

    /// The largest message the queue takes: msgmax, or the POSIX queue's mq_msgsize.
    fn msgmax(&self) -> Result<usize>;

    /// That limit in words, for a message that exceeds it.
    fn msgmax_words(&self, msgmax: usize) -> String;

    /// For a sender: the queue's size in bytes, to refuse at once a message that could
    /// never fit (`u64::MAX` when unbounded or unknown), and the first size of the send
    /// buffer.
    fn send_sizes(&self, msgmax: usize) -> Result<(u64, usize)>;

    /// The first size of a receive buffer, which `receive` may grow up to `msgmax`.
    fn receive_capacity(&self, msgmax: usize) -> usize;

    /// Readies a message for `send`: a System V one is copied into `buf` (with its type,
    /// the buffer grown to fit) once, however many attempts it takes; its length there is
    /// returned. ENOMEM when the buffer cannot grow.
    fn load(&self, buf: &mut MsgBuf, mtype: i64, data: &[u8]) -> Result<usize, Errno>;

    /// Sends the message `load` readied: the `len` bytes in `buf` for System V, `data`
    /// with priority `mtype` for POSIX.
    fn send(
        &self,
        buf: &MsgBuf,
        len: usize,
        mtype: i64,
        data: &[u8],
        wait: Wait,
    ) -> Result<(), Errno>;

    /// Receives into `buf`: the message's type (priority) and length. A System V buffer
    /// grows to the message, up to `msgmax`; E2BIG when it is larger (and not `truncate`),
    /// ENOMEM when the buffer cannot grow.
    fn receive(
        &self,
        buf: &mut MsgBuf,
        msgmax: usize,
        select: Select,
        truncate: bool,
        wait: Wait,
    ) -> Result<(i64, usize), Errno>;

    /// Copies the message at `position` into `buf` without taking it (MSG_COPY), growing
    /// the buffer as `receive` does: its length, the type in the buffer. ENOMSG past the
    /// last message; ENOSYS where the kernel cannot.
    fn peek(
        &self,
        buf: &mut MsgBuf,
        msgmax: usize,
        position: u64,
        truncate: bool,
    ) -> Result<usize, Errno>;

    /// An errno from an operation on the open queue, in words.
    fn failure(&self, errno: Errno) -> anyhow::Error;

    /// Puts a message taken and not delivered back: at once if there is room, else waiting
    /// for room up to PUT_BACK_WAIT, whatever interrupts come meanwhile (producers may keep
    /// the queue full; a reader that is gone must not make the receiver wait for ever). On a
    /// POSIX queue it goes behind the messages of its priority; on a System V one to the
    /// end. The error says why, in words.
    fn put_back(&self, buf: &MsgBuf, mtype: i64, text: &[u8]) -> Result<(), String> {
        match wait::insistently(PUT_BACK_WAIT, self.timed(), |wait| {
            self.send(buf, text.len(), mtype, text, wait)
        }) {
            Ok(()) => Ok(()),
            Err(Errno::EAGAIN) => Err(format!(
                "it stayed full for {}",
                humantime::format_duration(PUT_BACK_WAIT)
            )),
            Err(other) => Err(super::errno_text(other)),
        }
    }
}

/// Resolves the target to a queue, creating it with --create (or for `private`). A POSIX
/// queue is opened for `send`, or for receiving and (to put messages back) sending.
pub fn open(target: &Target, create: &Create, send: bool) -> Result<Box<dyn Queue>> {
    match target {
        Target::Posix(name) => Ok(Box::new(posix::PosixMq::open(name, create, send)?)),
        target => Ok(Box::new(sysv::SysvQueue::open(target, create)?)),
    }
}

/// The highest POSIX priority plus one (MQ_PRIO_MAX on Linux).
const MQ_PRIO_MAX: i64 = 32768;

/// The type (priority) a message is sent with, checked before the queue is opened
/// (DESIGN §2): a System V type is 1 or more, default 1; a POSIX priority 0 or more,
/// default 0.
pub fn send_type(target: &Target, asked: Option<i64>) -> Result<i64> {
    let posix = matches!(target, Target::Posix(_));
    match (asked, posix) {
        (None, false) => Ok(1),
        (None, true) => Ok(0),
        (Some(0), false) => Err(usage(
            "-t 0: a System V message type is 1 or more (0 is a priority, for POSIX queues)",
        )),
        (Some(priority), true) if priority >= MQ_PRIO_MAX => Err(usage(format!(
            "-t {priority}: a POSIX priority is 0 to {} (MQ_PRIO_MAX)",
            MQ_PRIO_MAX - 1
        ))),
        (Some(mtype), _) => Ok(mtype),
    }
}

/// Refuses, before the queue is opened, what a receive from `target` cannot do: a POSIX
/// queue has one order (priority, then age) and one way to read, taking.
pub fn check_receive(target: &Target, select: Select, peek: bool, truncate: bool) -> Result<()> {
    let Target::Posix(name) = target else {
        return Ok(());
    };
    let why = if select.except || select.mtype != 0 {
        Some("-t and --except select by type; a POSIX queue always gives the oldest message of the highest priority")
    } else if peek {
        Some("--peek: a POSIX queue cannot be read without taking (mq_receive always takes)")
    } else if truncate {
        Some("--truncate: a POSIX queue holds no message longer than its message size (mq_msgsize), which is what is read")
    } else {
        None
    };
    match why {
        Some(why) => Err(usage(format!("{name}: {why}"))),
        None => Ok(()),
    }
}
