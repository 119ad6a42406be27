//! `shelfstat verify DRAFT [SURVEY.toml]`: every numeric claim of a draft checked against the
//! data ([`crate::verify`]).

use crate::error::{Error, Result};
use crate::pipeline;
use crate::tables::Verification;
use std::path::PathBuf;

#[derive(Debug, Clone, Default)]
pub struct VerifyOptions {
    pub draft: PathBuf,
    /// The codebook; None checks against the bundled sample.
    pub codebook: Option<PathBuf>,
}

pub fn verify(opts: &VerifyOptions) -> Result<Verification> {
    let bytes = std::fs::read(&opts.draft).map_err(|e| Error::io(&opts.draft, e))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        Error::input(
            &opts.draft,
            format!(
                "not UTF-8 text (byte {}): save the draft as Markdown or plain text",
                e.utf8_error().valid_up_to()
            ),
        )
    })?;
    let loaded = pipeline::load(opts.codebook.as_deref())?;
    let analysis = pipeline::analyse(&loaded)?;
    let name = opts.draft.file_name().map_or_else(
        || opts.draft.display().to_string(),
        |f| f.to_string_lossy().into_owned(),
    );
    Ok(crate::verify::verify(&text, &name, &analysis.results))
}
