//! A Net Promoter Score question's chart: one bar split into detractors, passives and
//! promoters (left to right), the score and its interval written above it, as PNG and SVG.

use super::report::points;
use super::NpsTable;
use crate::error::Result;
use crate::markup::canvas::*;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

const HEIGHT: u32 = 190;
const LEFT: i32 = 20;
const BAR_TOP: i32 = 84;
const BAR_BOTTOM: i32 = 134;

/// The segments: label, share (0–1), colour and the colour of its words, detractors first.
fn segments(t: &NpsTable) -> [(&'static str, f64, RGBColor, RGBColor); 3] {
    let p = |e: &Option<crate::figures::Estimate>| e.map_or(0.0, |e| e.proportion);
    [
        ("Detractors", p(&t.detractors), RGBColor(178, 34, 52), WHITE),
        ("Passives", p(&t.passives), RGBColor(200, 200, 200), BLACK),
        ("Promoters", p(&t.promoters), RGBColor(0, 110, 60), WHITE),
    ]
}

fn draw<DB: DrawingBackend>(root: DrawingArea<DB, Shift>, t: &NpsTable, unit: &str) -> Result<()> {
    root.fill(&WHITE).map_err(draw_err)?;
    let title_style = (FAMILY, 20.0).into_font().color(&BLACK);
    let measure = |s: &str| {
        root.estimate_text_size(s, &title_style)
            .map(|(w, _)| w)
            .unwrap_or(0)
    };
    let title = fit_label(&t.short, WIDTH - 40, &measure);
    let text = |s: String, at: (i32, i32), size: f64, pos: Pos, colour: &RGBColor| {
        let style = (FAMILY, size).into_font().color(colour).pos(pos);
        root.draw(&Text::new(s, at, style)).map_err(draw_err)
    };
    let left = Pos::new(HPos::Left, VPos::Top);
    text(title, (LEFT, 14), 20.0, left, &BLACK)?;
    let sub = match &t.nps {
        Some(s) => format!(
            "Net Promoter Score {} (95% CI {} to {}), n = {} {unit}",
            points(s.score),
            points(s.ci_low),
            points(s.ci_high),
            s.base
        ),
        None => format!("No scores (0 {unit})"),
    };
    text(sub, (LEFT, 46), 14.0, left, &BLACK)?;
    let width = (WIDTH as i32 - 2 * LEFT) as f64;
    let mut x = LEFT as f64;
    for (label, share, colour, ink) in segments(t) {
        let w = share * width;
        let (x0, x1) = (x.round() as i32, (x + w).round() as i32);
        if x1 > x0 {
            root.draw(&Rectangle::new(
                [(x0, BAR_TOP), (x1, BAR_BOTTOM)],
                colour.filled(),
            ))
            .map_err(draw_err)?;
        }
        let words = format!("{label} {:.1}%", share * 100.0);
        let centre = Pos::new(HPos::Center, VPos::Center);
        let mid = ((x0 + x1) / 2, (BAR_TOP + BAR_BOTTOM) / 2);
        let fits = root
            .estimate_text_size(&words, &(FAMILY, 13.0).into_font().color(&WHITE))
            .is_ok_and(|(tw, _)| (tw as i32) + 8 < x1 - x0);
        if fits {
            text(words, mid, 13.0, centre, &ink)?;
        }
        x += w;
    }
    let legend = "Detractors: scores 0–6 · Passives: 7–8 · Promoters: 9–10";
    text(legend.into(), (LEFT, BAR_BOTTOM + 16), 13.0, left, &BLACK)?;
    root.present().map_err(draw_err)?;
    Ok(())
}

/// The chart as SVG text.
pub(super) fn svg(t: &NpsTable, unit: &str) -> Result<String> {
    svg_of((WIDTH, HEIGHT), |root| draw(root, t, unit))
}

/// The chart as PNG bytes.
pub(super) fn png(t: &NpsTable, unit: &str) -> Result<Vec<u8>> {
    png_of((WIDTH, HEIGHT), |root| draw(root, t, unit))
}
