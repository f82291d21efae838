//! The one test helper: runs ipcx and util-linux tools inside a private IPC namespace
//! (DESIGN §5), so tests run in parallel and never see or remove the machine's objects;
//! runs ipcx on the host for what needs no namespace (pipes, FIFOs, sockets, signals);
//! collects what a command did; waits for a command to block.

use std::collections::BTreeSet;
use std::ffi::OsStr;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

/// The ipcx binary cargo built for these tests.
pub fn ipcx_bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_ipcx"))
}

/// ipcx on the host, in no namespace: for pipes, FIFOs, sockets and signals, which need
/// none (`Ns::ipcx` runs it inside a private namespace).
pub fn host_ipcx() -> Command {
    Command::new(ipcx_bin())
}

/// `sh -c SCRIPT` on the host, with $IPCX naming the binary (`Ns::sh` runs it inside a
/// private namespace).
pub fn host_sh(script: &str) -> Command {
    let mut command = Command::new("sh");
    command.arg("-c").arg(script).env("IPCX", ipcx_bin());
    command
}

fn is_root() -> bool {
    // SAFETY-free: read our uid from /proc rather than calling libc from tests.
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("Uid:"))
                .and_then(|l| l.split_whitespace().nth(2).map(|u| u == "0"))
        })
        .unwrap_or(false)
}

/// A private IPC namespace, held open by a sleeping process; every command built by
/// `cmd` runs inside it through nsenter.
pub struct Ns {
    holder: Child,
    pid: u32,
    user: bool,
    mount: bool,
}

impl Ns {
    /// A fresh IPC namespace.
    pub fn new() -> Ns {
        Ns::start(false)
    }

