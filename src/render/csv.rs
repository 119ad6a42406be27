//! Tidy stat tables as CSV (`tables/*.csv`): one row per figure, full precision.

use crate::cellsafe::cell;
use crate::error::{Error, Result};
use crate::tables::{Estimate, QuestionStats, Results};

pub(crate) fn writer() -> csv::Writer<Vec<u8>> {
    csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new())
}

pub(crate) fn finish(w: csv::Writer<Vec<u8>>) -> Result<Vec<u8>> {
    w.into_inner()
        .map_err(|e| Error::Other(format!("CSV buffer: {e}")))
}

pub(crate) fn csv_err(e: csv::Error) -> Error {
    Error::Other(format!("CSV: {e}"))
}

fn est_fields(e: Option<&Estimate>) -> [String; 5] {
    match e {
        Some(e) => [
            e.count.to_string(),
            e.base.to_string(),
            e.proportion.to_string(),
            e.ci_low.to_string(),
            e.ci_high.to_string(),
        ],
        None => Default::default(),
    }
}

/// The table of one question.
pub fn question_table(q: &QuestionStats) -> Result<Vec<u8>> {
    let mut w = writer();
    match q {
        QuestionStats::Choice(t) => {
            w.write_record([
                "question",
                "option",
                "label",
                "count",
                "base",
                "proportion",
                "ci_low",
                "ci_high",
            ])
            .map_err(csv_err)?;
            for row in &t.rows {
                let mut rec = vec![
                    t.question.clone(),
                    row.code.clone(),
                    cell(&row.label).into_owned(),
                ];
                rec.extend(est_fields(row.estimate.as_ref()));
                w.write_record(&rec).map_err(csv_err)?;
            }
        }
        QuestionStats::Country(t) => {
            w.write_record([
                "question",
                "country",
                "name",
                "count",
                "base",
                "proportion",
                "ci_low",
                "ci_high",
            ])
            .map_err(csv_err)?;
            for row in &t.rows {
                let mut rec = vec![
                    t.question.clone(),
                    row.alpha2.clone(),
                    cell(&row.name).into_owned(),
                ];
                rec.extend(est_fields(Some(&row.estimate)));
                w.write_record(&rec).map_err(csv_err)?;
            }
            if let Some(p) = &t.pooled {
                let mut rec = vec![
                    t.question.clone(),
                    "pooled".to_string(),
                    format!(
                        "{} countries with fewer than {} each: {}",
                        t.pooled_countries.len(),
                        t.threshold,
                        t.pooled_countries.join("; ")
                    ),
                ];
                rec.extend(est_fields(Some(p)));
                w.write_record(&rec).map_err(csv_err)?;
            }
        }
        QuestionStats::Numeric(t) => {
            w.write_record([
                "question",
                "n",
                "not_answered",
                "mean",
                "sd",
                "min",
                "median",
                "max",
            ])
            .map_err(csv_err)?;
            let f = |v: Option<f64>| v.map(|x| x.to_string()).unwrap_or_default();
            w.write_record([
                t.question.clone(),
                t.n.to_string(),
                t.not_answered.to_string(),
                f(t.mean),
                f(t.sd),
                f(t.min),
                f(t.median),
                f(t.max),
            ])
            .map_err(csv_err)?;
        }
        QuestionStats::Text(t) => {
            w.write_record(["question", "answered", "not_answered", "published"])
                .map_err(csv_err)?;
            w.write_record([
                t.question.clone(),
                t.answered.to_string(),
                t.not_answered.to_string(),
                t.published.to_string(),
            ])
            .map_err(csv_err)?;
        }
    }
    finish(w)
}

/// Row accounting: rows read, excluded by reason, analysed.
pub fn rows(r: &Results) -> Result<Vec<u8>> {
    let mut w = writer();
    w.write_record(["status", "reason", "rows"])
        .map_err(csv_err)?;
    w.write_record(["read", "", &r.accounting.rows_read.to_string()])
        .map_err(csv_err)?;
    for e in &r.accounting.excluded {
        w.write_record(["excluded", &cell(&e.reason), &e.rows.to_string()])
            .map_err(csv_err)?;
    }
    w.write_record(["analysed", "", &r.accounting.analysed.to_string()])
        .map_err(csv_err)?;
    finish(w)
}

/// Every excluded row with its reason.
pub fn excluded_rows(r: &Results) -> Result<Vec<u8>> {
    let mut w = writer();
    w.write_record(["row", "respondent_id", "reason"])
        .map_err(csv_err)?;
    for e in &r.excluded_rows {
        w.write_record([
            e.row.to_string(),
            cell(&e.respondent_id).into_owned(),
            cell(&e.reason).into_owned(),
        ])
        .map_err(csv_err)?;
    }
    finish(w)
}

/// One breakdown: a row per group and answer; withheld cells are blank with their reason.
pub fn breakdown(b: &crate::tables::BreakdownTable) -> Result<Vec<u8>> {
    let mut w = writer();
    w.write_record([
        "question",
        "by",
        "group",
        "group_label",
        "option",
        "count",
        "base",
        "proportion",
        "ci_low",
        "ci_high",
        "n_eff",
        "suppressed",
        "p_value",
    ])
    .map_err(csv_err)?;
    for row in &b.rows {
        for (g, c) in b.groups.iter().zip(&row.cells) {
            let mut rec = vec![
                b.question.clone(),
                b.by.clone(),
                cell(&g.key).into_owned(),
                cell(&g.label).into_owned(),
                row.code.clone(),
            ];
            rec.extend(est_fields(c.as_ref()));
            rec.push(
                c.and_then(|e| e.n_eff)
                    .map(|v| v.to_string())
                    .unwrap_or_default(),
            );
            rec.push(g.suppressed.unwrap_or("").to_string());
            let p = row
                .test
                .as_ref()
                .or(b.test.as_ref())
                .map(|t| t.p_value.to_string())
                .unwrap_or_default();
            rec.push(p);
            w.write_record(&rec).map_err(csv_err)?;
        }
    }
    finish(w)
}
