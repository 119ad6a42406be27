//! Tests of association for a groups × answers table: Pearson's X² (unweighted) and the
//! Rao–Scott adjustment for weighted data, computed as R's `survey::svychisq` does for a
//! one-stage design `svydesign(ids = ~1, weights = ~w)`:
//!
//! - p̂ = weighted cell proportions (cells ordered rows fastest), V = their linearised covariance
//!   n/(n−1) Σ w_i²(z_i − p̂)(z_i − p̂)' / (Σw)²;
//! - C = the interaction contrasts made orthogonal to the main effects (a basis of the
//!   complement of the row and column dummies);
//! - Δ = (C'D⁻¹C/N)⁻¹ (C'D⁻¹VD⁻¹C) with D = diag(p̂), N = n;
//! - X² = Pearson on the weighted table scaled to n; F = X²/tr(Δ) on (d₀, d₀(n−1)) df with
//!   d₀ = tr(Δ)²/tr(Δ²); first-order: X²/mean(δ) on (r−1)(c−1) df.

use super::interval::{chisq_sf, f_sf};
pub use crate::figures::Association;

/// Pearson's X² test of independence for a table of counts (rows and columns that are all zero
/// are dropped). None when fewer than two rows or columns remain.
pub fn pearson(table: &[Vec<f64>]) -> Option<Association> {
    let rows: Vec<&Vec<f64>> = table
        .iter()
        .filter(|r| r.iter().sum::<f64>() > 0.0)
        .collect();
    let ncol = table.first()?.len();
    let cols: Vec<usize> = (0..ncol)
        .filter(|&j| rows.iter().map(|r| r[j]).sum::<f64>() > 0.0)
        .collect();
    if rows.len() < 2 || cols.len() < 2 {
        return None;
    }
    let total: f64 = rows
        .iter()
        .map(|r| cols.iter().map(|&j| r[j]).sum::<f64>())
        .sum();
    let rsum: Vec<f64> = rows
        .iter()
        .map(|r| cols.iter().map(|&j| r[j]).sum())
        .collect();
    let csum: Vec<f64> = cols
        .iter()
        .map(|&j| rows.iter().map(|r| r[j]).sum())
        .collect();
    let mut x2 = 0.0;
    for (i, r) in rows.iter().enumerate() {
        for (k, &j) in cols.iter().enumerate() {
            let e = rsum[i] * csum[k] / total;
            x2 += (r[j] - e) * (r[j] - e) / e;
        }
    }
    let df = ((rows.len() - 1) * (cols.len() - 1)) as f64;
    Some(Association {
        method: "pearson",
        chisq: x2,
        df,
        p_value: chisq_sf(x2, df),
        f: None,
        ndf: None,
        ddf: None,
        p_first_order: None,
    })
}

type Mat = Vec<Vec<f64>>;

fn matmul(a: &Mat, b: &Mat) -> Mat {
    let (n, m, p) = (a.len(), b.len(), b[0].len());
    let mut c = vec![vec![0.0; p]; n];
    for i in 0..n {
        for k in 0..m {
            let aik = a[i][k];
            if aik != 0.0 {
                for j in 0..p {
                    c[i][j] += aik * b[k][j];
                }
            }
        }
    }
    c
}

fn transpose(a: &Mat) -> Mat {
    (0..a[0].len())
        .map(|j| a.iter().map(|r| r[j]).collect())
        .collect()
}

/// Solves A X = B by Gauss–Jordan elimination with partial pivoting.
fn solve(a: &Mat, b: &Mat) -> Option<Mat> {
    let n = a.len();
    let m = b[0].len();
    let mut aug: Mat = a
        .iter()
        .zip(b)
        .map(|(r, s)| r.iter().chain(s).copied().collect())
        .collect();
    for col in 0..n {
        let piv = (col..n).max_by(|&i, &j| aug[i][col].abs().total_cmp(&aug[j][col].abs()))?;
        if aug[piv][col].abs() < 1e-300 {
            return None;
        }
        aug.swap(col, piv);
        let d = aug[col][col];
        for v in aug[col].iter_mut() {
            *v /= d;
        }
        for i in 0..n {
            if i != col {
                let f = aug[i][col];
                if f != 0.0 {
                    for j in 0..n + m {
                        aug[i][j] -= f * aug[col][j];
                    }
                }
            }
        }
    }
    Some(aug.into_iter().map(|r| r[n..].to_vec()).collect())
}

