//! `ipcx rm`: removal by target, by ipcrm's flags and by selection, in a private namespace.

use crate::common;

use common::{finish, run, run_into_full, signal, wait_in_syscall as wait_blocked, Ns, Run};

/// Two queues, two segments, two semaphore sets, with keys 1/2, 0x10/0x11, 0x20/0x21.
fn sample(ns: &Ns) {
    ns.sysv_python(
        "for k in (1, 2):\n    sysv_ipc.MessageQueue(k, sysv_ipc.IPC_CREX, mode=0o600)\n\
         for k in (0x10, 0x11):\n    sysv_ipc.SharedMemory(k, sysv_ipc.IPC_CREX, mode=0o600, size=4096)\n\
         for k in (0x20, 0x21):\n    sysv_ipc.Semaphore(k, sysv_ipc.IPC_CREX, mode=0o600)\n",
    );
}

fn ids(ns: &Ns) -> String {
    run(ns
        .ipcx()
        .args(["ls", "-o", "key,id", "--raw", "--no-headings"]))
    .ok()
}

#[test]
fn removes_by_key_and_id_and_prints_each() {
    let ns = Ns::new();
    sample(&ns);
    let out = run(ns.ipcx().args(["rm", "msg", "0x1", "id:1"])).ok();
    assert_eq!(
        out,
        "removed queue 0x00000001 (id 0)\nremoved queue 0x00000002 (id 1)\n"
    );
    let out = run(ns.ipcx().args(["rm", "shm", "16"])).ok();
    assert_eq!(out, "removed segment 0x00000010 (id 0)\n");
    let out = run(ns.ipcx().args(["rm", "sem", "id:1"])).ok();
    assert_eq!(out, "removed semaphore set 0x00000021 (id 1)\n");
    assert_eq!(ids(&ns), "0x00000011 1\n0x00000020 0\n");
    // util-linux no longer sees them either.
    let ipcs = run(ns.cmd("ipcs").arg("-q")).ok();
    assert_eq!(ipcs, "\n------ Message Queues --------\nkey        msqid      owner      perms      used-bytes   messages    \n\n");
}

#[test]
fn ipcrm_style_flags() {
    let ns = Ns::new();
    sample(&ns);
    let out = run(ns.ipcx().args([
        "rm", "-q", "0", "-Q", "2", "-m", "1", "-M", "0x10", "-s", "0", "-S", "0x21",
    ]))
    .ok();
    assert_eq!(
        out,
        "removed queue 0x00000001 (id 0)\nremoved queue 0x00000002 (id 1)\n\
         removed segment 0x00000011 (id 1)\nremoved segment 0x00000010 (id 0)\n\
         removed semaphore set 0x00000020 (id 0)\nremoved semaphore set 0x00000021 (id 1)\n"
    );
    assert_eq!(ids(&ns), "");
}

#[test]
fn ftok_targets() {
    let ns = Ns::new();
    let dir = common::tempdir();
    let path = dir.path().to_str().unwrap();
    ns.sysv_python( &format!("sysv_ipc.MessageQueue(sysv_ipc.ftok('{path}', 7, silence_warning=True), sysv_ipc.IPC_CREX)"));
    let key = run(ns.ipcx().args(["key", path, "7"])).ok();
    let out = run(ns.ipcx().args(["rm", "msg", &format!("ftok:{path}:7")])).ok();
    assert_eq!(out, format!("removed queue {} (id 0)\n", key.trim()));
    run(ns.ipcx().args(["rm", "msg", "ftok:/no/such/path"])).fails(
        1,
        "ipcx: rm: queue ftok:/no/such/path:1: ftok path /no/such/path: no such file or directory\n",
    );
}

#[test]
fn goes_on_past_a_failure_and_names_each() {
    let ns = Ns::new();
    sample(&ns);
    let run = run(ns.ipcx().args(["rm", "msg", "id:99", "id:0", "0x77"]));
    assert_eq!(run.code, Some(1));
    assert_eq!(
        run.stderr,
        "ipcx: rm: queue id:99: no such queue\nipcx: rm: queue 0x00000077: no such queue\n"
    );
    assert_eq!(run.stdout(), "removed queue 0x00000001 (id 0)\n");
    assert_eq!(
        ids(&ns),
        "0x00000002 1\n0x00000010 0\n0x00000011 1\n0x00000020 0\n0x00000021 1\n"
    );
}

