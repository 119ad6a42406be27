//! A Net Promoter Score question ("How likely are you to recommend … ?", 0–10): promoters
//! (9–10), passives (7–8) and detractors (0–6) as shares of those who answered, and the score
//! (promoters − detractors, −100 … +100) with its adjusted-Wald interval.

mod cells;
mod chart;
mod draw;
mod recognise;
mod report;
pub mod score;
mod stats;
mod table;
pub mod tidy;

use super::{Breakdown, Inputs, Kind, QuestionStats};
use super::{Context, Rows, Share, Table};
use crate::codebook::{Base, Codebook, OptionDef, Question};
use crate::draw::asked::Asked;
use crate::draw::rng::Rng;
use crate::draw::Answer;
use crate::error::Result;
use crate::estimate::breakdown::{RowLabel, Tested};
use crate::estimate::masks::Masks;
use crate::figures::BreakdownTable;
use crate::figures::Estimate;
use crate::figures::{NetSample, Points};
use crate::frame::{Build, Resolved};
use crate::markup::cells::Grid;
use crate::markup::document::Document;
use crate::markup::md_cell;
pub use table::*;

/// A Net Promoter Score question.
pub struct Nps;

/// The three groups: code, label, short label.
pub const GROUPS: [(&str, &str, &str); 3] = [
    ("promoters", "Promoters (9–10)", "Promoters"),
    ("passives", "Passives (7–8)", "Passives"),
    ("detractors", "Detractors (0–6)", "Detractors"),
];

impl Kind for Nps {
    fn fields(&self) -> &'static [&'static str] {
        &[]
    }
    fn build(&self, b: &mut Build, r: &Resolved) -> Result<()> {
        tidy::build(b, r)
    }
    fn answered(&self, m: &Masks, q: &Question) -> Result<Vec<bool>> {
        stats::answered(m, q)
    }
    /// Who is in any of the named groups (`promoters`, `passives`, `detractors`).
    fn chose(&self, m: &Masks, q: &Question, codes: &[String]) -> Result<Vec<bool>> {
        let groups = stats::groups(m, q)?;
        let mut out = m.nobody();
        for (g, (code, ..)) in groups.iter().zip(GROUPS) {
            if codes.iter().any(|c| c == code) {
                out.iter_mut().zip(g).for_each(|(o, x)| *o |= x);
            }
        }
        Ok(out)
    }
    fn table(&self, q: &Question, i: &Inputs) -> Result<QuestionStats> {
        Ok(QuestionStats::Nps(stats::table(q, i)?))
    }
    /// A headline states a group's share: `option = "promoters"`.
    fn headline_parts<'q>(&self, _: &'q Question) -> Option<Vec<&'q OptionDef>> {
        Some(group_options().iter().collect())
    }
    /// The three groups' shares, and the score (`Kind::net`).
    fn compared<'q>(&self, _: &'q Question) -> Option<Vec<&'q OptionDef>> {
        Some(group_options().iter().collect())
    }
    fn headline_label(&self, short: &str, option: &str) -> String {
        format!("{short} — {option}")
    }
    fn draw(&self, a: &Asked, rng: &mut Rng) -> Result<Vec<Option<Answer>>> {
        draw::answers(a, rng)
    }
    fn rows(&self) -> Rows {
        Rows {
            header: "Group",
            breakdown_note: Some(breakdown_note),
            ..Rows::ANSWERS
        }
    }
    /// Each group's promoters, passives and detractors (tested as one variable).
    fn breakdown(&self, b: &Breakdown, q: &Question, _: &[bool]) -> Result<BreakdownTable> {
        let base = stats::answered(b.masks, q)?;
        let rows: Vec<RowLabel> = GROUPS
            .iter()
            .map(|(code, label, short)| RowLabel {
                code: code.to_string(),
                label: label.to_string(),
                short: short.to_string(),
            })
            .collect();
        let chose = stats::groups(b.masks, q)?;
        Ok(b.of_parts(q, &base, &rows, &chose, Tested::Whole))
    }
    /// The score's base is those who gave one: another base rule would count non-answers as
    /// passives.
    fn check(&self, cb: &Codebook, q: &Question) -> Result<()> {
        match q.base {
            Base::Answered => Ok(()),
            Base::All | Base::Shown => Err(cb.error_at(
                &q.id,
                format!(
                    "nps question {:?}: its base is those who gave a score; remove `base`",
                    q.id()
                ),
            )),
        }
    }
    fn breaks_down(&self, _: &Question) -> bool {
        true
    }
    fn net(&self, m: &Masks, q: &Question, w: Option<&[f64]>) -> Result<Option<NetSample>> {
        stats::sample(m, q, w)
    }
    fn net_label(&self) -> &'static str {
        "Net Promoter Score"
    }
    fn net_score(&self, s: &NetSample) -> Option<Points> {
        let (value, ci_low, ci_high) = score::net_score(s.plus, s.minus, s.n_eff)?;
        Some(Points {
            value,
            ci_low,
            ci_high,
        })
    }
    fn net_change(&self, from: &NetSample, to: &NetSample) -> Option<Points> {
        let t = |s: &NetSample| (s.plus, s.minus, s.n_eff);
        let (value, ci_low, ci_high) = score::change(t(from), t(to))?;
        Some(Points {
            value,
            ci_low,
            ci_high,
        })
    }
    fn recognise(&self, heading: &str, answers: &[(&str, usize)]) -> Option<String> {
        recognise::recognise(heading, answers)
    }
}

