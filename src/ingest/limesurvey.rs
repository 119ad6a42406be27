//! LimeSurvey CSV exports with question-code headings (`results-survey<sid>.csv`).
//!
//! Columns `id,submitdate,lastpage,startlanguage[,seed],startdate,datestamp[,ipaddr,refurl]`,
//! then question codes: `q` (single choice: the answer code; `-oth-` for other), `q[SQ001]`
//! (a multiple-choice subquestion: `Y` selected, empty not, NULL not shown), `q[other]` (the
//! other text). Timing columns (`…Time`, `interviewtime`, `groupTime…`) are left out.
//! Incomplete responses (empty `submitdate`) are excluded with that reason.

use super::limesurvey_layout::bare_empty_fields;
use super::limesurvey_words::{is_response_id, is_timing, language_of, words_for};
use super::{ExportColumn, RawExport, Reader};
use crate::codebook::{CheckboxWords, Format};
use crate::error::{Error, Result};
use std::collections::BTreeMap;
use std::path::Path;

#[derive(Debug, Clone, Default)]
pub struct LimeSurvey {
    /// The codebook's words for full-answer checkboxes, overriding the language table.
    pub words: Option<CheckboxWords>,
}

/// The response metadata columns every LimeSurvey export starts with (`ipaddr`, `refurl`
/// follow when the survey records them).
pub const METADATA: [&str; 7] = [
    "id",
    "submitdate",
    "lastpage",
    "startlanguage",
    "seed",
    "startdate",
    "datestamp",
];

pub const REASON_INCOMPLETE: &str = "LimeSurvey incomplete response (no submitdate)";

/// The response metadata and the total interview time.
const BOOKKEEPING: [&[&str]; 2] = [&METADATA, &["interviewtime"]];

impl Reader for LimeSurvey {
    fn format(&self) -> Format {
        Format::Limesurvey
    }

    fn metadata(&self) -> super::Metadata {
        super::Metadata {
            bookkeeping: &BOOKKEEPING,
            pii: &["ipaddr", "refurl"],
            id: &["id"],
            suffixes: &[],
        }
    }

    fn detects(&self, head: &super::Head) -> bool {
        // Code headings ("id", "submitdate"), or any language's headings by their cells.
        (head.first() == "id" && head.line.contains("submitdate"))
            || super::limesurvey_layout::metadata_codes(head.rows).is_some()
            || (is_response_id(head.first()) && head.header.iter().any(|h| h.ends_with(']')))
    }

    fn read(&self, bytes: &[u8], path: &Path) -> Result<RawExport> {
        let (mut records, warnings, text) = super::read_records_and_text(bytes, path)?;
        let (header, codes) = codes(&records, path)?;
        let mut data = records.split_off(1);
        let (columns, subq) = columns(&header, &codes, &records[0]);
        // NULL vs "" in a native CSV: not shown vs shown.
        let bare = text.and_then(|text| {
            bare_empty_fields(&text, super::decode::detect_separator(&text))
                .filter(|r| r.len() == data.len() + 1)
        });
        let lang_col = header.iter().position(|h| h == "startlanguage");
        // Without its startlanguage column, the language whose words the subquestions use.
        let file_lang = match lang_col {
            Some(_) => None,
            None => language_of(
                data.iter()
                    .flat_map(|rec| subq.iter().map(move |&i| rec.get(i).unwrap_or(""))),
            ),
        };
        let langs: Vec<String> = data
            .iter()
            .map(|rec| {
                lang_col
                    .and_then(|i| rec.get(i))
                    .or(file_lang)
                    .unwrap_or("")
                    .to_string()
            })
            .collect();
        let checkbox = checkbox_arrays(&subq, &header, &data);
        tick_checkbox_arrays(&mut data, &columns, &checkbox);
        // A multiple-choice subquestion holds only Y / the words; an array's subquestion
        // holds answer codes and is left as it is.
        let subq: Vec<usize> = subq
            .into_iter()
            .filter(|i| !checkbox.contains(i))
            .filter(|&i| {
                data.iter().zip(&langs).all(|(rec, lang)| {
                    let v = rec.get(i).unwrap_or("").trim();
                    let (yes, no, na) = words_for(lang, self.words.as_ref());
                    v.is_empty()
                        || v == "Y"
                        || v == "N"
                        || yes.contains(&v)
                        || no.contains(&v)
                        || na.contains(&v)
                })
            })
            .collect();
        let subquestions = Subquestions {
            header: &header,
            columns: &subq,
            langs: &langs,
            words: self.words.as_ref(),
            bare: bare.as_deref(),
        };
        let shown = subquestions.tick(&mut data);
        let row_exclusions = exclusions(&header, &data);
        Ok(super::raw_export(
            path,
            Format::Limesurvey,
            1,
            columns,
            &data,
            warnings,
            row_exclusions,
        )?
        .with_shown(shown))
    }
}

