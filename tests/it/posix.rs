//! POSIX `/NAME` targets of `msg`, `shm` and `sem`, in a private IPC and mount namespace
//! with fresh /dev/mqueue and /dev/shm: round trips, priorities, binary data, range errors,
//! not-now statuses, interruption, the `sem p -- CMD` supervisor, and interop with Python's
//! posix_ipc both ways.

use crate::common;

use std::process::Stdio;

use common::{
    finish, run, run_from_file, run_into_full, run_with_input, signal, start,
    wait_in_syscall as wait_blocked, Ns, Run,
};

fn ipcx(ns: &Ns, args: &[&str]) -> Run {
    run(ns.ipcx().args(args))
}

/// ipcx with arguments given as one line of words.
fn words(ns: &Ns, line: &str) -> Run {
    run(ns.ipcx().args(line.split(' ')))
}

/// Runs Python with posix_ipc imported inside the namespace; returns its stdout.
fn python(ns: &Ns, code: &str) -> String {
    let script = format!("import posix_ipc\n{code}");
    run(ns.cmd("python3").args(["-c", &script])).ok()
}

// ---------------------------------------------------------------------------------------
// msg

#[test]
fn msg_round_trips_in_priority_order() {
    let ns = Ns::with_mounts();
    ipcx(
        &ns,
        &[
            "msg", "send", "/q", "--create", "-m", "640", "-t", "3", "three",
        ],
    )
    .ok();
    assert_eq!(
        run(&mut ns.sh("stat -c %a /dev/mqueue/q")).ok(),
        "640\n",
        "the mode is exactly -m, whatever the umask"
    );
    ipcx(&ns, &["msg", "send", "/q", "zero", "too"]).ok();
    run_with_input(ns.ipcx().args(["msg", "send", "/q", "-t", "5"]), b"a\nb\n").ok();
    run_with_input(
        ns.ipcx().args(["msg", "send", "/q", "--raw", "-t", "1"]),
        b"\xff\x00bin\n",
    )
    .ok();
    assert_eq!(
        ipcx(&ns, &["msg", "recv", "/q", "-n", "5", "--json"]).ok(),
        "{\"priority\":5,\"bytes\":1,\"text\":\"a\"}\n\
         {\"priority\":5,\"bytes\":1,\"text\":\"b\"}\n\
         {\"priority\":3,\"bytes\":5,\"text\":\"three\"}\n\
         {\"priority\":1,\"bytes\":6,\"base64\":\"/wBiaW4K\"}\n\
         {\"priority\":0,\"bytes\":8,\"text\":\"zero too\"}\n"
    );
    run_with_input(ns.ipcx().args(["msg", "send", "/q", "-0"]), b"x\0\0y").ok();
    let raw = ipcx(&ns, &["msg", "recv", "/q", "-n", "3", "-0"]);
    assert_eq!(
        (raw.code, raw.stdout.as_slice(), raw.stderr.as_str()),
        (Some(0), &b"x\0\0y\0"[..], "")
    );
    ipcx(&ns, &["msg", "send", "/q", "--raw"]).ok();
    assert_eq!(ipcx(&ns, &["msg", "recv", "/q", "--raw"]).ok(), "");
    // The empty message was taken: nothing is left.
    ipcx(&ns, &["msg", "recv", "/q", "--nowait"])
        .fails(3, "ipcx: msg recv: POSIX queue /q: no message\n");
}

