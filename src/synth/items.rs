//! Generating a grid's or ranking's answers: per item, exact counts per scale point (a grid),
//! or exact counts of respondents ranking each item first, the other items ranked after it in
//! a seeded random order (a ranking).

use super::asked::Asked;
use super::rng::Rng;
use super::Answer;
use crate::codebook::QuestionType;
use crate::error::Result;

/// Answers of the respondents drawn for the question's base.
pub(super) fn answers(a: &Asked, rng: &mut Rng) -> Result<Vec<Option<Answer>>> {
    let (q, qt, pool, n, t) = (a.q, a.qt, &a.pool[..], a.n, a.t);
    let id = q.id();
    let mut per_row: Vec<Vec<Option<usize>>> = vec![vec![None; q.items.len()]; n];
    let item_of = |code: &str| {
        q.items
            .iter()
            .position(|i| i.code() == code)
            .ok_or_else(|| t.err(format!("question {id:?} has no item {code:?}")))
    };
    match q.kind {
        QuestionType::Grid => {
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
                        .ok_or_else(|| {
                            t.err(format!("question {id:?} has no scale point {code:?}"))
                        })?;
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
        }
        QuestionType::Ranking => {
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
                let k = item_of(item)?;
                for r in it.by_ref().take(c) {
                    let mut rest: Vec<usize> = (0..q.items.len()).filter(|&j| j != k).collect();
                    rng.shuffle(&mut rest);
                    per_row[r][k] = Some(1);
                    for (rank, j) in rest.into_iter().enumerate() {
                        per_row[r][j] = Some(rank + 2);
                    }
                }
            }
        }
        QuestionType::Single
        | QuestionType::Multi
        | QuestionType::Country
        | QuestionType::Numeric
        | QuestionType::Text => {}
    }
    Ok(per_row
        .into_iter()
        .map(|v| v.iter().any(Option::is_some).then_some(Answer::Items(v)))
        .collect())
}
