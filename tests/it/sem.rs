//! `ipcx sem init/p/v/get` and `sem p -- CMD`, in private IPC namespaces: values, the
//! race-safe init, --nowait and --timeout, CMD's status, a SIGKILLed holder's slot coming
//! back, a semaphore of 2 bounding six jobs, the critical-section demo, Python interop,
//! limits and interruption.

use crate::common;

use std::process::Stdio;

use common::{run, wait_until, Ns};

fn get(ns: &Ns, target: &str) -> String {
    run(ns.ipcx().args(["sem", "get", target])).ok()
}

fn json(ns: &Ns, target: &str) -> serde_json::Value {
    let out = run(ns.ipcx().args(["sem", "get", target, "--json"])).ok();
    serde_json::from_str(&out).expect("sem get --json prints JSON")
}

/// Processes blocked in a P on semaphore `index` (GETNCNT).
fn ncnt(ns: &Ns, target: &str, index: usize) -> u64 {
    json(ns, target)["semaphores"][index]["ncnt"]
        .as_u64()
        .expect("ncnt")
}

#[test]
fn init_get_p_v() {
    let ns = Ns::new();
    run(ns.ipcx().args(["sem", "init", "0x4d2", "2", "0", "32767"])).ok();
    assert_eq!(get(&ns, "0x4d2"), "2\n0\n32767\n");
    run(ns.ipcx().args(["sem", "p", "1234"])).ok();
    run(ns.ipcx().args(["sem", "v", "1234", "-n", "1", "-c", "5"])).ok();
    run(ns
        .ipcx()
        .args(["sem", "p", "id:0", "-n", "2", "-c", "32767"]))
    .ok();
    assert_eq!(get(&ns, "id:0"), "1\n5\n0\n");
    // A standalone P has no SEM_UNDO: the token stays taken after the process ended.
    run(ns.ipcx().args(["sem", "p", "1234"])).ok();
    assert_eq!(get(&ns, "1234"), "0\n5\n0\n");

    let value = json(&ns, "0x4d2");
    assert_eq!(value["key"], "0x000004d2");
    assert_eq!(value["id"], 0);
    let sems = value["semaphores"].as_array().unwrap();
    assert_eq!(sems.len(), 3);
    for (index, (sem, want)) in sems.iter().zip([0, 5, 0]).enumerate() {
        assert_eq!(sem["index"], index);
        assert_eq!(sem["value"], want);
        assert_eq!(sem["ncnt"], 0);
        assert_eq!(sem["zcnt"], 0);
        assert!(sem["pid"].as_i64().unwrap() > 0);
    }
    // util-linux sees the set, mode 0600, and that it was operated on (sem_otime).
    let ipcs = run(ns.cmd("ipcs").args(["-s", "-i", "0"])).ok();
    assert!(ipcs.contains("mode=0600"), "{ipcs}");
    assert!(!ipcs.contains("otime = Not set"), "{ipcs}");
}

#[test]
fn init_of_an_existing_set_and_force() {
    let ns = Ns::new();
    run(ns.ipcx().args(["sem", "init", "7", "1", "1", "-m", "640"])).ok();
    run(ns.ipcx().args(["sem", "init", "7", "3", "3"])).fails(
        1,
        "ipcx: sem init: semaphore set 0x00000007 (id 0): already exists (--force sets its values)\n",
    );
    assert_eq!(get(&ns, "7"), "1\n1\n");
    run(ns.ipcx().args(["sem", "init", "7", "3", "4", "--force"])).ok();
    assert_eq!(get(&ns, "7"), "3\n4\n");
    run(ns.ipcx().args(["sem", "init", "id:0", "0", "9", "--force"])).ok();
    assert_eq!(get(&ns, "7"), "0\n9\n");
    run(ns.ipcx().args(["sem", "init", "7", "1", "--force"])).fails(
        1,
        "ipcx: sem init: semaphore set 0x00000007 (id 0): it has 2 semaphores, not 1; remove it (ipcx rm sem 0x00000007) to make it anew\n",
    );
    run(ns.ipcx().args(["sem", "init", "id:0", "1"])).fails(
        2,
        "ipcx: sem init: id:N names a set that exists: add --force to set its values, or give a KEY to create one\n",
    );
    let out = run(ns.ipcx().args([
        "ls",
        "sem",
        "-o",
        "key,perms,nsems",
        "--raw",
        "--no-headings",
    ]))
    .ok();
    assert_eq!(out, "0x00000007 rw-r----- 2\n");
    let out = run(ns.ipcx().args(["sem", "init", "private", "5"]));
    assert_eq!(out.code, Some(0));
    assert_eq!(out.stderr, "id:1\n");
    assert_eq!(get(&ns, "id:1"), "5\n");
}

