//! Single and multi choice: one estimate per option over the question's base.

use super::{ChoiceTable, OptionRow};
use crate::codebook::{Question, QuestionType};
use crate::error::Result;
use crate::estimate::interval::IntervalMethod;
use crate::estimate::interval::PropSummary;
use crate::estimate::masks::{count, estimate, Masks};
use crate::figures::Estimate;
use crate::names;

/// Who chose option `k` (its place) as the respondents ticked it, before back-coding: None
/// when back-coding does not touch it.
fn as_ticked(q: &Question, masks: &Masks, k: usize) -> Result<Option<Vec<bool>>> {
    if q.codes.is_empty() || q.other.is_none() {
        return Ok(None);
    }
    let Some(o) = q.all_options().nth(k) else {
        return Ok(None);
    };
    let now = crate::kinds::chose(masks, q, &[o.code().to_string()])?;
    let id = q.id();
    if k == q.options.len() {
        let moved = masks.bools(&names::flag(id, names::BACKCODED))?;
        return Ok(Some(
            now.iter()
                .zip(moved.iter())
                .map(|(&c, &m)| c || m)
                .collect(),
        ));
    }
    if !q.codes.iter().any(|c| c.code() == o.code()) {
        return Ok(None);
    }
    let added = masks.bools(&names::backcoded(id, o.code()))?;
    Ok(Some(
        now.iter()
            .zip(added.iter())
            .map(|(&c, &a)| c && !a)
            .collect(),
    ))
}

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
            let as_ticked = as_ticked(q, masks, k)?
                .and_then(|c| crate::estimate::masks::estimate(method, &c, &base, w));
            Ok(OptionRow {
                code: o.code().to_string(),
                label: o.label().to_string(),
                short: o.short_label().to_string(),
                exclusive: o.exclusive,
                estimate,
                synonyms: o.synonyms.clone(),
                as_ticked,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    let sizes = (count(&base), n_answered, n);
    Ok(ChoiceTable::of(q, sizes, q.note.clone(), rows))
}
