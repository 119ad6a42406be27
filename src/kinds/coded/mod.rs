//! A coded text question (`type = "coded"`): free-text answers sorted into the codebook's
//! codeframe by rules (words and phrases with case, accents and plurals folded, `not` phrases,
//! regular expressions), then analysed like a multi-select of its codes: each code's share of
//! those who wrote an answer, and the answers no rule took. The text is never published.

pub mod agreement;
pub(crate) mod backcode;
pub mod mask;
pub mod phrases;
pub mod quality;
mod rules;
pub use rules::Codeframe;
mod stats;
mod tidy;

use super::{Breakdown, Inputs, Kind, QuestionStats, Rows};
use crate::codebook::{Codebook, OptionDef, Question};
use crate::draw::asked::Asked;
use crate::draw::rng::Rng;
use crate::draw::Answer;
use crate::error::Result;
use crate::estimate::breakdown::{RowLabel, Tested};
use crate::estimate::masks::Masks;
use crate::figures::BreakdownTable;
use crate::frame::{Build, Resolved};
use crate::names;

/// A code's rules in words, for a coder: "words: wifi, tablet; not: …; regex: …".
pub fn rules_text(c: &OptionDef) -> String {
    let mut parts = Vec::new();
    if !c.words.is_empty() {
        parts.push(format!("words: {}", c.words.join(", ")));
    }
    if !c.not.is_empty() {
        parts.push(format!("not: {}", c.not.join(", ")));
    }
    if !c.regex.is_empty() {
        let r: Vec<&str> = c.regex.iter().map(|r| r.get_ref().as_str()).collect();
        parts.push(format!("regex: {}", r.join(", ")));
    }
    parts.join("; ")
}

/// The most answers per code a report may quote.
pub const MAX_QUOTES: u32 = 5;
/// The most codes of one codeframe, and rules (words, not-words, regular expressions) of one
/// code: every distinct answer is matched against each rule once.
pub const MAX_CODES: usize = 1_000;
pub const MAX_RULES: usize = 1_000;
/// The most regular expressions of one codeframe; each code's compile within
/// [`rules::REGEX_BYTES`] (a regular expression such as `\w{200}` takes 21 MB).
pub const MAX_REGEXES: usize = 100;

/// A coded text question.
pub struct Coded;

impl Kind for Coded {
    fn fields(&self) -> &'static [&'static str] {
        &["codes", "human_codes", "quotes"]
    }
    fn build(&self, b: &mut Build, r: &Resolved) -> Result<()> {
        tidy::build(b, r)
    }
    fn answered(&self, m: &Masks, q: &Question) -> Result<Vec<bool>> {
        Ok(m.bools(&names::flag(q.id(), names::ANSWERED))?.to_vec())
    }
    /// Who took any of the codes.
    fn chose(&self, m: &Masks, q: &Question, codes: &[String]) -> Result<Vec<bool>> {
        let mut out = m.nobody();
        for (c, t) in q.codes.iter().zip(stats::took(m, q)?) {
            if codes.iter().any(|x| x == c.code()) {
                out.iter_mut().zip(t).for_each(|(o, x)| *o |= x);
            }
        }
        Ok(out)
    }
    fn table(&self, q: &Question, i: &Inputs) -> Result<QuestionStats> {
        Ok(QuestionStats::Choice(stats::table(q, i)?))
    }
    fn compared<'q>(&self, q: &'q Question) -> Option<Vec<&'q OptionDef>> {
        Some(q.codes.iter().collect())
    }
    fn headline_parts<'q>(&self, q: &'q Question) -> Option<Vec<&'q OptionDef>> {
        Some(q.codes.iter().collect())
    }
    fn headline_label(&self, _: &str, option: &str) -> String {
        option.to_string()
    }
    fn draw(&self, a: &Asked, rng: &mut Rng) -> Result<Vec<Option<Answer>>> {
        crate::draw::values::answers(a, rng, false)
    }
    /// Each code is a yes / no of its own, tested on its own.
    fn rows(&self) -> Rows {
        Rows {
            header: "Code",
            tested_per_row: true,
            ..Rows::ANSWERS
        }
    }
    fn breakdown(&self, b: &Breakdown, q: &Question, _: &[bool]) -> Result<BreakdownTable> {
        let base = self.answered(b.masks, q)?;
        let rows: Vec<RowLabel> = q.codes.iter().map(RowLabel::of).collect();
        let took = stats::took(b.masks, q)?;
        Ok(b.of_parts(q, &base, &rows, &took, Tested::PerRow))
    }
    fn breaks_down(&self, _: &Question) -> bool {
        true
    }
    /// A codeframe with codes, each code a valid and distinct name with a rule that compiles.
    fn check(&self, cb: &Codebook, q: &Question) -> Result<()> {
        if q.codes.is_empty() {
            let why = format!("coded question {:?} needs codes (its codeframe)", q.id());
            return Err(cb.error_at(&q.id, why));
        }
        if q.pii && q.quotes > 0 {
            let why = format!(
                "question {:?} is personal data (pii = true): its answers cannot be quoted",
                q.id()
            );
            return Err(cb.error_at(&q.id, why));
        }
        if q.quotes > MAX_QUOTES {
            let why = format!(
                "quotes = {} in question {:?}: at most {MAX_QUOTES} answers per code may be quoted",
                q.quotes,
                q.id()
            );
            return Err(cb.error_at(&q.id, why));
        }
        check_codes(cb, q)
    }
}

