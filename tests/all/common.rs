use shelfstat::pipeline::{self, Analysis, Loaded};
use std::path::{Path, PathBuf};

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn sample_codebook() -> PathBuf {
    root().join("data/ifla-refugee-2019/survey.toml")
}

pub fn load(codebook: &Path) -> (Loaded, Analysis) {
    let l = pipeline::load(Some(codebook)).expect("load");
    let a = pipeline::analyse(&l).expect("analyse");
    (l, a)
}

/// A temp folder holding a copy of a codebook folder, for breaking things.
pub fn copy_dir(src: &Path) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for e in std::fs::read_dir(src).unwrap() {
        let e = e.unwrap();
        if e.file_type().unwrap().is_file() {
            std::fs::copy(e.path(), dir.path().join(e.file_name())).unwrap();
        }
    }
    dir
}
