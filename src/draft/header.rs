//! The `[survey]` table of a draft: the export's id, title and source, and what the platform's
//! metadata decides (its id column, approval and test-response flags).

use super::ident::ident;
use super::write::q;
use super::Answers;
use crate::codebook::Format;
use crate::definition::Definition;
use crate::ingest::{metadata, RawExport};
use std::fmt::Write;

/// The `[survey]` table's opening lines.
pub(super) fn survey_header(
    raw: &RawExport,
    source: &str,
    format: Format,
    def: Option<&Definition>,
) -> String {
    let mut out = String::new();
    let stem = std::path::Path::new(source)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let survey_id = ident(&stem, &mut super::ident::Scope::default(), "survey_");
    let file = std::path::Path::new(source)
        .file_name()
        .map_or_else(|| source.to_string(), |f| f.to_string_lossy().into_owned());
    let _ = writeln!(
        out,
        "# Draft codebook written by `shelfstat init` from {file}."
    );
    if let Some(d) = def {
        let file = d.path.file_name().map(|f| f.to_string_lossy().into_owned());
        let _ = writeln!(
            out,
            "# Types, labels and codes from the {} {}.",
            d.kind,
            file.unwrap_or_default()
        );
    }
    let _ = writeln!(
        out,
        "# Check every question's type and options, then add sections and headlines.\n"
    );
    let _ = writeln!(out, "[survey]");
    let _ = writeln!(out, "id = {}", q(&survey_id.replace('_', "-")));
    let _ = writeln!(out, "title = {}", q(&stem));
    let _ = writeln!(out, "wave = \"1\"");
    let _ = writeln!(out, "source = {}", q(source));
    let _ = writeln!(out, "format = {}", q(format.as_str()));
    out.push_str(&metadata_lines(raw));
    out
}

/// The `[survey]` lines the export's platform metadata decides: its id column, and KoboToolbox
/// submissions marked "not approved".
pub(super) fn metadata_lines(raw: &RawExport) -> String {
    let mut out = String::new();
    let id_col = raw.columns.iter().find(|c| {
        metadata::is_id_heading(c.heading.trim())
                // LimeSurvey with headings in the survey's language ("Antwort ID").
                || (raw.format == Format::Limesurvey && c.key.as_deref() == Some("id"))
    });
    if let Some(id) = id_col {
        let _ = writeln!(out, "respondent_id = {}", q(&id.heading));
    }
    if let Some(c) = raw
        .columns
        .iter()
        .find(|c| c.heading == "_validation_status")
    {
        let n = Answers::of(raw, c)
            .count(|v| v.contains("not_approved") || v.eq_ignore_ascii_case("Not Approved"));
        if n > 0 {
            let _ = writeln!(
                out,
                "exclude_not_approved = false # {n} submission{} marked \"not approved\": set true to leave {} out",
                if n == 1 { " is" } else { "s are" },
                if n == 1 { "it" } else { "them" }
            );
        }
    }
    let n = raw
        .row_exclusions
        .iter()
        .flatten()
        .filter(|r| crate::ingest::qualtrics::is_test(r))
        .count();
    if n > 0 {
        let _ = writeln!(
            out,
            "keep_test_responses = false # {n} of {} rows are Qualtrics previews or test responses: set true to analyse them",
            raw.height()
        );
    }
    out
}
