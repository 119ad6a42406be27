//! `[analysis]`: the interval method and the breakdowns.

pub use crate::figures::IntervalMethod;
use serde::Deserialize;
use toml::Spanned;

impl IntervalMethod {
    pub fn describe(self) -> &'static str {
        match self {
            IntervalMethod::Wilson => "Wilson score",
            IntervalMethod::ClopperPearson => "Clopper–Pearson",
            IntervalMethod::Logit => "logit (t, n − 1 df)",
        }
    }
}

/// How estimates are made and broken down.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Analysis {
    /// wilson (default) | clopper-pearson | logit.
    #[serde(default)]
    pub interval: IntervalMethod,
    /// Breakdown variables: `region`, `subregion`, `country` (from the country question) or the
    /// id of a single-choice question; or `{ by = "...", questions = [...] }` for its own list.
    #[serde(default)]
    pub breakdowns: Vec<Spanned<BreakdownSpec>>,
    /// Questions to break down (default: every single and multi question not used as a breakdown).
    #[serde(default)]
    pub breakdown_questions: Option<Vec<Spanned<String>>>,
    /// Maps of one option's share by country: `[{ question = "cards", option = "yes" }]`
    /// (countries under the suppression threshold are withheld).
    #[serde(default)]
    pub maps: Vec<Spanned<MapSpec>>,
}

/// A map of the share of respondents who chose `option` of `question`, by country.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MapSpec {
    pub question: String,
    pub option: String,
}

/// A breakdown: a variable name, or a variable with its own question list.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum BreakdownSpec {
    By(String),
    Detailed { by: String, questions: Vec<String> },
}

impl BreakdownSpec {
    pub fn by(&self) -> &str {
        match self {
            BreakdownSpec::By(b) => b,
            BreakdownSpec::Detailed { by, .. } => by,
        }
    }
    /// Its own question list, if it has one.
    pub fn questions(&self) -> Option<&[String]> {
        match self {
            BreakdownSpec::By(_) => None,
            BreakdownSpec::Detailed { questions, .. } => Some(questions),
        }
    }
}

/// Derived breakdown variables (besides single-choice questions).
pub const DERIVED_VARIABLES: &[&str] = &["region", "subregion", "country"];
