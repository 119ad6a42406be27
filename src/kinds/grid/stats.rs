//! Rating grids: per item, the distribution over the scale with its base, the top-2 and bottom-2
//! boxes, the net score and the mean score.

use super::{GridItemRow, GridTable};
use crate::codebook::scale::{boxes, ScalePoint, ScaleSide};
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
) -> Result<GridTable> {
    let scale = q.scale();
    let answered = count(&crate::kinds::answered(masks, q)?);
    let items = q
        .items
        .iter()
        .map(|item| {
            let codes = masks.strs(&names::option(q.id(), item.code()))?;
            let points: Vec<Option<usize>> = codes
                .iter()
                .map(|v| v.and_then(|c| scale.iter().position(|p| p.code == c)))
                .collect();
            let mut row = item_row(&scale, &points, method, w);
            if q.order_unconfirmed() {
                // Nothing that depends on the order: only the distribution over the points.
                (row.top2, row.bottom2, row.net, row.mean) = (None, None, None, None);
            }
            row.code = item.code().to_string();
            row.label = item.label().to_string();
            row.short = item.short_label().to_string();
            Ok(row)
        })
        .collect::<Result<Vec<_>>>()?;
    let joined = |ks: &[usize]| {
        let l: Vec<&str> = ks.iter().map(|&k| scale[k].label.as_str()).collect();
        l.join(" + ")
    };
    let b = boxes(&scale).filter(|_| !q.order_unconfirmed());
    Ok(GridTable {
        question: q.id().to_string(),
        text: q.text().to_string(),
        short: q.short_label().to_string(),
        top2_label: b.as_ref().map(|(top, _)| joined(top)),
        bottom2_label: b.as_ref().map(|(_, bottom)| joined(bottom)),
        scale,
        answered,
        not_answered: masks.height() - answered,
        note: q.note.clone(),
        neutral_apart: q.neutral_apart,
        order_unconfirmed: q.order_unconfirmed(),
        items,
    })
}

/// One item's row from the scale point each respondent chose (None: left blank).
fn item_row(
    scale: &[ScalePoint],
    points: &[Option<usize>],
    method: IntervalMethod,
    w: Option<&[f64]>,
) -> GridItemRow {
    let scored = |p: &Option<usize>| p.is_some_and(|k| scale[k].score.is_some());
    let in_base: Vec<bool> = points.iter().map(scored).collect();
    let mut counts = vec![0u64; scale.len()];
    for k in points.iter().flatten() {
        counts[*k] += 1;
    }
    let share_of = |ks: &[usize]| {
        let chose: Vec<bool> = points
            .iter()
            .map(|p| p.is_some_and(|k| ks.contains(&k)))
            .collect();
        estimate(method, &chose, &in_base, w)
    };
    let shares: Vec<_> = (0..scale.len())
        .map(|k| scale[k].score.and_then(|_| share_of(&[k])))
        .collect();
    let side =
        |s: ScaleSide| -> Vec<usize> { (0..scale.len()).filter(|&k| scale[k].side == s).collect() };
    let net = match (
        share_of(&side(ScaleSide::Positive)),
        share_of(&side(ScaleSide::Negative)),
    ) {
        (Some(p), Some(n)) => Some(p.proportion - n.proportion),
        _ => None,
    };
    let (top2, bottom2) = match boxes(scale) {
        Some((top, bottom)) => (share_of(&top), share_of(&bottom)),
        None => (None, None),
    };
    let units: Vec<(f64, f64)> = points
        .iter()
        .enumerate()
        .filter_map(|(i, p)| {
            let y = scale[(*p)?].score?;
            Some((y, w.map_or(1.0, |w| w[i])))
        })
        .collect();
    let base = count(&in_base);
    let na: u64 = points.iter().filter(|p| p.is_some() && !scored(p)).count() as u64;
    GridItemRow {
        code: String::new(),
        label: String::new(),
        short: String::new(),
        base,
        counts,
        shares,
        not_applicable: na,
        not_answered: points.len() as u64 - base - na,
        top2,
        bottom2,
        net,
        mean: mean_estimate(&units),
    }
}
