//! Back-coding "Other (please specify)": a choice question's `codes` name its own options, and
//! an "other" answer a code's rules take is moved into that option ("we lend tablets with
//! wifi" → Internet access). "Other" keeps only what no code took. The tidy frame records what
//! moved (`q__backcoded`, `q__<option>__backcoded`), so the table can state each option as
//! ticked and as back-coded.

use super::rules::{words, Rule};
use crate::codebook::{Codebook, Question};
use crate::error::{Error, Result};
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
    let Some(coder) = BackCoder::of(q)? else {
        return Ok(None);
    };
    let texts = ticks::other_texts(b.raw, r, cells, b.rows)?;
    let mut per_row = coder.per_row(&texts);
    // A human coder's codes (`human_codes`) override the rules' where they coded an answer.
    if let Some(human) = &q.human {
        for (j, id) in b.ids.iter().enumerate() {
            if let (Some(codes), Some(_)) = (human.of(id, 0), &texts[j]) {
                per_row[j] = (q.options.iter().enumerate())
                    .filter(|(_, o)| codes.iter().any(|c| c == o.code()))
                    .map(|(k, _)| k)
                    .collect();
            }
        }
    }
    Ok(Some((per_row, Moved::new(q, b.rows.len()))))
}

/// A choice question's back-coding rules, each with the option (its place in
/// `all_options()`) it moves answers into.
pub(crate) struct BackCoder {
    targets: Vec<(usize, Rule)>,
}

impl BackCoder {
    /// None when the question has no "other" or no codes.
    pub(crate) fn of(q: &Question) -> Result<Option<BackCoder>> {
        if q.other.is_none() || q.codes.is_empty() {
            return Ok(None);
        }
        let mut targets = Vec::new();
        for c in &q.codes {
            let k = (q.options.iter().position(|o| o.code() == c.code()))
                .ok_or_else(|| Error::Other(format!("code {:?} is no option", c.code())))?;
            let rule = Rule::new(c).map_err(|(_, why)| Error::Other(why))?;
            targets.push((k, rule));
        }
        Ok(Some(BackCoder { targets }))
    }

    /// The options (places, ascending, each once) the answer `text` is moved into.
    pub(crate) fn options_for(&self, text: &str) -> Vec<usize> {
        let w = words(text);
        let mut out: Vec<usize> = (self.targets.iter())
            .filter(|(_, r)| r.takes(text, &w))
            .map(|(k, _)| *k)
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    /// Per row, the options its "other" text moves into (empty: none, or no text); each
    /// distinct text matched once.
    pub(crate) fn per_row(&self, texts: &[Option<String>]) -> Vec<Vec<usize>> {
        let mut seen: HashMap<&str, Vec<usize>> = HashMap::new();
        (texts.iter())
            .map(|t| match t {
                None => Vec::new(),
                Some(t) => seen
                    .entry(t.as_str())
                    .or_insert_with(|| self.options_for(t))
                    .clone(),
            })
            .collect()
    }
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
