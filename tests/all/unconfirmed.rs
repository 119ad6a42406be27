//! Issue 25: no guess of `init` becomes a published figure. A scale whose order the export's
//! words settle (a known anchor set, in any of six languages) is drafted in that order; one they
//! do not settle is drafted with `check = ["scale order: …"]`, and `run` then publishes only the
//! order-free distribution, lists the decision under "Needs review" (report, results.json,
//! stderr), and publishes the boxes and means once the line is deleted. Counts by hand.

use crate::common::{draft_copy_as, run_in};
use shelfstat::codebook::Format;
use shelfstat::tables::{GridTable, QuestionStats, Results};
use std::path::Path;

fn grid<'a>(r: &'a Results, id_part: &str) -> &'a GridTable {
    r.questions
        .iter()
        .find_map(|q| match q {
            QuestionStats::Grid(t) if t.question.contains(id_part) => Some(t),
            _ => None,
        })
        .unwrap_or_else(|| panic!("no grid {id_part}"))
}

/// Google Forms, `How often do you use it? [Catalogue]` / `[Website]`, answered with six
/// frequency words whose first rows are Always, Never, Rarely, Do not know, Most of the time,
/// Sometimes (issue 25's reproduction).
fn frequency_export(dir: &Path) -> std::path::PathBuf {
    let rows = [
        ("Always", "Never"),
        ("Never", "Rarely"),
        ("Rarely", "Always"),
        ("Do not know", "Sometimes"),
        ("Most of the time", "Always"),
        ("Sometimes", "Most of the time"),
        ("Always", "Do not know"),
        ("Most of the time", "Never"),
        ("Always", "Sometimes"),
        ("Never", ""),
    ];
    let mut csv = String::from(
        "Timestamp,How often do you use it? [Catalogue],How often do you use it? [Website]\n",
    );
    for (k, (a, b)) in rows.iter().enumerate() {
        csv.push_str(&format!("2025/11/{:02} 9:00:00 AM GMT,{a},{b}\n", k + 1));
    }
    let p = dir.join("usage.csv");
    std::fs::write(&p, csv).unwrap();
    p
}

#[test]
fn a_frequency_scale_is_drafted_in_its_order_and_scored_by_it() {
    let src = tempfile::tempdir().unwrap();
    let export = frequency_export(src.path());
    let (tmp, d) = draft_copy_as(&export, Format::GoogleForms, None);
    assert!(!d.toml.contains("check = "), "{}", d.toml);
    let (a, _) = run_in(tmp.path());
    let t = grid(&a.results, "how_often");
    let labels: Vec<&str> = t.scale.iter().map(|p| p.label.as_str()).collect();
    assert_eq!(
        labels,
        [
            "Never",
            "Rarely",
            "Sometimes",
            "Most of the time",
            "Always",
            "Do not know"
        ]
    );
    let scores: Vec<Option<f64>> = t.scale.iter().map(|p| p.score).collect();
    assert_eq!(
        scores,
        [Some(1.0), Some(2.0), Some(3.0), Some(4.0), Some(5.0), None]
    );
    assert_eq!(t.top2_label.as_deref(), Some("Most of the time + Always"));
    // Catalogue: Never 2, Rarely 1, Sometimes 1, Most of the time 2, Always 3, Do not know 1.
    let cat = &t.items[0];
    assert_eq!(cat.label, "Catalogue");
    assert_eq!((cat.base, cat.not_applicable), (9, 1));
    assert_eq!(cat.counts, [2, 1, 1, 2, 3, 1]);
    assert_eq!(cat.top2.unwrap().count, 5);
    assert_eq!(cat.bottom2.unwrap().count, 3);
    // (2·1 + 1·2 + 1·3 + 2·4 + 3·5) / 9 = 30 / 9.
    assert!((cat.mean.unwrap().mean - 30.0 / 9.0).abs() < 1e-12);
    // Website: Never 2, Rarely 1, Sometimes 2, Most of the time 1, Always 2, Do not know 1.
    let web = &t.items[1];
    assert_eq!(web.counts, [2, 1, 2, 1, 2, 1]);
    assert_eq!((web.base, web.top2.unwrap().count), (8, 3));
    assert!(a.results.needs_review.is_empty());
}

