//! The stat tables renderers read: one wave's [`Results`] (every kind's table, headlines,
//! breakdowns, provenance) and the shared figures ([`crate::figures`]) they carry. Computed by
//! `stats`, `compare` and `tidy`; rendered by `render`.

mod results;

pub use crate::figures::*;
pub use crate::kinds::{
    ChoiceTable, CountryRow, CountryTable, GridItemRow, GridTable, NumericSummary, OptionRow,
    QuestionStats, RankingItemRow, RankingTable, TextSummary,
};
pub use results::*;
