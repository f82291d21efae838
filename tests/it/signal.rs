//! `ipcx signal send|wait|list`. Signals need no IPC namespace: every test signals only
//! processes it started itself (and pid 1 with signal 0, which sends nothing).

use crate::common;

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command};

use common::{host_ipcx as ipcx, ipcx_bin, run, wait_until, Run};
use nix::sys::signal::{kill, Signal};
use nix::unistd::Pid;

/// Our real uid, as the waiter reports it for signals we (or our children) send.
fn uid() -> u32 {
    std::fs::read_to_string("/proc/self/status")
        .unwrap()
        .lines()
        .find_map(|l| l.strip_prefix("Uid:"))
        .and_then(|l| l.split_whitespace().next())
        .unwrap()
        .parse()
        .unwrap()
}

/// A pid no process can have: pid_max itself is never handed out.
fn missing_pid() -> u32 {
    std::fs::read_to_string("/proc/sys/kernel/pid_max")
        .unwrap()
        .trim()
        .parse()
        .unwrap()
}

/// An `ipcx signal wait` that has announced itself through its pidfile.
struct Waiter {
    child: Child,
    pid: u32,
    pidfile: PathBuf,
    _dir: tempfile::TempDir,
}

impl Waiter {
    fn start(args: &[&str]) -> Waiter {
        Waiter::start_with(ipcx(), args)
    }

    /// Starts `command` (ipcx, or a shell that execs it) with `signal wait ARGS --pidfile`.
    fn start_with(mut command: Command, args: &[&str]) -> Waiter {
        let dir = common::tempdir();
        let pidfile = dir.path().join("w.pid");
        let child = common::start(
            command
                .args(["signal", "wait"])
                .args(args)
                .arg("--pidfile")
                .arg(&pidfile),
        );
        wait_until("the pidfile", 10, || pidfile.exists());
        let pid = read_pid(&pidfile);
        assert_eq!(pid, child.id(), "the pidfile names the waiter");
        Waiter {
            child,
            pid,
            pidfile,
            _dir: dir,
        }
    }

    fn signal(&self, signal: Signal) {
        kill(Pid::from_raw(self.pid as i32), signal).expect("signal the waiter");
    }

    fn finish(self) -> Run {
        self.child.wait_with_output().expect("wait").into()
    }
}

fn read_pid(path: &Path) -> u32 {
    let text = std::fs::read_to_string(path).expect("read the pidfile");
    assert!(text.ends_with('\n'), "a whole pidfile: {text:?}");
    text.trim().parse().expect("a pid")
}

/// Runs a sender to its end and returns its pid, which the waiter reports as the sender.
fn send_from(command: &mut Command) -> u32 {
    let child = common::start(command);
    let pid = child.id();
    let out: Run = child.wait_with_output().expect("wait").into();
    out.ok();
    pid
}

fn ipcx_send(args: &[&str]) -> u32 {
    send_from(ipcx().args(["signal", "send"]).args(args))
}

#[test]
fn send_and_wait_without_a_value() {
    // A timeout far beyond what the clock can count is just a long wait.
    let waiter = Waiter::start(&["USR1", "--timeout", "18446744073709551615"]);
    let sender = ipcx_send(&["USR1", &waiter.pid.to_string()]);
    let out = waiter.finish();
    assert_eq!(
        out.ok(),
        format!("SIGUSR1 10 SI_USER pid={sender} uid={}\n", uid())
    );
}

