//! The `coded` kind: a free-text question sorted into a codeframe by rules, counted by hand on
//! tests/fixtures/plain/coded (the counts are in its survey.toml).

use crate::common::*;
use shelfstat::kinds::QuestionStats;

fn fixture() -> std::path::PathBuf {
    root().join("tests/fixtures/plain/coded/survey.toml")
}

/// (code, count, base) of each row of question `id`'s table.
fn rows_of(r: &shelfstat::stats::Results, id: &str) -> Vec<(String, u64, u64)> {
    let Some(QuestionStats::Choice(t)) = r.questions.iter().find(|q| q.id() == id) else {
        panic!("no table {id}")
    };
    (t.rows.iter())
        .map(|row| {
            let e = row.estimate.unwrap();
            (row.code.clone(), e.count, e.base)
        })
        .collect()
}

/// The fixture's coded question's rows.
fn rows(r: &shelfstat::stats::Results) -> Vec<(String, u64, u64)> {
    rows_of(r, "practice")
}

/// `shelfstat ARGS…`.
fn shelfstat(args: &[&dyn AsRef<std::ffi::OsStr>]) -> std::process::Output {
    let mut cmd = assert_cmd::Command::cargo_bin("shelfstat").unwrap();
    for a in args {
        cmd.arg(a.as_ref());
    }
    cmd.output().unwrap()
}

#[test]
fn codes_counted_by_hand() {
    let (_, a) = load(&fixture());
    let want = [
        ("language", 3, 10),
        ("volunteers", 3, 10),
        ("jobs", 2, 10),
        ("stories", 2, 10),
        ("uncoded", 2, 10),
    ];
    let want: Vec<(String, u64, u64)> = want
        .iter()
        .map(|(c, k, n)| (c.to_string(), *k, *n))
        .collect();
    assert_eq!(rows(&a.results), want);
    // The answers are not kept: only who wrote one and which codes it took.
    let names: Vec<String> = (a.tidy.frame.get_column_names().iter())
        .map(|s| s.to_string())
        .collect();
    assert!(!names.contains(&"practice".to_string()), "{names:?}");
    assert!(names.contains(&"practice__jobs".to_string()), "{names:?}");
}

/// Broken down like a multi-select: per code and group, each code tested on its own.
#[test]
fn a_breakdown_by_code() {
    let tmp = copy_dir(&root().join("tests/fixtures/plain/coded"));
    let cb = tmp.path().join("survey.toml");
    let text = std::fs::read_to_string(&cb).unwrap().replace(
        "unit = \"libraries\"\n",
        "unit = \"libraries\"\nsuppression_threshold = 1\n\n[analysis]\nbreakdowns = [\"type\"]\nbreakdown_questions = [\"practice\"]\n",
    );
    std::fs::write(&cb, text).unwrap();
    let (_, a) = load(&cb);
    let b = &a.results.breakdowns[0];
    assert_eq!((b.question.as_str(), b.by.as_str()), ("practice", "type"));
    // Answered: public rows 1, 2, 4, 6, 8, 10 (6); school 3, 7, 11 (3); academic 9 (1).
    let bases: Vec<Option<u64>> = b.groups.iter().map(|g| g.base).collect();
    assert_eq!(bases, [Some(6), Some(3), Some(1)]);
    let codes: Vec<&str> = b.rows.iter().map(|r| r.code.as_str()).collect();
    assert_eq!(codes, ["language", "volunteers", "jobs", "stories"]);
    // Language: public rows 1, 2 of 6; school row 7 of 3.
    let lang: Vec<Option<u64>> = b.rows[0].cells.iter().map(|c| c.map(|e| e.count)).collect();
    assert_eq!(lang[..2], [Some(2), Some(1)]);
}

/// A codeframe's mistakes are refused at their line.
#[test]
fn codeframe_errors_name_their_line() {
    let cases = [
        (
            "regex = [\"\\\\bjob clubs?\\\\b\"]",
            "regex = [\"(job\"]",
            "code \"jobs\": regex",
        ),
        (
            "{ code = \"stories\"",
            "{ code = \"language\"",
            "duplicate code \"language\" in question \"practice\"",
        ),
        (
            "words = [\"story time\"]",
            "short = \"x\"",
            "code \"stories\" has no rule: give it words or a regex",
        ),
        (
            "{ code = \"stories\"",
            "{ code = \"uncoded\"",
            "code \"uncoded\" is the row of answers no rule took",
        ),
        (
            "{ code = \"public\", label = \"Public\" }",
            "{ code = \"public\", label = \"Public\", words = [\"city\"] }",
            "\"public\" in question \"type\": words, not and regex belong in codes = […]",
        ),
    ];
    for (from, to, said) in cases {
        let tmp = copy_dir(&root().join("tests/fixtures/plain/coded"));
        let cb = tmp.path().join("survey.toml");
        let text = std::fs::read_to_string(&cb).unwrap();
        assert!(text.contains(from), "{from}");
        let text = text.replacen(from, to, 1);
        std::fs::write(&cb, &text).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        let line = 1 + lines.iter().rposition(|l| l.contains(to)).unwrap();
        let out = shelfstat(&[&"run", &cb, &"--out", &tmp.path().join("out")]);
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(!out.status.success(), "{to}");
        assert!(
            err.contains(&format!("survey.toml:{line}: ")) && err.contains(said),
            "{to}: {err}"
        );
    }
}

/// (code, count, count as ticked) of a choice table's rows, bases checked apart.
fn backcoded(
    r: &shelfstat::stats::Results,
    id: &str,
    base: u64,
) -> Vec<(String, u64, Option<u64>)> {
    let Some(QuestionStats::Choice(t)) = r.questions.iter().find(|q| q.id() == id) else {
        panic!("no table {id}")
    };
    (t.rows.iter())
        .map(|row| {
            let e = row.estimate.unwrap();
            assert_eq!(e.base, base, "{id} {}", row.code);
            let before = row.as_ticked.map(|b| {
                assert_eq!(b.base, base);
                b.count
            });
            (row.code.clone(), e.count, before)
        })
        .collect()
}

