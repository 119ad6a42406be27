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
    /// Restrict to respondents from one UN M49 region or sub-region.
    pub region: Option<String>,
    /// Export layout, overriding the codebook's `format`.
    pub export_format: Option<crate::codebook::Format>,
}

/// Whether a TOML file is a series file (it has a `[series]` table) rather than a codebook.
pub(crate) fn is_series(path: &std::path::Path) -> bool {
    crate::files::regular_file(path).is_ok()
        && std::fs::read_to_string(path)
            .ok()
            .and_then(|t| t.parse::<toml::Table>().ok())
            .is_some_and(|t| t.contains_key("series"))
}

/// The rendered headlines (printed by the CLI); for a series file, how each one changed.
pub fn headline(opts: &HeadlineOptions) -> Result<String> {
    if let Some(path) = opts.codebook.as_deref().filter(|p| is_series(p)) {
        if opts.country.is_some() || opts.region.is_some() {
            return Err(crate::error::Error::Other(
                "--country and --region are not available for a series yet: see the changes by region in compare.md".into(),
            ));
        }
        let c = crate::cmd::compare::comparison(path)?;
        return Ok(match opts.format {
            HeadlineFormat::Text => render::compare_text::headlines(&c),
            HeadlineFormat::Json => render::json::comparison_headlines(&c),
        });
    }
    let loaded = pipeline::load_as(opts.codebook.as_deref(), opts.export_format)?;
    let scope = match (&opts.country, &opts.region) {
        (Some(_), Some(_)) => {
            return Err(crate::error::Error::Other(
                "give --country or --region, not both".into(),
            ))
        }
        (Some(c), None) => Some(pipeline::Scope::Country(c.clone())),
        (None, Some(r)) => Some(pipeline::Scope::Region(r.clone())),
        (None, None) => None,
    };
    let (analysis, scope) = match &scope {
        None => (pipeline::analyse(&loaded)?, None),
        Some(s) => {
            let (a, name) = pipeline::analyse_scope(&loaded, s)?;
            (a, Some(name))
        }
    };
    let r = &analysis.results;
    Ok(match opts.format {
        HeadlineFormat::Text => render::text::headlines(r, scope.as_deref()),
        HeadlineFormat::Json => render::json::headlines(r, scope.as_deref()),
    })
}
