//! System V message queues: msgget, msgsnd, msgrcv (with MSG_COPY for peeking) and
//! msgctl, behind a queue handle and one reusable message buffer, so a stream of messages
//! costs one syscall and no allocation per message.

use nix::errno::Errno;

use crate::core::ipcinfo::MSG_STAT_ANY;

/// MSG_COPY (linux/msg.h): copy the message at a position without taking it. The libc
/// crate does not define it.
const MSG_COPY: libc::c_int = 0o40000;

/// Where the per-message limit is set.
pub const MSGMAX_PATH: &str = "/proc/sys/kernel/msgmax";
/// Where the size of new queues is set.
pub const MSGMNB_PATH: &str = "/proc/sys/kernel/msgmnb";

/// msgget(2).
pub fn get(key: i32, flags: i32) -> Result<i32, Errno> {
    // SAFETY: msgget takes plain integers and touches no memory of ours.
    Errno::result(unsafe { libc::msgget(key, flags) })
}

/// msgctl(IPC_RMID).
pub fn remove(msqid: i32) -> Result<(), Errno> {
    // SAFETY: IPC_RMID ignores the buffer argument, so a null pointer is allowed.
    Errno::result(unsafe { libc::msgctl(msqid, libc::IPC_RMID, std::ptr::null_mut()) }).map(drop)
}

/// What msgctl(IPC_STAT) tells about a queue.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Stat {
    pub key: i32,
    /// Messages queued.
    pub qnum: u64,
    /// Bytes queued.
    pub cbytes: u64,
    /// The most bytes the queue holds (msg_qbytes; new queues get msgmnb).
    pub qbytes: u64,
}

/// IPC_STAT, or for a queue we may write and not read (a mailbox), the same fields from
/// MSG_STAT_ANY: IPC_STAT needs read permission, msgsnd only write. EACCES still where the
/// kernel is older.
pub fn stat_any(msqid: i32) -> Result<Stat, Errno> {
    match stat(msqid) {
        Err(Errno::EACCES) => {}
        other => return other,
    }
    // An id is its slot plus a sequence number times IPCMNI: 32768, or 2^24 with the
    // ipcmni_extend boot option. The slot's id must match, or it is another queue.
    for slot in [msqid & 0x7fff, msqid & 0x00ff_ffff] {
        let mut ds = std::mem::MaybeUninit::<libc::msqid_ds>::zeroed();
        // SAFETY: `ds` is a writable msqid_ds the kernel fills on success.
        let id = unsafe { libc::msgctl(slot, MSG_STAT_ANY, ds.as_mut_ptr()) };
        if id == msqid {
            // SAFETY: zero-initialised, and filled by the successful call.
            return Ok(stat_of(unsafe { &ds.assume_init() }));
        }
    }
    Err(Errno::EACCES)
}

fn stat_of(ds: &libc::msqid_ds) -> Stat {
    Stat {
        key: ds.msg_perm.__key,
        qnum: ds.msg_qnum,
        cbytes: ds.__msg_cbytes,
        qbytes: ds.msg_qbytes,
    }
}

/// msgctl(IPC_STAT).
pub fn stat(msqid: i32) -> Result<Stat, Errno> {
    let mut ds = std::mem::MaybeUninit::<libc::msqid_ds>::zeroed();
    // SAFETY: `ds` is a writable msqid_ds the kernel fills on success.
    Errno::result(unsafe { libc::msgctl(msqid, libc::IPC_STAT, ds.as_mut_ptr()) })?;
    // SAFETY: zero-initialised, and filled by a successful IPC_STAT.
    Ok(stat_of(unsafe { &ds.assume_init() }))
}

/// Which message msgrcv takes: msgtyp with its three meanings, or MSG_EXCEPT.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Select {
    /// 0 any, > 0 that type, < 0 the lowest type ≤ |type|.
    pub mtype: i64,
    /// MSG_EXCEPT: the first message whose type is not `mtype` (> 0).
    pub except: bool,
}