#[test]
fn msg_bad_inputs_name_the_problem() {
    let ns = Ns::with_mounts();
    ipcx(&ns, &["msg", "recv", "/none"]).fails(
        1,
        "ipcx: msg recv: POSIX queue /none: no such queue (--create makes it)\n",
    );
    ipcx(&ns, &["msg", "send", "/q", "--create", "--message-size", "4", "--max-messages", "2", "12345"])
        .fails(1, "ipcx: msg send: POSIX queue /q: message of 5 bytes exceeds the queue's message size 4 (mq_msgsize, set by --create --message-size; at most msgsize_max, /proc/sys/fs/mqueue/msgsize_max)\n");
    ipcx(&ns, &["msg", "send", "/big", "--create", "--max-messages", "100000"]).fails(
        1,
        "ipcx: msg send: POSIX queue /big: cannot create: --max-messages 100000 exceeds msg_max 10 (/proc/sys/fs/mqueue/msg_max)\n",
    );
    ipcx(&ns, &["msg", "send", "/big", "--create", "--message-size", "64M"]).fails(
        1,
        "ipcx: msg send: POSIX queue /big: cannot create: --message-size 67108864 exceeds msgsize_max 8192 (/proc/sys/fs/mqueue/msgsize_max)\n",
    );
    ipcx(&ns, &["msg", "send", "/q", "-t", "32768", "x"]).fails(
        2,
        "ipcx: msg send: -t 32768: a POSIX priority is 0 to 32767 (MQ_PRIO_MAX)\n",
    );
    for (flags, why) in [
        (&["-t", "-2"][..], "-t and --except select by type; a POSIX queue always gives the oldest message of the highest priority"),
        (&["-t", "1", "--except"][..], "-t and --except select by type; a POSIX queue always gives the oldest message of the highest priority"),
        (&["--peek"][..], "--peek: a POSIX queue cannot be read without taking (mq_receive always takes)"),
        (&["--truncate"][..], "--truncate: a POSIX queue holds no message longer than its message size (mq_msgsize), which is what is read"),
    ] {
        run(ns.ipcx().args(["msg", "recv", "/q"]).args(flags))
            .fails(2, &format!("ipcx: msg recv: /q: {why}\n"));
    }
    assert_eq!(run(&mut ns.sh("ls /dev/mqueue")).ok(), "q\n");
}

#[test]
fn msg_nowait_and_timeout_say_what_was_done() {
    let ns = Ns::with_mounts();
    words(&ns, "msg send /q --create --max-messages 2 first").ok();
    run_from_file(
        ns.ipcx().args(["msg", "send", "/q", "--nowait"]),
        b"1\n2\n3\n",
    )
    .fails(3, "ipcx: msg send: POSIX queue /q: full; sent 1 of 3\n");
    run_from_file(
        ns.ipcx().args(["msg", "send", "/q", "--timeout", "50ms"]),
        b"4\n",
    )
    .fails(
        3,
        "ipcx: msg send: POSIX queue /q: still full after 50ms; sent 0 of 1\n",
    );
    ipcx(&ns, &["msg", "recv", "/q", "-n", "3", "--timeout", "50ms"]).fails(
        3,
        "ipcx: msg recv: POSIX queue /q: no message within 50ms; received 2 of 3\n",
    );
    ipcx(&ns, &["msg", "recv", "/q", "--nowait"])
        .fails(3, "ipcx: msg recv: POSIX queue /q: no message\n");
}

#[test]
fn msg_unwritten_messages_go_back_with_their_priority() {
    let ns = Ns::with_mounts();
    ipcx(&ns, &["msg", "send", "/q", "--create", "-t", "2", "two"]).ok();
    ipcx(&ns, &["msg", "send", "/q", "-t", "2", "later"]).ok();
    ipcx(&ns, &["msg", "send", "/q", "-t", "1", "one"]).ok();
    // Only the first is taken: each message is written before the next is taken.
    run_into_full(ns.ipcx().args(["msg", "recv", "/q", "-n", "2"])).fails(
        1,
        "ipcx: msg recv: cannot write to stdout: no space left on device; put 1 message back on POSIX queue /q\n",
    );
    // It went back to the end of its priority class: "two" is now behind "later".
    assert_eq!(
        ipcx(&ns, &["msg", "recv", "/q", "-n", "3", "--json"]).ok(),
        "{\"priority\":2,\"bytes\":5,\"text\":\"later\"}\n\
         {\"priority\":2,\"bytes\":3,\"text\":\"two\"}\n\
         {\"priority\":1,\"bytes\":3,\"text\":\"one\"}\n"
    );
}

