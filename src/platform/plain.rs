//! A plain table: named in the codebook, never detected; no synth layout, no platform codebook.

use super::Platform;
use crate::ingest::{self, Reader};

pub struct Plain;

impl Platform for Plain {
    fn reader(&self) -> &'static dyn Reader {
        &ingest::plain::Plain
    }
}
