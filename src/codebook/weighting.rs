//! `[weights]`: a weight column, or margins to post-stratify or rake to.

use serde::{Deserialize, Serialize};
use toml::Spanned;

/// Survey weights: read from an export column, or computed to population margins.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Weights {
    /// Heading of an export column holding each respondent's weight.
    #[serde(default)]
    pub column: Option<Spanned<String>>,
    /// `poststratify` (one margin) or `rake` (several); applied on top of `column` if both.
    #[serde(default)]
    pub method: Option<Spanned<WeightMethod>>,
    #[serde(default)]
    pub margins: Vec<WeightMargin>,
    /// Raking stops when every margin total is within this relative gap.
    #[serde(default = "default_tolerance")]
    pub tolerance: f64,
    #[serde(default = "default_max_iterations")]
    pub max_iterations: usize,
    /// Bounds on weight / mean weight, e.g. [0.3, 3.0].
    #[serde(default)]
    pub trim: Option<Spanned<[f64; 2]>>,
}

fn default_tolerance() -> f64 {
    1e-10
}
fn default_max_iterations() -> usize {
    1000
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum WeightMethod {
    Poststratify,
    Rake,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WeightMargin {
    /// A single-choice question id, or region / subregion / country.
    pub variable: Spanned<String>,
    /// Population totals (or shares summing to 1) by option code / region name / ISO code.
    pub targets: Spanned<std::collections::BTreeMap<String, f64>>,
}
