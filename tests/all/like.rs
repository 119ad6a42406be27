//! `init --like`: the next wave drafted from the previous wave's codebook, across platforms.

use crate::common::{load, root};
use shelfstat::cmd::init::{init, InitOptions};
use shelfstat::stats::QuestionStats;

/// Drafts `export` like `previous` in a temp folder; returns the folder and the draft.
fn like(previous: &str, export: &str) -> (tempfile::TempDir, shelfstat::draft::Draft) {
    let tmp = tempfile::tempdir().unwrap();
    let copy = tmp.path().join("responses.csv");
    std::fs::copy(root().join(export), &copy).unwrap();
    let (d, _) = init(&InitOptions {
        export: copy,
        format: None,
        definition: None,
        like: Some(root().join(previous)),
    })
    .unwrap();
    std::fs::write(tmp.path().join("survey.toml"), &d.toml).unwrap();
    (tmp, d)
}

fn ids(toml: &str) -> Vec<String> {
    let cb: toml::Table = toml.parse().unwrap();
    cb["questions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| q["id"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn like_2019_reproduces_the_2022_question_mapping_from_another_platform() {
    // 2019 is a SurveyMonkey codebook, the 2022 export comes from Google Forms.
    let (tmp, d) = like(
        "data/ifla-refugee-2019/survey.toml",
        "data/ifla-refugee-2022/responses.csv",
    );
    let drafted = ids(&d.toml);
    let wave2022 =
        ids(&std::fs::read_to_string(root().join("data/ifla-refugee-2022/survey.toml")).unwrap());
    // Every 2022 question that 2019 asked keeps its id; "online" and "recommend" are new in
    // 2022 (the new 0–10 recommend question drafted as a Net Promoter Score).
    for id in wave2022
        .iter()
        .filter(|id| !["online", "recommend"].contains(&id.as_str()))
    {
        assert!(drafted.contains(id), "{id} missing from {drafted:?}");
    }
    assert!(
        d.toml.contains("id = \"how_likely_it\"\ntype = \"nps\""),
        "{}",
        d.toml
    );
    assert!(
        drafted.contains(&"did_library_offer".to_string()),
        "{drafted:?}"
    );
    assert!(
        d.summary
            .contains(&"services: multi (same text)".to_string()),
        "{:?}",
        d.summary
    );
    assert!(d.summary.iter().any(|l| l.starts_with(
        "  option services.language: reworded, score 0.92 (\"Language practice (conversation groups, language cafés)\" → "
    )));
    assert!(d
        .summary
        .iter()
        .any(|l| l.starts_with("  option services.digital_skills_help: new")));
    assert!(d
        .summary
        .iter()
        .any(|l| l.starts_with("(new) did_library_offer: single")));
    assert!(d
        .summary
        .iter()
        .any(|l| l.starts_with("(dropped) interview_email:")));
    // Carried over: the sections (without the dropped question), headlines and analysis.
    assert!(d
        .toml
        .contains("questions = [\"practice\"]\ntitle = \"Follow-up\""));
    assert!(d
        .toml
        .contains("id = \"internet\"\noption = \"internet\"\nquestion = \"services\""));
    assert!(d.toml.contains("breakdowns = [\"region\", \"library_type\", { by = \"subregion\", questions = [\"cards\"] }]"));
    // `run` accepts the draft as it stands, with the 2022 figures.
    let (_, a) = load(&tmp.path().join("survey.toml"));
    let Some(QuestionStats::Choice(t)) = a.results.question("services") else {
        panic!("services")
    };
    let internet = t
        .rows
        .iter()
        .find(|r| r.code == "internet")
        .unwrap()
        .estimate
        .unwrap();
    assert_eq!((internet.count, internet.base), (289, 301));
    assert!(a.results.unaccounted_columns.is_empty());
}

#[test]
fn like_2022_on_the_2025_export_reports_merged_and_dropped_options() {
    // Google Forms codebook, SurveyMonkey export; 2025 asks one "staff capacity" barrier.
    let (tmp, d) = like(
        "data/ifla-refugee-2022/survey.toml",
        "data/ifla-refugee-2025/responses.csv",
    );
    assert!(
        d.summary
            .iter()
            .any(|l| l.starts_with("  option barriers.staff_capacity_language: new")),
        "{:?}",
        d.summary
    );
    for dropped in ["barriers.language", "barriers.training"] {
        assert!(
            d.summary
                .iter()
                .any(|l| l.starts_with(&format!("  option {dropped}: dropped"))),
            "{dropped}"
        );
    }
    assert!(d.summary.iter().any(|l| l.starts_with("(dropped) online:")));
    assert!(
        d.summary
            .iter()
            .any(|l| l.starts_with("(pii column): Email Address"))
            || d.toml.contains("\"Email Address\"")
    );
    let (_, a) = load(&tmp.path().join("survey.toml"));
    assert_eq!(a.results.respondents, 387);
}
