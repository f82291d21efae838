//! Numbers the way util-linux reads them: util-linux's `strtos32_or_err` and `parse_size`
//! with their error texts, on the C library's strtoul/strtoimax (leading blanks, a sign,
//! `0x` and `0` prefixes, saturation on overflow), which live in `core::parse` with the
//! one size grammar. Scripts pass odd values (`" 5"`, `010`, `-1`) and rely on what the C
//! tools make of them.

use crate::core::parse::{size_bytes, SizeError};
pub use crate::core::parse::{strtoimax, strtoul};

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

/// util-linux's `parse_size`, with its errors as the errno texts util-linux prints. The
/// grammar is ipcx's one size grammar, `core::parse::size_bytes`.
pub fn parse_size(text: &[u8]) -> Result<u64, &'static str> {
    size_bytes(text).map_err(|why| match why {
        SizeError::Invalid => EINVAL_TEXT,
        SizeError::OutOfRange => ERANGE_TEXT,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

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
            let _ = strtos32_or_err(&bytes, "x");
            let _ = parse_size(&bytes);
        }
    }
}
