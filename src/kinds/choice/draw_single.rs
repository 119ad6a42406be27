//! A single-choice question's answers: each option's exact count, `rest` taking what the others
//! leave of the base, given to the answering respondents in a seeded random order.

use crate::draw::asked::Asked;
use crate::draw::rng::Rng;
use crate::draw::Answer;
use crate::error::Result;

pub(crate) fn answers(a: &Asked, rng: &mut Rng) -> Result<Vec<Option<Answer>>> {
    let (id, t, base) = (a.q.id(), a.t, a.base);
    let mut counts = a.counts.clone();
    if let Some(rest) = &a.qt.rest {
        let k =
            a.q.all_options()
                .position(|o| o.code() == rest)
                .ok_or_else(|| {
                    t.err(format!(
                        "question {id:?}: rest names unknown option {rest:?}"
                    ))
                })?;
        let others: usize = counts
            .iter()
            .enumerate()
            .filter(|(i, _)| *i != k)
            .map(|(_, c)| c)
            .sum();
        counts[k] = base.checked_sub(others).ok_or_else(|| {
            t.err(format!(
                "question {id:?}: counts sum to {others}, more than the base {base}"
            ))
        })?;
    }
    let total: usize = counts.iter().sum();
    if total != base {
        return Err(t.err(format!(
            "question {id:?}: single-choice counts sum to {total}, not the base {base}"
        )));
    }
    let mut col = a.blank();
    let mut order = a.pool.clone();
    rng.shuffle(&mut order);
    let mut it = order.into_iter();
    for (k, &c) in counts.iter().enumerate() {
        for r in it.by_ref().take(c) {
            let text = if Some(k) == a.other_index() {
                Some(a.other_text(rng)?)
            } else {
                None
            };
            col[r] = Some(Answer::Choices {
                ticked: vec![k],
                other_text: text,
            });
        }
    }
    Ok(col)
}
