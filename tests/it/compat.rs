//! The util-linux personalities against util-linux itself: the built binary is linked as
//! `ipcs`, `ipcrm` and `ipcmk` in a temporary directory, and every case runs both it and
//! /usr/bin's tool, comparing stdout, stderr and exit status byte for byte.
//!
//! `ipcs` cases run side by side in one private namespace holding objects of every kind
//! (several owners, one without a passwd entry and one with a name longer than ten
//! characters, modes, sizes, a segment attached by a live process and one marked for
//! removal, a locked segment, a queue with messages, semaphores that were operated on).
//! `ipcrm` and `ipcmk` change what they run against, so each tool runs in its own fresh,
//! identically built namespace, and the objects left behind are compared too.

use crate::common;

use std::path::{Path, PathBuf};
use std::process::{Child, Command};

use common::{ipcx_bin, run, Ns};

const TOOLS: [&str; 3] = ["ipcs", "ipcrm", "ipcmk"];

/// A temporary directory with `ipcs`, `ipcrm` and `ipcmk` symlinked to the built binary.
fn links() -> tempfile::TempDir {
    let dir = common::tempdir();
    for tool in TOOLS {
        std::os::unix::fs::symlink(ipcx_bin(), dir.path().join(tool)).expect("symlink");
    }
    dir
}

/// Who runs a case.
#[derive(Clone, Copy, PartialEq)]
enum As {
    Root,
    Nobody,
}

/// Runs many cases from one Python process (starting a process per case and per
/// namespace would make this file slow): each case's programs run as given, or, when a
/// fixture is given, each in a fresh IPC namespace of its own (unshare(2) in a forked
/// child) built by the fixture, and util-linux's `ipcs -a` there afterwards. Answers one
/// JSON object per program run.
const RUNNER: &str = r#"
import ctypes, json, os, subprocess, sys
import sysv_ipc
libc = ctypes.CDLL(None, use_errno=True)
request = json.load(sys.stdin)
fixture = request["fixture"]
NOBODY = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--"]
def once(argv, nobody):
    p = subprocess.run((NOBODY if nobody else []) + argv, stdin=subprocess.DEVNULL, capture_output=True)
    return {"code": p.returncode, "stdout": p.stdout.decode("latin-1"), "stderr": p.stderr.decode("latin-1")}
def fresh(argv, nobody):
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(r)
        try:
            assert libc.unshare(0x08000000) == 0
            exec(fixture, {"sysv_ipc": sysv_ipc})
            result = once(argv, nobody)
            result["left"] = subprocess.run(["/usr/bin/ipcs", "-a"], capture_output=True).stdout.decode("latin-1")
            os.write(w, json.dumps(result).encode())
        finally:
            os._exit(0)
    os.close(w)
    data = b""
    while True:
        chunk = os.read(r, 65536)
        if not chunk:
            break
        data += chunk
    os.waitpid(pid, 0)
    return json.loads(data)
results = []
for case in request["cases"]:
    for argv in case["programs"]:
        results.append(fresh(argv, case["nobody"]) if fixture else once(argv, case["nobody"]))
print(json.dumps(results))
"#;

/// One program's run, as the runner reports it.
#[derive(Debug, PartialEq)]
struct Outcome {
    code: i64,
    stdout: String,
    stderr: String,
    left: Option<String>,
}

/// Runs `ours` and `theirs` with each case's arguments inside `ns`; returns their
/// outcomes side by side, with the programs' own paths taken out of stderr (glibc's
/// getopt names the program by argv[0]).
fn run_cases(
    ns: &Ns,
    ours: &Path,
    theirs: &Path,
    cases: &[(As, Vec<String>)],
    fixture: Option<&str>,
) -> Vec<(Outcome, Outcome)> {
    let argv = |program: &Path, args: &[String]| {
        let mut argv = vec![program.display().to_string()];
        argv.extend(args.iter().cloned());
        argv
    };
    let cases_json: Vec<serde_json::Value> = cases
        .iter()
        .map(|(who, args)| {
            let programs = vec![argv(ours, args), argv(theirs, args)];
            serde_json::json!({ "nobody": *who == As::Nobody, "programs": programs })
        })
        .collect();
    let request = serde_json::json!({ "fixture": fixture, "cases": cases_json });
    let done = common::run_with_input(
        ns.cmd("python3").args(["-c", RUNNER]),
        request.to_string().as_bytes(),
    );
    assert_eq!(done.code, Some(0), "runner failed: {}", done.stderr);
    let values: Vec<serde_json::Value> = serde_json::from_slice(&done.stdout).expect("runner JSON");
    let outcome = |v: &serde_json::Value, program: &Path| {
        let prefix = format!("{}/", program.parent().unwrap().display());
        Outcome {
            code: v["code"].as_i64().unwrap(),
            stdout: v["stdout"].as_str().unwrap().to_string(),
            stderr: v["stderr"].as_str().unwrap().replace(&prefix, ""),
            left: v["left"].as_str().map(str::to_string),
        }
    };
    assert_eq!(values.len(), cases.len() * 2);
    values
        .chunks(2)
        .map(|pair| (outcome(&pair[0], ours), outcome(&pair[1], theirs)))
        .collect()
}

/// A difference between ipcx and util-linux, described for the failure message.
fn difference(what: &str, ours: &Outcome, theirs: &Outcome) -> Option<String> {
    if ours == theirs {
        return None;
    }
    Some(format!(
        "{what}\n  ipcx:       status {}\n{}\n  stderr: {:?}\n  left: {:?}\n  util-linux: status {}\n{}\n  stderr: {:?}\n  left: {:?}",
        ours.code, ours.stdout, ours.stderr, ours.left,
        theirs.code, theirs.stdout, theirs.stderr, theirs.left
    ))
}

#[track_caller]
fn assert_no_differences(differences: Vec<String>, cases: usize) {
    assert!(cases > 0);
    assert!(
        differences.is_empty(),
        "{} of {cases} cases differ from util-linux:\n\n{}",
        differences.len(),
        differences.join("\n\n")
    );
}

/// Objects of every kind, as described at the top of this file.
const POPULATION: &str = r#"
import os, ctypes
libc = ctypes.CDLL(None, use_errno=True)
IPC_CREAT = 0o1000
def as_user(uid, gid, make):
    pid = os.fork()
    if pid == 0:
        os.setgid(gid); os.setuid(uid); make(); os._exit(0)
    os.waitpid(pid, 0)
def semset(key, nsems, mode):
    semid = libc.semget(key, nsems, IPC_CREAT | mode)
    assert semid >= 0
    return semid
q = sysv_ipc.MessageQueue(0x1234, sysv_ipc.IPC_CREX, mode=0o644)
q.send(b"hello")
q.send(b"x" * 1500, type=2)
sysv_ipc.MessageQueue(-559038737, sysv_ipc.IPC_CREX, mode=0o600)
sysv_ipc.SharedMemory(0x20, sysv_ipc.IPC_CREX, size=5000, mode=0o644)
locked = sysv_ipc.SharedMemory(0x21, sysv_ipc.IPC_CREX, size=1 << 20, mode=0o640)
assert libc.shmctl(locked.id, 11, None) == 0   # SHM_LOCK
semset(0x30, 4, 0o600)
s = sysv_ipc.Semaphore(0x31, sysv_ipc.IPC_CREX, mode=0o666, initial_value=2)
s.acquire()
def nobody():
    q = sysv_ipc.MessageQueue(0x40, sysv_ipc.IPC_CREX, mode=0o600)
    q.send(b"secret")
    sysv_ipc.SharedMemory(0x41, sysv_ipc.IPC_CREX, size=10, mode=0o600)
    semset(0x42, 2, 0o600)
