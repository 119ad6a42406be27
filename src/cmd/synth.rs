//! `shelfstat synth`: write a synthetic raw export from a codebook and target marginals.

use crate::codebook::{Codebook, Format};
use crate::error::Result;
use crate::output;
use crate::sample;
use crate::synth::Targets;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Default)]
pub struct SynthOptions {
    /// Codebook and targets; both None = the bundled sample's.
    pub codebook: Option<PathBuf>,
    pub targets: Option<PathBuf>,
    pub seed: Option<u64>,
    /// Layout; default the codebook's format.
    pub format: Option<Format>,
    /// Output file; None = returned for stdout.
    pub out: Option<PathBuf>,
}

/// Generates the export; writes it when `out` is set, and returns the bytes.
pub fn synth(opts: &SynthOptions) -> Result<Vec<u8>> {
    let cb = match &opts.codebook {
        Some(p) => Codebook::load(p)?,
        None => Codebook::parse(sample::CODEBOOK, Path::new(sample::CODEBOOK_PATH))?,
    };
    let mut targets = match &opts.targets {
        Some(p) => Targets::load(p)?,
        None => Targets::parse(sample::TARGETS, Path::new(sample::TARGETS_PATH))?,
    };
    if let Some(seed) = opts.seed {
        targets.seed = seed;
    }
    let format = opts.format.unwrap_or(*cb.survey.format.get_ref());
    let bytes = crate::platform::synth_export(&cb, &targets, format)?;
    if let Some(out) = &opts.out {
        output::write_atomic(out, &bytes)?;
    }
    Ok(bytes)
}
