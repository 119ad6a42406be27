//! Platform metadata columns, by heading: which identify people, which are bookkeeping, which
//! hold the respondent id. Each platform keeps its own lists beside its reader
//! ([`super::Reader::metadata`]); `init` (what to draft) and `tidy` (which columns of an export
//! are accounted for without a question) ask all of them here.

use super::ExportColumn;

/// Every platform's metadata lists ([`super::Reader::metadata`]): each platform keeps its own.
fn lists() -> impl Iterator<Item = super::Metadata> {
    super::PLATFORMS.iter().map(|p| p.metadata())
}

/// Whether `h` is a bookkeeping heading of some platform.
fn bookkeeping(h: &str) -> bool {
    lists().any(|m| {
        m.bookkeeping.iter().any(|l| l.contains(&h)) || m.suffixes.iter().any(|s| h.ends_with(s))
    })
}

/// The headings that hold a platform's respondent id.
pub fn is_id_heading(h: &str) -> bool {
    lists().any(|m| m.id.contains(&h))
}

/// A bookkeeping column of the platform (dates, ids, status, timings): neither a question nor
/// personal data.
pub fn is_bookkeeping(c: &ExportColumn) -> bool {
    // A LimeSurvey column with a localised heading carries its metadata code as its key.
    c.key.as_deref().is_some_and(bookkeeping)
        || (c.sublabel.is_empty() && bookkeeping(c.heading.trim()))
}

/// A platform column that identifies people, by its heading alone (or its key).
pub fn is_pii_heading(c: &ExportColumn) -> bool {
    let pii = |h: &str| lists().any(|m| m.pii.contains(&h));
    c.key.as_deref().is_some_and(pii) || (c.sublabel.is_empty() && pii(c.heading.trim()))
}
