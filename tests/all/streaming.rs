//! A large export is read chunk by chunk; the cells, fingerprint and errors must be exactly
//! those of reading it whole. Checked with chunks of a few bytes (every boundary case: inside
//! a quoted cell, between CR and LF, inside a multi-byte character) on the bundled sample, the
//! platform fixtures and random tables.

use proptest::prelude::*;
use shelfstat::codebook::Format;
use shelfstat::ingest::{read_file, read_streamed, RawExport, ReadOptions};
use std::path::Path;

fn same(whole: &RawExport, streamed: &RawExport) {
    assert_eq!(whole.columns, streamed.columns);
    assert_eq!(whole.cells, streamed.cells);
    assert_eq!(whole.sha256, streamed.sha256);
    assert_eq!(whole.size_bytes, streamed.size_bytes);
    assert_eq!(whole.header_rows, streamed.header_rows);
    assert_eq!(whole.warnings, streamed.warnings);
    assert_eq!(whole.format, streamed.format);
}

/// Reads `path` whole and streamed in chunks of each size; the results must agree.
fn check(path: &Path, format: Format, first: usize, chunks: &[usize]) {
    let whole = read_file(path, format);
    for &chunk in chunks {
        // The first chunk must hold the header rows: grown until it does.
        let mut first = first;
        let streamed = loop {
            match read_streamed(path, format, &ReadOptions::default(), (0, first, chunk)) {
                Ok(None) if first < 1 << 20 => first *= 2,
                r => break r,
            }
        };
        match (&whole, streamed) {
            (Ok(w), Ok(Some(s))) => same(w, &s),
            (Err(w), Err(s)) => assert_eq!(w.to_string(), s.to_string(), "chunk {chunk}"),
            // An error in the header rows: streaming gives up and the whole read reports it.
            (Err(_), Ok(None)) => {}
            (w, s) => panic!(
                "{} in chunks of {chunk}: whole {:?}, streamed {:?}",
                path.display(),
                w.as_ref().map(|r| r.height()),
                s.map(|r| r.map(|r| r.height()))
            ),
        }
    }
}

#[test]
fn the_sample_and_fixtures_read_alike_in_any_chunks() {
    let cases = [
        (
            "data/ifla-refugee-2019/responses.csv",
            Format::SurveymonkeyExpandedText,
        ),
        ("data/ifla-refugee-2019/responses.csv", Format::Auto),
        (
            "tests/fixtures/google-forms/basic/responses.csv",
            Format::GoogleForms,
        ),
    ];
    let gf = Path::new(env!("CARGO_MANIFEST_DIR")).join(cases[2].0);
    check(&gf, Format::GoogleForms, 1, &[1, 2, 3, 7]);
    for (file, format) in cases {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(file);
        check(&path, format, 8 << 10, &[13, 64, 1000, 1 << 20]);
    }
}

#[test]
fn a_ragged_row_is_the_same_error_streamed() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.csv");
    let mut text = String::from("id,Which?\r\n");
    for i in 0..200 {
        text.push_str(&format!("{i},\"a\r\nb\"\r\n"));
    }
    text.push_str("201\r\n202,x\r\n");
    std::fs::write(&path, &text).unwrap();
    let e = read_file(&path, Format::Plain).unwrap_err().to_string();
    assert!(
        e.ends_with("line 402: row has 1 fields where the header has 2 (a cut or malformed row)"),
        "{e}"
    );
    check(&path, Format::Plain, 4, &[1, 5, 13, 100]);
}

#[test]
fn unusual_files_fall_back_to_reading_whole() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.csv");
    let opts = ReadOptions::default();
    // windows-1252: streaming gives up at the byte, the whole read decodes it.
    let mut bytes = b"id,Where?\n".to_vec();
    for i in 0..100 {
        bytes.extend_from_slice(format!("{i},Bogot").as_bytes());
        bytes.extend_from_slice(b"\xe1\n");
    }
    std::fs::write(&path, &bytes).unwrap();
    let streamed = read_streamed(&path, Format::Plain, &opts, (0, 16, 8)).unwrap();
    assert!(streamed.is_none());
    // A NUL byte past the first chunk: the whole read refuses the file, and so does streaming.
    let mut bytes = b"id,Where?\n".to_vec();
    for i in 0..100 {
        bytes.extend_from_slice(format!("{i},x\n").as_bytes());
    }
    bytes.extend_from_slice(b"101,\0\n");
    std::fs::write(&path, &bytes).unwrap();
    let whole = read_file(&path, Format::Plain).unwrap_err().to_string();
    assert!(whole.contains("NUL"), "{whole}");
    for chunk in [8, 64] {
        let streamed = read_streamed(&path, Format::Plain, &opts, (0, 16, chunk)).unwrap();
        assert!(
            streamed.is_none(),
            "chunks of {chunk}: read whole, which refuses it"
        );
    }
    // Header rows longer than the first chunk.
    std::fs::write(&path, "id,A rather long heading\n1,x\n").unwrap();
    assert!(read_streamed(&path, Format::Plain, &opts, (0, 8, 8))
        .unwrap()
        .is_none());
    // LimeSurvey tells "not shown" from "not ticked" by quoting in the raw text: read whole.
    let lime = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/limesurvey/codes/results-survey123456.csv");
    assert!(
        read_streamed(&lime, Format::Limesurvey, &opts, (0, 1 << 20, 64))
            .unwrap()
            .is_none()
    );
}

#[test]
fn platform_layouts_that_rewrite_cells_read_alike_streamed() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    for (dir, format) in [
        ("kobo", Format::Kobo),
        ("qualtrics", Format::Qualtrics),
        ("redcap", Format::Redcap),
    ] {
        for d in std::fs::read_dir(root.join(dir)).unwrap().flatten() {
            for f in std::fs::read_dir(d.path()).unwrap().flatten() {
                let p = f.path();
                if p.extension().is_some_and(|e| e == "csv") && !p.ends_with("dictionary.csv") {
                    check(&p, format, 64, &[7, 100, 1 << 20]);
                }
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    /// Random plain tables (quotes, separators, CR/LF inside cells, accents, a byte-order mark),
    /// read whole and in random chunks.
    #[test]
    fn random_tables_read_alike(
        rows in proptest::collection::vec(proptest::collection::vec("[ab,\"\r\né ]{0,5}", 3), 1..40),
        bom in any::<bool>(),
        crlf in any::<bool>(),
        chunk in 1usize..40,
    ) {
        let mut w = csv::WriterBuilder::new()
            .terminator(if crlf { csv::Terminator::CRLF } else { csv::Terminator::Any(b'\n') })
            .from_writer(Vec::new());
        w.write_record(["id", "One", "Two"]).unwrap();
        for (i, r) in rows.iter().enumerate() {
            w.write_record([i.to_string(), r[1].clone(), r[2].clone()]).unwrap();
        }
        let mut bytes = if bom { b"\xEF\xBB\xBF".to_vec() } else { Vec::new() };
        bytes.extend(w.into_inner().unwrap());
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.csv");
        std::fs::write(&path, &bytes).unwrap();
        check(&path, Format::Plain, 4, &[chunk]);
    }
}
