//! A numeric question: n, mean, SD, min, median and max.

mod cells;
mod report;
mod stats;
mod table;
mod tidy;

use super::{option_breakdown, Breakdown, Inputs, Kind, QuestionStats};
use super::{Context, Rows, Share, Table};
use crate::codebook::{OptionDef, Question};
use crate::draw::asked::Asked;
use crate::draw::rng::Rng;
use crate::draw::Answer;
use crate::error::Result;
use crate::estimate::masks::Masks;
use crate::figures::BreakdownTable;
use crate::figures::Estimate;
use crate::frame::{Build, Resolved};
use crate::markup::cells::Grid;
use crate::markup::document::Document;
pub(crate) use stats::*;
pub use table::*;
pub(crate) use tidy::build;

/// A numeric question.
pub struct Numeric;

impl Kind for Numeric {
    fn fields(&self) -> &'static [&'static str] {
        &[]
    }
    fn build(&self, b: &mut Build, r: &Resolved) -> Result<()> {
        build(b, r)
    }
    fn answered(&self, m: &Masks, q: &Question) -> Result<Vec<bool>> {
        m.present(q.id())
    }
    /// No options: nobody chose one.
    fn chose(&self, m: &Masks, _: &Question, _: &[String]) -> Result<Vec<bool>> {
        Ok(m.nobody())
    }
    fn table(&self, q: &Question, i: &Inputs) -> Result<QuestionStats> {
        Ok(QuestionStats::Numeric(table(q, &i.tidy.frame)?))
    }
    fn compared<'q>(&self, _: &'q Question) -> Option<Vec<&'q OptionDef>> {
        None
    }
    fn headline_label(&self, _: &str, option: &str) -> String {
        option.to_string()
    }
    fn draw(&self, a: &Asked, rng: &mut Rng) -> Result<Vec<Option<Answer>>> {
        crate::draw::values::answers(a, rng, true)
    }
    fn rows(&self) -> Rows {
        Rows::ANSWERS
    }
    fn breakdown(&self, b: &Breakdown, q: &Question, base: &[bool]) -> Result<BreakdownTable> {
        option_breakdown(b, q, base)
    }
}

impl Table for NumericSummary {
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
    fn chart(&self, _: &str) -> Result<Option<(Vec<u8>, String)>> {
        Ok(None)
    }
    fn estimates(&self, _: bool) -> Vec<(String, &Estimate, bool)> {
        Vec::new()
    }
    fn short(&self) -> &str {
        &self.text
    }
    fn base_n(&self) -> u64 {
        self.n
    }
    fn shares(&self) -> Vec<Share<'_>> {
        Vec::new()
    }
}
