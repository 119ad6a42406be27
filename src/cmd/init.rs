//! `shelfstat init EXPORT`: a draft codebook on standard output.

use crate::codebook::Format;
use crate::draft::{self, Draft};
use crate::error::{Error, Result};
use crate::ingest;
use std::path::PathBuf;

#[derive(Debug, Clone)]
pub struct InitOptions {
    pub export: PathBuf,
    /// Layout; default detected from the headers.
    pub format: Option<Format>,
    /// The platform's own codebook (REDCap data dictionary, XLSForm, Qualtrics .qsf).
    pub definition: Option<PathBuf>,
    /// The previous wave's codebook: draft the new wave from it (`--like`).
    pub like: Option<PathBuf>,
}

/// Reads the export and drafts its codebook; also returns the layout it was read as.
pub fn init(opts: &InitOptions) -> Result<(Draft, Format)> {
    // Detected from the first rows; a large export is streamed.
    // A draft records no provenance: a large export is not hashed.
    let read = ingest::ReadOptions {
        no_fingerprint: true,
        ..Default::default()
    };
    let raw = ingest::read_file_with(&opts.export, opts.format.unwrap_or(Format::Auto), &read)?;
    let format = raw.format;
    let source = source_path(&opts.export);
    let definition = opts
        .definition
        .as_deref()
        .map(crate::platform::read_definition)
        .transpose()?;
    let mut d = match &opts.like {
        Some(prev) => {
            if definition.is_some() {
                return Err(Error::Other(
                    "--like and --definition cannot be combined: draft from the previous wave, then edit".into(),
                ));
            }
            let prev = crate::codebook::Codebook::load(prev)?;
            draft::like::draft_like(&prev, &raw, &source, format)?
        }
        None => {
            let _s = crate::progress::step("init: drafted");
            draft::draft(&raw, &source, format, definition.as_ref())?
        }
    };
    let _s = crate::progress::step("init: draft read back");
    let unread = unaccounted(&d, &raw, &opts.export)?;
    d.warnings.extend(super::run::summarised(unread));
    Ok((d, format))
}

/// The export's path as the draft's `source`: the draft is written in the current folder
/// (`init … > survey.toml`), and `run` resolves `source` from the codebook's folder, so the
/// path is relative to the current folder when the export is below it, else absolute.
fn source_path(export: &std::path::Path) -> String {
    let cwd = std::env::current_dir().ok();
    let abs = match (export.is_absolute(), &cwd) {
        (false, Some(cwd)) => cwd.join(export),
        _ => export.to_path_buf(),
    };
    let rel = cwd.and_then(|cwd| {
        abs.strip_prefix(&cwd)
            .ok()
            .map(std::path::Path::to_path_buf)
    });
    let p = rel.unwrap_or(abs);
    // Forward slashes in the codebook, whatever the platform.
    p.components()
        .filter(|c| !matches!(c, std::path::Component::CurDir))
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
        .replacen("//", "/", 1)
}

/// Columns of the export with answers that the draft leaves unread: the draft is read back as
/// `run` would read it, so the two can never disagree.
fn unaccounted(
    d: &Draft,
    raw: &ingest::RawExport,
    export: &std::path::Path,
) -> Result<Vec<String>> {
    let cb = crate::codebook::Codebook::parse(&d.toml, &export.with_extension("toml"))?;
    Ok(match crate::tidy::resolve(&cb, raw) {
        Ok((_, unaccounted)) => unaccounted.iter().map(|u| u.message()).collect(),
        Err(e) => vec![format!(
            "run will not accept this draft as it stands (a shelfstat bug; please report it): {e}"
        )],
    })
}
