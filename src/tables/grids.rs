//! The tables of rating grids and rankings.

use super::*;
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

/// One item (row) of a grid.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct GridItemRow {
    pub code: String,
    pub label: String,
    pub short: String,
    /// Respondents who rated the item on the scale (not-applicable answers left out).
    pub base: u64,
    /// Per scale point (the table's `scale` order): respondents who chose it.
    pub counts: Vec<u64>,
    /// Per scale point: its share of the base; None for a not-applicable point or an empty base.
    pub shares: Vec<Option<Estimate>>,
    pub not_applicable: u64,
    pub not_answered: u64,
    /// The two highest / lowest scored points (scales of four or more points).
    pub top2: Option<Estimate>,
    pub bottom2: Option<Estimate>,
    /// Share above the midpoint minus share below it (sorts the chart).
    pub net: Option<f64>,
    pub mean: Option<MeanEstimate>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct GridTable {
    pub question: String,
    pub text: String,
    pub short: String,
    pub scale: Vec<ScalePoint>,
    /// The labels the top-2 and bottom-2 boxes join ("Agree + Strongly agree").
    pub top2_label: Option<String>,
    pub bottom2_label: Option<String>,
    /// Respondents who answered at least one item.
    pub answered: u64,
    pub not_answered: u64,
    pub note: Option<String>,
    /// The chart shows the neutral point apart from the diverging bars.
    pub neutral_apart: bool,
    /// The scale's order is not confirmed (a `check` line): boxes, net and mean scores and the
    /// chart are withheld.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub order_unconfirmed: bool,
    pub items: Vec<GridItemRow>,
}

/// One item of a ranking.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct RankingItemRow {
    pub code: String,
    pub label: String,
    pub short: String,
    /// Respondents who gave the item a rank.
    pub ranked: u64,
    /// Mean rank among them (1 = first), with its 95% t interval.
    pub mean_rank: Option<MeanEstimate>,
    /// Share of the question's respondents who ranked the item first.
    pub first: Option<Estimate>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct RankingTable {
    pub question: String,
    pub text: String,
    pub short: String,
    /// Respondents who ranked at least one item (the base of "ranked first").
    pub answered: u64,
    pub not_answered: u64,
    pub note: Option<String>,
    /// In codebook order.
    pub items: Vec<RankingItemRow>,
}
