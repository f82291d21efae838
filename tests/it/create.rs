//! Creating: `--exclusive` with `--create` (msg send, shm write, sem init), `msg send
//! --create --max-bytes`, and `shm write --create --hugetlb` with its shortage; in private
//! namespaces, read back by Python's sysv_ipc and posix_ipc.

use crate::common;

use common::{run, Ns};

/// As nobody (uid 65534, gid 65534, no supplementary groups), inside the namespace.
fn as_nobody(ns: &Ns, program: &str) -> std::process::Command {
    let mut command = ns.cmd("setpriv");
    command.args([
        "--reuid=65534",
        "--regid=65534",
        "--clear-groups",
        "--",
        program,
    ]);
    command
}

#[test]
fn exclusive_creation_leaves_an_existing_object_alone() {
    let ns = Ns::new();
    run(ns
        .ipcx()
        .args(["msg", "send", "5", "--create", "--exclusive", "first"]))
    .ok();
    run(ns
        .ipcx()
        .args(["msg", "send", "5", "--create", "--exclusive", "second"]))
    .fails(
        1,
        "ipcx: msg send: queue 0x00000005: already exists (--exclusive)\n",
    );
    ns.sysv_python("assert sysv_ipc.MessageQueue(5).current_messages == 1");
    // Without it, --create keeps its meaning: an existing queue is used.
    run(ns.ipcx().args(["msg", "send", "5", "--create", "second"])).ok();
    ns.sysv_python("assert sysv_ipc.MessageQueue(5).current_messages == 2");
    run(ns.ipcx().args(["msg", "send", "id:0", "--create", "--exclusive", "x"])).fails(
        2,
        "ipcx: msg send: --exclusive makes a new queue: give a KEY or ftok:PATH (id:N names one that exists)\n",
    );
    run(ns.ipcx().args(["msg", "send", "5", "--exclusive", "x"])).fails(
        2,
        "ipcx: msg send: the following required arguments were not provided: --create\nTry 'ipcx msg send --help' for more information.\n",
    );

    run(ns.ipcx().args([
        "shm",
        "write",
        "6",
        "--create",
        "--size",
        "8",
        "--exclusive",
        "abc",
    ]))
    .ok();
    run(ns.ipcx().args([
        "shm",
        "write",
        "6",
        "--create",
        "--size",
        "8",
        "--exclusive",
        "xyz",
    ]))
    .fails(
        1,
        "ipcx: shm write: segment 0x00000006: already exists (--exclusive)\n",
    );
    assert_eq!(
        run(ns.ipcx().args(["shm", "read", "6", "--cstr"])).ok(),
        "abc"
    );

    run(ns.ipcx().args(["sem", "init", "7", "3", "--exclusive"])).ok();
    run(ns.ipcx().args(["sem", "init", "7", "1", "--exclusive"])).fails(
        1,
        "ipcx: sem init: semaphore set 0x00000007 (id 0): already exists (--force sets its values)\n",
    );
    run(ns.ipcx().args(["sem", "init", "7", "1", "--exclusive", "--force"])).fails(
        2,
        "ipcx: sem init: the argument '--exclusive' cannot be used with '--force'\nTry 'ipcx sem init --help' for more information.\n",
    );
    ns.sysv_python("assert sysv_ipc.Semaphore(7).value == 3");
}

#[test]
fn exclusive_creation_of_posix_objects() {
    let ns = Ns::with_mounts();
    run(ns
        .ipcx()
        .args(["msg", "send", "/q", "--create", "--exclusive", "first"]))
    .ok();
    run(ns
        .ipcx()
        .args(["msg", "send", "/q", "--create", "--exclusive", "second"]))
    .fails(
        1,
        "ipcx: msg send: POSIX queue /q: already exists (--exclusive)\n",
    );
    run(ns.ipcx().args([
        "shm",
        "write",
        "/m",
        "--create",
        "--size",
        "8",
        "--exclusive",
        "abc",
    ]))
    .ok();
    run(ns.ipcx().args([
        "shm",
        "write",
        "/m",
        "--create",
        "--size",
        "8",
        "--exclusive",
        "xyz",
    ]))
    .fails(
        1,
        "ipcx: shm write: POSIX shared memory /m: already exists (--exclusive)\n",
    );
    run(ns.ipcx().args(["sem", "init", "/s", "2", "--exclusive"])).ok();
    run(ns.ipcx().args(["sem", "init", "/s", "5", "--exclusive"])).fails(
        1,
        "ipcx: sem init: POSIX semaphore /s: already exists (--force sets its value)\n",
    );
    run(ns.cmd("python3").args([
        "-c",
        "import posix_ipc\nq = posix_ipc.MessageQueue('/q')\nassert q.current_messages == 1\nassert q.receive()[0] == b'first'\nassert posix_ipc.Semaphore('/s').value == 2",
    ]))
    .ok();
    assert_eq!(
        run(ns.ipcx().args(["shm", "read", "/m", "--cstr"])).ok(),
        "abc"
    );
    run(ns.ipcx().args(["msg", "send", "/q2", "--create", "--max-bytes", "1K", "x"])).fails(
        2,
        "ipcx: msg send: /q2: --max-bytes is a System V queue's msg_qbytes; a POSIX queue holds --max-messages of --message-size\n",
    );
    run(ns.ipcx().args(["shm", "write", "/h", "--create", "--size", "2M", "--hugetlb", "x"])).fails(
        2,
        "ipcx: shm write: /h: --hugetlb and --noreserve are for System V segments; a POSIX object lives in /dev/shm (tmpfs, no huge pages): for huge pages use a file on a hugetlbfs mount\n",
    );
    assert_eq!(
        run(&mut ns.sh("ls /dev/mqueue /dev/shm")).ok(),
        "/dev/mqueue:\nq\n\n/dev/shm:\nm\nsem.s\n"
    );
}

