//! `compare.md`: the wave comparison ([`super::compare_report`]) in Markdown.

use crate::tables::Comparison;

/// The Markdown comparison.
pub fn comparison(c: &Comparison) -> String {
    super::markdown::write(&super::compare_report::document(c))
}
