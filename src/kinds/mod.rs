//! Question kinds: everything one kind of question means, each in a folder of its own — its
//! stat table, how the table is computed, its report section, its typed cells and its charts.
//! The stages above (`stats`, `render`, `cmd`, `verify`) call a kind through [`QuestionStats`]
//! and the [`Table`] trait; the machinery below (`figures`, `estimate`, `markup`) is shared by
//! every kind. A new kind is a folder and a line in the registry ([`QuestionStats`]).

pub mod choice;
pub mod coded;
pub mod country;
pub mod grid;
pub mod nps;
pub mod numeric;
pub mod ranking;
pub mod text;

use crate::codebook::{Base, Codebook, OptionDef, Question, QuestionType};
use crate::draw::asked::Asked;
use crate::draw::rng::Rng;
use crate::draw::Answer;
use crate::error::Result;
use crate::estimate::breakdown;
use crate::estimate::interval::{IntervalMethod, PropSummary};
use crate::estimate::masks::Masks;
use crate::figures::BreakdownTable;
use crate::figures::Estimate;
use crate::figures::{NetSample, Points};
use crate::frame::{Build, Resolved, Tidy};
use crate::markup::cells::Grid;
use crate::markup::document::Document;
use crate::names;
pub use choice::{ChoiceTable, OptionRow};
pub use country::{CountryRow, CountryTable};
pub use grid::{GridItemRow, GridTable};
pub use numeric::NumericSummary;
pub use ranking::{RankingItemRow, RankingTable};
use serde::Serialize;
pub use text::TextSummary;

/// What a kind's table is computed from.
pub struct Inputs<'a> {
    pub tidy: &'a Tidy,
    pub masks: &'a Masks<'a>,
    pub method: IntervalMethod,
    /// The run's weights, when weighted.
    pub weights: Option<&'a [f64]>,
    /// The suppression threshold.
    pub threshold: u64,
}

/// What the stages ask of a kind of question (a codebook `type`).
pub trait Kind: Sync {
    /// Its tidy columns.
    fn build(&self, b: &mut Build, r: &Resolved) -> Result<()>;
    /// Who answered it.
    fn answered(&self, m: &Masks, q: &Question) -> Result<Vec<bool>>;
    /// Who chose any of `codes` (a kind without options: nobody).
    fn chose(&self, m: &Masks, q: &Question, codes: &[String]) -> Result<Vec<bool>>;
    /// Its stat table.
    fn table(&self, q: &Question, i: &Inputs) -> Result<QuestionStats>;
    /// What a comparison of waves compares it by (a choice's options, a grid's items, each
    /// item's top-2 box); None for a kind the waves are not compared on.
    fn compared<'q>(&self, q: &'q Question) -> Option<Vec<&'q OptionDef>>;
    /// How a headline on one of its options is labelled in a comparison.
    fn headline_label(&self, short: &str, option: &str) -> String;
    /// Its synthetic answers (`synth`), one per export row, for the respondents drawn in `a`.
    fn draw(&self, a: &Asked, rng: &mut Rng) -> Result<Vec<Option<Answer>>>;
    /// Its breakdown by the coded variable `by` over the respondents in `base`.
    fn breakdown(&self, b: &Breakdown, q: &Question, base: &[bool]) -> Result<BreakdownTable>;
    /// How breakdowns and comparisons show its rows.
    fn rows(&self) -> Rows;
    /// The `[[questions]]` keys a question of this kind may write beyond those every question
    /// has ([`COMMON_FIELDS`]); any other is refused at its line.
    fn fields(&self) -> &'static [&'static str];
    /// The parts a headline on a question without options may state the share of (an NPS's
    /// groups); None: a headline cannot name it. (A choice's options are checked by the
    /// codebook itself.)
    fn headline_parts<'q>(&self, _q: &'q Question) -> Option<Vec<&'q OptionDef>> {
        None
    }
    /// What the codebook may not say of a question of this kind, beyond the checks every
    /// question has (an error naming the codebook's line).
    fn check(&self, _cb: &Codebook, _q: &Question) -> Result<()> {
        Ok(())
    }
    /// Whether a run breaks it down when the codebook does not list what to break down (a
    /// choice; a grid with top-2 boxes).
    fn breaks_down(&self, q: &Question) -> bool {
        q.breaks_down()
    }
    /// The data of one compared part (`codes`: the wave's codes of one series option) over
    /// the question's base, for a wave comparison; None when the wave has no such figure.
    fn compared_share(
        &self,
        m: &Masks,
        q: &Question,
        codes: &[String],
        base: &[bool],
        w: Option<&[f64]>,
    ) -> Result<Option<PropSummary>> {
        let chose = self.chose(m, q, codes)?;
        Ok(Some(crate::estimate::masks::summary(&chose, base, w)))
    }
    /// What its net score (promoters − detractors) is computed from in one wave, for a kind
    /// that has one, with its name.
    fn net(&self, _m: &Masks, _q: &Question, _w: Option<&[f64]>) -> Result<Option<NetSample>> {
        Ok(None)
    }
    /// Its net score's name ("Net Promoter Score").
    fn net_label(&self) -> &'static str {
        "Net score"
    }
    /// The net score of a sample with its 95% interval, in points.
    fn net_score(&self, _s: &NetSample) -> Option<Points> {
        None
    }
    /// The change of its net score between two waves' samples, with its 95% interval.
    fn net_change(&self, _from: &NetSample, _to: &NetSample) -> Option<Points> {
        None
    }
    /// Whether `init` recognises a one-column question of this kind from its heading and its
    /// distinct answers with their counts, before the shared guesses (country, number, choice,
    /// text) are tried: why, when it does. Most kinds leave it to the shared guesses.
    fn recognise(&self, _heading: &str, _answers: &[(&str, usize)]) -> Option<String> {
        None
    }
}

