//! Lays generated respondents out as a KoboToolbox CSV (`;`, every field quoted, XLSForm names
//! from the codebook's question ids and option codes): the layout [`crate::ingest::kobo`] reads.

use super::{civil_from_days, iso_datetime, other_text_of, text_of, Answer, Generated};
use crate::codebook::{Codebook, Question, Shape};
use crate::error::{Error, Result};

fn iso(secs: i64) -> String {
    format!("{}.000+00:00", iso_datetime(secs).replacen(' ', "T", 1))
}

pub fn write(cb: &Codebook, g: &Generated) -> Result<Vec<u8>> {
    let mut header: Vec<String> = ["start", "end", "today", "deviceid"]
        .map(String::from)
        .to_vec();
    for q in &cb.questions {
        let name = format!("survey/{}", q.id());
        header.push(name.clone());
        if q.kind.shape() == Shape::AnyOf {
            header.extend(q.all_options().map(|o| format!("{name}/{}", o.code())));
        }
        if let Some(o) = &q.other {
            header.push(format!("{name}_{}", o.code()));
        }
    }
    header.extend(
        [
            "_id",
            "_uuid",
            "_submission_time",
            "_validation_status",
            "_index",
        ]
        .map(String::from),
    );
    let mut w = csv::WriterBuilder::new()
        .delimiter(b';')
        .quote_style(csv::QuoteStyle::Always)
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    let err = |e: csv::Error| Error::Other(format!("writing CSV: {e}"));
    w.write_record(&header).map_err(err)?;
    for (i, m) in g.meta.iter().enumerate() {
        let (y, mo, d) = civil_from_days(m.start.div_euclid(86_400));
        let mut rec = vec![
            iso(m.start),
            iso(m.end),
            format!("{y}-{mo:02}-{d:02}"),
            format!("collect:{:016x}", m.respondent_id),
        ];
        for q in &cb.questions {
            let a = g.answers.get(q.id()).and_then(|col| col[i].as_ref());
            cells(q, a, &mut rec);
        }
        rec.extend([
            (i + 1).to_string(),
            format!(
                "{:08x}-0000-4000-8000-{:012x}",
                m.respondent_id % 0xffff_ffff,
                m.respondent_id
            ),
            iso(m.end),
            String::new(),
            (i + 1).to_string(),
        ]);
        w.write_record(&rec).map_err(err)?;
    }
    w.into_inner()
        .map_err(|e| Error::Other(format!("writing CSV: {e}")))
}

/// One respondent's cells for question `q`: a multi-select's codes joined by spaces and a 1/0
/// column per choice, a single choice's code, a typed answer, then any "other" text.
fn cells(q: &Question, a: Option<&Answer>, rec: &mut Vec<String>) {
    let codes: Vec<&str> = q.all_options().map(|o| o.code()).collect();
    match q.kind.shape() {
        Shape::AnyOf => match a {
            Some(Answer::Choices { ticked, .. }) => {
                rec.push(
                    ticked
                        .iter()
                        .map(|&k| codes[k])
                        .collect::<Vec<_>>()
                        .join(" "),
                );
                rec.extend(
                    (0..codes.len())
                        .map(|k| if ticked.contains(&k) { "1" } else { "0" }.to_string()),
                );
            }
            Some(Answer::Text(_) | Answer::Items(_)) | None => {
                rec.push(String::new());
                rec.extend((0..codes.len()).map(|_| String::new()));
            }
        },
        Shape::OneOf => rec.push(match a {
            Some(Answer::Choices { ticked, .. }) => ticked
                .first()
                .map(|&k| codes[k].to_string())
                .unwrap_or_default(),
            other => text_of(other),
        }),
        // Grids and rankings are refused before this layout (platform::synth_export).
        Shape::Text | Shape::Number | Shape::Country | Shape::Rated | Shape::Ranked => {
            rec.push(text_of(a))
        }
    }
    if q.other.is_some() {
        rec.push(other_text_of(a));
    }
}
