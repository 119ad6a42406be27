//! The `nps` kind: the 2025 wave's planted Net Promoter Score by hand and against numpy,
//! `init` recognising the question, a bad score named by row and column.

use crate::common::*;
use crate::crosscheck::{python, ready_or_skip};
use shelfstat::kinds::nps::score::net_score;
use shelfstat::kinds::nps::NpsTable;
use shelfstat::kinds::QuestionStats;
use std::io::Write;
use std::process::{Command, Stdio};

const HEADING: &str = "How likely is it that you would recommend your library's services for newcomers to a colleague in another library? (0 = not at all likely, 10 = extremely likely)";

fn wave_2025() -> std::path::PathBuf {
    root().join("data/ifla-refugee-2025/survey.toml")
}

fn recommend(r: &shelfstat::stats::Results) -> NpsTable {
    r.questions
        .iter()
        .find_map(|q| match q {
            QuestionStats::Nps(t) if t.question == "recommend" => Some(t.clone()),
            _ => None,
        })
        .expect("the 2025 wave's NPS question")
}

/// The planted counts (data/ifla-refugee-2025/targets.toml) and the interval by hand.
#[test]
fn planted_2025_score_by_hand() {
    let (_, a) = load(&wave_2025());
    let t = recommend(&a.results);
    assert_eq!((t.answered, t.not_answered), (350, 37));
    assert_eq!(t.scores, vec![7, 5, 8, 10, 15, 30, 35, 45, 55, 60, 80]);
    let count = |e: Option<shelfstat::stats::Estimate>| e.map(|e| (e.count, e.base));
    assert_eq!(count(t.promoters), Some((140, 350)));
    assert_eq!(count(t.passives), Some((100, 350)));
    assert_eq!(count(t.detractors), Some((110, 350)));
    // Wilson for a group: 140 of 350 is 40.0% (35.0–45.2).
    let p = t.promoters.unwrap();
    assert!(
        (p.ci_low - 0.350_029_553).abs() < 1e-8 && (p.ci_high - 0.452_141_735).abs() < 1e-8,
        "{p:?}"
    );
    let s = t.nps.unwrap();
    assert!((s.score - 100.0 * 30.0 / 350.0).abs() < 1e-12);
    // Adjusted Wald: (140.75 − 110.75) / 353 ± 1.96 √((251.5/353 − d²)/353).
    let d = 30.0 / 353.0;
    let half = 1.959_963_984_540_054 * ((251.5 / 353.0 - d * d) / 353.0f64).sqrt();
    assert!((s.ci_low - 100.0 * (d - half)).abs() < 1e-9, "{s:?}");
    assert!((s.ci_high - 100.0 * (d + half)).abs() < 1e-9, "{s:?}");
    assert!(
        (s.ci_low - -0.261_935_142).abs() < 1e-8 && (s.ci_high - 17.259_102_281).abs() < 1e-8,
        "{s:?}"
    );
    assert_eq!((s.base, s.n_eff), (350, None));
}

/// numpy recomputes the export's figures from the raw CSV, and the interval of random shares
/// and (effective) sizes by a second route: a weighted mean and variance of +1 / 0 / −1.
#[test]
fn nps_matches_numpy() {
    if !ready_or_skip("numpy NPS cross-check") {
        return;
    }
    let (_, a) = load(&wave_2025());
    let t = recommend(&a.results);
    let s = t.nps.unwrap();
    let mut cases = Vec::new();
    let mut seed: u64 = 20261207;
    let mut next = || {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (seed >> 11) as f64 / (1u64 << 53) as f64
    };
    for _ in 0..200 {
        let p = next();
        let d = next() * (1.0 - p);
        let n = 1.0 + next() * 500.0;
        cases.push((p, d, n));
    }
    let mut child = Command::new(python())
        .arg(root().join("tests/crosscheck/nps.py"))
        .arg(root().join("data/ifla-refugee-2025/responses.csv"))
        .arg(HEADING)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let input: String = cases
        .iter()
        .map(|(p, d, n)| format!("{p:.17} {d:.17} {n:.17}\n"))
        .collect();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    let stdout = String::from_utf8(out.stdout).unwrap();
    let mut lines = stdout.lines();
    let f: Vec<String> = lines.next().unwrap().split(' ').map(String::from).collect();
    assert_eq!(f[..5], ["export", "350", "140", "100", "110"]);
    let num = |k: usize| f[k].parse::<f64>().unwrap();
    assert!((num(5) - s.score).abs() < 1e-9 && (num(6) - s.ci_low).abs() < 1e-9);
    assert!((num(7) - s.ci_high).abs() < 1e-9);
    let mut checked = 0;
    for ((p, d, n), line) in cases.iter().zip(lines) {
        let v: Vec<f64> = line
            .split(' ')
            .skip(1)
            .map(|x| x.parse().unwrap())
            .collect();
        let (_, lo, hi) = net_score(*p, *d, *n).unwrap();
        assert!(
            (lo - v[0]).abs() < 1e-9 && (hi - v[1]).abs() < 1e-9,
            "{p} {d} {n}: {lo} {hi} vs {v:?}"
        );
        checked += 1;
    }
    assert_eq!(checked, 200);
    println!("NPS: the 2025 export and 200 random cases equal numpy's; 0 differ");
}

