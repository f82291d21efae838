//! `ipcx pipe`: the parent-to-child demo, the relay, pipelines, `pipe info`, refusals and
//! interruption. Pipes need no IPC namespace; files live in temporary directories.

use crate::common;

use std::io::{Read, Seek, Write};
use std::os::unix::net::UnixStream;
use std::process::{Command, Stdio};

use common::{
    binary, host_ipcx as ipcx, host_sh as sh, kill, wait_blocked_with_handlers as wait_blocked,
    SIGNALS,
};
use common::{ipcx_bin, path_str, run, run_with_input, tempdir};

#[test]
fn demo_parent_writes_child_prints() {
    assert_eq!(
        run(ipcx().args(["pipe", "hello", "from", "the", "parent"])).ok(),
        "hello from the parent\n"
    );
    // Larger than a pipe holds: the parent blocks until the child has read.
    let long = "x".repeat(100_000);
    assert_eq!(run(ipcx().args(["pipe", &long])).ok(), format!("{long}\n"));
}

/// Interrupted while its child prints, the demo passes the signal on and waits: it ends
/// 128+N with no child left behind to go on printing (the reader sees end of file after
/// less than the whole message).
#[test]
fn an_interrupted_demo_leaves_no_child_behind() {
    let part = "x".repeat(100_000);
    let mut demo = ipcx()
        .args(["pipe", &part, &part, &part])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let parent = demo.id();
    let mut child = None;
    common::wait_until("the child to block printing", 10, || {
        child = std::fs::read_to_string(format!("/proc/{parent}/task/{parent}/children"))
            .ok()
            .and_then(|list| list.split_whitespace().next().map(str::to_owned));
        child.as_ref().is_some_and(|pid| {
            std::fs::read_to_string(format!("/proc/{pid}/wchan"))
                .is_ok_and(|wchan| wchan.contains("pipe") && wchan.contains("writ"))
        })
    });
    kill("TERM", parent);
    // Nothing is read until the demo has ended: a child still alive then would go on
    // printing the whole message once the reader drains the pipe.
    let status = demo.wait().unwrap();
    let mut printed = Vec::new();
    demo.stdout
        .take()
        .unwrap()
        .read_to_end(&mut printed)
        .unwrap();
    let mut stderr = String::new();
    demo.stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    assert_eq!((status.code(), stderr.as_str()), (Some(143), ""));
    assert!(
        printed.len() < 3 * 100_000 + 3,
        "a child went on printing all {} bytes",
        printed.len()
    );
    assert!(!std::path::Path::new(&format!("/proc/{}", child.unwrap())).exists());
}

/// A pipe that cannot be made between two commands ends the line like a command that
/// cannot start: the commands already running are waited for, none is left behind.
#[test]
fn a_pipe_that_cannot_be_made_leaves_no_command_behind() {
    let dir = tempdir();
    let marker = dir.path().join("ended");
    let first = format!("sleep 0.5; touch '{}'", marker.display());
    run(&mut sh(&format!(
        "ulimit -n 5; exec \"$IPCX\" pipe -c \"{first}\" -c cat -c cat"
    )))
    .fails(
        1,
        "ipcx: pipe: connecting sh -c \"cat\": pipe: too many open files\n",
    );
    assert!(
        marker.exists(),
        "ipcx returned before the first command ended"
    );
}

#[test]
fn a_message_that_starts_with_info_needs_double_dash() {
    assert_eq!(
        run(ipcx().args(["pipe", "--", "info", "please"])).ok(),
        "info please\n"
    );
    assert_eq!(
        run(ipcx().args(["pipe", "more", "info"])).ok(),
        "more info\n"
    );
}

#[test]
fn relay_moves_exact_binary_data_pipe_to_pipe() {
    let data = binary(8 << 20);
    let out = run_with_input(ipcx().arg("pipe"), &data);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert_eq!(out.stderr, "");
    assert!(out.stdout == data, "relayed bytes differ");
}

