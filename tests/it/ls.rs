//! `ipcx ls`: exact listings of objects the test made, in a private IPC namespace.

use crate::common;

use common::{run, Ns};
use serde_json::Value;

fn sample(ns: &Ns) {
    ns.sysv_python(
        "q = sysv_ipc.MessageQueue(0x4d2, sysv_ipc.IPC_CREX, mode=0o600)\n\
         q.send(b'hello', type=1)\n\
         q.send(b'world', type=2)\n\
         sysv_ipc.SharedMemory(0x10, sysv_ipc.IPC_CREX, mode=0o640, size=8192)\n\
         sysv_ipc.Semaphore(0x20, sysv_ipc.IPC_CREX, mode=0o644)\n",
    );
}

#[test]
fn empty_namespace_prints_headers_only() {
    let ns = Ns::new();
    assert_eq!(
        run(ns.ipcx().args(["ls", "msg"])).ok(),
        "KEY ID PERMS OWNER USEDBYTES MSGS LSPID LRPID\n"
    );
    assert_eq!(run(ns.ipcx().args(["ls", "sem", "--no-headings"])).ok(), "");
}

#[test]
fn table_of_each_kind() {
    let ns = Ns::new();
    sample(&ns);
    assert_eq!(
        run(ns
            .ipcx()
            .args(["ls", "msg", "-o", "key,id,perms,owner,usedbytes,msgs"]))
        .ok(),
        "KEY        ID PERMS     OWNER USEDBYTES MSGS\n\
         0x000004d2  0 rw------- root        10B    2\n"
    );
    assert_eq!(
        run(ns.ipcx().args([
            "ls",
            "shm",
            "--bytes",
            "-o",
            "key,id,perms,size,nattch,status"
        ]))
        .ok(),
        "KEY        ID PERMS     SIZE NATTCH STATUS\n\
         0x00000010  0 rw-r----- 8192      0 -\n"
    );
    assert_eq!(
        run(ns.ipcx().args(["ls", "sem"])).ok(),
        "KEY        ID PERMS     OWNER NSEMS\n\
         0x00000020  0 rw-r--r-- root      1\n"
    );
}

#[test]
fn all_kinds_by_default_with_titles() {
    let ns = Ns::new();
    sample(&ns);
    let out = run(ns.ipcx().args(["ls", "-o", "key,id"])).ok();
    assert_eq!(
        out,
        "Message queues:\nKEY        ID\n0x000004d2  0\n\n\
         Shared memory segments:\nKEY        ID\n0x00000010  0\n\n\
         Semaphore sets:\nKEY        ID\n0x00000020  0\n"
    );
}

#[test]
fn raw_export_and_no_headings() {
    let ns = Ns::new();
    sample(&ns);
    assert_eq!(
        run(ns
            .ipcx()
            .args(["ls", "shm", "--raw", "-o", "key,id,size,owner"]))
        .ok(),
        "KEY ID SIZE OWNER\n0x00000010 0 8192 root\n"
    );
    assert_eq!(
        run(ns.ipcx().args([
            "ls",
            "shm",
            "--raw",
            "--human",
            "--no-headings",
            "-o",
            "key,size"
        ]))
        .ok(),
        "0x00000010 8K\n"
    );
    assert_eq!(
        run(ns
            .ipcx()
            .args(["ls", "msg", "--export", "-o", "key,msgs,usedbytes"]))
        .ok(),
        "KEY=\"0x000004d2\" MSGS=\"2\" USEDBYTES=\"10\"\n"
    );
}

#[test]
fn json_uses_lsipc_names_and_numbers() {
    let ns = Ns::with_mounts(); // every kind is listed: POSIX ones too
    sample(&ns);
    let out = run(ns.ipcx().args(["ls", "--json"])).ok();
    let value: Value = serde_json::from_str(&out).unwrap();
    let queue = &value["messages"][0];
    assert_eq!(queue["key"], "0x000004d2");
    assert_eq!(queue["id"], 0);
    assert_eq!(queue["perms"], "rw-------");
    assert_eq!(queue["owner"], "root");
    assert_eq!(queue["usedbytes"], 10);
    assert_eq!(queue["msgs"], 2);
    assert!(queue["lspid"].as_i64().unwrap() > 0);
    assert_eq!(value["sharedmemory"][0]["size"], 8192);
    assert_eq!(value["sharedmemory"][0]["nattch"], 0);
    assert_eq!(value["semaphores"][0]["nsems"], 1);
    let keys: Vec<&str> = queue
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        keys,
        [
            "key",
            "id",
            "perms",
            "owner",
            "usedbytes",
            "msgs",
            "lspid",
            "lrpid"
        ]
    );
}

