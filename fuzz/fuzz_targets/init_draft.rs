//! `init` on arbitrary exports: read, draft, and read the draft back as `run` would (the draft
//! must parse, and resolving it must not panic).
#![no_main]
use libfuzzer_sys::fuzz_target;
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    let path = Path::new("fuzz.csv");
    let Ok(format) = shelfstat::ingest::detect(data, path) else {
        return;
    };
    let Ok(raw) = shelfstat::ingest::read(data, path, format) else {
        return;
    };
    if let Ok(d) = shelfstat::draft::draft(&raw, "fuzz.csv", format, None) {
        if let Ok(cb) = shelfstat::codebook::Codebook::parse(&d.toml, Path::new("survey.toml")) {
            let _ = shelfstat::tidy::resolve(&cb, &raw);
        }
    }
});
