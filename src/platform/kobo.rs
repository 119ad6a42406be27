//! KoboToolbox / ODK: CSV or XLSX exports; the XLSForm is its codebook.

use super::Platform;
use crate::codebook::Codebook;
use crate::definition::Definition;
use crate::error::Result;
use crate::ingest::{self, Reader};
use crate::synth::Generated;
use std::path::Path;

pub struct Kobo;

impl Platform for Kobo {
    fn reader(&self) -> &'static dyn Reader {
        &ingest::kobo::Kobo
    }
    fn write_synth(&self, cb: &Codebook, g: &Generated) -> Option<Result<Vec<u8>>> {
        Some(crate::synth::kobo::write(cb, g))
    }
    fn definition(&self, bytes: &[u8], path: &Path) -> Option<Result<Definition>> {
        // An XLSForm is a workbook with a "survey" sheet.
        if !ingest::xlsx::is_xlsx(bytes) {
            return None;
        }
        let sheets = match ingest::xlsx::sheets(bytes, path) {
            Ok(s) => s,
            Err(e) => return Some(Err(e)),
        };
        let survey = sheets
            .iter()
            .any(|(n, _)| n.trim().eq_ignore_ascii_case("survey"));
        survey.then(|| crate::definition::xlsform::parse(&sheets, path))
    }
}
