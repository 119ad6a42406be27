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

pub use crate::codebook::IntervalMethod;

/// One proportion's data: outcome y ∈ {0, 1} and weight w for each unit in the base.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct PropSummary {
    /// Units in the base (unweighted).
    pub n: u64,
    /// Units with y = 1 (unweighted).
    pub x: u64,
    /// Σw and Σw·y.
    pub sum_w: f64,
    pub sum_wy: f64,
    /// Σw².
    pub sum_w2: f64,
    /// Σ w²(y − p)², for the linearised (design-based) variance.
    pub sum_w2_resid2: f64,
    pub weighted: bool,
}

impl PropSummary {
    pub fn unweighted(x: u64, n: u64) -> PropSummary {
        let p = if n > 0 { x as f64 / n as f64 } else { 0.0 };
        PropSummary {
            n,
            x,
            sum_w: n as f64,
            sum_wy: x as f64,
            sum_w2: n as f64,
            sum_w2_resid2: x as f64 * (1.0 - p) * (1.0 - p) + (n - x) as f64 * p * p,
            weighted: false,
        }
    }

    /// From parallel outcome and weight slices (units outside the base excluded by the caller).
    pub fn from_units(y: impl Iterator<Item = (bool, f64)> + Clone, weighted: bool) -> PropSummary {
        let (mut n, mut x, mut sw, mut swy, mut sw2) = (0u64, 0u64, 0.0, 0.0, 0.0);
        for (yi, w) in y.clone() {
            n += 1;
            x += yi as u64;
            sw += w;
            sw2 += w * w;
            if yi {
                swy += w;
            }
        }
        let p = if sw > 0.0 { swy / sw } else { 0.0 };
        let r2 = y
            .map(|(yi, w)| {
                let d = yi as u8 as f64 - p;
                w * w * d * d
            })
            .sum();
        PropSummary {
            n,
            x,
            sum_w: sw,
            sum_wy: swy,
            sum_w2: sw2,
            sum_w2_resid2: r2,
            weighted,
        }
    }

    pub fn p(&self) -> f64 {
        if self.sum_w > 0.0 {
            self.sum_wy / self.sum_w
        } else {
            0.0
        }
    }

    /// Kish effective sample size (Σw)²/Σw² (= n unweighted).
    pub fn n_eff(&self) -> f64 {
        if self.weighted {
            if self.sum_w2 > 0.0 {
                self.sum_w * self.sum_w / self.sum_w2
            } else {
                0.0
            }
        } else {
            self.n as f64
        }
    }

    /// Linearised variance of the weighted mean, as R's `svymean` on `svydesign(ids = ~1,
    /// weights = ~w)`: n/(n − 1) · Σ w²(y − p)² / (Σw)².
    pub fn design_var(&self) -> f64 {
        let n = self.n as f64;
        if self.n < 2 || self.sum_w <= 0.0 {
            return f64::NAN;
        }
        n / (n - 1.0) * self.sum_w2_resid2 / (self.sum_w * self.sum_w)
    }
}

/// The 95% interval by `method`; None for an empty base.
pub fn interval(method: IntervalMethod, s: &PropSummary) -> Option<Interval> {
    if s.n == 0 {
        return None;
    }
    let p = s.p();
    match method {
        IntervalMethod::Wilson => {
            if s.weighted {
                let mut iv = wilson_p(p, s.n_eff(), Z_95)?;
                if s.x == 0 {
                    iv.low = 0.0;
                }
                if s.x == s.n {
                    iv.high = 1.0;
                }
                Some(iv)
            } else {
                wilson(s.x, s.n)
            }
        }
        IntervalMethod::ClopperPearson => {
            if !s.weighted {
                return Some(clopper_pearson(s.x as f64, s.n as f64));
            }
            if p <= 0.0 || p >= 1.0 {
                // No variance to scale by: the exact interval on Kish's n.
                return Some(clopper_pearson(p * s.n_eff(), s.n_eff()));
            }
            let n_eff = p * (1.0 - p) / s.design_var();
            if !n_eff.is_finite() {
                return None;
            }
            Some(Interval {
                low: beta_quantile(0.025, n_eff * p, n_eff * (1.0 - p) + 1.0),
                high: beta_quantile(0.975, n_eff * p + 1.0, n_eff * (1.0 - p)),
            })
        }
        IntervalMethod::Logit => {
            if p <= 0.0 || p >= 1.0 || s.n < 2 {
                // The logit is infinite at 0 and 1: fall back to the exact interval.
                return interval(IntervalMethod::ClopperPearson, s);
            }
            let se = s.design_var().sqrt() / (p * (1.0 - p));
            let t = t_quantile(0.975, s.n as f64 - 1.0);
            let l = (p / (1.0 - p)).ln();
            let expit = |v: f64| 1.0 / (1.0 + (-v).exp());
            Some(Interval {
                low: expit(l - t * se),
                high: expit(l + t * se),
            })
        }
    }
}

