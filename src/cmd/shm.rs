//! `ipcx shm write` and `ipcx shm read`: bytes in and out of a System V segment, copied
//! straight between the attached segment and the file descriptor, or of a POSIX object
//! (`/NAME`; core::posix::shm says how it survives a truncation). Both are `Memory`, so the
//! range checks, the stdin handling and the messages are the same.

use std::fmt::Display;
use std::io::{self, Write};
use std::os::fd::AsFd;
use std::os::unix::ffi::OsStrExt;

use anyhow::{anyhow, Context, Result};
use nix::errno::Errno;

use crate::cli::shm::{ShmArgs, ShmCommand, ShmReadArgs, ShmWriteArgs};
use crate::core::interrupts;
use crate::core::ipcdata::Limits;
use crate::core::memory::{Memory, OfMemory};
use crate::core::posix;
use crate::core::posix::shm::PosixShm;
use crate::core::status::{say, usage};
use crate::core::stream::{self, End};
use crate::core::sysv::object::{Address, Object};
use crate::core::sysv::shm::{self, Attached};
use crate::core::sysv::{Kind, IPC_CREAT, IPC_EXCL, IPC_PRIVATE};
use crate::core::target::Target;

/// The most bytes one read(2) or write(2) is asked for (Linux moves at most ~2 GiB a call).
const CHUNK: usize = 1 << 30;

pub fn run(args: ShmArgs) -> Result<()> {
    match args.command {
        ShmCommand::Write(args) => write(args),
        ShmCommand::Read(args) => read(args),
    }
}

fn find(address: Address) -> Result<Object> {
    Object::find(
        Kind::Shm,
        address,
        |key| shm::get(key, 0, 0),
        |id| shm::stat(id).map(|stat| stat.key),
    )
}

fn attach(object: &Object, writable: bool) -> Result<Attached> {
    Attached::new(object.id, writable)
        .map_err(|errno| error(object, format!("cannot attach: {}", Kind::Shm.why(errno))))
}

/// An error about the named object: `segment 0x000004d2 (id 3): <why>`.
fn error(name: &dyn Display, why: impl Display) -> anyhow::Error {
    anyhow!("{name}: {why}")
}

/// A POSIX object opened for `shm write` (creating it with --create --size) or `shm read`.
fn open_posix(name: &str, write: bool, create: Option<(u32, u64)>) -> Result<(PosixShm, String)> {
    let label = format!("{} {name}", Kind::Pshm.noun());
    let shm = PosixShm::open(name, write, create).map_err(|errno| match (errno, create) {
        (Errno::ENOENT, _) => error(&label, "no such object"),
        (Errno::EACCES | Errno::EPERM, _) => error(&label, "permission denied"),
        (Errno::ENODEV, _) => error(
            &label,
            format!(
                "not a shared memory object ({}/{} is not a regular file)",
                crate::core::posix::SHM_DIR,
                name.trim_start_matches('/')
            ),
        ),
        (other, Some((_, size))) => error(
            &label,
            format!(
                "cannot create {size} bytes: {}",
                crate::core::errno_text(other)
            ),
        ),
        (other, None) => error(&label, crate::core::errno_text(other)),
    })?;
    Ok((shm, label))
}

fn write(args: ShmWriteArgs) -> Result<()> {
    if args.data.is_none() {
        // Before anything is created, so an interrupted wait for stdin always cleans up.
        interrupts::catch_interrupts().context("cannot catch signals")?;
    }
    if let Target::Posix(name) = &args.target {
        let create = match args.size {
            Some(0) => return Err(usage("--size 0: a segment holds at least 1 byte")),
            Some(size) => Some((args.mode, size)),
            None => None,
        };
        let (shm, label) = open_posix(name, true, create)?;
        if let Some(size) = args.size.filter(|_| !shm.created) {
            same_size(&label, shm.len(), size)?;
        }
        let result = write_into(&shm, &label, &args, shm.created);
        if result.is_err() && shm.created {
            // An object made for a write that did not happen is not left behind.
            let _ = posix::unlink(Kind::Pshm, name);
        }
        return result;
    }
    let address = Address::of(Kind::Shm, &args.target)?;
    let (object, created) = match args.size {
        Some(size) if args.create => create(address, size, args.mode)?,
        _ if address == Address::Private => {
            return Err(usage(
                "'private' always makes a new segment: add --create --size SIZE",
            ))
        }
        _ => (find(address)?, false),
    };
    let result = attach(&object, true).and_then(|segment| {
        if let Some(size) = args.size.filter(|_| !created) {
            same_size(&object, segment.len(), size)?;
        }
        write_into(&*segment, &object, &args, created)
    });
    if result.is_err() && created {
        // A segment made for a write that did not happen is not left behind.
        let _ = shm::remove(object.id);
    } else if created && address == Address::Private {
        eprintln!("id:{}", object.id);
    }
    result
}

