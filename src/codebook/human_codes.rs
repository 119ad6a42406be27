//! A coded question's human codes, or a back-coded choice question's (`human_codes = "practice-codes.csv"`, written by
//! `shelfstat code import`): per respondent, the codes each coder gave. The file has a header
//! `respondent_id,coder_1[,coder_2]`; a cell holds codes joined by ";", "-" when the coder
//! found no code fits, and is blank when the coder did not code that answer.

use super::{Codebook, Question};
use crate::error::{Error, Result};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// The coders' columns, in order: the first is the one whose codes are published.
pub const CODERS: [&str; 2] = ["coder_1", "coder_2"];
/// A cell saying the coder found no code fits.
pub const NO_CODE: &str = "-";

/// The codes human coders gave a question's answers.
#[derive(Debug, Clone, Default)]
pub struct HumanCodes {
    pub path: PathBuf,
    /// How many coders the file has (1 or 2), named by [`CODERS`].
    pub coders: usize,
    /// Respondent id → each coder's codes (None: not coded by that coder).
    pub rows: HashMap<String, Vec<Option<Vec<String>>>>,
}

impl HumanCodes {
    /// A coder's codes for a respondent (None: not coded by them).
    pub fn of(&self, id: &str, coder: usize) -> Option<&[String]> {
        self.rows.get(id)?.get(coder)?.as_deref()
    }
}

impl Codebook {
    /// Reads each coded question's `human_codes` file, relative to the codebook.
    pub(super) fn read_human_codes(&mut self) -> Result<()> {
        self.human_codes_from(|path| {
            crate::files::regular_file(path)?;
            std::fs::read(path).map_err(|e| Error::io(path, e))
        })
    }

    /// Reads each coded question's `human_codes` through `bytes_of` (the file system, or the
    /// bundled sample's copy), relative to the codebook.
    pub fn human_codes_from(&mut self, bytes_of: impl Fn(&Path) -> Result<Vec<u8>>) -> Result<()> {
        let dir = self.dir();
        for k in 0..self.questions.len() {
            let Some(name) = self.questions[k].human_codes.clone() else {
                continue;
            };
            // Without codes the file is of no use: the codebook check says so at its line.
            if self.questions[k].codes.is_empty() {
                continue;
            }
            let path = dir.join(name.get_ref());
            let codes = parse(&bytes_of(&path)?, &path, &self.questions[k])?;
            self.questions[k].human = Some(std::sync::Arc::new(codes));
        }
        Ok(())
    }

    /// Every file a run reads: the export, and each question's human codes.
    pub fn input_files(&self) -> Vec<PathBuf> {
        let mut out = vec![self.source_path()];
        let codes = self.questions.iter().filter_map(|q| q.human_codes.as_ref());
        out.extend(codes.map(|c| self.dir().join(c.get_ref())));
        out
    }
}

/// Parses a human codes file (`path` names it), each code checked against the question's
/// codeframe.
pub fn parse(bytes: &[u8], path: &Path, q: &Question) -> Result<HumanCodes> {
    // Excel's "CSV UTF-8" starts with a byte-order mark.
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut r = csv::ReaderBuilder::new().from_reader(bytes);
    let header: Vec<String> = (r.headers())
        .map_err(|e| Error::input(path, e.to_string()))?
        .iter()
        .map(|h| h.trim().to_string())
        .collect();
    let coders = header.len().saturating_sub(1);
    let expected = ["respondent_id", CODERS[0], CODERS[1]];
    if !(2..=3).contains(&header.len()) || header[..] != expected[..header.len()] {
        return Err(Error::input(
            path,
            format!(
                "row 1: the header must be \"respondent_id,coder_1\" or \"respondent_id,coder_1,coder_2\", found {:?}",
                header.join(",")
            ),
        ));
    }
    let mut rows: HashMap<String, Vec<Option<Vec<String>>>> = HashMap::new();
    for (k, rec) in r.records().enumerate() {
        let rec = rec.map_err(|e| Error::input(path, format!("row {}: {e}", k + 2)))?;
        // The file's own line (blank lines are skipped by the reader, not by the count).
        let row = rec.position().map_or(k + 2, |p| p.line() as usize);
        let id = rec.get(0).unwrap_or("").trim().to_string();
        if id.is_empty() {
            return Err(cell(path, row, 0, "no respondent id".into()));
        }
        let mut per = Vec::with_capacity(coders);
        for c in 0..coders {
            let text = rec.get(c + 1).unwrap_or("").trim();
            per.push(parse_cell(text, q).map_err(|why| cell(path, row, c + 1, why))?);
        }
        if rows.insert(id.clone(), per).is_some() {
            return Err(cell(
                path,
                row,
                0,
                format!("respondent {id:?} appears twice"),
            ));
        }
    }
    Ok(HumanCodes {
        path: path.to_path_buf(),
        coders,
        rows,
    })
}

/// One coder's cell: None when blank, the codes otherwise (none for "-").
pub fn parse_cell(text: &str, q: &Question) -> Result<Option<Vec<String>>, String> {
    if text.is_empty() {
        return Ok(None);
    }
    if text == NO_CODE {
        return Ok(Some(Vec::new()));
    }
    let mut out: Vec<String> = Vec::new();
    for piece in text
        .split([';', ','])
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        if !q.codes.iter().any(|c| c.code() == piece) {
            let known: Vec<&str> = q.codes.iter().map(|c| c.code()).collect();
            return Err(format!(
                "{piece:?} is no code of question {:?} (its codes: {}; \"-\" when none fits)",
                q.id(),
                known.join(", ")
            ));
        }
        if !out.iter().any(|o| o == piece) {
            out.push(piece.to_string());
        }
    }
    Ok(Some(out))
}

fn cell(path: &Path, row: usize, col: usize, message: String) -> Error {
    let heading = ["respondent_id", CODERS[0], CODERS[1]][col.min(2)];
    Error::Cell {
        path: path.to_path_buf(),
        row,
        column: format!("{} ({heading})", crate::error::column_letters(col)),
        message,
    }
}