/// Rao–Scott adjusted test for units with row category `r[i]` < nr, column `c[i]` < nc and
/// weight `w[i]`.
pub fn rao_scott(r: &[usize], c: &[usize], w: &[f64], nr: usize, nc: usize) -> Option<Association> {
    let n = w.len();
    if nr < 2 || nc < 2 || n < 2 {
        return None;
    }
    let cells: Vec<usize> = (0..n).map(|i| r[i] + nr * c[i]).collect(); // rows fastest, as expand.grid
    let sw: f64 = w.iter().sum();
    let mut p = vec![0.0; nr * nc];
    for i in 0..n {
        p[cells[i]] += w[i] / sw;
    }
    let v = share_variance(&cells, w, &p, sw);
    let cmat = interaction_contrasts(nr, nc)?;
    let nn = n as f64;
    let delta = design_effects(&v, &cmat, &p, nn)?;
    let d = delta.len();
    let tr: f64 = (0..d).map(|i| delta[i][i]).sum();
    let d2 = matmul(&delta, &delta);
    let tr2: f64 = (0..d).map(|i| d2[i][i]).sum();
    let d0 = tr * tr / tr2;
    // Pearson on the weighted table scaled to n.
    let table: Vec<Vec<f64>> = (0..nr)
        .map(|i| (0..nc).map(|j| p[i + nr * j] * nn).collect())
        .collect();
    let base = pearson(&table)?;
    let f = base.chisq / tr;
    let ddf = d0 * (nn - 1.0);
    Some(Association {
        method: "rao-scott",
        chisq: base.chisq,
        df: d as f64,
        p_value: f_sf(f, d0, ddf),
        f: Some(f),
        ndf: Some(d0),
        ddf: Some(ddf),
        p_first_order: Some(chisq_sf(base.chisq / (tr / d as f64), d as f64)),
    })
}

/// The linearised variance of the cell shares: V = n/(n−1) Σ a_i a_i',
/// a_i = w_i (z_i − p) / Σw, z_i the indicator of respondent i's cell.
fn share_variance(cells: &[usize], w: &[f64], p: &[f64], sw: f64) -> Mat {
    let (n, k) = (w.len(), p.len());
    let mut v = vec![vec![0.0; k]; k];
    let mut a = vec![0.0; k];
    for i in 0..n {
        for (j, aj) in a.iter_mut().enumerate() {
            *aj = -w[i] * p[j] / sw;
        }
        a[cells[i]] += w[i] / sw;
        for j in 0..k {
            if a[j] != 0.0 {
                for l in 0..k {
                    v[j][l] += a[j] * a[l];
                }
            }
        }
    }
    let scale = n as f64 / (n as f64 - 1.0);
    for row in v.iter_mut() {
        for x in row.iter_mut() {
            *x *= scale;
        }
    }
    v
}

/// The interaction contrasts of an nr × nc table: with X1 the main-effects design (intercept,
/// row dummies 2.., column dummies 2..) and X12 the interaction columns,
/// C = (I − X1(X1'X1)⁻¹X1') X12.
fn interaction_contrasts(nr: usize, nc: usize) -> Option<Mat> {
    let k = nr * nc;
    let x1: Mat = (0..k)
        .map(|cell| {
            let (i, j) = (cell % nr, cell / nr);
            let mut row = vec![1.0];
            row.extend((1..nr).map(|a| (i == a) as u8 as f64));
            row.extend((1..nc).map(|b| (j == b) as u8 as f64));
            row
        })
        .collect();
    let x12: Mat = (0..k)
        .map(|cell| {
            let (i, j) = (cell % nr, cell / nr);
            let mut row = Vec::new();
            for b in 1..nc {
                for a in 1..nr {
                    row.push(((i == a) && (j == b)) as u8 as f64);
                }
            }
            row
        })
        .collect();
    let x1t = transpose(&x1);
    let coef = solve(&matmul(&x1t, &x1), &matmul(&x1t, &x12))?;
    let fitted = matmul(&x1, &coef);
    Some(
        x12.iter()
            .zip(&fitted)
            .map(|(a, b)| a.iter().zip(b).map(|(x, y)| x - y).collect())
            .collect(),
    )
}