#[test]
fn filters_by_key_id_and_owner() {
    let ns = Ns::new();
    ns.sysv_python(
        "for k in (1, 2, 3):\n    sysv_ipc.MessageQueue(k, sysv_ipc.IPC_CREX, mode=0o600)\n",
    );
    // IPC_SET hands the fourth queue to nobody.
    ns.sysv_python("q = sysv_ipc.MessageQueue(4, sysv_ipc.IPC_CREX, mode=0o600)\nq.uid = 65534\n");
    let ls = |args: &[&str]| {
        let mut cmd = ns.ipcx();
        cmd.args(["ls", "msg", "--no-headings", "-o", "key,id,uid"])
            .args(args);
        run(&mut cmd).ok()
    };
    assert_eq!(ls(&["--key", "0x2"]), "0x00000002 1 0\n");
    assert_eq!(ls(&["--key", "2"]), "0x00000002 1 0\n");
    assert_eq!(ls(&["--id", "2"]), "0x00000003 2 0\n");
    assert_eq!(ls(&["--owner", "65534"]), "0x00000004 3 65534\n");
    assert_eq!(ls(&["--owner", "nobody"]), "0x00000004 3 65534\n");
    assert_eq!(ls(&["--owner", "root", "--id", "3"]), "");
}

#[test]
fn creator_time_and_pid_columns() {
    let ns = Ns::new();
    sample(&ns);
    let out = run(ns
        .ipcx()
        .args(["ls", "msg", "--creator", "--time", "--pid"]))
    .ok();
    let header = out.lines().next().unwrap();
    assert_eq!(
        header.split_whitespace().collect::<Vec<_>>(),
        [
            "KEY",
            "ID",
            "PERMS",
            "OWNER",
            "USEDBYTES",
            "MSGS",
            "LSPID",
            "LRPID",
            "LSCOMM",
            "LRCOMM",
            "CUID",
            "CUSER",
            "CGID",
            "CGROUP",
            "UID",
            "GID",
            "SEND",
            "RECV",
            "CTIME"
        ]
    );
    let json: Value = serde_json::from_str(
        &run(ns
            .ipcx()
            .args(["ls", "msg", "--json", "--time", "--creator"]))
        .ok(),
    )
    .unwrap();
    let queue = &json["messages"][0];
    assert_eq!(queue["cuser"], "root");
    assert_eq!(queue["recv"], Value::Null, "never received");
    assert!(
        queue["send"].as_str().unwrap().starts_with("20"),
        "ISO time: {}",
        queue["send"]
    );
}

#[test]
fn attached_names_the_processes_holding_a_segment() {
    let ns = Ns::new();
    sample(&ns);
    let mut holder = ns.python_holder("m = sysv_ipc.SharedMemory(0x10)");
    // nsenter forks: the process holding the segment is the child of `holder`.
    let out = run(ns.ipcx().args(["ls", "shm", "--attached", "--json"])).ok();
    let value: Value = serde_json::from_str(&out).unwrap();
    let segment = &value["sharedmemory"][0];
    assert_eq!(segment["nattch"], 1);
    // --attached is --holders under its old name: the column is HOLDERS.
    let attached = segment["holders"].as_array().unwrap();
    assert_eq!(attached.len(), 1, "{out}");
    assert_eq!(attached[0]["how"], "attached");
    assert_eq!(attached[0]["command"], "python3");
    let pid = attached[0]["pid"].as_i64().unwrap();
    let table = run(ns.ipcx().args([
        "ls",
        "shm",
        "--attached",
        "-o",
        "id,attached",
        "--no-headings",
    ]))
    .ok();
    assert_eq!(table, format!("0 {pid}(python3)\n"));
    holder.kill().unwrap();
    holder.wait().unwrap();
}

#[test]
fn limits_match_the_kernel_and_count_use() {
    let ns = Ns::new();
    sample(&ns);
    let out = run(ns.ipcx().args(["ls", "--limits", "--json"])).ok();
    let value: Value = serde_json::from_str(&out).unwrap();
    let rows = value["ipclimits"].as_array().unwrap();
    let row = |name: &str| {
        rows.iter()
            .find(|r| r["resource"] == name)
            .unwrap_or_else(|| panic!("{name}"))
    };
    let kernel = |file: &str| std::fs::read_to_string(format!("/proc/sys/kernel/{file}")).unwrap();
    assert_eq!(
        row("MSGMAX")["limit"].as_u64().unwrap().to_string(),
        kernel("msgmax").trim()
    );
    assert_eq!(
        row("MSGMNB")["limit"].as_u64().unwrap().to_string(),
        kernel("msgmnb").trim()
    );
    assert_eq!(
        row("SHMMAX")["limit"].as_u64().unwrap().to_string(),
        kernel("shmmax").trim()
    );
    let sem: Vec<String> = kernel("sem").split_whitespace().map(String::from).collect();
    assert_eq!(row("SEMMSL")["limit"].as_u64().unwrap().to_string(), sem[0]);
    assert_eq!(row("SEMMNI")["limit"].as_u64().unwrap().to_string(), sem[3]);
    assert_eq!(row("MSGMNI")["used"], 1);
    assert_eq!(row("SHMMNI")["used"], 1);
    assert_eq!(row("SHMALL")["used"], 2, "8192 bytes are two pages");
    assert_eq!(row("SEMMNS")["used"], 1);
    assert_eq!(row("MSGMAX")["used"], Value::Null);
    assert_eq!(row("MSGMAX")["source"], "/proc/sys/kernel/msgmax");
    let table = run(ns.ipcx().args([
        "ls",
        "--limits",
        "-o",
        "resource,limit",
        "--bytes",
        "--raw",
        "--no-headings",
    ]))
    .ok();
    assert!(
        table.contains(&format!("MSGMAX {}\n", kernel("msgmax").trim())),
        "{table}"
    );
}

