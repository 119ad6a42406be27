//! Judging a claim against the figure it was matched to.

use super::claims::{Claim, Stated};
use super::{Candidate, Data};
use crate::tables::{ClaimCheck, Figure, Verdict};

fn rounds_to(value: f64, stated: f64, decimals: usize) -> bool {
    // Two numbers written alike at `decimals` places lie within one unit of the last place:
    // the text is compared only then (a verify of a long draft formatted millions of floats).
    if (value - stated).abs() > 10f64.powi(-(decimals.min(300) as i32)) {
        return false;
    }
    format!("{value:.decimals$}") == format!("{stated:.decimals$}")
}

/// How many bases from 1 to `most` can give a percentage that rounds to `v` (GRIM's test),
/// and whether `base` is one of them. Of the counts 0 … n only those within half a unit of
/// `v`% of n (and one either side) can round to it.
fn consistent_bases(v: f64, decimals: usize, most: u64, base: u64) -> (usize, bool) {
    let fits = |n: u64| {
        let near = v * n as f64 / 100.0;
        let reach = n as f64 / 100.0;
        let lo = (near - reach).floor().max(0.0) as u64;
        let hi = ((near + reach).ceil().max(0.0) as u64).min(n);
        (lo..=hi).any(|k| rounds_to(100.0 * k as f64 / n as f64, v, decimals))
    };
    ((1..=most).filter(|&n| fits(n)).count(), fits(base))
}

/// A percentage, share in words or change against its figure: the verdict and what the data says.
pub(super) fn figure(claim: &Claim, c: &Candidate, data: &Data) -> (Verdict, String) {
    let f = &c.figure;
    let base = f.base.unwrap_or(0);
    let data_says = format!("{:.1}% of {base} ({})", f.value, f.label);
    let verdict = |ok: bool| if ok { Verdict::Ok } else { Verdict::Wrong };
    match claim.stated {
        Stated::Vague { low, high } => {
            let ok = (f.value > low && f.value <= high) || (low == 0.0 && f.value < high);
            (
                verdict(ok),
                format!("{data_says}; \"{}\" means {low}–{high}%", claim.text),
            )
        }
        Stated::Change {
            value,
            decimals,
            signed,
        } => {
            let v = if signed { f.value } else { f.value.abs() };
            let says = format!("{:+.1} points ({})", f.value, f.label);
            match rounds_to(v, value, decimals) {
                true => (Verdict::Ok, says),
                false => (Verdict::Wrong, format!("{says}, not {value:+}")),
            }
        }
        Stated::Percent { value, decimals } => {
            if let Some(b) = claim.base.filter(|b| *b != base) {
                return (
                    Verdict::Wrong,
                    format!("the base is {base}, not {b}: {data_says}"),
                );
            }
            // "of all libraries" for a share of those that answered.
            let all = claim.clause.contains("of all ") || claim.clause.contains("all respondents");
            if all && base < data.respondents && data.waves.is_empty() {
                let all_n = data.respondents;
                let says =
                    format!("the base is the {base} that answered, not all {all_n}: {data_says}");
                return (Verdict::Wrong, says);
            }
            if !rounds_to(f.value, value, decimals) {
                return (
                    Verdict::Wrong,
                    format!("{data_says}, which rounds to {:.decimals$}%", f.value),
                );
            }
            if claim.base.is_some() {
                return (Verdict::Ok, data_says);
            }
            let (n, fits) = consistent_bases(value, decimals, data.respondents, base);
            let among = if fits { "among them" } else { "NOT among them" };
            (Verdict::Ok, format!("{data_says}; no base stated: {n} bases from 1 to {} give {value}%, the data's {base} {among}", data.respondents))
        }
        Stated::Count { .. } => (
            Verdict::Unmatched,
            "a count is checked against the totals".into(),
        ),
    }
}

/// A count of respondents (or of countries): the total, or some question's base.
pub(super) fn count(claim: &Claim, value: u64, countries: bool, data: &Data) -> ClaimCheck {
    let (what, truth) = match countries {
        true => ("countries", data.countries.unwrap_or(0)),
        false => ("respondents", data.respondents),
    };
    let base_of = data
        .bases
        .iter()
        .find(|(_, b)| !countries && *b == value)
        .map(|(q, _)| q.clone());
    // A count that is neither the total nor a base is a claim about the total only when the
    // sentence says so ("353 libraries answered", "from 32 countries"); else it counts a part
    // ("7 other countries") that the totals cannot check.
    let total = [
        "answered",
        "responded",
        "took part",
        "participated",
        "analysed",
        "surveyed",
        "from ",
        "in all",
    ]
    .iter()
    .any(|w| claim.sentence.contains(w));
    let (verdict, note) = match (value == truth, base_of, total) {
        (true, _, _) => (Verdict::Ok, format!("{truth} {what} analysed")),
        (false, Some(q), _) => (
            Verdict::Ok,
            format!("the base of \"{q}\" ({truth} {what} analysed in all)"),
        ),
        (false, None, true) => (
            Verdict::Wrong,
            format!("{truth} {what} analysed, not {value}"),
        ),
        (false, None, false) => (
            Verdict::Unmatched,
            format!("a part of the {truth} {what}, not a total: not checked"),
        ),
    };

    let figure = Figure {
        what: what.into(),
        label: what.into(),
        value: truth as f64,
        is_percent: false,
        base: None,
        count: Some(truth),
        ci: None,
    };
    ClaimCheck {
        line: claim.line,
        claim: claim.text.clone(),
        verdict,
        figure: Some(figure),
        alternatives: Vec::new(),
        note,
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_narrowed_grim_test_counts_as_the_whole_one() {
        let whole = |v: f64, d: usize, most: u64, base: u64| {
            let fits = |n: u64| {
                (0..=n)
                    .any(|k| format!("{:.d$}", 100.0 * k as f64 / n as f64) == format!("{v:.d$}"))
            };
            ((1..=most).filter(|&n| fits(n)).count(), fits(base))
        };
        for (v, d) in [
            (93.2, 1),
            (50.0, 0),
            (0.0, 1),
            (100.0, 1),
            (33.33, 2),
            (12.5, 1),
            (7.0, 0),
        ] {
            for base in [1, 7, 60, 237, 353] {
                assert_eq!(
                    super::consistent_bases(v, d, 400, base),
                    whole(v, d, 400, base),
                    "{v} at {d} decimals, base {base}"
                );
            }
        }
    }
}
