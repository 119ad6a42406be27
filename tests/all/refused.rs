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

/// Adds a line to the codebook's `[survey]` table; returns the codebook as it was.
fn with_survey_key(toml: &std::path::Path, line: &str) -> String {
    let text = std::fs::read_to_string(toml).unwrap();
    let changed = text.replace("[survey]\n", &format!("[survey]\n{line}\n"));
    std::fs::write(toml, changed).unwrap();
    text
}

/// Qualtrics previews and test responses are left out unless the codebook keeps them; an
/// export of test responses only says how to keep them.
#[test]
fn qualtrics_test_responses_can_be_analysed() {
    let dir = copy_dir(&root().join("tests/fixtures/qualtrics/numeric"));
    let toml = dir.path().join("survey.toml");
    let text = with_survey_key(&toml, "keep_test_responses = true");
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

/// A download cut off mid-row: refused by default with the line; with
/// `malformed_rows = "exclude"` the cut row is left out, counted and named.
#[test]
fn a_cut_off_last_row_can_be_left_out() {
    let dir = copy_dir(&root().join("tests/fixtures/google-forms/basic"));
    let csv = dir.path().join("responses.csv");
    let orig = std::fs::read_to_string(&csv).unwrap();
    let text = format!("{orig}11/9/2019 09:00:00,,Public,\"Internet acc");
    std::fs::write(&csv, &text).unwrap();
    let toml = dir.path().join("survey.toml");
    let e = shelfstat::pipeline::load(Some(&toml))
        .err()
        .unwrap()
        .to_string();
    assert!(
        e.ends_with("responses.csv: line 8: the file ends inside a quoted cell of this row (a cut or malformed row)"),
        "{e}"
    );
    with_survey_key(&toml, "malformed_rows = \"exclude\"");
    let (_, a) = load(&toml);
    let acc = &a.results.accounting;
    assert_eq!((acc.rows_read, acc.analysed), (7, 6));
    assert_eq!(acc.excluded.len(), 1);
    assert_eq!(
        acc.excluded[0].reason,
        "malformed row (the file ends inside one of its cells)"
    );
    assert!(a.results.warnings.iter().any(|w| w
        == "responses.csv: 1 malformed row left out (malformed_rows = \"exclude\"), at line 8"));
    // The well-formed rows give the fixture's hand counts (expected.toml: base 5, public 2).
    let (base, c) = counts(&a, "type");
    assert_eq!((base, c[0].clone()), (5, ("public".to_string(), 2)));
    // A row with a cell too few (a lost separator) is left out the same way, on its line.
    let lost =
        format!("{orig}11/9/2019 09:00:00,,Public,Internet access\n11/9/2019 10:00:00,Public\n");
    std::fs::write(&csv, lost).unwrap();
    let (_, a) = load(&toml);
    let acc = &a.results.accounting;
    assert_eq!((acc.rows_read, acc.analysed), (8, 7));
    assert_eq!(
        acc.excluded[0].reason,
        "malformed row (2 cells where the header has 4)"
    );
    assert!(a
        .results
        .warnings
        .iter()
        .any(|w| w.ends_with("left out (malformed_rows = \"exclude\"), at line 9")));
}

/// A map of "issues library cards: yes" by country: each shown country's figure is its own
/// count over its own base, counted again here from the tidy frame; small countries withheld.
/// (Breaking down by "country" panicked when the country question was itself called "country".)
#[test]
fn share_map_counts_each_country_and_withholds_small_ones() {
    let (_, a) = load(&sample_codebook());
    let m = a.results.maps.first().expect("the sample maps cards = yes");
    let frame = &a.tidy.frame;
    let country = frame.column("country").unwrap().str().unwrap();
    let cards = frame.column("cards").unwrap().str().unwrap();
    let yes = m.table.rows.iter().position(|r| r.code == "yes").unwrap();
    let mut shown = 0;
    for (k, g) in m.table.groups.iter().enumerate() {
        let (mut base, mut count) = (0u64, 0u64);
        for (c, v) in country.iter().zip(cards.iter()) {
            if c == Some(g.key.as_str()) && v.is_some() {
                base += 1;
                count += (v == Some("yes")) as u64;
            }
        }
        match (g.suppressed, m.table.rows[yes].cells[k]) {
            (None, Some(e)) => {
                assert_eq!((e.count, e.base), (count, base), "{}", g.key);
                assert!(base >= 5);
                shown += 1;
            }
            (Some(_), None) => assert!(base < 5 || g.suppressed == Some("complementary")),
            other => panic!("{}: {other:?}", g.key),
        }
    }
    assert_eq!(shown, 25, "countries shown (32 minus 7 withheld)");
    assert_eq!(
        m.numeric[m.table.groups.iter().position(|g| g.key == "US").unwrap()],
        840
    );
}

/// A Google Forms checkbox question with 27 choices, five of them ticked by only 3–9 of 490
/// respondents: each label repeated verbatim is a choice, not free text lumped into "Other"
/// (it was drafted with 22). Two answers typed once each are the "Other".
#[test]
fn rare_choices_repeated_verbatim_are_choices() {
    let common: Vec<String> = (1..=22).map(|k| format!("Service {k:02}")).collect();
    let rare = [
        "Braille books",
        "Sign language",
        "Legal clinic",
        "Seed library",
        "Tool library",
    ];
    let times = [3, 4, 5, 7, 9];
    let mut csv = String::from("Timestamp,Which services do you offer?\n");
    for i in 0..490 {
        let mut picks: Vec<String> = (0..3)
            .map(|j| common[(i * 7 + j * 5) % 22].clone())
            .collect();
        picks.sort();
        picks.dedup();
        for (r, t) in rare.iter().zip(times) {
            if i < t {
                picks.push(r.to_string());
            }
        }
        if i == 100 || i == 200 {
            picks.push(format!("Something only respondent {i} does"));
        }
        csv.push_str(&format!(
            "11/4/2019 10:{:02}:00,\"{}\"\n",
            i % 60,
            picks.join(", ")
        ));
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("responses.csv");
    std::fs::write(&path, csv).unwrap();
    let (_, d, _) = draft_copy(&path, None);
    for r in rare {
        assert!(
            d.toml.contains(&format!("label = \"{r}\"")),
            "{r} is a choice:\n{}",
            d.toml
        );
    }
    let options = d.toml.matches("\n  { code = ").count();
    assert_eq!(options, 27, "{}", d.toml);
    assert!(
        d.toml.contains("other = "),
        "the two one-off answers are the other"
    );
}

/// A plain table whose multi-select joins labels with ";" and whose empty cells say "NA"
/// (tests/fixtures/plain/developer-survey): `init` drafts the multi with `separator = ";"` and
/// `missing = ["NA"]`, and the run counts by hand: languages answered by 10 of 12 (rows 4 and
/// 12 are NA): Python 6, SQL 5, JavaScript 4, R 3, Bash 2, other (COBOL, typed once) 1; years of
/// coding 12 2 7 1 20 4 30 9 (mean 10.625, 4 NA); country 11 (row 8 NA).
#[test]
fn semicolon_multi_selects_and_na_markers() {
    let dir = root().join("tests/fixtures/plain/developer-survey");
    let (tmp, d) = draft_copy_as(
        &dir.join("responses.csv"),
        shelfstat::codebook::Format::Plain,
        None,
    );
    assert!(d.toml.contains("separator = \";\""), "{}", d.toml);
    assert!(d.toml.contains("missing = [\"NA\"]"), "{}", d.toml);
    for cb in [tmp.path().join("survey.toml"), dir.join("survey.toml")] {
        let (_, a) = load(&cb);
        let r = &a.results;
        let QuestionStats::Choice(t) = r.question("languagehaveworkedwith").unwrap() else {
            panic!()
        };
        assert_eq!((t.answered, t.not_answered), (10, 2));
        let counts: Vec<(&str, u64)> = t
            .rows
            .iter()
            .map(|o| (o.code.as_str(), o.estimate.unwrap().count))
            .collect();
        assert_eq!(
            counts,
            [
                ("python", 6),
                ("sql", 5),
                ("r", 3),
                ("javascript", 4),
                ("bash_shell_all", 2),
                ("other", 1)
            ]
        );
        let QuestionStats::Numeric(y) = r.question("yearscode").unwrap() else {
            panic!()
        };
        assert_eq!((y.n, y.not_answered, y.mean), (8, 4, Some(10.625)));
        let QuestionStats::Country(c) = r.question("country").unwrap() else {
            panic!()
        };
        assert_eq!(c.answered, 11);
        assert!(
            r.warnings
                .iter()
                .any(|w| w.starts_with("7 cells holding \"NA\"")),
            "{:?}",
            r.warnings
        );
    }
}
