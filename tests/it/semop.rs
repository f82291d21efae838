//! `ipcx sem op` (several operations in one semop: all or none; wait for zero; with CMD held
//! with SEM_UNDO) and `ipcx sem set` (SETVAL), in private IPC namespaces; values read back
//! by Python's sysv_ipc and posix_ipc and by ipcs.

use crate::common;

use std::process::Stdio;

use common::{run, wait_until, Ns};

fn get(ns: &Ns, target: &str) -> String {
    run(ns.ipcx().args(["sem", "get", target])).ok()
}

/// GETNCNT or GETZCNT of semaphore `index`, as `sem get --json` shows them.
fn count(ns: &Ns, target: &str, index: usize, which: &str) -> u64 {
    let out = run(ns.ipcx().args(["sem", "get", target, "--json"])).ok();
    let json: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    json["semaphores"][index][which].as_u64().expect(which)
}

/// The semval column of `ipcs -s -i ID`, one per semaphore.
fn ipcs_values(ns: &Ns, id: &str) -> Vec<String> {
    let out = run(ns.cmd("ipcs").args(["-s", "-i", id])).ok();
    let mut lines = out.lines().skip_while(|l| !l.starts_with("semnum"));
    lines.next();
    lines
        .filter_map(|l| l.split_whitespace().nth(1).map(str::to_string))
        .collect()
}

#[test]
fn all_operations_happen_or_none() {
    let ns = Ns::new();
    run(ns.ipcx().args(["sem", "init", "0x10", "0", "0"])).ok();
    // Semaphore 0 cannot give one, so semaphore 1 does not get one either.
    run(ns.ipcx().args(["sem", "op", "0x10", "0-1", "1+1", "--nowait"])).fails(
        3,
        "ipcx: sem op: semaphore set 0x00000010 (id 0): cannot do 0-1 1+1 now (its values are 0 0)\n",
    );
    assert_eq!(get(&ns, "0x10"), "0\n0\n");
    run(ns.ipcx().args(["sem", "op", "0x10", "0+2", "1+1"])).ok();
    run(ns.ipcx().args(["sem", "op", "0x10", "0-1", "1+1"])).ok();
    assert_eq!(get(&ns, "0x10"), "1\n2\n");
    assert_eq!(ipcs_values(&ns, "0"), ["1", "2"]);
    // A standalone op stays: no SEM_UNDO unless --undo, which the kernel undoes at exit.
    run(ns.ipcx().args(["sem", "op", "0x10", "0-1", "--undo"])).ok();
    assert_eq!(get(&ns, "0x10"), "1\n2\n");
    run(ns.ipcx().args(["sem", "op", "id:0", "1-2", "0+1"])).ok();
    assert_eq!(get(&ns, "0x10"), "2\n0\n");
    ns.sysv_python("s = sysv_ipc.Semaphore(0x10)\nassert s.value == 2, s.value");
    // The same semaphore twice in one call: applied in order.
    run(ns.ipcx().args(["sem", "op", "0x10", "0-2", "0+5", "0-1"])).ok();
    assert_eq!(get(&ns, "0x10"), "4\n0\n");
    run(ns.ipcx().args(["sem", "op", "0x10", "1-1", "--timeout", "100ms"])).fails(
        3,
        "ipcx: sem op: semaphore set 0x00000010 (id 0): could not do 1-1 within 100ms (its values are 4 0)\n",
    );
}

#[test]
fn a_wait_for_zero_returns_when_the_last_token_is_taken() {
    let ns = Ns::new();
    run(ns.ipcx().args(["sem", "init", "0x11", "2"])).ok();
    let mut waiter = ns
        .ipcx()
        .args(["sem", "op", "0x11", "0=0"])
        .spawn()
        .unwrap();
    wait_until("the waiter to wait for zero", 10, || {
        count(&ns, "0x11", 0, "zcnt") == 1
    });
    run(ns.ipcx().args(["sem", "p", "0x11"])).ok();
    std::thread::sleep(std::time::Duration::from_millis(200));
    assert!(waiter.try_wait().unwrap().is_none(), "returned at 1");
    assert_eq!(count(&ns, "0x11", 0, "zcnt"), 1);
    run(ns.ipcx().args(["sem", "p", "0x11"])).ok();
    assert_eq!(waiter.wait().unwrap().code(), Some(0));
    assert_eq!(get(&ns, "0x11"), "0\n");
    // At zero it returns at once, also with --nowait.
    run(ns.ipcx().args(["sem", "op", "0x11", "0=0", "--nowait"])).ok();
}

