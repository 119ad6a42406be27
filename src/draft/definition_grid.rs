//! A rating grid or ranking drafted from the platform's codebook (a Qualtrics matrix's
//! statements and answer scale, a Rank Order's items), checked against the export's cells.

use super::ident::{option_code, option_scope};
use super::scale_words;
use super::write::{Drafted, GridParts};
use crate::definition::{DefKind, DefQuestion};
use crate::ingest::{normalize_heading, ExportColumn, RawExport};

type Drafting = std::result::Result<Drafted, String>;

/// The item columns in the definition's order; Err names an item the export lacks.
fn item_columns<'a>(
    cols: &[&'a ExportColumn],
    dq: &DefQuestion,
) -> Result<Vec<&'a ExportColumn>, String> {
    dq.items
        .iter()
        .map(|it| {
            let want = normalize_heading(&it.label);
            cols.iter()
                .copied()
                .find(|c| normalize_heading(&c.sublabel) == want)
                .ok_or_else(|| format!("item {:?} has no column", it.label))
        })
        .collect()
}

pub(super) fn draft(
    raw: &RawExport,
    cols: &[&ExportColumn],
    dq: &DefQuestion,
    mut d: Drafted,
) -> Drafting {
    let item_cols = item_columns(cols, dq)?;
    let mut codes = option_scope();
    let items = dq
        .items
        .iter()
        .enumerate()
        .map(|(k, it)| {
            (
                option_code(&it.code, &it.label, &mut codes, k),
                it.label.clone(),
            )
        })
        .collect();
    if dq.kind == DefKind::Ranking {
        let k = dq.items.len();
        check_cells(raw, &item_cols, &|v| {
            v.parse::<usize>().is_ok_and(|r| (1..=k).contains(&r))
        })?;
        d.kind = "ranking";
        d.why = format!("{k} items ranked, per the platform codebook");
        d.grid = Some(GridParts {
            shorts: Vec::new(),
            items,
            marks: Vec::new(),
            scores: Vec::new(),
        });
        return Ok(d);
    }
    check_cells(raw, &item_cols, &|v| {
        dq.choices
            .iter()
            .any(|c| normalize_heading(&c.label) == normalize_heading(v) || c.code == v)
    })?;
    let (options, marks) = scale(dq)?;
    // The codebook gives the order of its points, but not that they are a rating scale, nor
    // which end is lowest (a party list, a scale coded highest first): unless the words say,
    // the order-dependent figures wait for the user.
    let labels: Vec<&str> = dq.choices.iter().map(|c| c.label.as_str()).collect();
    if scale_words::order(&labels).is_none() {
        d.check.push(FROM_CODEBOOK.to_string());
    }
    d.options = options;
    d.kind = "grid";
    d.why = format!(
        "{} items on a scale of {} points, per the platform codebook",
        dq.items.len(),
        dq.choices.len()
    );
    d.grid = Some(GridParts {
        shorts: Vec::new(),
        items,
        scores: vec![None; marks.len()],
        marks,
    });
    Ok(d)
}

/// Every distinct cell of the item columns passes `ok` (Qualtrics' -99, "seen, not
/// answered", aside), else why not.
fn check_cells(
    raw: &RawExport,
    item_cols: &[&ExportColumn],
    ok: &dyn Fn(&str) -> bool,
) -> Result<(), String> {
    for c in item_cols {
        for (v, _) in super::Answers::of(raw, c).distinct {
            if !ok(v) && v != "-99" {
                return Err(format!(
                    "cell {v:?} in column {:?} is not on the codebook's scale",
                    c.sublabel
                ));
            }
        }
    }
    Ok(())
}

type DraftedOption = (String, String, Option<String>);

/// The `check` line of a grid whose scale is in the platform codebook's order, its words
/// placing none of it.
const FROM_CODEBOOK: &str = "scale order: the platform codebook's order (its words do not say); confirm the points are a rating scale, lowest first, and mark neutral / not_applicable ones";

/// The codebook's scale, lowest first (by the labels' words when they say, else in the
/// codebook's order), with each point's place on it.
fn scale(dq: &DefQuestion) -> Result<(Vec<DraftedOption>, Vec<&'static str>), String> {
    let labels: Vec<&str> = dq.choices.iter().map(|c| c.label.as_str()).collect();
    let order: Vec<usize> = match scale_words::order(&labels) {
        Some(o) => o.into_iter().map(|(k, _)| k).collect(),
        None => (0..labels.len()).collect(),
    };
    let mut scope = option_scope();
    let options = order
        .iter()
        .map(|&k| {
            let c = &dq.choices[k];
            let code = option_code(&c.code, &c.label, &mut scope, k);
            (code, c.label.clone(), Some(c.code.clone()))
        })
        .collect();
    let marks: Vec<&'static str> = order
        .iter()
        .map(|&k| scale_words::place(labels[k]).mark())
        .collect();
    if marks.iter().filter(|m| **m != "not_applicable").count() < 2 {
        return Err("the codebook gives no scale of two or more points".into());
    }
    Ok((options, marks))
}
