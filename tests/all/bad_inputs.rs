//! The bad-input corpus (issue 12): ~60 broken, hostile or unusual exports and codebooks, made
//! from the hand-checked SurveyMonkey fixture. Each runs the real binary over an existing
//! report and must end exactly as listed: an error whose text names the file (and its line,
//! row and column where there is one) with exit code 1 and the existing report untouched — or,
//! for inputs that are unusual but valid (UTF-16, windows-1252, CR line ends), a normal run.

use crate::common::root;
use std::collections::BTreeMap;
use std::path::Path;

enum Expect {
    /// Exit code 1, and stderr's last line is `error: ` + this.
    Error(&'static str),
    /// A normal run: 6 of 8 rows analysed.
    Runs,
}
use Expect::{Error, Runs};

struct Case {
    name: &'static str,
    export: Vec<u8>,
    codebook: String,
    expect: Expect,
}

fn fixture() -> (Vec<u8>, String) {
    let dir = root().join("tests/fixtures/surveymonkey/small");
    (
        std::fs::read(dir.join("responses.csv")).unwrap(),
        std::fs::read_to_string(dir.join("survey.toml")).unwrap(),
    )
}

fn replace(b: &[u8], from: &[u8], to: &[u8]) -> Vec<u8> {
    let at = b
        .windows(from.len())
        .position(|w| w == from)
        .unwrap_or_else(|| panic!("{:?} not in the fixture", String::from_utf8_lossy(from)));
    [&b[..at], to, &b[at + from.len()..]].concat()
}

fn utf16(s: &str, le: bool) -> Vec<u8> {
    s.encode_utf16()
        .flat_map(|u| if le { u.to_le_bytes() } else { u.to_be_bytes() })
        .collect()
}

/// The export with `n` more columns after the last (blank headings: they fill forward).
fn wide(text: &str, n: usize) -> Vec<u8> {
    let extra = ",".repeat(n);
    text.lines()
        .map(|l| format!("{l}{extra}\n"))
        .collect::<String>()
        .into_bytes()
}

/// Broken exports, with the fixture's codebook.
/// A 5 KB workbook of four cells and one at XFD1048576: read densely it asked for 550 GB and
/// aborted.
fn stray_cell_workbook() -> Vec<u8> {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    for (r, c, v) in [
        (0, 0, "Respondent ID"),
        (0, 1, "Q"),
        (1, 0, "1"),
        (1, 1, "x"),
    ] {
        ws.write_string(r, c, v).unwrap();
    }
    ws.write_string(1_048_575, 16_383, "boom").unwrap();
    wb.save_to_buffer().unwrap()
}

/// A 1 KB OpenDocument sheet whose last row is repeated 990,000 times with 100 filled cells:
/// expanded as calamine opens it, it took 18 GB and 77 s before any error.
fn repeated_rows_ods() -> Vec<u8> {
    use std::io::Write;
    let cell = |v: &str, rep: u32| {
        format!("<table:table-cell office:value-type=\"string\" table:number-columns-repeated=\"{rep}\"><text:p>{v}</text:p></table:table-cell>")
    };
    let rows = format!(
        "<table:table-row>{}{}</table:table-row><table:table-row>{}{}</table:table-row><table:table-row table:number-rows-repeated=\"990000\">{}</table:table-row>",
        cell("Respondent ID", 1), cell("Q", 1), cell("1", 1), cell("x", 1), cell("x", 100)
    );
    let content = format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?><office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" office:version=\"1.2\"><office:body><office:spreadsheet><table:table table:name=\"Sheet1\">{rows}</table:table></office:spreadsheet></office:body></office:document-content>");
    let manifest = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\" manifest:version=\"1.2\"><manifest:file-entry manifest:full-path=\"/\" manifest:media-type=\"application/vnd.oasis.opendocument.spreadsheet\"/><manifest:file-entry manifest:full-path=\"content.xml\" manifest:media-type=\"text/xml\"/></manifest:manifest>";
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, text) in [
        ("mimetype", "application/vnd.oasis.opendocument.spreadsheet"),
        ("content.xml", content.as_str()),
        ("META-INF/manifest.xml", manifest),
    ] {
        zip.start_file(name, stored).unwrap();
        zip.write_all(text.as_bytes()).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

fn export_cases(csv: &[u8]) -> Vec<(&'static str, Vec<u8>, Expect)> {
    let text = std::str::from_utf8(csv).unwrap();
    let lines: Vec<&[u8]> = csv.split(|&b| b == b'\n').collect();
    let mut rows_without_ids = csv.to_vec();
    for id in [
        &b"\n101,"[..],
        b"\n102,",
        b"\n103,",
        b"\n104,",
        b"\n105,",
        b"\n107,",
        b"\n108,",
    ] {
        while let Some(at) = rows_without_ids.windows(id.len()).position(|w| w == id) {
            rows_without_ids.splice(at..at + id.len(), b"\n,".iter().copied());
        }
    }
    vec![
        ("empty_file", vec![], Error("responses.csv: the file is empty")),
        ("only_byte_order_marks", b"\xef\xbb\xbf\xef\xbb\xbf".to_vec(), Error("responses.csv: the file is empty")),
        ("header_only", [lines[0], lines[1], b""].join(&b'\n'), Error("responses.csv: no rows left to analyse: all 0 were excluded (the export has no data rows)")),
        ("one_header_row", [lines[0], b""].join(&b'\n'), Error("responses.csv: a SurveyMonkey export has two header rows; this file has fewer")),
        ("truncated_last_row", csv[..csv.len() - 26].to_vec(), Error("responses.csv: line 11: row has 10 fields where the header has 19 (a cut or malformed row)")),
        ("ragged_extra_field", replace(csv, b"Germany,Public", b"Germany,Public,EXTRA"), Error("responses.csv: line 3: row has 20 fields where the header has 19 (a cut or malformed row)")),
        ("unbalanced_quote", replace(csv, b"Chess club", b"\"Chess club"), Error("responses.csv: line 10: the file ends inside a quoted cell of this row (a cut or malformed row)")),
        ("whitespace_row", [csv, b"   \n"].concat(), Error("responses.csv: line 12: row has 1 fields where the header has 19 (a cut or malformed row)")),
        ("utf16le_bom", [&b"\xff\xfe"[..], &utf16(text, true)].concat(), Runs),
        ("utf16be_bom", [&b"\xfe\xff"[..], &utf16(text, false)].concat(), Runs),
        ("utf16le_no_bom", utf16(text, true), Runs),
        ("utf16be_no_bom", utf16(text, false), Runs),
        ("cp1252", replace(csv, b"France", b"Fran\xe7a"), Runs),
        ("damaged_utf8", replace(&replace(csv, b"France", "Côte d'Ivoire".as_bytes()), b"Peru", b"Per\xfa"), Error("responses.csv: line 9: byte 0xFA is not valid UTF-8, while the rest of the file is UTF-8 with accented text; the file is damaged there (re-export it, fix that line, or set [survey] invalid_utf8 = \"replace\")")),
        ("bom_then_invalid", [&b"\xef\xbb\xbf"[..], &replace(csv, b"France", b"Fran\xe7a")].concat(), Error("responses.csv: line 10: the file has a UTF-8 byte-order mark but is not valid UTF-8")),
        ("mixed_line_endings", text.replacen('\n', "\r\n", 3).into_bytes(), Runs),
        ("cr_only_line_endings", text.replace('\n', "\r").into_bytes(), Runs),
        ("nested_quotes", replace(csv, b"Chess club", b"\"\"\"\"\"\"\"nested\"\"\"\"\"\"\""), Runs),
        ("ten_mb_cell", replace(csv, b"Chess club", &vec![b'x'; 10_000_000]), Runs),
        ("formula_answers", replace(csv, b"Chess club", b"=cmd|/c calc!A1"), Runs),
        ("duplicate_ids", csv.to_vec(), Runs),
        ("unknown_single_option", replace(csv, b"Germany,Public", b"Germany,Publik"), Error("responses.csv: row 3, column K (\"Library type? / Public\"): expected \"Public\" or blank, found \"Publik\"")),
        ("missing_question_column", replace(csv, b",Staff?", b",Staffing?"), Error("survey.toml:49: question \"staff\": no column headed \"Staff?\" in responses.csv")),
        ("long_heading", replace(csv, b"Email?", &vec![b'E'; 100_000]), Error("survey.toml:43: question \"email\": no column headed \"Email?\" in responses.csv")),
        ("nonfinite_inf", replace(csv, b".org,5", b".org,inf"), Error("responses.csv: row 3, column S (\"Staff? / Open-Ended Response\"): expected a number, found \"inf\"")),
        ("nonfinite_nan", replace(csv, b".org,5", b".org,NaN"), Error("responses.csv: row 3, column S (\"Staff? / Open-Ended Response\"): expected a number, found \"NaN\"")),
        ("overflowing_number", replace(csv, b".org,5", b".org,1e999"), Error("responses.csv: row 3, column S (\"Staff? / Open-Ended Response\"): expected a number, found \"1e999\"")),
        ("text_in_numeric", replace(csv, b".org,5", b".org,five"), Error("responses.csv: row 3, column S (\"Staff? / Open-Ended Response\"): expected a number, found \"five\"")),
        ("all_ids_missing", rows_without_ids, Error("responses.csv: no rows left to analyse: all 8 were excluded (no respondent id: 7; no answer to any question: 1)")),
        ("nul_bytes", [&csv[..200], b"\0\0", &csv[200..]].concat(), Error("responses.csv: this is not a text export (it contains NUL bytes, and is not UTF-16)")),
        ("random_binary", (0..3000u32).map(|i| ((i * 37 + 11) % 256) as u8).collect(), Error("responses.csv: this is not a text export (it contains NUL bytes, and is not UTF-16)")),
        ("pdf", b"%PDF-1.7\n%\xe2\xe3\n".to_vec(), Error("responses.csv: this is a PDF document, not a survey export")),
        ("xls", [&b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"[..], &[0u8; 100]].concat(), Error("responses.csv: this is a legacy Excel .xls (or other OLE) file: save it as .xlsx or CSV")),
        ("spss", [&b"$FL2@(#) SPSS DATA FILE"[..], &[0u8; 10]].concat(), Error("responses.csv: this is an SPSS .sav file, read as a text export here: set format = \"spss\" in the codebook (or pass --format spss), or leave format out")),
        ("tab_separated", text.replace(',', "\t").into_bytes(), Runs),
        ("semicolon_separated", text.replace(',', ";").into_bytes(), Runs),
        ("same_question_twice", replace(csv, b"Email?,Staff?", b"Email?,Email?"), Error("survey.toml:49: question \"staff\": no column headed \"Staff?\" in responses.csv")),
        // Past the documented limit of 100,000 columns: refused as it is read (issue 26).
        ("hundred_thousand_columns", wide(text, 100_000), Error("responses.csv: 100019 columns: shelfstat reads exports of at most 100000 columns (a survey's export has hundreds, a few thousand at most); is this file a survey export?")),
        ("ninety_thousand_columns", wide(text, 90_000), Error("survey.toml:49: question \"staff\" is numeric but its heading spans 90001 columns in responses.csv")),
        ("zip_not_xlsx", [&b"PK\x03\x04"[..], &b"garbage".repeat(20)].concat(), Error("responses.csv: not a readable XLSX workbook: Cannot detect file format")),
        ("xlsx_stray_far_cell", stray_cell_workbook(), Error("responses.csv: sheet \"Sheet1\": its cells span 1048576 rows × 16384 columns (to XFD1048576) for 5 filled cells; is a stray cell far outside the data? Delete it, or export the sheet again")),
        // A 167 KB workbook whose shared strings unpack to 68 MB (412×).
        ("xlsx_zip_bomb", std::fs::read(crate::common::root().join("tests/fixtures/hostile/shared-strings-bomb.xlsx")).unwrap(), Error("responses.csv: part \"xl/sharedStrings.xml\" of the workbook unpacks to more than 67108864 bytes from 165104 packed (the limit is 100× its packed size past 64 MB, and 2048 MB a part): a zip bomb, or not an export; export the sheet as CSV")),
        // Found by fuzzing init_draft: an XLSX with a part renamed xl/styles.bin sends the
        // workbook reader to its XLSB styles parser, which panicked.
        ("workbook_reader_panics", std::fs::read(crate::common::root().join("tests/fixtures/fuzz/xlsx-parts-renamed-xlsb-styles.xlsx")).unwrap(), Error("responses.csv: not a readable workbook: its content is damaged (the workbook reader stopped: range end index 4 out of range for slice of length 0); open it in a spreadsheet and save it again, or export the sheet as CSV")),
        ("ods_repeated_rows", repeated_rows_ods(), Error("responses.csv: sheet \"Sheet1\": its repeated rows and cells expand to 990002 rows × 100 columns (99000200 cells) from 5 cells written in the file; export the sheet as CSV")),
    ]
}

/// Broken or contradictory codebooks, with the fixture's export.
fn codebook_cases(cb: &str) -> Vec<(&'static str, String, Expect)> {
    let r = |from: &str, to: &str| {
        assert!(cb.contains(from), "{from}");
        cb.replacen(from, to, 1)
    };
    vec![
        ("syntax_error", r("title = \"Small fixture\"", "title = \"Small fixture"), Error("survey.toml:9: invalid basic string, expected `\"`")),
        ("unknown_type", r("type = \"numeric\"", "type = \"number\""), Error("survey.toml:48: unknown variant `number`, expected one of `single`, `multi`, `text`, `country`, `numeric`, `grid`, `ranking`, `nps`, `coded`")),
        ("duplicate_question_id", r("id = \"staff\"", "id = \"email\""), Error("survey.toml:47: duplicate question id \"email\"")),
        ("reserved_option_code", r("code = \"books\"", "code = \"answered\""), Error("survey.toml:35: option code \"answered\" is reserved for shelfstat's own columns (answered, shown, name, raw, region, subregion, backcoded); choose another")),
        ("question_id_like_metadata", r("id = \"staff\"", "id = \"_weight\""), Error("survey.toml:47: question id \"_weight\" must be lowercase letters, digits and single _, starting with a letter or digit (names starting with _ are shelfstat's own columns)")),
        ("survey_id_is_a_path", r("id = \"small\"", "id = \"../../etc\""), Error("survey.toml:8: id \"../../etc\" must be a short name for a folder: lowercase letters, digits, - _ and ., starting with a letter or digit (choose another folder with --out)")),
        ("header_not_in_export", r("text = \"Staff?\"", "text = \"Staff?\"\nheader = \"Personnel?\""), Error("survey.toml:50: question \"staff\": no column headed \"Personnel?\" in responses.csv")),
        ("option_not_in_export", r("label = \"Books\"", "label = \"Book\""), Error("survey.toml:35: question \"services\", option \"books\": no column \"Book\" under its heading in responses.csv (found \"Internet\", \"Books\", \"None of these\", \"Other (please specify)\")")),
        ("weight_column_missing", format!("{cb}\n[weights]\ncolumn = \"Weight\"\n"), Error("survey.toml:58: weight column \"Weight\" is not in the export")),
        ("headline_unknown_option", format!("{cb}\n[[headlines]]\nid = \"h\"\nquestion = \"services\"\noption = \"films\"\ntext = \"{{pct}} of {{base}}\"\n"), Error("survey.toml:60: headline \"h\": question \"services\" has no option \"films\"")),
        ("breakdown_unknown_variable", r("unit = \"libraries\"", "unit = \"libraries\"\n\n[analysis]\nbreakdowns = [\"sector\"]\n"), Error("survey.toml:18: breakdown variable \"sector\" is neither a question nor one of region, subregion, country")),
        ("shown_base_on_single", r("id = \"type\"\ntype = \"single\"", "id = \"type\"\ntype = \"single\"\nbase = \"shown\""), Error("survey.toml:23: base = \"shown\" applies to multi questions (\"type\" is single)")),
        ("exclusive_on_single", r("{ code = \"public\", label = \"Public\" }", "{ code = \"public\", label = \"Public\", exclusive = true }"), Error("survey.toml:23: \"exclusive\" only applies to multi questions (\"type\")")),
        ("no_questions", cb[..cb.find("[[questions]]").unwrap()].to_string(), Error("survey.toml:1: missing field `questions`")),
        ("missing_source_file", r("source = \"responses.csv\"", "source = \"missing.csv\""), Error("survey.toml:11: source \"missing.csv\" not found: looked for missing.csv (source is relative to the codebook's folder, .)")),
        ("source_is_a_folder", r("source = \"responses.csv\"", "source = \".\""), Error("survey.toml:11: source \".\" is a folder (.), not an export file")),
        // Read without end before (/dev/zero filled 3.2 GB in 20 s).
        ("source_is_a_device", r("source = \"responses.csv\"", "source = \"/dev/zero\""), Error("survey.toml:11: source \"/dev/zero\" is a device, pipe or socket (/dev/zero), not an export file")),
        ("wrong_format_google", r("format = \"surveymonkey-expanded-text\"", "format = \"google-forms\""), Error("responses.csv: row 1, column A: expected \"Timestamp\" or its translation (a Google Forms export), found \"Respondent ID\"")),
        ("wrong_format_qualtrics", r("format = \"surveymonkey-expanded-text\"", "format = \"qualtrics\""), Error("responses.csv: row 3: expected Qualtrics ImportId cells ({\"ImportId\": …}); is this a Qualtrics export?")),
        ("unknown_format", r("format = \"surveymonkey-expanded-text\"", "format = \"typeform\""), Error("survey.toml:12: unknown variant `typeform`, expected one of `auto`, `surveymonkey`, `surveymonkey-expanded-text`, `google-forms`, `qualtrics`, `kobo`, `kobotoolbox`, `limesurvey`, `redcap`, `plain`, `spss`")),
        ("respondent_id_missing", r("respondent_id = \"Respondent ID\"", "respondent_id = \"Response ID\""), Error("survey.toml:13: column \"Response ID\" is not in responses.csv")),
        ("pii_column_missing", r("\"Last Name\"]", "\"Last Name\", \"Phone\"]"), Error("survey.toml:14: PII column \"Phone\" is not in responses.csv")),
        ("negative_threshold", r("unit = \"libraries\"", "unit = \"libraries\"\nsuppression_threshold = -1"), Error("survey.toml:16: invalid value: integer `-1`, expected u64")),
        // Issue 26: a PII column that a question also reads was analysed and published.
        ("pii_column_read_by_a_question", r("\"Last Name\"]", "\"Last Name\", \"Country?\"]"), Error("survey.toml:14: PII column \"Country?\" is also read by question \"country\", which would analyse and publish it: remove the question, mark it pii = true, or take the column out of pii_columns")),
        // Two options with one label: the second was published as 0 (13/60 and 0/60).
        ("duplicate_option_label", r("{ code = \"books\", label = \"Books\" }", "{ code = \"books\", label = \"Books\" },\n  { code = \"books2\", label = \" Books\" }"), Error("survey.toml:36: options \"books\" and \"books2\" of question \"services\" have the same label \" Books\": an answer cannot tell them apart; give each its own label, or merge them")),
        // A headline naming no option published "0.0% … offer nothing".
        ("headline_names_no_option", r("option = \"internet\"", "option = []"), Error("survey.toml:54: headline \"internet\" names no option: give the option (or options) whose share it states")),
        // Issue 26, item 11: raking reported "converged in 1 iterations" at tolerance 1e300;
        // NaN was reported at line 1; shares summing to 0.9 were taken as counts; the id
        // column was accepted as the weight.
        ("raking_tolerance_too_loose", format!("{cb}\n[weights]\nmethod = \"rake\"\ntolerance = 1e300\nmax_iterations = 1\n\n[[weights.margins]]\nvariable = \"type\"\ntargets = {{ public = 60, academic = 40 }}\n"), Error("survey.toml:59: [weights] tolerance must be a number above 0 and at most 0.01 (the largest relative gap left between a margin and its target), not 1e300")),
        ("raking_tolerance_nan", format!("{cb}\n[weights]\nmethod = \"rake\"\ntolerance = nan\n\n[[weights.margins]]\nvariable = \"type\"\ntargets = {{ public = 60, academic = 40 }}\n"), Error("survey.toml:59: [weights] tolerance must be a number above 0 and at most 0.01 (the largest relative gap left between a margin and its target), not NaN")),
        ("margin_shares_not_summing_to_one", format!("{cb}\n[weights]\nmethod = \"poststratify\"\n\n[[weights.margins]]\nvariable = \"type\"\ntargets = {{ public = 0.5, academic = 0.4 }}\n"), Error("survey.toml:62: margin \"type\": the targets look like shares (each at most 1) but sum to 0.9; give shares that sum to 1, or population counts")),
        ("weight_column_is_the_id", format!("{cb}\n[weights]\ncolumn = \"Respondent ID\"\n"), Error("survey.toml:58: weight column \"Respondent ID\" is the respondent id column")),
        // Documented limits (README): options per question, questions per codebook.
        ("ten_thousand_and_one_options", r("{ code = \"academic\", label = \"Academic\" }", &(0..10_000).map(|k| format!("{{ code = \"o{k}\", label = \"Option {k}\" }}")).collect::<Vec<_>>().join(", ")), Error("survey.toml:26: question \"type\" has 10002 options and items: a question may have at most 10000")),
        ("twenty_thousand_and_one_questions", format!("{cb}{}", (0..20_000).map(|k| format!("\n[[questions]]\nid = \"t{k}\"\ntype = \"text\"\ntext = \"T{k}\"\n")).collect::<String>()), Error("survey.toml:100033: 20005 questions: a codebook may declare at most 20000")),
        ("empty_codebook", String::new(), Error("survey.toml:1: missing field `survey`")),
        ("binary_codebook", "\u{0}\u{1}\u{2}".into(), Error("survey.toml:1: key with no value, expected `=`")),
    ]
}

fn cases() -> Vec<Case> {
    let (csv, cb) = fixture();
    let mut out: Vec<Case> = export_cases(&csv)
        .into_iter()
        .map(|(name, export, expect)| Case {
            name,
            export,
            codebook: cb.clone(),
            expect,
        })
        .collect();
    out.extend(
        codebook_cases(&cb)
            .into_iter()
            .map(|(name, codebook, expect)| Case {
                name,
                export: csv.clone(),
                codebook,
                expect,
            }),
    );
    out
}

fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                let rel = p.strip_prefix(dir).unwrap().to_string_lossy().into_owned();
                out.insert(rel, std::fs::read(&p).unwrap());
            }
        }
    }
    out
}

