//! `ipcx msg send` and `ipcx msg recv`: messages between the shell and a System V or
//! POSIX queue.
//!
//! Both stream: one msgsnd/msgrcv (mq_send/mq_receive) per message into one reusable
//! buffer. A receiver buffers its output and flushes it before it blocks, so `--follow` is
//! prompt; every message in that buffer is remembered with its type (priority) until
//! written, so one that cannot be written is put back on the queue (DESIGN §3, nothing is
//! lost). The two families differ only inside `Queue`: how to open, send, receive and name.

use std::io::Read;
use std::os::fd::AsFd;
use std::time::Duration;

use anyhow::{anyhow, Context, Result};
use base64::Engine as _;
use nix::errno::Errno;
use serde::Serialize;

use crate::cli::msg::{CreateArgs, MsgArgs, MsgCommand, RecvArgs, SendArgs};
use crate::core::posix::mq::{self as pmq, PosixQueue, MSGSIZE_MAX_FILE, MSG_MAX_FILE};
use crate::core::posix::Wait;
use crate::core::procfs;
use crate::core::signals;
use crate::core::status::{not_now, say, usage, Fail, BROKEN_PIPE_STATUS};
use crate::core::sysv::msg::{self, MsgBuf, Select, MSGMAX_PATH, MSGMNB_PATH};
use crate::core::sysv::object::Address;
use crate::core::sysv::{describe, Kind, IPC_CREAT, IPC_PRIVATE};
use crate::core::target::Target;
use crate::core::timer::Deadline;
use crate::core::wait;

pub fn run(args: MsgArgs) -> Result<()> {
    match args.command {
        MsgCommand::Send(args) => send(args),
        MsgCommand::Recv(args) => recv(args),
    }
}

/// An open queue and how to name it in messages.
struct Queue {
    backend: Backend,
    name: String,
    /// What the stat of a System V queue named by id said, read to name it: kept, so that
    /// `send` does not read it again for the queue's size.
    stat: Option<msg::Stat>,
}

enum Backend {
    Sysv(i32),
    Posix(PosixQueue),
}

/// The highest POSIX priority plus one (MQ_PRIO_MAX on Linux).
const MQ_PRIO_MAX: i64 = 32768;

/// Resolves the target to a queue, creating it with --create (or for `private`). A POSIX
/// queue is opened for `send`, or for receiving and (to put messages back) sending.
fn open(target: &Target, create: &CreateArgs, send: bool) -> Result<Queue> {
    let mode = create.mode.unwrap_or(0o600) as i32;
    if let Target::Posix(name) = target {
        return open_posix(name, create, send);
    }
    if create.max_messages.is_some() || create.message_size.is_some() {
        return Err(usage(
            "--max-messages and --message-size are for POSIX queues (/NAME); a System V queue's size is msg_qbytes (msgmnb, /proc/sys/kernel/msgmnb)",
        ));
    }
    let (key, flags) = match Address::of(Kind::Msg, target)? {
        Address::Id(id) => {
            // The key names the queue in messages. On a kernel without MSG_STAT_ANY, a
            // sender to a write-only queue cannot read it; EACCES still proves the id exists.
            let stat = match msg::stat_any(id) {
                Ok(stat) => Some(stat),
                Err(Errno::EACCES) => None,
                Err(errno) => return Err(anyhow!("queue id:{id}: {}", Kind::Msg.why(errno))),
            };
            return Ok(Queue {
                backend: Backend::Sysv(id),
                name: describe(Kind::Msg, stat.map(|stat| stat.key), Some(id)),
                stat,
            });
        }
        Address::Private => (IPC_PRIVATE, IPC_CREAT | mode),
        Address::Key(key) if create.create => (key, IPC_CREAT | mode),
        Address::Key(key) => (key, 0),
    };
    let msqid = msg::get(key, flags).map_err(|errno| {
        let name = describe(Kind::Msg, Some(key), None);
        match errno {
            Errno::ENOENT => anyhow!("{name}: no such queue (--create makes it)"),
            Errno::ENOSPC => anyhow!(
                "{name}: cannot create: the system's limit of queues is reached (msgmni, /proc/sys/kernel/msgmni)"
            ),
            other => anyhow!("{name}: {}", Kind::Msg.why(other)),
        }
    })?;
    if key == IPC_PRIVATE {
        // DESIGN §1: the id of a new private queue goes to stderr, stdout being data.
        eprintln!("id:{msqid}");
    }
    Ok(Queue {
        stat: None,
        backend: Backend::Sysv(msqid),
        name: describe(Kind::Msg, (key != IPC_PRIVATE).then_some(key), Some(msqid)),
    })
}

