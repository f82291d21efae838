//! TARGET (DESIGN §1): how a command names a System V or POSIX object.

use std::ffi::{OsStr, OsString};
use std::fmt;
use std::os::unix::ffi::OsStrExt;
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

impl Target {
    /// Parses a TARGET given as bytes: an ftok PATH may be any bytes, as paths are; the
    /// other forms are ASCII (a POSIX name, UTF-8).
    pub fn from_os(arg: &OsStr) -> Result<Target, String> {
        let bytes = arg.as_bytes();
        if let Some(rest) = bytes.strip_prefix(b"ftok:") {
            let bad = |why: &str| {
                format!(
                    "'{}' is not a TARGET: {why} (expected {FORMS})",
                    arg.to_string_lossy()
                )
            };
            let split = rest.iter().rposition(|&b| b == b':');
            let (path, proj) = match split.map(|at| (&rest[..at], &rest[at + 1..])) {
                Some((path, proj)) if !path.is_empty() => {
                    match std::str::from_utf8(proj).ok().and_then(parse_proj) {
                        Some(proj) => (path, proj),
                        None => return Err(bad("PROJ must be 0 to 255 or one character")),
                    }
                }
                _ => (rest, 1),
            };
            if path.is_empty() {
                return Err(bad("ftok needs a path"));
            }
            return Ok(Target::Ftok {
                path: PathBuf::from(OsStr::from_bytes(path)),
                proj,
            });
        }
        match arg.to_str() {
            Some(text) => text.parse(),
            None if bytes.starts_with(b"/") => Err(format!(
                "'{}' is not a TARGET: a POSIX name must be valid UTF-8 (expected {FORMS})",
                arg.to_string_lossy()
            )),
            None => Err(format!(
                "'{}' is not a TARGET: not a key, id or name (expected {FORMS})",
                arg.to_string_lossy()
            )),
        }
    }
}

impl FromStr for Target {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, String> {
        let bad = |why: &str| format!("'{text}' is not a TARGET: {why} (expected {FORMS})");
        if text == "private" || text == "IPC_PRIVATE" {
            return Ok(Target::Private);
        }
        if let Some(id) = text.strip_prefix("id:") {
            let digits = !id.is_empty() && id.bytes().all(|b| b.is_ascii_digit());
            return match id.parse::<i32>() {
                Ok(id) if digits => Ok(Target::Id(id)),
                _ => Err(bad("the id must be a number from 0 to 2147483647")),
            };
        }
        if text.starts_with("ftok:") {
            return Target::from_os(OsStr::new(text));
        }
        if text.starts_with('/') {
            return posix_name(text).map(Target::Posix).map_err(|why| bad(&why));
        }
        match target_key(text) {
            Ok(0) => Err(bad("key 0 is IPC_PRIVATE; write 'private'")),
            Ok(key) => Ok(Target::Key(key)),
            Err(why) => Err(bad(&why)),
        }
    }
}

/// Lets clap parse a TARGET from the raw argument, so an ftok path need not be UTF-8; a
/// refusal reads as any other invalid value.
impl clap::builder::ValueParserFactory for Target {
    type Parser = clap::builder::TryMapValueParser<
        clap::builder::OsStringValueParser,
        fn(OsString) -> Result<Target, String>,
    >;

    fn value_parser() -> Self::Parser {
        use clap::builder::TypedValueParser;
        clap::builder::OsStringValueParser::new()
            .try_map((|arg: OsString| Target::from_os(&arg)) as fn(OsString) -> _)
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

/// A key as a TARGET takes it, the one grammar README's TARGET table documents: decimal
/// digits without a leading 0, or `0x`/`0X` and hex digits; no sign, no space; at most
/// 0xffffffff, whose 32 bits are the key (key_t is signed, so 0xd3b37e5b is the key
/// /proc/sysvipc prints as -743211429). A leading 0 is refused rather than read either way:
/// ipcs, ipcrm and strtoul read `010` as octal 8, a reader of decimal as 10.
pub fn target_key(text: &str) -> Result<i32, String> {
    const TOO_LARGE: &str = "a key has 32 bits: at most 4294967295 or 0xffffffff";
    if let Some(hex) = text.strip_prefix("0x").or_else(|| text.strip_prefix("0X")) {
        if hex.is_empty() || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err("a hex key is 0x followed by hex digits only".into());
        }
        let significant = hex.trim_start_matches('0');
        if significant.len() > 8 {
            return Err(TOO_LARGE.into());
        }
        return u32::from_str_radix(
            if significant.is_empty() {
                "0"
            } else {
                significant
            },
            16,
        )
        .map(|key| key as i32)
        .map_err(|_| TOO_LARGE.into());
    }
    if !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()) {
        if text.bytes().all(|b| b == b'0') {
            return Ok(0); // IPC_PRIVATE, however many zeros: the caller says so
        }
        if text.starts_with('0') {
            let decimal = text.trim_start_matches('0');
            return Err(format!(
                "a decimal key has no leading 0 (ipcrm would read {text} as octal): \
                 write {decimal} or use 0x hex"
            ));
        }
        return text
            .parse::<u32>()
            .map(|key| key as i32)
            .map_err(|_| TOO_LARGE.into());
    }
    if let Some(digits) = text.strip_prefix('-').or_else(|| text.strip_prefix('+')) {
        if let Ok(key) = digits.parse::<u32>() {
            if text.starts_with('-') {
                if let Ok(negative) = i32::try_from(-i64::from(key)) {
                    return Err(format!(
                        "a key has no sign: write {text}, as /proc/sysvipc shows it, as {}",
                        key_hex(negative)
                    ));
                }
            }
        }
        return Err("a key has no sign".into());
    }
    Err("not a key, id or name".into())
}

