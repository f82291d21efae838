//! `ipcx msg send`: messages from the arguments or stdin (one per line, per NUL, or all of
//! it) onto a queue, one msgsnd/mq_send per message from one reusable buffer. A batch that
//! meets a full queue under --nowait or --timeout stops and says how much of it was sent.

use std::io::Read;
use std::os::fd::AsFd;

use anyhow::{anyhow, Context, Result};

use super::create;
use crate::cli::msg::SendArgs;
use crate::core::interrupts;
use crate::core::queue::{self, MsgBuf, Queue, MSGMNB_PATH};
use crate::core::status::not_now;
use crate::core::wait::{self, patiently, Attempt, Patience};

pub fn send(args: SendArgs) -> Result<()> {
    let mtype = queue::send_type(&args.target, args.mtype)?;
    interrupts::catch_interrupts().context("cannot catch SIGINT and SIGTERM")?;
    let queue = queue::open(&args.target, &create(&args.create), true)?;
    let msgmax = queue.msgmax()?;
    let (qbytes, first) = queue.send_sizes(msgmax)?;
    let buf = MsgBuf::new(first)
        .map_err(|_| anyhow!("{}: cannot allocate {first} bytes", queue.name()))?;
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
    queue: Box<dyn Queue>,
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
        let (queue, mtype) = (&*self.queue, self.mtype);
        let len = queue.load(&mut self.buf, mtype, data).map_err(|_| {
            anyhow!(
                "{}: cannot allocate {} bytes for a message{}",
                queue.name(),
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
            self.queue.name(),
            self.sent,
            if exact { "" } else { "at least " },
        ))
    }

    fn too_big(&self, size: &str) -> anyhow::Error {
        let limit = self.queue.msgmax_words(self.msgmax);
        anyhow!(
            "{}: message of {size} bytes exceeds {limit}{}",
            self.queue.name(),
            self.progress()
        )
    }

    fn too_big_for_queue(&self, size: usize) -> anyhow::Error {
        anyhow!(
            "{}: message of {size} bytes exceeds the queue's size of {} bytes (msg_qbytes; new queues get msgmnb, {MSGMNB_PATH}){}",
            self.queue.name(),
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
            Err(err) if err.kind() == std::io::ErrorKind::Interrupted => interrupts::check()?,
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