/// A grid whose labels no anchor set, number or word places.
fn unknown_scale_export(dir: &Path) -> std::path::PathBuf {
    let answers = [
        "Hardly", "Totally", "A bit", "Quite", "Totally", "Hardly", "Quite", "Totally",
    ];
    let mut csv = String::from(
        "Timestamp,How do you feel about it? [Catalogue],How do you feel about it? [Website]\n",
    );
    for (k, a) in answers.iter().enumerate() {
        let b = answers[(k + 3) % answers.len()];
        csv.push_str(&format!("2025/11/{:02} 9:00:00 AM GMT,{a},{b}\n", k + 1));
    }
    let p = dir.join("feel.csv");
    std::fs::write(&p, csv).unwrap();
    p
}

fn shelfstat_run(dir: &Path) -> (i32, String) {
    let out = std::process::Command::new(assert_cmd::cargo::cargo_bin("shelfstat"))
        .args([
            "run".as_ref(),
            dir.join("survey.toml").as_os_str(),
            "--out".as_ref(),
            dir.join("out").as_os_str(),
        ])
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn an_unconfirmed_scale_order_publishes_only_the_distribution_until_confirmed() {
    let src = tempfile::tempdir().unwrap();
    let export = unknown_scale_export(src.path());
    let (tmp, d) = draft_copy_as(&export, Format::GoogleForms, None);
    assert!(
        d.toml
            .contains("check = [\"scale order: from first appearance in the export;"),
        "{}",
        d.toml
    );
    let (code, err) = shelfstat_run(tmp.path());
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("shelfstat: needs review: question \"how_feel_about\""),
        "{err}"
    );
    let out = tmp.path().join("out");
    let md = std::fs::read_to_string(out.join("report.md")).unwrap();
    let review = md.find("## Needs review").expect("no Needs review section");
    assert!(
        review < md.find("### How do you feel").unwrap(),
        "Needs review is not first"
    );
    assert!(!md.contains("Mean score"), "{md}");
    assert!(!md.contains("charts/how_feel_about"), "{md}");
    assert!(!out.join("charts/how_feel_about.svg").exists());
    // The distribution is published: Catalogue Hardly 2, Totally 3, A bit 1, Quite 2 (of 8).
    assert!(
        md.contains("| Catalogue | 25.0 | 37.5 | 12.5 | 25.0 | 8 |"),
        "{md}"
    );
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("results.json")).unwrap()).unwrap();
    assert_eq!(json["needs_review"][0]["question"], "how_feel_about");
    let item = &json["questions"][0]["items"][0];
    assert!(
        item["top2"].is_null() && item["mean"].is_null() && item["net"].is_null(),
        "{item}"
    );
    // Confirmed (the line deleted, the order put right): boxes and means are published.
    let cb = tmp.path().join("survey.toml");
    let text = std::fs::read_to_string(&cb).unwrap();
    let confirmed: String = text
        .lines()
        .filter(|l| !l.starts_with("check = "))
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(&cb, confirmed).unwrap();
    let (code, err) = shelfstat_run(tmp.path());
    assert_eq!(code, 0, "{err}");
    assert!(!err.contains("needs review"), "{err}");
    let md = std::fs::read_to_string(out.join("report.md")).unwrap();
    assert!(
        md.contains("Mean score") && !md.contains("Needs review"),
        "{md}"
    );
}

#[test]
fn a_check_line_must_name_its_decision() {
    let src = tempfile::tempdir().unwrap();
    let export = unknown_scale_export(src.path());
    let (tmp, d) = draft_copy_as(&export, Format::GoogleForms, None);
    let cb = tmp.path().join("survey.toml");
    std::fs::write(
        &cb,
        d.toml
            .replace("check = [\"scale order:", "check = [\"ordre:"),
    )
    .unwrap();
    let (code, err) = shelfstat_run(tmp.path());
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("must begin with the decision it leaves open, then a colon: one of scale order, type, options, joiner, other"), "{err}");
}

/// Every export of tests/fixtures/<platform>/<case>/ with one of `exts`, sorted (platform
/// dictionaries and XLSForms left out: they are not exports).
fn fixture_exports(exts: &[&str]) -> Vec<std::path::PathBuf> {
    let root = crate::common::root().join("tests/fixtures");
    let mut out = Vec::new();
    for platform in std::fs::read_dir(&root).unwrap() {
        for case in std::fs::read_dir(platform.unwrap().path())
            .into_iter()
            .flatten()
        {
            for f in std::fs::read_dir(case.unwrap().path())
                .into_iter()
                .flatten()
            {
                let p = f.unwrap().path();
                let name = p.file_name().unwrap().to_string_lossy().into_owned();
                let ext = p.extension().and_then(|x| x.to_str()).unwrap_or("");
                if exts.contains(&ext)
                    && !matches!(
                        name.as_str(),
                        "dictionary.csv" | "two-values.csv" | "xlsform.xlsx"
                    )
                {
                    out.push(p);
                }
            }
        }
    }
    out.sort();
    out
}

