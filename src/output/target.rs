//! Which folder a run may replace, decided before anything is written.
//!
//! A run replaces its output folder as a whole, so the folder must be shelfstat's: absent,
//! empty, or holding the marker file [`MARKER`] that an earlier run wrote. Names alone prove
//! nothing (a user's `report.md` or `tables/budget.csv` is not ours), and nothing is walked: a
//! folder is judged by its marker and its first entry, so `--out /` is refused at once.
//! A symbolic link is followed (the set replaces the folder it points to; the link stays), and a
//! run refuses an output folder that holds one of its inputs, the folder it runs in, or one it
//! cannot write.

use crate::error::{Error, Result};
use std::path::{Path, PathBuf};

/// The marker file of an output folder: lists the files of the set.
pub const MARKER: &str = ".shelfstat-output";

/// The marker's first words: a file of that name that does not begin so is not ours.
pub const MARKER_HEAD: &str = "# Written by shelfstat";

fn refuse(target: &Path, why: impl std::fmt::Display) -> Error {
    Error::Other(format!(
        "--out {}: {why}; nothing was written",
        target.display()
    ))
}

/// The folder the set replaces: `target`, or the folder a symbolic link `target` points to.
pub fn resolve(target: &Path) -> Result<PathBuf> {
    let Ok(meta) = std::fs::symlink_metadata(target) else {
        return Ok(target.to_path_buf());
    };
    if !meta.file_type().is_symlink() {
        return Ok(target.to_path_buf());
    }
    match std::fs::canonicalize(target) {
        Ok(real) if real.is_dir() => Ok(real),
        Ok(real) => Err(refuse(
            target,
            format!(
                "is a symbolic link to {}, which is not a folder",
                real.display()
            ),
        )),
        Err(_) => Err(refuse(
            target,
            "is a symbolic link to a folder that does not exist; make the folder, or give the folder itself",
        )),
    }
}

/// Whether the marker in `dir` is one shelfstat wrote: a regular file beginning with its words.
fn marked(dir: &Path) -> bool {
    let path = dir.join(MARKER);
    let Ok(meta) = std::fs::symlink_metadata(&path) else {
        return false;
    };
    if !meta.is_file() {
        return false;
    }
    let mut head = [0u8; MARKER_HEAD.len()];
    std::fs::File::open(&path)
        .and_then(|mut f| std::io::Read::read_exact(&mut f, &mut head))
        .is_ok_and(|_| head == MARKER_HEAD.as_bytes())
}

/// Up to three names of `dir`'s entries, for the message that refuses it.
fn some_entries(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .map(|rd| {
            rd.flatten()
                .take(3)
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default()
}

/// Whether `dir` may be replaced: absent, empty, or marked. Errors name what is wrong.
fn replaceable(target: &Path) -> Result<()> {
    let Ok(meta) = std::fs::symlink_metadata(target) else {
        return Ok(());
    };
    if !meta.is_dir() {
        return Err(refuse(target, "is a file, not a folder"));
    }
    if marked(target) {
        return Ok(());
    }
    let first = some_entries(target);
    if first.is_empty() {
        return Ok(());
    }
    Err(refuse(
        target,
        format!(
            "the folder exists and was not written by shelfstat (no {MARKER} file; it holds {}{}); choose a new or empty folder",
            first.join(", "),
            if first.len() == 3 { " …" } else { "" }
        ),
    ))
}

/// The absolute, symlink-free form of `p`, or of the nearest existing folder above it joined
/// with the rest (a path that does not exist yet).
fn absolute(p: &Path) -> PathBuf {
    if let Ok(c) = std::fs::canonicalize(p) {
        return c;
    }
    match (p.parent(), p.file_name()) {
        (Some(parent), Some(name)) => {
            let parent = if parent.as_os_str().is_empty() {
                Path::new(".")
            } else {
                parent
            };
            absolute(parent).join(name)
        }
        _ => std::env::current_dir()
            .map(|d| d.join(p))
            .unwrap_or_else(|_| p.to_path_buf()),
    }
}

/// Err when the folder above `target` exists as something other than a folder.
fn parent_is_a_folder(target: &Path) -> Result<()> {
    let mut p = target.parent();
    while let Some(dir) = p.filter(|d| !d.as_os_str().is_empty()) {
        if let Ok(meta) = std::fs::metadata(dir) {
            if meta.is_dir() {
                return Ok(());
            }
            return Err(refuse(
                target,
                format!("{} is a file, not a folder", dir.display()),
            ));
        }
        p = dir.parent();
    }
    Ok(())
}

/// Whether this process may write into the folder `dir` (its permission bits, not a trial).
#[cfg(unix)]
fn writable(dir: &Path) -> bool {
    use std::os::unix::ffi::OsStrExt;
    let Ok(c) = std::ffi::CString::new(dir.as_os_str().as_bytes()) else {
        return false;
    };
    // SAFETY: a valid NUL-terminated path; access reads it and touches no memory of ours.
    unsafe { libc::access(c.as_ptr(), libc::W_OK | libc::X_OK) == 0 }
}

#[cfg(not(unix))]
fn writable(dir: &Path) -> bool {
    std::fs::metadata(dir).is_ok_and(|m| !m.permissions().readonly())
}

/// Checks that a run may replace `target` (already resolved by [`resolve`]) and that none of
/// `inputs` (the files it reads) lies inside it.
pub fn check(target: &Path, inputs: &[&Path]) -> Result<()> {
    parent_is_a_folder(target)?;
    let abs = absolute(target);
    if abs.parent().is_none() {
        return Err(refuse(target, "is the root of the file system"));
    }
    if let Ok(cwd) = std::env::current_dir().and_then(std::fs::canonicalize) {
        if cwd.starts_with(&abs) {
            return Err(refuse(
                target,
                "is the folder shelfstat runs in, or holds it; a run replaces its output folder as a whole, so name a folder inside it (such as --out report)",
            ));
        }
    }
    replaceable(target)?;
    for input in inputs {
        if absolute(input).starts_with(&abs) {
            return Err(refuse(
                target,
                format!(
                    "{} is inside the output folder, which a run replaces as a whole; move it, or choose another --out",
                    input.display()
                ),
            ));
        }
    }
    if target.is_dir() && !writable(target) {
        return Err(refuse(
            target,
            "the folder is read-only (its permissions do not let shelfstat replace its files)",
        ));
    }
    Ok(())
}
