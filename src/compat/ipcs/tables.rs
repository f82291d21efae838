//! `ipcs -q`, `-m` and `-s` (with `-a`, all three): each table in each format: the default,
//! `-l` limits, `-u` summary, `-c` creators, `-t` times and `-p` pids.

use std::io::Write as _;

use super::format::{
    creators_header, header, id_owner, key_id_owner_perms, long_time, perms_line, print_size,
    times_row,
};
use super::{queues, segments, semaphore_sets, Format, Unit};
use crate::compat::left;
use crate::core::ipcdata::{self, SHMMIN, SHM_DEST, SHM_LOCKED};
use crate::core::ipcinfo;
use crate::core::sysv::sem::SEMVMX;
use crate::core::users::Names;

pub(super) fn do_msg(out: &mut Vec<u8>, names: &mut Names, format: Format, unit: Unit) {
    match format {
        Format::Limits => {
            // From /proc/sys/kernel, or IPC_INFO, as util-linux decides (ipcdata).
            let Ok(ipcdata::MsgLimits {
                msgmni,
                msgmnb,
                msgmax,
                ..
            }) = ipcdata::msg_limits()
            else {
                out.extend_from_slice(b"unable to fetch message limits\n");
                return;
            };
            let unit = if unit == Unit::Default {
                Unit::Bytes
            } else {
                unit
            };
            let _ = writeln!(out, "------ Messages Limits --------");
            let _ = writeln!(out, "max queues system wide = {msgmni}");
            print_size(out, unit, Some("max size of message"), msgmax, "\n", 0);
            // util-linux widens the int as C does: a negative value wraps.
            #[allow(clippy::cast_sign_loss)]
            let msgmnb = i64::from(msgmnb) as u64;
            print_size(
                out,
                unit,
                Some("default max size of queue"),
                msgmnb,
                "\n",
                0,
            );
            return;
        }
        Format::Status => {
            let Ok((info, _)) = ipcinfo::msg_summary() else {
                out.extend_from_slice(b"kernel not configured for message queues\n");
                return;
            };
            let _ = writeln!(out, "------ Messages Status --------");
            let _ = writeln!(out, "allocated queues = {}", info.msgpool);
            let _ = writeln!(out, "used headers = {}", info.msgmap);
            #[allow(clippy::cast_sign_loss)]
            let tql = i64::from(info.msgtql) as u64;
            let end = if unit == Unit::Default {
                " bytes\n"
            } else {
                "\n"
            };
            print_size(out, unit, Some("used space"), tql, end, 0);
            return;
        }
        Format::Creator => {
            out.extend_from_slice(b"------ Message Queues Creators/Owners --------\n");
            creators_header(out, "msqid");
        }
        Format::Time => {
            out.extend_from_slice(b"------ Message Queues Send/Recv/Change Times --------\n");
            header(
                out,
                &[
                    ("msqid", 8),
                    ("owner", 10),
                    ("send", 20),
                    ("recv", 20),
                    ("change", 20),
                ],
            );
        }
        Format::Pid => {
            out.extend_from_slice(b"------ Message Queues PIDs --------\n");
            header(
                out,
                &[("msqid", 10), ("owner", 10), ("lspid", 10), ("lrpid", 10)],
            );
        }
        Format::Table => {
            out.extend_from_slice(b"------ Message Queues --------\n");
            let size = if unit == Unit::Human {
                "size"
            } else {
                "used-bytes"
            };
            header(
                out,
                &[
                    ("key", 10),
                    ("msqid", 10),
                    ("owner", 10),
                    ("perms", 10),
                    (size, 12),
                    ("messages", 12),
                ],
            );
        }
    }
    for q in queues() {
        let perm = &q.perm;
        match format {
            Format::Creator => perms_line(out, names, perm),
            Format::Time => times_row(out, names, perm, 8, [q.stime, q.rtime, perm.ctime]),
            Format::Pid => {
                id_owner(out, names, perm.id, perm.uid, 8);
                let _ = writeln!(out, "  {:5}     {:5}", q.lspid, q.lrpid);
            }
            _ => {
                key_id_owner_perms(out, names, perm);
                if unit == Unit::Human {
                    print_size(out, unit, None, q.cbytes, "      ", 6);
                } else {
                    print_size(out, unit, None, q.cbytes, "", -12);
                }
                out.push(b' ');
                left(out, q.qnum.to_string().as_bytes(), 12);
                out.push(b'\n');
            }
        }
    }
}

