//! `ipcx msg recv`: messages from a queue to stdout, as lines, NUL-ended records, raw
//! bytes or JSON.
//!
//! Each message is taken and written out whole before the next is taken (DESIGN §3): a
//! receiver killed with SIGKILL loses at most the message it was writing, and one that
//! cannot write puts that one message back on the queue — or, if the queue stays full,
//! gives it to stderr as JSON — so nothing is lost.

use std::os::fd::AsFd;

use anyhow::{anyhow, Context, Result};
use base64::Engine as _;
use nix::errno::Errno;
use serde::Serialize;

use super::create;
use crate::cli::msg::RecvArgs;
use crate::core::interrupts;
use crate::core::queue::{self, MsgBuf, Queue, Select, MSGMAX_PATH};
use crate::core::status::{not_now, say, usage, Fail, BROKEN_PIPE_STATUS};
use crate::core::wait::{self, patiently, Attempt, Patience};

#[derive(Clone, Copy, PartialEq, Eq)]
enum Format {
    Lines,
    Null,
    Raw,
    Json,
}

pub fn recv(args: RecvArgs) -> Result<()> {
    if args.except && args.mtype <= 0 {
        return Err(usage(format!(
            "--except needs a TYPE of 1 or more (got {})",
            args.mtype
        )));
    }
    let select = Select {
        mtype: args.mtype,
        except: args.except,
    };
    queue::check_receive(&args.target, select, args.peek, args.truncate)?;
    interrupts::catch_interrupts().context("cannot catch SIGINT and SIGTERM")?;
    let queue = queue::open(&args.target, &create(&args.create), false)?;
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
    let first = queue.receive_capacity(msgmax);
    let buf = MsgBuf::new(first).map_err(|_| {
        anyhow!(
            "{}: cannot allocate {first} bytes to receive a message into ({})",
            queue.name(),
            queue.msgmax_words(msgmax)
        )
    })?;
    let mut receiver = Receiver {
        buf,
        out: Out::new(format, queue.priorities()),
        msgmax,
        select,
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
    queue: Box<dyn Queue>,
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
            interrupts::check()?;
            let (select, truncate, msgmax) = (self.select, self.truncate, self.msgmax);
            let (buf, queue) = (&mut self.buf, &*self.queue);
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
                        self.queue.name(),
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
        let mut shown = 0u64;
        let mut position = 0u64;
        while shown < limit {
            interrupts::check()?;
            let (msgmax, truncate) = (self.msgmax, self.truncate);
            match self.queue.peek(&mut self.buf, msgmax, position, truncate) {
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
                        self.queue.name()
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
        let put = self.queue.put_back(&self.buf, mtype, text);
        report.push_str("; ");
        match &put {
            Ok(()) => report.push_str(&format!("put 1 message back on {}", self.queue.name())),
            Err(why) => report.push_str(&format!(
                "1 message could not be put back on {} ({why}); it follows on stderr as JSON",
                self.queue.name()
            )),
        }
        let error = failed.status(report);
        if put.is_err() {
            // After the line that announces it.
            self.give_to_stderr(mtype, text);
        }
        error
    }

    /// The last resort for a message that could neither be written nor put back: one
    /// line of JSON on stderr, after the error that announces it.
    fn give_to_stderr(&self, mtype: i64, text: &[u8]) {
        use std::io::Write;
        let mut line = Out::new(Format::Json, self.out.priority);
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
                self.queue.name(),
                self.which(),
                self.msgmax,
                self.msgmax
            ),
            Errno::ENOMEM => anyhow!(
                "{}: a message{} is larger than the {} bytes that could be allocated to receive it ({})",
                self.queue.name(),
                self.which(),
                self.buf.capacity(),
                self.queue.msgmax_words(self.msgmax)
            ),
            errno => self.queue.failure(errno),
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
        let signal = interrupts::caught();
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
    fn new(format: Format, priority: bool) -> Out {
        Out {
            format,
            priority,
            record: Vec::new(),
            base64: String::new(),
        }
    }

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
                Err(Errno::EINTR) => match interrupts::caught() {
                    Some(_) if written == 0 || interrupts::received() > 1 => Errno::EINTR,
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
