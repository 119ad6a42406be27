//! Numeric → `q` (f64); a cell that is not a finite number is an error naming it.

use crate::error::Result;
use crate::frame::Build;
use crate::frame::Resolved;

pub(crate) fn build(b: &mut Build, r: &Resolved) -> Result<()> {
    b.number_column(r, |s| {
        (s.parse::<f64>().ok())
            .filter(|x| x.is_finite())
            .ok_or_else(|| format!("expected a number, found {s:?}"))
    })
}
