//! `ipcx lock` and `ipcx lock test`: file locks of the three kinds, against flock(1) and
//! Python's fcntl, on scratch files (file locks are not namespaced: the files are ours).

use std::path::Path;
use std::process::{Child, Command, Stdio};

use crate::common::{self, host_ipcx, host_sh, path_str, run, tempdir, wait_until, Run};

mod ls;

/// A Python process that runs `code` (with `fcntl`, `os`, `struct` imported and `f`
/// an open descriptor of PATH), prints `ready` and sleeps.
fn python_holder(path: &Path, code: &str) -> Child {
    let script = format!(
        "import fcntl, os, struct, sys, time\n\
         f = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT, 0o600)\n\
         def ofd(kind, start, length, cmd=37):\n    \
             return fcntl.fcntl(f, cmd, struct.pack('hhqqi', kind, 0, start, length, 0))\n\
         {code}\nprint('ready', flush=True)\ntime.sleep(600)"
    );
    let mut child = std::process::Command::new("python3")
        .args(["-c", &script])
        .arg(path)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .spawn()
        .expect("python3");
    let mut line = String::new();
    let stdout = child.stdout.as_mut().expect("stdout");
    std::io::BufRead::read_line(&mut std::io::BufReader::new(stdout), &mut line).expect("read");
    assert_eq!(line, "ready\n", "the Python holder did not start");
    child
}

/// Runs Python code with `f` open on PATH and prints what it prints; `ofd(kind, start,
/// len, cmd)` as in `python_holder`.
fn python(path: &Path, code: &str) -> String {
    let script = format!(
        "import fcntl, os, struct, sys\n\
         f = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT, 0o600)\n\
         def ofd(kind, start, length, cmd=38):\n    \
             return fcntl.fcntl(f, cmd, struct.pack('hhqqi', kind, 0, start, length, 0))\n\
         def attempt(fn):\n    \
             try:\n        fn()\n        print('took')\n    \
             except OSError:\n        print('busy')\n\
         {code}"
    );
    run(std::process::Command::new("python3")
        .args(["-c", &script])
        .arg(path))
    .ok()
}

/// Kills a holder and its children (flock(1)'s command inherits the lock).
fn end(mut child: Child) {
    let pid = child.id();
    let children =
        std::fs::read_to_string(format!("/proc/{pid}/task/{pid}/children")).unwrap_or_default();
    let _ = child.kill();
    let _ = child.wait();
    for pid in children.split_whitespace() {
        let _ = Command::new("kill").args(["-KILL", pid]).status();
    }
}

fn ipcx(args: &[&str]) -> Run {
    run(host_ipcx().args(args))
}

fn inode(path: &Path) -> u64 {
    std::os::unix::fs::MetadataExt::ino(&std::fs::metadata(path).unwrap())
}

/// Whether /proc/locks shows a waiter blocked on the file.
fn has_waiter(path: &Path) -> bool {
    let wanted = format!(":{} ", inode(path));
    std::fs::read_to_string("/proc/locks")
        .unwrap_or_default()
        .lines()
        .any(|line| line.contains("->") && line.contains(&wanted))
}

fn locks_on(path: &Path) -> usize {
    let wanted = format!(":{} ", inode(path));
    std::fs::read_to_string("/proc/locks")
        .unwrap_or_default()
        .lines()
        .filter(|line| line.contains(&wanted))
        .count()
}

#[test]
fn a_command_runs_holding_a_flock_lock_that_flock1_sees() {
    let dir = tempdir();
    let f = dir.path().join("f");
    let fs = path_str(&f);
    // Inside CMD flock(1) cannot take it; after CMD it can.
    let out = run(host_ipcx()
        .args([
            "lock",
            fs,
            "--",
            "sh",
            "-c",
            "flock -n \"$0\" true; echo $?; exit 7",
        ])
        .arg(&f));
    assert_eq!(
        (out.code, out.stdout(), out.stderr.as_str()),
        (Some(7), "1\n".into(), "")
    );
    run(std::process::Command::new("flock").args(["-n", fs, "true"])).ok();
    // The file was created 0600, empty.
    let meta = std::fs::metadata(&f).unwrap();
    assert_eq!(
        std::os::unix::fs::PermissionsExt::mode(&meta.permissions()) & 0o777,
        0o600
    );
    // Both ways: flock(1) holds it, ipcx is refused with the holder named.
    let holder = std::process::Command::new("flock")
        .args([fs, "sleep", "600"])
        .spawn()
        .unwrap();
    wait_until("flock(1) to take it", 10, || {
        f.exists() && locks_on(&f) == 1
    });
    let pid = holder.id();
    ipcx(&["lock", fs, "--nowait", "--", "true"]).fails(
        3,
        &format!("ipcx: lock: {fs}: cannot take an exclusive flock lock now: held by pid {pid} (flock)\n"),
    );
    ipcx(&["lock", fs, "-s", "--timeout", "200ms", "--", "true"]).fails(
        3,
        &format!("ipcx: lock: {fs}: could not take a shared flock lock within 200ms: held by pid {pid} (flock)\n"),
    );
    // fcntl locks do not see flock locks.
    ipcx(&["lock", fs, "--api", "posix", "--nowait", "--", "true"]).ok();
    ipcx(&["lock", fs, "--api", "ofd", "--nowait", "--", "true"]).ok();
    end(holder);
}