#[test]
fn permission_denied_names_owner_and_mode() {
    let ns = Ns::new();
    sample(&ns);
    let run = run(ns.ipcx_as_nobody().args(["rm", "msg", "id:0", "-s", "1"]));
    run.fails(
        1,
        "ipcx: rm: queue 0x00000001 (id 0): permission denied (owner root, mode 0600; only the owner, the creator or root may remove it)\n\
         ipcx: rm: semaphore set 0x00000021 (id 1): permission denied (owner root, mode 0600; only the owner, the creator or root may remove it)\n",
    );
    assert_eq!(run.stdout(), "");
    assert_eq!(ids(&ns).lines().count(), 6, "nothing removed");
}

#[test]
fn all_dry_run_removes_nothing_then_all_removes_system_v_only() {
    let ns = Ns::new();
    sample(&ns);
    let out = run(ns.ipcx().args(["rm", "--all", "--dry-run"])).ok();
    assert_eq!(
        out,
        "would remove queue 0x00000001 (id 0)\nwould remove queue 0x00000002 (id 1)\n\
         would remove segment 0x00000010 (id 0)\nwould remove segment 0x00000011 (id 1)\n\
         would remove semaphore set 0x00000020 (id 0)\nwould remove semaphore set 0x00000021 (id 1)\n"
    );
    assert_eq!(ids(&ns).lines().count(), 6);
    let out = run(ns.ipcx().args(["rm", "--all=sem"])).ok();
    assert_eq!(
        out,
        "removed semaphore set 0x00000020 (id 0)\nremoved semaphore set 0x00000021 (id 1)\n"
    );
    run(ns.ipcx().args(["rm", "--all"])).ok();
    assert_eq!(ids(&ns), "");
    assert_eq!(
        run(ns.ipcx().args(["rm", "--all"])).ok(),
        "",
        "nothing left is not an error"
    );
}

#[test]
fn owner_and_age_narrow_the_selection() {
    let ns = Ns::new();
    sample(&ns);
    ns.sysv_python("q = sysv_ipc.MessageQueue(1)\nq.uid = 65534\n");
    let out = run(ns.ipcx().args(["rm", "--all", "--owner", "nobody"])).ok();
    assert_eq!(out, "removed queue 0x00000001 (id 0)\n");
    assert_eq!(
        run(ns.ipcx().args(["rm", "--all", "--older-than", "1h"])).ok(),
        ""
    );
    // An explicit target outside the selection is left alone.
    assert_eq!(
        run(ns.ipcx().args(["rm", "msg", "2", "--owner", "nobody"])).ok(),
        ""
    );
    let out = run(ns.ipcx().args(["rm", "--all=msg", "--older-than", "0s"])).ok();
    assert_eq!(out, "removed queue 0x00000002 (id 1)\n");
}

#[test]
fn orphaned_segments_only() {
    let ns = Ns::new();
    // ipcmk exits at once: its segment has no attachment and a creator that is gone.
    assert_eq!(
        run(ns.cmd("ipcmk").args(["-M", "4096"])).ok(),
        "Shared memory id: 0\n"
    );
    // This creator lives on, attached.
    let mut holder =
        ns.python_holder("m = sysv_ipc.SharedMemory(0x33, sysv_ipc.IPC_CREX, size=4096)");
    let out = run(ns.ipcx().args(["rm", "--all", "--orphaned"])).ok();
    assert!(
        out.starts_with("removed segment 0x")
            && out.ends_with(" (id 0)\n")
            && out.lines().count() == 1,
        "{out}"
    );
    assert_eq!(
        run(ns.ipcx().args(["ls", "shm", "-o", "key", "--no-headings"])).ok(),
        "0x00000033\n"
    );
    holder.kill().unwrap();
    holder.wait().unwrap();
}

