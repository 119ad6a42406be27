//! `shelfstat run`: the report, charts, tables, tidy responses and headline JSON for one wave.

use crate::error::Result;
use crate::output::{self, OutputFile};
use crate::pipeline::{self, Analysis};
use std::path::PathBuf;

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

pub fn run(opts: &RunOptions) -> Result<RunSummary> {
    let mut loaded = pipeline::load_as(opts.codebook.as_deref(), opts.format)?;
    let analysis = pipeline::analyse(&loaded)?;
    // The export's cells are not needed past the analysis: free them before the outputs are
    // rendered (the peak of a large run).
    drop(std::mem::take(&mut loaded.raw.cells));
    let files = {
        let _p = crate::progress::phase("rendering");
        render_outputs(&analysis)?
    };
    let out_dir = opts
        .out
        .clone()
        .unwrap_or_else(|| pipeline::default_out_dir(&loaded.codebook));
    {
        let _p = crate::progress::phase("writing");
        output::write_all(&out_dir, &files)?;
    }
    Ok(RunSummary {
        out_dir,
        files: files.into_iter().map(|f| f.path).collect(),
        rows_read: analysis.results.accounting.rows_read,
        analysed: analysis.results.accounting.analysed,
        format: loaded.raw.format,
        warnings: summarised(
            analysis
                .results
                .unaccounted_columns
                .iter()
                .map(|u| u.message())
                .collect(),
        ),
    })
}
