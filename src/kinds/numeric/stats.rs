//! Numeric questions: n, mean, SD, min, median, max.

use super::NumericSummary;
use crate::codebook::Question;
use crate::error::Result;
use polars::prelude::*;

/// The summary of a numeric question over the `n` analysed respondents.
pub(crate) fn table(q: &Question, frame: &DataFrame) -> Result<NumericSummary> {
    let mut v: Vec<f64> = frame.column(q.id())?.f64()?.iter().flatten().collect();
    v.sort_by(f64::total_cmp);
    Ok(numeric_summary(q, &v, frame.height() as u64))
}

/// Mean and SD of `v`; None for a value that cannot be represented.
fn moments(v: &[f64]) -> (Option<f64>, Option<f64>) {
    let k = v.len();
    let plain = |v: &[f64]| {
        let mean = v.iter().sum::<f64>() / k as f64;
        let ss = v.iter().map(|x| (x - mean) * (x - mean)).sum::<f64>();
        (mean, (k > 1).then(|| (ss / (k - 1) as f64).sqrt()))
    };
    if k == 0 {
        return (None, None);
    }
    let (mean, sd) = plain(v);
    if mean.is_finite() && sd.is_none_or(f64::is_finite) {
        return (Some(mean), sd);
    }
    // Answers near f64::MAX overflow the sums: compute on values scaled by the largest.
    let m = v.iter().fold(0.0f64, |a, x| a.max(x.abs()));
    let scaled: Vec<f64> = v.iter().map(|x| x / m).collect();
    let (mean, sd) = plain(&scaled);
    let finite = |x: f64| Some(x * m).filter(|y| y.is_finite());
    (finite(mean), sd.and_then(finite))
}

fn numeric_summary(q: &Question, sorted: &[f64], n: u64) -> NumericSummary {
    let k = sorted.len();
    let (mean, sd) = moments(sorted);
    let median = (k > 0).then(|| {
        if k % 2 == 1 {
            sorted[k / 2]
        } else {
            let (a, b) = (sorted[k / 2 - 1], sorted[k / 2]);
            let m = (a + b) / 2.0;
            if m.is_finite() {
                m
            } else {
                a / 2.0 + b / 2.0
            }
        }
    });
    NumericSummary {
        question: q.id().to_string(),
        text: q.text().to_string(),
        n: k as u64,
        not_answered: n - k as u64,
        mean,
        sd,
        min: sorted.first().copied(),
        median,
        max: sorted.last().copied(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numeric_summary_hand_computed() {
        let q: crate::codebook::Question =
            toml::from_str("id = \"staff\"\ntype = \"numeric\"\ntext = \"Staff?\"\n").unwrap();
        let s = numeric_summary(&q, &[1.0, 2.0, 3.0, 10.0], 6);
        assert_eq!(s.n, 4);
        assert_eq!(s.not_answered, 2);
        assert_eq!(s.mean, Some(4.0));
        assert_eq!(s.median, Some(2.5));
        // sd = √((9 + 4 + 1 + 36) / 3) = √(50/3)
        assert!((s.sd.unwrap() - (50.0f64 / 3.0).sqrt()).abs() < 1e-12);
    }

    #[test]
    fn answers_near_the_largest_double_do_not_overflow() {
        let q: crate::codebook::Question =
            toml::from_str("id = \"x\"\ntype = \"numeric\"\ntext = \"X\"\n").unwrap();
        let s = numeric_summary(&q, &[1e308, 1e308], 2);
        assert_eq!(
            (s.mean, s.median, s.sd),
            (Some(1e308), Some(1e308), Some(0.0))
        );
        let s = numeric_summary(&q, &[-1e308, 1e308], 2);
        assert_eq!(s.mean, Some(0.0));
        assert!((s.sd.unwrap() / 1e308 - 2f64.sqrt()).abs() < 1e-15);
        // sd = √2 · 1.7e308 is not representable: withheld, not "inf".
        assert_eq!(numeric_summary(&q, &[-1.7e308, 1.7e308], 2).sd, None);
    }
}
