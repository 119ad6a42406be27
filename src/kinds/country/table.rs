//! The table of a country question: countries with enough respondents, the rest pooled.

use crate::figures::*;
use serde::Serialize;

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
