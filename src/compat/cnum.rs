//! Numbers the way util-linux reads and writes them: the C library's strtoul/strtoimax
//! (leading blanks, a sign, `0x` and `0` prefixes, saturation on overflow), util-linux's
//! `strtos32_or_err`, `parse_size` and `size_to_human_string`. Scripts pass odd values
//! (`" 5"`, `010`, `-1`) and rely on what the C tools make of them.

/// What strtoul/strtoimax parsed: the value, how many bytes were used (0 when no digits
/// were found), and whether it overflowed (errno ERANGE).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Parsed<T> {
    pub value: T,
    pub end: usize,
    pub overflow: bool,
}

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r')
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

/// strtoul(3) / strtoumax(3) on a 64-bit system.
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

pub const ERANGE_TEXT: &str = "Numerical result out of range";
pub const EINVAL_TEXT: &str = "Invalid argument";

/// util-linux's `strtos32_or_err`: the message to print (`what: 'text'`, plus the errno
/// text when the number is out of range) when `text` is not a 32-bit decimal integer.
pub fn strtos32_or_err(text: &[u8], what: &str) -> Result<i32, String> {
    let shown = String::from_utf8_lossy(text);
    let plain = format!("{what}: '{shown}'");
    if text.is_empty() {
        return Err(plain);
    }
    let parsed = strtoimax(text);
    if parsed.overflow {
        return Err(format!("{plain}: {ERANGE_TEXT}"));
    }
    if parsed.end == 0 || parsed.end != text.len() {
        return Err(plain);
    }
    i32::try_from(parsed.value).map_err(|_| format!("{plain}: {ERANGE_TEXT}"))
}

/// util-linux's `parse_size`: decimal, `0x` hex or `0` octal, with an optional suffix
/// K M G T P E Z Y (powers of 1024; `KiB` the same; `KB` powers of 1000) and an optional
/// fraction before the suffix (`1.5K`). Errors are errno texts.
pub fn parse_size(text: &[u8]) -> Result<u64, &'static str> {
    const SUFFIXES: &[u8] = b"KMGTPEZY";
    const LOWER: &[u8] = b"kmgtpezy";
    if text.is_empty() {
        return Err(EINVAL_TEXT);
    }
    let first = text
        .iter()
        .position(|&b| !is_space(b))
        .unwrap_or(text.len());
    if text.get(first) == Some(&b'-') {
        return Err(EINVAL_TEXT);
    }
    let parsed = strtoul(text, 0);
    if parsed.end == 0 {
        return Err(EINVAL_TEXT);
    }
    if parsed.overflow {
        return Err(ERANGE_TEXT);
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
                        return Err(if f.overflow { ERANGE_TEXT } else { EINVAL_TEXT });
                    }
                    frac = f.value;
                    q + f.end
                } else {
                    q
                };
                if frac != 0 && end >= text.len() {
                    return Err(EINVAL_TEXT);
                }
                p = end;
                continue;
            }
            return Err(EINVAL_TEXT);
        }
        break;
    }
    let letter = at(p);
    let power = SUFFIXES
        .iter()
        .position(|&c| c == letter)
        .or_else(|| LOWER.iter().position(|&c| c == letter))
        .filter(|_| letter != 0)
        .ok_or(EINVAL_TEXT)?;
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
        return Err(ERANGE_TEXT);
    }
    Ok(x)
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn s32() {
        assert_eq!(strtos32_or_err(b" 5", "x"), Ok(5));
        assert_eq!(strtos32_or_err(b"", "x"), Err("x: ''".into()));
        assert_eq!(strtos32_or_err(b"5z", "x"), Err("x: '5z'".into()));
        assert_eq!(
            strtos32_or_err(b"4294967296", "x"),
            Err("x: '4294967296': Numerical result out of range".into())
        );
    }

    #[test]
    fn sizes() {
        assert_eq!(parse_size(b"4096"), Ok(4096));
        assert_eq!(parse_size(b"1K"), Ok(1024));
        assert_eq!(parse_size(b"1KiB"), Ok(1024));
        assert_eq!(parse_size(b"1KB"), Ok(1000));
        assert_eq!(parse_size(b"1.5K"), Ok(1536));
        assert_eq!(parse_size(b"0.5MB"), Ok(500000));
        assert_eq!(parse_size(b"0x1000"), Ok(4096));
        assert_eq!(parse_size(b" 10"), Ok(10));
        assert_eq!(parse_size(b"1.5"), Err(EINVAL_TEXT));
        assert_eq!(parse_size(b"1X"), Err(EINVAL_TEXT));
        assert_eq!(parse_size(b"-5"), Err(EINVAL_TEXT));
        assert_eq!(parse_size(b""), Err(EINVAL_TEXT));
        assert_eq!(parse_size(b"100E"), Err(ERANGE_TEXT));
        // The fraction's share would wrap past 2^64 - 1 (to 483): out of range instead.
        assert_eq!(parse_size(b"18446744073709551.999KB"), Err(ERANGE_TEXT));
        assert_eq!(
            parse_size(b"18446744073709551.5KB"),
            Ok(18446744073709551500)
        );
    }

    proptest::proptest! {
        #[test]
        fn never_panics(bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..40)) {
            let _ = strtoul(&bytes, 0);
            let _ = strtoul(&bytes, 8);
            let _ = strtoimax(&bytes);
            let _ = strtos32_or_err(&bytes, "x");
            let _ = parse_size(&bytes);
        }

        #[test]
        fn never_panics_on_plausible_sizes(text in "[ +-]?(0x)?[0-9]{0,25}(\\.[0-9]{0,25})?[KMGTPEZYkib]{0,3}") {
            let _ = parse_size(text.as_bytes());
        }
    }
}
