//! `shelfstat run`: the report, charts, tables, tidy responses and headline JSON for one wave.

use crate::error::Result;
use crate::output::{self, OutputFile};
use crate::pipeline::{self, Analysis};
use crate::render;
use crate::stats::QuestionStats;
use rayon::prelude::*;
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

/// Every output file of a run, rendered in memory.
pub fn render_outputs(a: &Analysis) -> Result<Vec<OutputFile>> {
    let r = &a.results;
    // The two large files, each on its own core.
    let (parquet, csv) = rayon::join(|| a.tidy.to_parquet(), || a.tidy.to_csv());
    let mut files = vec![
        OutputFile::new("report.md", render::markdown::report(r)),
        OutputFile::new("headline.json", render::json::headlines(r, None)),
        OutputFile::new("results.json", render::json::results(r)),
        OutputFile::new("report.xlsx", render::xlsx::workbook(r)?),
        OutputFile::new("tables/rows.csv", render::csv::rows(r)?),
        OutputFile::new("tables/excluded_rows.csv", render::csv::excluded_rows(r)?),
        OutputFile::new("tidy/responses.parquet", parquet?),
        OutputFile::new("tidy/responses.csv", csv?),
    ];
    for q in &r.questions {
        files.push(OutputFile::new(
            format!("tables/{}.csv", q.id()),
            render::csv::question_table(q)?,
        ));
    }
    let charts: Vec<Vec<OutputFile>> = r
        .questions
        .par_iter()
        .map(|q| {
            let unit = &r.survey.unit;
            let (png, svg) = match q {
                QuestionStats::Choice(t) => {
                    (render::chart::png(t, unit)?, render::chart::svg(t, unit)?)
                }
                QuestionStats::Grid(t) => (
                    render::likert_chart::png(t, unit)?,
                    render::likert_chart::svg(t, unit)?,
                ),
                QuestionStats::Country(_)
                | QuestionStats::Numeric(_)
                | QuestionStats::Text(_)
                | QuestionStats::Ranking(_) => return Ok(Vec::new()),
            };
            Ok(output::chart_pair(&format!("charts/{}", q.id()), png, svg)
                .into_iter()
                .collect())
        })
        .collect::<Result<_>>()?;
    files.extend(charts.into_iter().flatten());
    files.extend(map_files(r)?);
    for b in &r.breakdowns {
        let stem = format!("{}_by_{}", b.question, b.by);
        files.push(OutputFile::new(
            format!("tables/{stem}.csv"),
            render::csv::breakdown(b)?,
        ));
    }
    let heatmaps: Vec<Vec<OutputFile>> = r
        .breakdowns
        .par_iter()
        .map(|b| {
            let stem = format!("{}_by_{}", b.question, b.by);
            Ok(vec![
                OutputFile::new(format!("charts/{stem}.png"), render::chart::heatmap_png(b)?),
                OutputFile::new(format!("charts/{stem}.svg"), render::chart::heatmap_svg(b)?),
            ])
        })
        .collect::<Result<_>>()?;
    files.extend(heatmaps.into_iter().flatten());
    files.push(html_report(r, &files)?);
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(files)
}

/// `report.html`: the report with every chart it names inline, from the SVG files drawn above.
fn html_report(r: &crate::tables::Results, files: &[OutputFile]) -> Result<OutputFile> {
    let charts = output::svg_charts(files);
    Ok(OutputFile::new(
        "report.html",
        render::html::report(r, &charts)?,
    ))
}

/// The map of responding units by country (when the survey asks for the country), and each
/// `[analysis] maps` share map.
fn map_files(r: &crate::tables::Results) -> Result<Vec<OutputFile>> {
    let unit = &r.survey.unit;
    let mut files = Vec::new();
    let country = r.questions.iter().find_map(|q| match q {
        QuestionStats::Country(t) => Some(t),
        QuestionStats::Choice(_)
        | QuestionStats::Numeric(_)
        | QuestionStats::Text(_)
        | QuestionStats::Grid(_)
        | QuestionStats::Ranking(_) => None,
    });
    if let Some(t) = country {
        let (png, svg) = (render::map::png(t, unit)?, render::map::svg(t, unit)?);
        files.extend(output::chart_pair("charts/map", png, svg));
    }
    for m in &r.maps {
        let stem = format!("charts/map_{}_{}", m.question, m.option);
        let (png, svg) = (
            render::map::share_png(m, unit)?,
            render::map::share_svg(m, unit)?,
        );
        files.extend(output::chart_pair(&stem, png, svg));
    }
    Ok(files)
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
