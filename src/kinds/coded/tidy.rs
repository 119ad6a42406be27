//! A coded text question → `q__answered` (wrote an answer) and `q__<code>` per code: whether
//! the answer takes it (null when there is no answer). The text itself is not kept. With human
//! codes, `q__<code>` is the first coder's where they coded the answer, the rules' elsewhere,
//! and `q__<code>__rules`, `q__<code>__coder_1` (and `__coder_2`) keep what each said, for
//! the agreement figures.

use super::rules::Codeframe;
use crate::codebook::human_codes::CODERS;
use crate::codebook::Question;
use crate::error::Result;
use crate::frame::{Build, Resolved};
use crate::names;
use polars::prelude::*;

pub(super) fn build(b: &mut Build, r: &Resolved) -> Result<()> {
    let q = r.question;
    let frame = Codeframe::of(q)?;
    let col = r.columns[0];
    let d = b.raw.cells(col)?.distinct(b.rows);
    // Each distinct answer matched once: its codes, or None when blank.
    let per_key = d
        .eval(|_, v| -> Result<Option<Vec<bool>>> {
            let Some(text) = v.map(str::trim).filter(|v| !v.is_empty()) else {
                return Ok(None);
            };
            Ok(Some(frame.took(text)))
        })
        .map_err(|(_, e)| e)?;
    let rules_said: Vec<Option<Vec<bool>>> = d.gather(&per_key);
    let answered: Vec<bool> = rules_said.iter().map(Option::is_some).collect();
    b.columns.push(Column::new(
        names::flag(q.id(), names::ANSWERED).into(),
        answered.clone(),
    ));
    let Some(human) = q.human.clone() else {
        push_codes(b, q, &rules_said, None);
        return quotable(b, r, &rules_said);
    };
    // Each coder's codes, where they coded an answer.
    let coder = |c: usize| -> Vec<Option<Vec<bool>>> {
        (b.ids.iter().zip(&answered))
            .map(|(id, &a)| {
                let given = human.of(id, c).filter(|_| a)?;
                Some(
                    q.codes
                        .iter()
                        .map(|k| given.iter().any(|g| g == k.code()))
                        .collect(),
                )
            })
            .collect()
    };
    let coders: Vec<Vec<Option<Vec<bool>>>> = (0..human.coders).map(coder).collect();
    // The first coder's codes override the rules'.
    let published: Vec<Option<Vec<bool>>> = (rules_said.iter().zip(&coders[0]))
        .map(|(r, h)| h.clone().or_else(|| r.clone()))
        .collect();
    let analysed: std::collections::HashSet<&str> = b.ids.iter().map(|i| i.as_ref()).collect();
    let outside = (human.rows.keys())
        .filter(|id| !analysed.contains(id.as_str()))
        .count();
    if outside > 0 {
        b.warnings.push(format!(
            "question {:?}: {outside} respondents in {} are not among the analysed rows; their codes are not used",
            q.id(),
            human.path.display()
        ));
    }
    push_codes(b, q, &published, None);
    push_codes(b, q, &rules_said, Some(names::RULES));
    for (c, codes) in coders.iter().enumerate() {
        push_codes(b, q, codes, Some(CODERS[c]));
    }
    quotable(b, r, &published)
}

/// The longest answer a report quotes, in characters (a longer one is cut with "…").
const QUOTE_CHARS: usize = 280;

/// Where the codebook opts in (`quotes = n`), the first n answers of each code in row order,
/// personal data masked, for the report (which quotes none from a code under the suppression
/// threshold).
fn quotable(b: &mut Build, r: &Resolved, codes: &[Option<Vec<bool>>]) -> Result<()> {
    let q = r.question;
    if q.quotes == 0 {
        return Ok(());
    }
    let cells = b.raw.cells(r.columns[0])?;
    let mut out = Vec::new();
    for (k, c) in q.codes.iter().enumerate() {
        let rows = (b.rows.iter().zip(codes))
            .filter(|(_, t)| t.as_ref().is_some_and(|t| t[k]))
            .filter_map(|(&i, _)| cells.get(i).map(str::trim))
            .take(q.quotes as usize);
        for text in rows {
            let masked = super::mask::mask(text);
            let cut: String = if masked.chars().count() > QUOTE_CHARS {
                masked.chars().take(QUOTE_CHARS - 1).chain(['…']).collect()
            } else {
                masked
            };
            out.push((c.code().to_string(), cut));
        }
    }
    b.quotes.insert(q.id().to_string(), out);
    Ok(())
}

/// A flag column per code (`q__<code>`, or `q__<code>__<who>`), null where not coded.
fn push_codes(b: &mut Build, q: &Question, per_row: &[Option<Vec<bool>>], who: Option<&str>) {
    for (k, c) in q.codes.iter().enumerate() {
        let took: Vec<Option<bool>> = per_row.iter().map(|r| r.as_ref().map(|t| t[k])).collect();
        let name = match who {
            None => names::option(q.id(), c.code()),
            Some(who) => names::coded_by(q.id(), c.code(), who),
        };
        b.columns.push(Column::new(name.into(), took));
    }
}
