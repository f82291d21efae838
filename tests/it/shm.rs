//! `ipcx shm write` and `ipcx shm read`, in private IPC namespaces: byte-exact round trips,
//! offsets, --cstr, refusals that write nothing, interop with Python's sysv_ipc, the
//! records demo and interruption.

use crate::common;

use std::process::Stdio;

use common::{run, run_with_input, wait_until, Ns};

fn read_all(ns: &Ns, target: &str) -> Vec<u8> {
    let out = run(ns.ipcx().args(["shm", "read", target]));
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    out.stdout
}

/// Every byte value, in an order that is not the identity.
fn pattern(len: usize) -> Vec<u8> {
    (0..len).map(|i| (i * 7 + i / 251) as u8).collect()
}

/// Waits until the process sleeps in a pipe read (its stdin).
fn blocked_reading(pid: u32) {
    wait_until("a blocking read of stdin", 10, || {
        std::fs::read_to_string(format!("/proc/{pid}/wchan"))
            .is_ok_and(|wchan| wchan.contains("pipe_read"))
    });
}

#[test]
fn round_trip_is_byte_exact() {
    let ns = Ns::new();
    let data = pattern(3000);
    run_with_input(
        ns.ipcx()
            .args(["shm", "write", "0x4d2", "--create", "--size", "4K"]),
        &data,
    )
    .ok();
    let all = read_all(&ns, "0x4d2");
    assert_eq!(all.len(), 4096);
    assert_eq!(&all[..3000], &data[..]);
    assert!(all[3000..].iter().all(|b| *b == 0));
    let part = run(ns.ipcx().args(["shm", "read", "1234", "--length", "3000"]));
    assert_eq!(part.code, Some(0));
    assert_eq!(part.stdout, data);
    // id:N names the same segment, and util-linux sees what was made, mode 0600.
    assert_eq!(read_all(&ns, "id:0"), all);
    let ipcs = run(ns.cmd("ipcs").arg("-m")).ok();
    assert!(
        ipcs.contains("0x000004d2 0          root       600        4096       0"),
        "{ipcs}"
    );
}

#[test]
fn a_regular_file_on_stdin_fills_the_whole_segment() {
    let ns = Ns::new();
    let dir = common::tempdir();
    let path = dir.path().join("blob");
    let data = pattern(1 << 20);
    std::fs::write(&path, &data).unwrap();
    let file = std::fs::File::open(&path).unwrap();
    let out: common::Run = ns
        .ipcx()
        .args(["shm", "write", "7", "--create", "--size", "1M"])
        .stdin(Stdio::from(file))
        .output()
        .unwrap()
        .into();
    out.ok();
    assert!(read_all(&ns, "7") == data);
}

#[test]
fn offsets_and_data_operand() {
    let ns = Ns::new();
    run(ns
        .ipcx()
        .args(["shm", "write", "5", "--create", "--size", "128", "hello"]))
    .ok();
    run(ns
        .ipcx()
        .args(["shm", "write", "5", "--offset", "100", "world"]))
    .ok();
    let out = run(ns
        .ipcx()
        .args(["shm", "read", "5", "--offset", "100", "--length", "5"]));
    assert_eq!(out.ok(), "world");
    let out = run(ns.ipcx().args(["shm", "read", "5", "--length", "7"]));
    assert_eq!(out.stdout, b"hello\0\0");
    // The last byte, and an empty read at the very end.
    run(ns
        .ipcx()
        .args(["shm", "write", "5", "--offset", "127", "!"]))
    .ok();
    assert_eq!(
        run(ns.ipcx().args(["shm", "read", "5", "--offset", "127"])).ok(),
        "!"
    );
    assert_eq!(
        run(ns.ipcx().args(["shm", "read", "5", "--offset", "128"])).ok(),
        ""
    );
}

