//! The outputs of `run` and `compare`: each kind of output is one value that names its own files
//! (as hyperfine's exporters do), and the commands iterate their list. An output that shows other
//! outputs (the HTML pages embed the charts) comes after them and is handed what they wrote.

use crate::error::Result;
use crate::output::{self, OutputFile};
use crate::pipeline::Analysis;
use crate::render;
use crate::tables::{Comparison, QuestionStats, Results};
use rayon::prelude::*;

/// One kind of output of a command whose input is `T`.
pub trait Output<T: ?Sized>: Sync {
    /// Its files; `earlier` holds the files of the outputs listed before it in its stage.
    fn files(&self, input: &T, earlier: &[OutputFile]) -> Result<Vec<OutputFile>>;
}

/// Renders `stages` in order: the outputs of one stage in parallel, each later stage seeing
/// every file of the stages before it. Files sorted by path.
pub fn render<T: Sync + ?Sized>(
    input: &T,
    stages: &[&[&dyn Output<T>]],
) -> Result<Vec<OutputFile>> {
    let mut files: Vec<OutputFile> = Vec::new();
    for stage in stages {
        let made: Vec<Vec<OutputFile>> = stage
            .par_iter()
            .map(|o| o.files(input, &files))
            .collect::<Result<_>>()?;
        files.extend(made.into_iter().flatten());
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(files)
}

/// `report.md`, `headline.json`, `results.json`.
pub struct Documents;
/// `report.xlsx`.
pub struct Workbook;
/// `tables/*.csv`: rows, excluded rows, one per question and breakdown.
pub struct Tables;
/// `charts/<question>.png|svg` and the breakdowns' heat maps.
pub struct Charts;
/// `charts/map.png|svg` and each `[analysis] maps` share map.
pub struct Maps;
/// `report.html`, its charts inline.
pub struct Html;

/// The run's outputs: the tidy responses and the published files.
pub fn run(a: &Analysis) -> Result<Vec<OutputFile>> {
    let tidy = || {
        let (parquet, (csv, sav)) = rayon::join(
            || a.tidy.to_parquet(),
            || rayon::join(|| a.tidy.to_csv(), || a.tidy.to_sav()),
        );
        (parquet, csv, sav)
    };
    let ((parquet, csv, sav), files) = rayon::join(tidy, || published(&a.results));
    let mut files = files?;
    files.push(OutputFile::new(TIDY_PARQUET, parquet?));
    files.push(OutputFile::new(TIDY_CSV, csv?));
    files.push(OutputFile::new(TIDY_SAV, sav?));
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(files)
}

/// The published outputs of a run (everything but the tidy responses), in stages.
pub fn published(r: &Results) -> Result<Vec<OutputFile>> {
    render(
        r,
        &[&[&Documents, &Workbook, &Tables, &Charts, &Maps], &[&Html]],
    )
}

/// The tidy responses' files.
pub const TIDY_PARQUET: &str = "tidy/responses.parquet";
pub const TIDY_CSV: &str = "tidy/responses.csv";
pub const TIDY_SAV: &str = "tidy/responses.sav";

/// Writes the tidy responses into `staging`, each file streamed as it is serialised (the CSV
/// of a million respondents is 200 MB), each on a thread of its own (not the rayon pool, which
/// the stat tables use: these threads wait on the disk); their paths.
pub fn stream_tidy(t: &crate::tidy::Tidy, staging: &output::Staging) -> Result<[&'static str; 3]> {
    std::thread::scope(|s| {
        let parquet = s.spawn(|| {
            let _s = crate::progress::step("tidy Parquet written");
            staging.stream(TIDY_PARQUET.as_ref(), |w| t.write_parquet(w))
        });
        let sav = s.spawn(|| {
            let _s = crate::progress::step("tidy .sav written");
            staging.stream(TIDY_SAV.as_ref(), |w| t.write_sav(w))
        });
        let csv = {
            let _s = crate::progress::step("tidy CSV written");
            staging.stream(TIDY_CSV.as_ref(), |w| t.write_csv(w))
        };
        let joined = |h: std::thread::ScopedJoinHandle<'_, Result<()>>, what: &str| {
            h.join().map_err(|_| {
                crate::error::Error::Internal(format!("the tidy {what} thread panicked"))
            })?
        };
        joined(parquet, "Parquet")?;
        csv?;
        joined(sav, ".sav")?;
        Ok([TIDY_PARQUET, TIDY_CSV, TIDY_SAV])
    })
}

impl Output<Results> for Documents {
    fn files(&self, r: &Results, _: &[OutputFile]) -> Result<Vec<OutputFile>> {
        Ok(vec![
            OutputFile::new("report.md", render::markdown::report(r)),
            OutputFile::new("headline.json", render::json::headlines(r, None)),
            OutputFile::new("results.json", render::json::results(r)),
        ])
    }
}

impl Output<Results> for Workbook {
    fn files(&self, r: &Results, _: &[OutputFile]) -> Result<Vec<OutputFile>> {
        Ok(vec![OutputFile::new(
            "report.xlsx",
            render::xlsx::workbook(r)?,
        )])
    }
}

