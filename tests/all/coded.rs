//! The `coded` kind: a free-text question sorted into a codeframe by rules, counted by hand on
//! tests/fixtures/plain/coded (the counts are in its survey.toml).

use crate::common::*;
use shelfstat::kinds::QuestionStats;

fn fixture() -> std::path::PathBuf {
    root().join("tests/fixtures/plain/coded/survey.toml")
}

/// (code, count, base) of each row.
fn rows(r: &shelfstat::stats::Results) -> Vec<(String, u64, u64)> {
    let Some(QuestionStats::Choice(t)) = r.questions.iter().find(|q| q.id() == "practice") else {
        panic!("no coded table")
    };
    (t.rows.iter())
        .map(|row| {
            let e = row.estimate.unwrap();
            (row.code.clone(), e.count, e.base)
        })
        .collect()
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
        ("regex = [\"\\\\bjob clubs?\\\\b\"]", "regex = [\"(job\"]", "code \"jobs\": regex"),
        ("{ code = \"stories\"", "{ code = \"language\"", "duplicate code \"language\" in question \"practice\""),
        ("words = [\"story time\"]", "short = \"x\"", "code \"stories\" has no rule: give it words or a regex"),
        ("{ code = \"stories\"", "{ code = \"uncoded\"", "code \"uncoded\" is the row of answers no rule took"),
        ("{ code = \"public\", label = \"Public\" }", "{ code = \"public\", label = \"Public\", words = [\"city\"] }", "\"public\" in question \"type\": words, not and regex apply to a coded question's codes"),
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
        let out = assert_cmd::Command::cargo_bin("shelfstat")
            .unwrap()
            .arg("run")
            .arg(&cb)
            .arg("--out")
            .arg(tmp.path().join("out"))
            .output()
            .unwrap();
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
    let run = assert_cmd::Command::cargo_bin("shelfstat")
        .unwrap()
        .arg("run")
        .arg(&cb)
        .arg("--out")
        .arg(out.path().join("r"))
        .output()
        .unwrap();
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
        let out = assert_cmd::Command::cargo_bin("shelfstat")
            .unwrap()
            .arg("run")
            .arg(&cb)
            .arg("--out")
            .arg(tmp.path().join("out"))
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success() && err.contains(said), "{said}\n{err}");
        assert!(err.contains("survey.toml:"), "{err}");
    }
}