    /// A fresh IPC and mount namespace with a new mqueue on /dev/mqueue and a new tmpfs on
    /// /dev/shm, so POSIX objects of the machine are not seen either.
    ///
    /// The mount namespace is private, but /dev's file system is the machine's: a mount
    /// point made there (a host without /dev/mqueue has none) would stay behind. So /dev in
    /// the namespace becomes a private tmpfs. The machine's /dev is bound at /dev/.host
    /// (reached through a descriptor opened before the tmpfs hides it); the nodes commands
    /// open by name (null, zero, full, random, urandom, tty, ptmx) and pts are bound at
    /// their own names, so that /proc/PID/fd shows them there; every other entry is a
    /// symlink into /dev/.host; shm and mqueue are the tmpfs's own directories.
    pub fn with_mounts() -> Ns {
        let ns = Ns::start(true);
        let setup = ns
            .sh("set -e
                exec 3< /dev
                mount -t tmpfs -o mode=755 none /dev
                mkdir /dev/.host
                mount --no-canonicalize --rbind /proc/self/fd/3 /dev/.host
                exec 3<&-
                # The copy of the machine's /dev holds the new tmpfs too, stacked on top.
                test -c /dev/.host/null || umount /dev/.host
                test -c /dev/.host/null
                cd /dev
                ln -s .host/* .
                rm -f shm mqueue pts null zero full random urandom tty ptmx
                mkdir shm mqueue pts
                if test -d .host/pts; then mount --rbind .host/pts pts; fi
                for node in null zero full random urandom tty ptmx; do
                    if test -c .host/$node; then : > $node && mount --bind .host/$node $node; fi
                done
                mount -t mqueue none /dev/mqueue
                mount -t tmpfs -o mode=1777 none /dev/shm")
            .output()
            .expect("run mount setup");
        assert!(
            setup.status.success(),
            "mount setup failed: {}",
            String::from_utf8_lossy(&setup.stderr)
        );
        ns
    }

    fn start(mount: bool) -> Ns {
        let user = !is_root();
        let mut unshare = Command::new("unshare");
        unshare.arg("--ipc");
        if mount {
            unshare.args(["--mount", "--propagation", "private"]);
        }
        if user {
            unshare.args(["--user", "--map-root-user"]);
        }
        unshare
            .args(["sleep", "100000"])
            .stdin(Stdio::null())
            .stdout(Stdio::null());
        let holder = unshare
            .spawn()
            .expect("unshare --ipc (util-linux) must be installed");
        let pid = holder.id();
        let ns = Ns {
            holder,
            pid,
            user,
            mount,
        };
        // unshare(2) happens before exec: wait until the holder is in its own namespace, so
        // that nothing ever runs in the machine's namespace by mistake.
        let own = std::fs::read_link("/proc/self/ns/ipc").expect("read own ipc ns");
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let theirs = std::fs::read_link(format!("/proc/{pid}/ns/ipc")).ok();
            let comm = std::fs::read_to_string(format!("/proc/{pid}/comm")).unwrap_or_default();
            if theirs.is_some() && theirs.as_ref() != Some(&own) && comm.trim() == "sleep" {
                break;
            }
            assert!(
                Instant::now() < deadline,
                "the namespace holder did not start"
            );
            std::thread::sleep(Duration::from_millis(2));
        }
        ns
    }

    pub fn pid(&self) -> u32 {
        self.pid
    }

    /// A command that runs `program` inside the namespace.
    pub fn cmd(&self, program: impl AsRef<OsStr>) -> Command {
        let mut command = Command::new("nsenter");
        command.arg("-t").arg(self.pid.to_string()).arg("--ipc");
        if self.mount {
            command.arg("--mount");
        }
        if self.user {
            command.args(["--user", "--preserve-credentials"]);
        }
        command.arg("--").arg(program);
        command
    }

    /// ipcx inside the namespace.
    pub fn ipcx(&self) -> Command {
        self.cmd(ipcx_bin())
    }

    /// `sh -c SCRIPT` inside the namespace, with $IPCX naming the binary.
    pub fn sh(&self, script: &str) -> Command {
        let mut command = self.cmd("sh");
        command.arg("-c").arg(script).env("IPCX", ipcx_bin());
        command
    }

    /// ipcx inside the namespace as an unprivileged user (nobody), through setpriv.
    pub fn ipcx_as_nobody(&self) -> Command {
        let mut command = self.cmd("setpriv");
        command
            .args(["--reuid=65534", "--regid=65534", "--clear-groups", "--"])
            .arg(ipcx_bin());
        command
    }
}

impl Ns {
    /// Runs Python with sysv_ipc imported (an independent client) and asserts it succeeds.
    pub fn sysv_python(&self, code: &str) {
        let script = format!("import sysv_ipc\n{code}");
        run(self.cmd("python3").args(["-c", &script])).ok();
    }

    /// Starts a Python process that runs `code`, prints `ready` and sleeps; returns once it
    /// is ready. Kill it to end it.
    pub fn python_holder(&self, code: &str) -> Child {
        let script =
            format!("import sysv_ipc, time\n{code}\nprint('ready', flush=True)\ntime.sleep(600)");
        let mut child = self
            .cmd("python3")
            .args(["-c", &script])
            .stdout(Stdio::piped())
            .spawn()
            .expect("spawn python3");
        let mut line = String::new();
        let stdout = child.stdout.as_mut().expect("stdout");
        std::io::BufRead::read_line(&mut std::io::BufReader::new(stdout), &mut line).expect("read");
        assert_eq!(line, "ready\n", "the Python holder did not start");
        child
    }
}

impl Drop for Ns {
    fn drop(&mut self) {
        let _ = self.holder.kill();
        let _ = self.holder.wait();
    }
}

/// What a finished command did.
#[derive(Debug)]
pub struct Run {
    pub code: Option<i32>,
    pub stdout: Vec<u8>,
    pub stderr: String,
}

impl Run {
    pub fn stdout(&self) -> String {
        String::from_utf8_lossy(&self.stdout).into_owned()
    }

    /// Asserts status 0 and an empty stderr, and returns stdout as text.
    #[track_caller]
    pub fn ok(&self) -> String {
        assert_eq!(
            self.code,
            Some(0),
            "expected success; stderr: {}",
            self.stderr
        );
        assert_eq!(self.stderr, "", "expected a quiet stderr");
        self.stdout()
    }

    /// Asserts the exact status and stderr.
    #[track_caller]
    pub fn fails(&self, code: i32, stderr: &str) {
        assert_eq!(self.code, Some(code), "status; stderr: {}", self.stderr);
        assert_eq!(self.stderr, stderr);
    }
}

impl From<Output> for Run {
    fn from(output: Output) -> Run {
        Run {
            code: output.status.code(),
            stdout: output.stdout,
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    }
}

/// Runs a command to its end with nothing on stdin.
pub fn run(command: &mut Command) -> Run {
    command.stdin(Stdio::null()).output().expect("spawn").into()
}

/// Runs a command to its end with stdin on a file holding `input`: all of it can be read at
/// once, up to its end (from a pipe, the end comes only when the writer closes it).
pub fn run_from_file(command: &mut Command, input: &[u8]) -> Run {
    let mut file = tempfile::tempfile().expect("temporary file");
    file.write_all(input).expect("write");
    std::io::Seek::rewind(&mut file).expect("rewind");
    command.stdin(file).output().expect("spawn").into()
}

/// Runs a command to its end with `input` on stdin.
pub fn run_with_input(command: &mut Command, input: &[u8]) -> Run {
    let mut child = command
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let mut stdin = child.stdin.take().expect("stdin");
    let input = input.to_vec();
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(&input);
    });
    let output = child.wait_with_output().expect("wait");
    writer.join().expect("writer thread");
    output.into()
}

/// Waits until `cond` holds, polling; panics after `secs` seconds naming `what`.
pub fn wait_until(what: &str, secs: u64, mut cond: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(secs);
    while !cond() {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(5));
    }
}

/// A temporary directory removed at the end of the test.
pub fn tempdir() -> tempfile::TempDir {
    tempfile::tempdir().expect("tempdir")
}

pub fn path_str(path: &Path) -> &str {
    path.to_str().expect("utf-8 path")
}

/// Waits until `child` sleeps in the system call `nr` (msgrcv, mq_timedreceive, futex...).
pub fn wait_in_syscall(child: &Child, nr: i64) {
    let pid = child.id();
    wait_until("the command to block", 10, || {
        let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
        let state = stat
            .rsplit(')')
            .next()
            .and_then(|r| r.split_whitespace().next());
        let syscall = std::fs::read_to_string(format!("/proc/{pid}/syscall")).unwrap_or_default();
        state == Some("S") && syscall.split_whitespace().next() == Some(&nr.to_string())
    });
}

/// Waits until `pid` catches SIGINT/SIGTERM/SIGHUP and its main thread sleeps in a call:
/// it is blocked with its handlers in place, so a signal now interrupts the wait.
pub fn wait_blocked_with_handlers(pid: u32) {
    wait_until("the command to block", 10, || {
        let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
        let caught = status
            .lines()
            .find_map(|l| l.strip_prefix("SigCgt:"))
            .and_then(|mask| u64::from_str_radix(mask.trim(), 16).ok())
            .unwrap_or(0);
        let wanted = (1 << 0) | (1 << 1) | (1 << 14); // SIGHUP, SIGINT, SIGTERM (bit N-1)
        let stat =
            std::fs::read_to_string(format!("/proc/{pid}/task/{pid}/stat")).unwrap_or_default();
        let state = stat
            .rsplit(')')
            .next()
            .and_then(|rest| rest.split_whitespace().next());
        caught & wanted == wanted && state == Some("S")
    });
}

/// What the main thread of `pid` sleeps in (/proc/PID/wchan), e.g. `pipe_read`.
pub fn wchan(pid: u32) -> String {
    std::fs::read_to_string(format!("/proc/{pid}/task/{pid}/wchan")).unwrap_or_default()
}

/// Sends `sig` (a name, as kill -s takes it: INT, TERM, HUP, KILL...) to `pid`.
pub fn kill(sig: &str, pid: u32) {
    run(Command::new("kill").args(["-s", sig]).arg(pid.to_string())).ok();
}

/// Sends `sig` (a name, as kill -s takes it) to `child`.
pub fn signal(child: &Child, sig: &str) {
    kill(sig, child.id());
}

/// The three interrupting signals and the status each ends a command with.
pub const SIGNALS: [(&str, i32); 3] = [("INT", 130), ("TERM", 143), ("HUP", 129)];

/// Bytes that are not text: every byte value, in a pattern that does not repeat often.
pub fn binary(len: usize) -> Vec<u8> {
    let mut state: u32 = 0x1234_5678;
    (0..len)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            (state >> 24) as u8
        })
        .collect()
}

/// Starts `command` with stdin on /dev/null and stdout and stderr piped back.
pub fn start(command: &mut Command) -> Child {
    command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn")
}

/// Waits for `child` and collects what it did.
pub fn finish(child: Child) -> Run {
    child.wait_with_output().expect("wait").into()
}

/// Runs a command to its end with its stdout on /dev/full (every write fails with ENOSPC).
pub fn run_into_full(command: &mut Command) -> Run {
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .expect("/dev/full");
    command
        .stdin(Stdio::null())
        .stdout(full)
        .output()
        .expect("run")
        .into()
}

/// The names in /dev.
fn dev_names() -> BTreeSet<String> {
    std::fs::read_dir("/dev")
        .expect("read /dev")
        .map(|entry| {
            entry
                .expect("/dev entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect()
}

/// Set in the sandbox where `ns_with_mounts_leaves_dev_as_it_found_it` runs itself again.
const DEV_SANDBOX: &str = "IPCX_TEST_DEV_SANDBOX";

/// Ns::with_mounts and the POSIX objects made in it leave /dev as they found it, even
/// where /dev has no mqueue directory: mount namespaces are private but /dev's file system
/// is the machine's, so a directory made there would stay behind. The test runs itself
/// again in a private mount namespace whose /dev is a tmpfs of a few device nodes and no
/// mqueue (such a host), where nothing else changes /dev while it looks.
#[test]
fn ns_with_mounts_leaves_dev_as_it_found_it() {
    if std::env::var_os(DEV_SANDBOX).is_some() {
        let before = dev_names();
        assert!(
            !before.contains("mqueue"),
            "/dev in the sandbox: {before:?}"
        );
        {
            let ns = Ns::with_mounts();
            run(ns.ipcx().args(["msg", "send", "/q", "--create", "hi"])).ok();
            run(ns
                .ipcx()
                .args(["shm", "write", "/seg", "--create", "--size", "4", "hi"]))
            .ok();
            assert_eq!(
                run(&mut ns.sh("ls /dev/mqueue /dev/shm")).ok(),
                "/dev/mqueue:\nq\n\n/dev/shm:\nseg\n"
            );
            // The device nodes commands use are still there, under their own names.
            assert_eq!(
                run(&mut ns.sh("head -c 3 /dev/zero > /dev/null && head -c 3 /dev/urandom | wc -c && ! echo x 2> /dev/null > /dev/full && readlink /proc/self/fd/0 < /dev/null")).ok(),
                "3\n/dev/null\n"
            );
            assert_eq!(dev_names(), before, "with the namespace alive");
        }
        assert_eq!(dev_names(), before, "with the namespace gone");
        return;
    }
    let sandbox = "set -e
        exec 3< /dev
        mount -t tmpfs -o mode=755 none /dev
        for node in null zero full random urandom; do
            : > /dev/$node
            mount --no-canonicalize --bind /proc/self/fd/3/$node /dev/$node
        done
        exec 3<&-
        ln -s /proc/self/fd /dev/fd
        mkdir -m 1777 /dev/shm
        exec \"$0\" \"$@\"";
    let mut unshare = Command::new("unshare");
    unshare.args(["--mount", "--propagation", "private"]);
    if !is_root() {
        unshare.args(["--user", "--map-root-user"]);
    }
    let module = module_path!().split_once("::").map_or("", |(_, m)| m);
    let out = run(unshare
        .args(["sh", "-c", sandbox])
        .arg(std::env::current_exe().expect("the test binary"))
        .args(["--exact", "--test-threads=1"])
        .arg(format!(
            "{module}::ns_with_mounts_leaves_dev_as_it_found_it"
        ))
        .env(DEV_SANDBOX, "1"));
    assert!(
        out.code == Some(0) && out.stdout().contains("test result: ok. 1 passed"),
        "in the sandbox: {}{}",
        out.stdout(),
        out.stderr
    );
}
