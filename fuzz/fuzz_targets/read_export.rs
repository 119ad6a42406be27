//! Every reader (each platform layout, CSV and XLSX, the encoding detection) on arbitrary bytes:
//! an error is fine, a panic is a bug.
#![no_main]
use libfuzzer_sys::fuzz_target;
use shelfstat::codebook::Format;
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    let path = Path::new("fuzz.csv");
    let _ = shelfstat::ingest::detect(data, path);
    for format in Format::READABLE {
        let _ = shelfstat::ingest::read(data, path, format);
    }
});
