//! Which columns of its block a single or multi choice reads: one per option, or one
//! "value" column holding the answer (Google Forms, condensed SurveyMonkey, codes).

use super::text_index::FirstByText;
use crate::codebook::Question;
use crate::error::Result;
use crate::ingest::{normalize_heading, ExportColumn};

fn other_text<'a>(block: &[&'a ExportColumn]) -> Option<&'a ExportColumn> {
    block.iter().copied().find(|c| c.other_text)
}

/// The columns a choice question reads (see `Resolved`).
pub(super) struct ChoiceColumns<'a> {
    pub columns: Vec<&'a ExportColumn>,
    pub value_mode: bool,
    pub companions: Vec<&'a ExportColumn>,
}

/// The block's typed-text columns that the question does not read.
fn unread_text<'a>(block: &[&'a ExportColumn], read: &[&ExportColumn]) -> Vec<&'a ExportColumn> {
    let read: std::collections::HashSet<usize> = read.iter().map(|r| r.index).collect();
    block
        .iter()
        .copied()
        .filter(|c| c.other_text && !read.contains(&c.index))
        .collect()
}

/// The error for an option without a column: names the first six columns the block has.
fn no_column(
    q: &Question,
    o: &crate::codebook::OptionDef,
    block: &[&ExportColumn],
    file: &str,
) -> crate::error::Error {
    let mut have: Vec<String> = block
        .iter()
        .take(6)
        .map(|c| format!("{:?}", c.sublabel))
        .collect();
    if block.len() > 6 {
        have.push(format!("and {} more", block.len() - 6));
    }
    crate::error::Error::Misplaced {
        span: o.label.span(),
        message: format!(
            "question {:?}, option {:?}: no column {:?} under its heading in {file} (found {})",
            q.id(),
            o.code(),
            o.label(),
            have.join(", ")
        ),
    }
}

/// The columns of a choice question, from its block (its comment column already taken out).
pub(super) fn resolve<'a>(
    q: &'a Question,
    block: &[&'a ExportColumn],
    file: &str,
) -> Result<ChoiceColumns<'a>> {
    let answers = (block.iter())
        .filter(|c| !c.other_text)
        .map(|c| (c.sublabel.as_str(), *c));
    let by_sublabel = FirstByText::new(answers);
    let find = |text: &str| by_sublabel.get(text);
    let split: Vec<Option<&ExportColumn>> = q
        .all_options()
        .map(|o| {
            find(o.label())
                .or_else(|| o.value.as_deref().and_then(find))
                .or_else(|| find(o.code()))
                // An "other" choice whose only column is its text (LimeSurvey q[other]).
                .or_else(|| {
                    q.other
                        .as_ref()
                        .filter(|oth| oth.code() == o.code())
                        .and_then(|_| other_text(block))
                })
        })
        .collect();
    // The whole answer in one column (Google Forms; SurveyMonkey condensed single choice): the
    // block's only column, or its "Response" column, when the options have no columns of their
    // own.
    let answer_cols: Vec<&ExportColumn> = block.iter().copied().filter(|c| !c.other_text).collect();
    let value_col = block
        .iter()
        .find(|c| c.sublabel.is_empty() || normalize_heading(&c.sublabel) == "Response")
        .copied()
        .or((answer_cols.len() == 1).then(|| answer_cols[0]));
    let n_opts = q.options.len();
    let own_columns = split[..n_opts].iter().filter(|c| c.is_some()).count();
    // One option chosen, and the block's one answer column headed by an option's label (an
    // export whose second heading row is an answer) with the other options nowhere: no export
    // gives a single choice one column per option for some options only, so the column holds
    // the answer, as init drafted it.
    let one_of_one = q.kind.shape() == crate::codebook::Shape::OneOf
        && answer_cols.len() == 1
        && own_columns < n_opts;
    if let Some(value_col) = value_col.filter(|_| own_columns == 0 || one_of_one) {
        let mut columns = vec![value_col];
        // A separate "other (please specify)" text column, when the export has one.
        let other_col = other_text(block).or(split.get(n_opts).copied().flatten());
        if let (Some(oc), true) = (other_col, q.other.is_some()) {
            if oc.index != value_col.index {
                columns.push(oc);
            }
        }
        return Ok(ChoiceColumns {
            companions: unread_text(block, &columns),
            columns,
            value_mode: true,
        });
    }
    let mut columns = Vec::new();
    for (o, col) in q.all_options().zip(&split) {
        let col = col.ok_or_else(|| no_column(q, o, block, file))?;
        columns.push(col);
    }
    Ok(ChoiceColumns {
        companions: unread_text(block, &columns),
        columns,
        value_mode: false,
    })
}
