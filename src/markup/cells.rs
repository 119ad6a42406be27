//! Typed table cells and tables: what every tabular back-end (CSV, workbook) writes, each in
//! its own syntax.

use crate::figures::Estimate;

/// One cell, with what it is, so each back-end can write it its own way.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// Text from the data or the codebook (escaped where a spreadsheet could run it).
    Text(String),
    /// A question id or option code (a codebook slug, written as it is).
    Code(String),
    /// A count or base.
    Count(u64),
    /// A proportion in [0, 1] (a percentage in a workbook).
    Share(f64),
    /// Any other number.
    Number(f64),
    Empty,
}

/// A table: column names and rows of cells.
#[derive(Debug, Clone, PartialEq)]
pub struct Grid {
    pub columns: Vec<&'static str>,
    pub rows: Vec<Vec<Value>>,
}

pub const ESTIMATE: [&str; 5] = ["count", "base", "proportion", "ci_low", "ci_high"];

pub fn estimate_cells(e: Option<&Estimate>) -> [Value; 5] {
    match e {
        Some(e) => [
            Value::Count(e.count),
            Value::Count(e.base),
            Value::Share(e.proportion),
            Value::Share(e.ci_low),
            Value::Share(e.ci_high),
        ],
        None => [
            Value::Empty,
            Value::Empty,
            Value::Empty,
            Value::Empty,
            Value::Empty,
        ],
    }
}

/// The columns of a table that ends in an estimate's five cells.
pub fn with_estimate(first: &[&'static str]) -> Vec<&'static str> {
    first.iter().chain(ESTIMATE.iter()).copied().collect()
}

/// A number, or an empty cell.
pub fn num(v: Option<f64>) -> Value {
    v.map_or(Value::Empty, Value::Number)
}
