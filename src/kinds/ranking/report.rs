//! A ranking's section of the report: per item the mean rank and the share that ranked it first.

use super::RankingTable;
use crate::kinds::Context;
use crate::markup::document::Document;
use crate::markup::md_cell as cell;
use crate::markup::{mean_cell, share_cell};

/// The ranking's section: per item how many ranked it, the mean rank and the share first.
pub(crate) fn report(d: &mut Document, t: &RankingTable, cx: &Context) {
    let unit = &cell(cx.unit);
    d.heading(3, t.text.clone());
    d.para(format!(
        "A ranking (1 = first): {} {unit} ranked at least one item ({} did not answer); \"ranked first\" is a share of them. Mean rank among the {unit} that ranked the item (95% t interval); lower is better.",
        t.answered, t.not_answered
    ));
    if let Some(note) = &t.note {
        d.prose(note);
    }
    let head = [
        "Item",
        "Ranked by *n*",
        "Mean rank (95% CI)",
        "Ranked first % (95% CI)",
        "Base *n*",
    ]
    .map(String::from)
    .to_vec();
    let rows = t
        .items
        .iter()
        .map(|it| {
            vec![
                cell(&it.label),
                it.ranked.to_string(),
                mean_cell(it.mean_rank.as_ref()),
                share_cell(it.first.as_ref()),
                it.first.map_or(t.answered, |e| e.base).to_string(),
            ]
        })
        .collect();
    d.table(head, "lrrrr", rows);
}