/// The `[[questions]]` keys every kind has.
pub const COMMON_FIELDS: [&str; 10] = [
    "id", "type", "text", "header", "short", "note", "check", "pii", "comment", "base",
];

/// The codebook's checks that belong to the kinds, run when a codebook is loaded for analysis:
/// each question writes only its kind's fields, passes its kind's checks, and every question
/// listed to be broken down is of a kind that can be.
pub fn check(cb: &Codebook) -> Result<()> {
    for (q, keys) in cb.questions.iter().zip(cb.question_keys()) {
        fields_apply(cb, q, &keys)?;
        rules_on_codes_only(cb, q)?;
        kind(q.kind).check(cb, q)?;
    }
    headline_parts(cb)?;
    check_listed(cb)
}

/// Coding rules (`words`, `not`, `regex`) are read on `codes` only (a coded question's, or a
/// choice question's back-coding codes): on an option or item they would do nothing.
fn rules_on_codes_only(cb: &Codebook, q: &Question) -> Result<()> {
    let ruled = (q.all_options().chain(&q.items))
        .find(|o| !o.words.is_empty() || !o.not.is_empty() || !o.regex.is_empty());
    match ruled {
        None => Ok(()),
        Some(o) => Err(cb.error_at(
            &o.code,
            format!(
                "{:?} in question {:?}: words, not and regex belong in codes = […] (a coded question's codes, or a choice question's back-coding codes)",
                o.code(),
                q.id()
            ),
        )),
    }
}

/// A headline on a question without options names parts its kind has.
fn headline_parts(cb: &Codebook) -> Result<()> {
    for h in &cb.headlines {
        let Some(q) = cb
            .question(h.question.get_ref())
            .filter(|q| !q.has_choices())
        else {
            continue;
        };
        let Some(parts) = kind(q.kind).headline_parts(q) else {
            let why = format!("headline {:?}: question {:?} has no options", h.id, q.id());
            return Err(cb.error_at(&h.question, why));
        };
        let codes = h.option.get_ref().codes();
        if let Some(code) = codes
            .iter()
            .find(|c| !parts.iter().any(|p| p.code() == c.as_str()))
        {
            let why = format!(
                "headline {:?}: question {:?} has no option {code:?}",
                h.id,
                q.id()
            );
            return Err(cb.error_at(&h.option, why));
        }
    }
    Ok(())
}

/// Every key the question writes is common or its kind's: "`publish_text` does not apply to
/// an nps question (it applies to text)".
fn fields_apply(cb: &Codebook, q: &Question, keys: &[toml::Spanned<String>]) -> Result<()> {
    let own = kind(q.kind).fields();
    let stray = (keys.iter()).find(|k| {
        let k = k.get_ref().as_str();
        !COMMON_FIELDS.contains(&k) && !own.contains(&k)
    });
    let Some(k) = stray else {
        return Ok(());
    };
    let applies: Vec<&str> = (QuestionType::ALL.into_iter())
        .filter(|t| kind(*t).fields().contains(&k.get_ref().as_str()))
        .map(QuestionType::as_str)
        .collect();
    let to = match applies.is_empty() {
        true => "no question type".to_string(),
        false => applies.join(", "),
    };
    let name = q.kind.as_str();
    let a = if name.starts_with(['a', 'e', 'i', 'o', 'u', 'n']) {
        "an"
    } else {
        "a"
    };
    Err(cb.error_at(
        k,
        format!(
            "`{}` does not apply to {a} {name} question ({:?}); it applies to {to}",
            k.get_ref(),
            q.id()
        ),
    ))
}