#[test]
fn relay_between_files_and_with_a_size() {
    let dir = tempdir();
    let input = dir.path().join("in");
    let data = binary(3 << 20);
    std::fs::write(&input, &data).unwrap();
    let script = format!(
        "\"$IPCX\" pipe < '{0}/in' > '{0}/out' && \"$IPCX\" pipe --size 256K < '{0}/in' | cat > '{0}/out2'",
        path_str(dir.path())
    );
    run(&mut sh(&script)).ok();
    assert!(std::fs::read(dir.path().join("out")).unwrap() == data);
    assert!(std::fs::read(dir.path().join("out2")).unwrap() == data);
}

#[test]
fn progress_goes_to_stderr_and_data_is_untouched() {
    let data = binary(1 << 20);
    let out = run_with_input(ipcx().args(["pipe", "--progress"]), &data);
    assert_eq!(out.code, Some(0));
    assert!(out.stdout == data);
    // Not a terminal: one summary line; its times vary, its byte count does not.
    assert!(out.stderr.starts_with("1M in "), "{}", out.stderr);
    assert!(out.stderr.ends_with("/s\n"), "{}", out.stderr);
    assert_eq!(out.stderr.lines().count(), 1);
}

#[test]
fn size_refusals_name_the_limit_and_its_file() {
    let max = std::fs::read_to_string("/proc/sys/fs/pipe-max-size").unwrap();
    let max = max.trim();
    run_with_input(ipcx().args(["pipe", "--size", "4G"]), b"x").fails(
        1,
        &format!("ipcx: pipe: stdin: pipe capacity of 4294967296 bytes is larger than the kernel accepts (pipe-max-size {max}, /proc/sys/fs/pipe-max-size)\n"),
    );
    // An unprivileged user may not go beyond pipe-max-size.
    let over: u64 = max.parse::<u64>().unwrap() * 2;
    let mut command = Command::new("setpriv");
    command
        .args(["--reuid=65534", "--regid=65534", "--clear-groups", "--"])
        .arg(ipcx_bin())
        .args(["pipe", "--size", &over.to_string()]);
    run_with_input(&mut command, b"x").fails(
        1,
        &format!("ipcx: pipe: stdin: pipe capacity of {over} bytes refused: operation not permitted (pipe-max-size {max}, /proc/sys/fs/pipe-max-size)\n"),
    );
    run(ipcx().args(["pipe", "--size", "1X"])).fails(
        2,
        "ipcx: pipe: invalid value '1X' for '--size <SIZE>': '1X' is not a size (expected e.g. 4096, 4K, 1M, 1MiB, 2G)\nTry 'ipcx pipe --help' for more information.\n",
    );
}

#[test]
fn usage_errors() {
    run(ipcx().args(["pipe", "hello", "-c", "cat"])).fails(
        2,
        "ipcx: pipe: the argument '[MESSAGE]...' cannot be used with '--command <CMD>'\nTry 'ipcx pipe --help' for more information.\n",
    );
    run(ipcx().args(["pipe", "info", "x"])).fails(
        2,
        "ipcx: pipe info: invalid value 'x' for '[FD]...': 'x' is not a file descriptor number\nTry 'ipcx pipe info --help' for more information.\n",
    );
}

#[test]
fn pipeline_connects_commands_and_keeps_pipefail_status() {
    let out = run(ipcx().args(["pipe", "-c", "seq 20", "-c", "grep 1", "-c", "wc -l"]));
    assert_eq!(out.ok().trim(), "11");
    run(ipcx().args(["pipe", "-c", "exit 3", "-c", "cat", "-c", "true"])).fails(3, "");
    run(ipcx().args(["pipe", "-c", "exit 3", "-c", "exit 4", "-c", "true"])).fails(4, "");
    run(ipcx().args(["pipe", "-c", "echo x", "-c", "kill -TERM $$"])).fails(143, "");
    let out = run(ipcx().args([
        "pipe",
        "--size",
        "1M",
        "-c",
        "head -c 5000000 /dev/zero",
        "-c",
        "wc -c",
    ]));
    assert_eq!(out.ok().trim(), "5000000");
}

/// A command is bytes, as sh takes it: one with a byte that is not UTF-8 runs (it used to
/// be refused as "invalid UTF-8", status 2), and the byte reaches sh unchanged.
#[test]
fn pipeline_commands_are_any_bytes() {
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt;
    let out = run(ipcx()
        .args(["pipe", "-c"])
        .arg(OsStr::from_bytes(b"printf 'a\xffb' # \xff"))
        .args(["-c", "od -An -tx1"]));
    assert_eq!(out.ok(), " 61 ff 62\n");
    run(ipcx()
        .args(["pipe", "-c", "cat", "-c"])
        .arg(OsStr::from_bytes(b"exit 5 # \xff")))
    .fails(5, "");
}

