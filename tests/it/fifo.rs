//! `ipcx fifo`: exact modes, removal of FIFOs only, exact data, the two-talkers demo,
//! --nowait, --timeout, --follow, --create cleanup and interruption. Paths live in
//! temporary directories.

use crate::common;

use std::io::{BufRead, BufReader, Write};
use std::os::unix::fs::{FileTypeExt, PermissionsExt};
use std::path::Path;
use std::process::{Child, Stdio};

use common::{
    binary, host_ipcx as ipcx, host_sh as sh, kill, wait_blocked_with_handlers as wait_blocked,
    wchan, SIGNALS,
};
use common::{path_str, run, run_with_input, tempdir, wait_until};

fn mode_and_type(path: &Path) -> (u32, bool) {
    let meta = std::fs::symlink_metadata(path).unwrap();
    (
        meta.permissions().mode() & 0o7777,
        meta.file_type().is_fifo(),
    )
}

fn reader(path: &str, extra: &[&str]) -> Child {
    common::start(ipcx().args(["fifo", "read", path]).args(extra))
}

#[test]
fn mk_makes_exact_modes_whatever_the_umask() {
    let dir = tempdir();
    let d = path_str(dir.path());
    run(&mut sh(&format!(
        "umask 077; \"$IPCX\" fifo mk '{d}/a' '{d}/b' -m 666"
    )))
    .ok();
    run(&mut sh(&format!("umask 000; \"$IPCX\" fifo mk '{d}/c'"))).ok();
    assert_eq!(mode_and_type(&dir.path().join("a")), (0o666, true));
    assert_eq!(mode_and_type(&dir.path().join("b")), (0o666, true));
    assert_eq!(mode_and_type(&dir.path().join("c")), (0o600, true));
    run(ipcx().args(["fifo", "mk", &format!("{d}/a"), &format!("{d}/e")]))
        .fails(1, &format!("ipcx: fifo mk: {d}/a: file exists\n"));
    assert_eq!(
        mode_and_type(&dir.path().join("e")),
        (0o600, true),
        "goes on past a failure"
    );
    run(ipcx().args(["fifo", "mk", &format!("{d}/x"), "-m", "999"])).fails(
        2,
        "ipcx: fifo mk: invalid value '999' for '--mode <MODE>': '999' is not a permission mode (expected octal 000 to 777, e.g. 600)\nTry 'ipcx fifo mk --help' for more information.\n",
    );
}

#[test]
fn rm_removes_fifos_only() {
    let dir = tempdir();
    let d = path_str(dir.path());
    run(ipcx().args(["fifo", "mk", &format!("{d}/p")])).ok();
    std::fs::write(dir.path().join("file"), "keep me").unwrap();
    std::fs::create_dir(dir.path().join("dir")).unwrap();
    run(ipcx().args([
        "fifo",
        "rm",
        &format!("{d}/file"),
        &format!("{d}/dir"),
        &format!("{d}/p"),
        &format!("{d}/gone"),
    ]))
    .fails(
        1,
        &format!(
            "ipcx: fifo rm: {d}/file: not a FIFO (a regular file); left in place\n\
             ipcx: fifo rm: {d}/dir: not a FIFO (a directory); left in place\n\
             ipcx: fifo rm: {d}/gone: no such file or directory\n"
        ),
    );
    assert!(!dir.path().join("p").exists());
    assert_eq!(
        std::fs::read_to_string(dir.path().join("file")).unwrap(),
        "keep me"
    );
    assert!(dir.path().join("dir").is_dir());
}

