//! `ipcx sock`: the echo server and client, commands per connection with the peer's
//! credentials, relay, half-close, stale/live/non-socket paths, cleanup on each signal,
//! abstract names, datagram and seqpacket boundaries, socketpair, and interop with Python's
//! socket module and socat both ways. Paths live in temporary directories.

use crate::common;

use std::io::{BufRead, BufReader, Read, Seek, Write};
use std::os::unix::fs::{FileTypeExt, PermissionsExt};
use std::path::Path;
use std::process::{Child, Command, Stdio};

use common::{
    binary, host_ipcx as ipcx, host_sh as sh, kill, wait_blocked_with_handlers as wait_blocked,
    SIGNALS,
};
use common::{path_str, run, run_with_input, tempdir, wait_until};

/// Starts `ipcx sock serve ARGS...` and returns once it is listening (blocked in accept or
/// recv with its handlers in place).
fn serve(args: &[&str]) -> Child {
    let child = common::start(ipcx().args(["sock", "serve"]).args(args));
    wait_blocked(child.id());
    // Asleep is not enough: a server that replaces a stale socket file sleeps between its
    // probes. It is ready when it waits for a client or a datagram.
    let id = child.id();
    let waiting =
        [libc::SYS_accept4, libc::SYS_recvfrom, libc::SYS_recvmsg].map(|nr| nr.to_string());
    wait_until("the server to wait for clients", 10, || {
        let syscall = std::fs::read_to_string(format!("/proc/{id}/syscall")).unwrap_or_default();
        syscall
            .split_whitespace()
            .next()
            .is_some_and(|nr| waiting.iter().any(|w| w == nr))
    });
    child
}

fn stop(mut server: Child) -> std::process::Output {
    kill("TERM", server.id());
    let _ = server.stdin.take();
    server.wait_with_output().unwrap()
}

/// Starts a Python server from `script` (stdin and stdout piped) and returns once it has
/// printed `first` as its first line, with the rest of its stdout to read.
fn python_server(script: &str, first: &str) -> (Child, BufReader<std::process::ChildStdout>) {
    let mut python = Command::new("python3")
        .args(["-c", script])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut said = BufReader::new(python.stdout.take().unwrap());
    let mut line = String::new();
    said.read_line(&mut line).unwrap();
    assert_eq!(line, format!("{first}\n"), "the Python server's first line");
    (python, said)
}

fn is_socket(path: &str) -> bool {
    std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_socket())
}

#[test]
fn echo_server_and_client() {
    let dir = tempdir();
    let s = format!("{}/echo.sock", path_str(dir.path()));
    let server = serve(&[&s, "--echo"]);
    assert_eq!(
        run_with_input(ipcx().args(["sock", "connect", &s]), b"hello\n").ok(),
        "hello\n"
    );
    let data = binary(8 << 20);
    let out = run_with_input(ipcx().args(["sock", "connect", &s]), &data);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert!(out.stdout == data, "echoed bytes differ");
    let out = stop(server);
    assert_eq!(out.status.code(), Some(143));
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
    assert!(!Path::new(&s).exists(), "the socket file is removed");
}

#[test]
fn socket_file_modes_are_exact() {
    let dir = tempdir();
    let d = path_str(dir.path());
    let mut umasked = sh(&format!(
        "umask 000; exec \"$IPCX\" sock serve '{d}/a' --echo"
    ));
    let server = umasked.stdin(Stdio::null()).spawn().unwrap();
    wait_blocked(server.id());
    let mode = std::fs::symlink_metadata(format!("{d}/a"))
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o600);
    stop(server);
    let server = serve(&[&format!("{d}/b"), "-m", "660", "--echo"]);
    let mode = std::fs::symlink_metadata(format!("{d}/b"))
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o660);
    stop(server);
}

/// Leaves a socket file at `path` whose server is gone (Python binds it and exits).
fn stale_socket(path: &str) {
    run(Command::new("python3").args([
        "-c",
        &format!("import socket; socket.socket(socket.AF_UNIX).bind('{path}')"),
    ]))
    .ok();
}

#[test]
fn stale_socket_is_replaced_live_one_and_other_files_are_refused() {
    let dir = tempdir();
    let d = path_str(dir.path());
    let s = format!("{d}/s");
    // A socket file whose server is gone.
    stale_socket(&s);
    assert!(is_socket(&s));
    let server = serve(&[&s, "--echo"]);
    assert_eq!(
        run_with_input(ipcx().args(["sock", "connect", &s]), b"taken over\n").ok(),
        "taken over\n"
    );
    // A live one is not touched.
    run(ipcx().args(["sock", "serve", &s, "--echo"])).fails(
        1,
        &format!("ipcx: sock serve: {s}: address in use (a server is listening on it)\n"),
    );
    assert_eq!(
        run_with_input(ipcx().args(["sock", "connect", &s]), b"still\n").ok(),
        "still\n"
    );
    stop(server);
    // Nor is a file that is not a socket.
    std::fs::write(format!("{d}/file"), "precious").unwrap();
    run(ipcx().args(["sock", "serve", &format!("{d}/file")])).fails(
        1,
        &format!("ipcx: sock serve: {d}/file: exists and is not a socket (a regular file); not removed\n"),
    );
    assert_eq!(
        std::fs::read_to_string(format!("{d}/file")).unwrap(),
        "precious"
    );
}

