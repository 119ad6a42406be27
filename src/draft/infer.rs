//! The type of a one-column question, guessed from its cells: country, numeric, e-mail (pii
//! text), a multi-select joined in one cell (labels joined by ", ", or KoboToolbox's codes
//! joined by spaces), a single choice, or free text.

use super::write::Drafted;
use super::{coded, Answers};
use crate::codebook::Format;
use crate::ingest::{ExportColumn, RawExport};
use std::collections::BTreeMap;

type Cells<'r> = Answers<'r>;

impl Answers<'_> {
    fn n(&self) -> usize {
        self.n
    }
    /// Recurs often enough to be a choice rather than free text.
    fn frequent(&self, k: usize) -> bool {
        k >= 2 && k * 50 >= self.n()
    }
}

/// Pieces of a cell joined by ", ". A piece that starts lowercase, or follows an unclosed "(",
/// continues the previous label.
fn split_labels(v: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for p in v.split(", ") {
        let continues = out.last().is_some_and(|l: &String| {
            l.matches('(').count() > l.matches(')').count()
                || p.starts_with(|c: char| c.is_lowercase() || c.is_ascii_digit())
        });
        match (continues, out.last_mut()) {
            (true, Some(l)) => {
                l.push_str(", ");
                l.push_str(p);
            }
            _ => out.push(p.to_string()),
        }
    }
    out
}

/// A guess: kind, options, other label, why, whether the options are the platform's codes, and
/// the separator of labels joined in one cell when it is not ", ".
struct Guess(
    &'static str,
    Vec<String>,
    Option<String>,
    String,
    bool,
    Option<&'static str>,
);

fn country(c: &Cells, heading: &str) -> Option<Guess> {
    let n = c.n();
    let matched = c.count(|v| crate::country::lookup(v).is_some());
    let h = heading.to_lowercase();
    let says = h.contains("country") || h.contains("land");
    (n > 0 && (matched * 10 >= n * 8 || (says && matched * 2 >= n))).then(|| {
        let why = format!("{matched} of {n} answers are country names");
        Guess("country", Vec::new(), None, why, false, None)
    })
}

fn numeric(c: &Cells) -> Option<Guess> {
    let n = c.n();
    let all = n > 0 && c.distinct.iter().all(|(v, _)| v.parse::<f64>().is_ok());
    // Many different numbers, decimals, or too few answers to call them codes.
    let many =
        c.distinct.len() > 7 || n < 10 || c.distinct.iter().any(|(v, _)| v.parse::<i64>().is_err());
    (all && many).then(|| {
        let why = format!("{n} numeric answers, {} distinct", c.distinct.len());
        Guess("numeric", Vec::new(), None, why, false, None)
    })
}

/// Labels joined by ", " that recur across rows.
fn joined_labels(c: &Cells) -> Option<Guess> {
    let n = c.n();
    let sentences = c.count(|v| v.ends_with('.')) * 2 > n;
    let mut pieces: BTreeMap<String, usize> = BTreeMap::new();
    let mut first_seen: Vec<String> = Vec::new();
    for &(v, k) in &c.distinct {
        for p in split_labels(v) {
            if !pieces.contains_key(&p) {
                first_seen.push(p.clone());
            }
            *pieces.entry(p).or_default() += k;
        }
    }
    let joined = c.count(|v| split_labels(v).len() > 1);
    let recurring = pieces.values().filter(|&&k| c.frequent(k)).count();
    if n == 0 || sentences || joined * 10 < n * 3 || recurring < 2 {
        return None;
    }
    // Once the column is a multi-select, a label repeated verbatim by two or more respondents is
    // a choice, however rarely ticked; a piece typed once is an "other" answer.
    let opts: Vec<String> = first_seen.into_iter().filter(|p| pieces[p] >= 2).collect();
    let other = pieces.values().any(|&k| k < 2).then(|| "Other".to_string());
    let why = format!(
        "{joined} answers join several of {} recurring choices with \", \"",
        opts.len()
    );
    Some(Guess("multi", opts, other, why, false, None))
}

