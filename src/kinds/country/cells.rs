//! A country question as typed cells: one row per country, then the pooled small countries.

use super::CountryTable;
use crate::markup::cells::{estimate_cells, with_estimate, Grid, Value};

/// A country question: one row per country, then the pooled small countries.
pub(crate) fn cells(t: &CountryTable) -> Grid {
    let mut rows: Vec<Vec<Value>> = t
        .rows
        .iter()
        .map(|row| {
            let mut r = vec![
                Value::Code(t.question.clone()),
                Value::Code(row.alpha2.clone()),
                Value::Text(row.name.clone()),
            ];
            r.extend(estimate_cells(Some(&row.estimate)));
            r
        })
        .collect();
    if let Some(p) = &t.pooled {
        let mut r = vec![
            Value::Code(t.question.clone()),
            Value::Code("pooled".into()),
            Value::Text(format!(
                "{} countries with fewer than {} each: {}",
                t.pooled_countries.len(),
                t.threshold,
                t.pooled_countries.join("; ")
            )),
        ];
        r.extend(estimate_cells(Some(p)));
        rows.push(r);
    }
    if let Some(u) = &t.unrecognised {
        let mut r = vec![
            Value::Code(t.question.clone()),
            Value::Code("unrecognised".into()),
            Value::Text("Not recognised as a country".into()),
        ];
        r.extend(estimate_cells(Some(u)));
        rows.push(r);
    }
    Grid {
        columns: with_estimate(&["question", "country", "name"]),
        rows,
    }
}