as_user(65534, 65534, nobody)
def unnamed():
    sysv_ipc.MessageQueue(0x50, sysv_ipc.IPC_CREX, mode=0o666)
    semset(0x51, 1, 0o444)
as_user(4242, 100, unnamed)
def long_name():
    sysv_ipc.SharedMemory(0x60, sysv_ipc.IPC_CREX, size=123456789, mode=0o660)
    sysv_ipc.MessageQueue(0x61, sysv_ipc.IPC_CREX, mode=0o640)
as_user(998, 998, long_name)
"#;

/// A live process holding segment 0x20 attached, and a segment it removed while
/// attached (status `dest`, key 0).
const HOLDER: &str = r#"
m = sysv_ipc.SharedMemory(0x20)
m.write(b"held")
gone = sysv_ipc.SharedMemory(0x22, sysv_ipc.IPC_CREX, size=8192)
gone.remove()
"#;

/// The population in a fresh namespace; with `hide_proc`, /proc/sysvipc is covered by an
/// empty tmpfs (in a private mount namespace), so both tools must walk the kernel's slots.
fn populated_ns(hide_proc: bool) -> (Ns, Child) {
    let ns = if hide_proc {
        Ns::with_mounts()
    } else {
        Ns::new()
    };
    if hide_proc {
        run(&mut ns.sh("mount -t tmpfs none /proc/sysvipc")).ok();
    }
    ns.sysv_python(POPULATION);
    let holder = ns.python_holder(HOLDER);
    (ns, holder)
}

fn populated() -> (Ns, Child) {
    populated_ns(false)
}

fn words(line: &str) -> Vec<&str> {
    line.split_whitespace().collect()
}

/// Every resource selection with every format and unit, the options' long forms, the
/// last-format-wins rule, and the mistakes.
fn ipcs_matrix() -> Vec<Vec<String>> {
    let mut cases: Vec<Vec<String>> = Vec::new();
    for resources in ["", "-q", "-m", "-s", "-a", "-qm", "-ms", "-q -s", "-qms"] {
        for format in ["", "-t", "-p", "-c", "-l", "-u"] {
            for unit in ["", "-b", "--human"] {
                let line = format!("{resources} {format} {unit}");
                cases.push(words(&line).iter().map(|w| w.to_string()).collect());
            }
        }
    }
    for line in [
        "-t -p",
        "-p -t",
        "-l -c -u",
        "-u -l",
        "-b --human",
        "--human -b -m",
        "-s -p -b",
        "--queues --shmems --semaphores",
        "--all --time",
        "--pid",
        "--creator",
        "--limits",
        "--summary",
        "--bytes",
        "--sem --hum",
        "-qmtu",
        "-ql",
        "x y",
        "-q extra -m",
        "-- -q",
        "-h",
        "--help",
        "--he",
        "-qh",
        "-hz",
        "-z",
        "-qz",
        "--foo",
        "--s",
        "--s=1",
        "--help=x",
        "--human=3",
        "--id",
        "-i",
        "-q -i",
        "--q",
        "--sha",
        "-i 0",
        "-q -m -i 0",
        "-a -i 1",
        "-i abc -q",
        "-q -i ''",
        "-q -i 99999999999",
        "-q -i -1",
        "-m -i -1",
        "-m -i -7 --human",
        "-m -i 2147483648",
        "-q --id=0",
        "-q -i0",
        "-qi0",
        "--id 0 -s",
        "-q -i ' 0'",
        "-q -i +0",
        "-m -i 0x1",
    ] {
        cases.push(shell_words(line));
    }
    for kind in ["-q", "-m", "-s"] {
        for id in 0..8 {
            for unit in ["", "-b", "--human"] {
                let line = format!("{kind} -i {id} {unit}");
                cases.push(words(&line).iter().map(|w| w.to_string()).collect());
            }
        }
    }
    cases
}

/// Splits on blanks, honouring single quotes (for `''` and `' 0'`).
fn shell_words(line: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut quoted = false;
    let mut started = false;
    for c in line.chars() {
        match c {
            '\'' => {
                quoted = !quoted;
                started = true;
            }
            ' ' if !quoted => {
                if started {
                    words.push(std::mem::take(&mut word));
                    started = false;
                }
            }
            c => {
                word.push(c);
                started = true;
            }
        }
    }
    if started {
        words.push(word);
    }
    words
}

fn compare_ipcs(who: As, hide_proc: bool) {
    let (ns, mut holder) = populated_ns(hide_proc);
    let links = links();
    let cases: Vec<(As, Vec<String>)> = ipcs_matrix().into_iter().map(|a| (who, a)).collect();
    let outcomes = run_cases(
        &ns,
        &links.path().join("ipcs"),
        Path::new("/usr/bin/ipcs"),
        &cases,
        None,
    );
    holder.kill().unwrap();
    holder.wait().unwrap();
    let differences = cases
        .iter()
        .zip(&outcomes)
        .filter_map(|((_, args), (a, b))| difference(&format!("ipcs {args:?}"), a, b))
        .collect();
    assert_no_differences(differences, cases.len());
}

#[test]
fn ipcs_matches_util_linux_as_root() {
    compare_ipcs(As::Root, false);
}

/// As nobody: other users' 0600 objects are still listed (from /proc), `-q -i` of one
/// shows qbytes=0, `-s -i` of one fails with util-linux's message and status 1.
#[test]
fn ipcs_matches_util_linux_as_nobody() {
    compare_ipcs(As::Nobody, false);
}

/// Without /proc/sysvipc util-linux walks the kernel's slots with *_STAT: it then lists
/// only what the caller may read, and shows the creator's uid as cgid for segments and
/// semaphore sets. ipcx does the same.
#[test]
fn ipcs_without_proc_matches_util_linux() {
    compare_ipcs(As::Root, true);
    compare_ipcs(As::Nobody, true);
}

/// The population really has what the matrix is meant to cover.
#[test]
fn the_population_covers_the_quirks() {
    let (ns, mut holder) = populated();
    let all = run(ns.cmd("ipcs").arg("-a")).ok();
    for needle in [
        "0xdeadbeef",
        " dest ",
        "locked",
        "4242       666",
        "nobody",
        "systemd-ne ",
        "1048576",
        "1505         2",
    ] {
        assert!(all.contains(needle), "no {needle:?} in\n{all}");
    }
    assert!(run(ns.cmd("ipcs").arg("-c"))
        .ok()
        .contains("systemd-network"));
    let attached = run(ns.cmd("ipcs").args(["-m", "-i", "0"])).ok();
    assert!(attached.contains("nattch=1"), "{attached}");
    holder.kill().unwrap();
    holder.wait().unwrap();
}

