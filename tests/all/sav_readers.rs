//! Issue 29: `tidy/responses.sav` as pyreadstat and R's haven read it. For each codebook,
//! tests/crosscheck/sav_read.py compares pyreadstat's reading with the tidy CSV and the codebook
//! (columns, every cell, variable labels, value labels, not-applicable codes declared missing,
//! multiple-dichotomy sets) and writes what each cell must read as; tests/crosscheck/r/
//! sav_read.R compares haven's reading with that. Skip with a note when Python with pyreadstat
//! or R with haven is missing, unless SHELFSTAT_REQUIRE_CROSSCHECK / SHELFSTAT_REQUIRE_R = 1.

use crate::common::*;
use std::path::Path;
use std::process::Command;

fn python() -> String {
    std::env::var("SHELFSTAT_PYTHON").unwrap_or_else(|_| "python3".into())
}

fn ready(program: &str, args: &[&str], required_by: &str, what: &str) -> bool {
    if Command::new(program)
        .args(args)
        .output()
        .is_ok_and(|o| o.status.success())
    {
        return true;
    }
    if std::env::var(required_by).as_deref() == Ok("1") {
        panic!("{what} is required here ({required_by}=1)");
    }
    eprintln!("note: skipping the {what} reading of responses.sav: not installed");
    false
}

/// Runs `codebook` into `out` (the CLI, as a user would).
fn run(codebook: &Path, out: &Path) {
    let status = Command::new(env!("CARGO_BIN_EXE_shelfstat"))
        .arg("run")
        .arg(codebook)
        .arg("--out")
        .arg(out)
        .output()
        .unwrap();
    assert!(status.status.success(), "{status:?}");
}

/// pyreadstat's check of `out`'s .sav against a CSV and codebook; its exit success and line.
fn pyreadstat(out: &Path, csv: &Path, codebook: &Path, expected: &Path) -> (bool, String) {
    let o = Command::new(python())
        .arg(root().join("tests/crosscheck/sav_read.py"))
        .arg(out.join("tidy/responses.sav"))
        .arg(csv)
        .arg(codebook)
        .arg(expected)
        .output()
        .unwrap();
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    (o.status.success(), said)
}

const CODEBOOKS: [&str; 6] = [
    "data/ifla-refugee-2019/survey.toml",
    "data/ifla-refugee-2025/survey.toml",
    "tests/fixtures/surveymonkey/weighted/survey.toml",
    "tests/fixtures/kobo/grid/survey.toml",
    "tests/fixtures/redcap/grid/survey.toml",
    "tests/fixtures/plain/weights/survey.toml",
];

/// haven's reading of `out`'s .sav against pyreadstat's expectations; panics on a difference.
fn haven(out: &Path, expected: &Path, what: &str) {
    let o = Command::new("Rscript")
        .arg(root().join("tests/crosscheck/r/sav_read.R"))
        .arg(out.join("tidy/responses.sav"))
        .arg(expected)
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&o.stdout).to_string();
    println!("{what}: {said}");
    assert!(
        o.status.success() && said.contains("; 0 differ"),
        "{what}: {said}{o:?}"
    );
}

#[test]
fn pyreadstat_and_haven_read_responses_sav_as_the_tidy_csv() {
    let py = ready(
        &python(),
        &["-c", "import pyreadstat"],
        "SHELFSTAT_REQUIRE_CROSSCHECK",
        "pyreadstat",
    );
    if !py {
        return;
    }
    let r = ready(
        "Rscript",
        &["-e", "library(haven)"],
        "SHELFSTAT_REQUIRE_R",
        "R haven",
    );
    let dir = tempfile::tempdir().unwrap();
    for (k, cb) in CODEBOOKS.iter().enumerate() {
        let out = dir.path().join(k.to_string());
        run(&root().join(cb), &out);
        let expected = out.join("expected.csv");
        let (ok, said) = pyreadstat(
            &out,
            &out.join("tidy/responses.csv"),
            &root().join(cb),
            &expected,
        );
        println!("{cb}: {said}");
        assert!(ok && said.contains("; 0 differ"), "{cb}: {said}");
        if r {
            let o = Command::new("Rscript")
                .arg(root().join("tests/crosscheck/r/sav_read.R"))
                .arg(out.join("tidy/responses.sav"))
                .arg(&expected)
                .output()
                .unwrap();
            let said = String::from_utf8_lossy(&o.stdout).to_string();
            println!("{cb}: {said}");
            assert!(
                o.status.success() && said.contains("; 0 differ"),
                "{cb}: {said}{o:?}"
            );
        }
    }
    // The check can fail: the 2019 .sav against the 2025 wave's CSV and codebook.
    let (ok, said) = pyreadstat(
        &dir.path().join("0"),
        &dir.path().join("1/tidy/responses.csv"),
        &root().join(CODEBOOKS[1]),
        &dir.path().join("wrong.csv"),
    );
    assert!(!ok && !said.contains("; 0 differ"), "{said}");
}

/// The real .sav files of ../shared (Greek and Latvian labels, names past 64 bytes, a
/// multiple-response set, dates): drafted by `init`, run, and their responses.sav read back by
/// pyreadstat and haven as the tidy CSV.
#[test]
fn real_sav_files_come_back_through_responses_sav() {
    let Some(shared) = shared_fixtures("", "the real .sav files") else {
        return;
    };
    if !ready(
        &python(),
        &["-c", "import pyreadstat"],
        "SHELFSTAT_REQUIRE_CROSSCHECK",
        "pyreadstat",
    ) {
        return;
    }
    let r = ready(
        "Rscript",
        &["-e", "library(haven)"],
        "SHELFSTAT_REQUIRE_R",
        "R haven",
    );
    let files: Vec<std::path::PathBuf> = ["spss", "conformance/spss"]
        .iter()
        .filter_map(|d| std::fs::read_dir(shared.join(d)).ok())
        .flatten()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "sav"))
        .collect();
    assert!(files.len() >= 3, "{files:?}");
    let dir = tempfile::tempdir().unwrap();
    for (k, file) in files.iter().enumerate() {
        let wave = dir.path().join(k.to_string());
        std::fs::create_dir(&wave).unwrap();
        let sav = wave.join(file.file_name().unwrap());
        std::fs::copy(file, &sav).unwrap();
        let codebook = wave.join("survey.toml");
        let o = Command::new(env!("CARGO_BIN_EXE_shelfstat"))
            .arg("init")
            .arg(&sav)
            .arg("--out")
            .arg(&codebook)
            .output()
            .unwrap();
        assert!(o.status.success(), "{o:?}");
        let out = wave.join("out");
        run(&codebook, &out);
        let expected = wave.join("expected.csv");
        let what = file.display().to_string();
        let (ok, said) = pyreadstat(&out, &out.join("tidy/responses.csv"), &codebook, &expected);
        println!("{what}: {said}");
        assert!(ok && said.contains("; 0 differ"), "{what}: {said}");
        if r {
            haven(&out, &expected, &what);
        }
    }
}
