//! PII in the export (names, e-mail and IP addresses, free text) never reaches an output.

use crate::common::*;
use shelfstat::cmd::run::render_outputs;

fn pii_values(csv: &std::path::Path, pii_cols: &[usize], text_cols: &[usize]) -> Vec<String> {
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_path(csv)
        .unwrap();
    let mut out = Vec::new();
    for rec in rdr.records().skip(2) {
        let rec = rec.unwrap();
        for &c in pii_cols.iter().chain(text_cols) {
            let v = rec.get(c).unwrap().trim();
            if !v.is_empty() {
                out.push(v.to_string());
            }
        }
        // Full names as "First Last".
        let (f, l) = (rec.get(6).unwrap(), rec.get(7).unwrap());
        if !f.is_empty() {
            out.push(format!("{f} {l}"));
        }
    }
    out.sort();
    out.dedup();
    out
}

fn assert_no_pii(codebook: &std::path::Path, values: &[String]) {
    let (_, a) = load(codebook);
    let files = render_outputs(&a).unwrap();
    for f in &files {
        if f.path
            .extension()
            .is_some_and(|e| e == "png" || e == "parquet")
        {
            continue;
        }
        let text = String::from_utf8_lossy(&f.bytes);
        for v in values {
            assert!(
                !text.contains(v.as_str()),
                "{} leaks {v:?}",
                f.path.display()
            );
        }
    }
    // The Parquet holds exactly the tidy frame, whose CSV was checked above.
    let parquet = files
        .iter()
        .find(|f| f.path.ends_with("responses.parquet"))
        .unwrap();
    use polars::prelude::SerReader;
    let back = polars::prelude::ParquetReader::new(std::io::Cursor::new(parquet.bytes.clone()))
        .finish()
        .unwrap();
    assert!(back.equals_missing(&a.tidy.frame));
}

#[test]
fn sample_outputs_carry_no_pii() {
    let csv = root().join("data/ifla-refugee-2019/responses.csv");
    // IP, e-mail, first, last name; the interview e-mail and the free-text practice columns.
    let values = pii_values(&csv, &[4, 5, 6, 7], &[48, 49]);
    assert!(
        values.iter().filter(|v| v.contains('@')).count() > 150,
        "the sample has e-mails to leak"
    );
    assert!(values.iter().any(|v| v.starts_with("203.0.113.")));
    assert!(values
        .iter()
        .any(|v| v.starts_with("Weekly conversation café")));
    assert_no_pii(&sample_codebook(), &values);
}

#[test]
fn fixture_outputs_carry_no_pii() {
    let dir = root().join("tests/fixtures/surveymonkey/small");
    let values = pii_values(&dir.join("responses.csv"), &[4, 5, 6, 7], &[12, 16, 17]);
    assert!(values.contains(&"Chess club".to_string()));
    assert!(values.contains(&"Omar Khan".to_string()));
    assert_no_pii(&dir.join("survey.toml"), &values);
}
