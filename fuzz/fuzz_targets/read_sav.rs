//! The SPSS reader (and the dictionary `init` drafts from) on arbitrary bytes after the .sav
//! magic: an error is fine, a panic or a runaway allocation is a bug.
#![no_main]
use libfuzzer_sys::fuzz_target;
use shelfstat::codebook::Format;
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    let path = Path::new("fuzz.sav");
    let mut bytes = b"$FL2".to_vec();
    bytes.extend_from_slice(data.strip_prefix(b"$FL2").unwrap_or(data));
    let _ = shelfstat::ingest::read(&bytes, path, Format::Spss);
    if let Ok(meta) = shelfstat::ingest::spss::read_metadata(&bytes, path) {
        let _ = shelfstat::definition::spss::from_metadata(&meta, path);
    }
});
