//! The typed answers of one question, for coding (`shelfstat code export`): a coded question's
//! text, or a choice question's "other (please specify)" text, per analysed respondent who
//! wrote one. They never enter the tidy frame.

use crate::codebook::{Codebook, Shape};
use crate::error::{Error, Result};
use crate::frame::{resolve, rows, ticks};
use crate::ingest::RawExport;

/// (respondent id, text) of each analysed respondent who wrote an answer, in row order.
pub fn typed_answers(
    cb: &Codebook,
    raw: &RawExport,
    question: &str,
) -> Result<Vec<(String, String)>> {
    let (resolved, _) = resolve(cb, raw)?;
    let sel = rows::select(cb, raw, &resolved)?;
    let Some(r) = resolved.iter().find(|r| r.question.id() == question) else {
        let ids: Vec<&str> = cb.questions.iter().map(|q| q.id()).collect();
        return Err(Error::Other(format!(
            "{}: no question {question:?} (its questions: {})",
            cb.path.display(),
            ids.join(", ")
        )));
    };
    let q = r.question;
    let cells: Vec<_> = r
        .columns
        .iter()
        .map(|c| raw.cells(c))
        .collect::<Result<_>>()?;
    let texts: Vec<Option<String>> = match q.kind.shape() {
        Shape::Text => (sel.rows.iter())
            .map(|&i| cells[0].get(i).map(str::trim).filter(|t| !t.is_empty()).map(String::from))
            .collect(),
        Shape::OneOf | Shape::AnyOf if q.other.is_some() => {
            ticks::other_texts(raw, r, &cells, &sel.rows)?
        }
        Shape::OneOf | Shape::AnyOf | Shape::Country | Shape::Number | Shape::Rated | Shape::Ranked => {
            return Err(Error::Other(format!(
                "question {question:?} has no typed answers to code: code a text question, or a choice question's \"other (please specify)\""
            )))
        }
    };
    if q.pii {
        return Err(Error::Other(format!(
            "question {question:?} is personal data (pii = true): its answers are not written out for coding"
        )));
    }
    Ok((sel.ids.iter().zip(texts))
        .filter_map(|(id, t)| Some((id.to_string(), t?)))
        .collect())
}
