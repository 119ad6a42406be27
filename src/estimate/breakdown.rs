//! Breakdowns: each declared question by each declared variable — count, base, % and interval
//! per cell, a test of association, and small-cell suppression.
//!
//! Suppression works on groups: a group whose base (unweighted) is under the threshold has all
//! its cells withheld. The withheld groups' combined figures can be worked out from the
//! published overall table and the other groups, so the smallest remaining groups are withheld
//! too (complementary suppression) until at least two are withheld and together they reach the
//! threshold.

use super::chisq::{pearson, rao_scott, Association};
use super::interval::{IntervalMethod, PropSummary};
use super::Estimate;
use crate::codebook::{Codebook, Question, Shape};
pub use crate::figures::{BreakdownRow, BreakdownTable, Group};

impl BreakdownTable {
    pub fn any_suppressed(&self) -> bool {
        self.groups.iter().any(|g| g.suppressed.is_some())
    }
}

/// Inputs shared by every breakdown of one run.
pub struct Context<'a> {
    pub cb: &'a Codebook,
    pub weights: Option<&'a [f64]>,
    pub method: IntervalMethod,
    pub threshold: u64,
}

pub const NOT_STATED: &str = "Not stated";

/// Decides which groups are withheld, given their bases.
pub fn suppress(bases: &[u64], threshold: u64) -> Vec<Option<&'static str>> {
    let mut out: Vec<Option<&'static str>> = bases
        .iter()
        .map(|&b| (b < threshold).then_some("small"))
        .collect();
    // The withheld groups together can be worked out from the totals: withhold more until
    // there are at least two of them and together they reach the threshold.
    loop {
        let withheld: Vec<usize> = (0..bases.len()).filter(|&k| out[k].is_some()).collect();
        let together: u64 = withheld.iter().map(|&k| bases[k]).sum();
        if withheld.is_empty() || (withheld.len() >= 2 && together >= threshold) {
            break;
        }
        match (0..bases.len())
            .filter(|&k| out[k].is_none())
            .min_by_key(|&k| (bases[k], k))
        {
            Some(k) => out[k] = Some("complementary"),
            None => break,
        }
    }
    out
}

/// A breakdown variable's values, coded once for all the questions broken down by it: the
/// distinct values in order of first appearance, each respondent's as a position among them.
pub use crate::frame::dictionary::Dictionary as Coded;

/// The weighted summary of `y` over the units `members` (in row order).
fn weighted(y: &[bool], members: &[usize], w: &[f64]) -> PropSummary {
    PropSummary::from_units(members.iter().map(|&i| (y[i], w[i])), true)
}

/// The groups of a breakdown variable (in option order for a question variable, alphabetical
/// otherwise; "not stated" last, when someone in the base has no value) and each respondent's
/// group (None: a value that is no group's).
pub(crate) fn assign(
    ctx: &Context,
    by: &str,
    values: &Coded,
    base: &[bool],
) -> (Vec<String>, Vec<Option<usize>>) {
    // A derived variable (region, subregion, country) is that, even when a question has its
    // name (the country question is often called "country"), as the codebook validator reads it.
    let question_variable = ctx
        .cb
        .question(by)
        .filter(|_| !crate::codebook::DERIVED_VARIABLES.contains(&by));
    let mut keys: Vec<String> = match question_variable {
        Some(bq) => bq
            .all_options()
            .map(|o| o.code().to_string())
            .filter(|c| values.distinct.contains(&c.as_str()))
            .collect(),
        None => {
            let mut k: Vec<String> = values.distinct.iter().map(|k| k.to_string()).collect();
            k.sort();
            k
        }
    };
    if values.of.iter().zip(base).any(|(v, b)| *b && v.is_none()) {
        keys.push(String::new());
    }
    // Each respondent's group (None: a value that is no group's, or not stated without a
    // "not stated" group).
    let group_of_value: Vec<Option<usize>> = values
        .distinct
        .iter()
        .map(|v| keys.iter().position(|k| k == v))
        .collect();
    let not_stated = keys.iter().position(|k| k.is_empty());
    let group: Vec<Option<usize>> = values
        .of
        .iter()
        .map(|v| match v {
            Some(d) => group_of_value[*d as usize],
            None => not_stated,
        })
        .collect();
    (keys, group)
}

