//! `ipcx set`: IPC_SET on System V objects and fchmod/fchown on POSIX objects' files, in
//! private namespaces; every change read back by Python's sysv_ipc and posix_ipc, by ipcs
//! and by `ls`; an unprivileged user refused; --dry-run; usage errors before anything.

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

fn name_of(db: &str, id: u32) -> String {
    let out = run(std::process::Command::new("getent").args([db, &id.to_string()])).ok();
    out.split(':').next().unwrap().to_string()
}

#[test]
fn sysv_objects_change_and_say_what_changed() {
    let ns = Ns::new();
    let nobody = name_of("passwd", 65534);
    let nogroup = name_of("group", 65534);
    run(ns.ipcx().args(["msg", "send", "1234", "--create", "hi"])).ok();
    let out = run(ns
        .ipcx()
        .args(["set", "msg", "1234", "--mode", "640", "--owner", "65534"]))
    .ok();
    assert_eq!(
        out,
        format!("queue 0x000004d2 (id 0): mode 0600 -> 0640, owner root -> {nobody}\n")
    );
    let out = run(ns.ipcx().args(["set", "msg", "id:0", "--max-bytes", "4K"])).ok();
    assert_eq!(out, "queue 0x000004d2 (id 0): max-bytes 16384 -> 4096\n");
    ns.sysv_python(
        "q = sysv_ipc.MessageQueue(1234)\nassert (q.mode, q.uid, q.gid, q.max_size) == (0o640, 65534, 0, 4096), (q.mode, q.uid, q.gid, q.max_size)\nassert q.current_messages == 1",
    );
    let ipcs = run(ns.cmd("ipcs").args(["-q", "-i", "0"])).ok();
    assert!(
        ipcs.contains("uid=65534\tgid=0\tcuid=0\tcgid=0\tmode=0640"),
        "{ipcs}"
    );
    assert!(ipcs.contains("qbytes=4096"), "{ipcs}");

    run(ns
        .ipcx()
        .args(["shm", "write", "0x10", "--create", "--size", "4K", "x"]))
    .ok();
    let out = run(ns.ipcx().args([
        "set", "shm", "0x10", "-m", "604", "--group", "65534", "--lock",
    ]))
    .ok();
    assert_eq!(
        out,
        format!("segment 0x00000010 (id 0): mode 0600 -> 0604, group root -> {nogroup}, unlocked -> locked\n")
    );
    ns.sysv_python(
        "m = sysv_ipc.SharedMemory(0x10)\nassert (m.mode & 0o777, m.uid, m.gid) == (0o604, 0, 65534), (m.mode, m.uid, m.gid)",
    );
    let ls = run(ns.ipcx().args([
        "ls",
        "shm",
        "-o",
        "key,perms,status",
        "--raw",
        "--no-headings",
    ]))
    .ok();
    assert_eq!(ls, "0x00000010 rw----r-- locked\n");
    let ipcs = run(ns.cmd("ipcs").args(["-m"])).ok();
    assert!(ipcs.contains("locked"), "{ipcs}");
    let out = run(ns.ipcx().args(["set", "shm", "0x10", "--unlock"])).ok();
    assert_eq!(out, "segment 0x00000010 (id 0): locked -> unlocked\n");
    let ls = run(ns
        .ipcx()
        .args(["ls", "shm", "-o", "key,status", "--raw", "--no-headings"]))
    .ok();
    assert_eq!(ls, "0x00000010 -\n");

    // Every target is tried; each failure named; status 1.
    run(ns.ipcx().args(["sem", "init", "7", "1"])).ok();
    run(ns.ipcx().args(["sem", "init", "9", "1"])).ok();
    let out = run(ns.ipcx().args([
        "set",
        "sem",
        "7",
        "id:5",
        "9",
        "--owner",
        "65534:65534",
        "-m",
        "660",
    ]));
    assert_eq!(out.code, Some(1));
    assert_eq!(
        out.stdout(),
        format!(
            "semaphore set 0x00000007 (id 0): mode 0600 -> 0660, owner root -> {nobody}, group root -> {nogroup}\n\
             semaphore set 0x00000009 (id 1): mode 0600 -> 0660, owner root -> {nobody}, group root -> {nogroup}\n"
        )
    );
    assert_eq!(
        out.stderr,
        "ipcx: set: semaphore set id:5: no such semaphore set\n"
    );
    ns.sysv_python(
        "for key in (7, 9):\n    s = sysv_ipc.Semaphore(key)\n    assert (s.mode, s.uid, s.gid) == (0o660, 65534, 65534), (s.mode, s.uid, s.gid)",
    );
}

