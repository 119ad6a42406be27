//! The table of a rating grid: per item, each scale point's share, the boxes, net and mean.

use crate::figures::*;
use serde::Serialize;

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
