//! `ipcx ls locks`, side by side with lslocks.

use std::path::Path;

use super::{end, has_waiter, inode, ipcx, python_holder};
use crate::common::{self, host_ipcx, path_str, run, tempdir, wait_until};

/// The rows of `ipcx ls locks` and of `lslocks` (--bytes: sizes in bytes) on `path`,
/// raw, in these columns, sorted (lslocks lists in the reverse order of /proc/locks).
fn both_listings(path: &Path, cols: &str) -> (Vec<String>, Vec<String>) {
    let pick = |text: String| {
        let mut rows: Vec<String> = text
            .lines()
            .filter(|l| l.contains(path_str(path)))
            .map(str::to_string)
            .collect();
        rows.sort();
        rows
    };
    let ours = ipcx(&["ls", "locks", "--raw", "--no-headings", "-o", cols]).ok();
    let theirs = run(std::process::Command::new("lslocks").args([
        "--bytes",
        "--raw",
        "--noheadings",
        "-o",
        cols,
    ]))
    .ok();
    (pick(ours), pick(theirs))
}

#[test]
fn ls_locks_shows_holders_ranges_and_waiters_as_lslocks() {
    let dir = tempdir();
    let f = dir.path().join("f");
    let fs = path_str(&f);
    std::fs::write(&f, "0123456789").unwrap();
    let holder = python_holder(
        &f,
        "fcntl.lockf(f, fcntl.LOCK_EX, 10, 100)\n\
         g = os.open(sys.argv[1], os.O_RDONLY)\nfcntl.flock(g, fcntl.LOCK_SH)",
    );
    let pid = holder.id();
    let waiter = host_ipcx()
        .args([
            "lock", fs, "--api", "posix", "--range", "105:2", "--", "true",
        ])
        .spawn()
        .unwrap();
    wait_until("the waiter to block", 10, || has_waiter(&f));
    let (ours, theirs) = both_listings(&f, "COMMAND,PID,TYPE,SIZE,MODE,M,START,END,PATH,BLOCKER");
    assert_eq!(ours, theirs);
    assert_eq!(
        ours,
        [
            format!("ipcx {} POSIX 10 WRITE* 0 105 106 {fs} {pid}", waiter.id()),
            format!("python3 {pid} FLOCK 10 READ 0 0 0 {fs} "),
            format!("python3 {pid} POSIX 10 WRITE 0 100 109 {fs} "),
        ]
    );
    let out = ipcx(&[
        "ls",
        "locks",
        "--pid",
        &pid.to_string(),
        "--json",
        "-o",
        "+inode,holders",
    ]);
    let json: serde_json::Value = serde_json::from_str(&out.ok()).unwrap();
    let posix = json["locks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["type"] == "POSIX")
        .unwrap()
        .clone();
    assert_eq!(
        posix,
        serde_json::json!({"command": "python3", "pid": pid, "type": "POSIX", "size": 10,
            "mode": "WRITE", "m": false, "start": 100, "end": 109, "path": fs,
            "blocker": null, "inode": inode(&f), "holders": [format!("{pid},python3,3")]})
    );
    // --path picks the file's locks (the waiter's too), whatever the spelling.
    let out = run(host_ipcx()
        .args([
            "ls",
            "locks",
            "--path",
            "f",
            "-o",
            "pid,type,mode",
            "--no-headings",
        ])
        .current_dir(dir.path()));
    let mut rows: Vec<String> = out
        .ok()
        .lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect();
    rows.sort();
    assert_eq!(
        rows,
        [
            format!("{pid} FLOCK READ"),
            format!("{pid} POSIX WRITE"),
            format!("{} POSIX WRITE*", waiter.id())
        ]
    );
    end(holder);
    common::finish(waiter).ok();
    assert_eq!(
        ipcx(&["ls", "locks", "--path", fs, "--no-headings"]).ok(),
        ""
    );
}

#[test]
fn ls_locks_finds_the_holder_of_an_ofd_lock() {
    let dir = tempdir();
    let f = dir.path().join("f");
    let fs = path_str(&f);
    let holder = python_holder(&f, "ofd(fcntl.F_WRLCK, 5, 5)");
    let out = ipcx(&[
        "ls",
        "locks",
        "--path",
        fs,
        "--raw",
        "-o",
        "command,pid,type,mode,start,end,path,holders",
    ]);
    assert_eq!(
        out.ok(),
        format!("COMMAND PID TYPE MODE START END PATH HOLDERS\npython3 {0} OFDLCK WRITE 5 9 {fs} {0},python3,3\n", holder.id())
    );
    end(holder);
}

#[test]
fn ls_locks_bad_inputs() {
    ipcx(&["ls", "locks", "-o", "pid,nosuch"]).fails(
        2,
        "ipcx: ls: -o: unknown column 'nosuch' for locks (the columns: COMMAND PID TYPE SIZE INODE MAJ:MIN MODE M START END PATH BLOCKER HOLDERS)\n",
    );
    ipcx(&["ls", "locks", "--path", "/no/such/file"]).fails(
        1,
        "ipcx: ls: --path /no/such/file: no such file or directory\n",
    );
    // Options of `ls` itself before `locks` would be ignored: refused, naming the option.
    for (option, args) in [
        ("--json", &["ls", "--json", "locks"][..]),
        ("--ns", &["ls", "--ns", "1", "locks", "--json"][..]),
        ("--all-namespaces", &["ls", "-A", "locks"][..]),
    ] {
        ipcx(args).fails(
            2,
            &format!(
                "ipcx: ls: {option} before `locks` is an option of `ls` itself: give the \
                 options of `ls locks` after it (file locks belong to no IPC namespace and have \
                 their own columns; see `ipcx ls locks --help`)\n"
            ),
        );
    }
    // A pid with no locks: only the header.
    assert_eq!(
        ipcx(&["ls", "locks", "--pid", "999999999"]).ok(),
        "COMMAND PID TYPE SIZE MODE M START END PATH BLOCKER\n"
    );
}

/// From a pid namespace of its own the machine's locks are not shown (the kernel leaves
/// out holders it cannot name there), and the listing still succeeds; from the machine, a
/// holder in another mount namespace is listed with its pid and the path it sees.
#[test]
fn ls_locks_across_namespaces_never_fails() {
    let dir = tempdir();
    let f = dir.path().join("f");
    let holder = python_holder(&f, "fcntl.lockf(f, fcntl.LOCK_EX)");
    let out = run(std::process::Command::new("unshare")
        .args([
            "--user",
            "--map-root-user",
            "--pid",
            "--fork",
            "--mount-proc",
        ])
        .arg(common::ipcx_bin())
        .args(["ls", "locks", "--raw", "--no-headings", "-o", "pid,path"]));
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert!(
        !out.stdout().contains(&holder.id().to_string()),
        "{}",
        out.stdout()
    );
    end(holder);
    // A holder in a mount namespace with a private tmpfs: its file is not in ours.
    let mut inside = std::process::Command::new("unshare")
        .args(["--user", "--map-root-user", "--mount", "sh", "-c"])
        .arg("mount -t tmpfs none \"$0\" && exec flock -o \"$0/hidden\" sh -c 'echo ready; exec sleep 600'")
        .arg(dir.path())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    std::io::BufRead::read_line(
        &mut std::io::BufReader::new(inside.stdout.as_mut().unwrap()),
        &mut line,
    )
    .unwrap();
    assert_eq!(line, "ready\n");
    let out = ipcx(&[
        "ls",
        "locks",
        "--pid",
        &inside.id().to_string(),
        "--raw",
        "--no-headings",
        "-o",
        "command,type,path",
    ]);
    let hidden = dir.path().join("hidden");
    assert_eq!(out.ok(), format!("flock FLOCK {}\n", path_str(&hidden)));
    assert!(!hidden.exists());
    end(inside);
}
