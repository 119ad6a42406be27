//! The world map every choropleth is drawn on: Natural Earth 1:110m shapes (public domain,
//! `data/map/countries-110m.txt`, compiled in) on the Equal Earth projection (equal-area, so
//! large countries do not look more important than they are), five classes of sequential blues,
//! withheld countries grey.

use crate::error::Result;
use crate::markup::canvas::{draw_err, FAMILY};
use plotters::coord::Shift;
use plotters::prelude::*;
use std::sync::OnceLock;

static SHAPES: &str = include_str!("../../data/map/countries-110m.txt");
pub(crate) const WIDTH: u32 = 960;
pub(crate) const HEIGHT: u32 = 560;

/// Sequential blues (ColorBrewer), light to dark: readable with every colour-vision deficiency.
pub(crate) const CLASSES: [RGBColor; 5] = [
    RGBColor(198, 219, 239),
    RGBColor(158, 202, 225),
    RGBColor(107, 174, 214),
    RGBColor(49, 130, 189),
    RGBColor(8, 81, 156),
];
pub(crate) const WITHHELD: RGBColor = RGBColor(150, 150, 150);
pub(crate) const NONE: RGBColor = RGBColor(236, 236, 236);

/// Each country's outer rings (longitude, latitude in degrees), by ISO 3166-1 numeric code.
type Shapes = Vec<(u16, Vec<Vec<(f64, f64)>>)>;

pub(crate) fn shapes() -> &'static Shapes {
    static S: OnceLock<Shapes> = OnceLock::new();
    S.get_or_init(|| {
        SHAPES
            .lines()
            .filter(|l| !l.starts_with('#') && !l.is_empty())
            .filter_map(|l| {
                let (code, rings) = l.split_once('\t')?;
                let rings = rings
                    .split(';')
                    .map(|r| {
                        r.split(' ')
                            .filter_map(|p| {
                                let (x, y) = p.split_once(',')?;
                                Some((x.parse().ok()?, y.parse().ok()?))
                            })
                            .collect()
                    })
                    .collect();
                Some((code.parse().ok()?, rings))
            })
            .collect()
    })
}

/// The Equal Earth projection (Šavrič, Patterson and Jenny 2018) of longitude and latitude in
/// degrees, in units of the Earth's radius.
pub fn equal_earth(lon: f64, lat: f64) -> (f64, f64) {
    const A1: f64 = 1.340264;
    const A2: f64 = -0.081106;
    const A3: f64 = 0.000893;
    const A4: f64 = 0.003796;
    let m = 3f64.sqrt() / 2.0;
    let t = (m * lat.to_radians().sin()).asin();
    let (t2, t6) = (t * t, t.powi(6));
    let x = 2.0 * 3f64.sqrt() * lon.to_radians() * t.cos()
        / (3.0 * (A1 + 3.0 * A2 * t2 + t6 * (7.0 * A3 + 9.0 * A4 * t2)));
    let y = t * (A1 + A2 * t2 + t6 * (A3 + A4 * t2));
    (x, y)
}

/// Up to five classes of counts (at or over the threshold), each holding about as many
/// countries: the upper bound of each class.
pub fn classes(mut counts: Vec<u64>) -> Vec<u64> {
    counts.sort_unstable();
    counts.dedup();
    let n = counts.len();
    let k = n.min(CLASSES.len());
    let mut bounds: Vec<u64> = (1..=k).map(|i| counts[(i * n).div_ceil(k) - 1]).collect();
    bounds.dedup();
    bounds
}

/// What the map shows: each country's fill, and the legend.
pub(crate) struct Legend {
    pub(crate) fills: std::collections::HashMap<u16, RGBColor>,
    pub(crate) entries: Vec<(RGBColor, String)>,
}

