//! The summary of a numeric question.

use serde::Serialize;

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
