//! A proportion with its base and interval: the figure every table carries.

use serde::Serialize;

/// A proportion with its base and Wilson 95% interval.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Estimate {
    /// Unweighted count and base.
    pub count: u64,
    pub base: u64,
    /// count / base, or the weighted share when weighted; in [0, 1].
    pub proportion: f64,
    pub ci_low: f64,
    pub ci_high: f64,
    /// Weighted only: Σw over the base and Kish's effective n.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub weighted_base: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub n_eff: Option<f64>,
}
