//! Two-way plumbing (issue 18): `sock pair -c A -c B`, `pipe --both-ways` (two commands in a
//! ring, or one filter as ipcx's coprocess), `fifo talk`, and descriptors passed over unix
//! sockets. Each topology moves data both ways byte-exact, and an interrupt ends it with
//! its children, leaving nothing behind.

use crate::common;

use std::path::Path;
use std::process::{Child, Command};

use common::{finish, host_ipcx as ipcx, host_sh as sh, run, start, tempdir};

/// 100 MB (10^8 bytes) of numbered lines: any loss, duplication or reordering changes the
/// hash.
const SEND_100MB: &str = "seq 20000000 | head -c 100000000";

/// The sha256 of SEND_100MB, as sha256sum prints it.
fn expected_sum() -> String {
    let out = run(&mut sh(&format!("{SEND_100MB} | sha256sum"))).ok();
    out.split_whitespace().next().unwrap().to_string()
}

/// A command's side of a both-ways 100 MB exchange on its stdin and stdout: sends
/// SEND_100MB while it reads exactly as much and writes its sha256 to `sum`. Reading an
/// exact count needs no end of file (a socket's stays away while either end is open).
fn exchange(sum: &Path) -> String {
    format!(
        "{SEND_100MB} & head -c 100000000 | sha256sum > '{}'; wait",
        sum.display()
    )
}

fn sum_in(path: &Path) -> String {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    text.split_whitespace()
        .next()
        .unwrap_or_default()
        .to_string()
}

/// Waits until `file` holds a pid (a command writes `echo $$ > file`), and returns it.
fn pid_in(file: &Path) -> u32 {
    let mut pid = 0;
    common::wait_until("the command to say its pid", 10, || {
        pid = std::fs::read_to_string(file)
            .ok()
            .and_then(|t| t.trim().parse().ok())
            .unwrap_or(0);
        pid != 0
    });
    pid
}

fn gone(pid: u32) -> bool {
    !Path::new(&format!("/proc/{pid}")).exists()
}

/// Interrupts `child` (ipcx) with each of SIGINT and SIGTERM in turn once the commands
/// whose pids land in `pids` have started and ipcx blocks; it ends 128+N, and none of the
/// commands is left.
fn interrupted_ends_children(build: impl Fn(&[&Path]) -> Command, pids: usize) {
    for (sig, code) in [("INT", 130), ("TERM", 143)] {
        let dir = tempdir();
        let files: Vec<_> = (0..pids)
            .map(|i| dir.path().join(format!("pid{i}")))
            .collect();
        let refs: Vec<&Path> = files.iter().map(|p| p.as_path()).collect();
        let child: Child = start(&mut build(&refs));
        let started: Vec<u32> = files.iter().map(|f| pid_in(f)).collect();
        common::wait_blocked_with_handlers(child.id());
        common::signal(&child, sig);
        finish(child).fails(code, "");
        for pid in started {
            assert!(gone(pid), "command {pid} outlived ipcx after SIG{sig}");
        }
    }
}

/// `exec sleep` under a shell that first writes its pid to `file`.
fn sleeper(file: &Path) -> String {
    format!("echo $$ > '{}'; exec sleep 100", file.display())
}

#[test]
fn sock_pair_moves_100mb_each_way_byte_exact() {
    let dir = tempdir();
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    run(ipcx().args(["sock", "pair", "-c", &exchange(&a), "-c", &exchange(&b)])).ok();
    let expected = expected_sum();
    assert_eq!(sum_in(&a), expected, "what A received");
    assert_eq!(sum_in(&b), expected, "what B received");
}

#[test]
fn sock_pair_commands_talk_on_one_descriptor_each() {
    let out = run(ipcx().args([
        "sock",
        "pair",
        "-c",
        "echo ping; read reply; echo \"A got $reply\" >&2",
        "-c",
        "read x; echo \"B got $x\" >&2; echo pong",
    ]));
    assert_eq!(out.stdout, b"");
    assert_eq!(out.stderr, "B got ping\nA got pong\n");
    assert_eq!(out.code, Some(0));
}

