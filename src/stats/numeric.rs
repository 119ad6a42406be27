//! Numeric questions: n, mean, SD, min, median, max.

use crate::codebook::Question;
use crate::error::Result;
use polars::prelude::*;
use serde::Serialize;

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct NumericSummary {
    pub question: String,
    pub text: String,
    pub n: u64,
    pub not_answered: u64,
    pub mean: Option<f64>,
    pub sd: Option<f64>,
    pub min: Option<f64>,
    pub median: Option<f64>,
    pub max: Option<f64>,
}

/// The summary of a numeric question over the `n` analysed respondents.
pub(super) fn table(q: &Question, frame: &DataFrame) -> Result<NumericSummary> {
    let mut v: Vec<f64> = frame.column(q.id())?.f64()?.iter().flatten().collect();
    v.sort_by(f64::total_cmp);
    Ok(numeric_summary(q, &v, frame.height() as u64))
}

fn numeric_summary(q: &Question, sorted: &[f64], n: u64) -> NumericSummary {
    let k = sorted.len();
    let mean = (k > 0).then(|| sorted.iter().sum::<f64>() / k as f64);
    let sd = (k > 1).then(|| {
        let m = mean.unwrap_or(0.0);
        (sorted.iter().map(|x| (x - m) * (x - m)).sum::<f64>() / (k - 1) as f64).sqrt()
    });
    let median = (k > 0).then(|| {
        if k % 2 == 1 {
            sorted[k / 2]
        } else {
            (sorted[k / 2 - 1] + sorted[k / 2]) / 2.0
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
}
