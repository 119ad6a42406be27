//! `shelfstat code`: the human-coding round trip. `code export` writes the coders' workbook for
//! one question (its typed answers, personal data masked, with the rules' suggestions);
//! `code import` reads the filled workbook back, each cell checked against the codeframe, into
//! the human codes file the codebook names (`human_codes`).

use crate::codebook::human_codes::{parse_cell, CODERS, NO_CODE};
use crate::codebook::{Codebook, Question};
use crate::error::{column_letters, Error, Result};
use crate::render::coding_workbook::{self, AnswerRow, CodeRow, ANSWERS_SHEET};
use std::path::{Path, PathBuf};

pub struct ExportOptions {
    pub codebook: PathBuf,
    pub question: String,
    pub out: PathBuf,
}

pub struct ImportOptions {
    pub codebook: PathBuf,
    pub question: String,
    pub workbook: PathBuf,
    /// The codes file [default: `<question>-codes.csv` beside the codebook].
    pub out: Option<PathBuf>,
}

pub struct SuggestOptions {
    pub codebook: PathBuf,
    pub question: String,
    /// How many phrases to list.
    pub top: usize,
}

/// The phrases to start a codeframe from, as text: each with how many answers hold it and two
/// of them (personal data masked).
pub fn suggest(o: &SuggestOptions) -> Result<String> {
    let loaded = crate::pipeline::load(Some(&o.codebook))?;
    let cb = &loaded.codebook;
    let q = question(cb, &o.question)?;
    let answers = crate::tidy::typed_answers(cb, &loaded.raw, q.id())?;
    // Phrases and examples alike from the masked answers.
    let masked: Vec<String> = (answers.iter())
        .map(|(_, t)| crate::kinds::coded::mask::mask(t))
        .collect();
    let texts: Vec<&str> = masked.iter().map(String::as_str).collect();
    let found = crate::kinds::coded::phrases::phrases(&texts, 2, o.top);
    let mut out = format!(
        "{:?}: {} typed answers; phrases held by two or more (case, accents, plurals folded; stop words left out), with how many answers hold each:\n",
        q.id(),
        texts.len()
    );
    let width = found
        .iter()
        .map(|p| p.phrase.chars().count())
        .max()
        .unwrap_or(0);
    for p in &found {
        let examples: Vec<String> = (p.examples.iter())
            .map(|&k| {
                let masked = crate::kinds::coded::mask::mask(texts[k]);
                let short: String = masked.chars().take(60).collect();
                let cut = if masked.chars().count() > 60 {
                    "…"
                } else {
                    ""
                };
                format!("“{short}{cut}”")
            })
            .collect();
        out.push_str(&format!(
            "{:>5}  {:<width$}  {}\n",
            p.answers,
            p.phrase,
            examples.join("  ")
        ));
    }
    if found.is_empty() {
        out.push_str("  (no phrase recurs)\n");
    }
    Ok(out)
}

/// What `code import` wrote.
pub struct Imported {
    pub out: PathBuf,
    /// Answers each coder coded.
    pub coded: Vec<usize>,
}

fn question<'a>(cb: &'a Codebook, id: &str) -> Result<&'a Question> {
    cb.question(id).ok_or_else(|| {
        let ids: Vec<&str> = cb.questions.iter().map(|q| q.id()).collect();
        Error::Other(format!(
            "{}: no question {id:?} (its questions: {})",
            cb.path.display(),
            ids.join(", ")
        ))
    })
}

/// Writes the coders' workbook; returns how many answers it holds.
pub fn export(o: &ExportOptions) -> Result<usize> {
    if o.out
        .extension()
        .is_none_or(|e| !e.eq_ignore_ascii_case("xlsx"))
    {
        return Err(Error::input(
            &o.out,
            "the coders' workbook is an Excel file: name it ….xlsx",
        ));
    }
    if o.out.exists() || o.out.is_symlink() {
        return Err(Error::input(
            &o.out,
            "exists, and may hold coders' work: name another file, or delete it first",
        ));
    }
    let loaded = crate::pipeline::load(Some(&o.codebook))?;
    let cb = &loaded.codebook;
    let q = question(cb, &o.question)?;
    let answers = crate::tidy::typed_answers(cb, &loaded.raw, q.id())?;
    let frame = crate::kinds::coded::Codeframe::of(q)?;
    let rows: Vec<AnswerRow> = (answers.iter())
        .map(|(id, text)| AnswerRow {
            id: id.clone(),
            answer: crate::kinds::coded::mask::mask(text),
            suggested: frame.codes(text).join("; "),
        })
        .collect();
    let codes: Vec<CodeRow> = (q.codes.iter())
        .map(|c| CodeRow {
            code: c.code().to_string(),
            label: q
                .option(c.code())
                .map_or(c.label(), |o| o.label())
                .to_string(),
            rules: crate::kinds::coded::rules_text(c),
        })
        .collect();
    let bytes = coding_workbook::workbook(q.id(), &rows, &codes)?;
    crate::output::write_atomic(&o.out, &bytes)?;
    Ok(rows.len())
}