/// Every question the codebook lists to break down is of a kind that can be (asked of the
/// kinds here, above the codebook's own checks).
fn check_listed(cb: &Codebook) -> Result<()> {
    let refuse = |q: &str| {
        cb.question(q)
            .is_some_and(|qq| !kind(qq.kind).breaks_down(qq))
    };
    let why = |q: &str| {
        let kind = cb.question(q).map_or("", |qq| qq.kind.as_str());
        format!("breakdown question {q:?} is a {kind} question, which a breakdown cannot show (a grid needs a scale of four or more points)")
    };
    for b in &cb.analysis.breakdowns {
        if let Some(q) = (b.get_ref().questions().unwrap_or_default().iter()).find(|q| refuse(q)) {
            return Err(cb.error_at(b, why(q)));
        }
    }
    for q in cb.analysis.breakdown_questions.iter().flatten() {
        if refuse(q.get_ref()) {
            return Err(cb.error_at(q, why(q.get_ref())));
        }
    }
    Ok(())
}

/// The first kind that recognises a one-column question, with why.
pub fn recognise(heading: &str, answers: &[(&str, usize)]) -> Option<(QuestionType, String)> {
    QuestionType::ALL
        .into_iter()
        .find_map(|t| kind(t).recognise(heading, answers).map(|why| (t, why)))
}

/// How breakdowns and comparisons show a kind's rows.
#[derive(Clone, Copy)]
pub struct Rows {
    /// The header of the first column: what the rows are.
    pub header: &'static str,
    /// A breakdown tests each row on its own (a multi-select's options are each a yes / no).
    pub tested_per_row: bool,
    /// What a comparison's table shows, when its rows need saying.
    pub comparison_note: Option<&'static str>,
    /// What a breakdown's cells of (question, by) are, when they need saying: from the unit
    /// (escaped for Markdown), the question's id and the variable's.
    pub breakdown_note: Option<fn(&str, &str, &str) -> String>,
}

impl Rows {
    /// Rows that are answers, tested as one table, with nothing more to say.
    pub const ANSWERS: Rows = Rows {
        header: "Answer",
        tested_per_row: false,
        comparison_note: None,
        breakdown_note: None,
    };
}

/// The registry: the kind of each codebook type, the one match from the codebook's types to
/// the kinds.
pub fn kind(t: QuestionType) -> &'static dyn Kind {
    match t {
        QuestionType::Single => &choice::Single,
        QuestionType::Multi => &choice::Multi,
        QuestionType::Country => &country::Country,
        QuestionType::Numeric => &numeric::Numeric,
        QuestionType::Text => &text::Text,
        QuestionType::Grid => &grid::Rating,
        QuestionType::Ranking => &ranking::Ranking,
        QuestionType::Nps => &nps::Nps,
        QuestionType::Coded => &coded::Coded,
    }
}

/// The stat table of one question, computed by its kind.
pub fn table(q: &Question, i: &Inputs) -> Result<QuestionStats> {
    kind(q.kind).table(q, i)
}

/// One question's tidy columns, built by its kind.
pub(crate) fn build(b: &mut Build, r: &Resolved) -> Result<()> {
    kind(r.question.kind).build(b, r)
}

/// Who answered the question.
pub fn answered(m: &Masks, q: &Question) -> Result<Vec<bool>> {
    kind(q.kind).answered(m, q)
}

/// Who chose any of `codes`.
pub fn chose(m: &Masks, q: &Question, codes: &[String]) -> Result<Vec<bool>> {
    kind(q.kind).chose(m, q, codes)
}

/// What a breakdown is computed from: the run's context, the variable and its coded values.
pub struct Breakdown<'a> {
    pub ctx: &'a breakdown::Context<'a>,
    pub masks: &'a Masks<'a>,
    pub by: &'a str,
    pub values: &'a breakdown::Coded<'a>,
}

