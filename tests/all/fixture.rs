//! The hand-checked SurveyMonkey fixture: every figure below was counted by hand from
//! tests/fixtures/surveymonkey/small/responses.csv (see the comment in its survey.toml).

use crate::common::*;
use shelfstat::stats::QuestionStats;
use shelfstat::tidy::{ExcludedRow, Exclusion};

fn small() -> std::path::PathBuf {
    root().join("tests/fixtures/surveymonkey/small/survey.toml")
}

#[test]
fn row_accounting() {
    let (_, a) = load(&small());
    let acc = &a.results.accounting;
    assert_eq!(acc.rows_read, 8);
    assert_eq!(acc.analysed, 6);
    assert_eq!(
        acc.excluded,
        vec![
            Exclusion {
                reason: "no answer to any question".into(),
                rows: 1
            },
            Exclusion {
                reason: "duplicate respondent id (first row kept)".into(),
                rows: 1
            },
        ]
    );
    // Spreadsheet rows: two header rows, and row 103's "other" text spans two lines of the file
    // but is one row.
    assert_eq!(
        a.results.excluded_rows,
        vec![
            ExcludedRow {
                row: 7,
                respondent_id: "105".into(),
                reason: "no answer to any question".into()
            },
            ExcludedRow {
                row: 8,
                respondent_id: "102".into(),
                reason: "duplicate respondent id (first row kept)".into()
            },
        ]
    );
}

#[test]
fn single_multi_numeric_and_country_figures() {
    let (_, a) = load(&small());
    let r = &a.results;
    let QuestionStats::Choice(t) = r.question("type").unwrap() else {
        panic!()
    };
    assert_eq!((t.answered, t.not_answered, t.base), (5, 1, 5));
    let counts: Vec<(&str, u64)> = t
        .rows
        .iter()
        .map(|o| (o.code.as_str(), o.estimate.unwrap().count))
        .collect();
    assert_eq!(counts, [("public", 3), ("academic", 1), ("other", 1)]);

    let QuestionStats::Choice(t) = r.question("services").unwrap() else {
        panic!()
    };
    assert_eq!((t.answered, t.base), (5, 5));
    let counts: Vec<(&str, u64)> = t
        .rows
        .iter()
        .map(|o| (o.code.as_str(), o.estimate.unwrap().count))
        .collect();
    assert_eq!(
        counts,
        [("internet", 3), ("books", 2), ("none", 1), ("other", 1)]
    );
    let internet = t.rows[0].estimate.unwrap();
    assert_eq!(internet.proportion, 0.6);

    let QuestionStats::Numeric(s) = r.question("staff").unwrap() else {
        panic!()
    };
    assert_eq!((s.n, s.not_answered), (5, 1));
    assert_eq!(s.mean, Some(5.4));
    assert_eq!(s.median, Some(5.0));
    assert_eq!((s.min, s.max), (Some(0.0), Some(12.0)));
    // sd = √(81.2 / 4)
    assert!((s.sd.unwrap() - 20.3f64.sqrt()).abs() < 1e-12);

    let QuestionStats::Text(e) = r.question("email").unwrap() else {
        panic!()
    };
    assert_eq!((e.answered, e.pii, e.published), (2, true, false));

    let QuestionStats::Country(c) = r.question("country").unwrap() else {
        panic!()
    };
    assert_eq!(c.distinct, 3);
    assert_eq!(c.answered, 6);
    assert_eq!(c.unmatched.len(), 1);
    assert_eq!(
        (c.unmatched[0].raw.as_str(), c.unmatched[0].rows),
        ("Atlantis", 1)
    );
    // DE 2, US 2, FR 1 are each under 5: pooled, names only.
    assert!(c.rows.is_empty());
    assert_eq!(c.pooled_countries, ["France", "Germany", "United States"]);
    assert_eq!(c.pooled.unwrap().count, 5);
}

#[test]
fn tidy_frame_is_typed_and_tri_state() {
    let (_, a) = load(&small());
    let f = &a.tidy.frame;
    let names: Vec<String> = f.get_column_names().iter().map(|s| s.to_string()).collect();
    assert_eq!(
        names,
        [
            "_respondent_id",
            "country",
            "country__name",
            "country__raw",
            "country__region",
            "country__subregion",
            "type",
            "services__answered",
            "services__internet",
            "services__books",
            "services__none",
            "services__other",
            "email__answered",
            "staff"
        ]
    );
    // Respondent 104 (4th analysed row) skipped services: options are null, not false.
    let internet = f.column("services__internet").unwrap().bool().unwrap();
    assert_eq!(internet.get(3), None);
    assert_eq!(internet.get(0), Some(true));
    assert_eq!(internet.get(2), Some(false));
    let region = f.column("country__region").unwrap().str().unwrap();
    assert_eq!(region.get(2), Some("Europe"));
    assert_eq!(region.get(3), None);
    let country = f.column("country").unwrap().str().unwrap();
    assert_eq!(country.get(2), Some("DE")); // " deutschland "
    assert_eq!(country.get(3), None); // Atlantis
}

#[test]
fn headline_on_the_fixture() {
    let out = shelfstat::cmd::headline::headline(&shelfstat::cmd::headline::HeadlineOptions {
        codebook: Some(small()),
        ..Default::default()
    })
    .unwrap();
    // 3 of 5: Wilson 95% interval 23.1–88.2% (hand-checked with the closed formula).
    assert_eq!(
        out.lines().next().unwrap(),
        "60.0% of the 5 libraries offer Internet (95% CI 23.1–88.2%)."
    );
}

#[test]
fn per_country_headlines_suppress_small_bases() {
    let out = shelfstat::cmd::headline::headline(&shelfstat::cmd::headline::HeadlineOptions {
        codebook: Some(small()),
        country: Some("Germany".into()),
        ..Default::default()
    })
    .unwrap();
    assert_eq!(
        out.lines().next().unwrap(),
        "internet: suppressed (fewer than 5 libraries in the base)"
    );
    // The sample: Germany has 33 libraries, so its figures are published with their own base.
    let de = shelfstat::cmd::headline::headline(&shelfstat::cmd::headline::HeadlineOptions {
        country: Some("DE".into()),
        ..Default::default()
    })
    .unwrap();
    assert!(de.contains("Source: IFLA global survey on library services to refugees, immigrants, migrants and asylum seekers, 2019, Germany (33 libraries in 1 country analysed"), "{de}");
    assert!(!de.contains("suppressed"), "{de}");
}

#[test]
fn a_single_small_country_is_never_pooled_alone() {
    // Threshold 2: DE 2 and US 2 could be listed, FR 1 alone would be identifiable in the pool,
    // so the smallest other country (DE, first by code) joins it.
    let dir = copy_dir(&root().join("tests/fixtures/surveymonkey/small"));
    let cb = std::fs::read_to_string(dir.path().join("survey.toml")).unwrap();
    std::fs::write(
        dir.path().join("survey.toml"),
        cb.replace(
            "unit = \"libraries\"",
            "unit = \"libraries\"\nsuppression_threshold = 2",
        ),
    )
    .unwrap();
    let (_, a) = load(&dir.path().join("survey.toml"));
    let QuestionStats::Country(c) = a.results.question("country").unwrap() else {
        panic!()
    };
    assert_eq!(
        c.rows.iter().map(|r| r.alpha2.as_str()).collect::<Vec<_>>(),
        ["US"]
    );
    assert_eq!(c.pooled_countries, ["France", "Germany"]);
    assert_eq!(c.pooled.unwrap().count, 3);
}
