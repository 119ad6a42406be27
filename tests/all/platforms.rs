//! Other export layouts: the sample written as Google Forms gives the same stat tables as the
//! SurveyMonkey original; SurveyMonkey condensed single choice; layout detection.

use crate::common::*;
use shelfstat::cmd::synth::{synth, SynthOptions};
use shelfstat::codebook::Format;
use shelfstat::pipeline;

/// The sample's codebook for another layout: format "auto", no SurveyMonkey metadata columns.
fn codebook_for_auto(dir: &std::path::Path) -> std::path::PathBuf {
    let cb = std::fs::read_to_string(sample_codebook()).unwrap();
    let cb: String = cb
        .lines()
        .filter(|l| !l.starts_with("respondent_id") && !l.starts_with("pii_columns"))
        .map(|l| {
            if l.starts_with("format = ") {
                "format = \"auto\"".to_string()
            } else {
                l.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    let p = dir.join("survey.toml");
    std::fs::write(&p, cb).unwrap();
    p
}

#[test]
fn google_forms_layout_gives_the_same_stat_tables() {
    let dir = tempfile::tempdir().unwrap();
    let gf = synth(&SynthOptions {
        format: Some(Format::GoogleForms),
        ..Default::default()
    })
    .unwrap();
    let text = String::from_utf8(gf.clone()).unwrap();
    assert!(text.starts_with("Timestamp,In which country is your library located?,"));
    // Checkbox answers are joined in one cell, and some labels contain commas themselves.
    assert!(text.contains("\"Internet access, Access to resources (books, e-books and other materials, including in home languages)"));
    std::fs::write(dir.path().join("responses.csv"), &gf).unwrap();
    let cb = codebook_for_auto(dir.path());
    let gl = pipeline::load(Some(&cb)).unwrap();
    assert_eq!(gl.raw.format, Format::GoogleForms);
    let g = pipeline::analyse(&gl).unwrap().results;
    let (_, s) = load(&sample_codebook());
    let s = s.results;
    assert_eq!(g.accounting, s.accounting);
    assert_eq!(g.questions, s.questions);
    assert_eq!(g.breakdowns, s.breakdowns);
    assert_eq!(g.headlines, s.headlines);
    assert_eq!(g.countries, Some(32));
}

#[test]
fn surveymonkey_condensed_single_choice() {
    // Condensed: the single choice collapses into one "Response" column, with the typed
    // "other" text in its own column.
    let dir = tempfile::tempdir().unwrap();
    let csv = "Respondent ID,Collector ID,Start Date,End Date,IP Address,Email Address,First Name,Last Name,Custom Data 1,Library type?,\r\n\
,,,,,,,,,Response,Other (please specify)\r\n\
1,9,,,,,,,,Public,\r\n\
2,9,,,,,,,,Academic,\r\n\
3,9,,,,,,,,Other (please specify),Prison library\r\n\
4,9,,,,,,,,Public,\r\n";
    std::fs::write(dir.path().join("responses.csv"), csv).unwrap();
    std::fs::write(
        dir.path().join("survey.toml"),
        "[survey]\nid = \"c\"\ntitle = \"C\"\nwave = \"1\"\nsource = \"responses.csv\"\nformat = \"surveymonkey\"\nrespondent_id = \"Respondent ID\"\n\n\
[[questions]]\nid = \"type\"\ntype = \"single\"\ntext = \"Library type?\"\n\
options = [{ code = \"public\", label = \"Public\" }, { code = \"academic\", label = \"Academic\" }]\n\
other = { code = \"other\", label = \"Other (please specify)\" }\n",
    )
    .unwrap();
    let (_, a) = load(&dir.path().join("survey.toml"));
    let shelfstat::stats::QuestionStats::Choice(t) = a.results.question("type").unwrap() else {
        panic!()
    };
    let counts: Vec<u64> = t.rows.iter().map(|r| r.estimate.unwrap().count).collect();
    assert_eq!(counts, [2, 1, 1]);
    // An answer that is not an option, in a question without "other", names its cell.
    let bad = csv.replace("2,9,,,,,,,,Academic,", "2,9,,,,,,,,Academik,");
    std::fs::write(dir.path().join("responses.csv"), bad).unwrap();
    let cb = std::fs::read_to_string(dir.path().join("survey.toml")).unwrap();
    let no_other: String = cb
        .lines()
        .filter(|l| !l.starts_with("other ="))
        .collect::<Vec<_>>()
        .join("\n");
    std::fs::write(dir.path().join("survey.toml"), no_other).unwrap();
    let e = pipeline::analyse(&pipeline::load(Some(&dir.path().join("survey.toml"))).unwrap())
        .err()
        .unwrap();
    assert_eq!(
        e.to_string(),
        format!(
            "{}: row 4, column J (\"Library type? / Response\"): \"Academik\" is not one of the options of question \"type\"",
            dir.path().join("responses.csv").display()
        )
    );
}

#[test]
fn detection_and_unknown_layouts() {
    let p = std::path::Path::new("x.csv");
    assert_eq!(
        shelfstat::ingest::detect(shelfstat::sample::RESPONSES, p).unwrap(),
        Format::SurveymonkeyExpandedText
    );
    assert_eq!(
        shelfstat::ingest::detect(b"\xEF\xBB\xBFTimestamp,Q\n1,2\n", p).unwrap(),
        Format::GoogleForms
    );
    assert_eq!(
        shelfstat::ingest::detect(b"Timestamp;Q\n1;2\n", p).unwrap(),
        Format::GoogleForms
    );
    let e = shelfstat::ingest::detect(b"record_id,name\n1,a\n", p).unwrap_err();
    assert_eq!(
        e.to_string(),
        "x.csv: row 1, column A: \"record_id\" does not start an export shelfstat knows (SurveyMonkey, Google Forms); set format in the codebook or pass --format"
    );
}

#[test]
fn cli_format_override_and_synth_layout() {
    let dir = tempfile::tempdir().unwrap();
    let out = assert_cmd::Command::cargo_bin("shelfstat")
        .unwrap()
        .args(["synth", "--layout", "google-forms", "--out"])
        .arg(dir.path().join("responses.csv"))
        .output()
        .unwrap();
    assert!(out.status.success());
    let cb = codebook_for_auto(dir.path());
    // The codebook says auto; --format forces Google Forms and the summary says what was read.
    let out = assert_cmd::Command::cargo_bin("shelfstat")
        .unwrap()
        .args([
            "run",
            cb.to_str().unwrap(),
            "--format",
            "google-forms",
            "--out",
        ])
        .arg(dir.path().join("out"))
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(
        err.starts_with("shelfstat: read a Google Forms export; 358 rows read, 353 analysed"),
        "{err}"
    );
    // Forcing the wrong layout is a clear one-line error.
    let out = assert_cmd::Command::cargo_bin("shelfstat")
        .unwrap()
        .args([
            "run",
            cb.to_str().unwrap(),
            "--format",
            "surveymonkey",
            "--out",
        ])
        .arg(dir.path().join("out2"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("row 1, column A: expected \"Respondent ID\""),
        "{err}"
    );
}
