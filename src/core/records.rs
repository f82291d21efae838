//! The records of System V objects, whichever way they were read (/proc/sysvipc or the
//! kernel's *_STAT calls): the bottom of the System V data layer, imported by the /proc
//! parser (procfs), the control calls (ipcinfo) and the layer that chooses between them
//! (ipcdata), and importing none of them.

/// Fields common to the three kinds: the `ipc_perm` of the object.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Perm {
    pub key: i32,
    pub id: i32,
    /// The mode bits as /proc prints them (octal), including SHM_DEST and SHM_LOCKED.
    pub mode: u32,
    pub uid: u32,
    pub gid: u32,
    pub cuid: u32,
    pub cgid: u32,
    pub ctime: i64,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MsgRecord {
    pub perm: Perm,
    /// Bytes queued.
    pub cbytes: u64,
    /// Messages queued.
    pub qnum: u64,
    pub lspid: i32,
    pub lrpid: i32,
    pub stime: i64,
    pub rtime: i64,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ShmRecord {
    pub perm: Perm,
    pub size: u64,
    pub cpid: i32,
    pub lpid: i32,
    pub nattch: u64,
    pub atime: i64,
    pub dtime: i64,
    /// Resident and swapped bytes: 0 on kernels whose /proc does not report them, None
    /// where the segment was read with SHM_STAT, which does not tell them.
    pub rss: Option<u64>,
    pub swap: Option<u64>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SemRecord {
    pub perm: Perm,
    pub nsems: u64,
    pub otime: i64,
}

/// SHM_DEST: the segment is marked for removal and goes when its last user detaches.
pub const SHM_DEST: u32 = 0o1000;
/// SHM_LOCKED: the segment is locked in memory (SHM_LOCK).
pub const SHM_LOCKED: u32 = 0o2000;
