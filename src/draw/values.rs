//! A text or numeric question's answers: drawn from the targets' `texts`, generated
//! (`generate = "email"`), or for a number without texts a whole number from 0 to 99.

use super::asked::Asked;
use super::rng::Rng;
use super::Answer;
use crate::error::Result;

/// Each answering respondent's value; `number`: without texts, a whole number from 0 to 99.
pub fn answers(a: &Asked, rng: &mut Rng, number: bool) -> Result<Vec<Option<Answer>>> {
    let mut col = a.blank();
    for &r in &a.pool {
        col[r] = Some(Answer::Text(one(a, rng, number)?));
    }
    Ok(col)
}

fn one(a: &Asked, rng: &mut Rng, number: bool) -> Result<String> {
    let (id, t, qt) = (a.q.id(), a.t, a.qt);
    match qt.generate.as_deref() {
        Some("email") => {
            if t.first_names.is_empty() || t.last_names.is_empty() {
                return Err(t.err("generate = \"email\" needs first_names and last_names"));
            }
            let f = rng.pick(&t.first_names).to_lowercase();
            let l = rng.pick(&t.last_names).to_lowercase();
            Ok(format!(
                "{f}.{l}{}@library{}.example.org",
                rng.below(100),
                rng.below(400)
            ))
        }
        Some(other) => Err(t.err(format!("question {id:?}: unknown generator {other:?}"))),
        None if number && qt.texts.is_empty() => Ok(rng.range(0, 100).to_string()),
        None => {
            if qt.texts.is_empty() {
                return Err(t.err(format!("question {id:?}: texts is empty")));
            }
            Ok(rng.pick(&qt.texts).clone())
        }
    }
}

/// Answers given as counts of respondents with the cells they typed (the targets' `values`,
/// summing to the base), each cell checked by `check` (its complaint, when it has one).
pub fn counted(
    a: &Asked,
    rng: &mut Rng,
    what: &str,
    check: impl Fn(&str) -> Option<String>,
) -> Result<Vec<Option<Answer>>> {
    let (id, t, base) = (a.q.id(), a.t, a.base);
    let total: usize = a.qt.values.iter().map(|v| v.count).sum();
    if total != base {
        return Err(t.err(format!(
            "question {id:?}: {what} counts sum to {total}, not the base {base}"
        )));
    }
    let mut col = a.blank();
    let mut order = a.pool.clone();
    rng.shuffle(&mut order);
    let mut it = order.into_iter();
    for v in &a.qt.values {
        if let Some(why) = v.spellings.iter().find_map(|s| check(s)) {
            return Err(t.err(format!("question {id:?}: {why}")));
        }
        if v.spellings.is_empty() {
            return Err(t.err(format!("question {id:?}: a {what} has no spellings")));
        }
        for r in it.by_ref().take(v.count) {
            col[r] = Some(Answer::Text(rng.pick(&v.spellings).clone()));
        }
    }
    Ok(col)
}
