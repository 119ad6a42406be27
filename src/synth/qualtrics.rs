//! Lays generated respondents out as a current Qualtrics "choice text" CSV (3 header rows):
//! the layout [`crate::ingest::qualtrics`] reads. Multi-selects are split into one column per
//! choice (`Q4_1`…), "other" text goes to `Q4_<n>_TEXT`, single choices are one `Qn` column.

use super::{Answer, Generated};
use crate::codebook::Codebook;
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
    let (mut ids, mut texts, mut imports): (Vec<String>, Vec<String>, Vec<String>) = META
        .iter()
        .map(|(a, b, c)| {
            (
                a.to_string(),
                b.to_string(),
                format!("{{\"ImportId\":\"{c}\"}}"),
            )
        })
        .fold((vec![], vec![], vec![]), |mut acc, (a, b, c)| {
            acc.0.push(a);
            acc.1.push(b);
            acc.2.push(c);
            acc
        });
    for (qi, q) in cb.questions.iter().enumerate() {
        let n = qi + 1;
        let text = q.header().get_ref().clone();
        let n_opts = q.all_options().count();
        match q.kind {
            crate::codebook::QuestionType::Multi => {
                for (k, o) in q.all_options().enumerate() {
                    ids.push(format!("Q{n}_{}", k + 1));
                    texts.push(format!("{text} - Selected Choice - {}", o.label()));
                    imports.push(import(n, Some(k + 1), false));
                }
                if let Some(o) = &q.other {
                    ids.push(format!("Q{n}_{n_opts}_TEXT"));
                    texts.push(format!("{text} - {} - Text", o.label()));
                    imports.push(import(n, Some(n_opts), true));
                }
            }
            crate::codebook::QuestionType::Single => {
                ids.push(format!("Q{n}"));
                texts.push(if q.other.is_some() {
                    format!("{text} - Selected Choice")
                } else {
                    text.clone()
                });
                imports.push(import(n, None, false));
                if let Some(o) = &q.other {
                    ids.push(format!("Q{n}_{n_opts}_TEXT"));
                    texts.push(format!("{text} - {} - Text", o.label()));
                    imports.push(import(n, Some(n_opts), true));
                }
            }
            _ => {
                ids.push(format!("Q{n}"));
                texts.push(text);
                imports.push(import(n, None, true));
            }
        }
    }
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    let err = |e: csv::Error| Error::Other(format!("writing CSV: {e}"));
    for row in [&ids, &texts, &imports] {
        w.write_record(row).map_err(err)?;
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
            match (q.kind, a) {
                (crate::codebook::QuestionType::Multi, a) => {
                    for (k, o) in q.all_options().enumerate() {
                        let on = matches!(a, Some(Answer::Choices { ticked, .. }) if ticked.contains(&k));
                        rec.push(if on {
                            o.label().to_string()
                        } else {
                            String::new()
                        });
                    }
                    if q.other.is_some() {
                        rec.push(match a {
                            Some(Answer::Choices {
                                other_text: Some(t),
                                ..
                            }) => t.clone(),
                            _ => String::new(),
                        });
                    }
                }
                (crate::codebook::QuestionType::Single, a) => {
                    let (label, text) = match a {
                        Some(Answer::Choices { ticked, other_text }) => (
                            ticked
                                .first()
                                .and_then(|&k| q.all_options().nth(k))
                                .map(|o| o.label().to_string())
                                .unwrap_or_default(),
                            other_text.clone().unwrap_or_default(),
                        ),
                        _ => (String::new(), String::new()),
                    };
                    rec.push(label);
                    if q.other.is_some() {
                        rec.push(text);
                    }
                }
                (_, Some(Answer::Text(s))) => rec.push(s.clone()),
                _ => rec.push(String::new()),
            }
        }
        w.write_record(&rec).map_err(err)?;
    }
    w.into_inner()
        .map_err(|e| Error::Other(format!("writing CSV: {e}")))
}