fn owned(v: &[(&str, u64, Option<u64>)]) -> Vec<(String, u64, Option<u64>)> {
    v.iter().map(|(c, k, b)| (c.to_string(), *k, *b)).collect()
}

/// "Other" answers move into the options a code names; both figures are kept (hand counts in
/// tests/fixtures/plain/backcode/survey.toml).
#[test]
fn other_answers_back_coded_into_options() {
    let cb = root().join("tests/fixtures/plain/backcode/survey.toml");
    let (_, a) = load(&cb);
    let services = [
        ("internet", 5, Some(3)),
        ("books", 2, None),
        ("classes", 3, Some(2)),
        ("other", 1, Some(5)),
    ];
    assert_eq!(backcoded(&a.results, "services", 9), owned(&services));
    let types = [
        ("public", 5, Some(4)),
        ("school", 1, Some(1)),
        ("academic", 1, None),
        ("other", 3, Some(4)),
    ];
    assert_eq!(backcoded(&a.results, "type", 10), owned(&types));
    // What moved is in the tidy frame, the texts are not.
    let f = &a.tidy.frame;
    let flags = |name: &str| -> Vec<Option<bool>> {
        let c = f.column(name).unwrap().bool().unwrap();
        (0..c.len()).map(|i| c.get(i)).collect()
    };
    let (t, n) = (Some(true), Some(false));
    assert_eq!(
        flags("services__backcoded"),
        [n, n, t, t, n, t, n, None, t, n]
    );
    assert_eq!(
        flags("services__internet__backcoded"),
        [n, n, t, n, n, n, n, None, t, n]
    );
    assert_eq!(flags("type__public__backcoded")[6], t);
    let mut csv = Vec::new();
    a.tidy.write_csv(&mut csv).unwrap();
    let csv = String::from_utf8(csv).unwrap();
    assert!(!csv.contains("wifi") && !csv.contains("Knitting"), "{csv}");
    // The method note states both figures; the ambiguous single answer is said.
    let out = tempfile::tempdir().unwrap();
    let run = shelfstat(&[&"run", &cb, &"--out", &out.path().join("r")]);
    assert!(run.status.success());
    let md = std::fs::read_to_string(out.path().join("r/report.md")).unwrap();
    assert!(md.contains("- Services: \"other\" answers that the codebook's codes take are back-coded into their options (\"other\" keeps the rest); published with back-coding: Internet access 55.6% (33.3% as ticked), Classes 33.3% (22.2% as ticked), Other 11.1% (55.6% as ticked)."), "{md}");
    assert!(
        md.contains(
            "question \"type\": 1 \"other\" answer took more than one code and stays \"other\""
        ),
        "{md}"
    );
}

/// Back-coding codes must name the question's options, with its "other" to move from.
#[test]
fn back_coding_mistakes_are_refused_at_their_line() {
    let cases = [
        (
            "{ code = \"internet\", label = \"\"",
            "{ code = \"wifi\", label = \"\"",
            "code \"wifi\" of question \"services\" is none of its options",
        ),
        (
            "{ code = \"classes\", label = \"Classes\", words",
            "{ code = \"classes\", label = \"Lessons\", words",
            "code \"classes\": label \"Lessons\" is not the option's (\"Classes\")",
        ),
        (
            "other = { code = \"other\", label = \"Other\" }\ncodes = [\n  { code = \"internet\"",
            "codes = [\n  { code = \"internet\"",
            "question \"services\" has codes but no \"other\"",
        ),
    ];
    for (from, to, said) in cases {
        let tmp = copy_dir(&root().join("tests/fixtures/plain/backcode"));
        let cb = tmp.path().join("survey.toml");
        let text = std::fs::read_to_string(&cb).unwrap();
        assert!(text.contains(from), "{from}");
        std::fs::write(&cb, text.replacen(from, to, 1)).unwrap();
        let out = shelfstat(&[&"run", &cb, &"--out", &tmp.path().join("out")]);
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success() && err.contains(said), "{said}\n{err}");
        assert!(err.contains("survey.toml:"), "{err}");
    }
}

/// The fixture's codebook with its human codes (tests/fixtures/plain/coded/practice-codes.csv).
fn with_human_codes() -> tempfile::TempDir {
    let tmp = copy_dir(&root().join("tests/fixtures/plain/coded"));
    let cb = tmp.path().join("survey.toml");
    let text = std::fs::read_to_string(&cb).unwrap().replace(
        "short = \"A practice that worked\"\n",
        "short = \"A practice that worked\"\nhuman_codes = \"practice-codes.csv\"\n",
    );
    std::fs::write(&cb, text).unwrap();
    tmp
}

