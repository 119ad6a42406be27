//! Hand-made exports in each platform's real layout (tests/fixtures/<platform>/<case>/), each
//! with a codebook and the counts expected by hand (expected.toml): rows read, exclusions
//! with their reasons, and per question the answered count, the base and each option's count.

use crate::common::*;
use serde::Deserialize;
use shelfstat::stats::QuestionStats;
use std::collections::BTreeMap;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Expected {
    rows_read: usize,
    analysed: usize,
    #[serde(default)]
    excluded: Vec<Excl>,
    #[serde(default)]
    format: Option<String>,
    #[serde(default)]
    questions: Vec<Q>,
}

#[derive(Deserialize, Debug, PartialEq)]
#[serde(deny_unknown_fields)]
struct Excl {
    reason: String,
    rows: usize,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Q {
    id: String,
    answered: u64,
    base: u64,
    counts: BTreeMap<String, u64>,
}

fn cases() -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for platform in std::fs::read_dir(root().join("tests/fixtures")).unwrap() {
        for case in std::fs::read_dir(platform.unwrap().path()).unwrap() {
            let case = case.unwrap().path();
            if case.join("expected.toml").exists() {
                out.push(case);
            }
        }
    }
    out.sort();
    out
}

#[test]
fn platform_fixtures_give_the_hand_counted_figures() {
    let cases = cases();
    let done = cases.clone();
    for case in cases {
        let name = case
            .strip_prefix(root().join("tests/fixtures"))
            .unwrap()
            .display()
            .to_string();
        let exp: Expected =
            toml::from_str(&std::fs::read_to_string(case.join("expected.toml")).unwrap())
                .unwrap_or_else(|e| panic!("{name}/expected.toml: {e}"));
        let l = shelfstat::pipeline::load(Some(&case.join("survey.toml")))
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        if let Some(f) = &exp.format {
            assert_eq!(l.raw.format.as_str(), f, "{name}");
        }
        let a = shelfstat::pipeline::analyse(&l).unwrap_or_else(|e| panic!("{name}: {e}"));
        let acc = &a.results.accounting;
        assert_eq!(
            (acc.rows_read, acc.analysed),
            (exp.rows_read, exp.analysed),
            "{name}"
        );
        let excl: Vec<Excl> = acc
            .excluded
            .iter()
            .map(|e| Excl {
                reason: e.reason.clone(),
                rows: e.rows,
            })
            .collect();
        assert_eq!(excl, exp.excluded, "{name}");
        for q in &exp.questions {
            let t = a
                .results
                .questions
                .iter()
                .find_map(|s| match s {
                    QuestionStats::Choice(t) if t.question == q.id => Some(t),
                    _ => None,
                })
                .unwrap_or_else(|| panic!("{name}: no choice table {}", q.id));
            let counts: BTreeMap<String, u64> = t
                .rows
                .iter()
                .map(|r| (r.code.clone(), r.estimate.as_ref().map_or(0, |e| e.count)))
                .collect();
            assert_eq!(
                (t.answered, t.base, &counts),
                (q.answered, q.base, &q.counts),
                "{name}: question {}",
                q.id
            );
        }
    }
    // Every platform layout has at least one hand-counted case.
    let platforms: std::collections::BTreeSet<String> = done
        .iter()
        .map(|c| {
            c.parent()
                .unwrap()
                .file_name()
                .unwrap()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    assert_eq!(
        platforms.into_iter().collect::<Vec<_>>(),
        [
            "google-forms",
            "kobo",
            "limesurvey",
            "plain",
            "qualtrics",
            "redcap",
            "surveymonkey"
        ]
    );
}
