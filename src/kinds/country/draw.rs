//! A country question's answers: each country's count, typed in one of its given spellings.

use crate::draw::asked::Asked;
use crate::draw::rng::Rng;
use crate::draw::Answer;
use crate::error::Result;

pub(crate) fn answers(a: &Asked, rng: &mut Rng) -> Result<Vec<Option<Answer>>> {
    let (id, t, base) = (a.q.id(), a.t, a.base);
    let total: usize = a.qt.values.iter().map(|v| v.count).sum();
    if total != base {
        return Err(t.err(format!(
            "question {id:?}: country counts sum to {total}, not the base {base}"
        )));
    }
    let mut col = a.blank();
    let mut order = a.pool.clone();
    rng.shuffle(&mut order);
    let mut it = order.into_iter();
    for v in &a.qt.values {
        if v.spellings.is_empty() {
            return Err(t.err(format!("question {id:?}: a country has no spellings")));
        }
        for r in it.by_ref().take(v.count) {
            col[r] = Some(Answer::Text(rng.pick(&v.spellings).clone()));
        }
    }
    Ok(col)
}
