//! `shelfstat init EXPORT`: a draft codebook on standard output.

use crate::codebook::Format;
use crate::draft::{self, Draft};
use crate::error::{Error, Result};
use crate::ingest;
use std::path::{Component, Path, PathBuf};

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

/// Reads the export and drafts its codebook for the current folder; also returns the layout it
/// was read as.
pub fn init(opts: &InitOptions) -> Result<(Draft, Format)> {
    init_into(opts, None)
}

/// As [`init`], for a draft that will be written into `draft_dir` (None: the current folder):
/// its `source` is relative to that folder, as `run` reads it.
pub fn init_into(opts: &InitOptions, draft_dir: Option<&Path>) -> Result<(Draft, Format)> {
    // Detected from the first rows; a large export is streamed.
    // A draft records no provenance: a large export is not hashed.
    let read = ingest::ReadOptions {
        no_fingerprint: true,
        ..Default::default()
    };
    let asked = opts.format.unwrap_or(Format::Auto);
    let mut note = None;
    let raw = match ingest::read_file_with(&opts.export, asked, &read) {
        // No platform's layout recognised: a plain table (one row per respondent, one column
        // per question) is what is left, said on stderr and in the draft's format line.
        Err(e)
            if asked == Format::Auto
                && e.to_string()
                    .contains("does not start an export shelfstat knows") =>
        {
            note = Some(format!(
                "{}: no survey platform's layout recognised; read as a plain table (one row per respondent, one column per question). If it comes from a platform, pass --format",
                opts.export.display()
            ));
            ingest::read_file_with(&opts.export, Format::Plain, &read)?
        }
        r => r?,
    };
    let format = raw.format;
    let source = source_path(&opts.export, draft_dir);
    if opts.like.is_some() && opts.definition.is_some() {
        return Err(Error::Other(
            "--like and --definition cannot be combined: draft from the previous wave, then edit"
                .into(),
        ));
    }
    let definition = match (opts.definition.as_deref(), format) {
        (Some(d), _) => Some(crate::platform::read_definition(d)?),
        // An SPSS file is its own codebook: variable and value labels, sets.
        (None, Format::Spss) => Some(crate::definition::spss::from_file(&opts.export)?),
        (None, _) => None,
    };
    let mut d = match &opts.like {
        Some(prev) => {
            let prev = crate::codebook::Codebook::load(prev)?;
            // An SPSS file's dictionary still types the new wave's questions.
            draft::like::draft_like(&prev, &raw, &source, format, definition.as_ref())?
        }
        None => {
            let _s = crate::progress::step("init: drafted");
            draft::draft(&raw, &source, format, definition.as_ref())?
        }
    };
    let _s = crate::progress::step("init: draft read back");
    if !d.toml.contains("[[questions]]") {
        let what: Vec<String> = d.summary.iter().map(|l| l.trim().to_string()).collect();
        return Err(Error::input(
            &opts.export,
            format!(
                "no question to draft: every column is platform bookkeeping, personal data or empty{}",
                match what.is_empty() {
                    true => String::new(),
                    false => format!(": {}", what.join("; ")),
                }
            ),
        ));
    }
    d.warnings.extend(note);
    let unread = unaccounted(&d, &raw)?;
    d.warnings.extend(super::run::summarised(unread));
    Ok((d, format))
}

/// The export's path as the draft's `source`: `run` resolves `source` from the codebook's
/// folder, so the path is relative to the folder the draft is written in (`draft_dir`, else the
/// current folder) — with `..` steps where the export lies beside or above it — or absolute
/// when the two share nothing but the root.
fn source_path(export: &Path, draft_dir: Option<&Path>) -> String {
    let cwd = std::env::current_dir().unwrap_or_default();
    let absolute = |p: &Path| {
        let p = if p.is_absolute() {
            p.to_path_buf()
        } else {
            cwd.join(p)
        };
        std::fs::canonicalize(&p).unwrap_or(p)
    };
    let export = absolute(export);
    let dir = absolute(
        draft_dir
            .filter(|d| !d.as_os_str().is_empty())
            .unwrap_or(&cwd),
    );
    let rel = relative(&export, &dir).unwrap_or(export);
    // Forward slashes in the codebook, whatever the platform.
    rel.components()
        .filter(|c| !matches!(c, Component::CurDir))
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
        .replacen("//", "/", 1)
}

/// `path` relative to the folder `base` (both absolute), or None when they share only the root.
fn relative(path: &Path, base: &Path) -> Option<PathBuf> {
    let (p, b): (Vec<Component>, Vec<Component>) =
        (path.components().collect(), base.components().collect());
    let common = p.iter().zip(&b).take_while(|(x, y)| x == y).count();
    if common <= 1 {
        return None;
    }
    let mut out = PathBuf::new();
    for _ in common..b.len() {
        out.push("..");
    }
    for c in &p[common..] {
        out.push(c);
    }
    Some(out)
}

/// Columns of the export with answers that the draft leaves unread: the draft is read back as
/// `run` would read it, so the two can never disagree.
fn unaccounted(d: &Draft, raw: &ingest::RawExport) -> Result<Vec<String>> {
    // Named as what it is: the draft is not yet a file (its messages named `EXPORT.toml`, a
    // file init never writes).
    let cb = crate::codebook::Codebook::parse(&d.toml, Path::new("draft codebook"))?;
    Ok(match crate::tidy::resolve(&cb, raw) {
        Ok((_, unaccounted)) => unaccounted.iter().map(|u| u.message()).collect(),
        Err(e) => vec![format!(
            "run will not accept this draft as it stands (a shelfstat bug; please report it): {e}"
        )],
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn source_paths_are_relative_to_where_the_draft_lands() {
        let rel = |p: &str, b: &str| relative(Path::new(p), Path::new(b));
        assert_eq!(rel("/w/in/x.csv", "/w"), Some(PathBuf::from("in/x.csv")));
        assert_eq!(
            rel("/w/in/x.csv", "/w/cb"),
            Some(PathBuf::from("../in/x.csv"))
        );
        assert_eq!(
            rel("/w/x.csv", "/w/a/b"),
            Some(PathBuf::from("../../x.csv"))
        );
        assert_eq!(rel("/data/x.csv", "/home/u"), None);
    }
}
