//! Single and multi choice: one estimate per option over the question's base.

use super::{ChoiceTable, OptionRow};
use crate::codebook::{Question, QuestionType};
use crate::error::Result;
use crate::estimate::interval::IntervalMethod;
use crate::estimate::interval::PropSummary;
use crate::estimate::masks::{count, estimate, Masks};
use crate::figures::Estimate;

/// The table of a choice question; `w` are the weights of a weighted run.
pub(crate) fn table(
    q: &Question,
    masks: &Masks,
    method: IntervalMethod,
    w: Option<&[f64]>,
) -> Result<ChoiceTable> {
    let n = masks.height();
    let n_answered = count(&crate::kinds::answered(masks, q)?);
    let base = crate::kinds::base(masks, q)?;
    // Unweighted, a single choice's Wilson or exact interval needs only each option's count:
    // one pass over the rows instead of one per option (the same figures, to the bit).
    let counts = match (q.kind, w, method) {
        (QuestionType::Single, None, IntervalMethod::Wilson | IntervalMethod::ClopperPearson) => {
            Some(masks.single_counts(q, &base)?)
        }
        _ => None,
    };
    let n_base = count(&base);
    let rows = q
        .all_options()
        .enumerate()
        .map(|(k, o)| {
            let estimate = match &counts {
                Some(c) => Estimate::from_summary(method, &PropSummary::unweighted(c[k], n_base)),
                None => {
                    let chose = crate::kinds::chose(masks, q, &[o.code().to_string()])?;
                    estimate(method, &chose, &base, w)
                }
            };
            Ok(OptionRow {
                code: o.code().to_string(),
                label: o.label().to_string(),
                short: o.short_label().to_string(),
                exclusive: o.exclusive,
                estimate,
                synonyms: o.synonyms.clone(),
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