#[test]
fn cstr_stops_at_the_first_nul() {
    let ns = Ns::new();
    run_with_input(
        ns.ipcx()
            .args(["shm", "write", "9", "--create", "--size", "64"]),
        b"hello\0junk\0more",
    )
    .ok();
    assert_eq!(
        run(ns.ipcx().args(["shm", "read", "9", "--cstr"])).ok(),
        "hello"
    );
    assert_eq!(
        run(ns
            .ipcx()
            .args(["shm", "read", "9", "--cstr", "--offset", "6"]))
        .ok(),
        "junk"
    );
    // No NUL in range: the whole range.
    assert_eq!(
        run(ns
            .ipcx()
            .args(["shm", "read", "9", "--cstr", "--offset", "11", "--length", "3"]))
        .ok(),
        "mor"
    );
}

#[test]
fn out_of_range_writes_write_nothing() {
    let ns = Ns::new();
    run(ns
        .ipcx()
        .args(["shm", "write", "5", "--create", "--size", "16", "keep"]))
    .ok();
    let before = read_all(&ns, "5");
    run(ns
        .ipcx()
        .args(["shm", "write", "5", "--offset", "10", "1234567"]))
    .fails(
        1,
        "ipcx: shm write: segment 0x00000005 (id 0): offset 10 + 7 bytes = 17 is past the end of its 16 bytes; nothing was written\n",
    );
    run(ns
        .ipcx()
        .args(["shm", "write", "5", "--offset", "17", "x"]))
    .fails(
        1,
        "ipcx: shm write: segment 0x00000005 (id 0): offset 17 is past the end of its 16 bytes; nothing was written\n",
    );
    // A regular file on stdin is measured before a byte is written.
    let dir = common::tempdir();
    let path = dir.path().join("big");
    std::fs::write(&path, [b'x'; 20]).unwrap();
    let out: common::Run = ns
        .ipcx()
        .args(["shm", "write", "5"])
        .stdin(Stdio::from(std::fs::File::open(&path).unwrap()))
        .output()
        .unwrap()
        .into();
    out.fails(
        1,
        "ipcx: shm write: segment 0x00000005 (id 0): offset 0 + 20 bytes = 20 is past the end of its 16 bytes; nothing was written\n",
    );
    assert_eq!(read_all(&ns, "5"), before);
}

#[test]
fn a_pipe_longer_than_the_segment_fills_it_and_says_so() {
    let ns = Ns::new();
    run(ns
        .ipcx()
        .args(["shm", "write", "5", "--create", "--size", "8", ""]))
    .ok();
    run_with_input(
        ns.ipcx().args(["shm", "write", "5", "--offset", "2"]),
        b"abcdefghij",
    )
    .fails(
        1,
        "ipcx: shm write: segment 0x00000005 (id 0): stdin holds more than the 6 bytes between offset 2 and the end of its 8 bytes; those 6 bytes were written, the rest of stdin was not\n",
    );
    assert_eq!(read_all(&ns, "5"), b"\0\0abcdef");
    // Exactly the room left is fine.
    run_with_input(ns.ipcx().args(["shm", "write", "5"]), b"12345678").ok();
    assert_eq!(read_all(&ns, "5"), b"12345678");
}

#[test]
fn out_of_range_reads() {
    let ns = Ns::new();
    run(ns
        .ipcx()
        .args(["shm", "write", "5", "--create", "--size", "100", "x"]))
    .ok();
    run(ns
        .ipcx()
        .args(["shm", "read", "5", "--offset", "90", "--length", "11"]))
    .fails(
        1,
        "ipcx: shm read: segment 0x00000005 (id 0): offset 90 + length 11 = 101 is past the end of its 100 bytes\n",
    );
    run(ns.ipcx().args(["shm", "read", "5", "--offset", "101"])).fails(
        1,
        "ipcx: shm read: segment 0x00000005 (id 0): offset 101 is past the end of its 100 bytes\n",
    );
    run(ns
        .ipcx()
        .args(["shm", "read", "5", "--length", "18446744073709551615", "--offset", "1"]))
    .fails(
        1,
        "ipcx: shm read: segment 0x00000005 (id 0): offset 1 + length 18446744073709551615 = 18446744073709551616 is past the end of its 100 bytes\n",
    );
}

