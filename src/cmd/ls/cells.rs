//! The cells of `ls`: what each column shows of a listed object, of any kind, with the
//! user and group names, command names and command lines each looked up once, and sizes and
//! times as the output format wants them.

use std::collections::HashMap;

use serde_json::json;

use super::columns::Col;
use crate::core::holders::{file_id, posix_file, FileId, Holder, Holders};
use crate::core::ipcdata::{SHM_DEST, SHM_LOCKED};
use crate::core::objects::Listed;
use crate::core::procfs;
use crate::core::sysv::perms_string;
use crate::core::timestamps;
use crate::core::users::Names;
use crate::core::waiters::{self, Wait, Waiters};
use crate::output::{human_size, Cell};

/// What every row needs besides its object: names resolved once, the clock, the choices.
pub(super) struct Cells {
    pub(super) names: Names,
    pub(super) now: i64,
    pub(super) human: bool,
    pub(super) iso_times: bool,
    /// The namespace the NS column names (--all-namespaces).
    pub(super) ns: Option<String>,
    /// Who holds each object, from one scan of /proc (empty when not asked for).
    pub(super) holders: Holders,
    /// Who waits on each object, from one scan of /proc (empty when not asked for).
    pub(super) waiters: Waiters,
    pub(super) comms: HashMap<i32, Option<String>>,
    /// Creators' command lines, read once per pid (segments often share a creator).
    pub(super) cmdlines: HashMap<i32, Option<String>>,
}

impl Cells {
    fn size(&self, bytes: u64) -> Cell {
        if self.human {
            Cell::Rich {
                text: human_size(bytes),
                json: json!(human_size(bytes)),
            }
        } else {
            Cell::UInt(bytes)
        }
    }

    fn time(&self, seconds: i64) -> Cell {
        if seconds == 0 {
            Cell::Null
        } else if self.iso_times {
            timestamps::iso(seconds)
                .map(Cell::Text)
                .unwrap_or(Cell::Int(seconds))
        } else {
            Cell::Text(timestamps::short(seconds, self.now))
        }
    }

    fn comm(&mut self, pid: i32) -> Cell {
        self.comm_text(pid).map(Cell::Text).unwrap_or(Cell::Null)
    }

    fn comm_text(&mut self, pid: i32) -> Option<String> {
        let name = self.comms.entry(pid).or_insert_with(|| procfs::comm(pid));
        name.clone()
    }

    fn cmdline(&mut self, pid: i32) -> Cell {
        let line = self
            .cmdlines
            .entry(pid)
            .or_insert_with(|| procfs::cmdline(pid));
        line.clone().map(Cell::Text).unwrap_or(Cell::Null)
    }