/// Each column's LimeSurvey code (the heading, or with full headings in the survey's language
/// the metadata code by position), and the metadata codes found that way.
fn codes(records: &[csv::StringRecord], path: &Path) -> Result<(Vec<String>, Vec<&'static str>)> {
    let header: Vec<String> = records[0].iter().map(|h| h.trim().to_string()).collect();
    let native = header.first().map(String::as_str) == Some("id")
        && header.iter().any(|h| h == "submitdate");
    // Full headings in the survey's language: the metadata columns by their structure.
    let codes = match native {
        true => Vec::new(),
        false if header.first().is_some_and(|h| is_response_id(h)) => {
            super::limesurvey_layout::metadata_codes(records).unwrap_or_else(|| vec!["id"])
        }
        false => super::limesurvey_layout::metadata_codes(records).ok_or_else(|| {
            Error::input(
                path,
                "row 1: expected LimeSurvey's response metadata first (id, submit date, last page, start language … under any headings)",
            )
        })?,
    };
    let header = header
        .iter()
        .enumerate()
        .map(|(i, h)| codes.get(i).map_or_else(|| h.clone(), |c| c.to_string()))
        .collect();
    Ok((header, codes))
}

/// The export's columns (timings left out), and which of them are subquestions (`q[SQ001]`,
/// not `q[other]`).
fn columns(
    header: &[String],
    codes: &[&str],
    headings: &csv::StringRecord,
) -> (Vec<ExportColumn>, Vec<usize>) {
    let mut columns = super::Columns::default();
    let mut subq = Vec::new();
    for (i, h) in header.iter().enumerate() {
        let timing =
            code_and_text(h).is_some_and(|(code, _, text)| is_timing(code) || is_timing(text));
        if is_timing(h) || timing {
            continue;
        }
        let (heading, sublabel, sub) = split_heading(h);
        let other_text = sub && sublabel.eq_ignore_ascii_case("other");
        if sub && !other_text {
            subq.push(i);
        }
        // A localised metadata column keeps its heading; its code is its key.
        let (heading, key) = match codes.get(i) {
            Some(code) => (
                headings.get(i).unwrap_or("").trim().to_string(),
                Some(code.to_string()),
            ),
            // "Question code & question text" headings: the code tells apart questions that
            // share a text (`aWhere[paper]. Where? [Paper]`, `bWhere[paper]. Where? [Paper]`).
            None => (
                heading,
                code_and_text(h).map(|(code, _, _)| code.to_string()),
            ),
        };
        match key {
            Some(_) => columns.push(i, heading, sublabel, other_text, key),
            None => columns.push_apart(i, heading, sublabel, other_text),
        }
    }
    (columns.list, subq)
}

/// A heading's question, its subquestion (label, or code when the heading has no text), and
/// whether it has one: `q[SQ001]`, `Question? [Subquestion]`, `q[SQ001]. Question? [Sub]`.
fn split_heading(h: &str) -> (String, String, bool) {
    if let Some((_, sub, text)) = code_and_text(h) {
        let (text, sub_text) = subquestion_text(text);
        // `q[other]. Question? [Other]`: the other text, known by its code.
        let label = match sub {
            Some(code) if code.eq_ignore_ascii_case("other") => Some(code),
            _ => sub_text.or(sub),
        };
        return (
            text.to_string(),
            label.unwrap_or("").to_string(),
            sub.is_some(),
        );
    }
    match h.split_once('[') {
        Some((q, rest)) => (q.to_string(), rest.trim_end_matches(']').to_string(), true),
        None => (h.to_string(), String::new(), false),
    }
}

