//! A question drafted from the platform's own codebook (REDCap dictionary, XLSForm, .qsf),
//! checked against the export's cells.

use super::ident::{option_code, option_scope};
use super::write::Drafted;
use super::{values, OTHER_WORDS};
use crate::definition::{DefKind, DefQuestion};
use crate::ingest::{normalize_heading, ExportColumn, RawExport};
use std::collections::BTreeSet;

/// A question drafted from its platform definition, checked against the export's cells so
/// that `run` accepts it; Err says why the definition does not fit the export.
pub(super) fn from_definition(
    raw: &RawExport,
    answer_cols: &[&ExportColumn],
    cols: &[&ExportColumn],
    dq: &DefQuestion,
    country_done: &mut bool,
) -> std::result::Result<Drafted, String> {
    let text = if dq.label.is_empty() {
        normalize_heading(&cols[0].heading)
    } else {
        dq.label.clone()
    };
    let from = |what: &str| format!("{what} per the platform codebook");
    let mut d = Drafted {
        kind: "text",
        text,
        pii: false,
        options: Vec::new(),
        other: None,
        comment: None,
        why: String::new(),
    };
    let norm = |s: &str| normalize_heading(s);
    match dq.kind {
        DefKind::Text | DefKind::Numeric => {
            if answer_cols.len() > 1 {
                return Err(format!(
                    "{} columns for a {:?} field",
                    answer_cols.len(),
                    dq.name
                ));
            }
            let vals: Vec<String> = values(raw, answer_cols[0]).into_iter().flatten().collect();
            if dq.kind == DefKind::Numeric {
                if let Some(v) = vals.iter().find(|v| v.parse::<f64>().is_err()) {
                    return Err(format!("numeric field holds {v:?}"));
                }
                d.kind = "numeric";
                d.why = from("numeric");
            } else {
                d.why = from("free text, not published");
            }
        }
        DefKind::Single | DefKind::Multi => {
            let mut codes = option_scope();
            let split = answer_cols.len() > 1
                || dq.kind == DefKind::Multi && !answer_cols[0].sublabel.is_empty();
            if split {
                // One column per choice: map each column to its choice by code or label.
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
                    let other =
                        ch.other || OTHER_WORDS.contains(&ch.label.trim().to_lowercase().as_str());
                    if other && d.other.is_none() {
                        d.other = Some((label, Some(ch.code.clone())));
                    } else {
                        let k = d.options.len();
                        d.options.push((
                            option_code(&ch.code, &ch.label, &mut codes, k),
                            label,
                            Some(ch.code.clone()),
                        ));
                    }
                }
            } else {
                // One answer column: every answer must be a choice's label or code.
                let col = answer_cols[0];
                let labels: Vec<String> = dq.choices.iter().map(|c| norm(&c.label)).collect();
                let other_choice = dq.choices.iter().position(|c| c.other).or_else(|| {
                    dq.choices
                        .iter()
                        .position(|c| OTHER_WORDS.contains(&c.label.trim().to_lowercase().as_str()))
                });
                let vals: Vec<String> = values(raw, col).into_iter().flatten().collect();
                for v in &vals {
                    let v = norm(v);
                    let ok = if dq.kind == DefKind::Single {
                        labels.contains(&v) || dq.choices.iter().any(|c| c.code == v)
                    } else {
                        let code = |p: &str| dq.choices.iter().any(|c| c.code == p.trim());
                        joined_choices(&v, &labels)
                            || v.split(',').all(code)
                            || v.split_whitespace().all(code)
                    };
                    if !ok && other_choice.is_none() {
                        return Err(format!("answer {v:?} is not one of its choices"));
                    }
                }
                for (k, ch) in dq.choices.iter().enumerate() {
                    if Some(k) == other_choice {
                        d.other = Some((ch.label.clone(), Some(ch.code.clone())));
                    } else {
                        let n = d.options.len();
                        d.options.push((
                            option_code(&ch.code, &ch.label, &mut codes, n),
                            ch.label.clone(),
                            Some(ch.code.clone()),
                        ));
                    }
                }
                // Mostly country names: the country question.
                if dq.kind == DefKind::Single && !*country_done {
                    let matched = vals
                        .iter()
                        .filter(|v| crate::country::lookup(v).is_some())
                        .count();
                    if !vals.is_empty() && matched * 10 >= vals.len() * 8 {
                        *country_done = true;
                        d.kind = "country";
                        d.options.clear();
                        d.other = None;
                        d.why = format!(
                            "{matched} of {} answers are country codes or names",
                            vals.len()
                        );
                        return Ok(d);
                    }
                }
            }
            // A choice's codes and labels must differ across options for `run`.
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
            d.why = from(&format!(
                "{} choices",
                d.options.len() + usize::from(d.other.is_some())
            ));
        }
        DefKind::Pii | DefKind::Skip => unreachable!("handled by the caller"),
    }
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
