//! Trend charts of a wave comparison, one per question, as PNG and SVG.
//!
//! - Two waves: a dumbbell chart — a row per option, sorted by change, each wave's % as a dot
//!   with its 95% CI whisker, the two dots joined.
//! - Three or more waves: lines across the waves with 95% CI bands, for the (at most seven)
//!   options that changed most from the first wave to the last.
//!
//! Colours are the Okabe–Ito palette (colour-blind safe); the font is the bundled one.

use crate::error::Result;
use crate::markup::canvas::{draw_err, fit_label, rows_note, FAMILY, MAX_ROWS};
use crate::tables::{Comparison, OptionComparison, QuestionComparison};
use plotters::coord::ranged1d::SegmentedCoord;
use plotters::coord::types::{RangedCoordf64, RangedCoordi32};
use plotters::coord::Shift;
use plotters::prelude::*;

/// Okabe–Ito without its yellow, which is too light on white.
const OKABE_ITO: [RGBColor; 7] = [
    RGBColor(0, 114, 178),
    RGBColor(213, 94, 0),
    RGBColor(0, 158, 115),
    RGBColor(204, 121, 167),
    RGBColor(86, 180, 233),
    RGBColor(230, 159, 0),
    RGBColor(0, 0, 0),
];
const WIDTH: u32 = 960;

/// A chart with a percentage across and a row per option down.
type RowChart<'a, DB> =
    ChartContext<'a, DB, Cartesian2d<RangedCoordf64, SegmentedCoord<RangedCoordi32>>>;
const ROW: u32 = 34;
const MAX_LINES: usize = 7;

/// The change of an option from its first published wave to its last, in points (for sorting).
fn overall(o: &OptionComparison) -> f64 {
    let first = o.figures.iter().find_map(|f| f.estimate);
    let last = o.figures.iter().rev().find_map(|f| f.estimate);
    match (first, last) {
        (Some(a), Some(b)) => b.proportion - a.proportion,
        _ => 0.0,
    }
}

/// Options with a figure in at least two waves, largest change first.
fn rows(q: &QuestionComparison) -> Vec<&OptionComparison> {
    let mut v: Vec<&OptionComparison> = q
        .options
        .iter()
        .filter(|o| o.figures.iter().filter(|f| f.estimate.is_some()).count() >= 2)
        .collect();
    v.sort_by(|a, b| overall(b).total_cmp(&overall(a)));
    v
}

fn size(c: &Comparison, q: &QuestionComparison) -> (u32, u32) {
    if c.waves.len() == 2 {
        (WIDTH, 110 + ROW * rows(q).len().clamp(1, MAX_ROWS) as u32)
    } else {
        (WIDTH, 560)
    }
}

fn dumbbell<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    c: &Comparison,
    q: &QuestionComparison,
) -> Result<()> {
    let mut rows = rows(q);
    let note = rows_note(rows.len(), "answers");
    rows.truncate(MAX_ROWS);
    let k = rows.len().max(1);
    let style = (FAMILY, 15.0).into_font().color(&BLACK);
    let measure = |s: &str| {
        root.estimate_text_size(s, &style)
            .map(|(w, _)| w)
            .unwrap_or(0)
    };
    let labels: Vec<String> = rows
        .iter()
        .map(|o| fit_label(&o.label, 380, &measure))
        .collect();
    let label_w = labels.iter().map(|l| measure(l)).max().unwrap_or(40) + 14;
    let mut title = format!(
        "{}: {} → {} (%, 95% CI)",
        q.short, c.waves[0].id, c.waves[1].id
    );
    if let Some(note) = note {
        title = format!("{title}: {note}");
    }
    let mut chart = ChartBuilder::on(root)
        .caption(fit_label(&title, WIDTH - 40, &measure), (FAMILY, 20.0))
        .margin(14)
        .x_label_area_size(44)
        .y_label_area_size(label_w)
        .build_cartesian_2d(0f64..100f64, (0..k as i32 - 1).into_segmented())
        .map_err(draw_err)?;
    let names = labels.clone();
    chart
        .configure_mesh()
        .disable_y_mesh()
        .light_line_style(WHITE)
        .bold_line_style(RGBColor(225, 225, 225))
        .y_labels(k)
        .y_label_style(style.clone())
        .x_label_style((FAMILY, 13.0))
        .x_label_formatter(&|x| format!("{x:.0}%"))
        .y_label_formatter(&|v| match v {
            SegmentValue::CenterOf(i) => {
                names.get(k - 1 - *i as usize).cloned().unwrap_or_default()
            }
            _ => String::new(),
        })
        .draw()
        .map_err(draw_err)?;
    let grey = RGBColor(170, 170, 170).stroke_width(3);
    for (pos, o) in rows.iter().enumerate() {
        let y = SegmentValue::CenterOf((k - 1 - pos) as i32);
        let dots: Vec<(usize, f64, f64, f64)> = o
            .figures
            .iter()
            .enumerate()
            .filter_map(|(w, f)| {
                f.estimate
                    .map(|e| (w, e.percent(), e.ci_low * 100.0, e.ci_high * 100.0))
            })
            .collect();
        let line = PathElement::new(
            dots.iter().map(|d| (d.1, y.clone())).collect::<Vec<_>>(),
            grey,
        );
        chart.draw_series(std::iter::once(line)).map_err(draw_err)?;
        let whiskers = dots.iter().map(|&(w, p, lo, hi)| {
            let colour = OKABE_ITO[w % OKABE_ITO.len()];
            ErrorBar::new_horizontal(y.clone(), lo, p, hi, colour.stroke_width(1), 8)
        });
        chart.draw_series(whiskers).map_err(draw_err)?;
        let circles = dots.iter().map(|&(w, p, _, _)| {
            Circle::new((p, y.clone()), 6, OKABE_ITO[w % OKABE_ITO.len()].filled())
        });
        chart.draw_series(circles).map_err(draw_err)?;
    }
    wave_legend(&mut chart, c)
}