#[test]
fn racing_inits_leave_one_initialised_set() {
    let ns = Ns::new();
    for round in 0..10 {
        let key = format!("{}", 0x100 + round);
        let spawn = || {
            ns.ipcx()
                .args(["sem", "init", &key, "2", "7"])
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        };
        let (a, b) = (spawn(), spawn());
        let outs = [a.wait_with_output().unwrap(), b.wait_with_output().unwrap()];
        let mut codes: Vec<i32> = outs.iter().map(|o| o.status.code().unwrap()).collect();
        codes.sort();
        assert_eq!(codes, [0, 1], "round {round}");
        let loser = outs.iter().find(|o| o.status.code() == Some(1)).unwrap();
        assert_eq!(
            String::from_utf8_lossy(&loser.stderr),
            format!(
                "ipcx: sem init: semaphore set 0x{:08x} (id {round}): already exists (--force sets its values)\n",
                0x100 + round
            )
        );
        // When the loser returned, the set already had its values.
        assert_eq!(get(&ns, &key), "2\n7\n");
    }
    // Racing with --force, both succeed and the values are right.
    let spawn = || {
        ns.ipcx()
            .args(["sem", "init", "0x200", "1", "--force"])
            .spawn()
            .unwrap()
    };
    let (mut a, mut b) = (spawn(), spawn());
    assert!(a.wait().unwrap().success() && b.wait().unwrap().success());
    assert_eq!(get(&ns, "0x200"), "1\n");
    // The same race made certain: strace holds the first initialiser between its SETALL
    // and its marking semop while the second does both. Marking must not add to the value.
    let held = ns
        .cmd("strace")
        .args(["-f", "-o", "/dev/null"])
        .args(["-e", "inject=semop,semtimedop:delay_enter=300000", "--"])
        .arg(common::ipcx_bin())
        .args(["sem", "init", "0x201", "1", "--force"])
        .spawn()
        .unwrap();
    wait_until("the first set to exist", 10, || {
        run(ns.ipcx().args(["sem", "get", "0x201"])).code == Some(0)
    });
    run(ns.ipcx().args(["sem", "init", "0x201", "1", "--force"])).ok();
    assert!(common::finish(held).code == Some(0));
    assert_eq!(get(&ns, "0x201"), "1\n");
}

#[test]
fn a_losing_init_waits_until_the_set_is_marked_initialised() {
    let ns = Ns::new();
    // Another program creates the set and has not operated on it yet (sem_otime 0).
    let mut python = ns
        .cmd("python3")
        .args([
            "-c",
            "import sysv_ipc, sys\n\
             s = sysv_ipc.Semaphore(0x30, sysv_ipc.IPC_CREX, mode=0o600)\n\
             print('made', flush=True)\n\
             sys.stdin.readline()\n\
             s.release()\n",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    std::io::BufRead::read_line(
        &mut std::io::BufReader::new(python.stdout.as_mut().unwrap()),
        &mut line,
    )
    .unwrap();
    assert_eq!(line, "made\n");
    let mut init = ns
        .ipcx()
        .args(["sem", "init", "0x30", "5"])
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(300));
    assert!(
        init.try_wait().unwrap().is_none(),
        "init returned before the set was initialised"
    );
    // The creator's first semop marks the set; only then does the loser answer.
    use std::io::Write;
    python.stdin.take().unwrap().write_all(b"go\n").unwrap();
    assert!(python.wait().unwrap().success());
    let out = init.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "ipcx: sem init: semaphore set 0x00000030 (id 0): already exists (--force sets its values)\n"
    );
    assert_eq!(get(&ns, "0x30"), "1\n");
}

