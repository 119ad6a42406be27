//! The change of a proportion between two independent samples (two survey waves).
//!
//! - Interval: Newcombe's hybrid score interval (Newcombe 1998, method 10) built from the two
//!   Wilson intervals, without continuity correction — statsmodels'
//!   `confint_proportions_2indep(method="newcomb")`. With weights, each Wilson interval is taken
//!   on the wave's Kish effective n (as the single-wave figures are), so the interval is the same
//!   construction on effective sample sizes; it is not a design-based interval.
//! - Test: unweighted, the pooled two-sample z test (equal to Pearson's χ² on the 2 × 2 table,
//!   no continuity correction); weighted, a Wald z on the difference with each wave's linearised
//!   (design-based) variance, as R survey's `svycontrast` on the stacked waves.
//! - Holm's step-down adjustment across the options of one question.

use super::interval::{wilson, wilson_p, PropSummary, Z_95};
pub use crate::figures::Change;

/// The Wilson interval of one wave's proportion, on its effective n.
fn wilson_of(s: &PropSummary) -> Option<(f64, f64, f64)> {
    if s.n == 0 {
        return None;
    }
    if s.weighted {
        let p = s.p();
        let iv = wilson_p(p, s.n_eff(), Z_95)?;
        Some((p, iv.low, iv.high))
    } else {
        let iv = wilson(s.x, s.n)?;
        Some((s.x as f64 / s.n as f64, iv.low, iv.high))
    }
}

/// Standard normal tail, two-sided: 2·(1 − Φ(|z|)), as the χ²₁ survival of z² (statrs'
/// regularised gamma is accurate to ~1e-16 here; its erfc only to ~1e-11).
fn two_sided(z: f64) -> f64 {
    super::interval::chisq_sf(z * z, 1.0)
}

/// The design-based standard error of a weighted difference: each wave's linearised variance
/// (R survey's `svycontrast` on the waves stacked as strata).
pub fn design_se(from: &PropSummary, to: &PropSummary) -> Option<f64> {
    let v = from.design_var() + to.design_var();
    (v.is_finite() && v > 0.0).then(|| v.sqrt())
}

fn p_value(from: &PropSummary, to: &PropSummary, diff: f64) -> Option<f64> {
    if from.weighted || to.weighted {
        return design_se(from, to).map(|se| two_sided(diff / se));
    }
    let (n1, n2) = (from.n as f64, to.n as f64);
    let pooled = (from.x + to.x) as f64 / (n1 + n2);
    let v = pooled * (1.0 - pooled) * (1.0 / n1 + 1.0 / n2);
    // Both waves all 0 or all 1: no difference is possible.
    Some(if v > 0.0 {
        two_sided(diff / v.sqrt())
    } else {
        1.0
    })
}

/// The change from `from` to `to`; None when either base is empty.
pub fn change(from: &PropSummary, to: &PropSummary) -> Option<Change> {
    let (p1, l1, u1) = wilson_of(to)?;
    let (p2, l2, u2) = wilson_of(from)?;
    let diff = p1 - p2;
    let ci_low = diff - ((p1 - l1).powi(2) + (u2 - p2).powi(2)).sqrt();
    let ci_high = diff + ((u1 - p1).powi(2) + (p2 - l2).powi(2)).sqrt();
    Some(Change {
        diff,
        ci_low,
        ci_high,
        p_value: p_value(from, to, diff),
        p_holm: None,
        clear: ci_low > 0.0 || ci_high < 0.0,
    })
}

/// Holm's step-down adjusted p-values, in the order given: with m tests sorted ascending,
/// p_holm(i) = max over j ≤ i of min(1, (m − j + 1) · p(j)).
pub fn holm(p: &[f64]) -> Vec<f64> {
    let m = p.len();
    let mut order: Vec<usize> = (0..m).collect();
    order.sort_by(|&a, &b| p[a].total_cmp(&p[b]));
    let mut out = vec![0.0; m];
    let mut running: f64 = 0.0;
    for (rank, &k) in order.iter().enumerate() {
        running = running.max(((m - rank) as f64 * p[k]).min(1.0));
        out[k] = running;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ch(x_from: u64, n_from: u64, x_to: u64, n_to: u64) -> Change {
        change(
            &PropSummary::unweighted(x_from, n_from),
            &PropSummary::unweighted(x_to, n_to),
        )
        .unwrap()
    }

    #[test]
    fn newcombe_1998_examples() {
        // Newcombe (1998), Table II, method 10: (a) 56/70 − 48/80, (c) 5/56 − 0/29.
        let a = ch(48, 80, 56, 70);
        assert!((a.diff - 0.2).abs() < 1e-15);
        assert!((a.ci_low - 0.0524).abs() < 5e-5 && (a.ci_high - 0.3339).abs() < 5e-5);
        let c = ch(0, 29, 5, 56);
        assert!((c.ci_low - -0.0381).abs() < 5e-5 && (c.ci_high - 0.1926).abs() < 5e-5);
        assert!(a.clear && !c.clear);
    }

    #[test]
    fn pooled_z_by_hand() {
        // 30/100 → 45/100: pooled 0.375, z = 0.15 / √(0.375·0.625·0.02) = 2.19089…
        let c = ch(30, 100, 45, 100);
        let z: f64 = 0.15 / (0.375f64 * 0.625 * 0.02).sqrt();
        assert!((z - 2.190_890_2).abs() < 1e-6);
        assert!((c.p_value.unwrap() - 0.028_459_7).abs() < 1e-6);
        // No variance at all: nothing can have changed.
        assert_eq!(ch(0, 10, 0, 20).p_value, Some(1.0));
        assert_eq!(ch(0, 10, 0, 20).diff, 0.0);
    }

    #[test]
    fn holm_by_hand() {
        // m = 3: sorted 0.01, 0.02, 0.04 → 0.03, 0.04, 0.04 (monotone).
        assert_eq!(holm(&[0.04, 0.01, 0.02]), [0.04, 0.03, 0.04]);
        assert_eq!(holm(&[0.5, 0.9]), [1.0, 1.0]);
        assert!(holm(&[]).is_empty());
    }
}
