//! `ls --ns`, `rm --ns` and `ls --all-namespaces`: the objects of IPC namespaces the
//! tests make themselves (`unshare --ipc --mount`), entered by a child of ipcx run on the
//! host; the machine's own objects are never listed by exact output nor removed.

use std::process::Command;

use serde_json::Value;

use crate::common::{finish, host_ipcx, run, signal, start, wait_in_syscall, Ns};

/// A namespace with a queue holding one message, a queue with a blocked receiver, and a
/// POSIX segment in its own /dev/shm.
fn populated() -> (Ns, std::process::Child) {
    let ns = Ns::with_mounts();
    run(ns.ipcx().args(["msg", "send", "0x10", "--create", "hi"])).ok();
    run(ns.ipcx().args(["msg", "send", "0x11", "--create", "x"])).ok();
    run(ns.ipcx().args(["msg", "recv", "0x11"])).ok();
    run(ns
        .ipcx()
        .args(["shm", "write", "/inside", "--create", "--size", "4", "x"]))
    .ok();
    let receiver = start(ns.ipcx().args(["msg", "recv", "0x11"]));
    wait_in_syscall(&receiver, libc::SYS_msgrcv);
    (ns, receiver)
}

#[test]
fn ls_and_rm_in_another_namespace() {
    let (ns, receiver) = populated();
    let pid = ns.pid().to_string();
    let out = run(host_ipcx().args([
        "ls",
        "--ns",
        &pid,
        "msg",
        "--waiters",
        "-o",
        "key,msgs,waiters",
        "--no-headings",
    ]));
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert_eq!(
        out.stdout(),
        format!(
            "0x00000010 1 -\n0x00000011 0 {}(ipcx):msgrcv type=0 size=8192\n",
            receiver.id()
        )
    );
    // Its POSIX objects are those of its own /dev/shm, reached through its mount namespace.
    assert_eq!(
        run(host_ipcx().args(["ls", "--ns", &pid, "pshm", "-o", "name", "--no-headings"])).ok(),
        "/inside\n"
    );
    // The namespace file names it as well as the pid.
    let file = format!("/proc/{pid}/ns/ipc");
    assert_eq!(
        run(host_ipcx().args(["ls", "--ns", &file, "msg", "-o", "key", "--no-headings"])).ok(),
        "0x00000010\n0x00000011\n"
    );
    // rm removes there, with the same rules: the awaited queue is not orphaned.
    assert_eq!(
        run(host_ipcx().args(["rm", "--ns", &pid, "--all=msg", "--dry-run"])).ok(),
        "would remove queue 0x00000010 (id 0)\nwould remove queue 0x00000011 (id 1)\n"
    );
    assert_eq!(
        run(host_ipcx().args(["rm", "--ns", &pid, "msg", "0x10"])).ok(),
        "removed queue 0x00000010 (id 0)\n"
    );
    assert_eq!(
        run(ns.ipcx().args(["ls", "msg", "-o", "key", "--no-headings"])).ok(),
        "0x00000011\n"
    );
    signal(&receiver, "INT");
    assert_eq!(finish(receiver).code, Some(130));
}

#[test]
fn a_namespace_that_cannot_be_entered_or_found() {
    let ns = Ns::new();
    let pid = ns.pid().to_string();
    let out = run(Command::new("setpriv")
        .args(["--reuid=65534", "--regid=65534", "--clear-groups", "--"])
        .arg(crate::common::ipcx_bin())
        .args(["ls", "--ns", &pid]));
    out.fails(
        1,
        &format!("ipcx: ls: IPC namespace of process {pid}: permission denied\n"),
    );
    // Every namespace as nobody: the ones it cannot read are counted, its own is listed
    // (without entering it, which would take privilege), and the status is 1.
    let out = run(Command::new("setpriv")
        .args(["--reuid=65534", "--regid=65534", "--clear-groups", "--"])
        .arg(crate::common::ipcx_bin())
        .args(["ls", "-A", "msg", "-o", "key"]));
    assert_eq!(out.code, Some(1), "{}", out.stderr);
    assert!(
        out.stderr.starts_with("ipcx: ls: the IPC namespace of "),
        "{}",
        out.stderr
    );
    let host = std::fs::read_link("/proc/self/ns/ipc").unwrap();
    let heading = format!("IPC namespace {}: pid ", host.display());
    assert!(out.stdout().starts_with(&heading), "{}", out.stdout());
    run(host_ipcx().args(["ls", "--ns", "/nonexistent"])).fails(
        1,
        "ipcx: ls: IPC namespace of /nonexistent: no such file or directory\n",
    );
    run(host_ipcx().args(["rm", "--ns", "/nonexistent", "--all", "--dry-run"])).fails(
        1,
        "ipcx: rm: IPC namespace of /nonexistent: no such file or directory\n",
    );
    // A pid above pid_max's highest possible value (2^22): no process has it.
    run(host_ipcx().args(["ls", "--ns", "4194305"]))
        .fails(1, "ipcx: ls: process 4194305: no such process\n");
    run(host_ipcx().args(["rm", "--ns", "4194305", "--all", "--dry-run"]))
        .fails(1, "ipcx: rm: process 4194305: no such process\n");
    // A file that is not a namespace: entering it fails in the child, which says so.
    let out = run(host_ipcx().args(["ls", "--ns", "/dev/null"]));
    assert_eq!(out.code, Some(1));
    assert!(
        out.stderr
            .starts_with("ipcx: ls: cannot enter the IPC namespace of /dev/null (ipc:["),
        "{}",
        out.stderr
    );
}

