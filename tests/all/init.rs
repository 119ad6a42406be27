//! `shelfstat init`: drafts that `run` accepts unchanged, with the types a reader would choose.

use crate::common::*;
use shelfstat::cmd::init::{init, InitOptions};
use shelfstat::cmd::synth::{synth, SynthOptions};
use shelfstat::codebook::Format;

fn draft_and_run(dir: &std::path::Path, export: &[u8]) -> (Vec<String>, shelfstat::stats::Results) {
    std::fs::write(dir.join("responses.csv"), export).unwrap();
    let (d, _) = init(&InitOptions {
        export: dir.join("responses.csv"),
        format: None,
        definition: None,
        like: None,
    })
    .unwrap();
    std::fs::write(dir.join("survey.toml"), &d.toml).unwrap();
    let (_, a) = load(&dir.join("survey.toml"));
    (d.summary, a.results)
}

#[test]
fn drafts_for_three_layouts_run_unchanged() {
    for format in [
        Format::SurveymonkeyExpandedText,
        Format::GoogleForms,
        Format::Qualtrics,
    ] {
        let dir = tempfile::tempdir().unwrap();
        let export = synth(&SynthOptions {
            format: Some(format),
            ..Default::default()
        })
        .unwrap();
        let (summary, r) = draft_and_run(dir.path(), &export);
        let kinds: Vec<&str> = summary
            .iter()
            .map(|l| l.split(": ").nth(1).unwrap().split(' ').next().unwrap())
            .collect();
        // country, type, cards, services, duration, cooperate, barriers, e-mail, practice
        assert_eq!(
            kinds,
            ["country", "single", "single", "multi", "single", "single", "multi", "text", "text"],
            "{format:?}: {summary:?}"
        );
        assert_eq!(r.respondents, 353, "{format:?}");
        assert_eq!(r.countries, Some(32), "{format:?}");
        // The services question's Internet option gives the published figure.
        let services = r.questions.iter().find_map(|q| match q {
            shelfstat::stats::QuestionStats::Choice(t) if t.text.starts_with("Which services") => {
                Some(t)
            }
            _ => None,
        });
        let internet = services
            .unwrap()
            .rows
            .iter()
            .find(|o| o.label == "Internet access")
            .unwrap();
        let e = internet.estimate.unwrap();
        assert_eq!((e.count, e.base), (221, 237), "{format:?}");
    }
}

#[test]
fn draft_flags_pii_columns_and_email_questions() {
    let (d, _) = init(&InitOptions {
        export: root().join("data/ifla-refugee-2019/responses.csv"),
        format: None,
        definition: None,
        like: None,
    })
    .unwrap();
    assert!(d.toml.contains("pii_columns = [\"IP Address\", \"Email Address\", \"First Name\", \"Last Name\", \"Custom Data 1\"]"));
    assert!(d.toml.contains("type = \"text\"\ntext = \"If you are willing to be interviewed about your services, please leave an e-mail address.\"\npii = true"));
}

#[test]
fn init_cli_prints_the_draft_and_what_it_guessed() {
    let out = assert_cmd::Command::cargo_bin("shelfstat")
        .unwrap()
        .args(["init"])
        .arg(root().join("data/ifla-refugee-2019/responses.csv"))
        .output()
        .unwrap();
    assert!(out.status.success());
    let stdout = String::from_utf8(out.stdout).unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stdout.starts_with("# Draft codebook written by `shelfstat init` from responses.csv."));
    assert!(stderr.contains("drafted 9 questions"), "{stderr}");
    assert!(
        stderr.contains(": country (353 of 353 answers are country names)"),
        "{stderr}"
    );
    let out = assert_cmd::Command::cargo_bin("shelfstat")
        .unwrap()
        .args(["init", "missing.csv"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        "error: missing.csv: No such file or directory (os error 2)\n"
    );
}