#[test]
fn objects_made_by_ipcmk_are_listed() {
    let ns = Ns::with_mounts(); // every kind is listed: POSIX ones too
    let made = run(ns
        .cmd("ipcmk")
        .args(["-Q", "-M", "4096", "-S", "3", "-p", "0600"]))
    .ok();
    assert_eq!(
        made,
        "Shared memory id: 0\nMessage queue id: 0\nSemaphore id: 0\n"
    );
    let out = run(ns
        .ipcx()
        .args(["ls", "-o", "id,perms", "--raw", "--no-headings"]))
    .ok();
    assert_eq!(out, "0 rw-------\n0 rw-------\n0 rw-------\n");
    let sem = run(ns
        .ipcx()
        .args(["ls", "sem", "-o", "nsems", "--no-headings"]))
    .ok();
    assert_eq!(sem, "3\n");
}

#[test]
fn bad_inputs_are_usage_errors() {
    let ns = Ns::new();
    run(ns.ipcx().args(["ls", "bogus"])).fails(
        2,
        "ipcx: ls: invalid value 'bogus' for '[TYPES]...'\nTry 'ipcx ls --help' for more information.\n",
    );
    let bad_column = run(ns.ipcx().args(["ls", "msg", "-o", "key,nope"]));
    assert_eq!(bad_column.code, Some(2));
    assert!(
        bad_column
            .stderr
            .starts_with("ipcx: ls: unknown column 'nope' (known: attach, attached,"),
        "{}",
        bad_column.stderr
    );
    run(ns.ipcx().args(["ls", "--key", "zz"])).fails(
        2,
        "ipcx: ls: invalid value 'zz' for '--key <KEY>': 'zz' is not a key (expected decimal, 0x hex or 0 octal, 32 bits)\n\
         Try 'ipcx ls --help' for more information.\n",
    );
    run(ns.ipcx().args(["ls", "--json", "--raw"])).fails(
        2,
        "ipcx: ls: the argument '--json' cannot be used with '--raw'\nTry 'ipcx ls --help' for more information.\n",
    );
    run(ns.ipcx().args(["ls", "--owner", "no-such-user-here"])).fails(
        2,
        "ipcx: ls: invalid value 'no-such-user-here' for '--owner <USER>': no user named 'no-such-user-here' \
         (give a name from the passwd database or a uid)\nTry 'ipcx ls --help' for more information.\n",
    );
}

/// `ipcx ARGS` with its stdout on a pipe whose read end is already closed.
fn into_closed_pipe(ns: &Ns, args: &[&str]) -> common::Run {
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    ns.ipcx()
        .args(args)
        .stdin(std::process::Stdio::null())
        .stdout(writer)
        .output()
        .unwrap()
        .into()
}

#[test]
fn output_columns_a_kind_lacks_are_named_and_an_empty_list_is_refused() {
    let ns = Ns::with_mounts();
    sample(&ns);
    posix_sample(&ns);
    let empty = "names no column (e.g. -o key,id,owner; --help lists each kind's columns)\n";
    for spec in ["", ",,,", " , ", "+", "+,"] {
        for args in [&["ls", "-o", spec][..], &["ls", "msg", "-o", spec]] {
            let out = run(ns.ipcx().args(args));
            out.fails(2, &format!("ipcx: ls: -o '{spec}' {empty}"));
            assert_eq!(out.stdout(), "");
        }
    }
    run(ns.ipcx().args(["ls", "--limits", "-o", ","])).fails(
        2,
        "ipcx: ls: -o ',' names no column (known for --limits: resource, description, limit, used, use%, source)\n",
    );
    // No listed kind has the column: a usage error that says which kinds do.
    run(ns.ipcx().args(["ls", "pshm", "-o", "name,size,nattch"])).fails(
        2,
        "ipcx: ls: column 'nattch' is not one of pshm objects (only shm objects have it)\n",
    );
    run(ns.ipcx().args(["ls", "msg", "sem", "-o", "+Size"])).fails(
        2,
        "ipcx: ls: column 'Size' is not one of msg, sem objects (only shm, mq, pshm, psem objects have it)\n",
    );
    // Some listed kinds have it: each shows what it has, and stderr says what is missing.
    let out = run(ns
        .ipcx()
        .args(["ls", "shm", "pshm", "-o", "name,size,nattch", "--raw"]));
    assert_eq!(out.code, Some(0));
    assert_eq!(
        out.stderr,
        "ipcx: ls: -o name,size,nattch: shm objects have no name column; pshm objects have no nattch column\n"
    );
    assert_eq!(
        out.stdout(),
        "SIZE NATTCH\n8192 0\nNAME SIZE\n/table 4096\n"
    );
    let out = run(ns.ipcx().args([
        "ls",
        "psem",
        "mq",
        "-o",
        "name,msgsize,maxmsgs,value",
        "--no-headings",
    ]));
    assert_eq!(out.code, Some(0));
    assert_eq!(
        out.stderr,
        "ipcx: ls: -o name,msgsize,maxmsgs,value: mq objects have no value column; \
         psem objects have no msgsize, maxmsgs columns\n"
    );
    assert_eq!(
        out.stdout(),
        "POSIX message queues:\n/jobs 64B 5\n\nPOSIX semaphores:\n/lock 2\n"
    );
    // A kind that has none of the columns is left out, as in a listing of every kind.
    let out = run(ns
        .ipcx()
        .args(["ls", "shm", "pshm", "-o", "nattch", "--raw"]));
    assert_eq!(out.code, Some(0));
    assert_eq!(
        out.stderr,
        "ipcx: ls: -o nattch: pshm objects have no nattch column\n"
    );
    assert_eq!(out.stdout(), "NATTCH\n0\n");
    // Every kind (no TYPE): one list spans both families, quietly.
    assert_eq!(
        run(ns
            .ipcx()
            .args(["ls", "-o", "key,name", "--raw", "--no-headings"]))
        .ok(),
        "0x000004d2\n0x00000010\n0x00000020\n/jobs\n/table\n/lock\n"
    );
}

