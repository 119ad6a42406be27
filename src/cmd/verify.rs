//! `shelfstat verify DRAFT [SURVEY.toml | SERIES.toml]`: every numeric claim of a draft checked
//! against one wave's data, or against a comparison of waves ([`crate::verify`]).

use crate::error::{Error, Result};
use crate::pipeline;
use crate::tables::Verification;
use std::path::PathBuf;

#[derive(Debug, Clone, Default)]
pub struct VerifyOptions {
    pub draft: PathBuf,
    /// The codebook or series file; None checks against the bundled sample.
    pub codebook: Option<PathBuf>,
}

pub fn verify(opts: &VerifyOptions) -> Result<Verification> {
    crate::files::regular_file(&opts.draft)?;
    let bytes = std::fs::read(&opts.draft).map_err(|e| Error::io(&opts.draft, e))?;
    let text = match crate::verify::docx::is_docx(&bytes, &opts.draft) {
        true => crate::verify::docx::text(&bytes, &opts.draft)?,
        false => String::from_utf8(bytes).map_err(|e| {
            Error::input(
                &opts.draft,
                format!(
                    "not UTF-8 text (byte {}): save the draft as Markdown, plain text or .docx",
                    e.utf8_error().valid_up_to()
                ),
            )
        })?,
    };
    let name = opts.draft.file_name().map_or_else(
        || opts.draft.display().to_string(),
        |f| f.to_string_lossy().into_owned(),
    );
    if let Some(series) = opts
        .codebook
        .as_deref()
        .filter(|p| super::headline::is_series(p))
    {
        let c = super::compare::comparison(series)?;
        return Ok(crate::verify::verify_series(&text, &name, &c));
    }
    let loaded = pipeline::load(opts.codebook.as_deref())?;
    let analysis = pipeline::analyse(&loaded)?;
    Ok(crate::verify::verify(&text, &name, &analysis.results))
}
