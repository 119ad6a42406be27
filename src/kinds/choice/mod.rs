//! A single or multiple choice question ("check all that apply"): a row per option, each a share of the respondents in its base, and a bar chart.

mod cells;
pub mod chart;
mod draw_multi;
mod draw_single;
mod report;
mod stats;
mod table;
mod tidy_multi;
mod tidy_single;

use super::{option_breakdown, Breakdown, Inputs, Kind, QuestionStats};
use super::{Context, Rows, Share, Table};
use crate::codebook::{Codebook, OptionDef, Question};
use crate::draw::asked::Asked;
use crate::draw::rng::Rng;
use crate::draw::Answer;
use crate::error::Result;
use crate::estimate::masks::{Masks, NONE};
use crate::figures::BreakdownTable;
use crate::figures::Estimate;
use crate::frame::{Build, Resolved};
use crate::markup::cells::Grid;
use crate::markup::document::Document;
use crate::markup::{md_cell, pct};
use crate::names;
pub(crate) use stats::*;
pub use table::*;
pub(crate) use tidy_multi::build_multi;
pub(crate) use tidy_single::build_single;

/// A single choice: one option per respondent.
pub struct Single;
/// A multiple choice ("check all that apply"): a tick per option.
pub struct Multi;

impl Kind for Single {
    fn fields(&self) -> &'static [&'static str] {
        &["options", "other", "codes", "human_codes"]
    }
    /// Codes back-code "other" answers into the options they name.
    fn check(&self, cb: &Codebook, q: &Question) -> Result<()> {
        crate::kinds::coded::backcode::check(cb, q)
    }
    fn build(&self, b: &mut Build, r: &Resolved) -> Result<()> {
        build_single(b, r)
    }
    fn answered(&self, m: &Masks, q: &Question) -> Result<Vec<bool>> {
        Ok(m.positions(q)?.iter().map(|&p| p != NONE).collect())
    }
    fn chose(&self, m: &Masks, q: &Question, codes: &[String]) -> Result<Vec<bool>> {
        let wanted: Vec<bool> = q
            .all_options()
            .map(|o| codes.iter().any(|c| c == o.code()))
            .chain([false])
            .collect();
        Ok(m.positions(q)?
            .iter()
            .map(|&p| p != NONE && wanted[p as usize])
            .collect())
    }
    fn table(&self, q: &Question, i: &Inputs) -> Result<QuestionStats> {
        Ok(QuestionStats::Choice(table(
            q, i.masks, i.method, i.weights,
        )?))
    }
    fn compared<'q>(&self, q: &'q Question) -> Option<Vec<&'q OptionDef>> {
        Some(q.all_options().collect())
    }
    fn headline_label(&self, short: &str, option: &str) -> String {
        // An option ("Yes") says little alone: the question is named too.
        format!("{short} — {option}")
    }
    fn draw(&self, a: &Asked, rng: &mut Rng) -> Result<Vec<Option<Answer>>> {
        draw_single::answers(a, rng)
    }
    fn rows(&self) -> Rows {
        Rows::ANSWERS
    }
    fn breakdown(&self, b: &Breakdown, q: &Question, base: &[bool]) -> Result<BreakdownTable> {
        option_breakdown(b, q, base)
    }
}

impl Kind for Multi {
    fn fields(&self) -> &'static [&'static str] {
        &["options", "other", "separator", "codes", "human_codes"]
    }
    /// Codes back-code "other" answers into the options they name.
    fn check(&self, cb: &Codebook, q: &Question) -> Result<()> {
        crate::kinds::coded::backcode::check(cb, q)
    }
    fn build(&self, b: &mut Build, r: &Resolved) -> Result<()> {
        build_multi(b, r)
    }
    fn answered(&self, m: &Masks, q: &Question) -> Result<Vec<bool>> {
        Ok(m.bools(&names::flag(q.id(), names::ANSWERED))?.to_vec())
    }
    fn chose(&self, m: &Masks, q: &Question, codes: &[String]) -> Result<Vec<bool>> {
        let mut out = vec![false; m.height() as usize];
        for code in codes {
            for (o, t) in out
                .iter_mut()
                .zip(m.bools(&names::option(q.id(), code))?.iter())
            {
                *o |= t;
            }
        }
        Ok(out)
    }
    fn table(&self, q: &Question, i: &Inputs) -> Result<QuestionStats> {
        Ok(QuestionStats::Choice(table(
            q, i.masks, i.method, i.weights,
        )?))
    }
    fn compared<'q>(&self, q: &'q Question) -> Option<Vec<&'q OptionDef>> {
        Some(q.all_options().collect())
    }
    fn headline_label(&self, _: &str, option: &str) -> String {
        option.to_string()
    }
    fn draw(&self, a: &Asked, rng: &mut Rng) -> Result<Vec<Option<Answer>>> {
        draw_multi::answers(a, rng)
    }
    /// Each option is a yes / no of its own, tested on its own.
    fn rows(&self) -> Rows {
        Rows {
            tested_per_row: true,
            ..Rows::ANSWERS
        }
    }
    fn breakdown(&self, b: &Breakdown, q: &Question, base: &[bool]) -> Result<BreakdownTable> {
        option_breakdown(b, q, base)
    }
}

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
    /// A back-coded question: each option back-coding changed, as published and as ticked.
    fn method(&self) -> Option<String> {
        let changed: Vec<String> = (self.rows.iter())
            .filter_map(|row| {
                let (now, before) = (row.estimate?, row.as_ticked?);
                Some(format!(
                    "{} {} ({} as ticked)",
                    md_cell(&row.short),
                    pct(now.proportion),
                    pct(before.proportion)
                ))
            })
            .collect();
        let back_coded = (!changed.is_empty()).then(|| {
            format!(
                "{}: \"other\" answers that the codebook's codes take are back-coded into their options (\"other\" keeps the rest); published with back-coding: {}.",
                md_cell(&self.short),
                changed.join(", ")
            )
        });
        let coding = (self.coding.as_ref())
            .map(|c| crate::kinds::coded::quality::sentence(&md_cell(&self.short), c));
        match (back_coded, coding) {
            (Some(a), Some(b)) => Some(format!("{a} {b}")),
            (a, b) => a.or(b),
        }
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
    /// Each option's share; a back-coded option's share as ticked too (the method section
    /// states both).
    fn shares(&self) -> Vec<Share<'_>> {
        let published = (self.rows.iter()).filter_map(|row| {
            Some(Share {
                code: &row.code,
                label: &row.label,
                short: &row.short,
                synonyms: &row.synonyms,
                estimate: row.estimate?,
            })
        });
        let as_ticked = (self.rows.iter()).filter_map(|row| {
            Some(Share {
                code: &row.code,
                label: &row.label,
                short: &row.short,
                synonyms: &row.synonyms,
                estimate: row.as_ticked?,
            })
        });
        published.chain(as_ticked).collect()
    }
}