pub(super) fn do_shm(out: &mut Vec<u8>, names: &mut Names, format: Format, unit: Unit) {
    match format {
        Format::Limits => {
            // From /proc/sys/kernel, or IPC_INFO, as util-linux decides (ipcdata).
            let Ok(ipcdata::ShmLimits {
                shmmax,
                shmall,
                shmmni,
                ..
            }) = ipcdata::shm_limits()
            else {
                out.extend_from_slice(b"unable to fetch shared memory limits\n");
                return;
            };
            let page = ipcinfo::page_size();
            let _ = writeln!(out, "------ Shared Memory Limits --------");
            let _ = writeln!(out, "max number of segments = {shmmni}");
            let seg_unit = if unit == Unit::Default {
                Unit::Kb
            } else {
                unit
            };
            print_size(out, seg_unit, Some("max seg size"), shmmax, "\n", 0);
            // The product saturates, as util-linux prints it, rather than wrapping.
            if unit == Unit::Kb || unit == Unit::Default {
                let k = (page / 1024).max(1);
                let total = shmall.checked_mul(k).unwrap_or(u64::MAX - (u64::MAX % k));
                print_size(
                    out,
                    Unit::Default,
                    Some("max total shared memory (kbytes)"),
                    total,
                    "\n",
                    0,
                );
            } else {
                let total = shmall
                    .checked_mul(page)
                    .unwrap_or(u64::MAX - (u64::MAX % page.max(1)));
                print_size(out, unit, Some("max total shared memory"), total, "\n", 0);
            }
            let min_unit = if unit == Unit::Default {
                Unit::Bytes
            } else {
                unit
            };
            print_size(out, min_unit, Some("min seg size"), SHMMIN, "\n", 0);
            return;
        }
        Format::Status => {
            let Ok((info, _)) = ipcinfo::shm_summary() else {
                out.extend_from_slice(b"kernel not configured for shared memory\n");
                return;
            };
            let _ = writeln!(out, "------ Shared Memory Status --------");
            let _ = writeln!(out, "segments allocated {}", info.used_ids);
            let _ = writeln!(out, "pages allocated {}", info.shm_tot as i64);
            let _ = writeln!(out, "pages resident  {}", info.shm_rss as i64);
            let _ = writeln!(out, "pages swapped   {}", info.shm_swp as i64);
            let _ = writeln!(
                out,
                "Swap performance: {} attempts\t {} successes",
                info.swap_attempts as i64, info.swap_successes as i64
            );
            return;
        }
        Format::Creator => {
            out.extend_from_slice(b"------ Shared Memory Segment Creators/Owners --------\n");
            creators_header(out, "shmid");
        }
        Format::Time => {
            out.extend_from_slice(b"------ Shared Memory Attach/Detach/Change Times --------\n");
            header(
                out,
                &[
                    ("shmid", 10),
                    ("owner", 10),
                    ("attached", 20),
                    ("detached", 20),
                    ("changed", 20),
                ],
            );
        }
        Format::Pid => {
            out.extend_from_slice(b"------ Shared Memory Creator/Last-op PIDs --------\n");
            header(
                out,
                &[("shmid", 10), ("owner", 10), ("cpid", 10), ("lpid", 10)],
            );
        }
        Format::Table => {
            out.extend_from_slice(b"------ Shared Memory Segments --------\n");
            let size = if unit == Unit::Human { "size" } else { "bytes" };
            header(
                out,
                &[
                    ("key", 10),
                    ("shmid", 10),
                    ("owner", 10),
                    ("perms", 10),
                    (size, 10),
                    ("nattch", 10),
                    ("status", 12),
                ],
            );
        }
    }
    for s in segments() {
        let perm = &s.perm;
        match format {
            Format::Creator => perms_line(out, names, perm),
            Format::Time => times_row(out, names, perm, 10, [s.atime, s.dtime, perm.ctime]),
            Format::Pid => {
                id_owner(out, names, perm.id, perm.uid, 10);
                out.push(b' ');
                left(out, (s.cpid as u32).to_string().as_bytes(), 10);
                out.push(b' ');
                left(out, (s.lpid as u32).to_string().as_bytes(), 10);
                out.push(b'\n');
            }
            _ => {
                key_id_owner_perms(out, names, perm);
                if unit == Unit::Human {
                    print_size(out, unit, None, s.size, "    ", 6);
                } else {
                    print_size(out, unit, None, s.size, "", -10);
                }
                out.push(b' ');
                left(out, s.nattch.to_string().as_bytes(), 10);
                out.push(b' ');
                left(
                    out,
                    if perm.mode & SHM_DEST != 0 {
                        b"dest"
                    } else {
                        b" "
                    },
                    6,
                );
                out.push(b' ');
                left(
                    out,
                    if perm.mode & SHM_LOCKED != 0 {
                        b"locked"
                    } else {
                        b" "
                    },
                    6,
                );
                out.push(b'\n');
            }
        }
    }
}