/// A "question code & question text" heading: `QIII15[SQ001]. How useful is it? [Catalogue]`
/// → (`QIII15`, `SQ001`, `How useful is it? [Catalogue]`); `Q2. Your age?` → (`Q2`, None,
/// `Your age?`). None for any other heading.
fn code_and_text(h: &str) -> Option<(&str, Option<&str>, &str)> {
    let name = |s: &str| {
        !s.is_empty()
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '#' | '-'))
    };
    let (head, text) = h.split_once(". ")?;
    let (code, sub) = match head.strip_suffix(']').and_then(|h| h.split_once('[')) {
        Some((code, sub)) => (code, Some(sub)),
        None => (head, None),
    };
    let text = text.trim();
    (code.starts_with(|c: char| c.is_ascii_alphabetic())
        && name(code)
        && sub.is_none_or(name)
        && !text.is_empty())
    .then_some((code, sub, text))
}

/// A full-text heading's question and subquestion text: `How useful is it? [Catalogue]` →
/// (`How useful is it?`, `Catalogue`).
fn subquestion_text(text: &str) -> (&str, Option<&str>) {
    match text.strip_suffix(']').and_then(|t| t.rsplit_once(" [")) {
        Some((q, sub)) if !sub.trim().is_empty() => (q.trim(), Some(sub.trim())),
        _ => (text, None),
    }
}

/// Subquestions of an array with checkbox layout (`q[row_col]`): 1 (ticked) / 0 or blank.
fn checkbox_arrays(subq: &[usize], header: &[String], data: &[csv::StringRecord]) -> Vec<usize> {
    subq.iter()
        .copied()
        .filter(|&i| {
            header[i].contains('_')
                && data.iter().any(|r| r.get(i).map(str::trim) == Some("1"))
                && data
                    .iter()
                    .all(|r| matches!(r.get(i).map(str::trim), Some("1" | "0" | "") | None))
        })
        .collect()
}

/// A checkbox array's cells are choices too: a tick becomes the pair of codes naming it.
fn tick_checkbox_arrays(
    data: &mut [csv::StringRecord],
    columns: &[ExportColumn],
    checkbox: &[usize],
) {
    for rec in data.iter_mut() {
        let mut fields: Vec<String> = rec.iter().map(str::to_string).collect();
        for &i in checkbox {
            match fields[i].trim() {
                "1" => {
                    fields[i] = columns
                        .iter()
                        .find(|c| c.index == i)
                        .map(|c| c.sublabel.clone())
                        .unwrap_or_default()
                }
                _ => fields[i].clear(),
            }
        }
        *rec = csv::StringRecord::from(fields);
    }
}

/// Multiple-choice subquestions and what tells their cells apart.
struct Subquestions<'a> {
    header: &'a [String],
    columns: &'a [usize],
    /// Each response's interface language.
    langs: &'a [String],
    words: Option<&'a CheckboxWords>,
    /// Per record (header first), which fields were bare empty (NULL).
    bare: Option<&'a [Vec<bool>]>,
}

impl Subquestions<'_> {
    /// Y (codes) or the language's Yes (full answers) → the subquestion code, so it matches
    /// the option; No / "" → blank but shown; N/A / NULL → blank, not shown. Returns which rows
    /// saw each subquestion, for the columns whose file can tell it (NULL vs "", or No / N/A).
    fn tick(&self, data: &mut [csv::StringRecord]) -> BTreeMap<usize, Vec<bool>> {
        let mut shown: BTreeMap<usize, Vec<bool>> = BTreeMap::new();
        let mut told: std::collections::BTreeSet<usize> = Default::default();
        for (r, rec) in data.iter_mut().enumerate() {
            let (yes, no, na) = words_for(&self.langs[r], self.words);
            let mut fields: Vec<String> = rec.iter().map(str::to_string).collect();
            for &i in self.columns {
                let v = fields[i].trim().to_string();
                // "N": the code export's No.
                let is_no = v == "N" || no.iter().any(|n| *n == v);
                let is_na = na.iter().any(|n| *n == v);
                if is_no || is_na {
                    told.insert(i);
                }
                let state = if v == "Y" || yes.iter().any(|y| *y == v) {
                    fields[i] = self.code(i);
                    Some(true)
                } else if is_no || is_na {
                    fields[i].clear();
                    Some(is_no)
                } else if v.is_empty() {
                    self.null(r, i).map(|null| !null)
                } else {
                    None // not reached: the column holds only Y and the words
                };
                shown.entry(i).or_default().push(state.unwrap_or(false));
            }
            *rec = csv::StringRecord::from(fields);
        }
        let can_tell = self.bare.is_some();
        shown.retain(|i, _| can_tell || told.contains(i));
        shown
    }

    /// The subquestion code of column `i` (`SQ001` of `q[SQ001]`).
    fn code(&self, i: usize) -> String {
        split_heading(&self.header[i]).1
    }

    /// Whether row `r`'s field `i` was NULL, when the file tells.
    fn null(&self, r: usize, i: usize) -> Option<bool> {
        self.bare?.get(r + 1)?.get(i).copied()
    }
}

