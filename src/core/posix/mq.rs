//! POSIX message queues (mq_overview(7)): open or create by name, send and receive with
//! a priority, without waiting, until a deadline, or blocking until a signal interrupts.

use std::ffi::CString;
use std::os::fd::AsRawFd;

use nix::errno::Errno;
use nix::mqueue::{
    mq_getattr, mq_open, mq_receive, mq_send, mq_timedreceive, MQ_OFlag, MqAttr, MqdT,
};
use nix::sys::stat::Mode;

use super::Wait;
use crate::core::control::make_or_open;

/// Where the per-queue limits are set, for error messages.
pub const MSG_MAX_FILE: &str = "/proc/sys/fs/mqueue/msg_max";
pub const MSGSIZE_MAX_FILE: &str = "/proc/sys/fs/mqueue/msgsize_max";

/// What to do when the queue does not exist.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Create {
    pub mode: u32,
    /// mq_maxmsg and mq_msgsize; the kernel's defaults (/proc/sys/fs/mqueue/*_default)
    /// when not given.
    pub max_messages: Option<i64>,
    pub message_size: Option<i64>,
}

/// An open POSIX queue, closed when dropped.
pub struct PosixQueue {
    mqd: MqdT,
    /// The largest message this queue holds (mq_msgsize): the receive buffer's size.
    pub msgsize: usize,
}

impl PosixQueue {
    /// Opens `/NAME` for sending, receiving or both, creating it when `create` says so.
    pub fn open(
        name: &str,
        send: bool,
        receive: bool,
        create: Option<Create>,
    ) -> Result<PosixQueue, Errno> {
        PosixQueue::open_as(name, send, receive, create, false)
    }

    /// As `open`; with `exclusive`, an existing queue is EEXIST and is not opened.
    pub fn open_as(
        name: &str,
        send: bool,
        receive: bool,
        create: Option<Create>,
        exclusive: bool,
    ) -> Result<PosixQueue, Errno> {
        let cname = CString::new(name).map_err(|_| Errno::EINVAL)?;
        let access = match (send, receive) {
            (true, true) => MQ_OFlag::O_RDWR,
            (true, false) => MQ_OFlag::O_WRONLY,
            _ => MQ_OFlag::O_RDONLY,
        };
        let mqd = match create {
            None => mq_open(cname.as_c_str(), access, Mode::empty(), None)?,
            Some(create) => {
                // Always with attributes: nix's mq_open without them calls the two-argument
                // form even with O_CREAT, so the kernel would read a garbage mode and
                // attributes.
                let attr = MqAttr::new(
                    0,
                    create
                        .max_messages
                        .or_else(|| limit("msg_default"))
                        .unwrap_or(10),
                    create
                        .message_size
                        .or_else(|| limit("msgsize_default"))
                        .unwrap_or(8192),
                    0,
                );
                let mode = Mode::from_bits_truncate(create.mode as libc::mode_t);
                let make = || {
                    let flags = access | MQ_OFlag::O_CREAT | MQ_OFlag::O_EXCL;
                    mq_open(cname.as_c_str(), flags, mode, Some(&attr)).inspect(|mqd| {
                        // mq_open applies the umask; the mode asked for is the mode given.
                        let _ = nix::sys::stat::fchmod(mqd, mode);
                    })
                };
                let open = || mq_open(cname.as_c_str(), access, Mode::empty(), None);
                make_or_open(exclusive, make, open, |errno| errno)?.0
            }
        };
        let attr = mq_getattr(&mqd)?;
        Ok(PosixQueue {
            msgsize: usize::try_from(attr.msgsize()).unwrap_or(0),
            mqd,
        })
    }

    /// mq_send / mq_timedsend. A full queue is ETIMEDOUT with `Wait::No` or after the
    /// deadline, EINTR when a signal interrupts a blocked send; EMSGSIZE when the message
    /// is larger than mq_msgsize.
    pub fn send(&self, message: &[u8], priority: u32, wait: Wait) -> Result<(), Errno> {
        match wait.deadline() {
            None => mq_send(&self.mqd, message, priority),
            Some(deadline) => {
                // SAFETY: the pointer and length describe `message`, which outlives the
                // call; `deadline` is a valid timespec; the descriptor is open.
                Errno::result(unsafe {
                    libc::mq_timedsend(
                        self.mqd.as_raw_fd(),
                        message.as_ptr().cast(),
                        message.len(),
                        priority,
                        deadline.as_ref(),
                    )
                })
                .map(drop)
            }
        }
    }

    /// mq_receive / mq_timedreceive into `buf` (at least `msgsize` long): the length and
    /// priority of the oldest message of the highest priority.
    pub fn receive(&self, buf: &mut [u8], wait: Wait) -> Result<(usize, u32), Errno> {
        let mut priority = 0;
        let len = match wait.deadline() {
            None => mq_receive(&self.mqd, buf, &mut priority)?,
            Some(deadline) => mq_timedreceive(&self.mqd, buf, &mut priority, &deadline)?,
        };
        Ok((len, priority))
    }
}

impl Drop for PosixQueue {
    fn drop(&mut self) {
        // nix's MqdT does not close itself. SAFETY: the descriptor is ours and open, and
        // nothing uses it after this.
        unsafe { libc::mq_close(self.mqd.as_raw_fd()) };
    }
}

/// A number from /proc/sys/fs/mqueue: a limit (`msg_max`, `msgsize_max`) or a default.
pub fn limit(name: &str) -> Option<i64> {
    let [value] = crate::core::procfs::read_sys(format!("/proc/sys/fs/mqueue/{name}")).ok()?;
    Some(value)
}
