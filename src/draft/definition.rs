//! A question drafted from the platform's own codebook (REDCap dictionary, XLSForm, .qsf),
//! checked against the export's cells.

use super::ident::{option_code, option_scope};
use super::write::Drafted;
use super::{Answers, OTHER_WORDS};
use crate::definition::{DefChoice, DefKind, DefQuestion};
use crate::ingest::{normalize_heading, ExportColumn, RawExport};
use std::collections::BTreeSet;

type Drafting = std::result::Result<Drafted, String>;

fn norm(s: &str) -> String {
    normalize_heading(s)
}

fn is_other_choice(ch: &DefChoice) -> bool {
    ch.other || OTHER_WORDS.contains(&ch.label.trim().to_lowercase().as_str())
}

fn from(what: &str) -> String {
    format!("{what} per the platform codebook")
}

/// A question drafted from its platform definition, checked against the export's cells so
/// that `run` accepts it; Err says why the definition does not fit the export.
pub(super) fn from_definition(
    raw: &RawExport,
    answer_cols: &[&ExportColumn],
    cols: &[&ExportColumn],
    dq: &DefQuestion,
    country_done: &mut bool,
) -> Drafting {
    let text = if dq.label.is_empty() {
        normalize_heading(&cols[0].heading)
    } else {
        dq.label.clone()
    };
    let d = Drafted {
        kind: "text",
        text,
        pii: false,
        options: Vec::new(),
        other: None,
        comment: None,
        why: String::new(),
        grid: None,
        separator: None,
        check: Vec::new(),
    };
    match dq.kind {
        DefKind::Text | DefKind::Numeric => text_or_numeric(raw, answer_cols, dq, d),
        DefKind::Single | DefKind::Multi => {
            let split = answer_cols.len() > 1
                || dq.kind == DefKind::Multi && !answer_cols[0].sublabel.is_empty();
            let d = if split {
                split_choices(answer_cols, dq, d)?
            } else {
                let d = one_column_choices(raw, answer_cols[0], dq, d)?;
                if let Some(c) = as_country(raw, answer_cols[0], dq, &d, country_done) {
                    return Ok(c);
                }
                d
            };
            finish_choices(dq, d)
        }
        DefKind::Grid | DefKind::Ranking => super::definition_grid::draft(raw, cols, dq, d),
        DefKind::Pii | DefKind::Skip => Err("not a question of its own".into()),
    }
}

fn text_or_numeric(
    raw: &RawExport,
    answer_cols: &[&ExportColumn],
    dq: &DefQuestion,
    mut d: Drafted,
) -> Drafting {
    if answer_cols.len() > 1 {
        let n = answer_cols.len();
        return Err(format!("{n} columns for a {:?} field", dq.name));
    }
    let vals = Answers::of(raw, answer_cols[0]);
    if dq.kind == DefKind::Numeric {
        if let Some((v, _)) = vals
            .distinct
            .iter()
            .find(|(v, _)| v.parse::<f64>().is_err())
        {
            return Err(format!("numeric field holds {v:?}"));
        }
        d.kind = "numeric";
        d.why = from("numeric");
    } else {
        d.why = from("free text, not published");
    }
    Ok(d)
}

/// One column per choice: each column mapped to its choice by code or label.
fn split_choices(answer_cols: &[&ExportColumn], dq: &DefQuestion, mut d: Drafted) -> Drafting {
    let mut codes = option_scope();
    for c in answer_cols {
        let sub = norm(&c.sublabel);
        let Some(ch) = dq
            .choices
            .iter()
            .find(|ch| ch.code == sub)
            .or_else(|| dq.choices.iter().find(|ch| norm(&ch.label) == sub))
        else {
            return Err(format!("column {:?} is not one of its choices", c.sublabel));
        };
        let label = if ch.code == sub {
            ch.label.clone()
        } else {
            sub.clone()
        };
        if is_other_choice(ch) && d.other.is_none() {
            d.other = Some((label, Some(ch.code.clone())));
        } else {
            let k = d.options.len();
            let code = option_code(&ch.code, &ch.label, &mut codes, k);
            d.options.push((code, label, Some(ch.code.clone())));
        }
    }
    Ok(d)
}