#[test]
fn dry_run_changes_nothing() {
    let ns = Ns::new();
    run(ns.ipcx().args(["msg", "send", "1234", "--create", "hi"])).ok();
    let out = run(ns.ipcx().args([
        "set",
        "msg",
        "1234",
        "--mode",
        "644",
        "--max-bytes",
        "100",
        "--dry-run",
    ]))
    .ok();
    assert_eq!(
        out,
        "queue 0x000004d2 (id 0): mode 0600 -> 0644, max-bytes 16384 -> 100\n"
    );
    ns.sysv_python(
        "q = sysv_ipc.MessageQueue(1234)\nassert (q.mode, q.max_size) == (0o600, 16384), (q.mode, q.max_size)",
    );
    run(ns
        .ipcx()
        .args(["shm", "write", "0x10", "--create", "--size", "4K", "x"]))
    .ok();
    let out = run(ns
        .ipcx()
        .args(["set", "shm", "0x10", "--lock", "--dry-run"]))
    .ok();
    assert_eq!(out, "segment 0x00000010 (id 0): unlocked -> locked\n");
    let ls = run(ns
        .ipcx()
        .args(["ls", "shm", "-o", "status", "--raw", "--no-headings"]))
    .ok();
    assert_eq!(ls, "-\n");
}

#[test]
fn an_unprivileged_user_is_refused() {
    let ns = Ns::new();
    run(ns.ipcx().args(["msg", "send", "1234", "--create", "hi"])).ok();
    run(ns.ipcx().args(["set", "msg", "1234", "--mode", "666"])).ok();
    run(as_nobody(&ns, common::ipcx_bin().to_str().unwrap()).args([
        "set", "msg", "1234", "--mode", "600",
    ]))
    .fails(
        1,
        "ipcx: set: queue 0x000004d2 (id 0): only its owner or creator, or CAP_SYS_ADMIN, may change it\n",
    );
    // Python as that user (the system's python3, sysv_ipc installed for it) agrees.
    run(as_nobody(&ns, "/usr/bin/python3").args([
        "-c",
        "import sysv_ipc\nq = sysv_ipc.MessageQueue(1234)\ntry:\n    q.mode = 0o600\nexcept sysv_ipc.PermissionsError:\n    pass\nelse:\n    raise SystemExit('changed')",
    ]))
    .ok();
    ns.sysv_python("q = sysv_ipc.MessageQueue(1234)\nassert (q.mode, q.uid) == (0o666, 0)");

    // Its own queue: it may lower msg_qbytes, not raise it past msgmnb.
    run(ns.ipcx().args(["set", "msg", "1234", "--owner", "65534"])).ok();
    let ipcx = common::ipcx_bin();
    let ipcx = ipcx.to_str().unwrap();
    run(as_nobody(&ns, ipcx).args(["set", "msg", "1234", "--max-bytes", "1000"])).ok();
    run(as_nobody(&ns, ipcx).args(["set", "msg", "1234", "--max-bytes", "1M"])).fails(
        1,
        "ipcx: set: queue 0x000004d2 (id 0): msg_qbytes 1048576 is above msgmnb 16384 (/proc/sys/kernel/msgmnb): raising it past that needs CAP_SYS_RESOURCE\n",
    );
    ns.sysv_python("assert sysv_ipc.MessageQueue(1234).max_size == 1000");

    // Locking: only the owner or creator, within RLIMIT_MEMLOCK.
    run(ns
        .ipcx()
        .args(["shm", "write", "0x10", "--create", "--size", "4K", "x"]))
    .ok();
    run(as_nobody(&ns, ipcx).args(["set", "shm", "0x10", "--lock"])).fails(
        1,
        "ipcx: set: segment 0x00000010 (id 0): only its owner or creator, or CAP_IPC_LOCK, may lock or unlock it\n",
    );
    run(ns.ipcx().args(["set", "shm", "0x10", "--owner", "65534"])).ok();
    let out = run(as_nobody(&ns, "sh").args([
        "-c",
        "ulimit -l 0 && exec \"$0\" set shm 0x10 --lock",
        ipcx,
    ]));
    out.fails(
        1,
        "ipcx: set: segment 0x00000010 (id 0): RLIMIT_MEMLOCK is 0 bytes (ulimit -l): locking it needs a limit above 0, or CAP_IPC_LOCK\n",
    );
    run(ns
        .ipcx()
        .args(["shm", "write", "0x11", "--create", "--size", "64M", "x"]))
    .ok();
    run(ns.ipcx().args(["set", "shm", "0x11", "--owner", "65534"])).ok();
    let out = run(as_nobody(&ns, "sh").args([
        "-c",
        "ulimit -l 1024 && exec \"$0\" set shm 0x11 --lock",
        ipcx,
    ]));
    out.fails(
        1,
        "ipcx: set: segment 0x00000011 (id 1): locking its 67108864 bytes would pass RLIMIT_MEMLOCK of 1048576 bytes (ulimit -l); CAP_IPC_LOCK lifts the limit\n",
    );
    let ls = run(ns
        .ipcx()
        .args(["ls", "shm", "-o", "status", "--raw", "--no-headings"]))
    .ok();
    assert_eq!(ls, "-\n-\n");
}

