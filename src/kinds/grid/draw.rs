//! Generating a grid's answers: per item, exact counts per scale point.

use crate::draw::asked::Asked;
use crate::draw::rng::Rng;
use crate::draw::Answer;
use crate::error::Result;

/// Answers of the respondents drawn for the question's base.
pub(crate) fn answers(a: &Asked, rng: &mut Rng) -> Result<Vec<Option<Answer>>> {
    let (q, qt, pool, t) = (a.q, a.qt, &a.pool[..], a.t);
    let id = q.id();
    let mut per_row = a.blank_items();
    for (item, counts) in &qt.items {
        let k = a.item_index(item)?;
        let mut order = pool.to_vec();
        rng.shuffle(&mut order);
        let mut it = order.into_iter();
        for (code, &c) in counts {
            let p = q
                .options
                .iter()
                .position(|o| o.code() == code)
                .ok_or_else(|| t.err(format!("question {id:?} has no scale point {code:?}")))?;
            let rows: Vec<usize> = it.by_ref().take(c).collect();
            if rows.len() < c {
                return Err(t.err(format!(
                    "question {id:?}, item {item:?}: counts exceed the base {}",
                    pool.len()
                )));
            }
            for r in rows {
                per_row[r][k] = Some(p);
            }
        }
    }
    Ok(crate::draw::item_answers(per_row))
}