/// Labels joined by `sep` (";" in large public surveys and Microsoft Forms, "|"): at least 30%
/// of the answers join several pieces, and two or more pieces recur.
fn separated(c: &Cells, sep: &'static str) -> Option<Guess> {
    let n = c.n();
    let joined = c.count(|v| v.split(sep).filter(|p| !p.trim().is_empty()).count() > 1);
    if n == 0 || joined * 10 < n * 3 {
        return None;
    }
    let mut pieces: BTreeMap<&str, usize> = BTreeMap::new();
    let mut first_seen: Vec<&str> = Vec::new();
    for &(v, k) in &c.distinct {
        for p in v.split(sep).map(str::trim).filter(|p| !p.is_empty()) {
            if !pieces.contains_key(p) {
                first_seen.push(p);
            }
            *pieces.entry(p).or_default() += k;
        }
    }
    let opts: Vec<String> = first_seen
        .iter()
        .filter(|p| pieces[**p] >= 2)
        .map(|p| p.to_string())
        .collect();
    if opts.len() < 2 {
        return None;
    }
    let other = pieces.values().any(|&k| k < 2).then(|| "Other".to_string());
    let why = format!(
        "{joined} answers join several of {} recurring choices with {sep:?}",
        opts.len()
    );
    Some(Guess("multi", opts, other, why, false, Some(sep)))
}

/// KoboToolbox select_multiple without detail columns: choice names joined by spaces.
fn joined_codes(c: &Cells, format: Format) -> Option<Guess> {
    if !matches!(format, Format::Kobo | Format::Plain) || c.n() == 0 {
        return None;
    }
    let code_like = |t: &str| {
        t.starts_with(|ch: char| ch.is_ascii_alphanumeric())
            && t.chars()
                .all(|ch| ch.is_ascii_lowercase() || ch.is_ascii_digit() || ch == '_')
    };
    let mut tokens: Vec<String> = Vec::new();
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for &(v, k) in &c.distinct {
        for t in v.split_whitespace() {
            if !code_like(t) {
                return None;
            }
            if !counts.contains_key(t) {
                tokens.push(t.to_string());
            }
            *counts.entry(t).or_default() += k;
        }
    }
    let joined = c.count(|v| v.split_whitespace().count() > 1);
    let recurring = counts.values().filter(|&&k| k >= 2).count();
    if joined * 10 < c.n() * 3 || recurring * 2 < counts.len() || counts.len() > 60 {
        return None;
    }
    let why = format!(
        "{joined} answers join several of {} choice names with spaces",
        tokens.len()
    );
    Some(Guess("multi", tokens, None, why, true, None))
}

fn single(c: &Cells) -> Option<Guess> {
    let n = c.n();
    let sentences = c.count(|v| v.ends_with('.')) * 2 > n;
    let frequent: Vec<(&str, usize)> = c
        .distinct
        .iter()
        .copied()
        .filter(|&(_, k)| c.frequent(k))
        .collect();
    let freq: Vec<String> = frequent.iter().map(|(v, _)| v.to_string()).collect();
    let coverage = frequent.iter().map(|(_, k)| k).sum::<usize>();
    if n == 0 || sentences || !(1..=15).contains(&freq.len()) || coverage * 10 < n * 9 {
        return None;
    }
    let other = (coverage < n).then(|| "Other".to_string());
    let why = format!("{} recurring answers cover {coverage} of {n}", freq.len());
    Some(Guess("single", freq, other, why, false, None))
}

/// Drafts a one-column question from its cells.
pub(super) fn infer(
    raw: &RawExport,
    col: &ExportColumn,
    text: &str,
    country_done: &mut bool,
) -> Drafted {
    let c: Cells = Answers::of(raw, col);
    let n = c.n();
    let emails = c.count(|v| v.contains('@') && v.contains('.'));
    let mut pii = false;
    let guess = match (!*country_done)
        .then(|| country(&c, &col.heading))
        .flatten()
    {
        Some(g) => {
            *country_done = true;
            g
        }
        None => numeric(&c)
            .or_else(|| {
                (n > 0 && emails * 2 > n).then(|| {
                    pii = true;
                    let why = "e-mail addresses: marked pii".to_string();
                    Guess("text", Vec::new(), None, why, false, None)
                })
            })
            .or_else(|| separated(&c, ";"))
            .or_else(|| separated(&c, "|"))
            .or_else(|| joined_labels(&c))
            .or_else(|| joined_codes(&c, raw.format))
            .or_else(|| single(&c))
            .unwrap_or_else(|| {
                let why = format!(
                    "{} distinct answers of {n}: free text, not published",
                    c.distinct.len()
                );
                Guess("text", Vec::new(), None, why, false, None)
            }),
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
    };
    if codes {
        // Space-joined names: the cell holds the names, so each option's value is its name.
        for o in &mut d.options {
            o.2 = Some(o.1.clone());
        }
    }
    d
}
