//! `ls --limits`: every System V limit with its current use, like `lsipc -g` and
//! `ipcs -l`, read through the System V data layer (/proc/sys/kernel, or IPC_INFO where it
//! cannot be read, which the SOURCE column tells), with `-o` choosing among its columns.

use anyhow::Result;
use serde_json::json;

use super::columns::LIMIT_COLUMNS;
use crate::cli::ls::LsArgs;
use crate::core::ipcdata::{self, LimitSource, SHMMIN};
use crate::core::procfs::KERNEL;
use crate::core::status::usage;
use crate::core::sysv::sem::SEMVMX;
use crate::output::{human_size, Cell, Format, Section};

/// The limits, with what is in use, like `lsipc -g` and `ipcs -l`: from /proc/sys/kernel,
/// or IPC_INFO where it cannot be read (the source column says which).
pub(super) fn limits_section(args: &LsArgs, format: Format) -> Result<Section> {
    let msg = ipcdata::msg_limits()?;
    let shm = ipcdata::shm_limits()?;
    let sem = ipcdata::sem_limits()?;
    let msgs = ipcdata::msg_records()?;
    let shms = ipcdata::shm_records()?;
    let sems = ipcdata::sem_records()?;
    let page = nix::unistd::sysconf(nix::unistd::SysconfVar::PAGE_SIZE)
        .ok()
        .flatten()
        .and_then(|p| u64::try_from(p).ok())
        .filter(|p| *p > 0)
        .unwrap_or(4096);
    let shm_pages: u64 = shms
        .iter()
        .map(|s| s.size.div_ceil(page))
        .fold(0, u64::saturating_add);
    let semaphores: u64 = sems.iter().map(|s| s.nsems).fold(0, u64::saturating_add);
    let human = if format == Format::Table {
        !args.bytes
    } else {
        args.human
    };
    let bytes = |n: u64| {
        if human {
            Cell::Text(human_size(n))
        } else {
            Cell::UInt(n)
        }
    };
    let count = |n: usize| u64::try_from(n).unwrap_or(u64::MAX);
    let int = |n: i32| Cell::Int(n.into());
    // The file of /proc/sys/kernel that holds a limit, or the call that told it.
    let source = |from: LimitSource, file: &str, call: &str| match from {
        LimitSource::ProcSys => format!("{KERNEL}/{file}"),
        LimitSource::IpcInfo => format!("{call}(IPC_INFO)"),
    };
    let msg_source = |file| source(msg.source, file, "msgctl");
    let shm_source = |file| source(shm.source, file, "shmctl");
    let sem_source = source(sem.source, "sem", "semctl");
    let fixed = || "fixed in the kernel".to_string();
    // A negative int widens as util-linux widens it (the kernel never has one).
    #[allow(clippy::cast_sign_loss)]
    let msgmnb = i64::from(msg.msgmnb) as u64;
    // (resource, description, limit, (used, of what limit), source)
    type LimitRow<'a> = (&'a str, &'a str, Cell, Option<(u64, i128)>, String);
    let rows: Vec<LimitRow> = vec![
        (
            "MSGMNI",
            "Number of message queues",
            int(msg.msgmni),
            Some((count(msgs.len()), msg.msgmni.into())),
            msg_source("msgmni"),
        ),
        (
            "MSGMAX",
            "Max size of message (bytes)",
            bytes(msg.msgmax),
            None,
            msg_source("msgmax"),
        ),
        (
            "MSGMNB",
            "Default max size of queue (bytes)",
            bytes(msgmnb),
            None,
            msg_source("msgmnb"),
        ),
        (
            "SHMMNI",
            "Shared memory segments",
            Cell::UInt(shm.shmmni),
            Some((count(shms.len()), shm.shmmni.into())),
            shm_source("shmmni"),
        ),
        (
            "SHMALL",
            "Shared memory pages",
            Cell::UInt(shm.shmall),
            Some((shm_pages, shm.shmall.into())),
            shm_source("shmall"),
        ),
        (
            "SHMMAX",
            "Max size of shared memory segment (bytes)",
            bytes(shm.shmmax),
            None,
            shm_source("shmmax"),
        ),
        (
            "SHMMIN",
            "Min size of shared memory segment (bytes)",
            bytes(SHMMIN),
            None,
            fixed(),
        ),
        (
            "SEMMNI",
            "Number of semaphore identifiers",
            int(sem.semmni),
            Some((count(sems.len()), sem.semmni.into())),
            sem_source.clone(),
        ),
        (
            "SEMMNS",
            "Total number of semaphores",
            int(sem.semmns),
            Some((semaphores, sem.semmns.into())),
            sem_source.clone(),
        ),
        (
            "SEMMSL",
            "Max semaphores per semaphore set",
            int(sem.semmsl),
            None,
            sem_source.clone(),
        ),
        (
            "SEMOPM",
            "Max number of operations per semop(2)",
            int(sem.semopm),
            None,
            sem_source,
        ),
        (
            "SEMVMX",
            "Semaphore max value",
            Cell::UInt(SEMVMX.into()),
            None,
            fixed(),
        ),
    ];
    let mut columns = LIMIT_COLUMNS.to_vec();
    let mut table_rows = Vec::new();
    for (name, description, limit, used, source) in rows {
        let (used_cell, pct_cell) = match used {
            Some((used, limit)) => {
                let pct = if limit <= 0 {
                    0.0
                } else {
                    used as f64 * 100.0 / limit as f64
                };
                let pct_cell = if format == Format::Json {
                    Cell::Rich {
                        text: format!("{pct:.2}%"),
                        json: json!((pct * 100.0).round() / 100.0),
                    }
                } else {
                    Cell::Text(format!("{pct:.2}%"))
                };
                (Cell::UInt(used), pct_cell)
            }
            None => (Cell::Null, Cell::Null),
        };
        table_rows.push(vec![
            Cell::text(name),
            Cell::text(description),
            limit,
            used_cell,
            pct_cell,
            Cell::Text(source),
        ]);
    }
    if let Some(spec) = &args.output {
        let names = super::columns::column_names(spec.trim_start_matches('+'));
        if names.is_empty() {
            return Err(usage(format!(
                "-o '{spec}' names no column (known for --limits: resource, description, limit, used, use%, source)"
            )));
        }
        let keep: Vec<usize> = names
            .into_iter()
            .map(|name| {
                columns
                    .iter()
                    .position(|c| c.name.eq_ignore_ascii_case(name.trim()))
                    .ok_or_else(|| usage(format!("unknown column '{name}' for --limits (known: resource, description, limit, used, use%, source)")))
            })
            .collect::<Result<_>>()?;
        columns = keep.iter().map(|i| columns[*i]).collect();
        for row in &mut table_rows {
            *row = keep.iter().map(|i| row[*i].clone()).collect();
        }
    }
    Ok(Section {
        json_key: "ipclimits",
        title: "Limits",
        columns,
        rows: table_rows,
    })
}
