//! completions/ and man/ are generated from the clap definitions and checked in; this test
//! fails when they are stale.

use crate::common;

use std::path::Path;

fn files(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut found: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| {
            let entry = entry.unwrap();
            (
                entry.file_name().to_string_lossy().into_owned(),
                std::fs::read(entry.path()).unwrap(),
            )
        })
        .collect();
    found.sort();
    found
}

#[test]
fn completions_and_man_pages_are_up_to_date() {
    let out = common::tempdir();
    let run = common::run(
        std::process::Command::new(common::ipcx_bin())
            .args(["generate", "--out"])
            .arg(out.path()),
    );
    run.ok();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for dir in ["completions", "man"] {
        let fresh = files(&out.path().join(dir));
        let checked_in = files(&root.join(dir));
        let names = |f: &[(String, Vec<u8>)]| f.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>();
        assert_eq!(
            names(&checked_in),
            names(&fresh),
            "{dir}/ is stale: regenerate with `cargo run -- generate --out .` and commit"
        );
        for ((name, old), (_, new)) in checked_in.iter().zip(&fresh) {
            assert!(
                old == new,
                "{dir}/{name} is stale: regenerate with `cargo run -- generate --out .` and commit"
            );
        }
    }
}

#[test]
fn completions_command_prints_the_checked_in_script() {
    let run =
        common::run(std::process::Command::new(common::ipcx_bin()).args(["completions", "bash"]));
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    assert_eq!(
        run.ok().as_bytes(),
        std::fs::read(root.join("completions/ipcx.bash")).unwrap()
    );
}

#[test]
fn completions_rejects_an_unknown_shell() {
    let run =
        common::run(std::process::Command::new(common::ipcx_bin()).args(["completions", "tcsh"]));
    assert_eq!(run.code, Some(2));
    assert!(
        run.stderr
            .starts_with("ipcx: completions: invalid value 'tcsh'"),
        "{}",
        run.stderr
    );
}
