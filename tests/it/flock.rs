//! ipcx under the name `flock`: util-linux 2.42's flock(1), side by side with the installed
//! flock(1) (2.38) on everything both have — stdout, stderr (the program name adjusted) and
//! status — and against 2.42's own text where 2.38 differs (--fcntl, --start, --length,
//! the help and the timeout message).

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

use crate::common::{self, run, tempdir, wait_until, Run};

/// A directory with `flock` linked to ipcx, and a scratch directory to run in.
struct Side {
    bin: tempfile::TempDir,
    work: tempfile::TempDir,
}

impl Side {
    fn new() -> Side {
        let bin = tempdir();
        std::os::unix::fs::symlink(common::ipcx_bin(), bin.path().join("flock")).unwrap();
        Side {
            bin,
            work: tempdir(),
        }
    }

    fn ours(&self) -> PathBuf {
        self.bin.path().join("flock")
    }

    fn path(&self, name: &str) -> PathBuf {
        self.work.path().join(name)
    }

    /// `sh -c SCRIPT` in the scratch directory with `$FLOCK` the program.
    fn sh(&self, flock: &Path, script: &str) -> Run {
        run(Command::new("sh")
            .args(["-c", script])
            .env("FLOCK", flock)
            .current_dir(self.work.path()))
    }

    /// Runs `script` with the installed flock and with ours (the scratch files removed
    /// before each); asserts the same status, stdout and stderr; returns ours.
    #[track_caller]
    fn same(&self, script: &str) -> Run {
        self.clean();
        let theirs = self.sh(Path::new("/usr/bin/flock"), script);
        self.clean();
        let ours = self.sh(&self.ours(), script);
        let adjust = |text: &str| {
            text.replace(&format!("{}:", self.ours().display()), "flock:")
                .replace("/usr/bin/flock:", "flock:")
        };
        assert_eq!(
            (ours.code, ours.stdout(), adjust(&ours.stderr)),
            (theirs.code, theirs.stdout(), adjust(&theirs.stderr)),
            "{script}"
        );
        ours
    }

    fn clean(&self) {
        for entry in std::fs::read_dir(self.work.path()).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                std::fs::remove_dir_all(&path).unwrap();
            } else {
                std::fs::remove_file(&path).unwrap();
            }
        }
    }
}

/// The installed flock(1) holding PATH with these options until killed.
fn holder(path: &Path, opts: &[&str]) -> Child {
    let child = Command::new("/usr/bin/flock")
        .args(opts)
        .arg(path)
        .args(["sleep", "600"])
        .stdin(Stdio::null())
        .spawn()
        .unwrap();
    let wanted = |p: &Path| {
        let Ok(meta) = std::fs::metadata(p) else {
            return false;
        };
        let ino = std::os::unix::fs::MetadataExt::ino(&meta);
        std::fs::read_to_string("/proc/locks")
            .unwrap()
            .contains(&format!(":{ino} "))
    };
    wait_until("flock(1) to take it", 10, || wanted(path));
    child
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

#[test]
fn usage_errors_and_messages_match_flock1() {
    let side = Side::new();
    for script in [
        "$FLOCK",
        "$FLOCK f",
        "$FLOCK abc",
        "$FLOCK 99",
        "$FLOCK ' 5x'",
        "$FLOCK -z f true",
        "$FLOCK --foo f true",
        "$FLOCK --no f true",
        "$FLOCK -w",
        "$FLOCK -w -1 f true",
        "$FLOCK -w 1e999 f true",
        "$FLOCK -E 300 f true",
        "$FLOCK -E -1 f true",
        "$FLOCK -E x f true",
        "$FLOCK -E 9x f true",
        "$FLOCK -E 99999999999 f true",
        "$FLOCK -o -F f true",
        "$FLOCK f -c",
        "$FLOCK f -c a b",
        "$FLOCK f --command a b",
        "$FLOCK f no-such-command-xyz",
        "$FLOCK f /",
        "$FLOCK -F f no-such-command-xyz",
        "$FLOCK no/such/dir true",
        "$FLOCK -s --shared -x -e f true",
    ] {
        side.same(script);
    }
}

#[test]
fn commands_run_holding_the_lock_with_their_own_status() {
    let side = Side::new();
    for script in [
        "$FLOCK f true; echo $?",
        "$FLOCK f sh -c 'exit 4'",
        "$FLOCK f -c 'exit 3'",
        "$FLOCK f --command 'echo \"$0\"'",
        "$FLOCK f -c 'kill -9 $$'; echo $?",
        "$FLOCK -F f sh -c 'exit 5'",
        "$FLOCK -F f -c 'echo one; exit 6'",
        "$FLOCK f sh -c 'flock -n f true; echo inside $?'; flock -n f true; echo after $?",
        "$FLOCK -s f sh -c 'flock -n -s f true; echo shared $?; flock -n f true; echo exclusive $?'",
        "$FLOCK f ls /proc/self/fd",
        "$FLOCK -o f ls /proc/self/fd",
        "$FLOCK -u f true; echo $?",
        "$FLOCK --nb f true && $FLOCK --nonblock f true && $FLOCK -w 0 f true && $FLOCK --tim 1 f true",
        "umask 022; $FLOCK f true; stat -c %a f",
        "umask 077; $FLOCK f true; stat -c %a f",
        "echo keep > f; $FLOCK f true; cat f",
        "mkdir d; $FLOCK d sh -c 'flock -n d true; echo $?'",
        "$FLOCK -F --verbose f echo hi",
        "exec 9>f; $FLOCK 9; flock -n f true; echo $?; $FLOCK -u 9; flock -n f true; echo $?",
        "exec 9<f 2>/dev/null || exec 9>f; $FLOCK -s 9 && flock -n -s f true && echo shared",
    ] {
        side.same(script);
    }
    // --verbose says how long it took, which differs run to run.
    let out = side.sh(&side.ours(), "$FLOCK --verbose f echo run");
    let text = out.stdout();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 3, "{text}");
    assert_eq!(lines[0], "run");
    assert!(
        lines[1].starts_with("flock: getting lock took 0.") && lines[1].ends_with(" seconds"),
        "{text}"
    );
    assert_eq!(lines[2], "flock: executing echo");
}