#[test]
fn nowait_and_timeout_are_status_3() {
    let ns = Ns::new();
    run(ns.ipcx().args(["sem", "init", "9", "1"])).ok();
    run(ns.ipcx().args(["sem", "p", "9", "-c", "2", "--nowait"])).fails(
        3,
        "ipcx: sem p: semaphore set 0x00000009 (id 0): cannot take 2 from semaphore 0 now (its value is 1)\n",
    );
    run(ns.ipcx().args(["sem", "p", "9", "-c", "2", "--timeout", "100ms"])).fails(
        3,
        "ipcx: sem p: semaphore set 0x00000009 (id 0): could not take 2 from semaphore 0 within 100ms (its value is 1)\n",
    );
    run(ns
        .ipcx()
        .args(["sem", "p", "9", "--timeout", "100ms", "--", "true"]))
    .ok();
    // Nothing was taken by the refusals, and the slot of `-- true` came back.
    assert_eq!(get(&ns, "9"), "1\n");
    run(ns.ipcx().args(["sem", "p", "9", "--nowait"])).ok();
    assert_eq!(get(&ns, "9"), "0\n");
    run(ns.ipcx().args(["sem", "p", "9", "--nowait", "--", "true"])).fails(
        3,
        "ipcx: sem p: semaphore set 0x00000009 (id 0): cannot take 1 from semaphore 0 now (its value is 0)\n",
    );
}

#[test]
fn the_command_holds_the_slot_and_its_status_passes_through() {
    let ns = Ns::new();
    run(ns.ipcx().args(["sem", "init", "5", "1"])).ok();
    // While CMD runs the slot is taken; afterwards it is back.
    let out = run(ns
        .ipcx()
        .args(["sem", "p", "5", "--", "sh", "-c"])
        .arg("\"$0\" sem get 5; exit 7")
        .arg(common::ipcx_bin()));
    assert_eq!(
        (out.code, out.stdout(), out.stderr.as_str()),
        (Some(7), "0\n".into(), "")
    );
    assert_eq!(get(&ns, "5"), "1\n");
    run(ns
        .ipcx()
        .args(["sem", "p", "5", "--", "no-such-command-xyz"]))
    .fails(127, "ipcx: sem p: no-such-command-xyz: command not found\n");
    run(ns.ipcx().args(["sem", "p", "5", "--", "/no/such/file"])).fails(
        127,
        "ipcx: sem p: /no/such/file: no such file or directory\n",
    );
    let dir = common::tempdir();
    let plain = dir.path().join("plain");
    std::fs::write(&plain, "echo not executable\n").unwrap();
    run(ns.ipcx().args(["sem", "p", "5", "--"]).arg(&plain)).fails(
        126,
        &format!("ipcx: sem p: {}: permission denied\n", plain.display()),
    );
    run(ns.ipcx().args(["sem", "p", "5", "--", "/"]))
        .fails(126, "ipcx: sem p: /: permission denied\n");
    assert_eq!(get(&ns, "5"), "1\n");
    // Signals the caller ignored stay ignored in CMD (a shell's background job ignores
    // SIGINT), and SIGPIPE, which Rust ignores for itself, is back to the default.
    let ignored = |script: &str| {
        let out = run(&mut ns.sh(script)).ok();
        let hex = out
            .trim()
            .strip_prefix("SigIgn:")
            .unwrap()
            .trim()
            .to_string();
        u64::from_str_radix(&hex, 16).unwrap()
    };
    const SIGINT: u64 = 1 << 1;
    const SIGPIPE: u64 = 1 << 12;
    let mask = ignored("trap '' INT; exec $IPCX sem p 5 -- grep SigIgn /proc/self/status");
    assert_eq!(mask & (SIGINT | SIGPIPE), SIGINT);
    let mask = ignored("exec $IPCX sem p 5 -- grep SigIgn /proc/self/status");
    assert_eq!(mask & (SIGINT | SIGPIPE), 0);
    // --no-undo: the token stays taken after CMD.
    run(ns.ipcx().args(["sem", "p", "5", "--no-undo", "--", "true"])).ok();
    assert_eq!(get(&ns, "5"), "0\n");
    // A command killed by a signal ends the same way, and gives the slot back.
    run(ns.ipcx().args(["sem", "v", "5"])).ok();
    let out = run(ns
        .ipcx()
        .args(["sem", "p", "5", "--", "sh", "-c", "kill -TERM $$"]));
    assert_eq!(out.code, None);
    assert_eq!(get(&ns, "5"), "1\n");
}