#[test]
fn objects_made_by_ipcmk_are_removed() {
    let ns = Ns::new();
    run(ns.cmd("ipcmk").args(["-Q", "-S", "2"])).ok();
    let out = run(ns.ipcx().args(["rm", "msg", "id:0"])).ok();
    assert!(
        out.starts_with("removed queue 0x") && out.ends_with(" (id 0)\n"),
        "{out}"
    );
    let out = run(ns.ipcx().args(["rm", "-s", "0"])).ok();
    assert!(out.starts_with("removed semaphore set 0x"), "{out}");
    assert_eq!(run(ns.cmd("ipcs").args(["-s"])).ok(), "\n------ Semaphore Arrays --------\nkey        semid      owner      perms      nsems     \n\n");
}

#[test]
fn bad_inputs_are_usage_errors_and_touch_nothing() {
    let ns = Ns::new();
    sample(&ns);
    run(ns.ipcx().arg("rm")).fails(
        2,
        "ipcx: rm: nothing to remove: give TYPE TARGET..., -q/-Q/-m/-M/-s/-S, or --all[=TYPE]\n",
    );
    run(ns.ipcx().args(["rm", "msg", "id:0", "nonsense"])).fails(
        2,
        "ipcx: rm: invalid value 'nonsense' for '[TARGET]...': 'nonsense' is not a TARGET: not a key, id or name \
         (expected KEY (1234 or 0x4d2), id:N, ftok:PATH[:PROJ], private, or /NAME for a POSIX object)\n\
         Try 'ipcx rm --help' for more information.\n",
    );
    run(ns.ipcx().args(["rm", "msg", "private"])).fails(
        2,
        "ipcx: rm: 'private' names no existing object; give a key or id:N\n",
    );
    run(ns.ipcx().args(["rm", "-Q", "0"])).fails(
        2,
        "ipcx: rm: key 0 is IPC_PRIVATE, which names no single object; remove it by id\n",
    );
    run(ns.ipcx().args(["rm", "--all", "--older-than", "soon"])).fails(
        2,
        "ipcx: rm: invalid value 'soon' for '--older-than <DURATION>': 'soon' is not a duration \
         (expected number at 0; e.g. 500ms, 2s, 1m30s)\nTry 'ipcx rm --help' for more information.\n",
    );
    assert_eq!(ids(&ns).lines().count(), 6, "nothing removed");
}

/// `ipcx ARGS` with its stdout on a pipe whose read end is already closed.
fn into_closed_pipe(ns: &Ns, args: &[&str]) -> Run {
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    ns.ipcx()
        .args(args)
        .stdin(std::process::Stdio::null())
        .stdout(writer)
        .output()
        .unwrap()
        .into()
}

/// What `sample` leaves when only the queue with key 1 is gone.
const ALL_BUT_THE_FIRST_QUEUE: &str =
    "0x00000002 1\n0x00000010 0\n0x00000011 1\n0x00000020 0\n0x00000021 1\n";

#[test]
fn a_closed_stdout_ends_quietly_before_the_next_removal() {
    for args in [&["rm", "--all=msg"][..], &["rm", "msg", "1", "2"]] {
        let ns = Ns::new();
        sample(&ns);
        into_closed_pipe(&ns, args).fails(141, "");
        // The first queue was removed before its line could not be written; the second
        // was left alone.
        assert_eq!(ids(&ns), ALL_BUT_THE_FIRST_QUEUE, "{args:?}");
    }
    let ns = Ns::new();
    sample(&ns);
    into_closed_pipe(&ns, &["rm", "--all", "--dry-run"]).fails(141, "");
    assert_eq!(ids(&ns).lines().count(), 6, "nothing removed");
}

#[test]
fn a_full_stdout_stops_before_the_next_removal_and_names_the_unreported_one() {
    for args in [
        &["rm", "--all=msg"][..],
        &["rm", "msg", "1", "2"],
        &["rm", "-q", "0", "-q", "1"],
    ] {
        let ns = Ns::new();
        sample(&ns);
        run_into_full(ns.ipcx().args(args)).fails(
            1,
            "ipcx: rm: writing stdout: no space left on device: stopped after removing 1 object; \
             the line for the last (queue 0x00000001 (id 0)) was lost\n",
        );
        assert_eq!(ids(&ns), ALL_BUT_THE_FIRST_QUEUE, "{args:?}");
    }
    // A dry run removes nothing, so its failure is a plain output error.
    let ns = Ns::new();
    sample(&ns);
    run_into_full(ns.ipcx().args(["rm", "--all", "--dry-run"]))
        .fails(1, "ipcx: rm: writing stdout: no space left on device\n");
    assert_eq!(ids(&ns).lines().count(), 6, "nothing removed");
}