#[test]
fn sock_pair_seqpacket_and_dgram_keep_each_write_whole() {
    for kind in ["--seqpacket", "--dgram"] {
        let dir = tempdir();
        let got = dir.path().join("got");
        // Reads of 2 bytes take one message each, the rest of it dropped.
        run(ipcx().args([
            "sock",
            "pair",
            kind,
            "-c",
            "printf abc; printf defg",
            "-c",
            &format!("dd bs=2 count=2 2>/dev/null > '{}'", got.display()),
        ]))
        .ok();
        assert_eq!(std::fs::read(&got).unwrap(), b"abde", "{kind}");
    }
}

#[test]
fn sock_pair_status_is_a_pipelines() {
    run(ipcx().args(["sock", "pair", "-c", "exit 3", "-c", "true"])).fails(3, "");
    run(ipcx().args(["sock", "pair", "-c", "exit 3", "-c", "exit 4"])).fails(4, "");
    run(ipcx().args(["sock", "pair", "-c", "true", "-c", "kill -TERM $$"])).fails(143, "");
}

#[test]
fn sock_pair_needs_two_commands() {
    run(ipcx().args(["sock", "pair", "-c", "cat"])).fails(
        2,
        "ipcx: sock pair: a socketpair joins two commands: give -c twice (got 1)\n",
    );
    run(ipcx().args(["sock", "pair", "-c", "cat", "-c", "cat", "-c", "cat"])).fails(
        2,
        "ipcx: sock pair: a socketpair joins two commands: give -c twice (got 3)\n",
    );
    run(ipcx().args(["sock", "pair", "--dgram"])).fails(
        2,
        "ipcx: sock pair: --dgram and --seqpacket choose the pair between two commands (-c A -c B)\n",
    );
}

#[test]
fn sock_pair_alone_is_still_the_demo() {
    assert_eq!(
        run(ipcx().args(["sock", "pair"])).ok(),
        "child received: hello from the parent\nparent received: hello from the child\n"
    );
}

#[test]
fn sock_pair_interrupted_ends_both_commands() {
    interrupted_ends_children(
        |pids| {
            let mut command = ipcx();
            command.args([
                "sock",
                "pair",
                "-c",
                &sleeper(pids[0]),
                "-c",
                &sleeper(pids[1]),
            ]);
            command
        },
        2,
    );
}

#[test]
fn pipe_both_ways_moves_100mb_each_way_byte_exact() {
    let dir = tempdir();
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    run(ipcx().args([
        "pipe",
        "--both-ways",
        "-c",
        &exchange(&a),
        "-c",
        &exchange(&b),
    ]))
    .ok();
    let expected = expected_sum();
    assert_eq!(sum_in(&a), expected, "what A received");
    assert_eq!(sum_in(&b), expected, "what B received");
}

#[test]
fn pipe_both_ways_closes_a_ring_and_keeps_pipefail_status() {
    // A adds one and C adds one: each number goes round the ring (2, 4, 6, 8, 10).
    let out = run(ipcx().args([
        "pipe",
        "--both-ways",
        "--size",
        "64K",
        "-c",
        "echo 1; while read n && [ $n -lt 9 ]; do echo $((n+1)); done; echo \"A ends at $n\" >&2",
        "-c",
        "cat",
        "-c",
        "while read n; do echo $((n+1)); done",
    ]));
    assert_eq!(out.stderr, "A ends at 10\n");
    assert_eq!(out.code, Some(0));
    run(ipcx().args(["pipe", "--both-ways", "-c", "exit 3", "-c", "cat"])).fails(3, "");
    run(ipcx().args(["pipe", "--both-ways", "-c", "cat", "-c", "exit 5"])).fails(5, "");
}

#[test]
fn coprocess_moves_100mb_through_a_filter_byte_exact() {
    let out = run(&mut sh(&format!(
        "{SEND_100MB} | \"$IPCX\" pipe -c cat --both-ways | sha256sum"
    )));
    assert_eq!(out.ok().split_whitespace().next().unwrap(), expected_sum());
}

/// A filter that reads everything before it writes (sort), with far more than the pipes
/// hold going both ways: a parent that wrote all before reading would wait for ever. The
/// end of stdin reaches the filter, so its output comes.
#[test]
fn coprocess_with_a_buffering_filter_does_not_deadlock() {
    let out = run(&mut sh(
        "seq 3000000 | \"$IPCX\" pipe -c 'sort -n | cat' --both-ways | tail -1",
    ));
    assert_eq!(out.ok(), "3000000\n");
    let out = run(&mut sh(
        "seq 3000000 | \"$IPCX\" pipe -c cat --both-ways | wc -l",
    ));
    assert_eq!(out.ok(), "3000000\n");
}

