//! The coders' workbook (`shelfstat code export`): sheet "answers" — one row per typed answer
//! (respondent id, the answer with personal data masked, the rules' suggested codes, and empty
//! `coder_1` / `coder_2` columns to fill) — and sheet "codeframe" listing the codes and how to
//! write them. Text is stored as text (never run as a formula); the same answers give the same
//! bytes.

use crate::error::{Error, Result};
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, XlsxError};

/// One answer to code.
pub struct AnswerRow {
    pub id: String,
    /// The answer, personal data masked.
    pub answer: String,
    /// The rules' codes, joined by "; ".
    pub suggested: String,
}

/// One code of the codeframe.
pub struct CodeRow {
    pub code: String,
    pub label: String,
    /// Its rules, in words ("words: wifi, tablet; not: …").
    pub rules: String,
}

/// The answers sheet's columns, in order (`code import` reads them by these names).
pub const ANSWER_COLUMNS: [&str; 5] =
    ["respondent_id", "answer", "suggested", "coder_1", "coder_2"];
/// The sheets' names.
pub const ANSWERS_SHEET: &str = "answers";
pub const CODEFRAME_SHEET: &str = "codeframe";

fn xlsx_err(e: XlsxError) -> Error {
    Error::Other(format!("coding workbook: {e}"))
}

/// The workbook's bytes.
pub fn workbook(question: &str, answers: &[AnswerRow], codes: &[CodeRow]) -> Result<Vec<u8>> {
    build(question, answers, codes).map_err(xlsx_err)
}

fn build(question: &str, answers: &[AnswerRow], codes: &[CodeRow]) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    let created = ExcelDateTime::from_ymd(2000, 1, 1)?;
    wb.set_properties(
        &DocProperties::new()
            .set_title(format!("Coding: {question}"))
            .set_creation_datetime(&created),
    );
    let header = Format::new().set_bold();
    let wrap = Format::new().set_text_wrap();
    let ws = wb.add_worksheet();
    ws.set_name(ANSWERS_SHEET)?;
    for (c, name) in ANSWER_COLUMNS.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *name, &header)?;
    }
    for (k, a) in answers.iter().enumerate() {
        let r = k as u32 + 1;
        ws.write_string(r, 0, super::xlsx::fit(&a.id).as_ref())?;
        ws.write_string_with_format(r, 1, super::xlsx::fit(&a.answer).as_ref(), &wrap)?;
        ws.write_string(r, 2, a.suggested.as_str())?;
    }
    ws.set_freeze_panes(1, 0)?;
    for (c, w) in [14, 70, 24, 24, 24].iter().enumerate() {
        ws.set_column_width(c as u16, *w)?;
    }
    let ws = wb.add_worksheet();
    ws.set_name(CODEFRAME_SHEET)?;
    for (c, name) in ["code", "label", "rules"].iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *name, &header)?;
    }
    for (k, c) in codes.iter().enumerate() {
        let r = k as u32 + 1;
        ws.write_string(r, 0, c.code.as_str())?;
        ws.write_string(r, 1, c.label.as_str())?;
        ws.write_string(r, 2, c.rules.as_str())?;
    }
    let how = codes.len() as u32 + 2;
    ws.write_string(how, 0, "How to code: in sheet \"answers\", write each answer's codes in coder_1 (a second coder in coder_2), joined by \";\"; write \"-\" when no code fits; leave the cell empty for an answer not coded. Then: shelfstat code import SURVEY.toml QUESTION THIS.xlsx")?;
    ws.set_column_width(0, 20)?;
    ws.set_column_width(1, 40)?;
    ws.set_column_width(2, 80)?;
    wb.save_to_buffer()
}