#[test]
fn send_and_wait_with_values_in_text_and_json() {
    // Standard signals first: two signals pending at once come lowest number first, so this
    // order is the order received whether or not the waiter read the first in between.
    let waiter = Waiter::start(&["RTMIN+1", "usr2", "-n", "2"]);
    let pid = waiter.pid.to_string();
    let first = ipcx_send(&["--value", "-7", "SIGUSR2", &pid]);
    let second = ipcx_send(&["--value", "42", "RTMIN+1", &pid]);
    let uid = uid();
    assert_eq!(
        waiter.finish().ok(),
        format!(
            "SIGUSR2 12 SI_QUEUE pid={first} uid={uid} value=-7\n\
             SIGRTMIN+1 35 SI_QUEUE pid={second} uid={uid} value=42\n"
        )
    );

    let waiter = Waiter::start(&["RTMAX-2", "10", "-n", "2", "--json"]);
    let pid = waiter.pid.to_string();
    let first = ipcx_send(&["USR1", &pid]);
    let second = ipcx_send(&["--value", "2147483647", "RTMAX-2", &pid]);
    assert_eq!(
        waiter.finish().ok(),
        format!(
            "{{\"signal\":\"SIGUSR1\",\"number\":10,\"code\":\"SI_USER\",\"pid\":{first},\"uid\":{uid},\"value\":null}}\n\
             {{\"signal\":\"SIGRTMAX-2\",\"number\":62,\"code\":\"SI_QUEUE\",\"pid\":{second},\"uid\":{uid},\"value\":2147483647}}\n"
        )
    );
}

#[test]
fn kill_q_from_procps_is_an_independent_sender() {
    // Debian's /usr/bin/kill is procps-ng's; like util-linux's, `-q VALUE` uses sigqueue.
    let waiter = Waiter::start(&["USR2", "RTMIN", "-n", "2"]);
    let pid = waiter.pid.to_string();
    let first = send_from(Command::new("/usr/bin/kill").args(["-s", "USR2", "-q", "7", &pid]));
    let second = send_from(Command::new("/usr/bin/kill").args(["-s", "RTMIN", &pid]));
    let uid = uid();
    assert_eq!(
        waiter.finish().ok(),
        format!(
            "SIGUSR2 12 SI_QUEUE pid={first} uid={uid} value=7\n\
             SIGRTMIN 34 SI_USER pid={second} uid={uid}\n"
        )
    );
}

#[test]
fn tgkill_shows_as_si_tkill() {
    let waiter = Waiter::start(&["USR1"]);
    // tgkill(2) (syscall 234 on x86_64) aimed at the waiter's main thread, from Python.
    let script = format!(
        "import ctypes, signal\n\
         libc = ctypes.CDLL(None, use_errno=True)\n\
         assert libc.syscall(234, {0}, {0}, signal.SIGUSR1) == 0, ctypes.get_errno()\n",
        waiter.pid
    );
    let sender = send_from(Command::new("python3").args(["-c", &script]));
    assert_eq!(
        waiter.finish().ok(),
        format!("SIGUSR1 10 SI_TKILL pid={sender} uid={}\n", uid())
    );
}

#[test]
fn a_burst_of_100_queued_signals_arrives_whole_and_in_order() {
    let waiter = Waiter::start(&["RTMIN", "-n", "100"]);
    // One independent sender queues all 100 (sigqueue through ctypes), so every line has
    // the same, known sender.
    let script = format!(
        "import ctypes, signal\n\
         libc = ctypes.CDLL(None, use_errno=True)\n\
         for i in range(1, 101):\n    \
             assert libc.sigqueue({}, signal.SIGRTMIN, ctypes.c_void_p(i)) == 0, ctypes.get_errno()\n",
        waiter.pid
    );
    let sender = send_from(Command::new("python3").args(["-c", &script]));
    let uid = uid();
    let expected: String = (1..=100)
        .map(|i| format!("SIGRTMIN 34 SI_QUEUE pid={sender} uid={uid} value={i}\n"))
        .collect();
    assert_eq!(waiter.finish().ok(), expected);
}

