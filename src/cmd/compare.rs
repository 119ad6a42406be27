//! `shelfstat compare SERIES.toml`: each wave analysed as `run` does, then every harmonised
//! figure compared across the waves.

use crate::compare::{self, Comparison, Wave};
use crate::error::Result;
use crate::output::{self, OutputFile};
use crate::pipeline;
use crate::series::Series;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Default)]
pub struct CompareOptions {
    pub series: PathBuf,
    /// Output folder; default `reports/<series id>`.
    pub out: Option<PathBuf>,
}

pub struct CompareSummary {
    pub out_dir: PathBuf,
    pub files: Vec<PathBuf>,
    pub waves: Vec<(String, u64)>,
    pub clear_changes: usize,
    /// Changes computed at all: 0 when no option is asked in two waves.
    pub computed_changes: usize,
}

/// Loads and analyses every wave of a series, in its order.
pub fn load_waves(series: &Series) -> Result<Vec<Wave>> {
    series
        .waves
        .iter()
        .map(|w| {
            let path = series.codebook_path(w);
            if !path.is_file() {
                let msg = format!(
                    "wave {:?}: codebook {:?} not found (looked for {}; a wave's codebook is relative to the series file's folder)",
                    w.id.get_ref(),
                    w.codebook.get_ref(),
                    path.display()
                );
                return Err(series.error_at(&w.codebook, msg));
            }
            let loaded = pipeline::load(Some(&path))?;
            let a = pipeline::analyse(&loaded)?;
            let panel = match &w.panel_key {
                None => None,
                Some(key) => Some(panel_values(series, key, &loaded.raw)?),
            };
            let weights = crate::stats::run_weights(&a.tidy, a.results.weighting.is_some())?;
            Ok(Wave {
                weights,
                id: w.id.get_ref().clone(),
                codebook: loaded.codebook,
                tidy: a.tidy,
                results: a.results,
                panel,
            })
        })
        .collect()
}

/// The non-empty values of a wave's panel key column.
fn panel_values(
    series: &Series,
    key: &toml::Spanned<String>,
    raw: &crate::ingest::RawExport,
) -> Result<std::collections::BTreeSet<String>> {
    let Some(col) = raw.block(key.get_ref()).first().copied() else {
        let msg = format!(
            "panel key {:?} is not a column of {}",
            key.get_ref(),
            raw.path.display()
        );
        return Err(series.error_at(key, msg));
    };
    Ok(raw
        .cells(col)?
        .iter()
        .flatten()
        .map(|v| v.trim().to_string())
        .filter(|v| !v.is_empty())
        .collect())
}

/// The comparison of a series file.
pub fn comparison(path: &Path) -> Result<Comparison> {
    let series = Series::load(path)?;
    let waves = load_waves(&series)?;
    compare::compare(&series, &waves)
}

/// Every output file of a comparison, rendered in memory (see [`super::outputs`]).
pub fn render_outputs(c: &Comparison) -> Result<Vec<OutputFile>> {
    super::outputs::compare(c)
}

pub fn compare(opts: &CompareOptions) -> Result<CompareSummary> {
    let series = Series::load(&opts.series)?;
    let waves = load_waves(&series)?;
    let c = compare::compare(&series, &waves)?;
    let files = render_outputs(&c)?;
    let out_dir = opts
        .out
        .clone()
        .unwrap_or_else(|| Path::new("reports").join(&c.id));
    // What the comparison read: the series file, and each wave's codebook and export.
    let inputs: Vec<PathBuf> = std::iter::once(opts.series.clone())
        .chain(
            waves
                .iter()
                .flat_map(|w| [w.codebook.path.clone(), w.codebook.source_path()]),
        )
        .collect();
    let inputs: Vec<&Path> = inputs.iter().map(PathBuf::as_path).collect();
    output::write_all(&out_dir, &files, &inputs)?;
    let clear_changes = c.clear_changes();
    let computed_changes = c.computed_changes();
    Ok(CompareSummary {
        out_dir,
        files: files.into_iter().map(|f| f.path).collect(),
        waves: c
            .waves
            .iter()
            .map(|w| (w.id.clone(), w.respondents))
            .collect(),
        clear_changes,
        computed_changes,
    })
}
