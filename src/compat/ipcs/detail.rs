//! `ipcs -i ID`: the detail of one queue, segment or semaphore set, as util-linux prints it.

use std::io::Write as _;

use super::format::{alt_octal, header, long_time, print_size};
use super::{queues_and_source, segments, semaphore_sets, Unit};
use crate::compat::left;
use crate::core::ipcdata::{MsgRecord, Perm, SemRecord, ShmRecord};
use crate::core::ipcinfo;

/// Why `-i ID` printed nothing.
pub(super) enum Detail {
    /// "id N not found": a warning, status 0.
    NotFound,
    /// A failed call (`semctl(GETVAL) failed: ...`): status 1.
    Failed(String),
}

/// The record with this id. util-linux treats a negative id as "all" and then shows the
/// first object under the id asked for; that is kept, since scripts may have come to
/// rely on it.
fn find<T>(records: Vec<T>, id: i32, perm: impl Fn(&T) -> &Perm) -> Result<T, Detail> {
    records
        .into_iter()
        .find(|r| id < 0 || perm(r).id == id)
        .ok_or(Detail::NotFound)
}

pub(super) fn print_msg(out: &mut Vec<u8>, id: i32, unit: Unit) -> Result<(), Detail> {
    let (records, from_proc) = queues_and_source();
    let q: MsgRecord = find(records, id, |r| &r.perm)?;
    // For a negative id util-linux asks the kernel for qbytes only on its slot-by-slot path.
    let qbytes = if id >= 0 || !from_proc {
        crate::core::sysv::msg::stat(q.perm.id).map_or(0, |stat| stat.qbytes)
    } else {
        0
    };
    let p = &q.perm;
    let _ = write!(
        out,
        "\nMessage Queue msqid={id}\nuid={}\tgid={}\tcuid={}\tcgid={}\tmode={}\n",
        p.uid,
        p.gid,
        p.cuid,
        p.cgid,
        alt_octal(p.mode)
    );
    let human = unit == Unit::Human;
    print_size(
        out,
        unit,
        Some(if human { "csize=" } else { "cbytes=" }),
        q.cbytes,
        "\t",
        0,
    );
    print_size(
        out,
        unit,
        Some(if human { "qsize=" } else { "qbytes=" }),
        qbytes,
        "\t",
        0,
    );
    let _ = writeln!(out, "qnum={}\tlspid={}\tlrpid={}", q.qnum, q.lspid, q.lrpid);
    for (label, t) in [
        ("send_time=", q.stime),
        ("rcv_time=", q.rtime),
        ("change_time=", p.ctime),
    ] {
        out.extend_from_slice(label.as_bytes());
        long_time(out, t, true);
        out.push(b'\n');
    }
    out.push(b'\n');
    Ok(())
}

pub(super) fn print_shm(out: &mut Vec<u8>, id: i32, unit: Unit) -> Result<(), Detail> {
    let s: ShmRecord = find(segments(), id, |r| &r.perm)?;
    let p = &s.perm;
    let _ = write!(
        out,
        "\nShared memory Segment shmid={id}\nuid={}\tgid={}\tcuid={}\tcgid={}\nmode={}\taccess_perms={}\n",
        p.uid,
        p.gid,
        p.cuid,
        p.cgid,
        alt_octal(p.mode),
        alt_octal(p.mode & 0o777)
    );
    let label = if unit == Unit::Human {
        "size="
    } else {
        "bytes="
    };
    print_size(out, unit, Some(label), s.size, "\t", 0);
    let _ = writeln!(
        out,
        "lpid={}\tcpid={}\tnattch={}",
        s.lpid as u32, s.cpid as u32, s.nattch
    );
    for (label, t, unset) in [
        ("att_time=", s.atime, true),
        ("det_time=", s.dtime, true),
        ("change_time=", p.ctime, false),
    ] {
        out.extend_from_slice(label.as_bytes());
        long_time(out, t, unset);
        out.push(b'\n');
    }
    out.push(b'\n');
    Ok(())
}

pub(super) fn print_sem(out: &mut Vec<u8>, id: i32) -> Result<(), Detail> {
    // util-linux crashes here (it fetches no values for a negative id, then reads them);
    // ipcx says what it cannot show instead.
    if id < 0 {
        return Err(Detail::NotFound);
    }
    let s: SemRecord = find(semaphore_sets(), id, |r| &r.perm)?;
    let mut elements = Vec::new();
    for semnum in 0..s.nsems {
        let semnum = i32::try_from(semnum).unwrap_or(i32::MAX);
        let element = ipcinfo::sem_element(id, semnum).map_err(|(call, errno)| {
            Detail::Failed(format!("{call} failed: {}", ipcinfo::strerror(errno)))
        })?;
        elements.push(element);
    }
    let p = &s.perm;
    let _ = write!(
        out,
        "\nSemaphore Array semid={id}\nuid={}\t gid={}\t cuid={}\t cgid={}\nmode={}, access_perms={}\nnsems = {}\notime = ",
        p.uid,
        p.gid,
        p.cuid,
        p.cgid,
        alt_octal(p.mode),
        alt_octal(p.mode & 0o777),
        s.nsems
    );
    long_time(out, s.otime, true);
    out.extend_from_slice(b"\nctime = ");
    long_time(out, p.ctime, false);
    out.push(b'\n');
    header(
        out,
        &[
            ("semnum", 10),
            ("value", 10),
            ("ncount", 10),
            ("zcount", 10),
            ("pid", 10),
        ],
    );
    for (i, e) in elements.iter().enumerate() {
        for (n, value) in [
            i as i64,
            e.semval.into(),
            e.ncount.into(),
            e.zcount.into(),
            e.pid.into(),
        ]
        .iter()
        .enumerate()
        {
            if n > 0 {
                out.push(b' ');
            }
            left(out, value.to_string().as_bytes(), 10);
        }
        out.push(b'\n');
    }
    out.push(b'\n');
    Ok(())
}
