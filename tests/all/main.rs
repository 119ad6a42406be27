//! The one integration-test binary (each extra binary would link polars again).

mod bad_inputs;
mod cli;
mod common;
mod compare;
mod crosscheck;
mod fixture;
mod golden;
mod grids;
mod html;
mod init;
mod invariants;
mod like;
mod platform_fixtures;
mod platforms;
mod privacy;
mod properties;
mod rcheck;
mod refused;
mod reliability;
mod shared_sweep;
mod snapshots;
mod streaming;
mod verify;
mod weighted;
mod workbook;
mod wrong_numbers;
