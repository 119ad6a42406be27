//! Cross-check against independent tools: pandas recounts the raw export and statsmodels gives the
//! Wilson intervals (tests/crosscheck/crosscheck.py). Skips with a note when Python or the
//! packages are missing, unless SHELFSTAT_REQUIRE_CROSSCHECK=1 (set by .ci/run).

use crate::common::*;
use std::process::Command;

fn python_ready() -> bool {
    Command::new("python3")
        .args(["-c", "import pandas, statsmodels"])
        .output()
        .is_ok_and(|o| o.status.success())
}

fn crosscheck(codebook: &std::path::Path) {
    if !python_ready() {
        if std::env::var("SHELFSTAT_REQUIRE_CROSSCHECK").as_deref() == Ok("1") {
            panic!("python3 with pandas and statsmodels is required (pip install -r tests/crosscheck/requirements.txt)");
        }
        eprintln!("note: skipping the pandas/statsmodels cross-check: python3 with pandas and statsmodels not found");
        return;
    }
    let (_, a) = load(codebook);
    let dir = tempfile::tempdir().unwrap();
    let results = dir.path().join("results.json");
    std::fs::write(&results, shelfstat::render::json::results(&a.results)).unwrap();
    let out = Command::new("python3")
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
