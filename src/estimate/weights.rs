//! Survey weights: post-stratification to one variable and raking (iterative proportional
//! fitting) to several margins, with optional trimming. The converged raking weights are the
//! unique IPF solution, which is what R's `survey::rake()` converges to.

pub use crate::figures::{RakeReport, WeightingInfo};
use std::collections::BTreeMap;

/// Population targets for one variable: category → total (or share).
#[derive(Debug, Clone, PartialEq)]
pub struct Margin {
    pub variable: String,
    pub targets: Vec<(String, f64)>,
}

#[derive(Debug, Clone)]
pub struct RakeOptions {
    pub tolerance: f64,
    pub max_iterations: usize,
    /// Bounds on weight / mean weight, applied after each sweep.
    pub trim: Option<(f64, f64)>,
}

impl Default for RakeOptions {
    fn default() -> Self {
        RakeOptions {
            tolerance: 1e-10,
            max_iterations: 1000,
            trim: None,
        }
    }
}

/// Checks margins against the respondents and returns, per margin, each unit's cell index and
/// the cell targets scaled to a common total. A margin whose targets sum to 1 gives shares: of
/// the count margins' total when there are any, else of the base weights' total. Count margins
/// must agree on their total.
fn prepare(
    values: &[Vec<Option<String>>],
    margins: &[Margin],
    base_total: f64,
) -> Result<(Vec<Vec<usize>>, Vec<Vec<f64>>), String> {
    let sums: Vec<f64> = margins
        .iter()
        .map(|m| m.targets.iter().map(|(_, t)| t).sum())
        .collect();
    let is_share = |t: f64| (t - 1.0).abs() < 1e-9;
    // The common total: the first count margin's, or the base weights' when all are shares.
    let common = sums
        .iter()
        .copied()
        .find(|&t| !is_share(t))
        .unwrap_or(base_total);
    let scale: Vec<f64> = sums
        .iter()
        .map(|&t| if is_share(t) { common / t } else { 1.0 })
        .collect();
    let totals: Vec<f64> = sums.iter().zip(&scale).map(|(t, k)| t * k).collect();
    for (m, t) in margins.iter().zip(&totals) {
        if m.targets.iter().any(|(_, v)| !(v.is_finite() && *v >= 0.0)) {
            return Err(format!(
                "margin {:?} has a negative or non-numeric target",
                m.variable
            ));
        }
        if (t - totals[0]).abs() > 1e-6 * totals[0].abs().max(1.0) {
            return Err(format!(
                "margins are inconsistent: {:?} sums to {}, {:?} to {}",
                margins[0].variable, totals[0], m.variable, t
            ));
        }
    }
    let mut cells = Vec::new();
    let mut targets = Vec::new();
    for ((m, vals), &scale) in margins.iter().zip(values).zip(&scale) {
        let index: BTreeMap<&str, usize> = m
            .targets
            .iter()
            .enumerate()
            .map(|(i, (k, _))| (k.as_str(), i))
            .collect();
        let mut idx = Vec::with_capacity(vals.len());
        let mut present = vec![0usize; m.targets.len()];
        for (unit, v) in vals.iter().enumerate() {
            let v = v.as_deref().ok_or_else(|| {
                format!(
                    "respondent {} has no value for weighting variable {:?}",
                    unit + 1,
                    m.variable
                )
            })?;
            let &i = index.get(v).ok_or_else(|| {
                format!(
                    "weighting variable {:?}: category {v:?} has no population target",
                    m.variable
                )
            })?;
            present[i] += 1;
            idx.push(i);
        }
        for ((k, t), c) in m.targets.iter().zip(&present) {
            if *c == 0 && *t > 0.0 {
                return Err(format!(
                    "weighting variable {:?}: no respondents in category {k:?}, which has a population target",
                    m.variable
                ));
            }
        }
        cells.push(idx);
        targets.push(m.targets.iter().map(|(_, t)| t * scale).collect());
    }
    Ok((cells, targets))
}

fn cell_sums(w: &[f64], idx: &[usize], k: usize) -> Vec<f64> {
    let mut s = vec![0.0; k];
    for (wi, &c) in w.iter().zip(idx) {
        s[c] += wi;
    }
    s
}

