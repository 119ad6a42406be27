//! The plain `Serialize` types that renderers read: stat tables, comparisons, row accounting and
//! the enums they carry. Computed by `stats`, `compare` and `tidy`; rendered by `render`. This
//! module imports nothing else of the crate, so a renderer never reaches into the stages above.

mod accounting;
mod breakdowns;
mod comparison;
mod grids;
mod kinds;
mod questions;
mod results;
mod verify;

pub use accounting::*;
pub use breakdowns::*;
pub use comparison::*;
pub use grids::*;
pub use kinds::*;
pub use questions::*;
pub use results::*;
pub use verify::*;