/// Real Qualtrics exports in ../shared: `init` drafts a codebook and `run` accepts it (or stops
/// with the real reason: two of the files hold only test responses).
#[test]
fn real_qualtrics_exports_draft_and_run() {
    let Some(dir) = shared_fixtures("qualtrics", "init on real exports") else {
        return;
    };
    for (file, kinds, outcome) in [
        (
            // Q1 is a single choice answered "2": one numeric answer cannot show that, so it
            // is drafted numeric (the .qsf would say single).
            "qualtRics_sample_3header.csv",
            vec!["numeric", "text", "text"],
            Ok(1),
        ),
        (
            "qualtRics_sample_legacy.csv",
            vec!["numeric", "text"],
            Ok(1),
        ),
        (
            "multiple_answer_mc_insights_2016.csv",
            vec!["multi"; 5],
            Err("all 5 were excluded (Qualtrics test response: 5); to analyse Qualtrics previews and test responses anyway, set keep_test_responses = true in [survey]"),
        ),
        (
            "long_exhaustive2_datatable_numeric.csv",
            vec![],
            Err("all 100 were excluded (Qualtrics test response: 100); to analyse Qualtrics previews and test responses anyway, set keep_test_responses = true in [survey]"),
        ),
    ] {
        let (tmp, d, fmt) = draft_copy(&dir.join(file), None);
        assert_eq!(fmt, Format::Qualtrics);
        let got: Vec<&str> = d
            .summary
            .iter()
            .filter(|l| !l.starts_with("(skipped)"))
            .map(|l| l.split(": ").nth(1).unwrap().split(' ').next().unwrap())
            .collect();
        if !kinds.is_empty() {
            assert_eq!(got, kinds, "{file}");
        } else {
            // Without the .qsf: 15 multi (6 real multi-selects, 9 multi-answer matrices that
            // look like them), 10 single, 2 text, 10 rating grids (single-answer matrices, their
            // items split from the question text); 8 skipped with a comment (side-by-side and
            // text-entry matrices, and blocks whose cells hold one value). Questions sharing a
            // text (Q2/Q10/Q11, Q14/Q15/Q16) are told apart by their QID.
            assert_eq!(got.iter().filter(|k| **k == "multi").count(), 15, "{file}");
            assert_eq!(got.iter().filter(|k| **k == "single").count(), 10, "{file}");
            assert_eq!(got.iter().filter(|k| **k == "grid").count(), 10, "{file}");
            assert_eq!(
                d.summary
                    .iter()
                    .filter(|l| l.starts_with("(skipped)"))
                    .count(),
                8,
                "{file}"
            );
        }
        let l = shelfstat::pipeline::load(Some(&tmp.path().join("survey.toml"))).unwrap();
        match (shelfstat::pipeline::analyse(&l), outcome) {
            (Ok(a), Ok(n)) => assert_eq!(a.results.respondents, n, "{file}"),
            (Err(e), Err(msg)) => assert!(e.to_string().ends_with(msg), "{file}: {e}"),
            (r, want) => panic!("{file}: {:?} vs {want:?}", r.map(|a| a.results.respondents)),
        }
    }
}

/// Real KoboToolbox and LimeSurvey XLSX exports in ../shared: read from XLSX, drafted, run.
#[test]
fn real_xlsx_exports_draft_and_run() {
    let Some(dir) = shared_fixtures("", "the real XLSX exports") else {
        return;
    };
    let mut drafts = Vec::new();
    for (file, format, questions, read, analysed) in [
        (
            "kobotoolbox/kobocruncher_sample_data_labels_dotsep.xlsx",
            Format::Kobo,
            5,
            5,
            5,
        ),
        (
            // 36: the 144-column checkbox array g0 (1 / blank) is one multi-select.
            "limesurvey/artifact_survey_results-survey54231.xlsx",
            Format::Limesurvey,
            36,
            257,
            124,
        ),
    ] {
        let (tmp, d, fmt) = draft_copy(&dir.join(file), None);
        assert_eq!(fmt, format, "{file}");
        let drafted = d
            .summary
            .iter()
            .filter(|l| !l.starts_with("(skipped)"))
            .count();
        assert_eq!(drafted, questions, "{file}: {:?}", d.summary);
        let (_, a) = load(&tmp.path().join("survey.toml"));
        assert_eq!(
            (
                a.results.accounting.rows_read,
                a.results.accounting.analysed
            ),
            (read, analysed),
            "{file}"
        );
        drafts.push(d);
    }
    // The Kobo select_multiple 'reason' comes from its 0/1 detail columns (". " separator).
    let d = &drafts[0];
    assert!(
        d.summary
            .iter()
            .any(|l| l.starts_with("reason: multi (9 choice columns")),
        "{:?}",
        d.summary
    );
    assert!(
        d.summary.iter().any(|l| l.starts_with("country: country")),
        "{:?}",
        d.summary
    );
    assert_eq!(
        drafts[1].summary[0],
        "g0: multi (144 choice columns; at most 7 ticked in a row)"
    );
}