/// Post-stratification: each unit's base weight times target / achieved for its cell.
pub fn poststratify(
    base: &[f64],
    values: &[Option<String>],
    margin: &Margin,
) -> Result<Vec<f64>, String> {
    let total: f64 = base.iter().sum();
    let (cells, targets) = prepare(&[values.to_vec()], std::slice::from_ref(margin), total)?;
    let sums = cell_sums(base, &cells[0], targets[0].len());
    Ok(base
        .iter()
        .zip(&cells[0])
        .map(|(w, &c)| w * targets[0][c] / sums[c])
        .collect())
}

/// Raking: post-stratify to each margin in turn until every margin is met within `tolerance`
/// (relative), trimming after each sweep when bounds are set.
pub fn rake(
    base: &[f64],
    values: &[Vec<Option<String>>],
    margins: &[Margin],
    opts: &RakeOptions,
) -> Result<(Vec<f64>, RakeReport), String> {
    if margins.is_empty() {
        return Err("raking needs at least one margin".into());
    }
    let total: f64 = base.iter().sum();
    let (cells, targets) = prepare(values, margins, total)?;
    let mut w = base.to_vec();
    let gap = |w: &[f64]| -> f64 {
        cells
            .iter()
            .zip(&targets)
            .flat_map(|(idx, t)| {
                let s = cell_sums(w, idx, t.len());
                s.into_iter()
                    .zip(t.iter())
                    .map(|(a, b)| if *b > 0.0 { (a - b).abs() / b } else { a.abs() })
                    .collect::<Vec<_>>()
            })
            .fold(0.0, f64::max)
    };
    let mut trimmed = 0;
    for it in 1..=opts.max_iterations {
        for (idx, t) in cells.iter().zip(&targets) {
            let s = cell_sums(&w, idx, t.len());
            for (wi, &c) in w.iter_mut().zip(idx) {
                *wi *= if s[c] > 0.0 { t[c] / s[c] } else { 0.0 };
            }
        }
        let mut in_bounds = true;
        if let Some((lo, hi)) = opts.trim {
            let mean = w.iter().sum::<f64>() / w.len() as f64;
            trimmed = 0;
            for wi in w.iter_mut() {
                if *wi < lo * mean * (1.0 - 1e-12) || *wi > hi * mean * (1.0 + 1e-12) {
                    *wi = wi.clamp(lo * mean, hi * mean);
                    trimmed += 1;
                    in_bounds = false;
                }
            }
        }
        let g = gap(&w);
        if g < opts.tolerance && in_bounds {
            return Ok((
                w,
                RakeReport {
                    iterations: it,
                    max_gap: g,
                    trimmed,
                },
            ));
        }
    }
    Err(format!(
        "raking did not converge in {} iterations (largest margin gap {:.3e}; tolerance {:.1e}){}",
        opts.max_iterations,
        gap(&w),
        opts.tolerance,
        if opts.trim.is_some() {
            "; the trimming bounds may be too tight"
        } else {
            ""
        }
    ))
}

