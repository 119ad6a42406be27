//! Back-coding "Other (please specify)": a choice question's `codes` name its own options, and
//! an "other" answer a code's rules take is moved into that option ("we lend tablets with
//! wifi" → Internet access). "Other" keeps only what no code took. The tidy frame records what
//! moved (`q__backcoded`, `q__<option>__backcoded`), so the table can state each option as
//! ticked and as back-coded.

use super::rules::Codeframe;
use crate::codebook::{Codebook, Question};
use crate::error::Result;
use crate::frame::{ticks, Build, Resolved};
use crate::ingest::CellColumn;
use crate::names;
use polars::prelude::Column;
use std::collections::HashMap;

/// For a back-coded question (None otherwise): each row's options its "other" text moves
/// into, and an empty record of what moved.
pub(crate) fn targets(
    b: &Build,
    r: &Resolved,
    cells: &[&CellColumn],
) -> Result<Option<(Vec<Vec<usize>>, Moved)>> {
    let q = r.question;
    if q.other.is_none() || q.codes.is_empty() {
        return Ok(None);
    }
    let frame = Codeframe::of(q)?;
    let texts = ticks::other_texts(b.raw, r, cells, b.rows)?;
    // Each distinct text's codes by the rules; a human coder's (`human_codes`) where they
    // coded the answer.
    let mut by_rules: HashMap<&str, Vec<&str>> = HashMap::new();
    let per_row = (texts.iter().zip(b.ids))
        .map(|(text, id)| {
            let Some(text) = text else {
                return Vec::new();
            };
            let codes: Vec<&str> = match q.human.as_ref().and_then(|h| h.of(id, 0)) {
                Some(human) => human.iter().map(String::as_str).collect(),
                None => (by_rules.entry(text).or_insert_with(|| frame.codes(text))).clone(),
            };
            // The options they name, in option order, each once.
            (q.options.iter().enumerate())
                .filter(|(_, o)| codes.contains(&o.code()))
                .map(|(k, _)| k)
                .collect()
        })
        .collect();
    Ok(Some((per_row, Moved::new(q, b.rows.len()))))
}

/// What back-coding moved: the rows whose "other" answer went into options, and per target
/// option (its place) the rows it was given to that had not ticked it.
pub(crate) struct Moved {
    pub out_of_other: Vec<bool>,
    pub into: Vec<(usize, Vec<bool>)>,
    /// Single choice: "other" answers several codes took, left in "other".
    pub ambiguous: usize,
}

impl Moved {
    pub(crate) fn new(q: &Question, n: usize) -> Moved {
        let mut targets: Vec<usize> = (q.codes.iter())
            .filter_map(|c| q.options.iter().position(|o| o.code() == c.code()))
            .collect();
        targets.sort_unstable();
        targets.dedup();
        Moved {
            out_of_other: vec![false; n],
            into: targets.into_iter().map(|k| (k, vec![false; n])).collect(),
            ambiguous: 0,
        }
    }
    /// The tidy columns of what moved (`q__backcoded`, `q__<option>__backcoded`), null where
    /// `asked` is false.
    pub(crate) fn columns(&self, q: &Question, asked: &[bool]) -> Vec<Column> {
        let when = |t: &[bool]| -> Vec<Option<bool>> {
            (t.iter().zip(asked))
                .map(|(&t, &a)| a.then_some(t))
                .collect()
        };
        let mut out = vec![Column::new(
            names::flag(q.id(), names::BACKCODED).into(),
            when(&self.out_of_other),
        )];
        for (k, added) in &self.into {
            let name = names::backcoded(q.id(), q.options[*k].code());
            out.push(Column::new(name.into(), when(added)));
        }
        out
    }

    pub(crate) fn add(&mut self, k: usize, j: usize) {
        if let Some((_, v)) = self.into.iter_mut().find(|(t, _)| *t == k) {
            v[j] = true;
        }
    }
}

/// A choice question's codes back-code its "other" answers: it has an "other", and each code
/// names one of its options (not "other"), with that option's label or none (`label = ""`).
pub(crate) fn check(cb: &Codebook, q: &Question) -> Result<()> {
    if q.codes.is_empty() {
        return match &q.human_codes {
            Some(h) => Err(cb.error_at(
                h,
                format!(
                    "question {:?} has human_codes but no codes: its codes name the options \"other\" answers move into",
                    q.id()
                ),
            )),
            None => Ok(()),
        };
    }
    if q.other.is_none() {
        let why = format!(
            "question {:?} has codes but no \"other\": codes on a choice question move \"other\" answers into its options",
            q.id()
        );
        return Err(cb.error_at(&q.codes[0].code, why));
    }
    for c in &q.codes {
        let Some(o) = q.options.iter().find(|o| o.code() == c.code()) else {
            let why = format!(
                "code {:?} of question {:?} is none of its options: a back-coding code names the option its answers move into",
                c.code(),
                q.id()
            );
            return Err(cb.error_at(&c.code, why));
        };
        if !c.label().is_empty() && c.label() != o.label() {
            let why = format!(
                "code {:?}: label {:?} is not the option's ({:?}); write the option's label or label = \"\"",
                c.code(),
                c.label(),
                o.label()
            );
            return Err(cb.error_at(&c.label, why));
        }
    }
    super::check_codes(cb, q)
}