#[test]
fn create_modes_private_and_existing() {
    let ns = Ns::new();
    run(ns.ipcx().args([
        "shm", "write", "0x10", "--create", "--size", "64", "-m", "640", "a",
    ]))
    .ok();
    // --create on an existing segment writes into it.
    run(ns.ipcx().args([
        "shm", "write", "0x10", "--create", "--size", "64", "--offset", "1", "b",
    ]))
    .ok();
    assert_eq!(
        run(ns.ipcx().args(["shm", "read", "0x10", "--cstr"])).ok(),
        "ab"
    );
    let out = run(ns.ipcx().args([
        "ls",
        "shm",
        "-o",
        "key,perms,size",
        "--raw",
        "--no-headings",
        "--bytes",
    ]))
    .ok();
    assert_eq!(out, "0x00000010 rw-r----- 64\n");
    let out = run(ns
        .ipcx()
        .args(["shm", "write", "private", "--create", "--size", "32", "p"]));
    assert_eq!(out.code, Some(0));
    assert_eq!(out.stderr, "id:1\n");
    assert_eq!(
        run(ns.ipcx().args(["shm", "read", "id:1", "--cstr"])).ok(),
        "p"
    );
    // A segment created for a write that is refused is not left behind.
    run(ns
        .ipcx()
        .args(["shm", "write", "0x11", "--create", "--size", "3", "abcd"]))
    .fails(
        1,
        "ipcx: shm write: segment 0x00000011 (id 2): offset 0 + 4 bytes = 4 is past the end of its 3 bytes; nothing was written\n",
    );
    run(ns.ipcx().args(["shm", "read", "0x11"]))
        .fails(1, "ipcx: shm read: segment 0x00000011: no such segment\n");
}

#[test]
fn bad_inputs_name_the_problem() {
    let ns = Ns::new();
    run(ns.ipcx().args(["shm", "read", "0x4d2"]))
        .fails(1, "ipcx: shm read: segment 0x000004d2: no such segment\n");
    run(ns.ipcx().args(["shm", "write", "id:7", "x"]))
        .fails(1, "ipcx: shm write: segment id:7: no such segment\n");
    run(ns.ipcx().args(["shm", "write", "private", "x"])).fails(
        2,
        "ipcx: shm write: 'private' always makes a new segment: add --create --size SIZE\n",
    );
    run(ns.ipcx().args(["shm", "read", "private"])).fails(
        2,
        "ipcx: shm read: 'private' names no existing segment; give a KEY, id:N or ftok:PATH\n",
    );
    run(ns
        .ipcx()
        .args(["shm", "write", "5", "--create", "--size", "0", "x"]))
    .fails(
        2,
        "ipcx: shm write: --size 0: a segment holds at least 1 byte\n",
    );
    let out = run(ns.ipcx().args(["shm", "write", "5", "--size", "4K", "x"]));
    assert_eq!(out.code, Some(2));
    assert!(
        out.stderr
            .starts_with("ipcx: shm write: the following required arguments were not provided:"),
        "{}",
        out.stderr
    );
    run(ns.ipcx().args(["shm", "read", "5", "--offset", "ten"])).fails(
        2,
        "ipcx: shm read: invalid value 'ten' for '--offset <N>': 'ten' is not a size (expected e.g. 4096, 4K, 1M, 1MiB, 2G)\nTry 'ipcx shm read --help' for more information.\n",
    );
    run(&mut ns.sh("echo 100000 > /proc/sys/kernel/shmmax && $IPCX shm write 5 --create --size 1M x"))
        .fails(
            1,
            "ipcx: shm write: segment 0x00000005: cannot create 1048576 bytes: 1048576 bytes exceed shmmax 100000 (/proc/sys/kernel/shmmax)\n",
        );
    // Nothing was made by any of these.
    assert_eq!(
        run(ns.ipcx().args(["ls", "shm", "--raw", "--no-headings"])).ok(),
        ""
    );
}