/// Exact (Clopper–Pearson) interval for x successes of n (x, n may be fractional).
pub fn clopper_pearson(x: f64, n: f64) -> Interval {
    let low = if x <= 0.0 {
        0.0
    } else {
        beta_quantile(0.025, x, n - x + 1.0)
    };
    let high = if x >= n {
        1.0
    } else {
        beta_quantile(0.975, x + 1.0, n - x)
    };
    Interval { low, high }
}

/// Quantile of the Beta(a, b) distribution: statrs' inverse, polished by Newton steps on the
/// regularised incomplete beta function (accurate to ~1e-15).
/// NaN (never a panic) when the parameters are not finite and positive.
pub fn beta_quantile(q: f64, a: f64, b: f64) -> f64 {
    use statrs::function::beta::ln_beta;
    if !(q.is_finite() && a.is_finite() && b.is_finite() && a > 0.0 && b > 0.0) {
        return f64::NAN;
    }
    if q <= 0.0 {
        return 0.0;
    }
    if q >= 1.0 {
        return 1.0;
    }
    let mut x = statrs::function::beta::inv_beta_reg(a, b, q).clamp(0.0, 1.0);
    let lb = ln_beta(a, b);
    for _ in 0..8 {
        if x <= 0.0 || x >= 1.0 {
            break;
        }
        let Ok(f) = statrs::function::beta::checked_beta_reg(a, b, x) else {
            break;
        };
        let f = f - q;
        let pdf = ((a - 1.0) * x.ln() + (b - 1.0) * (1.0 - x).ln() - lb).exp();
        if pdf <= 0.0 || !pdf.is_finite() {
            break;
        }
        let step = f / pdf;
        let next = (x - step).clamp(x / 2.0, (1.0 + x) / 2.0);
        if (next - x).abs() <= 1e-16 * x.max(1e-300) {
            x = next;
            break;
        }
        x = next;
    }
    x
}

/// Quantile of Student's t with `df` degrees of freedom (q > 0.5), via the beta quantile.
pub fn t_quantile(q: f64, df: f64) -> f64 {
    let tail = 2.0 * (1.0 - q.max(1.0 - q));
    let y = beta_quantile(tail, df / 2.0, 0.5);
    let t = (df * (1.0 - y) / y).sqrt();
    if q >= 0.5 {
        t
    } else {
        -t
    }
}

/// Upper tail of the χ² distribution; NaN (never a panic) for a statistic or degrees of freedom
/// that are not finite (a weight of 1e300 overflows them): reported as "not computable".
pub fn chisq_sf(x: f64, df: f64) -> f64 {
    if x.is_nan() || !(df.is_finite() && df > 0.0) {
        return f64::NAN;
    }
    if x <= 0.0 {
        return 1.0;
    }
    if x.is_infinite() {
        return 0.0;
    }
    statrs::function::gamma::checked_gamma_ur(df / 2.0, x / 2.0).unwrap_or(f64::NAN)
}

/// Upper tail of the F distribution; NaN (never a panic) for arguments that are not finite.
pub fn f_sf(x: f64, d1: f64, d2: f64) -> f64 {
    if x.is_nan() || !(d1.is_finite() && d2.is_finite() && d1 > 0.0 && d2 > 0.0) {
        return f64::NAN;
    }
    if x <= 0.0 {
        return 1.0;
    }
    if x.is_infinite() {
        return 0.0;
    }
    let at = (d2 / (d2 + d1 * x)).clamp(0.0, 1.0);
    statrs::function::beta::checked_beta_reg(d2 / 2.0, d1 / 2.0, at).unwrap_or(f64::NAN)
}