/// Each line the filter answers comes out while ipcx's stdin is still open: a reply is
/// read before the next line is written.
#[test]
fn coprocess_answers_line_by_line() {
    use std::io::{BufRead, BufReader, Write};
    use std::process::Stdio;
    let mut child = ipcx()
        .args([
            "pipe",
            "--both-ways",
            "-c",
            "while read l; do echo \"<$l>\"; done",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    let output = child.stdout.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(output).lines() {
            if tx.send(line.unwrap()).is_err() {
                break;
            }
        }
    });
    for word in ["one", "two", "three"] {
        writeln!(input, "{word}").unwrap();
        let reply = rx
            .recv_timeout(std::time::Duration::from_secs(10))
            .expect("a reply while stdin is open");
        assert_eq!(reply, format!("<{word}>"));
    }
    drop(input);
    assert!(child.wait().unwrap().success());
}

#[test]
fn coprocess_status_is_the_filters() {
    run(ipcx().args(["pipe", "--both-ways", "-c", "cat; exit 4"])).fails(4, "");
    run(ipcx().args(["pipe", "--both-ways", "-c", "kill -TERM $$"])).fails(143, "");
}

#[test]
fn both_ways_needs_commands() {
    run(ipcx().args(["pipe", "--both-ways"])).fails(
        2,
        "ipcx: pipe: --both-ways connects commands: give -c A -c B, or -c FILTER\n",
    );
}

#[test]
fn pipe_both_ways_interrupted_ends_every_command() {
    interrupted_ends_children(
        |pids| {
            let mut command = ipcx();
            command.args([
                "pipe",
                "--both-ways",
                "-c",
                &sleeper(pids[0]),
                "-c",
                &sleeper(pids[1]),
            ]);
            command
        },
        2,
    );
    interrupted_ends_children(
        |pids| {
            let mut command = ipcx();
            command.args(["pipe", "--both-ways", "-c", &sleeper(pids[0])]);
            command
        },
        1,
    );
}

