//! A rating grid broken down by a variable: per item, the top-2 box of each group among the
//! group's respondents who rated the item on the scale.
//!
//! Each item has its own base, so suppression looks at every item: a group is withheld when
//! its smallest item base is under the threshold, and more groups are withheld (complementary)
//! until the withheld ones together reach it; every published cell then has a base of at least
//! the threshold, and no withheld cell can be worked out from the item's total.

use super::breakdown::{assign, group_list, suppress, Coded, Context};
use super::interval::PropSummary;
use super::Estimate;
use crate::codebook::Question;
pub use crate::figures::{BreakdownRow, BreakdownTable};

/// One item: who chose its top-2 box, and who rated it on the scale.
pub struct ItemMasks {
    pub top2: Vec<bool>,
    pub rated: Vec<bool>,
}

pub fn breakdown(
    ctx: &Context,
    q: &Question,
    by: &str,
    values: &Coded,
    answered: &[bool],
    items: &[ItemMasks],
) -> BreakdownTable {
    let (keys, group) = assign(ctx, by, values, answered);
    // Members of each group among those who rated each item, in row order.
    let members = |mask: &[bool]| {
        let mut m: Vec<Vec<usize>> = vec![Vec::new(); keys.len()];
        for (i, g) in group.iter().enumerate() {
            if let (true, Some(g)) = (mask[i], g) {
                m[*g].push(i);
            }
        }
        m
    };
    let answered_members = members(answered);
    let item_members: Vec<Vec<Vec<usize>>> = items.iter().map(|it| members(&it.rated)).collect();
    let smallest: Vec<u64> = (0..keys.len())
        .map(|g| {
            item_members
                .iter()
                .map(|m| m[g].len() as u64)
                .min()
                .unwrap_or(0)
        })
        .collect();
    let sup = suppress(&smallest, ctx.threshold);
    let bases: Vec<u64> = answered_members.iter().map(|m| m.len() as u64).collect();
    let groups = group_list(ctx, by, &keys, &bases, &sup);
    let rows = q
        .items
        .iter()
        .zip(items.iter().zip(&item_members))
        .map(|(item, (it, m))| BreakdownRow {
            code: item.code().to_string(),
            label: item.label().to_string(),
            short: item.short_label().to_string(),
            cells: m
                .iter()
                .zip(&sup)
                .map(|(m, s)| {
                    let units = m
                        .iter()
                        .map(|&i| (it.top2[i], ctx.weights.map_or(1.0, |w| w[i])));
                    let summary = PropSummary::from_units(units, ctx.weights.is_some());
                    s.is_none()
                        .then(|| Estimate::from_summary(ctx.method, &summary))
                        .flatten()
                })
                .collect(),
            test: None,
        })
        .collect();
    super::breakdown::table(ctx, q, by, groups, rows, None)
}
