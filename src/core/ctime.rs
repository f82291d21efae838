//! ctime(3)'s fixed form, `Thu Nov 27 06:53:00 2026`, in local time, as ipcs prints it.

const DAYS: [&str; 7] = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// The 24 characters ctime(3) gives (without its newline), or None where the C library
/// would fail too.
pub fn ctime(seconds: i64) -> Option<String> {
    // time_t is narrower than i64 on some targets.
    #[allow(clippy::useless_conversion)]
    let t: libc::time_t = seconds.try_into().ok()?;
    // SAFETY: `tm` is plain old data that localtime_r fills in; both pointers are valid for
    // the duration of the call, and localtime_r is the reentrant form.
    let mut tm: libc::tm = unsafe { std::mem::zeroed() };
    // SAFETY: see above.
    if unsafe { libc::localtime_r(&t, &mut tm) }.is_null() {
        return None;
    }
    let day = DAYS.get(usize::try_from(tm.tm_wday).ok()?)?;
    let month = MONTHS.get(usize::try_from(tm.tm_mon).ok()?)?;
    let year = i64::from(tm.tm_year) + 1900;
    Some(format!(
        "{day} {month}{:3} {:02}:{:02}:{:02} {year}",
        tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec
    ))
}

#[cfg(test)]
mod tests {
    #[test]
    fn fixed_width() {
        let text = super::ctime(0).unwrap();
        assert_eq!(text.len(), 24);
        assert!(text.ends_with("1970") || text.ends_with("1969"));
    }
}
