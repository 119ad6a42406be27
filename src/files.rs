//! Checks on the files shelfstat is asked to read, below every module that reads one.

use crate::error::{Error, Result};
use std::path::Path;

/// Err unless `path` is a regular file: a device (`/dev/zero`), a pipe or a socket would be
/// read without end (`/dev/zero` filled 3.2 GB in 20 s).
pub fn regular_file(path: &Path) -> Result<()> {
    let meta = std::fs::metadata(path).map_err(|e| Error::io(path, e))?;
    if meta.is_file() {
        return Ok(());
    }
    let what = if meta.is_dir() {
        "a folder"
    } else {
        "a device, pipe or socket"
    };
    Err(Error::input(
        path,
        format!("not a regular file ({what}): give the file itself"),
    ))
}