/// Each drafted grid of a draft: id → (its scale's labels in order, whether a check line leaves
/// the order open).
fn drafted_grids(toml_text: &str) -> std::collections::BTreeMap<String, (Vec<String>, bool)> {
    let v: toml::Value = toml::from_str(toml_text).unwrap();
    let mut out = std::collections::BTreeMap::new();
    for q in v["questions"].as_array().unwrap() {
        if q["type"].as_str() != Some("grid") {
            continue;
        }
        let labels = q["options"]
            .as_array()
            .unwrap()
            .iter()
            .map(|o| o["label"].as_str().unwrap().to_string())
            .collect();
        let open = q.get("check").is_some_and(|c| {
            c.as_array()
                .unwrap()
                .iter()
                .any(|l| l.as_str().unwrap().starts_with("scale order"))
        });
        out.insert(q["id"].as_str().unwrap().to_string(), (labels, open));
    }
    out
}

/// Each drafted choice question: id → (type, its option labels sorted, its joiner). How a
/// cell is split (which labels hold the joiner) is decided by counts, never by which rows
/// come first.
fn drafted_choices(
    toml_text: &str,
) -> std::collections::BTreeMap<String, (String, Vec<String>, Option<String>)> {
    let v: toml::Value = toml::from_str(toml_text).unwrap();
    let mut out = std::collections::BTreeMap::new();
    for q in v["questions"].as_array().unwrap() {
        let kind = q["type"].as_str().unwrap();
        if !matches!(kind, "single" | "multi") {
            continue;
        }
        let mut labels: Vec<String> = q["options"]
            .as_array()
            .unwrap()
            .iter()
            .map(|o| o["label"].as_str().unwrap().to_string())
            .collect();
        labels.sort();
        let sep = q.get("separator").map(|s| s.as_str().unwrap().to_string());
        out.insert(
            q["id"].as_str().unwrap().to_string(),
            (kind.to_string(), labels, sep),
        );
    }
    out
}

/// Google Forms: a multi-select whose first option holds the joiner ", " (glued back from
/// the cells that hold it whole), and a single choice whose answers hold it.
fn joiner_export(dir: &Path) -> std::path::PathBuf {
    let social = "Social media such as blogs, R-bloggers, Twitter, or GitHub";
    let mut csv = String::from("Timestamp,Where do you learn about R?,Your field\n");
    for k in 0..40 {
        let picks: Vec<&str> = [
            (social, 2, 0),
            ("Books", 3, 0),
            ("Courses", 5, 0),
            ("Colleagues", 2, 1),
        ]
        .iter()
        .filter(|(_, every, at)| k % every == *at)
        .map(|(l, _, _)| *l)
        .collect();
        let field = [
            "Mathematics, Physics, and Geodesy",
            "Arts",
            "Social Sciences, Humanities",
        ][k % 3];
        csv.push_str(&format!(
            "2025/11/{:02} 9:00:00 AM GMT,\"{}\",\"{field}\"\n",
            k % 28 + 1,
            picks.join(", ")
        ));
    }
    let path = dir.join("joiners.csv");
    std::fs::write(&path, csv).unwrap();
    path
}

/// Rows of `records` after `head` header rows, reordered by `variant`.
fn scrambled(records: &[csv::StringRecord], head: usize, variant: usize, sep: u8) -> Vec<u8> {
    let mut rows: Vec<&csv::StringRecord> = records[head..].iter().collect();
    match variant {
        0 => rows.reverse(),
        k => {
            let by = k.min(rows.len().saturating_sub(1));
            rows.rotate_left(by)
        }
    }
    let mut w = csv::WriterBuilder::new()
        .flexible(true)
        .delimiter(sep)
        .from_writer(Vec::new());
    for r in records[..head].iter().chain(rows) {
        w.write_record(r).unwrap();
    }
    w.into_inner().unwrap()
}

