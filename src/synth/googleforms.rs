//! Lays generated respondents out as a Google Forms responses CSV: the layout
//! [`crate::ingest::googleforms`] reads.

use super::{Answer, Generated};
use crate::codebook::Codebook;
use crate::error::{Error, Result};

/// "11/4/2019 9:12:33", as Google Forms writes timestamps (US locale).
pub fn format_timestamp(secs: i64) -> String {
    let (y, m, d, h, mi, s) = super::split_datetime(secs);
    format!("{m}/{d}/{y} {h}:{mi:02}:{s:02}")
}

pub fn write(cb: &Codebook, g: &Generated) -> Result<Vec<u8>> {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    let err = |e: csv::Error| Error::Other(format!("writing CSV: {e}"));
    let mut header = vec!["Timestamp".to_string()];
    for q in &cb.questions {
        let h = q.header().get_ref();
        match super::has_items(q) {
            // A grid: one column per item, headed "Question [Item]".
            true => header.extend(q.items.iter().map(|i| format!("{h} [{}]", i.label()))),
            false => header.push(h.clone()),
        }
    }
    w.write_record(&header).map_err(err)?;
    for (i, m) in g.meta.iter().enumerate() {
        let mut rec = vec![format_timestamp(m.end)];
        for q in &cb.questions {
            let a = g.answers.get(q.id()).and_then(|col| col[i].as_ref());
            if super::has_items(q) {
                rec.extend(super::item_cells(q, a));
                continue;
            }
            let cell = match a {
                None | Some(Answer::Items(_)) => String::new(),
                Some(Answer::Text(s)) => s.clone(),
                Some(Answer::Choices { ticked, other_text }) => {
                    let n = q.all_options().count();
                    let mut parts: Vec<String> = q
                        .all_options()
                        .enumerate()
                        .filter(|(k, _)| ticked.contains(k) && !(q.other.is_some() && *k == n - 1))
                        .map(|(_, o)| o.label().to_string())
                        .collect();
                    if let Some(t) = other_text {
                        parts.push(t.clone());
                    }
                    parts.join(", ")
                }
            };
            rec.push(cell);
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
    fn timestamps() {
        let day = super::super::days_from_civil(2019, 10, 28) * 86_400;
        assert_eq!(
            format_timestamp(day + 15 * 3600 + 9 * 60),
            "10/28/2019 15:09:00"
        );
        assert_eq!(format_timestamp(day + 9 * 3600 + 5), "10/28/2019 9:00:05");
    }
}