#[test]
fn process_groups() {
    // Two waiters in a group of their own, led by the first.
    let in_group = |pgid: u32| {
        let mut command = ipcx();
        std::os::unix::process::CommandExt::process_group(&mut command, pgid as i32);
        command
    };
    let first = Waiter::start_with(in_group(0), &["USR1", "USR2", "-n", "2"]);
    let second = Waiter::start_with(in_group(first.pid), &["USR1", "USR2", "RTMIN", "-n", "3"]);
    let group = format!("-{}", first.pid);
    let sender_a = ipcx_send(&["USR1", "--", &group]);
    // Without `--` too: SIGNAL comes first, so a negative operand can only be a group.
    let sender_b = ipcx_send(&["USR2", &group]);
    let sender_c = ipcx_send(&["RTMIN", &second.pid.to_string()]);
    let uid = uid();
    assert_eq!(
        first.finish().ok(),
        format!(
            "SIGUSR1 10 SI_USER pid={sender_a} uid={uid}\n\
             SIGUSR2 12 SI_USER pid={sender_b} uid={uid}\n"
        )
    );
    assert_eq!(
        second.finish().ok(),
        format!(
            "SIGUSR1 10 SI_USER pid={sender_a} uid={uid}\n\
             SIGUSR2 12 SI_USER pid={sender_b} uid={uid}\n\
             SIGRTMIN 34 SI_USER pid={sender_c} uid={uid}\n"
        )
    );
}

#[test]
fn a_value_cannot_go_to_a_process_group() {
    run(ipcx().args(["signal", "send", "--value", "3", "USR1", "--", "-4242"])).fails(
        2,
        "ipcx: signal send: --value cannot go to process group 4242: sigqueue(3) queues to one \
         process only; name the member pids instead\n",
    );
}

#[test]
fn signal_zero_checks_existence_and_permission() {
    let waiter = Waiter::start(&["USR1"]);
    let pid = waiter.pid.to_string();
    // Nothing is delivered: the waiter is still waiting afterwards.
    assert_eq!(run(ipcx().args(["signal", "send", "0", &pid])).ok(), "");
    let missing = missing_pid();
    run(ipcx().args(["signal", "send", "0", &pid, &missing.to_string()])).fails(
        1,
        &format!("ipcx: signal send: pid {missing}: no such process\n"),
    );
    run(Command::new("setpriv")
        .args(["--reuid=65534", "--regid=65534", "--clear-groups", "--"])
        .arg(ipcx_bin())
        .args(["signal", "send", "0", "1", &pid]))
    .fails(
        1,
        &format!(
            "ipcx: signal send: pid 1: permission denied\n\
             ipcx: signal send: pid {pid}: permission denied\n"
        ),
    );
    let sender = ipcx_send(&["USR1", &pid]);
    assert_eq!(
        waiter.finish().ok(),
        format!("SIGUSR1 10 SI_USER pid={sender} uid={}\n", uid())
    );
}

#[test]
fn every_target_is_tried_and_each_failure_named() {
    let waiter = Waiter::start(&["USR1"]);
    let missing = missing_pid();
    let out = run(ipcx().args([
        "signal",
        "send",
        "USR1",
        &missing.to_string(),
        &waiter.pid.to_string(),
        &format!("-{missing}"),
    ]));
    out.fails(
        1,
        &format!(
            "ipcx: signal send: pid {missing}: no such process\n\
             ipcx: signal send: process group {missing}: no such process group\n"
        ),
    );
    assert_eq!(out.stdout(), "");
    assert!(waiter.finish().ok().starts_with("SIGUSR1 10 SI_USER pid="));
    run(ipcx().args(["signal", "send", "--value", "1", "RTMIN", "99999"]))
        .fails(1, "ipcx: signal send: pid 99999: no such process\n");
}