/// `init` drafts the 2025 export's recommend column as an NPS question, and the draft runs.
#[test]
fn init_recognises_a_recommend_question() {
    let (tmp, d, _) = draft_copy(&root().join("data/ifla-refugee-2025/responses.csv"), None);
    let i = d.toml.find(HEADING).expect("the heading in the draft");
    let block = &d.toml[d.toml[..i].rfind("[[questions]]").unwrap()..i];
    assert!(block.contains("type = \"nps\""), "{block}");
    assert!(
        d.summary.iter().any(|l| l.contains("a Net Promoter Score")),
        "{:?}",
        d.summary
    );
    let (_, a) = load(&tmp.path().join("survey.toml"));
    let t = a
        .results
        .questions
        .iter()
        .find_map(|q| match q {
            QuestionStats::Nps(t) => Some(t.clone()),
            _ => None,
        })
        .expect("an NPS table from the draft");
    assert_eq!((t.answered, t.promoters.unwrap().count), (350, 140));
}

/// A score of 11 is refused with the file, row and column named; nothing is written.
#[test]
fn a_score_out_of_range_names_its_cell() {
    let tmp = copy_dir(&root().join("data/ifla-refugee-2025"));
    let csv = tmp.path().join("responses.csv");
    let text = std::fs::read_to_string(&csv).unwrap();
    let mut rows: Vec<csv::StringRecord> = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes())
        .records()
        .map(Result::unwrap)
        .collect();
    let col = rows[0].iter().position(|h| h == HEADING).unwrap();
    let row = (2..rows.len()).find(|&r| &rows[r][col] == "10").unwrap();
    let mut cells: Vec<String> = rows[row].iter().map(String::from).collect();
    cells[col] = "11".into();
    rows[row] = csv::StringRecord::from(cells);
    let mut w = csv::Writer::from_path(&csv).unwrap();
    rows.iter().for_each(|r| w.write_record(r).unwrap());
    w.flush().unwrap();
    let out_dir = tmp.path().join("out");
    let out = assert_cmd::Command::cargo_bin("shelfstat")
        .unwrap()
        .arg("run")
        .arg(tmp.path().join("survey.toml"))
        .arg("--out")
        .arg(&out_dir)
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("responses.csv"), "{err}");
    assert!(err.contains(&format!("row {}", row + 1)), "{err}");
    assert!(
        err.contains("expected a score from 0 to 10, found \"11\""),
        "{err}"
    );
    assert!(!out_dir.exists());
}

