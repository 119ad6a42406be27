//! Generating a grid's answers: per item, exact counts per scale point.

use crate::draw::asked::Asked;
use crate::draw::rng::Rng;
use crate::draw::Answer;
use crate::error::Result;

/// Answers of the respondents drawn for the question's base.
pub(crate) fn answers(a: &Asked, rng: &mut Rng) -> Result<Vec<Option<Answer>>> {
    let (q, qt, pool, n, t) = (a.q, a.qt, &a.pool[..], a.n, a.t);
    let id = q.id();
    let mut per_row: Vec<Vec<Option<usize>>> = vec![vec![None; q.items.len()]; n];
    let item_of = |code: &str| {
        q.items
            .iter()
            .position(|i| i.code() == code)
            .ok_or_else(|| t.err(format!("question {id:?} has no item {code:?}")))
    };
    for (item, counts) in &qt.items {
        let k = item_of(item)?;
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
    Ok(per_row
        .into_iter()
        .map(|v| v.iter().any(Option::is_some).then_some(Answer::Items(v)))
        .collect())
}
