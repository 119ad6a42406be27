//! The summary of a free-text question: counted, published only where the codebook opts in.

use serde::Serialize;

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
