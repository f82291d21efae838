//! `rm --orphaned` for every kind: objects nobody holds or waits on (and, for System V
//! ones, whose creator and last users are gone) are selected; held and awaited objects
//! never are. Each test runs its processes in a PID namespace of its own, with its own
//! /proc, so that every process the scan meets is one the test made (a sandbox's init
//! that even root cannot read would otherwise leave POSIX objects undecided).

use crate::common::{run, tempdir, Ns, Run};

/// Runs `script` in a new PID namespace (with its own /proc) inside `ns`, with $DIR a
/// scratch directory and $MSGRCV, $SEMOPS the call numbers to wait for.
fn in_pid_ns(ns: &Ns, script: &str) -> Run {
    let dir = tempdir();
    let wrapped = format!(
        "set -e\nblocked() {{ until grep -qE \"^($2) \" /proc/$1/syscall 2>/dev/null; do sleep 0.01; done; }}\n\
         ready() {{ until [ -s \"$DIR/$1\" ]; do sleep 0.01; done; }}\n{script}"
    );
    run(ns
        .sh("exec unshare --pid --fork --mount-proc sh -c \"$SCRIPT\"")
        .env("SCRIPT", wrapped)
        .env("DIR", dir.path())
        .env("MSGRCV", libc::SYS_msgrcv.to_string())
        .env(
            "SEMOPS",
            format!("{}|{}", libc::SYS_semop, libc::SYS_semtimedop),
        ))
}

/// Objects left behind by processes that are gone, beside objects a live process holds
/// and objects a blocked process waits on.
const SETUP: &str = r#"
python3 -c "import posix_ipc
posix_ipc.SharedMemory('/left', posix_ipc.O_CREX, size=64).close_fd()
posix_ipc.Semaphore('/lsem', posix_ipc.O_CREX).close()
posix_ipc.MessageQueue('/lq', posix_ipc.O_CREX).close()"
$IPCX msg send 0x10 --create left
$IPCX sem init 0x20 1
$IPCX msg send 0x11 --create taken
$IPCX msg recv 0x11 > /dev/null
$IPCX msg recv 0x11 > /dev/null &
blocked $! $MSGRCV
$IPCX sem init 0x21 0
$IPCX sem p 0x21 &
blocked $! "$SEMOPS"
python3 -c "import posix_ipc, mmap, time
s = posix_ipc.SharedMemory('/held', posix_ipc.O_CREX, size=64)
m = mmap.mmap(s.fd, 64)
s.close_fd()
h = posix_ipc.Semaphore('/hsem', posix_ipc.O_CREX)
q = posix_ipc.MessageQueue('/hq', posix_ipc.O_CREX)
open('$DIR/held', 'w').write('1')
time.sleep(600)" &
HOLDER=$!
ready held
"#;

#[test]
fn orphans_of_every_kind_and_never_the_held_or_awaited() {
    let ns = Ns::with_mounts();
    let out = in_pid_ns(
        &ns,
        &format!(
            "{SETUP}
            echo '# sysv'
            $IPCX rm --all --orphaned --dry-run
            echo '# posix'
            $IPCX rm --all=pshm --orphaned --dry-run
            $IPCX rm --all=psem --orphaned
            $IPCX rm --all=mq --orphaned
            echo '# too young, not ours'
            $IPCX rm --all=pshm --orphaned --older-than 1h
            $IPCX rm --all=msg --orphaned --owner nobody
            echo '# the holder gone'
            {{ kill $HOLDER; wait $HOLDER; }} 2> /dev/null || true
            $IPCX rm --all=pshm --orphaned
            $IPCX rm --all=msg --orphaned"
        ),
    );
    assert_eq!(
        out.ok(),
        "# sysv\n\
         would remove queue 0x00000010 (id 0)\n\
         would remove semaphore set 0x00000020 (id 0)\n\
         # posix\n\
         would remove POSIX shared memory /left\n\
         removed POSIX semaphore /lsem\n\
         removed POSIX queue /lq\n\
         # too young, not ours\n\
         # the holder gone\n\
         removed POSIX shared memory /held\n\
         removed POSIX shared memory /left\n\
         removed queue 0x00000010 (id 0)\n"
    );
}

/// A process that cannot be read might hold any POSIX object: none is taken as orphaned,
/// stderr says why, and the status is 1. Segments, whose attachments the kernel counts,
/// are still decided.
#[test]
fn unreadable_processes_leave_posix_objects_undecided() {
    let ns = Ns::with_mounts();
    let out = in_pid_ns(
        &ns,
        &format!(
            "{SETUP}
            $IPCX shm write 0x30 --create --size 64 -m 666 x
            nobody() {{ setpriv --reuid=65534 --regid=65534 --clear-groups -- \"$@\"; }}
            status=0
            nobody $IPCX rm --all=pshm --orphaned --dry-run 2>&1 || status=$?
            echo status $status
            nobody $IPCX rm --all=shm --orphaned --dry-run
            kill $HOLDER"
        ),
    );
    // sh (the namespace's init), the blocked receiver and P, and the holder: root's.
    assert_eq!(
        out.ok(),
        "ipcx: rm: --orphaned: 4 processes could not be read (permission denied): their holds \
         and waits are unknown, so no pshm object is taken as orphaned\n\
         status 1\n\
         would remove segment 0x00000030 (id 0)\n"
    );
}
