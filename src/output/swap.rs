//! A run's whole output set, swapped in at once.
//!
//! The files are written into a staging folder beside the target (`.NAME.staging-PID-N`), each
//! synced, the folder too; then the staging folder and the target are exchanged in one atomic
//! `renameat2(RENAME_EXCHANGE)` (Linux), or, where that is not available, renamed in two steps.
//! A reader sees the old set or the new set, never a mix; a failure or a kill before the swap
//! leaves the target untouched, and the new set holds exactly this run's files (a file an earlier
//! run wrote and this one does not is gone with the old set). Staging folders left by a killed
//! run are removed by the next run.
//!
//! An existing target is replaced only if shelfstat wrote it ([`super::target`]): it holds the
//! marker file [`MARKER`], or is empty. Anything else is an error, so `--out ~` can never
//! replace a home folder. Once the new set is in place the run has succeeded: removing the old
//! set is tidying, and a failure there is never reported as the run's (the next run retries).

use super::target::{self, MARKER};
use super::OutputFile;
use crate::error::{Error, Result};
use std::io::Write;
use std::path::{Path, PathBuf};

fn name_of(target: &Path) -> String {
    target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "out".into())
}

fn parent_of(target: &Path) -> PathBuf {
    target
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."))
}

/// Whether a process with this id is running (Linux: /proc).
fn alive(pid: u32) -> bool {
    pid == std::process::id() || Path::new(&format!("/proc/{pid}")).exists()
}

/// Removes staging folders of `target` left by runs that are no longer running.
pub fn clean_stale(target: &Path) {
    let (parent, prefix) = (parent_of(target), format!(".{}.staging-", name_of(target)));
    let Ok(entries) = std::fs::read_dir(&parent) else {
        return;
    };
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        let Some(rest) = name.strip_prefix(&prefix) else {
            continue;
        };
        let pid = rest.split('-').next().and_then(|p| p.parse::<u32>().ok());
        if pid.is_some_and(|p| !alive(p)) {
            remove_tree(&e.path());
        }
    }
}

/// Removes a folder of ours, making its read-only sub-folders writable first when a plain
/// removal fails (an old set whose folder was made read-only). Best effort: what stays is
/// removed by a later run's [`clean_stale`].
fn remove_tree(dir: &Path) {
    if std::fs::remove_dir_all(dir).is_ok() {
        return;
    }
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(meta) = std::fs::symlink_metadata(&d) else {
            continue;
        };
        if !meta.is_dir() {
            continue;
        }
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = meta.permissions().mode() | 0o700;
            let _ = std::fs::set_permissions(&d, std::fs::Permissions::from_mode(mode));
        }
        if let Ok(rd) = std::fs::read_dir(&d) {
            stack.extend(rd.flatten().map(|e| e.path()));
        }
    }
    let _ = std::fs::remove_dir_all(dir);
}

fn write_file(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    if let Some(d) = path.parent() {
        std::fs::create_dir_all(d)?;
    }
    let mut f = std::fs::File::create(path)?;
    f.write_all(bytes)?;
    f.sync_all()
}

/// Writes every file of the set into `staging`, eight at a time (each flushed to disk before
/// the set is swapped in: flushes wait on the disk, not the processor); the first error in the
/// set's order is reported.
fn write_files(staging: &Path, target: &Path, files: &[OutputFile]) -> Result<()> {
    for d in files.iter().filter_map(|f| f.path.parent()) {
        let d = staging.join(d);
        std::fs::create_dir_all(&d).map_err(|e| Error::io(&d, e))?;
    }
    let next = std::sync::atomic::AtomicUsize::new(0);
    let results: Vec<std::sync::Mutex<Option<Result<()>>>> =
        files.iter().map(|_| Default::default()).collect();
    std::thread::scope(|s| {
        for _ in 0..files.len().min(8) {
            s.spawn(|| loop {
                let k = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                let Some(f) = files.get(k) else { break };
                let r = write_file(&staging.join(&f.path), &f.bytes)
                    .map_err(|e| Error::io(target.join(&f.path), e));
                if let Ok(mut slot) = results[k].lock() {
                    *slot = Some(r);
                }
            });
        }
    });
    for r in results {
        match r.into_inner() {
            Ok(Some(r)) => r?,
            _ => return Err(Error::Internal("a file of the set was not written".into())),
        }
    }
    Ok(())
}

/// The marker's text: the files of the set, sorted.
fn marker(paths: &[&Path]) -> Vec<u8> {
    let mut names: Vec<String> = paths
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    names.sort();
    let mut s = format!(
        "# Written by {}. This folder is replaced as a whole by the next run.\n",
        crate::pipeline::TOOL
    );
    for n in names {
        s.push_str(&n);
        s.push('\n');
    }
    s.into_bytes()
}

