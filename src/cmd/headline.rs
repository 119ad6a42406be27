//! `shelfstat headline`: sentences an advocate can paste, each with its number, base and interval.

use crate::error::Result;
use crate::pipeline;
use crate::render;
use std::path::PathBuf;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum HeadlineFormat {
    #[default]
    Text,
    Json,
}

#[derive(Debug, Clone, Default)]
pub struct HeadlineOptions {
    pub codebook: Option<PathBuf>,
    pub format: HeadlineFormat,
    /// Restrict to respondents from one country (ISO code or name).
    pub country: Option<String>,
    /// Export layout, overriding the codebook's `format`.
    pub export_format: Option<crate::codebook::Format>,
}

/// The rendered headlines (printed by the CLI).
pub fn headline(opts: &HeadlineOptions) -> Result<String> {
    let loaded = pipeline::load_as(opts.codebook.as_deref(), opts.export_format)?;
    let (analysis, scope) = match &opts.country {
        None => (pipeline::analyse(&loaded)?, None),
        Some(c) => {
            let (a, name) = pipeline::analyse_country(&loaded, c)?;
            (a, Some(name))
        }
    };
    let r = &analysis.results;
    Ok(match opts.format {
        HeadlineFormat::Text => render::text::headlines(r, scope.as_deref()),
        HeadlineFormat::Json => render::json::headlines(r, scope.as_deref()),
    })
}