impl Breakdown<'_> {
    /// `q` broken down with the rows `parts`: `chose[k]` is who is in row `k`, among `base`.
    pub fn of_parts(
        &self,
        q: &Question,
        base: &[bool],
        parts: &[breakdown::RowLabel],
        chose: &[Vec<bool>],
        tested: breakdown::Tested,
    ) -> BreakdownTable {
        let (ctx, by, values) = (self.ctx, self.by, self.values);
        breakdown::breakdown_of(ctx, q, by, values, base, parts, chose, tested)
    }
}

/// A breakdown by option: a row per option, who chose it in each group.
pub(crate) fn option_breakdown(
    b: &Breakdown,
    q: &Question,
    base: &[bool],
) -> Result<BreakdownTable> {
    let chose = q
        .all_options()
        .map(|o| chose(b.masks, q, &[o.code().to_string()]))
        .collect::<Result<Vec<_>>>()?;
    Ok(breakdown::breakdown(b.ctx, q, b.by, b.values, base, &chose))
}

/// Who is in the question's base.
pub fn base(m: &Masks, q: &Question) -> Result<Vec<bool>> {
    match q.base {
        Base::Answered => answered(m, q),
        Base::All => Ok(vec![true; m.height() as usize]),
        Base::Shown => match m.bools(&names::flag(q.id(), names::SHOWN)) {
            Ok(shown) => Ok(shown.to_vec()),
            Err(_) => answered(m, q),
        },
    }
}

/// What a kind's report section needs to know of the whole run.
pub struct Context<'a> {
    /// What a respondent is ("libraries"), escaped for Markdown.
    pub unit: &'a str,
    /// The run is weighted: shares are weighted and carry their effective n.
    pub weighted: bool,
}

/// What the stages above ask of every kind's stat table.
pub trait Table {
    /// The question's id.
    fn id(&self) -> &str;
    /// The question's wording.
    fn text(&self) -> &str;
    /// Its section of the report.
    fn report(&self, d: &mut Document, cx: &Context);
    /// Its figures as typed cells: `tables/<id>.csv` and its workbook sheet (the one place its
    /// columns are named).
    fn cells(&self) -> Grid;
    /// Its chart (`charts/<id>`) as PNG and SVG; None for a kind without one.
    fn chart(&self, unit: &str) -> Result<Option<(Vec<u8>, String)>>;
    /// Its map (`charts/map`) as PNG and SVG; None for a kind without one.
    fn map(&self, _unit: &str) -> Result<Option<(Vec<u8>, String)>> {
        Ok(None)
    }
    /// Its line in the report's method section, if its kind has one.
    fn method(&self) -> Option<String> {
        None
    }
    /// How many distinct countries its answers name, if its kind names countries.
    fn countries(&self) -> Option<usize> {
        None
    }
    /// Every estimate it publishes, with where it is and whether it may be weighted (a
    /// `weighted` run's), for the invariants every table must hold.
    fn estimates(&self, weighted: bool) -> Vec<(String, &Estimate, bool)>;
    /// Its short label (the text where the kind has none).
    fn short(&self) -> &str;
    /// Its base: how many answered it (a choice: its base rule's n), a count a draft may state.
    fn base_n(&self) -> u64;
    /// The shares a draft may quote, each named by its option's words.
    fn shares(&self) -> Vec<Share<'_>>;
}

/// A share a draft may quote, with the words that name it.
pub struct Share<'a> {
    pub code: &'a str,
    pub label: &'a str,
    pub short: &'a str,
    pub synonyms: &'a [String],
    pub estimate: Estimate,
}

/// The registry: one stat table per kind, as `results.json` writes it (`"type": "choice"` …).
#[derive(Debug, Clone, Serialize, PartialEq)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum QuestionStats {
    Choice(ChoiceTable),
    Country(CountryTable),
    Numeric(NumericSummary),
    Text(TextSummary),
    Grid(GridTable),
    Ranking(RankingTable),
    Nps(nps::NpsTable),
}

impl QuestionStats {
    /// The kind's table behind the registry's variant: the one match over the kinds.
    pub fn table(&self) -> &dyn Table {
        match self {
            QuestionStats::Choice(t) => t,
            QuestionStats::Country(t) => t,
            QuestionStats::Numeric(t) => t,
            QuestionStats::Text(t) => t,
            QuestionStats::Grid(t) => t,
            QuestionStats::Ranking(t) => t,
            QuestionStats::Nps(t) => t,
        }
    }

    pub fn id(&self) -> &str {
        self.table().id()
    }
}