#[test]
fn the_long_help_lists_the_columns_of_each_kind() {
    let help = run(std::process::Command::new(common::ipcx_bin()).args(["ls", "--help"])).ok();
    assert!(
        help.contains(
            "\n  pshm:     name, owner, perms, uid, user, gid, group, mtime, size, holders\n"
        ),
        "{help}"
    );
    assert!(help.contains("\n  nattch      number of attached processes\n"));
    assert!(help.contains("columns. --help lists the columns of each kind\n"));
    // -h stays short.
    let short = run(std::process::Command::new(common::ipcx_bin()).args(["ls", "-h"])).ok();
    assert!(!short.contains("pshm:"));
}

#[test]
fn a_closed_stdout_ends_quietly() {
    let ns = Ns::with_mounts(); // every kind is listed: POSIX ones too
    sample(&ns);
    into_closed_pipe(&ns, &["ls"]).fails(141, "");
}

#[test]
fn a_closed_stdout_ends_quietly_in_every_format_however_long_the_output() {
    let ns = Ns::new();
    // Enough queues that every format's output is larger than the 64 KiB output buffer,
    // so the write that fails happens while rendering, not at the final flush.
    ns.sysv_python(
        "for k in range(1, 1001):\n    sysv_ipc.MessageQueue(k, sysv_ipc.IPC_CREX, mode=0o600)\n",
    );
    for format in [None, Some("--raw"), Some("--export"), Some("--json")] {
        let mut args = vec!["ls", "msg", "-o", "+ctime,cuser,cgroup"];
        args.extend(format);
        let size = run(ns.ipcx().args(&args)).ok().len();
        assert!(size > 64 * 1024, "{format:?}: only {size} bytes");
        into_closed_pipe(&ns, &args).fails(141, "");
        let mut limits = vec!["ls", "--limits"];
        limits.extend(format);
        into_closed_pipe(&ns, &limits).fails(141, "");
    }
}

/// POSIX objects of each kind, made by Python's posix_ipc (an independent client) in a
/// namespace with its own /dev/mqueue and /dev/shm.
fn posix_sample(ns: &Ns) {
    let script = "import posix_ipc\n\
        q = posix_ipc.MessageQueue('/jobs', posix_ipc.O_CREX, mode=0o600, max_messages=5, max_message_size=64)\n\
        q.send(b'hello'); q.send(b'hi', priority=3)\n\
        posix_ipc.SharedMemory('/table', posix_ipc.O_CREX, mode=0o640, size=4096)\n\
        posix_ipc.Semaphore('/lock', posix_ipc.O_CREX, mode=0o600, initial_value=2)\n";
    run(ns.cmd("python3").args(["-c", script])).ok();
}