#[test]
fn a_sigkilled_holder_gives_its_slot_back() {
    let ns = Ns::new();
    run(ns.ipcx().args(["sem", "init", "0x6", "1"])).ok();
    let mut holder = ns
        .ipcx()
        .args(["sem", "p", "0x6", "--", "sleep", "1000"])
        .spawn()
        .unwrap();
    wait_until("the holder to take the slot", 10, || {
        get(&ns, "0x6") == "0\n"
    });
    // A second taker waits for the slot.
    let waiter = ns
        .ipcx()
        .args(["sem", "p", "0x6", "--", "true"])
        .spawn()
        .unwrap();
    wait_until("the second taker to wait", 10, || ncnt(&ns, "0x6", 0) == 1);
    common::signal(&holder, "KILL");
    assert_eq!(holder.wait().unwrap().code(), None);
    let status = waiter.wait_with_output().unwrap().status;
    assert_eq!(status.code(), Some(0));
    assert_eq!(get(&ns, "0x6"), "1\n");
}

#[test]
fn six_jobs_under_a_semaphore_of_two() {
    let ns = Ns::new();
    let dir = common::tempdir();
    let d = common::path_str(dir.path());
    run(ns.ipcx().args(["sem", "init", "0x62", "2"])).ok();
    // Each job records how many jobs are inside when it is (its own slot dir included).
    let script = format!(
        r#"mkdir {d}/in
for i in 1 2 3 4 5 6; do
  $IPCX sem p 0x62 -- sh -c 'mkdir {d}/in/$1; ls {d}/in | wc -l >> {d}/seen; sleep 0.2; rmdir {d}/in/$1; echo $1 >> {d}/ran' job $i &
done
wait"#
    );
    run(&mut ns.sh(&script)).ok();
    let seen = std::fs::read_to_string(dir.path().join("seen")).unwrap();
    let counts: Vec<u32> = seen
        .split_whitespace()
        .map(|n| n.parse().unwrap())
        .collect();
    assert_eq!(counts.len(), 6);
    assert!(counts.iter().all(|n| (1..=2).contains(n)), "{counts:?}");
    let mut ran: Vec<String> = std::fs::read_to_string(dir.path().join("ran"))
        .unwrap()
        .lines()
        .map(String::from)
        .collect();
    ran.sort();
    assert_eq!(ran, ["1", "2", "3", "4", "5", "6"]);
    assert_eq!(get(&ns, "0x62"), "2\n");
}

/// The seed demo: two processes take turns in a critical section guarded by a semaphore
/// of 1, P and V with SEM_UNDO — as the README shows it.
#[test]
fn critical_section_demo() {
    let ns = Ns::new();
    let script = r#"
$IPCX sem init 0x5eed 1
for who in A B; do
  ( for i in 1 2 3; do
      $IPCX sem p 0x5eed -- sh -c "echo $who enters; sleep 0.05; echo $who leaves"
    done ) &
done
wait
"#;
    let out = run(&mut ns.sh(script)).ok();
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 12, "{out}");
    for pair in lines.chunks(2) {
        let who = &pair[0][..1];
        assert_eq!(
            pair,
            [format!("{who} enters"), format!("{who} leaves")],
            "{out}"
        );
    }
    assert_eq!(lines.iter().filter(|l| l.starts_with('A')).count(), 6);
    assert_eq!(get(&ns, "0x5eed"), "1\n");
}

#[test]
fn interop_with_python_both_ways() {
    let ns = Ns::new();
    run(ns.ipcx().args(["sem", "init", "0x70", "3"])).ok();
    ns.sysv_python(
        "s = sysv_ipc.Semaphore(0x70)\n\
         assert s.value == 3, s.value\n\
         s.acquire()\n",
    );
    assert_eq!(get(&ns, "0x70"), "2\n");
    ns.sysv_python("sysv_ipc.Semaphore(0x71, sysv_ipc.IPC_CREX, mode=0o600, initial_value=4)");
    assert_eq!(get(&ns, "0x71"), "4\n");
    run(ns.ipcx().args(["sem", "p", "0x71", "-c", "3"])).ok();
    ns.sysv_python("assert sysv_ipc.Semaphore(0x71).value == 1");
}

