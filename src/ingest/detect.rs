//! Which platform wrote an export, from its first rows.

use super::{surveymonkey, with_table};
use crate::codebook::Format;
use crate::error::{Error, Result};
use std::path::Path;

/// The platform that wrote an export, from its first header cell.
pub fn detect(bytes: &[u8], path: &Path) -> Result<Format> {
    let records = with_table(bytes, path, |t, _| Ok(t.head.clone()))?;
    detect_head(&records, path)
}

/// The platform, from the export's first rows.
pub(super) fn detect_head(records: &[csv::StringRecord], path: &Path) -> Result<Format> {
    let header: Vec<&str> = records
        .first()
        .map(|r| r.iter().map(str::trim).collect())
        .unwrap_or_default();
    let first_line = header.join(",");
    let first = header.first().copied().unwrap_or("");
    if let (Some(r1), Some(r2)) = (records.first(), records.get(1)) {
        if surveymonkey::is_pandas_resave(r1, r2) {
            return Ok(Format::SurveymonkeyExpandedText);
        }
    }
    match first {
        "Respondent ID" => Ok(Format::SurveymonkeyExpandedText),
        h if super::googleforms::TIMESTAMP.contains(&h) => Ok(Format::GoogleForms),
        "StartDate" | "V1" | "ResponseID" => Ok(Format::Qualtrics),
        "id" if first_line.contains("submitdate") => Ok(Format::Limesurvey),
        // Headings in the survey's language: the metadata columns' cells say what it is.
        _ if super::limesurvey_layout::metadata_codes(records).is_some() => Ok(Format::Limesurvey),
        "record_id" => Ok(Format::Redcap),
        _ if first_line.contains("(choice=") || header.iter().any(|h| h.ends_with("_complete")) => Ok(Format::Redcap),
        _ if first_line.contains("_uuid") || first_line.contains("_submission_time") => Ok(Format::Kobo),
        other => Err(Error::input(
            path,
            format!(
                "row 1, column A: {:?} does not start an export shelfstat knows (SurveyMonkey, Google Forms, Qualtrics, KoboToolbox, LimeSurvey, REDCap); for a plain table (one row per respondent, one column per question) set format = \"plain\" in the codebook or pass --format plain",
                other.chars().take(40).collect::<String>()
            ),
        )),
    }
}
