//! shelfstat: raw survey exports about library services → findings people can trust and publish.
//!
//! Data flows one way: [`ingest`] (platform export → frame) → [`tidy`] (one typed row per
//! respondent) → [`stats`] (plain `Serialize` tables) → [`render`] (Markdown, CSV, JSON, charts).
//! Only [`cmd`] writes files. What one kind of question means (its table, how it is computed and
//! rendered) is a folder of [`kinds`], between the drivers above and the shared machinery below
//! ([`figures`], [`estimate`], [`markup`]).

pub mod cellsafe;
pub mod cmd;
pub mod codebook;
pub mod compare;
pub mod country;
pub mod dates;
pub mod definition;
pub mod draft;
pub mod draw;
pub mod error;
pub mod estimate;
pub mod figures;

pub mod files;
pub mod frame;
pub mod ingest;
pub mod kinds;
pub mod markup;
pub mod names;
pub mod output;
pub mod pipeline;
pub mod platform;
pub mod progress;
pub mod render;
pub mod sample;
pub mod series;
pub mod stats;
pub mod synth;
pub mod tables;
pub mod tidy;
pub mod verify;
pub mod weighting;

pub use error::{Error, Result};