/// The objects ipcrm and ipcmk run against: two of each kind as root, one of each as
/// nobody, a queue with a message.
const FIXTURE: &str = r#"
import os, ctypes
libc = ctypes.CDLL(None)
q = sysv_ipc.MessageQueue(0x10, sysv_ipc.IPC_CREX)
q.send(b"hi")
sysv_ipc.MessageQueue(0x11, sysv_ipc.IPC_CREX)
sysv_ipc.SharedMemory(0x20, sysv_ipc.IPC_CREX, size=4096)
sysv_ipc.SharedMemory(0x21, sysv_ipc.IPC_CREX, size=100)
sysv_ipc.Semaphore(0x30, sysv_ipc.IPC_CREX)
assert libc.semget(0x31, 3, 0o1644) >= 0
if os.fork() == 0:
    os.setgid(65534); os.setuid(65534)
    sysv_ipc.MessageQueue(0x40, sysv_ipc.IPC_CREX, mode=0o600)
    sysv_ipc.SharedMemory(0x41, sysv_ipc.IPC_CREX, size=10, mode=0o600)
    sysv_ipc.Semaphore(0x42, sysv_ipc.IPC_CREX, mode=0o600)
    os._exit(0)
os.wait()
"#;

/// ipcmk draws random keys: mask them in what is left behind.
fn mask_keys(listing: &str) -> String {
    listing
        .lines()
        .map(|line| match line.strip_prefix("0x") {
            Some(rest) if rest.len() > 8 => format!("0x........{}", &rest[8..]),
            _ => line.to_string(),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn compare_fresh(tool: &str, cases: &[(As, &str)]) {
    let ns = Ns::new();
    let links = links();
    let ours = links.path().join(tool);
    let theirs = PathBuf::from("/usr/bin").join(tool);
    let parsed: Vec<(As, Vec<String>)> = cases.iter().map(|(w, l)| (*w, shell_words(l))).collect();
    let outcomes = run_cases(&ns, &ours, &theirs, &parsed, Some(FIXTURE));
    let mut differences = Vec::new();
    for ((who, line), (mut a, mut b)) in cases.iter().zip(outcomes) {
        if tool == "ipcmk" {
            a.left = a.left.as_deref().map(mask_keys);
            b.left = b.left.as_deref().map(mask_keys);
        }
        let who = if *who == As::Nobody {
            "as nobody: "
        } else {
            ""
        };
        if let Some(d) = difference(&format!("{who}{tool} {line}"), &a, &b) {
            differences.push(d);
        }
    }
    assert_no_differences(differences, cases.len());
}

#[test]
fn ipcrm_by_id_and_key_matches_util_linux() {
    use As::*;
    compare_fresh(
        "ipcrm",
        &[
            (Root, ""),
            (Root, "-q 0"),
            (Root, "-q 0 -m 1 -s 1"),
            (Root, "-q 0 -q 99 -q abc -q 1"),
            (Root, "-Q 0x10 -M 32 -S 061"),
            (Root, "-Q 0"),
            (Root, "-M 0x0"),
            (Root, "-Q 0x999"),
            (Root, "-Q zz"),
            (Root, "-Q ''"),
            (Root, "-q 77 -M ''"),
            (Root, "-Q 4294967296"),
            (Root, "-Q 4294967312"),
            (Root, "-Q -1"),
            (Root, "-S ' 0x30'"),
            (Root, "-Q 99999999999999999999999"),
            (Root, "-q 4294967296"),
            (Root, "-q ''"),
            (Root, "-q ' 1'"),
            (Root, "-q +1 -m -1"),
            (Root, "-v -m 0 -M 010 -S 48"),
            (Root, "--queue-id 0 --shmem-key=0x20 --sem 1 --verb"),
            (Root, "-q1 -m0"),
            (Nobody, "-q 0 -Q 0x40 -M 0x20 -m 2 -S 0x42"),
            (Nobody, "-v -s 0 -S 0x31"),
        ],
    );
}

#[test]
fn ipcrm_legacy_all_and_mistakes_match_util_linux() {
    use As::*;
    compare_fresh(
        "ipcrm",
        &[
            (Root, "msg"),
            (Root, "msg 0 1"),
            (Root, "msg 3 abc 99"),
            (Root, "shm 0 99999999999999999999"),
            (Root, "sem 1 0 -v"),
            (Root, "foo"),
            (Root, "-a"),
            (Root, "-v -a"),
            (Root, "-v --all=sem"),
            (Root, "-v -amsg"),
            (Root, "--all=shm -a"),
            (Root, "--all=foo"),
            (Root, "--all="),
            (Root, "-a msg"),
            (Root, "-q 1 extra"),
            (Root, "-z"),
            (Root, "-q 0 -z -q 1"),
            (Root, "--queue"),
            (Root, "--s 1"),
            (Root, "-q"),
            (Root, "-- msg 1"),
            (Root, "-- -q 1"),
            (Root, "-vq 0"),
            (Root, "-a -- -v"),
            (Root, "--all=msg --all"),
            (Root, "--verbose=1"),
            (Root, "-"),
            (Nobody, "-a"),
            (Nobody, "-v -a"),
            (Nobody, "msg 0 2"),
        ],
    );
}

#[test]
fn ipcmk_matches_util_linux() {
    use As::*;
    compare_fresh(
        "ipcmk",
        &[
            (Root, ""),
            (Root, "-Q"),
            (Root, "-Q -Q"),
            (Root, "-M 4096 -S 3 -Q -p 600"),
            (Root, "-S 2 -M 1K"),
            (Root, "--shmem=1K --queue --sema 2 --mode 0600"),
            (Root, "-M 1.5K -S 1 -p 0"),
            (Root, "-M 1KB -p 7777"),
            (Root, "-M 0x1000 -p ' 600'"),
            (Root, "-M 1G -M 4096"),
            (Root, "-M 0"),
            (Root, "-S 0"),
            (Root, "-Q -S -1"),
            (Root, "-S abc"),
            (Root, "-S 99999999999"),
            (Root, "-M 1.5"),
            (Root, "-M abc"),
            (Root, "-M ''"),
            (Root, "-M -5"),
            (Root, "-M 100E"),
            (Root, "-M 99999999999999999"),
            (Root, "-p 999 -Q"),
            (Root, "-p '' -Q"),
            (Root, "-p 0x1ff -Q"),
            (Root, "-z"),
            (Root, "extra"),
            (Root, "-Q extra"),
            (Root, "-M"),
            (Root, "--mo 600"),
            (Root, "-QM1K"),
            (Root, "-- -Q"),
            (Root, "--s 1"),
            (Root, "--q"),
            // -h is 2.42's usage now, with the POSIX options: ipcmk_help_is_2_42s.
            (Nobody, "-Q -M 1K -S 2"),
        ],
    );
}

/// -V names ipcx, honestly, in each tool's style; everything else about -V is as
/// util-linux: status 0, nothing on stderr, options after it ignored.
#[test]
fn version_names_ipcx() {
    let links = links();
    for tool in TOOLS {
        let out = run(Command::new(links.path().join(tool)).args(["-V", "-z"])).ok();
        assert_eq!(
            out,
            format!("{tool} from ipcx 0.1.0 (util-linux 2.42.2 compatible)\n")
        );
        let out = run(Command::new(links.path().join(tool)).arg("--version")).ok();
        assert_eq!(
            out,
            format!("{tool} from ipcx 0.1.0 (util-linux 2.42.2 compatible)\n")
        );
    }
}

/// `ipcx ipcs ...` is the same personality as the link, with the tool's own name in its
/// messages and its own status.
#[test]
fn subcommands_run_the_personalities() {
    let ns = Ns::new();
    ns.sysv_python(FIXTURE);
    let via_link = links();
    for args in [vec!["-a"], vec!["-q", "-i", "0"], vec!["-l", "--human"]] {
        let a = run(ns.ipcx().arg("ipcs").args(&args));
        let b = run(ns.cmd(via_link.path().join("ipcs")).args(&args));
        assert_eq!(
            (a.code, &a.stdout, &a.stderr),
            (b.code, &b.stdout, &b.stderr)
        );
    }
    // util-linux's `--` reaches the personality: `-q` is then an operand, ignored.
    let a = run(ns.ipcx().args(["ipcs", "--", "-q"]));
    let b = run(ns.cmd("/usr/bin/ipcs").args(["--", "-q"]));
    assert_eq!(
        (a.code, &a.stdout, &a.stderr),
        (b.code, &b.stdout, &b.stderr)
    );
    run(ns.ipcx().args(["ipcrm", "--", "msg", "0"])).fails(
        1,
        "ipcrm: unknown argument: msg\nTry 'ipcrm --help' for more information.\n",
    );
    run(ns.ipcx().args(["ipcs", "-z"])).fails(
        1,
        "ipcs: invalid option -- 'z'\nTry 'ipcs --help' for more information.\n",
    );
    run(ns.ipcx().args(["ipcrm", "-q", "77"])).fails(1, "ipcrm: invalid id (77)\n");
    let out = run(ns.ipcx().args(["ipcmk", "-Q"])).ok();
    assert_eq!(out, "Message queue id: 3\n");
    let help = run(ns.ipcx().args(["ipcrm", "--help"])).ok();
    assert!(help.starts_with("\nUsage:\n ipcrm [options]\n"), "{help}");
    let top = run(Command::new(ipcx_bin()).arg("--help")).ok();
    for tool in TOOLS {
        assert!(
            top.contains(&format!("  {tool} ")),
            "{tool} not listed:\n{top}"
        );
    }
    assert!(top.contains("install-links"));
}

/// A directory on the build's file system holding a hard link `ipcx` to the built binary.
/// (A copy would do, but executing a freshly written file races with other tests' forks
/// still holding it open: ETXTBSY.)
fn binary_home() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).expect("tempdir");
    let ipcx = dir.path().join("ipcx");
    std::fs::hard_link(ipcx_bin(), &ipcx).expect("hard link");
    (dir, ipcx)
}

/// A hard link selects the personality as a symlink does.
#[test]
fn hard_links_select_the_personality_too() {
    let (dir, _) = binary_home();
    std::fs::hard_link(ipcx_bin(), dir.path().join("ipcmk")).unwrap();
    let out = run(Command::new(dir.path().join("ipcmk")).arg("-V")).ok();
    assert_eq!(
        out,
        "ipcmk from ipcx 0.1.0 (util-linux 2.42.2 compatible)\n"
    );
}

#[test]
fn install_links_creates_keeps_and_refuses() {
    // Beside the binary: relative links, so the directory can move.
    let (home, copy) = binary_home();
    let out = run(Command::new(&copy).arg("install-links")).ok();
    let shown = home.path().display();
    assert_eq!(
        out,
        format!("created {shown}/ipcs -> ipcx\ncreated {shown}/ipcrm -> ipcx\ncreated {shown}/ipcmk -> ipcx\ncreated {shown}/flock -> ipcx\n")
    );
    assert_eq!(
        std::fs::read_link(home.path().join("ipcs")).unwrap(),
        Path::new("ipcx")
    );
    let version = run(Command::new(home.path().join("ipcrm")).arg("-V")).ok();
    assert_eq!(
        version,
        "ipcrm from ipcx 0.1.0 (util-linux 2.42.2 compatible)\n"
    );

    // Elsewhere: absolute links; a second run keeps them; a stranger's file is refused
    // (the others still done, status 1) until --force.
    let dir = common::tempdir();
    let target = copy.canonicalize().unwrap();
    std::fs::write(dir.path().join("ipcrm"), "#!/bin/sh\n").unwrap();
    std::os::unix::fs::symlink("/usr/bin/ipcmk", dir.path().join("ipcmk")).unwrap();
    let shown = dir.path().display();
    let refused = run(Command::new(&copy).arg("install-links").arg(dir.path()));
    assert_eq!(refused.code, Some(1));
    assert_eq!(
        refused.stdout(),
        format!(
            "created {shown}/ipcs -> {t}\ncreated {shown}/flock -> {t}\n",
            t = target.display()
        )
    );
    assert_eq!(
        refused.stderr,
        format!(
            "ipcx: install-links: {shown}/ipcrm: exists and is not a link to ipcx; left alone (--force replaces it)\n\
             ipcx: install-links: {shown}/ipcmk: exists and is not a link to ipcx; left alone (--force replaces it)\n"
        )
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("ipcrm")).unwrap(),
        "#!/bin/sh\n"
    );
    let forced = run(Command::new(&copy)
        .arg("install-links")
        .arg(dir.path())
        .arg("--force"))
    .ok();
    assert_eq!(
        forced,
        format!(
            "kept {shown}/ipcs (already runs ipcx)\nreplaced {shown}/ipcrm -> {t}\nreplaced {shown}/ipcmk -> {t}\nkept {shown}/flock (already runs ipcx)\n",
            t = target.display()
        )
    );
    assert_eq!(
        std::fs::read_link(dir.path().join("ipcmk")).unwrap(),
        target
    );
    // What cannot be replaced stays as it was, and nothing is left beside it.
    let other = common::tempdir();
    std::fs::create_dir(other.path().join("ipcs")).unwrap();
    std::fs::write(other.path().join("ipcs/keep"), "data").unwrap();
    let refused = run(Command::new(&copy)
        .arg("install-links")
        .arg(other.path())
        .arg("--force"));
    refused.fails(
        1,
        &format!(
            "ipcx: install-links: {}/ipcs: cannot replace: is a directory\n",
            other.path().display()
        ),
    );
    let mut names: Vec<String> = std::fs::read_dir(other.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["flock", "ipcmk", "ipcrm", "ipcs"]);
    assert_eq!(
        std::fs::read_to_string(other.path().join("ipcs/keep")).unwrap(),
        "data"
    );

    run(Command::new(&copy).args(["install-links", "/no/such/dir"])).fails(
        1,
        "ipcx: install-links: /no/such/dir/ipcs: cannot create the link: no such file or directory\n\
         ipcx: install-links: /no/such/dir/ipcrm: cannot create the link: no such file or directory\n\
         ipcx: install-links: /no/such/dir/ipcmk: cannot create the link: no such file or directory\n\
         ipcx: install-links: /no/such/dir/flock: cannot create the link: no such file or directory\n",
    );
}

