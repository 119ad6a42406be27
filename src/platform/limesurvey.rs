//! LimeSurvey: code or full headings in any language; synth writes code exports.

use super::Platform;
use crate::codebook::Codebook;
use crate::error::Result;
use crate::ingest::{self, Reader};
use crate::synth::Generated;

pub struct LimeSurvey;

impl Platform for LimeSurvey {
    fn reader(&self) -> &'static dyn Reader {
        &ingest::limesurvey::LimeSurvey { words: None }
    }
    fn write_synth(&self, cb: &Codebook, g: &Generated) -> Option<Result<Vec<u8>>> {
        Some(crate::synth::limesurvey::write(cb, g))
    }
}
