//! A System V shared memory segment (shmget/shmat) as a `Segment`: found or created by key
//! or id, and attached for as long as it is open.

use anyhow::{anyhow, Result};
use nix::errno::Errno;

use super::{error, Create, HugePages, Segment};
use crate::core::control::make_or_open;
use crate::core::memory::Memory;
use crate::core::status::usage;
use crate::core::sysv::object::{Address, Object};
use crate::core::sysv::shm::{self, Attached};
use crate::core::sysv::{Kind, IPC_CREAT, IPC_EXCL, IPC_PRIVATE};
use crate::core::target::Target;

pub struct SysvSegment {
    attached: Attached,
    object: Object,
    /// `segment 0x000004d2 (id 3)`.
    name: String,
    created: bool,
    /// Made for `private`: its id is announced.
    private: bool,
}

impl SysvSegment {
    /// Finds the segment (or, with `create`, creates it) and attaches it, writable for a
    /// write. One created here is removed again if it cannot be attached.
    pub fn open(target: &Target, write: bool, create: Option<Create>) -> Result<SysvSegment> {
        let address = Address::of(Kind::Shm, target)?;
        let (object, created) = match create {
            Some(create) => make(address, &create)?,
            None if write && address == Address::Private => {
                return Err(usage(
                    "'private' always makes a new segment: add --create --size SIZE",
                ))
            }
            None => (find(address)?, false),
        };
        let attached = attach(&object, write).and_then(|attached| {
            // Huge pages not set aside at creation are taken when first touched, and a
            // touch that finds none is SIGBUS: they are all taken now, where a shortage is
            // an error (MADV_POPULATE_WRITE, Linux 5.14).
            match create {
                Some(c) if created && c.noreserve && c.huge.is_some() => {
                    populate(&attached)
                        .map_err(|errno| error(&object, huge_why(errno, c.size, c.huge)))?;
                }
                _ => {}
            }
            Ok(attached)
        });
        let attached = match attached {
            Ok(attached) => attached,
            Err(err) => {
                if created {
                    // A segment made for a write that did not happen is not left behind.
                    let _ = shm::remove(object.id);
                }
                return Err(err);
            }
        };
        Ok(SysvSegment {
            attached,
            object,
            name: object.to_string(),
            created,
            private: address == Address::Private,
        })
    }
}

impl Segment for SysvSegment {
    fn memory(&self) -> &dyn Memory {
        &*self.attached
    }

    fn name(&self) -> &str {
        &self.name
    }

    fn created(&self) -> bool {
        self.created
    }

    fn discard(self: Box<Self>) {
        let SysvSegment {
            attached,
            object,
            created,
            ..
        } = *self;
        // Detached first, so that the segment goes at once.
        drop(attached);
        if created {
            let _ = shm::remove(object.id);
        }
    }