/// The groups as options, for what compares them across waves.
fn group_options() -> &'static [OptionDef] {
    static GROUP_OPTIONS: std::sync::OnceLock<Vec<OptionDef>> = std::sync::OnceLock::new();
    GROUP_OPTIONS.get_or_init(|| {
        GROUPS
            .iter()
            .map(|(code, label, short)| OptionDef {
                code: toml::Spanned::new(0..0, code.to_string()),
                label: toml::Spanned::new(0..0, label.to_string()),
                short: Some(short.to_string()),
                exclusive: false,
                value: None,
                score: None,
                neutral: false,
                not_applicable: false,
                synonyms: Vec::new(),
                words: Vec::new(),
                not: Vec::new(),
                regex: Vec::new(),
            })
            .collect()
    })
}

fn breakdown_note(unit: &str, _question: &str, _by: &str) -> String {
    format!(
        "Each cell is the group's share of its {unit} that gave a score; the group's Net Promoter Score is its promoters' share minus its detractors'."
    )
}

impl Table for NpsTable {
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
    fn method(&self) -> Option<String> {
        Some(format!(
            "{}: the Net Promoter Score is the share of promoters (scores 9–10) minus the share of detractors (0–6) among those who gave a score, in points from −100 to +100; its 95% interval is the adjusted Wald of Rocks (2016), which adds 3 to *n* and ¾ to the promoters and to the detractors (weighted: Kish's effective *n*).",
            md_cell(&self.short)
        ))
    }
    fn estimates(&self, weighted: bool) -> Vec<(String, &Estimate, bool)> {
        let groups = [&self.promoters, &self.passives, &self.detractors];
        (groups.iter().zip(GROUPS))
            .filter_map(|(e, (code, ..))| {
                let at = format!("question {:?}, group {code:?}", self.question);
                e.as_ref().map(|e| (at, e, weighted))
            })
            .collect()
    }
    fn short(&self) -> &str {
        &self.short
    }
    fn base_n(&self) -> u64 {
        self.answered
    }
    fn shares(&self) -> Vec<Share<'_>> {
        let groups = [&self.promoters, &self.passives, &self.detractors];
        (groups.iter().zip(GROUPS.iter()))
            .filter_map(|(e, (code, label, short))| {
                Some(Share {
                    code,
                    label,
                    short,
                    synonyms: &[],
                    estimate: (**e)?,
                })
            })
            .collect()
    }
}