#[test]
fn a_sigkilled_command_gives_every_token_back() {
    let ns = Ns::new();
    run(ns.ipcx().args(["sem", "init", "0x12", "1", "1", "1"])).ok();
    // Two forks at once, held while the command lives.
    let mut holder = ns
        .ipcx()
        .args(["sem", "op", "0x12", "0-1", "1-1", "--", "sleep", "1000"])
        .spawn()
        .unwrap();
    wait_until("the holder to take both", 10, || {
        get(&ns, "0x12") == "0\n0\n1\n"
    });
    // A neighbour wanting forks 1 and 2 waits, holding neither (fork 2 stays free).
    let neighbour = ns
        .ipcx()
        .args(["sem", "op", "0x12", "1-1", "2-1", "--", "true"])
        .spawn()
        .unwrap();
    wait_until("the neighbour to wait", 10, || {
        count(&ns, "0x12", 1, "ncnt") == 1
    });
    assert_eq!(get(&ns, "0x12"), "0\n0\n1\n");
    common::signal(&holder, "KILL");
    assert_eq!(holder.wait().unwrap().code(), None);
    assert_eq!(neighbour.wait_with_output().unwrap().status.code(), Some(0));
    assert_eq!(get(&ns, "0x12"), "1\n1\n1\n");
    // CMD's status is the command's; what it sees is the set with the OPs done.
    let out = run(&mut ns.sh("$IPCX sem op 0x12 0-1 2+3 -- sh -c '$IPCX sem get 0x12; exit 7'"));
    assert_eq!(
        (out.code, out.stdout(), out.stderr.as_str()),
        (Some(7), "0\n1\n4\n".into(), "")
    );
    assert_eq!(get(&ns, "0x12"), "1\n1\n1\n");
    run(ns
        .ipcx()
        .args(["sem", "op", "0x12", "0-1", "--", "no-such-command-xyz"]))
    .fails(
        127,
        "ipcx: sem op: no-such-command-xyz: command not found\n",
    );
    assert_eq!(get(&ns, "0x12"), "1\n1\n1\n");
}

#[test]
fn interrupted_waits_change_nothing() {
    let ns = Ns::new();
    run(ns.ipcx().args(["sem", "init", "0x13", "0", "1"])).ok();
    for (signal, code) in [("INT", 130), ("TERM", 143)] {
        let waiter = ns
            .ipcx()
            .args([
                "sem",
                "op",
                "0x13",
                "1-1",
                "0-1",
                "--timeout",
                "60s",
                "--",
                "true",
            ])
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        wait_until("the waiter to block", 10, || {
            count(&ns, "0x13", 0, "ncnt") == 1
        });
        common::signal(&waiter, signal);
        let out = waiter.wait_with_output().unwrap();
        assert_eq!(out.status.code(), Some(code));
        assert_eq!(String::from_utf8_lossy(&out.stderr), "");
        assert_eq!(get(&ns, "0x13"), "0\n1\n");
        assert_eq!(count(&ns, "0x13", 0, "ncnt"), 0);
    }
}

#[test]
fn bad_operations_touch_nothing() {
    let ns = Ns::new();
    run(ns.ipcx().args(["sem", "init", "0x14", "1", "32767"])).ok();
    let usage = |args: &[&str], why: &str| {
        run(ns.ipcx().args(["sem", "op"]).args(args)).fails(
            2,
            &format!("ipcx: sem op: {why}\nTry 'ipcx sem op --help' for more information.\n"),
        );
    };
    let forms = "write INDEX-N (take N), INDEX+N (give N) or INDEX=0 (wait until zero)";
    usage(
        &["0x14", "0=2"],
        "invalid value '0=2' for '<OP>...': '0=2': only INDEX=0 (wait until zero) is an operation; to set a value use `ipcx sem set TARGET -n 0 2`",
    );
    usage(
        &["0x14", "1-0"],
        "invalid value '1-0' for '<OP>...': '1-0': a count of 0 would wait for zero; write 1=0 for that",
    );
    usage(
        &["0x14", "0+32768"],
        "invalid value '0+32768' for '<OP>...': '0+32768': 32768 is more than semvmx 32767, the largest value a semaphore holds",
    );
    usage(
        &["0x14", "0+x"],
        &format!("invalid value '0+x' for '<OP>...': '0+x': 'x' is not a count: {forms}"),
    );
    usage(
        &["0x14", "take"],
        &format!("invalid value 'take' for '<OP>...': 'take' is not an operation: {forms}"),
    );
    run(ns.ipcx().args(["sem", "op", "0x14"])).fails(
        2,
        "ipcx: sem op: the following required arguments were not provided: <OP>...\nTry 'ipcx sem op --help' for more information.\n",
    );
    usage(
        &["0x14", "0-1", "--nowait", "--timeout", "1s"],
        "the argument '--nowait' cannot be used with '--timeout <DUR>'",
    );
    run(ns.ipcx().args(["sem", "op", "0x14", "0-1", "2+1"])).fails(
        1,
        "ipcx: sem op: semaphore set 0x00000014 (id 0): index 2 is out of range: it has 2 semaphores (index 0 to 1)\n",
    );
    run(ns.ipcx().args(["sem", "op", "0x14", "0-1", "1+1"])).fails(
        1,
        "ipcx: sem op: semaphore set 0x00000014 (id 0): 0-1 1+1: semaphore 1 is 32767: it would pass semvmx 32767, the largest value a semaphore holds\n",
    );
    let semopm: usize = std::fs::read_to_string("/proc/sys/kernel/sem")
        .unwrap()
        .split_whitespace()
        .nth(2)
        .unwrap()
        .parse()
        .unwrap();
    let many: Vec<String> = (0..=semopm).map(|_| "0+1".to_string()).collect();
    run(ns.ipcx().args(["sem", "op", "0x14"]).args(&many)).fails(
        1,
        &format!(
            "ipcx: sem op: semaphore set 0x00000014 (id 0): a semop of {} operations exceeds semopm {semopm} (/proc/sys/kernel/sem, third field)\n",
            semopm + 1
        ),
    );
    run(ns.ipcx().args(["sem", "op", "0x15", "0-1"])).fails(
        1,
        "ipcx: sem op: semaphore set 0x00000015: no such semaphore set\n",
    );
    assert_eq!(get(&ns, "0x14"), "1\n32767\n");
    // POSIX: one OP on index 0, never a wait for zero; refused before anything is opened.
    run(ns.ipcx().args(["sem", "op", "/nope", "0-1", "0+1"])).fails(
        2,
        "ipcx: sem op: /nope: a POSIX semaphore takes a single OP: it is one semaphore, and no call changes it atomically with another (System V sets do)\n",
    );
    run(ns.ipcx().args(["sem", "op", "/nope", "0=0"])).fails(
        2,
        "ipcx: sem op: /nope: 0=0: a POSIX semaphore cannot wait for zero (there is no such call; System V sets can)\n",
    );
    run(ns.ipcx().args(["sem", "op", "/nope", "1-1"])).fails(
        2,
        "ipcx: sem op: /nope: 1-1: a POSIX semaphore is a single semaphore (index 0 only)\n",
    );
}