/// Exchanges two paths atomically; false when the system cannot.
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> bool {
    use std::os::unix::ffi::OsStrExt;
    let (Ok(a), Ok(b)) = (
        std::ffi::CString::new(a.as_os_str().as_bytes()),
        std::ffi::CString::new(b.as_os_str().as_bytes()),
    ) else {
        return false;
    };
    // SAFETY: both are valid NUL-terminated paths; renameat2 reads them and touches no memory
    // of ours.
    let rc = unsafe {
        libc::renameat2(
            libc::AT_FDCWD,
            a.as_ptr(),
            libc::AT_FDCWD,
            b.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    rc == 0
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> bool {
    false
}

/// Puts the staged set in place of `target`; an error means the target is unchanged. The old
/// set is removed afterwards, best effort ([`remove_tree`]).
fn swap_in(staging: &Path, target: &Path) -> std::io::Result<()> {
    if std::fs::symlink_metadata(target).is_err() {
        return std::fs::rename(staging, target);
    }
    if exchange(staging, target) {
        // The old set is now at `staging`.
        remove_tree(staging);
        return Ok(());
    }
    let old = parent_of(target).join(format!(
        ".{}.staging-{}-old",
        name_of(target),
        std::process::id()
    ));
    std::fs::rename(target, &old)?;
    if let Err(e) = std::fs::rename(staging, target) {
        // Put the old set back: an error leaves the target as it was.
        let _ = std::fs::rename(&old, target);
        return Err(e);
    }
    remove_tree(&old);
    Ok(())
}

/// A writer that keeps (a copy of) the first error it met.
struct Remembered<W> {
    inner: W,
    error: Option<std::io::Error>,
}

impl<W: Write> Remembered<W> {
    fn keep<T>(&mut self, r: std::io::Result<T>) -> std::io::Result<T> {
        if let (Err(e), None) = (&r, &self.error) {
            self.error = Some(std::io::Error::new(e.kind(), e.to_string()));
        }
        r
    }
}

impl<W: Write> Write for Remembered<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let r = self.inner.write(buf);
        self.keep(r)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        let r = self.inner.flush();
        self.keep(r)
    }
}

/// An output set being written: a staging folder beside the target, filled from any thread,
/// then swapped in whole ([`Staging::commit`]); dropped without a commit, it is removed.
pub struct Staging {
    dir: PathBuf,
    target: PathBuf,
    committed: bool,
}

impl Staging {
    /// Starts a set for `target` (through a symbolic link, the folder it points to): the
    /// target checked to be shelfstat's (or new) and to hold none of `inputs`, stale staging
    /// folders removed, an empty staging folder made.
    pub fn begin(target: &Path, inputs: &[&Path]) -> Result<Staging> {
        let target = &target::resolve(target)?;
        target::check(target, inputs)?;
        clean_stale(target);
        let parent = parent_of(target);
        std::fs::create_dir_all(&parent).map_err(|e| Error::io(&parent, e))?;
        static N: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let n = N.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let dir = parent.join(format!(
            ".{}.staging-{}-{n}",
            name_of(target),
            std::process::id()
        ));
        std::fs::create_dir(&dir).map_err(|e| Error::io(&dir, e))?;
        Ok(Staging {
            dir,
            target: target.to_path_buf(),
            committed: false,
        })
    }

    /// Writes rendered files into the set (each flushed to disk).
    pub fn write(&self, files: &[OutputFile]) -> Result<()> {
        write_files(&self.dir, &self.target, files)
    }

    /// Writes the file `rel` of the set from `fill`, streamed through a buffer (a large file is
    /// never held whole in memory), then flushes it to disk.
    pub fn stream(
        &self,
        rel: &Path,
        fill: impl FnOnce(&mut dyn Write) -> Result<()>,
    ) -> Result<()> {
        let path = self.dir.join(rel);
        let io = |e| Error::io(self.target.join(rel), e);
        if let Some(d) = path.parent() {
            std::fs::create_dir_all(d).map_err(io)?;
        }
        let file = std::fs::File::create(&path).map_err(io)?;
        let mut w = Remembered {
            inner: std::io::BufWriter::with_capacity(1 << 20, file),
            error: None,
        };
        if let Err(e) = fill(&mut w) {
            // A write error (a full disk) is named with its file, whoever met it.
            return Err(w.error.map_or(e, io));
        }
        let file = w.inner.into_inner().map_err(|e| io(e.into_error()))?;
        file.sync_all().map_err(io)
    }

    /// Swaps the set in, its marker listing `paths` (every file written, relative to the set).
    pub fn commit(mut self, paths: &[&Path]) -> Result<()> {
        let target = &self.target;
        write_file(&self.dir.join(MARKER), &marker(paths))
            .map_err(|e| Error::io(target.join(MARKER), e))?;
        std::fs::File::open(&self.dir)
            .and_then(|d| d.sync_all())
            .map_err(|e| Error::io(&self.dir, e))?;
        swap_in(&self.dir, target).map_err(|e| Error::io(target, e))?;
        self.committed = true;
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
}

/// Writes `files` as the whole content of `target`, swapped in at once; `inputs` (the files the
/// set was made from) must lie outside it.
pub fn write_set(target: &Path, files: &[OutputFile], inputs: &[&Path]) -> Result<()> {
    let staging = Staging::begin(target, inputs)?;
    staging.write(files)?;
    let paths: Vec<&Path> = files.iter().map(|f| f.path.as_path()).collect();
    staging.commit(&paths)
}
