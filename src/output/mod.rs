//! Writing outputs: everything is rendered in memory first; a run's output set is then written
//! into a staging folder and swapped in whole ([`swap`]), and a single file (synth's export) is
//! written to a temporary sibling and renamed into place. A failure never leaves a half-written
//! file or a half-written set.

mod swap;
mod target;

pub use swap::{clean_stale, write_set, Staging};
pub use target::MARKER;

use crate::error::{Error, Result};
use std::io::Write;
use std::path::{Path, PathBuf};

/// A rendered output: a path relative to the output folder and its bytes.
#[derive(Debug, Clone)]
pub struct OutputFile {
    pub path: PathBuf,
    pub bytes: Vec<u8>,
}

impl OutputFile {
    pub fn new(path: impl Into<PathBuf>, bytes: impl Into<Vec<u8>>) -> Self {
        OutputFile {
            path: path.into(),
            bytes: bytes.into(),
        }
    }
}

/// The SVG charts among `files`, by stem (`charts/services` → its SVG text): what an HTML
/// report puts inline.
pub fn svg_charts(files: &[OutputFile]) -> std::collections::BTreeMap<String, String> {
    files
        .iter()
        .filter_map(|f| {
            let stem = f.path.to_str()?.strip_suffix(".svg")?;
            Some((
                stem.to_string(),
                String::from_utf8_lossy(&f.bytes).into_owned(),
            ))
        })
        .collect()
}

/// A chart's two files: `<stem>.png` and `<stem>.svg`.
pub fn chart_pair(stem: &str, png: Vec<u8>, svg: String) -> [OutputFile; 2] {
    [
        OutputFile::new(format!("{stem}.png"), png),
        OutputFile::new(format!("{stem}.svg"), svg),
    ]
}

/// Writes `bytes` to `path` atomically (temp file in the same folder + rename).
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "out".into());
    let tmp = dir.join(format!(".{name}.tmp-{}", std::process::id()));
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if let Err(e) = result {
        let _ = std::fs::remove_file(&tmp);
        return Err(Error::io(path, e));
    }
    Ok(())
}

/// Writes the whole output set as the content of `out_dir`, swapped in at once; `inputs` must
/// lie outside it.
pub fn write_all(out_dir: &Path, files: &[OutputFile], inputs: &[&Path]) -> Result<()> {
    write_set(out_dir, files, inputs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn atomic_write_replaces_and_leaves_no_temp() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a/b.txt");
        write_atomic(&p, b"one").unwrap();
        write_atomic(&p, b"two").unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"two");
        let names: Vec<_> = std::fs::read_dir(dir.path().join("a"))
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from("b.txt")]);
    }
}
