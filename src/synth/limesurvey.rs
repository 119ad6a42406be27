//! Lays generated respondents out as a LimeSurvey CSV with question-code headings (BOM, `;`,
//! every value quoted, codebook ids as question codes and option codes as answer codes): the
//! layout [`crate::ingest::limesurvey`] reads. Respondents who answered nothing are incomplete
//! (no submitdate), as LimeSurvey records them.

use super::{iso_datetime, other_text_of, text_of, Answer, Generated};
use crate::codebook::{Codebook, Question, Shape};
use crate::error::{Error, Result};

pub fn write(cb: &Codebook, g: &Generated) -> Result<Vec<u8>> {
    let mut header: Vec<String> = crate::ingest::limesurvey::METADATA
        .map(String::from)
        .to_vec();
    for q in &cb.questions {
        header.extend(headings(q));
    }
    header.push("interviewtime".into());
    let mut w = csv::WriterBuilder::new()
        .delimiter(b';')
        .quote_style(csv::QuoteStyle::Always)
        .terminator(csv::Terminator::CRLF)
        .from_writer(b"\xEF\xBB\xBF".to_vec());
    let err = |e: csv::Error| Error::Other(format!("writing CSV: {e}"));
    w.write_record(&header).map_err(err)?;
    for (i, m) in g.meta.iter().enumerate() {
        let answered = cb
            .questions
            .iter()
            .any(|q| g.answers.get(q.id()).is_some_and(|c| c[i].is_some()));
        let mut rec = vec![
            (i + 1).to_string(),
            if answered {
                iso_datetime(m.end)
            } else {
                String::new()
            },
            if answered { "4" } else { "0" }.to_string(),
            "en".to_string(),
            (m.respondent_id % 1_000_000_007).to_string(),
            iso_datetime(m.start),
            iso_datetime(m.end),
        ];
        for q in &cb.questions {
            let a = g.answers.get(q.id()).and_then(|col| col[i].as_ref());
            cells(q, a, &mut rec);
        }
        rec.push((m.end - m.start).to_string());
        w.write_record(&rec).map_err(err)?;
    }
    w.into_inner()
        .map_err(|e| Error::Other(format!("writing CSV: {e}")))
}

/// Question `q`'s column headings: its code, `q[SQ]` per multi-select option, `q[other]`.
fn headings(q: &Question) -> Vec<String> {
    let mut out = Vec::new();
    match q.kind.shape() {
        Shape::AnyOf => {
            out.extend(
                q.options
                    .iter()
                    .map(|o| format!("{}[{}]", q.id(), o.code())),
            );
            if q.other.is_some() {
                out.push(format!("{}[other]", q.id()));
            }
        }
        Shape::OneOf => {
            out.push(q.id().to_string());
            if q.other.is_some() {
                out.push(format!("{}[other]", q.id()));
            }
        }
        Shape::Text | Shape::Number | Shape::Country | Shape::Rated | Shape::Ranked => {
            out.push(q.id().to_string())
        }
    }
    out
}

/// One respondent's cells for question `q`: Y per ticked option, the single choice's answer
/// code (`-oth-` for other), a typed answer, and any "other" text.
fn cells(q: &Question, a: Option<&Answer>, rec: &mut Vec<String>) {
    let n = q.all_options().count();
    match q.kind.shape() {
        Shape::AnyOf => {
            let ticked: &[usize] = match a {
                Some(Answer::Choices { ticked, .. }) => ticked,
                Some(Answer::Text(_) | Answer::Items(_)) | None => &[],
            };
            rec.extend(
                (0..q.options.len())
                    .map(|k| if ticked.contains(&k) { "Y" } else { "" }.to_string()),
            );
            if q.other.is_some() {
                rec.push(other_text_of(a));
            }
        }
        Shape::OneOf => {
            let code = match a {
                Some(Answer::Choices { ticked, .. }) => {
                    let k = ticked.first().copied().unwrap_or(0);
                    if q.other.is_some() && k == n - 1 {
                        "-oth-".to_string()
                    } else {
                        q.all_options()
                            .nth(k)
                            .map(|o| o.code().to_string())
                            .unwrap_or_default()
                    }
                }
                Some(Answer::Text(_) | Answer::Items(_)) | None => String::new(),
            };
            rec.push(code);
            if q.other.is_some() {
                rec.push(other_text_of(a));
            }
        }
        // Grids and rankings are refused before this layout (platform::synth_export).
        Shape::Text | Shape::Number | Shape::Country | Shape::Rated | Shape::Ranked => {
            rec.push(text_of(a))
        }
    }
}