#[test]
fn bad_signals_and_targets_are_usage_errors() {
    let cases: [(&[&str], &str); 11] = [
        // Not ASCII: the hand parser of `send` must not cut a character in two.
        (
            &["send", "ü", "1"],
            "ipcx: signal send: invalid value 'ü' for '<SIGNAL>': 'ü' is not a signal \
             (expected a name like USR1 or SIGUSR1, a number, RTMIN+N or RTMAX-N; see 'ipcx \
             signal list')\nTry 'ipcx signal send --help' for more information.\n",
        ),
        (
            &["send", "USR1", "４２"],
            "ipcx: signal send: invalid value '４２' for '<PID>...': '４２' is not a process id \
             (expected a pid, or -PGID for a process group)\n\
             Try 'ipcx signal send --help' for more information.\n",
        ),
        (
            &["send", "FOO", "1"],
            "ipcx: signal send: invalid value 'FOO' for '<SIGNAL>': 'FOO' is not a signal \
             (expected a name like USR1 or SIGUSR1, a number, RTMIN+N or RTMAX-N; see 'ipcx \
             signal list')\nTry 'ipcx signal send --help' for more information.\n",
        ),
        (
            &["send", "RTMIN+99", "1"],
            "ipcx: signal send: invalid value 'RTMIN+99' for '<SIGNAL>': RTMIN+99 is past the \
             real-time signals (RTMIN+0 to RTMIN+30, RTMAX-30 to RTMAX)\n\
             Try 'ipcx signal send --help' for more information.\n",
        ),
        (
            &["send", "32", "1"],
            "ipcx: signal send: invalid value '32' for '<SIGNAL>': signal 32 is not a signal \
             programs may use (0 to 31, or 34 to 64; see 'ipcx signal list')\n\
             Try 'ipcx signal send --help' for more information.\n",
        ),
        (
            &["send", "USR1", "abc"],
            "ipcx: signal send: invalid value 'abc' for '<PID>...': 'abc' is not a process id \
             (expected a pid, or -PGID for a process group)\n\
             Try 'ipcx signal send --help' for more information.\n",
        ),
        (
            &["send", "USR1", "--", "-1"],
            "ipcx: signal send: invalid value '-1' for '<PID>...': -1 would signal every \
             process you may signal; ipcx does not do that\n\
             Try 'ipcx signal send --help' for more information.\n",
        ),
        (
            &["send", "USR1", "0"],
            "ipcx: signal send: invalid value '0' for '<PID>...': pid 0 would be ipcx's own \
             process group; name the group as -PGID\n\
             Try 'ipcx signal send --help' for more information.\n",
        ),
        (
            &["wait", "KILL"],
            "ipcx: signal wait: invalid value 'KILL' for '<SIGNAL>...': SIGKILL cannot be \
             blocked or caught, so it cannot be waited for\n\
             Try 'ipcx signal wait --help' for more information.\n",
        ),
        (
            &["wait", "USR1", "sigstop"],
            "ipcx: signal wait: invalid value 'sigstop' for '<SIGNAL>...': SIGSTOP cannot be \
             blocked or caught, so it cannot be waited for\n\
             Try 'ipcx signal wait --help' for more information.\n",
        ),
        (
            &["wait", "USR1", "-n", "0"],
            "ipcx: signal wait: invalid value '0' for '--count <COUNT>': 0 is not in 1..18446744073709551615\n\
             Try 'ipcx signal wait --help' for more information.\n",
        ),
    ];
    for (args, stderr) in cases {
        let out = run(ipcx().arg("signal").args(args));
        out.fails(2, stderr);
        assert_eq!(out.stdout(), "");
    }
}

#[test]
fn timeout_is_status_3_and_says_how_many_came() {
    let out = run(ipcx().args(["signal", "wait", "USR1", "--timeout", "100ms"]));
    assert_eq!(out.code, Some(3));
    let (announce, error) = out.stderr.split_once('\n').unwrap();
    assert!(announce.parse::<u32>().is_ok(), "the pid first: {announce}");
    assert_eq!(
        error,
        "ipcx: signal wait: timed out after 100ms waiting for SIGUSR1 (received 0 of 1)\n"
    );
    assert_eq!(out.stdout(), "");

    let waiter = Waiter::start(&["USR1", "RTMIN", "-n", "2", "--timeout", "2s"]);
    let sender = ipcx_send(&["USR1", &waiter.pid.to_string()]);
    let pidfile = waiter.pidfile.clone();
    let out = waiter.finish();
    out.fails(
        3,
        "ipcx: signal wait: timed out after 2s waiting for SIGUSR1, SIGRTMIN (received 1 of 2)\n",
    );
    assert_eq!(
        out.stdout(),
        format!("SIGUSR1 10 SI_USER pid={sender} uid={}\n", uid())
    );
    assert!(!pidfile.exists(), "the pidfile goes when the waiter ends");
}

