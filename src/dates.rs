//! Civil dates from day numbers and back (Howard Hinnant's algorithms), for the synthetic
//! exports' timestamps and for spreadsheet date cells. A leaf: no imports from the crate.

/// Howard Hinnant's days_from_civil.
pub fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// (year, month, day, hour, minute, second) of seconds since 1970-01-01 (naive UTC).
pub fn split_datetime(secs: i64) -> (i64, i64, i64, i64, i64, i64) {
    let (y, m, d) = civil_from_days(secs.div_euclid(86_400));
    let t = secs.rem_euclid(86_400);
    (y, m, d, t / 3600, t / 60 % 60, t % 60)
}

/// "2019-11-04 09:12:33".
pub fn iso_datetime(secs: i64) -> String {
    let (y, m, d, h, mi, s) = split_datetime(secs);
    format!("{y:04}-{m:02}-{d:02} {h:02}:{mi:02}:{s:02}")
}

/// Howard Hinnant's civil_from_days.
pub fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (if m <= 2 { y + 1 } else { y }, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_dates_round_trip() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(days_from_civil(2019, 11, 4), 18_204);
        assert_eq!(civil_from_days(18_204), (2019, 11, 4));
        assert_eq!(civil_from_days(days_from_civil(2020, 2, 29)), (2020, 2, 29));
        assert_eq!(iso_datetime(18_204 * 86_400 + 3_600), "2019-11-04 01:00:00");
    }
}
