//! The one-way flow shared by the commands: codebook + export → tidy → stat tables.

use crate::codebook::Codebook;
use crate::error::{Error, Result};
use crate::ingest::{self, RawExport};
use crate::sample;
use crate::stats::{self, FileFingerprint, Provenance, Results};
use crate::tables::WeightingInfo;
use crate::tidy::{self, Tidy};
use polars::prelude::*;
use std::path::{Path, PathBuf};

pub const TOOL: &str = concat!("shelfstat ", env!("CARGO_PKG_VERSION"));

/// A codebook and its export, read.
pub struct Loaded {
    pub codebook: Codebook,
    pub raw: RawExport,
}

impl Loaded {
    /// A codebook and its export as read, the codebook's missing-value markers made no answer
    /// (with a data note saying how many cells).
    pub fn new(codebook: Codebook, mut raw: RawExport) -> Loaded {
        let missing = &codebook.survey.missing;
        let n = raw.blank_missing(missing);
        if n > 0 {
            let list: Vec<String> = missing.iter().map(|m| format!("{m:?}")).collect();
            raw.warnings.push(format!(
                "{n} cells holding {} (the codebook's missing-value markers) are read as no answer",
                list.join(" or ")
            ));
        }
        Loaded { codebook, raw }
    }
}

/// Reads the codebook at `path`, or the bundled sample when None, and its export.
pub fn load(path: Option<&Path>) -> Result<Loaded> {
    load_as(path, None)
}

/// As [`load`], with the export's format overridden (the CLI's `--format`).
pub fn load_as(path: Option<&Path>, format: Option<crate::codebook::Format>) -> Result<Loaded> {
    match path {
        Some(p) => {
            let codebook = Codebook::load(p)?;
            crate::kinds::check(&codebook)?;
            let src = codebook.source_path();
            if src.is_dir() {
                let msg = format!(
                    "source {:?} is a folder ({}), not an export file",
                    codebook.survey.source.get_ref(),
                    src.display()
                );
                return Err(codebook.error_at(&codebook.survey.source, msg));
            }
            if src.exists() && !src.is_file() {
                let msg = format!(
                    "source {:?} is a device, pipe or socket ({}), not an export file",
                    codebook.survey.source.get_ref(),
                    src.display()
                );
                return Err(codebook.error_at(&codebook.survey.source, msg));
            }
            if !src.exists() {
                let dir = codebook.dir();
                let dir = if dir.as_os_str().is_empty() {
                    Path::new(".")
                } else {
                    &dir
                };
                let msg = format!(
                    "source {:?} not found: looked for {} (source is relative to the codebook's folder, {})",
                    codebook.survey.source.get_ref(),
                    src.display(),
                    dir.display()
                );
                return Err(codebook.error_at(&codebook.survey.source, msg));
            }
            let fmt = format.unwrap_or(*codebook.survey.format.get_ref());
            let opts = ingest::ReadOptions {
                checkbox_words: codebook.survey.checkbox_words.clone(),
                exclude_malformed_rows: codebook.survey.malformed_rows
                    == crate::codebook::MalformedRows::Exclude,
                replace_invalid_utf8: codebook.survey.invalid_utf8
                    == crate::codebook::InvalidUtf8::Replace,
                // Every output records the export's SHA-256.
                no_fingerprint: false,
            };
            let raw = {
                let _p = crate::progress::phase("reading");
                ingest::read_file_with(&src, fmt, &opts)?
            };
            Ok(Loaded::new(codebook, raw))
        }
        None => {
            let mut codebook = Codebook::parse(sample::CODEBOOK, Path::new(sample::CODEBOOK_PATH))?;
            codebook.human_codes_from(sample::file)?;
            crate::kinds::check(&codebook)?;
            let fmt = format.unwrap_or(*codebook.survey.format.get_ref());
            let raw = ingest::read(sample::RESPONSES, Path::new(sample::RESPONSES_PATH), fmt)?;
            Ok(Loaded { codebook, raw })
        }
    }
}

/// The tidy frame and every stat table.
pub struct Analysis {
    pub tidy: Tidy,
    pub results: Results,
}

fn file_name(p: &Path) -> String {
    p.file_name()
        .map(|f| f.to_string_lossy().into_owned())
        .unwrap_or_else(|| p.display().to_string())
}

/// A codebook's `source` for outputs: as written when relative, the file name when absolute.
fn relative_or_name(source: &str) -> String {
    let p = Path::new(source);
    if p.is_absolute() {
        file_name(p)
    } else {
        source.to_string()
    }
}

pub fn provenance(l: &Loaded) -> Provenance {
    let cb = &l.codebook;
    Provenance {
        tool: TOOL.to_string(),
        format: l.raw.format.as_str().to_string(),
        // Paths relative to the codebook, never absolute: the same inputs give the same bytes
        // anywhere.
        input: FileFingerprint {
            path: relative_or_name(cb.survey.source.get_ref()),
            sha256: l.raw.sha256.clone(),
            bytes: l.raw.size_bytes,
        },
        codebook: FileFingerprint {
            path: file_name(&cb.path),
            sha256: ingest::sha256_hex(cb.source_text.as_bytes()),
            bytes: cb.source_text.len() as u64,
        },
    }
}

