//! The statistical machinery every kind's table is computed with: intervals, weights, means,
//! tests of association, changes between waves, respondent masks and breakdowns. Below the
//! question kinds ([`crate::kinds`]), which call it; it knows no kind's table.

pub mod breakdown;
pub mod breakdown_grid;
pub mod change;
pub mod chisq;
pub mod interval;
pub mod masks;
pub mod mean;
pub mod weights;

use crate::error::Result;
use crate::figures::Estimate;
use crate::frame::Tidy;
use crate::names;
use interval::{wilson, IntervalMethod, PropSummary};

impl Estimate {
    /// Unweighted, Wilson interval.
    pub fn new(count: u64, base: u64) -> Option<Estimate> {
        let iv = wilson(count, base)?;
        Some(Estimate {
            count,
            base,
            proportion: count as f64 / base as f64,
            ci_low: iv.low,
            ci_high: iv.high,
            weighted_base: None,
            n_eff: None,
        })
    }

    /// From a (possibly weighted) summary with the chosen interval method.
    pub fn from_summary(method: IntervalMethod, s: &PropSummary) -> Option<Estimate> {
        let iv = interval::interval(method, s)?;
        // Unweighted, the proportion is count/base by construction, not a ratio of sums.
        let proportion = if s.weighted {
            s.p()
        } else {
            s.x as f64 / s.n as f64
        };
        debug_assert!(s.weighted || proportion == s.p(), "{s:?}");
        Some(Estimate {
            count: s.x,
            base: s.n,
            proportion,
            ci_low: iv.low,
            ci_high: iv.high,
            weighted_base: s.weighted.then_some(s.sum_w),
            n_eff: s.weighted.then(|| s.n_eff()),
        })
    }
    pub fn percent(&self) -> f64 {
        self.proportion * 100.0
    }
}

/// The weights of a weighted run: read only when the weighting section exists, so a column
/// can never weight a run that does not say so.
pub fn run_weights(tidy: &Tidy, weighted: bool) -> Result<Option<Vec<f64>>> {
    if !weighted {
        return Ok(None);
    }
    let c = tidy.frame.column(names::WEIGHT)?;
    Ok(Some(c.f64()?.iter().map(|v| v.unwrap_or(0.0)).collect()))
}
