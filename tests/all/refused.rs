//! Real exports that were refused, or read wrongly, and now are not (issue 11's list).

use crate::common::*;
use shelfstat::tables::QuestionStats;

fn counts(a: &shelfstat::pipeline::Analysis, q: &str) -> (u64, Vec<(String, u64)>) {
    let Some(QuestionStats::Choice(t)) = a.results.question(q) else {
        panic!("{q} is a choice question")
    };
    let c = t
        .rows
        .iter()
        .map(|r| (r.code.clone(), r.estimate.map_or(0, |e| e.count)))
        .collect();
    (t.base, c)
}

/// Qualtrics previews and test responses are left out unless the codebook keeps them; an
/// export of test responses only says how to keep them.
#[test]
fn qualtrics_test_responses_can_be_analysed() {
    let dir = copy_dir(&root().join("tests/fixtures/qualtrics/numeric"));
    let toml = dir.path().join("survey.toml");
    let text = std::fs::read_to_string(&toml).unwrap();
    std::fs::write(
        &toml,
        text.replace("[survey]\n", "[survey]\nkeep_test_responses = true\n"),
    )
    .unwrap();
    let (_, a) = load(&toml);
    assert_eq!(a.results.accounting.analysed, 8);
    assert!(a.results.accounting.excluded.is_empty());
    // By hand, R_003 (preview: public; internet, books, classes) and R_006 (test: school;
    // internet) join the six real responses.
    let (base, c) = counts(&a, "type");
    assert_eq!(base, 7);
    let get = |c: &[(String, u64)], k: &str| c.iter().find(|(x, _)| x == k).unwrap().1;
    assert_eq!(
        (get(&c, "public"), get(&c, "academic"), get(&c, "school")),
        (2, 2, 2)
    );
    let (base, c) = counts(&a, "services");
    assert_eq!(base, 7);
    assert_eq!(
        (get(&c, "internet"), get(&c, "books"), get(&c, "classes")),
        (4, 2, 2)
    );
    assert!(a
        .results
        .warnings
        .iter()
        .any(|w| w.starts_with("2 Qualtrics survey previews and test responses are analysed")));

    // Only test responses, not kept: the error says what to do.
    let csv = dir.path().join("responses.csv");
    let only_tests: String = std::fs::read_to_string(&csv)
        .unwrap()
        .lines()
        .enumerate()
        .map(|(i, l)| match i {
            0..=2 => format!("{l}\n"),
            _ => format!("{}\n", l.replacen(",0,192", ",2,192", 1)),
        })
        .collect();
    std::fs::write(&csv, only_tests).unwrap();
    std::fs::write(&toml, text).unwrap();
    let l = shelfstat::pipeline::load(Some(&toml)).unwrap();
    let e = shelfstat::pipeline::analyse(&l)
        .err()
        .expect("no rows")
        .to_string();
    assert!(
        e.ends_with("no rows left to analyse: all 8 were excluded (Qualtrics test response: 7; Qualtrics survey preview, not a response: 1); to analyse Qualtrics previews and test responses anyway, set keep_test_responses = true in [survey]"),
        "{e}"
    );
}
