//! Rating grid → `q__<item>` per item: the code of the scale point chosen (null when the item
//! was left blank). A cell may hold the point's label, its platform value or its code;
//! Qualtrics' -99 ("seen, not answered") is blank.

use crate::error::Result;
use crate::frame::Build;
use crate::frame::Resolved;
use crate::ingest::normalize_heading;

pub(crate) fn build(b: &mut Build, r: &Resolved) -> Result<()> {
    let q = r.question;
    let labels: Vec<String> = q
        .options
        .iter()
        .map(|o| normalize_heading(o.label()))
        .collect();
    let point = |v: &str| {
        let v = normalize_heading(v);
        labels.iter().position(|l| *l == v).or_else(|| {
            q.options
                .iter()
                .position(|o| o.value.as_deref() == Some(v.as_str()))
                .or_else(|| q.options.iter().position(|o| o.code() == v))
        })
    };
    let expected = || {
        let mut l: Vec<String> = q
            .options
            .iter()
            .take(6)
            .map(|o| format!("{:?}", o.label()))
            .collect();
        if q.options.len() > 6 {
            l.push("…".into());
        }
        l.join(", ")
    };
    let raw = b.raw;
    b.item_columns(r, |i, col, item, v| match point(v) {
        Some(k) => Ok(q.options[k].code().to_string()),
        None => Err(raw.cell_error(
            i,
            col,
            format!(
                "{v:?} is not a point of the scale of question {:?} (item {:?}; expected {})",
                q.id(),
                item.label(),
                expected()
            ),
        )),
    })
}
