//! Platform codebooks: the survey definitions platforms export beside the data (REDCap data
//! dictionary, KoboToolbox XLSForm, Qualtrics `.qsf`). `shelfstat init EXPORT --definition FILE`
//! reads one to draft question types, choice labels and codes, and PII flags from the
//! platform's own description instead of guessing them from the answers.
//!
//! Each platform is one module that turns its file into the same [`Definition`]; which platform
//! a file is from, each platform says itself ([`crate::platform::Platform::definition`]).

pub mod qsf;
pub mod redcap;
pub mod spss;
pub mod xlsform;

use crate::error::Result;
use crate::ingest::{normalize_heading, ExportColumn};
use std::path::{Path, PathBuf};

/// What kind of answer a question collects, as the platform defines it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DefKind {
    Single,
    Multi,
    Text,
    Numeric,
    /// A rating grid: `items` rated on the scale in `choices` (Qualtrics Matrix/Likert).
    Grid,
    /// A ranking of `items` (Qualtrics Rank Order).
    Ranking,
    /// Identifies a person (REDCap `Identifier? = y`, XLSForm geopoint/media/device ids).
    Pii,
    /// Not a question of its own (grids, notes, calculations, metadata, repeat groups).
    Skip,
}

#[derive(Debug, Clone, PartialEq)]
pub struct DefChoice {
    /// The platform's code: what a numeric/raw export writes (REDCap `1`, XLSForm name,
    /// Qualtrics recode value).
    pub code: String,
    pub label: String,
    /// A choice with a text box ("Other, please specify").
    pub other: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct DefQuestion {
    /// The platform's variable name (REDCap field, XLSForm name, Qualtrics export tag).
    pub name: String,
    /// Other ids the export may carry for it (Qualtrics `QID9`).
    pub ids: Vec<String>,
    /// Question text (HTML removed).
    pub label: String,
    pub kind: DefKind,
    pub choices: Vec<DefChoice>,
    /// A grid's or ranking's rows (statements), in display order.
    pub items: Vec<DefChoice>,
    /// Why a question is skipped or PII, for the draft's comments.
    pub note: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Definition {
    pub path: PathBuf,
    /// "REDCap data dictionary", "XLSForm", "Qualtrics .qsf".
    pub kind: &'static str,
    pub questions: Vec<DefQuestion>,
}

impl Definition {
    /// The definition of the question an export column belongs to: by the platform id the
    /// column carries, else by variable name, else by question text.
    pub fn find(&self, col: &ExportColumn) -> Option<&DefQuestion> {
        if let Some(key) = &col.key {
            // A Qualtrics text-entry column (`QID4_TEXT`) is its question's (`QID4`).
            let key = &key
                .strip_suffix(crate::ingest::qualtrics::TEXT_ENTRY)
                .unwrap_or(key)
                .to_string();
            if let Some(q) = self
                .questions
                .iter()
                .find(|q| q.ids.iter().any(|i| i == key) || q.name == *key)
            {
                return Some(q);
            }
        }
        let h = col.heading.trim();
        // A processed KoboToolbox export heads columns by group path: "group_lib/services".
        let leaf = h.rsplit(['/', '.']).next().unwrap_or(h);
        self.questions.iter().find(|q| q.name == h).or_else(|| {
            if let Some(q) = self.questions.iter().find(|q| q.name == leaf) {
                return Some(q);
            }
            let h = normalize_heading(h).to_lowercase();
            self.questions
                .iter()
                .find(|q| !q.label.is_empty() && normalize_heading(&q.label).to_lowercase() == h)
        })
    }

    /// (name, kind) of every question, in the definition's order.
    pub fn kinds(&self) -> Vec<(&str, DefKind)> {
        self.questions
            .iter()
            .map(|q| (q.name.as_str(), q.kind))
            .collect()
    }
}

/// The first cell of a CSV (trimmed, without a byte-order mark): what names a data dictionary.
pub fn first_cell(bytes: &[u8], path: &Path) -> Result<String> {
    let (records, _) = crate::ingest::read_records(bytes, path)?;
    Ok(records
        .first()
        .and_then(|r| r.get(0))
        .map(|s| s.trim().trim_start_matches('\u{feff}').to_string())
        .unwrap_or_default())
}

/// Text without HTML tags and with the common entities decoded, whitespace collapsed.
pub fn strip_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut tag: Option<String> = None;
    for c in s.chars() {
        match (&mut tag, c) {
            (None, '<') => tag = Some(String::new()),
            (Some(t), '>') => {
                // Block-level tags separate words; inline ones (<b>, <span>) do not.
                let name: String = t
                    .trim_start_matches('/')
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric())
                    .collect::<String>()
                    .to_lowercase();
                if matches!(
                    name.as_str(),
                    "br" | "div"
                        | "p"
                        | "li"
                        | "ul"
                        | "ol"
                        | "tr"
                        | "td"
                        | "h1"
                        | "h2"
                        | "h3"
                        | "h4"
                ) {
                    out.push(' ');
                }
                tag = None;
            }
            (Some(t), c) => t.push(c),
            (None, c) => out.push(c),
        }
    }
    let t = crate::ingest::decode::html_entities(&out);
    t.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Index of a header cell by name (case-insensitive, trimmed).
pub(crate) fn col_index(header: &csv::StringRecord, names: &[&str]) -> Option<usize> {
    header.iter().position(|h| {
        let h = h.trim().trim_start_matches('\u{feff}').to_lowercase();
        names.iter().any(|n| h == n.to_lowercase())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_is_stripped() {
        assert_eq!(
            strip_html("This is a plain mcsa question.&nbsp;<div><br></div><div>What kind?</div>"),
            "This is a plain mcsa question. What kind?"
        );
        assert_eq!(
            strip_html("Chocolate with &gt;80% cocoa"),
            "Chocolate with >80% cocoa"
        );
    }
}