#[test]
fn the_pid_is_announced_on_stderr_without_a_pidfile() {
    let mut child = common::start(ipcx().args(["signal", "wait", "USR2"]));
    let mut line = String::new();
    BufReader::new(child.stderr.as_mut().unwrap())
        .read_line(&mut line)
        .unwrap();
    assert_eq!(line, format!("{}\n", child.id()));
    // Announced, so already blocked: USR2 would otherwise end it.
    kill(Pid::from_raw(child.id() as i32), Signal::SIGUSR2).unwrap();
    let out: Run = child.wait_with_output().unwrap().into();
    assert_eq!(out.code, Some(0));
    assert_eq!(out.stderr, "");
    assert!(out.stdout().starts_with("SIGUSR2 12 SI_USER pid="));
}

#[test]
fn a_sender_that_fires_the_moment_the_pidfile_appears_never_kills_the_waiter() {
    for _ in 0..20 {
        let dir = common::tempdir();
        let pidfile = dir.path().join("w.pid");
        let child = common::start(
            ipcx()
                .args(["signal", "wait", "USR1", "--pidfile"])
                .arg(&pidfile),
        );
        // Spin, no sleep: fire at the first instant the file can be read.
        let pid = loop {
            if let Ok(text) = std::fs::read_to_string(&pidfile) {
                break text;
            }
        };
        assert_eq!(pid, format!("{}\n", child.id()), "never a partial pidfile");
        kill(Pid::from_raw(child.id() as i32), Signal::SIGUSR1).unwrap();
        let out: Run = child.wait_with_output().unwrap().into();
        assert!(out.ok().starts_with("SIGUSR1 10 SI_USER pid="));
    }
}

#[test]
fn the_pidfile_appears_only_once_the_signals_are_blocked() {
    // strace holds the waiter for 300ms right after its rename puts the pidfile in place:
    // a waiter that announced itself before blocking would die of the USR1 sent then.
    let dir = common::tempdir();
    let pidfile = dir.path().join("w.pid");
    let child = common::start(
        Command::new("strace")
            .args([
                "-f",
                "-qq",
                "-o",
                "/dev/null",
                "-e",
                "trace=rename,renameat,renameat2",
            ])
            .args([
                "-e",
                "inject=rename,renameat,renameat2:delay_exit=300000",
                "--",
            ])
            .arg(ipcx_bin())
            .args(["signal", "wait", "USR1", "--pidfile"])
            .arg(&pidfile),
    );
    wait_until("the pidfile", 10, || pidfile.exists());
    let pid = read_pid(&pidfile);
    kill(Pid::from_raw(pid as i32), Signal::SIGUSR1).unwrap();
    let out: Run = child.wait_with_output().unwrap().into();
    assert!(
        out.ok()
            .starts_with(&format!("SIGUSR1 10 SI_USER pid={} ", std::process::id())),
        "{out:?}"
    );
}

#[test]
fn interruption_ends_with_128_plus_n_and_removes_the_pidfile() {
    for (signal, code) in [
        (Signal::SIGINT, 130),
        (Signal::SIGTERM, 143),
        (Signal::SIGHUP, 129),
    ] {
        let waiter = Waiter::start(&["USR1", "RTMIN"]);
        let pidfile = waiter.pidfile.clone();
        waiter.signal(signal);
        let out = waiter.finish();
        out.fails(code, "");
        assert_eq!(out.stdout(), "");
        assert!(!pidfile.exists(), "{signal}: the pidfile is removed");
    }
}

#[test]
fn a_reader_that_goes_away_ends_the_waiter_quietly() {
    let mut waiter = Waiter::start(&["USR1", "-n", "1000"]);
    drop(waiter.child.stdout.take());
    let pidfile = waiter.pidfile.clone();
    // A child another test is forking at this moment may hold a copy of the pipe's read
    // end until it execs, and then the first line still fits in the pipe: signals are sent
    // until a line meets the closed pipe.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while waiter.child.try_wait().unwrap().is_none() {
        assert!(
            std::time::Instant::now() < deadline,
            "the waiter did not end"
        );
        ipcx_send(&["USR1", &waiter.pid.to_string()]);
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let out: Run = waiter.child.wait_with_output().unwrap().into();
    out.fails(141, "");
    assert!(!pidfile.exists(), "the pidfile is removed");
}