/// The generalised design effects Δ = (C'D⁻¹C / n)⁻¹ (C'D⁻¹ V D⁻¹C), D = diag(p).
fn design_effects(v: &Mat, cmat: &Mat, p: &[f64], nn: f64) -> Option<Mat> {
    let inv_p: Vec<f64> = p
        .iter()
        .map(|&x| if x == 0.0 { 0.0 } else { 1.0 / x })
        .collect();
    // D⁻¹C and its transpose.
    let dic: Mat = cmat
        .iter()
        .zip(&inv_p)
        .map(|(row, d)| row.iter().map(|x| x * d).collect())
        .collect();
    let ct = transpose(cmat);
    let denom: Mat = matmul(&ct, &dic)
        .into_iter()
        .map(|r| r.into_iter().map(|x| x / nn).collect())
        .collect();
    let numr = matmul(&transpose(&dic), &matmul(v, &dic));
    solve(&denom, &numr)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pearson_two_by_two_by_hand() {
        // [[10, 20], [30, 40]]: expected [[12, 18], [28, 42]];
        // X² = 4/12 + 4/18 + 4/28 + 4/42 = 0.7936507936507936.
        let a = pearson(&[vec![10.0, 20.0], vec![30.0, 40.0]]).unwrap();
        assert!((a.chisq - (4.0 / 12.0 + 4.0 / 18.0 + 4.0 / 28.0 + 4.0 / 42.0)).abs() < 1e-14);
        assert_eq!(a.df, 1.0);
        // df 1: p = erfc(√(X²/2)) — check against the χ²₂ identity instead: a 2×3 table has df 2.
        let b = pearson(&[vec![5.0, 5.0, 10.0], vec![5.0, 5.0, 10.0]]).unwrap();
        assert_eq!((b.chisq, b.df, b.p_value), (0.0, 2.0, 1.0));
        assert!(pearson(&[vec![1.0, 2.0], vec![0.0, 0.0]]).is_none());
    }

    #[test]
    fn rao_scott_with_equal_weights_is_exact() {
        // With w = 1, V = (D − pp')/(n−1) and C'1 = 0, so Δ = n/(n−1)·I exactly:
        // F = X²/(df·n/(n−1)), d0 = df, ddf = df·(n−1).
        let r: Vec<usize> = (0..60).map(|i| (i * 7 % 11) % 2).collect();
        let c: Vec<usize> = (0..60).map(|i| (i * i % 13) % 3).collect();
        let w = vec![1.0; 60];
        let a = rao_scott(&r, &c, &w, 2, 3).unwrap();
        assert!(a.chisq > 0.1, "{}", a.chisq);
        assert_eq!(a.df, 2.0);
        assert!((a.f.unwrap() - a.chisq / (2.0 * 60.0 / 59.0)).abs() < 1e-12);
        assert!((a.ndf.unwrap() - 2.0).abs() < 1e-12);
        assert!((a.ddf.unwrap() - 2.0 * 59.0).abs() < 1e-9);
        // And the unweighted X² equals Pearson's on the raw counts.
        let mut t = vec![vec![0.0; 3]; 2];
        for i in 0..60 {
            t[r[i]][c[i]] += 1.0;
        }
        assert!((pearson(&t).unwrap().chisq - a.chisq).abs() < 1e-12);
    }
}
