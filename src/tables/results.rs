//! One wave's results: every figure `run` publishes, with its provenance.

use super::*;
use serde::Serialize;

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct HeadlineStat {
    pub id: String,
    pub question: String,
    pub options: Vec<String>,
    pub template: String,
    /// None when the base is empty or suppressed.
    pub estimate: Option<Estimate>,
    /// Withheld because the base is under the suppression threshold.
    pub suppressed: bool,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct SurveyInfo {
    pub id: String,
    pub title: String,
    pub wave: String,
    pub description: String,
    pub unit: String,
    pub suppression_threshold: u64,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct SectionRef {
    pub title: String,
    pub intro: Option<String>,
    pub questions: Vec<String>,
}

/// A decision the codebook has not confirmed (a `check` line): what it withholds.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Review {
    pub question: String,
    /// The codebook line of the `check` entry.
    pub line: usize,
    pub check: String,
    pub withheld: String,
}

impl Review {
    /// One line for the terminal and the report's list.
    pub fn message(&self) -> String {
        format!(
            "question {:?} (codebook line {}): {}; withheld until the line is removed: {}",
            self.question, self.line, self.check, self.withheld
        )
    }
}

/// Everything a renderer needs.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Results {
    pub survey: SurveyInfo,
    pub respondents: u64,
    pub countries: Option<usize>,
    pub questions: Vec<QuestionStats>,
    pub sections: Vec<SectionRef>,
    pub headlines: Vec<HeadlineStat>,
    pub accounting: RowAccounting,
    pub excluded_rows: Vec<ExcludedRow>,
    pub warnings: Vec<String>,
    /// Export columns holding answers that no question reads (each also a report warning).
    pub unaccounted_columns: Vec<Unaccounted>,
    pub provenance: Provenance,
    pub interval: IntervalMethod,
    pub weighting: Option<WeightingInfo>,
    pub breakdowns: Vec<BreakdownTable>,
    /// Maps of an option's share by country (`[analysis] maps`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub maps: Vec<ShareMap>,
    /// Decisions not confirmed in the codebook, and what each withholds (listed first in the
    /// report, in results.json and on stderr).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub needs_review: Vec<Review>,
}