/// A full disk is reported as util-linux's close_stdout reports it, with status 1; the
/// same for every tool.
#[test]
fn write_errors_match_util_linux() {
    let links = links();
    for (tool, args) in [
        ("ipcs", vec!["-l"]),
        ("ipcmk", vec!["-V"]),
        ("ipcrm", vec!["-h"]),
    ] {
        let full = |program: PathBuf| {
            let stdout = std::fs::File::create("/dev/full").expect("/dev/full");
            let mut command = Command::new(program);
            command.args(&args).stdout(stdout);
            run(&mut command)
        };
        let ours = full(links.path().join(tool));
        let theirs = full(PathBuf::from("/usr/bin").join(tool));
        assert_eq!(
            (ours.code, &ours.stderr),
            (theirs.code, &theirs.stderr),
            "{tool}"
        );
        assert_eq!(
            ours.stderr,
            format!("{tool}: write error: No space left on device\n")
        );
    }
}

const LIMIT_CASES: [&str; 8] = [
    "-l",
    "-l -b",
    "-l --human",
    "-q -l",
    "-m -l -b",
    "-s -l",
    "-m -l --human",
    "-a -l -u",
];

fn compare_limits(ns: &Ns, what: &str) {
    let links = links();
    let cases: Vec<(As, Vec<String>)> = LIMIT_CASES
        .iter()
        .flat_map(|l| [(As::Root, shell_words(l)), (As::Nobody, shell_words(l))])
        .collect();
    let outcomes = run_cases(
        ns,
        &links.path().join("ipcs"),
        Path::new("/usr/bin/ipcs"),
        &cases,
        None,
    );
    let differences = cases
        .iter()
        .zip(&outcomes)
        .filter_map(|((_, args), (a, b))| difference(&format!("{what}: ipcs {args:?}"), a, b))
        .collect();
    assert_no_differences(differences, cases.len());
}