/// The stale socket file is removed only if it is still the one probed: strace holds the
/// server in its first probe for 1.5 s, and a file put at the name meanwhile is left alone.
#[test]
fn a_file_swapped_in_while_the_stale_socket_is_probed_is_not_removed() {
    let dir = tempdir();
    let d = path_str(dir.path());
    let s = format!("{d}/s");
    stale_socket(&s);
    // `timeout` turns a server that took the path over (and serves on) into a failure.
    let tracer = common::start(
        Command::new("timeout")
            .args(["10", "strace", "-qq", "-o", "/dev/null"])
            .args(["-e", "inject=connect:delay_exit=1500000:when=1", "--"])
            .arg(common::ipcx_bin())
            .args(["sock", "serve", &s, "--echo"]),
    );
    let child_of = |pid: u32| -> Option<u32> {
        std::fs::read_to_string(format!("/proc/{pid}/task/{pid}/children"))
            .ok()?
            .split_whitespace()
            .next()?
            .parse()
            .ok()
    };
    let server = || child_of(child_of(tracer.id())?);
    // Probing: the listening socket and the probe are both open.
    wait_until("the server to probe the stale socket", 10, || {
        server().is_some_and(|pid| {
            std::fs::read_dir(format!("/proc/{pid}/fd")).is_ok_and(|fds| {
                fds.filter_map(|fd| std::fs::read_link(fd.ok()?.path()).ok())
                    .filter(|link| link.to_string_lossy().starts_with("socket:"))
                    .count()
                    >= 2
            })
        })
    });
    std::fs::write(format!("{d}/new"), "precious").unwrap();
    std::fs::rename(format!("{d}/new"), &s).unwrap();
    common::finish(tracer).fails(
        1,
        &format!("ipcx: sock serve: {s}: replaced while it was checked; not removed\n"),
    );
    assert_eq!(std::fs::read_to_string(&s).unwrap(), "precious");
}

/// The socket file is removed in the directory it was made in, even when that directory
/// has moved since; a symlink planted at the path is refused and left, never followed.
#[test]
fn the_socket_file_is_removed_where_it_was_made_and_a_symlink_is_never_followed() {
    let dir = tempdir();
    let d = path_str(dir.path());
    std::fs::create_dir(format!("{d}/sub")).unwrap();
    let server = serve(&[&format!("{d}/sub/s"), "--echo"]);
    std::fs::rename(format!("{d}/sub"), format!("{d}/moved")).unwrap();
    assert_eq!(stop(server).status.code(), Some(143));
    assert!(
        std::fs::symlink_metadata(format!("{d}/moved/s")).is_err(),
        "removed where it was made"
    );
    let link = format!("{d}/link");
    std::os::unix::fs::symlink(format!("{d}/victim"), &link).unwrap();
    run(ipcx().args(["sock", "serve", &link, "--echo"])).fails(
        1,
        &format!(
            "ipcx: sock serve: {link}: exists and is not a socket (a symbolic link); not removed\n"
        ),
    );
    assert!(!Path::new(&format!("{d}/victim")).exists());
}

/// A stale socket this user may not connect to (root's, mode 0600, to nobody) is left
/// alone, and the error says why rather than claiming a server listens on it.
#[test]
fn a_socket_that_cannot_be_probed_is_left_and_the_reason_named() {
    let dir = tempdir();
    let d = path_str(dir.path());
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o777)).unwrap();
    let s = format!("{d}/s");
    run(Command::new("python3").args([
        "-c",
        &format!("import os, socket; os.umask(0o077); socket.socket(socket.AF_UNIX).bind('{s}')"),
    ]))
    .ok();
    run(Command::new("setpriv")
        .args(["--reuid=65534", "--regid=65534", "--clear-groups", "--"])
        .arg(common::ipcx_bin())
        .args(["sock", "serve", &s, "--echo"]))
    .fails(
        1,
        &format!(
            "ipcx: sock serve: {s}: address in use, and whether a server listens on it \
             cannot be told (connecting to it: permission denied); not removed\n"
        ),
    );
    assert!(is_socket(&s), "left in place");
}

/// A server starting on a path (bound, not yet listening, so refusing) is not taken for a
/// stale socket by a second server: its file is not replaced. strace holds the first in
/// that gap for 20 ms while the second starts.
#[test]
fn a_server_between_bind_and_listen_is_not_replaced() {
    let dir = tempdir();
    let s = format!("{}/race.sock", path_str(dir.path()));
    let first = common::start(
        Command::new("strace")
            .args(["-f", "-qq", "-o", "/dev/null"])
            .args(["-e", "inject=listen:delay_enter=20000", "--"])
            .arg(common::ipcx_bin())
            .args(["sock", "serve", &s, "--echo"]),
    );
    wait_until("the first server to bind", 10, || is_socket(&s));
    // `timeout` turns a second server that took the path over into a failure (124).
    run(Command::new("timeout")
        .arg("10")
        .arg(common::ipcx_bin())
        .args(["sock", "serve", &s, "--echo"]))
    .fails(
        1,
        &format!("ipcx: sock serve: {s}: address in use (a server is listening on it)\n"),
    );
    assert_eq!(
        run_with_input(ipcx().args(["sock", "connect", &s]), b"first\n").ok(),
        "first\n"
    );
    // The server is strace's child: it is the one stopped.
    let tracer = first.id();
    let server = std::fs::read_to_string(format!("/proc/{tracer}/task/{tracer}/children"))
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    kill("TERM", server);
    assert_eq!(first.wait_with_output().unwrap().status.code(), Some(143));
}