#[test]
fn packet_mode_keeps_each_write_whole() {
    // Both writes are queued before the reader starts: the writer says so through a FIFO
    // once it has written. In packet mode each read still takes one write.
    let dir = tempdir();
    let flag = format!("{}/written", path_str(dir.path()));
    run(ipcx().args(["fifo", "mk", &flag])).ok();
    let out = run(ipcx().args([
        "pipe",
        "--packet",
        "-c",
        &format!("printf abc; printf defg; echo > '{flag}'"),
        "-c",
        &format!("read x < '{flag}'; python3 -c 'import os; print(len(os.read(0, 100))); print(len(os.read(0, 100)))'"),
    ]));
    assert_eq!(out.ok(), "3\n4\n");
}

#[test]
fn info_describes_pipes_fifos_files_and_bad_descriptors() {
    let dir = tempdir();
    let d = path_str(dir.path());
    let script = format!(
        "mkfifo '{d}/p'; exec 3<>'{d}/p'; printf abcde >&3; printf 1234567 > '{d}/f'; \"$IPCX\" pipe info 3 4 --json 4<'{d}/f'"
    );
    let out = run(&mut sh(&script)).ok();
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        json,
        serde_json::json!({"fds": [
            {"fd": 3, "kind": "FIFO", "capacity": 65536, "queued": 5, "pipe_buf": 4096, "target": format!("{d}/p")},
            {"fd": 4, "kind": "file", "capacity": null, "queued": 7, "pipe_buf": null, "target": format!("{d}/f")},
        ]})
    );
    // An anonymous pipe with three bytes waiting, written before ipcx starts, as a table.
    let python = format!(
        "import os, subprocess\nr, w = os.pipe()\nos.write(w, b'xyz')\nsubprocess.run(['{}', 'pipe', 'info', '0'], stdin=r, check=True)",
        ipcx_bin().display()
    );
    let out = run(Command::new("python3").args(["-c", &python])).ok();
    let mut lines = out.lines();
    assert_eq!(
        lines.next(),
        Some("FD KIND CAPACITY QUEUED PIPE_BUF TARGET")
    );
    let row: Vec<&str> = lines.next().unwrap().split_whitespace().collect();
    assert_eq!(&row[..5], ["0", "pipe", "65536", "3", "4096"]);
    assert!(row[5].starts_with("pipe:["));
    let out = run(ipcx().args(["pipe", "info", "0", "9"]));
    out_fails_with_rows(&out);
}

fn out_fails_with_rows(out: &common::Run) {
    assert_eq!(out.code, Some(1));
    assert_eq!(out.stderr, "ipcx: pipe info: fd 9: bad file number\n");
    assert_eq!(
        out.stdout(),
        "FD KIND             CAPACITY QUEUED PIPE_BUF TARGET\n 0 character device        -      -        - /dev/null\n"
    );
}

#[test]
fn relay_interrupted_exits_128_plus_n() {
    for (signal, code) in SIGNALS {
        let mut child = ipcx()
            .arg("pipe")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut stdin = child.stdin.take().unwrap();
        stdin.write_all(b"before\n").unwrap();
        let mut first = [0u8; 7];
        child
            .stdout
            .as_mut()
            .unwrap()
            .read_exact(&mut first)
            .unwrap();
        assert_eq!(&first, b"before\n");
        wait_blocked(child.id());
        kill(signal, child.id());
        let out = child.wait_with_output().unwrap();
        assert_eq!(out.status.code(), Some(code), "SIG{signal}");
        assert_eq!(out.stdout, b"");
        assert_eq!(String::from_utf8_lossy(&out.stderr), "");
        drop(stdin);
    }
}

#[test]
fn closed_reader_is_quiet() {
    // ipcx's own status is the first of the pipeline's: 141 (128 + SIGPIPE), with nothing
    // on stderr.
    let out = run(sh(
        "{ \"$IPCX\" pipe < /dev/zero; echo $? > status; } | head -c 10 | wc -c; cat status; rm status",
    )
    .current_dir(tempdir().path()));
    assert_eq!(out.ok(), "10\n141\n");
}