/// The limits as the namespace's own /proc/sys/kernel sets them: the defaults (whose
/// total shared memory saturates), and values that do not saturate.
#[test]
fn ipcs_limits_match_util_linux() {
    let ns = Ns::new();
    compare_limits(&ns, "defaults");
    let set = "echo 12345 > /proc/sys/kernel/shmmax; echo 1000 > /proc/sys/kernel/shmall; \
               echo 77 > /proc/sys/kernel/shmmni; echo 65536 > /proc/sys/kernel/msgmax; \
               echo 1000000 > /proc/sys/kernel/msgmnb; echo 250 32000 32 128 > /proc/sys/kernel/sem";
    run(&mut ns.sh(set)).ok();
    compare_limits(&ns, "set");
    run(&mut ns.sh("echo 4611686018427387905 > /proc/sys/kernel/shmall")).ok();
    compare_limits(&ns, "shmall beyond 2^62");
}

/// Without /proc/sys/kernel util-linux asks the kernel (IPC_INFO); so does ipcx.
#[test]
fn ipcs_limits_without_proc_sys_match_util_linux() {
    let ns = Ns::with_mounts();
    run(&mut ns.sh("mount -t tmpfs none /proc/sys/kernel")).ok();
    compare_limits(&ns, "IPC_INFO");
}

/// Where ipcx departs from util-linux on purpose (IPCRM_ABOUT, IPCMK_ABOUT): an empty id
/// in the legacy form removes nothing (util-linux removes id 0), and a size whose fraction
/// would carry it past 2^64 - 1 is out of range (util-linux wraps it to 483 bytes).
#[test]
fn an_empty_id_and_a_wrapping_size_are_refused() {
    let ns = Ns::new();
    run(ns
        .ipcx()
        .args(["shm", "write", "0x10", "--create", "--size", "4K", "x"]))
    .ok();
    run(ns.ipcx().args(["ipcrm", "shm", ""])).fails(1, "ipcrm: invalid id: \n");
    run(ns.ipcx().args(["ipcmk", "-M", "18446744073709551.999KB"])).fails(
        1,
        "ipcmk: failed to parse size: '18446744073709551.999KB': Numerical result out of range\n",
    );
    let left = run(ns
        .ipcx()
        .args(["ls", "shm", "--no-headings", "-o", "key,id,size", "--bytes"]))
    .ok();
    assert_eq!(left, "0x00000010 0 4096\n");
}

/// One size grammar for ipcx and its ipcmk: `1KB` is 1000 bytes and `1K` 1024 in both
/// (`ipcx shm write --size 1KB` used to make 1024 bytes where `ipcmk -M 1KB` made 1000).
#[test]
fn ipcmk_and_shm_write_read_sizes_alike() {
    let ns = Ns::new();
    for size in ["1KB", "1K"] {
        let made = run(ns.ipcx().args(["ipcmk", "-M", size, "-p", "600"])).ok();
        assert!(made.starts_with("Shared memory id: "), "{made}");
        run(ns
            .ipcx()
            .args(["shm", "write", "private", "--create", "--size", size, ""]))
        .code
        .filter(|&code| code == 0)
        .expect("shm write --create --size");
    }
    let sizes = run(ns
        .ipcx()
        .args(["ls", "shm", "--no-headings", "-o", "id,size", "--bytes"]))
    .ok();
    assert_eq!(sizes, "0 1000\n1 1000\n2 1024\n3 1024\n");
}

/// The limits decided kind by kind, as util-linux's ipc_*_get_limits decide them, and the
/// same for `ipcs -l` and `ipcx ls --limits` (one data layer serves both): here a
/// /proc/sys/kernel with the three shm files (values of their own), no msg files, and a
/// sem file of three numbers. Segment limits come from the files, queue and semaphore
/// limits from IPC_INFO. `ls --limits` failed ("cannot read /proc/sys/kernel/msgmax").
#[test]
fn ipcs_and_ls_take_each_kinds_limits_from_the_same_place() {
    let ns = Ns::with_mounts();
    run(&mut ns.sh(
        "echo 250 32000 32 128 > /proc/sys/kernel/sem && echo 99 > /proc/sys/kernel/msgmni && \
         mount -t tmpfs none /proc/sys/kernel && cd /proc/sys/kernel && \
         echo 4242 > shmmax && echo 4343 > shmall && echo 44 > shmmni && \
         echo 1 2 3 > sem && echo 8192 > msgmax",
    ))
    .ok();
    compare_limits(&ns, "mixed sources");
    let table = run(ns.ipcx().args([
        "ls",
        "--limits",
        "--bytes",
        "-o",
        "resource,limit,source",
        "--no-headings",
    ]))
    .ok();
    assert_eq!(
        table,
        "\
MSGMNI    99 msgctl(IPC_INFO)
MSGMAX  8192 msgctl(IPC_INFO)
MSGMNB 16384 msgctl(IPC_INFO)
SHMMNI    44 /proc/sys/kernel/shmmni
SHMALL  4343 /proc/sys/kernel/shmall
SHMMAX  4242 /proc/sys/kernel/shmmax
SHMMIN     1 fixed in the kernel
SEMMNI   128 semctl(IPC_INFO)
SEMMNS 32000 semctl(IPC_INFO)
SEMMSL   250 semctl(IPC_INFO)
SEMOPM    32 semctl(IPC_INFO)
SEMVMX 32767 fixed in the kernel
"
    );
    let ipcs = run(ns.ipcx().args(["ipcs", "-l"])).ok();
    for line in [
        "max queues system wide = 99\n",
        "max number of segments = 44\n",
        "max seg size (kbytes) = 4\n",
        "max number of arrays = 128\n",
        "max semaphores per array = 250\n",
        "semaphore max value = 32767\n",
    ] {
        assert!(ipcs.contains(line), "no {line:?} in\n{ipcs}");
    }
}

