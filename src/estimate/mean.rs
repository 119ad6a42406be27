//! A mean with its 95% t interval: the grid's mean score, the ranking's mean rank.

use super::interval::t_quantile;
pub use crate::figures::MeanEstimate;

/// The mean of `(value, weight)` pairs with a t interval on n − 1 df. Its standard error is
/// the linearised one of R `svymean` on `svydesign(ids = ~1, weights = ~w)`:
/// n/(n − 1) · Σ w²(y − ȳ)² / (Σw)², which with equal weights is s/√n. None for no units or
/// no weight.
pub fn mean_estimate(units: &[(f64, f64)]) -> Option<MeanEstimate> {
    let n = units.len();
    let sw: f64 = units.iter().map(|u| u.1).sum();
    if n == 0 || !(sw > 0.0 && sw.is_finite()) {
        return None;
    }
    let mean = units.iter().map(|(y, w)| w * y).sum::<f64>() / sw;
    if !mean.is_finite() {
        return None;
    }
    if n < 2 {
        return Some(MeanEstimate {
            n: 1,
            mean,
            se: None,
            ci_low: None,
            ci_high: None,
        });
    }
    let nf = n as f64;
    let r2: f64 = units.iter().map(|(y, w)| (w * (y - mean)).powi(2)).sum();
    let se = (nf / (nf - 1.0) * r2 / (sw * sw)).sqrt();
    let half = t_quantile(0.975, nf - 1.0) * se;
    let ok = se.is_finite() && half.is_finite();
    Some(MeanEstimate {
        n: n as u64,
        mean,
        se: ok.then_some(se),
        ci_low: ok.then_some(mean - half),
        ci_high: ok.then_some(mean + half),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unweighted_is_the_t_interval() {
        // 1, 2, 3, 4, 5: mean 3, s = √2.5, se = √0.5; t(0.975, 4) = 2.7764451051977987.
        let u: Vec<(f64, f64)> = (1..=5).map(|y| (y as f64, 1.0)).collect();
        let m = mean_estimate(&u).unwrap();
        assert_eq!(m.mean, 3.0);
        assert!((m.se.unwrap() - 0.5f64.sqrt()).abs() < 1e-15);
        let half = 2.7764451051977987 * 0.5f64.sqrt();
        assert!((m.ci_low.unwrap() - (3.0 - half)).abs() < 1e-9);
        assert!((m.ci_high.unwrap() - (3.0 + half)).abs() < 1e-9);
    }

    #[test]
    fn equal_weights_equal_unweighted_and_edge_cases() {
        let u: Vec<(f64, f64)> = [2.0, 4.0, 4.0, 5.0].iter().map(|&y| (y, 1.0)).collect();
        let w: Vec<(f64, f64)> = u.iter().map(|&(y, _)| (y, 2.5)).collect();
        let (a, b) = (mean_estimate(&u).unwrap(), mean_estimate(&w).unwrap());
        assert!((a.mean - b.mean).abs() < 1e-15 && (a.se.unwrap() - b.se.unwrap()).abs() < 1e-15);
        assert_eq!(mean_estimate(&[]), None);
        assert_eq!(mean_estimate(&[(1.0, 0.0), (2.0, 0.0)]), None);
        let one = mean_estimate(&[(4.0, 1.0)]).unwrap();
        assert_eq!((one.mean, one.se), (4.0, None));
    }
}