#[test]
fn msg_interrupting_a_blocked_receiver_or_sender_consumes_nothing() {
    let ns = Ns::with_mounts();
    words(&ns, "msg send /q --create --max-messages 1 --raw").ok();
    let interrupt = |step: &str, syscall: i64| {
        for (sig, code) in [("INT", 130), ("TERM", 143)] {
            let child = start(ns.ipcx().args(step.split(' ')));
            wait_blocked(&child, syscall);
            signal(&child, sig);
            let out = finish(child);
            out.fails(code, "");
            assert_eq!(out.stdout(), "");
        }
    };
    // The queue is full for a sender (one message of one), then empty for a receiver.
    interrupt("msg send /q more", libc::SYS_mq_timedsend);
    assert_eq!(words(&ns, "msg recv /q --raw").ok(), "");
    interrupt("msg recv /q --follow", libc::SYS_mq_timedreceive);
    ipcx(&ns, &["msg", "send", "/q", "still here"]).ok();
    assert_eq!(ipcx(&ns, &["msg", "recv", "/q"]).ok(), "still here\n");
}

#[test]
fn msg_interop_with_python_posix_ipc_both_ways() {
    let ns = Ns::with_mounts();
    python(
        &ns,
        "q = posix_ipc.MessageQueue('/py', posix_ipc.O_CREX)\n\
         q.send(b'low', priority=1)\nq.send(b'high', priority=9)",
    );
    assert_eq!(
        ipcx(&ns, &["msg", "recv", "/py", "-n", "2"]).ok(),
        "high\nlow\n"
    );
    ipcx(&ns, &["msg", "send", "/py", "-t", "4", "from ipcx"]).ok();
    assert_eq!(
        python(
            &ns,
            "m, p = posix_ipc.MessageQueue('/py').receive()\nprint(m.decode(), p)"
        ),
        "from ipcx 4\n"
    );
}

// ---------------------------------------------------------------------------------------
// shm

#[test]
fn shm_round_trips_with_offsets_and_the_exact_mode() {
    let ns = Ns::with_mounts();
    run(&mut ns.sh("umask 077 && $IPCX shm write /seg --create --size 16 -m 644 hello")).ok();
    assert_eq!(
        run(&mut ns.sh("stat -c '%a %s' /dev/shm/seg")).ok(),
        "644 16\n"
    );
    ipcx(&ns, &["shm", "write", "/seg", "--offset", "10", "world"]).ok();
    assert_eq!(
        ipcx(&ns, &["shm", "read", "/seg"]).stdout,
        b"hello\0\0\0\0\0world\0"
    );
    assert_eq!(ipcx(&ns, &["shm", "read", "/seg", "--cstr"]).ok(), "hello");
    assert_eq!(
        ipcx(
            &ns,
            &["shm", "read", "/seg", "--offset", "10", "--length", "5"]
        )
        .ok(),
        "world"
    );
    let binary: Vec<u8> = (0..=255).collect();
    ipcx(&ns, &["shm", "write", "/bin", "--create", "--size", "256"]).ok();
    run_with_input(ns.ipcx().args(["shm", "write", "/bin"]), &binary).ok();
    assert_eq!(ipcx(&ns, &["shm", "read", "/bin"]).stdout, binary);
    // Appending output cannot take sendfile; the bytes arrive all the same.
    let dir = common::tempdir();
    let f = format!("{}/appended", common::path_str(dir.path()));
    assert_eq!(
        run(&mut ns.sh(&format!(
            "$IPCX shm read /seg --length 5 >> '{f}' && cat '{f}'"
        )))
        .ok(),
        "hello"
    );
}

