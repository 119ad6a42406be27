//! The table of a single or multiple choice: one row per option.

use crate::figures::*;
use serde::Serialize;

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct OptionRow {
    pub code: String,
    pub label: String,
    pub short: String,
    pub exclusive: bool,
    /// None when the base is 0.
    pub estimate: Option<Estimate>,
    /// The codebook's other words for it (what `verify` matches a draft's sentences by).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub synonyms: Vec<String>,
    /// A back-coded question's option that back-coding changed (a target of its codes, and
    /// "other"): its figure as the respondents ticked it, before back-coding.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub as_ticked: Option<Estimate>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ChoiceTable {
    pub question: String,
    pub text: String,
    pub short: String,
    pub kind: QuestionType,
    pub base_rule: Base,
    pub base: u64,
    pub answered: u64,
    pub not_answered: u64,
    pub note: Option<String>,
    pub rows: Vec<OptionRow>,
    /// A coded question with human codes: how well its answers are coded.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub coding: Option<crate::kinds::coded::quality::CodingQuality>,
    /// A coded question whose codebook opts in: answers quoted per code, personal data masked.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub quotes: Vec<Quote>,
}

impl ChoiceTable {
    /// The table of `q` with `rows` over a base of `base` (of whom `answered` answered, of
    /// `height` analysed), without coding figures or quotes.
    pub(crate) fn of(
        q: &crate::codebook::Question,
        (base, answered, height): (u64, u64, u64),
        note: Option<String>,
        rows: Vec<OptionRow>,
    ) -> ChoiceTable {
        ChoiceTable {
            question: q.id().to_string(),
            text: q.text().to_string(),
            short: q.short_label().to_string(),
            kind: q.kind,
            base_rule: q.base,
            base,
            answered,
            not_answered: height - answered,
            note,
            rows,
            coding: None,
            quotes: Vec::new(),
        }
    }
}

/// An answer quoted under its code.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Quote {
    pub code: String,
    pub label: String,
    pub text: String,
}