/// The published groups: label, base (None when withheld) and why withheld.
pub(crate) fn group_list(
    ctx: &Context,
    by: &str,
    keys: &[String],
    bases: &[u64],
    sup: &[Option<&'static str>],
) -> Vec<Group> {
    keys.iter()
        .zip(bases)
        .zip(sup)
        .map(|((k, b), s)| Group {
            key: k.clone(),
            label: if k.is_empty() {
                NOT_STATED.to_string()
            } else {
                crate::frame::variables::value_label(ctx.cb, by, k)
            },
            base: if s.is_some() { None } else { Some(*b) },
            suppressed: *s,
        })
        .collect()
}

/// One question broken down by one variable. `values` are the variable's values per
/// respondent, `base` the question's base, `chose[k]` who chose option k.
pub fn breakdown(
    ctx: &Context,
    q: &Question,
    by: &str,
    values: &Coded,
    base: &[bool],
    chose: &[Vec<bool>],
) -> BreakdownTable {
    let rows: Vec<RowLabel> = q.all_options().map(RowLabel::of).collect();
    let tested = match q.kind.shape() {
        Shape::AnyOf => Tested::PerRow,
        Shape::OneOf => Tested::Whole,
        Shape::Text | Shape::Number | Shape::Country | Shape::Rated | Shape::Ranked => Tested::Not,
    };
    breakdown_of(ctx, q, by, values, base, &rows, chose, tested)
}

/// What a breakdown's row is.
pub struct RowLabel {
    pub code: String,
    pub label: String,
    pub short: String,
}

impl RowLabel {
    /// The row of an option (or a code of a codeframe).
    pub fn of(o: &crate::codebook::OptionDef) -> RowLabel {
        RowLabel {
            code: o.code().to_string(),
            label: o.label().to_string(),
            short: o.short_label().to_string(),
        }
    }
}

/// How a breakdown's rows are tested for association with the groups.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Tested {
    /// Each row on its own, as a yes / no (a multi-select's options).
    PerRow,
    /// The rows as one variable (each respondent in at most one row).
    Whole,
    /// Not tested.
    Not,
}