/// Reads a filled workbook into the human codes file.
pub fn import(o: &ImportOptions) -> Result<Imported> {
    crate::files::regular_file(&o.codebook)?;
    let text = std::fs::read_to_string(&o.codebook).map_err(|e| Error::io(&o.codebook, e))?;
    // Parsed without reading its human codes: the file may be the one this writes.
    let cb = Codebook::parse(&text, &o.codebook)?;
    let q = question(&cb, &o.question)?;
    if q.codes.is_empty() {
        return Err(Error::Other(format!(
            "question {:?} has no codes to import: give it a codeframe (codes = […]) first",
            q.id()
        )));
    }
    crate::files::regular_file(&o.workbook)?;
    let bytes = std::fs::read(&o.workbook).map_err(|e| Error::io(&o.workbook, e))?;
    let sheets = crate::ingest::xlsx::sheets_at(&bytes, &o.workbook)?;
    let Some((_, first, records)) = sheets.iter().find(|(name, _, _)| name == ANSWERS_SHEET) else {
        return Err(Error::input(
            &o.workbook,
            format!("has no sheet {ANSWERS_SHEET:?} (write it with shelfstat code export)"),
        ));
    };
    let coded = read_answers(records, *first, q, &o.workbook)?;
    // The file the codebook names, else `<question>-codes.csv` beside it.
    let named = (q.human_codes.as_ref()).map(|f| cb.dir().join(f.get_ref()));
    let out = (o.out.clone())
        .or(named)
        .unwrap_or_else(|| cb.dir().join(format!("{}-codes.csv", q.id())));
    refuse_overwriting_inputs(&out, &cb, &o.codebook, &o.workbook)?;
    let counts = (0..CODERS.len())
        .map(|c| coded.iter().filter(|(_, per)| per[c].is_some()).count())
        .collect();
    crate::output::write_atomic(&out, &codes_csv(&coded)?)?;
    Ok(Imported { out, coded: counts })
}

/// The codes file must be a `.csv` that is none of the files the survey reads or this reads:
/// the codebook, its export, the workbook.
fn refuse_overwriting_inputs(
    out: &Path,
    cb: &Codebook,
    codebook: &Path,
    workbook: &Path,
) -> Result<()> {
    let same = |a: &Path, b: &Path| match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    };
    let inputs = [
        codebook.to_path_buf(),
        cb.source_path(),
        workbook.to_path_buf(),
    ];
    if let Some(i) = inputs.iter().find(|i| same(out, i)) {
        let why = format!(
            "is an input ({}): the human codes go to a file of their own",
            i.display()
        );
        return Err(Error::input(out, why));
    }
    match out
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("csv"))
    {
        true => Ok(()),
        false => Err(Error::input(
            out,
            "the human codes file is a CSV: name it ….csv",
        )),
    }
}

/// One row's respondent id and each coder's codes (None: not coded).
type CodedRow = (String, Vec<Option<Vec<String>>>);

/// The answers sheet's coded rows; `first` is the sheet row of `records[0]` (its header); an
/// error names the sheet, row and column of a bad cell.
fn read_answers(
    records: &[csv::StringRecord],
    first: usize,
    q: &Question,
    path: &Path,
) -> Result<Vec<CodedRow>> {
    let at = |row: usize, col: usize, heading: &str, why: String| {
        Error::input(
            path,
            format!(
                "sheet {ANSWERS_SHEET:?}, row {row}, column {} ({heading}): {why}",
                column_letters(col)
            ),
        )
    };
    let Some(header) = records.first() else {
        return Err(Error::input(
            path,
            format!("sheet {ANSWERS_SHEET:?} is empty"),
        ));
    };
    let find = |name: &str| header.iter().position(|h| h.trim() == name);
    let Some(id_col) = find("respondent_id") else {
        return Err(Error::input(
            path,
            format!("sheet {ANSWERS_SHEET:?}, row {first}: no column \"respondent_id\""),
        ));
    };
    let coder_cols: Vec<Option<usize>> = CODERS.iter().map(|c| find(c)).collect();
    if coder_cols[0].is_none() {
        return Err(Error::input(
            path,
            format!("sheet {ANSWERS_SHEET:?}, row {first}: no column \"coder_1\""),
        ));
    }
    let mut out: Vec<CodedRow> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for (k, rec) in records.iter().enumerate().skip(1) {
        let row = first + k;
        let id = rec.get(id_col).unwrap_or("").trim().to_string();
        let mut per = Vec::with_capacity(CODERS.len());
        for (c, col) in coder_cols.iter().enumerate() {
            let cell = col.and_then(|col| rec.get(col)).unwrap_or("").trim();
            let codes =
                parse_cell(cell, q).map_err(|why| at(row, col.unwrap_or(0), CODERS[c], why))?;
            per.push(codes);
        }
        if per.iter().all(Option::is_none) {
            continue;
        }
        if id.is_empty() {
            return Err(at(
                row,
                id_col,
                "respondent_id",
                "codes without a respondent id".into(),
            ));
        }
        if !seen.insert(id.clone()) {
            return Err(at(
                row,
                id_col,
                "respondent_id",
                format!("respondent {id:?} appears twice"),
            ));
        }
        out.push((id, per));
    }
    Ok(out)
}

/// The human codes file: `respondent_id,coder_1,coder_2`.
fn codes_csv(rows: &[CodedRow]) -> Result<Vec<u8>> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let err = |e: csv::Error| Error::Other(format!("human codes: {e}"));
    w.write_record(["respondent_id", CODERS[0], CODERS[1]])
        .map_err(err)?;
    for (id, per) in rows {
        let cell = |c: &Option<Vec<String>>| match c {
            None => String::new(),
            Some(v) if v.is_empty() => NO_CODE.to_string(),
            Some(v) => v.join(";"),
        };
        w.write_record([id.clone(), cell(&per[0]), cell(&per[1])])
            .map_err(err)?;
    }
    w.into_inner()
        .map_err(|e| Error::Other(format!("human codes: {e}")))
}