/// A live server that is not accepting (its backlog full) is still live: the probe of the
/// socket file answers at once instead of waiting for the server to accept.
#[test]
fn a_server_with_a_full_backlog_is_live_and_answers_at_once() {
    let dir = tempdir();
    let s = format!("{}/busy.sock", path_str(dir.path()));
    let script = format!(
        "import socket, sys\nl = socket.socket(socket.AF_UNIX)\nl.bind('{s}')\nl.listen(0)\nclients = []\nwhile True:\n    c = socket.socket(socket.AF_UNIX)\n    c.setblocking(False)\n    try:\n        c.connect('{s}')\n    except BlockingIOError:\n        break\n    clients.append(c)\nprint('full', flush=True)\nsys.stdin.read()"
    );
    let (mut python, _) = python_server(&script, "full");
    // `timeout` turns the old hang into a failure (status 124) rather than a stuck test.
    run(Command::new("timeout")
        .args(["20", &common::ipcx_bin().to_string_lossy()])
        .args(["sock", "serve", &s, "--echo"]))
    .fails(
        1,
        &format!("ipcx: sock serve: {s}: address in use (a server is listening on it)\n"),
    );
    drop(python.stdin.take());
    assert!(python.wait().unwrap().success());
}

#[test]
fn socket_file_removed_on_each_signal_only_if_still_ours() {
    let dir = tempdir();
    let d = path_str(dir.path());
    for (signal, code) in SIGNALS {
        let s = format!("{d}/{signal}");
        let server = serve(&[&s, "--echo"]);
        assert!(is_socket(&s));
        kill(signal, server.id());
        let out = server.wait_with_output().unwrap();
        assert_eq!(out.status.code(), Some(code), "SIG{signal}");
        assert_eq!(String::from_utf8_lossy(&out.stderr), "");
        assert!(!Path::new(&s).exists(), "SIG{signal}: removed");
    }
    // Someone replaced the socket file meanwhile: theirs stays.
    let s = format!("{d}/replaced");
    let server = serve(&[&s]);
    std::fs::remove_file(&s).unwrap();
    std::fs::write(&s, "someone else's").unwrap();
    assert_eq!(stop(server).status.code(), Some(143));
    assert_eq!(std::fs::read_to_string(&s).unwrap(), "someone else's");
}

#[test]
fn command_per_connection_sees_the_peer_and_runs_concurrently() {
    let dir = tempdir();
    let s = format!("{}/cmd.sock", path_str(dir.path()));
    let server = serve(&[
        &s,
        "--",
        "sh",
        "-c",
        "read line; echo \"$line from $IPCX_PEER_PID $IPCX_PEER_UID $IPCX_PEER_GID\"",
    ]);
    // The first client stays connected and silent while a second is served.
    let mut first = ipcx()
        .args(["sock", "connect", &s])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    // Served first: its command runs before the second client connects.
    let id = server.id();
    wait_until("the first client's command", 10, || {
        std::fs::read_to_string(format!("/proc/{id}/task/{id}/children"))
            .is_ok_and(|children| !children.trim().is_empty())
    });
    let second = ipcx()
        .args(["sock", "connect", &s])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let pid = second.id();
    let mut stdin = second.stdin.as_ref().unwrap();
    stdin.write_all(b"second\n").unwrap();
    let out = second.wait_with_output().unwrap();
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        format!("second from {pid} 0 0\n")
    );
    let pid = first.id();
    first.stdin.take().unwrap().write_all(b"first\n").unwrap();
    let mut text = String::new();
    first
        .stdout
        .take()
        .unwrap()
        .read_to_string(&mut text)
        .unwrap();
    assert_eq!(text, format!("first from {pid} 0 0\n"));
    assert_eq!(first.wait().unwrap().code(), Some(0));
    stop(server);
}

#[test]
fn once_returns_the_command_status_and_creds_logs_the_peer() {
    let dir = tempdir();
    let s = format!("{}/once.sock", path_str(dir.path()));
    let server = serve(&[&s, "--once", "--creds", "--", "sh", "-c", "cat; exit 7"]);
    let client = ipcx()
        .args(["sock", "connect", &s])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let pid = client.id();
    let mut client = client;
    client.stdin.take().unwrap().write_all(b"bye\n").unwrap();
    let out = client.wait_with_output().unwrap();
    assert_eq!(out.stdout, b"bye\n");
    let out = server.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(7));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        format!("ipcx: sock serve: {s}: peer pid {pid} uid 0 gid 0\n")
    );
    assert!(!Path::new(&s).exists());
}

