//! A Net Promoter Score question as typed cells: a row per group (its share) and a row for the
//! score (in points).

use super::{NpsTable, GROUPS};
use crate::markup::cells::{num, Grid, Value};

/// The columns: which figure, its count and base, its value (a share, or points for the
/// score), its interval, and Kish's effective n when weighted.
const COLUMNS: [&str; 8] = [
    "question", "figure", "count", "base", "value", "ci_low", "ci_high", "n_eff",
];

pub(super) fn cells(t: &NpsTable) -> Grid {
    let groups = [&t.promoters, &t.passives, &t.detractors];
    let q = || Value::Code(t.question.clone());
    let mut rows: Vec<Vec<Value>> = (groups.iter().zip(GROUPS))
        .map(|(e, (code, ..))| match e {
            Some(e) => vec![
                q(),
                Value::Code(code.into()),
                Value::Count(e.count),
                Value::Count(e.base),
                Value::Share(e.proportion),
                Value::Share(e.ci_low),
                Value::Share(e.ci_high),
                num(e.n_eff),
            ],
            None => {
                let mut r = vec![q(), Value::Code(code.into())];
                r.extend(std::iter::repeat_n(Value::Empty, 6));
                r
            }
        })
        .collect();
    rows.push(match &t.nps {
        Some(s) => vec![
            q(),
            Value::Code("net_promoter_score".into()),
            Value::Empty,
            Value::Count(s.base),
            Value::Number(s.score),
            Value::Number(s.ci_low),
            Value::Number(s.ci_high),
            num(s.n_eff),
        ],
        None => {
            let mut r = vec![q(), Value::Code("net_promoter_score".into())];
            r.extend(std::iter::repeat_n(Value::Empty, 6));
            r
        }
    });
    Grid {
        columns: COLUMNS.to_vec(),
        rows,
    }
}