#[test]
fn a_new_queue_gets_its_max_bytes() {
    let ns = Ns::new();
    run(ns.ipcx().args([
        "msg",
        "send",
        "5",
        "--create",
        "--max-bytes",
        "100",
        "hello",
    ]))
    .ok();
    ns.sysv_python("q = sysv_ipc.MessageQueue(5)\nassert (q.max_size, q.current_messages) == (100, 1), q.max_size");
    // An existing queue keeps its size, as it keeps its mode.
    run(ns.ipcx().args([
        "msg",
        "send",
        "5",
        "--create",
        "--max-bytes",
        "200",
        "again",
    ]))
    .ok();
    ns.sysv_python("assert sysv_ipc.MessageQueue(5).max_size == 100");
    // Past msgmnb without CAP_SYS_RESOURCE: refused, and no queue is left behind.
    let ipcx = common::ipcx_bin();
    run(as_nobody(&ns, ipcx.to_str().unwrap()).args([
        "msg", "send", "6", "--create", "--max-bytes", "1M", "x",
    ]))
    .fails(
        1,
        "ipcx: msg send: queue 0x00000006: cannot create it with --max-bytes 1048576: msg_qbytes 1048576 is above msgmnb 16384 (/proc/sys/kernel/msgmnb): raising it past that needs CAP_SYS_RESOURCE\n",
    );
    let ids = run(ns
        .ipcx()
        .args(["ls", "msg", "-o", "key", "--raw", "--no-headings"]))
    .ok();
    assert_eq!(ids, "0x00000005\n");
    run(ns.ipcx().args(["msg", "send", "6", "--max-bytes", "1K", "x"])).fails(
        2,
        "ipcx: msg send: the following required arguments were not provided: --create\nTry 'ipcx msg send --help' for more information.\n",
    );
}

/// A number from /sys/kernel/mm/hugepages/hugepages-2048kB.
fn huge_2m(file: &str) -> Option<u64> {
    std::fs::read_to_string(format!("/sys/kernel/mm/hugepages/hugepages-2048kB/{file}"))
        .ok()?
        .trim()
        .parse()
        .ok()
}

#[test]
fn huge_pages_and_their_shortage() {
    let ns = Ns::new();
    run(ns.ipcx().args(["shm", "write", "6", "--create", "--size", "4M", "--hugetlb=4K", "x"]))
        .fails(
            2,
            "ipcx: shm write: invalid value '4K' for '--hugetlb[=<PAGE>]': '4K' is not a huge page size: give 2M or 1G (or no size, for the default)\nTry 'ipcx shm write --help' for more information.\n",
        );
    // More 2M pages than the pool has free (and may grow by: the overcommit), so that the
    // shortage is certain whatever the machine set aside.
    let (Some(free), Some(surplus)) = (
        huge_2m("free_hugepages"),
        huge_2m("nr_overcommit_hugepages"),
    ) else {
        return; // no 2M huge pages on this machine: nothing more to show.
    };
    let pages = free + surplus + 1;
    let size = ((pages * 2) << 20).to_string();
    let default_is_2m = std::fs::read_to_string("/proc/meminfo")
        .unwrap()
        .contains("Hugepagesize:       2048 kB");
    let pool = if default_is_2m {
        "/proc/sys/vm/nr_hugepages".to_string()
    } else {
        "/sys/kernel/mm/hugepages/hugepages-2048kB/nr_hugepages".to_string()
    };
    run(ns.ipcx().args(["shm", "write", "6", "--create", "--size", &size, "--hugetlb=2M", "x"]))
        .fails(
            1,
            &format!("ipcx: shm write: segment 0x00000006: cannot create {size} bytes: not enough free huge pages of 2M: it needs {pages}, and the pool has {free} free (set its size in {pool})\n"),
        );
    // Without a reservation the segment is made, and then filled before anything is
    // written: the shortage is the same error, not a SIGBUS, and nothing is left behind.
    let out = run(ns.ipcx().args([
        "shm",
        "write",
        "6",
        "--create",
        "--size",
        &size,
        "--hugetlb=2M",
        "--noreserve",
        "x",
    ]));
    assert_eq!(out.code, Some(1), "{}", out.stderr);
    assert!(
        out.stderr.starts_with("ipcx: shm write: segment 0x00000006 (id ")
            && out.stderr.ends_with(&format!("): not enough free huge pages of 2M: it needs {pages}, and the pool has {free} free (set its size in {pool})\n")),
        "{}",
        out.stderr
    );
    let left = run(ns.ipcx().args(["ls", "shm", "--raw", "--no-headings"])).ok();
    assert_eq!(left, "");
}
