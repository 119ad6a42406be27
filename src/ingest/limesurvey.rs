//! LimeSurvey CSV exports with question-code headings (`results-survey<sid>.csv`).
//!
//! Columns `id,submitdate,lastpage,startlanguage[,seed],startdate,datestamp[,ipaddr,refurl]`,
//! then question codes: `q` (single choice: the answer code; `-oth-` for other), `q[SQ001]`
//! (a multiple-choice subquestion: `Y` selected, empty not, NULL not shown), `q[other]` (the
//! other text). Timing columns (`…Time`, `interviewtime`, `groupTime…`) are left out.
//! Incomplete responses (empty `submitdate`) are excluded with that reason.

use super::{read_records, ExportColumn, RawExport, Reader};
use crate::codebook::Format;
use crate::error::{Error, Result};
use std::collections::BTreeMap;
use std::path::Path;

pub struct LimeSurvey;

pub const REASON_INCOMPLETE: &str = "LimeSurvey incomplete response (no submitdate)";

fn is_timing(h: &str) -> bool {
    h == "interviewtime" || h.starts_with("groupTime") || (h.ends_with("Time") && !h.contains('['))
}

impl Reader for LimeSurvey {
    fn format(&self) -> Format {
        Format::Limesurvey
    }

    fn read(&self, bytes: &[u8], path: &Path) -> Result<RawExport> {
        let (mut records, warnings) = read_records(bytes, path)?;
        let mut data = records.split_off(1);
        let header: Vec<String> = records[0].iter().map(|h| h.trim().to_string()).collect();
        if header.first().map(String::as_str) != Some("id")
            || !header.iter().any(|h| h == "submitdate")
        {
            return Err(Error::input(
                path,
                "row 1: expected LimeSurvey's id and submitdate columns",
            ));
        }
        let mut columns = Vec::new();
        let mut seen: BTreeMap<String, usize> = BTreeMap::new();
        let mut subq = Vec::new();
        for (i, h) in header.iter().enumerate() {
            if is_timing(h) {
                continue;
            }
            let (heading, sublabel, other_text) = match h.split_once('[') {
                Some((q, rest)) => {
                    let sub = rest.trim_end_matches(']').to_string();
                    let other = sub == "other";
                    if !other {
                        subq.push(i);
                    }
                    (q.to_string(), sub, other)
                }
                None => (h.clone(), String::new(), false),
            };
            let name = super::unique_name(&mut seen, &heading, &sublabel);
            columns.push(ExportColumn {
                index: i,
                name,
                heading,
                sublabel,
                other_text,
                key: None,
            });
        }
        // Y → the subquestion code (so it matches the option), anything else blank.
        for rec in data.iter_mut() {
            let mut fields: Vec<String> = rec.iter().map(str::to_string).collect();
            for &i in &subq {
                let sub = header[i]
                    .split_once('[')
                    .map(|(_, s)| s.trim_end_matches(']').to_string())
                    .unwrap_or_default();
                if fields[i].trim() == "Y" {
                    fields[i] = sub;
                }
            }
            *rec = csv::StringRecord::from(fields);
        }
        let submit = header
            .iter()
            .position(|h| h == "submitdate")
            .expect("checked");
        let row_exclusions = data
            .iter()
            .map(|r| {
                r.get(submit)
                    .is_none_or(|v| v.trim().is_empty())
                    .then(|| REASON_INCOMPLETE.to_string())
            })
            .collect();
        super::raw_export(
            path,
            Format::Limesurvey,
            1,
            columns,
            &data,
            bytes,
            warnings,
            row_exclusions,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_export() {
        let csv = "\u{feff}\"id\";\"submitdate\";\"lastpage\";\"startlanguage\";\"startdate\";\"datestamp\";\"type\";\"type[other]\";\"svc[SQ001]\";\"svc[SQ002]\";\"svc[other]\";\"interviewtime\"\r\n\
\"1\";\"2019-11-04 10:00:00\";\"2\";\"de\";\"2019-11-04 09:50:00\";\"2019-11-04 10:00:00\";\"A1\";\"\";\"Y\";\"\";\"Nähcafé\";\"600\"\r\n\
\"2\";\"\";\"1\";\"de\";\"2019-11-04 09:50:00\";\"2019-11-04 09:51:00\";\"-oth-\";\"Gefängnis\";\"\";\"Y\";\"\";\"60\"\r\n";
        let r = LimeSurvey
            .read(csv.as_bytes(), Path::new("results-survey1.csv"))
            .unwrap();
        assert_eq!(r.height(), 2);
        let sq1 = r.find("svc", "SQ001").unwrap();
        assert_eq!(r.cells(sq1).unwrap().get(0), Some("SQ001"));
        assert_eq!(
            r.cells(r.find_other_text("svc").unwrap()).unwrap().get(0),
            Some("Nähcafé")
        );
        assert!(r.block("interviewtime").is_empty());
        assert_eq!(
            r.row_exclusions,
            [None, Some(REASON_INCOMPLETE.to_string())]
        );
    }
}
