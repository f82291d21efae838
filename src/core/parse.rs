//! Value parsers for the command line: sizes, durations and modes. Each is used as a clap
//! value parser, so a bad value is a usage error (status 2) before anything is touched.
//! Sizes have one grammar, util-linux's, for ipcx's own commands and its personalities
//! alike, on C's strtoul (also here, for the personalities' keys and ids).

use std::time::Duration;

/// Why a size does not parse: util-linux's two errno cases, which each front end words
/// its own way (ipcx's usage errors, or util-linux's errno texts under the personalities).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SizeError {
    /// Not a size at all (EINVAL).
    Invalid,
    /// A size past 2^64 - 1 bytes (ERANGE).
    OutOfRange,
}

/// A SIZE as every ipcx command takes it: util-linux's grammar (`size_bytes`), so that
/// `--size 1KB` and `ipcmk -M 1KB` are both 1000 bytes and `1K` both 1024. A leading 0
/// before another digit is refused rather than read either way (as in a TARGET key):
/// util-linux reads `010` as octal 8, a reader of decimal as 10.
pub fn size(text: &str) -> Result<u64, String> {
    let bad = || format!("'{text}' is not a size (expected e.g. 4096, 4K, 1M, 1MiB, 2G)");
    let number = text.trim_start_matches(is_c_space).trim_start_matches('+');
    let mut digits = number.bytes();
    if digits.next() == Some(b'0') && digits.next().is_some_and(|b| b.is_ascii_digit()) {
        let rest = number.trim_start_matches('0');
        let zero = if rest.starts_with(|c: char| c.is_ascii_digit()) {
            ""
        } else {
            "0"
        };
        return Err(format!(
            "a decimal size has no leading 0 (ipcmk would read {text} as octal): \
             write {zero}{rest} or use 0x hex"
        ));
    }
    size_bytes(text.as_bytes()).map_err(|why| match why {
        SizeError::Invalid => bad(),
        SizeError::OutOfRange => {
            format!("size '{text}' is too large (at most {} bytes)", u64::MAX)
        }
    })
}

/// util-linux's `parse_size`, the one size grammar of ipcx: decimal, `0x` hex or `0` octal
/// (C's strtoul), then an optional suffix K M G T P E Z Y: powers of 1024 alone or with
/// `iB` (`K`, `KiB`), powers of 1000 with `B` (`KB`); an optional fraction before the
/// suffix (`1.5K`). Leading blanks and a `+` are taken, as strtoul takes them.
pub fn size_bytes(text: &[u8]) -> Result<u64, SizeError> {
    use SizeError::{Invalid, OutOfRange};
    const SUFFIXES: &[u8] = b"KMGTPEZY";
    const LOWER: &[u8] = b"kmgtpezy";
    if text.is_empty() {
        return Err(Invalid);
    }
    let first = text
        .iter()
        .position(|&b| !is_space(b))
        .unwrap_or(text.len());
    if text.get(first) == Some(&b'-') {
        return Err(Invalid);
    }
    let parsed = strtoul(text, 0);
    if parsed.end == 0 {
        return Err(Invalid);
    }
    if parsed.overflow {
        return Err(OutOfRange);
    }
    let mut x = parsed.value;
    let mut p = parsed.end;
    if p == text.len() {
        return Ok(x);
    }
    let mut frac: u64 = 0;
    let mut frac_zeros = 0u32;
    let mut base: u64 = 1024;
    let at = |i: usize| text.get(i).copied().unwrap_or(0);
    loop {
        if at(p + 1) == b'i' && matches!(at(p + 2), b'B' | b'b') && p + 3 == text.len() {
            base = 1024;
        } else if matches!(at(p + 1), b'B' | b'b') && p + 2 == text.len() {
            base = 1000;
        } else if p + 1 < text.len() {
            // A decimal point (the C locale's '.') starts a fraction, once.
            if frac == 0 && at(p) == b'.' {
                let mut q = p + 1;
                while at(q) == b'0' {
                    frac_zeros += 1;
                    q += 1;
                }
                let end = if at(q).is_ascii_digit() {
                    let f = strtoul(&text[q..], 0);
                    if f.end == 0 || (f.overflow && (f.value == u64::MAX || f.value == 0)) {
                        return Err(if f.overflow { OutOfRange } else { Invalid });
                    }
                    frac = f.value;
                    q + f.end
                } else {
                    q
                };
                if frac != 0 && end >= text.len() {
                    return Err(Invalid);
                }
                p = end;
                continue;
            }
            return Err(Invalid);
        }
        break;
    }
    let letter = at(p);
    let power = SUFFIXES
        .iter()
        .position(|&c| c == letter)
        .or_else(|| LOWER.iter().position(|&c| c == letter))
        .filter(|_| letter != 0)
        .ok_or(Invalid)?;
    let power = u32::try_from(power + 1).unwrap_or(u32::MAX);
    let mut overflow = false;
    for _ in 0..power {
        match x.checked_mul(base) {
            Some(v) => x = v,
            None => {
                overflow = true;
                break;
            }
        }
    }
    if frac != 0 {
        let mut frac_base: u64 = 1;
        for _ in 0..power {
            frac_base = frac_base.saturating_mul(base);
        }
        let mut frac_div: u64 = 10;
        while frac_div < frac {
            if frac_div <= u64::MAX / 10 {
                frac_div *= 10;
            } else {
                frac /= 10;
            }
        }
        for _ in 0..frac_zeros {
            if frac_div <= u64::MAX / 10 {
                frac_div *= 10;
            } else {
                frac /= 10;
            }
        }
        let mut frac_poz: u64 = 1;
        loop {
            let seg = frac % 10;
            let seg_div = frac_div / frac_poz;
            frac /= 10;
            frac_poz = frac_poz.saturating_mul(10);
            if seg != 0 && seg_div / seg != 0 {
                // util-linux lets this sum wrap, making a tiny size of a huge one; a size
                // past 2^64 - 1 is out of range like any other.
                match x.checked_add(frac_base / (seg_div / seg)) {
                    Some(sum) => x = sum,
                    None => overflow = true,
                }
            }
            if frac == 0 {
                break;
            }
        }
    }
    if overflow {
        return Err(OutOfRange);
    }
    Ok(x)
}

