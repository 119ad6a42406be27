//! The Excel workbook (`report.xlsx`): a contents sheet linking to one sheet per table (each
//! question, each breakdown, the row accounting), and a method sheet with the provenance. The
//! sheets are the CSV tables' grids: percentages are numbers in a % format, counts integers,
//! intervals in their own columns, text always stored as text (never run as a formula). The
//! header row is frozen and filtered, and columns are fitted. The same results give the same
//! bytes (the creation date is fixed).

use super::compare_grid;
use super::grid::{self, Grid, Value};
use crate::error::{Error, Result};
use crate::tables::{Comparison, QuestionStats, Results};
use rust_xlsxwriter::{
    DocProperties, ExcelDateTime, Format, FormatAlign, Note, Url, Workbook, Worksheet, XlsxError,
};
use std::collections::BTreeSet;

fn xlsx_err(e: XlsxError) -> Error {
    Error::Other(format!("Excel workbook: {e}"))
}

/// Excel's limit on a sheet name's length.
const SHEET_NAME_MAX: usize = 31;

/// A sheet name within Excel's rules (31 characters, none of `[]:*?/\`, unique in `taken`).
fn sheet_name(wanted: &str, taken: &mut BTreeSet<String>) -> String {
    let clean: String = wanted
        .chars()
        .map(|c| if "[]:*?/\\'".contains(c) { '_' } else { c })
        .collect();
    let mut k = 1;
    loop {
        let suffix = if k == 1 {
            String::new()
        } else {
            format!(" ({k})")
        };
        let room = SHEET_NAME_MAX - suffix.chars().count();
        let name: String = clean.chars().take(room).collect::<String>() + &suffix;
        if taken.insert(name.to_lowercase()) {
            return name;
        }
        k += 1;
    }
}

struct Formats {
    header: Format,
    count: Format,
    share: Format,
    number: Format,
    title: Format,
    link: Format,
}

impl Formats {
    fn new() -> Formats {
        Formats {
            header: Format::new().set_bold().set_align(FormatAlign::Left),
            count: Format::new().set_num_format("0"),
            share: Format::new().set_num_format("0.0%"),
            number: Format::new().set_num_format("0.000"),
            title: Format::new().set_bold().set_font_size(14),
            link: Format::new().set_underline(rust_xlsxwriter::FormatUnderline::Single),
        }
    }
}

/// The most characters Excel keeps in a cell.
const CELL_CHARS: usize = 32_767;

/// Text cut to what a cell holds, ending "…" when cut (a 40,000-character heading made the
/// whole workbook, and so the run, fail).
pub(crate) fn fit(s: &str) -> std::borrow::Cow<'_, str> {
    if s.chars().count() <= CELL_CHARS {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut cut: String = s.chars().take(CELL_CHARS - 1).collect();
    cut.push('…');
    std::borrow::Cow::Owned(cut)
}

/// Writes a grid from row 0: header, cells, frozen header, filter, fitted columns.
fn write_grid(ws: &mut Worksheet, g: &Grid, f: &Formats) -> std::result::Result<(), XlsxError> {
    for (c, name) in g.columns.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *name, &f.header)?;
    }
    for (r, row) in g.rows.iter().enumerate() {
        let r = r as u32 + 1;
        for (c, v) in row.iter().enumerate() {
            let c = c as u16;
            match v {
                Value::Text(s) | Value::Code(s) if !s.is_empty() => {
                    ws.write_string(r, c, fit(s).as_ref())?;
                }
                Value::Text(_) | Value::Code(_) | Value::Empty => {}
                Value::Count(n) => {
                    ws.write_number_with_format(r, c, *n as f64, &f.count)?;
                }
                Value::Share(x) => {
                    ws.write_number_with_format(r, c, *x, &f.share)?;
                }
                Value::Number(x) => {
                    ws.write_number_with_format(r, c, *x, &f.number)?;
                }
            }
        }
    }
    ws.set_freeze_panes(1, 0)?;
    if !g.columns.is_empty() {
        let last_row = g.rows.len() as u32;
        ws.autofilter(0, 0, last_row, g.columns.len() as u16 - 1)?;
    }
    ws.set_autofit_max_width(400);
    ws.autofit();
    Ok(())
}

