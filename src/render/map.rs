//! Maps of one option's share by country (`[analysis] maps`), on the world map of
//! [`crate::markup::map`].

use crate::error::Result;
use crate::markup::map::{png_of, svg_of, Legend, CLASSES, NONE, WITHHELD};
use crate::tables::ShareMap;
use plotters::style::RGBColor;

/// The legend of a share map: five classes of 20 points, withheld countries grey.
fn share_legend(m: &ShareMap) -> Legend {
    let t = &m.table;
    let row = t.rows.iter().find(|r| r.code == m.option);
    let mut fills = std::collections::HashMap::new();
    for (k, g) in t.groups.iter().enumerate() {
        let numeric = m.numeric.get(k).copied().unwrap_or(0);
        let cell = row.and_then(|r| r.cells.get(k).copied().flatten());
        match (g.suppressed, cell) {
            (Some(_), _) => fills.insert(numeric, WITHHELD),
            (None, Some(e)) => {
                let class = ((e.proportion * 5.0).floor() as usize).min(CLASSES.len() - 1);
                fills.insert(numeric, CLASSES[class])
            }
            (None, None) => None,
        };
    }
    let mut entries: Vec<(RGBColor, String)> = (0..CLASSES.len())
        .map(|k| (CLASSES[k], format!("{}–{}%", 20 * k, 20 * (k + 1))))
        .collect();
    entries.push((WITHHELD, format!("fewer than {} (withheld)", t.threshold)));
    entries.push((NONE, "no responses".to_string()));
    Legend { fills, entries }
}

fn share_title(m: &ShareMap, unit: &str) -> String {
    format!("{}: % of {unit} by country ({})", m.table.short, m.label)
}

/// The map of one option's share by country.
pub fn share_svg(m: &ShareMap, unit: &str) -> Result<String> {
    svg_of(&share_title(m, unit), &share_legend(m))
}

pub fn share_png(m: &ShareMap, unit: &str) -> Result<Vec<u8>> {
    png_of(&share_title(m, unit), &share_legend(m))
}