/// shmget's EINVAL at creation is about the size: the message names the limit that was
/// passed (it used to say "no such segment"). A fresh namespace has the kernel's default
/// shmmax; no segment can be larger than the largest file (2^63 - 1) whatever it says.
#[test]
fn create_beyond_the_size_limits_names_them() {
    let ns = Ns::new();
    run(ns
        .ipcx()
        .args(["shm", "write", "0x100", "--create", "--size", "8E", "hi"]))
    .fails(
        1,
        "ipcx: shm write: segment 0x00000100: cannot create 9223372036854775808 bytes: 9223372036854775808 bytes exceed 9223372036854775807, the largest segment the kernel makes (shmmax 18446744073692774399 in /proc/sys/kernel/shmmax is higher)\n",
    );
    run(ns.ipcx().args([
        "shm",
        "write",
        "0x100",
        "--create",
        "--size",
        "18446744073709551615",
        "hi",
    ]))
    .fails(
        1,
        "ipcx: shm write: segment 0x00000100: cannot create 18446744073709551615 bytes: 18446744073709551615 bytes exceed shmmax 18446744073692774399 (/proc/sys/kernel/shmmax)\n",
    );
    assert_eq!(
        run(ns.ipcx().args(["ls", "shm", "--raw", "--no-headings"])).ok(),
        ""
    );
}

/// `--create --size` on a segment that exists with another size is refused naming both
/// sizes (it used to write into it, ignoring --size); the same size is used as it is.
#[test]
fn create_on_an_existing_segment_of_another_size_is_refused() {
    let ns = Ns::new();
    run(ns
        .ipcx()
        .args(["shm", "write", "0x100", "--create", "--size", "4K", "hi"]))
    .ok();
    for (target, size, bytes) in [("0x100", "8K", 8192), ("id:0", "2K", 2048)] {
        run(ns
            .ipcx()
            .args(["shm", "write", target, "--create", "--size", size, "ho"]))
        .fails(
            1,
            &format!("ipcx: shm write: segment 0x00000100 (id 0): it exists with 4096 bytes, not the {bytes} of --size; nothing was written\n"),
        );
    }
    assert_eq!(
        run(ns.ipcx().args(["shm", "read", "0x100", "--cstr"])).ok(),
        "hi"
    );
    run(ns
        .ipcx()
        .args(["shm", "write", "0x100", "--create", "--size", "4096", "ho"]))
    .ok();
    assert_eq!(
        run(ns.ipcx().args(["shm", "read", "0x100", "--cstr"])).ok(),
        "ho"
    );
}

#[test]
fn read_attaches_read_only() {
    let ns = Ns::new();
    run(ns.ipcx().args([
        "shm", "write", "5", "--create", "--size", "16", "-m", "644", "public",
    ]))
    .ok();
    // nobody may read (and so attach read-only) but not write.
    let out = run(ns.ipcx_as_nobody().args(["shm", "read", "5", "--cstr"]));
    assert_eq!(out.ok(), "public");
    run(ns.ipcx_as_nobody().args(["shm", "write", "5", "x"])).fails(
        1,
        "ipcx: shm write: segment 0x00000005 (id 0): cannot attach: permission denied\n",
    );
    // Every attachment was detached.
    let out = run(ns
        .ipcx()
        .args(["ls", "shm", "-o", "nattch", "--raw", "--no-headings"]))
    .ok();
    assert_eq!(out, "0\n");
}

