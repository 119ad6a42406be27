//! A multi-select answered in one cell: labels joined by ", " (Google Forms, SurveyMonkey
//! condensed), by ";" or "|" (large public surveys, Microsoft Forms), or KoboToolbox's choice
//! names joined by spaces.

use super::guess::{Cells, Guess};
use crate::codebook::Format;
use std::collections::{BTreeMap, HashMap, HashSet};

/// Pieces of a cell joined by ", ". A piece that starts lowercase, or follows an unclosed "(",
/// continues the previous label, and so does a number after a number ("1, 000"); "2nd
/// District" after "1st District- Hilda Solis" is a label of its own.
fn split_labels(v: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for p in v.split(", ") {
        let continues = out.last().is_some_and(|l: &String| {
            l.matches('(').count() > l.matches(')').count()
                || p.starts_with(char::is_lowercase)
                || (p.starts_with(|c: char| c.is_ascii_digit())
                    && l.ends_with(|c: char| c.is_ascii_digit()))
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

/// Pieces that are one label holding the joiner: two neighbours that always come together, in
/// that order ("blogs", "R-bloggers" of "Social media such as blogs, R-bloggers, Twitter, or
/// GitHub"; "Mathematics", "Physics" of a single choice "Mathematics, Physics, and Geodesy"),
/// unless one of them is a whole answer of its own elsewhere. Real options are ticked in
/// different company; the fragments of a label never are.
fn glued<'a>(cells: &[(Vec<String>, usize)], alone: &HashSet<&str>) -> HashSet<(String, String)> {
    let mut seen: HashMap<&str, usize> = HashMap::new();
    let mut pairs: HashMap<(&str, &str), usize> = HashMap::new();
    for (parts, k) in cells {
        for p in parts {
            *seen.entry(p.as_str()).or_default() += k;
        }
        for w in parts.windows(2) {
            *pairs.entry((w[0].as_str(), w[1].as_str())).or_default() += k;
        }
    }
    pairs
        .into_iter()
        .filter(|&((a, b), n)| {
            n == seen[a] && n == seen[b] && !alone.contains(a) && !alone.contains(b)
        })
        .map(|((a, b), _)| (a.to_string(), b.to_string()))
        .collect()
}

/// A cell's labels: its pieces ([`split_labels`]) with glued neighbours joined back.
fn segment(parts: &[String], glue: &HashSet<(String, String)>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for (i, p) in parts.iter().enumerate() {
        let joins = i > 0 && glue.contains(&(parts[i - 1].clone(), p.clone()));
        match (joins, out.last_mut()) {
            (true, Some(last)) => {
                last.push_str(", ");
                last.push_str(p);
            }
            _ => out.push(p.clone()),
        }
    }
    out
}

/// Whether the cells that join pieces mostly join answers given whole elsewhere ("AWS;GCP"
/// beside "AWS" and "GCP"): evidence of a multi-select however few respondents tick two.
fn joins_whole_answers(c: &Cells, split: impl Fn(&str) -> Vec<String>) -> bool {
    let alone: HashSet<&str> = c.distinct.iter().map(|(v, _)| *v).collect();
    let cells: Vec<(Vec<String>, usize)> = c.distinct.iter().map(|&(v, k)| (split(v), k)).collect();
    // In how many different cells each piece stands.
    let mut cells_with: HashMap<&str, usize> = HashMap::new();
    for (parts, _) in &cells {
        for p in parts.iter().collect::<HashSet<_>>() {
            *cells_with.entry(p.as_str()).or_default() += 1;
        }
    }
    // A piece given alone, or ticked in other company too, is an answer of its own; the
    // fragments of a label holding the joiner only ever stand in that label's cells.
    let whole_piece = |p: &String| alone.contains(p.as_str()) || cells_with[p.as_str()] >= 2;
    let (mut joined, mut whole) = (0, 0);
    for (parts, k) in &cells {
        if parts.len() > 1 {
            joined += k;
            if parts.iter().all(whole_piece) {
                whole += k;
            }
        }
    }
    whole > 0 && whole * 2 >= joined
}

/// Whether most respondents typed a piece nobody else gave: free text whose cells happen to
/// hold the joiner, not a checkbox question.
fn mostly_typed(
    c: &Cells,
    split: impl Fn(&str) -> Vec<String>,
    count: impl Fn(&str) -> usize,
) -> bool {
    let typed: usize = c
        .distinct
        .iter()
        .filter(|(v, _)| split(v).iter().any(|p| count(p) < 2))
        .map(|(_, k)| k)
        .sum();
    typed * 2 > c.n()
}

/// Labels joined by ", " that recur across rows.
pub(super) fn joined_labels(c: &Cells) -> Option<Guess> {
    let n = c.n();
    let sentences = c.count(|v| v.ends_with('.')) * 2 > n;
    let alone: HashSet<&str> = c.distinct.iter().map(|(v, _)| *v).collect();
    let cells: Vec<(Vec<String>, usize)> = c
        .distinct
        .iter()
        .map(|&(v, k)| (split_labels(v), k))
        .collect();
    let glue = glued(&cells, &alone);
    let mut pieces: BTreeMap<String, usize> = BTreeMap::new();
    let mut first_seen: Vec<String> = Vec::new();
    let mut joined = 0;
    for (parts, k) in &cells {
        let segs = segment(parts, &glue);
        if segs.len() > 1 {
            joined += k;
        }
        for p in segs {
            if !pieces.contains_key(&p) {
                first_seen.push(p.clone());
            }
            *pieces.entry(p).or_default() += k;
        }
    }
    let recurring = pieces.values().filter(|&&k| c.frequent(k)).count();
    let evidence =
        joined * 10 >= n * 3 || joins_whole_answers(c, |v| segment(&split_labels(v), &glue));
    if n == 0 || sentences || !evidence || recurring < 2 {
        return None;
    }
    // Most respondents typing pieces nobody else gave: a free-text list ("R, Python, MATLAB"),
    // not a checkbox question.
    let typed = cells
        .iter()
        .filter(|(parts, _)| segment(parts, &glue).iter().any(|p| pieces[p] < 2))
        .map(|(_, k)| k)
        .sum::<usize>();
    if typed * 2 > n {
        return None;
    }
    // Once the column is a multi-select, a label repeated verbatim by two or more respondents is
    // a choice, however rarely ticked; a piece typed once is an "other" answer.
    let opts: Vec<String> = first_seen.into_iter().filter(|p| pieces[p] >= 2).collect();
    let other = pieces.values().any(|&k| k < 2).then(|| "Other".to_string());
    let why = format!(
        "{joined} answers join several of {} recurring choices with \", \" (pieces always ticked together, in one order, kept as one label)",
        opts.len()
    );
    Some(Guess("multi", opts, other, why, false, None))
}

/// Qualtrics' choices joined by "," with no space ("Water,Beer,Wine"): a comma followed by a
/// space is a label's own ("Yes, definitely"), so only a tight comma joins. Joined cells are
/// 30% of the answers or more, or they join answers given whole elsewhere.
pub(super) fn tight_commas(c: &Cells) -> Option<Guess> {
    let n = c.n();
    let split = |v: &str| -> Vec<String> {
        let mut out = vec![String::new()];
        let mut chars = v.chars().peekable();
        let mut prev = ' ';
        while let Some(ch) = chars.next() {
            match (ch, chars.peek()) {
                // "K100,000": a thousands separator, not a joiner.
                (',', Some(next)) if prev.is_ascii_digit() && next.is_ascii_digit() => {
                    out.last_mut().expect("one").push(ch)
                }
                (',', Some(next)) if !next.is_whitespace() => out.push(String::new()),
                _ => out.last_mut().expect("one").push(ch),
            }
            prev = ch;
        }
        out.into_iter()
            .map(|p| p.trim().to_string())
            .filter(|p| !p.is_empty())
            .collect()
    };
    let joined = c.count(|v| split(v).len() > 1);
    if n == 0 || (joined * 10 < n * 3 && !joins_whole_answers(c, split)) {
        return None;
    }
    let mut pieces: BTreeMap<String, usize> = BTreeMap::new();
    let mut first_seen: Vec<String> = Vec::new();
    for &(v, k) in &c.distinct {
        for p in split(v) {
            if !pieces.contains_key(&p) {
                first_seen.push(p.clone());
            }
            *pieces.entry(p).or_default() += k;
        }
    }
    let opts: Vec<String> = first_seen.into_iter().filter(|p| pieces[p] >= 2).collect();
    // Pieces that recur: the joiner is real (a sentence's commas give pieces typed once).
    if opts.len() < 2 || pieces.values().filter(|&&k| c.frequent(k)).count() < 2 {
        return None;
    }
    if mostly_typed(c, |v| split(v), |p| pieces[p]) {
        return None;
    }
    let other = pieces.values().any(|&k| k < 2).then(|| "Other".to_string());
    let why = format!(
        "{joined} answers join several of {} recurring choices with \",\" (no space)",
        opts.len()
    );
    Some(Guess("multi", opts, other, why, false, Some(",")))
}

/// Labels joined by `sep` (";" in large public surveys and Microsoft Forms, "|"): at least 30%
/// of the answers join several pieces, or they join answers given whole elsewhere; and two or
/// more pieces recur.
pub(super) fn separated(c: &Cells, sep: &'static str) -> Option<Guess> {
    let n = c.n();
    let split = |v: &str| -> Vec<String> {
        v.split(sep)
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .map(str::to_string)
            .collect()
    };
    let joined = c.count(|v| split(v).len() > 1);
    if n == 0 || (joined * 10 < n * 3 && !joins_whole_answers(c, split)) {
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
    if opts.len() < 2 || mostly_typed(c, split, |p| pieces[p]) {
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
    let words = |v: &str| v.split_whitespace().map(str::to_string).collect();
    let evidence = joined * 10 >= c.n() * 3 || joins_whole_answers(c, words);
    if !evidence || recurring * 2 < counts.len() || counts.len() > 60 {
        return None;
    }
    let why = format!(
        "{joined} answers join several of {} choice names with spaces",
        tokens.len()
    );
    Some(Guess("multi", tokens, None, why, true, None))
}