/// A breakdown of `q` by `by` with the rows `rows`: `chose[k]` is who is in row `k`.
#[allow(clippy::too_many_arguments)]
pub fn breakdown_of(
    ctx: &Context,
    q: &Question,
    by: &str,
    values: &Coded,
    base: &[bool],
    rows: &[RowLabel],
    chose: &[Vec<bool>],
    tested: Tested,
) -> BreakdownTable {
    let (keys, group) = assign(ctx, by, values, base);
    // Each unit's group when it is in the base and in a group, else `keys.len()`: unweighted,
    // a group's base and counts are tallies over this one column.
    let outside = keys.len() as u32;
    let in_group: Vec<u32> = (base.iter().zip(&group))
        .map(|(&b, g)| match (b, g) {
            (true, Some(g)) => *g as u32,
            _ => outside,
        })
        .collect();
    // Weighted, each group's members in row order (their weights are summed unit by unit).
    let members: Vec<Vec<usize>> = match ctx.weights {
        None => Vec::new(),
        Some(_) => {
            let mut m: Vec<Vec<usize>> = vec![Vec::new(); keys.len()];
            for (i, &g) in in_group.iter().enumerate() {
                if g != outside {
                    m[g as usize].push(i);
                }
            }
            m
        }
    };
    let bases = tally(&in_group, keys.len(), None);
    let sup = suppress(&bases, ctx.threshold);
    let groups = group_list(ctx, by, &keys, &bases, &sup);
    // Units in a stated group, for the tests (each unit's row and group counted unweighted
    // for a row's own test: the stated units in no group are `orphans`, below).
    let stated: Vec<usize> = match (ctx.weights, tested) {
        (None, Tested::PerRow | Tested::Not) => Vec::new(),
        _ => (0..base.len())
            .filter(|&i| base[i] && values.of[i].is_some())
            .collect(),
    };
    let group_of = |i: usize| group[i].unwrap_or(0);
    let n_stated_groups = keys.iter().filter(|k| !k.is_empty()).count();
    let test_for = |cols: &dyn Fn(usize) -> Option<usize>, nc: usize| -> Option<Association> {
        match ctx.weights {
            None => {
                let mut t = vec![vec![0.0; nc]; n_stated_groups];
                for &i in &stated {
                    if let Some(c) = cols(i) {
                        t[group_of(i)][c] += 1.0;
                    }
                }
                pearson(&t)
            }
            Some(w) => {
                let units: Vec<(usize, usize)> = stated
                    .iter()
                    .filter_map(|&i| cols(i).map(|c| (i, c)))
                    .collect();
                let r: Vec<usize> = units.iter().map(|&(i, _)| group_of(i)).collect();
                let c: Vec<usize> = units.iter().map(|&(_, c)| c).collect();
                let ww: Vec<f64> = units.iter().map(|&(i, _)| w[i]).collect();
                rao_scott(&r, &c, &ww, n_stated_groups, nc)
            }
        }
    };
    // Stated units in no group (a value that is no group's): the tests count them in the first.
    let orphans: Vec<usize> = (0..base.len())
        .filter(|&i| base[i] && values.of[i].is_some() && group[i].is_none())
        .collect();
    let out: Vec<BreakdownRow> = rows
        .iter()
        .enumerate()
        .map(|(k, o)| {
            let y = &chose[k];
            // Unweighted, each group's count is read once, by its cell and by the test (as the
            // question tables' [`PropSummary::unweighted`]).
            let counts: Vec<u64> = match ctx.weights {
                Some(_) => Vec::new(),
                None => tally(&in_group, keys.len(), Some(y)),
            };
            let cells = (sup.iter().enumerate())
                .map(|(g, s)| {
                    if s.is_some() {
                        return None;
                    }
                    let summary = match ctx.weights {
                        Some(w) => weighted(y, &members[g], w),
                        None => PropSummary::unweighted(counts[g], bases[g]),
                    };
                    Estimate::from_summary(ctx.method, &summary)
                })
                .collect();
            let test = (tested == Tested::PerRow)
                .then(|| match ctx.weights {
                    Some(_) => test_for(&|i| Some(y[i] as usize), 2),
                    None => pearson(&counted(&counts, &bases, n_stated_groups, &orphans, y)),
                })
                .flatten();
            BreakdownRow {
                code: o.code.clone(),
                label: o.label.clone(),
                short: o.short.clone(),
                cells,
                test,
            }
        })
        .collect();
    let test = (tested == Tested::Whole)
        .then(|| test_for(&|i| chose.iter().position(|c| c[i]), rows.len()))
        .flatten();
    table(ctx, q, by, groups, out, test)
}

/// Per group (`in_group` holds each unit's, `groups` meaning none), how many units it holds, or
/// with `y` how many of them are in `y`: one pass over the units, whatever the groups.
fn tally(in_group: &[u32], groups: usize, y: Option<&[bool]>) -> Vec<u64> {
    let mut n = vec![0u64; groups + 1];
    match y {
        None => in_group.iter().for_each(|&g| n[g as usize] += 1),
        Some(y) => (in_group.iter().zip(y)).for_each(|(&g, &y)| n[g as usize] += y as u64),
    }
    n.truncate(groups);
    n
}