#[test]
fn a_file_system_that_fills_midway_keeps_every_line_but_the_last() {
    // stdout is a file on a one-page tmpfs, mounted in the test's own mount namespace over
    // its scratch directory: the first lines fit, a later one does not.
    let ns = Ns::with_mounts();
    ns.sysv_python(
        "for k in range(1, 301):\n    sysv_ipc.MessageQueue(k, sysv_ipc.IPC_CREX, mode=0o600)\n",
    );
    let dir = common::tempdir();
    let dir = common::path_str(dir.path());
    let out = run(&mut ns.sh(&format!(
        "mount -t tmpfs -o size=4k none {dir} && $IPCX rm --all=msg > {dir}/out; \
         echo $? >&2; cat {dir}/out"
    )));
    let written = out.stdout();
    let whole = written.matches('\n').count();
    assert!(whole > 10 && whole < 200, "{whole} lines");
    // The last removal's line was cut short or not written at all.
    let n = whole + 1;
    let key = n;
    let id = n - 1;
    assert_eq!(
        out.stderr,
        format!(
            "ipcx: rm: writing stdout: no space left on device: stopped after removing {n} objects; \
             the line for the last (queue 0x{key:08x} (id {id})) was lost\n1\n"
        )
    );
    let left = run(ns
        .ipcx()
        .args(["ls", "msg", "-o", "key", "--raw", "--no-headings"]))
    .ok();
    let expected: String = (n + 1..=300).map(|k| format!("0x{k:08x}\n")).collect();
    assert_eq!(left, expected);
}

fn posix_sample(ns: &Ns) {
    let script = "import posix_ipc\n\
        for n in ('/a', '/b'):\n    posix_ipc.MessageQueue(n, posix_ipc.O_CREX, mode=0o600)\n\
        posix_ipc.SharedMemory('/seg', posix_ipc.O_CREX, mode=0o600, size=64)\n\
        posix_ipc.Semaphore('/sem', posix_ipc.O_CREX, mode=0o600, initial_value=1)\n";
    run(ns.cmd("python3").args(["-c", script])).ok();
}

fn posix_names(ns: &Ns) -> String {
    run(ns.ipcx().args([
        "ls",
        "mq",
        "pshm",
        "psem",
        "-o",
        "name",
        "--raw",
        "--no-headings",
    ]))
    .ok()
}

#[test]
fn posix_objects_by_name_and_by_type() {
    let ns = Ns::with_mounts();
    posix_sample(&ns);
    // A bare --all never touches POSIX objects (DESIGN §3).
    assert_eq!(run(ns.ipcx().args(["rm", "--all"])).ok(), "");
    assert_eq!(posix_names(&ns), "/a\n/b\n/seg\n/sem\n");
    let out = run(ns.ipcx().args(["rm", "mq", "/a", "/nope"]));
    assert_eq!(out.code, Some(1));
    assert_eq!(out.stdout(), "removed POSIX queue /a\n");
    assert_eq!(
        out.stderr,
        "ipcx: rm: POSIX queue /nope: no such POSIX queue\n"
    );
    assert_eq!(
        run(ns.ipcx().args(["rm", "--all=pshm", "--dry-run"])).ok(),
        "would remove POSIX shared memory /seg\n"
    );
    assert_eq!(posix_names(&ns), "/b\n/seg\n/sem\n");
    assert_eq!(
        run(ns.ipcx().args(["rm", "--all=psem"])).ok(),
        "removed POSIX semaphore /sem\n"
    );
    assert_eq!(
        run(ns.ipcx().args(["rm", "--all=mq", "--older-than", "1h"])).ok(),
        "",
        "just made: not older than an hour"
    );
    assert_eq!(
        run(ns.ipcx().args(["rm", "pshm", "/seg"])).ok(),
        "removed POSIX shared memory /seg\n"
    );
    assert_eq!(posix_names(&ns), "/b\n");
    // The independent client agrees.
    let gone = "import posix_ipc\ntry:\n    posix_ipc.SharedMemory('/seg')\nexcept posix_ipc.ExistentialError:\n    print('gone')\n";
    assert_eq!(run(ns.cmd("python3").args(["-c", gone])).ok(), "gone\n");
}

