//! TARGET (DESIGN §1): how a command names a System V or POSIX object.

use std::fmt;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use anyhow::{Context, Result};

/// The forms a TARGET may take, for the error text of a target that does not parse.
pub const FORMS: &str =
    "KEY (1234 or 0x4d2), id:N, ftok:PATH[:PROJ], private, or /NAME for a POSIX object";

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    /// A System V key, never 0 (that is IPC_PRIVATE, written `private`).
    Key(i32),
    /// A System V identifier (msqid, shmid or semid).
    Id(i32),
    /// The key `ftok(path, proj)` names; computed when used, since the path may not exist yet.
    Ftok { path: PathBuf, proj: u8 },
    /// IPC_PRIVATE: always a new object.
    Private,
    /// A POSIX object name, with its leading `/`.
    Posix(String),
}

impl FromStr for Target {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, String> {
        let bad = |why: &str| format!("'{text}' is not a TARGET: {why} (expected {FORMS})");
        if text == "private" || text == "IPC_PRIVATE" {
            return Ok(Target::Private);
        }
        if let Some(id) = text.strip_prefix("id:") {
            return match id.parse::<i32>() {
                Ok(id) if id >= 0 => Ok(Target::Id(id)),
                _ => Err(bad("the id must be a number from 0 to 2147483647")),
            };
        }
        if let Some(rest) = text.strip_prefix("ftok:") {
            let (path, proj) = match rest.rsplit_once(':') {
                Some((path, proj)) if !path.is_empty() => match parse_proj(proj) {
                    Some(proj) => (path, proj),
                    None => return Err(bad("PROJ must be 0 to 255 or one character")),
                },
                _ => (rest, 1),
            };
            if path.is_empty() {
                return Err(bad("ftok needs a path"));
            }
            return Ok(Target::Ftok {
                path: PathBuf::from(path),
                proj,
            });
        }
        if text.starts_with('/') {
            return posix_name(text).map(Target::Posix).map_err(|why| bad(&why));
        }
        match parse_key(text) {
            Some(0) => Err(bad("key 0 is IPC_PRIVATE; write 'private'")),
            Some(key) => Ok(Target::Key(key)),
            None => Err(bad("not a key, id or name")),
        }
    }
}

impl fmt::Display for Target {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Target::Key(key) => write!(f, "{}", key_hex(*key)),
            Target::Id(id) => write!(f, "id:{id}"),
            Target::Ftok { path, proj } => write!(f, "ftok:{}:{proj}", path.display()),
            Target::Private => f.write_str("private"),
            Target::Posix(name) => f.write_str(name),
        }
    }
}

/// A System V key as ipcs shows it: `0x%08x` of its 32 bits.
pub fn key_hex(key: i32) -> String {
    format!("0x{:08x}", key as u32)
}

/// A key in decimal (possibly negative, as /proc/sysvipc prints them), `0x` hex or, with a
/// leading 0, octal; anything that fits 32 bits.
pub fn parse_key(text: &str) -> Option<i32> {
    let (negative, digits) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let value = if let Some(hex) = digits
        .strip_prefix("0x")
        .or_else(|| digits.strip_prefix("0X"))
    {
        u64::from_str_radix(hex, 16).ok()?
    } else if digits.len() > 1 && digits.starts_with('0') {
        u64::from_str_radix(&digits[1..], 8).ok()?
    } else {
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        digits.parse::<u64>().ok()?
    };
    if negative {
        let value = i64::try_from(value).ok()?;
        i32::try_from(-value).ok()
    } else {
        u32::try_from(value).ok().map(|v| v as i32)
    }
}

/// PROJ of ftok: a number 0–255, or a single character (its byte value).
pub fn parse_proj(text: &str) -> Option<u8> {
    if let Ok(number) = text.parse::<u8>() {
        return Some(number);
    }
    let mut chars = text.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) if c.is_ascii() => Some(c as u8),
        _ => None,
    }
}

