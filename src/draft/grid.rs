//! A block of item columns holding a scale label each (a rating grid) or a rank each (a
//! ranking): SurveyMonkey matrices (items as sub-headings), Google Forms grids (`Question
//! [Item]` columns), plain tables with two header rows.

use super::scale_words;
use super::write::{Drafted, GridParts};
use super::Answers;
use crate::codebook::Format;
use crate::ingest::{ExportColumn, RawExport};

/// The `check` line of a scale whose words did not give its order.
pub(super) const UNORDERED: &str = "scale order: from first appearance in the export; put the points lowest first and mark neutral / not_applicable ones";

/// The most points a drafted scale may have (0–10 and "don't know").
const MAX_POINTS: usize = 12;

/// Drafts the block as a ranking or a grid; Err says why it is neither.
pub(super) fn draft(
    raw: &RawExport,
    text: &str,
    cols: &[&ExportColumn],
    items: &[String],
) -> Result<Drafted, String> {
    let values = block_values(raw, cols)?;
    let item_parts = super::coded(items)
        .into_iter()
        .map(|(c, l, _)| (c, l))
        .collect();
    if is_ranking(raw, cols, &values) {
        return Ok(Drafted {
            kind: "ranking",
            text: text.to_string(),
            pii: false,
            options: Vec::new(),
            other: None,
            comment: None,
            why: format!(
                "{} items, each cell a rank from 1 to {}, no rank twice or skipped in a row",
                cols.len(),
                cols.len()
            ),
            grid: Some(GridParts {
                shorts: Vec::new(),
                items: item_parts,
                marks: Vec::new(),
                scores: Vec::new(),
            }),
            separator: None,
            check: Vec::new(),
        });
    }
    let (mut labels, marks, scores, mut how, settled) = scale(&values);
    let mut check = match settled {
        true => Vec::new(),
        false => vec![UNORDERED.to_string()],
    };
    if let (false, Some(sorted)) = (settled, stated_order(raw.format, &labels)) {
        labels = sorted;
        how = STATED_HOW.to_string();
        check = vec![STATED.to_string()];
    }
    if marks.iter().filter(|m| **m != "not_applicable").count() < 2 {
        return Err(format!(
            "{} columns whose answers are {} value{} (not a rating scale; not drafted)",
            cols.len(),
            labels.len(),
            if labels.len() == 1 { "" } else { "s" }
        ));
    }
    Ok(Drafted {
        kind: "grid",
        text: text.to_string(),
        pii: false,
        options: super::coded(&labels),
        other: None,
        comment: None,
        why: format!(
            "{} items rated on a scale of {} points; {how}",
            cols.len(),
            labels.len()
        ),
        grid: Some(GridParts {
            shorts: Vec::new(),
            items: item_parts,
            marks,
            scores,
        }),
        separator: None,
        check,
    })
}

/// The `check` line of a scale in the order the platform's answer codes give.
const STATED: &str = "scale order: from LimeSurvey's answer codes, in the order of the answer list; confirm the first is the lowest point (else reverse the options) and mark neutral / not_applicable ones";
const STATED_HOW: &str = "CHECK THE DIRECTION: in the order of LimeSurvey's answer codes (the answer list's order); confirm the first is the lowest point";

/// The scale's order as the platform states it, where its cells are the platform's answer
/// codes: LimeSurvey numbers its answers in the order of the answer list (`A1`, `A2` …, or
/// `AO01` …), one prefix, numbered after it. Which end is the lowest it does not say.
fn stated_order(format: Format, labels: &[String]) -> Option<Vec<String>> {
    let coded = match format {
        Format::Limesurvey => true,
        Format::Auto
        | Format::SurveymonkeyExpandedText
        | Format::GoogleForms
        | Format::Qualtrics
        | Format::Kobo
        | Format::Redcap
        | Format::Plain
        | Format::Spss => false,
    };
    let split = |l: &str| -> Option<(String, u64)> {
        let digits = l.find(|c: char| c.is_ascii_digit())?;
        let (prefix, number) = l.split_at(digits);
        (!prefix.is_empty() && prefix.chars().all(|c| c.is_ascii_alphabetic())).then_some(())?;
        Some((prefix.to_string(), number.parse().ok()?))
    };
    let mut parts: Vec<(String, u64, &String)> = labels
        .iter()
        .map(|l| split(l).map(|(p, n)| (p, n, l)))
        .collect::<Option<_>>()?;
    if !coded || labels.len() < 2 || parts.iter().any(|(p, _, _)| *p != parts[0].0) {
        return None;
    }
    parts.sort_by_key(|(_, n, _)| *n);
    Some(parts.into_iter().map(|(_, _, l)| l.clone()).collect())
}