/// A symlink to a FIFO is that FIFO for reading and writing (`/dev/stdin` is one when it
/// is a pipe), but `fifo rm` removes only FIFOs themselves: the link stays, and so does
/// the FIFO it points at.
#[test]
fn a_symlink_to_a_fifo_is_read_and_written_but_not_removed() {
    let dir = tempdir();
    let d = path_str(dir.path());
    run(ipcx().args(["fifo", "mk", &format!("{d}/p")])).ok();
    std::os::unix::fs::symlink(format!("{d}/p"), format!("{d}/link")).unwrap();
    let reading = reader(&format!("{d}/link"), &[]);
    run(ipcx().args(["fifo", "write", &format!("{d}/link"), "through the link"])).ok();
    let out = reading.wait_with_output().unwrap();
    assert_eq!(
        (out.status.code(), out.stdout.as_slice()),
        (Some(0), &b"through the link\n"[..])
    );
    assert_eq!(
        run_with_input(ipcx().args(["fifo", "read", "/dev/stdin"]), b"piped\n").ok(),
        "piped\n"
    );
    run(ipcx().args(["fifo", "rm", &format!("{d}/link")])).fails(
        1,
        &format!("ipcx: fifo rm: {d}/link: not a FIFO (a symbolic link); left in place\n"),
    );
    assert!(mode_and_type(&dir.path().join("p")).1);
}

#[test]
fn write_and_read_move_exact_binary_data() {
    let dir = tempdir();
    let path = format!("{}/p", path_str(dir.path()));
    run(ipcx().args(["fifo", "mk", &path])).ok();
    let data = binary(6 << 20);
    let reading = reader(&path, &[]);
    // Its output is collected while the writer runs, so neither waits on the other.
    let collected = std::thread::spawn(move || reading.wait_with_output().unwrap());
    let written = run_with_input(ipcx().args(["fifo", "write", &path]), &data);
    assert_eq!(written.code, Some(0), "{}", written.stderr);
    let out = collected.join().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stdout == data, "bytes differ");
    // TEXT operands: joined with spaces, with a newline.
    let reading = reader(&path, &[]);
    run(ipcx().args(["fifo", "write", &path, "hello", "there"])).ok();
    assert_eq!(reading.wait_with_output().unwrap().stdout, b"hello there\n");
}

#[test]
fn two_talkers_over_two_fifos() {
    let dir = tempdir();
    let d = path_str(dir.path());
    let script = format!(
        "cd '{d}' && \"$IPCX\" fifo mk ab ba || exit 1
         ( \"$IPCX\" fifo read ab; \"$IPCX\" fifo write ba 'hi A, B here' ) > b.out &
         \"$IPCX\" fifo write ab 'hi B, A here' && \"$IPCX\" fifo read ba && wait && cat b.out"
    );
    assert_eq!(run(&mut sh(&script)).ok(), "hi A, B here\nhi B, A here\n");
}

#[test]
fn refusals() {
    let dir = tempdir();
    let d = path_str(dir.path());
    std::fs::write(dir.path().join("file"), "data").unwrap();
    run(ipcx().args(["fifo", "write", &format!("{d}/file"), "x"])).fails(
        1,
        &format!("ipcx: fifo write: {d}/file: not a FIFO (a regular file)\n"),
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("file")).unwrap(),
        "data"
    );
    run(ipcx().args(["fifo", "read", &format!("{d}/file")])).fails(
        1,
        &format!("ipcx: fifo read: {d}/file: not a FIFO (a regular file)\n"),
    );
    run(ipcx().args(["fifo", "read", &format!("{d}/none")])).fails(
        1,
        &format!("ipcx: fifo read: {d}/none: no such FIFO (use --create to make it)\n"),
    );
}

