//! REDCap: raw or label exports; the data dictionary is its codebook.

use super::Platform;
use crate::definition::Definition;
use crate::error::Result;
use crate::ingest::{self, Reader};
use std::path::Path;

pub struct Redcap;

impl Platform for Redcap {
    fn reader(&self) -> &'static dyn Reader {
        &ingest::redcap::Redcap
    }
    fn definition(&self, bytes: &[u8], path: &Path) -> Option<Result<Definition>> {
        // A data dictionary is a CSV whose first heading names the field.
        if ingest::xlsx::is_xlsx(bytes)
            || bytes.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{')
        {
            return None;
        }
        let first = crate::definition::first_cell(bytes, path).ok()?;
        let dictionary = first.starts_with("Variable / Field Name") || first == "field_name";
        dictionary.then(|| {
            let (records, _) = ingest::read_records(bytes, path)?;
            crate::definition::redcap::parse(&records, path)
        })
    }
}
