//! The map of responding libraries by country (`charts/map.png`, `.svg`). Countries with
//! responses under the suppression threshold are grey and labelled withheld, never coloured by
//! their count.

use super::CountryTable;
use crate::error::Result;
use crate::markup::map::{classes, png_of, svg_of, Legend, CLASSES, NONE, WITHHELD};

fn legend(t: &CountryTable, unit: &str) -> Legend {
    let bounds = classes(t.rows.iter().map(|r| r.estimate.count).collect());
    let class_of = |c: u64| bounds.iter().position(|&b| c <= b).unwrap_or(0);
    let mut fills = std::collections::HashMap::new();
    for r in &t.rows {
        fills.insert(r.numeric, CLASSES[class_of(r.estimate.count)]);
    }
    for &n in &t.pooled_numeric {
        fills.insert(n, WITHHELD);
    }
    let mut entries = Vec::new();
    let mut low = t.threshold;
    for (k, &b) in bounds.iter().enumerate() {
        let range = if low == b {
            format!("{b}")
        } else {
            format!("{low}–{b}")
        };
        entries.push((CLASSES[k], format!("{range} {unit}")));
        low = b + 1;
    }
    if t.threshold > 1 {
        let under = match t.threshold {
            2 => "1".to_string(),
            th => format!("1–{}", th - 1),
        };
        entries.push((WITHHELD, format!("{under} (withheld)")));
    }
    entries.push((NONE, "no responses".to_string()));
    Legend { fills, entries }
}

fn count_title(t: &CountryTable, unit: &str) -> String {
    format!(
        "Responding {unit} by country ({} {unit}, {} countries)",
        t.answered, t.distinct
    )
}

/// The map of responding units by country.
pub fn svg(t: &CountryTable, unit: &str) -> Result<String> {
    svg_of(&count_title(t, unit), &legend(t, unit))
}

pub fn png(t: &CountryTable, unit: &str) -> Result<Vec<u8>> {
    png_of(&count_title(t, unit), &legend(t, unit))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_colour_their_country_and_small_ones_are_withheld() {
        use crate::figures::Estimate;
        use crate::kinds::country::CountryRow;
        let row = |a2: &str, numeric: u16, count: u64| CountryRow {
            alpha2: a2.into(),
            numeric,
            name: a2.into(),
            estimate: Estimate::new(count, 100).unwrap(),
        };
        let t = CountryTable {
            question: "country".into(),
            text: "Where?".into(),
            answered: 100,
            not_answered: 0,
            distinct: 4,
            rows: vec![row("US", 840, 60), row("DE", 276, 30), row("FR", 250, 7)],
            pooled_countries: vec!["Brazil".into()],
            pooled_numeric: vec![76],
            pooled: Estimate::new(3, 100),
            unmatched: Vec::new(),
            unrecognised: None,
            threshold: 5,
        };
        let lg = legend(&t, "libraries");
        assert_eq!(lg.fills[&840], CLASSES[2]);
        assert_eq!(lg.fills[&276], CLASSES[1]);
        assert_eq!(lg.fills[&250], CLASSES[0]);
        assert_eq!(lg.fills[&76], WITHHELD);
        assert!(!lg.fills.contains_key(&124), "no responses from Canada");
        let labels: Vec<&str> = lg.entries.iter().map(|(_, l)| l.as_str()).collect();
        assert_eq!(
            labels,
            [
                "5–7 libraries",
                "8–30 libraries",
                "31–60 libraries",
                "1–4 (withheld)",
                "no responses"
            ]
        );
    }
}