/// The stated groups × (not chosen, chosen) table of one row, from each group's count of
/// `y` (what the unweighted test would count unit by unit).
fn counted(
    counts: &[u64],
    bases: &[u64],
    stated_groups: usize,
    orphans: &[usize],
    y: &[bool],
) -> Vec<Vec<f64>> {
    let mut t: Vec<Vec<f64>> = (0..stated_groups)
        .map(|g| vec![(bases[g] - counts[g]) as f64, counts[g] as f64])
        .collect();
    if let Some(first) = t.first_mut() {
        for &i in orphans {
            first[y[i] as usize] += 1.0;
        }
    }
    t
}

/// The table of `q` by `by` from its groups, rows and overall test.
pub(crate) fn table(
    ctx: &Context,
    q: &Question,
    by: &str,
    groups: Vec<Group>,
    rows: Vec<BreakdownRow>,
    test: Option<Association>,
) -> BreakdownTable {
    BreakdownTable {
        question: q.id().to_string(),
        text: q.text().to_string(),
        short: q.short_label().to_string(),
        kind: q.kind,
        by: by.to_string(),
        by_label: crate::frame::variables::variable_label(ctx.cb, by),
        threshold: ctx.threshold,
        groups,
        rows,
        test,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rows_test_table_from_group_counts_equals_the_unit_by_unit_count() {
        // Units 0..8: groups 0, 1, 0, 1, 2 (not stated), 0, orphan (counted in group 0), 1.
        let group = [
            Some(0),
            Some(1),
            Some(0),
            Some(1),
            Some(2),
            Some(0),
            None,
            Some(1),
        ];
        let y = [true, false, false, true, true, true, true, false];
        let members: Vec<Vec<usize>> = (0..3)
            .map(|g| (0..8).filter(|&i| group[i] == Some(g)).collect())
            .collect();
        // The tallies over each unit's group (3: none) equal the counts over the members.
        let in_group: Vec<u32> = group.iter().map(|g| g.map_or(3, |g| g as u32)).collect();
        let bases = tally(&in_group, 3, None);
        let counts = tally(&in_group, 3, Some(&y));
        assert_eq!(bases, [3, 3, 1]);
        assert_eq!(
            bases,
            members.iter().map(|m| m.len() as u64).collect::<Vec<_>>()
        );
        assert_eq!(counts, [2, 1, 1]);
        assert_eq!(
            counts,
            (members.iter())
                .map(|m| m.iter().filter(|&&i| y[i]).count() as u64)
                .collect::<Vec<_>>()
        );
        let stated = [0, 1, 2, 3, 5, 6, 7];
        let mut by_unit = vec![vec![0.0; 2]; 2];
        for &i in &stated {
            by_unit[group[i].unwrap_or(0)][y[i] as usize] += 1.0;
        }
        let t = counted(&counts, &bases, 2, &[6], &y);
        assert_eq!(t, by_unit);
        assert_eq!(t, vec![vec![1.0, 3.0], vec![2.0, 1.0]]);
    }

    #[test]
    fn suppression_with_complement() {
        // One small group: the smallest other group goes too.
        assert_eq!(
            suppress(&[40, 3, 12, 9], 5),
            vec![None, Some("small"), None, Some("complementary")]
        );
        // Two small groups protect each other when together they reach the threshold…
        assert_eq!(
            suppress(&[40, 3, 12, 4], 5),
            vec![None, Some("small"), None, Some("small")]
        );
        // …and when they do not (2 + 1 < 5), the smallest other group goes too.
        assert_eq!(
            suppress(&[40, 2, 12, 1, 6], 5),
            vec![
                None,
                Some("small"),
                None,
                Some("small"),
                Some("complementary")
            ]
        );
        // None small: nothing withheld.
        assert_eq!(suppress(&[5, 6], 5), vec![None, None]);
        // A single group cannot be complemented.
        assert_eq!(suppress(&[2], 5), vec![Some("small")]);
    }
}