/// `fifo talk` on both sides, started at once, each making the FIFOs (--create races
/// too), 100 MB each way.
#[test]
fn fifo_talk_both_ends_at_once_moves_100mb_each_way() {
    let dir = tempdir();
    let d = dir.path().display();
    run(&mut sh(&format!(
        "cd '{d}'
         ({SEND_100MB} | \"$IPCX\" fifo talk a2b b2a --create | sha256sum > at_b) &
         ({SEND_100MB} | \"$IPCX\" fifo talk b2a a2b --create | sha256sum > at_a) &
         wait"
    )))
    .ok();
    let expected = expected_sum();
    assert_eq!(sum_in(&dir.path().join("at_a")), expected);
    assert_eq!(sum_in(&dir.path().join("at_b")), expected);
}

/// Started together again and again, in either order of scheduling, the two sides never
/// wait for each other: every round ends with both lines across. (A side that has sent
/// all and closed its OUT before the other opened it as IN once left the other waiting in
/// a blocking open for a writer that had come and gone.)
#[test]
fn fifo_talk_started_together_never_deadlocks() {
    let dir = tempdir();
    let d = dir.path().display();
    let out = run(&mut sh(&format!(
        "cd '{d}' && \"$IPCX\" fifo mk x y || exit 9
         for i in $(seq 100); do
           echo from-x | \"$IPCX\" fifo talk y x > got_x &
           echo from-y | \"$IPCX\" fifo talk x y > got_y &
           wait
           printf '%s %s\\n' \"$(cat got_x)\" \"$(cat got_y)\"
         done | sort | uniq -c"
    )))
    .ok();
    assert_eq!(out.trim(), "100 from-y from-x");
}

/// The end of one side's stdin is a half-close: the other side's data still arrives in
/// full after it.
#[test]
fn fifo_talk_one_side_ending_first_loses_nothing_of_the_other() {
    let dir = tempdir();
    let d = dir.path().display();
    let out = run(&mut sh(&format!(
        "cd '{d}' && \"$IPCX\" fifo mk x y || exit 9
         \"$IPCX\" fifo talk x y < /dev/null > /dev/null &
         seq 2000000 | \"$IPCX\" fifo talk y x | wc -l > /dev/null &
         wait
         seq 1000000 | \"$IPCX\" fifo talk y x > /dev/null &
         \"$IPCX\" fifo talk x y < /dev/null | wc -l
         wait"
    )))
    .ok();
    assert_eq!(out.trim(), "1000000");
}

/// Starts `fifo talk x y` and `fifo talk y x`, both with stdin held open, and returns
/// them once a line has gone across (both are connected), with our stdout's reader.
fn connected_talkers(
    x: &Path,
    y: &Path,
) -> (
    Child,
    Child,
    std::process::ChildStdin,
    std::process::ChildStdin,
    std::io::BufReader<std::process::ChildStdout>,
) {
    use std::io::{BufRead, Write};
    use std::process::Stdio;
    let talker = |input: &Path, output: &Path| {
        ipcx()
            .args(["fifo", "talk"])
            .arg(input)
            .arg(output)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap()
    };
    let mut ours = talker(x, y);
    let mut theirs = talker(y, x);
    let our_input = ours.stdin.take().unwrap();
    let mut their_input = theirs.stdin.take().unwrap();
    let mut reader = std::io::BufReader::new(ours.stdout.take().unwrap());
    their_input.write_all(b"hello\n").unwrap();
    let mut line = String::new();
    reader.read_line(&mut line).unwrap();
    assert_eq!(line, "hello\n");
    (ours, theirs, our_input, their_input, reader)
}

/// The other side exiting ends the talk (status 0) even though stdin is still open.
#[test]
fn fifo_talk_ends_when_the_other_side_exits() {
    use std::io::Read;
    let dir = tempdir();
    let (x, y) = (dir.path().join("x"), dir.path().join("y"));
    run(ipcx().args(["fifo", "mk"]).arg(&x).arg(&y)).ok();
    let (mut ours, mut theirs, _our_input, _their_input, mut reader) = connected_talkers(&x, &y);
    theirs.kill().unwrap();
    theirs.wait().unwrap();
    let mut rest = String::new();
    reader.read_to_string(&mut rest).unwrap();
    assert_eq!(rest, "");
    assert_eq!(ours.wait().unwrap().code(), Some(0));
}

#[test]
fn fifo_talk_refuses_what_is_not_a_fifo() {
    let dir = tempdir();
    let d = dir.path();
    let (missing, file, link) = (d.join("missing"), d.join("file"), d.join("link"));
    std::fs::write(&file, "x").unwrap();
    std::os::unix::fs::symlink(d.join("nowhere"), &link).unwrap();
    let run_talk = |input: &Path, output: &Path, create: bool| {
        let mut command = ipcx();
        command.args(["fifo", "talk"]).arg(input).arg(output);
        if create {
            command.arg("--create");
        }
        run(&mut command)
    };
    run_talk(&missing, &file, false).fails(
        1,
        &format!(
            "ipcx: fifo talk: {}: no such FIFO (use --create to make it)\n",
            missing.display()
        ),
    );
    run_talk(&file, &missing, true).fails(
        1,
        &format!(
            "ipcx: fifo talk: {}: not a FIFO (a regular file)\n",
            file.display()
        ),
    );
    run_talk(&missing, &link, true).fails(
        1,
        &format!(
            "ipcx: fifo talk: {}: a symbolic link to nothing is in the way; not followed\n",
            link.display()
        ),
    );
    assert!(
        !d.join("nowhere").exists(),
        "a FIFO was made through the link"
    );
    assert!(
        !missing.exists(),
        "the FIFO made before the refusal was left behind"
    );
    run(ipcx().args(["fifo", "talk", "only-one"])).fails(
        2,
        "ipcx: fifo talk: the following required arguments were not provided: <OUT>\nTry 'ipcx fifo talk --help' for more information.\n",
    );
}

/// Interrupted while it waits for the other side, `fifo talk --create` removes the FIFOs
/// it made; interrupted mid-talk, it ends 128+N too.
#[test]
fn fifo_talk_interrupted_leaves_nothing_behind() {
    for (sig, code) in [("INT", 130), ("TERM", 143)] {
        let dir = tempdir();
        let (x, y) = (dir.path().join("x"), dir.path().join("y"));
        let child = start(ipcx().args(["fifo", "talk", "--create"]).arg(&x).arg(&y));
        common::wait_until("the FIFOs", 10, || x.exists() && y.exists());
        common::wait_blocked_with_handlers(child.id());
        common::signal(&child, sig);
        finish(child).fails(code, "");
        assert!(
            !x.exists() && !y.exists(),
            "a FIFO made for the talk was left"
        );

        run(ipcx().args(["fifo", "mk"]).arg(&x).arg(&y)).ok();
        let (mut ours, theirs, _our_input, _their_input, _reader) = connected_talkers(&x, &y);
        common::wait_blocked_with_handlers(theirs.id());
        common::signal(&theirs, sig);
        finish(theirs).fails(code, "");
        // Their end gone, ours ends too, with status 0.
        assert_eq!(ours.wait().unwrap().code(), Some(0));
    }
}

/// Starts `ipcx sock serve ARGS` and returns once it waits for a client.
fn serve(args: &[&str]) -> Child {
    let child = start(ipcx().args(["sock", "serve"]).args(args));
    let id = child.id();
    // In accept4, or in poll when --recv-fds waits for clients and their first data at once.
    let waits = [libc::SYS_accept4, libc::SYS_poll, libc::SYS_ppoll].map(|nr| nr.to_string());
    common::wait_until("the server to wait for clients", 10, || {
        let syscall = std::fs::read_to_string(format!("/proc/{id}/syscall")).unwrap_or_default();
        syscall
            .split_whitespace()
            .next()
            .is_some_and(|nr| waits.iter().any(|w| w == nr))
    });
    child
}

/// Two files for descriptors to carry, with what they hold.
fn two_files(dir: &Path) -> (String, String) {
    let (one, two) = (dir.join("one"), dir.join("two"));
    std::fs::write(&one, "first file\n").unwrap();
    std::fs::write(&two, "second file\n").unwrap();
    (one.display().to_string(), two.display().to_string())
}

#[test]
fn send_fd_reaches_a_python_server() {
    let dir = tempdir();
    let (one, two) = two_files(dir.path());
    let addr = dir.path().join("s.sock").display().to_string();
    let server = start(Command::new("python3").args([
        "-c",
        "import os, socket, sys
s = socket.socket(socket.AF_UNIX)
s.bind(sys.argv[1]); s.listen()
c, _ = s.accept()
data, fds, _, _ = socket.recv_fds(c, 1024, 10)
sys.stdout.write(repr(data) + ' ' + ' '.join(repr(os.read(fd, 100)) for fd in fds) + '\\n')",
        &addr,
    ]));
    common::wait_until("the python server", 10, || Path::new(&addr).exists());
    let out = common::run_with_input(
        sh(&format!(
            "exec \"$IPCX\" sock connect '{addr}' --send-fd 3 4 3<'{one}' 4<'{two}'"
        ))
        .stderr(std::process::Stdio::piped()),
        b"hello\n",
    );
    assert_eq!(out.ok(), "");
    assert_eq!(
        finish(server).ok(),
        "b'hello\\n' b'first file\\n' b'second file\\n'\n"
    );
}

#[test]
fn recv_fds_gives_a_python_clients_descriptors_to_the_command() {
    let dir = tempdir();
    let (one, two) = two_files(dir.path());
    let addr = dir.path().join("s.sock").display().to_string();
    let server = serve(&[
        &addr,
        "--once",
        "--recv-fds",
        "--",
        "sh",
        "-c",
        "echo \"fds: $IPCX_FDS\"; cat <&3; cat <&4; cat",
    ]);
    let reply = run(Command::new("python3").args([
        "-c",
        "import socket, sys
s = socket.socket(socket.AF_UNIX); s.connect(sys.argv[1])
with open(sys.argv[2]) as one, open(sys.argv[3]) as two:
    socket.send_fds(s, [b'the data\\n'], [one.fileno(), two.fileno()])
s.shutdown(socket.SHUT_WR)
sys.stdout.buffer.write(b''.join(iter(lambda: s.recv(4096), b'')))",
        &addr,
        &one,
        &two,
    ]));
    assert_eq!(reply.ok(), "fds: 3 4\nfirst file\nsecond file\nthe data\n");
    finish(server).ok();
    assert!(!Path::new(&addr).exists(), "the socket file was left");
}

/// A client that connects and says nothing holds up nobody: the next client's
/// descriptors are received and its command run while the first still waits.
#[test]
fn a_silent_client_does_not_hold_up_the_next_one() {
    let dir = tempdir();
    let (one, _) = two_files(dir.path());
    let addr = dir.path().join("s.sock").display().to_string();
    let server = serve(&[
        &addr,
        "--recv-fds",
        "--",
        "sh",
        "-c",
        "cat; [ -z \"$IPCX_FDS\" ] || cat <&3",
    ]);
    let reply = run(Command::new("timeout").args([
        "10",
        "python3",
        "-c",
        "import socket, sys
silent = socket.socket(socket.AF_UNIX); silent.connect(sys.argv[1])
s = socket.socket(socket.AF_UNIX); s.connect(sys.argv[1])
with open(sys.argv[2]) as one:
    socket.send_fds(s, [b'second client\\n'], [one.fileno()])
s.shutdown(socket.SHUT_WR)
reply = b''.join(iter(lambda: s.recv(4096), b''))
silent.sendall(b'first client\\n'); silent.shutdown(socket.SHUT_WR)
sys.stdout.buffer.write(reply + b''.join(iter(lambda: silent.recv(4096), b'')))",
        &addr,
        &one,
    ]));
    assert_eq!(reply.ok(), "second client\nfirst file\nfirst client\n");
    crate::common::signal(&server, "TERM");
    finish(server).fails(143, "");
    assert!(!Path::new(&addr).exists(), "the socket file was left");
}

#[test]
fn descriptors_go_from_ipcx_to_ipcx_and_none_is_an_empty_list() {
    let dir = tempdir();
    let (one, _) = two_files(dir.path());
    let addr = dir.path().join("s.sock").display().to_string();
    let cmd = "echo \"[$IPCX_FDS]\"; cat; [ -z \"$IPCX_FDS\" ] || cat <&3";
    for send in [format!("--send-fd 7 7<'{one}'"), String::new()] {
        let server = serve(&[&addr, "--once", "--recv-fds", "--", "sh", "-c", cmd]);
        let out = run(&mut sh(&format!(
            "echo data | \"$IPCX\" sock connect '{addr}' {send}"
        )));
        let expected = if send.is_empty() {
            "[]\ndata\n"
        } else {
            "[3]\ndata\nfirst file\n"
        };
        assert_eq!(out.ok(), expected);
        finish(server).ok();
    }
}

/// A command that cannot start is reported with the shell's status, whatever number of
/// descriptors came: the spawn's report of the failed exec never lands in one of them
/// (it once did from the third on, writing 8 bytes into the client's file).
#[test]
fn a_command_that_cannot_start_writes_nothing_into_passed_descriptors() {
    let dir = tempdir();
    let file = dir.path().join("f");
    std::fs::write(&file, "").unwrap();
    let f = file.display();
    let addr = dir.path().join("s.sock").display().to_string();
    let server = serve(&[&addr, "--once", "--recv-fds", "--", "/nonexistent/cmd"]);
    run(&mut sh(&format!(
        "echo data | \"$IPCX\" sock connect '{addr}' --send-fd 3 4 5 6 7 >/dev/null \
         3>>'{f}' 4>>'{f}' 5>>'{f}' 6>>'{f}' 7>>'{f}'"
    )))
    .fails(
        1,
        &format!("ipcx: sock connect: {addr}: reading the connection: connection reset by peer\n"),
    );
    finish(server).fails(
        127,
        "ipcx: sock serve: /nonexistent/cmd: no such file or directory\n",
    );
    assert_eq!(std::fs::read(&file).unwrap(), b"");
}

/// On a seqpacket connection the descriptors go with the first message.
#[test]
fn descriptors_go_with_the_first_seqpacket_message() {
    let dir = tempdir();
    let (one, _) = two_files(dir.path());
    let addr = dir.path().join("s.sock").display().to_string();
    let server = serve(&[
        &addr,
        "--seqpacket",
        "--once",
        "--recv-fds",
        "--",
        "sh",
        "-c",
        "cat <&3 >&2; dd bs=100 count=2 >&2 2>/dev/null",
    ]);
    let out = run(&mut sh(&format!(
        "printf 'a\\nb\\n' | \"$IPCX\" sock connect '{addr}' --seqpacket --send-fd 5 5<'{one}'"
    )));
    assert_eq!(out.ok(), "");
    let served = finish(server);
    assert_eq!(served.stderr, "first file\nab");
}

#[test]
fn send_fd_refuses_what_it_cannot_send() {
    let dir = tempdir();
    let addr = dir.path().join("s.sock").display().to_string();
    run(ipcx().args(["sock", "connect", &addr, "--send-fd", "9"])).fails(
        2,
        "ipcx: sock connect: --send-fd 9: descriptor 9 is not open\n",
    );
    run(ipcx().args(["sock", "connect", &addr, "--send-fd", "x"])).fails(
        2,
        "ipcx: sock connect: invalid value 'x' for '--send-fd <N>...': 'x' is not a file descriptor number\nTry 'ipcx sock connect --help' for more information.\n",
    );
    // More than one message carries is refused before each is looked at.
    let many = vec!["9"; 254];
    run(ipcx().args(["sock", "connect", &addr, "--send-fd"]).args(&many)).fails(
        2,
        "ipcx: sock connect: --send-fd: 254 descriptors, more than one message carries (253, SCM_MAX_FD)\n",
    );
    // A stream carries descriptors only with data.
    let server = serve(&[&addr, "--once", "--recv-fds", "--", "cat"]);
    run(ipcx().args(["sock", "connect", &addr, "--send-fd", "0"])).fails(
        1,
        &format!(
            "ipcx: sock connect: {addr}: stdin was empty: the descriptors of --send-fd travel only with data\n"
        ),
    );
    finish(server).ok();
    run(ipcx().args(["sock", "serve", &addr, "--recv-fds"])).fails(
        2,
        "ipcx: sock serve: the following required arguments were not provided: <CMD>...\nTry 'ipcx sock serve --help' for more information.\n",
    );
}

#[test]
fn connect_creds_names_the_server() {
    let dir = tempdir();
    let addr = dir.path().join("s.sock").display().to_string();
    let server = serve(&[&addr, "--once", "--echo"]);
    let out = common::run_with_input(ipcx().args(["sock", "connect", &addr, "--creds"]), b"x\n");
    let uid = std::fs::metadata("/proc/self")
        .map(|m| std::os::unix::fs::MetadataExt::uid(&m))
        .unwrap();
    let gid = std::fs::metadata("/proc/self")
        .map(|m| std::os::unix::fs::MetadataExt::gid(&m))
        .unwrap();
    assert_eq!(
        out.stderr,
        format!(
            "ipcx: sock connect: {addr}: server pid {} uid {uid} gid {gid}\n",
            server.id()
        )
    );
    assert_eq!(out.stdout, b"x\n");
    finish(server).ok();
}

/// A server waiting for a client's first data (and its descriptors) is interrupted: it
/// ends 128+N and removes its socket file; the client is not left hanging.
#[test]
fn recv_fds_interrupted_leaves_nothing_behind() {
    for (sig, code) in [("INT", 130), ("TERM", 143)] {
        let dir = tempdir();
        let addr = dir.path().join("s.sock").display().to_string();
        let server = serve(&[&addr, "--recv-fds", "--", "cat"]);
        // Its stdin stays open: it sends nothing.
        let client = ipcx()
            .args(["sock", "connect", &addr])
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        // Accepted: the server holds the listener and the connection, and waits for data.
        let id = server.id();
        common::wait_until("the server to wait for data", 10, || {
            let sockets = std::fs::read_dir(format!("/proc/{id}/fd"))
                .map(|dir| {
                    dir.flatten()
                        .filter(|fd| {
                            std::fs::read_link(fd.path())
                                .is_ok_and(|l| l.to_string_lossy().starts_with("socket:"))
                        })
                        .count()
                })
                .unwrap_or(0);
            sockets >= 2
        });
        common::signal(&server, sig);
        finish(server).fails(code, "");
        assert!(!Path::new(&addr).exists(), "the socket file was left");
        assert_eq!(finish(client).ok(), "");
    }
}
