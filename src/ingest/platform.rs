//! What every platform tells about itself beside its reading: how to recognise its exports
//! (from their first rows) and which of its columns are bookkeeping, personal data or the
//! respondent id; and the list of platforms that detection asks in turn.

use super::{googleforms, kobo, limesurvey, plain, qualtrics, redcap, surveymonkey, Reader};

/// A platform's metadata columns, by heading ([`Reader::metadata`]).
#[derive(Debug, Clone, Copy, Default)]
pub struct Metadata {
    /// Lists of headings (a platform's own list may be made of several it keeps apart).
    pub bookkeeping: &'static [&'static [&'static str]],
    pub pii: &'static [&'static str],
    pub id: &'static [&'static str],
    /// Endings of bookkeeping headings (REDCap's `<form>_complete`, `<form>_timestamp`).
    pub suffixes: &'static [&'static str],
}

/// Every platform's reader, in the order detection asks them (the more specific layouts first).
pub static PLATFORMS: [&dyn Reader; 7] = [
    &surveymonkey::SurveyMonkey,
    &googleforms::GoogleForms,
    &qualtrics::Qualtrics,
    &limesurvey::LimeSurvey { words: None },
    &redcap::Redcap,
    &kobo::Kobo,
    &plain::Plain,
];

/// An export's first rows, as detection reads them.
pub struct Head<'a> {
    pub rows: &'a [csv::StringRecord],
    /// The first row's cells, trimmed.
    pub header: Vec<&'a str>,
    /// The first row joined by ",".
    pub line: String,
}

impl<'a> Head<'a> {
    pub fn new(rows: &'a [csv::StringRecord]) -> Head<'a> {
        let header: Vec<&str> = rows
            .first()
            .map(|r| r.iter().map(str::trim).collect())
            .unwrap_or_default();
        let line = header.join(",");
        Head { rows, header, line }
    }
    pub fn first(&self) -> &str {
        self.header.first().copied().unwrap_or("")
    }
}
