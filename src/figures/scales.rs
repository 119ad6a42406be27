//! Scale points and their sides, and a mean with its interval: what grids, rankings and the codebook share.

use serde::Serialize;

/// Where a scale point sits: below the midpoint, at it, above it, or off the scale
/// ("Don't know": counted, outside the base).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ScaleSide {
    Negative,
    Neutral,
    Positive,
    NotApplicable,
}

/// One option of a grid's scale, lowest first.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ScalePoint {
    pub code: String,
    pub label: String,
    pub short: String,
    /// None for a not-applicable point.
    pub score: Option<f64>,
    pub side: ScaleSide,
}

/// A mean with its 95% t interval (n − 1 df); weighted, the linearised (design) standard
/// error of R `svymean` on `svydesign(ids = ~1, weights = ~w)` over the base.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct MeanEstimate {
    pub n: u64,
    pub mean: f64,
    /// None for a base of one.
    pub se: Option<f64>,
    pub ci_low: Option<f64>,
    pub ci_high: Option<f64>,
}
