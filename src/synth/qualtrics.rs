//! Lays generated respondents out as a current Qualtrics "choice text" CSV (3 header rows):
//! the layout [`crate::ingest::qualtrics`] reads. Multi-selects are split into one column per
//! choice (`Q4_1`…), "other" text goes to `Q4_<n>_TEXT`, single choices are one `Qn` column.

use super::{other_text_of, text_of, Answer, Generated};
use crate::codebook::{Codebook, Question, Shape};
use crate::error::{Error, Result};

const META: [(&str, &str, &str); 5] = [
    ("StartDate", "Start Date", "startDate"),
    ("EndDate", "End Date", "endDate"),
    ("Status", "Response Type", "status"),
    ("IPAddress", "IP Address", "ipAddress"),
    ("ResponseId", "Response ID", "_recordId"),
];

fn import(qid: usize, choice: Option<usize>, text: bool) -> String {
    match (choice, text) {
        (Some(c), false) => format!("{{\"ImportId\":\"QID{qid}\",\"choiceId\":\"{c}\"}}"),
        (Some(c), true) => format!("{{\"ImportId\":\"QID{qid}_{c}_TEXT\"}}"),
        (None, true) => format!("{{\"ImportId\":\"QID{qid}_TEXT\"}}"),
        (None, false) => format!("{{\"ImportId\":\"QID{qid}\"}}"),
    }
}

pub fn write(cb: &Codebook, g: &Generated) -> Result<Vec<u8>> {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    let err = |e: csv::Error| Error::Other(format!("writing CSV: {e}"));
    for row in header_rows(cb) {
        w.write_record(&row).map_err(err)?;
    }
    for (i, m) in g.meta.iter().enumerate() {
        let mut rec = vec![
            super::iso_datetime(m.start),
            super::iso_datetime(m.end),
            "IP Address".to_string(),
            m.ip.clone(),
            format!("R_{:015x}", m.respondent_id),
        ];
        for q in &cb.questions {
            let a = g.answers.get(q.id()).and_then(|col| col[i].as_ref());
            cells(q, a, &mut rec);
        }
        w.write_record(&rec).map_err(err)?;
    }
    w.into_inner()
        .map_err(|e| Error::Other(format!("writing CSV: {e}")))
}

/// The three header rows: column ids, question texts, ImportId cells.
fn header_rows(cb: &Codebook) -> [Vec<String>; 3] {
    let mut rows: [Vec<String>; 3] = Default::default();
    let mut push = |id: String, text: String, import: String| {
        rows[0].push(id);
        rows[1].push(text);
        rows[2].push(import);
    };
    for (a, b, c) in META {
        push(a.into(), b.into(), format!("{{\"ImportId\":\"{c}\"}}"));
    }
    for (qi, q) in cb.questions.iter().enumerate() {
        let n = qi + 1;
        let text = q.header().get_ref().clone();
        let n_opts = q.all_options().count();
        match q.kind.shape() {
            Shape::AnyOf => {
                for (k, o) in q.all_options().enumerate() {
                    push(
                        format!("Q{n}_{}", k + 1),
                        format!("{text} - Selected Choice - {}", o.label()),
                        import(n, Some(k + 1), false),
                    );
                }
            }
            Shape::OneOf => {
                let shown = match q.other {
                    Some(_) => format!("{text} - Selected Choice"),
                    None => text.clone(),
                };
                push(format!("Q{n}"), shown, import(n, None, false));
            }
            // Grids and rankings are refused before this layout (platform::synth_export).
            Shape::Text | Shape::Number | Shape::Country | Shape::Rated | Shape::Ranked => {
                push(format!("Q{n}"), text.clone(), import(n, None, true))
            }
        }
        if let (Some(o), Shape::AnyOf | Shape::OneOf) = (&q.other, q.kind.shape()) {
            push(
                format!("Q{n}_{n_opts}_TEXT"),
                format!("{text} - {} - Text", o.label()),
                import(n, Some(n_opts), true),
            );
        }
    }
    rows
}

/// One respondent's cells for question `q`.
fn cells(q: &Question, a: Option<&Answer>, rec: &mut Vec<String>) {
    match q.kind.shape() {
        Shape::AnyOf => {
            let ticked: &[usize] = match a {
                Some(Answer::Choices { ticked, .. }) => ticked,
                Some(Answer::Text(_) | Answer::Items(_)) | None => &[],
            };
            for (k, o) in q.all_options().enumerate() {
                rec.push(match ticked.contains(&k) {
                    true => o.label().to_string(),
                    false => String::new(),
                });
            }
        }
        Shape::OneOf => rec.push(match a {
            Some(Answer::Choices { ticked, .. }) => ticked
                .first()
                .and_then(|&k| q.all_options().nth(k))
                .map(|o| o.label().to_string())
                .unwrap_or_default(),
            Some(Answer::Text(_) | Answer::Items(_)) | None => String::new(),
        }),
        Shape::Text | Shape::Number | Shape::Country | Shape::Rated | Shape::Ranked => {
            rec.push(text_of(a))
        }
    }
    if let (Some(_), Shape::AnyOf | Shape::OneOf) = (&q.other, q.kind.shape()) {
        rec.push(other_text_of(a));
    }
}