/// The first coder's codes override the rules' where they coded; the agreement figures are the
/// hand-computed ones.
#[test]
fn human_codes_override_rules_and_agreement_is_measured() {
    let tmp = with_human_codes();
    let (_, a) = load(&tmp.path().join("survey.toml"));
    // Coder 1 adds volunteers to row 2 and language to row 8; row 11 keeps the rules' codes.
    let want = [
        ("language", 4, 10),
        ("volunteers", 4, 10),
        ("jobs", 2, 10),
        ("stories", 2, 10),
        ("uncoded", 2, 10),
    ];
    let want: Vec<(String, u64, u64)> = (want.iter())
        .map(|(c, k, n)| (c.to_string(), *k, *n))
        .collect();
    assert_eq!(rows(&a.results), want);
    let Some(QuestionStats::Choice(t)) = a.results.questions.iter().find(|q| q.id() == "practice")
    else {
        panic!()
    };
    let q = t.coding.as_ref().expect("coding quality");
    assert_eq!((q.human_coded, q.both_coded), (9, Some(8)));
    let close = |a: f64, b: f64| assert!((a - b).abs() < 1e-12, "{a} vs {b}");
    // Rules against coder 1 on 9 answers: language 3 both, 1 coder only, 5 neither:
    // po 8/9, pe 42/81, kappa 30/39; precision 3/3, recall 3/4. Volunteers the same.
    for c in &q.codes[..2] {
        close(c.rules_kappa.unwrap().kappa, 30.0 / 39.0);
        close(c.precision.unwrap(), 1.0);
        close(c.recall.unwrap(), 0.75);
    }
    for c in &q.codes[2..] {
        close(c.rules_kappa.unwrap().kappa, 1.0);
        close(c.rules_kappa.unwrap().se, 0.0);
    }
    // Coders on 8 answers: language kappa 0.75; volunteers (3 vs 1 of 8) 5/13.
    close(q.codes[0].coders_kappa.unwrap().kappa, 0.75);
    close(q.codes[1].coders_kappa.unwrap().kappa, 5.0 / 13.0);
    // Alpha over 32 units, 3 disagreeing, 15 ones and 49 zeros among 64 values:
    // 1 − 63·6 / (2·49·15) = 1 − 378/1470.
    close(q.alpha.unwrap(), 1.0 - 378.0 / 1470.0);
}

/// A bad human codes file is refused, naming the file, row and column.
#[test]
fn human_codes_errors_name_the_cell() {
    let cases = [
        ("8,stories;language,stories", "8,stories;langauge,stories", "practice-codes.csv: row 8, column B (coder_1): \"langauge\" is no code of question \"practice\""),
        ("respondent_id,coder_1,coder_2", "id,coder_1,coder_2", "practice-codes.csv: row 1: the header must be"),
        ("9,-,-", "3,-,-", "practice-codes.csv: row 9, column A (respondent_id): respondent \"3\" appears twice"),
    ];
    for (from, to, said) in cases {
        let tmp = with_human_codes();
        let f = tmp.path().join("practice-codes.csv");
        let text = std::fs::read_to_string(&f).unwrap();
        assert!(text.contains(from), "{from}");
        std::fs::write(&f, text.replacen(from, to, 1)).unwrap();
        let out = shelfstat(&[
            &"run",
            &tmp.path().join("survey.toml"),
            &"--out",
            &tmp.path().join("out"),
        ]);
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success() && err.contains(said), "{said}\n{err}");
        assert!(!tmp.path().join("out").exists());
    }
}

/// Kappa (scikit-learn), its standard error (statsmodels) and alpha (krippendorff) on the
/// fixture's human codes, from the tidy frame a run writes, to 1e-12.
#[test]
fn agreement_equals_sklearn_statsmodels_and_krippendorff() {
    if !crate::crosscheck::ready_or_skip("the coding-agreement cross-check") {
        return;
    }
    let tmp = with_human_codes();
    let fixture = ["language", "volunteers", "jobs", "stories"];
    assert_eq!(
        agreement_matches(Some(&tmp.path().join("survey.toml")), &fixture),
        8
    );
    // The bundled sample: 10 codes, 50 answers coded once and 30 twice.
    let codes = [
        "language",
        "volunteers",
        "stories",
        "welcome",
        "jobs",
        "outreach",
        "home_languages",
        "cards",
        "digital",
        "partnership",
    ];
    assert_eq!(agreement_matches(None, &codes), 19);
}

/// Runs `codebook` (None: the bundled sample) and compares its coding figures with
/// tests/crosscheck/agreement.py's on the tidy frame it writes; returns how many kappas (with
/// their standard errors) were compared.
fn agreement_matches(codebook: Option<&std::path::Path>, codes: &[&str]) -> usize {
    let tmp = tempfile::tempdir().unwrap();
    let out_dir = tmp.path().join("out");
    let mut cmd = assert_cmd::Command::cargo_bin("shelfstat").unwrap();
    cmd.arg("run");
    if let Some(cb) = codebook {
        cmd.arg(cb);
    }
    let run = cmd.arg("--out").arg(&out_dir).output().unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let py = std::process::Command::new(crate::crosscheck::python())
        .arg(root().join("tests/crosscheck/agreement.py"))
        .arg("--tidy")
        .arg(out_dir.join("tidy/responses.csv"))
        .arg("practice")
        .args(codes)
        .output()
        .unwrap();
    assert!(
        py.status.success(),
        "{}",
        String::from_utf8_lossy(&py.stderr)
    );
    let want: serde_json::Value = serde_json::from_slice(&py.stdout).unwrap();
    let results: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out_dir.join("results.json")).unwrap())
            .unwrap();
    let table = (results["questions"].as_array().unwrap().iter())
        .find(|q| q["question"] == "practice")
        .unwrap();
    let got = &table["coding"];
    assert_eq!(got["human_coded"], want["human_coded"]);
    assert_eq!(got["both_coded"], want["both_coded"]);
    let close = |a: &serde_json::Value, b: &serde_json::Value| {
        let (a, b) = (a.as_f64().unwrap(), b.as_f64().unwrap());
        assert!((a - b).abs() < 1e-12, "{a} vs {b}");
    };
    close(&got["alpha"], &want["alpha"]);
    let mut checked = 0;
    for c in got["codes"].as_array().unwrap() {
        let w = &want["codes"][c["code"].as_str().unwrap()];
        for (mine, theirs) in [("rules_kappa", "rules"), ("coders_kappa", "coders")] {
            // Undefined (every answer coded alike by one side) on both sides, or equal.
            assert_eq!(c[mine].is_null(), w[theirs].is_null(), "{c} {w}");
            if c[mine].is_null() {
                continue;
            }
            close(&c[mine]["kappa"], &w[theirs]["kappa"]);
            // statsmodels takes the root of a variance rounded below 0 (NaN): ours is 0.
            let se = if w[theirs]["se"].is_null() {
                serde_json::json!(0.0)
            } else {
                w[theirs]["se"].clone()
            };
            // A variance of rounding noise (≈1e-15) is no figure: its root is compared as "0".
            let (a, b) = (c[mine]["se"].as_f64().unwrap(), se.as_f64().unwrap());
            match a < 1e-6 {
                true => assert!(b < 1e-6, "se {a} vs {b}"),
                false => assert!((a - b).abs() < 1e-12, "se {a} vs {b}"),
            }
            checked += 1;
        }
    }
    checked
}