/// Without /proc/sysvipc the personality lists what util-linux lists, only the objects the
/// caller may read (the *_STAT walk), while `ls` lists every object as /proc would: one
/// layer, two readers.
#[test]
fn without_proc_sysvipc_ipcs_walks_with_stat_and_ls_lists_everything() {
    let ns = Ns::with_mounts();
    ns.sysv_python(
        "sysv_ipc.SharedMemory(0x20, sysv_ipc.IPC_CREX, mode=0o600, size=4096)\n\
         sysv_ipc.MessageQueue(0x10, sysv_ipc.IPC_CREX, mode=0o600)\n\
         sysv_ipc.Semaphore(0x30, sysv_ipc.IPC_CREX, mode=0o600)\n",
    );
    let ls = |ns: &Ns| {
        let mut cmd = ns.ipcx_as_nobody();
        cmd.args([
            "ls",
            "msg",
            "shm",
            "sem",
            "-o",
            "key,owner",
            "--no-headings",
        ]);
        run(&mut cmd).ok()
    };
    let everything =
        "Message queues:\n0x00000010 root\n\nShared memory segments:\n0x00000020 root\n\n\
                      Semaphore sets:\n0x00000030 root\n";
    assert_eq!(ls(&ns), everything);
    run(&mut ns.sh("mount -t tmpfs none /proc/sysvipc")).ok();
    assert_eq!(ls(&ns), everything);
    let nobody = |program: &str| {
        let mut cmd = ns.cmd("setpriv");
        cmd.args(["--reuid=65534", "--regid=65534", "--clear-groups", "--"]);
        if program == "ipcx" {
            cmd.arg(ipcx_bin()).arg("ipcs");
        } else {
            cmd.arg("/usr/bin/ipcs");
        }
        run(cmd.arg("-a"))
    };
    let ours = nobody("ipcx");
    let theirs = nobody("util-linux");
    assert_eq!(ours.code, theirs.code);
    assert_eq!(ours.stdout(), theirs.stdout());
    assert_eq!(
        ours.stdout(),
        "\n------ Message Queues --------\nkey        msqid      owner      perms      used-bytes   messages    \n\n\
         ------ Shared Memory Segments --------\nkey        shmid      owner      perms      bytes      nattch     status      \n\n\
         ------ Semaphore Arrays --------\nkey        semid      owner      perms      nsems     \n\n"
    );
}

/// Creates POSIX objects with posix_ipc (an independent client) and prints, for each name
/// asked about, whether it exists.
const POSIX_OBJECTS: &str = r#"
import sys, posix_ipc
for arg in sys.argv[1:]:
    kind, name = arg.split(":")
    if kind == "make-shm":
        posix_ipc.SharedMemory(name, posix_ipc.O_CREX, size=64).close_fd()
    elif kind == "make-mq":
        posix_ipc.MessageQueue(name, posix_ipc.O_CREX).close()
    elif kind == "make-sem":
        posix_ipc.Semaphore(name, posix_ipc.O_CREX, initial_value=1).close()
    else:
        make = {"shm": posix_ipc.SharedMemory, "mq": posix_ipc.MessageQueue, "sem": posix_ipc.Semaphore}[kind]
        try:
            make(name)
            print(arg, "exists")
        except posix_ipc.ExistentialError:
            print(arg, "gone")
"#;

fn posix_python(ns: &Ns, args: &[&str]) -> String {
    run(ns.cmd("python3").args(["-c", POSIX_OBJECTS]).args(args)).ok()
}

/// util-linux 2.42's `ipcrm --posix-shmem`, `--posix-mqueue` and `--posix-semaphore`: each
/// name unlinked as given, -v telling it, each failure named with the rest still done
/// (status 1), and an error util-linux does not expect ending the run at once.
#[test]
fn ipcrm_removes_posix_objects_by_name_as_util_linux_2_42() {
    let ns = Ns::with_mounts();
    posix_python(&ns, &["make-shm:/seg", "make-mq:/jobs", "make-sem:/lock"]);
    let out = run(ns.ipcx().args([
        "ipcrm",
        "-v",
        "--posix-shmem",
        "seg",
        "--posix-mqueue=/jobs",
        "--posix-sem",
        "/lock",
    ]))
    .ok();
    assert_eq!(
        out,
        "removing POSIX shared memory `seg'\n\
         removing POSIX message queue `/jobs'\n\
         removing POSIX semaphore `/lock'\n"
    );
    assert_eq!(
        posix_python(&ns, &["shm:/seg", "mq:/jobs", "sem:/lock"]),
        "shm:/seg gone\nmq:/jobs gone\nsem:/lock gone\n"
    );

    // Names that name nothing: each reported, the rest still done, status 1.
    posix_python(&ns, &["make-shm:/kept"]);
    let done = run(ns.ipcx().args([
        "ipcrm",
        "--posix-shmem",
        "seg",
        "--posix-semaphore",
        "lock",
        "--posix-mqueue",
        "/jobs",
        "-q",
        "77",
        "--posix-shmem",
        "/kept",
    ]));
    done.fails(
        1,
        "ipcrm: name `seg' not found\nipcrm: name `lock' not found\n\
         ipcrm: name `/jobs' not found\nipcrm: invalid id (77)\n",
    );
    assert_eq!(done.stdout(), "");
    assert_eq!(posix_python(&ns, &["shm:/kept"]), "shm:/kept gone\n");

    // A queue name too long for the kernel.
    let long = format!("/{}", "q".repeat(300));
    run(ns.ipcx().args(["ipcrm", "--posix-mqueue", &long]))
        .fails(1, &format!("ipcrm: name `{long}' too long\n"));

    // mq_unlink refuses a name without its `/` (EINVAL): util-linux stops at once.
    posix_python(&ns, &["make-mq:/still"]);
    run(ns.ipcx().args([
        "ipcrm",
        "--posix-mqueue",
        "still",
        "--posix-mqueue",
        "/still",
    ]))
    .fails(1, "ipcrm: name failed: Invalid argument\n");
    assert_eq!(posix_python(&ns, &["mq:/still"]), "mq:/still exists\n");

    // Another user's segment in the sticky /dev/shm.
    posix_python(&ns, &["make-shm:/roots"]);
    let mut nobody = ns.ipcx_as_nobody();
    run(nobody.args(["ipcrm", "--posix-shmem", "roots"]))
        .fails(1, "ipcrm: permission denied for name `roots'\n");
    assert_eq!(posix_python(&ns, &["shm:/roots"]), "shm:/roots exists\n");

    // The name is required.
    run(ns.ipcx().args(["ipcrm", "--posix-semaphore"])).fails(
        1,
        "ipcrm: option '--posix-semaphore' requires an argument\n\
         Try 'ipcrm --help' for more information.\n",
    );
}

/// `--all=pshm`, `pmsg` and `psem` remove every POSIX object of that kind and nothing
/// else (-v announces each twice, as util-linux 2.42 does); a bare -a removes the System V
/// kinds only, the one deliberate difference from util-linux 2.41 and later.
#[test]
fn ipcrm_all_takes_the_posix_kinds_as_util_linux_2_42() {
    let ns = Ns::with_mounts();
    ns.sysv_python("sysv_ipc.MessageQueue(0x10, sysv_ipc.IPC_CREX)");
    posix_python(
        &ns,
        &[
            "make-shm:/seg",
            "make-shm:/seg2",
            "make-mq:/jobs",
            "make-sem:/lock",
        ],
    );
    let all = ["shm:/seg", "shm:/seg2", "mq:/jobs", "sem:/lock"];

    let out = run(ns.ipcx().args(["ipcrm", "-a"])).ok();
    assert_eq!(out, "");
    assert_eq!(
        posix_python(&ns, &all),
        "shm:/seg exists\nshm:/seg2 exists\nmq:/jobs exists\nsem:/lock exists\n"
    );
    assert_eq!(run(ns.ipcx().args(["ipcs", "-q"])).ok(), "\n------ Message Queues --------\nkey        msqid      owner      perms      used-bytes   messages    \n\n");

    run(ns.ipcx().args(["ipcrm", "--all=pshm"])).ok();
    assert_eq!(
        posix_python(&ns, &all),
        "shm:/seg gone\nshm:/seg2 gone\nmq:/jobs exists\nsem:/lock exists\n"
    );
    let out = run(ns.ipcx().args(["ipcrm", "-v", "--all=pmsg"])).ok();
    assert_eq!(
        out,
        "removing POSIX message queue `/jobs'\nremoving POSIX message queue `/jobs'\n"
    );
    // util-linux 2.42 skips one `=` after -a.
    let out = run(ns.ipcx().args(["ipcrm", "-v", "-a=psem"])).ok();
    assert_eq!(
        out,
        "removing POSIX semaphore `lock'\nremoving POSIX semaphore `lock'\n"
    );
    assert_eq!(
        posix_python(&ns, &all),
        "shm:/seg gone\nshm:/seg2 gone\nmq:/jobs gone\nsem:/lock gone\n"
    );
    // Nothing left: nothing said, status 0.
    assert_eq!(run(ns.ipcx().args(["ipcrm", "-v", "--all=psem"])).ok(), "");
    run(ns.ipcx().args(["ipcrm", "-a=foo"])).fails(1, "ipcrm: unknown argument: foo\n");
    run(ns.ipcx().args(["ipcrm", "--all=pipe"])).fails(1, "ipcrm: unknown argument: pipe\n");
}