/// Creates the segment (IPC_CREAT|IPC_EXCL), or finds the one that already has the key.
/// Says whether this call created it.
fn create(address: Address, size: u64, mode: u32) -> Result<(Object, bool)> {
    let key = match address {
        Address::Key(key) => key,
        Address::Private => IPC_PRIVATE,
        Address::Id(_) => return find(address).map(|object| (object, false)),
    };
    if size == 0 {
        return Err(usage("--size 0: a segment holds at least 1 byte"));
    }
    let object = |id| Object {
        kind: Kind::Shm,
        key,
        id,
    };
    let bytes = usize::try_from(size).unwrap_or(usize::MAX);
    match shm::get(key, bytes, IPC_CREAT | IPC_EXCL | mode as i32) {
        Ok(id) => Ok((object(id), true)),
        Err(Errno::EEXIST) => find(address).map(|object| (object, false)),
        Err(errno) => Err(anyhow!(
            "{}: cannot create {size} bytes: {}",
            address.describe(Kind::Shm),
            create_why(errno, size)
        )),
    }
}

/// `--create --size` found the object already there: it is used only if it has that size,
/// since the size cannot be what the user meant otherwise (and someone else's object is
/// never resized).
fn same_size(object: &dyn Display, has: usize, size: u64) -> Result<()> {
    if u64::try_from(has).is_ok_and(|has| has == size) {
        return Ok(());
    }
    Err(error(
        object,
        format!("it exists with {has} bytes, not the {size} of --size; nothing was written"),
    ))
}

/// The largest file Linux makes (MAX_LFS_FILESIZE), and so the largest segment, whatever
/// shmmax says.
const MAX_FILE_SIZE: u64 = i64::MAX as u64;

/// Why shmget refused to create, naming the limit and where it is set. With IPC_EXCL an
/// existing key is EEXIST, so EINVAL is always about the size: below shmmin (1; --size 0
/// is refused before this), above shmmax, or above the largest file.
fn create_why(errno: Errno, size: u64) -> String {
    let limits = Limits::read().ok();
    match (errno, limits) {
        (Errno::EINVAL, Some(limits)) if size > limits.shmmax => format!(
            "{size} bytes exceed shmmax {} (/proc/sys/kernel/shmmax)",
            limits.shmmax
        ),
        (Errno::EINVAL, Some(limits)) if size > MAX_FILE_SIZE => format!(
            "{size} bytes exceed {MAX_FILE_SIZE}, the largest segment the kernel makes \
             (shmmax {} in /proc/sys/kernel/shmmax is higher)",
            limits.shmmax
        ),
        (Errno::EINVAL, _) => format!(
            "the kernel refuses a segment of {size} bytes (its limit is shmmax, \
             /proc/sys/kernel/shmmax)"
        ),
        (Errno::ENOSPC, Some(limits)) => {
            let in_use = crate::core::ipcdata::shm_records().map_or(0, |r| r.len() as u64);
            if in_use >= limits.shmmni {
                format!(
                    "all {in_use} segments of shmmni {} are in use (/proc/sys/kernel/shmmni)",
                    limits.shmmni
                )
            } else {
                format!(
                    "the segments would exceed shmall {} pages (/proc/sys/kernel/shmall)",
                    limits.shmall
                )
            }
        }
        (other, _) => Kind::Shm.why(other),
    }
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
    if let Target::Posix(name) = &args.target {
        let (shm, label) = open_posix(name, false, None)?;
        return read_out(&shm, &label, &args);
    }
    let object = find(Address::of(Kind::Shm, &args.target)?)?;
    let segment = attach(&object, false)?;
    read_out(&*segment, &object, &args)
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