#[test]
fn sets_made_by_ipcmk() {
    let ns = Ns::new();
    run(ns.cmd("ipcmk").args(["-S", "2", "-p", "0600"])).ok();
    assert_eq!(get(&ns, "id:0"), "0\n0\n");
    run(ns.ipcx().args(["sem", "v", "id:0", "-n", "1", "-c", "3"])).ok();
    run(ns
        .ipcx()
        .args(["sem", "p", "id:0", "-n", "1", "--", "true"]))
    .ok();
    assert_eq!(get(&ns, "id:0"), "0\n3\n");
    run(ns.ipcx().args(["sem", "init", "id:0", "1", "1", "--force"])).ok();
    let ipcs = run(ns.cmd("ipcs").args(["-s", "-i", "0"])).ok();
    assert!(
        ipcs.contains("0          1          0          0"),
        "{ipcs}"
    );
}

#[test]
fn bad_inputs_and_limits_name_the_problem() {
    let ns = Ns::new();
    run(ns.ipcx().args(["sem", "get", "0x4d2"])).fails(
        1,
        "ipcx: sem get: semaphore set 0x000004d2: no such semaphore set\n",
    );
    run(ns.ipcx().args(["sem", "v", "id:3"])).fails(
        1,
        "ipcx: sem v: semaphore set id:3: no such semaphore set\n",
    );
    run(ns.ipcx().args(["sem", "init", "5", "32768"])).fails(
        2,
        "ipcx: sem init: 32768 is more than semvmx 32767, the largest value a System V semaphore holds\n",
    );
    run(ns.ipcx().args(["sem", "p", "5", "-c", "0"])).fails(
        2,
        "ipcx: sem p: invalid value '0' for '--count <COUNT>': a count of 0 would wait for zero, which is `ipcx sem op TARGET INDEX=0`; give 1 or more\nTry 'ipcx sem p --help' for more information.\n",
    );
    run(ns.ipcx().args(["sem", "p", "5", "--timeout", "soon"])).fails(
        2,
        "ipcx: sem p: invalid value 'soon' for '--timeout <DUR>': 'soon' is not a duration (expected number at 0; e.g. 500ms, 2s, 1m30s)\nTry 'ipcx sem p --help' for more information.\n",
    );
    run(ns.ipcx().args(["sem", "init", "5", "1", "2"])).ok();
    run(ns.ipcx().args(["sem", "p", "5", "-n", "2"])).fails(
        1,
        "ipcx: sem p: semaphore set 0x00000005 (id 0): index 2 is out of range: it has 2 semaphores (index 0 to 1)\n",
    );
    run(ns.ipcx().args(["sem", "v", "5", "-c", "32767"])).fails(
        1,
        "ipcx: sem v: semaphore set 0x00000005 (id 0): semaphore 0 is 1: the change would take it past semvmx 32767, the largest value a semaphore holds\n",
    );
    // Limits of /proc/sys/kernel/sem, set inside the private namespace.
    run(&mut ns.sh(
        "echo '2 1024000000 0 32000' > /proc/sys/kernel/sem && $IPCX sem init 6 1 1 1",
    ))
    .fails(
        1,
        "ipcx: sem init: semaphore set 0x00000006: cannot create 3 semaphores: 3 semaphores exceed semmsl 2 (/proc/sys/kernel/sem, first field)\n",
    );
    run(ns.ipcx().args(["sem", "v", "5"])).fails(
        1,
        "ipcx: sem v: semaphore set 0x00000005 (id 0): a semop of 1 operation exceeds semopm 0 (/proc/sys/kernel/sem, third field)\n",
    );
    assert_eq!(get(&ns, "5"), "1\n2\n");
}

