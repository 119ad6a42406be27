//! A multi-select answered in one cell: labels joined by ", " (Google Forms, SurveyMonkey
//! condensed), by ";" or "|" (large public surveys, Microsoft Forms), or KoboToolbox's choice
//! names joined by spaces.

use super::guess::{Cells, Guess};
use crate::codebook::Format;
use std::collections::BTreeMap;

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

/// Labels joined by ", " that recur across rows.
pub(super) fn joined_labels(c: &Cells) -> Option<Guess> {
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
pub(super) fn separated(c: &Cells, sep: &'static str) -> Option<Guess> {
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
pub(super) fn joined_codes(c: &Cells, format: Format) -> Option<Guess> {
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
