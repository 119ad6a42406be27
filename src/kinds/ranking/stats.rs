//! Rankings: per item, how many ranked it, its mean rank (1 = first) and the share of the
//! question's respondents who ranked it first.

use super::{RankingItemRow, RankingTable};
use crate::codebook::Question;
use crate::error::Result;
use crate::estimate::interval::IntervalMethod;
use crate::estimate::masks::{count, estimate, Masks};
use crate::estimate::mean::mean_estimate;
use crate::names;

pub(crate) fn table(
    q: &Question,
    masks: &Masks,
    method: IntervalMethod,
    w: Option<&[f64]>,
) -> Result<RankingTable> {
    let answered = crate::kinds::answered(masks, q)?;
    let items = q
        .items
        .iter()
        .map(|item| {
            let ranks = masks.ranks(&names::option(q.id(), item.code()))?;
            let first: Vec<bool> = ranks.iter().map(|r| *r == Some(1)).collect();
            let units: Vec<(f64, f64)> = ranks
                .iter()
                .enumerate()
                .filter_map(|(i, r)| Some((f64::from((*r)?), w.map_or(1.0, |w| w[i]))))
                .collect();
            Ok(RankingItemRow {
                code: item.code().to_string(),
                label: item.label().to_string(),
                short: item.short_label().to_string(),
                ranked: units.len() as u64,
                mean_rank: mean_estimate(&units),
                first: estimate(method, &first, &answered, w),
            })
        })
        .collect::<Result<Vec<_>>>()?;
    let n = count(&answered);
    Ok(RankingTable {
        question: q.id().to_string(),
        text: q.text().to_string(),
        short: q.short_label().to_string(),
        answered: n,
        not_answered: masks.height() - n,
        note: q.note.clone(),
        items,
    })
}
