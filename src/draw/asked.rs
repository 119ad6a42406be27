//! One question's draw, shared by every type's generator: who is eligible (everybody, or those
//! who answered the question named by `among`), who of them answers (the base, drawn at random),
//! and the exact count each option must reach.

use super::rng::Rng;
use super::targets::{count_for_percent, QuestionTargets, Targets};
use crate::codebook::{Question, Shape};
use crate::error::Result;
use std::collections::BTreeMap;

pub struct Asked<'a> {
    pub q: &'a Question,
    pub qt: &'a QuestionTargets,
    pub t: &'a Targets,
    /// Respondents in the export (answering at least one question).
    pub n: usize,
    /// Respondents answering this question, in row order.
    pub pool: Vec<usize>,
    pub base: usize,
    /// The count each option must reach ("other" last), from `counts` or `percent`.
    pub counts: Vec<usize>,
}

/// Draws the respondents answering `q` and resolves its option counts.
pub fn draw<'a>(
    q: &'a Question,
    qt: &'a QuestionTargets,
    t: &'a Targets,
    answered: &BTreeMap<String, Vec<bool>>,
    rng: &mut Rng,
) -> Result<Asked<'a>> {
    let id = q.id();
    let n = t.respondents;
    let eligible: Vec<usize> = match &qt.among {
        None => (0..n).collect(),
        Some(a) => {
            let mask = answered.get(a).ok_or_else(|| {
                t.err(format!(
                    "question {id:?}: \"among\" names {a:?}, which must be an earlier question"
                ))
            })?;
            (0..n).filter(|&i| mask[i]).collect()
        }
    };
    // Without a stated base: a country question's counts sum to it, else all eligible answer.
    let base = match (qt.base, q.kind.shape()) {
        (Some(b), _) => b,
        (None, Shape::Country) => qt.values.iter().map(|v| v.count).sum(),
        (
            None,
            Shape::OneOf
            | Shape::AnyOf
            | Shape::Number
            | Shape::Text
            | Shape::Rated
            | Shape::Ranked,
        ) => eligible.len(),
    };
    if base > eligible.len() {
        return Err(t.err(format!(
            "question {id:?}: base {base} exceeds the {} eligible respondents",
            eligible.len()
        )));
    }
    let mut pool = eligible;
    rng.shuffle(&mut pool);
    pool.truncate(base);
    pool.sort_unstable();
    let counts = option_counts(q, qt, t, base)?;
    Ok(Asked {
        q,
        qt,
        t,
        n,
        pool,
        base,
        counts,
    })
}

/// Per option, its count: given, or the one whose share of `base` prints as the percentage.
fn option_counts(
    q: &Question,
    qt: &QuestionTargets,
    t: &Targets,
    base: usize,
) -> Result<Vec<usize>> {
    let id = q.id();
    let opts: Vec<_> = q.all_options().collect();
    let position = |code: &str| {
        opts.iter()
            .position(|o| o.code() == code)
            .ok_or_else(|| t.err(format!("question {id:?} has no option {code:?}")))
    };
    let mut counts = vec![0usize; opts.len()];
    for (code, &c) in &qt.counts {
        counts[position(code)?] = c;
    }
    for (code, &p) in &qt.percent {
        counts[position(code)?] = count_for_percent(p, base).ok_or_else(|| {
            t.err(format!(
                "question {id:?}: {p}% of {base} is not reachable with a whole count"
            ))
        })?;
    }
    Ok(counts)
}

impl Asked<'_> {
    /// The index of "other (please specify)" among the options, when the question has one.
    pub fn other_index(&self) -> Option<usize> {
        self.q.other.as_ref().map(|_| self.counts.len() - 1)
    }

    /// A text typed into "other", drawn from the targets' pool.
    pub fn other_text(&self, rng: &mut Rng) -> Result<String> {
        if self.qt.other_texts.is_empty() {
            return Err(self.t.err(format!(
                "question {:?}: \"other\" is ticked but other_texts is empty",
                self.q.id()
            )));
        }
        Ok(rng.pick(&self.qt.other_texts).clone())
    }

    /// An empty column, one cell per respondent.
    /// One row of item answers per export row, all blank (a grid's or ranking's draw).
    pub fn blank_items(&self) -> Vec<Vec<Option<usize>>> {
        vec![vec![None; self.q.items.len()]; self.n]
    }

    /// The index of the item `code`, or an error naming the targets file.
    pub fn item_index(&self, code: &str) -> Result<usize> {
        let id = self.q.id();
        self.q
            .items
            .iter()
            .position(|i| i.code() == code)
            .ok_or_else(|| self.t.err(format!("question {id:?} has no item {code:?}")))
    }

    pub fn blank(&self) -> Vec<Option<super::Answer>> {
        vec![None; self.n]
    }
}