#[test]
fn set_one_value() {
    let ns = Ns::new();
    run(ns.ipcx().args(["sem", "init", "0x16", "1", "2", "3"])).ok();
    run(ns.ipcx().args(["sem", "set", "0x16", "-n", "1", "9"])).ok();
    run(ns.ipcx().args(["sem", "set", "id:0", "0"])).ok();
    assert_eq!(get(&ns, "0x16"), "0\n9\n3\n");
    assert_eq!(ipcs_values(&ns, "0"), ["0", "9", "3"]);
    ns.sysv_python("assert sysv_ipc.Semaphore(0x16).value == 0");
    // A waiter is woken by the new value.
    let waiter = ns.ipcx().args(["sem", "p", "0x16"]).spawn().unwrap();
    wait_until("the waiter to block", 10, || {
        count(&ns, "0x16", 0, "ncnt") == 1
    });
    run(ns.ipcx().args(["sem", "set", "0x16", "2"])).ok();
    assert_eq!(waiter.wait_with_output().unwrap().status.code(), Some(0));
    assert_eq!(get(&ns, "0x16"), "1\n9\n3\n");
    run(ns.ipcx().args(["sem", "set", "0x16", "32768"])).fails(
        2,
        "ipcx: sem set: 32768 is more than semvmx 32767, the largest value a System V semaphore holds\n",
    );
    run(ns.ipcx().args(["sem", "set", "0x16", "-n", "3", "1"])).fails(
        1,
        "ipcx: sem set: semaphore set 0x00000016 (id 0): index 3 is out of range: it has 3 semaphores (index 0 to 2)\n",
    );
    run(ns.ipcx().args(["sem", "set", "0x16", "-1"])).fails(
        2,
        "ipcx: sem set: unexpected argument '-1' found\nTry 'ipcx sem set --help' for more information.\n",
    );
    assert_eq!(get(&ns, "0x16"), "1\n9\n3\n");
}

#[test]
fn posix_semaphores_take_one_op() {
    let ns = Ns::with_mounts();
    run(ns.ipcx().args(["sem", "init", "/forks", "5"])).ok();
    run(ns.ipcx().args(["sem", "op", "/forks", "0-2"])).ok();
    run(ns.ipcx().args(["sem", "op", "/forks", "0+1"])).ok();
    assert_eq!(get(&ns, "/forks"), "4\n");
    run(ns.ipcx().args(["sem", "op", "/forks", "0-5", "--nowait"])).fails(
        3,
        "ipcx: sem op: POSIX semaphore /forks: cannot do 0-5 now (its value is 4)\n",
    );
    assert_eq!(get(&ns, "/forks"), "4\n");
    // With CMD, a supervisor gives the slot back when CMD ends.
    let out = run(&mut ns.sh("$IPCX sem op /forks 0-3 -- $IPCX sem get /forks"));
    assert_eq!(
        (out.code, out.stdout(), out.stderr.as_str()),
        (Some(0), "1\n".into(), "")
    );
    assert_eq!(get(&ns, "/forks"), "4\n");
    run(ns.ipcx().args(["sem", "set", "/forks", "7"])).ok();
    run(ns.cmd("python3").args([
        "-c",
        "import posix_ipc\ns = posix_ipc.Semaphore('/forks')\nassert s.value == 7, s.value",
    ]))
    .ok();
    run(ns.ipcx().args(["sem", "set", "/forks", "-n", "1", "7"])).fails(
        2,
        "ipcx: sem set: -n 1: a POSIX semaphore is a single semaphore (index 0 only)\n",
    );
    assert_eq!(get(&ns, "/forks"), "7\n");
}