#[test]
fn posix_bad_inputs() {
    let ns = Ns::with_mounts();
    posix_sample(&ns);
    run(ns.ipcx().args(["rm", "pshm", "0x10"])).fails(
        2,
        "ipcx: rm: '0x00000010' is not a POSIX name; pshm objects are named /NAME\n",
    );
    run(ns.ipcx().args(["rm", "msg", "/a"])).fails(
        2,
        "ipcx: rm: /a is a POSIX name; msg objects are named by KEY, id:N or ftok:PATH (for POSIX objects use mq, pshm or psem)\n",
    );
    // Not the owner: the file's mode and owner are named.
    let denied = run(ns.ipcx_as_nobody().args(["rm", "psem", "/sem"]));
    assert_eq!(denied.code, Some(1));
    assert_eq!(
        denied.stderr,
        "ipcx: rm: POSIX semaphore /sem: permission denied (owner root, mode 0600; removing it needs write permission on its directory)\n"
    );
    assert_eq!(posix_names(&ns), "/a\n/b\n/seg\n/sem\n");
}

#[test]
fn posix_removal_into_a_full_stdout_stops_too() {
    let ns = Ns::with_mounts();
    posix_sample(&ns);
    for args in [&["rm", "--all=mq"][..], &["rm", "mq", "/a", "/b"]] {
        run_into_full(ns.ipcx().args(args)).fails(
            1,
            "ipcx: rm: writing stdout: no space left on device: stopped after removing 1 object; \
             the line for the last (POSIX queue /a) was lost\n",
        );
        assert_eq!(posix_names(&ns), "/b\n/seg\n/sem\n", "{args:?}");
        run(ns.cmd("python3").args([
            "-c",
            "import posix_ipc\nposix_ipc.MessageQueue('/a', posix_ipc.O_CREX, mode=0o600)\n",
        ]))
        .ok();
    }
    into_closed_pipe(&ns, &["rm", "--all=mq"]).fails(141, "");
    assert_eq!(posix_names(&ns), "/b\n/seg\n/sem\n");
}

/// Whether Python's posix_ipc (an independent client) can open the queue `name`.
fn queue_there(ns: &Ns, name: &str) -> bool {
    let code = format!(
        "import posix_ipc\ntry:\n    posix_ipc.MessageQueue('{name}')\n    print('there')\nexcept posix_ipc.ExistentialError:\n    print('gone')\n"
    );
    match run(ns.cmd("python3").args(["-c", &code])).ok().as_str() {
        "there\n" => true,
        "gone\n" => false,
        other => panic!("{other}"),
    }
}