/// A server that resets the connection (its command left input unread) is named as the
/// end that failed, also when stdout is a pipe and the reply is spliced into it: it was
/// once "writing stdout".
#[test]
fn a_reset_connection_is_named_not_stdout() {
    let dir = tempdir();
    let s = format!("{}/reset.sock", path_str(dir.path()));
    let server = serve(&[&s, "--once", "--", "sh", "-c", "read x"]);
    // stdout is a pipe here (the harness reads it).
    run_with_input(ipcx().args(["sock", "connect", &s]), b"a\nb\n").fails(
        1,
        &format!("ipcx: sock connect: {s}: reading the connection: connection reset by peer\n"),
    );
    assert_eq!(server.wait_with_output().unwrap().status.code(), Some(0));
}

#[test]
fn half_close_waits_for_a_slow_reply_and_never_hangs_after_the_peer_closed() {
    let dir = tempdir();
    let s = format!("{}/slow.sock", path_str(dir.path()));
    // Reads everything (until our half-close), thinks, then answers.
    let server = serve(&[
        &s,
        "--once",
        "--",
        "sh",
        "-c",
        "n=$(wc -c); sleep 0.3; echo \"got $n\"",
    ]);
    let out = run_with_input(ipcx().args(["sock", "connect", &s]), &binary(300_000));
    assert_eq!(out.ok(), "got 300000\n");
    assert_eq!(server.wait_with_output().unwrap().status.code(), Some(0));
    // A server that answers and closes without reading: the client ends although its
    // stdin stays open.
    let server = serve(&[&s, "--once", "--", "echo", "bye"]);
    let mut client = ipcx()
        .args(["sock", "connect", &s])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let stdin = client.stdin.take().unwrap();
    let mut text = String::new();
    client
        .stdout
        .take()
        .unwrap()
        .read_to_string(&mut text)
        .unwrap();
    assert_eq!(text, "bye\n");
    assert_eq!(client.wait().unwrap().code(), Some(0));
    drop(stdin);
    server.wait_with_output().unwrap();
}

#[test]
fn relay_with_the_first_client_both_ways() {
    let dir = tempdir();
    let s = format!("{}/relay.sock", path_str(dir.path()));
    let mut server = ipcx()
        .args(["sock", "serve", &s])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    server
        .stdin
        .take()
        .unwrap()
        .write_all(b"from the server\n")
        .unwrap();
    // The socket file appears at bind(), a moment before listen(); --timeout lets the
    // client wait out that moment instead of being refused.
    wait_until("the socket", 10, || is_socket(&s));
    let data = binary(2 << 20);
    // The server's output is collected while the client runs, so neither waits on the other.
    let served = std::thread::spawn(move || server.wait_with_output().unwrap());
    let out = run_with_input(
        ipcx().args(["sock", "connect", &s, "--timeout", "10s"]),
        &data,
    );
    assert_eq!(out.ok(), "from the server\n");
    let served = served.join().unwrap();
    assert_eq!(served.status.code(), Some(0));
    assert!(served.stdout == data);
    assert!(!Path::new(&s).exists(), "removed on a normal end");
}

#[test]
fn abstract_names() {
    let name = format!("@ipcx-test-{}", std::process::id());
    let server = serve(&[&name, "--echo"]);
    assert_eq!(
        run_with_input(ipcx().args(["sock", "connect", &name]), b"abstract\n").ok(),
        "abstract\n"
    );
    run(ipcx().args(["sock", "serve", &name]))
        .fails(1, &format!("ipcx: sock serve: {name}: address in use\n"));
    stop(server);
    run(ipcx().args(["sock", "connect", &name])).fails(
        1,
        &format!("ipcx: sock connect: {name}: connection refused\n"),
    );
}

/// 300 datagrams through the client to an echoing server: every reply comes back, exactly,
/// and neither side hangs (`timeout` turns a hang into a failure); a client whose input
/// ends at once still waits for its replies.
#[test]
fn datagram_echo_returns_every_reply_and_never_hangs() {
    let dir = tempdir();
    let s = format!("{}/d.sock", path_str(dir.path()));
    let server = serve(&[&s, "--dgram", "--echo"]);
    let input: String = (1..=300).map(|i| format!("datagram {i:03}\n")).collect();
    let out = common::run_from_file(
        Command::new("timeout")
            .arg("20")
            .arg(common::ipcx_bin())
            .args(["sock", "connect", &s, "--dgram"]),
        input.as_bytes(),
    );
    assert_eq!(out.ok(), input);
    let out = run(&mut sh(&format!(
        "seq 10 | timeout 20 \"$IPCX\" sock connect {s} --dgram"
    )));
    assert_eq!(out.ok(), "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n");
    let out = stop(server);
    assert_eq!(out.status.code(), Some(143));
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
    assert!(!Path::new(&s).exists(), "the socket file is removed");
}

