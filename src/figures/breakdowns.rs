//! Breakdowns of a question by a variable, and their tests and changes.

use super::*;
use serde::Serialize;

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Group {
    /// The variable's value ("" for respondents without one).
    pub key: String,
    pub label: String,
    /// Unweighted respondents of this group in the question's base; None when withheld.
    pub base: Option<u64>,
    /// Why the group is withheld: "small" (base under the threshold) or "complementary".
    pub suppressed: Option<&'static str>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct BreakdownRow {
    pub code: String,
    pub label: String,
    pub short: String,
    /// One per group; None when the group is withheld or its base is empty.
    pub cells: Vec<Option<Estimate>>,
    /// Multi-select: this option (ticked / not) by group.
    pub test: Option<Association>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct BreakdownTable {
    pub question: String,
    pub text: String,
    pub short: String,
    pub kind: QuestionType,
    pub by: String,
    pub by_label: String,
    pub threshold: u64,
    pub groups: Vec<Group>,
    pub rows: Vec<BreakdownRow>,
    /// Single choice: the whole groups × answers table.
    pub test: Option<Association>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Association {
    /// "pearson" or "rao-scott".
    pub method: &'static str,
    /// Pearson's X² (on the weighted table scaled to n, when weighted).
    pub chisq: f64,
    pub df: f64,
    /// p-value: Pearson's, or the Rao–Scott F test's when weighted.
    pub p_value: f64,
    /// Rao–Scott second-order F statistic and its degrees of freedom (weighted only).
    pub f: Option<f64>,
    pub ndf: Option<f64>,
    pub ddf: Option<f64>,
    /// Rao–Scott first-order p-value (X²/mean δ on df) (weighted only).
    pub p_first_order: Option<f64>,
}

/// A change from one wave to the next: `to − from`, as fractions.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Change {
    pub diff: f64,
    pub ci_low: f64,
    pub ci_high: f64,
    /// Two-sided p-value of "no change"; None when it cannot be computed (no variance).
    pub p_value: Option<f64>,
    /// Holm-adjusted p across the options of the question (filled in by the caller).
    pub p_holm: Option<f64>,
    /// The 95% interval excludes 0.
    pub clear: bool,
}

/// One option's share by country, for a map: the breakdown of its question by country, and each
/// group's ISO 3166-1 numeric code (keys the map's shapes; 0 when unknown).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ShareMap {
    pub question: String,
    pub option: String,
    /// The option's short label.
    pub label: String,
    pub table: BreakdownTable,
    #[serde(skip)]
    pub numeric: Vec<u16>,
}
