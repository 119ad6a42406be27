//! Each stat table as a grid of typed cells: the one place its columns are named (a question's
//! own by its kind, [`crate::kinds::Table::cells`]). The CSV tables and the workbook's sheets
//! are two syntaxes for the same grids.

pub use crate::markup::cells::{estimate_cells, num, with_estimate, Grid, Value, ESTIMATE};
use crate::tables::{BreakdownTable, QuestionStats, Results};

/// The table of one question.
pub fn question(q: &QuestionStats) -> Grid {
    q.table().cells()
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
