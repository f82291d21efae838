//! Other IPC namespaces: naming one (a process's, or a namespace file such as a bind mount
//! of /proc/PID/ns/ipc), finding every one of the host as lsns does (from /proc/*/ns/ipc),
//! and running a piece of a command inside one: a forked child enters it (setns) — and,
//! given a process, that process's mount namespace, so that its /dev/shm and /dev/mqueue
//! are the ones listed — does the work, and ends with the work's status. The parent never
//! changes namespace.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::Read;
use std::os::fd::OwnedFd;
use std::os::unix::fs::MetadataExt;

use anyhow::{anyhow, Context, Result};
use nix::sched::{setns, CloneFlags};

use crate::core::process::{exit_child, fork_process, wait_all, Ended, Forked};
use crate::core::status::status_of;

/// An IPC namespace to enter.
#[derive(Debug)]
pub struct Namespace {
    /// `ipc:[N]`, as /proc/PID/ns/ipc names it.
    pub name: String,
    /// What the user named: `process 123` or the file.
    pub what: String,
    /// None for our own, which is not entered.
    ipc: Option<File>,
    /// The mount namespace of the process named, for its POSIX objects.
    mnt: Option<File>,
}

/// How a namespace the user named could not be had, in words.
fn why(err: std::io::Error) -> String {
    crate::core::io_text(&err)
}

impl Namespace {
    /// The namespace of `PID` or of a namespace file; with `posix`, also the mount
    /// namespace of `PID`, where its POSIX objects are (entering it costs more, so a
    /// listing of System V objects alone does without).
    pub fn named(spec: &str, posix: bool) -> Result<Namespace> {
        let pid = spec.parse::<u32>().ok().filter(|pid| *pid > 0);
        let (what, ipc_path, mnt_path) = match pid {
            Some(pid) => (
                format!("process {pid}"),
                format!("/proc/{pid}/ns/ipc"),
                posix.then(|| format!("/proc/{pid}/ns/mnt")),
            ),
            None => (spec.to_string(), spec.to_string(), None),
        };
        let ipc = File::open(&ipc_path).map_err(|err| match err.kind() {
            // /proc/PID/ns/ipc is missing only when /proc/PID is: there is no such process.
            std::io::ErrorKind::NotFound if pid.is_some() => anyhow!("{what}: no such process"),
            _ => anyhow!("IPC namespace of {what}: {}", why(err)),
        })?;
        let inode = ipc
            .metadata()
            .map_err(|err| anyhow!("IPC namespace of {what}: {}", why(err)))?
            .ino();
        let mnt = match mnt_path {
            Some(path) => Some(
                File::open(path)
                    .map_err(|err| anyhow!("mount namespace of {what}: {}", why(err)))?,
            ),
            None => None,
        };
        // Our own namespaces are not entered: setns needs privilege even into them, and
        // an unprivileged user may list their own.
        let ours = |file: &File, kind: &str| {
            let mine = std::fs::metadata(format!("/proc/self/ns/{kind}")).ok();
            let theirs = file.metadata().ok();
            matches!((mine, theirs), (Some(a), Some(b)) if a.ino() == b.ino() && a.dev() == b.dev())
        };
        let mnt = mnt.filter(|file| !ours(file, "mnt"));
        let own = ours(&ipc, "ipc");
        Ok(Namespace {
            name: format!("ipc:[{inode}]"),
            what,
            ipc: (!own).then_some(ipc),
            mnt,
        })
    }

    /// Runs `work` in a child inside this namespace; its status (0 when it succeeded) is
    /// returned, what it printed already printed. Failing to enter is reported by the child
    /// (status 1).
    pub fn run(&self, work: impl FnOnce() -> Result<()>) -> Result<i32> {
        Ok(self.fork(None, work)?.0)
    }

    /// As `run`, with the child's stdout caught: its status and what it printed.
    pub fn run_captured(&self, work: impl FnOnce() -> Result<()>) -> Result<(i32, Vec<u8>)> {
        let pipe = nix::unistd::pipe().context("pipe")?;
        self.fork(Some(pipe), work)
    }

    fn fork(
        &self,
        pipe: Option<(OwnedFd, OwnedFd)>,
        work: impl FnOnce() -> Result<()>,
    ) -> Result<(i32, Vec<u8>)> {
        match fork_process()? {
            Forked::Child => {
                if let Some((read, write)) = pipe {
                    drop(read);
                    if nix::unistd::dup2_stdout(&write).is_err() {
                        exit_child(1);
                    }
                }
                let entered = match &self.ipc {
                    Some(ipc) => setns(ipc, CloneFlags::CLONE_NEWIPC),
                    None => Ok(()),
                }
                .and_then(|()| match &self.mnt {
                    Some(mnt) => setns(mnt, CloneFlags::CLONE_NEWNS),
                    None => Ok(()),
                })
                .map_err(|errno| {
                    anyhow!(
                        "cannot enter the IPC namespace of {} ({}): {}",
                        self.what,
                        self.name,
                        crate::core::errno_text(errno)
                    )
                });
                let status = status_of(entered.and_then(|()| work()));
                exit_child(status.into())
            }
            Forked::Parent(child) => {
                let mut out = Vec::new();
                if let Some((read, write)) = pipe {
                    drop(write);
                    let _ = File::from(read).read_to_end(&mut out);
                }
                let status = match wait_all(&[child])?.first() {
                    Some(ended) => ended.status(),
                    None => Ended::Code(1).status(),
                };
                Ok((status, out))
            }
        }
    }
}

