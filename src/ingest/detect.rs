//! Which platform wrote an export, from its first rows.

use super::with_table;
use crate::codebook::Format;
use crate::error::{Error, Result};
use std::path::Path;

/// The platform that wrote an export, from its first header cell.
pub fn detect(bytes: &[u8], path: &Path) -> Result<Format> {
    if super::spss::is_sav(bytes) {
        return Ok(Format::Spss);
    }
    let records = with_table(bytes, path, |t, _| Ok(t.head.clone()))?;
    detect_head(&records, path)
}

/// The platform, from the export's first rows: the first reader of [`super::PLATFORMS`] that
/// recognises them.
pub(super) fn detect_head(records: &[csv::StringRecord], path: &Path) -> Result<Format> {
    let head = super::Head::new(records);
    if let Some(p) = super::PLATFORMS.iter().find(|p| p.detects(&head)) {
        return Ok(p.format());
    }
    Err(Error::input(
        path,
        format!(
            "row 1, column A: {:?} does not start an export shelfstat knows (SurveyMonkey, Google Forms, Qualtrics, KoboToolbox, LimeSurvey, REDCap); for a plain table (one row per respondent, one column per question) set format = \"plain\" in the codebook or pass --format plain",
            head.first().chars().take(40).collect::<String>()
        ),
    ))
}