#[test]
fn shared_locks_coexist_and_exclude_an_exclusive_one() {
    let dir = tempdir();
    let f = dir.path().join("f");
    let fs = path_str(&f);
    for api in ["flock", "ofd", "posix"] {
        let out = run(host_ipcx()
            .args(["lock", fs, "-s", "--api", api, "--", "sh", "-c"])
            .arg("$0 lock \"$1\" -s --api $2 -n -- true && echo shared; $0 lock \"$1\" --api $2 -n -- true; echo $?")
            .arg(common::ipcx_bin())
            .args([fs, api]));
        assert_eq!(out.code, Some(0), "{api}: {}", out.stderr);
        assert_eq!(out.stdout(), "shared\n3\n", "{api}");
        assert!(
            out.stderr.contains("cannot take an exclusive"),
            "{api}: {}",
            out.stderr
        );
    }
}

#[test]
fn posix_and_ofd_locks_against_python_both_ways() {
    let dir = tempdir();
    let f = dir.path().join("f");
    let fs = path_str(&f);
    // ipcx holds, Python's lockf (posix) and F_OFD_SETLK are refused.
    for api in ["posix", "ofd"] {
        let out = run(host_ipcx()
            .args(["lock", fs, "--api", api, "--", "python3", "-c"])
            .arg("import fcntl, os, struct, sys\nf = os.open(sys.argv[1], os.O_RDWR)\n\
                  for fn in (lambda: fcntl.lockf(f, fcntl.LOCK_EX | fcntl.LOCK_NB),\n\
                             lambda: fcntl.fcntl(f, 37, struct.pack('hhqqi', fcntl.F_WRLCK, 0, 0, 0, 0))):\n    \
                      try:\n        fn(); print('took')\n    except OSError: print('busy')")
            .arg(&f));
        // ipcx became Python: a posix lock is Python's own, which lockf may replace.
        let expected = if api == "posix" {
            "took\nbusy\n"
        } else {
            "busy\nbusy\n"
        };
        assert_eq!(out.ok(), expected, "{api}");
        assert_eq!(
            python(
                &f,
                "attempt(lambda: fcntl.lockf(f, fcntl.LOCK_EX | fcntl.LOCK_NB))"
            ),
            "took\n"
        );
    }
    // Python holds a lockf lock: ipcx waits for it or gives up, naming it.
    let holder = python_holder(&f, "fcntl.lockf(f, fcntl.LOCK_EX)");
    let pid = holder.id();
    for api in ["posix", "ofd"] {
        ipcx(&["lock", fs, "--api", api, "-n", "--", "true"]).fails(
            3,
            &format!("ipcx: lock: {fs}: cannot take an exclusive {api} lock now: held by pid {pid} (python3)\n"),
        );
    }
    ipcx(&["lock", fs, "-n", "--", "true"]).ok();
    end(holder);
    // Python holds an OFD lock: its pid is found through fdinfo.
    let holder = python_holder(&f, "ofd(fcntl.F_RDLCK, 0, 0)");
    let pid = holder.id();
    ipcx(&["lock", fs, "--api", "posix", "-n", "-s", "--", "true"]).ok();
    ipcx(&["lock", fs, "--api", "ofd", "-n", "--", "true"]).fails(
        3,
        &format!("ipcx: lock: {fs}: cannot take an exclusive ofd lock now: held by pid {pid} (python3)\n"),
    );
    end(holder);
}

