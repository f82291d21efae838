//! `ipcx install-links`: the `ipcs`, `ipcrm`, `ipcmk` and `flock` links that select the util-linux
//! personalities.

use std::io::{ErrorKind, Write};
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

use crate::cli::compat::InstallLinksArgs;
use crate::core::status::Failures;

/// Whether `path` is (a link to) the same file as `exe`: a symlink chain or a hard link.
fn is_ipcx(path: &Path, exe: &Path) -> bool {
    match (std::fs::metadata(path), std::fs::metadata(exe)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

/// Puts a link to `target` in the place of `path` in one step: the link is made beside it
/// and renamed over it, so when anything fails the file that was there is still there.
fn replace_with_link(target: &Path, path: &Path) -> std::io::Result<()> {
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    let beside = path.with_file_name(format!(".{name}.ipcx-{}", std::process::id()));
    std::os::unix::fs::symlink(target, &beside)?;
    std::fs::rename(&beside, path).inspect_err(|_| {
        // Only the link this run just made.
        let _ = std::fs::remove_file(&beside);
    })
}

pub fn run(args: InstallLinksArgs) -> Result<()> {
    let exe = std::env::current_exe()
        .and_then(|p| p.canonicalize())
        .context("cannot find the ipcx binary")?;
    let home = exe.parent().map(Path::to_path_buf).unwrap_or_default();
    let dir = args.dir.clone().unwrap_or_else(|| home.clone());
    // Beside the binary a relative link keeps working when the directory moves.
    let same_dir = dir.canonicalize().ok().as_deref() == Some(home.as_path());
    let target: PathBuf = match (same_dir, exe.file_name()) {
        (true, Some(name)) => PathBuf::from(name),
        _ => exe.clone(),
    };
    let mut report = Vec::new();
    let mut failures = Failures::new();
    for name in crate::compat::NAMES {
        let path = dir.join(name);
        let shown = path.display();
        let existing = std::fs::symlink_metadata(&path);
        let verb = match existing {
            Err(err) if err.kind() == ErrorKind::NotFound => "created",
            Err(err) => {
                failures.show(format!("{shown}: {}", crate::core::io_text(&err)));
                continue;
            }
            Ok(_) if is_ipcx(&path, &exe) => {
                writeln!(report, "kept {shown} (already runs ipcx)")?;
                continue;
            }
            Ok(_) if !args.force => {
                failures.show(format!(
                    "{shown}: exists and is not a link to ipcx; left alone (--force replaces it)"
                ));
                continue;
            }
            Ok(_) => "replaced",
        };
        let (made, failure) = if verb == "replaced" {
            (replace_with_link(&target, &path), "cannot replace")
        } else {
            (
                std::os::unix::fs::symlink(&target, &path),
                "cannot create the link",
            )
        };
        match made {
            Ok(()) => writeln!(report, "{verb} {shown} -> {}", target.display())?,
            Err(err) => {
                failures.show(format!(
                    "{shown}: {failure}: {}",
                    crate::core::io_text(&err)
                ));
            }
        }
    }
    std::io::stdout().lock().write_all(&report)?;
    failures.finish()
}
