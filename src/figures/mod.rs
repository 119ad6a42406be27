//! The plain `Serialize` types every stage below the question kinds shares: an estimate with its
//! interval, the base rule, the interval method, scale points, row accounting, breakdown,
//! comparison and verification tables. This module imports nothing else of the crate, so a
//! renderer or a kind never reaches into the stages above; the stat tables that gather the kinds'
//! own tables are [`crate::tables`].

mod accounting;
mod breakdowns;
mod comparison;
mod estimate;
mod kinds;
mod provenance;
mod scales;
mod verify;

pub use accounting::*;
pub use breakdowns::*;
pub use comparison::*;
pub use estimate::*;
pub use kinds::*;
pub use provenance::*;
pub use scales::*;
pub use verify::*;