#[test]
fn overlapping_ranges_conflict_and_disjoint_ones_do_not() {
    let dir = tempdir();
    let f = dir.path().join("f");
    let fs = path_str(&f);
    let holder = python_holder(&f, "fcntl.lockf(f, fcntl.LOCK_EX, 10, 100)"); // bytes 100-109
    for api in ["posix", "ofd"] {
        for (range, code) in [
            ("0:100", 0),
            ("110", 0),
            ("0:101", 3),
            ("109:1", 3),
            ("50", 3),
            ("0", 3),
            ("1K:1K", 0),
        ] {
            let out = ipcx(&[
                "lock", fs, "--api", api, "--range", range, "-n", "--", "true",
            ]);
            assert_eq!(out.code, Some(code), "{api} {range}: {}", out.stderr);
        }
    }
    let out = ipcx(&[
        "lock", fs, "--api", "posix", "--range", "105:1", "-n", "--", "true",
    ]);
    assert_eq!(
        out.stderr,
        format!("ipcx: lock: {fs}: cannot take an exclusive posix lock on bytes 105 to 105 now: held by pid {} (python3)\n", holder.id())
    );
    // And Python is refused a range ipcx holds.
    let out = run(host_ipcx()
        .args(["lock", fs, "--api", "posix", "--range", "200:10", "--", "sh", "-c", "python3 -c \"$0\" \"$1\""])
        .arg("import fcntl, os, sys\nf = os.open(sys.argv[1], os.O_RDWR)\n\
              for start in (195, 209, 210):\n    \
                  try:\n        fcntl.lockf(f, fcntl.LOCK_EX | fcntl.LOCK_NB, 5, start); print('took')\n    \
                  except OSError: print('busy')")
        .arg(&f));
    assert_eq!(out.ok(), "took\nbusy\ntook\n");
    end(holder);
}

#[test]
fn a_sigkilled_holder_frees_the_lock() {
    let dir = tempdir();
    let f = dir.path().join("f");
    let fs = path_str(&f);
    for api in ["flock", "ofd", "posix"] {
        let mut holder = host_ipcx()
            .args(["lock", fs, "--api", api, "--", "sleep", "600"])
            .spawn()
            .unwrap();
        wait_until("the holder to take it", 10, || {
            f.exists() && locks_on(&f) == 1
        });
        let waiter = host_ipcx()
            .args(["lock", fs, "--api", api, "--", "true"])
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        wait_until("the waiter to block", 10, || has_waiter(&f));
        common::signal(&holder, "KILL");
        assert_eq!(holder.wait().unwrap().code(), None);
        let out = common::finish(waiter);
        out.ok();
        assert_eq!(locks_on(&f), 0, "{api}");
    }
}

#[test]
fn the_status_is_the_commands_own() {
    let dir = tempdir();
    let f = dir.path().join("f");
    let fs = path_str(&f);
    ipcx(&["lock", fs, "--", "sh", "-c", "exit 9"]).fails(9, "");
    ipcx(&["lock", fs, "--", "no-such-command-xyz"])
        .fails(127, "ipcx: lock: no-such-command-xyz: command not found\n");
    ipcx(&["lock", fs, "--", "/"]).fails(126, "ipcx: lock: /: permission denied\n");
    let out = ipcx(&["lock", fs, "--", "sh", "-c", "kill -TERM $$"]);
    assert_eq!(out.code, None);
    assert_eq!(locks_on(&f), 0);
}

#[test]
fn a_descriptor_of_the_shell_keeps_the_lock() {
    let dir = tempdir();
    let f = dir.path().join("f");
    let out = run(host_sh(
        "exec 9>>\"$1\"; $IPCX lock 9 || exit; flock -n \"$1\" true; echo $?; \
         $IPCX lock 9 --api ofd --range 0:10 || exit; $IPCX lock test \"$1\" --api posix; echo $?; \
         exec 9>&-; flock -n \"$1\" true; echo $?",
    )
    .arg("sh")
    .arg(&f));
    let text = out.ok();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "1");
    assert!(lines[1].starts_with("OFDLCK WRITE 0 9 "), "{text}");
    assert_eq!(&lines[2..], ["3", "0"]);
    // A posix lock would die with ipcx: refused.
    let out = run(host_sh("exec 9>>\"$1\"; $IPCX lock 9 --api posix")
        .arg("sh")
        .arg(&f));
    out.fails(
        2,
        "ipcx: lock: descriptor 9: a posix lock belongs to the process and would go when ipcx exits; \
         use --api flock or ofd, or give a command after --\n",
    );
}

