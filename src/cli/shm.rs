//! `ipcx shm write|read` as clap definitions.

use std::ffi::OsString;

use clap::{Args, Subcommand};

use crate::core::segment::HugePages;
use crate::core::target::Target;

/// Read and write System V shared memory segments and POSIX shared memory objects.
///
/// A TARGET beginning with `/` is a POSIX object (shm_open, in /dev/shm): --create --size
/// makes it with ftruncate. Another process that truncates it meanwhile causes an error
/// naming it, never a crash, and a write never makes it larger again.
#[derive(Debug, Args)]
#[command(after_help = "Examples:
  ipcx shm write 0x4d2 --create --size 4K 'hello'
  ipcx shm read 0x4d2 --cstr
  ipcx shm write 0x4d2 --create --size 1G < image.bin
  ipcx shm read id:3 --offset 16 --length 4 | od -An -td4
  ipcx shm write /table --create --size 1M < table.bin   # POSIX: /dev/shm/table")]
pub struct ShmArgs {
    #[command(subcommand)]
    pub command: ShmCommand,
}

#[derive(Debug, Subcommand)]
pub enum ShmCommand {
    Write(ShmWriteArgs),
    Read(ShmReadArgs),
}

/// Write DATA, or stdin, into a segment at an offset.
///
/// A write that would not fit between --offset and the end of the segment is refused and
/// writes nothing. When stdin is a regular file its size is known before anything is
/// written; when it is a pipe or terminal, its bytes go straight into the segment until the
/// segment is full, and if more input follows the command fails saying how much was written.
/// Input is copied straight into the attached segment, never into a buffer of its size.
#[derive(Debug, Args)]
#[command(after_help = "Examples:
  ipcx shm write 0x4d2 --create --size 4K 'hello'   # create (mode 0600) and write
  ipcx shm write 0x4d2 --offset 100 'world'
  printf 'x\\0' | ipcx shm write ftok:/srv/app
  ipcx shm write private --create --size 1M < blob   # the new id goes to stderr as id:N")]
pub struct ShmWriteArgs {
    /// The segment: KEY, id:N, ftok:PATH[:PROJ], private (with --create), or /NAME (POSIX).
    pub target: Target,
    /// The bytes to write; without DATA, stdin is written.
    pub data: Option<OsString>,
    /// Where in the segment to start writing (bytes; 4K and the like are accepted).
    #[arg(long, default_value = "0", value_name = "N", value_parser = crate::core::parse::size)]
    pub offset: u64,
    /// Create the segment if it does not exist (needs --size); an existing one must have
    /// that size.
    #[arg(long, requires = "size")]
    pub create: bool,
    /// The size of a segment --create makes (e.g. 4096, 4K, 1M).
    #[arg(long, value_name = "SIZE", requires = "create", value_parser = crate::core::parse::size)]
    pub size: Option<u64>,
    /// The permission bits of a segment --create makes (octal).
    #[arg(short, long, default_value = "600", value_name = "MODE", value_parser = crate::core::parse::mode)]
    pub mode: u32,
    /// With --create: an existing segment is an error (status 1) and is not touched.
    #[arg(long, requires = "create")]
    pub exclusive: bool,
    /// System V --create: make the segment of huge pages (SHM_HUGETLB), of the default
    /// size or of 2M or 1G; they come from the pool set in /proc/sys/vm/nr_hugepages.
    #[arg(long, value_name = "PAGE", requires = "create", num_args = 0..=1,
          require_equals = true, default_missing_value = "default",
          value_parser = HugePages::parse)]
    pub hugetlb: Option<HugePages>,
    /// System V --create: set no swap (or huge pages) aside for it (SHM_NORESERVE). Huge
    /// pages are still all taken before anything is written, so a shortage is an error,
    /// never a crash.
    #[arg(long, requires = "create")]
    pub noreserve: bool,
}

/// Print a segment's bytes (the whole segment by default) on stdout.
///
/// A System V segment is attached read-only (SHM_RDONLY); a POSIX object is opened
/// read-only.
#[derive(Debug, Args)]
#[command(after_help = "Examples:
  ipcx shm read 0x4d2 > copy.bin
  ipcx shm read 0x4d2 --offset 100 --length 5
  ipcx shm read 0x4d2 --cstr             # up to the first NUL, as C's printf(\"%s\") would")]
pub struct ShmReadArgs {
    /// The segment: KEY, id:N, ftok:PATH[:PROJ] or /NAME (POSIX).
    pub target: Target,
    /// Where to start reading (bytes).
    #[arg(long, default_value = "0", value_name = "N", value_parser = crate::core::parse::size)]
    pub offset: u64,
    /// How many bytes to read (default: to the end of the segment).
    #[arg(long, value_name = "N", value_parser = crate::core::parse::size)]
    pub length: Option<u64>,
    /// Stop at the first NUL byte (which is not printed).
    #[arg(long)]
    pub cstr: bool,
}