#[test]
fn shm_range_errors_write_nothing() {
    let ns = Ns::with_mounts();
    ipcx(
        &ns,
        &["shm", "write", "/seg", "--create", "--size", "16", "x"],
    )
    .ok();
    const SEG: &str = "POSIX shared memory /seg";
    ipcx(&ns, &["shm", "read", "/seg", "--offset", "17"]).fails(
        1,
        &format!("ipcx: shm read: {SEG}: offset 17 is past the end of its 16 bytes\n"),
    );
    ipcx(
        &ns,
        &["shm", "read", "/seg", "--offset", "8", "--length", "9"],
    )
    .fails(
        1,
        &format!(
            "ipcx: shm read: {SEG}: offset 8 + length 9 = 17 is past the end of its 16 bytes\n"
        ),
    );
    ipcx(&ns, &["shm", "write", "/seg", "--offset", "12", "world"]).fails(
        1,
        &format!("ipcx: shm write: {SEG}: offset 12 + 5 bytes = 17 is past the end of its 16 bytes; nothing was written\n"),
    );
    run_with_input(ns.ipcx().args(["shm", "write", "/seg"]), b"abcdefghijklmnopq").fails(
        1,
        &format!("ipcx: shm write: {SEG}: stdin holds more than the 16 bytes between offset 0 and the end of its 16 bytes; those 16 bytes were written, the rest of stdin was not\n"),
    );
    ipcx(&ns, &["shm", "read", "/none"]).fails(
        1,
        "ipcx: shm read: POSIX shared memory /none: no such object\n",
    );
    ipcx(
        &ns,
        &["shm", "write", "/new", "--create", "--size", "0", "x"],
    )
    .fails(
        2,
        "ipcx: shm write: --size 0: a segment holds at least 1 byte\n",
    );
    // A write that does not fit into the object it created leaves no object behind.
    ipcx(&ns, &["shm", "write", "/new", "--create", "--size", "4", "toolong"]).fails(
        1,
        "ipcx: shm write: POSIX shared memory /new: offset 0 + 7 bytes = 7 is past the end of its 4 bytes; nothing was written\n",
    );
    assert_eq!(run(&mut ns.sh("ls /dev/shm")).ok(), "seg\n");
}

/// A FIFO or a directory in /dev/shm is not a shared memory object: refused at once (a
/// FIFO's open used to wait for a writer forever; `timeout` makes that a failure), and
/// left where it is.
#[test]
fn shm_refuses_what_is_not_a_regular_file() {
    let ns = Ns::with_mounts();
    run(&mut ns.sh("mkfifo /dev/shm/fifo && mkdir /dev/shm/dir")).ok();
    for name in ["fifo", "dir"] {
        for command in [&["read"][..], &["write", "data"][..]] {
            let verb = command[0];
            run(ns
                .cmd("timeout")
                .arg("10")
                .arg(common::ipcx_bin())
                .arg("shm")
                .arg(verb)
                .arg(format!("/{name}"))
                .args(&command[1..]))
            .fails(
                1,
                &format!("ipcx: shm {verb}: POSIX shared memory /{name}: not a shared memory object (/dev/shm/{name} is not a regular file)\n"),
            );
        }
    }
    run(&mut ns.sh("test -p /dev/shm/fifo && test -d /dev/shm/dir")).ok();
}

