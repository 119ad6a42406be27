//! A numeric question's section of the report: its summary in one row.

use super::NumericSummary;
use crate::kinds::Context;
use crate::markup::document::Document;

/// The question's section: n, mean, SD, min, median and max.
pub(crate) fn report(d: &mut Document, t: &NumericSummary, _: &Context) {
    d.heading(3, t.text.clone());
    let f = |v: Option<f64>| v.map(|x| format!("{x:.2}")).unwrap_or_else(|| "–".into());
    let head = ["n", "Mean", "SD", "Min", "Median", "Max"]
        .map(String::from)
        .to_vec();
    let row = vec![
        t.n.to_string(),
        f(t.mean),
        f(t.sd),
        f(t.min),
        f(t.median),
        f(t.max),
    ];
    d.table(head, "rrrrrr", vec![row]);
    d.para(format!("{} did not answer.", t.not_answered));
}
