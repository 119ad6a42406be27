//! One error type for the whole pipeline. Every variant renders as a single line that names the
//! file and, where there is one, the row (spreadsheet numbering, header rows included) and the
//! column (spreadsheet letter plus its heading), so a user can find the cell.

use std::path::{Path, PathBuf};

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// A codebook reference the export does not bear out, where the codebook writes it (a
    /// byte span): the frame says what and where, and `Codebook::locate` gives it its line.
    #[error("{message} (codebook bytes {}–{})", span.start, span.end)]
    Misplaced {
        span: std::ops::Range<usize>,
        message: String,
    },
    /// A problem in the codebook, located by its line.
    #[error("{}:{line}: {message}", path.display())]
    Codebook {
        path: PathBuf,
        line: usize,
        message: String,
    },
    /// A problem with one cell of the export.
    #[error("{}: row {row}, column {column}: {message}", path.display())]
    Cell {
        path: PathBuf,
        row: usize,
        column: String,
        message: String,
    },
    /// A problem with the file as a whole, or at a line of it.
    #[error("{}: {message}", path.display())]
    Input { path: PathBuf, message: String },
    /// Synthetic-data targets that cannot be met.
    #[error("{}: {message}", path.display())]
    Targets { path: PathBuf, message: String },
    #[error("internal frame error: {0}")]
    Frame(#[from] polars::prelude::PolarsError),
    #[error("{0}")]
    Other(String),
    /// A stat table broke an invariant (a bug): nothing is published.
    #[error("internal error: {0}")]
    Internal(String),
}

impl Error {
    pub fn io(path: impl AsRef<Path>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.as_ref().to_path_buf(),
            source,
        }
    }
    pub fn input(path: impl AsRef<Path>, message: impl Into<String>) -> Self {
        Error::Input {
            path: path.as_ref().to_path_buf(),
            message: message.into(),
        }
    }
}

/// Spreadsheet-style column letters for a 0-based index: 0 → A, 25 → Z, 26 → AA.
pub fn column_letters(mut index: usize) -> String {
    let mut out = Vec::new();
    loop {
        out.push(b'A' + (index % 26) as u8);
        if index < 26 {
            break;
        }
        index = index / 26 - 1;
    }
    out.reverse();
    String::from_utf8(out).expect("ASCII")
}

/// `message` cut to `max` characters, saying how long it was: an error quoting a huge cell or
/// heading stays one readable line (a 50 MB answer was echoed whole).
pub fn cut(message: &str, max: usize) -> std::borrow::Cow<'_, str> {
    if message.chars().count() <= max {
        return std::borrow::Cow::Borrowed(message);
    }
    let head: String = message.chars().take(max).collect();
    std::borrow::Cow::Owned(format!(
        "{head}… (message cut: {} bytes in all)",
        message.len()
    ))
}

/// `L ("heading")` with the heading shortened to keep the error on one readable line.
pub fn describe_column(index: usize, heading: &str) -> String {
    let flat: String = heading.split_whitespace().collect::<Vec<_>>().join(" ");
    let short = if flat.chars().count() > 60 {
        let cut: String = flat.chars().take(57).collect();
        format!("{cut}…")
    } else {
        flat
    };
    format!("{} (\"{}\")", column_letters(index), short)
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn letters() {
        assert_eq!(column_letters(0), "A");
        assert_eq!(column_letters(25), "Z");
        assert_eq!(column_letters(26), "AA");
        assert_eq!(column_letters(27), "AB");
        assert_eq!(column_letters(701), "ZZ");
        assert_eq!(column_letters(702), "AAA");
    }
}