/// The series compares the 2022 and 2025 scores: the groups' shares as options (Newcombe), and
/// the score's change with the two adjusted-Wald variances added, by hand.
#[test]
fn series_compares_the_score() {
    let c =
        shelfstat::cmd::compare::comparison(&root().join("data/ifla-refugee-series.toml")).unwrap();
    let q = c
        .questions
        .iter()
        .find(|q| q.question == "recommend")
        .unwrap();
    let codes: Vec<&str> = q.options.iter().map(|o| o.option.as_str()).collect();
    assert_eq!(codes, ["promoters", "passives", "detractors"]);
    let pro = q.options[0]
        .figures
        .iter()
        .map(|f| f.estimate.map(|e| (e.count, e.base)));
    assert_eq!(
        pro.collect::<Vec<_>>(),
        [None, Some((111, 300)), Some((140, 350))]
    );
    let net = q.net.as_ref().expect("a net score");
    assert_eq!(net.label, "Net Promoter Score");
    let s22 = net.figures[1].score.unwrap();
    assert!((s22.value - 5.0).abs() < 1e-12);
    // var = (p + q − d²)/(n + 3) with p, q the adjusted shares, for each wave.
    let var = |pro: f64, det: f64, n: f64| {
        let (p, q) = ((pro + 0.75) / (n + 3.0), (det + 0.75) / (n + 3.0));
        ((p - q), (p + q - (p - q) * (p - q)) / (n + 3.0))
    };
    let (d22, v22) = var(111.0, 96.0, 300.0);
    let (d25, v25) = var(140.0, 110.0, 350.0);
    let ch = net
        .changes
        .iter()
        .find(|c| c.from == "2022" && c.to == "2025")
        .unwrap();
    let p = ch.change.unwrap();
    assert!(
        (p.value - (100.0 * 30.0 / 350.0 - 5.0)).abs() < 1e-9,
        "{p:?}"
    );
    let half = 1.959_963_984_540_054 * (v22 + v25).sqrt();
    assert!(
        (p.ci_low - 100.0 * (d25 - d22 - half)).abs() < 1e-9,
        "{p:?}"
    );
    assert!(
        (p.ci_high - 100.0 * (d25 - d22 + half)).abs() < 1e-9,
        "{p:?}"
    );
    assert!(!ch.clear);
    // 2019 did not ask it: no figure, no change from it.
    assert!(net.figures[0].score.is_none());
    assert!(net
        .changes
        .iter()
        .filter(|c| c.from == "2019")
        .all(|c| c.change.is_none()));
}

/// Weighted (post-stratified to library type): pandas recomputes the weighted shares and
/// Kish's effective n from the run's tidy CSV, and the interval from them by the second route.
#[test]
fn weighted_score_matches_pandas() {
    if !ready_or_skip("pandas weighted NPS cross-check") {
        return;
    }
    let tmp = copy_dir(&root().join("data/ifla-refugee-2025"));
    let cb = tmp.path().join("survey.toml");
    let text = std::fs::read_to_string(&cb).unwrap();
    let i = text.find("[[questions]]").unwrap();
    let weights = "[weights]\nmethod = \"poststratify\"\nmargins = [{ variable = \"library_type\", targets = { public = 0.5, academic = 0.2, school = 0.1, national = 0.05, special = 0.1, other = 0.05 } }]\n\n";
    std::fs::write(&cb, format!("{}{weights}{}", &text[..i], &text[i..])).unwrap();
    let out_dir = tmp.path().join("out");
    let run = assert_cmd::Command::cargo_bin("shelfstat")
        .unwrap()
        .arg("run")
        .arg(&cb)
        .arg("--out")
        .arg(&out_dir)
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let out = Command::new(python())
        .arg(root().join("tests/crosscheck/nps.py"))
        .arg("--tidy")
        .arg(out_dir.join("tidy/responses.csv"))
        .arg("recommend")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let line = String::from_utf8(out.stdout).unwrap();
    let v: Vec<f64> = line
        .split_whitespace()
        .skip(1)
        .map(|x| x.parse().unwrap())
        .collect();
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out_dir.join("results.json")).unwrap()).unwrap();
    let t = json["questions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|q| q["type"] == "nps")
        .unwrap();
    let f = |x: &serde_json::Value| x.as_f64().unwrap();
    assert_eq!(v[0], 350.0);
    assert!(
        (f(&t["promoters"]["proportion"]) - v[1]).abs() < 1e-12,
        "{line}"
    );
    assert!(
        (f(&t["detractors"]["proportion"]) - v[2]).abs() < 1e-12,
        "{line}"
    );
    assert!((f(&t["nps"]["n_eff"]) - v[3]).abs() < 1e-9, "{line}");
    assert!((f(&t["promoters"]["n_eff"]) - v[3]).abs() < 1e-9, "{line}");
    assert!((f(&t["nps"]["score"]) - v[4]).abs() < 1e-9, "{line}");
    assert!((f(&t["nps"]["ci_low"]) - v[5]).abs() < 1e-9, "{line}");
    assert!((f(&t["nps"]["ci_high"]) - v[6]).abs() < 1e-9, "{line}");
    // The weights moved the score off the unweighted +8.6.
    assert!((f(&t["nps"]["score"]) - 100.0 * 30.0 / 350.0).abs() > 0.5);
}

