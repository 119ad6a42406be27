//! How far coders agree: Cohen's kappa with its large-sample interval (Fleiss, Cohen & Everitt
//! 1969, as statsmodels' `cohens_kappa`), precision and recall of the rules against a human,
//! and Krippendorff's alpha for nominal data (any number of coders, missing values allowed).

use crate::estimate::interval::Z_95;
use serde::Serialize;

/// Cohen's kappa with its standard error and 95% interval (kappa ± 1.96·se, cut at ±1 where
/// the large-sample interval runs past what kappa can be).
#[derive(Debug, Clone, Copy, Serialize, PartialEq)]
pub struct Kappa {
    pub kappa: f64,
    pub se: f64,
    pub ci_low: f64,
    pub ci_high: f64,
}

/// Cohen's kappa of a square table (`table[i][j]`: rated i by the first, j by the second);
/// None when it is undefined (no units, or chance agreement is 1: both gave one category only).
pub fn kappa_of_table(table: &[Vec<f64>]) -> Option<Kappa> {
    let k = table.len();
    let n: f64 = table.iter().flatten().sum();
    if n == 0.0 {
        return None;
    }
    let p = |i: usize, j: usize| table[i][j] / n;
    let row: Vec<f64> = (0..k).map(|i| (0..k).map(|j| p(i, j)).sum()).collect();
    let col: Vec<f64> = (0..k).map(|j| (0..k).map(|i| p(i, j)).sum()).collect();
    let agree: f64 = (0..k).map(|i| p(i, i)).sum();
    let chance: f64 = (0..k).map(|i| row[i] * col[i]).sum();
    if chance >= 1.0 {
        return None;
    }
    let kappa = (agree - chance) / (1.0 - chance);
    let a: f64 = (0..k)
        .map(|i| p(i, i) * (1.0 - (row[i] + col[i]) * (1.0 - kappa)).powi(2))
        .sum();
    let b: f64 = (0..k)
        .flat_map(|i| (0..k).filter(move |&j| j != i).map(move |j| (i, j)))
        .map(|(i, j)| p(i, j) * (col[i] + row[j]).powi(2))
        .sum::<f64>()
        * (1.0 - kappa).powi(2);
    let c = (kappa - chance * (1.0 - kappa)).powi(2);
    let var = (a + b - c) / (1.0 - chance).powi(2) / n;
    let se = var.max(0.0).sqrt();
    Some(Kappa {
        kappa,
        se,
        ci_low: (kappa - Z_95 * se).max(-1.0),
        ci_high: (kappa + Z_95 * se).min(1.0),
    })
}

/// The 2×2 table of two yes / no codings of the same units.
pub fn table2(x: &[bool], y: &[bool]) -> Vec<Vec<f64>> {
    let mut t = vec![vec![0.0; 2]; 2];
    for (&a, &b) in x.iter().zip(y) {
        t[a as usize][b as usize] += 1.0;
    }
    t
}

/// Cohen's kappa of two yes / no codings of the same units.
pub fn kappa(x: &[bool], y: &[bool]) -> Option<Kappa> {
    kappa_of_table(&table2(x, y))
}

/// Of the units `predicted` says yes to, the share `truth` says yes to (None: none predicted).
pub fn precision(predicted: &[bool], truth: &[bool]) -> Option<f64> {
    let said = predicted.iter().filter(|&&p| p).count();
    let right = predicted
        .iter()
        .zip(truth)
        .filter(|(&p, &t)| p && t)
        .count();
    (said > 0).then(|| right as f64 / said as f64)
}

/// Of the units `truth` says yes to, the share `predicted` found (None: none true).
pub fn recall(predicted: &[bool], truth: &[bool]) -> Option<f64> {
    precision(truth, predicted)
}

