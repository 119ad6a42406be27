//! The headline statements of a series: each single-option headline of the first wave's
//! codebook, followed across the waves.

use super::{OptionComparison, QuestionComparison};
use crate::codebook::Codebook;
pub use crate::tables::HeadlineChange;

/// The first wave's headlines that name one option of a compared question.
pub fn headlines(first: &Codebook, questions: &[QuestionComparison]) -> Vec<HeadlineChange> {
    first
        .headlines
        .iter()
        .filter_map(|h| {
            let codes = h.option.get_ref().codes();
            let [code] = codes.as_slice() else {
                return None; // several options: one figure per wave is not defined here
            };
            let q = questions
                .iter()
                .find(|q| &q.question == h.question.get_ref())?;
            let o: &OptionComparison = q.options.iter().find(|o| &o.option == code)?;
            Some(HeadlineChange {
                id: h.id.clone(),
                question: q.question.clone(),
                option: code.clone(),
                // A single choice's option ("Yes") says little alone: name the question too.
                label: crate::kinds::kind(q.kind).headline_label(&q.short, &o.label),
                unit: first.survey.unit.clone(),
                figures: o.figures.clone(),
                changes: o.changes.clone(),
                not_comparable: o.not_comparable.clone().or(q.not_comparable.clone()),
            })
        })
        .collect()
}
