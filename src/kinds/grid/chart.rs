//! Diverging stacked bars for a rating grid, as PNG and SVG: per item, the points below the
//! midpoint stack left of zero and those above it right, the neutral point split across zero;
//! items sorted by net agreement (most positive first); a colour-blind-safe diverging palette
//! (ColorBrewer PuOr); % labels on segments of 5% or more; each item's base at the right.
//! Not-applicable points are outside the base and not drawn (the table counts them).

use super::{GridItemRow, GridTable};
use crate::error::Result;
use crate::figures::ScaleSide;
use crate::markup::canvas::{draw_err, fit_label, png_of, rows_note, svg_of, FAMILY, MAX_ROWS};
use plotters::coord::Shift;
use plotters::prelude::*;

const WIDTH: u32 = 960;
const ROW: u32 = 34;
const TOP: u32 = 92;

/// ColorBrewer PuOr (11 classes): orange for below the midpoint, purple above.
const PUOR: [(u8, u8, u8); 11] = [
    (127, 59, 8),
    (179, 88, 6),
    (224, 130, 20),
    (253, 184, 99),
    (254, 224, 182),
    (247, 247, 247),
    (216, 218, 235),
    (178, 171, 210),
    (128, 115, 172),
    (84, 39, 136),
    (45, 0, 75),
];
const NEUTRAL: RGBColor = RGBColor(200, 200, 200);

/// Colours for `k` points on one side, outermost first (orange side), from the palette's
/// stronger half so every segment stands out from white.
fn side_colours(k: usize, negative: bool) -> Vec<RGBColor> {
    let picks: &[usize] = match k {
        0 => &[],
        1 => &[2],
        2 => &[1, 3],
        3 => &[1, 2, 3],
        _ => &[0, 1, 2, 3],
    };
    let mut idx: Vec<usize> = picks.to_vec();
    while idx.len() < k {
        idx.insert(0, 0);
    }
    idx.iter()
        .map(|&i| {
            let (r, g, b) = if negative { PUOR[i] } else { PUOR[10 - i] };
            RGBColor(r, g, b)
        })
        .collect()
}

/// Per scale point (table order): its colour, or None when it is not drawn.
fn colours(t: &GridTable) -> Vec<Option<RGBColor>> {
    let count = |s: ScaleSide| t.scale.iter().filter(|p| p.side == s).count();
    let neg = side_colours(count(ScaleSide::Negative), true);
    // Positive points run from the midpoint outwards: mildest first.
    let mut pos = side_colours(count(ScaleSide::Positive), false);
    pos.reverse();
    let (mut n, mut p) = (neg.into_iter(), pos.into_iter());
    t.scale
        .iter()
        .map(|pt| match pt.side {
            ScaleSide::Negative => n.next(),
            ScaleSide::Positive => p.next(),
            ScaleSide::Neutral => Some(NEUTRAL),
            ScaleSide::NotApplicable => None,
        })
        .collect()
}

/// Items in drawing order: net agreement, highest first; ties (and no net) keep codebook order.
fn order(t: &GridTable) -> Vec<&GridItemRow> {
    let mut v: Vec<&GridItemRow> = t.items.iter().collect();
    v.sort_by(|a, b| {
        b.net
            .unwrap_or(f64::MIN)
            .total_cmp(&a.net.unwrap_or(f64::MIN))
    });
    v
}

/// Each drawn segment of an item: (scale position, start %, end %), left to right.
fn segments(t: &GridTable, it: &GridItemRow) -> Vec<(usize, f64, f64)> {
    let share = |k: usize| it.shares[k].map_or(0.0, |e| e.percent());
    let neutral: f64 = (0..t.scale.len())
        .filter(|&k| t.scale[k].side == ScaleSide::Neutral)
        .map(share)
        .sum();
    // Shown apart, the neutral point has a bar of its own ([`neutral_bar`]).
    let split = if t.neutral_apart { 0.0 } else { neutral / 2.0 };
    let left_total: f64 = (0..t.scale.len())
        .filter(|&k| t.scale[k].side == ScaleSide::Negative)
        .map(share)
        .sum::<f64>()
        + split;
    let mut x = -left_total;
    let mut out = Vec::new();
    for (k, p) in t.scale.iter().enumerate() {
        let apart = t.neutral_apart && p.side == ScaleSide::Neutral;
        if p.side == ScaleSide::NotApplicable || apart {
            continue;
        }
        let w = share(k);
        out.push((k, x, x + w));
        x += w;
    }
    out
}

