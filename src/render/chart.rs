//! Sorted horizontal bar charts with 95% CI whiskers, as PNG and SVG.
//!
//! The font (DejaVu Sans) is compiled in and registered with plotters' ab_glyph backend, so no
//! system fonts are needed and the PNG bytes are the same on every machine. Long labels are
//! shortened with "…" to fit a label column sized from the measured text; the full text stays in
//! the report's table.

use crate::error::{Error, Result};
use crate::tables::{ChoiceTable, Estimate};
use plotters::coord::ranged1d::SegmentedCoord;
use plotters::coord::types::{RangedCoordf64, RangedCoordi32};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::FontStyle;
use std::sync::OnceLock;

static FONT: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");
pub(crate) const FAMILY: &str = "sans-serif";
pub(crate) const WIDTH: u32 = 960;
const ROW: u32 = 34;
const LABEL_SIZE: f64 = 15.0;
const MAX_LABEL_SHARE: f64 = 0.42;

/// The most rows (bars, items, answers) a chart draws. Beyond it a chart is unreadable, and its
/// pixels grow without bound: a drafted 20,000-option question drew a 680,000-pixel-tall image
/// (2 GB of PNG buffer). A chart shows its first rows in its own order and says how many more
/// the table holds.
pub(crate) const MAX_ROWS: usize = 40;

/// What a chart of `total` rows says when it shows only the first [`MAX_ROWS`].
pub(crate) fn rows_note(total: usize, what: &str) -> Option<String> {
    (total > MAX_ROWS).then(|| format!("the first {MAX_ROWS} of {total} {what} (all in the table)"))
}

pub(crate) fn ensure_font() -> Result<()> {
    static OK: OnceLock<bool> = OnceLock::new();
    let ok =
        *OK.get_or_init(|| plotters::style::register_font(FAMILY, FontStyle::Normal, FONT).is_ok());
    if ok {
        Ok(())
    } else {
        Err(Error::Other(
            "the bundled chart font could not be loaded".into(),
        ))
    }
}

pub(crate) fn draw_err<E: std::fmt::Debug>(e: E) -> Error {
    Error::Other(format!("chart drawing failed: {e:?}"))
}

/// Bars in drawing order: highest percentage first; ties keep codebook order. All of them:
/// the chart draws the first [`MAX_ROWS`].
fn bars(t: &ChoiceTable) -> Vec<(String, Estimate)> {
    let mut v: Vec<(String, Estimate)> = t
        .rows
        .iter()
        .filter_map(|r| r.estimate.map(|e| (r.short.clone(), e)))
        .collect();
    v.sort_by(|a, b| b.1.count.cmp(&a.1.count));
    v
}

/// The chart's size: a row per bar drawn (as [`bars`] chooses them).
fn size(t: &ChoiceTable) -> (u32, u32) {
    let n_bars = bars(t).len();
    (WIDTH, 96 + ROW * n_bars.clamp(1, MAX_ROWS) as u32)
}

/// Shortens `label` with "…" until `measure` says it fits in `max` pixels.
pub(crate) fn fit_label(label: &str, max: u32, measure: &dyn Fn(&str) -> u32) -> String {
    if measure(label) <= max {
        return label.to_string();
    }
    let chars: Vec<char> = label.chars().collect();
    let mut keep = chars.len();
    while keep > 1 {
        keep -= 1;
        let s: String = chars[..keep]
            .iter()
            .collect::<String>()
            .trim_end()
            .to_string()
            + "…";
        if measure(&s) <= max {
            return s;
        }
    }
    "…".into()
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_are_shortened_with_ellipsis() {
        let measure = |s: &str| s.chars().count() as u32 * 10;
        assert_eq!(fit_label("short", 100, &measure), "short");
        assert_eq!(
            fit_label("a much longer label", 100, &measure),
            "a much lo…"
        );
        assert!(measure(&fit_label("a much longer label", 100, &measure)) <= 100);
    }
}

/// Draws with `draw` on an SVG of `size`: the SVG text.
pub(crate) fn svg_of(
    size: (u32, u32),
    draw: impl FnOnce(DrawingArea<SVGBackend, Shift>) -> Result<()>,
) -> Result<String> {
    ensure_font()?;
    let mut s = String::new();
    {
        let root = SVGBackend::with_string(&mut s, size).into_drawing_area();
        draw(root)?;
    }
    s.push('\n');
    Ok(s)
}

/// Draws with `draw` on a bitmap of `size`: the PNG bytes.
pub(crate) fn png_of(
    size: (u32, u32),
    draw: impl FnOnce(DrawingArea<BitMapBackend, Shift>) -> Result<()>,
) -> Result<Vec<u8>> {
    ensure_font()?;
    let (w, h) = size;
    let mut rgb = vec![0u8; (w * h * 3) as usize];
    {
        let root = BitMapBackend::with_buffer(&mut rgb, (w, h)).into_drawing_area();
        draw(root)?;
    }
    encode_png(&rgb, w, h)
}

pub(crate) fn encode_png(rgb: &[u8], w: u32, h: u32) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    {
        let mut enc = png::Encoder::new(&mut out, w, h);
        enc.set_color(png::ColorType::Rgb);
        enc.set_depth(png::BitDepth::Eight);
        let mut wr = enc.write_header().map_err(draw_err)?;
        wr.write_image_data(rgb).map_err(draw_err)?;
    }
    Ok(out)
}