impl Select {
    /// Whether a message of `mtype` is one this selection could take (for --peek, which
    /// reads by position and filters here). For a negative type every type ≤ |type| is
    /// shown, in queue order.
    pub fn matches(&self, mtype: i64) -> bool {
        match (self.mtype, self.except) {
            (0, _) => true,
            (want, true) => mtype != want,
            (want, false) if want > 0 => mtype == want,
            (want, false) => mtype <= want.saturating_abs(),
        }
    }
}

/// A message buffer laid out as `struct msgbuf { long mtype; char mtext[]; }`, reused for
/// every message. It is sized by the messages that pass through it, never by a kernel limit
/// alone (msgmax may be 2^31 - 1 in a namespace, or anything in a crafted /proc), and it
/// grows without aborting: a size that cannot be had is ENOMEM.
pub struct MsgBuf {
    /// `c_long` units keep the `mtype` field aligned.
    words: Vec<libc::c_long>,
    /// The size of `mtext`.
    capacity: usize,
}

const TYPE_SIZE: usize = std::mem::size_of::<libc::c_long>();

/// What a buffer for messages of unknown size starts with: the kernel's default msgmax,
/// so that with default limits it never grows.
pub const FIRST_CAPACITY: usize = 8192;

impl MsgBuf {
    /// A buffer for messages of up to `capacity` bytes; ENOMEM when that cannot be had.
    pub fn new(capacity: usize) -> Result<MsgBuf, Errno> {
        // The type word is always there, even for messages of 0 bytes (msgmax may be 0).
        let mut buf = MsgBuf {
            words: vec![0],
            capacity: 0,
        };
        buf.grow(capacity)?;
        Ok(buf)
    }

    /// The size of `mtext`.
    pub fn capacity(&self) -> usize {
        self.capacity
    }

    /// Makes room for messages of up to `capacity` bytes (a smaller one changes nothing);
    /// ENOMEM, with the buffer unchanged, when the memory cannot be had.
    pub fn grow(&mut self, capacity: usize) -> Result<(), Errno> {
        if capacity <= self.capacity {
            return Ok(());
        }
        let words = capacity
            .div_ceil(TYPE_SIZE)
            .checked_add(1)
            .ok_or(Errno::ENOMEM)?;
        self.words
            .try_reserve_exact(words - self.words.len())
            .map_err(|_| Errno::ENOMEM)?;
        self.words.resize(words, 0);
        self.capacity = capacity;
        Ok(())
    }

    pub fn mtype(&self) -> i64 {
        #[allow(clippy::useless_conversion)] // c_long is i64 on 64-bit targets only
        i64::from(self.words[0])
    }

    /// The first `len` bytes of mtext (clamped to the capacity).
    pub fn text(&self, len: usize) -> &[u8] {
        let len = len.min(self.capacity);
        // SAFETY: the allocation holds one c_long and then at least `capacity` bytes, all
        // initialised (zeroed at creation); u8 has no alignment or validity requirement.
        unsafe { std::slice::from_raw_parts(self.words.as_ptr().cast::<u8>().add(TYPE_SIZE), len) }
    }

    /// All of mtext, writable: the buffer a POSIX mq_receive fills (it has no type field).
    pub fn text_mut(&mut self) -> &mut [u8] {
        // SAFETY: as in `text`; the exclusive borrow of self makes the slice ours alone.
        unsafe {
            std::slice::from_raw_parts_mut(
                self.words.as_mut_ptr().cast::<u8>().add(TYPE_SIZE),
                self.capacity,
            )
        }
    }

    /// Copies `data` (at most the capacity) and `mtype` in, ready for msgsnd.
    pub fn fill(&mut self, mtype: i64, data: &[u8]) -> usize {
        let len = data.len().min(self.capacity);
        // c_long is i64 on 64-bit targets; on 32-bit ones a type beyond it wraps, as in C.
        #[allow(clippy::unnecessary_cast)]
        let mtype = mtype as libc::c_long;
        self.words[0] = mtype;
        self.text_mut()[..len].copy_from_slice(&data[..len]);
        len
    }
}