fn open_posix(name: &str, create: &CreateArgs, send: bool) -> Result<Queue> {
    let noun = Kind::Mq.noun();
    let attributes = create.create.then(|| pmq::Create {
        mode: create.mode.unwrap_or(0o600),
        max_messages: create.max_messages,
        message_size: create.message_size,
    });
    let opened = match PosixQueue::open(name, true, !send, attributes) {
        // A receiver that may only read still receives; it just cannot put messages back.
        Err(Errno::EACCES) if !send => PosixQueue::open(name, false, true, None),
        other => other,
    };
    let queue = opened.map_err(|errno| {
        let why = match errno {
            Errno::ENOENT => "no such queue (--create makes it)".to_string(),
            Errno::EINVAL if attributes.is_some() => create_limits_why(create),
            Errno::ENOSPC => "cannot create: the system's limit of queues is reached (queues_max, /proc/sys/fs/mqueue/queues_max)".into(),
            Errno::EMFILE => "cannot create: the queues of this user would exceed RLIMIT_MSGQUEUE bytes (ulimit -q), or too many are open".into(),
            Errno::ENOSYS => "POSIX message queues are not available in this kernel (CONFIG_POSIX_MQUEUE)".into(),
            other => Kind::Mq.why(other),
        };
        anyhow!("{noun} {name}: {why}")
    })?;
    Ok(Queue {
        stat: None,
        backend: Backend::Posix(queue),
        name: format!("{noun} {name}"),
    })
}

