//! Qualtrics: exports with three (or two, legacy) header rows; the survey definition (.qsf).

use super::Platform;
use crate::codebook::Codebook;
use crate::definition::Definition;
use crate::error::Result;
use crate::ingest::{self, Reader};
use crate::synth::Generated;
use std::path::Path;

pub struct Qualtrics;

impl Platform for Qualtrics {
    fn reader(&self) -> &'static dyn Reader {
        &ingest::qualtrics::Qualtrics
    }
    fn write_synth(&self, cb: &Codebook, g: &Generated) -> Option<Result<Vec<u8>>> {
        Some(crate::synth::qualtrics::write(cb, g))
    }
    fn definition(&self, bytes: &[u8], path: &Path) -> Option<Result<Definition>> {
        // A .qsf is JSON.
        let start = bytes
            .iter()
            .position(|b| !b.is_ascii_whitespace() && !matches!(b, 0xEF | 0xBB | 0xBF))
            .map(|i| bytes[i]);
        (start == Some(b'{')).then(|| crate::definition::qsf::parse(bytes, path))
    }
}
