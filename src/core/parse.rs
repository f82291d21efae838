//! Value parsers for the command line: sizes, durations and modes. Each is used as a clap
//! value parser, so a bad value is a usage error (status 2) before anything is touched.

use std::time::Duration;

/// `4096`, `4K`, `4KiB`, `1M`, `1MB` (powers of 1024 throughout, as ipcmk and lsipc do),
/// `0x1000`. Overflow is an error, never a wrap.
pub fn size(text: &str) -> Result<u64, String> {
    let bad = || format!("'{text}' is not a size (expected e.g. 4096, 4K, 1M, 1MiB, 2G)");
    let text_trim = text.trim();
    if let Some(hex) = text_trim
        .strip_prefix("0x")
        .or_else(|| text_trim.strip_prefix("0X"))
    {
        return u64::from_str_radix(hex, 16).map_err(|_| bad());
    }
    let split = text_trim
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(text_trim.len());
    let (digits, suffix) = text_trim.split_at(split);
    if digits.is_empty() {
        return Err(bad());
    }
    let number: u64 = digits.parse().map_err(|_| bad())?;
    let shift = match suffix.to_ascii_lowercase().as_str() {
        "" | "b" => 0,
        "k" | "kb" | "kib" => 10,
        "m" | "mb" | "mib" => 20,
        "g" | "gb" | "gib" => 30,
        "t" | "tb" | "tib" => 40,
        "p" | "pb" | "pib" => 50,
        "e" | "eb" | "eib" => 60,
        _ => return Err(bad()),
    };
    number
        .checked_mul(1u64 << shift)
        .ok_or_else(|| format!("size '{text}' is too large (at most {} bytes)", u64::MAX))
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
        assert_eq!(size("1M"), Ok(1 << 20));
        assert_eq!(size("1MiB"), Ok(1 << 20));
        assert_eq!(size("2G"), Ok(2 << 30));
        assert_eq!(size("0x1000"), Ok(4096));
        assert_eq!(size("0"), Ok(0));
        assert!(size("").is_err());
        assert!(size("K").is_err());
        assert!(size("-1").is_err());
        assert!(size("1X").is_err());
        assert!(size("16E").unwrap_err().contains("too large"));
        assert!(size("99999999999999999999").is_err());
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
            let _ = duration(&text);
            let _ = mode(&text);
        }

        #[test]
        fn size_round_trips(n in any::<u64>()) {
            prop_assert_eq!(size(&n.to_string()), Ok(n));
        }
    }
}