/// Every namespace is listed once with a process in it; a namespace sharing the host's
/// /dev/shm (an IPC namespace without a mount namespace of its own) says so, and one with
/// its own does not.
#[test]
fn all_namespaces_in_json() {
    let (ns, receiver) = populated();
    let shared = Ns::new();
    run(shared.ipcx().args(["msg", "send", "0x77", "--create", "s"])).ok();
    let inode = |pid: u32| std::fs::read_link(format!("/proc/{pid}/ns/ipc")).unwrap();
    let (theirs, sharing) = (inode(ns.pid()), inode(shared.pid()));
    let host = std::fs::read_link("/proc/self/ns/ipc").unwrap();
    let out = run(host_ipcx().args(["ls", "-A", "--json", "msg", "-o", "key,msgs"]));
    // Processes whose namespace cannot be read are counted (a sandbox's init can be one).
    assert!(
        out.stderr.is_empty()
            || (out.stderr.starts_with("ipcx: ls: the IPC namespace of ")
                && out.stderr.lines().count() == 1),
        "{}",
        out.stderr
    );
    assert_eq!(out.code, Some(if out.stderr.is_empty() { 0 } else { 1 }));
    let value: Value = serde_json::from_slice(&out.stdout).unwrap();
    let entries = value["namespaces"].as_array().unwrap();
    let entry = |name: &std::path::Path| {
        let name = name.to_str().unwrap();
        let found: Vec<&Value> = entries.iter().filter(|e| e["ns"] == name).collect();
        assert_eq!(found.len(), 1, "{name}: {value}");
        found[0].clone()
    };
    // The tables name the namespace in an NS column, under a heading per namespace.
    let table = run(host_ipcx().args(["ls", "-A", "msg", "-o", "key", "--no-headings"]));
    let name = theirs.to_str().unwrap();
    assert!(
        table
            .stdout()
            .contains(&format!("IPC namespace {name}: pid ")),
        "{}",
        table.stdout()
    );
    assert!(
        table
            .stdout()
            .contains(&format!("\n{name} 0x00000010\n{name} 0x00000011\n")),
        "{}",
        table.stdout()
    );
    let theirs = entry(&theirs);
    assert_eq!(
        theirs["messages"],
        serde_json::json!([{"key": "0x00000010", "msgs": 1}, {"key": "0x00000011", "msgs": 0}])
    );
    assert_eq!(theirs["shm-shared-with"], serde_json::json!([]));
    let pid = theirs["pid"].as_i64().unwrap();
    assert_eq!(
        std::fs::read_link(format!("/proc/{pid}/ns/ipc")).unwrap(),
        std::fs::read_link(format!("/proc/{}/ns/ipc", ns.pid())).unwrap()
    );
    let sharing = entry(&sharing);
    assert_eq!(
        sharing["messages"],
        serde_json::json!([{"key": "0x00000077", "msgs": 1}])
    );
    let with: Vec<&str> = sharing["shm-shared-with"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert!(with.contains(&host.to_str().unwrap()), "{with:?}");
    signal(&receiver, "INT");
    assert_eq!(finish(receiver).code, Some(130));
}

/// --holders inside another namespace: its own /dev/shm's files, held by its processes.
#[test]
fn holders_inside_another_namespace() {
    let ns = Ns::with_mounts();
    let mut holder = ns.python_holder(
        "import posix_ipc, mmap\n\
         s = posix_ipc.SharedMemory('/held', posix_ipc.O_CREX, size=64)\n\
         m = mmap.mmap(s.fd, 64)\n\
         s.close_fd()",
    );
    let pid = holder.id();
    let out = run(host_ipcx().args([
        "ls",
        "--ns",
        &ns.pid().to_string(),
        "pshm",
        "--holders",
        "-o",
        "name,holders",
        "--no-headings",
    ]));
    assert_eq!(
        crate::holders::listed(&out),
        // Python's mmap keeps a duplicate of the descriptor: held both ways.
        format!("/held {pid}(python3):fd,{pid}(python3):mapped\n")
    );
    holder.kill().unwrap();
    holder.wait().unwrap();
}
