//! Platform metadata columns, by heading: which identify people, which are bookkeeping, which
//! hold the respondent id. Each platform keeps its own lists beside its reader
//! ([`super::Reader::metadata`]); `init` (what to draft) and `tidy` (which columns of an export
//! are accounted for without a question) ask all of them here.

use super::ExportColumn;
use crate::codebook::Format;

/// Every platform's metadata lists ([`super::Reader::metadata`]): each platform keeps its own.
fn lists() -> impl Iterator<Item = super::Metadata> {
    super::PLATFORMS.iter().map(|p| p.metadata())
}

/// The lists that name an export's bookkeeping: its platform's own (a Google Form's question
/// titled "Status" or "Progress" is a question, not Qualtrics' bookkeeping); every platform's
/// for a plain table, often a platform's export re-saved.
fn lists_for(format: Format) -> impl Iterator<Item = super::Metadata> {
    let every = match format {
        // A plain table is often a re-save, an SPSS file any platform's export.
        Format::Plain | Format::Auto | Format::Spss => true,
        Format::SurveymonkeyExpandedText
        | Format::GoogleForms
        | Format::Qualtrics
        | Format::Kobo
        | Format::Limesurvey
        | Format::Redcap => false,
    };
    super::PLATFORMS
        .iter()
        .filter(move |p| every || p.format() == format)
        .map(|p| p.metadata())
}

/// Whether `h` is a bookkeeping heading of the export's platform.
fn bookkeeping(h: &str, format: Format) -> bool {
    lists_for(format).any(|m| {
        m.bookkeeping.iter().any(|l| l.contains(&h)) || m.suffixes.iter().any(|s| h.ends_with(s))
    })
}

/// The headings that hold a platform's respondent id.
pub fn is_id_heading(h: &str) -> bool {
    lists().any(|m| m.id.contains(&h))
}

/// A bookkeeping column of the platform (dates, ids, status, timings): neither a question nor
/// personal data.
pub fn is_bookkeeping(c: &ExportColumn, format: Format) -> bool {
    // A LimeSurvey column with a localised heading carries its metadata code as its key.
    c.key.as_deref().is_some_and(|k| bookkeeping(k, format))
        || (c.sublabel.is_empty() && bookkeeping(c.heading.trim(), format))
}

/// A platform column that identifies people, by its heading alone (or its key).
pub fn is_pii_heading(c: &ExportColumn) -> bool {
    c.key.as_deref().is_some_and(is_pii_name)
        || (c.sublabel.is_empty() && is_pii_name(c.heading.trim()))
}

/// Whether `name` is a platform's own personal-data column (`ipaddr`, `RecipientEmail` …).
pub fn is_pii_name(name: &str) -> bool {
    lists().any(|m| m.pii.contains(&name))
}