pub fn analyse(l: &Loaded) -> Result<Analysis> {
    let (tidy, weighting) = tidy_weighted(l)?;
    let results = analyse_tidy(l, &tidy, weighting)?;
    Ok(Analysis { tidy, results })
}

/// The tidy responses of a loaded export, weighted when the codebook says so: what the stat
/// tables are computed from, and what the tidy outputs hold.
pub fn tidy_weighted(l: &Loaded) -> Result<(Tidy, Option<WeightingInfo>)> {
    let mut tidy = {
        let _p = crate::progress::phase("tidying");
        tidy::tidy(&l.codebook, &l.raw)?
    };
    if tidy.frame.height() == 0 {
        return Err(tidy::no_rows_error(&l.raw, &tidy.accounting));
    }
    let weighting = crate::weighting::apply(&l.codebook, &mut tidy)?;
    Ok((tidy, weighting))
}

/// The stat tables of tidy responses (see [`tidy_weighted`]).
pub fn analyse_tidy(l: &Loaded, tidy: &Tidy, weighting: Option<WeightingInfo>) -> Result<Results> {
    let _p = crate::progress::phase("analysing");
    stats::compute(&l.codebook, tidy, provenance(l), weighting)
}

/// The analysis restricted to respondents from one country (ISO alpha-2 or a name), with
/// headline figures on a base under the suppression threshold withheld.
pub fn analyse_country(l: &Loaded, country: &str) -> Result<(Analysis, String)> {
    analyse_scope(l, &Scope::Country(country.to_string()))
}

/// Which respondents a scoped analysis keeps.
#[derive(Debug, Clone, PartialEq)]
pub enum Scope {
    /// A country, by ISO code or name.
    Country(String),
    /// A UN M49 region or sub-region ("Europe", "Northern Europe"), any case.
    Region(String),
}

/// The analysis of the respondents in one country or region, headlines under the suppression
/// threshold withheld; with the scope's name.
pub fn analyse_scope(l: &Loaded, scope: &Scope) -> Result<(Analysis, String)> {
    let cb = &l.codebook;
    let flag = match scope {
        Scope::Country(_) => "--country",
        Scope::Region(_) => "--region",
    };
    let q = cb.country_question().ok_or_else(|| {
        Error::Other(format!(
            "{}: the codebook has no country question, so {flag} cannot be used",
            cb.path.display()
        ))
    })?;
    let mut tidy = tidy::tidy(cb, &l.raw)?;
    let weighting = crate::weighting::apply(cb, &mut tidy)?;
    let (mask, name): (BooleanChunked, String) = match scope {
        Scope::Country(country) => {
            let m = crate::country::lookup(country).ok_or_else(|| {
                Error::Other(format!(
                    "--country {country:?}: not a recognised country name or ISO code"
                ))
            })?;
            let col = tidy.frame.column(q.id())?.str()?.clone();
            (
                col.iter().map(|v| v == Some(m.alpha2.as_str())).collect(),
                m.name,
            )
        }
        Scope::Region(region) => region_mask(&tidy, q.id(), region)?,
    };
    tidy.frame = tidy.filter(&mask)?;
    let mut results = stats::compute(cb, &tidy, provenance(l), weighting)?;
    results.suppress_headlines(cb.survey.suppression_threshold);
    Ok((Analysis { tidy, results }, name))
}

/// Who is in `region` (a UN M49 region or sub-region, any case), and its name as written.
fn region_mask(t: &Tidy, q: &str, region: &str) -> Result<(BooleanChunked, String)> {
    let want = region.trim().to_lowercase();
    let mut known = std::collections::BTreeSet::new();
    for flag in [crate::names::REGION, crate::names::SUBREGION] {
        let col = t.frame.column(&crate::names::flag(q, flag))?.str()?.clone();
        known.extend(col.iter().flatten().map(str::to_string));
        let found = col
            .iter()
            .flatten()
            .find(|v| v.to_lowercase() == want)
            .map(str::to_string);
        if let Some(name) = found {
            let mask = col.iter().map(|v| v == Some(name.as_str())).collect();
            return Ok((mask, name));
        }
    }
    let list: Vec<String> = known.into_iter().collect();
    Err(Error::Other(format!(
        "--region {region:?}: no respondent is in that region; the regions and sub-regions of this survey are {}",
        list.join(", ")
    )))
}

/// Default output folder for a codebook.
pub fn default_out_dir(cb: &Codebook) -> PathBuf {
    // The id is a validated slug (codebook::check_slug): never a path of its own.
    Path::new("reports").join(cb.survey.id.get_ref())
}