/// A datagram client waits for replies after its input ends (500ms without one by default,
/// --timeout DUR otherwise) and ends with status 0 when a server does not answer; an
/// interrupt ends that wait with 128+N.
#[test]
fn a_datagram_client_waits_for_replies_for_a_while_and_can_be_interrupted() {
    let dir = tempdir();
    let s = format!("{}/log.sock", path_str(dir.path()));
    let server = serve(&[&s, "--dgram"]);
    let started = std::time::Instant::now();
    run_with_input(ipcx().args(["sock", "connect", &s, "--dgram"]), b"a\n").ok();
    assert!(started.elapsed() >= std::time::Duration::from_millis(500));
    run_with_input(
        ipcx().args(["sock", "connect", &s, "--dgram", "--timeout", "0"]),
        b"b\n",
    )
    .ok();
    for (signal, code) in SIGNALS {
        let mut input = tempfile::tempfile().unwrap();
        input.write_all(b"c\n").unwrap();
        input.rewind().unwrap();
        let child = ipcx()
            .args(["sock", "connect", &s, "--dgram", "--timeout", "1h"])
            .stdin(input)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        wait_blocked(child.id());
        kill(signal, child.id());
        let out = child.wait_with_output().unwrap();
        assert_eq!(out.status.code(), Some(code), "SIG{signal}");
        assert_eq!(
            (out.stdout.as_slice(), out.stderr.as_slice()),
            (&b""[..], &b""[..])
        );
    }
    let out = stop(server);
    assert_eq!(out.stdout, b"a\nb\nc\nc\nc\n");
    assert!(!Path::new(&s).exists(), "the socket file is removed");
}

/// Clients that send and never read their replies — one connected to the server, one
/// not — do not stop it answering another client; the replies dropped for the one whose
/// queue is full are counted on one stderr line, not a line each.
#[test]
fn a_datagram_client_that_never_reads_does_not_stop_the_server() {
    let dir = tempdir();
    let s = format!("{}/d.sock", path_str(dir.path()));
    let server = serve(&[&s, "--dgram", "--echo"]);
    let script = format!(
        "import socket, os, time\n\
         c = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)\n\
         c.bind(b'\\0ipcx-test-connected-%d' % os.getpid())\n\
         c.connect('{s}')\n\
         c.settimeout(10)\n\
         u = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)\n\
         u.bind(b'\\0ipcx-test-unconnected-%d' % os.getpid())\n\
         u.settimeout(10)\n\
         for i in range(2000):\n    c.send(b'c%d' % i)\n    u.sendto(b'u%d' % i, '{s}')\n\
         print(os.getpid(), flush=True)\n\
         time.sleep(600)"
    );
    let mut hog = Command::new("python3")
        .args(["-c", &script])
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut pid = String::new();
    BufReader::new(hog.stdout.take().unwrap())
        .read_line(&mut pid)
        .unwrap();
    let pid = pid.trim();
    // A server stuck sending to it stops reading, and the sends time out.
    if pid.is_empty() {
        let _ = hog.kill();
        kill("KILL", server.id());
        panic!("the server stopped taking datagrams");
    }
    let out = run_with_input(
        Command::new("timeout")
            .arg("20")
            .arg(common::ipcx_bin())
            .args(["sock", "connect", &s, "--dgram"]),
        b"still answered\n",
    );
    assert_eq!(out.ok(), "still answered\n");
    let out = stop(server);
    hog.kill().unwrap();
    hog.wait().unwrap();
    // A receiver holds max_dgram_qlen + 1 datagrams from a sender it is not connected to.
    let qlen: u64 = std::fs::read_to_string("/proc/sys/net/unix/max_dgram_qlen")
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    assert_eq!(out.status.code(), Some(143));
    assert!(!Path::new(&s).exists(), "the socket file is removed");
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        format!(
            "ipcx: sock serve: {s}: replying to @ipcx-test-unconnected-{pid}: no room (it is \
             not reading its replies, or the server's send buffer is full): {} replies \
             dropped\n",
            2000 - (qlen + 1)
        )
    );
}

/// Paths and abstract names are bytes: one that is not UTF-8 (0xff) is served, connected
/// to and removed like any other.
#[test]
fn addresses_need_not_be_utf8() {
    use std::os::unix::ffi::OsStrExt;
    let dir = tempdir();
    let mut path = dir.path().as_os_str().as_bytes().to_vec();
    path.extend_from_slice(b"/s\xff.sock");
    let path = std::ffi::OsStr::from_bytes(&path).to_os_string();
    let mut abstract_name = format!("@ipcx-test-{}-", std::process::id()).into_bytes();
    abstract_name.push(0xff);
    let abstract_name = std::ffi::OsStr::from_bytes(&abstract_name).to_os_string();
    for addr in [&path, &abstract_name] {
        let child = common::start(ipcx().args(["sock", "serve"]).arg(addr).arg("--echo"));
        wait_blocked(child.id());
        let out = run_with_input(
            ipcx()
                .args(["sock", "connect"])
                .arg(addr)
                .args(["--timeout", "10s"]),
            b"bytes\n",
        );
        assert_eq!(out.ok(), "bytes\n");
        let out = stop(child);
        assert_eq!(out.status.code(), Some(143));
        assert_eq!(String::from_utf8_lossy(&out.stderr), "");
    }
    assert!(
        std::fs::symlink_metadata(&path).is_err(),
        "the socket file is removed"
    );
}