#[test]
fn posix_objects_of_each_kind() {
    let ns = Ns::with_mounts();
    posix_sample(&ns);
    let out = run(ns
        .ipcx()
        .args(["ls", "mq", "pshm", "psem", "-o", "+uid", "--bytes"]))
    .ok();
    let strip_mtime = |text: &str| -> String {
        // MTIME is the time of the test run; every other column is exact.
        text.lines()
            .map(|l| {
                let mut words: Vec<&str> = l.split_whitespace().collect();
                if l.starts_with('/') || l.starts_with("NAME") {
                    words.remove(words.len() - 2);
                }
                words.join(" ") + "\n"
            })
            .collect()
    };
    assert_eq!(
        strip_mtime(&out),
        "POSIX message queues:\n\
         NAME PERMS OWNER USEDBYTES MSGS MAXMSGS MSGSIZE UID\n\
         /jobs rw------- root 7 2 5 64 0\n\
         \n\
         POSIX shared memory:\n\
         NAME PERMS OWNER SIZE UID\n\
         /table rw-r----- root 4096 0\n\
         \n\
         POSIX semaphores:\n\
         NAME PERMS OWNER VALUE UID\n\
         /lock rw------- root 2 0\n"
    );
    let out = run(ns
        .ipcx()
        .args(["ls", "psem", "mq", "--json", "-o", "name,msgs,value"]));
    assert_eq!(out.code, Some(0));
    assert_eq!(
        out.stderr,
        "ipcx: ls: -o name,msgs,value: mq objects have no value column; psem objects have no msgs column\n"
    );
    assert_eq!(
        out.stdout(),
        "{\n  \"posixmqueues\": [\n    {\n      \"name\": \"/jobs\",\n      \"msgs\": 2\n    }\n  ],\n  \
         \"posixsemaphores\": [\n    {\n      \"name\": \"/lock\",\n      \"value\": 2\n    }\n  ]\n}\n"
    );
    let export = run(ns
        .ipcx()
        .args(["ls", "pshm", "--export", "-o", "name,size,perms"]))
    .ok();
    assert_eq!(
        export,
        "NAME=\"/table\" SIZE=\"4096\" PERMS=\"rw-r-----\"\n"
    );
    // The default listing shows both families; System V sections first.
    let all = run(ns.ipcx().args(["ls", "-o", "key,name"])).ok();
    assert_eq!(
        all,
        "Message queues:\nKEY\n\nShared memory segments:\nKEY\n\nSemaphore sets:\nKEY\n\n\
         POSIX message queues:\nNAME\n/jobs\n\nPOSIX shared memory:\nNAME\n/table\n\n\
         POSIX semaphores:\nNAME\n/lock\n"
    );
}

#[test]
fn posix_listing_filters_and_refusals() {
    let ns = Ns::with_mounts();
    posix_sample(&ns);
    // A file in /dev/shm that is not a semaphore is listed without a value, never mapped.
    std::fs::write(format!("/proc/{}/root/dev/shm/sem.bogus", ns.pid()), b"x").unwrap();
    let out = run(ns.ipcx().args(["ls", "psem", "-o", "name,value", "--raw"])).ok();
    assert_eq!(out, "NAME VALUE\n/bogus -\n/lock 2\n");
    let none = run(ns
        .ipcx()
        .args(["ls", "pshm", "--owner", "65534", "--no-headings"]))
    .ok();
    assert_eq!(none, "");
    run(ns.ipcx().args(["ls", "pshm", "--key", "1"])).fails(
        2,
        "ipcx: ls: --key and --id select System V objects; POSIX objects have names (see NAME)\n",
    );
}

/// Namespaces whose /dev/mqueue is not an mqueue mount: once an empty directory, once not
/// there at all (a private tmpfs over the namespace's own /dev, so nothing lands on the
/// machine's). Each holds System V queue 0x4d2 and POSIX queue /q (mq_open needs no mount).
fn without_mqueue() -> Vec<Ns> {
    [
        "umount /dev/mqueue",
        "umount /dev/mqueue && mount -t tmpfs -o mode=755 none /dev && mkdir /dev/shm",
    ]
    .into_iter()
    .map(|setup| {
        let ns = Ns::with_mounts();
        run(&mut ns.sh(setup)).ok();
        ns.sysv_python("sysv_ipc.MessageQueue(0x4d2, sysv_ipc.IPC_CREX, mode=0o600)\n");
        run(ns.cmd("python3").args([
            "-c",
            "import posix_ipc\nposix_ipc.MessageQueue('/q', posix_ipc.O_CREX, mode=0o600)\n",
        ]))
        .ok();
        ns
    })
    .collect()
}

const UNMOUNTED: &str =
    "ipcx: ls: POSIX message queues cannot be listed: /dev/mqueue is not mounted \
    (as root: mkdir -p /dev/mqueue && mount -t mqueue none /dev/mqueue)\n";

