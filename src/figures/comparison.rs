//! A comparison of waves: every harmonised figure and each change.

use super::*;
use serde::Serialize;

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct WaveInfo {
    pub id: String,
    pub title: String,
    pub respondents: u64,
    pub countries: Option<usize>,
    /// The wave's weighting, described; None when unweighted.
    pub weighting: Option<String>,
    pub provenance: Provenance,
}

/// One wave's figure for one option: None when the option was not offered in that wave.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct WaveFigure {
    pub wave: String,
    pub label: Option<String>,
    pub estimate: Option<Estimate>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct PairChange {
    pub from: String,
    pub to: String,
    /// None when either wave lacks the figure or the option is not comparable.
    pub change: Option<Change>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct OptionComparison {
    pub option: String,
    pub label: String,
    pub figures: Vec<WaveFigure>,
    pub changes: Vec<PairChange>,
    /// Declared not comparable in the series file, with the reason.
    pub not_comparable: Option<String>,
}

/// What a net score (a Net Promoter Score) is computed from in one wave: the shares of the
/// plus and minus groups and the (effective) n of those who answered.
#[derive(Debug, Clone, Copy, Serialize, PartialEq)]
pub struct NetSample {
    pub plus: f64,
    pub minus: f64,
    pub n_eff: f64,
    /// Respondents who answered (unweighted).
    pub base: u64,
}

/// A net score in points with its 95% interval.
#[derive(Debug, Clone, Copy, Serialize, PartialEq)]
pub struct Points {
    pub value: f64,
    pub ci_low: f64,
    pub ci_high: f64,
}

/// One wave's net score: None when the wave does not ask the question or nobody answered.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct NetFigure {
    pub wave: String,
    pub base: Option<u64>,
    pub score: Option<Points>,
}

/// A net score's change between two waves, in points; `clear` when its interval excludes 0.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct NetChange {
    pub from: String,
    pub to: String,
    pub change: Option<Points>,
    pub clear: bool,
}

/// A kind's net score across the waves (a Net Promoter Score).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct NetComparison {
    pub label: String,
    pub figures: Vec<NetFigure>,
    pub changes: Vec<NetChange>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct QuestionComparison {
    pub question: String,
    pub text: String,
    pub short: String,
    /// The first asking wave's type (single or multi).
    pub kind: QuestionType,
    /// Per wave: the question's base n, None when not asked.
    pub bases: Vec<Option<u64>>,
    pub options: Vec<OptionComparison>,
    /// Per pair (in `pairs` order): how many p-values Holm's adjustment spans.
    pub comparisons: Vec<usize>,
    /// What differs between the waves (text, options, base rule, waves not asked).
    pub notes: Vec<String>,
    pub not_comparable: Option<String>,
    /// Its net score in every wave and each change, for a kind that has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub net: Option<NetComparison>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Comparison {
    pub id: String,
    pub title: String,
    pub description: String,
    pub waves: Vec<WaveInfo>,
    /// The wave pairs compared: consecutive ones, and first → last when there are three or more.
    pub pairs: Vec<(String, String)>,
    pub questions: Vec<QuestionComparison>,
    /// The first wave's single-option headlines, followed across the waves.
    pub headlines: Vec<HeadlineChange>,
    /// The first wave's breakdown questions, by region, with each wave's suppression applied.
    pub by_region: Vec<RegionChange>,
    pub region_mix: Vec<MixRow>,
    pub overlaps: Vec<Overlap>,
    pub threshold: u64,
}

/// One region: per wave, respondents and their share of the wave's respondents with a country.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct MixRow {
    pub region: String,
    pub counts: Vec<u64>,
    pub shares: Vec<Option<f64>>,
}

/// Respondents found in two waves, by their respondent id or the declared panel key.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Overlap {
    pub first: String,
    pub second: String,
    pub ids: usize,
    /// "respondent id" or "panel key".
    pub by: String,
}

/// A headline figure in every wave, and its changes.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct HeadlineChange {
    pub id: String,
    pub question: String,
    pub option: String,
    pub label: String,
    pub unit: String,
    pub figures: Vec<super::WaveFigure>,
    pub changes: Vec<super::PairChange>,
    pub not_comparable: Option<String>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct RegionChange {
    pub question: String,
    pub option: String,
    pub label: String,
    pub region: String,
    /// Per wave; None when not asked, or withheld (see `withheld`).
    pub figures: Vec<WaveFigure>,
    /// Per wave: why the region's figure is withheld ("small", "complementary").
    pub withheld: Vec<Option<&'static str>>,
    pub changes: Vec<PairChange>,
}