/// A change refused part way says how far it got: what was made is printed as made, then
/// the refusal (status 1). Here IPC_SET passes and SHM_LOCK is refused.
#[test]
fn a_change_refused_part_way_says_what_was_made() {
    let ns = Ns::new();
    run(ns
        .ipcx()
        .args(["shm", "write", "0x10", "--create", "--size", "4K", "x"]))
    .ok();
    run(ns.ipcx().args(["set", "shm", "0x10", "--owner", "65534"])).ok();
    let ipcx = common::ipcx_bin();
    let out = run(as_nobody(&ns, "sh").args([
        "-c",
        "ulimit -l 0 && exec \"$0\" set shm 0x10 --mode 640 --lock",
        ipcx.to_str().unwrap(),
    ]));
    assert_eq!(
        (out.code, out.stdout(), out.stderr.as_str()),
        (
            Some(1),
            "segment 0x00000010 (id 0): mode 0600 -> 0640\n".to_string(),
            "ipcx: set: segment 0x00000010 (id 0): RLIMIT_MEMLOCK is 0 bytes (ulimit -l): locking it needs a limit above 0, or CAP_IPC_LOCK\n"
        )
    );
    let ls = run(ns
        .ipcx()
        .args(["ls", "shm", "-o", "perms,status", "--raw", "--no-headings"]))
    .ok();
    assert_eq!(ls, "rw-r----- -\n");
}

#[test]
fn usage_errors_come_before_anything_changes() {
    let ns = Ns::new();
    run(ns.ipcx().args(["msg", "send", "1234", "--create", "hi"])).ok();
    let usage = |args: &[&str], why: &str| {
        run(ns.ipcx().arg("set").args(args)).fails(2, &format!("ipcx: set: {why}\n"));
    };
    let help = "\nTry 'ipcx set --help' for more information.";
    usage(
        &["msg", "1234", "--mode", "600", "--owner", "no-such-user-xyz"],
        &format!("invalid value 'no-such-user-xyz' for '--owner <USER[:GROUP]>': no user named 'no-such-user-xyz' (give a name from the passwd database or a uid){help}"),
    );
    usage(
        &["msg", "1234", "--owner", "0:no-such-group-xyz"],
        &format!("invalid value '0:no-such-group-xyz' for '--owner <USER[:GROUP]>': no group named 'no-such-group-xyz' (give a name from the group database or a gid){help}"),
    );
    usage(
        &["msg", "1234", "--group", "no-such-group-xyz"],
        &format!("invalid value 'no-such-group-xyz' for '--group <GROUP>': no group named 'no-such-group-xyz' (give a name from the group database or a gid){help}"),
    );
    usage(
        &["msg", "1234", "--owner", "root:"],
        &format!("invalid value 'root:' for '--owner <USER[:GROUP]>': 'root:' is not USER or USER:GROUP (for the group alone, use --group){help}"),
    );
    usage(
        &["msg", "1234", "--owner", "0:0", "--group", "0"],
        "the group is given twice (--owner USER:GROUP and --group): give it once",
    );
    usage(
        &["msg", "1234", "--mode", "800"],
        &format!("invalid value '800' for '--mode <MODE>': '800' is not a permission mode (expected octal 000 to 777, e.g. 600){help}"),
    );
    usage(
        &["shm", "1234", "--max-bytes", "1K"],
        "--max-bytes is a System V queue's msg_qbytes (set msg); shm objects have none",
    );
    usage(
        &["mq", "/q", "--max-bytes", "1K"],
        "--max-bytes is a System V queue's msg_qbytes (set msg); mq objects have none",
    );
    usage(
        &["sem", "1234", "--lock"],
        "--lock and --unlock lock a System V segment in memory (set shm); sem objects cannot be locked",
    );
    usage(
        &["pshm", "/m", "--unlock"],
        "--lock and --unlock lock a System V segment in memory (set shm); pshm objects cannot be locked",
    );
    usage(
        &["shm", "1234", "--lock", "--unlock"],
        &format!("the argument '--lock' cannot be used with '--unlock'{help}"),
    );
    usage(
        &["msg", "1234"],
        "nothing to change: give --mode, --owner, --group, --max-bytes, --lock or --unlock",
    );
    usage(
        &["msg", "1234", "/q", "--mode", "644"],
        "/q is a POSIX name; msg objects are named by KEY, id:N or ftok:PATH (for POSIX objects use mq, pshm or psem)",
    );
    usage(
        &["mq", "/q", "1234", "--mode", "644"],
        "'0x000004d2' is not a POSIX name; mq objects are named /NAME",
    );
    usage(
        &["queue", "1234", "--mode", "644"],
        &format!("invalid value 'queue' for '<KIND>'{help}"),
    );
    ns.sysv_python("q = sysv_ipc.MessageQueue(1234)\nassert (q.mode, q.uid) == (0o600, 0)");
}

