//! Free-text questions: how many answered; the answers themselves only when the codebook sets
//! `publish_text` on a question that is not `pii`.

use super::TextSummary;
use crate::codebook::Question;
use crate::error::Result;
use crate::estimate::masks::{count, Masks};
use polars::prelude::*;

pub(crate) fn table(q: &Question, masks: &Masks, frame: &DataFrame) -> Result<TextSummary> {
    let n = frame.height() as u64;
    let answered = count(&crate::kinds::answered(masks, q)?);
    let published = q.publish_text && !q.pii;
    let mut answers: Vec<String> = Vec::new();
    if published {
        answers = frame
            .column(q.id())?
            .str()?
            .iter()
            .flatten()
            .map(str::to_string)
            .collect();
        answers.sort();
    }
    Ok(TextSummary {
        question: q.id().to_string(),
        text: q.text().to_string(),
        answered,
        not_answered: n - answered,
        pii: q.pii,
        published,
        answers,
    })
}