/// A stdout that takes nothing: a socket whose buffer the test has filled and whose peer
/// never reads. Returns the end to give the command and the peer's end.
fn stalled_output() -> (UnixStream, UnixStream, usize) {
    let (ours, theirs) = UnixStream::pair().unwrap();
    theirs.set_nonblocking(true).unwrap();
    let chunk = [0u8; 4096];
    let mut filled = 0;
    loop {
        match (&theirs).write(&chunk) {
            Ok(n) => filled += n,
            Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => break,
            Err(e) => panic!("filling the socket: {e}"),
        }
    }
    theirs.set_nonblocking(false).unwrap();
    (theirs, ours, filled)
}

/// Runs the relay `ipcx pipe` from `stdin` to `stdout`, and interrupts it (SIGINT) once it
/// blocks.
fn interrupt_relay(stdin: Stdio, stdout: UnixStream) -> std::process::Output {
    let child = ipcx()
        .arg("pipe")
        .stdin(stdin)
        .stdout(std::os::fd::OwnedFd::from(stdout))
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    wait_blocked(child.id());
    kill("INT", child.id());
    child.wait_with_output().unwrap()
}

/// Interrupted with a read buffer not yet written, the relay moves a seekable stdin back:
/// the file stands just after the last byte delivered, as `head` leaves it.
#[test]
fn interrupt_mid_write_gives_unwritten_input_back_to_a_file() {
    let dir = tempdir();
    let input = dir.path().join("in");
    let data = binary(4 << 20);
    std::fs::write(&input, &data).unwrap();
    let mut file = std::fs::File::open(&input).unwrap();
    let (stdout, mut peer, filled) = stalled_output();
    let out = interrupt_relay(file.try_clone().unwrap().into(), stdout);
    assert_eq!(out.status.code(), Some(130));
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
    let mut received = Vec::new();
    peer.read_to_end(&mut received).unwrap();
    let delivered = received.len() - filled;
    assert_eq!(file.stream_position().unwrap(), delivered as u64);
    assert!(received[filled..] == data[..delivered]);
    // What was not delivered is still there for the next reader.
    let mut rest = Vec::new();
    file.read_to_end(&mut rest).unwrap();
    assert!(rest == data[delivered..]);
}

/// An input that cannot be moved back (a socket) loses what was read and not written; the
/// interrupted relay says how much, instead of ending silently.
#[test]
fn interrupt_mid_write_names_input_it_could_not_give_back() {
    let (stdin, feeder) = UnixStream::pair().unwrap();
    let sent = 100_000;
    (&feeder).write_all(&binary(sent)).unwrap();
    let kept = stdin.try_clone().unwrap();
    let (stdout, _peer, _) = stalled_output();
    let out = interrupt_relay(std::os::fd::OwnedFd::from(stdin).into(), stdout);
    // What the relay had not taken yet is still queued on its stdin.
    kept.set_nonblocking(true).unwrap();
    let mut left = Vec::new();
    let _ = (&kept).read_to_end(&mut left);
    assert_eq!(out.status.code(), Some(130));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        format!(
            "ipcx: pipe: {} bytes read from stdin were not written: interrupted by signal 2\n",
            sent - left.len()
        )
    );
}

/// One size grammar, util-linux's: `--size 65KB` is 65000 bytes (a 64 KiB pipe) and
/// `--size 65K` 66560 (a 128 KiB pipe, the next power of two pages).
#[test]
fn size_reads_kb_as_1000_and_k_as_1024() {
    let capacity = |size: &str| {
        let info = format!("'{}' pipe info 1", path_str(&ipcx_bin()));
        let out = run(ipcx().args(["pipe", "--size", size, "-c", &info, "-c", "cat"])).ok();
        let row = out.lines().nth(1).unwrap_or_default().to_string();
        row.split_whitespace()
            .nth(2)
            .unwrap_or_default()
            .to_string()
    };
    assert_eq!(capacity("65KB"), "65536");
    assert_eq!(capacity("65K"), "131072");
    assert_eq!(capacity("65KiB"), "131072");
    assert_eq!(capacity("0.125MB"), "131072");
}