/// Real REDCap raw exports in ../shared: checkboxes read from `race___N`, and the all-zero
/// checkbox of a never-opened form (record 6) does not count as an answer.
#[test]
fn real_redcap_exports_draft_and_run() {
    let Some(dir) = shared_fixtures("redcap", "the real REDCap exports") else {
        return;
    };
    for (file, rows, race_answered) in [
        ("redcapr_simple_data.csv", 5, 5),
        // Record 6 was never filled in: its only cells are its name (personal data, drafted
        // into pii_columns) and the form's zeros, so it is excluded as having no answer.
        ("redcapr_blank_for_gray_status_data.csv", 5, 5),
    ] {
        let (tmp, d, fmt) = draft_copy(&dir.join(file), None);
        assert_eq!(fmt, Format::Redcap);
        assert!(
            d.summary
                .iter()
                .any(|l| l.starts_with("race: multi (6 choice columns")),
            "{:?}",
            d.summary
        );
        assert!(
            d.summary
                .iter()
                .any(|l| l == "email: text (e-mail addresses: marked pii)"),
            "{:?}",
            d.summary
        );
        assert!(
            !d.summary
                .iter()
                .any(|l| l.contains("_complete") || l.starts_with("record_id")),
            "{:?}",
            d.summary
        );
        let (_, a) = load(&tmp.path().join("survey.toml"));
        assert_eq!(a.results.respondents, rows, "{file}");
        let race = a.results.questions.iter().find_map(|q| match q {
            shelfstat::stats::QuestionStats::Choice(t) if t.question == "race" => Some(t),
            _ => None,
        });
        assert_eq!(race.unwrap().answered, race_answered, "{file}");
    }
}

/// A SurveyMonkey export re-saved by pandas (index column, "Unnamed: N" headings, no metadata).
#[test]
fn real_pandas_resaved_surveymonkey_export() {
    let Some(dir) = shared_fixtures("surveymonkey", "the pandas re-saved SurveyMonkey export")
    else {
        return;
    };
    let (tmp, d, fmt) = draft_copy(
        &dir.join("ohbm2022_public_survey_data_pandas_roundtrip.csv"),
        None,
    );
    assert_eq!(fmt, Format::SurveymonkeyExpandedText);
    let kinds: Vec<&str> = d
        .summary
        .iter()
        .map(|l| l.split(": ").nth(1).unwrap().split(' ').next().unwrap())
        .collect();
    assert_eq!(
        (
            kinds.len(),
            kinds.iter().filter(|k| **k == "single").count(),
            kinds.iter().filter(|k| **k == "multi").count()
        ),
        (24, 21, 3)
    );
    let (_, a) = load(&tmp.path().join("survey.toml"));
    assert_eq!(
        (
            a.results.accounting.rows_read,
            a.results.accounting.analysed
        ),
        (311, 311)
    );
    assert!(a.results.warnings[0].ends_with("a pandas re-save of a SurveyMonkey export (index column, \"Unnamed: N\" headings); the SurveyMonkey metadata columns are missing"));
}

