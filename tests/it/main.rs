//! The integration tests: one binary (as ripgrep and uutils have), one module per command,
//! and `common`, the one helper module every module shares. They run the built ipcx; IPC
//! objects live in private namespaces (`common::Ns`), files in temporary directories, and
//! the machine is left as the suite found it.

mod common;

mod compat;
mod fifo;
mod generated;
mod holders;
mod key;
mod layering;
mod ls;
mod msg;
mod namespaces;
mod orphans;
mod pipe;
mod posix;
mod rm;
mod sem;
mod shm;
mod signal;
mod sock;
mod waiters;
