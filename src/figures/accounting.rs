//! Where every row and column went, and how the run was weighted.

use serde::Serialize;

/// Every input row accounted for.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct RowAccounting {
    pub rows_read: usize,
    pub analysed: usize,
    pub excluded: Vec<Exclusion>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Exclusion {
    pub reason: String,
    pub rows: usize,
}

/// One excluded row (the respondent id is the platform's, not personal data).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ExcludedRow {
    pub row: usize,
    pub respondent_id: String,
    pub reason: String,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct UnmatchedCountry {
    pub raw: String,
    pub rows: usize,
}

/// An export column with answers that nothing in the codebook reads.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Unaccounted {
    /// Spreadsheet letter of the column.
    pub column: String,
    pub heading: String,
    /// Cells holding an answer, over all rows of the export.
    pub non_empty: usize,
    /// The column with the same heading that a question reads instead, when there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub same_heading_as: Option<String>,
    /// How the codebook can name this column (`header = …`), when its heading is repeated.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub header: Option<String>,
}

/// What the report says about the weights.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct WeightingInfo {
    /// e.g. "raked to library_type, region (column Weight as base weights)".
    pub description: String,
    pub iterations: Option<usize>,
    pub max_gap: Option<f64>,
    pub trimmed: Option<usize>,
    pub n: usize,
    pub sum: f64,
    pub min: f64,
    pub max: f64,
    /// Kish effective sample size and design effect of the weights.
    pub n_eff: f64,
    pub deff: f64,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct RakeReport {
    pub iterations: usize,
    /// Largest relative gap between an achieved margin total and its target at the end.
    pub max_gap: f64,
    pub trimmed: usize,
}
