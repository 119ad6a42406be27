//! The type of a one-column question, guessed from its cells: country, numeric, e-mail (pii
//! text), a multi-select joined in one cell (labels joined by ", ", or KoboToolbox's codes
//! joined by spaces), a single choice, or free text.

use super::guess::{Cells, Guess};
use super::guess_multi::{joined_codes, joined_labels, separated, tight_commas};
use super::guess_scalar::{country, numeric};
use super::guess_single::single;
use super::write::Drafted;
use super::{coded, Answers};
use crate::codebook::Format;
use crate::ingest::{ExportColumn, RawExport};

/// What the platform states of a column: a Qualtrics text-entry question (`QID4_TEXT`) and a
/// SurveyMonkey "Open-Ended Response" are free text; a SurveyMonkey column under "Response" is
/// a closed question, each of its answers a choice however long or few.
fn stated(raw: &RawExport, col: &ExportColumn, c: &Cells) -> Option<Guess> {
    let typed = col
        .key
        .as_deref()
        .is_some_and(|k| k.ends_with(crate::ingest::qualtrics::TEXT_ENTRY));
    if raw.format == Format::Qualtrics && typed {
        let why = "a text-entry question (its column id ends _TEXT): free text, not published";
        return Some(Guess("text", Vec::new(), None, why.into(), false, None));
    }
    let monkey = raw.format == Format::SurveymonkeyExpandedText;
    if monkey && col.sublabel.trim() == "Open-Ended Response" {
        let why = "an open-ended question (SurveyMonkey's \"Open-Ended Response\"): free text, not published";
        return Some(Guess("text", Vec::new(), None, why.into(), false, None));
    }
    let closed = monkey && col.sublabel.trim() == "Response";
    (closed && (1..=30).contains(&c.distinct.len())).then(|| {
        let options = c.distinct.iter().map(|(v, _)| v.to_string()).collect();
        let why = format!(
            "a closed question (SurveyMonkey's \"Response\" column): its {} answers are its options",
            c.distinct.len()
        );
        Guess("single", options, None, why, false, None)
    })
}

/// Drafts a one-column question from its cells.
pub(super) fn infer(
    raw: &RawExport,
    col: &ExportColumn,
    text: &str,
    country_done: &mut bool,
) -> Drafted {
    let c: Cells = Answers::of(raw, col);
    let mut pii = false;
    let recognised = crate::kinds::recognise(&col.heading, &c.distinct)
        .map(|(t, why)| Guess(t.as_str(), Vec::new(), None, why, false, None));
    let guess = match recognised {
        Some(g) => g,
        None => shared(raw, col, &c, country_done, &mut pii),
    };
    let Guess(kind, opts, other, why, codes, separator) = guess;
    let mut d = Drafted {
        kind,
        text: text.to_string(),
        pii,
        options: coded(&opts),
        other: other.map(|o| (o, None)),
        comment: None,
        why,
        grid: None,
        separator: separator.map(str::to_string),
        check: Vec::new(),
    };
    if codes {
        // Space-joined names: the cell holds the names, so each option's value is its name.
        for o in &mut d.options {
            o.2 = Some(o.1.clone());
        }
    }
    d
}

/// The guesses every kind shares: a country, a number, e-mail addresses, what the platform
/// states, a multi-select joined in one cell, a single choice, else free text.
fn shared(
    raw: &RawExport,
    col: &ExportColumn,
    c: &Cells,
    country_done: &mut bool,
    pii: &mut bool,
) -> Guess {
    let n = c.n();
    let emails = c.count(|v| v.contains('@') && v.contains('.'));
    match (!*country_done).then(|| country(c, &col.heading)).flatten() {
        Some(g) => {
            *country_done = true;
            g
        }
        None => numeric(c)
            .or_else(|| {
                (n > 0 && emails * 2 > n).then(|| {
                    *pii = true;
                    let why = "e-mail addresses: marked pii".to_string();
                    Guess("text", Vec::new(), None, why, false, None)
                })
            })
            .or_else(|| stated(raw, col, c))
            .or_else(|| separated(c, ";"))
            .or_else(|| separated(c, "|"))
            // Qualtrics joins ticks with a tight ","; its labels may hold ", ".
            .or_else(|| {
                (raw.format == Format::Qualtrics)
                    .then(|| tight_commas(c))
                    .flatten()
            })
            .or_else(|| joined_labels(c))
            .or_else(|| tight_commas(c))
            .or_else(|| joined_codes(c, raw.format))
            .or_else(|| single(c, raw.format.other_typed_in_cell()))
            .unwrap_or_else(|| {
                let why = format!(
                    "{} distinct answers of {n}: free text, not published",
                    c.distinct.len()
                );
                Guess("text", Vec::new(), None, why, false, None)
            }),
    }
}
