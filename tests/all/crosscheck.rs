//! Cross-check against independent tools: pandas recounts the raw export and statsmodels gives the
//! Wilson intervals (tests/crosscheck/crosscheck.py). Skips with a note when Python or the
//! packages are missing, unless SHELFSTAT_REQUIRE_CROSSCHECK=1 (set by .ci/run).

use crate::common::*;
use std::process::Command;

/// The interpreter: $SHELFSTAT_PYTHON (scripts/test.sh points it at its virtualenv) or python3.
pub(crate) fn python() -> String {
    std::env::var("SHELFSTAT_PYTHON").unwrap_or_else(|_| "python3".into())
}

fn python_ready() -> bool {
    Command::new(python())
        .args([
            "-c",
            "import pandas, statsmodels, openpyxl, sklearn, krippendorff",
        ])
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Whether the cross-check can run; panics when CI requires it and it cannot.
pub(crate) fn ready_or_skip(what: &str) -> bool {
    if python_ready() {
        return true;
    }
    if std::env::var("SHELFSTAT_REQUIRE_CROSSCHECK").as_deref() == Ok("1") {
        panic!("python3 with pandas and statsmodels is required (scripts/test.sh sets one up)");
    }
    eprintln!("note: skipping the {what}: python3 with pandas and statsmodels not found");
    false
}

fn crosscheck(codebook: &std::path::Path) {
    if !ready_or_skip("pandas/statsmodels cross-check") {
        return;
    }
    let (_, a) = load(codebook);
    let dir = tempfile::tempdir().unwrap();
    let results = dir.path().join("results.json");
    std::fs::write(&results, shelfstat::render::json::results(&a.results)).unwrap();
    let out = Command::new(python())
        .arg(root().join("tests/crosscheck/crosscheck.py"))
        .arg(codebook)
        .arg(&results)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    println!("{stdout}");
    assert!(
        out.status.success(),
        "cross-check failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("; 0 differ"));
}

#[test]
fn sample_figures_match_pandas_and_statsmodels() {
    crosscheck(&sample_codebook());
}

#[test]
fn fixture_figures_match_pandas_and_statsmodels() {
    crosscheck(&root().join("tests/fixtures/surveymonkey/small/survey.toml"));
}

/// Change intervals (Newcombe's hybrid score) and pooled z tests against statsmodels on 24
/// cases, 0/n, n/n and tiny bases among them (tests/crosscheck/newcombe.py).
#[test]
fn change_intervals_match_statsmodels() {
    if !python_ready() {
        if std::env::var("SHELFSTAT_REQUIRE_CROSSCHECK").as_deref() == Ok("1") {
            panic!("python3 with pandas and statsmodels is required (scripts/test.sh sets one up)");
        }
        eprintln!(
            "note: skipping the statsmodels change cross-check: python3 with statsmodels not found"
        );
        return;
    }
    use shelfstat::stats::change::change;
    use shelfstat::stats::interval::PropSummary;
    let cases: [(u64, u64, u64, u64); 24] = [
        (221, 237, 289, 301),
        (143, 237, 218, 301),
        (48, 80, 56, 70),
        (0, 29, 5, 56),
        (0, 10, 0, 20),
        (10, 10, 20, 20),
        (0, 5, 5, 5),
        (5, 5, 0, 5),
        (1, 1, 0, 1),
        (0, 1, 1, 2),
        (1, 3, 2, 3),
        (3, 7, 6, 7),
        (135, 350, 129, 380),
        (92, 350, 152, 380),
        (265, 353, 325, 387),
        (1, 1000, 3, 1000),
        (999, 1000, 990, 1000),
        (50, 100, 50, 100),
        (2, 9, 7, 8),
        (6, 9, 7, 8),
        (105, 301, 191, 330),
        (0, 400, 1, 400),
        (400, 400, 399, 400),
        (17, 31, 4, 12),
    ];
    let mut text = String::from("x_from,n_from,x_to,n_to,diff,ci_low,ci_high,p_value\n");
    for (x1, n1, x2, n2) in cases {
        let c = change(
            &PropSummary::unweighted(x1, n1),
            &PropSummary::unweighted(x2, n2),
        )
        .unwrap();
        text.push_str(&format!(
            "{x1},{n1},{x2},{n2},{},{},{},{}\n",
            c.diff,
            c.ci_low,
            c.ci_high,
            c.p_value.unwrap()
        ));
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cases.csv");
    std::fs::write(&path, text).unwrap();
    let out = Command::new(python())
        .arg(root().join("tests/crosscheck/newcombe.py"))
        .arg(&path)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    println!("{stdout}");
    assert!(
        out.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("24 changes compared with statsmodels; 0 differ"));
}

/// The workbook read back by openpyxl: every figure equals results.json, with its number format
/// (tests/crosscheck/workbook.py).
#[test]
fn workbook_read_back_by_openpyxl_matches_results() {
    if !ready_or_skip("openpyxl workbook check") {
        return;
    }
    let (_, a) = load(&sample_codebook());
    let dir = tempfile::tempdir().unwrap();
    let results = dir.path().join("results.json");
    let xlsx = dir.path().join("report.xlsx");
    std::fs::write(&results, shelfstat::render::json::results(&a.results)).unwrap();
    std::fs::write(
        &xlsx,
        shelfstat::render::xlsx::workbook(&a.results).unwrap(),
    )
    .unwrap();
    let out = Command::new(python())
        .arg(root().join("tests/crosscheck/workbook.py"))
        .arg(&xlsx)
        .arg(&results)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    println!("{stdout}");
    assert!(out.status.success(), "workbook check failed:\n{stdout}");
    assert!(stdout.contains("figures checked; 0 differ"), "{stdout}");
}
