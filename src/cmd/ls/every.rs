//! `ls --all-namespaces`: every IPC namespace of the host, each listed by a child that
//! enters it (and the mount namespace of a process in it, for its POSIX objects), under a
//! heading that names the namespace, that process and its container; in JSON one entry
//! per namespace with its objects. Namespaces that share one /dev/shm are pointed out:
//! their POSIX objects are the same files.

use std::io::Write;
use std::os::unix::fs::MetadataExt;

use anyhow::{Context, Result};
use serde_json::{json, Map, Value};

use crate::cli::ls::LsArgs;
use crate::core::namespaces::{self, container_id};
use crate::core::procfs;
use crate::core::status::{say, Fail};

pub(super) fn run(args: &LsArgs) -> Result<()> {
    let (found, unreadable) = namespaces::every();
    if unreadable > 0 {
        say(&format!(
            "the IPC namespace of {unreadable} process{} could not be read (permission denied): \
             namespaces only they are in are missing",
            if unreadable == 1 { "" } else { "es" }
        ));
    }
    // Which /dev/shm each namespace's process sees: the same device is the same files.
    let shm: Vec<Option<u64>> = found
        .iter()
        .map(|ns| {
            std::fs::metadata(format!("/proc/{}/root/dev/shm", ns.pid))
                .ok()
                .map(|m| m.dev())
        })
        .collect();
    let mut failed = unreadable > 0;
    let mut entries = Vec::new();
    let stdout = std::io::stdout();
    for (index, ns) in found.iter().enumerate() {
        let name = format!("ipc:[{}]", ns.inode);
        let (pid, namespace) = match ns.enter(args.posix()) {
            Some(Ok(entered)) => entered,
            // Every process of it ended since it was found: so did the namespace.
            None => continue,
            Some(Err(err)) => {
                // It cannot be opened (another user's, without privilege): go on.
                say(&format!("{name}: {err:#}"));
                failed = true;
                continue;
            }
        };
        let command = procfs::comm(pid);
        let container = container_id(pid);
        let shared: Vec<String> = found
            .iter()
            .zip(&shm)
            .filter(|(other, dev)| other.inode != ns.inode && dev.is_some() && **dev == shm[index])
            .map(|(other, _)| format!("ipc:[{}]", other.inode))
            .collect();
        if args.json {
            // Kept as bytes until every child has run: a parent heap full of parsed values
            // makes each fork's copy-on-write dearer.
            let (status, out) = namespace.run_captured(|| super::list(args))?;
            failed |= status != 0;
            let mut entry = Map::new();
            entry.insert("ns".into(), json!(name));
            entry.insert("pid".into(), json!(pid));
            entry.insert("command".into(), json!(command));
            entry.insert("container".into(), json!(container));
            entry.insert("shm-shared-with".into(), json!(shared));
            entries.push((entry, out));
            continue;
        }
        let mut heading = format!("IPC namespace {name}: pid {pid}");
        if let Some(command) = &command {
            heading.push_str(&format!(" ({command})"));
        }
        if let Some(id) = &container {
            heading.push_str(&format!(", container {id}"));
        }
        if !shared.is_empty() {
            heading.push_str(&format!(", /dev/shm shared with {}", shared.join(", ")));
        }
        {
            let mut out = stdout.lock();
            let blank = if index > 0 { "\n" } else { "" };
            write!(out, "{blank}{heading}\n\n").context("stdout")?;
            out.flush().context("stdout")?;
        }
        failed |= namespace.run(|| super::list_as(args, Some(&name)))? != 0;
    }
    if args.json {
        let entries: Vec<Value> = entries
            .into_iter()
            .map(|(mut entry, out)| {
                if let Ok(Value::Object(objects)) = serde_json::from_slice::<Value>(&out) {
                    entry.extend(objects);
                }
                Value::Object(entry)
            })
            .collect();
        let document = json!({ "namespaces": entries });
        let mut out = std::io::BufWriter::with_capacity(64 * 1024, stdout.lock());
        serde_json::to_writer_pretty(&mut out, &document)
            .map_err(std::io::Error::from)
            .context("stdout")?;
        writeln!(out).context("stdout")?;
        out.flush().context("stdout")?;
    }
    if failed {
        return Err(Fail::Reported.into());
    }
    Ok(())
}
