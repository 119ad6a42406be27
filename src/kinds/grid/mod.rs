//! A rating grid (Likert / matrix): items rated on one ordered scale, with top-2 and bottom-2 boxes, net and mean scores, and a diverging chart.

mod cells;
pub mod chart;
mod draw;
mod report;
mod stats;
mod table;
mod tidy;

use super::{Breakdown, Inputs, Kind, QuestionStats};
use super::{Context, Rows, Share, Table};
use crate::codebook::{OptionDef, Question};
use crate::draw::asked::Asked;
use crate::draw::rng::Rng;
use crate::draw::Answer;
use crate::error::Result;
use crate::estimate::breakdown_grid::{self, ItemMasks};
use crate::estimate::interval::PropSummary;
use crate::estimate::masks::Masks;
use crate::figures::BreakdownTable;
use crate::figures::Estimate;
use crate::frame::{Build, Resolved};
use crate::markup::cells::Grid;
use crate::markup::document::Document;
use crate::markup::md_cell;
pub(crate) use stats::*;
pub use table::*;
pub(crate) use tidy::build;

/// A rating grid: items rated on one ordered scale.
pub struct Rating;

impl Kind for Rating {
    fn fields(&self) -> &'static [&'static str] {
        &["options", "items", "neutral_apart"]
    }
    fn build(&self, b: &mut Build, r: &Resolved) -> Result<()> {
        build(b, r)
    }
    /// Rated at least one item.
    fn answered(&self, m: &Masks, q: &Question) -> Result<Vec<bool>> {
        m.any_item(q)
    }
    /// No options of its own: nobody chose one.
    fn chose(&self, m: &Masks, _: &Question, _: &[String]) -> Result<Vec<bool>> {
        Ok(m.nobody())
    }
    fn table(&self, q: &Question, i: &Inputs) -> Result<QuestionStats> {
        Ok(QuestionStats::Grid(table(q, i.masks, i.method, i.weights)?))
    }
    fn compared<'q>(&self, q: &'q Question) -> Option<Vec<&'q OptionDef>> {
        Some(q.items.iter().collect())
    }
    fn headline_label(&self, _: &str, option: &str) -> String {
        option.to_string()
    }
    fn draw(&self, a: &Asked, rng: &mut Rng) -> Result<Vec<Option<Answer>>> {
        draw::answers(a, rng)
    }
    fn rows(&self) -> Rows {
        Rows {
            header: "Item (top-2 box)",
            tested_per_row: false,
            comparison_note: Some("A rating grid: each item's top-2 box (the two highest points of its scale), as % of those that rated the item on the scale."),
            breakdown_note: Some(breakdown_note),
        }
    }
    /// By item: each item's top-2 box among those who rated it.
    fn breakdown(&self, b: &Breakdown, q: &Question, base: &[bool]) -> Result<BreakdownTable> {
        let items = q
            .items
            .iter()
            .filter_map(|it| b.masks.top2(q, it.code()).transpose())
            .map(|r| r.map(|(top2, rated)| ItemMasks { top2, rated }))
            .collect::<Result<Vec<_>>>()?;
        Ok(breakdown_grid::breakdown(
            b.ctx, q, b.by, b.values, base, &items,
        ))
    }
    /// An item's top-2 box over those who rated it on the scale.
    fn compared_share(
        &self,
        m: &Masks,
        q: &Question,
        codes: &[String],
        _: &[bool],
        w: Option<&[f64]>,
    ) -> Result<Option<PropSummary>> {
        let item = codes.first().map(String::as_str).unwrap_or_default();
        Ok(m.top2(q, item)?
            .map(|(chose, base)| crate::estimate::masks::summary(&chose, &base, w)))
    }
}

impl Table for GridTable {
    fn id(&self) -> &str {
        &self.question
    }
    fn text(&self) -> &str {
        &self.text
    }
    fn report(&self, d: &mut Document, cx: &Context) {
        report::report(d, self, cx)
    }
    fn cells(&self) -> Grid {
        cells::cells(self)
    }
    fn chart(&self, unit: &str) -> Result<Option<(Vec<u8>, String)>> {
        // A scale in an unconfirmed order has no diverging chart.
        if self.order_unconfirmed {
            return Ok(None);
        }
        Ok(Some((chart::png(self, unit)?, chart::svg(self, unit)?)))
    }
    fn estimates(&self, weighted: bool) -> Vec<(String, &Estimate, bool)> {
        let mut out = Vec::new();
        for it in &self.items {
            let at = format!("question {:?}, item {:?}", self.question, it.code);
            let all = it
                .shares
                .iter()
                .flatten()
                .chain(&it.top2)
                .chain(&it.bottom2);
            out.extend(all.map(|e| (at.clone(), e, weighted)));
        }
        out
    }
    fn short(&self) -> &str {
        &self.short
    }
    fn base_n(&self) -> u64 {
        self.answered
    }
    fn shares(&self) -> Vec<Share<'_>> {
        Vec::new()
    }
}

/// What a grid's breakdown cells are: each item's top-2 box among the group's units that rated
/// it.
fn breakdown_note(unit: &str, question: &str, by: &str) -> String {
    format!(
        "Each cell is the item's top-2 box among the group's {unit} that rated it on the scale; *n* is the group's {unit} that answered the grid (each cell's own base is in `tables/{}_by_{}.csv`).",
        md_cell(question),
        md_cell(by)
    )
}