#[test]
fn interop_with_python_both_ways() {
    let ns = Ns::new();
    // Python makes and fills; ipcx reads.
    ns.sysv_python(
        "m = sysv_ipc.SharedMemory(0x50, sysv_ipc.IPC_CREX, mode=0o600, size=4096)\n\
         m.write(bytes(range(256)) * 2, offset=8)\n",
    );
    let all = read_all(&ns, "0x50");
    assert_eq!(all.len(), 4096);
    let expected: Vec<u8> = (0..=255u8).chain(0..=255u8).collect();
    assert_eq!(&all[8..520], &expected[..]);
    // ipcx makes and fills; Python reads size, mode and content.
    run_with_input(
        ns.ipcx().args([
            "shm", "write", "0x51", "--create", "--size", "10000", "--offset", "3",
        ]),
        &pattern(5000),
    )
    .ok();
    ns.sysv_python(&format!(
        "m = sysv_ipc.SharedMemory(0x51)\n\
         assert m.size == 10000, m.size\n\
         assert m.mode & 0o777 == 0o600, oct(m.mode)\n\
         data = m.read()\n\
         want = bytes((i * 7 + i // 251) % 256 for i in range(5000))\n\
         assert data[3:5003] == want\n\
         assert data[:3] == b'\\0\\0\\0' and data[5003:] == bytes({})\n",
        10000 - 5003
    ));
}

#[test]
fn a_reader_that_goes_away_ends_read_quietly() {
    let ns = Ns::new();
    run(ns
        .ipcx()
        .args(["shm", "write", "5", "--create", "--size", "4M", "x"]))
    .ok();
    let out = run(ns
        .cmd("bash")
        .args([
            "-c",
            "$IPCX shm read 5 | head -c 1; echo \" ${PIPESTATUS[0]}\"",
        ])
        .env("IPCX", common::ipcx_bin()));
    assert_eq!(out.ok(), "x 141\n");
}

#[test]
fn ftok_targets() {
    let ns = Ns::new();
    let dir = common::tempdir();
    let target = format!("ftok:{}:A", common::path_str(dir.path()));
    run(ns.ipcx().args([
        "shm", "write", &target, "--create", "--size", "16", "by path",
    ]))
    .ok();
    let key = run(ns.ipcx().args(["key", common::path_str(dir.path()), "A"])).ok();
    assert_eq!(
        run(ns.ipcx().args(["shm", "read", key.trim(), "--cstr"])).ok(),
        "by path"
    );
    run(ns.ipcx().args(["shm", "read", "ftok:/no/such/path"])).fails(
        1,
        "ipcx: shm read: segment ftok:/no/such/path:1: ftok path /no/such/path: no such file or directory\n",
    );
}

/// An ftok path is bytes, as every path is: one that is not UTF-8 names a key like any
/// other (it used to be refused as "invalid UTF-8", status 2).
#[test]
fn ftok_targets_take_any_bytes() {
    use std::os::unix::ffi::OsStrExt;
    let ns = Ns::new();
    let dir = common::tempdir();
    let odd = dir.path().join(std::ffi::OsStr::from_bytes(b"\xffdir"));
    std::fs::create_dir(&odd).expect("mkdir");
    let target = |proj: &str| {
        let mut target = std::ffi::OsString::from("ftok:");
        target.push(&odd);
        target.push(proj);
        target
    };
    run(ns
        .ipcx()
        .args(["shm", "write"])
        .arg(target(""))
        .args(["--create", "--size", "16", "odd path"]))
    .ok();
    let key = run(ns.ipcx().arg("key").arg(&odd)).ok();
    assert_eq!(
        run(ns.ipcx().args(["shm", "read", key.trim(), "--cstr"])).ok(),
        "odd path"
    );
    assert_eq!(
        run(ns.ipcx().args(["shm", "read", "--cstr"]).arg(target(":1"))).ok(),
        "odd path"
    );
    let missing = format!("{}/\u{fffd}dir/gone", common::path_str(dir.path()));
    let mut gone = target("");
    gone.push("/gone");
    run(ns.ipcx().args(["shm", "read"]).arg(gone)).fails(
        1,
        &format!("ipcx: shm read: segment ftok:{missing}:1: ftok path {missing}: no such file or directory\n"),
    );
}

