//! `ls --holders`: who holds each segment (attached), POSIX shared memory and semaphore
//! (descriptor, mapping) and POSIX queue (descriptor), found in one scan of /proc, in the
//! object's own namespace only; processes that cannot be read are counted, not guessed.

use serde_json::Value;

use crate::common::{run, Ns, Run};

/// stdout of a listing that succeeded, whose stderr is empty or the one note that some
/// processes of the machine could not be read (a sandbox's init often cannot be, even by
/// root: it has capabilities we lack).
#[track_caller]
pub fn listed(out: &Run) -> String {
    assert_eq!(out.code, Some(0), "stderr: {}", out.stderr);
    let note = out.stderr.strip_prefix("ipcx: ls: ").unwrap_or(&out.stderr);
    assert!(
        out.stderr.is_empty()
            || (note.lines().count() == 1
                && (note.ends_with(
                    " could not be read (permission denied): their holds and waits are unknown\n"
                ) || note.ends_with(
                    " could not be read (permission denied): its holds and waits are unknown\n"
                ))),
        "stderr: {}",
        out.stderr
    );
    out.stdout()
}

/// A Python process holding one object of each kind: a segment attached, POSIX shared
/// memory open and mapped, a POSIX semaphore (mapped by sem_open) and a POSIX queue open.
/// Objects nobody holds stand beside them. Returns the holder and its pid.
fn holding(ns: &Ns) -> (std::process::Child, i64) {
    ns.sysv_python("sysv_ipc.SharedMemory(0x11, sysv_ipc.IPC_CREX, size=64)");
    let child = ns.python_holder(
        "import posix_ipc, mmap\n\
         m = sysv_ipc.SharedMemory(0x10, sysv_ipc.IPC_CREX, size=64)\n\
         s = posix_ipc.SharedMemory('/seg', posix_ipc.O_CREX, size=4096)\n\
         mm = mmap.mmap(s.fd, 4096)\n\
         posix_ipc.SharedMemory('/free', posix_ipc.O_CREX, size=64).close_fd()\n\
         sem = posix_ipc.Semaphore('/sem', posix_ipc.O_CREX, initial_value=1)\n\
         q = posix_ipc.MessageQueue('/q', posix_ipc.O_CREX)",
    );
    // nsenter execs Python, or forks first (to enter a PID namespace): then Python is
    // its child.
    let children =
        std::fs::read_to_string(format!("/proc/{0}/task/{0}/children", child.id())).unwrap();
    let pid: i64 = children.trim().parse().unwrap_or(child.id().into());
    (child, pid)
}

#[test]
fn holders_of_every_kind_with_how() {
    let ns = Ns::with_mounts();
    let (mut child, pid) = holding(&ns);
    let out = listed(&run(ns.ipcx().args([
        "ls",
        "shm",
        "--holders",
        "--json",
        "-o",
        "key,holders",
    ])));
    let value: Value = serde_json::from_str(&out).unwrap();
    let one = |how: &str| serde_json::json!([{"pid": pid, "command": "python3", "how": how}]);
    assert_eq!(
        value["sharedmemory"],
        serde_json::json!([
            {"key": "0x00000011", "holders": []},
            {"key": "0x00000010", "holders": one("attached")},
        ]),
        "{out}"
    );
    let out = listed(&run(ns.ipcx().args([
        "ls",
        "mq",
        "pshm",
        "psem",
        "--holders",
        "--json",
        "-o",
        "name,holders",
    ])));
    let value: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        value["posixsharedmemory"],
        serde_json::json!([
            {"name": "/free", "holders": []},
            {"name": "/seg", "holders": [
                {"pid": pid, "command": "python3", "how": "fd"},
                {"pid": pid, "command": "python3", "how": "mapped"},
            ]},
        ])
    );
    assert_eq!(
        value["posixsemaphores"],
        serde_json::json!([{"name": "/sem", "holders": one("mapped")}])
    );
    assert_eq!(
        value["posixmqueues"],
        serde_json::json!([{"name": "/q", "holders": one("fd")}])
    );
    // The table: pid(command):how, comma-separated; `-` for nobody.
    let table = listed(&run(ns.ipcx().args([
        "ls",
        "pshm",
        "-o",
        "name,holders",
        "--no-headings",
    ])));
    assert_eq!(
        table,
        format!("/free -\n/seg  {pid}(python3):fd,{pid}(python3):mapped\n")
    );
    // --attached is the same column under its old name.
    let json: Value = serde_json::from_str(&listed(&run(ns.ipcx().args([
        "ls",
        "shm",
        "--attached",
        "--json",
        "--key",
        "0x10",
    ]))))
    .unwrap();
    assert_eq!(json["sharedmemory"][0]["holders"], one("attached"));
    child.kill().unwrap();
    child.wait().unwrap();
    // Gone, it holds nothing.
    crate::common::wait_until("the holder to end", 10, || {
        !std::path::Path::new(&format!("/proc/{pid}")).exists()
    });
    let table = listed(&run(ns.ipcx().args([
        "ls",
        "pshm",
        "-o",
        "name,holders",
        "--no-headings",
    ])));
    assert_eq!(table, "/free -\n/seg  -\n");
}

/// A process of another IPC namespace attaching its own segment 0 does not hold ours.
#[test]
fn holders_count_only_the_objects_namespace() {
    let ours = Ns::new();
    let theirs = Ns::new();
    ours.sysv_python("sysv_ipc.SharedMemory(0x10, sysv_ipc.IPC_CREX, size=64)");
    let mut child =
        theirs.python_holder("m = sysv_ipc.SharedMemory(0x10, sysv_ipc.IPC_CREX, size=64)");
    assert_eq!(
        listed(&run(ours.ipcx().args([
            "ls",
            "shm",
            "--holders",
            "-o",
            "id,nattch,holders",
            "--no-headings",
        ]))),
        "0 0 -\n"
    );
    child.kill().unwrap();
    child.wait().unwrap();
}

/// A user who may not read the holder's /proc files is told so once, and the holders it
/// cannot see are not guessed: the listing still succeeds.
#[test]
fn unreadable_processes_are_counted_once() {
    let ns = Ns::with_mounts();
    let (mut child, _) = holding(&ns);
    run(&mut ns.sh("chmod 644 /dev/shm/seg")).ok();
    let out = run(ns.ipcx_as_nobody().args([
        "ls",
        "pshm",
        "--holders",
        "-o",
        "name,holders",
        "--no-headings",
    ]));
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert_eq!(out.stdout(), "/free -\n/seg  -\n");
    let note = out.stderr.strip_prefix("ipcx: ls: ").unwrap();
    let (count, rest) = note.split_once(' ').unwrap();
    assert!(count.parse::<u32>().unwrap() >= 1, "{}", out.stderr);
    assert!(
        rest == "processes could not be read (permission denied): their holds and waits are unknown\n"
            || rest == "process could not be read (permission denied): its holds and waits are unknown\n",
        "{}",
        out.stderr
    );
    child.kill().unwrap();
    child.wait().unwrap();
}

#[test]
fn holders_of_a_kind_without_them_is_a_usage_error() {
    let ns = Ns::new();
    run(ns.ipcx().args(["ls", "msg", "-o", "id,holders"])).fails(
        2,
        "ipcx: ls: column 'holders' is not one of msg objects (only shm, mq, pshm, psem objects have it)\n",
    );
    // --holders adds the column where a kind has it, and nothing to msg.
    assert_eq!(
        run(ns.ipcx().args(["ls", "msg", "--holders"])).ok(),
        "KEY ID PERMS OWNER USEDBYTES MSGS LSPID LRPID\n"
    );
}
