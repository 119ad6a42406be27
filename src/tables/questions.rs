//! The table of each question type.

use super::*;
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
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct CountryRow {
    pub alpha2: String,
    /// ISO 3166-1 numeric (for the map; 0 when unknown).
    #[serde(skip)]
    pub numeric: u16,
    pub name: String,
    pub estimate: Estimate,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct CountryTable {
    pub question: String,
    pub text: String,
    pub answered: u64,
    pub not_answered: u64,
    /// Distinct recognised countries.
    pub distinct: usize,
    /// Countries with at least `threshold` respondents, most respondents first.
    pub rows: Vec<CountryRow>,
    /// Countries below the threshold, pooled into one row (names only, no counts).
    pub pooled_countries: Vec<String>,
    /// Their ISO 3166-1 numeric codes (for the map, which marks them withheld).
    #[serde(skip)]
    pub pooled_numeric: Vec<u16>,
    pub pooled: Option<Estimate>,
    pub unmatched: Vec<UnmatchedCountry>,
    /// The answers not recognised as a country, as one share of the base (so that the table's
    /// rows add up to it).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unrecognised: Option<Estimate>,
    pub threshold: u64,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct NumericSummary {
    pub question: String,
    pub text: String,
    pub n: u64,
    pub not_answered: u64,
    pub mean: Option<f64>,
    pub sd: Option<f64>,
    pub min: Option<f64>,
    pub median: Option<f64>,
    pub max: Option<f64>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct TextSummary {
    pub question: String,
    pub text: String,
    pub answered: u64,
    pub not_answered: u64,
    pub pii: bool,
    pub published: bool,
    /// Published answers (only when the codebook opts in), sorted.
    pub answers: Vec<String>,
}
