//! Country → `q` = ISO 3166-1 alpha-2 (null when unmatched or unanswered), `q__name`,
//! `q__raw` (as typed), `q__region`, `q__subregion`.

use super::resolve::Resolved;
use super::Build;
use crate::country;
use crate::error::Result;
use crate::names;
use polars::prelude::*;

pub(super) fn build(b: &mut Build, r: &Resolved) -> Result<()> {
    let id = r.question.id();
    let cells = b.raw.cells(r.columns[0])?;
    let n = b.rows.len();
    let (mut codes, mut names_, mut raws) = (
        Vec::with_capacity(n),
        Vec::with_capacity(n),
        Vec::with_capacity(n),
    );
    let (mut regions, mut subregions) = (Vec::with_capacity(n), Vec::with_capacity(n));
    for &i in b.rows {
        let v = cells.get(i).map(str::trim).filter(|v| !v.is_empty());
        let m = v.and_then(country::lookup);
        if let (Some(v), None) = (v, &m) {
            *b.unmatched.entry(v.to_string()).or_default() += 1;
        }
        raws.push(v.map(str::to_string));
        let (reg, sub) = m
            .as_ref()
            .map(|m| country::regions(&m.alpha2))
            .unwrap_or((None, None));
        regions.push(reg);
        subregions.push(sub);
        codes.push(m.as_ref().map(|m| m.alpha2.clone()));
        names_.push(m.map(|m| m.name));
    }
    b.columns.push(Column::new(id.into(), codes));
    b.columns
        .push(Column::new(names::flag(id, names::NAME).into(), names_));
    b.columns
        .push(Column::new(names::flag(id, names::RAW).into(), raws));
    b.columns
        .push(Column::new(names::flag(id, names::REGION).into(), regions));
    b.columns.push(Column::new(
        names::flag(id, names::SUBREGION).into(),
        subregions,
    ));
    Ok(())
}
