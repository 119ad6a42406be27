//! Weighting and breakdowns through the whole pipeline, on a fixture computed by hand (see the
//! comment at the top of tests/fixtures/surveymonkey/weighted/survey.toml).

use crate::common::*;
use shelfstat::stats::interval::{wilson_p, Z_95};
use shelfstat::stats::QuestionStats;

fn weighted() -> std::path::PathBuf {
    root().join("tests/fixtures/surveymonkey/weighted/survey.toml")
}

#[test]
fn poststratified_estimates_by_hand() {
    let (_, a) = load(&weighted());
    let r = &a.results;
    let w = r.weighting.as_ref().unwrap();
    assert_eq!(w.description, "equal base weights, post-stratified to type");
    assert!((w.sum - 100.0).abs() < 1e-12);
    assert_eq!((w.min, w.max), (6.25, 12.5));
    assert!((w.n_eff - 32.0 / 3.0).abs() < 1e-12);
    assert!((w.deff - 1.125).abs() < 1e-12);
    let QuestionStats::Choice(t) = r.question("services").unwrap() else {
        panic!()
    };
    let e = t.rows[0].estimate.unwrap();
    assert_eq!((e.count, e.base), (7, 12)); // unweighted n beside the weighted %
    assert!((e.proportion - 0.5).abs() < 1e-15);
    assert!((e.n_eff.unwrap() - 32.0 / 3.0).abs() < 1e-12);
    assert!((e.weighted_base.unwrap() - 100.0).abs() < 1e-12);
    let iv = wilson_p(0.5, 32.0 / 3.0, Z_95).unwrap();
    assert!((e.ci_low - iv.low).abs() < 1e-15 && (e.ci_high - iv.high).abs() < 1e-15);
    // The tidy outputs carry the weights.
    let wcol: Vec<f64> = a
        .tidy
        .frame
        .column(shelfstat::names::WEIGHT)
        .unwrap()
        .f64()
        .unwrap()
        .iter()
        .flatten()
        .collect();
    assert_eq!(wcol[..8], [6.25; 8]);
    assert_eq!(wcol[8..], [12.5; 4]);
}

#[test]
fn breakdown_by_type_with_rao_scott() {
    let (_, a) = load(&weighted());
    let b = &a.results.breakdowns[0];
    assert_eq!((b.question.as_str(), b.by.as_str()), ("services", "type"));
    assert_eq!(
        b.groups.iter().map(|g| g.base).collect::<Vec<_>>(),
        [Some(8), Some(4)]
    );
    let internet = &b.rows[0];
    let p: Vec<f64> = internet
        .cells
        .iter()
        .map(|c| c.unwrap().proportion)
        .collect();
    assert_eq!(p, [0.75, 0.25]);
    let t = internet.test.as_ref().unwrap();
    assert_eq!(t.method, "rao-scott");
    // Within each group the weights are equal, so Pearson's X² on the table scaled to n = 12
    // uses the weighted cell shares: groups have weight 50 each, Internet 37.5 + 12.5.
    // Scaled: [[4.5, 1.5], [1.5, 4.5]] → X² = 4·(1.5²/3) = 3.
    assert!((t.chisq - 3.0).abs() < 1e-12, "{}", t.chisq);
    let report = shelfstat::render::markdown::report(&a.results);
    assert!(report.contains("| Internet | 75.0 ["), "{report}");
    assert!(report.contains("Rao–Scott F = "));
    assert!(report.contains("Kish effective sample size 10.7, design effect 1.125"));
}

#[test]
fn small_groups_are_withheld_everywhere() {
    let dir = copy_dir(&root().join("tests/fixtures/surveymonkey/weighted"));
    let cb = std::fs::read_to_string(dir.path().join("survey.toml")).unwrap();
    std::fs::write(
        dir.path().join("survey.toml"),
        cb.replace("suppression_threshold = 4", "suppression_threshold = 5"),
    )
    .unwrap();
    let (_, a) = load(&dir.path().join("survey.toml"));
    let b = &a.results.breakdowns[0];
    // academic (4) is under 5; it is the only one, so public (8) is withheld too.
    assert_eq!(b.groups[1].suppressed, Some("small"));
    assert_eq!(b.groups[0].suppressed, Some("complementary"));
    assert!(b.rows.iter().all(|r| r.cells.iter().all(Option::is_none)));
    let files = shelfstat::cmd::run::render_outputs(&a).unwrap();
    let csv = files
        .iter()
        .find(|f| f.path.ends_with("services_by_type.csv"))
        .unwrap();
    let text = String::from_utf8(csv.bytes.clone()).unwrap();
    assert!(
        text.contains("services,type,academic,Academic,internet,,,,,,,small,"),
        "{text}"
    );
    let json = String::from_utf8(
        files
            .iter()
            .find(|f| f.path.ends_with("results.json"))
            .unwrap()
            .bytes
            .clone(),
    )
    .unwrap();
    assert!(json.contains("\"suppressed\": \"complementary\""));
    let md = String::from_utf8(
        files
            .iter()
            .find(|f| f.path.ends_with("report.md"))
            .unwrap()
            .bytes
            .clone(),
    )
    .unwrap();
    assert!(
        md.contains("| Internet | suppressed (complementary) | suppressed (n<5) |"),
        "{md}"
    );
}