#[cfg(test)]
mod method_tests {
    use super::*;

    fn close(a: f64, b: f64, tol: f64) {
        assert!((a - b).abs() < tol, "{a} vs {b}");
    }

    #[test]
    fn quantiles_against_known_values() {
        // Textbook values: t(0.975; 10) = 2.228138851986274, t(0.975; 1) = 12.70620473617471.
        close(t_quantile(0.975, 10.0), 2.228_138_851_986_274, 1e-12);
        close(t_quantile(0.975, 1.0), 12.706_204_736_174_71, 1e-9);
        // Beta(1, 1) is uniform; Beta(2, 1) has cdf x².
        close(beta_quantile(0.3, 1.0, 1.0), 0.3, 1e-14);
        close(beta_quantile(0.25, 2.0, 1.0), 0.5, 1e-14);
        // χ²₁ upper tail at 3.841458820694124 is 0.05; χ²₂ sf is exp(−x/2).
        close(chisq_sf(3.841_458_820_694_124, 1.0), 0.05, 1e-13);
        close(chisq_sf(3.0, 2.0), (-1.5f64).exp(), 1e-14);
        // F(1, d) = t²: P(F > t²) = 2·P(T > t).
        close(
            f_sf(2.228_138_851_986_274f64.powi(2), 1.0, 10.0),
            0.05,
            1e-12,
        );
    }

    #[test]
    fn clopper_pearson_closed_forms() {
        // x = 0: high = 1 − 0.025^(1/n); x = n: low = 0.025^(1/n).
        let iv = clopper_pearson(0.0, 10.0);
        assert_eq!(iv.low, 0.0);
        close(iv.high, 1.0 - 0.025f64.powf(0.1), 1e-14);
        let iv = clopper_pearson(10.0, 10.0);
        close(iv.low, 0.025f64.powf(0.1), 1e-14);
        assert_eq!(iv.high, 1.0);
    }

    #[test]
    fn logit_unweighted_by_hand() {
        // 30 of 100: var = p(1−p)/(n−1), se_logit = √var / (p(1−p)), t on 99 df.
        let s = PropSummary::unweighted(30, 100);
        let iv = interval(IntervalMethod::Logit, &s).unwrap();
        let p: f64 = 0.3;
        let se = (p * (1.0 - p) / 99.0).sqrt() / (p * (1.0 - p));
        let l = (p / (1.0 - p)).ln();
        let t = t_quantile(0.975, 99.0);
        close(iv.low, 1.0 / (1.0 + (-(l - t * se)).exp()), 1e-15);
        close(iv.high, 1.0 / (1.0 + (-(l + t * se)).exp()), 1e-15);
        assert!(iv.low < 0.3 && iv.high > 0.3);
    }

    #[test]
    fn weighted_summary_by_hand() {
        // y = (1, 0, 1), w = (1, 2, 3): p = 4/6; Kish n = 36/14.
        let s = PropSummary::from_units([(true, 1.0), (false, 2.0), (true, 3.0)].into_iter(), true);
        close(s.p(), 4.0 / 6.0, 1e-15);
        close(s.n_eff(), 36.0 / 14.0, 1e-15);
        // Σw²(y−p)² = 1·(1/3)² + 4·(2/3)² + 9·(1/3)² = 26/9; var = 3/2 · (26/9) / 36.
        close(s.design_var(), 1.5 * (26.0 / 9.0) / 36.0, 1e-15);
        // Equal weights: Wilson on n_eff = n equals the unweighted interval.
        let eq = PropSummary::from_units(
            [(true, 2.0), (false, 2.0), (true, 2.0), (true, 2.0)].into_iter(),
            true,
        );
        let a = interval(IntervalMethod::Wilson, &eq).unwrap();
        let b = wilson(3, 4).unwrap();
        close(a.low, b.low, 1e-14);
        close(a.high, b.high, 1e-14);
    }
}
