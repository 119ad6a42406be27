//! A choice question's chart: sorted horizontal bars with 95% CI whiskers, as PNG and SVG.
//! Long labels are shortened with "…" to fit a label column sized from the measured text; the
//! full text stays in the report's table.

use super::ChoiceTable;
use crate::error::Result;
use crate::figures::Estimate;
use crate::markup::canvas::*;
use plotters::coord::ranged1d::SegmentedCoord;
use plotters::coord::types::{RangedCoordf64, RangedCoordi32};
use plotters::coord::Shift;
use plotters::prelude::*;

const ROW: u32 = 34;
const LABEL_SIZE: f64 = 15.0;
const MAX_LABEL_SHARE: f64 = 0.42;

/// Bars in drawing order: highest percentage first; ties keep codebook order. All of them:
/// the chart draws the first [`MAX_ROWS`].
fn bars(t: &ChoiceTable) -> Vec<(String, Estimate)> {
    let mut v: Vec<(String, Estimate)> = t
        .rows
        .iter()
        .filter_map(|r| r.estimate.map(|e| (r.short.clone(), e)))
        .collect();
    v.sort_by_key(|b| std::cmp::Reverse(b.1.count));
    v
}

/// The chart's size: a row per bar drawn (as [`bars`] chooses them).
fn size(t: &ChoiceTable) -> (u32, u32) {
    let n_bars = bars(t).len();
    (WIDTH, 96 + ROW * n_bars.clamp(1, MAX_ROWS) as u32)
}

fn draw<DB: DrawingBackend>(
    root: DrawingArea<DB, Shift>,
    t: &ChoiceTable,
    unit: &str,
) -> Result<()> {
    let mut bars = bars(t);
    let note = rows_note(bars.len(), "answers, highest first");
    bars.truncate(MAX_ROWS);
    let k = bars.len().max(1);
    root.fill(&WHITE).map_err(draw_err)?;
    let label_style = (FAMILY, LABEL_SIZE).into_font().color(&BLACK);
    let measure = |s: &str| -> u32 {
        root.estimate_text_size(s, &label_style)
            .map(|(w, _)| w)
            .unwrap_or(0)
    };
    let max_w = (WIDTH as f64 * MAX_LABEL_SHARE) as u32;
    let labels: Vec<String> = bars
        .iter()
        .map(|(l, _)| fit_label(l, max_w, &measure))
        .collect();
    let label_w = labels.iter().map(|l| measure(l)).max().unwrap_or(40) + 14;
    let title = fit_label(&t.short, WIDTH - 40, &|s| {
        root.estimate_text_size(s, &(FAMILY, 20.0).into_text_style(&root))
            .map(|(w, _)| w)
            .unwrap_or(0)
    });
    let mut chart = ChartBuilder::on(&root)
        .caption(title, (FAMILY, 20.0))
        .margin(14)
        .x_label_area_size(44)
        .y_label_area_size(label_w)
        .build_cartesian_2d(0f64..112f64, (0..k as i32 - 1).into_segmented())
        .map_err(draw_err)?;
    let rows = labels.clone();
    let mut desc = format!("% of the {} {unit} in the base, with 95% CI", t.base);
    if let Some(note) = note {
        desc.push_str(&format!("; {note}"));
    }
    chart
        .configure_mesh()
        .disable_y_mesh()
        .light_line_style(WHITE)
        .bold_line_style(RGBColor(225, 225, 225))
        .y_labels(k)
        .x_labels(12)
        .y_label_style(label_style.clone())
        .x_label_style((FAMILY, 13.0))
        .x_desc(desc)
        .axis_desc_style((FAMILY, 14.0))
        .x_label_formatter(&|x| {
            if *x <= 100.0 {
                format!("{x:.0}%")
            } else {
                String::new()
            }
        })
        .y_label_formatter(&|v| match v {
            SegmentValue::CenterOf(i) => rows.get(k - 1 - *i as usize).cloned().unwrap_or_default(),
            _ => String::new(),
        })
        .draw()
        .map_err(draw_err)?;
    for (pos, (_, e)) in bars.iter().enumerate() {
        draw_bar(&mut chart, &root, (k - 1 - pos) as i32, e)?;
    }
    root.present().map_err(draw_err)?;
    Ok(())
}

type BarChart<'a, DB> =
    ChartContext<'a, DB, Cartesian2d<RangedCoordf64, SegmentedCoord<RangedCoordi32>>>;

/// One bar at row `y`: the percentage, its 95% whisker, and the percentage written after it.
fn draw_bar<DB: DrawingBackend>(
    chart: &mut BarChart<'_, DB>,
    root: &DrawingArea<DB, Shift>,
    y: i32,
    e: &Estimate,
) -> Result<()> {
    let bar = RGBColor(46, 110, 166);
    let p = e.percent();
    let mut rect = Rectangle::new(
        [
            (0.0, SegmentValue::Exact(y)),
            (p, SegmentValue::Exact(y + 1)),
        ],
        bar.filled(),
    );
    rect.set_margin(5, 5, 0, 0);
    chart.draw_series(std::iter::once(rect)).map_err(draw_err)?;
    chart
        .draw_series(std::iter::once(ErrorBar::new_horizontal(
            SegmentValue::CenterOf(y),
            e.ci_low * 100.0,
            p,
            e.ci_high * 100.0,
            BLACK.stroke_width(1),
            10,
        )))
        .map_err(draw_err)?;
    chart
        .draw_series(std::iter::once(Text::new(
            format!("{:.1}%", p),
            (e.ci_high * 100.0 + 1.0, SegmentValue::CenterOf(y)),
            (FAMILY, 13.0)
                .into_text_style(root)
                .pos(plotters::style::text_anchor::Pos::new(
                    plotters::style::text_anchor::HPos::Left,
                    plotters::style::text_anchor::VPos::Center,
                )),
        )))
        .map_err(draw_err)?;
    Ok(())
}

/// The chart as SVG text.
pub fn svg(t: &ChoiceTable, unit: &str) -> Result<String> {
    svg_of(size(t), |root| draw(root, t, unit))
}

/// The chart as PNG bytes.
pub fn png(t: &ChoiceTable, unit: &str) -> Result<Vec<u8>> {
    png_of(size(t), |root| draw(root, t, unit))
}