impl Output<Results> for Tables {
    fn files(&self, r: &Results, _: &[OutputFile]) -> Result<Vec<OutputFile>> {
        let mut files = vec![
            OutputFile::new("tables/rows.csv", render::csv::rows(r)?),
            OutputFile::new("tables/excluded_rows.csv", render::csv::excluded_rows(r)?),
        ];
        for q in &r.questions {
            let path = format!("tables/{}.csv", q.id());
            files.push(OutputFile::new(path, render::csv::question_table(q)?));
        }
        for b in &r.breakdowns {
            let path = format!("tables/{}_by_{}.csv", b.question, b.by);
            files.push(OutputFile::new(path, render::csv::breakdown(b)?));
        }
        Ok(files)
    }
}

/// A question's chart (choices: bars; grids: diverging bars), when its kind has one.
fn question_chart(q: &QuestionStats, unit: &str) -> Result<Vec<OutputFile>> {
    Ok(match q.table().chart(unit)? {
        Some((png, svg)) => output::chart_pair(&format!("charts/{}", q.id()), png, svg).into(),
        None => Vec::new(),
    })
}

impl Output<Results> for Charts {
    fn files(&self, r: &Results, _: &[OutputFile]) -> Result<Vec<OutputFile>> {
        let unit = &r.survey.unit;
        let questions = r.questions.par_iter().map(|q| question_chart(q, unit));
        let heatmaps = r.breakdowns.par_iter().map(|b| {
            let stem = format!("charts/{}_by_{}", b.question, b.by);
            let (png, svg) = (
                render::heatmap_chart::heatmap_png(b)?,
                render::heatmap_chart::heatmap_svg(b)?,
            );
            Ok(output::chart_pair(&stem, png, svg).into())
        });
        let all: Vec<Vec<OutputFile>> = questions.chain(heatmaps).collect::<Result<_>>()?;
        Ok(all.into_iter().flatten().collect())
    }
}

impl Output<Results> for Maps {
    fn files(&self, r: &Results, _: &[OutputFile]) -> Result<Vec<OutputFile>> {
        map_files(r)
    }
}

/// The map of responding units by country (when the survey asks for the country), and each
/// `[analysis] maps` share map.
fn map_files(r: &Results) -> Result<Vec<OutputFile>> {
    let unit = &r.survey.unit;
    let mut files = Vec::new();
    // The first question whose kind draws a map (the country question).
    for q in &r.questions {
        if let Some((png, svg)) = q.table().map(unit)? {
            files.extend(output::chart_pair("charts/map", png, svg));
            break;
        }
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

impl Output<Results> for Html {
    fn files(&self, r: &Results, earlier: &[OutputFile]) -> Result<Vec<OutputFile>> {
        let charts = output::svg_charts(earlier);
        let html = render::html::report(r, &charts)?;
        Ok(vec![OutputFile::new("report.html", html)])
    }
}

/// `compare.md`, `changes.json`, `compare.xlsx` and the comparison's CSV tables.
pub struct CompareDocuments;
/// `charts/trend_<question>.png|svg`.
pub struct TrendCharts;
/// `compare.html`, its trend charts inline.
pub struct CompareHtml;

/// The comparison's outputs, in stages.
pub fn compare(c: &Comparison) -> Result<Vec<OutputFile>> {
    render(c, &[&[&CompareDocuments, &TrendCharts], &[&CompareHtml]])
}

impl Output<Comparison> for CompareDocuments {
    fn files(&self, c: &Comparison, _: &[OutputFile]) -> Result<Vec<OutputFile>> {
        Ok(vec![
            OutputFile::new("compare.md", render::compare_md::comparison(c)),
            OutputFile::new("changes.json", render::json::comparison(c)),
            OutputFile::new("compare.xlsx", render::xlsx::comparison_workbook(c)?),
            OutputFile::new("tables/changes.csv", render::compare_csv::changes(c)?),
            OutputFile::new("tables/figures.csv", render::compare_csv::figures(c)?),
            OutputFile::new(
                "tables/changes_by_region.csv",
                render::compare_csv::changes_by_region(c)?,
            ),
        ])
    }
}

impl Output<Comparison> for TrendCharts {
    fn files(&self, c: &Comparison, _: &[OutputFile]) -> Result<Vec<OutputFile>> {
        let mut files = Vec::new();
        for q in c
            .questions
            .iter()
            .filter(|q| render::trend_chart::has_trend(q))
        {
            let stem = format!("charts/trend_{}", q.question);
            let (png, svg) = (
                render::trend_chart::png(c, q)?,
                render::trend_chart::svg(c, q)?,
            );
            files.extend(output::chart_pair(&stem, png, svg));
        }
        Ok(files)
    }
}

impl Output<Comparison> for CompareHtml {
    fn files(&self, c: &Comparison, earlier: &[OutputFile]) -> Result<Vec<OutputFile>> {
        let charts = output::svg_charts(earlier);
        Ok(vec![OutputFile::new(
            "compare.html",
            render::html::comparison(c, &charts)?,
        )])
    }
}
