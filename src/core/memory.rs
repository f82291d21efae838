//! A mapped shared memory region, as System V `shmat` gives it. Other processes may change
//! the bytes at any time, so no Rust reference to them is ever handed out: the region only
//! copies bytes in and out through raw pointers and read(2)/write(2), with every range
//! checked against its length.
//!
//! `Memory` is what `shm write`/`shm read` need of a segment: a System V `Region`, or a
//! POSIX object (core::posix::shm), which is read and written through its descriptor.

use std::io;
use std::os::fd::{AsRawFd, BorrowedFd};
use std::ptr::NonNull;

/// A mapping of `len` bytes at `ptr`, kept alive by whoever owns it (an `Attached` segment).
#[derive(Debug)]
pub struct Region {
    ptr: NonNull<u8>,
    len: usize,
    writable: bool,
}

impl Region {
    /// # Safety
    /// `ptr` must point to a mapping of at least `len` bytes that stays mapped for the life
    /// of the Region, writable when `writable` is true.
    pub unsafe fn new(ptr: NonNull<u8>, len: usize, writable: bool) -> Region {
        Region { ptr, len, writable }
    }

    pub fn len(&self) -> usize {
        self.len
    }

    /// The start of the mapping, for its owner to unmap.
    pub fn base(&self) -> *mut u8 {
        self.ptr.as_ptr()
    }

    /// The address of byte `offset`, after checking that `offset..offset+count` lies in the
    /// region (and that the region may be written, for a write).
    fn at(&self, offset: usize, count: usize, write: bool) -> io::Result<*mut u8> {
        let in_range = offset.checked_add(count).is_some_and(|end| end <= self.len);
        if !in_range {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!(
                    "{count} bytes at offset {offset} are outside the {} bytes mapped",
                    self.len
                ),
            ));
        }
        if write && !self.writable {
            return Err(io::Error::from_raw_os_error(libc::EACCES));
        }
        // SAFETY: offset <= len, so the result stays inside (or one past) the mapping.
        Ok(unsafe { self.ptr.as_ptr().add(offset) })
    }
}

/// A failure of the shared memory itself (not of the descriptor it was copied to or
/// from), so the caller can name the object rather than stdin or stdout.
#[derive(Debug)]
pub struct OfMemory(pub io::Error);

impl std::fmt::Display for OfMemory {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&crate::core::io_text(&self.0))
    }
}

impl std::error::Error for OfMemory {}

impl OfMemory {
    pub fn wrap(err: io::Error) -> io::Error {
        io::Error::other(OfMemory(err))
    }

    /// Whether `err` is the memory's own failure.
    pub fn is(err: &io::Error) -> bool {
        err.get_ref().is_some_and(|inner| inner.is::<OfMemory>())
    }
}

/// Bytes of shared memory, copied in and out at checked offsets. Errors of the memory
/// itself come as `OfMemory`; others are the descriptor's.
pub trait Memory {
    /// The size, as it was when the memory was opened.
    fn len(&self) -> usize;
    /// Copies `bytes` in at `offset`.
    fn copy_in(&self, offset: usize, bytes: &[u8]) -> io::Result<()>;
    /// Reads `fd` into the memory at `offset`, at most `max` bytes (0 at end of input).
    fn read_from(&self, fd: BorrowedFd<'_>, offset: usize, max: usize) -> io::Result<usize>;
    /// Writes at most `max` bytes from `offset` to `fd`; returns the bytes written.
    fn write_to(&self, fd: BorrowedFd<'_>, offset: usize, max: usize) -> io::Result<usize>;
    /// The offset of the first NUL in `offset..offset+count`, if any.
    fn find_nul(&self, offset: usize, count: usize) -> io::Result<Option<usize>>;
}

impl Memory for Region {
    fn len(&self) -> usize {
        Region::len(self)
    }

    fn copy_in(&self, offset: usize, bytes: &[u8]) -> io::Result<()> {
        let dest = self.at(offset, bytes.len(), true)?;
        // SAFETY: `at` checked that the destination range is inside the writable mapping;
        // our own buffer cannot overlap a shared mapping.
        unsafe { std::ptr::copy_nonoverlapping(bytes.as_ptr(), dest, bytes.len()) };
        Ok(())
    }

    fn read_from(&self, fd: BorrowedFd<'_>, offset: usize, max: usize) -> io::Result<usize> {
        let dest = self.at(offset, max, true)?;
        // SAFETY: the kernel writes at most `max` bytes at `dest`, which `at` checked lie
        // inside the writable mapping.
        let got = unsafe { libc::read(fd.as_raw_fd(), dest.cast(), max) };
        if got < 0 {
            return Err(io::Error::last_os_error());
        }
        Ok(got.unsigned_abs())
    }

    fn write_to(&self, fd: BorrowedFd<'_>, offset: usize, max: usize) -> io::Result<usize> {
        let src = self.at(offset, max, false)?;
        // SAFETY: the kernel reads at most `max` bytes at `src`, inside the mapping.
        let put = unsafe { libc::write(fd.as_raw_fd(), src.cast(), max) };
        if put < 0 {
            return Err(io::Error::last_os_error());
        }
        Ok(put.unsigned_abs())
    }

    fn find_nul(&self, offset: usize, count: usize) -> io::Result<Option<usize>> {
        let start = self.at(offset, count, false)?;
        // SAFETY: memchr reads at most `count` bytes from `start`, inside the mapping; it
        // works on raw memory, so a concurrent writer changes what it finds, nothing more.
        let found = unsafe { libc::memchr(start.cast(), 0, count) };
        Ok((!found.is_null()).then(|| offset + (found as usize - start as usize)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A region over a buffer of our own, which stays alive for the test.
    fn region(buffer: &mut [u8], writable: bool) -> Region {
        let ptr = NonNull::new(buffer.as_mut_ptr()).unwrap();
        // SAFETY: the buffer outlives the region in each test and has `len` bytes.
        unsafe { Region::new(ptr, buffer.len(), writable) }
    }

    #[test]
    fn ranges_are_checked() {
        let mut buffer = [0u8; 8];
        {
            let r = region(&mut buffer, true);
            assert!(r.copy_in(6, b"ab").is_ok());
            assert!(r.copy_in(7, b"ab").is_err());
            assert!(r.copy_in(usize::MAX, b"a").is_err());
            assert!(r.copy_in(8, b"").is_ok());
            assert_eq!(r.find_nul(0, 8).unwrap(), Some(0));
            assert_eq!(r.find_nul(6, 2).unwrap(), None);
            assert!(r.find_nul(6, 3).is_err());
        }
        assert_eq!(&buffer[6..], b"ab");
    }

    #[test]
    fn a_read_only_region_refuses_writes() {
        let mut buffer = [1u8; 4];
        let r = region(&mut buffer, false);
        let err = r.copy_in(0, b"x").unwrap_err();
        assert_eq!(err.raw_os_error(), Some(libc::EACCES));
        assert_eq!(r.find_nul(0, 4).unwrap(), None);
    }
}