#[test]
fn queues_are_removed_by_name_without_the_mqueue_mount() {
    // /dev/mqueue once an empty directory, once absent (a private tmpfs over the
    // namespace's own /dev, so nothing lands on the machine's).
    for setup in [
        "umount /dev/mqueue",
        "umount /dev/mqueue && mount -t tmpfs -o mode=755 none /dev",
    ] {
        let ns = Ns::with_mounts();
        run(&mut ns.sh(setup)).ok();
        run(ns.cmd("python3").args([
            "-c",
            "import posix_ipc\nfor n in ('/q', '/r'):\n    posix_ipc.MessageQueue(n, posix_ipc.O_CREX, mode=0o600)\n",
        ]))
        .ok();
        assert_eq!(
            run(ns.ipcx().args(["rm", "mq", "/q", "--dry-run"])).ok(),
            "would remove POSIX queue /q\n"
        );
        assert!(queue_there(&ns, "/q"));
        let out = run(ns.ipcx().args(["rm", "mq", "/q", "/nope"]));
        out.fails(1, "ipcx: rm: POSIX queue /nope: no such POSIX queue\n");
        assert_eq!(out.stdout(), "removed POSIX queue /q\n");
        assert!(!queue_there(&ns, "/q"));
        run(ns.ipcx().args(["rm", "mq", "/q", "--dry-run"]))
            .fails(1, "ipcx: rm: POSIX queue /q: no such POSIX queue\n");
        // What needs the listing says so, and removes nothing.
        let hint = "/dev/mqueue is not mounted (as root: mkdir -p /dev/mqueue && mount -t mqueue none /dev/mqueue)\n";
        for (args, what) in [
            (&["rm", "--all=mq"][..], "--all=mq"),
            (&["rm", "--all=mq", "--dry-run"], "--all=mq"),
            (&["rm", "mq", "/r", "--owner", "root"], "--owner"),
            (&["rm", "mq", "/r", "--older-than", "1s"], "--older-than"),
        ] {
            run(ns.ipcx().args(args)).fails(
                1,
                &format!(
                    "ipcx: rm: POSIX message queues cannot be listed, which {what} needs: {hint}"
                ),
            );
        }
        assert!(queue_there(&ns, "/r"));
        // Without the file to look at, a refusal names no owner or mode.
        run(ns.ipcx_as_nobody().args(["rm", "mq", "/r"]))
            .fails(1, "ipcx: rm: POSIX queue /r: permission denied\n");
        assert!(queue_there(&ns, "/r"));
        // Unmounted, the removal into a full stdout still stops and says so.
        run_into_full(ns.ipcx().args(["rm", "mq", "/r", "/r2"])).fails(
            1,
            "ipcx: rm: writing stdout: no space left on device: stopped after removing 1 object; \
             the line for the last (POSIX queue /r) was lost\n",
        );
        assert!(!queue_there(&ns, "/r"));
    }
}

#[test]
fn an_interrupt_while_stdout_is_full_stops_and_names_the_unreported_removal() {
    let ns = Ns::new();
    // More lines than a pipe holds, into a pipe nobody reads.
    ns.sysv_python(
        "for k in range(1, 3001):\n    sysv_ipc.MessageQueue(k, sysv_ipc.IPC_CREX, mode=0o600)\n",
    );
    let (mut reader, writer) = std::io::pipe().unwrap();
    let child = {
        let mut command = ns.ipcx();
        command
            .args(["rm", "--all=msg"])
            .stdin(std::process::Stdio::null())
            .stdout(writer)
            .stderr(std::process::Stdio::piped());
        command.spawn().unwrap()
    };
    wait_blocked(&child, libc::SYS_write);
    signal(&child, "INT");
    let out = finish(child);
    let mut written = String::new();
    std::io::Read::read_to_string(&mut reader, &mut written).unwrap();
    // Each line fits a pipe buffer whole (less than PIPE_BUF), so none is cut.
    assert!(written.ends_with('\n'));
    let n = written.lines().count() + 1;
    assert!(n > 100 && n < 3000, "{n}");
    out.fails(
        130,
        &format!(
            "ipcx: rm: stopped after removing {n} objects; the line for the last \
             (queue 0x{n:08x} (id {})) was lost: interrupted by signal 2\n",
            n - 1
        ),
    );
    let left = run(ns
        .ipcx()
        .args(["ls", "msg", "-o", "key", "--raw", "--no-headings"]))
    .ok();
    let expected: String = (n + 1..=3000).map(|k| format!("0x{k:08x}\n")).collect();
    assert_eq!(left, expected);
}

#[test]
fn both_families_in_one_run_go_system_v_first() {
    // System V requests, then System V --all, then the POSIX requests, whatever the order
    // on the command line; a POSIX name that names nothing is reported in its turn.
    let ns = Ns::with_mounts();
    sample(&ns);
    posix_sample(&ns);
    let out = run(ns.ipcx().args([
        "rm",
        "mq",
        "/b",
        "/nope",
        "-Q",
        "1",
        "--all=shm",
        "--dry-run",
    ]));
    assert_eq!(out.code, Some(1));
    assert_eq!(
        out.stdout(),
        "would remove queue 0x00000001 (id 0)\n\
         would remove segment 0x00000010 (id 0)\n\
         would remove segment 0x00000011 (id 1)\n\
         would remove POSIX queue /b\n"
    );
    assert_eq!(
        out.stderr,
        "ipcx: rm: POSIX queue /nope: no such POSIX queue\n"
    );
    assert_eq!(posix_names(&ns), "/a\n/b\n/seg\n/sem\n");
}
