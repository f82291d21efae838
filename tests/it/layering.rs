//! The layering of DESIGN §4, checked rather than hoped for: `libc` and `unsafe` appear only
//! under src/core, which offers the rest of ipcx small safe wrappers. (`#![deny(unsafe_code)]`
//! in main.rs makes the compiler refuse an `unsafe` block outside src/core as well; this
//! also catches `libc::` paths, which no lint covers, and a local `#[allow(unsafe_code)]`.)

use std::path::{Path, PathBuf};

/// Every .rs file under `dir`, in a stable order.
fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|err| panic!("{}: {err}", dir.display()))
        .map(|entry| entry.expect("directory entry").path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|ext| ext == "rs") {
            out.push(path);
        }
    }
}

fn is_word(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// Whether `word` occurs in `line` with no identifier character just before it, and (when
/// `whole`) none just after it: grep's `\bword` and `\bword\b`.
fn has_word(line: &str, word: &str, whole: bool) -> bool {
    let bytes = line.as_bytes();
    line.match_indices(word).any(|(at, _)| {
        let before = at.checked_sub(1).map(|i| bytes[i]);
        let after = bytes.get(at + word.len()).copied();
        !(before.is_some_and(is_word) || (whole && after.is_some_and(is_word)))
    })
}

/// What a line does that only src/core may do.
fn offence(line: &str) -> Option<&'static str> {
    let code = line.trim_start();
    if has_word(line, "libc::", false) {
        Some("a libc:: path")
    } else if has_word(line, "unsafe", true) {
        Some("unsafe")
    } else if code.starts_with("use libc") || code.starts_with("extern crate libc") {
        Some("libc imported")
    } else {
        None
    }
}

#[test]
fn libc_and_unsafe_live_only_in_src_core() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let core = root.join("src/core");
    let mut files = Vec::new();
    sources(&root.join("src"), &mut files);
    assert!(
        files.iter().any(|f| f.ends_with("main.rs")),
        "no sources found"
    );
    let mut found = Vec::new();
    for file in files.iter().filter(|file| !file.starts_with(&core)) {
        let text = std::fs::read_to_string(file).expect("read source");
        for (number, line) in text.lines().enumerate() {
            if let Some(what) = offence(line) {
                let shown = file.strip_prefix(root).unwrap_or(file).display();
                found.push(format!("{shown}:{}: {what}: {}", number + 1, line.trim()));
            }
        }
    }
    assert!(
        found.is_empty(),
        "libc and unsafe belong in src/core (add a small safe wrapper there):\n{}",
        found.join("\n")
    );
}

#[test]
fn the_check_sees_what_it_must() {
    assert_eq!(
        offence("    let x = libc::IPC_CREAT;"),
        Some("a libc:: path")
    );
    assert_eq!(offence("unsafe { f() }"), Some("unsafe"));
    assert_eq!(offence("pub unsafe fn f() {}"), Some("unsafe"));
    assert_eq!(offence("use libc::c_int;"), Some("a libc:: path"));
    assert_eq!(offence("use libc as c;"), Some("libc imported"));
    assert_eq!(offence("// glibc's getopt"), None);
    assert_eq!(offence("#[allow(unsafe_code)]"), None);
    assert_eq!(offence("let not_unsafe = 1;"), None);
}

/// One way to report a failure and go on: commands print through `status::say` and
/// `status::Failures`, under the name `main` gives them (`Command::label`), never with a
/// label of their own; and 141 is `status::BROKEN_PIPE_STATUS`, not a literal.
#[test]
fn commands_report_under_their_own_name() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    sources(&root.join("src"), &mut files);
    let mut found = Vec::new();
    for file in &files {
        if file.ends_with("src/core/status.rs") {
            continue;
        }
        let text = std::fs::read_to_string(file).expect("read source");
        for (number, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or_default();
            let what = if code.contains("print_error(") {
                "a hand-written label (use status::say or status::Failures)"
            } else if has_word(code, "141", true) {
                "141 (use status::BROKEN_PIPE_STATUS)"
            } else {
                continue;
            };
            let shown = file.strip_prefix(root).unwrap_or(file).display();
            found.push(format!("{shown}:{}: {what}: {}", number + 1, line.trim()));
        }
    }
    assert!(found.is_empty(), "{}", found.join("\n"));
}

/// One object model: a command does not know which family its object is. msg, sem and shm
/// reach System V and POSIX only through core's `Queue`, `Semaphore` and `Segment`
/// (core/queue, core/semaphore, core/segment), so their command files name neither family
/// nor a POSIX target.
#[test]
fn msg_sem_and_shm_do_not_branch_on_the_family() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    sources(&root.join("src/cmd/msg"), &mut files);
    files.push(root.join("src/cmd/sem.rs"));
    files.push(root.join("src/cmd/shm.rs"));
    assert!(files.len() > 1, "no sources found");
    let mut found = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).expect("read source");
        for (number, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or_default();
            let what = if code.contains("Target::Posix") {
                "a POSIX target"
            } else if code.contains("core::sysv") || code.contains("core::posix") {
                "a family's own module"
            } else {
                continue;
            };
            let shown = file.strip_prefix(root).unwrap_or(file).display();
            found.push(format!("{shown}:{}: {what}: {}", number + 1, line.trim()));
        }
    }
    assert!(
        found.is_empty(),
        "the family belongs in src/core (core::queue, core::semaphore, core::segment):\n{}",
        found.join("\n")
    );
}