#[test]
fn unmounted_mqueue_fails_when_asked_for_and_is_one_warning_otherwise() {
    for ns in without_mqueue() {
        // Asked for by name: a failure, and nothing on stdout (not even `{}`).
        for args in [
            &["ls", "mq"][..],
            &["ls", "mq", "--json"],
            &["ls", "mq", "--raw"],
        ] {
            let out = run(ns.ipcx().args(args));
            out.fails(1, UNMOUNTED);
            assert_eq!(out.stdout(), "", "{args:?}");
        }
        // With another kind: that one is listed, and the status still says what failed.
        let out = run(ns.ipcx().args(["ls", "mq", "msg", "-o", "perms"]));
        out.fails(1, UNMOUNTED);
        assert_eq!(
            out.stdout(),
            "PERMS\nrw-------\n",
            "one section left: no title"
        );
        // Every kind: the rest is listed, one line on stderr says why queues are not.
        for args in [
            &["ls", "-o", "key,name"][..],
            &["ls", "all", "-o", "key,name"],
        ] {
            let out = run(ns.ipcx().args(args));
            assert_eq!(out.code, Some(0), "{args:?}");
            assert_eq!(out.stderr, UNMOUNTED);
            assert_eq!(
                out.stdout(),
                "Message queues:\nKEY\n0x000004d2\n\nShared memory segments:\nKEY\n\n\
                 Semaphore sets:\nKEY\n\nPOSIX shared memory:\nNAME\n\n\
                 POSIX semaphores:\nNAME\n"
            );
        }
        let out = run(ns.ipcx().args(["ls", "--json"]));
        assert_eq!(out.code, Some(0));
        assert_eq!(out.stderr, UNMOUNTED);
        let json: Value = serde_json::from_slice(&out.stdout).unwrap();
        let keys: Vec<&String> = json.as_object().unwrap().keys().collect();
        assert_eq!(
            keys,
            [
                "messages",
                "sharedmemory",
                "semaphores",
                "posixsharedmemory",
                "posixsemaphores"
            ]
        );
        // A listing with no column of queues does not look for them.
        assert_eq!(
            run(ns
                .ipcx()
                .args(["ls", "-o", "key", "--raw", "--no-headings"]))
            .ok(),
            "0x000004d2\n"
        );
        // Bad input still comes first.
        let bad = run(ns.ipcx().args(["ls", "mq", "-o", "nope"]));
        assert_eq!(bad.code, Some(2));
        assert!(
            bad.stderr.starts_with("ipcx: ls: unknown column 'nope'"),
            "{}",
            bad.stderr
        );
    }
}

/// Names that /etc/passwd and /etc/group do not have come from the system's getent (which
/// runs the machine's whole nsswitch.conf), once per id; names the files have never start
/// it, nor does a `getent` first on PATH (ipcs runs as root from scripts). In a mount
/// namespace, a logging getent of the test's own is bound over /usr/bin/getent, and
/// nsswitch.conf names a source beside files, so that getent is asked at all.
#[test]
fn names_missing_from_the_files_are_asked_of_the_systems_getent_once() {
    let ns = Ns::with_mounts();
    ns.sysv_python(
        "for k in (1, 2):\n    q = sysv_ipc.MessageQueue(k, sysv_ipc.IPC_CREX, mode=0o600)\n    q.uid = 4242\n    q.gid = 4343\n\
         sysv_ipc.MessageQueue(3, sysv_ipc.IPC_CREX, mode=0o600)\n",
    );
    let dir = common::tempdir();
    let d = dir.path().display();
    let log = dir.path().join("asked");
    let fake = |name: &str, log: &str, answers: &str| {
        let path = dir.path().join(name);
        std::fs::write(
            &path,
            format!("#!/bin/sh\necho \"$*\" >> {d}/{log}\ncase \"$*\" in\n{answers}\n*) exit 2 ;;\nesac\n"),
        )
        .unwrap();
        std::fs::set_permissions(&path, std::os::unix::fs::PermissionsExt::from_mode(0o755))
            .unwrap();
    };
    fake(
        "getent",
        "asked",
        "'passwd -- 4242'|'passwd -- dynuser') echo 'dynuser:x:4242:4343::/:/bin/sh' ;;\n\
         'group -- 4343') echo 'dyngroup:x:4343:' ;;",
    );
    std::fs::create_dir(dir.path().join("path")).unwrap();
    fake("path/getent", "path-asked", "");
    std::fs::write(
        dir.path().join("nsswitch.conf"),
        "passwd: files fake\ngroup: files fake\n",
    )
    .unwrap();
    run(&mut ns.sh(&format!(
        "mount --bind {d}/getent /usr/bin/getent && mount --bind {d}/nsswitch.conf /etc/nsswitch.conf"
    )))
    .ok();
    let path = format!("{d}/path:{}", std::env::var("PATH").unwrap());
    let ls = |args: &[&str]| {
        let mut cmd = ns.ipcx();
        cmd.env("PATH", &path)
            .args(["ls", "msg", "--no-headings"])
            .args(args);
        run(&mut cmd).ok()
    };
    assert_eq!(
        ls(&["-o", "key,user,group"]),
        "0x00000001 dynuser dyngroup\n0x00000002 dynuser dyngroup\n0x00000003 root    root\n"
    );
    assert_eq!(
        std::fs::read_to_string(&log).unwrap(),
        "passwd -- 4242\ngroup -- 4343\n"
    );
    assert_eq!(
        ls(&["-o", "key", "--owner", "dynuser"]),
        "0x00000001\n0x00000002\n"
    );
    assert_eq!(ls(&["-o", "key", "--owner", "root"]), "0x00000003\n");
    // A name nobody knows is an error that names it.
    let mut cmd = ns.ipcx();
    cmd.env("PATH", &path).args(["ls", "--owner", "ghost"]);
    run(&mut cmd).fails(
        2,
        "ipcx: ls: invalid value 'ghost' for '--owner <USER>': no user named 'ghost' \
         (give a name from the passwd database or a uid)\nTry 'ipcx ls --help' for more information.\n",
    );
    assert!(
        !dir.path().join("path-asked").exists(),
        "the getent on PATH was run"
    );
    // With files as the only source, getent would read the same files: it is not asked.
    std::fs::write(
        dir.path().join("nsswitch.conf"),
        "passwd: files\ngroup: files\n",
    )
    .unwrap();
    std::fs::remove_file(&log).unwrap();
    assert_eq!(
        ls(&["-o", "key,user,group"]),
        "0x00000001 4242 4343\n0x00000002 4242 4343\n0x00000003 root root\n"
    );
    assert!(
        !log.exists(),
        "getent was asked with files alone in nsswitch.conf"
    );
}