/// Random codings (a property test): kappa, its standard error and alpha equal the
/// independent implementations to 1e-12 wherever they are defined, and are undefined together.
#[test]
fn agreement_on_random_codings_equals_the_independent_implementations() {
    use shelfstat::kinds::coded::agreement::{alpha_nominal, kappa};
    if !crate::crosscheck::ready_or_skip("the coding-agreement property test") {
        return;
    }
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state >> 11) as f64 / (1u64 << 53) as f64
    };
    let mut cases = Vec::new();
    let mut input = Vec::new();
    for _ in 0..300 {
        let n = 1 + (next() * 60.0) as usize;
        let (p, agree, missing) = (next(), next(), next() * 0.3);
        let x: Vec<bool> = (0..n).map(|_| next() < p).collect();
        let y: Vec<bool> = (x.iter())
            .map(|&a| if next() < agree { a } else { next() < p })
            .collect();
        let units: Vec<Vec<Option<u32>>> = (x.iter().zip(&y))
            .map(|(&a, &b)| {
                let keep = |v: bool, r: f64| (r >= missing).then_some(v as u32);
                vec![keep(a, next()), keep(b, next())]
            })
            .collect();
        input.push(serde_json::json!({"x": x, "y": y, "units": units}));
        cases.push((kappa(&x, &y), alpha_nominal(&units)));
    }
    let mut child = std::process::Command::new(crate::crosscheck::python())
        .arg(root().join("tests/crosscheck/agreement.py"))
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    let text = serde_json::to_string(&input).unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(text.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    let want: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    let (mut kappas, mut alphas) = (0, 0);
    for (k, ((mine_k, mine_a), w)) in cases.iter().zip(&want).enumerate() {
        match (mine_k, w["kappa"].is_null()) {
            (Some(m), false) => {
                let wk = w["kappa"]["kappa"].as_f64().unwrap();
                // statsmodels takes the root of a variance rounded below 0 (NaN): ours is 0.
                let ws = w["kappa"]["se"].as_f64().unwrap_or(0.0);
                assert!(
                    (m.kappa - wk).abs() < 1e-12 && (m.se - ws).abs() < 1e-12,
                    "case {k}: {m:?} vs {wk} {ws}"
                );
                kappas += 1;
            }
            (None, true) => {}
            (m, _) => panic!("case {k}: kappa {m:?} vs {}", w["kappa"]),
        }
        match (mine_a, w["alpha"].as_f64()) {
            (Some(m), Some(a)) => {
                assert!((m - a).abs() < 1e-12, "case {k}: alpha {m} vs {a}");
                alphas += 1;
            }
            (None, None) => {}
            (m, a) => panic!("case {k}: alpha {m:?} vs {a:?}"),
        }
    }
    assert!(kappas > 250 && alphas > 250, "{kappas} {alphas}");
}