    /// Processes as a cell: `pid(command)` (with `:how` when there is one), comma-separated,
    /// or `-`; in JSON `[{pid, command, how}]`.
    fn people(&mut self, who: impl Iterator<Item = (i32, Option<&'static str>)>) -> Cell {
        let mut texts = Vec::new();
        let mut objects = Vec::new();
        for (pid, how) in who {
            let comm = self.comm_text(pid);
            let mut text = match &comm {
                Some(name) => format!("{pid}({name})"),
                None => pid.to_string(),
            };
            let mut entry = json!({ "pid": pid, "command": comm });
            if let Some(how) = how {
                text.push(':');
                text.push_str(how);
                entry["how"] = json!(how);
            }
            texts.push(text);
            objects.push(entry);
        }
        let text = if texts.is_empty() {
            "-".to_string()
        } else {
            texts.join(",")
        };
        Cell::Rich {
            text,
            json: json!(objects),
        }
    }

    /// The file of a POSIX object, as the holders' scan found it or by a stat of its own.
    fn file_of(&self, object: &Listed) -> Option<FileId> {
        self.holders
            .file_of(object)
            .or_else(|| posix_file(object.kind(), object.name()?).and_then(|path| file_id(&path)))
    }

    /// What column `col` shows of `object`.
    pub(super) fn cell(&mut self, col: Col, object: &Listed) -> Cell {
        let creator = object.creator();
        match col {
            // The columns many kinds share, asked of the object.
            Col::Key => object
                .key()
                .map_or(Cell::Null, |key| Cell::Hex32(key as u32)),
            Col::Id => object.id().map_or(Cell::Null, |id| Cell::Int(id.into())),
            Col::Name => object
                .name()
                .map_or(Cell::Null, |name| Cell::Text(name.to_string())),
            Col::Owner | Col::User => Cell::Shared(self.names.user(object.uid())),
            Col::Perms => Cell::Static(perms_string(object.mode())),
            Col::Cuid => creator.map_or(Cell::Null, |(uid, _)| Cell::UInt(uid.into())),
            Col::Cuser => creator.map_or(Cell::Null, |(uid, _)| Cell::Shared(self.names.user(uid))),
            Col::Cgid => creator.map_or(Cell::Null, |(_, gid)| Cell::UInt(gid.into())),
            Col::Cgroup => {
                creator.map_or(Cell::Null, |(_, gid)| Cell::Shared(self.names.group(gid)))
            }
            Col::Uid => Cell::UInt(object.uid().into()),
            Col::Gid => Cell::UInt(object.gid().into()),
            Col::Group => Cell::Shared(self.names.group(object.gid())),
            Col::Ctime | Col::Mtime => self.time(object.changed()),
            Col::Size => object.size().map_or(Cell::Null, |n| self.size(n)),
            Col::Ns => self.ns.clone().map_or(Cell::Null, Cell::Text),
            _ => self.own(col, object),
        }
    }

    /// The columns of one kind's own record.
    fn own(&mut self, col: Col, object: &Listed) -> Cell {
        let count = |n: Option<u64>| n.map(Cell::UInt).unwrap_or(Cell::Null);
        match (col, object) {
            (Col::UsedBytes, Listed::Msg(rec)) => self.size(rec.cbytes),
            (Col::Msgs, Listed::Msg(rec)) => Cell::UInt(rec.qnum),
            (Col::Send, Listed::Msg(rec)) => self.time(rec.stime),
            (Col::Recv, Listed::Msg(rec)) => self.time(rec.rtime),
            (Col::Lspid, Listed::Msg(rec)) => Cell::Int(rec.lspid.into()),
            (Col::Lrpid, Listed::Msg(rec)) => Cell::Int(rec.lrpid.into()),
            (Col::Lscomm, Listed::Msg(rec)) => self.comm(rec.lspid),
            (Col::Lrcomm, Listed::Msg(rec)) => self.comm(rec.lrpid),

            (Col::Nattch, Listed::Shm(rec)) => Cell::UInt(rec.nattch),
            (Col::Status, Listed::Shm(rec)) => {
                let mut flags = Vec::new();
                if rec.perm.mode & SHM_DEST != 0 {
                    flags.push("dest");
                }
                if rec.perm.mode & SHM_LOCKED != 0 {
                    flags.push("locked");
                }
                if flags.is_empty() {
                    Cell::Null
                } else {
                    Cell::Text(flags.join(","))
                }
            }
            (Col::Attach, Listed::Shm(rec)) => self.time(rec.atime),
            (Col::Detach, Listed::Shm(rec)) => self.time(rec.dtime),
            (Col::Command, Listed::Shm(rec)) => self.cmdline(rec.cpid),
            (Col::Cpid, Listed::Shm(rec)) => Cell::Int(rec.cpid.into()),
            (Col::Lpid, Listed::Shm(rec)) => Cell::Int(rec.lpid.into()),
            (Col::Ccomm, Listed::Shm(rec)) => self.comm(rec.cpid),
            (Col::Lcomm, Listed::Shm(rec)) => self.comm(rec.lpid),
            (Col::Rss, Listed::Shm(rec)) => rec.rss.map_or(Cell::Null, |n| self.size(n)),
            (Col::Swap, Listed::Shm(rec)) => rec.swap.map_or(Cell::Null, |n| self.size(n)),
            (Col::Attached, Listed::Shm(_)) => {
                let holders = self.holders.of(object);
                self.people(holders.iter().map(|h| (h.pid, None)))
            }
            (Col::Waiters, _) => {
                let file = self.file_of(object);
                let found: Vec<_> = self.waiters.of(object, file).into_iter().cloned().collect();
                let mut texts = Vec::new();
                let mut objects = Vec::new();
                for waiter in found {
                    let comm = self.comm_text(waiter.pid);
                    let detail = waiters::detail(&waiter);
                    let mut text = match &comm {
                        Some(name) => format!("{}({name}):{}", waiter.pid, waiter.call()),
                        None => format!("{}:{}", waiter.pid, waiter.call()),
                    };
                    if !detail.is_empty() {
                        text.push(' ');
                        text.push_str(&detail);
                    }
                    let mut entry =
                        json!({ "pid": waiter.pid, "command": comm, "op": waiter.call() });
                    match &waiter.wait {
                        Wait::Msg { mtype, size, .. } => {
                            entry["type"] = json!(mtype);
                            entry["size"] = json!(size);
                        }
                        Wait::Sem { ops, .. } => {
                            entry["ops"] = json!(ops.as_ref().map(|ops| ops
                                .iter()
                                .map(|(num, op)| json!({ "sem": num, "op": op }))
                                .collect::<Vec<_>>()));
                        }
                        Wait::Mq { size, .. } => entry["size"] = json!(size),
                        Wait::Futex { .. } => {}
                    }
                    texts.push(text);
                    objects.push(entry);
                }
                let text = if texts.is_empty() {
                    "-".to_string()
                } else {
                    texts.join("; ")
                };
                Cell::Rich {
                    text,
                    json: json!(objects),
                }
            }
            (Col::Holders, _) => {
                let holders = self.holders.of(object);
                self.people(holders.iter().map(|h: &Holder| (h.pid, Some(h.how.word()))))
            }

            (Col::Nsems, Listed::Sem(rec)) => Cell::UInt(rec.nsems),
            (Col::Otime, Listed::Sem(rec)) => self.time(rec.otime),

            (Col::UsedBytes, Listed::Mq(rec)) => {
                rec.qsize.map(|n| self.size(n)).unwrap_or(Cell::Null)
            }
            (Col::Msgs, Listed::Mq(rec)) => count(rec.curmsgs),
            (Col::Maxmsgs, Listed::Mq(rec)) => count(rec.maxmsg),
            (Col::Msgsize, Listed::Mq(rec)) => {
                rec.msgsize.map(|n| self.size(n)).unwrap_or(Cell::Null)
            }

            (Col::Value, Listed::Psem(rec)) => {
                rec.value.map(|v| Cell::Int(v.into())).unwrap_or(Cell::Null)
            }
            _ => Cell::Null,
        }
    }
}
