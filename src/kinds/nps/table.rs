//! The table of a Net Promoter Score question: the three groups' shares and the score.

use crate::figures::Estimate;
use serde::Serialize;

/// The Net Promoter Score: promoters' share minus detractors', in points (−100 … +100), with
/// its 95% adjusted-Wald interval.
#[derive(Debug, Clone, Copy, Serialize, PartialEq)]
pub struct NetScore {
    pub score: f64,
    pub ci_low: f64,
    pub ci_high: f64,
    /// Respondents who gave a score (unweighted).
    pub base: u64,
    /// Weighted only: Kish's effective n of the base.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub n_eff: Option<f64>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct NpsTable {
    pub question: String,
    pub text: String,
    pub short: String,
    /// Respondents who gave a score from 0 to 10.
    pub answered: u64,
    pub not_answered: u64,
    /// How many gave each score, 0 to 10 (unweighted).
    pub scores: Vec<u64>,
    /// Scores 9–10, 7–8 and 0–6, each a share of those who answered.
    pub promoters: Option<Estimate>,
    pub passives: Option<Estimate>,
    pub detractors: Option<Estimate>,
    pub nps: Option<NetScore>,
    pub note: Option<String>,
}