/// A base other than "answered" would count non-answers as passives: refused at its line.
#[test]
fn an_nps_base_rule_is_refused_at_its_line() {
    let tmp = copy_dir(&root().join("data/ifla-refugee-2025"));
    let cb = tmp.path().join("survey.toml");
    let text = std::fs::read_to_string(&cb).unwrap();
    let text = text.replace(
        "id = \"recommend\"\ntype = \"nps\"",
        "id = \"recommend\"\ntype = \"nps\"\nbase = \"all\"",
    );
    std::fs::write(&cb, &text).unwrap();
    let line = 1 + text
        .lines()
        .position(|l| l == "id = \"recommend\"")
        .unwrap();
    let out = assert_cmd::Command::cargo_bin("shelfstat")
        .unwrap()
        .arg("run")
        .arg(&cb)
        .arg("--out")
        .arg(tmp.path().join("out"))
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains(&format!("survey.toml:{line}: nps question \"recommend\": its base is those who gave a score; remove `base`")),
        "{err}"
    );
}

/// A key another kind has (`publish_text` is a text question's) is refused at its own line.
#[test]
fn a_field_of_another_kind_is_refused_at_its_line() {
    let tmp = copy_dir(&root().join("data/ifla-refugee-2025"));
    let cb = tmp.path().join("survey.toml");
    let text = std::fs::read_to_string(&cb).unwrap().replace(
        "id = \"recommend\"\ntype = \"nps\"",
        "id = \"recommend\"\ntype = \"nps\"\npublish_text = true",
    );
    std::fs::write(&cb, &text).unwrap();
    let line = 1 + text
        .lines()
        .position(|l| l == "publish_text = true")
        .unwrap();
    let (_, err) = run_err(&cb, &tmp.path().join("out"));
    assert!(
        err.contains(&format!("survey.toml:{line}: `publish_text` does not apply to an nps question (\"recommend\"); it applies to text")),
        "{err}"
    );
}

/// `shelfstat run` that fails: its exit status and stderr; nothing is written.
fn run_err(cb: &std::path::Path, out_dir: &std::path::Path) -> (i32, String) {
    let out = assert_cmd::Command::cargo_bin("shelfstat")
        .unwrap()
        .arg("run")
        .arg(cb)
        .arg("--out")
        .arg(out_dir)
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(!out_dir.exists());
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stderr).unwrap(),
    )
}

/// Advocates' headlines may state a group's share; a group the kind does not have is refused.
#[test]
fn a_headline_states_the_promoters_share() {
    let tmp = copy_dir(&root().join("data/ifla-refugee-2025"));
    let cb = tmp.path().join("survey.toml");
    let text = std::fs::read_to_string(&cb).unwrap()
        + "\n[[headlines]]\nid = \"promoters\"\nquestion = \"recommend\"\noption = \"promoters\"\ntext = \"{pct} of the {base} {unit} that gave a score would recommend the services ({ci}).\"\n";
    std::fs::write(&cb, &text).unwrap();
    let out = assert_cmd::Command::cargo_bin("shelfstat")
        .unwrap()
        .arg("headline")
        .arg(&cb)
        .output()
        .unwrap();
    let said = String::from_utf8(out.stdout).unwrap();
    assert!(
        said.contains("40.0% of the 350 libraries that gave a score would recommend the services (95% CI 35.0–45.2%)."),
        "{said}"
    );
    std::fs::write(
        &cb,
        text.replace("option = \"promoters\"", "option = \"fans\""),
    )
    .unwrap();
    let line = 1 + text
        .lines()
        .position(|l| l == "option = \"promoters\"")
        .unwrap();
    let (_, err) = run_err(&cb, &tmp.path().join("out"));
    assert!(
        err.contains(&format!("survey.toml:{line}: headline \"promoters\": question \"recommend\" has no option \"fans\"")),
        "{err}"
    );
}
