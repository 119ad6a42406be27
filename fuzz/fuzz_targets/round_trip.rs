//! The round trip as a property (issue 25): for any export `init` drafts, `run` on the draft,
//! unchanged, in memory — tidy, every stat table and every published file rendered — succeeds,
//! or refuses only because no row is left to analyse. Any other error is a crash.
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
    let Ok(d) = shelfstat::draft::draft(&raw, "fuzz.csv", format, None) else {
        return;
    };
    let codebook = shelfstat::codebook::Codebook::parse(&d.toml, Path::new("survey.toml"))
        .unwrap_or_else(|e| panic!("init wrote a codebook it cannot read back: {e}\n{}", d.toml));
    // As `run` reads it: the draft's missing-value markers ("N/A") are no answer.
    let loaded = shelfstat::pipeline::Loaded::new(codebook, raw);
    match shelfstat::pipeline::analyse(&loaded) {
        Ok(a) => {
            if let Err(e) = shelfstat::cmd::run::render_outputs(&a) {
                panic!("the draft's outputs failed to render: {e}\n{}", d.toml);
            }
        }
        Err(e) if e.to_string().contains("no rows left to analyse") => {}
        Err(e) => panic!("run refused init's draft: {e}\n{}", d.toml),
    }
});
