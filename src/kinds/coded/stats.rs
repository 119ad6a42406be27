//! A coded text question's table: each code's share of those who wrote an answer (an answer
//! may take several codes), and the answers no rule took ("Uncoded").

use crate::codebook::Question;
use crate::error::Result;
use crate::estimate::masks::{count, estimate, Masks};
use crate::kinds::choice::Quote;
use crate::kinds::{ChoiceTable, Inputs, OptionRow};
use crate::names;

/// The code of the row of answers no code took.
pub(crate) const UNCODED: &str = "uncoded";

/// Who took each code, in codebook order.
pub(super) fn took(m: &Masks, q: &Question) -> Result<Vec<Vec<bool>>> {
    (q.codes.iter())
        .map(|c| Ok(m.bools(&names::option(q.id(), c.code()))?.to_vec()))
        .collect()
}

/// The answers quoted under each code whose count reaches the suppression threshold.
fn quotes(q: &Question, i: &Inputs, took: &[Vec<bool>]) -> Vec<Quote> {
    let Some(all) = i.tidy.quotes.get(q.id()) else {
        return Vec::new();
    };
    (q.codes.iter().zip(took))
        .filter(|(_, t)| count(t) >= i.threshold)
        .flat_map(|(c, _)| {
            (all.iter().filter(|(code, _)| code == c.code())).map(|(_, text)| Quote {
                code: c.code().to_string(),
                label: c.label().to_string(),
                text: text.clone(),
            })
        })
        .collect()
}

pub(super) fn table(q: &Question, i: &Inputs) -> Result<ChoiceTable> {
    let m = i.masks;
    let base = m.bools(&names::flag(q.id(), names::ANSWERED))?.to_vec();
    let took = took(m, q)?;
    let uncoded: Vec<bool> = (0..base.len())
        .map(|r| base[r] && !took.iter().any(|t| t[r]))
        .collect();
    let row = |code: &str, label: &str, short: &str, chose: &[bool]| OptionRow {
        code: code.to_string(),
        label: label.to_string(),
        short: short.to_string(),
        exclusive: false,
        estimate: estimate(i.method, chose, &base, i.weights),
        synonyms: Vec::new(),
        as_ticked: None,
    };
    let mut rows: Vec<OptionRow> = (q.codes.iter().zip(&took))
        .map(|(c, t)| row(c.code(), c.label(), c.short_label(), t))
        .collect();
    rows.push(row(
        UNCODED,
        "Uncoded (no rule matched)",
        "Uncoded",
        &uncoded,
    ));
    let n = count(&base);
    let note = "Answers sorted into codes by the codebook's rules (words and phrases, case, accents and plurals folded); an answer may take several codes, so the percentages can add up to more than 100. The answers themselves are not published.";
    let own = q.note.clone();
    let note = own.map_or(note.to_string(), |own| format!("{own} {note}"));
    let mut table = ChoiceTable::of(q, (n, n, m.height()), Some(note), rows);
    table.coding = super::quality::quality(q, m)?;
    table.quotes = quotes(q, i, &took);
    Ok(table)
}