/// What strtoul/strtoimax parsed: the value, how many bytes were used (0 when no digits
/// were found), and whether it overflowed (errno ERANGE).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Parsed<T> {
    pub value: T,
    pub end: usize,
    pub overflow: bool,
}

/// C's isspace(3) in the C locale.
fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r')
}

fn is_c_space(c: char) -> bool {
    u8::try_from(c).is_ok_and(is_space)
}

fn digit(b: u8, base: u32) -> Option<u32> {
    let d = match b {
        b'0'..=b'9' => u32::from(b - b'0'),
        b'a'..=b'z' => u32::from(b - b'a') + 10,
        b'A'..=b'Z' => u32::from(b - b'A') + 10,
        _ => return None,
    };
    (d < base).then_some(d)
}

/// The digits after blanks and sign: (negative, base, digits start).
fn prefix(s: &[u8], base: u32) -> (bool, u32, usize) {
    let mut i = 0;
    while i < s.len() && is_space(s[i]) {
        i += 1;
    }
    let mut negative = false;
    if i < s.len() && (s[i] == b'+' || s[i] == b'-') {
        negative = s[i] == b'-';
        i += 1;
    }
    let hex_prefix = s.get(i) == Some(&b'0')
        && matches!(s.get(i + 1), Some(b'x') | Some(b'X'))
        && s.get(i + 2).and_then(|&b| digit(b, 16)).is_some();
    let base = match base {
        0 if hex_prefix => 16,
        0 if s.get(i) == Some(&b'0') => 8,
        0 => 10,
        other => other,
    };
    if base == 16 && hex_prefix {
        i += 2;
    }
    (negative, base, i)
}

/// Feeds each digit from `start` on to `add`, which answers false when the value
/// overflowed (strto* go on consuming digits then); returns where the digits end and
/// whether any overflowed; (0, false) when there is no digit.
fn digits(s: &[u8], start: usize, base: u32, mut add: impl FnMut(u32) -> bool) -> (usize, bool) {
    let mut overflow = false;
    let mut i = start;
    while let Some(d) = s.get(i).and_then(|&b| digit(b, base)) {
        overflow |= !add(d);
        i += 1;
    }
    if i == start {
        // No digits: nothing was used, not even blanks or a sign.
        return (0, false);
    }
    (i, overflow)
}