#[test]
fn datagrams_keep_their_boundaries() {
    let dir = tempdir();
    let s = format!("{}/dgram.sock", path_str(dir.path()));
    let mut server = serve(&[&s, "--dgram"]);
    run_with_input(
        ipcx().args(["sock", "connect", &s, "--dgram"]),
        b"one\ntwo\n\nlast, no newline",
    )
    .ok();
    let mut lines = BufReader::new(server.stdout.take().unwrap());
    let mut got = String::new();
    for _ in 0..4 {
        lines.read_line(&mut got).unwrap();
    }
    assert_eq!(got, "one\ntwo\n\nlast, no newline\n");
    stop(server);
    // Line output cannot show where one datagram ends; Python's recv counts them.
    let py = format!("{}/py-dgram.sock", path_str(dir.path()));
    let script = format!(
        "import socket\nl = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)\nl.bind('{py}')\nprint('ready', flush=True)\nprint([l.recv(100) for _ in range(4)], flush=True)"
    );
    assert_eq!(
        python_hears(&script, &[&py, "--dgram"], b"one\ntwo\n\nlast, no newline"),
        "[b'one', b'two', b'', b'last, no newline']\n"
    );
    // --raw: all of stdin is one datagram, printed exactly.
    let server = serve(&[&s, "--dgram", "--raw", "--once"]);
    run_with_input(
        ipcx().args(["sock", "connect", &s, "--dgram", "--raw"]),
        b"a\nb\0c",
    )
    .ok();
    let out = server.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(out.stdout, b"a\nb\0c");
    // Echoed datagrams come back one per line while stdin is open.
    let server = serve(&[&s, "--dgram", "--echo"]);
    let mut client = ipcx()
        .args(["sock", "connect", &s, "--dgram"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut replies = BufReader::new(client.stdout.take().unwrap());
    for word in ["ping", "pong"] {
        client
            .stdin
            .as_mut()
            .unwrap()
            .write_all(format!("{word}\n").as_bytes())
            .unwrap();
        let mut line = String::new();
        replies.read_line(&mut line).unwrap();
        assert_eq!(line, format!("{word}\n"));
    }
    drop(client.stdin.take());
    assert_eq!(client.wait().unwrap().code(), Some(0));
    stop(server);
}

#[test]
fn seqpacket_keeps_boundaries_on_a_connection() {
    let dir = tempdir();
    let s = format!("{}/seq.sock", path_str(dir.path()));
    let server = serve(&[&s, "--seqpacket", "--echo"]);
    let out = run_with_input(
        ipcx().args(["sock", "connect", &s, "--seqpacket"]),
        b"a\nbb\nccc\n",
    );
    assert_eq!(out.ok(), "a\nbb\nccc\n");
    stop(server);
    // Python's recv counts the messages, which line output cannot show.
    let script = format!(
        "import socket\nl = socket.socket(socket.AF_UNIX, socket.SOCK_SEQPACKET)\nl.bind('{s}')\nl.listen()\nprint('ready', flush=True)\nc, _ = l.accept()\nprint(list(iter(lambda: c.recv(100), b'')), flush=True)"
    );
    assert_eq!(
        python_hears(&script, &[&s, "--seqpacket"], b"a\nbb\nccc\n"),
        "[b'a', b'bb', b'ccc']\n"
    );
}

/// Starts the Python server `script` (it prints `ready`, then one line of what it
/// received), runs `ipcx sock connect ARGS` with `input`, and returns that line.
fn python_hears(script: &str, args: &[&str], input: &[u8]) -> String {
    let (mut python, mut said) = python_server(script, "ready");
    run_with_input(ipcx().args(["sock", "connect"]).args(args), input).ok();
    let mut line = String::new();
    said.read_line(&mut line).unwrap();
    assert!(python.wait().unwrap().success());
    line
}

#[test]
fn socketpair_demo() {
    assert_eq!(
        run(ipcx().args(["sock", "pair"])).ok(),
        "child received: hello from the parent\nparent received: hello from the child\n"
    );
}

#[test]
fn connect_refusals_and_timeout() {
    let dir = tempdir();
    let d = path_str(dir.path());
    run(ipcx().args(["sock", "connect", &format!("{d}/none")])).fails(
        1,
        &format!("ipcx: sock connect: {d}/none: no such file or directory\n"),
    );
    run(ipcx().args([
        "sock",
        "connect",
        &format!("{d}/none"),
        "--timeout",
        "200ms",
    ]))
    .fails(
        3,
        &format!("ipcx: sock connect: no server accepted on {d}/none within 200ms\n"),
    );
    // With a timeout, a server that comes late is waited for.
    let s = format!("{d}/late");
    let client = ipcx()
        .args(["sock", "connect", &s, "--timeout", "30s"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    // Not `serve`, which waits for the server to block: the waiting client may be accepted,
    // answered and gone before that is ever seen.
    let server =
        common::start(ipcx().args(["sock", "serve", &s, "--once", "--", "echo", "late but here"]));
    let out = client.wait_with_output().unwrap();
    assert_eq!(out.stdout, b"late but here\n");
    let served = server.wait_with_output().unwrap();
    assert_eq!(served.status.code(), Some(0), "{served:?}");
    run(ipcx().args(["sock", "serve", &s, "--dgram", "--", "cat"])).fails(
        2,
        "ipcx: sock serve: a command per connection needs connections: not with --dgram (use --seqpacket)\n",
    );
    run(ipcx().args(["sock", "serve", "@"])).fails(
        2,
        "ipcx: sock serve: invalid value '@' for '<ADDR>': '@' needs a name after it (e.g. @myservice)\nTry 'ipcx sock serve --help' for more information.\n",
    );
}

/// An interrupted server passes the signal on to the commands still serving connections
/// and waits for them: none outlives it.
#[test]
fn an_interrupted_server_leaves_no_command_behind() {
    let dir = tempdir();
    let s = format!("{}/busy.sock", path_str(dir.path()));
    for (signal, code) in SIGNALS {
        let server = serve(&[&s, "--", "sleep", "30"]);
        let mut client = ipcx()
            .args(["sock", "connect", &s])
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let id = server.id();
        let mut command = String::new();
        wait_until("the server to start its command", 10, || {
            command = std::fs::read_to_string(format!("/proc/{id}/task/{id}/children"))
                .unwrap_or_default()
                .trim()
                .to_string();
            !command.is_empty()
        });
        kill(signal, id);
        let out = server.wait_with_output().unwrap();
        assert_eq!(
            (
                out.status.code(),
                String::from_utf8_lossy(&out.stderr).as_ref()
            ),
            (Some(code), ""),
            "SIG{signal}"
        );
        assert!(
            !Path::new(&format!("/proc/{command}")).exists(),
            "SIG{signal}: the command {command} outlived the server"
        );
        client.kill().unwrap();
        client.wait().unwrap();
    }
}

#[test]
fn interrupted_client_exits_128_plus_n() {
    let dir = tempdir();
    let s = format!("{}/quiet.sock", path_str(dir.path()));
    // A server that never answers and keeps reading until the client is gone.
    let server = serve(&[&s, "--", "sh", "-c", "cat > /dev/null"]);
    for (signal, code) in SIGNALS {
        let mut client = ipcx()
            .args(["sock", "connect", &s])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        wait_blocked(client.id());
        kill(signal, client.id());
        let _stdin = client.stdin.take();
        let out = client.wait_with_output().unwrap();
        assert_eq!(out.status.code(), Some(code), "SIG{signal}");
        assert_eq!(
            (out.stdout.as_slice(), out.stderr.as_slice()),
            (&b""[..], &b""[..])
        );
    }
    stop(server);
}

/// Interrupted while its sender is stuck writing to a server that does not read, the
/// client gives the input it read and did not send back to its stdin: the file stands just
/// after the last byte the server got, for a stream and for messages (one per line) alike.
#[test]
fn interrupted_client_gives_unsent_input_back_to_a_file() {
    let lines: Vec<u8> = (0..400_000)
        .flat_map(|n| format!("line {n}\n").into_bytes())
        .collect();
    // The server reads nothing until told (a line on its stdin), then says how many bytes
    // of input it got: a stream's bytes, or each message and the newline it stood for.
    for (kind, data, count) in [
        (None, binary(8 << 20), "len(c.makefile('rb').read())"),
        (
            Some("--seqpacket"),
            lines,
            "sum(len(m) + 1 for m in iter(lambda: c.recv(65536), b''))",
        ),
    ] {
        let dir = tempdir();
        let s = format!("{}/slow.sock", path_str(dir.path()));
        let input = dir.path().join("in");
        std::fs::write(&input, &data).unwrap();
        let socket_type = if kind.is_some() {
            "socket.SOCK_SEQPACKET"
        } else {
            "socket.SOCK_STREAM"
        };
        let script = format!(
            "import socket, sys\nl = socket.socket(socket.AF_UNIX, {socket_type})\nl.bind('{s}')\nl.listen()\nprint('ready', flush=True)\nc, _ = l.accept()\nsys.stdin.readline()\nprint({count}, flush=True)"
        );
        let (mut python, mut said) = python_server(&script, "ready");
        let mut file = std::fs::File::open(&input).unwrap();
        let client = ipcx()
            .args(["sock", "connect", &s])
            .args(kind)
            .stdin(file.try_clone().unwrap())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        wait_blocked(client.id());
        // Both threads asleep: the receiver in its read, the sender in a write that cannot
        // go on.
        wait_until("the sender to block", 10, || {
            std::fs::read_dir(format!("/proc/{}/task", client.id()))
                .unwrap()
                .all(|task| {
                    std::fs::read_to_string(task.unwrap().path().join("stat")).is_ok_and(|stat| {
                        stat.rsplit(')')
                            .next()
                            .unwrap()
                            .trim_start()
                            .starts_with('S')
                    })
                })
        });
        kill("INT", client.id());
        let out = client.wait_with_output().unwrap();
        assert_eq!(out.status.code(), Some(130), "{kind:?}");
        assert_eq!(String::from_utf8_lossy(&out.stderr), "", "{kind:?}");
        python.stdin.as_mut().unwrap().write_all(b"go\n").unwrap();
        let mut line = String::new();
        said.read_line(&mut line).unwrap();
        let got: u64 = line.trim().parse().unwrap();
        assert!(python.wait().unwrap().success());
        assert!(
            got > 0 && got < data.len() as u64,
            "{kind:?}: the server got {got} bytes"
        );
        assert_eq!(file.stream_position().unwrap(), got, "{kind:?}");
    }
}

#[test]
fn interop_with_python() {
    let dir = tempdir();
    let s = format!("{}/py.sock", path_str(dir.path()));
    // Python as the client of ipcx's echo server.
    let server = serve(&[&s, "--echo"]);
    let client = format!(
        "import socket\nc = socket.socket(socket.AF_UNIX)\nc.connect('{s}')\nc.sendall(b'from python\\n')\nc.shutdown(socket.SHUT_WR)\nprint(c.makefile('rb').read().decode(), end='')"
    );
    assert_eq!(
        run(Command::new("python3").args(["-c", &client])).ok(),
        "from python\n"
    );
    stop(server);
    // Python as the server of ipcx's client: it reads to our half-close, then answers.
    let server = format!(
        "import socket, sys\nl = socket.socket(socket.AF_UNIX)\nl.bind('{s}')\nl.listen()\nprint('ready', flush=True)\nc, _ = l.accept()\ndata = c.makefile('rb').read()\nc.sendall(b'python got ' + str(len(data)).encode() + b'\\n')\nc.close()"
    );
    let (mut python, _) = python_server(&server, "ready");
    let out = run_with_input(ipcx().args(["sock", "connect", &s]), &binary(100_000));
    assert_eq!(out.ok(), "python got 100000\n");
    assert!(python.wait().unwrap().success());
}

#[test]
fn interop_with_socat() {
    let dir = tempdir();
    let s = format!("{}/socat.sock", path_str(dir.path()));
    // socat as the client of ipcx's echo server.
    let server = serve(&[&s, "--echo"]);
    let data = binary(1 << 20);
    let out = run_with_input(
        Command::new("socat").args(["-t", "5", "-", &format!("UNIX-CONNECT:{s}")]),
        &data,
    );
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert!(out.stdout == data);
    stop(server);
    // socat as the server (it echoes through cat) of ipcx's client.
    let mut socat = Command::new("socat")
        .args([&format!("UNIX-LISTEN:{s}"), "EXEC:cat"])
        .spawn()
        .unwrap();
    // socat binds (the file appears) before it listens: --timeout waits out the refusals
    // in between, where a plain connect failed in CI.
    wait_until("socat to bind", 10, || is_socket(&s));
    let out = run_with_input(
        ipcx().args(["sock", "connect", &s, "--timeout", "10s"]),
        &data,
    );
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert!(out.stdout == data);
    assert!(socat.wait().unwrap().success());
}

/// A client that goes away without reading its echo ends a stream echo as it ends a
/// seqpacket one: quietly, status 0, not "connection reset by peer".
#[test]
fn an_echo_whose_client_leaves_without_reading_ends_quietly() {
    let dir = tempdir();
    let s = format!("{}/leave.sock", path_str(dir.path()));
    for kind in ["--stream", "--seqpacket"] {
        let kind_args: &[&str] = if kind == "--stream" { &[] } else { &[kind] };
        let mut args = vec![s.as_str(), "--echo", "--once"];
        args.extend_from_slice(kind_args);
        let server = serve(&args);
        let socket_type = if kind == "--stream" {
            "SOCK_STREAM"
        } else {
            "SOCK_SEQPACKET"
        };
        run(Command::new("python3").args([
            "-c",
            &format!(
                "import socket\nc = socket.socket(socket.AF_UNIX, socket.{socket_type})\nc.connect('{s}')\nfor _ in range(4):\n    c.send(b'x' * 4096)\nc.close()"
            ),
        ]))
        .ok();
        let out: common::Run = server.wait_with_output().unwrap().into();
        out.fails(0, "");
    }
}

/// An error on an open connection names the socket, in ipcx's words.
#[test]
fn an_error_on_the_connection_names_the_socket() {
    let dir = tempdir();
    let s = format!("{}/named.sock", path_str(dir.path()));
    let server = serve(&[&s, "--once", "--", "echo", "hi"]);
    common::run_into_full(ipcx().args(["sock", "connect", &s])).fails(
        1,
        &format!("ipcx: sock connect: {s}: writing stdout: no space left on device\n"),
    );
    let _ = server.wait_with_output().unwrap();
    // A datagram server's output error names its socket too.
    let d = format!("{}/dgram.sock", path_str(dir.path()));
    let mut server = ipcx()
        .args(["sock", "serve", &d, "--dgram"])
        .stdout(
            std::fs::OpenOptions::new()
                .write(true)
                .open("/dev/full")
                .unwrap(),
        )
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    wait_blocked(server.id());
    run_with_input(ipcx().args(["sock", "connect", &d, "--dgram"]), b"hi\n").ok();
    let mut stderr = String::new();
    server
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    assert_eq!(
        (server.wait().unwrap().code(), stderr),
        (
            Some(1),
            format!("ipcx: sock serve: {d}: writing stdout: no space left on device\n")
        )
    );
}

/// A command that cannot start gives the shell's status and words, as `sem p -- CMD` does:
/// 127 "command not found" for a name not in PATH, 126 for a file that cannot be run.
#[test]
fn a_command_that_cannot_start_gives_the_shells_status() {
    let dir = tempdir();
    let s = format!("{}/cmd.sock", path_str(dir.path()));
    for (command, code, why) in [
        ("no-such-command-xyz", 127, "command not found"),
        ("/no/such/file", 127, "no such file or directory"),
        ("/", 126, "permission denied"),
    ] {
        let server = serve(&[&s, "--once", "--", command]);
        let _ = run_with_input(ipcx().args(["sock", "connect", &s]), b"");
        let out: common::Run = server.wait_with_output().unwrap().into();
        out.fails(code, &format!("ipcx: sock serve: {command}: {why}\n"));
    }
}