/// One IPC namespace of the host and a process that lives in it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Found {
    pub inode: u64,
    pub pid: i32,
    /// The other processes found in it, lowest first: one of them stands for the
    /// namespace when `pid` has ended by the time it is entered.
    pub others: Vec<i32>,
    /// The mount namespace of that process, to tell namespaces sharing /dev/shm.
    pub mnt: Option<u64>,
}

/// Every IPC namespace of the host, found from /proc/*/ns/ipc as lsns finds them, each
/// with its lowest pid; processes whose namespace cannot be read are counted.
pub fn every() -> (Vec<Found>, usize) {
    let mut found: BTreeMap<u64, Found> = BTreeMap::new();
    let mut unreadable = 0;
    // Lowest first (as `pids` gives them): each namespace is found with its lowest pid.
    for pid in crate::core::procfs::pids() {
        let inode = match std::fs::metadata(format!("/proc/{pid}/ns/ipc")) {
            Ok(meta) => meta.ino(),
            Err(err) => {
                unreadable += usize::from(crate::core::holders::denied(&err));
                continue;
            }
        };
        found
            .entry(inode)
            .and_modify(|ns| ns.others.push(pid))
            .or_insert_with(|| Found {
                inode,
                pid,
                others: Vec::new(),
                mnt: std::fs::metadata(format!("/proc/{pid}/ns/mnt"))
                    .ok()
                    .map(|m| m.ino()),
            });
    }
    (found.into_values().collect(), unreadable)
}

impl Found {
    /// The namespace to enter, through the first of its processes that still lives in it
    /// (a pid may have ended, or been reused elsewhere, since the namespaces were found).
    /// None when none does: the namespace ended meanwhile, and there is nothing to list.
    /// The error is the first process's, when it could be opened by none for another reason.
    pub fn enter(&self, posix: bool) -> Option<Result<(i32, Namespace)>> {
        let name = format!("ipc:[{}]", self.inode);
        let mut first_error = None;
        let still_in = |pid: i32| {
            std::fs::metadata(format!("/proc/{pid}/ns/ipc")).is_ok_and(|m| m.ino() == self.inode)
        };
        for pid in std::iter::once(self.pid).chain(self.others.iter().copied()) {
            match Namespace::named(&pid.to_string(), posix) {
                Ok(namespace) if namespace.name == name => return Some(Ok((pid, namespace))),
                // A process that ended, or whose pid now names another namespace's process.
                Ok(_) => {}
                Err(_) if !still_in(pid) => {}
                Err(err) => {
                    first_error.get_or_insert(err);
                }
            }
        }
        first_error.map(Err)
    }
}

/// The container id in a process's cgroup path, when it has one: the last 64-hex-digit
/// word of /proc/PID/cgroup (docker-ID.scope, /docker/ID, /kubepods/.../ID, libpod-ID).
pub fn container_id(pid: i32) -> Option<String> {
    let text = std::fs::read_to_string(format!("/proc/{pid}/cgroup")).ok()?;
    container_in(&text)
}

pub fn container_in(cgroup: &str) -> Option<String> {
    cgroup
        .split(|c: char| !c.is_ascii_hexdigit())
        .rfind(|word| word.len() == 64)
        .map(|id| id[..12].to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn container_ids_from_cgroup_paths() {
        let id = "4b825dc642cb6eb9a060e54bf8d69288fbee4904a1b2c3d4e5f60718293a4b5c";
        assert_eq!(
            container_in(&format!("0::/system.slice/docker-{id}.scope\n")),
            Some("4b825dc642cb".into())
        );
        assert_eq!(
            container_in(&format!("0::/kubepods/burstable/pod1/{id}\n")),
            Some("4b825dc642cb".into())
        );
        assert_eq!(container_in("0::/user.slice/user-1000.slice\n"), None);
    }

    /// A namespace whose first process ended since it was found is entered through another
    /// of its processes; one whose processes all ended is skipped, not an error.
    #[test]
    fn a_process_that_ended_is_passed_over() {
        let inode = std::fs::metadata("/proc/self/ns/ipc").unwrap().ino();
        let me = i32::try_from(std::process::id()).unwrap();
        // Above pid_max (at most 2^22): no process has it.
        let ended = 1 << 23;
        let found = |others: Vec<i32>| Found {
            inode,
            pid: ended,
            others,
            mnt: None,
        };
        let (pid, namespace) = found(vec![me]).enter(false).unwrap().unwrap();
        assert_eq!((pid, namespace.name), (me, format!("ipc:[{inode}]")));
        assert!(found(vec![]).enter(false).is_none());
        // A pid now in another namespace does not stand for this one.
        let elsewhere = Found {
            inode: inode + 1,
            pid: me,
            others: vec![],
            mnt: None,
        };
        assert!(elsewhere.enter(false).is_none());
    }
}