/// A sheet of the workbook: its name, what it holds, its grid and a note for its header.
struct Sheet {
    name: String,
    about: String,
    grid: Grid,
    note: Option<(&'static str, String)>,
}

fn sheets(r: &Results) -> Vec<Sheet> {
    let mut taken: BTreeSet<String> = ["contents", "method"].map(String::from).into();
    let mut out: Vec<Sheet> = r
        .questions
        .iter()
        .map(|q| Sheet {
            name: sheet_name(q.id(), &mut taken),
            about: question_text(q),
            grid: grid::question(q),
            note: None,
        })
        .collect();
    let suppressed = format!(
        "Withheld groups: \"small\" (a base under {}) and \"complementary\" (withheld as well, so the small ones cannot be worked out from the totals). Their figures are left empty.",
        r.survey.suppression_threshold
    );
    for b in &r.breakdowns {
        out.push(Sheet {
            name: sheet_name(&format!("{} by {}", b.question, b.by), &mut taken),
            about: format!("{}, by {}", b.short, b.by_label),
            grid: grid::breakdown(b),
            note: Some(("suppressed", suppressed.clone())),
        });
    }
    out.push(Sheet {
        name: sheet_name("rows", &mut taken),
        about: "Every row of the export: read, excluded (by reason), analysed".into(),
        grid: grid::rows(r),
        note: None,
    });
    out
}

fn question_text(q: &QuestionStats) -> String {
    q.table().text().to_string()
}

/// What a workbook holds besides its table sheets: a title, a line saying what was analysed,
/// and the method sheet's lines.
struct Book {
    title: String,
    summary: String,
    sheets: Vec<Sheet>,
    method: Vec<(&'static str, String)>,
}

fn contents(ws: &mut Worksheet, book: &Book, f: &Formats) -> std::result::Result<(), XlsxError> {
    ws.set_name("Contents")?;
    ws.write_string_with_format(0, 0, book.title.as_str(), &f.title)?;
    ws.write_string(1, 0, fit(&book.summary).as_ref())?;
    ws.write_string_with_format(3, 0, "sheet", &f.header)?;
    ws.write_string_with_format(3, 1, "what it holds", &f.header)?;
    let all = book
        .sheets
        .iter()
        .map(|s| (s.name.as_str(), s.about.as_str()))
        .chain([(
            "Method",
            "How the figures were computed, and from which files",
        )]);
    for (k, (name, about)) in all.enumerate() {
        let row = 4 + k as u32;
        let link = Url::new(format!("internal:'{name}'!A1")).set_text(name);
        ws.write_url_with_format(row, 0, link, &f.link)?;
        ws.write_string(row, 1, fit(about).as_ref())?;
    }
    ws.set_column_width(0, 32)?;
    ws.set_column_width(1, 100)?;
    Ok(())
}

fn method(ws: &mut Worksheet, book: &Book, f: &Formats) -> std::result::Result<(), XlsxError> {
    ws.set_name("Method")?;
    ws.write_string_with_format(0, 0, "what", &f.header)?;
    ws.write_string_with_format(0, 1, "value", &f.header)?;
    for (k, (what, value)) in book.method.iter().enumerate() {
        ws.write_string(k as u32 + 1, 0, *what)?;
        ws.write_string(k as u32 + 1, 1, fit(value).as_ref())?;
    }
    ws.set_column_width(0, 20)?;
    ws.set_column_width(1, 90)?;
    Ok(())
}

/// One wave's method lines: interval, suppression, weighting, provenance, rows.
fn method_lines(r: &Results) -> Vec<(&'static str, String)> {
    let p = &r.provenance;
    let mut lines: Vec<(&str, String)> = vec![
        ("interval", r.interval.describe().to_string()),
        (
            "suppression",
            format!(
                "breakdown groups with a base under {} are withheld",
                r.survey.suppression_threshold
            ),
        ),
        (
            "weighting",
            r.weighting
                .as_ref()
                .map_or("none (unweighted)".to_string(), |w| w.description.clone()),
        ),
        ("input", p.input.path.clone()),
        ("input SHA-256", p.input.sha256.clone()),
        ("input bytes", p.input.bytes.to_string()),
        ("format", p.format.clone()),
        ("codebook", p.codebook.path.clone()),
        ("codebook SHA-256", p.codebook.sha256.clone()),
        ("tool", p.tool.clone()),
        ("rows read", r.accounting.rows_read.to_string()),
        ("rows analysed", r.accounting.analysed.to_string()),
    ];
    for e in &r.accounting.excluded {
        lines.push(("rows excluded", format!("{}: {}", e.reason, e.rows)));
    }
    lines
}

/// A workbook's bytes: contents, the table sheets, the method sheet.
fn build(book: &Book) -> Result<Vec<u8>> {
    let f = Formats::new();
    let mut wb = Workbook::new();
    // A fixed creation date: the same results give the same bytes.
    let created = ExcelDateTime::from_ymd(2000, 1, 1).map_err(xlsx_err)?;
    wb.set_properties(
        &DocProperties::new()
            .set_title(book.title.as_str())
            .set_creation_datetime(&created),
    );
    contents(wb.add_worksheet(), book, &f).map_err(xlsx_err)?;
    for s in &book.sheets {
        let ws = wb.add_worksheet();
        ws.set_name(s.name.as_str()).map_err(xlsx_err)?;
        write_grid(ws, &s.grid, &f).map_err(xlsx_err)?;
        if let Some((column, text)) = &s.note {
            if let Some(c) = s.grid.columns.iter().position(|n| n == column) {
                ws.insert_note(
                    0,
                    c as u16,
                    &Note::new(text.as_str()).set_author("shelfstat"),
                )
                .map_err(xlsx_err)?;
            }
        }
    }
    method(wb.add_worksheet(), book, &f).map_err(xlsx_err)?;
    wb.save_to_buffer().map_err(xlsx_err)
}

/// The workbook of one wave (`run`).
pub fn workbook(r: &Results) -> Result<Vec<u8>> {
    let summary = match r.countries {
        Some(c) => format!(
            "{} {} in {c} countries analysed",
            r.respondents, r.survey.unit
        ),
        None => format!("{} {} analysed", r.respondents, r.survey.unit),
    };
    build(&Book {
        title: r.survey.title.clone(),
        summary,
        sheets: sheets(r),
        method: method_lines(r),
    })
}

/// The workbook of a wave comparison (`compare`): every change, every wave's figures, the
/// changes by region, and each wave's provenance.
pub fn comparison_workbook(c: &Comparison) -> Result<Vec<u8>> {
    let mut taken: BTreeSet<String> = ["contents", "method"].map(String::from).into();
    let mut sheet = |name: &str, about: &str, grid: Grid| Sheet {
        name: sheet_name(name, &mut taken),
        about: about.to_string(),
        grid,
        note: None,
    };
    let sheets = vec![
        sheet(
            "changes",
            "Each change between two waves, in percentage points, with its 95% interval",
            compare_grid::changes(c),
        ),
        sheet(
            "figures",
            "Every wave's figure for every option",
            compare_grid::figures(c),
        ),
        sheet(
            "changes by region",
            "The changes by region, with each wave's withheld groups",
            compare_grid::changes_by_region(c),
        ),
    ];
    let mut method = vec![(
        "suppression",
        format!("groups with a base under {} are withheld", c.threshold),
    )];
    for w in &c.waves {
        let p = &w.provenance;
        method.push((
            "wave",
            format!("{}: {} ({} analysed)", w.id, w.title, w.respondents),
        ));
        method.push((
            "input",
            format!("{} (SHA-256 {})", p.input.path, p.input.sha256),
        ));
        method.push((
            "codebook",
            format!("{} (SHA-256 {})", p.codebook.path, p.codebook.sha256),
        ));
    }
    if let Some(p) = c.waves.first().map(|w| &w.provenance) {
        method.push(("tool", p.tool.clone()));
    }
    let waves: Vec<String> = c.waves.iter().map(|w| w.id.clone()).collect();
    build(&Book {
        title: c.title.clone(),
        summary: format!("Waves compared: {}", waves.join(", ")),
        sheets,
        method,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sheet_names_fit_and_differ() {
        let mut taken = BTreeSet::new();
        let long = "services_offered_to_newcomers by subregion";
        let a = sheet_name(long, &mut taken);
        let b = sheet_name(long, &mut taken);
        assert_eq!(a, "services_offered_to_newcomers b");
        assert_eq!(b, "services_offered_to_newcome (2)");
        assert_eq!(a.chars().count(), 31);
        assert_eq!(b.chars().count(), 31);
        assert_eq!(sheet_name("a/b:c", &mut taken), "a_b_c");
        assert_eq!(sheet_name("A_B_C", &mut taken), "A_B_C (2)");
    }
}
