//! The targets file `synth` reads: how many respondents, the fielding period and collectors,
//! and per question the counts or published percentages its answers must hit.

use crate::error::{Error, Result};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Targets {
    pub seed: u64,
    /// Respondents who answered at least one question.
    pub respondents: usize,
    /// Extra rows with metadata only (opened the survey, answered nothing).
    #[serde(default)]
    pub empty_rows: usize,
    /// Fielding period, `YYYY-MM-DD`.
    pub fielded_from: String,
    pub fielded_to: String,
    pub first_respondent_id: u64,
    pub collectors: Vec<Collector>,
    #[serde(default)]
    pub first_names: Vec<String>,
    #[serde(default)]
    pub last_names: Vec<String>,
    pub questions: BTreeMap<String, QuestionTargets>,
    #[serde(skip)]
    pub path: PathBuf,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Collector {
    pub id: u64,
    /// Share of respondents coming through this collector (the last takes the rest).
    pub share: f64,
    /// E-mail invitation collectors fill the e-mail and name columns.
    #[serde(default)]
    pub contacts: bool,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuestionTargets {
    /// Respondents who answer (default: all eligible).
    #[serde(default)]
    pub base: Option<usize>,
    /// Only respondents who answered this (earlier) question are asked.
    #[serde(default)]
    pub among: Option<String>,
    /// Exact counts per option code.
    #[serde(default)]
    pub counts: BTreeMap<String, usize>,
    /// Published percentages of the base per option code; the count is the one that rounds back
    /// to the percentage at its written precision.
    #[serde(default)]
    pub percent: BTreeMap<String, f64>,
    /// Single choice: the option that takes the rest of the base.
    #[serde(default)]
    pub rest: Option<String>,
    /// Texts typed into "other (please specify)".
    #[serde(default)]
    pub other_texts: Vec<String>,
    /// Country question: counts with the spellings respondents typed.
    #[serde(default)]
    pub values: Vec<CountryTarget>,
    /// Text question: answers drawn from this pool.
    #[serde(default)]
    pub texts: Vec<String>,
    /// Text question: generated values ("email").
    #[serde(default)]
    pub generate: Option<String>,
    /// Grid: per item code, exact counts per scale point code (the rest leave the item blank).
    #[serde(default)]
    pub items: BTreeMap<String, BTreeMap<String, usize>>,
    /// Ranking: per item code, how many respondents rank it first (summing to the base).
    #[serde(default)]
    pub first: BTreeMap<String, usize>,
    /// Draw this question from a generator of its own with this seed, not the shared one: a
    /// question added to a wave later leaves every other question's answers (and the rows'
    /// metadata) as they were.
    #[serde(default)]
    pub seed: Option<u64>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CountryTarget {
    pub count: usize,
    pub spellings: Vec<String>,
}

/// The most rows synth writes (respondents and empty rows): ten million, about 5 GB of export.
pub const MAX_ROWS: usize = 10_000_000;

impl Targets {
    pub fn load(path: &Path) -> Result<Targets> {
        crate::files::regular_file(path)?;
        let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
        Targets::parse(&text, path)
    }

    pub fn parse(text: &str, path: &Path) -> Result<Targets> {
        let mut t: Targets = crate::codebook::parse_toml(text, path)?;
        t.path = path.to_path_buf();
        t.check()?;
        Ok(t)
    }

    /// Err for targets no export can be made from: more rows than a file of ours holds, ids
    /// that would wrap past the largest number, collector shares that are not shares.
    fn check(&self) -> Result<()> {
        let rows = self.respondents.saturating_add(self.empty_rows);
        if rows > MAX_ROWS {
            return Err(self.err(format!(
                "respondents + empty_rows = {rows}: synth writes at most {MAX_ROWS} rows"
            )));
        }
        if self.first_respondent_id.checked_add(rows as u64).is_none() {
            return Err(self.err(format!(
                "first_respondent_id {} leaves no room for {rows} ids below {}",
                self.first_respondent_id,
                u64::MAX
            )));
        }
        for c in &self.collectors {
            if !(c.share.is_finite() && (0.0..=1.0).contains(&c.share)) {
                return Err(self.err(format!(
                    "collector {}: share must be a number from 0 to 1, not {}",
                    c.id, c.share
                )));
            }
        }
        Ok(())
    }

    pub(crate) fn err(&self, message: impl Into<String>) -> Error {
        Error::Targets {
            path: self.path.clone(),
            message: message.into(),
        }
    }
}

impl QuestionTargets {
    /// A question the targets do not name: nobody answers it.
    pub(crate) fn unasked() -> QuestionTargets {
        QuestionTargets {
            base: Some(0),
            ..QuestionTargets::default()
        }
    }
}

/// Decimal places a published percentage was written with (75 → 0, 93.2 → 1).
fn decimals(p: f64) -> usize {
    (0..=4)
        .find(|&d| {
            let f = 10f64.powi(d as i32);
            ((p * f).round() / f - p).abs() < 1e-9
        })
        .unwrap_or(4)
}

/// The count out of `base` whose percentage prints as `p` at `p`'s precision.
pub fn count_for_percent(p: f64, base: usize) -> Option<usize> {
    let d = decimals(p);
    let want = format!("{p:.d$}");
    let guess = (p / 100.0 * base as f64).round() as i64;
    [guess, guess - 1, guess + 1]
        .into_iter()
        .filter(|&k| k >= 0 && k as usize <= base)
        .map(|k| k as usize)
        .find(|&k| format!("{:.d$}", 100.0 * k as f64 / base as f64) == want)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn published_percentages_resolve_to_counts() {
        assert_eq!(count_for_percent(93.2, 237), Some(221));
        assert_eq!(count_for_percent(53.2, 237), Some(126));
        assert_eq!(count_for_percent(75.0, 353), Some(265));
        assert_eq!(count_for_percent(38.6, 350), Some(135));
        // 50.1% of 3 is impossible.
        assert_eq!(count_for_percent(50.1, 3), None);
    }
}
