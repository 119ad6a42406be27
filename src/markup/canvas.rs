//! What every chart shares: the bundled font, the page width, the row limit, drawing on an SVG
//! or a bitmap, and PNG encoding.
//!
//! The font (DejaVu Sans) is compiled in and registered with plotters' ab_glyph backend, so no
//! system fonts are needed and the PNG bytes are the same on every machine.

use crate::error::{Error, Result};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::FontStyle;
use std::sync::OnceLock;

static FONT: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");
pub(crate) const FAMILY: &str = "sans-serif";
pub(crate) const WIDTH: u32 = 960;
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
