//! What `verify` found: each numeric claim of a draft, the figure it was matched to, and the
//! verdict.

use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    /// The figure rounds to the stated value (or meets the stated quantifier).
    Ok,
    /// The data says otherwise (the correct figure is given).
    Wrong,
    /// Several figures fit the sentence equally well.
    Ambiguous,
    /// No figure of the data fits the sentence.
    Unmatched,
}

/// A figure of the data a claim may state.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Figure {
    /// "services / internet", "respondents", "countries".
    pub what: String,
    /// The label a reader knows it by.
    pub label: String,
    /// A percentage (0–100), or a count.
    pub value: f64,
    pub is_percent: bool,
    /// The base of a percentage.
    pub base: Option<u64>,
    pub count: Option<u64>,
    pub ci: Option<(f64, f64)>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClaimCheck {
    /// 1-based line of the draft.
    pub line: usize,
    /// The claim as written ("93.2%", "over half", "353 libraries").
    pub claim: String,
    pub verdict: Verdict,
    /// The figure it was matched to (the best when ambiguous).
    pub figure: Option<Figure>,
    /// Other figures that fit as well (ambiguous).
    pub alternatives: Vec<Figure>,
    /// What the data says, in words.
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Verification {
    pub draft: String,
    pub survey: String,
    pub claims: Vec<ClaimCheck>,
    /// Sentences too crowded with figures to check, each with its line (said, never silent).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub not_checked: Vec<String>,
}

impl Verification {
    pub fn count(&self, v: Verdict) -> usize {
        self.claims.iter().filter(|c| c.verdict == v).count()
    }
}