#[test]
fn weighting_errors_name_the_codebook_line() {
    let dir = copy_dir(&root().join("tests/fixtures/surveymonkey/weighted"));
    let cb = std::fs::read_to_string(dir.path().join("survey.toml")).unwrap();
    let line = cb
        .lines()
        .position(|l| l.starts_with("variable = \"type\""))
        .unwrap()
        + 1;
    std::fs::write(
        dir.path().join("survey.toml"),
        cb.replace("public = 50, academic = 50", "public = 50"),
    )
    .unwrap();
    let e = shelfstat::pipeline::analyse(
        &shelfstat::pipeline::load(Some(&dir.path().join("survey.toml"))).unwrap(),
    )
    .err()
    .unwrap()
    .to_string();
    assert!(e.ends_with(&format!("survey.toml:{line}: weighting variable \"type\": category \"academic\" has no population target")), "{e}");
}

/// The README's weighting example (its `[weights]` block, as printed) runs on the sample.
#[test]
fn the_readme_weighting_example_runs_on_the_sample() {
    let readme = std::fs::read_to_string(crate::common::root().join("README.md")).unwrap();
    let start = readme
        .find("[weights]\ncolumn = \"Weight\"")
        .expect("the README example");
    let end = start + readme[start..].find("```").unwrap();
    // The sample has no weight column: the example's base weights are equal.
    let block: String = readme[start..end]
        .lines()
        .filter(|l| !l.starts_with("column ="))
        .map(|l| format!("{l}\n"))
        .collect();
    assert!(
        block.contains("sum to 1") || block.contains("targets = { Africa"),
        "{block}"
    );
    let dir = crate::common::copy_dir(&crate::common::root().join("data/ifla-refugee-2019"));
    let p = dir.path().join("survey.toml");
    let text = std::fs::read_to_string(&p).unwrap();
    std::fs::write(&p, format!("{text}\n{block}")).unwrap();
    let (_, a) = crate::common::load(&p);
    let w = a.results.weighting.expect("weighted");
    assert!(
        w.description.contains("raked to library_type, region"),
        "{}",
        w.description
    );
    assert!(w.max_gap.unwrap() < 1e-10);
    // The count margin's total (19,500 libraries) is the weights' total; shares follow it.
    assert!((w.sum - 19500.0).abs() < 1e-6, "{}", w.sum);
}

/// Issue 26, item 11: a margin on `variable = "country"` was refused ("no option CA") when the
/// country question's id is `country` (what `init` drafts): its targets are ISO codes.
#[test]
fn a_margin_on_the_country_question_takes_iso_codes() {
    let text = r#"[survey]
id = "w"
title = "W"
wave = "1"
source = "responses.csv"
format = "plain"
respondent_id = "id"

[[questions]]
id = "country"
type = "country"
text = "Country"

[weights]
method = "poststratify"

[[weights.margins]]
variable = "country"
targets = { CA = 30, DE = 70 }
"#;
    let cb = shelfstat::codebook::Codebook::parse(text, std::path::Path::new("survey.toml"));
    assert!(cb.is_ok(), "{}", cb.err().unwrap());
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("survey.toml"), text).unwrap();
    std::fs::write(
        tmp.path().join("responses.csv"),
        "id,Country\n1,Canada\n2,Germany\n3,Germany\n4,Germany\n",
    )
    .unwrap();
    let a = shelfstat::pipeline::analyse(
        &shelfstat::pipeline::load(Some(&tmp.path().join("survey.toml"))).unwrap(),
    )
    .unwrap();
    // Canada's one respondent weighs 30, each German 70/3.
    let w = a.results.weighting.unwrap();
    assert!(
        (w.sum - 100.0).abs() < 1e-9 && (w.max - 30.0).abs() < 1e-9,
        "{w:?}"
    );
}

/// Issue 26, item 11: a group whose weights are all zero showed "–" cells with no word why.
#[test]
fn a_group_of_zero_weights_is_explained() {
    let tmp = tempfile::tempdir().unwrap();
    let mut csv = String::from("id,Region,Cards,Weight\n");
    for k in 0..20 {
        let (region, w) = if k < 12 {
            ("North", "1.5")
        } else {
            ("South", "0")
        };
        let cards = if k % 3 == 0 { "No" } else { "Yes" };
        csv.push_str(&format!("{k},{region},{cards},{w}\n"));
    }
    std::fs::write(tmp.path().join("responses.csv"), csv).unwrap();
    let cb = r#"[survey]
id = "zw"
title = "Zero weights"
wave = "1"
source = "responses.csv"
format = "plain"
respondent_id = "id"

[analysis]
breakdowns = ["area"]
breakdown_questions = ["cards"]

[weights]
column = "Weight"

[[questions]]
id = "area"
type = "single"
text = "Region"
options = [{ code = "north", label = "North" }, { code = "south", label = "South" }]

[[questions]]
id = "cards"
type = "single"
text = "Cards"
options = [{ code = "yes", label = "Yes" }, { code = "no", label = "No" }]
"#;
    std::fs::write(tmp.path().join("survey.toml"), cb).unwrap();
    let out = tmp.path().join("out");
    shelfstat::cmd::run::run(&shelfstat::cmd::run::RunOptions {
        codebook: Some(tmp.path().join("survey.toml")),
        out: Some(out.clone()),
        format: None,
        ..Default::default()
    })
    .unwrap();
    let md = std::fs::read_to_string(out.join("report.md")).unwrap();
    assert!(md.contains("| Yes |") && md.contains(" – |"), "{md}");
    assert!(md.contains("“–”: no figure for this group"), "{md}");
}
