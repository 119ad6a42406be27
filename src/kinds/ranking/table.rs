//! The table of a ranking: per item, its mean rank and the share that ranked it first.

use crate::figures::*;
use serde::Serialize;

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
