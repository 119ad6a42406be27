//! Generating a ranking's answers: exact counts of respondents ranking each item first, the
//! other items ranked after it in a seeded random order.

use crate::draw::asked::Asked;
use crate::draw::rng::Rng;
use crate::draw::Answer;
use crate::error::Result;

/// Answers of the respondents drawn for the question's base.
pub(crate) fn answers(a: &Asked, rng: &mut Rng) -> Result<Vec<Option<Answer>>> {
    let (q, qt, pool, t) = (a.q, a.qt, &a.pool[..], a.t);
    let id = q.id();
    let mut per_row = a.blank_items();
    let total: usize = qt.first.values().sum();
    if total != pool.len() {
        return Err(t.err(format!(
            "question {id:?}: \"first\" counts sum to {total}, not the base {}",
            pool.len()
        )));
    }
    let mut order = pool.to_vec();
    rng.shuffle(&mut order);
    let mut it = order.into_iter();
    for (item, &c) in &qt.first {
        let k = a.item_index(item)?;
        for r in it.by_ref().take(c) {
            let mut rest: Vec<usize> = (0..q.items.len()).filter(|&j| j != k).collect();
            rng.shuffle(&mut rest);
            per_row[r][k] = Some(1);
            for (rank, j) in rest.into_iter().enumerate() {
                per_row[r][j] = Some(rank + 2);
            }
        }
    }
    Ok(crate::draw::item_answers(per_row))
}
