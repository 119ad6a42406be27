//! A country named in one cell (matched to ISO 3166-1), or a number.

use super::guess::{Cells, Guess};

pub(super) fn country(c: &Cells, heading: &str) -> Option<Guess> {
    let n = c.n();
    let matched = c.count(|v| crate::country::lookup(v).is_some());
    let h = heading.to_lowercase();
    let says = h.contains("country") || h.contains("land");
    // Three countries at least: a Yes / No whose "NO" is Norway's code is not one.
    let named: std::collections::BTreeSet<_> = c
        .distinct
        .iter()
        .filter_map(|(v, _)| crate::country::lookup(v).map(|m| m.alpha2))
        .collect();
    let countries = named.len() >= 3 || says;
    (n > 0 && countries && (matched * 10 >= n * 8 || (says && matched * 2 >= n))).then(|| {
        let why = format!("{matched} of {n} answers are country names");
        Guess("country", Vec::new(), None, why, false, None)
    })
}

pub(super) fn numeric(c: &Cells) -> Option<Guess> {
    let n = c.n();
    // "inf" and "NaN" parse as numbers but are none: run refuses them, so init must not draft
    // the column as numeric.
    let all = n > 0
        && c.distinct
            .iter()
            .all(|(v, _)| v.parse::<f64>().is_ok_and(f64::is_finite));
    // Many different numbers, decimals, or too few answers to call them codes.
    let many =
        c.distinct.len() > 7 || n < 10 || c.distinct.iter().any(|(v, _)| v.parse::<i64>().is_err());
    (all && many).then(|| {
        let why = format!("{n} numeric answers, {} distinct", c.distinct.len());
        Guess("numeric", Vec::new(), None, why, false, None)
    })
}