#[test]
fn nowait_and_timeout_are_status_3() {
    let dir = tempdir();
    let d = path_str(dir.path());
    let p = format!("{d}/p");
    run(ipcx().args(["fifo", "mk", &p])).ok();
    run(ipcx().args(["fifo", "write", &p, "x", "--nowait"]))
        .fails(3, &format!("ipcx: fifo write: no reader on {p}\n"));
    run(ipcx().args(["fifo", "read", &p, "--nowait"]))
        .fails(3, &format!("ipcx: fifo read: no writer on {p}\n"));
    run(ipcx().args(["fifo", "write", &p, "x", "--timeout", "200ms"])).fails(
        3,
        &format!("ipcx: fifo write: no reader on {p} within 200ms\n"),
    );
    run(ipcx().args(["fifo", "read", &p, "--timeout", "200ms"])).fails(
        3,
        &format!("ipcx: fifo read: no writer on {p} within 200ms\n"),
    );
    // A FIFO made with --create for this one use goes again when nobody came.
    let q = format!("{d}/q");
    run(ipcx().args(["fifo", "write", &q, "x", "--create", "--timeout", "100ms"])).fails(
        3,
        &format!("ipcx: fifo write: no reader on {q} within 100ms\n"),
    );
    assert!(!Path::new(&q).exists());
    // With a reader there, --nowait writes.
    let reading = reader(&p, &[]);
    wait_until("the reader to open", 10, || {
        wchan(reading.id()) == "wait_for_partner"
    });
    run(ipcx().args(["fifo", "write", &p, "now", "--nowait"])).ok();
    assert_eq!(reading.wait_with_output().unwrap().stdout, b"now\n");
}

#[test]
fn timeout_bounds_the_transfer_too() {
    let dir = tempdir();
    let p = format!("{}/p", path_str(dir.path()));
    run(ipcx().args(["fifo", "mk", &p])).ok();
    // A reader that opens the FIFO and never reads.
    let mut idle = sh(&format!("exec 3<'{p}'; exec sleep 600"))
        .spawn()
        .unwrap();
    let data = binary(4 << 20);
    run_with_input(
        ipcx().args(["fifo", "write", &p, "--timeout", "300ms"]),
        &data,
    )
    .fails(
        3,
        &format!("ipcx: fifo write: {p}: timed out after 300ms\n"),
    );
    idle.kill().unwrap();
    idle.wait().unwrap();
}

/// User and system CPU time of `pid` so far, in clock ticks (/proc/PID/stat).
fn cpu_ticks(pid: u32) -> u64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap();
    let fields: Vec<&str> = stat
        .rsplit(')')
        .next()
        .unwrap()
        .split_whitespace()
        .collect();
    // After the command name: state is field 3, utime 14 and stime 15.
    fields[11].parse::<u64>().unwrap() + fields[12].parse::<u64>().unwrap()
}

#[test]
fn follow_reads_successive_writers_without_spinning() {
    let dir = tempdir();
    let p = format!("{}/p", path_str(dir.path()));
    let mut follower = reader(&p, &["--follow", "--create"]);
    let mut lines = BufReader::new(follower.stdout.take().unwrap());
    wait_until("the FIFO", 10, || Path::new(&p).exists());
    for word in ["one", "two", "three"] {
        run(ipcx().args(["fifo", "write", &p, word])).ok();
        let mut line = String::new();
        lines.read_line(&mut line).unwrap();
        assert_eq!(line, format!("{word}\n"));
    }
    run_with_input(ipcx().args(["fifo", "write", &p]), b"four\nfive\n").ok();
    let mut line = String::new();
    lines.read_line(&mut line).unwrap();
    lines.read_line(&mut line).unwrap();
    assert_eq!(line, "four\nfive\n");
    // Between writers it sleeps in the pipe read, not in a loop: it gets there, and then
    // uses no CPU time while nothing is written. (wchan is sampled until it shows the pipe:
    // one look can catch the task between sleeps, where wchan reads 0.)
    wait_blocked(follower.id());
    wait_until("the follower to sleep in a pipe read", 10, || {
        wchan(follower.id()).contains("pipe")
    });
    let before = cpu_ticks(follower.id());
    std::thread::sleep(std::time::Duration::from_millis(300));
    let used = cpu_ticks(follower.id()) - before;
    assert!(
        used <= 2,
        "{used} ticks of CPU time in 300 ms without writers"
    );
    kill("INT", follower.id());
    assert_eq!(follower.wait().unwrap().code(), Some(130));
    // It made the FIFO for this use and was interrupted: the FIFO is gone.
    assert!(!Path::new(&p).exists());
}