#[test]
fn bad_inputs_name_the_problem() {
    let dir = tempdir();
    let f = dir.path().join("f");
    let fs = path_str(&f);
    ipcx(&["lock", fs]).fails(
        2,
        &format!("ipcx: lock: {fs}: a lock on a path needs a command after -- (it would go when ipcx exits); \
                  to keep one in the shell, lock a descriptor: exec 9>>{fs}; ipcx lock 9\n"),
    );
    assert!(!f.exists(), "nothing was created");
    ipcx(&["lock", fs, "--range", "3", "--", "true"]).fails(
        2,
        "ipcx: lock: --range needs --api ofd or posix: flock(2) locks the whole file\n",
    );
    let out = ipcx(&["lock", fs, "--api", "posix", "--range", "-3", "--", "true"]);
    assert_eq!(out.code, Some(2));
    assert!(
        out.stderr
            .contains("range '-3': the start cannot be negative"),
        "{}",
        out.stderr
    );
    let out = ipcx(&[
        "lock", fs, "--api", "posix", "--range", "0:-1", "--", "true",
    ]);
    assert!(
        out.stderr.contains("the length cannot be negative") && out.code == Some(2),
        "{}",
        out.stderr
    );
    let out = ipcx(&[
        "lock",
        fs,
        "--api",
        "ofd",
        "--range",
        "9223372036854775807:2",
        "--",
        "true",
    ]);
    assert!(
        out.stderr
            .contains("goes past the largest file offset (9223372036854775807, off_t)")
            && out.code == Some(2),
        "{}",
        out.stderr
    );
    let out = ipcx(&[
        "lock",
        fs,
        "--api",
        "ofd",
        "--range",
        "99999999999999999999",
        "--",
        "true",
    ]);
    assert_eq!(out.code, Some(2), "{}", out.stderr);
    assert!(!f.exists(), "nothing was created");
    let missing = dir.path().join("no/such/dir");
    let ms = path_str(&missing);
    ipcx(&["lock", ms, "--", "true"]).fails(
        1,
        &format!("ipcx: lock: cannot open {ms}: no such file or directory\n"),
    );
    ipcx(&["lock", "47"]).fails(
        1,
        "ipcx: lock: descriptor 47 is not open (open it first: exec 47>>FILE)\n",
    );
    let out = ipcx(&["lock", fs, "--api", "nfs", "--", "true"]);
    assert_eq!(out.code, Some(2));
    let out = ipcx(&["lock", fs, "--nowait", "--timeout", "1s", "--", "true"]);
    assert_eq!(out.code, Some(2));
}

#[test]
fn files_are_created_safely_and_never_truncated() {
    let dir = tempdir();
    let f = dir.path().join("f");
    let fs = path_str(&f);
    ipcx(&["lock", fs, "-m", "640", "--", "true"]).ok();
    let mode = |p: &Path| {
        std::os::unix::fs::PermissionsExt::mode(&std::fs::metadata(p).unwrap().permissions())
            & 0o777
    };
    assert_eq!(mode(&f), 0o640);
    std::fs::write(&f, "keep me").unwrap();
    ipcx(&["lock", fs, "-m", "600", "--api", "posix", "--", "true"]).ok();
    assert_eq!(std::fs::read_to_string(&f).unwrap(), "keep me");
    assert_eq!(mode(&f), 0o640, "an existing file keeps its mode");
    // A symlink planted to a missing file is not followed to create it.
    let target = dir.path().join("target");
    let planted = dir.path().join("planted");
    std::os::unix::fs::symlink(&target, &planted).unwrap();
    let ps = path_str(&planted);
    ipcx(&["lock", ps, "--", "true"]).fails(
        1,
        &format!("ipcx: lock: {ps}: is a symbolic link to a missing file: not creating a lock file through it\n"),
    );
    assert!(!target.exists());
    // A symlink to an existing file is the file.
    let link = dir.path().join("link");
    std::os::unix::fs::symlink(&f, &link).unwrap();
    let out = run(host_ipcx().args(["lock", path_str(&link), "--", "flock", "-n", fs, "true"]));
    assert_eq!(out.code, Some(1));
    // A directory: flock takes it (read-only), an exclusive fcntl lock cannot.
    let d = path_str(dir.path());
    let out = run(host_ipcx().args(["lock", d, "--", "flock", "-n", d, "true"]));
    assert_eq!(out.code, Some(1), "{}", out.stderr);
    ipcx(&["lock", d, "--api", "posix", "-s", "--", "true"]).ok();
    ipcx(&["lock", d, "--api", "posix", "--", "true"]).fails(
        1,
        &format!("ipcx: lock: {d}: an exclusive posix lock needs the file open for writing, and it can only be read\n"),
    );
}