/// export → fill (openpyxl, as a coder in Excel) → import → run: the planted codes come back,
/// in the codes file and in the published figures; a bad cell is named by sheet, row, column.
#[test]
fn coding_round_trip_reproduces_the_planted_codes() {
    if !crate::crosscheck::ready_or_skip("the coding round trip") {
        return;
    }
    let tmp = copy_dir(&root().join("tests/fixtures/plain/coded"));
    std::fs::remove_file(tmp.path().join("practice-codes.csv")).unwrap();
    let cb = tmp.path().join("survey.toml");
    let shelfstat = |args: &[&std::ffi::OsStr]| {
        assert_cmd::Command::cargo_bin("shelfstat")
            .unwrap()
            .args(args)
            .output()
            .unwrap()
    };
    let exported = tmp.path().join("coding.xlsx");
    let out = shelfstat(&[
        "code".as_ref(),
        "export".as_ref(),
        cb.as_os_str(),
        "practice".as_ref(),
        "--out".as_ref(),
        exported.as_os_str(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // Planted: coder 1 codes every answer as the fixture's human codes do; coder 2 a part.
    let planted = serde_json::json!({
        "1": ["language; volunteers", "language"], "2": ["language;volunteers", "language"],
        "3": ["volunteers", "volunteers"], "4": ["jobs", "jobs"], "6": ["-", "-"],
        "7": ["language", "language"], "8": ["stories, language", "stories"], "9": ["-", "-"],
        "10": ["jobs;volunteers", null]
    });
    let fill = |into: &std::path::Path, codes: &serde_json::Value| {
        let mut child = std::process::Command::new(crate::crosscheck::python())
            .arg(root().join("tests/crosscheck/fill_coding.py"))
            .arg(&exported)
            .arg(into)
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        use std::io::Write;
        child
            .stdin
            .take()
            .unwrap()
            .write_all(codes.to_string().as_bytes())
            .unwrap();
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success());
        String::from_utf8(out.stdout).unwrap()
    };
    let filled = tmp.path().join("filled.xlsx");
    assert_eq!(fill(&filled, &planted).trim(), "9");
    let out = shelfstat(&[
        "code".as_ref(),
        "import".as_ref(),
        cb.as_os_str(),
        "practice".as_ref(),
        filled.as_os_str(),
    ]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(
        err.contains("9 answers coded by coder_1, 8 by coder_2"),
        "{err}"
    );
    let codes = std::fs::read_to_string(tmp.path().join("practice-codes.csv")).unwrap();
    assert_eq!(
        codes,
        std::fs::read_to_string(root().join("tests/fixtures/plain/coded/practice-codes.csv"))
            .unwrap()
    );
    // Named in the codebook, they give the hand-counted figures of the human-codes test.
    let text = std::fs::read_to_string(&cb).unwrap().replace(
        "short = \"A practice that worked\"\n",
        "short = \"A practice that worked\"\nhuman_codes = \"practice-codes.csv\"\n",
    );
    std::fs::write(&cb, text).unwrap();
    let (_, a) = load(&cb);
    let counts: Vec<u64> = rows(&a.results).iter().map(|r| r.1).collect();
    assert_eq!(counts, [4, 4, 2, 2, 2]);
    // A misspelt code is named by its sheet, row and column; nothing is written.
    std::fs::remove_file(tmp.path().join("practice-codes.csv")).unwrap();
    let bad = tmp.path().join("bad.xlsx");
    fill(&bad, &serde_json::json!({"4": ["jobs", "job club"]}));
    let out = shelfstat(&[
        "code".as_ref(),
        "import".as_ref(),
        cb.as_os_str(),
        "practice".as_ref(),
        bad.as_os_str(),
    ]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "{err}");
    assert!(
        err.contains("bad.xlsx: sheet \"answers\", row 5, column E (coder_2): \"job club\" is no code of question \"practice\""),
        "{err}"
    );
    assert!(!tmp.path().join("practice-codes.csv").exists());
    // The workbook never holds a text the codebook keeps private: no answer column survives
    // into the codes file, and export refuses to overwrite a coder's workbook.
    assert!(!codes.contains("café"));
    let again = shelfstat(&[
        "code".as_ref(),
        "export".as_ref(),
        cb.as_os_str(),
        "practice".as_ref(),
        "--out".as_ref(),
        filled.as_os_str(),
    ]);
    assert!(!again.status.success());
}

/// Quotes only where the codebook opts in, personal data masked, escaped as text, and none from
/// a code under the suppression threshold.
#[test]
fn quotes_are_opt_in_masked_escaped_and_never_from_small_codes() {
    let tmp = copy_dir(&root().join("tests/fixtures/plain/coded"));
    let cb = tmp.path().join("survey.toml");
    let csv = tmp.path().join("responses.csv");
    let data = std::fs::read_to_string(&csv)
        .unwrap()
        .replace(
            "2,Public,Conversation groups in Arabic and Farsi",
            "2,Public,Conversation groups in Arabic: write to amal@example.org",
        )
        .replace(
            "3,School,Homework help after school by student volunteers",
            "3,School,Student volunteers <img src=x onerror=alert(1)> [x](javascript:alert(2))",
        );
    std::fs::write(&csv, data).unwrap();
    let run = |text: &str| {
        std::fs::write(&cb, text).unwrap();
        let out_dir = tmp.path().join("out");
        let out = shelfstat(&[&"run", &cb, &"--out", &out_dir]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let md = std::fs::read_to_string(out_dir.join("report.md")).unwrap();
        let html = std::fs::read_to_string(out_dir.join("report.html")).unwrap();
        let json = std::fs::read_to_string(out_dir.join("results.json")).unwrap();
        (md, html, json)
    };
    let plain = std::fs::read_to_string(&cb).unwrap();
    // Not opted in: no answer anywhere.
    let (md, html, json) = run(&plain);
    for out in [&md, &html, &json] {
        assert!(!out.contains("Arabic") && !out.contains("Student volunteers"));
    }
    // Opted in, threshold 3: language (3) and volunteers (3) quoted, jobs and stories (2) not.
    let opted = plain
        .replace(
            "short = \"A practice that worked\"\n",
            "short = \"A practice that worked\"\nquotes = 2\n",
        )
        .replace(
            "unit = \"libraries\"\n",
            "unit = \"libraries\"\nsuppression_threshold = 3\n",
        );
    let (md, html, json) = run(&opted);
    assert!(
        md.contains("- *Language practice*: “A weekly language café run by volunteers.”"),
        "{md}"
    );
    assert!(
        md.contains(
            "- *Language practice*: “Conversation groups in Arabic: write to \\[e-mail\\]”"
        ),
        "{md}"
    );
    assert!(md.contains("- *Volunteers*: “Student volunteers"), "{md}");
    assert!(!md.contains("amal@") && !html.contains("amal@") && !json.contains("amal@"));
    assert!(
        !md.contains("Job clubs with") && !md.contains("Story time in"),
        "{md}"
    );
    // Escaped as text: no tag, no javascript: link.
    assert!(
        md.contains("\\<img") && !md.replace("\\<", "").contains("<img"),
        "{md}"
    );
    assert!(!html.contains("<img src=x"), "a tag from the data");
    assert!(!html.contains("href=\"javascript:"), "a link from the data");
    // quotes past the limit are refused at their line.
    let too_many = opted.replace("quotes = 2", "quotes = 9");
    std::fs::write(&cb, too_many).unwrap();
    let out = shelfstat(&[&"run", &cb, &"--out", &tmp.path().join("out2")]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("quotes = 9 in question \"practice\": at most 5"),
        "{err}"
    );
}

/// `code suggest` lists the recurring phrases with their counts (hand-counted on the fixture)
/// and masked examples.
#[test]
fn code_suggest_lists_recurring_phrases() {
    let tmp = copy_dir(&root().join("tests/fixtures/plain/coded"));
    let csv = tmp.path().join("responses.csv");
    let data = std::fs::read_to_string(&csv).unwrap().replace(
        "4,Public,\"Job clubs with the employment office\"",
        "4,Public,\"Job clubs: ask for Maria Lopez\"",
    );
    std::fs::write(&csv, data).unwrap();
    let out = shelfstat(&[
        &"code",
        &"suggest",
        &tmp.path().join("survey.toml"),
        &"practice",
    ]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(out.status.success());
    assert!(
        text.starts_with("\"practice\": 10 typed answers;"),
        "{text}"
    );
    // café: rows 1, 7, 8; job club: rows 4, 10; story time: rows 8, 11.
    assert!(text.contains("    3  cafe "), "{text}");
    assert!(
        text.contains(
            "    2  job club       “Job clubs: ask for [name]”  “Volunteer-led job club”"
        ),
        "{text}"
    );
    assert!(text.contains("    2  story time "), "{text}");
    assert!(!text.contains("Maria"), "{text}");
}

/// The bundled 2019 wave: the practice answers' code figures equal the planted codes of their
/// texts (with the first coder's codes where they coded), and back-coding moves the planted
/// "other" services into their options, counted from the raw export by hand-written rules.
#[test]
fn bundled_2019_codes_equal_the_planted_shares() {
    let planted: &[(&str, &[&str])] = &[
        (
            "Weekly conversation café run with volunteers from the community.",
            &["language", "volunteers"],
        ),
        (
            "Library cards without proof of address, on a simple declaration.",
            &["cards"],
        ),
        (
            "Bilingual story times with parents reading in their own language.",
            &["stories"],
        ),
        (
            "Une visite d'accueil de la bibliothèque en arabe, farsi et tigrinya.",
            &["welcome"],
        ),
        (
            "Job clubs in partnership with the local employment office.",
            &["jobs", "partnership"],
        ),
        (
            "Outreach visits to the reception centre with a book bike.",
            &["outreach"],
        ),
        (
            "Aide aux devoirs par des étudiants bénévoles après l'école.",
            &["volunteers"],
        ),
        (
            "Colecciones en lengua materna elegidas junto con la comunidad.",
            &["home_languages"],
        ),
        (
            "Free printing and scanning of documents for asylum applications.",
            &[],
        ),
        (
            "Partnership with the adult education centre for language courses.",
            &["language", "partnership"],
        ),
        (
            "Digital skills classes on smartphones rather than desktops.",
            &["digital"],
        ),
        ("Staff training on trauma-informed service.", &[]),
        ("Asesoría legal mensual con un consejo de refugiados.", &[]),
        (
            "Soirées culturelles où les nouveaux arrivants présentent leur pays.",
            &[],
        ),
        ("Multilingual signage throughout the building.", &[]),
    ];
    let wave = root().join("data/ifla-refugee-2019");
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_path(wave.join("responses.csv"))
        .unwrap();
    let rows: Vec<csv::StringRecord> = rdr.records().map(|r| r.unwrap()).collect();
    let heading = |k: usize| {
        (0..=k)
            .rev()
            .map(|j| &rows[0][j])
            .find(|h| !h.is_empty())
            .unwrap()
            .to_string()
    };
    let col = |head: &str, sub: &str| {
        (0..rows[0].len())
            .find(|&k| heading(k).starts_with(head) && rows[1][k].trim() == sub)
            .unwrap()
    };
    let practice = col("Please describe one practice", "Open-Ended Response");
    // The first coder's codes, by respondent id.
    let human: std::collections::HashMap<String, Vec<String>> =
        std::fs::read_to_string(wave.join("practice-codes.csv"))
            .unwrap()
            .lines()
            .skip(1)
            .map(|l| {
                let f: Vec<&str> = l.split(',').collect();
                let codes = match f[1] {
                    "-" => vec![],
                    c => c.split(';').map(String::from).collect(),
                };
                (f[0].to_string(), codes)
            })
            .collect();
    let mut want: std::collections::BTreeMap<String, u64> = Default::default();
    let mut answered = 0;
    for r in &rows[2..] {
        let text = r[practice].trim();
        if text.is_empty() {
            continue;
        }
        answered += 1;
        let codes: Vec<String> = match human.get(&r[0]) {
            Some(h) => h.clone(),
            None => planted
                .iter()
                .find(|(t, _)| *t == text)
                .unwrap()
                .1
                .iter()
                .map(|c| c.to_string())
                .collect(),
        };
        if codes.is_empty() {
            *want.entry("uncoded".into()).or_default() += 1;
        }
        for c in codes {
            *want.entry(c).or_default() += 1;
        }
    }
    let (_, a) = load(&sample_codebook());
    let got: std::collections::BTreeMap<String, u64> = rows_of(&a.results, "practice")
        .into_iter()
        .map(|(c, k, n)| {
            assert_eq!(n, answered);
            (c, k)
        })
        .collect();
    assert_eq!(got, want);
    assert_eq!((got["partnership"], got["uncoded"]), (26, 41));
    // Services: an "other" text moves into the option it names.
    let into: &[(&str, &str)] = &[
        (
            "Legal clinic with the refugee council",
            "Legal advice (with partner organisations)",
        ),
        (
            "CV workshops for newcomers",
            "Help with job seeking (CVs, applications, interviews)",
        ),
        ("Homework club for teenagers", "Homework help"),
        (
            "Citizenship test preparation",
            "Citizenship and civic integration classes",
        ),
    ];
    let services = "Which services does your library offer";
    let other = col(services, "Other (please specify)");
    let Some(QuestionStats::Choice(t)) = a.results.questions.iter().find(|q| q.id() == "services")
    else {
        panic!()
    };
    let row = |label: &str| t.rows.iter().find(|r| r.label == label).unwrap();
    let mut left_in_other = 0;
    for r in &rows[2..] {
        let text = r[other].trim();
        if !text.is_empty() && !into.iter().any(|(t, _)| *t == text) {
            left_in_other += 1;
        }
    }
    assert_eq!(
        row("Other (please specify)").estimate.unwrap().count,
        left_in_other
    );
    assert_eq!(row("Other (please specify)").as_ticked.unwrap().count, 21);
    for (text, label) in into {
        let c = col(services, label);
        let ticked = rows[2..].iter().filter(|r| !r[c].trim().is_empty()).count() as u64;
        let given = (rows[2..].iter())
            .filter(|r| r[other].trim() == *text && r[c].trim().is_empty())
            .count() as u64;
        assert_eq!(row(label).as_ticked.unwrap().count, ticked, "{label}");
        assert_eq!(
            row(label).estimate.unwrap().count,
            ticked + given,
            "{label}"
        );
        assert!(given > 0, "{label}: nothing moved");
    }
    // Published figures of the summary are unchanged.
    assert_eq!(row("Internet access").estimate.unwrap().count, 221);
}

/// A headline may state a code's share, as an option's.
#[test]
fn a_headline_on_a_code() {
    let tmp = copy_dir(&root().join("tests/fixtures/plain/coded"));
    let cb = tmp.path().join("survey.toml");
    let mut text = std::fs::read_to_string(&cb).unwrap();
    text.push_str("\n[[headlines]]\nid = \"lang\"\nquestion = \"practice\"\noption = \"language\"\ntext = \"{pct} of the {base} {unit} that described a practice name language practice ({ci}).\"\n");
    std::fs::write(&cb, text).unwrap();
    let out = shelfstat(&[&"headline", &cb]);
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // 3 of 10 (rows 1, 2, 7); Wilson 10.8–60.3.
    assert!(
        said.contains("30.0% of the 10 libraries that described a practice name language practice (95% CI 10.8–60.3%)."),
        "{said}"
    );
}

/// A human coder's codes override the back-coding rules where they coded an "other" answer.
#[test]
fn human_codes_override_back_coding() {
    let tmp = copy_dir(&root().join("tests/fixtures/plain/backcode"));
    let cb = tmp.path().join("survey.toml");
    let text = std::fs::read_to_string(&cb).unwrap().replace(
        "  { code = \"classes\", label = \"Classes\", words = [\"lesson\", \"course\"] },\n]\n",
        "  { code = \"classes\", label = \"Classes\", words = [\"lesson\", \"course\"] },\n]\nhuman_codes = \"services-codes.csv\"\n",
    );
    assert!(text.contains("services-codes.csv"));
    std::fs::write(&cb, text).unwrap();
    // Row 5 "Knitting club" → classes (no rule took it); row 9 "Computer lessons and wifi" →
    // classes only (the rules also gave internet).
    std::fs::write(
        tmp.path().join("services-codes.csv"),
        "respondent_id,coder_1\n5,classes\n9,classes\n",
    )
    .unwrap();
    let (_, a) = load(&cb);
    let got: Vec<(String, u64)> = (rows_of(&a.results, "services").into_iter())
        .map(|(c, k, n)| {
            assert_eq!(n, 9);
            (c, k)
        })
        .collect();
    let want = [("internet", 4), ("books", 2), ("classes", 4), ("other", 0)];
    let want: Vec<(String, u64)> = want.iter().map(|(c, k)| (c.to_string(), *k)).collect();
    assert_eq!(got, want);
}

/// A codeframe past its limits is refused at the line of the first code too many.
#[test]
fn codeframe_limits_are_enforced_before_the_work() {
    let tmp = copy_dir(&root().join("tests/fixtures/plain/coded"));
    let cb = tmp.path().join("survey.toml");
    let text = std::fs::read_to_string(&cb).unwrap();
    let many: String = (0..1001)
        .map(|k| format!("  {{ code = \"c{k}\", label = \"C{k}\", words = [\"w{k}\"] }},\n"))
        .collect();
    let big = text.replace(
        "  { code = \"language\"",
        &format!("{many}  {{ code = \"language\""),
    );
    std::fs::write(&cb, &big).unwrap();
    let out = shelfstat(&[&"run", &cb, &"--out", &tmp.path().join("out")]);
    let err = String::from_utf8_lossy(&out.stderr);
    let line = 1 + big
        .lines()
        .position(|l| l.contains("code = \"c1000\""))
        .unwrap();
    assert!(
        err.contains(&format!("survey.toml:{line}: 1005 codes in question \"practice\": a codeframe may have at most 1000")),
        "{err}"
    );
    let words: Vec<String> = (0..1001).map(|k| format!("\"w{k}\"")).collect();
    let wordy = text.replace(
        "words = [\"volunteer\"]",
        &format!("words = [{}]", words.join(", ")),
    );
    std::fs::write(&cb, &wordy).unwrap();
    let out = shelfstat(&[&"run", &cb, &"--out", &tmp.path().join("out")]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains(
            "code \"volunteers\" has 1001 words, not-words and regular expressions: at most 1000"
        ),
        "{err}"
    );
}

/// What a probe of hostile input found: `code import --out` naming an input, `code export` to
/// a non-.xlsx name, quotes of a pii question, rules that find nothing or everything, a regex
/// too big, human codes without codes — each refused with its file or line, nothing written.
#[test]
fn hostile_coding_inputs_are_refused() {
    let tmp = with_human_codes();
    let cb = tmp.path().join("survey.toml");
    let export = tmp.path().join("responses.csv");
    let before = std::fs::read(&export).unwrap();
    let book = tmp.path().join("coding.xlsx");
    let out = shelfstat(&[&"code", &"export", &cb, &"practice", &"--out", &book]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for (target, said) in [
        (&export, "is an input"),
        (&cb, "is an input"),
        (
            &tmp.path().join("codes.txt"),
            "the human codes file is a CSV",
        ),
    ] {
        let out = shelfstat(&[
            &"code",
            &"import",
            &cb,
            &"practice",
            &book,
            &"--out",
            target,
        ]);
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success() && err.contains(said), "{said}: {err}");
    }
    assert_eq!(std::fs::read(&export).unwrap(), before);
    // Without --out: the file the codebook names.
    let out = shelfstat(&[&"code", &"import", &cb, &"practice", &book]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("practice-codes.csv"), "{err}");
    let out = shelfstat(&[
        &"code",
        &"export",
        &cb,
        &"practice",
        &"--out",
        &tmp.path().join("x.csv"),
    ]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("name it ….xlsx"));
    let plain = std::fs::read_to_string(&cb).unwrap();
    let cases = [
        (
            "short = \"A practice that worked\"\n",
            "short = \"A practice that worked\"\npii = true\nquotes = 1\n",
            "is personal data (pii = true): its answers cannot be quoted",
        ),
        (
            "words = [\"volunteer\"]",
            "words = [\"!!!\"]",
            "code \"volunteers\": \"!!!\" has no letter or digit",
        ),
        (
            "words = [\"volunteer\"]",
            "regex = [\"x?\"]",
            "code \"volunteers\": a regex that matches an empty answer takes every answer",
        ),
        (
            "words = [\"volunteer\"]",
            "regex = [\"\\\\w{300}\"]",
            "needs more than 2 MB compiled",
        ),
        (
            "regex = [\"\\\\bjob clubs?\\\\b\"]",
            "regex = [\"(job\"]",
            "code \"jobs\": regex \"(job\": unclosed group",
        ),
        (
            "words = [\"volunteer\"]",
            "words = [\"volunteer\"], exclusive = true",
            "code \"volunteers\": exclusive, synonyms, value, score, neutral and not_applicable are an option's",
        ),
    ];
    for (from, to, said) in cases {
        assert!(plain.contains(from), "{from}");
        std::fs::write(&cb, plain.replacen(from, to, 1)).unwrap();
        let out = shelfstat(&[&"run", &cb, &"--out", &tmp.path().join("out")]);
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success() && err.contains(said), "{said}\n{err}");
        assert_eq!(err.lines().count(), 1, "one line: {err}");
    }
    let back = copy_dir(&root().join("tests/fixtures/plain/backcode"));
    let bcb = back.path().join("survey.toml");
    let text = std::fs::read_to_string(&bcb).unwrap();
    let start = text.rfind("codes = [").unwrap();
    let no_codes = format!("{}human_codes = \"x.csv\"\n", &text[..start]);
    std::fs::write(&bcb, no_codes).unwrap();
    let out = shelfstat(&[&"run", &bcb, &"--out", &back.path().join("out")]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("question \"services\" has human_codes but no codes"),
        "{err}"
    );
}

/// A Kobo export whose "other" text column is missing: the "other" tick (1, or its code) is no
/// typed answer, so nothing is back-coded or written out for coding.
#[test]
fn an_other_tick_without_its_text_column_is_no_answer() {
    let tmp = copy_dir(&root().join("tests/fixtures/kobo/detail"));
    let cb = tmp.path().join("survey.toml");
    let text = std::fs::read_to_string(&cb).unwrap().replace(
        "exclusive = true },\n]\nother = { code = \"other\", label = \"Other\", value = \"other\" }\n",
        "exclusive = true },\n]\nother = { code = \"other\", label = \"Other\", value = \"other\" }\ncodes = [{ code = \"classes\", label = \"\", regex = [\"o\"] }]\n",
    );
    assert!(text.contains("regex = [\"o\"]"));
    std::fs::write(&cb, text).unwrap();
    let csv = tmp.path().join("responses.csv");
    let mut r = csv::ReaderBuilder::new()
        .delimiter(b';')
        .has_headers(false)
        .from_path(&csv)
        .unwrap();
    let rows: Vec<csv::StringRecord> = r.records().map(|x| x.unwrap()).collect();
    let drop = rows[0]
        .iter()
        .position(|h| h == "group_lib/services_other")
        .unwrap();
    let mut w = csv::WriterBuilder::new()
        .delimiter(b';')
        .from_path(&csv)
        .unwrap();
    for row in &rows {
        let kept: Vec<&str> = (row.iter().enumerate())
            .filter(|(k, _)| *k != drop)
            .map(|(_, v)| v)
            .collect();
        w.write_record(kept).unwrap();
    }
    w.flush().unwrap();
    let (_, a) = load(&cb);
    let Some(QuestionStats::Choice(t)) = a.results.questions.iter().find(|q| q.id() == "services")
    else {
        panic!()
    };
    // Nothing moved: "other" as ticked, classes as ticked.
    for row in &t.rows {
        if let Some(before) = row.as_ticked {
            assert_eq!(before.count, row.estimate.unwrap().count, "{}", row.code);
        }
    }
    let out = shelfstat(&[
        &"code",
        &"export",
        &cb,
        &"services",
        &"--out",
        &tmp.path().join("x.xlsx"),
    ]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("wrote 0 answers of \"services\""), "{err}");
}

/// A coders' workbook whose header is not on row 1 (rows inserted above it): an error names
/// the row the spreadsheet shows.
#[test]
fn import_errors_name_the_sheet_row_even_below_empty_rows() {
    let tmp = copy_dir(&root().join("tests/fixtures/plain/coded"));
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("answers").unwrap();
    // Rows 1 and 2 empty; the header on row 3; respondent 1 on row 4, respondent 2 on row 5.
    for (c, h) in ["respondent_id", "answer", "suggested", "coder_1", "coder_2"]
        .iter()
        .enumerate()
    {
        ws.write_string(2, c as u16, *h).unwrap();
    }
    ws.write_string(3, 0, "1").unwrap();
    ws.write_string(3, 3, "language").unwrap();
    ws.write_string(4, 0, "2").unwrap();
    ws.write_string(4, 3, "langauge").unwrap();
    let book = tmp.path().join("coded.xlsx");
    std::fs::write(&book, wb.save_to_buffer().unwrap()).unwrap();
    let out = shelfstat(&[
        &"code",
        &"import",
        &tmp.path().join("survey.toml"),
        &"practice",
        &book,
    ]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("sheet \"answers\", row 5, column D (coder_1): \"langauge\" is no code"),
        "{err}"
    );
}
