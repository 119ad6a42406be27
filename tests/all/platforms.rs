//! Other export layouts: the sample written as Google Forms gives the same stat tables as the
//! SurveyMonkey original; SurveyMonkey condensed single choice; layout detection.

use crate::common::*;
use shelfstat::cmd::synth::{synth, SynthOptions};
use shelfstat::codebook::Format;
use shelfstat::pipeline;
use shelfstat::stats::QuestionStats;

/// The sample's codebook for another layout: format "auto", no SurveyMonkey metadata columns.
fn codebook_for_auto(dir: &std::path::Path) -> std::path::PathBuf {
    let cb = std::fs::read_to_string(sample_codebook()).unwrap();
    let cb: String = cb
        .lines()
        // Human codes are keyed by the SurveyMonkey respondent ids, which another layout's
        // synthetic export does not have.
        .filter(|l| {
            !l.starts_with("respondent_id")
                && !l.starts_with("pii_columns")
                && !l.starts_with("human_codes")
        })
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
fn other_layouts_give_the_same_stat_tables() {
    // The sample as the rules code it (its human codes name SurveyMonkey respondent ids).
    let reference = tempfile::tempdir().unwrap();
    let sample = root().join("data/ifla-refugee-2019");
    std::fs::copy(
        sample.join("responses.csv"),
        reference.path().join("responses.csv"),
    )
    .unwrap();
    let text = std::fs::read_to_string(sample_codebook()).unwrap();
    let text: Vec<&str> = text
        .lines()
        .filter(|l| !l.starts_with("human_codes"))
        .collect();
    std::fs::write(reference.path().join("survey.toml"), text.join("\n")).unwrap();
    let (_, s) = load(&reference.path().join("survey.toml"));
    let s = s.results;
    for format in [
        Format::GoogleForms,
        Format::Qualtrics,
        Format::Kobo,
        Format::Limesurvey,
    ] {
        let dir = tempfile::tempdir().unwrap();
        let bytes = synth(&SynthOptions {
            format: Some(format),
            ..Default::default()
        })
        .unwrap();
        let text = String::from_utf8(bytes.clone()).unwrap();
        match format {
            Format::GoogleForms => {
                assert!(text.starts_with("Timestamp,In which country is your library located?,"));
                // Checkbox answers are joined in one cell, and some labels contain commas.
                assert!(text.contains("\"Internet access, Access to resources (books, e-books and other materials, including in home languages)"));
            }
            Format::Limesurvey => {
                assert!(text.starts_with(
                    "\u{feff}\"id\";\"submitdate\";\"lastpage\";\"startlanguage\";\"seed\";"
                ));
                assert!(text.contains("\"services[internet]\";\"services[resources]\";"));
            }
            Format::Kobo => {
                assert!(text.starts_with("\"start\";\"end\";\"today\";\"deviceid\";\"survey/country\";\"survey/library_type\";"));
                assert!(text.contains("\"survey/services\";\"survey/services/internet\";"));
            }
            _ => {
                assert!(text.starts_with(
                    "StartDate,EndDate,Status,IPAddress,ResponseId,Q1,Q2,Q2_6_TEXT,Q3,Q4_1,"
                ));
                assert!(text.contains("{\"\"ImportId\"\":\"\"QID4\"\",\"\"choiceId\"\":\"\"1\"\"}"));
            }
        }
        std::fs::write(dir.path().join("responses.csv"), &bytes).unwrap();
        let cb = codebook_for_auto(dir.path());
        let l = pipeline::load(Some(&cb)).unwrap();
        assert_eq!(l.raw.format, format);
        let g = pipeline::analyse(&l).unwrap().results;
        if format == Format::Limesurvey {
            // LimeSurvey records the five who answered nothing as incomplete responses.
            assert_eq!((g.accounting.rows_read, g.accounting.analysed), (358, 353));
            assert_eq!(
                g.accounting.excluded[0].reason,
                "LimeSurvey incomplete response (no submitdate)"
            );
        } else {
            assert_eq!(g.accounting, s.accounting, "{format:?}");
        }
        assert_eq!(g.questions, s.questions, "{format:?}");
        assert_eq!(g.breakdowns, s.breakdowns, "{format:?}");
        assert_eq!(g.headlines, s.headlines, "{format:?}");
        assert_eq!(g.countries, Some(32));
    }
}

#[test]
fn qualtrics_previews_and_tests_are_excluded_and_counted() {
    let dir = tempfile::tempdir().unwrap();
    let bytes = synth(&SynthOptions {
        format: Some(Format::Qualtrics),
        ..Default::default()
    })
    .unwrap();
    let mut text = String::from_utf8(bytes).unwrap();
    // Turn the first two responses into a preview and a test.
    for (k, status) in [(3, "Survey Preview"), (4, "Survey Test")] {
        let line = text.split("\r\n").nth(k).unwrap().to_string();
        text = text.replacen(
            &line,
            &line.replacen(",IP Address,", &format!(",{status},"), 1),
            1,
        );
    }
    std::fs::write(dir.path().join("responses.csv"), text).unwrap();
    let (_, a) = load(&codebook_for_auto(dir.path()));
    let acc = &a.results.accounting;
    assert_eq!(acc.rows_read, 358);
    let reasons: Vec<(&str, usize)> = acc
        .excluded
        .iter()
        .map(|e| (e.reason.as_str(), e.rows))
        .collect();
    assert!(
        reasons.contains(&("Qualtrics survey preview, not a response", 1)),
        "{reasons:?}"
    );
    assert!(
        reasons.contains(&("Qualtrics test response", 1)),
        "{reasons:?}"
    );
    assert_eq!(
        acc.analysed + acc.excluded.iter().map(|e| e.rows).sum::<usize>(),
        358
    );
}

/// Real exports written by Qualtrics (../shared/fixtures, not part of the repository).
#[test]
fn real_qualtrics_exports_are_read() {
    let Some(dir) = shared_fixtures("qualtrics", "the real Qualtrics exports") else {
        return;
    };
    for (file, rows, header_rows) in [
        ("qualtRics_sample_3header.csv", 1, 3),
        ("qualtRics_sample_legacy.csv", 1, 2),
        ("multiple_answer_mc_insights_2016.csv", 5, 3),
        ("long_exhaustive2_datatable_numeric.csv", 100, 3),
    ] {
        let bytes = std::fs::read(dir.join(file)).unwrap();
        let p = std::path::Path::new(file);
        assert_eq!(
            shelfstat::ingest::detect(&bytes, p).unwrap(),
            Format::Qualtrics,
            "{file}"
        );
        let r = shelfstat::ingest::read(&bytes, p, Format::Auto).unwrap();
        assert_eq!((r.height(), r.header_rows), (rows, header_rows), "{file}");
    }
    // The 2016 export's multi-select Q2 is split into three choice columns under one question.
    let bytes = std::fs::read(dir.join("multiple_answer_mc_insights_2016.csv")).unwrap();
    let r =
        shelfstat::ingest::read(&bytes, std::path::Path::new("x.csv"), Format::Qualtrics).unwrap();
    let q2 = r.block("Click to write the question text");
    assert_eq!(
        q2.iter().map(|c| c.sublabel.as_str()).collect::<Vec<_>>(),
        [
            "Click to write Statement 1",
            "Click to write Statement 2",
            "Click to write Statement 3"
        ]
    );
    // The long export marks test responses (Status 2): they are excluded with a reason.
    let bytes = std::fs::read(dir.join("long_exhaustive2_datatable_numeric.csv")).unwrap();
    let r =
        shelfstat::ingest::read(&bytes, std::path::Path::new("x.csv"), Format::Qualtrics).unwrap();
    let tests = r
        .row_exclusions
        .iter()
        .filter(|e| e.as_deref() == Some("Qualtrics test response"))
        .count();
    assert!(tests > 0);
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
    let e = shelfstat::ingest::detect(b"user,name\n1,a\n", p).unwrap_err();
    assert_eq!(
        e.to_string(),
        "x.csv: row 1, column A: \"user\" does not start an export shelfstat knows (SurveyMonkey, Google Forms, Qualtrics, KoboToolbox, LimeSurvey, REDCap); for a plain table (one row per respondent, one column per question) set format = \"plain\" in the codebook or pass --format plain"
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

#[test]
fn kobo_not_approved_submissions_are_excluded_when_asked() {
    let dir = tempfile::tempdir().unwrap();
    let bytes = synth(&SynthOptions {
        format: Some(Format::Kobo),
        ..Default::default()
    })
    .unwrap();
    let text = String::from_utf8(bytes).unwrap();
    // Mark the first three submissions "not approved" (the _validation_status column is blank).
    let mut lines: Vec<String> = text.split("\r\n").map(str::to_string).collect();
    for line in lines.iter_mut().skip(1).take(3) {
        let cut = line.rfind(";\"\";").unwrap();
        line.replace_range(cut..cut + 4, ";\"validation_status_not_approved\";");
    }
    std::fs::write(dir.path().join("responses.csv"), lines.join("\r\n")).unwrap();
    let cb = codebook_for_auto(dir.path());
    let (_, a) = load(&cb);
    assert_eq!(
        a.results.accounting.analysed, 353,
        "not excluded unless the codebook asks"
    );
    let text = std::fs::read_to_string(&cb).unwrap().replace(
        "unit = \"libraries\"",
        "unit = \"libraries\"\nexclude_not_approved = true",
    );
    std::fs::write(&cb, text).unwrap();
    let (_, a) = load(&cb);
    let acc = &a.results.accounting;
    let excluded: usize = acc
        .excluded
        .iter()
        .filter(|e| e.reason == "KoboToolbox validation status: not approved")
        .map(|e| e.rows)
        .sum();
    assert_eq!(excluded, 3);
    assert_eq!(
        acc.analysed + acc.excluded.iter().map(|e| e.rows).sum::<usize>(),
        358
    );
}

fn shown_codebook(format: &str, id: Option<&str>, header: &str, labels: [&str; 3]) -> String {
    format!(
        "[survey]\nid = \"s\"\ntitle = \"S\"\nwave = \"1\"\nsource = \"r.csv\"\nformat = \"{format}\"\n{}\n\
[[questions]]\nid = \"svc\"\ntype = \"multi\"\ntext = \"{header}\"\nbase = \"shown\"\n\
options = [{{ code = \"a\", label = \"{}\" }}, {{ code = \"b\", label = \"{}\" }}, {{ code = \"c\", label = \"{}\" }}]\n",
        id.map(|i| format!("respondent_id = \"{i}\"")).unwrap_or_default(),
        labels[0],
        labels[1],
        labels[2]
    )
}

fn svc_table(dir: &std::path::Path) -> shelfstat::stats::ChoiceTable {
    let (_, a) = load(&dir.join("survey.toml"));
    match a.results.question("svc").unwrap() {
        shelfstat::stats::QuestionStats::Choice(t) => t.clone(),
        _ => panic!(),
    }
}

#[test]
fn shown_base_from_qualtrics_minus_99() {
    // R1 ticks a; R2 is shown all three and ticks none (-99); R3 is not shown (blank); R4 ticks a, b.
    // answered = 2 (R1, R4); shown = 3 (R1, R2, R4). a: 2 of 3 shown.
    let dir = tempfile::tempdir().unwrap();
    let imp = |c: u8| format!("\"{{\"\"ImportId\"\":\"\"QID1\"\",\"\"choiceId\"\":\"\"{c}\"\"}}\"");
    let csv = format!(
        "ResponseId,Q1_1,Q1_2,Q1_3\nResponse ID,Svc? - A,Svc? - B,Svc? - C\n\"{{\"\"ImportId\"\":\"\"_recordId\"\"}}\",{},{},{}\nR1,1,-99,-99\nR2,-99,-99,-99\nR3,,,\nR4,1,1,-99\n",
        imp(1),
        imp(2),
        imp(3)
    );
    std::fs::write(dir.path().join("r.csv"), csv).unwrap();
    std::fs::write(
        dir.path().join("survey.toml"),
        shown_codebook("qualtrics", Some("ResponseId"), "Svc?", ["A", "B", "C"]),
    )
    .unwrap();
    let t = svc_table(dir.path());
    assert_eq!((t.answered, t.base), (2, 3));
    let a = t.rows[0].estimate.unwrap();
    assert_eq!((a.count, a.base), (2, 3));
    let (_, an) = load(&dir.path().join("survey.toml"));
    let report = shelfstat::render::markdown::report(&an.results);
    assert!(
        report.contains(
            "Base: the 3 respondents shown this question, including 1 that ticked nothing."
        ),
        "{report}"
    );
}

#[test]
fn shown_base_from_redcap_form_status() {
    // R1 ticks 1 (form complete); R2 ticks nothing in a completed form (shown); R3's form was
    // never opened (status 0): its zeros are not "shown". answered 1, shown 2.
    let dir = tempfile::tempdir().unwrap();
    let csv = "record_id,svc___1,svc___2,svc___3,form_complete\n1,1,0,0,2\n2,0,0,0,2\n3,0,0,0,0\n";
    std::fs::write(dir.path().join("r.csv"), csv).unwrap();
    let cb = shown_codebook("redcap", Some("record_id"), "svc", ["x", "y", "z"])
        .replace("label = \"x\"", "label = \"x\", value = 1")
        .replace("label = \"y\"", "label = \"y\", value = 2")
        .replace("label = \"z\"", "label = \"z\", value = 3");
    std::fs::write(dir.path().join("survey.toml"), cb).unwrap();
    let t = svc_table(dir.path());
    assert_eq!((t.answered, t.base), (1, 2));
    assert_eq!(t.rows[0].estimate.unwrap().count, 1);
}

#[test]
fn shown_base_without_platform_support_falls_back_with_a_note() {
    let dir = copy_dir(&root().join("data/ifla-refugee-2019"));
    let cb = std::fs::read_to_string(dir.path().join("survey.toml")).unwrap();
    let cb = cb.replacen(
        "short = \"Services offered\"",
        "short = \"Services offered\"\nbase = \"shown\"",
        1,
    );
    std::fs::write(dir.path().join("survey.toml"), cb).unwrap();
    let (_, a) = load(&dir.path().join("survey.toml"));
    let shelfstat::stats::QuestionStats::Choice(t) = a.results.question("services").unwrap() else {
        panic!()
    };
    assert_eq!(t.base, 237);
    assert!(a
        .results
        .warnings
        .iter()
        .any(|w| w.starts_with("question \"services\": base \"shown\" needs an export")));
    // And on a single-choice question it is a codebook error.
    let bad = std::fs::read_to_string(dir.path().join("survey.toml"))
        .unwrap()
        .replacen(
            "short = \"Type of library\"",
            "short = \"Type of library\"\nbase = \"shown\"",
            1,
        );
    let e = shelfstat::codebook::Codebook::parse(&bad, std::path::Path::new("survey.toml"))
        .unwrap_err();
    assert!(
        e.to_string()
            .contains("base = \"shown\" applies to multi questions (\"library_type\" is single)"),
        "{e}"
    );
}

/// LimeSurvey full answers in a language without built-in words: a one-line error naming the
/// cell and the codebook setting; with `checkbox_words` the same file runs.
#[test]
fn limesurvey_full_answer_words_from_the_codebook() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("r.csv"),
        "\"id\";\"submitdate\";\"startlanguage\";\"svc[SQ001]\";\"svc[SQ002]\"\r\n\"1\";\"2019-11-04 10:00:00\";\"hu\";\"Igen\";\"Nem\"\r\n",
    )
    .unwrap();
    let cb = |words: &str| {
        format!("[survey]\nid=\"h\"\ntitle=\"H\"\nwave=\"1\"\nsource=\"r.csv\"\nformat=\"limesurvey\"\n{words}\n[[questions]]\nid=\"svc\"\ntype=\"multi\"\ntext=\"svc\"\noptions=[{{code=\"a\",label=\"A\",value=\"SQ001\"}},{{code=\"b\",label=\"B\",value=\"SQ002\"}}]\n")
    };
    std::fs::write(dir.path().join("s.toml"), cb("")).unwrap();
    let l = pipeline::load(Some(&dir.path().join("s.toml"))).unwrap();
    let e = pipeline::analyse(&l).map(|_| ()).unwrap_err().to_string();
    assert_eq!(e.strip_prefix(&format!("{}/", dir.path().display())).unwrap(), "r.csv: row 2, column D (\"svc / SQ001\"): expected \"A\" or blank, found \"Igen\" (LimeSurvey full answers in a language shelfstat does not know: set [survey] checkbox_words = { yes = …, no = … })");
    std::fs::write(
        dir.path().join("s.toml"),
        cb("checkbox_words = { yes = \"Igen\", no = \"Nem\" }"),
    )
    .unwrap();
    let (_, a) = load(&dir.path().join("s.toml"));
    let QuestionStats::Choice(t) = &a.results.questions[0] else {
        panic!()
    };
    let counts: Vec<u64> = t
        .rows
        .iter()
        .map(|r| r.estimate.as_ref().unwrap().count)
        .collect();
    assert_eq!((t.answered, counts), (1, vec![1, 0]));
}

/// A KoboToolbox select_multiple exported as its summary column only (no 0/1 detail
/// columns): space-joined choice names, matched to the options' codes.
#[test]
fn kobo_summary_column_only() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("r.csv"),
        "\"start\";\"svc\";\"_uuid\"\r\n\"2019-11-04\";\"internet books\";\"u1\"\r\n\"2019-11-04\";\"\";\"u2\"\r\n\"2019-11-04\";\"classes\";\"u3\"\r\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("s.toml"),
        "[survey]\nid=\"k\"\ntitle=\"K\"\nwave=\"1\"\nsource=\"r.csv\"\nformat=\"auto\"\nrespondent_id=\"_uuid\"\n\
[[questions]]\nid=\"svc\"\ntype=\"multi\"\ntext=\"Services\"\nheader=\"svc\"\n\
options=[{code=\"internet\",label=\"Internet access\"},{code=\"books\",label=\"Books\"},{code=\"classes\",label=\"Classes\"}]\n",
    )
    .unwrap();
    let (l, a) = load(&dir.path().join("s.toml"));
    assert_eq!(l.raw.format, Format::Kobo);
    let QuestionStats::Choice(t) = &a.results.questions[0] else {
        panic!()
    };
    let counts: Vec<u64> = t
        .rows
        .iter()
        .map(|r| r.estimate.as_ref().unwrap().count)
        .collect();
    assert_eq!((t.answered, counts), (2, vec![1, 1, 1]));
}