fn size(t: &GridTable) -> (u32, u32) {
    (
        WIDTH,
        TOP + 50 + ROW * t.items.len().clamp(1, MAX_ROWS) as u32,
    )
}

fn draw<DB: DrawingBackend>(root: DrawingArea<DB, Shift>, t: &GridTable, unit: &str) -> Result<()> {
    root.fill(&WHITE).map_err(draw_err)?;
    let label = (FAMILY, 15.0).into_text_style(&root);
    let small = (FAMILY, 13.0).into_text_style(&root);
    let measure =
        |s: &str, st: &TextStyle| root.estimate_text_size(s, st).map(|(w, _)| w).unwrap_or(0);
    let title_style = (FAMILY, 20.0).into_text_style(&root);
    let title = fit_label(&t.short, WIDTH - 28, &|s| measure(s, &title_style));
    root.draw(&Text::new(title, (14, 10), title_style.clone()))
        .map_err(draw_err)?;
    let mut items = order(t);
    let note = rows_note(items.len(), "items, most positive first");
    items.truncate(MAX_ROWS);
    let names: Vec<String> = items
        .iter()
        .map(|it| {
            fit_label(&it.short, (WIDTH as f64 * 0.3) as u32, &|s| {
                measure(s, &label)
            })
        })
        .collect();
    let label_w = names.iter().map(|n| measure(n, &label)).max().unwrap_or(40) + 24;
    let base_w = 70;
    let apart_w = if t.neutral_apart { NEUTRAL_W } else { 0 };
    let (x0, x1) = (label_w as i32, (WIDTH - base_w - apart_w) as i32);
    let segs: Vec<Vec<(usize, f64, f64)>> = items.iter().map(|it| segments(t, it)).collect();
    let reach = segs
        .iter()
        .flatten()
        .map(|s| s.1.abs().max(s.2.abs()))
        .fold(50.0f64, f64::max);
    let domain = (reach / 20.0).ceil() * 20.0;
    let zero = (x0 + x1) / 2;
    let px = |v: f64| zero + ((x1 - x0) as f64 / 2.0 * v / domain).round() as i32;
    legend(&root, t, &small, 14, 42)?;
    let colours = colours(t);
    for (i, (it, segs)) in items.iter().zip(&segs).enumerate() {
        let y = (TOP + i as u32 * ROW) as i32;
        root.draw(&Text::new(names[i].clone(), (12, y + 8), label.clone()))
            .map_err(draw_err)?;
        bars(&root, segs, &colours, y, &px, &small)?;
        if t.neutral_apart {
            neutral_bar(&root, t, it, x1 + 16, y, &small)?;
        }
        root.draw(&Text::new(
            format!("n={}", it.base),
            (x1 + apart_w as i32 + 10, y + 10),
            small.clone(),
        ))
        .map_err(draw_err)?;
    }
    let bottom = (TOP + ROW * items.len().max(1) as u32) as i32;
    let axis = RGBColor(90, 90, 90);
    root.draw(&PathElement::new(
        vec![(zero, TOP as i32 - 4), (zero, bottom + 2)],
        axis.stroke_width(1),
    ))
    .map_err(draw_err)?;
    for v in [-domain, -domain / 2.0, 0.0, domain / 2.0, domain] {
        let text = format!("{:.0}%", v.abs());
        let tw = measure(&text, &small) as i32;
        root.draw(&Text::new(
            text,
            (px(v) - tw / 2, bottom + 8),
            small.clone(),
        ))
        .map_err(draw_err)?;
    }
    root.draw(&Text::new(
        description(t, unit, note),
        (x0, bottom + 28),
        small.clone(),
    ))
    .map_err(draw_err)?;
    root.present().map_err(draw_err)?;
    Ok(())
}

