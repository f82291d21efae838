//! `ipcx key`: agrees with an independent ftok (Python's sysv_ipc).

use crate::common;

use common::run;
use std::process::Command;

fn python_ftok(path: &str, proj: u8) -> String {
    let out = run(Command::new("python3").args([
        "-c",
        &format!("import sysv_ipc; print('0x%08x' % (sysv_ipc.ftok({path:?}, {proj}, silence_warning=True) & 0xffffffff))"),
    ]))
    .ok();
    out
}

#[test]
fn agrees_with_sysv_ipc() {
    let dir = common::tempdir();
    let path = dir.path().to_str().unwrap();
    for (args, proj) in [
        (vec![path], 1u8),
        (vec![path, "65"], 65),
        (vec![path, "A"], b'A'),
        (vec![path, "255"], 255),
        (vec!["/"], 1),
    ] {
        let out = run(Command::new(common::ipcx_bin()).arg("key").args(&args)).ok();
        assert_eq!(out, python_ftok(args[0], proj), "{args:?}");
    }
}

#[test]
fn missing_path_is_status_1_naming_it() {
    run(Command::new(common::ipcx_bin()).args(["key", "/no/such/file"]))
        .fails(1, "ipcx: key: /no/such/file: no such file or directory\n");
}

#[test]
fn bad_project_is_a_usage_error() {
    run(Command::new(common::ipcx_bin()).args(["key", "/", "256"])).fails(
        2,
        "ipcx: key: invalid value '256' for '[PROJ]': '256' is not a project id (expected 0 to 255 or one character)\n\
         Try 'ipcx key --help' for more information.\n",
    );
    let missing = run(Command::new(common::ipcx_bin()).arg("key"));
    assert_eq!(missing.code, Some(2));
    assert!(
        missing
            .stderr
            .starts_with("ipcx: key: the following required arguments were not provided:"),
        "{}",
        missing.stderr
    );
}