/// Incomplete responses (no submit date), with that reason; none when the export has no
/// submit date column (removed by its publisher: every row is analysed).
fn exclusions(header: &[String], data: &[csv::StringRecord]) -> Vec<Option<String>> {
    let Some(submit) = header.iter().position(|h| h == "submitdate") else {
        return vec![None; data.len()];
    };
    data.iter()
        .map(|r| {
            r.get(submit)
                .is_none_or(|v| v.trim().is_empty())
                .then(|| REASON_INCOMPLETE.to_string())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_export() {
        let csv = "\u{feff}\"id\";\"submitdate\";\"lastpage\";\"startlanguage\";\"startdate\";\"datestamp\";\"type\";\"type[other]\";\"svc[SQ001]\";\"svc[SQ002]\";\"svc[other]\";\"interviewtime\"\r\n\
\"1\";\"2019-11-04 10:00:00\";\"2\";\"de\";\"2019-11-04 09:50:00\";\"2019-11-04 10:00:00\";\"A1\";\"\";\"Y\";\"\";\"Nähcafé\";\"600\"\r\n\
\"2\";\"\";\"1\";\"de\";\"2019-11-04 09:50:00\";\"2019-11-04 09:51:00\";\"-oth-\";\"Gefängnis\";\"\";\"Y\";\"\";\"60\"\r\n";
        let r = LimeSurvey::default()
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

    #[test]
    fn full_answers_words_from_the_codebook() {
        let csv = "\"id\";\"submitdate\";\"startlanguage\";\"svc[SQ001]\";\"svc[SQ002]\"\r\n\
\"1\";\"2019-11-04 10:00:00\";\"hu\";\"Igen\";\"Nem\"\r\n\
\"2\";\"2019-11-04 10:00:00\";\"hu\";\"N/A\";\"N/A\"\r\n";
        // Hungarian is not in the table: the words are left as they are (tidy then names the
        // cell and the way out, see tests/all/platforms.rs).
        let r = LimeSurvey::default()
            .read(csv.as_bytes(), Path::new("r.csv"))
            .unwrap();
        let sq1 = r.find("svc", "SQ001").unwrap();
        assert_eq!(r.cells(sq1).unwrap().get(0), Some("Igen"));
        assert!(!r.shown.contains_key(&sq1.index));
        let words = CheckboxWords {
            yes: "Igen".into(),
            no: "Nem".into(),
            not_shown: "N/A".into(),
        };
        let r = LimeSurvey { words: Some(words) }
            .read(csv.as_bytes(), Path::new("r.csv"))
            .unwrap();
        let sq1 = r.find("svc", "SQ001").unwrap();
        let sq2 = r.find("svc", "SQ002").unwrap();
        assert_eq!(r.cells(sq1).unwrap().get(0), Some("SQ001"));
        assert_eq!(r.cells(sq2).unwrap().get(0), None);
        assert_eq!(r.shown[&sq1.index], [true, false]);
        assert_eq!(r.shown[&sq2.index], [true, false]);
    }

    #[test]
    fn null_and_empty_string_are_told_apart_only_when_quoted() {
        assert_eq!(
            bare_empty_fields("\"a\";\"b\"\r\n\"\";\r\n\"x\ny\";\"\"\"\"\r\n", b';'),
            Some(vec![
                vec![false, false],
                vec![false, true],
                vec![false, false]
            ])
        );
        assert_eq!(bare_empty_fields("a;b\n;\n", b';'), None);
    }
}
