//! The command line: each command's success, and its errors as one line naming file, row and
//! column, with exit code 1, no panic and no outputs written.

use crate::common::*;
use assert_cmd::Command;
use predicates::prelude::*;
use std::path::Path;

fn shelfstat() -> Command {
    Command::cargo_bin("shelfstat").unwrap()
}

/// Runs, expects failure, and returns the single stderr line.
fn fails(args: &[&str], cwd: &Path) -> String {
    let out = shelfstat().args(args).current_dir(cwd).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{args:?}: {:?}", out);
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(err.lines().count(), 1, "not one line: {err}");
    assert!(out.stdout.is_empty());
    err.trim_end().to_string()
}

#[test]
fn run_bundled_sample_from_any_directory() {
    let dir = tempfile::tempdir().unwrap();
    shelfstat()
        .arg("run")
        .current_dir(dir.path())
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "358 rows read, 353 analysed; wrote 64 files",
        ));
    let report =
        std::fs::read_to_string(dir.path().join("reports/ifla-refugee-2019/report.md")).unwrap();
    assert!(report.contains("| Internet access | 221 | 237 | 93.2 | 89.3–95.8 |"));
    assert!(dir
        .path()
        .join("reports/ifla-refugee-2019/charts/services.png")
        .exists());
    // No temp files left behind.
    let leftovers: Vec<_> = std::fs::read_dir(dir.path().join("reports/ifla-refugee-2019"))
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().contains(".tmp-"))
        .collect();
    assert!(leftovers.is_empty());
}

#[test]
fn run_with_codebook_and_out() {
    let out = tempfile::tempdir().unwrap();
    shelfstat()
        .args(["run", sample_codebook().to_str().unwrap(), "--out"])
        .arg(out.path())
        .assert()
        .success();
    let committed = std::fs::read(root().join("reports/ifla-refugee-2019/report.md")).unwrap();
    assert_eq!(
        std::fs::read(out.path().join("report.md")).unwrap(),
        committed
    );
}