#[test]
fn conflicts_timeouts_and_conflict_exit_codes_match_flock1() {
    let side = Side::new();
    let f = side.path("f");
    std::fs::write(&f, "").unwrap();
    let held = holder(&f, &[]);
    for script in [
        "$FLOCK -n f echo ran",
        "$FLOCK -n -E 42 f echo ran",
        "$FLOCK -n --conflict-exit-code 0 f echo ran",
        "$FLOCK -w 0.2 f echo ran",
        "$FLOCK -w 0.2 -E 7 f echo ran",
        "$FLOCK -n --verbose f echo ran",
        "$FLOCK -w 0.1 --verbose f echo ran",
        "$FLOCK -s -n f echo ran",
        "exec 9>>f; $FLOCK -n 9; echo $?",
    ] {
        // Both see the same holder: the files are not removed in between.
        let theirs = run(Command::new("sh")
            .args(["-c", script])
            .env("FLOCK", "/usr/bin/flock")
            .current_dir(side.work.path()));
        let ours = run(Command::new("sh")
            .args(["-c", script])
            .env("FLOCK", side.ours())
            .current_dir(side.work.path()));
        assert_eq!(
            (ours.code, ours.stdout(), ours.stderr.clone()),
            (theirs.code, theirs.stdout(), theirs.stderr.clone()),
            "{script}"
        );
    }
    // A waiter goes on when the holder ends, even when it is SIGKILLed.
    let waiter = Command::new(side.ours())
        .args(["f", "echo", "got it"])
        .current_dir(side.work.path())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let ino = std::os::unix::fs::MetadataExt::ino(&std::fs::metadata(&f).unwrap());
    wait_until("the waiter to block", 10, || {
        std::fs::read_to_string("/proc/locks")
            .unwrap()
            .lines()
            .any(|l| l.contains("->") && l.contains(&format!(":{ino} ")))
    });
    end(held);
    let out = common::finish(waiter);
    assert_eq!((out.code, out.stdout()), (Some(0), "got it\n".into()));
}