/// A POSIX IPC name: `/` followed by 1–255 bytes, none of them `/` or NUL.
fn posix_name(text: &str) -> Result<String, String> {
    let rest = &text[1..];
    if rest.is_empty() {
        return Err("a POSIX name needs characters after '/'".into());
    }
    if rest.contains('/') || rest.contains('\0') {
        return Err("a POSIX name has only its leading '/'".into());
    }
    if rest.len() > 255 {
        return Err("a POSIX name is at most 255 bytes (NAME_MAX)".into());
    }
    if rest == "." || rest == ".." {
        return Err("'.' and '..' are not POSIX names".into());
    }
    Ok(text.to_string())
}

/// `ftok(3)` as glibc computes it: the low 8 bits of the project id, the low 8 bits of the
/// device number and the low 16 bits of the inode number.
pub fn ftok(path: &Path, proj: u8) -> Result<i32> {
    let meta = std::fs::metadata(path).with_context(|| format!("ftok path {}", path.display()))?;
    let key = (u32::from(proj) << 24)
        | (((meta.dev() & 0xff) as u32) << 16)
        | (meta.ino() & 0xffff) as u32;
    Ok(key as i32)
}

impl Target {
    /// The System V key this target names, if it names one by key (IPC_PRIVATE is 0).
    pub fn key(&self) -> Result<Option<i32>> {
        match self {
            Target::Key(key) => Ok(Some(*key)),
            Target::Ftok { path, proj } => ftok(path, *proj).map(Some),
            Target::Private => Ok(Some(0)),
            Target::Id(_) | Target::Posix(_) => Ok(None),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn forms() {
        assert_eq!("1234".parse(), Ok(Target::Key(1234)));
        assert_eq!("0x4d2".parse(), Ok(Target::Key(1234)));
        assert_eq!("0xffffffff".parse(), Ok(Target::Key(-1)));
        assert_eq!("-743211429".parse(), Ok(Target::Key(-743211429)));
        assert_eq!("id:7".parse(), Ok(Target::Id(7)));
        assert_eq!("private".parse(), Ok(Target::Private));
        assert_eq!("/jobs".parse(), Ok(Target::Posix("/jobs".into())));
        assert_eq!(
            "ftok:/tmp".parse(),
            Ok(Target::Ftok {
                path: "/tmp".into(),
                proj: 1
            })
        );
        assert_eq!(
            "ftok:/tmp:65".parse(),
            Ok(Target::Ftok {
                path: "/tmp".into(),
                proj: 65
            })
        );
        assert_eq!(
            "ftok:/tmp:A".parse(),
            Ok(Target::Ftok {
                path: "/tmp".into(),
                proj: b'A'
            })
        );
    }

    #[test]
    fn refusals_name_the_forms() {
        for bad in [
            "",
            "0",
            "x",
            "id:",
            "id:-1",
            "id:x",
            "0x",
            "4294967296",
            "/",
            "/a/b",
            "ftok:",
            "ftok:/tmp:256",
        ] {
            let err = bad.parse::<Target>().unwrap_err();
            assert!(err.contains("id:N"), "{bad}: {err}");
        }
    }

    #[test]
    fn keys_show_as_ipcs_does() {
        assert_eq!(key_hex(1234), "0x000004d2");
        assert_eq!(key_hex(-743211429), "0xd3b37e5b");
    }

    proptest! {
        #[test]
        fn target_parser_never_panics(text in ".*") {
            let _ = text.parse::<Target>();
        }

        #[test]
        fn keys_round_trip(key in any::<i32>().prop_filter("not private", |k| *k != 0)) {
            prop_assert_eq!(key_hex(key).parse::<Target>(), Ok(Target::Key(key)));
            prop_assert_eq!(key.to_string().parse::<Target>(), Ok(Target::Key(key)));
        }
    }
}
