//! Commands: the only layer that writes files. One module per command; each takes a plain
//! options struct (the CLI parses arguments into it, so clap stays in `main.rs`).

pub mod code;
pub mod compare;
pub mod headline;
pub mod init;
pub mod outputs;
pub mod run;
pub mod synth;
pub mod verify;
