//! Heat maps of breakdowns: answers down, groups across, each cell coloured and labelled by
//! its percentage; withheld groups grey.

use crate::error::Result;
use crate::markup::canvas::{
    draw_err, fit_label, png_of, rows_note, svg_of, FAMILY, MAX_ROWS, WIDTH,
};
use crate::tables::{BreakdownTable, Estimate};
use plotters::coord::Shift;
use plotters::prelude::*;

/// Heat map of a breakdown: answers down, groups across, cell colour and text = %; withheld
/// groups grey with "withheld".
fn draw_heatmap<DB: DrawingBackend>(
    root: DrawingArea<DB, Shift>,
    b: &BreakdownTable,
) -> Result<()> {
    root.fill(&WHITE).map_err(draw_err)?;
    let (w, _) = root.dim_in_pixel();
    let label_style = (FAMILY, 14.0).into_text_style(&root);
    let measure =
        |s: &str, st: &TextStyle| root.estimate_text_size(s, st).map(|(w, _)| w).unwrap_or(0);
    let rows: Vec<String> = b
        .rows
        .iter()
        .take(MAX_ROWS)
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
    let title = match rows_note(b.rows.len(), "answers") {
        Some(note) => format!("{} by {} (%): {note}", b.short, b.by_label),
        None => format!("{} by {} (%)", b.short, b.by_label),
    };
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
    for (i, row) in b.rows.iter().take(MAX_ROWS).enumerate() {
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
        b: &BreakdownTable,
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

fn heatmap_size(b: &BreakdownTable) -> (u32, u32) {
    (WIDTH, 100 + 30 * b.rows.len().clamp(1, MAX_ROWS) as u32)
}

pub fn heatmap_svg(b: &BreakdownTable) -> Result<String> {
    svg_of(heatmap_size(b), |root| draw_heatmap(root, b))
}

pub fn heatmap_png(b: &BreakdownTable) -> Result<Vec<u8>> {
    png_of(heatmap_size(b), |root| draw_heatmap(root, b))
}
