//! Timestamps as the listing shows them.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// Broken-down local time of a Unix timestamp.
pub struct LocalTime {
    /// 0–6, Sunday first.
    pub weekday: u32,
    pub year: i32,
    /// 0–11
    pub month: u32,
    pub day: u32,
    pub hour: u32,
    pub minute: u32,
    pub second: u32,
}

pub fn local(seconds: i64) -> Option<LocalTime> {
    // time_t is narrower than i64 on some targets.
    #[allow(clippy::useless_conversion)]
    let t: libc::time_t = seconds.try_into().ok()?;
    // SAFETY: `tm` is plain old data that localtime_r fills in; both pointers are valid for
    // the duration of the call, and localtime_r is the reentrant form.
    let mut tm: libc::tm = unsafe { std::mem::zeroed() };
    // SAFETY: see above.
    let result = unsafe { libc::localtime_r(&t, &mut tm) };
    if result.is_null() {
        return None;
    }
    Some(LocalTime {
        weekday: u32::try_from(tm.tm_wday).ok()?,
        year: tm.tm_year.checked_add(1900)?,
        month: u32::try_from(tm.tm_mon).ok()?,
        day: u32::try_from(tm.tm_mday).ok()?,
        hour: u32::try_from(tm.tm_hour).ok()?,
        minute: u32::try_from(tm.tm_min).ok()?,
        second: u32::try_from(tm.tm_sec).ok()?,
    })
}

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];
const DAYS: [&str; 7] = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

/// ctime(3)'s fixed form, `Thu Nov 27 06:53:00 2026`, in local time, as ipcs prints it: the
/// 24 characters without the newline, or None where the C library would fail too.
pub fn ctime(seconds: i64) -> Option<String> {
    let tm = local(seconds)?;
    let day = DAYS.get(usize::try_from(tm.weekday).ok()?)?;
    let month = MONTHS.get(usize::try_from(tm.month).ok()?)?;
    Some(format!(
        "{day} {month}{:3} {:02}:{:02}:{:02} {}",
        tm.day, tm.hour, tm.minute, tm.second, tm.year
    ))
}

/// lsipc's short form: `HH:MM` today, `MonDD` this year, `YYYY-MonDD` before; `-` for
/// never (0).
pub fn short(seconds: i64, now: i64) -> String {
    if seconds == 0 {
        return "-".into();
    }
    let (Some(then), Some(today)) = (local(seconds), local(now)) else {
        return seconds.to_string();
    };
    let month = MONTHS.get(then.month as usize).copied().unwrap_or("???");
    if then.year == today.year && then.month == today.month && then.day == today.day {
        format!("{:02}:{:02}", then.hour, then.minute)
    } else if then.year == today.year {
        format!("{month}{:02}", then.day)
    } else {
        format!("{}-{month}{:02}", then.year, then.day)
    }
}

/// ISO 8601 local time with seconds, `YYYY-MM-DDTHH:MM:SS`, for raw, export and JSON.
pub fn iso(seconds: i64) -> Option<String> {
    if seconds == 0 {
        return None;
    }
    let t = local(seconds)?;
    Some(format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}",
        t.year,
        t.month + 1,
        t.day,
        t.hour,
        t.minute,
        t.second
    ))
}

pub fn now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or(Duration::ZERO)
        .as_secs()
        .try_into()
        .unwrap_or(i64::MAX)
}

#[cfg(test)]
mod tests {
    #[test]
    fn ctime_is_fixed_width() {
        let text = super::ctime(0).unwrap();
        assert_eq!(text.len(), 24);
        assert!(text.ends_with("1970") || text.ends_with("1969"));
    }
}
