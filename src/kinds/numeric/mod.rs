//! A numeric question: n, mean, SD, min, median and max.

mod cells;
mod report;
mod stats;
mod table;

use super::{Context, Share, Table};
use crate::error::Result;
use crate::figures::Estimate;
use crate::markup::cells::Grid;
use crate::markup::document::Document;
pub(crate) use stats::*;
pub use table::*;

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
    fn map(&self, _: &str) -> Result<Option<(Vec<u8>, String)>> {
        Ok(None)
    }
    fn method(&self) -> Option<String> {
        None
    }
    fn countries(&self) -> Option<usize> {
        None
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
