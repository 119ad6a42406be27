//! The country question: respondents per country (the sample's composition, unweighted),
//! small countries pooled so that none can be picked out.

use super::{CountryRow, CountryTable};
use crate::codebook::Question;
use crate::error::Result;
use crate::estimate::breakdown;
use crate::estimate::interval::{IntervalMethod, PropSummary};
use crate::estimate::masks::Masks;
use crate::figures::Estimate;
use crate::frame::dictionary::Dictionary;
use crate::frame::Tidy;
use crate::names;
use std::collections::BTreeMap;

pub(crate) fn table(
    q: &Question,
    masks: &Masks,
    tidy: &Tidy,
    threshold: u64,
    method: IntervalMethod,
) -> Result<CountryTable> {
    let n = masks.height();
    let n_answered = crate::estimate::masks::count(&crate::kinds::answered(masks, q)?);
    // Rows with a code and a name, counted per distinct code (the name of its first row).
    let codes = Dictionary::of(masks.frame().column(q.id())?.str()?);
    let names = masks
        .frame()
        .column(&names::flag(q.id(), names::NAME))?
        .str()?;
    let mut per_code: Vec<(Option<&str>, u64)> = vec![(None, 0); codes.distinct.len()];
    for (c, name) in codes.of.iter().zip(names.iter()) {
        if let (Some(c), Some(name)) = (c, name) {
            let (first, n) = &mut per_code[*c as usize];
            first.get_or_insert(name);
            *n += 1;
        }
    }
    let counts: BTreeMap<&str, (&str, u64)> = (codes.distinct.iter().zip(per_code))
        .filter_map(|(c, (name, n))| Some((*c, (name?, n))))
        .collect();
    let distinct = counts.len();
    // Countries under the threshold are pooled; the pool grows (smallest countries first, as in
    // breakdowns) until it holds at least two countries and reaches the threshold, so neither a
    // single pooled country nor the pool can identify a small group.
    let entries: Vec<(String, String, u64)> = counts
        .into_iter()
        .map(|(a2, (name, k))| (a2.to_string(), name.to_string(), k))
        .collect();
    let bases: Vec<u64> = entries.iter().map(|e| e.2).collect();
    let pooled_flags = breakdown::suppress(&bases, threshold);
    let mut big: Vec<CountryRow> = Vec::new();
    let mut small: Vec<(String, u64)> = Vec::new();
    let mut pooled_numeric = Vec::new();
    for ((alpha2, name, k), pooled) in entries.into_iter().zip(pooled_flags) {
        let numeric = crate::country::numeric(&alpha2).unwrap_or(0);
        if pooled.is_none() {
            big.push(CountryRow {
                alpha2,
                numeric,
                name,
                estimate: Estimate::from_summary(method, &PropSummary::unweighted(k, n_answered))
                    .expect("base > 0"),
            });
        } else {
            small.push((name, k));
            pooled_numeric.push(numeric);
        }
    }
    big.sort_by(|a, b| {
        b.estimate
            .count
            .cmp(&a.estimate.count)
            .then_with(|| a.name.cmp(&b.name))
    });
    let pooled_n: u64 = small.iter().map(|(_, k)| k).sum();
    let mut pooled_countries: Vec<String> = small.into_iter().map(|(name, _)| name).collect();
    pooled_countries.sort();
    Ok(CountryTable {
        question: q.id().to_string(),
        text: q.text().to_string(),
        answered: n_answered,
        not_answered: n - n_answered,
        distinct,
        rows: big,
        pooled: if pooled_countries.is_empty() {
            None
        } else {
            Estimate::from_summary(method, &PropSummary::unweighted(pooled_n, n_answered))
        },
        pooled_countries,
        pooled_numeric,
        unrecognised: match tidy.unmatched_countries.iter().map(|u| u.rows as u64).sum() {
            0 => None,
            k => Estimate::from_summary(method, &PropSummary::unweighted(k, n_answered)),
        },
        unmatched: tidy.unmatched_countries.clone(),
        threshold,
    })
}
