//! The kinds and rules a stat table carries: question type, base rule, interval method.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum QuestionType {
    Single,
    Multi,
    Text,
    Country,
    Numeric,
    /// A rating grid (Likert / matrix): items rated on one ordered scale.
    Grid,
    /// A ranking: each item given a rank, 1 = first.
    Ranking,
}

/// Who a percentage is a share of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Base {
    /// Respondents who answered the question (a multi-select: ticked at least one option; an
    /// exclusive "none" counts as an answer).
    #[default]
    Answered,
    /// Every analysed respondent, answered or not.
    All,
    /// Multi-select: respondents shown the question, including those who ticked nothing, where
    /// the export records it (Qualtrics -99, KoboToolbox 0, REDCap 0 in an opened form);
    /// otherwise the same as `answered`, with a note in the report.
    Shown,
}

/// Interval method, chosen in the codebook (`[analysis] interval`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum IntervalMethod {
    /// Wilson score on n (unweighted) or Kish's effective n (weighted). The default.
    #[default]
    Wilson,
    /// Clopper–Pearson: exact binomial when unweighted; weighted, R `svyciprop(method = "beta")`
    /// (Korn–Graubard, effective n from the linearised variance).
    ClopperPearson,
    /// R `svyciprop`'s default: a t interval (n − 1 df) on the logit scale, back-transformed.
    Logit,
}