pub(super) fn do_sem(out: &mut Vec<u8>, names: &mut Names, format: Format) {
    match format {
        Format::Limits => {
            // From /proc/sys/kernel/sem, or IPC_INFO, as util-linux decides (ipcdata).
            let Ok(ipcdata::SemLimits {
                semmsl,
                semmns,
                semopm,
                semmni,
                ..
            }) = ipcdata::sem_limits()
            else {
                out.extend_from_slice(b"unable to fetch semaphore limits\n");
                return;
            };
            let _ = writeln!(out, "------ Semaphore Limits --------");
            let _ = writeln!(out, "max number of arrays = {semmni}");
            let _ = writeln!(out, "max semaphores per array = {semmsl}");
            let _ = writeln!(out, "max semaphores system wide = {semmns}");
            let _ = writeln!(out, "max ops per semop call = {semopm}");
            let _ = writeln!(out, "semaphore max value = {SEMVMX}");
            return;
        }
        Format::Status => {
            let Ok((info, _)) = ipcinfo::sem_summary() else {
                out.extend_from_slice(b"kernel not configured for semaphores\n");
                return;
            };
            let _ = writeln!(out, "------ Semaphore Status --------");
            let _ = writeln!(out, "used arrays = {}", info.semusz);
            let _ = writeln!(out, "allocated semaphores = {}", info.semaem);
            return;
        }
        // util-linux has no PID view of semaphores: nothing at all is printed.
        Format::Pid => return,
        Format::Creator => {
            out.extend_from_slice(b"------ Semaphore Arrays Creators/Owners --------\n");
            creators_header(out, "semid");
        }
        Format::Time => {
            out.extend_from_slice(b"------ Semaphore Operation/Change Times --------\n");
            header(
                out,
                &[
                    ("semid", 8),
                    ("owner", 10),
                    ("last-op", 26),
                    ("last-changed", 26),
                ],
            );
        }
        Format::Table => {
            out.extend_from_slice(b"------ Semaphore Arrays --------\n");
            header(
                out,
                &[
                    ("key", 10),
                    ("semid", 10),
                    ("owner", 10),
                    ("perms", 10),
                    ("nsems", 10),
                ],
            );
        }
    }
    for s in semaphore_sets() {
        let perm = &s.perm;
        match format {
            Format::Creator => perms_line(out, names, perm),
            Format::Time => {
                id_owner(out, names, perm.id, perm.uid, 8);
                out.extend_from_slice(b"  ");
                long_time(out, s.otime, true);
                out.push(b' ');
                long_time(out, perm.ctime, true);
                out.push(b'\n');
            }
            _ => {
                key_id_owner_perms(out, names, perm);
                left(out, s.nsems.to_string().as_bytes(), 10);
                out.push(b'\n');
            }
        }
    }
}
