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

/// `init --definition` on the hand-made exports with their platform codebooks (a REDCap data
/// dictionary, an XLSForm, a .qsf): the drafts run unchanged and give the hand counts of
/// expected.toml (keyed here by label, since the draft's codes are its own).
#[test]
fn drafts_from_platform_codebooks_give_the_hand_counts() {
    type Counts<'a> = (u64, Vec<(&'a str, u64)>);
    let cases: [(&str, &str, &str, Counts, &str, Counts); 3] = [
        (
            "redcap/raw",
            "dictionary.csv",
            "library_type",
            (
                4,
                vec![("Public", 1), ("Academic", 1), ("School", 1), ("Other", 1)],
            ),
            "services",
            (
                4,
                vec![
                    ("Internet access", 2),
                    ("Books", 1),
                    ("Classes", 1),
                    ("None of these", 1),
                    ("Other", 1),
                ],
            ),
        ),
        (
            // The draft keeps the "not approved" submission 5 (public; internet + classes):
            // leaving it out is the user's call (the draft names the setting).
            "kobo/detail",
            "xlsform.xlsx",
            "library_type",
            (
                5,
                vec![("Public", 2), ("Academic", 1), ("School", 1), ("Other", 1)],
            ),
            "services",
            (
                4,
                vec![
                    ("Internet access", 2),
                    ("Books", 1),
                    ("Classes", 1),
                    ("None of these", 1),
                    ("Other", 1),
                ],
            ),
        ),
        (
            "qualtrics/numeric",
            "survey.qsf",
            "q1",
            (
                5,
                vec![("Public", 1), ("Academic", 2), ("School", 1), ("Other", 1)],
            ),
            "q2",
            (
                4,
                vec![
                    ("Internet access", 2),
                    ("Books, e-books and other materials", 1),
                    ("Classes", 1),
                    ("None of these", 1),
                    ("Other", 1),
                ],
            ),
        ),
    ];
    for (case, def, q1, want1, q2, want2) in cases {
        let src = root().join("tests/fixtures").join(case);
        let (tmp, d, _) = draft_copy(&src.join("responses.csv"), Some(&src.join(def)));
        let l = shelfstat::pipeline::load(Some(&tmp.path().join("survey.toml")))
            .unwrap_or_else(|e| panic!("{case}: {e}\n{}", d.toml));
        let a =
            shelfstat::pipeline::analyse(&l).unwrap_or_else(|e| panic!("{case}: {e}\n{}", d.toml));
        for (q, want) in [(q1, &want1), (q2, &want2)] {
            let t = a
                .results
                .questions
                .iter()
                .find_map(|s| match s {
                    QuestionStats::Choice(t) if t.question == q => Some(t),
                    _ => None,
                })
                .unwrap_or_else(|| panic!("{case}: no {q} in\n{}", d.toml));
            let got: Vec<(&str, u64)> = t
                .rows
                .iter()
                .map(|r| (r.label.as_str(), r.estimate.as_ref().map_or(0, |e| e.count)))
                .collect();
            assert_eq!(
                (t.answered, got),
                (want.0, want.1.clone()),
                "{case}: {q}\n{}",
                d.toml
            );
        }
        if case == "kobo/detail" {
            assert!(d.toml.contains("exclude_not_approved = false # 1 submission is marked \"not approved\": set true to leave it out"), "{}", d.toml);
        }
        if case == "redcap/raw" {
            assert!(
                d.toml.contains("pii_columns = [\"name_first\", \"email\"]"),
                "{}",
                d.toml
            );
        }
        if case == "qualtrics/numeric" {
            // The .qsf's choice order is not the export's: values keep them straight.
            assert!(
                d.toml.contains(
                    "{ code = \"none_these\", label = \"None of these\", value = \"5\" },"
                ),
                "{}",
                d.toml
            );
        }
    }
}
