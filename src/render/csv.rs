//! Tidy stat tables as CSV (`tables/*.csv`): one row per figure, full precision.

use super::grid::{Grid, Value};
use crate::cellsafe::cell;
use crate::error::{Error, Result};
use crate::tables::{QuestionStats, Results};

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

/// A grid as CSV: text escaped where a spreadsheet would run it, numbers in full precision.
pub fn grid(g: &Grid) -> Result<Vec<u8>> {
    let mut w = writer();
    w.write_record(&g.columns).map_err(csv_err)?;
    for row in &g.rows {
        let rec: Vec<String> = row
            .iter()
            .map(|v| match v {
                Value::Text(s) => cell(s).into_owned(),
                Value::Code(s) => s.clone(),
                Value::Count(n) => n.to_string(),
                Value::Share(x) | Value::Number(x) => x.to_string(),
                Value::Empty => String::new(),
            })
            .collect();
        w.write_record(&rec).map_err(csv_err)?;
    }
    finish(w)
}

/// The table of one question.
pub fn question_table(q: &QuestionStats) -> Result<Vec<u8>> {
    grid(&super::grid::question(q))
}

/// Row accounting: rows read, excluded by reason, analysed.
pub fn rows(r: &Results) -> Result<Vec<u8>> {
    grid(&super::grid::rows(r))
}

/// Every excluded row with its reason.
pub fn excluded_rows(r: &Results) -> Result<Vec<u8>> {
    grid(&super::grid::excluded_rows(r))
}

/// One breakdown: a row per group and answer; withheld cells are blank with their reason.
pub fn breakdown(b: &crate::tables::BreakdownTable) -> Result<Vec<u8>> {
    grid(&super::grid::breakdown(b))
}
