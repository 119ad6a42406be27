//! Country → `q` = ISO 3166-1 alpha-2 (null when unmatched or unanswered), `q__name`,
//! `q__raw` (as typed), `q__region`, `q__subregion`.

use crate::country;
use crate::error::Result;
use crate::frame::Build;
use crate::frame::Resolved;
use crate::names;
use polars::prelude::*;

/// A distinct cell as typed (None: no answer) and the country it names.
type Found<'a> = (Option<&'a str>, Option<country::CountryMatch>);

pub(crate) fn build(b: &mut Build, r: &Resolved) -> Result<()> {
    let id = r.question.id();
    let cells = b.raw.cells(r.columns[0])?;
    // One lookup per distinct spelling.
    let d = cells.distinct(b.rows);
    let found: Vec<Found> = d
        .first
        .iter()
        .map(|&(_, v)| {
            // "n/a", "none", "-" … did not answer: not in the base, not unmatched.
            let v = v
                .map(str::trim)
                .filter(|v| !v.is_empty() && !country::is_non_answer(v));
            (v, v.and_then(country::lookup))
        })
        .collect();
    let mut uses = vec![0usize; found.len()];
    for &k in &d.key {
        uses[k as usize] += 1;
    }
    for ((v, m), &n) in found.iter().zip(&uses) {
        if let (Some(v), None) = (v, m) {
            *b.unmatched.entry(v.to_string()).or_default() += n;
        }
    }
    let per_key = |f: &dyn Fn(&Found) -> Option<String>| {
        let values: Vec<Option<String>> = found.iter().map(f).collect();
        let values: Vec<Option<&str>> = values.iter().map(Option::as_deref).collect();
        crate::frame::coded_text::gathered("", &values, &d.key)
    };
    let raws = per_key(&|(v, _)| v.map(str::to_string))?;
    let codes = per_key(&|(_, m)| m.as_ref().map(|m| m.alpha2.clone()))?;
    let names_ = per_key(&|(_, m)| m.as_ref().map(|m| m.name.clone()))?;
    let regions = per_key(&|(_, m)| m.as_ref().and_then(|m| country::regions(&m.alpha2).0))?;
    let subregions = per_key(&|(_, m)| m.as_ref().and_then(|m| country::regions(&m.alpha2).1))?;
    b.columns.push(codes.with_name(id.into()).into_column());
    for (flag, col) in [
        (names::NAME, names_),
        (names::RAW, raws),
        (names::REGION, regions),
        (names::SUBREGION, subregions),
    ] {
        b.columns
            .push(col.with_name(names::flag(id, flag).into()).into_column());
    }
    Ok(())
}