    fn announce(&self) {
        if self.created && self.private {
            eprintln!("id:{}", self.object.id);
        }
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

/// MADV_POPULATE_WRITE over the whole attached segment.
fn populate(attached: &Attached) -> Result<(), Errno> {
    // SAFETY: the range is exactly the mapping `attached` holds; populating writes nothing
    // a reader could see (the pages are new and zero).
    Errno::result(unsafe {
        libc::madvise(
            attached.base().cast(),
            attached.len(),
            libc::MADV_POPULATE_WRITE,
        )
    })
    .map(drop)
}

/// SHM_HUGETLB with the page size asked for (SHM_HUGE_2MB, SHM_HUGE_1GB: log2 of the size
/// shifted by SHM_HUGE_SHIFT), and SHM_NORESERVE.
fn huge_flags(create: &Create) -> i32 {
    const SHM_HUGE_SHIFT: u32 = 26;
    let huge = match create.huge {
        None => 0,
        Some(HugePages::Default) => libc::SHM_HUGETLB,
        Some(HugePages::Of(size)) => {
            libc::SHM_HUGETLB | (size.trailing_zeros() << SHM_HUGE_SHIFT) as i32
        }
    };
    huge | if create.noreserve {
        libc::SHM_NORESERVE
    } else {
        0
    }
}

/// Creates the segment (IPC_CREAT|IPC_EXCL), or finds the one that already has the key
/// (with --exclusive, says it exists). Says whether this call created it.
fn make(address: Address, create: &Create) -> Result<(Object, bool)> {
    let (size, mode) = (create.size, create.mode);
    let key = match address {
        Address::Key(key) => key,
        Address::Private => IPC_PRIVATE,
        Address::Id(_) => {
            address.check_exclusive(Kind::Shm, create.exclusive)?;
            return find(address).map(|object| (object, false));
        }
    };
    let object = |id| Object {
        kind: Kind::Shm,
        key,
        id,
    };
    let bytes = usize::try_from(size).unwrap_or(usize::MAX);
    let flags = IPC_CREAT | IPC_EXCL | mode as i32 | huge_flags(create);
    let failed = |errno| match errno {
        Errno::EEXIST => anyhow!(
            "{}: already exists (--exclusive)",
            address.describe(Kind::Shm)
        ),
        errno if create.huge.is_some() => anyhow!(
            "{}: cannot create {size} bytes: {}",
            address.describe(Kind::Shm),
            huge_why(errno, size, create.huge)
        ),
        errno => anyhow!(
            "{}: cannot create {size} bytes: {}",
            address.describe(Kind::Shm),
            create_why(errno, size)
        ),
    };
    let (id, made) = make_or_open(
        create.exclusive,
        || shm::get(key, bytes, flags),
        || find(address).map(|object| object.id),
        failed,
    )?;
    Ok((object(id), made))
}

/// Why a segment of huge pages could not be made or filled: the pool and where it is set.
fn huge_why(errno: Errno, size: u64, huge: Option<HugePages>) -> String {
    let page = match huge {
        Some(HugePages::Of(page)) => page,
        _ => default_huge_page().unwrap_or(2 << 20),
    };
    let words = |bytes: u64| match bytes {
        b if b >= 1 << 30 => format!("{}G", b >> 30),
        b => format!("{}M", b >> 20),
    };
    let pool = if huge.is_some_and(|h| h != HugePages::Default) && Some(page) != default_huge_page()
    {
        format!(
            "/sys/kernel/mm/hugepages/hugepages-{}kB/nr_hugepages",
            page >> 10
        )
    } else {
        "/proc/sys/vm/nr_hugepages".to_string()
    };
    let pages = size.div_ceil(page.max(1));
    match errno {
        Errno::ENOMEM | Errno::EFAULT => format!(
            "not enough free huge pages of {}: it needs {pages}, and the pool has {} free (set its size in {pool})",
            words(page),
            free_huge_pages(page).map_or_else(|| "?".into(), |free| free.to_string())
        ),
        Errno::EPERM => "huge pages need CAP_IPC_LOCK, or membership of the group in /proc/sys/vm/hugetlb_shm_group".into(),
        Errno::EINVAL if !std::path::Path::new(&format!("/sys/kernel/mm/hugepages/hugepages-{}kB", page >> 10)).exists() => format!(
            "this system has no huge pages of {} (/sys/kernel/mm/hugepages lists those it has)",
            words(page)
        ),
        other => create_why(other, size),
    }
}

/// Hugepagesize from /proc/meminfo, in bytes.
fn default_huge_page() -> Option<u64> {
    let meminfo = std::fs::read_to_string("/proc/meminfo").ok()?;
    let line = meminfo.lines().find(|l| l.starts_with("Hugepagesize:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    kb.checked_mul(1024)
}

/// The free huge pages of one size.
fn free_huge_pages(page: u64) -> Option<u64> {
    let path = format!(
        "/sys/kernel/mm/hugepages/hugepages-{}kB/free_hugepages",
        page >> 10
    );
    std::fs::read_to_string(path).ok()?.trim().parse().ok()
}

/// The largest file Linux makes (MAX_LFS_FILESIZE), and so the largest segment, whatever
/// shmmax says.
const MAX_FILE_SIZE: u64 = i64::MAX as u64;

/// Why shmget refused to create, naming the limit and where it is set. With IPC_EXCL an
/// existing key is EEXIST, so EINVAL is always about the size: below shmmin (1; --size 0
/// is refused before this), above shmmax, or above the largest file.
fn create_why(errno: Errno, size: u64) -> String {
    let limits = crate::core::ipcdata::shm_limits().ok();
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