/// A key TARGET is decimal digits without a leading 0, or 0x and hex digits, at most 32
/// bits: anything else (it used to take `010` as octal 8 and `0x+5`, `0+7` with a sign) is
/// a usage error that says why and names the forms.
#[test]
fn keys_outside_the_documented_grammar_are_usage_errors() {
    let ns = Ns::new();
    const FORMS: &str = "(expected KEY (1234 or 0x4d2), id:N, ftok:PATH[:PROJ], private, or /NAME for a POSIX object)\nTry 'ipcx shm read --help' for more information.\n";
    for (key, why) in [
        ("010", "a decimal key has no leading 0 (ipcrm would read 010 as octal): write 10 or use 0x hex"),
        ("08", "a decimal key has no leading 0 (ipcrm would read 08 as octal): write 8 or use 0x hex"),
        ("0x+5", "a hex key is 0x followed by hex digits only"),
        ("0+7", "not a key, id or name"),
        ("-5", "a key has no sign: write -5, as /proc/sysvipc shows it, as 0xfffffffb"),
        ("4294967296", "a key has 32 bits: at most 4294967295 or 0xffffffff"),
    ] {
        run(ns.ipcx().args(["shm", "read", "--", key])).fails(
            2,
            &format!("ipcx: shm read: invalid value '{key}' for '<TARGET>': '{key}' is not a TARGET: {why} {FORMS}"),
        );
    }
    // The accepted forms name the same key, shown as ipcs shows it.
    run(ns
        .ipcx()
        .args(["shm", "write", "10", "--create", "--size", "8", "ten"]))
    .ok();
    for key in ["10", "0xa", "0XA", "0x0000000a"] {
        assert_eq!(
            run(ns.ipcx().args(["shm", "read", key, "--cstr"])).ok(),
            "ten",
            "{key}"
        );
    }
    run(ns.ipcx().args(["shm", "read", "4294967295"]))
        .fails(1, "ipcx: shm read: segment 0xffffffff: no such segment\n");
}

#[test]
fn segments_made_by_ipcmk() {
    let ns = Ns::new();
    run(ns.cmd("ipcmk").args(["-M", "64", "-p", "0600"])).ok();
    run(ns
        .ipcx()
        .args(["shm", "write", "id:0", "--offset", "60", "tail"]))
    .ok();
    let all = read_all(&ns, "id:0");
    assert_eq!(all.len(), 64);
    assert_eq!(&all[60..], b"tail");
}