#[test]
fn posix_objects_files_change() {
    let ns = Ns::with_mounts();
    run(ns.ipcx().args(["msg", "send", "/q", "--create", "hi"])).ok();
    run(ns
        .ipcx()
        .args(["shm", "write", "/m", "--create", "--size", "16", "hi"]))
    .ok();
    run(ns.ipcx().args(["sem", "init", "/s", "1"])).ok();
    let nobody = name_of("passwd", 65534);
    let nogroup = name_of("group", 65534);
    let out = run(ns
        .ipcx()
        .args(["set", "mq", "/q", "--mode", "640", "--owner", "65534:65534"]))
    .ok();
    assert_eq!(
        out,
        format!(
            "POSIX queue /q: mode 0600 -> 0640, owner root -> {nobody}, group root -> {nogroup}\n"
        )
    );
    let out = run(ns.ipcx().args(["set", "pshm", "/m", "--group", "65534"])).ok();
    assert_eq!(
        out,
        format!("POSIX shared memory /m: group root -> {nogroup}\n")
    );
    let out = run(ns.ipcx().args(["set", "psem", "/s", "-m", "666"])).ok();
    assert_eq!(out, "POSIX semaphore /s: mode 0600 -> 0666\n");
    let stat =
        run(&mut ns.sh("stat -c '%n %a %u %g' /dev/mqueue/q /dev/shm/m /dev/shm/sem.s")).ok();
    assert_eq!(
        stat,
        "/dev/mqueue/q 640 65534 65534\n/dev/shm/m 600 0 65534\n/dev/shm/sem.s 666 0 0\n"
    );
    // The new owner can now use them with posix_ipc; the group has read only.
    run(as_nobody(&ns, "/usr/bin/python3").args([
        "-c",
        "import posix_ipc\nq = posix_ipc.MessageQueue('/q')\nassert q.receive()[0] == b'hi'\ns = posix_ipc.Semaphore('/s')\ns.acquire(0)\ns.release()",
    ]))
    .ok();
    // An unprivileged user cannot change a file it does not own.
    run(as_nobody(&ns, common::ipcx_bin().to_str().unwrap()).args([
        "set", "pshm", "/m", "--mode", "666",
    ]))
    .fails(
        1,
        "ipcx: set: POSIX shared memory /m: only its file's owner, or CAP_FOWNER, may change its mode\n",
    );
    // A symlink planted at a name is not followed.
    let dir = common::tempdir();
    let victim = dir.path().join("victim");
    std::fs::write(&victim, "x").unwrap();
    std::fs::set_permissions(&victim, std::os::unix::fs::PermissionsExt::from_mode(0o600)).unwrap();
    run(&mut ns.sh(&format!("ln -s {} /dev/shm/evil", victim.display()))).ok();
    run(ns
        .ipcx()
        .args(["set", "pshm", "/evil", "/nope", "--mode", "666"]))
    .fails(
        1,
        "ipcx: set: POSIX shared memory /evil: /dev/shm/evil is not a regular file; left alone\n\
         ipcx: set: POSIX shared memory /nope: no such POSIX shared memory\n",
    );
    let mode =
        std::os::unix::fs::PermissionsExt::mode(&std::fs::metadata(&victim).unwrap().permissions());
    assert_eq!(mode & 0o777, 0o600);
}