/// Each of a question's codes a valid and distinct name, not the "uncoded" row, with a rule
/// that compiles.
pub(crate) fn check_codes(cb: &Codebook, q: &Question) -> Result<()> {
    if q.codes.len() > MAX_CODES {
        let why = format!(
            "{} codes in question {:?}: a codeframe may have at most {MAX_CODES}",
            q.codes.len(),
            q.id()
        );
        return Err(cb.error_at(&q.codes[MAX_CODES].code, why));
    }
    for (k, c) in q.codes.iter().enumerate() {
        let rules = c.words.len() + c.not.len() + c.regex.len();
        if rules > MAX_RULES {
            let why = format!(
                "code {:?} has {rules} words, not-words and regular expressions: at most {MAX_RULES}",
                c.code()
            );
            return Err(cb.error_at(&c.code, why));
        }
        names::check_code(c.code()).map_err(|why| cb.error_at(&c.code, why))?;
        if c.code() == stats::UNCODED {
            let why = format!("code {:?} is the row of answers no rule took", c.code());
            return Err(cb.error_at(&c.code, why));
        }
        if q.codes[..k].iter().any(|o| o.code() == c.code()) {
            let why = format!("duplicate code {:?} in question {:?}", c.code(), q.id());
            return Err(cb.error_at(&c.code, why));
        }
        let option_only = (c.exclusive, !c.synonyms.is_empty(), c.value.is_some());
        let scale_only = (c.score.is_some(), c.neutral, c.not_applicable);
        if option_only != (false, false, false) || scale_only != (false, false, false) {
            let why = format!(
                "code {:?}: exclusive, synonyms, value, score, neutral and not_applicable are an option's; a code has words, not and regex",
                c.code()
            );
            return Err(cb.error_at(&c.code, why));
        }
        if c.words.is_empty() && c.regex.is_empty() {
            let why = format!("code {:?} has no rule: give it words or a regex", c.code());
            return Err(cb.error_at(&c.code, why));
        }
        if let Some(w) = (c.words.iter().chain(&c.not)).find(|w| rules::words(w).is_empty()) {
            let why = format!(
                "code {:?}: {w:?} has no letter or digit, so it finds nothing",
                c.code()
            );
            return Err(cb.error_at(&c.code, why));
        }
        match rules::Rule::new(c) {
            Err((r, why)) => {
                let why = format!(
                    "code {:?}: regex {:?}: {why}",
                    c.code(),
                    c.regex[r].get_ref()
                );
                return Err(cb.error_at(&c.regex[r], why));
            }
            Ok(rule) if rule.takes("", &[]) => {
                let why = format!(
                    "code {:?}: a regex that matches an empty answer takes every answer",
                    c.code()
                );
                return Err(cb.error_at(&c.code, why));
            }
            Ok(_) => {}
        }
    }
    let regexes: usize = q.codes.iter().map(|c| c.regex.len()).sum();
    if regexes > MAX_REGEXES {
        let why = format!(
            "{regexes} regular expressions in question {:?}: a codeframe may have at most {MAX_REGEXES} (words cost far less)",
            q.id()
        );
        return Err(cb.error_at(&q.id, why));
    }
    Ok(())
}
