//! `ipcx msg send` and `ipcx msg recv`, in a private IPC namespace: round trips, type
//! selection, streams, JSON, peeking, bad inputs, interop with Python's sysv_ipc, many
//! senders and receivers at once, putting back what cannot be written, and interruption.

use crate::common;

use std::io::Read;
use std::process::{Child, Stdio};

use common::{
    finish, run, run_from_file, run_into_full, run_with_input, signal, start,
    wait_in_syscall as wait_blocked, Ns, Run,
};

const Q: &str = "0x4d2";
const NAME: &str = "queue 0x000004d2 (id 0)";

/// A queue with key 0x4d2 (id 0 in the fresh namespace).
fn queue(ns: &Ns) {
    run(ns.ipcx().args(["msg", "send", Q, "--create", "--raw"])).ok();
    run(ns.ipcx().args(["msg", "recv", Q, "--raw"])).ok();
}

fn send(ns: &Ns, args: &[&str]) {
    run(ns.ipcx().args(["msg", "send", Q]).args(args)).ok();
}

fn recv(ns: &Ns, args: &[&str]) -> Run {
    run(ns.ipcx().args(["msg", "recv", Q]).args(args))
}

/// `type:text` of every queued message, oldest first, taking nothing.
fn queued(ns: &Ns) -> String {
    let out = recv(ns, &["--peek", "--json"]).ok();
    out.lines()
        .map(|line| {
            let v: serde_json::Value = serde_json::from_str(line).expect("json");
            format!("{}:{}", v["type"], v["text"].as_str().unwrap_or("?"))
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Collects a child's output from now on, in a thread, so that a full pipe never stops it.
fn collect(child: Child) -> std::thread::JoinHandle<Run> {
    std::thread::spawn(move || finish(child))
}

#[test]
fn text_empty_and_binary_round_trips() {
    let ns = Ns::new();
    run(ns
        .ipcx()
        .args(["msg", "send", Q, "--create", "hello", "world"]))
    .ok();
    assert_eq!(recv(&ns, &[]).ok(), "hello world\n");
    send(&ns, &[""]);
    assert_eq!(recv(&ns, &["--raw"]).ok(), "");
    assert_eq!(queued(&ns), "");
    let binary: Vec<u8> = (0..=255u8).chain([0, b'\n', 0xff]).collect();
    run_with_input(ns.ipcx().args(["msg", "send", Q, "--raw"]), &binary).ok();
    assert_eq!(recv(&ns, &["--raw"]).stdout, binary);
    // Lines, NUL-separated records, and a last record without its separator.
    run_with_input(ns.ipcx().args(["msg", "send", Q]), b"a\n\nb c\nlast").ok();
    run_with_input(ns.ipcx().args(["msg", "send", Q, "-0"]), b"x\ny\0\0z").ok();
    assert_eq!(recv(&ns, &["-n", "4"]).ok(), "a\n\nb c\nlast\n");
    assert_eq!(recv(&ns, &["-n", "3", "-0"]).stdout, b"x\ny\0\0z\0");
}

#[test]
fn private_queue_reports_its_id() {
    let ns = Ns::new();
    let out = run(ns
        .ipcx()
        .args(["msg", "send", "private", "-m", "640", "hi"]));
    assert_eq!(out.code, Some(0));
    assert_eq!(out.stderr, "id:0\n");
    assert_eq!(run(ns.ipcx().args(["msg", "recv", "id:0"])).ok(), "hi\n");
    let ls = run(ns
        .ipcx()
        .args(["ls", "msg", "-o", "id,perms", "--raw", "--no-headings"]))
    .ok();
    assert_eq!(ls, "0 rw-r-----\n");
}

#[test]
fn the_three_type_selections_and_except() {
    let ns = Ns::new();
    queue(&ns);
    for (mtype, text) in [
        ("3", "c1"),
        ("1", "a1"),
        ("2", "b1"),
        ("3", "c2"),
        ("1", "a2"),
    ] {
        send(&ns, &["-t", mtype, text]);
    }
    assert_eq!(recv(&ns, &["-t", "2"]).ok(), "b1\n");
    assert_eq!(
        recv(&ns, &["-t", "-3"]).ok(),
        "a1\n",
        "lowest type ≤ 3 first"
    );
    assert_eq!(recv(&ns, &["-t", "3", "--except"]).ok(), "a2\n");
    assert_eq!(recv(&ns, &["-t", "0"]).ok(), "c1\n", "oldest of any type");
    assert_eq!(
        recv(&ns, &["--json"]).ok(),
        "{\"type\":3,\"bytes\":2,\"text\":\"c2\"}\n"
    );
    recv(&ns, &["-t", "2", "--nowait"]).fails(
        3,
        &format!("ipcx: msg recv: {NAME}: no message of type 2\n"),
    );
}

#[test]
fn a_stream_of_100000_lines_arrives_exactly() {
    let ns = Ns::new();
    queue(&ns);
    let input: String = (1..=100_000).map(|i| format!("line {i}\n")).collect();
    // The queue holds 16 KiB, so the receiver runs while the sender sends.
    let receiver = collect(start(ns.ipcx().args(["msg", "recv", Q, "-n", "100000"])));
    run_with_input(ns.ipcx().args(["msg", "send", Q]), input.as_bytes()).ok();
    let got = receiver.join().expect("receiver");
    assert_eq!(got.ok(), input);
    assert_eq!(queued(&ns), "");
}

#[test]
fn json_shows_type_bytes_and_text_or_base64() {
    let ns = Ns::new();
    queue(&ns);
    send(&ns, &["-t", "7", "héllo \"q\""]);
    run_with_input(
        ns.ipcx().args(["msg", "send", Q, "--raw", "-t", "9"]),
        b"\xff\x00a",
    )
    .ok();
    send(&ns, &[""]);
    assert_eq!(
        recv(&ns, &["-n", "3", "--json"]).ok(),
        "{\"type\":7,\"bytes\":10,\"text\":\"héllo \\\"q\\\"\"}\n\
         {\"type\":9,\"bytes\":3,\"base64\":\"/wBh\"}\n\
         {\"type\":1,\"bytes\":0,\"text\":\"\"}\n"
    );
}

#[test]
fn peek_leaves_the_queue_unchanged() {
    let ns = Ns::new();
    queue(&ns);
    for (mtype, text) in [("1", "one"), ("2", "two"), ("1", "three")] {
        send(&ns, &["-t", mtype, text]);
    }
    assert_eq!(recv(&ns, &["--peek"]).ok(), "one\ntwo\nthree\n");
    assert_eq!(recv(&ns, &["--peek", "-n", "1", "-t", "2"]).ok(), "two\n");
    assert_eq!(
        recv(&ns, &["--peek", "-t", "2", "--except"]).ok(),
        "one\nthree\n"
    );
    assert_eq!(queued(&ns), "1:one 2:two 1:three");
    let ls = run(ns
        .ipcx()
        .args(["ls", "msg", "-o", "msgs", "--raw", "--no-headings"]))
    .ok();
    assert_eq!(ls, "3\n");
    assert_eq!(recv(&ns, &["-n", "3"]).ok(), "one\ntwo\nthree\n");
}

#[test]
fn bad_inputs_name_the_problem() {
    let ns = Ns::new();
    run(ns.ipcx().args(["msg", "send", Q, "x"])).fails(
        1,
        "ipcx: msg send: queue 0x000004d2: no such queue (--create makes it)\n",
    );
    run(ns.ipcx().args(["msg", "recv", "id:9"]))
        .fails(1, "ipcx: msg recv: queue id:9: no such queue\n");
    run(ns.ipcx().args(["msg", "recv", "ftok:/no/such/path"])).fails(
        1,
        "ipcx: msg recv: queue ftok:/no/such/path:1: ftok path /no/such/path: no such file or directory\n",
    );
    run(ns.ipcx().args(["msg", "send", Q, "-t", "-1", "x"])).fails(
        2,
        "ipcx: msg send: invalid value '-1' for '--type <TYPE>': a message type is 1 or more (a POSIX priority 0 or more)\nTry 'ipcx msg send --help' for more information.\n",
    );
    run(ns.ipcx().args(["msg", "send", Q, "-t", "0", "x"])).fails(
        2,
        "ipcx: msg send: -t 0: a System V message type is 1 or more (0 is a priority, for POSIX queues)\n",
    );
    run(ns.ipcx().args(["msg", "send", Q, "--create", "--max-messages", "5", "x"])).fails(
        2,
        "ipcx: msg send: --max-messages and --message-size are for POSIX queues (/NAME); a System V queue's size is msg_qbytes (msgmnb, /proc/sys/kernel/msgmnb)\n",
    );
    run(ns.ipcx().args(["msg", "recv", Q, "--except"])).fails(
        2,
        "ipcx: msg recv: --except needs a TYPE of 1 or more (got 0)\n",
    );
    let nowhere = run(ns.ipcx().args(["msg", "recv", "nowhere"]));
    assert_eq!(nowhere.code, Some(2));
    assert!(nowhere.stderr.starts_with(
        "ipcx: msg recv: invalid value 'nowhere' for '<TARGET>': 'nowhere' is not a TARGET"
    ));
    run(ns.ipcx().args(["msg", "recv", Q, "-n", "0"])).fails(
        2,
        "ipcx: msg recv: invalid value '0' for '--count <COUNT>': 0 is not in 1..18446744073709551615\nTry 'ipcx msg recv --help' for more information.\n",
    );

    queue(&ns);
    let big = vec![b'x'; 9000];
    run_with_input(ns.ipcx().args(["msg", "send", Q, "--raw"]), &big).fails(
        1,
        &format!("ipcx: msg send: {NAME}: message of 9000 bytes exceeds msgmax 8192 (/proc/sys/kernel/msgmax)\n"),
    );
    let mut lines = b"ok\n".to_vec();
    lines.extend_from_slice(&big);
    lines.extend_from_slice(b"\nnot sent\n");
    run_with_input(ns.ipcx().args(["msg", "send", Q]), &lines).fails(
        1,
        &format!("ipcx: msg send: {NAME}: message of 9000 bytes exceeds msgmax 8192 (/proc/sys/kernel/msgmax); sent 1 before it\n"),
    );
    assert_eq!(queued(&ns), "1:ok");
    recv(&ns, &[]).ok();

    recv(&ns, &["--nowait"]).fails(3, &format!("ipcx: msg recv: {NAME}: no message\n"));
    recv(&ns, &["--timeout", "50ms"]).fails(
        3,
        &format!("ipcx: msg recv: {NAME}: no message within 50ms\n"),
    );
    send(&ns, &["one"]);
    let partial = recv(&ns, &["-n", "2", "--nowait"]);
    partial.fails(
        3,
        &format!("ipcx: msg recv: {NAME}: no message; received 1 of 2\n"),
    );
    assert_eq!(partial.stdout(), "one\n");

    run(ns.ipcx_as_nobody().args(["msg", "recv", Q]))
        .fails(1, &format!("ipcx: msg recv: {NAME}: permission denied\n"));
}

#[test]
fn a_full_queue_with_nowait_or_timeout_reports_what_was_sent() {
    let ns = Ns::new();
    queue(&ns);
    let line = "x".repeat(8000);
    // From a file, so that the rest can be counted to its end at once.
    run_from_file(
        ns.ipcx().args(["msg", "send", Q, "--nowait"]),
        format!("{line}\n{line}\n{line}\n{line}\n").as_bytes(),
    )
    .fails(3, &format!("ipcx: msg send: {NAME}: full; sent 2 of 4\n"));
    run(ns
        .ipcx()
        .args(["msg", "send", Q, "--timeout", "50ms", &line]))
    .fails(
        3,
        &format!("ipcx: msg send: {NAME}: still full after 50ms; sent 0 of 1\n"),
    );
    assert_eq!(recv(&ns, &["-n", "2"]).stdout.len(), 2 * 8001);
    assert_eq!(queued(&ns), "", "nothing sent twice");
    // From a pipe that is still open, what is there is counted, and the count says so: the
    // sender does not wait for the writer to finish.
    let (reader, mut writer) = std::io::pipe().unwrap();
    std::io::Write::write_all(
        &mut writer,
        format!("{line}\n{line}\n{line}\n{line}\n").as_bytes(),
    )
    .unwrap();
    let sent: Run = ns
        .ipcx()
        .args(["msg", "send", Q, "--nowait"])
        .stdin(reader)
        .output()
        .expect("spawn")
        .into();
    sent.fails(
        3,
        &format!("ipcx: msg send: {NAME}: full; sent 2 of at least 4\n"),
    );
    drop(writer);
    assert_eq!(recv(&ns, &["-n", "2"]).stdout.len(), 2 * 8001);
}

#[test]
fn a_message_over_msgmax_needs_truncate() {
    let ns = Ns::new();
    queue(&ns);
    run(&mut ns.sh("echo 10000 > /proc/sys/kernel/msgmax")).ok();
    run_with_input(ns.ipcx().args(["msg", "send", Q, "--raw"]), &[b'y'; 9000]).ok();
    run(&mut ns.sh("echo 8192 > /proc/sys/kernel/msgmax")).ok();
    recv(&ns, &[]).fails(
        1,
        &format!("ipcx: msg recv: {NAME}: a message is larger than msgmax 8192 bytes (/proc/sys/kernel/msgmax); --truncate takes it cut to 8192 bytes\n"),
    );
    assert_eq!(recv(&ns, &["--truncate", "--raw"]).stdout, vec![b'y'; 8192]);
}

#[test]
fn interop_with_python_sysv_ipc_both_ways() {
    let ns = Ns::new();
    ns.sysv_python(
        "q = sysv_ipc.MessageQueue(0x4d2, sysv_ipc.IPC_CREX, mode=0o600)\n\
         q.send(b'\\x00\\x01\\xfe\\xff', type=5)\n\
         q.send('from python', type=2)\n",
    );
    assert_eq!(recv(&ns, &["-t", "2"]).ok(), "from python\n");
    assert_eq!(recv(&ns, &["--raw", "-t", "5"]).stdout, b"\x00\x01\xfe\xff");

    send(&ns, &["-t", "4", "from ipcx"]);
    run_with_input(
        ns.ipcx().args(["msg", "send", Q, "--raw", "-t", "9"]),
        b"\x00\xff\n",
    )
    .ok();
    ns.sysv_python(
        "q = sysv_ipc.MessageQueue(0x4d2)\n\
         assert q.receive(type=9) == (b'\\x00\\xff\\n', 9)\n\
         assert q.receive() == (b'from ipcx', 4)\n\
         assert q.current_messages == 0\n",
    );
}

/// Sends 1..=200,000 through four concurrent `seq | ipcx msg send` senders, 50,000 each,
/// and waits for all of them to succeed.
fn send_200_000_from_four_senders(ns: &Ns) {
    let senders: Vec<Child> = (0..4)
        .map(|i| {
            let first = i * 50_000 + 1;
            ns.sh(&format!(
                "seq {first} {} | \"$IPCX\" msg send {Q}",
                first + 49_999
            ))
            .stdin(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn sender")
        })
        .collect();
    for sender in senders {
        let done: Run = sender.wait_with_output().expect("wait").into();
        done.ok();
    }
}

#[test]
fn four_senders_and_four_receivers_move_each_message_exactly_once() {
    let ns = Ns::new();
    queue(&ns);
    let receivers: Vec<_> = (0..4)
        .map(|_| collect(start(ns.ipcx().args(["msg", "recv", Q, "-n", "50000"]))))
        .collect();
    send_200_000_from_four_senders(&ns);
    let mut numbers: Vec<u32> = Vec::new();
    for receiver in receivers {
        let got = receiver.join().expect("receiver").ok();
        numbers.extend(got.lines().map(|n| n.parse::<u32>().expect("a number")));
    }
    numbers.sort_unstable();
    assert_eq!(numbers, (1..=200_000).collect::<Vec<u32>>());
    assert_eq!(queued(&ns), "");
}

/// The same traffic while every receiver is killed with SIGKILL at random moments and
/// started again: a receiver writes each message before it takes the next, so a kill loses
/// at most the one message it was writing, and no message arrives twice.
#[test]
fn receivers_killed_at_random_lose_at_most_one_message_per_kill() {
    use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
    use std::sync::Arc;
    let ns = Arc::new(Ns::new());
    queue(&ns);
    let stop = Arc::new(AtomicBool::new(false));
    let kills = Arc::new(AtomicU64::new(0));
    let receivers: Vec<_> = (0..4u64)
        .map(|slot| {
            let (ns, stop, kills) = (ns.clone(), stop.clone(), kills.clone());
            std::thread::spawn(move || {
                // A small generator of kill delays, different for each slot.
                let mut seed = slot.wrapping_mul(0x9e37_79b9_7f4a_7c15) ^ 0x2545_f491_4f6c_dd1d;
                let mut delay = move || {
                    seed ^= seed << 13;
                    seed ^= seed >> 7;
                    seed ^= seed << 17;
                    std::time::Duration::from_millis(5 + seed % 40)
                };
                let mut got = Vec::new();
                loop {
                    let last = stop.load(Ordering::SeqCst);
                    let mut child = start(ns.ipcx().args(["msg", "recv", Q, "--follow"]));
                    let mut stdout = child.stdout.take().expect("stdout");
                    let reader = std::thread::spawn(move || {
                        let mut out = Vec::new();
                        stdout.read_to_end(&mut out).expect("read");
                        out
                    });
                    if last {
                        // The queue is empty: the last receiver ends cleanly.
                        wait_blocked(&child, libc::SYS_msgrcv);
                        signal(&child, "TERM");
                    } else {
                        std::thread::sleep(delay());
                        child.kill().expect("SIGKILL");
                        kills.fetch_add(1, Ordering::SeqCst);
                    }
                    got.extend(reader.join().expect("reader"));
                    let status = child.wait().expect("wait");
                    if last {
                        assert_eq!(status.code(), Some(143));
                        return got;
                    }
                }
            })
        })
        .collect();
    send_200_000_from_four_senders(&ns);
    common::wait_until("the receivers to empty the queue", 120, || {
        run(ns
            .ipcx()
            .args(["ls", "msg", "-o", "msgs", "--raw", "--no-headings"]))
        .ok()
            == "0\n"
    });
    stop.store(true, Ordering::SeqCst);
    let mut numbers: Vec<u32> = Vec::new();
    for receiver in receivers {
        let got = receiver.join().expect("receiver");
        let text = String::from_utf8(got).expect("text");
        assert!(text.is_empty() || text.ends_with('\n'), "no torn line");
        numbers.extend(text.lines().map(|n| n.parse::<u32>().expect("a number")));
    }
    let received = numbers.len();
    numbers.sort_unstable();
    numbers.dedup();
    let duplicated = received - numbers.len();
    let lost = 200_000 - numbers.len();
    let kills = kills.load(Ordering::SeqCst);
    eprintln!(
        "sent 200000, received {received}, lost {lost}, duplicated {duplicated}, SIGKILLs {kills}"
    );
    assert_eq!(duplicated, 0);
    assert!(numbers.iter().all(|n| (1..=200_000).contains(n)));
    assert!(lost as u64 <= kills, "{lost} lost to {kills} kills");
}

#[test]
fn a_message_that_cannot_be_written_is_put_back_with_its_type() {
    let ns = Ns::new();
    queue(&ns);
    for (mtype, text) in [("1", "a"), ("2", "b"), ("3", "c")] {
        send(&ns, &["-t", mtype, text]);
    }
    // The first message is taken, cannot be written, and goes back (to the end of the
    // queue: msgsnd cannot put it in front); the second is never taken.
    run_into_full(ns.ipcx().args(["msg", "recv", Q, "-n", "2"])).fails(
        1,
        &format!("ipcx: msg recv: cannot write to stdout: no space left on device; put 1 message back on {NAME}\n"),
    );
    assert_eq!(queued(&ns), "2:b 3:c 1:a");

    // A pipe whose reader is gone.
    let (reader, writer) = std::io::pipe().expect("pipe");
    drop(reader);
    let out: Run = ns
        .ipcx()
        .args(["msg", "recv", Q, "-t", "-2", "-n", "2", "--json"])
        .stdin(Stdio::null())
        .stdout(writer)
        .output()
        .expect("run")
        .into();
    out.fails(
        141,
        &format!("ipcx: msg recv: stdout closed; put 1 message back on {NAME}\n"),
    );
    assert_eq!(queued(&ns), "2:b 3:c 1:a");
}

#[test]
fn interrupting_a_blocked_receiver_consumes_nothing() {
    let ns = Ns::new();
    queue(&ns);
    send(&ns, &["-t", "1", "stays"]);
    for (sig, code) in [("INT", 130), ("TERM", 143)] {
        let child = start(ns.ipcx().args(["msg", "recv", Q, "-t", "2"]));
        wait_blocked(&child, libc::SYS_msgrcv);
        signal(&child, sig);
        let out = finish(child);
        out.fails(code, "");
        assert_eq!(out.stdout(), "");
    }
    assert_eq!(queued(&ns), "1:stays");
}

#[test]
fn follow_is_prompt_and_ends_on_sigterm_with_everything_written() {
    let ns = Ns::new();
    queue(&ns);
    let mut child = start(ns.ipcx().args(["msg", "recv", Q, "--follow"]));
    let mut stdout = child.stdout.take().expect("stdout");
    send(&ns, &["first"]);
    // The receiver blocks again with nothing held back: the line is readable now.
    let mut line = [0u8; 6];
    stdout.read_exact(&mut line).expect("read");
    assert_eq!(&line, b"first\n");
    run_with_input(ns.ipcx().args(["msg", "send", Q]), b"second\nthird\n").ok();
    let mut more = [0u8; 13];
    stdout.read_exact(&mut more).expect("read");
    assert_eq!(&more, b"second\nthird\n");
    wait_blocked(&child, libc::SYS_msgrcv);
    signal(&child, "TERM");
    let mut rest = Vec::new();
    stdout.read_to_end(&mut rest).expect("read");
    assert_eq!(rest, b"");
    finish(child).fails(143, "");
    assert_eq!(queued(&ns), "");
}

#[test]
fn interrupting_a_blocked_sender_sends_nothing_more() {
    let ns = Ns::new();
    queue(&ns);
    let line = "x".repeat(8000);
    let mut child = ns
        .ipcx()
        .args(["msg", "send", Q])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    // Three lines of 8000 bytes: two fit in the 16 KiB queue, the third waits for room.
    let mut stdin = child.stdin.take().expect("stdin");
    std::io::Write::write_all(&mut stdin, format!("{line}\n{line}\n{line}\n").as_bytes())
        .expect("write");
    drop(stdin);
    wait_blocked(&child, libc::SYS_msgsnd);
    signal(&child, "INT");
    finish(child).fails(130, "");
    let ls = run(ns
        .ipcx()
        .args(["ls", "msg", "-o", "msgs", "--raw", "--no-headings"]))
    .ok();
    assert_eq!(ls, "2\n");
}

#[test]
fn a_queue_removed_while_waiting_is_an_error() {
    let ns = Ns::new();
    queue(&ns);
    let child = start(ns.ipcx().args(["msg", "recv", Q]));
    wait_blocked(&child, libc::SYS_msgrcv);
    run(ns.ipcx().args(["rm", "msg", Q])).ok();
    finish(child).fails(
        1,
        &format!("ipcx: msg recv: {NAME}: removed while waiting\n"),
    );
}

/// A receiver blocked writing to a pipe nobody reads, in the three moments an interrupt
/// can find it: before any of a record is written, and after part of one, once and twice.
#[test]
fn interrupting_a_receiver_blocked_on_its_output_puts_back_what_is_unwritten() {
    let ns = Ns::new();
    // A queue big enough for all the messages at once.
    run(&mut ns.sh("echo 3000000 > /proc/sys/kernel/msgmnb")).ok();
    queue(&ns);
    let fill = |size: usize, count: usize| {
        let line = "m".repeat(size);
        let batch: String = (0..count).map(|_| format!("{line}\n")).collect();
        run_with_input(ns.ipcx().args(["msg", "send", Q]), batch.as_bytes()).ok();
    };
    let blocked_receiver = || {
        let (reader, writer) = std::io::pipe().expect("pipe");
        let child = ns
            .ipcx()
            .args(["msg", "recv", Q, "--follow"])
            .stdin(Stdio::null())
            .stdout(writer)
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn");
        wait_blocked(&child, libc::SYS_write);
        (reader, child)
    };
    let queued_count = || {
        run(ns
            .ipcx()
            .args(["ls", "msg", "-o", "msgs", "--raw", "--no-headings"]))
        .ok()
    };
    // 1001-byte records (PIPE_BUF or less: written whole or not at all, and never split
    // across the pipe's pages): the pipe's 16 pages take 4 each, and the 65th waits with
    // none of it written. The interrupt ends the wait,
    // and the 66th goes back.
    fill(1000, 100);
    let (mut reader, child) = blocked_receiver();
    signal(&child, "INT");
    let out = finish(child);
    out.fails(
        130,
        &format!(
            "ipcx: msg recv: interrupted while writing to stdout; put 1 message back on {NAME}\n"
        ),
    );
    let mut written = Vec::new();
    reader.read_to_end(&mut written).expect("read");
    assert_eq!(written.len(), 64 * 1001, "64 whole lines");
    assert_eq!(queued_count(), "36\n", "100 less the 64 written");
    recv(&ns, &["-n", "36"]).ok();

    // Records larger than the pipe: one is always cut short by the reader that stopped.
    // One interrupt lets it be finished once the reader comes back, and nothing more is
    // taken.
    run(&mut ns.sh("echo 100000 > /proc/sys/kernel/msgmax")).ok();
    fill(70000, 3);
    let (mut reader, child) = blocked_receiver();
    signal(&child, "INT");
    let mut written = Vec::new();
    reader.read_to_end(&mut written).expect("read");
    let out = finish(child);
    out.fails(130, "");
    assert_eq!(written.len(), 70001, "the whole line");
    assert_eq!(queued_count(), "2\n");

    // Interrupted again while the rest waits for room: it is cut short there, said so,
    // and put back whole.
    let (mut reader, child) = blocked_receiver();
    signal(&child, "INT");
    let mut left = 0;
    common::wait_until("the rest of the record to block", 10, || {
        let call =
            std::fs::read_to_string(format!("/proc/{}/syscall", child.id())).unwrap_or_default();
        let fields: Vec<&str> = call.split_whitespace().collect();
        // write(1, buf, N): what is left of the record.
        left = fields
            .get(3)
            .and_then(|n| usize::from_str_radix(n.trim_start_matches("0x"), 16).ok())
            .unwrap_or(0);
        fields.first() == Some(&libc::SYS_write.to_string().as_str()) && left < 70001
    });
    signal(&child, "INT");
    let out = finish(child);
    let part = 70001 - left;
    out.fails(
        130,
        &format!(
            "ipcx: msg recv: interrupted while writing to stdout after {part} of the 70001 bytes of a message (those {part} bytes stay written); put 1 message back on {NAME}\n"
        ),
    );
    let mut written = Vec::new();
    reader.read_to_end(&mut written).expect("read");
    assert_eq!(written.len(), part);
    assert_eq!(queued_count(), "2\n", "put back");
}

/// A full disk in the middle of a record: the file is cut back to where the record began,
/// so the file holds whole records only, and the message goes back on the queue.
#[test]
fn a_full_disk_leaves_no_torn_record_in_a_file() {
    let ns = Ns::with_mounts();
    queue(&ns);
    let dir = common::tempdir();
    let dir = common::path_str(dir.path());
    // A 4 KiB file system in the namespace's own mount table: 4 records of 1001 bytes fit,
    // and 92 bytes of the 5th.
    run(&mut ns.sh(&format!("mount -t tmpfs -o size=4k none {dir}"))).ok();
    let line = "m".repeat(1000);
    let batch: String = (0..6).map(|i| format!("{i}{line}\n")).collect();
    run_with_input(ns.ipcx().args(["msg", "send", Q]), batch.as_bytes()).ok();
    let out = run(&mut ns.sh(&format!(
        "\"$IPCX\" msg recv {Q} -n 6 > {dir}/out; echo $? >&2; wc -c < {dir}/out; \
         head -c 1 {dir}/out; tail -c 1002 {dir}/out | head -c 1"
    )));
    // How much of the 5th fitted depends on tmpfs's accounting (88 bytes here).
    let part: usize = out
        .stderr
        .split(" after ")
        .nth(1)
        .and_then(|rest| rest.split(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("stderr: {}", out.stderr));
    assert!((1..1002).contains(&part), "{part} bytes of the 5th");
    assert_eq!(
        out.stderr,
        format!("ipcx: msg recv: cannot write to stdout: no space left on device after {part} of the 1002 bytes of a message (cut off again: the file ends where that message began); put 1 message back on {NAME}\n1\n")
    );
    assert_eq!(out.stdout(), "4008\n03");
    let rest: Vec<String> = recv(&ns, &["-n", "2"])
        .ok()
        .lines()
        .map(|l| l[..1].to_string())
        .collect();
    assert_eq!(rest, ["5", "4"], "the 6th, then the 5th put back");
}

/// A receiver whose stdout fails or closes while a producer keeps the queue full does not
/// wait for room for ever, and loses nothing: the one message it holds goes back, or, when
/// the queue stays full for a second, to stderr as JSON. For both families.
#[test]
fn putting_back_behind_a_producer_that_keeps_the_queue_full_ends_promptly() {
    let ns = Ns::with_mounts();
    for (queue_name, name) in [(Q, NAME), ("/q", "POSIX queue /q")] {
        if queue_name == Q {
            queue(&ns);
        } else {
            run(ns
                .ipcx()
                .args(["msg", "send", "/q", "--create", "--max-messages", "10", "x"]))
            .ok();
            run(ns.ipcx().args(["msg", "recv", "/q"])).ok();
        }
        // Stdout fails (a full device): every number is accounted for.
        let producer = Producer::start(&ns, queue_name);
        let (code, mut numbers) = receive_behind(
            &ns,
            queue_name,
            name,
            "> /dev/full",
            "cannot write to stdout: no space left on device",
        );
        assert_eq!(code, "1");
        numbers.extend(producer.stop(&ns, queue_name));
        numbers.sort_unstable();
        let last = *numbers.last().expect("numbers");
        assert!(
            numbers.iter().copied().eq(1..=last),
            "none lost, none twice: {} numbers, the last {last}",
            numbers.len()
        );
        eprintln!(
            "{name}, stdout on /dev/full: sent {last}, received {}, lost 0, duplicated 0",
            numbers.len()
        );
        // Stdout closes (head has read its line): what head left unread in the pipe is
        // head's to lose, so here no number may come twice.
        let producer = Producer::start(&ns, queue_name);
        let (code, mut numbers) =
            receive_behind(&ns, queue_name, name, "| head -1", "stdout closed");
        assert_eq!(code, "141");
        numbers.extend(producer.stop(&ns, queue_name));
        let count = numbers.len();
        numbers.sort_unstable();
        numbers.dedup();
        assert_eq!(numbers.len(), count, "none twice");
        eprintln!("{name}, stdout closed by head -1: {count} numbers seen, duplicated 0");
    }
}

/// `seq 1 1000000 | ipcx msg send QUEUE`, once it has filled the queue.
struct Producer {
    shell: Child,
    sender: u32,
}

impl Producer {
    fn start(ns: &Ns, queue: &str) -> Producer {
        let shell = ns
            .sh(&format!("seq 1 1000000 | \"$IPCX\" msg send {queue}"))
            .stdin(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("producer");
        let mut sender = None;
        common::wait_until("the producer to fill the queue", 10, || {
            sender = descendant(shell.id(), "ipcx");
            sender.is_some_and(|pid| {
                let syscall =
                    std::fs::read_to_string(format!("/proc/{pid}/syscall")).unwrap_or_default();
                let call = syscall.split_whitespace().next().unwrap_or("");
                call == libc::SYS_msgsnd.to_string() || call == libc::SYS_mq_timedsend.to_string()
            })
        });
        Producer {
            shell,
            sender: sender.expect("sender"),
        }
    }

    /// Ends the producer and takes what it left queued.
    fn stop(self, ns: &Ns, queue: &str) -> Vec<u64> {
        run(std::process::Command::new("kill").arg(self.sender.to_string())).ok();
        let producer: Run = self.shell.wait_with_output().expect("producer").into();
        assert_eq!(producer.code, Some(143), "{}", producer.stderr);
        let rest = run(ns
            .ipcx()
            .args(["msg", "recv", queue, "--follow", "--nowait"]));
        assert_eq!(rest.code, Some(3), "{}", rest.stderr);
        rest.stdout()
            .lines()
            .map(|n| n.parse::<u64>().expect("number"))
            .collect()
    }
}

/// Runs `msg recv QUEUE --follow OUTPUT` (a redirection or a pipe) while the producer keeps
/// the queue full; checks it ends within seconds saying `why` and what became of the message
/// it held; returns its status and every number it printed or gave to stderr.
fn receive_behind(ns: &Ns, queue: &str, name: &str, output: &str, why: &str) -> (String, Vec<u64>) {
    let started = std::time::Instant::now();
    let out = run(ns
        .cmd("bash")
        .args([
            "-c",
            &format!(
                "timeout 30 \"$IPCX\" msg recv {queue} --follow {output}; echo \"status ${{PIPESTATUS[0]}}\" >&2"
            ),
        ])
        .env("IPCX", common::ipcx_bin()));
    assert!(
        started.elapsed() < std::time::Duration::from_secs(10),
        "the receiver took {:?}",
        started.elapsed()
    );
    let mut numbers: Vec<u64> = out
        .stdout()
        .lines()
        .map(|n| n.parse().expect("a number"))
        .collect();
    let (report, code) = out
        .stderr
        .rsplit_once("status ")
        .unwrap_or_else(|| panic!("stderr: {}", out.stderr));
    let put_back = format!("ipcx: msg recv: {why}; put 1 message back on {name}\n");
    let kept = format!("ipcx: msg recv: {why}; 1 message could not be put back on {name} (it stayed full for 1s); it follows on stderr as JSON\n");
    eprintln!(
        "{name} {output}: status {} after {:?}; {}",
        code.trim_end(),
        started.elapsed(),
        if report == put_back {
            "put back"
        } else {
            "given to stderr as JSON"
        }
    );
    if report != put_back {
        let json = report
            .strip_prefix(&kept)
            .unwrap_or_else(|| panic!("stderr: {}", out.stderr));
        let v: serde_json::Value = serde_json::from_str(json).expect("json");
        numbers.push(v["text"].as_str().expect("text").parse().expect("number"));
    }
    (code.trim_end().to_string(), numbers)
}

#[test]
fn a_timeout_that_does_not_expire_leaves_the_wait_to_the_message() {
    let ns = Ns::new();
    queue(&ns);
    let mut child = start(
        ns.ipcx()
            .args(["msg", "recv", Q, "-n", "2", "--timeout", "60s"]),
    );
    let mut stdout = child.stdout.take().expect("stdout");
    for text in ["one", "two"] {
        wait_blocked(&child, libc::SYS_msgrcv);
        send(&ns, &[text]);
    }
    let mut out = String::new();
    stdout.read_to_string(&mut out).expect("read");
    assert_eq!(out, "one\ntwo\n");
    finish(child).fails(0, "");
}

/// The pid of the first process under `root` (itself included) whose name is `comm`.
fn descendant(root: u32, comm: &str) -> Option<u32> {
    let name = std::fs::read_to_string(format!("/proc/{root}/comm")).ok()?;
    if name.trim_end() == comm {
        return Some(root);
    }
    let children = std::fs::read_to_string(format!("/proc/{root}/task/{root}/children")).ok()?;
    children
        .split_whitespace()
        .filter_map(|pid| pid.parse().ok())
        .find_map(|pid| descendant(pid, comm))
}

/// A signal that lands after the receiver's last look and before it blocks in msgrcv must
/// not wait for the 60 s deadline. strace holds that moment open: the receiver is stopped
/// for a second on its way out of setitimer (which arms --timeout), the last system call
/// before msgrcv, and SIGINT arrives then. Also when ipcx was started with the kick's
/// signal (SIGRTMAX) blocked, as a parent may leave it.
#[test]
fn an_interrupt_just_before_the_receiver_blocks_is_not_missed() {
    for blocked in [false, true] {
        let ns = Ns::new();
        queue(&ns);
        let started = std::time::Instant::now();
        let mut command = ns.cmd("python3");
        command.args([
            "-c",
            "import os, signal, sys\nif sys.argv[1] == 'block':\n    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGRTMAX})\nos.execvp(sys.argv[2], sys.argv[2:])",
            if blocked { "block" } else { "leave" },
        ]);
        let tracer = start(
            command
                .args([
                    "strace",
                    "-f",
                    "-qq",
                    "-o",
                    "/dev/null",
                    "-e",
                    "trace=setitimer",
                ])
                .args(["-e", "inject=setitimer:delay_exit=1000000:when=1", "--"])
                .arg(common::ipcx_bin())
                .args(["msg", "recv", Q, "--timeout", "60s"]),
        );
        let mut receiver = None;
        common::wait_until("the receiver to stop in setitimer", 10, || {
            receiver = descendant(tracer.id(), "ipcx");
            let Some(pid) = receiver else { return false };
            let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
            let syscall =
                std::fs::read_to_string(format!("/proc/{pid}/syscall")).unwrap_or_default();
            stat.rsplit(')')
                .next()
                .and_then(|r| r.split_whitespace().next())
                == Some("t")
                && syscall.split_whitespace().next() == Some(&libc::SYS_setitimer.to_string())
        });
        let receiver = receiver.expect("the receiver's pid");
        run(std::process::Command::new("kill")
            .args(["-s", "INT"])
            .arg(receiver.to_string()))
        .ok();
        let out = finish(tracer);
        out.fails(130, "");
        assert_eq!(out.stdout(), "");
        assert!(
            started.elapsed() < std::time::Duration::from_secs(30),
            "SIGRTMAX blocked: {blocked}: the interrupt waited for the deadline: {:?}",
            started.elapsed()
        );
        assert_eq!(queued(&ns), "");
    }
}

/// A mailbox: a queue others may write to but not read. Sending needs only write
/// permission (msgsnd), so the queue's size and key, which need read permission, are not
/// required; receiving is refused and says so.
#[test]
fn a_write_only_queue_takes_messages_from_others() {
    let ns = Ns::new();
    run(ns
        .ipcx()
        .args(["msg", "send", Q, "--create", "-m", "622", "--raw"]))
    .ok();
    recv(&ns, &["--raw"]).ok();
    run(ns.ipcx_as_nobody().args(["msg", "send", Q, "by key"])).ok();
    run(ns.ipcx_as_nobody().args(["msg", "send", "id:0", "by id"])).ok();
    run(ns.ipcx_as_nobody().args(["msg", "recv", Q, "--nowait"]))
        .fails(1, &format!("ipcx: msg recv: {NAME}: permission denied\n"));
    assert_eq!(queued(&ns), "1:by key 1:by id");
    // The queue's size still bounds what may be sent: a message that could never fit is
    // refused at once (msgsnd would wait for it forever), also by id.
    ns.sysv_python("sysv_ipc.MessageQueue(0x4d2).max_size = 100");
    for target in [Q, "id:0"] {
        run_with_input(
            ns.ipcx_as_nobody().args(["msg", "send", target, "--raw"]),
            &[b'x'; 200],
        )
        .fails(
            1,
            &format!("ipcx: msg send: {NAME}: message of 200 bytes exceeds the queue's size of 100 bytes (msg_qbytes; new queues get msgmnb, /proc/sys/kernel/msgmnb)\n"),
        );
    }
}

/// Under nohup (SIGHUP inherited as ignored) a blocked receiver stays: the hangup is not
/// an interrupt for it, and it goes on to take the message that comes.
#[test]
fn an_inherited_ignored_hangup_stays_ignored() {
    let ns = Ns::new();
    queue(&ns);
    let child = start(&mut ns.sh("trap '' HUP; exec \"$IPCX\" msg recv 0x4d2 -n 1"));
    wait_blocked(&child, libc::SYS_msgrcv);
    signal(&child, "HUP");
    send(&ns, &["after the hangup"]);
    let out = finish(child);
    assert_eq!(out.ok(), "after the hangup\n");
}

/// Buffers follow the messages, not msgmax: a crafted msgmax of 2^64 - 1 and the largest
/// legal one (2^31 - 1) under a 1 GB address-space limit both work (they aborted, 134).
#[test]
fn a_huge_msgmax_does_not_size_the_buffers() {
    let ns = Ns::with_mounts();
    queue(&ns);
    let dir = common::tempdir();
    let crafted = dir.path().join("msgmax");
    std::fs::write(&crafted, "18446744073709551615\n").expect("write");
    let crafted = common::path_str(&crafted);
    let out = run(&mut ns.sh(&format!(
        "mount --bind {crafted} /proc/sys/kernel/msgmax && \
         \"$IPCX\" msg send {Q} crafted && \"$IPCX\" msg recv {Q} && \
         umount /proc/sys/kernel/msgmax"
    )));
    assert_eq!(out.ok(), "crafted\n");

    let big: Vec<u8> = (0..20_000u32).map(|i| (i % 251) as u8).collect();
    let file = dir.path().join("big");
    std::fs::write(&file, &big).expect("write");
    let file = common::path_str(&file);
    let out = run(&mut ns.sh(&format!(
        "echo 2147483647 > /proc/sys/kernel/msgmax && echo 100000 > /proc/sys/kernel/msgmnb && \
         ulimit -v 1000000 && \
         \"$IPCX\" msg send 0x4d3 --create --raw < {file} && \"$IPCX\" msg send 0x4d3 small && \
         \"$IPCX\" msg recv 0x4d3 --raw && \"$IPCX\" msg recv 0x4d3 --truncate"
    )));
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert_eq!(out.stderr, "");
    let mut expected = big.clone();
    expected.extend_from_slice(b"small\n");
    assert!(
        out.stdout == expected,
        "the 20,000-byte message, then the small one"
    );
}

/// A message given as arguments is bytes, as the shell passes them, UTF-8 or not.
#[test]
fn text_operands_are_bytes() {
    use std::os::unix::ffi::OsStrExt;
    let ns = Ns::new();
    queue(&ns);
    run(ns.ipcx().args(["msg", "send", Q]).args([
        std::ffi::OsStr::from_bytes(b"\xff\xfe"),
        std::ffi::OsStr::new("word"),
    ]))
    .ok();
    assert_eq!(recv(&ns, &["--raw"]).stdout, b"\xff\xfe word");
}

/// One size grammar, util-linux's: `--message-size 1KB` makes a POSIX queue of 1000-byte
/// messages, `1K` one of 1024.
#[test]
fn message_size_reads_kb_as_1000_and_k_as_1024() {
    let ns = Ns::with_mounts();
    let send = |queue: &str, size: &str, len: usize| {
        let text = "x".repeat(len);
        run(ns.ipcx().args([
            "msg",
            "send",
            queue,
            "--create",
            "--message-size",
            size,
            &text,
        ]))
    };
    send("/kb", "1KB", 1000).ok();
    send("/kb", "1KB", 1001).fails(1, "ipcx: msg send: POSIX queue /kb: message of 1001 bytes exceeds the queue's message size 1000 (mq_msgsize, set by --create --message-size; at most msgsize_max, /proc/sys/fs/mqueue/msgsize_max)\n");
    send("/k", "1K", 1024).ok();
    send("/k", "1K", 1025).fails(1, "ipcx: msg send: POSIX queue /k: message of 1025 bytes exceeds the queue's message size 1024 (mq_msgsize, set by --create --message-size; at most msgsize_max, /proc/sys/fs/mqueue/msgsize_max)\n");
}

/// msgmax comes from /proc/sys/kernel/msgmax, or from IPC_INFO where /proc/sys/kernel is
/// hidden (as `ls --limits` reads it): sending and receiving still work, and a message
/// over msgmax is still refused naming it.
#[test]
fn msgmax_comes_from_ipc_info_without_proc_sys_kernel() {
    let ns = Ns::with_mounts();
    queue(&ns);
    let big = "x".repeat(9000);
    let out = run(&mut ns.sh(&format!(
        "mount -t tmpfs none /proc/sys/kernel && \"$IPCX\" msg send {Q} hidden && \
         \"$IPCX\" msg recv {Q} && \"$IPCX\" msg send {Q} {big}; echo $?"
    )));
    assert_eq!(out.stdout(), "hidden\n1\n");
    assert_eq!(
        out.stderr,
        format!("ipcx: msg send: {NAME}: message of 9000 bytes exceeds msgmax 8192 (/proc/sys/kernel/msgmax)\n")
    );
}

/// msgmax 0 is a legal setting (root in its own IPC namespace): only empty messages go.
/// The buffer had no room for the type then: send panicked, and recv lost the message to
/// EFAULT after the kernel had taken it.
#[test]
fn a_msgmax_of_0_takes_empty_messages() {
    let ns = Ns::new();
    queue(&ns);
    send(&ns, &["--raw"]);
    let out = run(&mut ns.sh(&format!(
        "echo 0 > /proc/sys/kernel/msgmax && : | \"$IPCX\" msg send {Q} --raw && \
         \"$IPCX\" msg recv {Q} -n 2 --json && \"$IPCX\" msg send {Q} x; echo $?"
    )));
    assert_eq!(
        out.stdout(),
        "{\"type\":1,\"bytes\":0,\"text\":\"\"}\n{\"type\":1,\"bytes\":0,\"text\":\"\"}\n1\n"
    );
    assert_eq!(
        out.stderr,
        format!("ipcx: msg send: {NAME}: message of 1 bytes exceeds msgmax 0 (/proc/sys/kernel/msgmax)\n")
    );
}
