//! Lays generated respondents out as a SurveyMonkey "expanded, actual answer text" CSV: the
//! layout [`crate::ingest::surveymonkey`] reads.

use super::{Answer, Generated};
use crate::codebook::Codebook;
use crate::error::{Error, Result};
use crate::ingest::surveymonkey::METADATA;

/// "11/04/2019 09:12:33 AM", as SurveyMonkey writes dates.
pub fn format_datetime(secs: i64) -> String {
    let (y, m, d, h, min, sec) = super::split_datetime(secs);
    let (h12, ampm) = match h {
        0 => (12, "AM"),
        1..=11 => (h, "AM"),
        12 => (12, "PM"),
        _ => (h - 12, "PM"),
    };
    format!("{m:02}/{d:02}/{y} {h12:02}:{min:02}:{sec:02} {ampm}")
}

pub fn write(cb: &Codebook, g: &Generated) -> Result<Vec<u8>> {
    let mut row1: Vec<String> = METADATA.iter().map(|s| s.to_string()).collect();
    let mut row2: Vec<String> = vec![String::new(); METADATA.len()];
    for q in &cb.questions {
        let header = q.header().get_ref().clone();
        if super::has_items(q) {
            for (k, item) in q.items.iter().enumerate() {
                row1.push(if k == 0 {
                    header.clone()
                } else {
                    String::new()
                });
                row2.push(item.label().to_string());
            }
        } else if q.has_choices() {
            for (k, o) in q.all_options().enumerate() {
                row1.push(if k == 0 {
                    header.clone()
                } else {
                    String::new()
                });
                row2.push(o.label().to_string());
            }
        } else {
            row1.push(header);
            row2.push("Open-Ended Response".into());
        }
    }
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    let err = |e: csv::Error| Error::Other(format!("writing CSV: {e}"));
    w.write_record(&row1).map_err(err)?;
    w.write_record(&row2).map_err(err)?;
    for (i, m) in g.meta.iter().enumerate() {
        let mut rec = vec![
            m.respondent_id.to_string(),
            m.collector_id.to_string(),
            format_datetime(m.start),
            format_datetime(m.end),
            m.ip.clone(),
            m.email.clone(),
            m.first_name.clone(),
            m.last_name.clone(),
            String::new(),
        ];
        for q in &cb.questions {
            let a = g.answers.get(q.id()).and_then(|col| col[i].as_ref());
            if super::has_items(q) {
                rec.extend(super::item_cells(q, a));
            } else if q.has_choices() {
                let n_opts = q.all_options().count();
                let has_other = q.other.is_some();
                for (k, o) in q.all_options().enumerate() {
                    let cell = match a {
                        Some(Answer::Choices { ticked, other_text }) if ticked.contains(&k) => {
                            if has_other && k == n_opts - 1 {
                                other_text.clone().unwrap_or_default()
                            } else {
                                o.label().to_string()
                            }
                        }
                        _ => String::new(),
                    };
                    rec.push(cell);
                }
            } else {
                rec.push(match a {
                    Some(Answer::Text(s)) => s.clone(),
                    _ => String::new(),
                });
            }
        }
        w.write_record(&rec).map_err(err)?;
    }
    w.into_inner()
        .map_err(|e| Error::Other(format!("writing CSV: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn surveymonkey_dates() {
        let day = super::super::days_from_civil(2019, 11, 4) * 86_400;
        assert_eq!(
            format_datetime(day + 9 * 3600 + 12 * 60 + 33),
            "11/04/2019 09:12:33 AM"
        );
        assert_eq!(format_datetime(day + 12 * 3600), "11/04/2019 12:00:00 PM");
        assert_eq!(
            format_datetime(day + 21 * 3600 + 5),
            "11/04/2019 09:00:05 PM"
        );
        assert_eq!(format_datetime(day + 30), "11/04/2019 12:00:30 AM");
    }
}