#[test]
fn an_interrupt_that_is_waited_for_is_just_a_signal() {
    let waiter = Waiter::start(&["INT", "TERM", "-n", "2"]);
    waiter.signal(Signal::SIGTERM);
    waiter.signal(Signal::SIGINT);
    let out = waiter.finish().ok();
    let me = std::process::id();
    let uid = uid();
    // Both pending at once come lowest number first; if the waiter read the first before
    // the second was sent, in sending order.
    let lines: Vec<&str> = out.lines().collect();
    let int = format!("SIGINT 2 SI_USER pid={me} uid={uid}");
    let term = format!("SIGTERM 15 SI_USER pid={me} uid={uid}");
    assert_eq!(lines.len(), 2, "{out}");
    assert!(
        lines.contains(&int.as_str()) && lines.contains(&term.as_str()),
        "{out}"
    );
}

#[test]
fn an_inherited_ignored_hangup_stays_ignored() {
    // As under nohup: SIGHUP ignored before exec does not end the waiter.
    let mut shell = Command::new("sh");
    shell
        .args(["-c", "trap '' HUP; exec \"$0\" \"$@\""])
        .arg(ipcx_bin());
    let waiter = Waiter::start_with(shell, &["USR1"]);
    waiter.signal(Signal::SIGHUP);
    let sender = ipcx_send(&["USR1", &waiter.pid.to_string()]);
    assert_eq!(
        waiter.finish().ok(),
        format!("SIGUSR1 10 SI_USER pid={sender} uid={}\n", uid())
    );
}

#[test]
fn a_pidfile_that_cannot_be_written_is_named() {
    let out = run(ipcx().args(["signal", "wait", "USR1", "--pidfile", "/no/such/dir/w.pid"]));
    out.fails(
        1,
        "ipcx: signal wait: pidfile /no/such/dir/w.pid: no such file or directory\n",
    );
}