#[test]
fn every_bad_input_ends_as_listed_and_leaves_the_report_alone() {
    let bin = assert_cmd::cargo::cargo_bin("shelfstat");
    let all = cases();
    assert!(all.len() >= 55, "{} cases", all.len());
    // An existing report from a good run, which no failing run may touch.
    let good = tempfile::tempdir().unwrap();
    let report = good.path().join("out");
    let small = root().join("tests/fixtures/surveymonkey/small/survey.toml");
    let st = std::process::Command::new(&bin)
        .arg("run")
        .arg(&small)
        .arg("--out")
        .arg(&report)
        .output()
        .unwrap();
    assert!(st.status.success());
    let before = snapshot(&report);
    let mut failures = Vec::new();
    for c in &all {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("responses.csv"), &c.export).unwrap();
        std::fs::write(dir.path().join("survey.toml"), &c.codebook).unwrap();
        let out = std::process::Command::new(&bin)
            .current_dir(dir.path())
            .args(["run", "survey.toml", "--out"])
            .arg(&report)
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        let last = err.lines().last().unwrap_or("");
        let ok = match c.expect {
            Error(msg) => {
                out.status.code() == Some(1)
                    && last == format!("error: {msg}")
                    && snapshot(&report) == before
            }
            // The summary line, then notes: rows excluded and how the file was read (issue
            // 26: said on stderr, not only in the report).
            Runs => {
                out.status.success()
                    && err.contains("8 rows read, 6 analysed")
                    && err.contains("shelfstat: note: 1 of 8 rows excluded: duplicate respondent id (first row kept)")
                    && (c.name != "cp1252" || err.contains("read as windows-1252"))
            }
        };
        if !ok {
            failures.push(format!("{}: exit {:?}: {last}", c.name, out.status.code()));
        }
        // A run that succeeded replaced the report: put the good one back.
        if matches!(c.expect, Runs) {
            let st = std::process::Command::new(&bin)
                .arg("run")
                .arg(&small)
                .arg("--out")
                .arg(&report)
                .output()
                .unwrap();
            assert!(st.status.success());
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases:\n{}",
        failures.len(),
        all.len(),
        failures.join("\n")
    );
}

