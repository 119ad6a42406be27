//! A ranking: each item given a rank (1 = first); the mean rank and the share that ranked it first.

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

impl Table for RankingTable {
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
    fn estimates(&self, weighted: bool) -> Vec<(String, &Estimate, bool)> {
        let mut out = Vec::new();
        for it in &self.items {
            let at = format!(
                "question {:?}, item {:?} ranked first",
                self.question, it.code
            );
            out.extend(it.first.iter().map(|e| (at.clone(), e, weighted)));
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