/// Krippendorff's alpha for nominal values: `units[u][c]` is coder c's value for unit u (None:
/// not coded). Units with fewer than two values are not pairable and left out; None when no
/// unit is pairable or every value is the same (no disagreement can be expected).
pub fn alpha_nominal(units: &[Vec<Option<u32>>]) -> Option<f64> {
    use std::collections::BTreeMap;
    // The coincidence matrix, o[(c, k)].
    let mut o: BTreeMap<(u32, u32), f64> = BTreeMap::new();
    for unit in units {
        let vals: Vec<u32> = unit.iter().flatten().copied().collect();
        let m = vals.len();
        if m < 2 {
            continue;
        }
        for (i, &a) in vals.iter().enumerate() {
            for (j, &b) in vals.iter().enumerate() {
                if i != j {
                    *o.entry((a, b)).or_default() += 1.0 / (m as f64 - 1.0);
                }
            }
        }
    }
    let mut n_c: BTreeMap<u32, f64> = BTreeMap::new();
    for (&(c, _), &v) in &o {
        *n_c.entry(c).or_default() += v;
    }
    let n: f64 = n_c.values().sum();
    if n <= 1.0 {
        return None;
    }
    let observed: f64 = o.iter().filter(|((c, k), _)| c != k).map(|(_, v)| v).sum();
    let expected: f64 = (n_c.iter())
        .flat_map(|(c, a)| {
            n_c.iter()
                .filter(move |(k, _)| *k != c)
                .map(move |(_, b)| a * b)
        })
        .sum();
    (expected > 0.0).then(|| 1.0 - (n - 1.0) * observed / expected)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Worked by hand: 10 units, both yes 4, both no 4, one each way once.
    /// po = 0.8, pe = 0.5·0.5 + 0.5·0.5 = 0.5, kappa = 0.6.
    #[test]
    fn kappa_by_hand() {
        let x = [
            true, true, true, true, true, false, false, false, false, false,
        ];
        let y = [
            true, true, true, true, false, true, false, false, false, false,
        ];
        let k = kappa(&x, &y).unwrap();
        assert!((k.kappa - 0.6).abs() < 1e-15);
        // Fleiss–Cohen–Everitt: a = 0.8·(1 − 1·0.4)² = 0.288, b = 0.16·0.2·1 = 0.032,
        // c = (0.6 − 0.2)² = 0.16 → var = (0.288 + 0.032 − 0.16) / 0.25 / 10 = 0.064.
        assert!((k.se - 0.064f64.sqrt()).abs() < 1e-15, "{k:?}");
        assert_eq!(precision(&x, &y), Some(0.8));
        assert_eq!(recall(&x, &y), Some(0.8));
        assert!(kappa(&[true, true], &[true, true]).is_none());
    }

    /// Krippendorff (2011), "Computing Krippendorff's alpha-reliability", the nominal example
    /// with four coders and missing values: alpha = 0.743.
    #[test]
    fn alpha_of_krippendorffs_example() {
        let n = None;
        let s = |v: u32| Some(v);
        let coders: [[Option<u32>; 12]; 4] = [
            [
                s(1),
                s(2),
                s(3),
                s(3),
                s(2),
                s(1),
                s(4),
                s(1),
                s(2),
                n,
                n,
                n,
            ],
            [
                s(1),
                s(2),
                s(3),
                s(3),
                s(2),
                s(2),
                s(4),
                s(1),
                s(2),
                s(5),
                n,
                s(3),
            ],
            [
                n,
                s(3),
                s(3),
                s(3),
                s(2),
                s(3),
                s(4),
                s(2),
                s(2),
                s(5),
                s(1),
                n,
            ],
            [
                s(1),
                s(2),
                s(3),
                s(3),
                s(2),
                s(4),
                s(4),
                s(1),
                s(2),
                s(5),
                s(1),
                n,
            ],
        ];
        let units: Vec<Vec<Option<u32>>> = (0..12)
            .map(|u| coders.iter().map(|c| c[u]).collect())
            .collect();
        let a = alpha_nominal(&units).unwrap();
        assert!((a - 0.743).abs() < 5e-4, "{a}");
    }
}