#[test]
fn interrupted_waits_run_nothing() {
    let dir = tempdir();
    let f = dir.path().join("f");
    let fs = path_str(&f);
    let marker = dir.path().join("ran");
    for api in ["flock", "posix", "ofd"] {
        let holder = python_holder(
            &f,
            match api {
                "flock" => "fcntl.flock(f, fcntl.LOCK_EX)",
                "posix" => "fcntl.lockf(f, fcntl.LOCK_EX)",
                _ => "ofd(fcntl.F_WRLCK, 0, 0)",
            },
        );
        for (signal, code) in [("INT", 130), ("TERM", 143)] {
            for extra in [&[][..], &["--timeout", "60s"][..]] {
                let waiter = host_ipcx()
                    .args(["lock", fs, "--api", api])
                    .args(extra)
                    .args(["--", "touch"])
                    .arg(&marker)
                    .stderr(Stdio::piped())
                    .spawn()
                    .unwrap();
                wait_until("the waiter to block", 10, || has_waiter(&f));
                common::wait_blocked_with_handlers(waiter.id());
                common::signal(&waiter, signal);
                let out = waiter.wait_with_output().unwrap();
                assert_eq!(out.status.code(), Some(code), "{api} {signal}");
                assert_eq!(String::from_utf8_lossy(&out.stderr), "");
                assert!(!marker.exists(), "the command ran");
                assert!(!has_waiter(&f));
            }
        }
        end(holder);
    }
}

#[test]
fn test_says_whether_it_could_be_taken_and_names_the_holder() {
    let dir = tempdir();
    let f = dir.path().join("f");
    let fs = path_str(&f);
    std::fs::write(&f, "").unwrap();
    for api in ["flock", "posix", "ofd"] {
        let out = ipcx(&["lock", "test", fs, "--api", api]);
        assert_eq!(
            (out.code, out.stdout(), out.stderr.as_str()),
            (Some(0), String::new(), "")
        );
    }
    let holder = python_holder(&f, "fcntl.lockf(f, fcntl.LOCK_SH, 10, 5)");
    let pid = holder.id();
    let out = ipcx(&["lock", "test", fs, "--api", "posix"]);
    assert_eq!(
        (out.code, out.stdout()),
        (Some(3), format!("POSIX READ 5 14 {pid} (python3)\n"))
    );
    ipcx(&["lock", "test", fs, "--api", "posix", "--shared"]).ok();
    ipcx(&["lock", "test", fs, "--api", "posix", "--range", "15"]).ok();
    let out = ipcx(&["lock", "test", fs, "--api", "ofd", "--json"]);
    assert_eq!(out.code, Some(3));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        json,
        serde_json::json!({"type": "POSIX", "mode": "READ", "start": 5, "end": 14, "pids": [pid], "commands": ["python3"]})
    );
    end(holder);
    let holder = python_holder(&f, "ofd(fcntl.F_WRLCK, 0, 0)");
    let out = ipcx(&["lock", "test", fs, "--api", "ofd", "-s"]);
    assert_eq!(
        (out.code, out.stdout()),
        (
            Some(3),
            format!("OFDLCK WRITE 0 EOF {} (python3)\n", holder.id())
        )
    );
    end(holder);
    let holder = python_holder(&f, "fcntl.flock(f, fcntl.LOCK_SH)");
    ipcx(&["lock", "test", fs, "-s"]).ok();
    let out = ipcx(&["lock", "test", fs]);
    assert_eq!(
        (out.code, out.stdout()),
        (
            Some(3),
            format!("FLOCK READ 0 EOF {} (python3)\n", holder.id())
        )
    );
    end(holder);
    let missing = dir.path().join("missing");
    ipcx(&["lock", "test", path_str(&missing)]).fails(
        1,
        &format!(
            "ipcx: lock test: cannot open {}: no such file or directory\n",
            missing.display()
        ),
    );
    assert!(!missing.exists());
    ipcx(&["lock", "test", fs, "--range", "1"]).fails(
        2,
        "ipcx: lock test: --range needs --api ofd or posix: flock(2) locks the whole file\n",
    );
}

#[test]
fn a_posix_holder_outside_our_pid_namespace_is_a_posix_lock_of_no_visible_pid() {
    // F_GETLK gives pid 0 for a holder this pid namespace cannot see; only -1 is OFD.
    let dir = tempdir();
    let f = dir.path().join("f");
    std::fs::write(&f, "").unwrap();
    let holder = python_holder(&f, "fcntl.lockf(f, fcntl.LOCK_EX, 10, 5)");
    for api in ["posix", "ofd"] {
        let out = run(Command::new("unshare")
            .args(["--pid", "--fork"])
            .arg(common::ipcx_bin())
            .args(["lock", "test", path_str(&f), "--api", api]));
        assert_eq!(
            (out.code, out.stdout(), out.stderr.as_str()),
            (Some(3), "POSIX WRITE 5 14 -\n".to_string(), "")
        );
    }
    end(holder);
}