/// Why mq_open refused the attributes: a limit of /proc/sys/fs/mqueue, named.
fn create_limits_why(create: &CreateArgs) -> String {
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

impl Queue {
    /// Whether the queue waits for a deadline itself (mq_timed*), or needs the alarm.
    fn timed(&self) -> bool {
        matches!(self.backend, Backend::Posix(_))
    }

    /// The largest message the queue takes: msgmax, or the POSIX queue's mq_msgsize.
    fn msgmax(&self) -> Result<usize> {
        match &self.backend {
            Backend::Sysv(_) => {
                Ok(usize::try_from(procfs::read_limit("msgmax")?).unwrap_or(usize::MAX))
            }
            Backend::Posix(queue) => Ok(queue.msgsize),
        }
    }

    /// Readies a message for `send`: a System V one is copied into `buf` (with its type,
    /// the buffer grown to fit) once, however many attempts it takes; its length there is
    /// returned. ENOMEM when the buffer cannot grow.
    fn load(&self, buf: &mut MsgBuf, mtype: i64, data: &[u8]) -> Result<usize, Errno> {
        match self.backend {
            Backend::Sysv(_) => {
                buf.grow(data.len())?;
                Ok(buf.fill(mtype, data))
            }
            Backend::Posix(_) => Ok(data.len()),
        }
    }

    /// Sends the message `load` readied: the `len` bytes in `buf` for System V, `data`
    /// with priority `mtype` for POSIX. A queue that stays full is EAGAIN for both families.
    fn send(
        &self,
        buf: &MsgBuf,
        len: usize,
        mtype: i64,
        data: &[u8],
        wait: Wait,
    ) -> Result<(), Errno> {
        match &self.backend {
            Backend::Sysv(msqid) => msg::send(*msqid, buf, len, wait == Wait::No),
            Backend::Posix(queue) => {
                let priority = u32::try_from(mtype).map_err(|_| Errno::EINVAL)?;
                queue.send(data, priority, wait).map_err(posix_busy)
            }
        }
    }

    /// Receives into `buf`: the message's type (priority) and length. A System V buffer
    /// grows to the message, up to `msgmax`. An empty queue is EAGAIN for both families.
    fn receive(
        &self,
        buf: &mut MsgBuf,
        msgmax: usize,
        select: Select,
        truncate: bool,
        wait: Wait,
    ) -> Result<(i64, usize), Errno> {
        match &self.backend {
            Backend::Sysv(msqid) => {
                let nowait = wait == Wait::No;
                match growing(buf, msgmax, truncate, |buf, truncate| {
                    msg::recv(*msqid, buf, select, nowait, truncate)
                }) {
                    Ok(len) => Ok((buf.mtype(), len)),
                    Err(Errno::ENOMSG) => Err(Errno::EAGAIN),
                    Err(errno) => Err(errno),
                }
            }
            Backend::Posix(queue) => {
                let (len, priority) = queue.receive(buf.text_mut(), wait).map_err(posix_busy)?;
                Ok((i64::from(priority), len))
            }
        }
    }

    /// An errno from an operation on the open queue, in words.
    fn failure(&self, errno: Errno) -> anyhow::Error {
        match (&self.backend, errno) {
            (Backend::Sysv(_), Errno::EIDRM) => anyhow!("{}: removed while waiting", self.name),
            (Backend::Sysv(_), Errno::EINVAL) => anyhow!("{}: no such queue (removed?)", self.name),
            (Backend::Sysv(_), other) => anyhow!("{}: {}", self.name, Kind::Msg.why(other)),
            (Backend::Posix(_), other) => anyhow!("{}: {}", self.name, Kind::Mq.why(other)),
        }
    }
}

/// mq_timed* say "still full/empty at the deadline" with ETIMEDOUT; both families say EAGAIN.
fn posix_busy(errno: Errno) -> Errno {
    match errno {
        Errno::ETIMEDOUT => Errno::EAGAIN,
        other => other,
    }
}

/// How long a command may wait on the queue.
#[derive(Clone, Copy)]
enum Patience {
    Forever,
    Never,
    For(Duration),
}

impl Patience {
    fn new(nowait: bool, timeout: Option<Duration>) -> Patience {
        match (nowait, timeout) {
            (true, _) => Patience::Never,
            (false, Some(limit)) => Patience::For(limit),
            (false, None) => Patience::Forever,
        }
    }

    /// " within 2s" after a timeout, nothing after --nowait.
    fn within(self) -> String {
        match self {
            Patience::For(limit) => format!(" within {}", humantime::format_duration(limit)),
            _ => String::new(),
        }
    }
}

/// What one patient attempt came to.
enum Attempt<T> {
    Done(T),
    /// --nowait or --timeout: the queue stayed empty (or full).
    GaveUp,
    /// The call failed with this errno.
    Failed(Errno),
}

/// Runs `attempt(wait)` the way `patience` allows: first without waiting when there is a
/// limit on waiting, then, if allowed, blocking. A limit is a deadline for a queue that is
/// `timed` (POSIX), else an alarm armed around the blocking call only. EINTR from
/// SIGINT/SIGTERM ends the command; EAGAIN means "not now" (a full queue, an empty one).
fn patiently<T>(
    patience: Patience,
    timed: bool,
    mut attempt: impl FnMut(Wait) -> Result<T, Errno>,
) -> Result<Attempt<T>> {
    if !matches!(patience, Patience::Forever) {
        match attempt(Wait::No) {
            Ok(done) => return Ok(Attempt::Done(done)),
            Err(Errno::EAGAIN) => {
                if matches!(patience, Patience::Never) {
                    return Ok(Attempt::GaveUp);
                }
            }
            Err(Errno::EINTR) => signals::check()?,
            Err(errno) => return Ok(Attempt::Failed(errno)),
        }
    }
    signals::check()?;
    let (wait, alarm) = match patience {
        Patience::For(limit) if timed => (Wait::within(Some(limit)), None),
        Patience::For(limit) => (
            Wait::Block,
            Some(Deadline::arm(limit).context("cannot arm the timeout")?),
        ),
        _ => (Wait::Block, None),
    };
    loop {
        match attempt(wait) {
            Ok(done) => return Ok(Attempt::Done(done)),
            // Only a deadline (mq_timed*) gives up by itself.
            Err(Errno::EAGAIN) => return Ok(Attempt::GaveUp),
            Err(Errno::EINTR) => {
                signals::check()?;
                if alarm.as_ref().is_some_and(Deadline::expired) {
                    return Ok(Attempt::GaveUp);
                }
            }
            Err(errno) => return Ok(Attempt::Failed(errno)),
        }
    }
}

// ---------------------------------------------------------------------------------------
// msg send

fn send(args: SendArgs) -> Result<()> {
    let posix = matches!(args.target, Target::Posix(_));
    // DESIGN §2: a System V type is 1 or more, default 1; a POSIX priority 0 or more,
    // default 0.
    let mtype =
        match (args.mtype, posix) {
            (None, false) => 1,
            (None, true) => 0,
            (Some(0), false) => return Err(usage(
                "-t 0: a System V message type is 1 or more (0 is a priority, for POSIX queues)",
            )),
            (Some(priority), true) if priority >= MQ_PRIO_MAX => {
                return Err(usage(format!(
                    "-t {priority}: a POSIX priority is 0 to {} (MQ_PRIO_MAX)",
                    MQ_PRIO_MAX - 1
                )))
            }
            (Some(mtype), _) => mtype,
        };
    signals::catch_interrupts().context("cannot catch SIGINT and SIGTERM")?;
    let queue = open(&args.target, &args.create, true)?;
    let msgmax = queue.msgmax()?;
    let (qbytes, buf) = match &queue.backend {
        // The queue's size, to refuse at once a message that could never fit (msgsnd would
        // wait for it forever). Only a kernel without MSG_STAT_ANY keeps a write-only
        // queue's size from us (EACCES).
        Backend::Sysv(msqid) => match queue.stat.map_or_else(|| msg::stat_any(*msqid), Ok) {
            Ok(stat) => (stat.qbytes, msgmax.min(msg::FIRST_CAPACITY)),
            Err(Errno::EACCES) => (u64::MAX, msgmax.min(msg::FIRST_CAPACITY)),
            Err(errno) => return Err(queue.failure(errno)),
        },
        // mq_send takes the bytes where they are, and mq_msgsize is the only bound.
        Backend::Posix(_) => (u64::MAX, 0),
    };
    // The buffer grows with the messages: msgmax alone may be far more than memory holds.
    let buf =
        MsgBuf::new(buf).map_err(|_| anyhow!("{}: cannot allocate {buf} bytes", queue.name))?;
    let mut sender = Sender {
        queue,
        buf,
        mtype,
        patience: Patience::new(args.nowait, args.timeout),
        msgmax,
        qbytes,
        sent: 0,
    };
    if !args.text.is_empty() {
        // A message is bytes, whatever the locale: TEXT is taken as the shell passed it.
        use std::os::unix::ffi::OsStrExt;
        let words: Vec<&[u8]> = args.text.iter().map(|word| word.as_bytes()).collect();
        return sender.send_one(&words.join(&b' '));
    }
    let mut stdin = std::io::stdin().lock();
    if args.raw {
        let (data, size) = read_all(&mut stdin, msgmax)?;
        if size > msgmax {
            return Err(sender.too_big(&size.to_string()));
        }
        return sender.send_one(&data);
    }
    let separator = if args.null { 0 } else { b'\n' };
    let mut records = Splitter::new(separator, msgmax);
    loop {
        let range = match records.next(&mut stdin)? {
            Next::Record(range) => range,
            Next::End => return Ok(()),
            Next::TooLong(size) => return Err(sender.too_big(&size.to_string())),
        };
        if sender.send(&records.buf[range])? {
            continue;
        }
        // The batch is cut short: count what it would have sent.
        let (after, exact) = records.count_rest(&mut stdin);
        return Err(sender.gave_up(after, exact));
    }
}

struct Sender {
    queue: Queue,
    buf: MsgBuf,
    mtype: i64,
    patience: Patience,
    msgmax: usize,
    qbytes: u64,
    sent: u64,
}

impl Sender {
    /// Sends the only message.
    fn send_one(&mut self, data: &[u8]) -> Result<()> {
        if self.send(data)? {
            Ok(())
        } else {
            Err(self.gave_up(0, true))
        }
    }

    /// Sends one message; false when --nowait or --timeout gave up on a full queue.
    fn send(&mut self, data: &[u8]) -> Result<bool> {
        if data.len() > self.msgmax {
            return Err(self.too_big(&data.len().to_string()));
        }
        if data.len() as u64 > self.qbytes {
            return Err(self.too_big_for_queue(data.len()));
        }
        let (queue, mtype) = (&self.queue, self.mtype);
        let len = queue.load(&mut self.buf, mtype, data).map_err(|_| {
            anyhow!(
                "{}: cannot allocate {} bytes for a message{}",
                queue.name,
                data.len(),
                self.progress()
            )
        })?;
        let buf = &self.buf;
        match patiently(self.patience, queue.timed(), |wait| {
            queue.send(buf, len, mtype, data, wait)
        })? {
            Attempt::Done(()) => {
                self.sent = self.sent.saturating_add(1);
                Ok(true)
            }
            Attempt::GaveUp => Ok(false),
            Attempt::Failed(errno) => Err(self.queue.failure(errno)),
        }
    }

    /// The not-now error of a batch cut short, with `after` messages left after the one
    /// that did not fit (`exact`: all of stdin was counted).
    fn gave_up(&self, after: u64, exact: bool) -> anyhow::Error {
        let total = self.sent.saturating_add(1).saturating_add(after);
        let state = match self.patience {
            Patience::For(_) => "still full",
            _ => "full",
        };
        let after = match self.patience {
            Patience::For(limit) => format!(" after {}", humantime::format_duration(limit)),
            _ => String::new(),
        };
        not_now(format!(
            "{}: {state}{after}; sent {} of {}{total}",
            self.queue.name,
            self.sent,
            if exact { "" } else { "at least " },
        ))
    }

    fn too_big(&self, size: &str) -> anyhow::Error {
        let limit = match self.queue.backend {
            Backend::Sysv(_) => format!("msgmax {} ({MSGMAX_PATH})", self.msgmax),
            Backend::Posix(_) => format!(
                "the queue's message size {} (mq_msgsize, set by --create --message-size; at most msgsize_max, {MSGSIZE_MAX_FILE})",
                self.msgmax
            ),
        };
        anyhow!(
            "{}: message of {size} bytes exceeds {limit}{}",
            self.queue.name,
            self.progress()
        )
    }

    fn too_big_for_queue(&self, size: usize) -> anyhow::Error {
        anyhow!(
            "{}: message of {size} bytes exceeds the queue's size of {} bytes (msg_qbytes; new queues get msgmnb, {MSGMNB_PATH}){}",
            self.queue.name,
            self.qbytes,
            self.progress()
        )
    }

    fn progress(&self) -> String {
        if self.sent > 0 {
            format!("; sent {} before it", self.sent)
        } else {
            String::new()
        }
    }
}

/// What the splitter found next.
enum Next {
    /// A record (without its separator): a range of the splitter's buffer.
    Record(std::ops::Range<usize>),
    End,
    /// A record longer than the limit; at least this many bytes.
    TooLong(usize),
}

/// Splits stdin into records at a separator byte, in one large buffer that is refilled as
/// it is consumed; a record is a range of that buffer, so nothing is allocated per record.
struct Splitter {
    buf: Vec<u8>,
    /// The unconsumed bytes are buf[start..end]; buf[start..scanned] has no separator.
    start: usize,
    scanned: usize,
    end: usize,
    eof: bool,
    separator: u8,
    /// The longest record worth holding whole: msgmax + 1 (anything longer is refused).
    limit: usize,
}

const READ_SIZE: usize = 256 * 1024;

impl Splitter {
    fn new(separator: u8, msgmax: usize) -> Splitter {
        Splitter {
            buf: vec![0; READ_SIZE],
            start: 0,
            scanned: 0,
            end: 0,
            eof: false,
            separator,
            limit: msgmax.saturating_add(1),
        }
    }

    fn next(&mut self, input: &mut impl Read) -> Result<Next> {
        loop {
            if let Some(at) = memchr::memchr(self.separator, &self.buf[self.scanned..self.end]) {
                let record = self.start..self.scanned + at;
                self.start = record.end + 1;
                self.scanned = self.start;
                return Ok(Next::Record(record));
            }
            self.scanned = self.end;
            let pending = self.end - self.start;
            if self.eof {
                if pending == 0 {
                    return Ok(Next::End);
                }
                let record = self.start..self.end;
                self.start = self.end;
                return Ok(Next::Record(record));
            }
            if pending >= self.limit {
                return Ok(Next::TooLong(self.measure(input)?));
            }
            if self.start > 0 {
                self.buf.copy_within(self.start..self.end, 0);
                self.end = pending;
                self.scanned = pending;
                self.start = 0;
            }
            if self.end == self.buf.len() {
                // Only a record longer than the buffer gets here; msgmax + 1 bounds it.
                let grown = self.buf.len().saturating_mul(2).min(self.limit);
                let grown = grown.max(self.end + 1);
                if self.buf.try_reserve_exact(grown - self.buf.len()).is_err() {
                    return Err(anyhow!(
                        "cannot allocate {grown} bytes to hold a message read from stdin"
                    ));
                }
                self.buf.resize(grown, 0);
            }
            let n = read_some(input, &mut self.buf[self.end..])?;
            if n == 0 {
                self.eof = true;
            }
            self.end += n;
        }
    }

    /// The length of a record too long to hold, read to its end (or a bound of 1 TiB) and
    /// dropped, so that the error can name its size.
    fn measure(&mut self, input: &mut impl Read) -> Result<usize> {
        let mut size = self.end - self.start;
        while size < 1 << 40 {
            let n = read_some(input, &mut self.buf)?;
            if n == 0 {
                break;
            }
            match memchr::memchr(self.separator, &self.buf[..n]) {
                Some(at) => return Ok(size.saturating_add(at)),
                None => size = size.saturating_add(n),
            }
        }
        Ok(size)
    }

    /// How many records are left: those buffered and those stdin has ready now, and
    /// whether that is all of them (stdin reached its end) or only what could be read
    /// without waiting for a producer that is still running.
    fn count_rest(&mut self, input: &mut impl Read) -> (u64, bool) {
        let separator = self.separator;
        let mut count = 0u64;
        let mut last = None;
        let mut scan = |bytes: &[u8]| {
            let found = memchr::memchr_iter(separator, bytes).count();
            count = count.saturating_add(found as u64);
            if let Some(&b) = bytes.last() {
                last = Some(b);
            }
        };
        scan(&self.buf[self.start..self.end]);
        let mut eof = self.eof;
        let mut chunk = vec![0; READ_SIZE];
        while !eof && wait::readable_now(std::io::stdin().as_fd()) {
            match input.read(&mut chunk) {
                Ok(0) => eof = true,
                Ok(n) => scan(&chunk[..n]),
                Err(_) => break,
            }
        }
        // A last record without a separator counts too.
        if last.is_some_and(|b| b != separator) {
            count = count.saturating_add(1);
        }
        (count, eof)
    }
}

/// One read(2) of stdin; EINTR from SIGINT/SIGTERM ends the command.
fn read_some(input: &mut impl Read, buf: &mut [u8]) -> Result<usize> {
    loop {
        match input.read(buf) {
            Ok(n) => return Ok(n),
            Err(err) if err.kind() == std::io::ErrorKind::Interrupted => signals::check()?,
            Err(err) => return Err(anyhow!("cannot read stdin: {}", crate::core::io_text(&err))),
        }
    }
}

/// All of stdin, and its size; bytes beyond `limit` are counted but not kept.
fn read_all(input: &mut impl Read, limit: usize) -> Result<(Vec<u8>, usize)> {
    let mut data = Vec::new();
    let mut chunk = vec![0; READ_SIZE];
    let mut size = 0usize;
    loop {
        let n = read_some(input, &mut chunk)?;
        if n == 0 {
            return Ok((data, size));
        }
        size = size.saturating_add(n);
        let keep = &chunk[..n.min(limit.saturating_sub(data.len()))];
        if data.try_reserve(keep.len()).is_err() {
            return Err(anyhow!(
                "cannot allocate {} bytes to hold the message read from stdin",
                data.len().saturating_add(keep.len())
            ));
        }
        data.extend_from_slice(keep);
    }
}

// ---------------------------------------------------------------------------------------
// msg recv

#[derive(Clone, Copy, PartialEq, Eq)]
enum Format {
    Lines,
    Null,
    Raw,
    Json,
}

/// How long a message that could not be written waits for room to go back on a queue that
/// producers keep full, before it is given to stderr instead.
const PUT_BACK_WAIT: Duration = Duration::from_secs(1);

fn recv(args: RecvArgs) -> Result<()> {
    if args.except && args.mtype <= 0 {
        return Err(usage(format!(
            "--except needs a TYPE of 1 or more (got {})",
            args.mtype
        )));
    }
    if let Target::Posix(name) = &args.target {
        // A POSIX queue has one order (priority, then age) and one way to read: taking.
        let why = if args.except || args.mtype != 0 {
            Some("-t and --except select by type; a POSIX queue always gives the oldest message of the highest priority")
        } else if args.peek {
            Some("--peek: a POSIX queue cannot be read without taking (mq_receive always takes)")
        } else if args.truncate {
            Some("--truncate: a POSIX queue holds no message longer than its message size (mq_msgsize), which is what is read")
        } else {
            None
        };
        if let Some(why) = why {
            return Err(usage(format!("{name}: {why}")));
        }
    }
    signals::catch_interrupts().context("cannot catch SIGINT and SIGTERM")?;
    let queue = open(&args.target, &args.create, false)?;
    let msgmax = queue.msgmax()?;
    let format = if args.json {
        Format::Json
    } else if args.raw {
        Format::Raw
    } else if args.null {
        Format::Null
    } else {
        Format::Lines
    };
    // A System V buffer starts small and grows to the message (E2BIG leaves it queued); a
    // POSIX one must hold mq_msgsize, or mq_receive refuses.
    let first = match queue.backend {
        Backend::Sysv(_) => msgmax.min(msg::FIRST_CAPACITY),
        Backend::Posix(_) => msgmax,
    };
    let buf = MsgBuf::new(first).map_err(|_| {
        anyhow!(
            "{}: cannot allocate {first} bytes to receive a message into (mq_msgsize)",
            queue.name
        )
    })?;
    let mut receiver = Receiver {
        buf,
        out: Out {
            format,
            priority: matches!(queue.backend, Backend::Posix(_)),
            record: Vec::new(),
            base64: String::new(),
        },
        msgmax,
        select: Select {
            mtype: args.mtype,
            except: args.except,
        },
        truncate: args.truncate,
        queue,
    };
    if args.peek {
        receiver.peek(args.count.unwrap_or(u64::MAX))
    } else {
        let count = if args.follow {
            None
        } else {
            Some(args.count.unwrap_or(1))
        };
        receiver.take(count, Patience::new(args.nowait, args.timeout))
    }
}

/// Takes messages one at a time and writes each out whole before the next is taken
/// (DESIGN §3): a receiver killed with SIGKILL loses at most the message it was writing,
/// and one that cannot write puts back exactly one message.
struct Receiver {
    queue: Queue,
    buf: MsgBuf,
    out: Out,
    msgmax: usize,
    select: Select,
    truncate: bool,
}

impl Receiver {
    fn take(&mut self, count: Option<u64>, patience: Patience) -> Result<()> {
        let mut taken = 0u64;
        while count.is_none_or(|count| taken < count) {
            signals::check()?;
            let (select, truncate, msgmax) = (self.select, self.truncate, self.msgmax);
            let (buf, queue) = (&mut self.buf, &self.queue);
            let got = patiently(patience, queue.timed(), |wait| {
                queue.receive(buf, msgmax, select, truncate, wait)
            })?;
            match got {
                Attempt::Done((mtype, len)) => {
                    self.out.render(mtype, self.buf.text(len));
                    if let Err(failed) = self.out.write() {
                        return Err(self.unwritten(failed, mtype, len));
                    }
                    taken = taken.saturating_add(1);
                }
                Attempt::GaveUp => {
                    let progress = match count {
                        Some(count) if taken > 0 => format!("; received {taken} of {count}"),
                        None if taken > 0 => format!("; received {taken}"),
                        _ => String::new(),
                    };
                    return Err(not_now(format!(
                        "{}: no message{}{}{progress}",
                        self.queue.name,
                        self.which(),
                        patience.within(),
                    )));
                }
                Attempt::Failed(errno) => return Err(self.failure(errno)),
            }
        }
        Ok(())
    }

    fn peek(&mut self, limit: u64) -> Result<()> {
        let Backend::Sysv(msqid) = self.queue.backend else {
            return Ok(()); // refused before the queue was opened
        };
        let mut shown = 0u64;
        let mut position = 0u64;
        while shown < limit {
            signals::check()?;
            let (msgmax, truncate) = (self.msgmax, self.truncate);
            match growing(&mut self.buf, msgmax, truncate, |buf, truncate| {
                msg::peek(msqid, buf, position, truncate)
            }) {
                Ok(len) => {
                    let mtype = self.buf.mtype();
                    if self.select.matches(mtype) {
                        self.out.render(mtype, self.buf.text(len));
                        if let Err(failed) = self.out.write() {
                            // Nothing was taken: there is nothing to put back.
                            return Err(failed.status(String::new()));
                        }
                        shown = shown.saturating_add(1);
                    }
                }
                Err(Errno::ENOMSG) => break,
                Err(Errno::ENOSYS) => {
                    return Err(anyhow!(
                        "{}: --peek needs MSG_COPY, which this kernel lacks (CONFIG_CHECKPOINT_RESTORE)",
                        self.queue.name
                    ))
                }
                Err(errno) => return Err(self.failure(errno)),
            }
            position = position.saturating_add(1);
        }
        Ok(())
    }

    /// The message in the buffer, taken and not (wholly) written, goes back on the queue,
    /// and the error says what happened to it.
    fn unwritten(&self, failed: WriteFailure, mtype: i64, len: usize) -> anyhow::Error {
        let text = self.buf.text(len);
        let mut report = String::new();
        if failed.written > 0 {
            let record = self.out.record.len();
            report.push_str(&format!(
                " after {} of the {record} bytes of a message",
                failed.written
            ));
            if failed.undone {
                report.push_str(" (cut off again: the file ends where that message began)");
            } else {
                report.push_str(&format!(" (those {} bytes stay written)", failed.written));
            }
        }
        let put = self.put_back(mtype, text);
        report.push_str("; ");
        match &put {
            Ok(()) => report.push_str(&format!("put 1 message back on {}", self.queue.name)),
            Err(why) => report.push_str(&format!(
                "1 message could not be put back on {} ({why}); it follows on stderr as JSON",
                self.queue.name
            )),
        }
        let error = failed.status(report);
        if put.is_err() {
            // After the line that announces it.
            self.give_to_stderr(mtype, text);
        }
        error
    }

    /// Puts a message back: at once if there is room, else waiting for room up to
    /// PUT_BACK_WAIT, whatever interrupts come meanwhile (producers may keep the queue
    /// full; a reader that is gone must not make the receiver wait for ever). On a POSIX
    /// queue it goes behind the messages of its priority; on a System V one to the end.
    fn put_back(&self, mtype: i64, text: &[u8]) -> Result<(), String> {
        let queue = &self.queue;
        let attempt = |wait| queue.send(&self.buf, text.len(), mtype, text, wait);
        let errno = match attempt(Wait::No) {
            Ok(()) => return Ok(()),
            Err(Errno::EAGAIN) => {
                let waited = if queue.timed() {
                    attempt(Wait::within(Some(PUT_BACK_WAIT)))
                } else {
                    match Deadline::arm(PUT_BACK_WAIT) {
                        Ok(alarm) => loop {
                            match attempt(Wait::Block) {
                                Err(Errno::EINTR) if !alarm.expired() => {}
                                Err(Errno::EINTR) => break Err(Errno::EAGAIN),
                                other => break other,
                            }
                        },
                        Err(_) => Err(Errno::EAGAIN),
                    }
                };
                match waited {
                    Ok(()) => return Ok(()),
                    Err(errno) => errno,
                }
            }
            Err(errno) => errno,
        };
        Err(match errno {
            Errno::EAGAIN => format!(
                "it stayed full for {}",
                humantime::format_duration(PUT_BACK_WAIT)
            ),
            other => crate::core::errno_text(other),
        })
    }

    /// The last resort for a message that could neither be written nor put back: one
    /// line of JSON on stderr, after the error that announces it.
    fn give_to_stderr(&self, mtype: i64, text: &[u8]) {
        use std::io::Write;
        let mut line = Out {
            format: Format::Json,
            priority: self.out.priority,
            record: Vec::new(),
            base64: String::new(),
        };
        line.render(mtype, text);
        let _ = std::io::stderr().lock().write_all(&line.record);
    }

    /// " of type 2", " of a type other than 2", " of type 3 or lower": the selection in words.
    fn which(&self) -> String {
        match (self.select.mtype, self.select.except) {
            (0, _) => String::new(),
            (t, true) => format!(" of a type other than {t}"),
            (t, false) if t > 0 => format!(" of type {t}"),
            (t, false) => format!(" of type {} or lower", t.unsigned_abs()),
        }
    }

    fn failure(&self, errno: Errno) -> anyhow::Error {
        match errno {
            Errno::E2BIG => anyhow!(
                "{}: a message{} is larger than msgmax {} bytes ({MSGMAX_PATH}); --truncate takes it cut to {} bytes",
                self.queue.name,
                self.which(),
                self.msgmax,
                self.msgmax
            ),
            Errno::ENOMEM => anyhow!(
                "{}: a message{} is larger than the {} bytes that could be allocated to receive it (msgmax {}, {MSGMAX_PATH})",
                self.queue.name,
                self.which(),
                self.buf.capacity(),
                self.msgmax
            ),
            errno => self.queue.failure(errno),
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

/// How writing one record failed: the errno, how many of its bytes were written, and
/// whether those were taken back out of the file.
struct WriteFailure {
    errno: Errno,
    written: usize,
    undone: bool,
}

impl WriteFailure {
    /// Says on stderr what failed and `report` (what became of the message), and returns
    /// the command's status as an error with nothing more to print: a closed stdout is 141,
    /// an interrupt 128+N, any other error 1.
    fn status(&self, report: String) -> anyhow::Error {
        let signal = signals::caught();
        let (why, fail) = match (self.errno, signal) {
            (Errno::EPIPE, _) => ("stdout closed".to_string(), Fail::Exit(BROKEN_PIPE_STATUS)),
            (Errno::EINTR, Some(signal)) => (
                "interrupted while writing to stdout".to_string(),
                Fail::Signal(signal),
            ),
            (other, _) => (
                format!("cannot write to stdout: {}", crate::core::errno_text(other)),
                Fail::Reported,
            ),
        };
        // A closed stdout or an interrupt with nothing taken (--peek) ends quietly.
        if !report.is_empty() || matches!(fail, Fail::Reported) {
            say(&format!("{why}{report}"));
        }
        fail.into()
    }
}

/// The receiver's output: one message rendered at a time, written with as few write(2)
/// calls as stdout takes (one, as a rule) before the next message is taken.
struct Out {
    format: Format,
    /// POSIX: the number with each message is a priority, and --json says so.
    priority: bool,
    /// The rendered message.
    record: Vec<u8>,
    base64: String,
}

#[derive(Serialize)]
struct JsonMessage<'a> {
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    mtype: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    priority: Option<i64>,
    bytes: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    text: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    base64: Option<&'a str>,
}

impl Out {
    fn render(&mut self, mtype: i64, text: &[u8]) {
        self.record.clear();
        match self.format {
            Format::Json => {
                let utf8 = std::str::from_utf8(text).ok();
                if utf8.is_none() {
                    self.base64.clear();
                    base64::engine::general_purpose::STANDARD.encode_string(text, &mut self.base64);
                }
                let message = JsonMessage {
                    mtype: (!self.priority).then_some(mtype),
                    priority: self.priority.then_some(mtype),
                    bytes: text.len(),
                    text: utf8,
                    base64: utf8.is_none().then_some(self.base64.as_str()),
                };
                // Serialising plain fields into a Vec cannot fail.
                let _ = serde_json::to_writer(&mut self.record, &message);
                self.record.push(b'\n');
            }
            format => {
                self.record.extend_from_slice(text);
                match format {
                    Format::Lines => self.record.push(b'\n'),
                    Format::Null => self.record.push(0),
                    _ => {}
                }
            }
        }
    }

    /// Writes the rendered record whole, or says how it failed. An interrupt while none
    /// of it is written stops at once (the message goes back); once a part is out, the
    /// record is finished when stdout takes it, unless a second interrupt comes while it
    /// waits (the reader has stopped reading). What was written of a record cut short is
    /// taken back out of a regular file, or counted.
    fn write(&self) -> Result<(), WriteFailure> {
        let stdout = std::io::stdout();
        let fd = stdout.as_fd();
        let mut written = 0;
        while written < self.record.len() {
            let errno = match wait::write_some(fd, &self.record[written..]) {
                Ok(0) => Errno::EIO,
                Ok(n) => {
                    written += n;
                    continue;
                }
                // The first interrupt (or a kick that repeats it) lets a record that is
                // partly out be finished; a second one does not.
                Err(Errno::EINTR) => match signals::caught() {
                    Some(_) if written == 0 || signals::received() > 1 => Errno::EINTR,
                    _ => continue,
                },
                Err(errno) => errno,
            };
            return Err(WriteFailure {
                errno,
                written,
                undone: written > 0 && wait::unwrite(fd, written),
            });
        }
        Ok(())
    }
}
