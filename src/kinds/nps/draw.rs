//! A Net Promoter Score question's synthetic answers: the targets' `values`, each a count of
//! respondents and the cells they typed ("10", "9 - Very likely"), summing to the base.

use crate::draw::asked::Asked;
use crate::draw::rng::Rng;
use crate::draw::Answer;
use crate::error::Result;

pub(super) fn answers(a: &Asked, rng: &mut Rng) -> Result<Vec<Option<Answer>>> {
    let (id, t, base) = (a.q.id(), a.t, a.base);
    let total: usize = a.qt.values.iter().map(|v| v.count).sum();
    if total != base {
        return Err(t.err(format!(
            "question {id:?}: score counts sum to {total}, not the base {base}"
        )));
    }
    let mut col = a.blank();
    let mut order = a.pool.clone();
    rng.shuffle(&mut order);
    let mut it = order.into_iter();
    for v in &a.qt.values {
        let bad = v.spellings.iter().find(|s| super::tidy::score(s).is_none());
        if let Some(s) = bad.or(v.spellings.is_empty().then_some(&String::new())) {
            return Err(t.err(format!(
                "question {id:?}: {s:?} is not a score from 0 to 10"
            )));
        }
        for r in it.by_ref().take(v.count) {
            col[r] = Some(Answer::Text(rng.pick(&v.spellings).clone()));
        }
    }
    Ok(col)
}