/// `ipcrm --help` is util-linux 2.42's usage, byte for byte; -V names the release.
/// 2.42's usage, with one line more under -a: the one deliberate difference (a bare -a
/// removes no POSIX object) is said where -a is.
#[test]
fn ipcrm_help_and_version_are_util_linux_2_42s() {
    let links = links();
    let ipcrm = links.path().join("ipcrm");
    let expected = "
Usage:
 ipcrm [options]
 ipcrm shm|msg|sem <id>...

Remove certain IPC resources.

Options:
 -m, --shmem-id <id>           remove shared memory segment by id
 -M, --shmem-key <key>         remove shared memory segment by key
     --posix-shmem <name>      remove POSIX shared memory segment by name
 -q, --queue-id <id>           remove message queue by id
 -Q, --queue-key <key>         remove message queue by key
     --posix-mqueue <name>     remove POSIX message queue by name
 -s, --semaphore-id <id>       remove semaphore by id
 -S, --semaphore-key <key>     remove semaphore by key
     --posix-semaphore <name>  remove POSIX semaphore by name
 -a, --all[=shm|pshm|msg|pmsg|sem|psem]
                               remove all (in the specified category)
                               (ipcx: a bare -a removes System V objects
                               only; name pshm, pmsg or psem for POSIX ones)
 -v, --verbose                 explain what is being done

 -h, --help                    display this help
 -V, --version                 display version

For more details see ipcrm(1).
";
    assert_eq!(run(Command::new(&ipcrm).arg("-h")).ok(), expected);
    // Options before -h are done first, as util-linux: id 0 names nothing here.
    let ns = Ns::new();
    let done = run(ns.cmd(&ipcrm).args(["-q", "0", "--help"]));
    assert_eq!((done.code, done.stdout()), (Some(0), expected.to_string()));
    assert_eq!(done.stderr, "ipcrm: invalid id (0)\n");
    assert_eq!(
        run(Command::new(&ipcrm).arg("--version")).ok(),
        "ipcrm from ipcx 0.1.0 (util-linux 2.42.2 compatible)\n"
    );
}

/// What ipcmk made in a namespace, read back by posix_ipc and os.stat: one line per name,
/// `KIND NAME mode=0NNN size=N` (segments), `value=N` (semaphores), `msgsize=N` (queues).
fn posix_made(ns: &Ns, kinds: &str) -> String {
    let script = format!(
        "import os, posix_ipc
def mode(path): return oct(os.stat(path).st_mode & 0o7777)
for kind, name in [{kinds}]:
    if kind == 'shm':
        s = posix_ipc.SharedMemory(name)
        print(kind, name, mode('/dev/shm' + name), 'size=%d' % s.size)
        s.close_fd()
    elif kind == 'sem':
        s = posix_ipc.Semaphore(name)
        print(kind, name, mode('/dev/shm/sem.' + name[1:]), 'value=%d' % s.value)
        s.close()
    else:
        q = posix_ipc.MessageQueue(name)
        print(kind, name, mode('/dev/mqueue' + name), 'msgsize=%d' % q.max_message_size)
        q.close()
"
    );
    run(ns.cmd("python3").args(["-c", &script])).ok()
}

/// util-linux 2.42's POSIX options (sys-utils/ipcmk.c at v2.42.2, c4fafd8a): -m SIZE, -q
/// and -s make a segment, queue and semaphore under -n's name with -p's mode (the umask
/// applied: shm_open, mq_open and sem_open are given it as is), and each says
///   printf(_("POSIX shared memory name: %s\n"), name);
///   printf(_("POSIX message queue name: %s\n"), name);
///   printf(_("POSIX semaphore name: %s\n"), name);
/// The semaphore starts at 0 (`sem_open(name, O_CREAT, permission, 0)`), the queue has the
/// kernel's default attributes (NULL), and the default mode is 0644.
#[test]
fn ipcmk_makes_posix_objects_as_2_42() {
    let ns = Ns::with_mounts();
    let ipcmk = |args: &str| {
        let script = format!("umask 022; exec \"$IPCX\" ipcmk {args}");
        run(&mut ns.sh(&script))
    };
    assert_eq!(
        ipcmk("-q -n /x -p 0640").ok(),
        "POSIX message queue name: /x\n"
    );
    assert_eq!(
        ipcmk("-m 1K -n /seg").ok(),
        "POSIX shared memory name: /seg\n"
    );
    assert_eq!(ipcmk("-s -n /sem").ok(), "POSIX semaphore name: /sem\n");
    assert_eq!(
        ipcmk("--posix-shmem=2KB --posix-mqueue --posix-semaphore --name /all --mode 600").ok(),
        "POSIX shared memory name: /all\nPOSIX message queue name: /all\nPOSIX semaphore name: /all\n"
    );
    // The umask narrows -p's mode, as it does util-linux's.
    let made = run(&mut ns.sh("umask 027; exec \"$IPCX\" ipcmk -m 1 -n /um -p 666")).ok();
    assert_eq!(made, "POSIX shared memory name: /um\n");
    let default_msgsize = std::fs::read_to_string(format!(
        "/proc/{}/root/proc/sys/fs/mqueue/msgsize_default",
        ns.pid()
    ))
    .unwrap_or_else(|_| "8192".into());
    assert_eq!(
        posix_made(
            &ns,
            "('mq', '/x'), ('shm', '/seg'), ('sem', '/sem'), ('shm', '/all'), ('mq', '/all'), \
             ('sem', '/all'), ('shm', '/um')"
        ),
        format!(
            "mq /x 0o640 msgsize={m}\nshm /seg 0o644 size=1024\nsem /sem 0o644 value=0\n\
             shm /all 0o600 size=2000\nmq /all 0o600 msgsize={m}\nsem /all 0o600 value=0\n\
             shm /um 0o640 size=1\n",
            m = default_msgsize.trim()
        )
    );
    // O_CREAT without O_EXCL: an existing object is used as it is (its mode kept), and a
    // segment is resized to -m's size (the ftruncate follows the shm_open).
    run(ns.cmd("python3").args([
        "-c",
        "import posix_ipc; posix_ipc.Semaphore('/sem').release()",
    ]))
    .ok();
    assert_eq!(
        ipcmk("-m 4K -s -q -n /x -p 600").ok(),
        "POSIX shared memory name: /x\nPOSIX message queue name: /x\nPOSIX semaphore name: /x\n"
    );
    assert_eq!(
        ipcmk("-m 4K -s -n /seg -p 600").ok(),
        "POSIX shared memory name: /seg\nPOSIX semaphore name: /seg\n"
    );
    assert_eq!(
        ipcmk("-m 10 -s -n /sem -p 600").ok(),
        "POSIX shared memory name: /sem\nPOSIX semaphore name: /sem\n"
    );
    assert_eq!(
        posix_made(&ns, "('shm', '/seg'), ('sem', '/sem'), ('mq', '/x')"),
        format!(
            "shm /seg 0o644 size=4096\nsem /sem 0o644 value=1\nmq /x 0o640 msgsize={}\n",
            default_msgsize.trim()
        )
    );
}