/// The block's distinct answers with their counts, in first-appearance order; Err when there
/// are none or more than a scale has.
fn block_values<'a>(
    raw: &'a RawExport,
    cols: &[&ExportColumn],
) -> Result<Vec<(&'a str, usize)>, String> {
    let mut values: Vec<(&str, usize)> = Vec::new();
    for c in cols {
        for (v, k) in Answers::of(raw, c).distinct {
            match values.iter_mut().find(|(u, _)| *u == v) {
                Some(slot) => slot.1 += k,
                None => values.push((v, k)),
            }
            if values.len() > MAX_POINTS {
                return Err(format!(
                    "{} columns holding more than {MAX_POINTS} different answers (not a rating scale; not drafted)",
                    cols.len()
                ));
            }
        }
    }
    if values.is_empty() {
        return Err(format!(
            "{} columns with no answers in this export",
            cols.len()
        ));
    }
    Ok(values)
}

/// Every answer a whole number from 1 to the number of items, and no row giving one rank twice.
fn is_ranking(raw: &RawExport, cols: &[&ExportColumn], values: &[(&str, usize)]) -> bool {
    let k = cols.len();
    let rank = |v: &str| v.parse::<usize>().ok().filter(|r| (1..=k).contains(r));
    if k < 2 || !values.iter().all(|(v, _)| rank(v).is_some()) {
        return false;
    }
    let cells: Vec<Vec<Option<&str>>> = cols.iter().map(|c| super::values(raw, c)).collect();
    let mut several = false;
    for i in 0..raw.height() {
        let mut seen = vec![false; k + 1];
        let mut n = 0;
        for col in &cells {
            if let Some(r) = col[i].and_then(rank) {
                if seen[r] {
                    return false;
                }
                seen[r] = true;
                n += 1;
            }
        }
        // Ranks 1 … n without a gap, as `run` reads a ranking (a gap is a malformed row there).
        if !seen[1..=n].iter().all(|&s| s) {
            return false;
        }
        several |= n >= 2;
    }
    several
}

type Scale = (
    Vec<String>,
    Vec<&'static str>,
    Vec<Option<f64>>,
    String,
    bool,
);

/// The scale's labels lowest first, each one's mark (neutral / not applicable), its score
/// when the labels are numbers, how the order was found, and whether that settles it.
fn scale(values: &[(&str, usize)]) -> Scale {
    let labels: Vec<&str> = values.iter().map(|(v, _)| *v).collect();
    let numbers: Option<Vec<f64>> = labels
        .iter()
        .map(|l| l.parse::<f64>().ok().filter(|x| x.is_finite()))
        .collect();
    if let Some(mut xs) = numbers {
        xs.sort_by(f64::total_cmp);
        let labels = xs
            .iter()
            .map(|x| {
                labels
                    .iter()
                    .find(|l| l.parse::<f64>().ok() == Some(*x))
                    .unwrap_or(&"")
                    .to_string()
            })
            .collect::<Vec<_>>();
        let marks = vec![""; labels.len()];
        let scores = xs.into_iter().map(Some).collect();
        return (
            labels,
            marks,
            scores,
            "the answers are numbers, scored as they are".into(),
            true,
        );
    }
    match scale_words::order(&labels) {
        Some(order) => {
            let out: Vec<String> = order.iter().map(|(k, _)| labels[*k].to_string()).collect();
            let marks = order.iter().map(|(_, p)| p.mark()).collect();
            let n = out.len();
            (
                out,
                marks,
                vec![None; n],
                "ordered by their words, lowest first".into(),
                true,
            )
        }
        None => {
            let n = labels.len();
            let out = labels.iter().map(|l| l.to_string()).collect();
            (out, vec![""; n], vec![None; n], "CHECK THE ORDER: put the scale lowest first, and mark neutral / not_applicable points (the words did not say; order of first appearance)".into(), false)
        }
    }
}