#[test]
fn interrupted_waits_take_nothing() {
    let ns = Ns::new();
    let dir = common::tempdir();
    let marker = dir.path().join("ran");
    run(ns.ipcx().args(["sem", "init", "0x40", "0"])).ok();
    for (signal, code) in [("INT", 130), ("TERM", 143)] {
        let waiter = ns
            .ipcx()
            .args(["sem", "p", "0x40", "--", "touch"])
            .arg(&marker)
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        wait_until("the waiter to block", 10, || ncnt(&ns, "0x40", 0) == 1);
        common::signal(&waiter, signal);
        let out = waiter.wait_with_output().unwrap();
        assert_eq!(out.status.code(), Some(code));
        assert_eq!(String::from_utf8_lossy(&out.stderr), "");
        assert!(!marker.exists(), "the command ran");
        assert_eq!(ncnt(&ns, "0x40", 0), 0);
    }
    // A standalone P, and one with --timeout, interrupted alike; then a V finds nobody waiting.
    for extra in [&[][..], &["--timeout", "60s"][..]] {
        let waiter = ns
            .ipcx()
            .args(["sem", "p", "0x40"])
            .args(extra)
            .spawn()
            .unwrap();
        wait_until("the waiter to block", 10, || ncnt(&ns, "0x40", 0) == 1);
        common::signal(&waiter, "INT");
        assert_eq!(waiter.wait_with_output().unwrap().status.code(), Some(130));
    }
    run(ns.ipcx().args(["sem", "v", "0x40"])).ok();
    assert_eq!(get(&ns, "0x40"), "1\n");
}

#[test]
fn removal_while_waiting_is_reported() {
    let ns = Ns::new();
    run(ns.ipcx().args(["sem", "init", "0x41", "0"])).ok();
    let waiter = ns
        .ipcx()
        .args(["sem", "p", "0x41"])
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    wait_until("the waiter to block", 10, || ncnt(&ns, "0x41", 0) == 1);
    run(ns.ipcx().args(["rm", "sem", "0x41"])).ok();
    let out = waiter.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "ipcx: sem p: semaphore set 0x00000041 (id 0): the set was removed while waiting\n"
    );
}

/// P and V need only alter permission (semop); a set others may alter but not read
/// (mode 622) is still theirs to P and V, by key and by id, with its size known for the
/// index check. Reading its values stays refused.
#[test]
fn a_write_only_set_can_be_p_and_v_by_others() {
    let ns = Ns::new();
    run(ns
        .ipcx()
        .args(["sem", "init", "0x50", "1", "1", "--mode", "622"]))
    .ok();
    run(ns.ipcx_as_nobody().args(["sem", "p", "0x50"])).ok();
    run(ns.ipcx_as_nobody().args(["sem", "p", "id:0", "-n", "1"])).ok();
    assert_eq!(get(&ns, "0x50"), "0\n0\n");
    run(ns.ipcx_as_nobody().args(["sem", "v", "id:0", "-n", "1"])).ok();
    assert_eq!(get(&ns, "0x50"), "0\n1\n");
    run(ns.ipcx_as_nobody().args(["sem", "v", "0x50", "-n", "2"])).fails(
        1,
        "ipcx: sem v: semaphore set 0x00000050 (id 0): index 2 is out of range: it has 2 semaphores (index 0 to 1)\n",
    );
    run(ns.ipcx_as_nobody().args(["sem", "get", "0x50"])).fails(
        1,
        "ipcx: sem get: semaphore set 0x00000050 (id 0): permission denied\n",
    );
    // SETALL and the marking semop need only alter permission too: --force sets the
    // values, also a first value of 0; a plain init says the set exists.
    run(ns
        .ipcx_as_nobody()
        .args(["sem", "init", "0x50", "0", "5", "--force"]))
    .ok();
    assert_eq!(get(&ns, "0x50"), "0\n5\n");
    run(ns
        .ipcx_as_nobody()
        .args(["sem", "init", "id:0", "3", "0", "--force"]))
    .ok();
    assert_eq!(get(&ns, "0x50"), "3\n0\n");
    run(ns.ipcx_as_nobody().args(["sem", "init", "0x50", "1", "1"])).fails(
        1,
        "ipcx: sem init: semaphore set 0x00000050 (id 0): already exists (--force sets its values)\n",
    );
}
