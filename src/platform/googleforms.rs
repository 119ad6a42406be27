//! Google Forms: responses CSVs in any language; synth writes them, grids as "Question [Item]".

use super::Platform;
use crate::codebook::Codebook;
use crate::error::Result;
use crate::ingest::{self, Reader};
use crate::synth::Generated;

pub struct GoogleForms;

impl Platform for GoogleForms {
    fn reader(&self) -> &'static dyn Reader {
        &ingest::googleforms::GoogleForms
    }
    fn write_synth(&self, cb: &Codebook, g: &Generated) -> Option<Result<Vec<u8>>> {
        Some(crate::synth::googleforms::write(cb, g))
    }
    fn synth_items(&self) -> bool {
        true
    }
}
