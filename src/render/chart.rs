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
const WIDTH: u32 = 960;
const ROW: u32 = 34;
const LABEL_SIZE: f64 = 15.0;
const MAX_LABEL_SHARE: f64 = 0.42;

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

/// Bars in drawing order: highest percentage first; ties keep codebook order.
fn bars(t: &ChoiceTable) -> Vec<(String, Estimate)> {
    let mut v: Vec<(String, Estimate)> = t
        .rows
        .iter()
        .filter_map(|r| r.estimate.map(|e| (r.short.clone(), e)))
        .collect();
    v.sort_by(|a, b| b.1.count.cmp(&a.1.count));
    v
}

fn size(n_bars: usize) -> (u32, u32) {
    (WIDTH, 96 + ROW * n_bars.max(1) as u32)
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
    let bars = bars(t);
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
    let desc = format!("% of the {} {unit} in the base, with 95% CI", t.base);
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
    svg_of(size(t.rows.len()), |root| draw(root, t, unit))
}

/// The chart as PNG bytes.
pub fn png(t: &ChoiceTable, unit: &str) -> Result<Vec<u8>> {
    png_of(size(t.rows.len()), |root| draw(root, t, unit))
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

/// Heat map of a breakdown: answers down, groups across, cell colour and text = %; withheld
/// groups grey with "withheld".
fn draw_heatmap<DB: DrawingBackend>(
    root: DrawingArea<DB, Shift>,
    b: &crate::tables::BreakdownTable,
) -> Result<()> {
    root.fill(&WHITE).map_err(draw_err)?;
    let (w, _) = root.dim_in_pixel();
    let label_style = (FAMILY, 14.0).into_text_style(&root);
    let measure =
        |s: &str, st: &TextStyle| root.estimate_text_size(s, st).map(|(w, _)| w).unwrap_or(0);
    let rows: Vec<String> = b
        .rows
        .iter()
        .map(|r| fit_label(&r.short, 300, &|s| measure(s, &label_style)))
        .collect();
    let label_w = rows
        .iter()
        .map(|l| measure(l, &label_style))
        .max()
        .unwrap_or(40)
        + 16;
    let (top, left) = (86u32, label_w + 10);
    let ncol = b.groups.len().max(1) as u32;
    let cell_w = (w.saturating_sub(left + 14)) / ncol;
    let cell_h = 30u32;
    let title = format!("{} by {} (%)", b.short, b.by_label);
    root.draw(&Text::new(
        fit_label(&title, w - 20, &|s| {
            measure(s, &(FAMILY, 20.0).into_text_style(&root))
        }),
        (14, 12),
        (FAMILY, 20.0).into_text_style(&root),
    ))
    .map_err(draw_err)?;
    let grid = HeatGrid {
        left,
        top,
        cell_w,
        cell_h,
    };
    grid.heads(&root, b)?;
    let cell_style = (FAMILY, 13.0).into_text_style(&root);
    for (i, row) in b.rows.iter().enumerate() {
        let y = (top + i as u32 * cell_h) as i32;
        root.draw(&Text::new(
            rows[i].clone(),
            (12, y + 8),
            label_style.clone(),
        ))
        .map_err(draw_err)?;
        for (k, c) in row.cells.iter().enumerate() {
            let look = cell_look(c.as_ref(), b.groups[k].suppressed);
            grid.cell(&root, k, y, look, &cell_style)?;
        }
    }
    root.present().map_err(draw_err)?;
    Ok(())
}

/// Where the heat map's cells sit, in pixels.
struct HeatGrid {
    left: u32,
    top: u32,
    cell_w: u32,
    cell_h: u32,
}

impl HeatGrid {
    /// Each group's label and base (or why it is withheld) above its column.
    fn heads<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, Shift>,
        b: &crate::tables::BreakdownTable,
    ) -> Result<()> {
        let head_style = (FAMILY, 12.0).into_text_style(root);
        let measure = |s: &str| {
            root.estimate_text_size(s, &head_style)
                .map(|(w, _)| w)
                .unwrap_or(0)
        };
        for (k, g) in b.groups.iter().enumerate() {
            let x = (self.left + k as u32 * self.cell_w) as i32;
            let n = match (g.suppressed, g.base) {
                (Some("small"), _) => format!("n<{}", b.threshold),
                (Some(_), _) => "suppressed".into(),
                (None, Some(n)) => format!("n={n}"),
                (None, None) => String::new(),
            };
            let lab = fit_label(&g.label, self.cell_w.saturating_sub(6), &measure);
            let top = self.top as i32;
            root.draw(&Text::new(lab, (x + 3, top - 36), head_style.clone()))
                .map_err(draw_err)?;
            root.draw(&Text::new(n, (x + 3, top - 20), head_style.clone()))
                .map_err(draw_err)?;
        }
        Ok(())
    }

    /// Column `k`'s cell in the row at `y`: its fill, and its text in white on dark fills.
    fn cell<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, Shift>,
        k: usize,
        y: i32,
        (fill, text, dark): (RGBColor, String, bool),
        style: &TextStyle,
    ) -> Result<()> {
        let (w, h) = (self.cell_w as i32, self.cell_h as i32);
        let x = (self.left + k as u32 * self.cell_w) as i32;
        root.draw(&Rectangle::new(
            [(x, y), (x + w - 2, y + h - 2)],
            fill.filled(),
        ))
        .map_err(draw_err)?;
        let color = if dark { WHITE } else { BLACK };
        root.draw(&Text::new(
            text,
            (x + w / 2 - 10, y + 8),
            style.clone().color(&color),
        ))
        .map_err(draw_err)
    }
}

/// A cell's fill (white → blue by the share), its text, and whether the fill is dark;
/// a withheld or empty cell is grey with a dash.
fn cell_look(c: Option<&Estimate>, suppressed: Option<&str>) -> (RGBColor, String, bool) {
    match (c, suppressed) {
        (Some(e), None) => {
            let t = e.proportion;
            let mix = |a: f64, z: f64| (a + (z - a) * t).round() as u8;
            (
                RGBColor(mix(255.0, 31.0), mix(255.0, 84.0), mix(255.0, 145.0)),
                format!("{:.0}", e.percent()),
                t > 0.55,
            )
        }
        (Some(_), Some(_)) | (None, _) => (RGBColor(225, 225, 225), "–".to_string(), false),
    }
}

fn heatmap_size(b: &crate::tables::BreakdownTable) -> (u32, u32) {
    (WIDTH, 100 + 30 * b.rows.len().max(1) as u32)
}

pub fn heatmap_svg(b: &crate::tables::BreakdownTable) -> Result<String> {
    svg_of(heatmap_size(b), |root| draw_heatmap(root, b))
}

pub fn heatmap_png(b: &crate::tables::BreakdownTable) -> Result<Vec<u8>> {
    png_of(heatmap_size(b), |root| draw_heatmap(root, b))
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
