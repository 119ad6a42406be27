//! A single or multiple choice question ("check all that apply"): a row per option, each a share of the respondents in its base, and a bar chart.

mod cells;
pub mod chart;
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

impl Table for ChoiceTable {
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
        Ok(Some((chart::png(self, unit)?, chart::svg(self, unit)?)))
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
        for row in &self.rows {
            let at = format!("question {:?}, option {:?}", self.question, row.code);
            out.extend(row.estimate.iter().map(|e| (at.clone(), e, weighted)));
        }
        out
    }
    fn short(&self) -> &str {
        &self.short
    }
    fn base_n(&self) -> u64 {
        self.base
    }
    fn shares(&self) -> Vec<Share<'_>> {
        self.rows
            .iter()
            .filter_map(|row| {
                Some(Share {
                    code: &row.code,
                    label: &row.label,
                    short: &row.short,
                    synonyms: &row.synonyms,
                    estimate: row.estimate?,
                })
            })
            .collect()
    }
}