#[test]
fn fcntl_start_and_length_take_ofd_ranges() {
    let side = Side::new();
    let f = side.path("f");
    let ours = side.ours();
    let probe = "import fcntl, os, struct, sys\nf = os.open(sys.argv[1], os.O_RDWR)\n\
                 for start, length in ((0, 10), (10, 5), (15, 1)):\n    \
                     try:\n        fcntl.fcntl(f, 37, struct.pack('hhqqi', fcntl.F_WRLCK, 0, start, length, 0)); print('took')\n    \
                     except OSError: print('busy')";
    let out = run(Command::new(&ours)
        .args(["--start", "10", "--length", "5"])
        .arg(&f)
        .args(["python3", "-c", probe])
        .arg(&f));
    assert_eq!(out.ok(), "took\nbusy\ntook\n");
    // --fcntl alone: the whole file; flock(2) locks do not see it.
    let out = run(Command::new(&ours)
        .arg("--fcntl")
        .arg(&f)
        .args([
            "sh",
            "-c",
            "flock -n \"$0\" echo flock-free; python3 -c \"$1\" \"$0\"",
        ])
        .arg(&f)
        .arg(probe));
    assert_eq!(out.ok(), "flock-free\nbusy\nbusy\nbusy\n");
    // A Python OFD lock on bytes 0-9 stops --fcntl on an overlapping range only.
    let mut py = Command::new("python3")
        .args(["-c", "import fcntl, os, struct, sys, time\nf = os.open(sys.argv[1], os.O_RDWR)\n\
                      fcntl.fcntl(f, 37, struct.pack('hhqqi', fcntl.F_WRLCK, 0, 0, 10, 0))\nprint('ready', flush=True)\ntime.sleep(600)"])
        .arg(&f)
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    std::io::BufRead::read_line(
        &mut std::io::BufReader::new(py.stdout.as_mut().unwrap()),
        &mut line,
    )
    .unwrap();
    assert_eq!(line, "ready\n");
    let status = |args: &[&str]| run(Command::new(&ours).args(args).arg(&f).arg("true")).code;
    assert_eq!(status(&["-n", "--start", "10"]), Some(0));
    assert_eq!(status(&["-n", "--start", "9", "--length", "1"]), Some(1));
    assert_eq!(status(&["-n", "--fcntl"]), Some(1));
    assert_eq!(status(&["-n", "-E", "5", "--length", "1"]), Some(5));
    assert_eq!(status(&["-n"]), Some(0), "flock(2) does not see it");
    end(py);
    // Bad values: util-linux's words.
    let bad = |args: &[&str]| run(Command::new(&ours).args(args).arg(&f).arg("true"));
    bad(&["--start", "x"]).fails(
        64,
        "flock: invalid as start offset: 'x': Invalid argument\n",
    );
    bad(&["--length", "-1"]).fails(
        64,
        "flock: invalid as length of lock range: '-1': Invalid argument\n",
    );
    bad(&["--start", "100E"]).fails(
        64,
        "flock: invalid as start offset: '100E': Numerical result out of range\n",
    );
}

#[test]
fn help_version_and_what_2_42_changed() {
    let side = Side::new();
    let ours = side.ours();
    let help = run(Command::new(&ours).arg("--help")).ok();
    assert!(
        help.starts_with(
            "\nUsage:\n flock [options] <file>|<directory> <command> [<argument>...]\n"
        ),
        "{help}"
    );
    assert!(
        help.contains("\n     --start <offset>     starting offset for lock (implies --fcntl)\n")
    );
    assert!(help.ends_with("\nFor more details see flock(1).\n"));
    // Every option line of 2.38's help is in ours, but the one 2.42 renamed.
    let old = run(Command::new("/usr/bin/flock").arg("-h")).ok();
    for line in old
        .lines()
        .filter(|l| l.starts_with(" -") || l.starts_with("    "))
    {
        if !line.contains("--nonblock ") {
            assert!(help.contains(line), "{line}");
        }
    }
    assert_eq!(
        run(Command::new(&ours).arg("-V")).ok(),
        "flock from ipcx 0.1.0 (util-linux 2.42.2 compatible)\n"
    );
    // 2.38 says "invalid timeout value".
    run(Command::new(&ours).args(["-w", "abc", "f", "true"]))
        .fails(64, "flock: invalid timeout: 'abc'\n");
}

#[test]
fn a_symlink_to_a_missing_file_is_not_followed() {
    let side = Side::new();
    let target = side.path("target");
    std::os::unix::fs::symlink(&target, side.path("planted")).unwrap();
    let out = side.sh(&side.ours(), "$FLOCK planted true");
    out.fails(
        66,
        "flock: cannot open lock file planted: Too many levels of symbolic links\n",
    );
    assert!(!target.exists());
}

/// `ipcx flock ...` is the personality too, as `ipcx ipcs ...` is, `--` and all: the same
/// output, messages (named `flock`) and statuses as the link.
#[test]
fn ipcx_flock_is_the_personality() {
    let side = Side::new();
    let lock = side.path("lk");
    let lock = lock.to_str().unwrap();
    let ipcx = common::ipcx_bin();
    assert_eq!(
        run(Command::new(&ipcx).args(["flock", "-V"])).ok(),
        "flock from ipcx 0.1.0 (util-linux 2.42.2 compatible)\n"
    );
    let held =
        run(Command::new(&ipcx).args(["flock", "--", lock, "sh", "-c", "echo held; exit 7"]));
    assert_eq!((held.code, held.stdout()), (Some(7), "held\n".to_string()));
    assert_eq!(
        run(Command::new(&ipcx).args(["flock", "-n", lock, "-c", "echo held"])).ok(),
        "held\n"
    );
    run(Command::new(&ipcx).args(["flock", "-w", "abc", lock, "true"]))
        .fails(64, "flock: invalid timeout: 'abc'\n");
    run(Command::new(&ipcx).args(["flock"])).fails(
        64,
        "flock: not enough arguments\nTry 'flock --help' for more information.\n",
    );
}