#[test]
fn shm_interrupting_a_write_waiting_for_stdin_removes_what_it_created() {
    let ns = Ns::with_mounts();
    let mut child = ns
        .ipcx()
        .args(["shm", "write", "/seg", "--create", "--size", "4K"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    wait_blocked(&child, libc::SYS_read);
    signal(&child, "TERM");
    let _stdin = child.stdin.take();
    finish(child).fails(143, "");
    assert_eq!(run(&mut ns.sh("ls /dev/shm")).ok(), "");
}

/// `--create --size` on an object that exists with another size is refused naming both
/// sizes; the object is neither written nor resized.
#[test]
fn shm_create_on_an_existing_object_of_another_size_is_refused() {
    let ns = Ns::with_mounts();
    ipcx(
        &ns,
        &["shm", "write", "/seg", "--create", "--size", "4K", "hi"],
    )
    .ok();
    for (size, bytes) in [("8K", 8192), ("10", 10)] {
        ipcx(&ns, &["shm", "write", "/seg", "--create", "--size", size, "ho"]).fails(
            1,
            &format!("ipcx: shm write: POSIX shared memory /seg: it exists with 4096 bytes, not the {bytes} of --size; nothing was written\n"),
        );
    }
    assert_eq!(run(&mut ns.sh("stat -c %s /dev/shm/seg")).ok(), "4096\n");
    assert_eq!(ipcx(&ns, &["shm", "read", "/seg", "--cstr"]).ok(), "hi");
    ipcx(
        &ns,
        &["shm", "write", "/seg", "--create", "--size", "4096", "ho"],
    )
    .ok();
    assert_eq!(ipcx(&ns, &["shm", "read", "/seg", "--cstr"]).ok(), "ho");
}

/// Another process truncates the object while `shm write` waits for stdin: the write fails
/// naming the object and both sizes, and the object keeps the size it was given (pwrite
/// used to grow it back to the end of the write, with status 0) — both when the write lands
/// in the page the object still has and when it lands in a page the truncation took away.
#[test]
fn shm_write_into_an_object_truncated_meanwhile_fails_and_does_not_grow_it() {
    let ns = Ns::with_mounts();
    for (offset, page) in [
        ("100", "offset 100 + 4 bytes = 104 is past its end"),
        ("6000", "the write at offset 6000 is past its end"),
    ] {
        ipcx(
            &ns,
            &["shm", "write", "/seg", "--create", "--size", "8K", "x"],
        )
        .ok();
        let mut child = ns
            .ipcx()
            .args(["shm", "write", "/seg", "--offset", offset])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn");
        wait_blocked(&child, libc::SYS_read);
        run(&mut ns.sh("truncate -s 10 /dev/shm/seg")).ok();
        let mut stdin = child.stdin.take().expect("stdin");
        std::io::Write::write_all(&mut stdin, b"data").expect("write stdin");
        drop(stdin);
        finish(child).fails(
            1,
            &format!("ipcx: shm write: POSIX shared memory /seg: another process made it smaller while it was being written (to 10 bytes, from 8192 when opened): {page}\n"),
        );
        assert_eq!(run(&mut ns.sh("stat -c %s /dev/shm/seg")).ok(), "10\n");
        // Truncated before the write starts: refused with nothing written, as before.
        ipcx(&ns, &["shm", "write", "/seg", "--offset", "100", "data"]).fails(
            1,
            "ipcx: shm write: POSIX shared memory /seg: offset 100 is past the end of its 10 bytes; nothing was written\n",
        );
        ipcx(&ns, &["shm", "write", "/seg", "--offset", "8", "data"]).fails(
            1,
            "ipcx: shm write: POSIX shared memory /seg: offset 8 + 4 bytes = 12 is past the end of its 10 bytes; nothing was written\n",
        );
        assert_eq!(
            ipcx(&ns, &["shm", "read", "/seg"]).stdout,
            b"x\0\0\0\0\0\0\0\0\0"
        );
        run(&mut ns.sh("rm /dev/shm/seg")).ok();
    }
}

/// Into an existing object (written through its mapping), SIGTERM after some bytes: 143,
/// stderr says how many, the bytes are there and the object keeps its size.
#[test]
fn shm_interrupting_a_write_into_an_existing_object_says_what_it_wrote() {
    let ns = Ns::with_mounts();
    ipcx(
        &ns,
        &["shm", "write", "/seg", "--create", "--size", "4K", ""],
    )
    .ok();
    let mut child = ns
        .ipcx()
        .args(["shm", "write", "/seg", "--offset", "4000"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let mut stdin = child.stdin.take().expect("stdin");
    std::io::Write::write_all(&mut stdin, b"abc").expect("write stdin");
    common::wait_until("the first bytes to arrive", 10, || {
        ipcx(&ns, &["shm", "read", "/seg", "--offset", "4000", "--cstr"]).stdout == b"abc"
    });
    wait_blocked(&child, libc::SYS_read);
    signal(&child, "TERM");
    finish(child).fails(
        143,
        "ipcx: shm write: POSIX shared memory /seg: interrupted after writing 3 bytes at offset 4000\n",
    );
    drop(stdin);
    assert_eq!(run(&mut ns.sh("stat -c %s /dev/shm/seg")).ok(), "4096\n");
}

#[test]
fn shm_interop_with_python_posix_ipc_both_ways() {
    let ns = Ns::with_mounts();
    python(
        &ns,
        "import mmap, os\n\
         m = posix_ipc.SharedMemory('/py', posix_ipc.O_CREX, size=8)\n\
         os.write(m.fd, b'from py')",
    );
    assert_eq!(ipcx(&ns, &["shm", "read", "/py", "--cstr"]).ok(), "from py");
    ipcx(&ns, &["shm", "write", "/py", "ipcx!"]).ok();
    assert_eq!(
        python(
            &ns,
            "import mmap\nm = posix_ipc.SharedMemory('/py')\n\
             print(mmap.mmap(m.fd, m.size)[:8])"
        ),
        "b'ipcx!py\\x00'\n"
    );
}

// ---------------------------------------------------------------------------------------
// sem

fn value(ns: &Ns, name: &str) -> String {
    ipcx(ns, &["sem", "get", name]).ok()
}

#[test]
fn sem_init_get_and_force() {
    let ns = Ns::with_mounts();
    run(&mut ns.sh("umask 077 && $IPCX sem init /s 2 -m 640")).ok();
    assert_eq!(run(&mut ns.sh("stat -c %a /dev/shm/sem.s")).ok(), "640\n");
    assert_eq!(value(&ns, "/s"), "2\n");
    assert_eq!(
        ipcx(&ns, &["sem", "get", "/s", "--json"]).ok(),
        "{\"name\":\"/s\",\"semaphores\":[{\"index\":0,\"value\":2,\"ncnt\":null,\"zcnt\":null,\"pid\":null}]}\n"
    );
    ipcx(&ns, &["sem", "init", "/s", "5"]).fails(
        1,
        "ipcx: sem init: POSIX semaphore /s: already exists (--force sets its value)\n",
    );
    ipcx(&ns, &["sem", "init", "/s", "5", "--force"]).ok();
    assert_eq!(value(&ns, "/s"), "5\n");
    ipcx(&ns, &["sem", "init", "/s", "1", "--force"]).ok();
    assert_eq!(value(&ns, "/s"), "1\n");
    ipcx(&ns, &["sem", "init", "/t", "1", "2"]).fails(
        2,
        "ipcx: sem init: /t: a POSIX semaphore is a single semaphore: give one VALUE, not 2\n",
    );
    ipcx(&ns, &["sem", "v", "/s", "-n", "1"]).fails(
        2,
        "ipcx: sem v: -n 1: a POSIX semaphore is a single semaphore (index 0 only)\n",
    );
    ipcx(&ns, &["sem", "get", "/none"]).fails(
        1,
        "ipcx: sem get: POSIX semaphore /none: no such semaphore\n",
    );
    ipcx(&ns, &["sem", "v", "/s", "-c", "3"]).ok();
    assert_eq!(value(&ns, "/s"), "4\n");
    // A POSIX semaphore holds up to SEM_VALUE_MAX, not System V's 32767.
    ipcx(&ns, &["sem", "init", "/big", "2147483647"]).ok();
    assert_eq!(value(&ns, "/big"), "2147483647\n");
    ipcx(&ns, &["sem", "v", "/big"]).fails(
        1,
        "ipcx: sem v: POSIX semaphore /big: the value would pass SEM_VALUE_MAX 2147483647, the largest a POSIX semaphore holds\n",
    );
}

/// A file in /dev/shm named like a semaphore that is not one (the wrong size, or not a
/// regular file) is refused before glibc maps it: a short file would kill ipcx with SIGBUS.
/// `ls` lists it without a value.
#[test]
fn a_file_that_is_not_a_semaphore_is_refused_not_mapped() {
    let ns = Ns::with_mounts();
    run(&mut ns.sh(": > /dev/shm/sem.empty && mkdir /dev/shm/sem.dir")).ok();
    for command in ["get", "p", "v"] {
        ipcx(&ns, &["sem", command, "/empty"]).fails(
            1,
            &format!("ipcx: sem {command}: POSIX semaphore /empty: /dev/shm/sem.empty is not a semaphore (0 bytes; a semaphore's file has 32)\n"),
        );
    }
    ipcx(&ns, &["sem", "init", "/empty", "1", "--force"]).fails(
        1,
        "ipcx: sem init: POSIX semaphore /empty: /dev/shm/sem.empty is not a semaphore (0 bytes; a semaphore's file has 32)\n",
    );
    ipcx(&ns, &["sem", "get", "/dir"]).fails(
        1,
        "ipcx: sem get: POSIX semaphore /dir: /dev/shm/sem.dir is not a semaphore (not a regular file)\n",
    );
    assert_eq!(
        ipcx(&ns, &["ls", "psem", "-o", "name,value"]).ok(),
        "NAME   VALUE\n/empty     -\n"
    );
}

#[test]
fn sem_p_nowait_timeout_and_count() {
    let ns = Ns::with_mounts();
    ipcx(&ns, &["sem", "init", "/s", "2"]).ok();
    ipcx(&ns, &["sem", "p", "/s", "-c", "3", "--nowait"]).fails(
        3,
        "ipcx: sem p: POSIX semaphore /s: cannot take 3 now (its value is 2)\n",
    );
    // The two it could take were given back.
    assert_eq!(value(&ns, "/s"), "2\n");
    ipcx(&ns, &["sem", "p", "/s", "-c", "2"]).ok();
    ipcx(&ns, &["sem", "p", "/s", "--timeout", "50ms"]).fails(
        3,
        "ipcx: sem p: POSIX semaphore /s: could not take 1 within 50ms (its value is 0)\n",
    );
    assert_eq!(value(&ns, "/s"), "0\n");
}

#[test]
fn sem_interrupting_a_blocked_p_gives_back_what_it_took() {
    let ns = Ns::with_mounts();
    ipcx(&ns, &["sem", "init", "/s", "1"]).ok();
    for (sig, code) in [("INT", 130), ("TERM", 143)] {
        let child = start(ns.ipcx().args(["sem", "p", "/s", "-c", "2"]));
        wait_blocked(&child, libc::SYS_futex);
        signal(&child, sig);
        finish(child).fails(code, "");
        assert_eq!(value(&ns, "/s"), "1\n");
    }
}

#[test]
fn sem_supervisor_gives_the_slot_back_however_cmd_ends() {
    let ns = Ns::with_mounts();
    ipcx(&ns, &["sem", "init", "/s", "1"]).ok();
    let out = run(&mut ns.sh("$IPCX sem p /s -- sh -c '$IPCX sem get /s; exit 7'"));
    assert_eq!((out.code, out.stdout().as_str()), (Some(7), "0\n"));
    assert_eq!(value(&ns, "/s"), "1\n");
    ipcx(&ns, &["sem", "p", "/s", "--", "no-such-command"])
        .fails(127, "ipcx: sem p: no-such-command: command not found\n");
    assert_eq!(value(&ns, "/s"), "1\n");
    ipcx(&ns, &["sem", "p", "/s", "--", "sh", "-c", "kill -KILL $$"]).fails(137, "");
    assert_eq!(value(&ns, "/s"), "1\n");
    // A SIGINT the caller ignores stays ignored in CMD.
    assert_eq!(
        run(&mut ns.sh("trap '' INT; exec $IPCX sem p /s -- sh -c 'kill -INT $$; echo survived'"))
            .ok(),
        "survived\n"
    );
    // SIGTERM to the supervisor goes on to CMD, and the slot comes back.
    let child = start(ns.ipcx().args(["sem", "p", "/s", "--", "sleep", "60"]));
    wait_blocked(&child, libc::SYS_rt_sigtimedwait);
    assert_eq!(value(&ns, "/s"), "0\n");
    signal(&child, "TERM");
    finish(child).fails(143, "");
    assert_eq!(value(&ns, "/s"), "1\n");
}

#[test]
fn sem_interop_with_python_posix_ipc_both_ways() {
    let ns = Ns::with_mounts();
    python(
        &ns,
        "posix_ipc.Semaphore('/py', posix_ipc.O_CREX, initial_value=2)",
    );
    ipcx(&ns, &["sem", "p", "/py"]).ok();
    assert_eq!(
        python(&ns, "print(posix_ipc.Semaphore('/py').value)"),
        "1\n"
    );
    ipcx(&ns, &["sem", "init", "/mine", "3"]).ok();
    python(&ns, "s = posix_ipc.Semaphore('/mine')\ns.acquire()");
    assert_eq!(value(&ns, "/mine"), "2\n");
}

/// An object this command made is removed when it cannot be used: 200 TiB is beyond the
/// address space, so the mapping fails after the object was created (it stayed behind,
/// 200 TiB and sparse, while the error said it could not be created).
#[test]
fn shm_an_object_made_and_not_mapped_is_not_left_behind() {
    let ns = Ns::with_mounts();
    ipcx(&ns, &["shm", "write", "/big", "--create", "--size", "200T", "hi"]).fails(
        1,
        "ipcx: shm write: POSIX shared memory /big: cannot create 219902325555200 bytes: out of memory\n",
    );
    assert_eq!(run(&mut ns.sh("ls /dev/shm")).ok(), "");
}
