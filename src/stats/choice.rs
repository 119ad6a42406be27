//! Single and multi choice: one estimate per option over the question's base.

use super::interval::IntervalMethod;
use super::masks::{count, estimate, Masks};
use super::Estimate;
use crate::codebook::{Base, Question, QuestionType};
use crate::error::Result;
use serde::Serialize;

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct OptionRow {
    pub code: String,
    pub label: String,
    pub short: String,
    pub exclusive: bool,
    /// None when the base is 0.
    pub estimate: Option<Estimate>,
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

/// The table of a choice question; `w` are the weights of a weighted run.
pub(super) fn table(
    q: &Question,
    masks: &Masks,
    method: IntervalMethod,
    w: Option<&[f64]>,
) -> Result<ChoiceTable> {
    let n = masks.height();
    let n_answered = count(&masks.answered(q)?);
    let base = masks.base(q)?;
    let rows = q
        .all_options()
        .map(|o| {
            let chose = masks.chose(q, &[o.code().to_string()])?;
            Ok(OptionRow {
                code: o.code().to_string(),
                label: o.label().to_string(),
                short: o.short_label().to_string(),
                exclusive: o.exclusive,
                estimate: estimate(method, &chose, &base, w),
            })
        })
        .collect::<Result<Vec<_>>>()?;
    Ok(ChoiceTable {
        question: q.id().to_string(),
        text: q.text().to_string(),
        short: q.short_label().to_string(),
        kind: q.kind,
        base_rule: q.base,
        base: count(&base),
        answered: n_answered,
        not_answered: n - n_answered,
        note: q.note.clone(),
        rows,
    })
}