/// Design effect of unequal weighting (Kish): n / n_eff.
pub fn kish_deff(w: &[f64]) -> f64 {
    let n_eff = super::interval::kish_n_eff(w);
    if n_eff > 0.0 {
        w.len() as f64 / n_eff
    } else {
        f64::NAN
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(v: &[&str]) -> Vec<Option<String>> {
        v.iter().map(|x| Some(x.to_string())).collect()
    }

    #[test]
    fn poststratification_by_hand() {
        // 3 a's and 1 b; population a = 50, b = 50 → a's get 50/3 each, b gets 50.
        let m = Margin {
            variable: "g".into(),
            targets: vec![("a".into(), 50.0), ("b".into(), 50.0)],
        };
        let w = poststratify(&[1.0; 4], &s(&["a", "a", "a", "b"]), &m).unwrap();
        assert_eq!(w, vec![50.0 / 3.0, 50.0 / 3.0, 50.0 / 3.0, 50.0]);
        // Shares scale to the sample size: a 0.5, b 0.5 of 4 → 2/3 and 2.
        let m = Margin {
            variable: "g".into(),
            targets: vec![("a".into(), 0.5), ("b".into(), 0.5)],
        };
        let w = poststratify(&[1.0; 4], &s(&["a", "a", "a", "b"]), &m).unwrap();
        assert!((w[0] - 2.0 / 3.0).abs() < 1e-15 && (w[3] - 2.0).abs() < 1e-15);
    }

    #[test]
    fn raking_two_margins_by_hand() {
        // 2×2 sample counts (x,y): (a,u)=1, (a,v)=1, (b,u)=1, (b,v)=1 with targets
        // x: a 60, b 40; y: u 70, v 30. IPF on a 2×2 table with equal seeds reaches
        // w = [[60·70/100, 60·30/100], [40·70/100, 40·30/100]] = [[42, 18], [28, 12]].
        let x = s(&["a", "a", "b", "b"]);
        let y = s(&["u", "v", "u", "v"]);
        let margins = [
            Margin {
                variable: "x".into(),
                targets: vec![("a".into(), 60.0), ("b".into(), 40.0)],
            },
            Margin {
                variable: "y".into(),
                targets: vec![("u".into(), 70.0), ("v".into(), 30.0)],
            },
        ];
        let (w, rep) = rake(&[1.0; 4], &[x, y], &margins, &RakeOptions::default()).unwrap();
        for (a, b) in w.iter().zip([42.0, 18.0, 28.0, 12.0]) {
            assert!((a - b).abs() < 1e-9, "{w:?}");
        }
        assert!(rep.max_gap < 1e-10);
    }

    #[test]
    fn count_and_share_margins_mix() {
        // x: counts 60/40 (total 100); y: shares 0.3/0.7 of that total → 30/70.
        let (x, y) = (s(&["a", "a", "b", "b"]), s(&["c", "d", "c", "d"]));
        let margins = [
            Margin {
                variable: "x".into(),
                targets: vec![("a".into(), 60.0), ("b".into(), 40.0)],
            },
            Margin {
                variable: "y".into(),
                targets: vec![("c".into(), 0.3), ("d".into(), 0.7)],
            },
        ];
        let (w, _) = rake(&[1.0; 4], &[x, y], &margins, &RakeOptions::default()).unwrap();
        assert!((w.iter().sum::<f64>() - 100.0).abs() < 1e-9);
        assert!((w[0] + w[2] - 30.0).abs() < 1e-9 && (w[0] + w[1] - 60.0).abs() < 1e-9);
    }

    #[test]
    fn raking_errors() {
        let x = s(&["a", "b"]);
        let bad = [
            Margin {
                variable: "x".into(),
                targets: vec![("a".into(), 60.0), ("b".into(), 40.0)],
            },
            Margin {
                variable: "y".into(),
                targets: vec![("a".into(), 10.0), ("b".into(), 40.0)],
            },
        ];
        let e = rake(
            &[1.0; 2],
            &[x.clone(), x.clone()],
            &bad,
            &RakeOptions::default(),
        )
        .unwrap_err();
        assert_eq!(
            e,
            "margins are inconsistent: \"x\" sums to 100, \"y\" to 50"
        );
        let empty = [Margin {
            variable: "x".into(),
            targets: vec![("a".into(), 1.0), ("b".into(), 1.0), ("c".into(), 1.0)],
        }];
        let e = rake(&[1.0; 2], &[x.clone()], &empty, &RakeOptions::default()).unwrap_err();
        assert_eq!(e, "weighting variable \"x\": no respondents in category \"c\", which has a population target");
        let e = rake(
            &[1.0; 2],
            &[vec![Some("a".into()), None]],
            &empty,
            &RakeOptions::default(),
        )
        .unwrap_err();
        assert_eq!(e, "respondent 2 has no value for weighting variable \"x\"");
    }

    #[test]
    fn trimming_bounds_hold() {
        // 9 a's, 1 b, target 50/50: untrimmed b weight = 5 (mean 1); bounds [0.5, 3] cannot hold
        // with the margin, so raking reports non-convergence rather than silently missing it.
        let mut v = vec!["a"; 9];
        v.push("b");
        let x = s(&v);
        let m = [Margin {
            variable: "x".into(),
            targets: vec![("a".into(), 0.5), ("b".into(), 0.5)],
        }];
        let opts = RakeOptions {
            trim: Some((0.5, 3.0)),
            max_iterations: 50,
            ..Default::default()
        };
        let e = rake(&[1.0; 10], &[x.clone()], &m, &opts).unwrap_err();
        assert!(
            e.contains("did not converge in 50 iterations") && e.contains("trimming"),
            "{e}"
        );
        // Loose bounds: converges, every weight inside.
        let opts = RakeOptions {
            trim: Some((0.1, 6.0)),
            ..Default::default()
        };
        let (w, _) = rake(&[1.0; 10], &[x], &m, &opts).unwrap();
        assert!((w[9] - 5.0).abs() < 1e-9);
        assert!(
            (kish_deff(&w) - 10.0 * (9.0 * (5.0f64 / 9.0).powi(2) + 25.0) / 100.0).abs() < 1e-9
        );
    }
}
