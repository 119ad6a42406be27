//! Confidence intervals for proportions.
//!
//! Wilson score interval (Wilson 1927) for a proportion `p` observed on `n` units:
//!
//! ```text
//! centre = (p + z²/2n) / (1 + z²/n)
//! half   = z / (1 + z²/n) · √( p(1−p)/n + z²/4n² )
//! ```
//!
//! With weights, `n` is Kish's effective sample size `(Σw)² / Σw²` and `p` the weighted share.
//! A plain Wald interval (p ± z√(p(1−p)/n)) is never used: it collapses to zero width at 0 and 1
//! and undercovers for small n.

use serde::Serialize;

/// Standard normal quantile for a two-sided 95% interval, Φ⁻¹(0.975).
pub const Z_95: f64 = 1.959_963_984_540_054;

#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Interval {
    pub low: f64,
    pub high: f64,
}

/// Wilson score interval for `count` successes out of `n` (unweighted). None when n = 0.
pub fn wilson(count: u64, n: u64) -> Option<Interval> {
    if n == 0 {
        return None;
    }
    let mut iv = wilson_p(count as f64 / n as f64, n as f64, Z_95)?;
    // Exact ends: the formula gives them only up to rounding.
    if count == 0 {
        iv.low = 0.0;
    }
    if count == n {
        iv.high = 1.0;
    }
    Some(iv)
}

/// Wilson interval for a proportion `p` on an effective sample size `n_eff` (may be fractional).
pub fn wilson_p(p: f64, n_eff: f64, z: f64) -> Option<Interval> {
    if !(n_eff > 0.0) || !(0.0..=1.0).contains(&p) {
        return None;
    }
    let z2 = z * z;
    let denom = 1.0 + z2 / n_eff;
    let centre = (p + z2 / (2.0 * n_eff)) / denom;
    let half = z / denom * (p * (1.0 - p) / n_eff + z2 / (4.0 * n_eff * n_eff)).sqrt();
    Some(Interval {
        low: (centre - half).max(0.0),
        high: (centre + half).min(1.0),
    })
}

/// Kish effective sample size of a set of weights: (Σw)² / Σw².
pub fn kish_n_eff(weights: &[f64]) -> f64 {
    let s: f64 = weights.iter().sum();
    let s2: f64 = weights.iter().map(|w| w * w).sum();
    if s2 == 0.0 {
        0.0
    } else {
        s * s / s2
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64, tol: f64) {
        assert!((a - b).abs() < tol, "{a} vs {b}");
    }

    #[test]
    fn zero_of_n_and_n_of_n_have_closed_forms() {
        // x = 0: low = 0, high = z²/(n + z²).  x = n: low = n/(n + z²), high = 1.
        let z2 = Z_95 * Z_95;
        let iv = wilson(0, 10).unwrap();
        assert_eq!(iv.low, 0.0);
        close(iv.high, z2 / (10.0 + z2), 1e-15);
        close(iv.high, 0.277_532_799_862_889_2, 1e-12);
        let iv = wilson(10, 10).unwrap();
        assert_eq!(iv.high, 1.0);
        close(iv.low, 10.0 / (10.0 + z2), 1e-15);
        close(iv.low, 0.722_467_200_137_110_7, 1e-12);
    }

    #[test]
    fn hand_computed_values() {
        // Reference values computed independently (Python, same closed formula, double precision).
        // 1 of 2 (p = 0.5): centre 0.5, half = z/(1+z²/2)·√(1/8 + z²/16).
        let iv = wilson(1, 2).unwrap();
        close(iv.low, 0.094_531_205_734_230_74, 1e-12);
        close(iv.high, 0.905_468_794_265_769_3, 1e-12);
        // 221 of 237: the survey's "Internet access" figure, 89.3–95.8%.
        let iv = wilson(221, 237).unwrap();
        close(iv.low, 0.893_161_339_971_906_9, 1e-12);
        close(iv.high, 0.958_021_014_610_249_9, 1e-12);
        // 265 of 353: library cards.
        let iv = wilson(265, 353).unwrap();
        assert_eq!(
            format!("{:.1}–{:.1}", iv.low * 100.0, iv.high * 100.0),
            "70.3–79.3"
        );
    }

    #[test]
    fn empty_base_has_no_interval() {
        assert_eq!(wilson(0, 0), None);
        assert_eq!(wilson_p(0.5, 0.0, Z_95), None);
    }

    #[test]
    fn kish() {
        assert_eq!(kish_n_eff(&[1.0; 10]), 10.0);
        // w = (1, 3): (4)² / (1 + 9) = 1.6
        close(kish_n_eff(&[1.0, 3.0]), 1.6, 1e-15);
        assert_eq!(kish_n_eff(&[]), 0.0);
    }

    #[test]
    fn weighted_equals_unweighted_for_equal_weights() {
        let a = wilson(30, 120).unwrap();
        let b = wilson_p(0.25, kish_n_eff(&[2.5; 120]), Z_95).unwrap();
        close(a.low, b.low, 1e-12);
        close(a.high, b.high, 1e-12);
    }
}
