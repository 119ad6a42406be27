//! A country question's section of the report: the countries, the pooled small ones, the map.

use super::CountryTable;
use crate::kinds::Context;
use crate::markup::document::Document;
use crate::markup::md_cell as cell;

/// The question's section: countries with enough respondents, the pooled rest, the map.
pub(crate) fn report(d: &mut Document, t: &CountryTable, cx: &Context) {
    let unit = &cell(cx.unit);
    d.heading(3, t.text.clone());
    d.para(format!(
        "{} {unit} named {} distinct countries ({} did not answer). Names were typed freely and are matched to ISO 3166-1; countries with fewer than {} {unit} are pooled so that no small group is identifiable.",
        t.answered, t.distinct, t.not_answered, t.threshold
    ));
    let mut rows: Vec<Vec<String>> = t
        .rows
        .iter()
        .map(|row| {
            vec![
                cell(&row.name),
                row.alpha2.clone(),
                row.estimate.count.to_string(),
                row.estimate.base.to_string(),
                format!("{:.1}", row.estimate.percent()),
            ]
        })
        .collect();
    if let Some(p) = &t.pooled {
        rows.push(vec![
            format!(
                "{} other countries, fewer than {} each",
                t.pooled_countries.len(),
                t.threshold
            ),
            "–".into(),
            p.count.to_string(),
            p.base.to_string(),
            format!("{:.1}", p.percent()),
        ]);
    }
    let unmatched: u64 = t.unmatched.iter().map(|u| u.rows as u64).sum();
    if unmatched > 0 {
        rows.push(vec![
            "Not recognised as a country".into(),
            "–".into(),
            unmatched.to_string(),
            t.answered.to_string(),
            format!("{:.1}", 100.0 * unmatched as f64 / t.answered as f64),
        ]);
    }
    let head = ["Country", "ISO", "Count", "Base *n*", "%"]
        .map(String::from)
        .to_vec();
    d.table(head, "llrrr", rows);
    if !t.pooled_countries.is_empty() {
        d.para(format!(
            "Pooled countries: {}.",
            cell(&t.pooled_countries.join(", "))
        ));
    }
    d.figure(map_alt(t, cx.unit), "charts/map");
}

/// The country map's text alternative: where most respond, and how many are withheld.
fn map_alt(t: &CountryTable, unit: &str) -> String {
    let top: Vec<String> = t
        .rows
        .iter()
        .take(3)
        .map(|r| format!("{} ({})", r.name, r.estimate.count))
        .collect();
    let withheld = match t.pooled_countries.len() {
        0 => String::new(),
        n if top.is_empty() => format!(
            "all {n} countries have fewer than {} {unit} and are shown grey as withheld",
            t.threshold
        ),
        n => format!(
            "; {n} countries with fewer than {} shown grey as withheld",
            t.threshold
        ),
    };
    let most = match top.is_empty() {
        true => String::new(),
        false => format!("most in {}", top.join(", ")),
    };
    format!("Map of responding {unit} by country: {most}{withheld}")
}
