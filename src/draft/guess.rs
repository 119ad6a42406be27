//! What a one-column guesser ([`super::infer`]) returns, and the answer counts it reads.

use super::Answers;

pub(super) type Cells<'r> = Answers<'r>;

impl Answers<'_> {
    pub(super) fn n(&self) -> usize {
        self.n
    }
    /// Recurs often enough to be a choice rather than free text.
    pub(super) fn frequent(&self, k: usize) -> bool {
        k >= 2 && k * 50 >= self.n()
    }
}

/// A guess: kind, options, other label, why, whether the options are the platform's codes, and
/// the separator of labels joined in one cell when it is not ", ".
pub(super) struct Guess(
    pub &'static str,
    pub Vec<String>,
    pub Option<String>,
    pub String,
    pub bool,
    pub Option<&'static str>,
);