/// The line under the chart: what the bars are, where neutral is, and the rows left out.
fn description(t: &GridTable, unit: &str, note: Option<String>) -> String {
    let where_neutral = match t.neutral_apart {
        true => "neutral at right",
        false => "neutral split across zero",
    };
    let desc = format!("% of the {unit} that rated each item (base n at right); {where_neutral}");
    match note {
        Some(note) => format!("{desc}; {note}"),
        None => desc,
    }
}

/// One item's segments, each labelled with its % when 5 or more (white on dark colours).
fn bars<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    segs: &[(usize, f64, f64)],
    colours: &[Option<RGBColor>],
    y: i32,
    px: &dyn Fn(f64) -> i32,
    small: &TextStyle,
) -> Result<()> {
    for &(k, a, b) in segs {
        let Some(c) = colours[k] else { continue };
        let top_left = (px(a), y + 4);
        root.draw(&Rectangle::new(
            [top_left, (px(b), y + ROW as i32 - 4)],
            c.filled(),
        ))
        .map_err(draw_err)?;
        if b - a >= 5.0 {
            let dark = (c.0 as u32 + c.1 as u32 + c.2 as u32) < 360;
            let text = format!("{:.0}", b - a);
            let tw = root
                .estimate_text_size(&text, small)
                .map(|(w, _)| w)
                .unwrap_or(0) as i32;
            let st = small.clone().color(if dark { &WHITE } else { &BLACK });
            root.draw(&Text::new(text, ((px(a) + px(b) - tw) / 2, y + 10), st))
                .map_err(draw_err)?;
        }
    }
    Ok(())
}

/// Width of the neutral column when the neutral point is shown apart.
const NEUTRAL_W: u32 = 130;

/// The neutral share of an item as a bar of its own (0–100% over the column's width).
fn neutral_bar<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    t: &GridTable,
    it: &GridItemRow,
    x: i32,
    y: i32,
    style: &TextStyle,
) -> Result<()> {
    let share: f64 = (0..t.scale.len())
        .filter(|&k| t.scale[k].side == ScaleSide::Neutral)
        .map(|k| it.shares[k].map_or(0.0, |e| e.percent()))
        .sum();
    let w = ((NEUTRAL_W - 40) as f64 * share / 100.0).round() as i32;
    root.draw(&Rectangle::new(
        [(x, y + 4), (x + w, y + ROW as i32 - 4)],
        NEUTRAL.filled(),
    ))
    .map_err(draw_err)?;
    root.draw(&Text::new(
        format!("{share:.0}"),
        (x + w + 4, y + 10),
        style.clone(),
    ))
    .map_err(draw_err)?;
    Ok(())
}

/// The scale's points in order, each with its colour.
fn legend<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    t: &GridTable,
    style: &TextStyle,
    mut x: i32,
    y: i32,
) -> Result<()> {
    for (p, c) in t.scale.iter().zip(colours(t)) {
        let Some(c) = c else { continue };
        root.draw(&Rectangle::new([(x, y), (x + 14, y + 14)], c.filled()))
            .map_err(draw_err)?;
        let w = root
            .estimate_text_size(&p.short, style)
            .map(|(w, _)| w)
            .unwrap_or(0) as i32;
        root.draw(&Text::new(p.short.clone(), (x + 19, y), style.clone()))
            .map_err(draw_err)?;
        x += 19 + w + 16;
    }
    Ok(())
}

/// The chart as SVG text.
pub fn svg(t: &GridTable, unit: &str) -> Result<String> {
    svg_of(size(t), |root| draw(root, t, unit))
}

/// The chart as PNG bytes.
pub fn png(t: &GridTable, unit: &str) -> Result<Vec<u8>> {
    png_of(size(t), |root| draw(root, t, unit))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn palette_sides_run_outwards() {
        let neg = side_colours(2, true);
        assert_eq!(neg, [RGBColor(179, 88, 6), RGBColor(253, 184, 99)]);
        let pos = side_colours(2, false);
        assert_eq!(pos, [RGBColor(84, 39, 136), RGBColor(178, 171, 210)]);
        assert_eq!(side_colours(6, true).len(), 6);
    }
}