/// A byte that is not UTF-8 in /etc/passwd (a Latin-1 GECOS field) spoils only its line:
/// the other names, and that line's own name, are still read from the file.
#[test]
fn a_passwd_with_latin1_bytes_still_names_its_users() {
    let ns = Ns::with_mounts();
    ns.sysv_python(
        "q = sysv_ipc.MessageQueue(1, sysv_ipc.IPC_CREX, mode=0o600)\nq.uid = 1234\n\
         sysv_ipc.MessageQueue(2, sysv_ipc.IPC_CREX, mode=0o600)\n",
    );
    let dir = common::tempdir();
    let mut passwd = std::fs::read("/etc/passwd").unwrap();
    passwd.extend_from_slice(b"joerg:x:1234:1234:J\xf6rg:/home/joerg:/bin/sh\n");
    std::fs::write(dir.path().join("passwd"), passwd).unwrap();
    run(&mut ns.sh(&format!(
        "mount --bind {}/passwd /etc/passwd",
        dir.path().display()
    )))
    .ok();
    let mut cmd = ns.ipcx();
    cmd.args(["ls", "msg", "--no-headings", "-o", "key,owner"]);
    assert_eq!(run(&mut cmd).ok(), "0x00000001 joerg\n0x00000002 root\n");
}

/// What the listings of System V objects print: each kind's default table, JSON with every
/// column /proc and the *_STAT calls both tell, every kind at once, and what `rm --all`
/// would remove.
fn sysv_listings(ns: &Ns) -> Vec<(Vec<&'static str>, common::Run)> {
    const GENERIC: &str = "key,id,owner,perms,cuid,cuser,cgid,cgroup,uid,user,gid,group,ctime";
    let msg_all = format!("{GENERIC},usedbytes,msgs,send,recv,lspid,lrpid,lscomm,lrcomm");
    let shm_all = format!(
        "{GENERIC},size,nattch,status,attach,detach,command,cpid,lpid,ccomm,lcomm,attached"
    );
    let sem_all = format!("{GENERIC},nsems,otime");
    let leak = |s: String| -> &'static str { Box::leak(s.into_boxed_str()) };
    let cases: Vec<Vec<&'static str>> = vec![
        vec!["ls", "shm"],
        vec!["ls", "msg"],
        vec!["ls", "sem"],
        vec!["ls", "shm", "--json"],
        vec!["ls", "msg", "--json"],
        vec!["ls", "sem", "--json"],
        vec!["ls", "shm", "--json", "--attached", "-o", leak(shm_all)],
        vec!["ls", "msg", "--json", "-o", leak(msg_all)],
        vec!["ls", "sem", "--json", "-o", leak(sem_all)],
        vec!["ls", "--time", "--creator", "--pid"],
        vec!["ls", "--limits"],
        vec!["rm", "--all", "--dry-run"],
    ];
    cases
        .into_iter()
        .map(|args| {
            let out = run(ns.ipcx().args(&args));
            (args, out)
        })
        .collect()
}

/// With /proc/sysvipc hidden (a tmpfs over it, in a private mount namespace) the listings
/// print, byte for byte, what they print with it: the records come from the kernel's
/// *_STAT_ANY calls instead. `ls shm` failed ("cannot read /proc/sysvipc/shm", status 1)
/// while `ipcs -m` worked.
#[test]
fn listings_without_proc_sysvipc_are_the_same() {
    let ns = Ns::with_mounts();
    sample(&ns);
    ns.sysv_python(
        "q = sysv_ipc.MessageQueue(0x4d3, sysv_ipc.IPC_CREX, mode=0o400)\nq.uid = 65534\n\
         m = sysv_ipc.SharedMemory(0x11, sysv_ipc.IPC_CREX, mode=0o600, size=100)\n\
         m.uid = 65534\nm.gid = 65534\n\
         s = sysv_ipc.Semaphore(0x21, sysv_ipc.IPC_CREX, mode=0o600, initial_value=3)\n\
         s.release()\n",
    );
    // A segment held attached, and one removed while attached (status dest, key 0).
    let mut holder = ns.python_holder(
        "m = sysv_ipc.SharedMemory(0x10)\nm.write(b'held')\n\
         gone = sysv_ipc.SharedMemory(0x22, sysv_ipc.IPC_CREX, size=8192)\ngone.remove()",
    );
    let with_proc = sysv_listings(&ns);
    for (args, out) in &with_proc {
        assert_eq!(out.code, Some(0), "{args:?}: {}", out.stderr);
    }
    assert!(
        with_proc[0].1.stdout().contains(" dest "),
        "{}",
        with_proc[0].1.stdout()
    );
    run(&mut ns.sh("mount -t tmpfs none /proc/sysvipc")).ok();
    assert_eq!(run(&mut ns.sh("ls /proc/sysvipc")).ok(), "");
    let without = sysv_listings(&ns);
    for ((args, before), (_, after)) in with_proc.iter().zip(&without) {
        assert_eq!(after.code, before.code, "{args:?}: {}", after.stderr);
        assert_eq!(after.stderr, before.stderr, "{args:?}");
        assert_eq!(after.stdout(), before.stdout(), "{args:?}");
    }
    // Only /proc tells how much of a segment is resident or swapped: unknown, not 0.
    assert_eq!(
        run(ns
            .ipcx()
            .args(["ls", "shm", "-o", "key,rss,swap", "--bytes", "--id", "0"]))
        .ok(),
        "KEY        RSS SWAP\n0x00000010   -    -\n"
    );
    holder.kill().unwrap();
    holder.wait().unwrap();
}