/// The dumbbell's legend: one entry per wave, in its colour.
fn wave_legend<'a, DB: DrawingBackend + 'a>(
    chart: &mut RowChart<'a, DB>,
    c: &Comparison,
) -> Result<()> {
    for (w, wave) in c.waves.iter().enumerate() {
        let colour = OKABE_ITO[w % OKABE_ITO.len()];
        chart
            .draw_series(std::iter::empty::<Circle<(f64, SegmentValue<i32>), i32>>())
            .map_err(draw_err)?
            .label(wave.id.clone())
            .legend(move |(x, y)| Circle::new((x, y), 6, colour.filled()));
    }
    chart
        .configure_series_labels()
        .background_style(WHITE.mix(0.9))
        .border_style(BLACK)
        .label_font((FAMILY, 14.0))
        .position(SeriesLabelPosition::LowerRight)
        .draw()
        .map_err(draw_err)?;
    Ok(())
}

fn lines<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    c: &Comparison,
    q: &QuestionComparison,
) -> Result<()> {
    let mut rows = rows(q);
    rows.sort_by(|a, b| overall(b).abs().total_cmp(&overall(a).abs()));
    let shown = rows.len().min(MAX_LINES);
    let n = c.waves.len();
    let mut title = format!("{} (%, 95% CI)", q.short);
    if rows.len() > shown {
        title.push_str(&format!(": the {shown} largest changes"));
    }
    let waves: Vec<String> = c.waves.iter().map(|w| w.id.clone()).collect();
    // The legend goes in a column of its own, so it never hides a line.
    let (plot, legend) = root.split_horizontally(WIDTH - 250);
    let mut chart = ChartBuilder::on(&plot)
        .caption(title, (FAMILY, 20.0))
        .margin(14)
        .x_label_area_size(40)
        .y_label_area_size(56)
        .build_cartesian_2d(-0.2f64..(n as f64 - 0.8), 0f64..100f64)
        .map_err(draw_err)?;
    chart
        .configure_mesh()
        .light_line_style(WHITE)
        .bold_line_style(RGBColor(225, 225, 225))
        .x_labels(n)
        .x_label_formatter(&|x| {
            let i = x.round();
            if (x - i).abs() < 1e-9 && i >= 0.0 {
                waves.get(i as usize).cloned().unwrap_or_default()
            } else {
                String::new()
            }
        })
        .y_label_formatter(&|y| format!("{y:.0}%"))
        .label_style((FAMILY, 13.0))
        .draw()
        .map_err(draw_err)?;
    for (i, o) in rows.iter().take(shown).enumerate() {
        let colour = OKABE_ITO[i % OKABE_ITO.len()];
        let pts: Vec<(f64, f64, f64, f64)> = o
            .figures
            .iter()
            .enumerate()
            .filter_map(|(w, f)| {
                f.estimate
                    .map(|e| (w as f64, e.percent(), e.ci_low * 100.0, e.ci_high * 100.0))
            })
            .collect();
        let band: Vec<(f64, f64)> = pts
            .iter()
            .map(|p| (p.0, p.3))
            .chain(pts.iter().rev().map(|p| (p.0, p.2)))
            .collect();
        chart
            .draw_series(std::iter::once(Polygon::new(band, colour.mix(0.15))))
            .map_err(draw_err)?;
        let points = pts
            .iter()
            .map(|p| Circle::new((p.0, p.1), 4, colour.filled()));
        chart.draw_series(points).map_err(draw_err)?;
        let path = PathElement::new(
            pts.iter().map(|p| (p.0, p.1)).collect::<Vec<_>>(),
            colour.stroke_width(3),
        );
        chart.draw_series(std::iter::once(path)).map_err(draw_err)?;
        let style = (FAMILY, 13.0).into_font().color(&BLACK);
        let measure = |s: &str| legend.estimate_text_size(s, &style).map_or(0, |(w, _)| w);
        let label = fit_label(&o.label, 220, &measure);
        let y = 70 + 24 * i as i32;
        let key = PathElement::new(vec![(6, y), (28, y)], colour.stroke_width(3));
        legend.draw(&key).map_err(draw_err)?;
        legend
            .draw(&Text::new(label, (36, y - 7), style))
            .map_err(draw_err)?;
    }
    Ok(())
}

fn draw<DB: DrawingBackend>(
    root: DrawingArea<DB, Shift>,
    c: &Comparison,
    q: &QuestionComparison,
) -> Result<()> {
    root.fill(&WHITE).map_err(draw_err)?;
    if c.waves.len() == 2 {
        dumbbell(&root, c, q)?;
    } else {
        lines(&root, c, q)?;
    }
    root.present().map_err(draw_err)?;
    Ok(())
}

/// Whether a question has a trend to draw (an option with figures in two waves).
pub fn has_trend(q: &QuestionComparison) -> bool {
    !rows(q).is_empty()
}

pub fn svg(c: &Comparison, q: &QuestionComparison) -> Result<String> {
    crate::markup::canvas::svg_of(size(c, q), |root| draw(root, c, q))
}

pub fn png(c: &Comparison, q: &QuestionComparison) -> Result<Vec<u8>> {
    crate::markup::canvas::png_of(size(c, q), |root| draw(root, c, q))
}