/// Detection lives in each reader (`Reader::detects`): on every CSV fixture, the one layout
/// detected is the fixture's own, and its reader reads the file.
#[test]
fn the_detected_reader_reads_every_fixture() {
    use shelfstat::codebook::Format;
    let mut checked = 0;
    for platform in std::fs::read_dir(crate::common::root().join("tests/fixtures")).unwrap() {
        for case in std::fs::read_dir(platform.unwrap().path()).unwrap() {
            let case = case.unwrap().path();
            let (csv, cb) = (case.join("responses.csv"), case.join("survey.toml"));
            if !csv.exists() || !cb.exists() {
                continue;
            }
            let want = *shelfstat::codebook::Codebook::load(&cb)
                .unwrap()
                .survey
                .format
                .get_ref();
            if matches!(want, Format::Plain | Format::Auto) {
                continue;
            }
            let bytes = std::fs::read(&csv).unwrap();
            let got = shelfstat::ingest::detect(&bytes, &csv)
                .unwrap_or_else(|e| panic!("{}: {e}", csv.display()));
            assert_eq!(got, want, "{}", csv.display());
            shelfstat::ingest::read(&bytes, &csv, got)
                .unwrap_or_else(|e| panic!("{}: {e}", csv.display()));
            checked += 1;
        }
    }
    assert!(checked >= 10, "{checked} fixtures");
}