/// `ls --limits` with the namespace's limits set to values of its own: with
/// /proc/sys/kernel hidden they come from IPC_INFO (as `ipcs -l` takes them, and util-linux),
/// the source column saying so; the two limits IPC_INFO and /proc leave out, SHMMIN and
/// SEMVMX, are fixed in the kernel either way, as `ipcs -l` prints them. It failed
/// ("cannot read /proc/sys/kernel/sem", status 1).
#[test]
fn limits_without_proc_sys_kernel_come_from_ipc_info() {
    let ns = Ns::with_mounts();
    run(&mut ns.sh(
        "echo 12345 > /proc/sys/kernel/shmmax; echo 1000 > /proc/sys/kernel/shmall; \
         echo 77 > /proc/sys/kernel/shmmni; echo 65536 > /proc/sys/kernel/msgmax; \
         echo 1000000 > /proc/sys/kernel/msgmnb; echo 99 > /proc/sys/kernel/msgmni; \
         echo 250 32000 32 128 > /proc/sys/kernel/sem",
    ))
    .ok();
    sample(&ns);
    let limits = |extra: &[&str]| run(ns.ipcx().args(["ls", "--limits"]).args(extra)).ok();
    let but_source = ["-o", "resource,description,limit,used,use%"];
    let visible = (limits(&[]), limits(&["--json"]), limits(&but_source));
    run(&mut ns.sh("mount -t tmpfs none /proc/sys/kernel")).ok();
    assert_eq!(
        limits(&["--bytes"]),
        "\
RESOURCE DESCRIPTION                                 LIMIT USED  USE% SOURCE
MSGMNI   Number of message queues                       99    1 1.01% msgctl(IPC_INFO)
MSGMAX   Max size of message (bytes)                 65536    -     - msgctl(IPC_INFO)
MSGMNB   Default max size of queue (bytes)         1000000    -     - msgctl(IPC_INFO)
SHMMNI   Shared memory segments                         77    1 1.30% shmctl(IPC_INFO)
SHMALL   Shared memory pages                          1000    2 0.20% shmctl(IPC_INFO)
SHMMAX   Max size of shared memory segment (bytes)   12345    -     - shmctl(IPC_INFO)
SHMMIN   Min size of shared memory segment (bytes)       1    -     - fixed in the kernel
SEMMNI   Number of semaphore identifiers               128    1 0.78% semctl(IPC_INFO)
SEMMNS   Total number of semaphores                  32000    1 0.00% semctl(IPC_INFO)
SEMMSL   Max semaphores per semaphore set              250    -     - semctl(IPC_INFO)
SEMOPM   Max number of operations per semop(2)          32    -     - semctl(IPC_INFO)
SEMVMX   Semaphore max value                         32767    -     - fixed in the kernel
"
    );
    // Every value as with /proc/sys/kernel; only the sources differ.
    assert_eq!(limits(&but_source), visible.2);
    let sources = |table: &str| -> String {
        table
            .lines()
            .map(|l| l.rsplit(' ').next().unwrap().to_string() + "\n")
            .collect()
    };
    assert_eq!(
        sources(&visible.0),
        "SOURCE\n/proc/sys/kernel/msgmni\n/proc/sys/kernel/msgmax\n/proc/sys/kernel/msgmnb\n\
         /proc/sys/kernel/shmmni\n/proc/sys/kernel/shmall\n/proc/sys/kernel/shmmax\nkernel\n\
         /proc/sys/kernel/sem\n/proc/sys/kernel/sem\n/proc/sys/kernel/sem\n\
         /proc/sys/kernel/sem\nkernel\n"
    );
    let json = limits(&["--json"]);
    let value: Value = serde_json::from_str(&json).unwrap();
    let before: Value = serde_json::from_str(&visible.1).unwrap();
    let rows = value["ipclimits"].as_array().unwrap();
    let rows_before = before["ipclimits"].as_array().unwrap();
    assert_eq!(rows.len(), 12);
    for (row, row_before) in rows.iter().zip(rows_before) {
        let mut row = row.clone();
        row["source"] = row_before["source"].clone();
        assert_eq!(&row, row_before);
    }
    assert_eq!(rows[0]["source"], "msgctl(IPC_INFO)");
}
