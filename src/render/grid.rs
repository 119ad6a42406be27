//! Each stat table as a grid of typed cells: the one place its columns are named. The CSV tables
//! and the workbook's sheets are two syntaxes for the same grids.

pub use super::cells::{estimate_cells, Grid, Value, ESTIMATE};
use crate::tables::{
    BreakdownTable, ChoiceTable, CountryTable, NumericSummary, QuestionStats, Results, TextSummary,
};

fn with_estimate(first: &[&'static str]) -> Vec<&'static str> {
    first.iter().chain(ESTIMATE.iter()).copied().collect()
}

fn num(v: Option<f64>) -> Value {
    v.map_or(Value::Empty, Value::Number)
}

/// The table of one question.
pub fn question(q: &QuestionStats) -> Grid {
    match q {
        QuestionStats::Choice(t) => choice(t),
        QuestionStats::Country(t) => country(t),
        QuestionStats::Numeric(t) => numeric(t),
        QuestionStats::Text(t) => text(t),
        QuestionStats::Grid(t) => super::grid_scales::rating(t),
        QuestionStats::Ranking(t) => super::grid_scales::ranking(t),
    }
}

/// A choice question: one row per option.
fn choice(t: &ChoiceTable) -> Grid {
    Grid {
        columns: with_estimate(&["question", "option", "label"]),
        rows: t
            .rows
            .iter()
            .map(|row| {
                let mut r = vec![
                    Value::Code(t.question.clone()),
                    Value::Code(row.code.clone()),
                    Value::Text(row.label.clone()),
                ];
                r.extend(estimate_cells(row.estimate.as_ref()));
                r
            })
            .collect(),
    }
}

/// A country question: one row per country, then the pooled small countries.
fn country(t: &CountryTable) -> Grid {
    let mut rows: Vec<Vec<Value>> = t
        .rows
        .iter()
        .map(|row| {
            let mut r = vec![
                Value::Code(t.question.clone()),
                Value::Code(row.alpha2.clone()),
                Value::Text(row.name.clone()),
            ];
            r.extend(estimate_cells(Some(&row.estimate)));
            r
        })
        .collect();
    if let Some(p) = &t.pooled {
        let mut r = vec![
            Value::Code(t.question.clone()),
            Value::Code("pooled".into()),
            Value::Text(format!(
                "{} countries with fewer than {} each: {}",
                t.pooled_countries.len(),
                t.threshold,
                t.pooled_countries.join("; ")
            )),
        ];
        r.extend(estimate_cells(Some(p)));
        rows.push(r);
    }
    if let Some(u) = &t.unrecognised {
        let mut r = vec![
            Value::Code(t.question.clone()),
            Value::Code("unrecognised".into()),
            Value::Text("Not recognised as a country".into()),
        ];
        r.extend(estimate_cells(Some(u)));
        rows.push(r);
    }
    Grid {
        columns: with_estimate(&["question", "country", "name"]),
        rows,
    }
}

/// A numeric question's summary, one row.
fn numeric(t: &NumericSummary) -> Grid {
    Grid {
        columns: vec![
            "question",
            "n",
            "not_answered",
            "mean",
            "sd",
            "min",
            "median",
            "max",
        ],
        rows: vec![vec![
            Value::Code(t.question.clone()),
            Value::Count(t.n),
            Value::Count(t.not_answered),
            num(t.mean),
            num(t.sd),
            num(t.min),
            num(t.median),
            num(t.max),
        ]],
    }
}

/// A text question's counts, one row (its answers are never tabled).
fn text(t: &TextSummary) -> Grid {
    Grid {
        columns: vec!["question", "answered", "not_answered", "published"],
        rows: vec![vec![
            Value::Code(t.question.clone()),
            Value::Count(t.answered),
            Value::Count(t.not_answered),
            Value::Code(t.published.to_string()),
        ]],
    }
}

/// Row accounting: rows read, excluded by reason, analysed.
pub fn rows(r: &Results) -> Grid {
    let mut rows = vec![vec![
        Value::Code("read".into()),
        Value::Code(String::new()),
        Value::Count(r.accounting.rows_read as u64),
    ]];
    for e in &r.accounting.excluded {
        rows.push(vec![
            Value::Code("excluded".into()),
            Value::Text(e.reason.clone()),
            Value::Count(e.rows as u64),
        ]);
    }
    rows.push(vec![
        Value::Code("analysed".into()),
        Value::Code(String::new()),
        Value::Count(r.accounting.analysed as u64),
    ]);
    Grid {
        columns: vec!["status", "reason", "rows"],
        rows,
    }
}

/// Every excluded row with its reason.
pub fn excluded_rows(r: &Results) -> Grid {
    Grid {
        columns: vec!["row", "respondent_id", "reason"],
        rows: r
            .excluded_rows
            .iter()
            .map(|e| {
                vec![
                    Value::Count(e.row as u64),
                    Value::Text(e.respondent_id.clone()),
                    Value::Text(e.reason.clone()),
                ]
            })
            .collect(),
    }
}

/// One breakdown: a row per group and answer; withheld cells are blank with their reason.
pub fn breakdown(b: &BreakdownTable) -> Grid {
    let mut columns = with_estimate(&["question", "by", "group", "group_label", "option"]);
    columns.extend(["n_eff", "suppressed", "p_value"]);
    let mut rows = Vec::new();
    for row in &b.rows {
        for (g, c) in b.groups.iter().zip(&row.cells) {
            let mut r = vec![
                Value::Code(b.question.clone()),
                Value::Code(b.by.clone()),
                Value::Text(g.key.clone()),
                Value::Text(g.label.clone()),
                Value::Code(row.code.clone()),
            ];
            r.extend(estimate_cells(c.as_ref()));
            r.push(num(c.as_ref().and_then(|e| e.n_eff)));
            r.push(Value::Code(g.suppressed.unwrap_or("").to_string()));
            r.push(num(row
                .test
                .as_ref()
                .or(b.test.as_ref())
                .map(|t| t.p_value)));
            rows.push(r);
        }
    }
    Grid { columns, rows }
}