/// One answer column: every answer must be a choice's label or code (or codes joined).
fn one_column_choices(
    raw: &RawExport,
    col: &ExportColumn,
    dq: &DefQuestion,
    mut d: Drafted,
) -> Drafting {
    let labels: Vec<String> = dq.choices.iter().map(|c| norm(&c.label)).collect();
    let other_choice = dq
        .choices
        .iter()
        .position(|c| c.other)
        .or_else(|| dq.choices.iter().position(is_other_choice));
    let code = |p: &str| dq.choices.iter().any(|c| c.code == p.trim());
    for (v, _) in Answers::of(raw, col).distinct {
        let v = norm(v);
        let ok = if dq.kind == DefKind::Single {
            labels.contains(&v) || code(&v)
        } else {
            joined_choices(&v, &labels) || v.split(',').all(code) || v.split_whitespace().all(code)
        };
        if !ok && other_choice.is_none() {
            return Err(format!("answer {v:?} is not one of its choices"));
        }
    }
    let mut codes = option_scope();
    for (k, ch) in dq.choices.iter().enumerate() {
        if Some(k) == other_choice {
            d.other = Some((ch.label.clone(), Some(ch.code.clone())));
        } else {
            let n = d.options.len();
            let code = option_code(&ch.code, &ch.label, &mut codes, n);
            d.options
                .push((code, ch.label.clone(), Some(ch.code.clone())));
        }
    }
    Ok(d)
}

/// A single choice whose answers are mostly country names is the country question.
fn as_country(
    raw: &RawExport,
    col: &ExportColumn,
    dq: &DefQuestion,
    d: &Drafted,
    country_done: &mut bool,
) -> Option<Drafted> {
    // A country list names three countries at least: a labelled Yes / No ("NO" is Norway's
    // code) is not one.
    let countries = dq
        .choices
        .iter()
        .filter(|c| {
            crate::country::lookup(&c.label).is_some() || crate::country::lookup(&c.code).is_some()
        })
        .count();
    if dq.kind != DefKind::Single || *country_done || countries < 3 {
        return None;
    }
    let vals = Answers::of(raw, col);
    let matched = vals.count(|v| crate::country::lookup(v).is_some());
    if vals.is_empty() || matched * 10 < vals.n * 8 {
        return None;
    }
    *country_done = true;
    Some(Drafted {
        kind: "country",
        text: d.text.clone(),
        pii: false,
        options: Vec::new(),
        other: None,
        comment: None,
        why: format!("{matched} of {} answers are country codes or names", vals.n),
        grid: None,
        separator: None,
        check: Vec::new(),
    })
}

/// Checks that `run` can tell the options apart, and names the kind.
fn finish_choices(dq: &DefQuestion, mut d: Drafted) -> Drafting {
    let mut seen = BTreeSet::new();
    if let Some(l) = d
        .options
        .iter()
        .map(|o| &o.1)
        .find(|l| !seen.insert(norm(l)))
    {
        return Err(format!("two choices are labelled {l:?}"));
    }
    d.kind = if dq.kind == DefKind::Single {
        "single"
    } else {
        "multi"
    };
    let n = d.options.len() + usize::from(d.other.is_some());
    d.why = from(&format!("{n} choices"));
    Ok(d)
}

/// Whether `v` is made of the `labels` joined by ", " (labels may hold ", " themselves).
fn joined_choices(v: &str, labels: &[String]) -> bool {
    let mut order: Vec<&String> = labels.iter().filter(|l| !l.is_empty()).collect();
    order.sort_by_key(|l| std::cmp::Reverse(l.len()));
    let mut rest = v;
    while !rest.is_empty() {
        let Some(l) = order.iter().find(|l| {
            rest.starts_with(l.as_str())
                && (rest.len() == l.len() || rest[l.len()..].starts_with(", "))
        }) else {
            return false;
        };
        rest = rest[l.len()..]
            .strip_prefix(", ")
            .unwrap_or(&rest[l.len()..]);
    }
    true
}
