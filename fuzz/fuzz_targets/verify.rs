//! `verify` on arbitrary drafts against the bundled sample's figures: never a panic, and a cost
//! bounded by the figures a sentence may hold.
#![no_main]
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn sample() -> &'static shelfstat::tables::Results {
    static R: OnceLock<shelfstat::tables::Results> = OnceLock::new();
    R.get_or_init(|| {
        let loaded = shelfstat::pipeline::load(None).expect("the bundled sample");
        shelfstat::pipeline::analyse(&loaded).expect("the bundled sample").results
    })
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let _ = shelfstat::verify::verify(&text, "fuzz.md", sample());
});