/// Whatever order the rows come in, a grid drafted without a check line has the same scale
/// order, and every choice question the same type, options and joiner (labels that hold the
/// joiner kept whole alike): what is published never rests on the order answers first appear
/// in. Over every CSV export of our fixtures, rows reversed and rotated.
#[test]
fn no_published_scale_order_depends_on_the_order_of_the_rows() {
    let mut exports = fixture_exports(&["csv"]);
    // And the two exports above: one scale its words order, one they do not.
    let made = tempfile::tempdir().unwrap();
    exports.push(frequency_export(made.path()));
    exports.push(unknown_scale_export(made.path()));
    exports.push(joiner_export(made.path()));
    let (mut grids_seen, mut joined_seen) = (0, 0);
    for export in &exports {
        let init = |format| {
            shelfstat::cmd::init::init(&shelfstat::cmd::init::InitOptions {
                export: export.clone(),
                format,
                definition: None,
                like: None,
            })
        };
        // Detected, or else read as a plain table (what `init` tells the user to do).
        let Ok((d, fmt)) = init(None).or_else(|_| init(Some(Format::Plain))) else {
            continue;
        };
        let original = drafted_grids(&d.toml);
        grids_seen += original.len();
        let choices = drafted_choices(&d.toml);
        joined_seen += choices
            .values()
            .filter(|(_, labels, _)| labels.iter().any(|l| l.contains(", ")))
            .count();
        let head = match fmt {
            Format::SurveymonkeyExpandedText => 2,
            Format::Qualtrics => 3,
            _ => 1,
        };
        let text = std::fs::read_to_string(export).unwrap();
        let first = text.lines().next().unwrap_or("");
        let sep = if first.matches(';').count() > first.matches(',').count() {
            b';'
        } else {
            b','
        };
        let records: Vec<csv::StringRecord> = csv::ReaderBuilder::new()
            .has_headers(false)
            .delimiter(sep)
            .flexible(true)
            .from_path(export)
            .unwrap()
            .records()
            .map(Result::unwrap)
            .collect();
        if records.len() <= head + 1 {
            continue;
        }
        for variant in 0..3 {
            let tmp = tempfile::tempdir().unwrap();
            let copy = tmp.path().join(export.file_name().unwrap());
            std::fs::write(&copy, scrambled(&records, head, variant, sep)).unwrap();
            let (d2, _) = shelfstat::cmd::init::init(&shelfstat::cmd::init::InitOptions {
                export: copy,
                format: Some(fmt),
                definition: None,
                like: None,
            })
            .unwrap();
            assert_eq!(
                choices,
                drafted_choices(&d2.toml),
                "{}: choices or joiners differ when rows are reordered",
                export.display()
            );
            let again = drafted_grids(&d2.toml);
            for (id, (labels, open)) in &original {
                let Some((labels2, open2)) = again.get(id) else {
                    continue;
                };
                assert_eq!(
                    open,
                    open2,
                    "{}: grid {id}: check differs when rows are reordered",
                    export.display()
                );
                if !open {
                    assert_eq!(
                        labels,
                        labels2,
                        "{}: grid {id}: a confirmed order moved with the rows",
                        export.display()
                    );
                }
            }
        }
    }
    assert!(grids_seen >= 4, "only {grids_seen} grids in the fixtures");
    assert!(
        joined_seen >= 2,
        "only {joined_seen} labels holding the joiner"
    );
}

/// Issue 25, round trip as a property: for every export of our fixtures that `init` accepts,
/// `run` accepts the draft unchanged (and every bad-input export that init accepts: see
/// bad_inputs.rs).
#[test]
fn every_draft_init_writes_runs_unchanged() {
    let mut ran = Vec::new();
    for p in fixture_exports(&["csv", "xlsx"]) {
        let name = p.file_name().unwrap().to_string_lossy().into_owned();
        let tmp = tempfile::tempdir().unwrap();
        let copy = tmp.path().join(&name);
        std::fs::copy(&p, &copy).unwrap();
        if crate::common::draft_and_run(&copy, Some(Format::Plain)).is_none() {
            continue;
        }
        ran.push(name);
    }
    assert!(ran.len() >= 20, "{ran:?}");
}

/// The round_trip fuzz target's finds (tests/fixtures/fuzz/round-trip-*): each is drafted into
/// a codebook run accepts, or refuses only for want of rows.
#[test]
fn round_trip_fuzz_finds_stay_fixed() {
    let dir = crate::common::root().join("tests/fixtures/fuzz");
    let mut seen = 0;
    for e in std::fs::read_dir(&dir).unwrap() {
        let p = e.unwrap().path();
        if !p
            .file_name()
            .unwrap()
            .to_string_lossy()
            .starts_with("round-trip-")
        {
            continue;
        }
        let tmp = tempfile::tempdir().unwrap();
        let copy = tmp.path().join("fuzz.csv");
        std::fs::copy(&p, &copy).unwrap();
        assert!(
            crate::common::draft_and_run(&copy, None).is_some(),
            "{}",
            p.display()
        );
        seen += 1;
    }
    assert_eq!(seen, 10);
}