/// Waits up to 10 seconds for `child` to end; kills it and fails the test if it does not.
fn finish_within_10s(mut child: Child, what: &str) -> Run {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while child.try_wait().expect("try_wait").is_none() {
        if std::time::Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("{what}: the waiter did not end");
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    child.wait_with_output().expect("wait").into()
}

#[test]
fn a_symlink_planted_at_the_pidfile_or_a_temporary_name_is_never_followed() {
    // As root in a directory others can write: links planted at the pidfile's name and at
    // every temporary name the waiter could predict (`.w.pid.<pid>.tmp` for its own pid,
    // which the shell hands on through exec, and those around it) must not make it write
    // through them.
    let dir = common::tempdir();
    let victim = dir.path().join("victim");
    std::fs::write(&victim, "precious\n").unwrap();
    let pidfile = dir.path().join("w.pid");
    std::os::unix::fs::symlink(&victim, &pidfile).unwrap();
    let child = common::start(
        Command::new("sh")
            .args([
                "-c",
                "for i in $(seq $(($$ - 50)) $(($$ + 50))); do \
                   ln -s \"$DIR/victim\" \"$DIR/.w.pid.$i.tmp\" || exit 99; \
                 done; \
                 exec \"$IPCX\" signal wait USR1 --timeout 20s --pidfile \"$DIR/w.pid\"",
            ])
            .env("DIR", dir.path())
            .env("IPCX", ipcx_bin()),
    );
    wait_until("the pidfile", 10, || {
        std::fs::symlink_metadata(&pidfile).is_ok_and(|m| m.file_type().is_file())
    });
    assert_eq!(read_pid(&pidfile), child.id(), "the pidfile holds the pid");
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious\n");
    kill(Pid::from_raw(child.id() as i32), Signal::SIGUSR1).unwrap();
    let out = finish_within_10s(child, "USR1");
    assert!(out.ok().starts_with("SIGUSR1 10 SI_USER pid="));
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious\n");
    // The pidfile is gone, the planted links (not the waiter's) are left, and no
    // temporary file stays behind.
    let mut names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    assert_eq!(names.len(), 102, "{names:?}");
    assert!(names.contains(&"victim".to_string()), "{names:?}");
    assert!(
        names
            .iter()
            .filter(|n| *n != "victim")
            .all(|n| n.starts_with(".w.pid.")
                && n.ends_with(".tmp")
                && std::fs::symlink_metadata(dir.path().join(n))
                    .unwrap()
                    .file_type()
                    .is_symlink()),
        "{names:?}"
    );
}

#[test]
fn only_the_pidfile_the_waiter_wrote_is_removed_and_nothing_swapped_in_is_read() {
    // Swapped in at the name after the waiter wrote it: a file of another holding the
    // same text (not the waiter's to remove), and a link to a FIFO (reading it to compare
    // would block the waiter's exit for ever).
    for swapped in ["same text", "fifo link"] {
        let waiter = Waiter::start(&["USR1"]);
        let dir = waiter.pidfile.parent().unwrap().to_path_buf();
        let other = dir.join("other");
        match swapped {
            "same text" => std::fs::write(&other, format!("{}\n", waiter.pid)).unwrap(),
            _ => {
                nix::unistd::mkfifo(
                    &dir.join("fifo"),
                    nix::sys::stat::Mode::from_bits_truncate(0o600),
                )
                .unwrap();
                std::os::unix::fs::symlink(dir.join("fifo"), &other).unwrap();
            }
        }
        std::fs::rename(&other, &waiter.pidfile).unwrap();
        waiter.signal(Signal::SIGTERM);
        let pidfile = waiter.pidfile.clone();
        let Waiter { child, _dir, .. } = waiter;
        let out = finish_within_10s(child, swapped);
        out.fails(143, "");
        assert!(
            std::fs::symlink_metadata(&pidfile).is_ok(),
            "{swapped}: what was swapped in is left in place"
        );
    }
}

#[test]
fn list_shows_every_signal_with_its_default_action() {
    let out = run(ipcx().args(["signal", "list"])).ok();
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 1 + 31 + 31);
    assert_eq!(
        lines[..4].join("\n"),
        "NUMBER NAME        ACTION DESCRIPTION\n     \
         1 SIGHUP      Term   Hangup\n     \
         2 SIGINT      Term   Interrupt\n     \
         3 SIGQUIT     Core   Quit"
    );
    for line in [
        "    17 SIGCHLD     Ign    Child exited",
        "    18 SIGCONT     Cont   Continued",
        "    19 SIGSTOP     Stop   Stopped (signal)",
        "    34 SIGRTMIN    Term   Real-time signal 0",
        "    49 SIGRTMIN+15 Term   Real-time signal 15",
        "    50 SIGRTMAX-14 Term   Real-time signal 16",
        "    64 SIGRTMAX    Term   Real-time signal 30",
    ] {
        assert!(lines.contains(&line), "missing {line:?} in\n{out}");
    }
    // The standard signals as `kill -L` numbers and names them (procps prints POLL for IO
    // and leaves the real-time ones out when stdout is not a terminal).
    let kill = run(Command::new("/usr/bin/kill").arg("-L")).ok();
    let words: Vec<&str> = kill.split_whitespace().collect();
    assert_eq!(words.len(), 62, "{kill}");
    for pair in words.chunks(2) {
        let name = match pair[1] {
            "POLL" => "IO",
            name => name,
        };
        let row = format!("{:>6} SIG{name} ", pair[0]);
        assert!(
            lines.iter().any(|l| l.starts_with(&row)),
            "kill -L has {pair:?}"
        );
    }

    let json = run(ipcx().args(["signal", "list", "--json"])).ok();
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    let signals = value["signals"].as_array().unwrap();
    assert_eq!(signals.len(), 62);
    assert_eq!(
        signals[10],
        serde_json::json!({"number": 11, "name": "SIGSEGV", "action": "Core", "description": "Segmentation fault"})
    );
}
