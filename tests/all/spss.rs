//! Issue 29: SPSS data files read without guessing. A .sav written here (with `ambers`'
//! writer; PSPP as a second, independent writer is left for CI) holds a labelled single choice
//! with a user-missing code, a battery of three items under one stem labelled with words no
//! anchor set knows (so only the codes give the order), a multiple-dichotomy set and a free
//! text; `init` drafts from its dictionary and `run` counts by hand-counted expectations.

use crate::common::{label_rows as rows, owned_rows as owned, run_in};
use ambers::{MissingSpec, MrSet, MrType, SpssMetadata, Value};
use arrow_array::{ArrayRef, Float64Array, RecordBatch, StringArray};
use shelfstat::stats::QuestionStats;
use std::sync::Arc;

/// Value labels as (value, label) pairs, collected into ambers' map where inserted.
fn labels<'a>(pairs: &'a [(f64, &'a str)]) -> impl Iterator<Item = (Value, String)> + 'a {
    pairs
        .iter()
        .map(|(v, l)| (Value::Numeric(*v), l.to_string()))
}

/// 12 cases. type: Public ×6 (1), Academic ×4 (2), Special ×1 (3), 9 (user-missing) ×1.
/// Stars q5_1..q5_3 on codes 1 Poor < 2 Fair < 3 Good. svc_internet / svc_books: 1 ticked,
/// 0 not, system-missing on case 12 (not shown).
pub fn survey_sav(path: &std::path::Path) {
    let f = |v: &[f64]| Arc::new(Float64Array::from(v.to_vec())) as ArrayRef;
    let fo = |v: &[Option<f64>]| Arc::new(Float64Array::from(v.to_vec())) as ArrayRef;
    let batch = RecordBatch::try_from_iter(vec![
        ("type", f(&[1., 1., 1., 1., 1., 1., 2., 2., 2., 2., 3., 9.])),
        ("q5_1", f(&[1., 1., 2., 2., 2., 3., 3., 3., 3., 3., 1., 2.])),
        ("q5_2", f(&[3., 3., 3., 2., 2., 2., 2., 1., 1., 1., 1., 1.])),
        ("q5_3", f(&[2., 2., 2., 2., 2., 2., 2., 2., 2., 2., 2., 2.])),
        (
            "svc_internet",
            fo(&[
                Some(1.),
                Some(1.),
                Some(1.),
                Some(0.),
                Some(1.),
                Some(0.),
                Some(1.),
                Some(1.),
                Some(0.),
                Some(0.),
                Some(1.),
                None,
            ]),
        ),
        (
            "svc_books",
            fo(&[
                Some(0.),
                Some(1.),
                Some(0.),
                Some(0.),
                Some(1.),
                Some(0.),
                Some(0.),
                Some(1.),
                Some(0.),
                Some(0.),
                Some(0.),
                None,
            ]),
        ),
        // A multiple-category set: first and second mention of 1 Books, 2 Films, 3 Games.
        (
            "mention1",
            fo(&[
                Some(1.),
                Some(1.),
                Some(2.),
                Some(3.),
                Some(1.),
                None,
                Some(2.),
                Some(1.),
                Some(1.),
                Some(3.),
                None,
                None,
            ]),
        ),
        (
            "mention2",
            fo(&[
                Some(2.),
                None,
                Some(3.),
                None,
                Some(3.),
                None,
                None,
                Some(2.),
                None,
                None,
                None,
                None,
            ]),
        ),
        (
            "comment",
            Arc::new(StringArray::from(vec![
                "fine",
                "",
                "more books",
                "",
                "",
                "ok",
                "",
                "",
                "",
                "",
                "",
                "",
            ])) as ArrayRef,
        ),
    ])
    .unwrap();
    let mut meta = SpssMetadata::from_arrow_schema(&batch.schema());
    for (v, l) in [
        ("type", "Type of library"),
        ("q5_1", "Stars: catalogue"),
        ("q5_2", "Stars: website"),
        ("q5_3", "Stars: staff"),
        ("svc_internet", "Internet access"),
        ("svc_books", "Books"),
        ("comment", "Any comment?"),
    ] {
        meta.variable_labels.insert(v.into(), l.into());
    }
    meta.variable_value_labels.insert(
        "type".into(),
        labels(&[
            (1., "Public"),
            (2., "Academic"),
            (3., "Special"),
            (9., "No answer"),
        ])
        .collect(),
    );
    meta.variable_missing_values
        .insert("type".into(), vec![MissingSpec::Value(9.)]);
    for v in ["q5_1", "q5_2", "q5_3"] {
        meta.variable_value_labels.insert(
            v.into(),
            labels(&[(1., "Poor"), (2., "Fair"), (3., "Good")]).collect(),
        );
    }
    for v in ["svc_internet", "svc_books"] {
        meta.variable_value_labels.insert(
            v.into(),
            labels(&[(0., "Not selected"), (1., "Selected")]).collect(),
        );
    }
    for v in ["mention1", "mention2"] {
        meta.variable_value_labels.insert(
            v.into(),
            labels(&[(1., "Books"), (2., "Films"), (3., "Games")]).collect(),
        );
    }
    meta.mr_sets.insert(
        "used".into(),
        MrSet {
            name: "used".into(),
            label: "What do you use?".into(),
            mr_type: MrType::MultipleCategory,
            counted_value: None,
            variables: vec!["mention1".into(), "mention2".into()],
        },
    );
    meta.mr_sets.insert(
        "svc".into(),
        MrSet {
            name: "svc".into(),
            label: "Services offered".into(),
            mr_type: MrType::MultipleDichotomy,
            counted_value: Some("1".into()),
            variables: vec!["svc_internet".into(), "svc_books".into()],
        },
    );
    ambers::write_sav(path, &batch, &meta, ambers::Compression::Bytecode, None).unwrap();
}

/// Question `id` of a parsed draft.
fn question(draft: &toml::Table, id: &str, text: &str) -> toml::Value {
    draft["questions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|q| q["id"].as_str() == Some(id))
        .unwrap_or_else(|| panic!("{id}: {text}"))
        .clone()
}

/// A drafted question's option labels, in order.
fn option_labels(q: &toml::Value) -> Vec<String> {
    q["options"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["label"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn a_sav_file_drafts_from_its_dictionary_and_counts() {
    let tmp = tempfile::tempdir().unwrap();
    let export = tmp.path().join("survey.sav");
    survey_sav(&export);
    let (dir, d, format) = crate::common::draft_copy(&export, None);
    assert_eq!(format, shelfstat::codebook::Format::Spss);
    // No guess to confirm: the scale's order is the codes'.
    assert!(!d.toml.contains("check ="), "{}", d.toml);
    let draft: toml::Table = toml::from_str(&d.toml).unwrap();
    let q = |id: &str| question(&draft, id, &d.toml);
    let labels = option_labels;
    assert_eq!(q("type")["type"].as_str(), Some("single"));
    assert_eq!(labels(&q("q5")), ["Poor", "Fair", "Good"]);
    assert_eq!(q("q5")["type"].as_str(), Some("grid"));
    assert_eq!(q("svc")["type"].as_str(), Some("multi"));
    let (a, _) = run_in(dir.path());
    // The user-missing 9 is no answer: base 11.
    assert_eq!(
        rows(&a.results, "type").0[..3],
        owned(&[("Public", 6), ("Academic", 4), ("Special", 1)])
    );
    assert_eq!(rows(&a.results, "type").1, 11);
    // Internet on cases 1,2,3,5,7,8,11 (7); books on 2,5,8 (3); case 12 not shown; cases
    // 4,6,9,10 shown, nothing ticked: base = the 7 who ticked at least one.
    assert_eq!(
        rows(&a.results, "svc"),
        (owned(&[("Internet access", 7), ("Books", 3)]), 7)
    );
    match a.results.question("q5") {
        Some(QuestionStats::Grid(g)) => {
            assert!(!g.order_unconfirmed);
            // catalogue: Poor 3 (1,2,11), Fair 4 (3,4,5,12), Good 5 (6-10).
            let first = &g.items[0];
            assert_eq!((first.counts.as_slice(), first.base), (&[3, 4, 5][..], 12));
        }
        other => panic!("{other:?}"),
    }
    // Books: cases 1,2,5,8,9 (5); Films: 1,3,7,8 (4); Games: 3,4,5,10 (4); answered: the 9
    // cases with a mention (6, 11, 12 none).
    assert_eq!(
        rows(&a.results, "used"),
        (owned(&[("Books", 5), ("Films", 4), ("Games", 4)]), 9)
    );
    // Free text is never published.
    assert!(matches!(
        a.results.question("any_comment"),
        Some(QuestionStats::Text(t)) if !t.published
    ));
}

/// A damaged .sav — cut short, garbage after the magic, a header declaring two billion cases,
/// the fuzzer's find — gives a one-line error naming the file, exit 1, no panic.
#[test]
fn damaged_sav_files_are_refused_clearly() {
    let tmp = tempfile::tempdir().unwrap();
    let good = tmp.path().join("good.sav");
    survey_sav(&good);
    let bytes = std::fs::read(&good).unwrap();
    let mut huge = bytes.clone();
    // The header's case count (bytes 80..84).
    huge[80..84].copy_from_slice(&2_000_000_000i32.to_le_bytes());
    // Found by the read_sav fuzz target: a negative variable-label length made the reader
    // index past its buffer (a panic inside ambers).
    let fuzzed =
        crate::common::root().join("tests/fixtures/fuzz/read-sav-negative-label-length.sav");
    let cases: [(&str, Vec<u8>); 4] = [
        ("fuzzed.sav", std::fs::read(fuzzed).unwrap()),
        ("cut.sav", bytes[..bytes.len() / 2].to_vec()),
        ("garbage.sav", [&b"$FL2"[..], &[0x5a; 300]].concat()),
        ("huge.sav", huge),
    ];
    let bin = assert_cmd::cargo::cargo_bin("shelfstat");
    for (name, data) in cases {
        let path = tmp.path().join(name);
        std::fs::write(&path, data).unwrap();
        let out = std::process::Command::new(&bin)
            .args(["init".as_ref(), path.as_os_str()])
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{name}: {err}");
        assert!(
            err.starts_with(&format!("error: {}: ", path.display())),
            "{name}: {err}"
        );
        assert!(!err.contains("panicked"), "{name}: {err}");
        assert_eq!(err.trim_end().lines().count(), 1, "{name}: {err}");
        eprintln!("{name}: {}", err.trim_end());
    }
}

/// tests/fixtures/spss/small/survey.sav (the fuzzer's seed, and a file to try `init` on) is
/// the one [`survey_sav`] writes: kept in step.
#[test]
fn the_committed_sav_fixture_is_the_one_written_here() {
    let tmp = tempfile::tempdir().unwrap();
    let made = tmp.path().join("survey.sav");
    survey_sav(&made);
    let committed = crate::common::root().join("tests/fixtures/spss/small/survey.sav");
    if std::env::var_os("SHELFSTAT_WRITE_SAV").is_some() {
        std::fs::copy(&made, &committed).unwrap();
    }
    let read = |p: &std::path::Path| {
        let bytes = std::fs::read(p).unwrap();
        let raw = shelfstat::ingest::read(&bytes, p, shelfstat::codebook::Format::Spss).unwrap();
        (raw.height(), raw.columns.len())
    };
    assert_eq!(read(&made), read(&committed));
    // 8 variables: the two mentions read as the set's three category columns.
    assert_eq!(read(&committed), (12, 10));
}

/// Found by a helper on five real .sav files, checked against pyreadstat: a labelled YES / NO
/// drafted as the country question ("Norway 80.5%"); a user-missing code ("9 Not answered")
/// and a label spelt two ways made scale points (top-2 "Strongly Disagree + Not answered"
/// 0.0%); a party vote asked twice published with a mean and a top-2 box; a scale labelled at
/// its ends and middle only drafted out of order.
#[test]
fn spss_labels_missing_codes_and_batteries_are_read_as_the_file_means() {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("real.sav");
    let f = |v: &[f64]| Arc::new(Float64Array::from(v.to_vec())) as ArrayRef;
    // 6 cases. smoke: YES ×1, NO ×5. item_1 / item_2: agreement coded 1 SA … 5 SD, 9 missing.
    let batch = RecordBatch::try_from_iter(vec![
        ("smoke", f(&[1., 2., 2., 2., 2., 2.])),
        ("item_1", f(&[1., 1., 2., 5., 9., 4.])),
        ("item_2", f(&[5., 5., 5., 1., 2., 9.])),
        ("vote_1", f(&[1., 2., 2., 3., 1., 1.])),
        ("vote_2", f(&[2., 2., 2., 3., 1., 2.])),
        ("important", f(&[1., 2., 3., 4., 5., 5.])),
    ])
    .unwrap();
    let mut meta = SpssMetadata::from_arrow_schema(&batch.schema());
    meta.variable_value_labels
        .insert("smoke".into(), labels(&[(1., "YES"), (2., "NO")]).collect());
    let agree = [
        (1., "Strongly agree"),
        (2., "Agree"),
        (3., "Neither"),
        (4., "Disagree"),
        (5., "Strongly disagree"),
        (9., "Not answered"),
    ];
    meta.variable_value_labels
        .insert("item_1".into(), labels(&agree).collect());
    let mut second = agree;
    second[4].1 = "Strongly Disagree";
    meta.variable_value_labels
        .insert("item_2".into(), labels(&second).collect());
    for v in ["item_1", "item_2"] {
        meta.variable_missing_values
            .insert(v.into(), vec![MissingSpec::Value(9.)]);
    }
    let parties = [(1., "Conservative"), (2., "Labour"), (3., "Green")];
    for v in ["vote_1", "vote_2"] {
        meta.variable_value_labels
            .insert(v.into(), labels(&parties).collect());
    }
    meta.variable_value_labels.insert(
        "important".into(),
        labels(&[
            (1., "Not at all important"),
            (3., "Somewhat important"),
            (5., "Very important"),
        ])
        .collect(),
    );
    ambers::write_sav(&path, &batch, &meta, ambers::Compression::Bytecode, None).unwrap();
    let (dir, d, _) = crate::common::draft_copy(&path, None);
    let draft: toml::Table = toml::from_str(&d.toml).unwrap();
    let q = |id: &str| question(&draft, id, &d.toml);
    let labels_of = option_labels;
    assert_eq!(q("smoke")["type"].as_str(), Some("single"));
    assert_eq!(
        labels_of(&q("item")),
        [
            "Strongly disagree",
            "Disagree",
            "Neither",
            "Agree",
            "Strongly agree"
        ]
    );
    assert!(q("item").get("check").is_none(), "{}", d.toml);
    // A party list is no scale the words know: its order waits for the user.
    assert!(q("vote").get("check").is_some(), "{}", d.toml);
    assert_eq!(
        labels_of(&q("important")),
        [
            "Not at all important",
            "2",
            "Somewhat important",
            "4",
            "Very important"
        ]
    );
    let (a, _) = run_in(dir.path());
    assert_eq!(
        rows(&a.results, "smoke"),
        (owned(&[("YES", 1), ("NO", 5)]), 6)
    );
    match a.results.question("item") {
        Some(QuestionStats::Grid(g)) => {
            // item_1: SA 2, A 1, D 1, SD 1 (9 missing) → base 5; SD first.
            assert_eq!(
                (g.items[0].counts.as_slice(), g.items[0].base),
                (&[1, 1, 0, 1, 2][..], 5)
            );
            // item_2: SD 3 (spelt "Strongly Disagree"), A 1, SA 1 → base 5.
            assert_eq!(
                (g.items[1].counts.as_slice(), g.items[1].base),
                (&[3, 0, 0, 1, 1][..], 5)
            );
            assert!(!g.order_unconfirmed);
        }
        other => panic!("{other:?}"),
    }
    match a.results.question("vote") {
        Some(QuestionStats::Grid(g)) => assert!(g.order_unconfirmed),
        other => panic!("{other:?}"),
    }
}

/// Review: a platform's SPSS download keeps its bookkeeping (Qualtrics' `Status`,
/// `Progress`), which must not become published questions; codes far from the rest (9 "Don't
/// know" beside 1 Yes / 2 No) are no gap to fill with "3" … "8"; codes past ±1e6 do not
/// make the gap filling run away.
#[test]
fn spss_bookkeeping_far_codes_and_huge_codes() {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("q.sav");
    let f = |v: &[f64]| Arc::new(Float64Array::from(v.to_vec())) as ArrayRef;
    let batch = RecordBatch::try_from_iter(vec![
        ("Status", f(&[0., 0., 0., 1.])),
        ("Progress", f(&[100., 100., 50., 100.])),
        ("agree", f(&[1., 2., 9., 1.])),
        ("huge", f(&[1., 1., 2., 1.])),
    ])
    .unwrap();
    let mut meta = SpssMetadata::from_arrow_schema(&batch.schema());
    meta.variable_value_labels.insert(
        "Status".into(),
        labels(&[(0., "IP Address"), (1., "Survey Preview")]).collect(),
    );
    meta.variable_value_labels.insert(
        "agree".into(),
        labels(&[(1., "Yes"), (2., "No"), (9., "Don't know")]).collect(),
    );
    meta.variable_value_labels.insert(
        "huge".into(),
        labels(&[(-1e19, "Far"), (1., "One"), (2., "Two")]).collect(),
    );
    ambers::write_sav(&path, &batch, &meta, ambers::Compression::Bytecode, None).unwrap();
    let (_, d, _) = crate::common::draft_copy(&path, None);
    let draft: toml::Table = toml::from_str(&d.toml).unwrap();
    let ids: Vec<&str> = draft["questions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| q["id"].as_str().unwrap())
        .collect();
    assert!(
        !ids.contains(&"status") && !ids.contains(&"progress"),
        "{}",
        d.toml
    );
    assert_eq!(
        option_labels(&question(&draft, "agree", &d.toml)),
        ["Yes", "No", "Don't know"]
    );
}

/// A header may leave the case count unknown (-1): the cases are read to the end of the data
/// (and, past the cell limit, refused as they are read: `ingest::spss::MAX_CELLS`).
#[test]
fn an_unknown_case_count_is_read_to_the_end() {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("unknown.sav");
    survey_sav(&path);
    let mut bytes = std::fs::read(&path).unwrap();
    bytes[80..84].copy_from_slice(&(-1i32).to_le_bytes());
    let raw = shelfstat::ingest::read(&bytes, &path, shelfstat::codebook::Format::Spss).unwrap();
    assert_eq!(raw.height(), 12);
    assert_eq!(shelfstat::ingest::spss::MAX_CELLS, 50_000_000);
}
