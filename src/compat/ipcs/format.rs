//! The printf pieces of util-linux's `ipcs` lines: sizes in the chosen unit, times as
//! ctime prints them, ids with owners, permissions, and the column headers.

use std::io::Write as _;

use super::Unit;
use crate::compat::{left, left_max};
use crate::core::ipcdata::Perm;
use crate::core::timestamps::ctime;
use crate::core::users::Names;
use crate::output::human_size;

/// util-linux's `ipc_print_size`: an optional label, the size in the unit, padded to
/// `width` (negative: left-aligned), then `end`.
pub(super) fn print_size(
    out: &mut Vec<u8>,
    unit: Unit,
    label: Option<&str>,
    size: u64,
    end: &str,
    width: i32,
) {
    match label {
        None => {}
        Some(label) if label.ends_with('=') => out.extend_from_slice(label.as_bytes()),
        Some(label) => {
            let _ = match unit {
                Unit::Bytes => write!(out, "{label} (bytes) = "),
                Unit::Kb => write!(out, "{label} (kbytes) = "),
                _ => write!(out, "{label} = "),
            };
        }
    }
    let text = match unit {
        Unit::Default | Unit::Bytes => size.to_string(),
        Unit::Kb => (size / 1024).to_string(),
        Unit::Human => human_size(size),
    };
    let pad = usize::try_from(width.unsigned_abs()).unwrap_or(0);
    if width < 0 {
        left(out, text.as_bytes(), pad);
    } else {
        for _ in text.len()..pad {
            out.push(b' ');
        }
        out.extend_from_slice(text.as_bytes());
    }
    out.extend_from_slice(end.as_bytes());
}

/// `%-20.16s` of `ctime + 4`, or "Not set" for 0.
fn short_time(out: &mut Vec<u8>, t: i64) {
    out.push(b' ');
    if t == 0 {
        left(out, b"Not set", 20);
    } else {
        let text = ctime(t).unwrap_or_else(|| "(null)".into());
        let tail = text.get(4..).unwrap_or("");
        left_max(out, tail.as_bytes(), 20, 16);
    }
}

/// `%-26.24s` of ctime, or "Not set" for 0 when `unset` allows it.
pub(super) fn long_time(out: &mut Vec<u8>, t: i64, unset: bool) {
    if t == 0 && unset {
        left(out, b"Not set", 26);
    } else {
        let text = ctime(t).unwrap_or_else(|| "(null)".into());
        left_max(out, text.as_bytes(), 26, 24);
    }
}

/// `%-{id_width}d %-10.10s`: the id and the owner's name (or uid).
pub(super) fn id_owner(out: &mut Vec<u8>, names: &mut Names, id: i32, uid: u32, id_width: usize) {
    left(out, id.to_string().as_bytes(), id_width);
    out.push(b' ');
    let owner = names.user(uid);
    left_max(out, owner.as_bytes(), 10, 10);
}

fn octal(out: &mut Vec<u8>, mode: u32) {
    left(out, format!("{:o}", mode & 0o777).as_bytes(), 10);
}

/// The start of every kind's default row: key, id, owner and perms, each followed by a space.
pub(super) fn key_id_owner_perms(out: &mut Vec<u8>, names: &mut Names, perm: &Perm) {
    let _ = write!(out, "0x{:08x} ", perm.key as u32);
    id_owner(out, names, perm.id, perm.uid, 10);
    out.push(b' ');
    octal(out, perm.mode);
    out.push(b' ');
}

/// A `-t` row of queues and segments: id, owner and three short times.
pub(super) fn times_row(
    out: &mut Vec<u8>,
    names: &mut Names,
    perm: &Perm,
    id_width: usize,
    times: [i64; 3],
) {
    id_owner(out, names, perm.id, perm.uid, id_width);
    for time in times {
        short_time(out, time);
    }
    out.push(b'\n');
}

/// `ipc_print_perms`: id, perms, and creator and owner names (uncut) or numbers.
pub(super) fn perms_line(out: &mut Vec<u8>, names: &mut Names, perm: &Perm) {
    left(out, perm.id.to_string().as_bytes(), 10);
    out.push(b' ');
    octal(out, perm.mode);
    for (i, name) in [
        names.user(perm.cuid),
        names.group(perm.cgid),
        names.user(perm.uid),
        names.group(perm.gid),
    ]
    .iter()
    .enumerate()
    {
        out.push(b' ');
        left(out, name.as_bytes(), 10);
        if i == 3 {
            out.push(b'\n');
        }
    }
}

pub(super) fn header(out: &mut Vec<u8>, columns: &[(&str, usize)]) {
    for (i, (name, width)) in columns.iter().enumerate() {
        if i > 0 {
            out.push(b' ');
        }
        left(out, name.as_bytes(), *width);
    }
    out.push(b'\n');
}

pub(super) fn creators_header(out: &mut Vec<u8>, id: &str) {
    header(
        out,
        &[
            (id, 10),
            ("perms", 10),
            ("cuid", 10),
            ("cgid", 10),
            ("uid", 10),
            ("gid", 10),
        ],
    );
}

/// `%#o`.
pub(super) fn alt_octal(mode: u32) -> String {
    if mode == 0 {
        "0".into()
    } else {
        format!("0{mode:o}")
    }
}
