//! Invariants every stat table must hold before anything is rendered. A violation is an
//! internal error: the run stops and nothing is written, so a figure that breaks one is never
//! published.
//!
//! - Every estimate: 0 ≤ count ≤ base, base > 0, all values finite, and
//!   0 ≤ ci_low ≤ proportion ≤ ci_high ≤ 1.
//! - Unweighted run: no estimate carries a weighted base or an effective n, and every proportion
//!   is exactly `count / base`.
//! - Weighted estimate: only in a run whose weighting section is present (so every output names
//!   the weighting).
//! - Breakdowns: a group whose base is under the threshold is withheld, and a withheld group
//!   publishes no cell.

use super::{Estimate, Results};
use crate::error::{Error, Result};

/// Checks one estimate; `weighted` is whether the run is weighted.
pub fn check_estimate(e: &Estimate, weighted: bool) -> std::result::Result<(), String> {
    let finite = [e.proportion, e.ci_low, e.ci_high]
        .iter()
        .all(|v| v.is_finite());
    if !finite {
        return Err(format!("non-finite value in {e:?}"));
    }
    if e.base == 0 || e.count > e.base {
        return Err(format!("count {} of base {}", e.count, e.base));
    }
    let eps = 1e-12;
    let ordered = -eps <= e.ci_low
        && e.ci_low <= e.proportion + eps
        && e.proportion <= e.ci_high + eps
        && e.ci_high <= 1.0 + eps;
    if !ordered {
        return Err(format!(
            "interval {}–{} does not hold proportion {} within [0, 1]",
            e.ci_low, e.ci_high, e.proportion
        ));
    }
    match (weighted, e.weighted_base, e.n_eff) {
        (false, None, None) => {
            if e.proportion != e.count as f64 / e.base as f64 {
                return Err(format!(
                    "unweighted proportion {} is not {}/{}",
                    e.proportion, e.count, e.base
                ));
            }
            Ok(())
        }
        (false, _, _) => Err(format!(
            "a weighted estimate ({e:?}) in a run without a weighting section"
        )),
        (true, Some(w), Some(n)) if w.is_finite() && n.is_finite() => Ok(()),
        (true, _, _) => Err(format!(
            "a weighted run's estimate lacks its weights: {e:?}"
        )),
    }
}

/// Every estimate of the results, with where it is and whether it may be weighted (the country
/// table is the sample's composition: unweighted by design, and labelled so).
fn estimates(r: &Results) -> Vec<(String, &Estimate, bool)> {
    let weighted = r.weighting.is_some();
    let mut out = Vec::new();
    for q in &r.questions {
        out.extend(q.table().estimates(weighted));
    }
    for h in &r.headlines {
        let at = format!("headline {:?}", h.id);
        out.extend(h.estimate.iter().map(|e| (at.clone(), e, weighted)));
    }
    for b in r.breakdowns.iter().chain(r.maps.iter().map(|m| &m.table)) {
        for row in &b.rows {
            for (g, cell) in b.groups.iter().zip(&row.cells) {
                let at = format!(
                    "breakdown of {:?} by {}, option {:?}, group {:?}",
                    b.question, b.by, row.code, g.key
                );
                out.extend(cell.iter().map(|e| (at.clone(), e, weighted)));
            }
        }
    }
    out
}

fn internal(at: &str, why: String) -> Error {
    Error::Internal(format!(
        "{at}: {why}. This is a bug in shelfstat; nothing was written"
    ))
}

/// Checks every table of a run.
pub fn check(r: &Results) -> Result<()> {
    for (at, e, weighted) in estimates(r) {
        check_estimate(e, weighted).map_err(|why| internal(&at, why))?;
    }
    for b in r.breakdowns.iter().chain(r.maps.iter().map(|m| &m.table)) {
        for (k, g) in b.groups.iter().enumerate() {
            let at = format!(
                "breakdown of {:?} by {}, group {:?}",
                b.question, b.by, g.key
            );
            if g.suppressed.is_none() && g.base.is_some_and(|n| n < b.threshold) {
                return Err(internal(
                    &at,
                    format!("base {:?} under the threshold is published", g.base),
                ));
            }
            if g.suppressed.is_some() && b.rows.iter().any(|row| row.cells[k].is_some()) {
                return Err(internal(&at, "a withheld group publishes a cell".into()));
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stats::interval::{IntervalMethod, PropSummary};

    fn est(x: u64, n: u64) -> Estimate {
        Estimate::new(x, n).unwrap()
    }

    #[test]
    fn unweighted_estimates_hold_for_every_count_and_base() {
        // Property: every k of n for n up to 200 gives exactly k/n and an interval around it.
        for n in 1..=200u64 {
            for k in 0..=n {
                check_estimate(&est(k, n), false).unwrap();
            }
        }
    }

    #[test]
    fn violations_are_caught() {
        let mut e = est(30, 40);
        // A weighted share in an unweighted run (inside the interval, so only this check sees it).
        e.proportion = 0.7501;
        assert!(check_estimate(&e, false)
            .unwrap_err()
            .contains("is not 30/40"));
        let w = Estimate::from_summary(
            IntervalMethod::default(),
            &PropSummary::from_units([(true, 1.0), (false, 3.0)].into_iter(), true),
        )
        .unwrap();
        assert!(check_estimate(&w, false)
            .unwrap_err()
            .contains("without a weighting"));
        check_estimate(&w, true).unwrap();
        assert!(check_estimate(&est(3, 4), true)
            .unwrap_err()
            .contains("lacks"));
        let mut e = est(3, 4);
        e.ci_high = 0.5;
        assert!(check_estimate(&e, false).is_err());
    }
}