fn draw<DB: DrawingBackend>(root: DrawingArea<DB, Shift>, title: &str, lg: &Legend) -> Result<()> {
    root.fill(&WHITE).map_err(draw_err)?;
    root.draw(&Text::new(title, (16, 12), (FAMILY, 20).into_font()))
        .map_err(draw_err)?;
    let (xmax, _) = equal_earth(180.0, 0.0);
    let (_, ymax) = equal_earth(0.0, 84.0);
    let (_, ymin) = equal_earth(0.0, -58.0);
    let area = root.margin(44, 90, 10, 10);
    let mut chart = ChartBuilder::on(&area)
        .build_cartesian_2d(-xmax..xmax, ymin..ymax)
        .map_err(draw_err)?;
    for (code, rings) in shapes() {
        let fill = lg.fills.get(code).copied().unwrap_or(NONE);
        for ring in rings {
            // A ring unwrapped past the antimeridian is drawn again on the other side.
            let shifts: &[f64] = match ring.iter().map(|p| p.0).fold(0f64, |a, x| a.max(x.abs())) {
                m if m > 180.0 => &[0.0, -360.0, 360.0],
                _ => &[0.0],
            };
            for &s in shifts {
                let pts: Vec<(f64, f64)> =
                    ring.iter().map(|&(x, y)| equal_earth(x + s, y)).collect();
                chart
                    .draw_series(std::iter::once(Polygon::new(pts.clone(), fill.filled())))
                    .map_err(draw_err)?;
                let mut outline = pts;
                outline.extend(outline.first().copied());
                chart
                    .draw_series(std::iter::once(PathElement::new(
                        outline,
                        WHITE.stroke_width(1),
                    )))
                    .map_err(draw_err)?;
            }
        }
    }
    let (_, h) = root.dim_in_pixel();
    for (k, (color, label)) in lg.entries.iter().enumerate() {
        let x = 16 + 200 * (k as i32 % 4);
        let y = h as i32 - 70 + 26 * (k as i32 / 4);
        root.draw(&Rectangle::new([(x, y), (x + 18, y + 14)], color.filled()))
            .map_err(draw_err)?;
        root.draw(&Rectangle::new(
            [(x, y), (x + 18, y + 14)],
            BLACK.stroke_width(1),
        ))
        .map_err(draw_err)?;
        root.draw(&Text::new(
            label.clone(),
            (x + 24, y),
            (FAMILY, 13).into_font(),
        ))
        .map_err(draw_err)?;
    }
    root.present().map_err(draw_err)?;
    Ok(())
}

pub(crate) fn svg_of(title: &str, lg: &Legend) -> Result<String> {
    crate::markup::canvas::svg_of((WIDTH, HEIGHT), |root| draw(root, title, lg))
}

pub(crate) fn png_of(title: &str, lg: &Legend) -> Result<Vec<u8>> {
    crate::markup::canvas::png_of((WIDTH, HEIGHT), |root| draw(root, title, lg))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_earth_extent() {
        // The projection's published extent: x at the antimeridian on the equator, y at a pole.
        let (x, _) = equal_earth(180.0, 0.0);
        let (_, y) = equal_earth(0.0, 90.0);
        assert!((x - 2.706_629_6).abs() < 1e-6, "{x}");
        assert!((y - 1.317_362_7).abs() < 1e-6, "{y}");
        assert_eq!(equal_earth(0.0, 0.0), (0.0, 0.0));
    }

    #[test]
    fn every_country_has_a_shape() {
        let s = shapes();
        assert_eq!(
            s.len(),
            176,
            "177 Natural Earth features, Antarctica left out"
        );
        for code in [4, 36, 76, 124, 250, 276, 356, 643, 710, 840, 900] {
            assert!(s.iter().any(|(c, _)| *c == code), "{code}");
        }
    }

    #[test]
    fn classes_hold_about_as_many_countries() {
        assert_eq!(
            classes(vec![5, 6, 9, 12, 14, 16, 19, 21, 25, 26, 33, 52]),
            [9, 14, 21, 26, 52]
        );
        assert_eq!(classes(vec![7, 7, 8]), [7, 8]);
        assert_eq!(classes(vec![]), Vec::<u64>::new());
    }
}
