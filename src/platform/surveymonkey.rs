//! SurveyMonkey: expanded exports (two header rows); synth writes them, grids included.

use super::Platform;
use crate::codebook::Codebook;
use crate::error::Result;
use crate::ingest::{self, Reader};
use crate::synth::Generated;

pub struct SurveyMonkey;

impl Platform for SurveyMonkey {
    fn reader(&self) -> &'static dyn Reader {
        &ingest::surveymonkey::SurveyMonkey
    }
    fn write_synth(&self, cb: &Codebook, g: &Generated) -> Option<Result<Vec<u8>>> {
        Some(crate::synth::surveymonkey::write(cb, g))
    }
    fn synth_items(&self) -> bool {
        true
    }
}
