//! A country question: typed names matched to ISO 3166-1, countries under the suppression threshold pooled, and the map of responding units.

mod cells;
mod draw;
pub mod map;
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
use crate::markup::md_cell;
use crate::names;
pub(crate) use stats::*;
pub use table::*;
pub(crate) use tidy::build;

/// A country question: typed names matched to ISO 3166-1.
pub struct Country;

impl Kind for Country {
    fn fields(&self) -> &'static [&'static str] {
        &[]
    }
    fn build(&self, b: &mut Build, r: &Resolved) -> Result<()> {
        build(b, r)
    }
    /// Typed something, matched or not.
    fn answered(&self, m: &Masks, q: &Question) -> Result<Vec<bool>> {
        let raw = m.strs(&names::flag(q.id(), names::RAW))?;
        Ok(raw.iter().map(Option::is_some).collect())
    }
    /// No options: nobody chose one.
    fn chose(&self, m: &Masks, _: &Question, _: &[String]) -> Result<Vec<bool>> {
        Ok(m.nobody())
    }
    fn table(&self, q: &Question, i: &Inputs) -> Result<QuestionStats> {
        Ok(QuestionStats::Country(table(
            q,
            i.masks,
            i.tidy,
            i.threshold,
            i.method,
        )?))
    }
    fn compared<'q>(&self, _: &'q Question) -> Option<Vec<&'q OptionDef>> {
        None
    }
    fn headline_label(&self, _: &str, option: &str) -> String {
        option.to_string()
    }
    fn draw(&self, a: &Asked, rng: &mut Rng) -> Result<Vec<Option<Answer>>> {
        draw::answers(a, rng)
    }
    fn rows(&self) -> Rows {
        Rows::ANSWERS
    }
    fn breakdown(&self, b: &Breakdown, q: &Question, base: &[bool]) -> Result<BreakdownTable> {
        option_breakdown(b, q, base)
    }
}

impl Table for CountryTable {
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
    fn map(&self, unit: &str) -> Result<Option<(Vec<u8>, String)>> {
        Ok(Some((map::png(self, unit)?, map::svg(self, unit)?)))
    }
    fn method(&self) -> Option<String> {
        Some(if self.unmatched.is_empty() {
            "**Countries**: every typed name was matched to an ISO 3166-1 country.".into()
        } else {
            let list: Vec<String> = self
                .unmatched
                .iter()
                .map(|u| format!("\"{}\" ({})", md_cell(&u.raw), u.rows))
                .collect();
            format!(
                "**Countries**: names not matched to an ISO 3166-1 country (rows): {}.",
                list.join(", ")
            )
        })
    }
    fn countries(&self) -> Option<usize> {
        Some(self.distinct)
    }
    /// The country table is the sample's composition: unweighted by design, and labelled so.
    fn estimates(&self, _: bool) -> Vec<(String, &Estimate, bool)> {
        let mut out = Vec::new();
        for row in &self.rows {
            out.push((format!("country {}", row.alpha2), &row.estimate, false));
        }
        let pooled = self.pooled.iter();
        out.extend(pooled.map(|e| ("pooled countries".to_string(), e, false)));
        out
    }
    fn short(&self) -> &str {
        &self.text
    }
    fn base_n(&self) -> u64 {
        self.answered
    }
    fn shares(&self) -> Vec<Share<'_>> {
        Vec::new()
    }
}
