//! `ls --waiters`: who is blocked on each queue and semaphore of either family, and what
//! for (msgrcv's type and size, each semop operation, a POSIX queue through its
//! descriptor, sem_wait through the semaphore's mapping), read from /proc; nothing waited
//! for is disturbed.

use std::process::Child;

use serde_json::{json, Value};

use crate::common::{finish, run, signal, start, wait_until, Ns};
use crate::holders::listed;

/// Waits until `child` sleeps in one of the calls `nrs`.
fn blocked_in(child: &Child, nrs: &[i64]) {
    let pid = child.id();
    wait_until("the command to block", 10, || {
        let text = std::fs::read_to_string(format!("/proc/{pid}/syscall")).unwrap_or_default();
        let nr = text.split_whitespace().next().unwrap_or("");
        nrs.iter().any(|n| n.to_string() == nr)
    });
}

/// A two-operation semop from Python through ctypes: take semaphore 0 and wait for
/// semaphore 1 to be zero, at once.
const TWO_OPS: &str = "import ctypes, sysv_ipc
libc = ctypes.CDLL(None, use_errno=True)
class Sembuf(ctypes.Structure):
    _fields_ = [('num', ctypes.c_ushort), ('op', ctypes.c_short), ('flg', ctypes.c_short)]
s = sysv_ipc.Semaphore(0x20)
ops = (Sembuf * 2)(Sembuf(0, -1, 0), Sembuf(1, 0, 0))
libc.semop(s.id, ops, 2)";

const SEMOPS: [i64; 2] = [libc::SYS_semop, libc::SYS_semtimedop];

#[test]
fn waiters_of_each_kind_name_what_they_wait_for() {
    let ns = Ns::with_mounts();
    run(ns.ipcx().args(["msg", "send", "0x10", "--create", "hi"])).ok();
    run(ns.ipcx().args(["msg", "send", "0x11", "--create", "idle"])).ok();
    run(ns.ipcx().args(["sem", "init", "0x20", "0", "0"])).ok();
    run(ns.ipcx().args(["msg", "send", "/pq", "--create", "x"])).ok();
    run(ns.ipcx().args(["msg", "recv", "/pq"])).ok();
    let recv = start(ns.ipcx().args(["msg", "recv", "0x10", "-t", "5"]));
    blocked_in(&recv, &[libc::SYS_msgrcv]);
    let p = start(ns.ipcx().args(["sem", "p", "0x20", "-n", "1"]));
    blocked_in(&p, &SEMOPS);
    let two = start(ns.cmd("python3").args(["-c", TWO_OPS]));
    blocked_in(&two, &SEMOPS);
    let mq = start(ns.cmd("python3").args([
        "-c",
        "import posix_ipc\nposix_ipc.MessageQueue('/pq').receive()",
    ]));
    blocked_in(&mq, &[libc::SYS_mq_timedreceive]);
    let psem = start(ns.cmd("python3").args([
        "-c",
        "import posix_ipc\nposix_ipc.Semaphore('/ps', posix_ipc.O_CREAT, initial_value=0).acquire()",
    ]));
    blocked_in(&psem, &[libc::SYS_futex]);
    let (r, p_pid, t, m, s) = (recv.id(), p.id(), two.id(), mq.id(), psem.id());

    let out = listed(&run(ns.ipcx().args([
        "ls",
        "msg",
        "sem",
        "--waiters",
        "--json",
        "-o",
        "key,waiters",
    ])));
    let value: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        value["messages"],
        json!([
            {"key": "0x00000010", "waiters": [
                {"pid": r, "command": "ipcx", "op": "msgrcv", "type": 5, "size": 8192}]},
            {"key": "0x00000011", "waiters": []},
        ]),
        "{out}"
    );
    let semaphores = &value["semaphores"][0]["waiters"];
    let call = semaphores[0]["op"].as_str().unwrap();
    assert_eq!(
        semaphores,
        &json!([
            {"pid": p_pid, "command": "ipcx", "op": call, "ops": [{"sem": 1, "op": -1}]},
            {"pid": t, "command": "python3", "op": call,
             "ops": [{"sem": 0, "op": -1}, {"sem": 1, "op": 0}]},
        ]),
        "{out}"
    );
    let table = listed(&run(ns.ipcx().args([
        "ls",
        "--waiters",
        "-o",
        "name,key,waiters",
        "--no-headings",
    ])));
    assert_eq!(
        table,
        format!(
            "Message queues:\n\
             0x00000010 {r}(ipcx):msgrcv type=5 size=8192\n0x00000011 -\n\n\
             Shared memory segments:\n\n\
             Semaphore sets:\n\
             0x00000020 {p_pid}(ipcx):{call} 1-1; {t}(python3):{call} 0-1,1=0\n\n\
             POSIX message queues:\n/pq {m}(python3):mq_timedreceive size=8192\n\n\
             POSIX shared memory:\n\n\
             POSIX semaphores:\n/ps {s}(python3):sem_wait\n"
        )
    );

    // Listing took nothing and woke nobody: each still gets what it waited for.
    run(ns.ipcx().args(["msg", "send", "0x10", "-t", "5", "five"])).ok();
    let recv = finish(recv);
    assert_eq!((recv.code, recv.stdout()), (Some(0), "five\n".to_string()));
    run(ns.ipcx().args(["sem", "v", "0x20", "-n", "1"])).ok();
    assert_eq!(finish(p).code, Some(0));
    run(ns.ipcx().args(["sem", "v", "0x20", "-n", "0"])).ok();
    assert_eq!(finish(two).code, Some(0));
    run(ns.ipcx().args(["msg", "send", "/pq", "y"])).ok();
    assert_eq!(finish(mq).code, Some(0));
    signal(&psem, "KILL");
    finish(psem);
    assert_eq!(
        listed(&run(ns.ipcx().args([
            "ls",
            "--waiters",
            "-o",
            "name,key,waiters",
            "--no-headings",
        ]))),
        "Message queues:\n0x00000010 -\n0x00000011 -\n\nShared memory segments:\n\n\
         Semaphore sets:\n0x00000020 -\n\nPOSIX message queues:\n/pq -\n\n\
         POSIX shared memory:\n\nPOSIX semaphores:\n/ps -\n"
    );
}

/// A receiver blocked on queue id 0 of another IPC namespace does not wait on ours.
#[test]
fn waiters_count_only_the_objects_namespace() {
    let ours = Ns::new();
    let theirs = Ns::new();
    run(ours.ipcx().args(["msg", "send", "0x10", "--create", "hi"])).ok();
    run(theirs
        .ipcx()
        .args(["msg", "send", "0x10", "--create", "hi"]))
    .ok();
    run(theirs.ipcx().args(["msg", "recv", "0x10"])).ok();
    let recv = start(theirs.ipcx().args(["msg", "recv", "0x10"]));
    blocked_in(&recv, &[libc::SYS_msgrcv]);
    assert_eq!(
        listed(&run(ours.ipcx().args([
            "ls",
            "msg",
            "--waiters",
            "-o",
            "id,waiters",
            "--no-headings",
        ]))),
        "0 -\n"
    );
    signal(&recv, "INT");
    assert_eq!(finish(recv).code, Some(130));
}

#[test]
fn waiters_of_a_kind_without_them_is_a_usage_error() {
    let ns = Ns::new();
    run(ns.ipcx().args(["ls", "shm", "-o", "id,waiters"])).fails(
        2,
        "ipcx: ls: column 'waiters' is not one of shm objects (only msg, sem, mq, psem objects have it)\n",
    );
}