/// The seed demo: a writer fills a segment with ten `{char name[16]; int age}` records and
/// a reader prints them — as the README shows it, with ipcx and a POSIX shell.
#[test]
fn records_demo() {
    let ns = Ns::new();
    let writer = r#"
record() { printf '%s' "$1"; head -c $((16 - ${#1})) /dev/zero; printf "\\$(printf %o "$2")\\0\\0\\0"; }
for p in ada:36 alan:41 grace:85 linus:21 ken:26 dennis:30 bjarne:35 barbara:29 edsger:72 donald:24; do
  record "${p%:*}" "${p#*:}"
done | $IPCX shm write 0x5eed --create --size 200
"#;
    run(&mut ns.sh(writer)).ok();
    let reader = r#"
for i in 0 1 2 3 4 5 6 7 8 9; do
  name=$($IPCX shm read 0x5eed --offset $((i * 20)) --length 16 --cstr)
  age=$($IPCX shm read 0x5eed --offset $((i * 20 + 16)) --length 4 | od -An -td4 | tr -d ' ')
  printf '%-8s %3d\n' "$name" "$age"
done
"#;
    let out = run(&mut ns.sh(reader)).ok();
    assert_eq!(
        out,
        "ada       36\nalan      41\ngrace     85\nlinus     21\nken       26\n\
         dennis    30\nbjarne    35\nbarbara   29\nedsger    72\ndonald    24\n"
    );
    // The C layout, as struct.unpack reads it: what a C reader of the demo would see.
    ns.sysv_python(
        "import struct\n\
         m = sysv_ipc.SharedMemory(0x5eed)\n\
         recs = [struct.unpack_from('16si', m.read(20, offset=20 * i)) for i in range(10)]\n\
         assert recs[2] == (b'grace' + bytes(11), 85), recs[2]\n\
         assert [r[1] for r in recs] == [36, 41, 85, 21, 26, 30, 35, 29, 72, 24]\n",
    );
}

#[test]
fn interrupted_write_removes_the_segment_it_created() {
    let ns = Ns::new();
    let child = ns
        .ipcx()
        .args(["shm", "write", "0x77", "--create", "--size", "4K"])
        .stdin(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Blocked reading an open, empty pipe, with the segment made.
    blocked_reading(child.id());
    assert_eq!(
        run(ns
            .ipcx()
            .args(["ls", "shm", "--raw", "--no-headings", "-o", "key"]))
        .ok(),
        "0x00000077\n"
    );
    common::signal(&child, "INT");
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(130));
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
    assert_eq!(
        run(ns.ipcx().args(["ls", "shm", "--raw", "--no-headings"])).ok(),
        ""
    );

    // Into an existing segment, SIGTERM after some bytes: 143, and stderr says how many.
    run(ns
        .ipcx()
        .args(["shm", "write", "0x78", "--create", "--size", "4K", ""]))
    .ok();
    let mut child = ns
        .ipcx()
        .args(["shm", "write", "0x78"])
        .stdin(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    let mut stdin = child.stdin.take().unwrap();
    stdin.write_all(b"abc").unwrap();
    stdin.flush().unwrap();
    wait_until("the first bytes to arrive", 10, || {
        run(ns.ipcx().args(["shm", "read", "0x78", "--cstr"])).stdout == b"abc"
    });
    blocked_reading(child.id());
    common::signal(&child, "TERM");
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(143));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "ipcx: shm write: segment 0x00000078 (id 1): interrupted after writing 3 bytes at offset 0\n"
    );
    drop(stdin);
}

/// One size grammar, util-linux's: `1KB` is 1000 bytes and `1K` (or `1KiB`) 1024, in
/// --size, --offset and --length alike (`1KB` used to be 1024 here and 1000 in ipcmk).
#[test]
fn sizes_read_kb_as_1000_and_k_as_1024() {
    let ns = Ns::new();
    run(ns
        .ipcx()
        .args(["shm", "write", "0x1", "--create", "--size", "1KB", ""]))
    .ok();
    assert_eq!(read_all(&ns, "0x1").len(), 1000);
    run(ns
        .ipcx()
        .args(["shm", "write", "0x2", "--create", "--size", "1KiB", ""]))
    .ok();
    assert_eq!(read_all(&ns, "0x2").len(), 1024);
    run(ns.ipcx().args([
        "shm", "write", "0x3", "--create", "--size", "2K", "--offset", "1KB", "A",
    ]))
    .ok();
    run(ns
        .ipcx()
        .args(["shm", "write", "0x3", "--offset", "1K", "B"]))
    .ok();
    let read = |args: &[&str]| run(ns.ipcx().args(["shm", "read", "0x3"]).args(args)).ok();
    assert_eq!(read(&["--offset", "1000", "--length", "1"]), "A");
    assert_eq!(read(&["--offset", "1024", "--length", "1"]), "B");
    assert_eq!(read(&["--offset", "1KB", "--length", "1"]), "A");
    assert_eq!(read(&["--offset", "1K", "--length", "1"]), "B");
    assert_eq!(read(&["--length", "1KB"]).len(), 1000);
    assert_eq!(read(&["--length", "1K"]).len(), 1024);
    assert_eq!(read(&["--offset", "0.5KB", "--length", "1.5K"]).len(), 1536);
    // A leading 0 is refused rather than read as ipcmk reads it (octal) or as decimal.
    let out = run(ns.ipcx().args(["shm", "read", "0x3", "--offset", "010"]));
    out.fails(
        2,
        "ipcx: shm read: invalid value '010' for '--offset <N>': a decimal size has no leading 0 (ipcmk would read 010 as octal): write 10 or use 0x hex\nTry 'ipcx shm read --help' for more information.\n",
    );
}