/// A key as `ls --key` and `rm -Q/-M/-S` take it: decimal (possibly negative, as
/// /proc/sysvipc prints them), `0x` hex or, with a leading 0, octal; anything that fits
/// 32 bits. Digits only after the sign or prefix.
pub fn parse_key(text: &str) -> Option<i32> {
    let (negative, digits) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let (radix, digits) = if let Some(hex) = digits
        .strip_prefix("0x")
        .or_else(|| digits.strip_prefix("0X"))
    {
        (16, hex)
    } else if digits.len() > 1 && digits.starts_with('0') {
        (8, &digits[1..])
    } else {
        (10, digits)
    };
    if digits.is_empty() || !digits.chars().all(|c| c.is_digit(radix)) {
        return None;
    }
    let value = u64::from_str_radix(digits, radix).ok()?;
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
    ftok_key(meta.dev(), meta.ino(), proj).ok_or_else(|| {
        // IPC_PRIVATE: it would make a new object, or select an unrelated private one.
        anyhow::anyhow!(
            "ftok path {}: ftok gives key 0 (IPC_PRIVATE) with project {proj}: use another project",
            path.display()
        )
    })
}

/// The key ftok makes of a device, inode and project; None for 0, which is IPC_PRIVATE.
fn ftok_key(dev: u64, ino: u64, proj: u8) -> Option<i32> {
    let key = (u32::from(proj) << 24) | (((dev & 0xff) as u32) << 16) | (ino & 0xffff) as u32;
    (key != 0).then_some(key as i32)
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
    fn ftok_never_gives_the_private_key() {
        assert_eq!(ftok_key(0x0100, 0x1_0000, 0), None);
        assert_eq!(ftok_key(0x0101, 0x1_0002, 0), Some(0x0001_0002));
        assert_eq!(ftok_key(0x0100, 0x1_0000, b'A'), Some(0x4100_0000));
    }

    #[test]
    fn forms() {
        assert_eq!("1234".parse(), Ok(Target::Key(1234)));
        assert_eq!("0x4d2".parse(), Ok(Target::Key(1234)));
        assert_eq!("0X4D2".parse(), Ok(Target::Key(1234)));
        assert_eq!("0x000004d2".parse(), Ok(Target::Key(1234)));
        assert_eq!("0x00000000000004d2".parse(), Ok(Target::Key(1234)));
        assert_eq!("10".parse(), Ok(Target::Key(10)));
        assert_eq!("4294967295".parse(), Ok(Target::Key(-1)));
        assert_eq!("0xffffffff".parse(), Ok(Target::Key(-1)));
        assert_eq!("0xd3b37e5b".parse(), Ok(Target::Key(-743211429)));
        assert_eq!("id:7".parse(), Ok(Target::Id(7)));
        assert_eq!("id:0".parse(), Ok(Target::Id(0)));
        assert_eq!("private".parse(), Ok(Target::Private));
        assert_eq!("IPC_PRIVATE".parse(), Ok(Target::Private));
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
    fn an_ftok_path_is_any_bytes() {
        let raw = |bytes: &[u8]| Target::from_os(OsStr::from_bytes(bytes));
        let path = |bytes: &[u8]| PathBuf::from(OsStr::from_bytes(bytes));
        assert_eq!(
            raw(b"ftok:/tmp/\xffdir"),
            Ok(Target::Ftok {
                path: path(b"/tmp/\xffdir"),
                proj: 1
            })
        );
        assert_eq!(
            raw(b"ftok:/tmp/\xff:x:B"),
            Ok(Target::Ftok {
                path: path(b"/tmp/\xff:x"),
                proj: b'B'
            })
        );
        // The other forms are text: their bytes must be UTF-8.
        assert_eq!(raw(b"0x4d2"), Ok(Target::Key(1234)));
        for bad in [&b"ftok:/tmp:\xff"[..], b"/\xff", b"\xff", b"0x4d2\xff"] {
            let err = raw(bad).unwrap_err();
            assert!(err.contains("id:N"), "{bad:?}: {err}");
        }
        assert!(raw(b"/\xff")
            .unwrap_err()
            .contains("a POSIX name must be valid UTF-8"));
    }

    /// Each refused key says why, and every refusal names the forms.
    #[test]
    fn keys_outside_the_one_grammar_are_refused() {
        for (bad, why) in [
            ("010", "a decimal key has no leading 0 (ipcrm would read 010 as octal): write 10 or use 0x hex"),
            ("08", "a decimal key has no leading 0 (ipcrm would read 08 as octal): write 8 or use 0x hex"),
            ("0x+5", "a hex key is 0x followed by hex digits only"),
            ("0x-5", "a hex key is 0x followed by hex digits only"),
            ("0x 5", "a hex key is 0x followed by hex digits only"),
            ("0x", "a hex key is 0x followed by hex digits only"),
            ("0xg", "a hex key is 0x followed by hex digits only"),
            ("0+7", "not a key, id or name"),
            ("+5", "a key has no sign"),
            ("-5", "a key has no sign: write -5, as /proc/sysvipc shows it, as 0xfffffffb"),
            ("-743211429", "a key has no sign: write -743211429, as /proc/sysvipc shows it, as 0xd3b37e5b"),
            ("-2147483649", "a key has no sign"),
            ("-0x5", "a key has no sign"),
            (" 5", "not a key, id or name"),
            ("5 ", "not a key, id or name"),
            ("1_000", "not a key, id or name"),
            ("0o10", "not a key, id or name"),
            ("4294967296", "a key has 32 bits: at most 4294967295 or 0xffffffff"),
            ("99999999999999999999999", "a key has 32 bits: at most 4294967295 or 0xffffffff"),
            ("0x100000000", "a key has 32 bits: at most 4294967295 or 0xffffffff"),
            ("0", "key 0 is IPC_PRIVATE; write 'private'"),
            ("00", "key 0 is IPC_PRIVATE; write 'private'"),
            ("0x0", "key 0 is IPC_PRIVATE; write 'private'"),
            ("0x00000000", "key 0 is IPC_PRIVATE; write 'private'"),
        ] {
            assert_eq!(
                bad.parse::<Target>(),
                Err(format!("'{bad}' is not a TARGET: {why} (expected {FORMS})")),
                "{bad}"
            );
        }
    }

    #[test]
    fn refusals_name_the_forms() {
        for bad in [
            "",
            "0",
            "x",
            "id:",
            "id:-1",
            "id:+1",
            "id:x",
            "id:2147483648",
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

    /// `ls --key` and `rm -Q` keep their wider grammar (signed decimal, hex, 0 octal), with
    /// digits only after the sign or prefix.
    #[test]
    fn option_keys() {
        assert_eq!(parse_key("010"), Some(8));
        assert_eq!(parse_key("-743211429"), Some(-743211429));
        assert_eq!(parse_key("0xffffffff"), Some(-1));
        assert_eq!(parse_key("1234"), Some(1234));
        for bad in [
            "0x+5",
            "0+7",
            "08",
            "+5",
            "0x",
            "",
            "-",
            "4294967296",
            "0x-1",
        ] {
            assert_eq!(parse_key(bad), None, "{bad}");
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
        fn target_parser_never_panics_on_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..40)) {
            let _ = Target::from_os(OsStr::from_bytes(&bytes));
            let mut ftok = b"ftok:".to_vec();
            ftok.extend(&bytes);
            let _ = Target::from_os(OsStr::from_bytes(&ftok));
        }

        #[test]
        fn keys_round_trip(key in any::<i32>().prop_filter("not private", |k| *k != 0)) {
            prop_assert_eq!(key_hex(key).parse::<Target>(), Ok(Target::Key(key)));
            prop_assert_eq!((key as u32).to_string().parse::<Target>(), Ok(Target::Key(key)));
        }
    }
}