/// msgsnd(2) of the first `len` bytes of `buf`, as filled by `MsgBuf::fill`.
pub fn send(msqid: i32, buf: &MsgBuf, len: usize, nowait: bool) -> Result<(), Errno> {
    let len = len.min(buf.capacity);
    let flags = if nowait { libc::IPC_NOWAIT } else { 0 };
    // SAFETY: the buffer holds a c_long type followed by at least `len` bytes of text.
    Errno::result(unsafe { libc::msgsnd(msqid, buf.words.as_ptr().cast(), len, flags) }).map(drop)
}

/// msgrcv(2) into `buf`; returns the length of the text. `truncate` is MSG_NOERROR.
pub fn recv(
    msqid: i32,
    buf: &mut MsgBuf,
    select: Select,
    nowait: bool,
    truncate: bool,
) -> Result<usize, Errno> {
    let mut flags = 0;
    if nowait {
        flags |= libc::IPC_NOWAIT;
    }
    if truncate {
        flags |= libc::MSG_NOERROR;
    }
    if select.except {
        flags |= libc::MSG_EXCEPT;
    }
    #[allow(clippy::unnecessary_cast)] // c_long is i64 on 64-bit targets only
    let msgtyp = select.mtype as libc::c_long;
    receive(msqid, buf, msgtyp, flags)
}

/// The message at `position` (0 is the oldest), copied without taking it (MSG_COPY; the
/// kernel answers ENOSYS without CONFIG_CHECKPOINT_RESTORE, ENOMSG past the end).
pub fn peek(msqid: i32, buf: &mut MsgBuf, position: u64, truncate: bool) -> Result<usize, Errno> {
    let position = libc::c_long::try_from(position).map_err(|_| Errno::ENOMSG)?;
    let mut flags = MSG_COPY | libc::IPC_NOWAIT;
    if truncate {
        flags |= libc::MSG_NOERROR;
    }
    receive(msqid, buf, position, flags)
}

fn receive(
    msqid: i32,
    buf: &mut MsgBuf,
    msgtyp: libc::c_long,
    flags: libc::c_int,
) -> Result<usize, Errno> {
    // SAFETY: the buffer holds a c_long type followed by `capacity` writable bytes, which is
    // the size we pass; the kernel writes no more.
    let len = unsafe {
        libc::msgrcv(
            msqid,
            buf.words.as_mut_ptr().cast(),
            buf.capacity,
            msgtyp,
            flags,
        )
    };
    Errno::result(len).map(|len| len as usize)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn buffer_round_trip() {
        let mut buf = MsgBuf::new(5).unwrap();
        assert_eq!(buf.fill(7, b"hello world"), 5);
        assert_eq!(buf.mtype(), 7);
        assert_eq!(buf.text(99), b"hello");
        buf.grow(11).unwrap();
        assert_eq!(buf.fill(7, b"hello world"), 11);
        assert_eq!(buf.text(99), b"hello world");
        let mut empty = MsgBuf::new(0).unwrap();
        assert_eq!(empty.text(3), b"");
        assert_eq!(empty.fill(9, b"x"), 0);
        assert_eq!(empty.mtype(), 9);
    }

    #[test]
    fn an_impossible_size_is_enomem_not_an_abort() {
        assert_eq!(MsgBuf::new(usize::MAX).err(), Some(Errno::ENOMEM));
        assert_eq!(MsgBuf::new(usize::MAX / 2).err(), Some(Errno::ENOMEM));
        let mut buf = MsgBuf::new(8).unwrap();
        assert_eq!(buf.grow(isize::MAX as usize), Err(Errno::ENOMEM));
        assert_eq!(buf.capacity(), 8);
    }

    #[test]
    fn selections() {
        let any = Select {
            mtype: 0,
            except: false,
        };
        assert!(any.matches(5));
        let exact = Select {
            mtype: 2,
            except: false,
        };
        assert!(exact.matches(2) && !exact.matches(3));
        let except = Select {
            mtype: 2,
            except: true,
        };
        assert!(!except.matches(2) && except.matches(3));
        let lowest = Select {
            mtype: -3,
            except: false,
        };
        assert!(lowest.matches(1) && lowest.matches(3) && !lowest.matches(4));
        let extreme = Select {
            mtype: i64::MIN,
            except: false,
        };
        assert!(extreme.matches(i64::MAX));
    }
}