#[test]
fn headline_text_and_json() {
    shelfstat()
        .arg("headline")
        .assert()
        .success()
        .stdout(predicate::str::starts_with(
            "75.1% of the 353 responding libraries issue library cards to refugees, immigrants, migrants and asylum seekers (95% CI 70.3–79.3%).\n",
        ));
    let out = shelfstat()
        .args(["headline", "--format", "json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let s = &v["statements"][1];
    assert_eq!(s["id"], "internet");
    assert_eq!(s["count"], 221);
    assert_eq!(s["base"], 237);
    assert_eq!(s["percent"], 93.2);
    assert_eq!(v["respondents"], 353);
    assert_eq!(v["countries"], 32);
    assert_eq!(v["provenance"]["input"]["path"], "responses.csv");
}

#[test]
fn headline_for_one_country() {
    shelfstat()
        .args(["headline", "--country", "Kenya"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with(
            "cards: suppressed (fewer than 5 libraries in the base)\n",
        ));
    let err = fails(&["headline", "--country", "Atlantis"], &root());
    assert_eq!(
        err,
        "error: --country \"Atlantis\": not a recognised country name or ISO code"
    );
}

#[test]
fn synth_to_stdout_is_the_committed_sample() {
    let out = shelfstat().arg("synth").output().unwrap();
    assert!(out.status.success());
    assert!(
        out.stdout == std::fs::read(root().join("data/ifla-refugee-2019/responses.csv")).unwrap()
    );
}

#[test]
fn help_has_examples() {
    for cmd in ["run", "headline", "synth"] {
        shelfstat()
            .args([cmd, "--help"])
            .assert()
            .success()
            .stdout(predicate::str::contains("Examples:"));
    }
}

#[test]
fn missing_codebook() {
    let dir = tempfile::tempdir().unwrap();
    let err = fails(&["run", "nope/survey.toml"], dir.path());
    assert_eq!(
        err,
        "error: nope/survey.toml: No such file or directory (os error 2)"
    );
    assert!(!dir.path().join("reports").exists());
}

#[test]
fn missing_export() {
    let dir = copy_dir(&root().join("data/ifla-refugee-2019"));
    std::fs::remove_file(dir.path().join("responses.csv")).unwrap();
    let err = fails(&["run", "survey.toml", "--out", "out"], dir.path());
    assert_eq!(
        err,
        "error: survey.toml:14: source \"responses.csv\" not found: looked for responses.csv (source is relative to the codebook's folder, .)"
    );
    assert!(!dir.path().join("out").exists());
}

/// `init path/to/export.csv > survey.toml` then `run survey.toml` works: the draft's source is
/// the export's path from the current folder, where the draft is written.
#[test]
fn init_then_run_from_another_folder() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("exports/2019")).unwrap();
    std::fs::copy(
        root().join("data/ifla-refugee-2019/responses.csv"),
        dir.path().join("exports/2019/export.csv"),
    )
    .unwrap();
    let out = assert_cmd::Command::cargo_bin("shelfstat")
        .unwrap()
        .current_dir(dir.path())
        .args(["init", "exports/2019/export.csv"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let draft = String::from_utf8(out.stdout).unwrap();
    assert!(
        draft.contains("source = \"exports/2019/export.csv\""),
        "{draft}"
    );
    std::fs::write(dir.path().join("survey.toml"), &draft).unwrap();
    let run = assert_cmd::Command::cargo_bin("shelfstat")
        .unwrap()
        .current_dir(dir.path())
        .args(["run", "survey.toml", "--out", "out"])
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let results = std::fs::read_to_string(dir.path().join("out/results.json")).unwrap();
    assert!(results.contains("\"path\": \"exports/2019/export.csv\""));
}

#[test]
fn malformed_csv_cut_mid_row() {
    let dir = copy_dir(&root().join("data/ifla-refugee-2019"));
    let csv = std::fs::read_to_string(dir.path().join("responses.csv")).unwrap();
    // Cut the file in the middle of its 11th line.
    let cut: usize = csv.match_indices('\n').nth(9).unwrap().0 + 40;
    std::fs::write(dir.path().join("responses.csv"), &csv[..cut]).unwrap();
    let err = fails(&["run", "survey.toml", "--out", "out"], dir.path());
    assert!(
        err.starts_with("error: responses.csv: line 11: row has ")
            && err.ends_with(" fields where the header has 50 (a cut or malformed row)"),
        "{err}"
    );
    assert!(!dir.path().join("out").exists());
}

#[test]
fn codebook_naming_a_column_that_is_not_there() {
    let dir = copy_dir(&root().join("data/ifla-refugee-2019"));
    let cb = std::fs::read_to_string(dir.path().join("survey.toml")).unwrap();
    let line = cb
        .lines()
        .position(|l| l.contains("\"Computer classes\""))
        .unwrap()
        + 1;
    std::fs::write(
        dir.path().join("survey.toml"),
        cb.replace(
            "label = \"Computer classes\"",
            "label = \"Computer courses\"",
        ),
    )
    .unwrap();
    let err = fails(&["run", "survey.toml", "--out", "out"], dir.path());
    assert!(
        err.starts_with(&format!(
            "error: survey.toml:{line}: question \"services\", option \"computer\": no column \"Computer courses\" under its heading in responses.csv"
        )),
        "{err}"
    );
    assert!(!dir.path().join("out").exists());
}

#[test]
fn codebook_unknown_key() {
    let dir = copy_dir(&root().join("data/ifla-refugee-2019"));
    let cb = std::fs::read_to_string(dir.path().join("survey.toml")).unwrap();
    let line = cb.lines().position(|l| l.starts_with("unit = ")).unwrap() + 2;
    std::fs::write(
        dir.path().join("survey.toml"),
        cb.replacen(
            "unit = \"libraries\"",
            "unit = \"libraries\"\nweigths = \"w\"",
            1,
        ),
    )
    .unwrap();
    let err = fails(&["headline", "survey.toml"], dir.path());
    assert!(
        err.starts_with(&format!(
            "error: survey.toml:{line}: unknown field `weigths`"
        )),
        "{err}"
    );
}

#[test]
fn bad_cell_names_row_and_column() {
    let dir = copy_dir(&root().join("tests/fixtures/surveymonkey/small"));
    let csv = std::fs::read_to_string(dir.path().join("responses.csv")).unwrap();
    std::fs::write(
        dir.path().join("responses.csv"),
        csv.replace("USA,,Academic", "USA,,Academc"),
    )
    .unwrap();
    let err = fails(&["run", "survey.toml", "--out", "out"], dir.path());
    assert_eq!(
        err,
        "error: responses.csv: row 4, column L (\"Library type? / Academic\"): expected \"Academic\" or blank, found \"Academc\""
    );
    let csv2 = csv.replace(",3\r\n", ",three\r\n");
    std::fs::write(dir.path().join("responses.csv"), csv2).unwrap();
    let err = fails(&["run", "survey.toml", "--out", "out"], dir.path());
    assert_eq!(err, "error: responses.csv: row 6, column S (\"Staff? / Open-Ended Response\"): expected a number, found \"three\"");
    assert!(!dir.path().join("out").exists());
}

#[test]
fn wrong_kind_of_file() {
    let dir = copy_dir(&root().join("data/ifla-refugee-2019"));
    std::fs::write(
        dir.path().join("responses.csv"),
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n",
    )
    .unwrap();
    let err = fails(&["run", "survey.toml", "--out", "out"], dir.path());
    assert_eq!(
        err,
        "error: responses.csv: this is a PDF document, not a survey export"
    );
    std::fs::write(dir.path().join("responses.csv"), b"GIF89a\0\0\x01binary").unwrap();
    let err = fails(&["run", "survey.toml", "--out", "out"], dir.path());
    assert_eq!(
        err,
        "error: responses.csv: this is not a text export (it contains NUL bytes, and is not UTF-16)"
    );
    // An SPSS file (magic "$FL2") named by a codebook of a text layout: says how to read it.
    std::fs::write(
        dir.path().join("responses.csv"),
        b"$FL2@(#) SPSS DATA FILE\0\0",
    )
    .unwrap();
    let err = fails(&["run", "survey.toml", "--out", "out"], dir.path());
    assert!(
        err.starts_with(
            "error: responses.csv: this is an SPSS .sav file, read as a text export here: set format = \"spss\""
        ),
        "{err}"
    );
    std::fs::write(dir.path().join("responses.csv"), b"").unwrap();
    let err = fails(&["run", "survey.toml", "--out", "out"], dir.path());
    assert_eq!(err, "error: responses.csv: the file is empty");
}

/// The source line says how many libraries in how many countries; --region keeps one UN region
/// (Europe: 213 of the sample's libraries, in the 17 European countries of the country table
/// and pooled Czechia; Northern Europe: GB 25 + SE 21 + NO 14 + DK 11 + FI 10 + IE 8 = 89), and
/// an unknown region lists the ones there are.
#[test]
fn headline_source_counts_countries_and_region_scopes_it() {
    shelfstat()
        .arg("headline")
        .assert()
        .success()
        .stdout(predicate::str::contains(
            ", 2019 (353 libraries in 32 countries analysed; 95% intervals: Wilson score).\n",
        ));
    shelfstat()
        .args(["headline", "--region", "europe"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            ", 2019, Europe (213 libraries in 18 countries analysed; 95% intervals: Wilson score).\n",
        ));
    let out = shelfstat()
        .args([
            "headline",
            "--region",
            "Northern Europe",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        (v["scope"].as_str(), v["respondents"].as_u64()),
        (Some("Northern Europe"), Some(89))
    );
    shelfstat()
        .args(["headline", "--region", "Mars"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("are Africa, Americas, Asia,"));
    shelfstat()
        .args(["headline", "--region", "Europe", "--country", "DE"])
        .assert()
        .failure()
        .stderr(predicate::str::contains(
            "give --country or --region, not both",
        ));
}

#[test]
fn devices_are_refused_not_read_without_end() {
    // /dev/zero as a codebook, an export, a platform codebook or a draft was read until the
    // memory ran out (3.2 GB in 20 s).
    let msg =
        "error: /dev/zero: not a regular file (a device, pipe or socket): give the file itself";
    let sample = root().join("data/ifla-refugee-2019/responses.csv");
    let sample = sample.to_str().unwrap();
    for args in [
        vec!["run", "/dev/zero"],
        vec!["headline", "/dev/zero"],
        vec!["init", "/dev/zero"],
        vec!["init", "--definition", "/dev/zero", sample],
        vec!["verify", "/dev/zero"],
    ] {
        assert_eq!(fails(&args, &root()), msg, "{args:?}");
    }
}

/// Issue 26, messages: a codebook given as --definition was read as a CSV dictionary ("row has
/// 1 fields"); a missing wave codebook's error did not name the series line; rows dropped as
/// duplicates were said only in the report.
#[test]
fn messages_name_what_went_wrong() {
    let bin = assert_cmd::cargo::cargo_bin("shelfstat");
    let sample = crate::common::root().join("data/ifla-refugee-2019");
    let out = std::process::Command::new(&bin)
        .args([
            "init".as_ref(),
            sample.join("responses.csv").as_os_str(),
            "--definition".as_ref(),
            sample.join("survey.toml").as_os_str(),
        ])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("this is a shelfstat codebook or series file, not a platform's codebook; to draft a new wave from a previous wave's codebook, use --like"), "{err}");

    let tmp = tempfile::tempdir().unwrap();
    std::fs::copy(
        crate::common::root().join("tests/fixtures/series/series.toml"),
        tmp.path().join("series.toml"),
    )
    .unwrap();
    let out = std::process::Command::new(&bin)
        .args([
            "compare".as_ref(),
            tmp.path().join("series.toml").as_os_str(),
            "--out".as_ref(),
            tmp.path().join("out").as_os_str(),
        ])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("series.toml:8: wave \"w1\": codebook \"wave1.toml\" not found"),
        "{err}"
    );

    // 60 rows, one id: 59 dropped as duplicates, said on stderr.
    let mut csv = String::from("id,Type\n");
    for _ in 0..60 {
        csv.push_str("7,Public\n");
    }
    std::fs::write(tmp.path().join("responses.csv"), csv).unwrap();
    std::fs::write(
        tmp.path().join("survey.toml"),
        "[survey]\nid = \"d\"\ntitle = \"D\"\nwave = \"1\"\nsource = \"responses.csv\"\nformat = \"plain\"\nrespondent_id = \"id\"\n\n[[questions]]\nid = \"type\"\ntype = \"single\"\ntext = \"Type\"\noptions = [{ code = \"public\", label = \"Public\" }]\n",
    )
    .unwrap();
    let out = std::process::Command::new(&bin)
        .args([
            "run".as_ref(),
            tmp.path().join("survey.toml").as_os_str(),
            "--out".as_ref(),
            tmp.path().join("run").as_os_str(),
        ])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(
        err.contains(
            "shelfstat: note: 59 of 60 rows excluded: duplicate respondent id (first row kept)"
        ),
        "{err}"
    );
}

/// Issue 25, class 8: an export whose platform cannot be told (a LimeSurvey export with German
/// full-text headings and no metadata column) was refused by `init`; it is drafted as a plain
/// table, said on stderr, and runs.
#[test]
fn init_reads_an_unrecognised_layout_as_a_plain_table_and_says_so() {
    let tmp = tempfile::tempdir().unwrap();
    let mut csv =
        String::from("Welche Bibliothek nutzen Sie?,Wie wichtig ist Ihnen das? [Katalog]\n");
    for k in 0..12 {
        let lib = [
            "Stadtbibliothek",
            "Universitätsbibliothek",
            "Schulbibliothek",
        ][k % 3];
        let imp = ["Wichtig", "Sehr wichtig", "Nicht wichtig", "Kaum wichtig"][k % 4];
        csv.push_str(&format!("{lib},{imp}\n"));
    }
    std::fs::write(tmp.path().join("results.csv"), csv).unwrap();
    let bin = assert_cmd::cargo::cargo_bin("shelfstat");
    let out = std::process::Command::new(&bin)
        .current_dir(tmp.path())
        .args(["init", "results.csv", "--out", "survey.toml"])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(
        err.contains("no survey platform's layout recognised; read as a plain table"),
        "{err}"
    );
    let draft = std::fs::read_to_string(tmp.path().join("survey.toml")).unwrap();
    assert!(draft.contains("format = \"plain\""), "{draft}");
    let out = std::process::Command::new(&bin)
        .current_dir(tmp.path())
        .args(["run", "survey.toml", "--out", "out"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// `run --only tables` prints the stat tables (the bytes `run` writes as results.json) and
/// writes nothing: the output folder is not even created.
#[test]
fn run_only_tables_prints_results_and_writes_no_file() {
    let tmp = tempfile::tempdir().unwrap();
    let full = tmp.path().join("full");
    let written = Command::cargo_bin("shelfstat")
        .unwrap()
        .args(["run", "--out"])
        .arg(&full)
        .output()
        .unwrap();
    assert!(written.status.success());
    let only = tmp.path().join("only");
    let printed = Command::cargo_bin("shelfstat")
        .unwrap()
        .args(["run", "--only", "tables", "--out"])
        .arg(&only)
        .output()
        .unwrap();
    assert!(printed.status.success());
    assert_eq!(
        printed.stdout,
        std::fs::read(full.join("results.json")).unwrap()
    );
    assert!(!only.exists());
    let err = String::from_utf8_lossy(&printed.stderr);
    assert!(
        err.contains("353 analysed; printed the stat tables (no file written)"),
        "{err}"
    );
}
