//! The wave comparison as tidy CSV: `tables/changes.csv` (one row per option and pair of
//! waves), `tables/figures.csv` (one row per option and wave) and
//! `tables/changes_by_region.csv`; the columns are named in [`super::compare_grid`].

use super::compare_grid;
use super::csv::grid;
use crate::error::Result;
use crate::tables::Comparison;

/// `question, option, wave_from, wave_to, p_from, p_to, n_from, n_to, diff, ci_low, ci_high,
/// p_value, p_holm, clear, not_comparable`.
pub fn changes(c: &Comparison) -> Result<Vec<u8>> {
    grid(&compare_grid::changes(c))
}

/// `question, option, wave, label, count, base, proportion, ci_low, ci_high`: every wave's
/// figures, long.
pub fn figures(c: &Comparison) -> Result<Vec<u8>> {
    grid(&compare_grid::figures(c))
}

/// The columns of `changes.csv` after `option`, a `region`, and why a wave's figure is withheld
/// (`withheld_from`, `withheld_to`).
pub fn changes_by_region(c: &Comparison) -> Result<Vec<u8>> {
    grid(&compare_grid::changes_by_region(c))
}
