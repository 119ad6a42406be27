//! The Net Promoter Score's interval and the change between two scores.
//!
//! The interval is the adjusted Wald of Rocks (2016, *The American Statistician* 70:4,
//! "Interval estimation for the net promoter score"), the best of the six methods he compared
//! and the one MeasuringU recommends: add 3 to n and ¾ to the promoters and to the detractors,
//! then take the variance of the difference of two proportions of one trinomial,
//! `(p₊ + p₋ − (p₊ − p₋)²) / n`. Weighted, n is Kish's effective n and the shares are weighted.
//! The score itself is the unadjusted difference; the interval is clipped to ±100.

use crate::estimate::interval::Z_95;

/// The score in points and its 95% interval from the promoters' and detractors' shares of `n`
/// (the effective n when weighted); None for an empty base.
pub fn net_score(promoters: f64, detractors: f64, n: f64) -> Option<(f64, f64, f64)> {
    let (d, var) = adjusted(promoters, detractors, n)?;
    let half = Z_95 * var.sqrt();
    let score = 100.0 * (promoters - detractors);
    Some((
        score,
        (100.0 * (d - half)).max(-100.0),
        (100.0 * (d + half)).min(100.0),
    ))
}

/// The adjusted difference and its variance.
fn adjusted(promoters: f64, detractors: f64, n: f64) -> Option<(f64, f64)> {
    if n.is_nan() || n <= 0.0 {
        return None;
    }
    let na = n + 3.0;
    let p = (promoters * n + 0.75) / na;
    let q = (detractors * n + 0.75) / na;
    let d = p - q;
    Some((d, (p + q - d * d) / na))
}

/// The change from one score to another (independent samples), in points, with its 95%
/// interval from the two adjusted-Wald variances: (change, low, high).
pub fn change(from: (f64, f64, f64), to: (f64, f64, f64)) -> Option<(f64, f64, f64)> {
    let (d0, v0) = adjusted(from.0, from.1, from.2)?;
    let (d1, v1) = adjusted(to.0, to.1, to.2)?;
    let half = Z_95 * (v0 + v1).sqrt();
    let observed = 100.0 * ((to.0 - to.1) - (from.0 - from.1));
    let centre = d1 - d0;
    Some((
        observed,
        (100.0 * (centre - half)).max(-200.0),
        (100.0 * (centre + half)).min(200.0),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn adjusted_wald_by_hand() {
        // 50 promoters, 30 passives, 20 detractors of 100: p = 50.75/103, q = 20.75/103,
        // d = 30/103 = 0.291262…, var = (71.5/103 − d²)/103 = 0.00591593…: 14.0511 … 44.2013
        let (s, lo, hi) = net_score(0.5, 0.2, 100.0).unwrap();
        assert!((s - 30.0).abs() < 1e-12);
        let d = 30.0 / 103.0;
        let var: f64 = (71.5 / 103.0 - d * d) / 103.0;
        assert!((var - 0.005_915_933_26).abs() < 1e-11, "{var}");
        assert!((lo - 100.0 * (d - Z_95 * var.sqrt())).abs() < 1e-12);
        assert!((lo - 14.051_130_18).abs() < 1e-7, "{lo}");
        assert!((hi - 44.201_297_01).abs() < 1e-7, "{hi}");
    }

    #[test]
    fn everyone_a_promoter_stays_inside_the_scale_and_empty_has_none() {
        // 10 of 10 promoters: d = 10/13, var = (11.5/13 − d²)/13; the upper end, 106.3, is
        // clipped to 100.
        let (s, lo, hi) = net_score(1.0, 0.0, 10.0).unwrap();
        assert_eq!(s, 100.0);
        assert!((lo - 47.503_551_545).abs() < 1e-8, "{lo}");
        assert_eq!(hi, 100.0);
        assert!(net_score(0.0, 0.0, 0.0).is_none());
    }

    #[test]
    fn change_adds_the_two_variances() {
        let (c, lo, hi) = change((0.5, 0.2, 100.0), (0.6, 0.1, 200.0)).unwrap();
        assert!((c - 20.0).abs() < 1e-12);
        assert!(lo < c && c < hi);
        let half = (hi - lo) / 2.0;
        let (_, l0, h0) = net_score(0.5, 0.2, 100.0).unwrap();
        let (_, l1, h1) = net_score(0.6, 0.1, 200.0).unwrap();
        let h = |l: f64, h: f64| (h - l) / 2.0;
        assert!((half - (h(l0, h0).powi(2) + h(l1, h1).powi(2)).sqrt()).abs() < 1e-9);
    }
}