/// With the System V options, 2.42 makes each kind's System V object and then its POSIX
/// one: segment, POSIX segment, queue, POSIX queue, set, POSIX semaphore. -M and -m share
/// one size variable (`size = strtosize_or_err(...)` for both), so the last one sizes both.
/// -n with only System V options is ignored; the first failure ends the run after what
/// was already made and printed:
///   err(EXIT_FAILURE, _("create POSIX message queue failed"));
#[test]
fn ipcmk_mixes_system_v_and_posix_as_2_42() {
    let ns = Ns::with_mounts();
    let out = run(ns.ipcx().args([
        "ipcmk", "-S", "2", "-s", "-q", "-Q", "-M", "4K", "-m", "1K", "-n", "/mix",
    ]))
    .ok();
    assert_eq!(
        out,
        "Shared memory id: 0\nPOSIX shared memory name: /mix\nMessage queue id: 0\n\
         POSIX message queue name: /mix\nSemaphore id: 0\nPOSIX semaphore name: /mix\n"
    );
    // The System V segment's size, from the kernel's table (column 4: size).
    let sysv = run(ns.cmd("python3").args([
        "-c",
        "print(open('/proc/sysvipc/shm').read().split('\\n')[1].split()[3])",
    ]))
    .ok();
    assert_eq!(sysv, "1024\n");
    assert_eq!(
        posix_made(&ns, "('shm', '/mix')"),
        "shm /mix 0o644 size=1024\n"
    );
    assert_eq!(
        run(ns.ipcx().args(["ipcmk", "-Q", "-n", "/ignored"])).ok(),
        "Message queue id: 1\n"
    );
    // mq_open wants a leading slash (glibc: EINVAL); the segment before it stays made.
    let failed = run(ns.ipcx().args(["ipcmk", "-M", "1K", "-q", "-n", "noslash"]));
    failed.fails(
        1,
        "ipcmk: create POSIX message queue failed: Invalid argument\n",
    );
    assert_eq!(failed.stdout(), "Shared memory id: 1\n");
}

/// 2.42's refusals: no object asked for, a POSIX option without -n, a name glibc refuses.
///   warnx(_("bad usage")); errtryhelp(EXIT_FAILURE);
///   warnx(_("name is required for POSIX IPC")); errtryhelp(EXIT_FAILURE);
///   err(EXIT_FAILURE, _("create POSIX shared memory failed"));
#[test]
fn ipcmk_refuses_what_2_42_refuses() {
    let ns = Ns::with_mounts();
    let try_help = "Try 'ipcmk --help' for more information.\n";
    let cases: &[(&[&str], String)] = &[
        (&["-n", "/a"], format!("ipcmk: bad usage\n{try_help}")),
        (
            &["-p", "600", "--name=/a"],
            format!("ipcmk: bad usage\n{try_help}"),
        ),
        (
            &["-s"],
            format!("ipcmk: name is required for POSIX IPC\n{try_help}"),
        ),
        (
            &["-q", "-Q"],
            format!("ipcmk: name is required for POSIX IPC\n{try_help}"),
        ),
        (
            &["-m", "1K"],
            format!("ipcmk: name is required for POSIX IPC\n{try_help}"),
        ),
        (
            &["-m"],
            format!("ipcmk: option requires an argument -- 'm'\n{try_help}"),
        ),
        (
            &["-s", "-n"],
            format!("ipcmk: option requires an argument -- 'n'\n{try_help}"),
        ),
        (
            &["-m", "abc", "-n", "/a"],
            "ipcmk: failed to parse size: 'abc': Invalid argument\n".into(),
        ),
        (
            &["--posix-s", "-n", "/a"],
            format!(
                "ipcmk: option '--posix-s' is ambiguous; possibilities: '--posix-shmem' \
                 '--posix-semaphore'\n{try_help}"
            ),
        ),
        (
            &["-m", "1K", "-n", "/a/b"],
            "ipcmk: create POSIX shared memory failed: Invalid argument\n".into(),
        ),
        (
            &["-m", "1K", "-n", "/"],
            "ipcmk: create POSIX shared memory failed: Invalid argument\n".into(),
        ),
        (
            &["-s", "-n", ""],
            "ipcmk: create POSIX semaphore failed: Invalid argument\n".into(),
        ),
        (
            &["-q", "-n", "x"],
            "ipcmk: create POSIX message queue failed: Invalid argument\n".into(),
        ),
    ];
    for (args, stderr) in cases {
        let out = run(ns.ipcx().arg("ipcmk").args(*args));
        out.fails(1, stderr);
        assert_eq!(out.stdout(), "", "{args:?}");
    }
    let left = run(&mut ns.sh("ls -A /dev/shm /dev/mqueue")).ok();
    assert_eq!(left, "/dev/mqueue:\n\n/dev/shm:\n");
}

/// --help is 2.42's usage(), POSIX options and its USAGE_ARG_SIZE included.
#[test]
fn ipcmk_help_is_2_42s() {
    let links = links();
    let out = run(Command::new(links.path().join("ipcmk")).arg("--help")).ok();
    assert_eq!(
        out,
        "
Usage:
 ipcmk [options]

Create various IPC resources.

Options:
 -M, --shmem <size>       create shared memory segment of size <size>
 -m, --posix-shmem <size> create POSIX shared memory segment of size <size>
 -S, --semaphore <number> create semaphore array with <number> elements
 -s, --posix-semaphore    create POSIX semaphore
 -Q, --queue              create message queue
 -q, --posix-mqueue       create POSIX message queue
 -p, --mode <mode>        permission for the resource (default is 0644)
 -n, --name <name>        name of the POSIX resource

 -h, --help               display this help
 -V, --version            display version

Arguments:
 Values for <size> may be followed by a suffix: KiB, MiB,
 GiB, TiB, PiB, EiB, ZiB, or YiB (where the \"iB\" is optional).

 -n, --name <name> option is required for POSIX IPC

For more details see ipcmk(1).
"
    );
}

/// A POSIX name that is not UTF-8 is refused, not converted: the lossy spelling
/// (U+FFFD for the bad byte) would unlink an object nobody named.
#[test]
fn ipcrm_refuses_a_posix_name_that_is_not_utf8() {
    use std::os::unix::ffi::OsStrExt;
    let ns = Ns::with_mounts();
    run(&mut ns.sh("printf x > /dev/shm/$(printf '\\357\\277\\275')")).ok();
    let out = run(ns.ipcx().arg("ipcrm").args([
        std::ffi::OsStr::new("--posix-shmem"),
        std::ffi::OsStr::from_bytes(b"/\xff"),
    ]));
    out.fails(1, "ipcrm: /\u{fffd}: a POSIX name must be valid UTF-8\n");
    assert_eq!(run(&mut ns.sh("ls /dev/shm")).ok(), "\u{fffd}\n");
}