/// The platform codebooks in ../shared (REDCap data dictionaries, the KoboToolbox XLSForm, the
/// Qualtrics .qsf) drive `init --definition`: types, labels, codes and PII come from them, and
/// `run` accepts the draft.
#[test]
fn real_platform_codebooks_drive_the_draft() {
    let Some(dir) = shared_fixtures("", "the real platform codebooks") else {
        return;
    };
    let draft_with = |data: &str, def: &str| {
        let (tmp, d, _) = draft_copy(&dir.join(data), Some(&dir.join(def)));
        (tmp, d)
    };
    // REDCap: identifiers become pii_columns; radio/checkbox labels and codes from the
    // dictionary; 'sex' was written TRUE/FALSE by REDCapR, so it is drafted from the answers.
    for (data, dict, race_answered) in [
        (
            "redcap/redcapr_simple_data.csv",
            "redcap/redcapr_simple_dictionary.csv",
            5,
        ),
        (
            "redcap/redcapr_blank_for_gray_status_data.csv",
            "redcap/redcapr_blank_for_gray_status_dictionary.csv",
            5,
        ),
    ] {
        let (tmp, d) = draft_with(data, dict);
        assert!(d.toml.contains(
            "pii_columns = [\"name_first\", \"name_last\", \"address\", \"telephone\", \"email\", \"dob\"]"
        ), "{}", d.toml);
        assert!(d
            .toml
            .contains("{ code = \"asian\", label = \"Asian\", value = \"2\" },"));
        assert!(
            d.summary
                .contains(&"ethnicity: single (3 choices per the platform codebook)".to_string()),
            "{:?}",
            d.summary
        );
        assert!(d
            .summary
            .contains(&"height: numeric (numeric per the platform codebook)".to_string()));
        let (_, a) = load(&tmp.path().join("survey.toml"));
        let race = a.results.questions.iter().find_map(|q| match q {
            shelfstat::stats::QuestionStats::Choice(t) if t.question == "race" => Some(t),
            _ => None,
        });
        let race = race.unwrap();
        assert_eq!(race.answered, race_answered, "{data}");
        assert_eq!(race.rows[1].label, "Asian");
    }
    // KoboToolbox: labels from the choices sheet, HHSize numeric, country recognised.
    let (tmp, d) = draft_with(
        "kobotoolbox/kobocruncher_sample_data_labels_dotsep.xlsx",
        "kobotoolbox/kobocruncher_sample_xlsform.xlsx",
    );
    assert_eq!(
        d.summary,
        [
            "location: single (3 choices per the platform codebook)",
            "country: country (5 of 5 answers are country codes or names)",
            "occupation: text (free text, not published per the platform codebook)",
            "reason: multi (9 choices per the platform codebook)",
            "hhsize: numeric (numeric per the platform codebook)",
        ]
    );
    assert!(d.toml.contains(
        "{ code = \"subcenter\", label = \"Community Center\", value = \"subcenter\" },"
    ));
    let (_, a) = load(&tmp.path().join("survey.toml"));
    let loc = a.results.questions.iter().find_map(|q| match q {
        shelfstat::stats::QuestionStats::Choice(t) if t.question == "location" => Some(t),
        _ => None,
    });
    // location: home 2, subcenter 2, private_facility 1 (counted by hand from the sheet).
    let counts: Vec<(String, u64)> = loc
        .unwrap()
        .rows
        .iter()
        .map(|r| (r.label.clone(), r.estimate.as_ref().unwrap().count))
        .collect();
    assert_eq!(
        counts,
        [
            ("Home".to_string(), 2),
            ("Community Center".to_string(), 2),
            ("Private facility".to_string(), 1)
        ]
    );
    // Qualtrics: 8 single, 7 multi, 2 text, 8 single-answer matrices as grids (statements as
    // items, answers as the scale, recode values as values), one more single (a matrix whose
    // statements have no columns, drafted from the answers); multi-answer, side-by-side and
    // text matrices skipped; questions that share a text are named by QID; recode values become
    // option values.
    let (tmp, d) = draft_with(
        "qualtrics/long_exhaustive2_datatable_numeric.csv",
        "qualtrics/long_exhaustive2_survey.qsf",
    );
    let kind = |k: &str| {
        d.summary
            .iter()
            .filter(|l| l.split(": ").nth(1).unwrap().starts_with(k))
            .count()
    };
    assert_eq!((kind("single"), kind("multi"), kind("text")), (9, 7, 2));
    assert_eq!(kind("grid"), 8);
    assert!(d.toml.contains(
        "{ code = \"i_have_intimate\", label = \"I have an intimate relationship with this fruit\", value = \"100\" },"
    ));
    assert_eq!(
        d.summary
            .iter()
            .filter(|l| l.starts_with("(skipped)"))
            .count(),
        19,
        "{:?}",
        d.summary
    );
    assert!(d.toml.contains("header = \"QID16\""));
    assert!(d
        .toml
        .contains("{ code = \"kale_chips\", label = \"Kale chips\", value = \"50\" },"));
    // All 100 rows are test responses: the draft says so, and run says how to keep them.
    assert!(d.toml.contains(
        "keep_test_responses = false # 100 of 100 rows are Qualtrics previews or test responses: set true to analyse them"
    ));
    let toml = tmp.path().join("survey.toml");
    let l = shelfstat::pipeline::load(Some(&toml)).unwrap();
    let e = shelfstat::pipeline::analyse(&l)
        .map(|_| ())
        .unwrap_err()
        .to_string();
    assert!(e.ends_with("(Qualtrics test response: 100); to analyse Qualtrics previews and test responses anyway, set keep_test_responses = true in [survey]"), "{e}");
    // Kept, as a user testing a pipeline before launch would: all 100 are analysed.
    let text = std::fs::read_to_string(&toml).unwrap();
    std::fs::write(
        &toml,
        text.replace("keep_test_responses = false", "keep_test_responses = true"),
    )
    .unwrap();
    let l = shelfstat::pipeline::load(Some(&toml)).unwrap();
    let a = shelfstat::pipeline::analyse(&l).unwrap();
    assert_eq!(a.results.respondents, 100);
}

