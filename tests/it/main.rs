//! The integration tests: one binary (as ripgrep and uutils have), one module per command,
//! and `common`, the one helper module every module shares. They run the built ipcx; IPC
//! objects live in private namespaces (`common::Ns`), files in temporary directories, and
//! the machine is left as the suite found it.

mod common;

mod compat;
mod create;
mod fifo;
mod flock;
mod generated;
mod holders;
mod key;
mod layering;
mod lock;
mod ls;
mod msg;
mod namespaces;
mod orphans;
mod pipe;
mod plumbing;
mod posix;
mod rm;
mod sem;
mod semop;
mod set;
mod shm;
mod signal;
mod sock;
mod waiters;
