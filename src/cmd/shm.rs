//! `ipcx shm write` and `ipcx shm read`: bytes in and out of a segment, copied straight
//! between it and the file descriptor. core::segment resolves the target to a System V
//! segment or a POSIX object; both are `Memory`, so the range checks, the stdin handling and
//! the messages are the same.

use std::fmt::Display;
use std::io::{self, Write};
use std::os::fd::AsFd;
use std::os::unix::ffi::OsStrExt;

use anyhow::{anyhow, Context, Result};

use crate::cli::shm::{ShmArgs, ShmCommand, ShmReadArgs, ShmWriteArgs};
use crate::core::interrupts;
use crate::core::memory::{Memory, OfMemory};
use crate::core::segment::{self, error};
use crate::core::status::say;
use crate::core::stream::{self, End};

/// The most bytes one read(2) or write(2) is asked for (Linux moves at most ~2 GiB a call).
const CHUNK: usize = 1 << 30;

pub fn run(args: ShmArgs) -> Result<()> {
    match args.command {
        ShmCommand::Write(args) => write(args),
        ShmCommand::Read(args) => read(args),
    }
}

fn write(args: ShmWriteArgs) -> Result<()> {
    if args.data.is_none() {
        // Before anything is created, so an interrupted wait for stdin always cleans up.
        interrupts::catch_interrupts().context("cannot catch signals")?;
    }
    let create = args.size.map(|size| segment::Create {
        mode: args.mode,
        size,
        exclusive: args.exclusive,
        huge: args.hugetlb,
        noreserve: args.noreserve,
    });
    let segment = segment::open(&args.target, true, create)?;
    let result = write_into(segment.memory(), &segment.name(), &args, segment.created());
    match result {
        // A segment made for a write that did not happen is not left behind.
        Err(_) => segment.discard(),
        Ok(()) => segment.announce(),
    }
    result
}

fn write_into(
    segment: &dyn Memory,
    object: &dyn Display,
    args: &ShmWriteArgs,
    created: bool,
) -> Result<()> {
    let size = segment.len();
    let offset = usize::try_from(args.offset).unwrap_or(usize::MAX);
    if offset > size {
        return Err(error(
            object,
            format!("offset {offset} is past the end of its {size} bytes; nothing was written"),
        ));
    }
    let fits = |count: u64| -> Result<usize> {
        match usize::try_from(count).ok().and_then(|c| offset.checked_add(c)) {
            Some(end) if end <= size => Ok(end - offset),
            _ => Err(error(object, format!(
                "offset {offset} + {count} bytes = {} is past the end of its {size} bytes; nothing was written",
                u128::from(args.offset) + u128::from(count)
            ))),
        }
    };
    if let Some(data) = &args.data {
        let bytes = data.as_bytes();
        fits(bytes.len() as u64)?;
        segment
            .copy_in(offset, bytes)
            .map_err(|err| error(object, crate::core::io_text(&err)))?;
        return Ok(());
    }
    let stdin = io::stdin();
    let input = stdin.as_fd();
    if let Some(length) = stream::regular_file_left(input).context("stdin")? {
        // A regular file says its length: refuse before writing a byte if it does not fit.
        let length = fits(length)?;
        // A file that shrinks meanwhile is a short stdin: what it still had is written.
        fill(segment, input, offset, length, object, created)?;
        return Ok(());
    }
    // A pipe or terminal does not say how much is coming: read straight into the segment
    // up to its end, then see whether more follows.
    let room = size - offset;
    let got = fill(segment, input, offset, room, object, created)?;
    if got == room && stream::more_follows(End::new(input, "stdin"))? {
        return Err(error(object, format!(
            "stdin holds more than the {room} bytes between offset {offset} and the end of its {size} bytes; \
             those {room} bytes were written, the rest of stdin was not"
        )));
    }
    Ok(())
}

/// Reads `fd` into the segment from `offset` until `length` bytes or end of input; returns
/// the bytes read. Interrupted, it says how much of an existing segment it changed (one it
/// `created` is removed by the caller).
fn fill(
    segment: &dyn Memory,
    fd: impl AsFd,
    offset: usize,
    length: usize,
    object: &dyn Display,
    created: bool,
) -> Result<usize> {
    let mut done = 0;
    let mut ended = false;
    // A signal ends the wait whether it interrupts the read or comes just before it, or
    // together with the end of input (then read returns 0 and the handler still runs).
    while !ended && done < length && interrupts::caught().is_none() {
        let want = (length - done).min(CHUNK);
        match segment.read_from(fd.as_fd(), offset + done, want) {
            Ok(0) => ended = true,
            Ok(got) => done += got,
            Err(err) if err.kind() == io::ErrorKind::Interrupted => {}
            Err(err) if OfMemory::is(&err) => return Err(error(object, err)),
            Err(err) => return Err(anyhow!(err).context("stdin")),
        }
    }
    if let Err(fail) = interrupts::check() {
        if done > 0 && !created {
            say(&format!(
                "{object}: interrupted after writing {done} bytes at offset {offset}"
            ));
        }
        return Err(fail.into());
    }
    Ok(done)
}

fn read(args: ShmReadArgs) -> Result<()> {
    let segment = segment::open(&args.target, false, None)?;
    read_out(segment.memory(), &segment.name(), &args)
}

fn read_out(segment: &dyn Memory, object: &dyn Display, args: &ShmReadArgs) -> Result<()> {
    let size = segment.len();
    let offset = usize::try_from(args.offset).unwrap_or(usize::MAX);
    if offset > size {
        return Err(error(
            object,
            format!("offset {offset} is past the end of its {size} bytes"),
        ));
    }
    let mut length = match args.length {
        None => size - offset,
        Some(length) => match usize::try_from(length)
            .ok()
            .and_then(|l| offset.checked_add(l))
        {
            Some(end) if end <= size => end - offset,
            _ => {
                return Err(error(
                    object,
                    format!(
                    "offset {offset} + length {length} = {} is past the end of its {size} bytes",
                    u128::from(args.offset) + u128::from(length)
                ),
                ))
            }
        },
    };
    if args.cstr {
        if let Some(nul) = segment
            .find_nul(offset, length)
            .map_err(|err| error(object, err))?
        {
            length = nul - offset;
        }
    }
    let stdout = io::stdout();
    // Nothing of ours is buffered in stdout; flushing keeps it that way.
    stdout.lock().flush().context("stdout")?;
    let mut done = 0;
    while done < length {
        let want = (length - done).min(CHUNK);
        match segment.write_to(stdout.as_fd(), offset + done, want) {
            Ok(put) => done += put,
            Err(err) if err.kind() == io::ErrorKind::Interrupted => interrupts::check()?,
            Err(err) if OfMemory::is(&err) => return Err(error(object, err)),
            Err(err) => return Err(anyhow!(err).context("stdout")),
        }
    }
    Ok(())
}