/// A file given as --definition that is no platform codebook: one line, exit 1, no draft.
#[test]
fn init_definition_errors_are_one_line() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("notes.txt"), "hello,world\n1,2\n").unwrap();
    std::fs::write(dir.path().join("bad.qsf"), "{\"SurveyElements\": [").unwrap();
    let fixture = root().join("tests/fixtures/redcap/raw/responses.csv");
    for (def, want) in [
        ("notes.txt", "notes.txt: row 1, column A: \"hello\" does not start a platform codebook shelfstat knows (REDCap data dictionary, KoboToolbox XLSForm, Qualtrics .qsf)\n"),
        ("bad.qsf", "bad.qsf: line 1, column 20: not a readable Qualtrics .qsf (JSON): EOF while parsing a list at line 1 column 20\n"),
    ] {
        let out = assert_cmd::Command::cargo_bin("shelfstat")
            .unwrap()
            .current_dir(dir.path())
            .arg("init")
            .arg(&fixture)
            .args(["--definition", def])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1));
        assert!(out.stdout.is_empty());
        assert_eq!(
            String::from_utf8(out.stderr).unwrap(),
            format!("error: {want}")
        );
    }
}

/// Blocks are drafted in parallel: still only the first country question is drafted as a
/// country (a second column of country names is a single choice), whatever the order of work.
#[test]
fn only_the_first_country_question_is_a_country() {
    let dir = tempfile::tempdir().unwrap();
    let mut csv =
        String::from("id,Which library type,In which country is your library,Country of birth\n");
    let places = ["France", "Kenya", "Chile", "Japan", "Canada", "Peru"];
    for i in 0..30 {
        let kind = ["public", "academic"][i % 2];
        csv.push_str(&format!(
            "{i},{kind},{},{}\n",
            places[i % 6],
            places[(i + 2) % 6]
        ));
    }
    std::fs::write(dir.path().join("plain.csv"), csv).unwrap();
    let (d, _) = init(&InitOptions {
        export: dir.path().join("plain.csv"),
        format: Some(Format::Plain),
        definition: None,
        like: None,
    })
    .unwrap();
    let summary = d.summary;
    let kinds: Vec<(&str, &str)> = summary
        .iter()
        .filter_map(|l| l.split_once(": "))
        .map(|(id, rest)| (id, rest.split(' ').next().unwrap()))
        .collect();
    assert_eq!(
        kinds,
        [
            ("library_type", "single"),
            ("in_country_library", "country"),
            ("country_birth", "single")
        ],
        "{summary:?}"
    );
}

/// Issue 25, class 7: the plainest flow, `init in/x.csv > cb/s.toml` then `run cb/s.toml`,
/// failed: the draft's source was relative to the folder init ran in, and run reads it from
/// the codebook's folder. Now it is written relative to where the draft lands (the file
/// standard output goes to, or `--out FILE`).
#[test]
fn a_draft_written_into_another_folder_runs_from_there() {
    let tmp = tempfile::tempdir().unwrap();
    let work = tmp.path();
    std::fs::create_dir_all(work.join("in")).unwrap();
    std::fs::create_dir_all(work.join("cb")).unwrap();
    let src = crate::common::root().join("tests/fixtures/google-forms/basic/responses.csv");
    std::fs::copy(src, work.join("in/x.csv")).unwrap();
    let bin = assert_cmd::cargo::cargo_bin("shelfstat");
    let sh = |script: &str| {
        let out = std::process::Command::new("sh")
            .arg("-c")
            .arg(script)
            .env("SHELFSTAT", &bin)
            .current_dir(work)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{script}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    sh("\"$SHELFSTAT\" init in/x.csv > cb/s.toml");
    let draft = std::fs::read_to_string(work.join("cb/s.toml")).unwrap();
    assert!(draft.contains("source = \"../in/x.csv\""), "{draft}");
    sh("\"$SHELFSTAT\" run cb/s.toml --out out1");
    // --out FILE does the same, and a draft in the current folder names the export from it.
    sh("\"$SHELFSTAT\" init in/x.csv --out cb/t.toml && \"$SHELFSTAT\" run cb/t.toml --out out2");
    sh("\"$SHELFSTAT\" init in/x.csv > here.toml && \"$SHELFSTAT\" run here.toml --out out3");
    let here = std::fs::read_to_string(work.join("here.toml")).unwrap();
    assert!(here.contains("source = \"in/x.csv\""), "{here}");
    // Piped, the draft is for the current folder.
    sh("\"$SHELFSTAT\" init in/x.csv | cat > piped.toml && \"$SHELFSTAT\" run piped.toml --out out4");
}
