//! `shelfstat run`: the report, charts, tables, tidy responses and headline JSON for one wave.

use crate::error::{Error, Result};
use crate::output::{self, OutputFile};
use crate::pipeline::{self, Analysis};
use crate::tables::Results;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Default)]
pub struct RunOptions {
    /// The codebook; None runs the bundled sample.
    pub codebook: Option<PathBuf>,
    /// Output folder; default `reports/<survey id>`.
    pub out: Option<PathBuf>,
    /// Export layout, overriding the codebook's `format`.
    pub format: Option<crate::codebook::Format>,
}

#[derive(Debug, Clone)]
pub struct RunSummary {
    pub out_dir: PathBuf,
    pub files: Vec<PathBuf>,
    pub rows_read: usize,
    pub analysed: usize,
    /// The layout the export was read as (detected when the codebook says "auto").
    pub format: crate::codebook::Format,
    /// Warnings the user must see on the terminal, not only in the report (unaccounted columns).
    pub warnings: Vec<String>,
    /// Decisions the codebook has not confirmed, and what each withholds.
    pub needs_review: Vec<String>,
    /// What became of rows and bytes, said on the terminal as well as in the report: rows
    /// excluded by reason, and the data notes (an export read as windows-1252 …).
    pub notes: Vec<String>,
}

/// Every output file of a run, rendered in memory (see [`super::outputs`]).
pub fn render_outputs(a: &Analysis) -> Result<Vec<OutputFile>> {
    super::outputs::run(a)
}

/// At most ten warnings, then how many more (a file with 100,000 unknown columns).
pub fn summarised(mut warnings: Vec<String>) -> Vec<String> {
    const LISTED: usize = 10;
    if warnings.len() > LISTED {
        let rest = warnings.len() - LISTED;
        warnings.truncate(LISTED);
        warnings.push(format!(
            "and {rest} more columns that no question reads (listed in results.json)"
        ));
    }
    warnings
}

/// `run --only tables`: the stat tables of one wave, computed as `run` computes them, with
/// what a run says; no file written, no output folder touched.
pub fn tables(opts: &RunOptions) -> Result<(RunSummary, Results)> {
    let loaded = pipeline::load_as(opts.codebook.as_deref(), opts.format)?;
    let (tidy, weighting) = pipeline::tidy_weighted(&loaded)?;
    let results = pipeline::analyse_tidy(&loaded, &tidy, weighting)?;
    Ok((
        summary(&loaded, &results, PathBuf::new(), Vec::new()),
        results,
    ))
}

/// Runs one wave. The tidy responses are written into the staging folder on threads of their
/// own as soon as they exist, while the stat tables are computed and the published files
/// rendered and written; the whole set is then swapped in at once.
pub fn run(opts: &RunOptions) -> Result<RunSummary> {
    let mut loaded = pipeline::load_as(opts.codebook.as_deref(), opts.format)?;
    let (tidy, weighting) = pipeline::tidy_weighted(&loaded)?;
    // The export's cells are not needed past tidying: freed before the outputs are rendered
    // (the peak of a large run).
    drop(std::mem::take(&mut loaded.raw.cells));
    let out_dir = opts
        .out
        .clone()
        .unwrap_or_else(|| pipeline::default_out_dir(&loaded.codebook));
    // The codebook and its export must lie outside the folder the run replaces.
    let read = loaded.codebook.input_files();
    let inputs: Vec<&Path> = match &opts.codebook {
        Some(cb) => std::iter::once(cb.as_path())
            .chain(read.iter().map(PathBuf::as_path))
            .collect(),
        None => vec![],
    };
    let staging = output::Staging::begin(&out_dir, &inputs)?;
    let (results, files) = std::thread::scope(|s| {
        let tidy_job = s.spawn(|| super::outputs::stream_tidy(&tidy, &staging));
        let published = publish(&loaded, &tidy, weighting, &staging);
        let tidy_paths = tidy_job
            .join()
            .map_err(|_| Error::Internal("the tidy outputs' thread panicked".into()))?;
        let (results, mut files) = published?;
        files.extend(tidy_paths?.iter().map(PathBuf::from));
        files.sort();
        Ok::<_, Error>((results, files))
    })?;
    {
        let _p = crate::progress::phase("writing");
        let paths: Vec<&Path> = files.iter().map(PathBuf::as_path).collect();
        staging.commit(&paths)?;
    }
    Ok(summary(&loaded, &results, out_dir, files))
}

/// What a run says on the terminal.
fn summary(
    loaded: &pipeline::Loaded,
    results: &Results,
    out_dir: PathBuf,
    files: Vec<PathBuf>,
) -> RunSummary {
    RunSummary {
        out_dir,
        files,
        rows_read: results.accounting.rows_read,
        analysed: results.accounting.analysed,
        format: loaded.raw.format,
        needs_review: results.needs_review.iter().map(|r| r.message()).collect(),
        notes: notes(results),
        warnings: summarised(
            results
                .unaccounted_columns
                .iter()
                .map(|u| u.message())
                .collect(),
        ),
    }
}

/// Rows excluded, by reason, and the data notes: at most ten of these, then how many more.
fn notes(r: &Results) -> Vec<String> {
    let a = &r.accounting;
    let mut out: Vec<String> = a
        .excluded
        .iter()
        .map(|e| format!("{} of {} rows excluded: {}", e.rows, a.rows_read, e.reason))
        .collect();
    out.extend(r.warnings.iter().take(10).cloned());
    if r.warnings.len() > 10 {
        out.push(format!(
            "and {} more data notes (in the report)",
            r.warnings.len() - 10
        ));
    }
    out
}

/// The stat tables, and the published files rendered and written into `staging`; their paths.
fn publish(
    loaded: &pipeline::Loaded,
    tidy: &crate::tidy::Tidy,
    weighting: Option<crate::tables::WeightingInfo>,
    staging: &output::Staging,
) -> Result<(Results, Vec<PathBuf>)> {
    let results = pipeline::analyse_tidy(loaded, tidy, weighting)?;
    let files = {
        let _p = crate::progress::phase("rendering");
        super::outputs::published(&results)?
    };
    let _p = crate::progress::phase("writing");
    staging.write(&files)?;
    Ok((results, files.into_iter().map(|f| f.path).collect()))
}