/// strtoul(3) / strtoumax(3) on a 64-bit system, which util-linux's sizes, keys and ids
/// are read with.
pub fn strtoul(s: &[u8], base: u32) -> Parsed<u64> {
    let (negative, base, start) = prefix(s, base);
    let mut value: u64 = 0;
    let (end, overflow) = digits(s, start, base, |d| {
        let next = value.checked_mul(u64::from(base));
        next.and_then(|v| v.checked_add(u64::from(d)))
            .map(|v| value = v)
            .is_some()
    });
    let value = if overflow {
        u64::MAX
    } else if negative {
        value.wrapping_neg()
    } else {
        value
    };
    Parsed {
        value,
        end,
        overflow,
    }
}

/// strtoimax(3), base 10.
pub fn strtoimax(s: &[u8]) -> Parsed<i64> {
    let (negative, _, start) = prefix(s, 10);
    let mut value: i64 = 0;
    let (end, overflow) = digits(s, start, 10, |d| {
        let (d, next) = (i64::from(d), value.checked_mul(10));
        next.and_then(|v| {
            if negative {
                v.checked_sub(d)
            } else {
                v.checked_add(d)
            }
        })
        .map(|v| value = v)
        .is_some()
    });
    if overflow {
        value = if negative { i64::MIN } else { i64::MAX };
    }
    Parsed {
        value,
        end,
        overflow,
    }
}

/// A humantime duration: `500ms`, `2s`, `1m30s`, `1h`. A bare number is seconds.
pub fn duration(text: &str) -> Result<Duration, String> {
    let trimmed = text.trim();
    if !trimmed.is_empty() && trimmed.bytes().all(|b| b.is_ascii_digit()) {
        return trimmed
            .parse::<u64>()
            .map(Duration::from_secs)
            .map_err(|_| format!("duration '{text}' is too large"));
    }
    humantime::parse_duration(trimmed)
        .map_err(|err| format!("'{text}' is not a duration ({err}; e.g. 500ms, 2s, 1m30s)"))
}