#[test]
fn interrupted_open_exits_128_plus_n_and_removes_only_what_it_made() {
    let dir = tempdir();
    let d = path_str(dir.path());
    for (signal, code) in SIGNALS {
        // Made here with --create: removed.
        let made = format!("{d}/made-{signal}");
        let child = reader(&made, &["--create"]);
        wait_blocked(child.id());
        kill(signal, child.id());
        let out = child.wait_with_output().unwrap();
        assert_eq!(out.status.code(), Some(code));
        assert_eq!(
            (out.stdout.as_slice(), out.stderr.as_slice()),
            (&b""[..], &b""[..])
        );
        assert!(
            !Path::new(&made).exists(),
            "SIG{signal}: the FIFO it made is removed"
        );
        // Made beforehand: kept.
        let kept = format!("{d}/kept-{signal}");
        run(ipcx().args(["fifo", "mk", &kept])).ok();
        let mut child = ipcx()
            .args(["fifo", "write", &kept, "--create"])
            .stdin(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        child.stdin.as_mut().unwrap().write_all(b"x").unwrap();
        wait_blocked(child.id());
        kill(signal, child.id());
        assert_eq!(child.wait().unwrap().code(), Some(code));
        assert!(
            Path::new(&kept).exists(),
            "SIG{signal}: a FIFO it did not make stays"
        );
    }
}

#[test]
fn a_symlink_at_the_path_is_never_followed_to_make_a_fifo() {
    let dir = tempdir();
    let d = path_str(dir.path());
    let dangling = format!("{d}/dangling");
    std::os::unix::fs::symlink(format!("{d}/victim"), &dangling).unwrap();
    let to_file = format!("{d}/to-file");
    std::fs::write(dir.path().join("file"), "data").unwrap();
    std::os::unix::fs::symlink(format!("{d}/file"), &to_file).unwrap();
    for link in [&dangling, &to_file] {
        run(ipcx().args(["fifo", "mk", link]))
            .fails(1, &format!("ipcx: fifo mk: {link}: file exists\n"));
    }
    run(ipcx().args(["fifo", "read", &dangling, "--create", "--nowait"])).fails(
        1,
        &format!(
            "ipcx: fifo read: {dangling}: a symbolic link to nothing is in the way; not followed\n"
        ),
    );
    run(ipcx().args(["fifo", "write", &to_file, "x", "--create"])).fails(
        1,
        &format!("ipcx: fifo write: {to_file}: not a FIFO (a regular file)\n"),
    );
    assert!(
        !dir.path().join("victim").exists(),
        "nothing made through the link"
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("file")).unwrap(),
        "data"
    );
    for link in [&dangling, &to_file] {
        assert!(std::fs::symlink_metadata(link)
            .unwrap()
            .file_type()
            .is_symlink());
    }
}

#[test]
fn a_fifo_made_with_create_is_removed_where_it_was_made_and_only_if_still_ours() {
    let dir = tempdir();
    let d = path_str(dir.path());
    // Its directory moved while it waited: the FIFO is removed from where it now is.
    std::fs::create_dir(format!("{d}/sub")).unwrap();
    let child = reader(&format!("{d}/sub/p"), &["--create"]);
    wait_blocked(child.id());
    std::fs::rename(format!("{d}/sub"), format!("{d}/moved")).unwrap();
    kill("TERM", child.id());
    assert_eq!(child.wait_with_output().unwrap().status.code(), Some(143));
    assert!(
        !Path::new(&format!("{d}/moved/p")).exists(),
        "removed where it was made"
    );
    // A file put at its name meanwhile is not removed.
    let p = format!("{d}/q");
    let child = reader(&p, &["--create"]);
    wait_blocked(child.id());
    std::fs::write(format!("{d}/new"), "precious").unwrap();
    std::fs::rename(format!("{d}/new"), &p).unwrap();
    kill("TERM", child.id());
    assert_eq!(child.wait_with_output().unwrap().status.code(), Some(143));
    assert_eq!(std::fs::read_to_string(&p).unwrap(), "precious");
}
