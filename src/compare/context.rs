//! What the waves' samples are made of, side by side: the regions of the responding libraries,
//! and respondent ids that occur in more than one wave (then the waves are not independent
//! samples, which the change intervals assume).

use super::Wave;
use crate::error::Result;
use crate::names;
pub use crate::tables::{MixRow, Overlap};
use std::collections::{BTreeMap, BTreeSet};

/// Regions (UN M49) of each wave's respondents; empty when no wave has a country question.
pub fn region_mix(waves: &[Wave]) -> Result<Vec<MixRow>> {
    let mut counts: BTreeMap<String, Vec<u64>> = BTreeMap::new();
    let mut totals = vec![0u64; waves.len()];
    for (k, w) in waves.iter().enumerate() {
        let cb = &w.codebook;
        if cb.country_question().is_none() {
            continue;
        }
        let frame = &w.tidy.frame;
        for v in crate::tidy::variables::variable_values(cb, frame, names::REGION)? {
            let region = v.unwrap_or_else(|| "(no country)".to_string());
            if region != "(no country)" {
                totals[k] += 1;
            }
            counts.entry(region).or_insert_with(|| vec![0; waves.len()])[k] += 1;
        }
    }
    let mut rows: Vec<MixRow> = counts
        .into_iter()
        .map(|(region, counts)| MixRow {
            shares: counts
                .iter()
                .zip(&totals)
                .map(|(&c, &t)| (t > 0).then(|| c as f64 / t as f64))
                .collect(),
            region,
            counts,
        })
        .collect();
    rows.sort_by(|a, b| {
        b.counts
            .iter()
            .sum::<u64>()
            .cmp(&a.counts.iter().sum::<u64>())
    });
    Ok(rows)
}

fn ids(w: &Wave) -> Result<Option<BTreeSet<String>>> {
    if let Some(p) = &w.panel {
        return Ok(Some(p.clone()));
    }
    // Without a respondent id column, rows are numbered: numbers say nothing across waves.
    if w.codebook.survey.respondent_id.is_none() {
        return Ok(None);
    }
    let col = w.tidy.frame.column(names::RESPONDENT_ID)?;
    Ok(Some(
        col.str()?.iter().flatten().map(str::to_string).collect(),
    ))
}

/// Pairs of waves sharing respondent ids.
pub fn overlaps(waves: &[Wave]) -> Result<Vec<Overlap>> {
    let sets: Vec<Option<BTreeSet<String>>> = waves.iter().map(ids).collect::<Result<_>>()?;
    let mut out = Vec::new();
    for a in 0..waves.len() {
        for b in a + 1..waves.len() {
            if let (Some(x), Some(y)) = (&sets[a], &sets[b]) {
                let n = x.intersection(y).count();
                if n > 0 {
                    let panel = waves[a].panel.is_some() && waves[b].panel.is_some();
                    out.push(Overlap {
                        first: waves[a].id.clone(),
                        second: waves[b].id.clone(),
                        ids: n,
                        by: if panel { "panel key" } else { "respondent id" }.into(),
                    });
                }
            }
        }
    }
    Ok(out)
}