/// Inputs on which fuzzing found a panic (tests/fixtures/fuzz/): every reader returns, with a
/// result or an error, and never panics.
#[test]
fn fuzzing_crashes_stay_fixed() {
    use shelfstat::codebook::Format;
    let dir = root().join("tests/fixtures/fuzz");
    let mut n = 0;
    for e in std::fs::read_dir(&dir).unwrap() {
        let p = e.unwrap().path();
        let bytes = std::fs::read(&p).unwrap();
        let _ = shelfstat::ingest::detect(&bytes, &p);
        for f in Format::READABLE {
            let _ = shelfstat::ingest::read(&bytes, &p, f);
        }
        n += 1;
    }
    assert!(n >= 1);
}

/// Issue 25, round trip: every broken or unusual export of the corpus that `init` accepts is
/// drafted into a codebook `run` accepts unchanged.
#[test]
fn every_export_init_accepts_runs_as_drafted() {
    let (csv, _) = fixture();
    let mut drafted = 0;
    for (_, export, _) in export_cases(&csv) {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("responses.csv");
        std::fs::write(&path, &export).unwrap();
        if crate::common::draft_and_run(&path, None).is_none() {
            continue;
        }
        drafted += 1;
    }
    assert!(drafted >= 10, "{drafted}");
}