/// An octal permission mode such as `600`, `0644` or `0o640`; at most 0777.
pub fn mode(text: &str) -> Result<u32, String> {
    let digits = text.strip_prefix("0o").unwrap_or(text);
    match u32::from_str_radix(digits, 8) {
        Ok(mode) if mode <= 0o777 && !digits.is_empty() => Ok(mode),
        _ => Err(format!(
            "'{text}' is not a permission mode (expected octal 000 to 777, e.g. 600)"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn sizes() {
        assert_eq!(size("4096"), Ok(4096));
        assert_eq!(size("4K"), Ok(4096));
        assert_eq!(size("4k"), Ok(4096));
        assert_eq!(size("4KiB"), Ok(4096));
        assert_eq!(size("4KB"), Ok(4000));
        assert_eq!(size("1M"), Ok(1 << 20));
        assert_eq!(size("1MiB"), Ok(1 << 20));
        assert_eq!(size("1MB"), Ok(1_000_000));
        assert_eq!(size("2G"), Ok(2 << 30));
        assert_eq!(size("2GB"), Ok(2_000_000_000));
        assert_eq!(size("1T"), Ok(1 << 40));
        assert_eq!(size("1TB"), Ok(1_000_000_000_000));
        assert_eq!(size("1.5K"), Ok(1536));
        assert_eq!(size("0x1000"), Ok(4096));
        assert_eq!(size("0"), Ok(0));
        assert_eq!(size("0.5MB"), Ok(500_000));
        assert!(size("").is_err());
        assert!(size("K").is_err());
        assert!(size("-1").is_err());
        assert!(size("1X").is_err());
        assert!(size("1.5").is_err());
        assert_eq!(
            size("010K"),
            Err("a decimal size has no leading 0 (ipcmk would read 010K as octal): write 10K or use 0x hex".into())
        );
        assert!(size(" 00").unwrap_err().ends_with("write 0 or use 0x hex"));
        assert!(size("00.5K")
            .unwrap_err()
            .ends_with("write 0.5K or use 0x hex"));
        assert!(size("16E").unwrap_err().contains("too large"));
        assert!(size("99999999999999999999")
            .unwrap_err()
            .contains("too large"));
    }

    #[test]
    fn util_linux_sizes() {
        assert_eq!(size_bytes(b"4096"), Ok(4096));
        assert_eq!(size_bytes(b"1K"), Ok(1024));
        assert_eq!(size_bytes(b"1KiB"), Ok(1024));
        assert_eq!(size_bytes(b"1KB"), Ok(1000));
        assert_eq!(size_bytes(b"1.5K"), Ok(1536));
        assert_eq!(size_bytes(b"0.5MB"), Ok(500000));
        assert_eq!(size_bytes(b"0x1000"), Ok(4096));
        assert_eq!(size_bytes(b"010"), Ok(8));
        assert_eq!(size_bytes(b" 10"), Ok(10));
        assert_eq!(size_bytes(b"1.5"), Err(SizeError::Invalid));
        assert_eq!(size_bytes(b"1X"), Err(SizeError::Invalid));
        assert_eq!(size_bytes(b"-5"), Err(SizeError::Invalid));
        assert_eq!(size_bytes(b""), Err(SizeError::Invalid));
        assert_eq!(size_bytes(b"100E"), Err(SizeError::OutOfRange));
        // The fraction's share would wrap past 2^64 - 1 (to 483): out of range instead.
        assert_eq!(
            size_bytes(b"18446744073709551.999KB"),
            Err(SizeError::OutOfRange)
        );
        assert_eq!(
            size_bytes(b"18446744073709551.5KB"),
            Ok(18446744073709551500)
        );
    }

    #[test]
    fn c_numbers() {
        assert_eq!(strtoul(b" 0x10", 0).value, 16);
        assert_eq!(strtoul(b"010", 0).value, 8);
        assert_eq!(strtoul(b"-1", 0).value, u64::MAX);
        assert_eq!(strtoul(b"0x", 0).end, 1);
        assert_eq!(strtoul(b"abc", 10).end, 0);
        assert!(strtoul(b"99999999999999999999999", 10).overflow);
        assert_eq!(strtoul(b"644abc", 8).end, 3);
        assert_eq!(strtoimax(b"+5").value, 5);
        assert!(strtoimax(b"-99999999999999999999").overflow);
        let big = strtoul(b"99999999999999999999999x", 10);
        assert_eq!((big.value, big.end), (u64::MAX, 23));
        let low = strtoimax(b" -99999999999999999999;");
        assert_eq!((low.value, low.end), (i64::MIN, 22));
        assert_eq!(strtoimax(b"99999999999999999999").value, i64::MAX);
        assert_eq!(strtoimax(b" -").end, 0);
        assert_eq!(strtoimax(b"-42").value, -42);
    }

    #[test]
    fn durations() {
        assert_eq!(duration("500ms"), Ok(Duration::from_millis(500)));
        assert_eq!(duration("2s"), Ok(Duration::from_secs(2)));
        assert_eq!(duration("3"), Ok(Duration::from_secs(3)));
        assert_eq!(duration("1m30s"), Ok(Duration::from_secs(90)));
        assert!(duration("soon").is_err());
        assert!(duration("").is_err());
    }

    #[test]
    fn modes() {
        assert_eq!(mode("600"), Ok(0o600));
        assert_eq!(mode("0644"), Ok(0o644));
        assert_eq!(mode("0o640"), Ok(0o640));
        assert!(mode("800").is_err());
        assert!(mode("1777").is_err());
        assert!(mode("").is_err());
    }

    proptest! {
        #[test]
        fn parsers_never_panic(text in ".*") {
            let _ = size(&text);
            let _ = size_bytes(text.as_bytes());
            let _ = duration(&text);
            let _ = mode(&text);
        }

        #[test]
        fn size_round_trips(n in any::<u64>()) {
            prop_assert_eq!(size(&n.to_string()), Ok(n));
        }

        #[test]
        fn c_numbers_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..40)) {
            let _ = strtoul(&bytes, 0);
            let _ = strtoul(&bytes, 8);
            let _ = strtoimax(&bytes);
            let _ = size_bytes(&bytes);
        }

        #[test]
        fn never_panics_on_plausible_sizes(text in "[ +-]?(0x)?[0-9]{0,25}(\\.[0-9]{0,25})?[KMGTPEZYkib]{0,3}") {
            let _ = size_bytes(text.as_bytes());
            let _ = size(&text);
        }
    }
}
