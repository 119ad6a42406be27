//! Regressions for silent wrong numbers and leaks on real exports (issue 15): each fixture under
//! tests/fixtures reproduces one defect in its platform's layout; the expected figures are
//! counted by hand from the fixture (see the comments).

use crate::common::{draft_copy, draft_copy_as, root, run_in};
use shelfstat::codebook::Format;
use shelfstat::stats::{ChoiceTable, QuestionStats, Results};

fn fixture(p: &str) -> std::path::PathBuf {
    root().join("tests/fixtures").join(p)
}

fn choice<'a>(r: &'a Results, id: &str) -> &'a ChoiceTable {
    match r.question(id) {
        Some(QuestionStats::Choice(t)) => t,
        other => panic!("{id}: {other:?}"),
    }
}

/// (code, count, base) of every option.
fn counts(t: &ChoiceTable) -> Vec<(String, u64, u64)> {
    t.rows
        .iter()
        .map(|r| {
            let e = r.estimate.expect("estimate");
            (r.code.clone(), e.count, e.base)
        })
        .collect()
}

fn owned(v: &[(&str, u64, u64)]) -> Vec<(String, u64, u64)> {
    v.iter().map(|(c, k, n)| (c.to_string(), *k, *n)).collect()
}

#[test]
fn question_named_weight_is_a_question_not_the_survey_weight() {
    // 30 × "a" with Weight 1…30, 10 × "b" with 130…139: a is 30/40 = 75%, not 25.7%.
    let (tmp, d) = draft_copy_as(
        &fixture("plain/weight-column/responses.csv"),
        Format::Plain,
        None,
    );
    assert!(
        d.toml.contains("id = \"weight\"\ntype = \"numeric\""),
        "{}",
        d.toml
    );
    assert!(
        d.toml.contains("{ code = \"a\", label = \"a\" }"),
        "option a keeps its code"
    );
    let (a, text) = run_in(tmp.path());
    assert!(a.results.weighting.is_none());
    let t = choice(&a.results, "type");
    assert_eq!(counts(t), owned(&[("a", 30, 40), ("b", 10, 40)]));
    assert_eq!(t.rows[0].estimate.unwrap().proportion, 0.75);
    assert!(t
        .rows
        .iter()
        .all(|r| r.estimate.unwrap().weighted_base.is_none()));
    // Every Markdown table row has as many cells as its header.
    assert!(
        text.contains("| a | 30 | 40 | 75.0 | 59.8–85.8 |\n"),
        "five cells"
    );
    assert!(!text.contains("59.8–85.8 | 17.2 |"));
    let names: Vec<String> = a
        .tidy
        .frame
        .get_column_names()
        .iter()
        .map(|s| s.to_string())
        .collect();
    assert_eq!(names, ["_respondent_id", "type", "weight"]);
}

#[test]
fn question_named_weight_with_two_values_runs_as_a_single_choice() {
    // Weight is 1 or 2 (drafted as a single choice); it failed with "invalid series dtype".
    let (tmp, d) = draft_copy_as(
        &fixture("plain/weight-column/two-values.csv"),
        Format::Plain,
        None,
    );
    assert!(
        d.toml.contains("id = \"weight\"\ntype = \"single\""),
        "{}",
        d.toml
    );
    let (a, _) = run_in(tmp.path());
    assert_eq!(
        counts(choice(&a.results, "type")),
        owned(&[("a", 30, 40), ("b", 10, 40)])
    );
    // 15 of the a rows have 1, the other 15 and all 10 b rows have 2 (first seen: 2; numbers
    // are drafted in their order).
    let t = choice(&a.results, "weight");
    let w: Vec<(&str, u64)> = t
        .rows
        .iter()
        .map(|r| (r.label.as_str(), r.estimate.unwrap().count))
        .collect();
    assert_eq!(w, [("1", 15), ("2", 25)]);
}

#[test]
fn same_text_twice_gives_two_questions_and_reads_the_answered_block() {
    // Columns J–L are an empty copy of "Which services do you offer?", M–O the answered block:
    // 13 of 15 rows tick something there (Internet 9, Books 7, Classes 4).
    let (tmp, d, _) = draft_copy(&fixture("surveymonkey/same-text-twice/responses.csv"), None);
    assert!(d.toml.contains("id = \"services_offer\"\n"));
    assert!(d.toml.contains("id = \"services_offer_2\"\n"));
    assert!(d
        .toml
        .contains("header = \"Which services do you offer? #2\""));
    assert!(!d.toml.contains("internet_2"), "no duplicated options");
    assert_eq!(
        d.warnings,
        ["the text \"Which services do you offer?\" is asked 2 times: drafted as separate questions services_offer (column J), services_offer_2 (column M); check which is which"]
    );
    let (a, _) = run_in(tmp.path());
    assert_eq!(choice(&a.results, "services_offer").answered, 0);
    let t = choice(&a.results, "services_offer_2");
    assert_eq!(t.answered, 13);
    assert_eq!(
        counts(t),
        owned(&[("internet", 9, 13), ("books", 7, 13), ("classes", 4, 13)])
    );
    assert!(a.results.unaccounted_columns.is_empty());
}

#[test]
fn choice_with_comment_box_is_analysed_and_its_comments_unpublished() {
    // Cards: Yes 8, No 3, one blank (5 comments). Barriers: 10 of 12 answered; no immigrants 5,
    // lack of resources 5, other agencies 3 (3 comments).
    let (tmp, d, _) = draft_copy(&fixture("surveymonkey/choice-comment/responses.csv"), None);
    assert!(d.toml.contains("comment = \"Please explain here\""));
    assert!(d
        .toml
        .contains("comment = \"(optional) Please explain your answer\""));
    let (a, text) = run_in(tmp.path());
    assert_eq!(
        counts(choice(&a.results, "offer_library_cards")),
        owned(&[("yes", 8, 11), ("no", 3, 11)])
    );
    let b = choice(&a.results, "barriers_face");
    assert_eq!(b.answered, 10);
    let k: Vec<u64> = counts(b).iter().map(|c| c.1).collect();
    assert_eq!(k, [5, 5, 3]);
    let notes = &a.results.warnings;
    assert!(notes
        .iter()
        .any(|w| w.starts_with("question \"offer_library_cards\": 5 typed comments")));
    assert!(notes
        .iter()
        .any(|w| w.starts_with("question \"barriers_face\": 3 typed comments")));
    for comment in [
        "We are not allowed",
        "Staff shortage",
        "The city runs a centre",
        "Budget",
    ] {
        assert!(!text.contains(comment), "{comment} published");
    }
    assert!(a.results.unaccounted_columns.is_empty());
}

#[test]
fn recorder_names_and_coordinates_never_reach_an_output() {
    let (tmp, d, _) = draft_copy(&fixture("kobo/recorder-gps/responses.csv"), None);
    assert!(d.toml.contains(
        "pii_columns = [\"Recorder\", \"_point_latitude\", \"_point_longitude\", \"_point_altitude\", \"_point_precision\"]"
    ), "{}", d.toml);
    let (a, text) = run_in(tmp.path());
    for leak in [
        "Amina",
        "Yusuf",
        "Jonas Berg",
        "Lopez",
        "-1.29",
        "36.82",
        "-1.2763",
    ] {
        assert!(!text.contains(leak), "{leak} published");
    }
    // The "Weight" question (a mass) is summarised, never used as survey weights.
    assert!(a.results.weighting.is_none());
    assert!(matches!(a.results.question("weight"), Some(QuestionStats::Numeric(s)) if s.n == 20));
}

#[test]
fn kobo_space_joined_select_multiple_is_a_multi() {
    // reasons holds names joined by spaces: internet 12, books 9, language_classes 8 of 20.
    let (tmp, _, _) = draft_copy(&fixture("kobo/recorder-gps/responses.csv"), None);
    let (a, _) = run_in(tmp.path());
    let t = choice(&a.results, "reasons");
    assert_eq!(
        counts(t),
        owned(&[
            ("language_classes", 8, 20),
            ("internet", 12, 20),
            ("books", 9, 20)
        ])
    );
}

#[test]
fn xlsform_applies_to_a_plain_export_headed_by_group_paths() {
    // A processed KoboToolbox export (no _uuid / _submission_time), read as plain with its
    // XLSForm. services: internet 4, books 3, classes 2, none 1, other 1 of 6.
    let (tmp, d) = draft_copy_as(
        &fixture("kobo/processed/responses.csv"),
        Format::Plain,
        Some(&fixture("kobo/detail/xlsform.xlsx")),
    );
    assert!(d
        .toml
        .contains("text = \"Which services do you offer?\"\nheader = \"group_lib/services\""));
    let (a, _) = run_in(tmp.path());
    let s = choice(&a.results, "services");
    let k: Vec<(String, u64)> = counts(s).into_iter().map(|(c, k, _)| (c, k)).collect();
    let want = [
        ("internet", 4),
        ("books", 3),
        ("classes", 2),
        ("none", 1),
        ("other", 1),
    ];
    assert_eq!(k, want.map(|(c, k)| (c.to_string(), k)));
    let t = choice(&a.results, "library_type");
    assert_eq!(counts(t)[0], ("public".to_string(), 3, 6));
}

#[test]
fn definition_matching_nothing_is_said_not_claimed() {
    let (_, d) = draft_copy_as(
        &fixture("plain/weight-column/responses.csv"),
        Format::Plain,
        Some(&fixture("kobo/detail/xlsform.xlsx")),
    );
    assert!(d
        .summary
        .iter()
        .any(|l| l.starts_with("(warning): no column of the export matched")));
    assert!(!d.toml.contains("# Types, labels and codes from the"));
}

#[test]
fn html_entities_in_qualtrics_headings_are_decoded() {
    let (tmp, d, _) = draft_copy(&fixture("qualtrics/entities-dnd/responses.csv"), None);
    assert!(d.toml.contains("(>50%) speak another language"));
    assert!(!d.toml.contains("&gt;") && !d.toml.contains("&amp;"));
    let (_, text) = run_in(tmp.path());
    assert!(!text.contains("&gt;50%"));
    assert!(text.contains(">50%"));
}

#[test]
fn drag_and_drop_matrix_of_minus_99_is_left_out_not_drafted() {
    let (tmp, d, _) = draft_copy(&fixture("qualtrics/entities-dnd/responses.csv"), None);
    assert!(d
        .toml
        .contains("ignore_columns = [\"Sort these services & rank them\"]"));
    assert!(!d.toml.contains("at most 0"));
    assert!(d
        .summary
        .iter()
        .any(|l| l.starts_with("(skipped): Sort these services")));
    let (a, _) = run_in(tmp.path());
    assert!(a.results.unaccounted_columns.is_empty());
    assert!(a
        .results
        .warnings
        .iter()
        .any(|w| w.contains("ignore_columns")));
}

#[test]
fn unread_answer_column_is_a_warning_with_its_position_and_count() {
    // Drop the answered copy's question from the draft: its three columns hold 9, 7 and 4 answers.
    let (tmp, d, _) = draft_copy(&fixture("surveymonkey/same-text-twice/responses.csv"), None);
    let start = d
        .toml
        .find("[[questions]]\nid = \"services_offer_2\"")
        .unwrap();
    let end = start + d.toml[start..].find("\n\n").unwrap() + 2;
    let toml = format!("{}{}", &d.toml[..start], &d.toml[end..]);
    std::fs::write(tmp.path().join("survey.toml"), toml).unwrap();
    let (a, text) = run_in(tmp.path());
    let u: Vec<(String, usize)> = a
        .results
        .unaccounted_columns
        .iter()
        .map(|u| (u.column.clone(), u.non_empty))
        .collect();
    let want = [("M", 9), ("N", 7), ("O", 4)];
    assert_eq!(u, want.map(|(c, k)| (c.to_string(), k)));
    assert!(text.contains("**Unaccounted column**: column M (\"Which services do you offer? / Internet\") has the same heading as column J, which the codebook reads; its 9 answers are not read: name it with header = \"Which services do you offer? #2\""), "{text}");
}

#[test]
fn init_prints_why_each_column_is_personal_data() {
    let out = assert_cmd::Command::cargo_bin("shelfstat")
        .unwrap()
        .arg("init")
        .arg(fixture("kobo/recorder-gps/responses.csv"))
        .output()
        .unwrap();
    assert!(out.status.success());
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("  (pii column): Recorder (a person's name, by its heading)\n"),
        "{stderr}"
    );
    assert!(stderr
        .contains("  (pii column): _point_latitude (a location (coordinates), by its heading)\n"));
    // A plain table's "Host" column of IP addresses, found by its cells.
    let tmp = tempfile::tempdir().unwrap();
    let p = tmp.path().join("hosts.csv");
    let rows: String = (1..=12)
        .map(|i| format!("{i},10.0.0.{i},{}\n", ["a", "b"][i % 2]))
        .collect();
    std::fs::write(&p, format!("id,Host,Kind\n{rows}")).unwrap();
    let out = assert_cmd::Command::cargo_bin("shelfstat")
        .unwrap()
        .args(["init", "--format", "plain"])
        .arg(&p)
        .output()
        .unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("  (pii column): Host (IP addresses in 12 of 12 cells)\n"),
        "{stderr}"
    );
    assert!(String::from_utf8(out.stdout)
        .unwrap()
        .contains("pii_columns = [\"Host\"]"));
}

#[test]
fn one_text_over_thousands_of_columns_is_drafted_once_each_and_summarised() {
    // 3,000 columns share one heading: each becomes its own question with the next free
    // suffix, and the warning names ten of them and counts the rest (it listed all 3,000).
    let tmp = tempfile::tempdir().unwrap();
    let n = 3000;
    let mut csv = String::from("id");
    csv.push_str(&",Which services".repeat(n));
    for r in 0..6 {
        csv.push_str(&format!("\n{r}"));
        csv.push_str(&(if r % 2 == 0 { ",Yes" } else { ",No" }).repeat(n));
    }
    let export = tmp.path().join("wide.csv");
    std::fs::write(&export, csv).unwrap();
    let (_, d) = draft_copy_as(&export, Format::Plain, None);
    assert_eq!(d.toml.matches("\n[[questions]]\n").count(), n);
    assert!(d.toml.contains("id = \"services\"\n"));
    assert!(d.toml.contains("id = \"services_3000\"\n"));
    assert!(d.toml.contains("header = \"Which services #3000\""));
    let listed: Vec<String> = (1..=10)
        .map(|k| {
            let id = if k == 1 {
                "services".to_string()
            } else {
                format!("services_{k}")
            };
            format!("{id} (column {})", shelfstat::error::column_letters(k))
        })
        .collect();
    assert_eq!(
        d.warnings,
        [format!(
            "the text \"Which services\" is asked 3000 times: drafted as separate questions {} and 2990 more (listed in the draft's comments); check which is which",
            listed.join(", ")
        )]
    );
}

#[test]
fn charts_draw_at_most_forty_rows_and_say_how_many_more() {
    // 60 bracketed items (drafted as one grid) and a single question of 50 answers: the
    // charts were as tall as the table (a drafted 20,000-option question: 680,000 pixels).
    let tmp = tempfile::tempdir().unwrap();
    let mut csv = String::from("id,Kind");
    for k in 0..60 {
        csv.push_str(&format!(",How useful [Service {k}]"));
    }
    for r in 0..100 {
        csv.push_str(&format!("\n{r},A{}", r % 50));
        for k in 0..60 {
            // A scale whose words give its order (Yes / No would be drafted with its order
            // unconfirmed, and so without a chart).
            csv.push_str([",", ",Agree", ",Disagree"][(r + k) % 3]);
        }
    }
    let export = tmp.path().join("wide.csv");
    std::fs::write(&export, csv).unwrap();
    let (tmp, d) = draft_copy_as(&export, Format::Plain, None);
    assert!(d.toml.contains("type = \"grid\""), "{}", d.toml);
    // Drafted as text (50 distinct of 100); made a single question of 50 options.
    let options: Vec<String> = (0..50)
        .map(|k| format!("{{ code = \"a{k}\", label = \"A{k}\" }}"))
        .collect();
    let single = format!(
        "type = \"single\"\ntext = \"Kind\"\noptions = [{}]",
        options.join(", ")
    );
    let toml = d
        .toml
        .replacen("type = \"text\"\ntext = \"Kind\"", &single, 1);
    std::fs::write(tmp.path().join("survey.toml"), toml).unwrap();
    run_in(tmp.path());
    let charts = tmp.path().join("out/charts");
    let svg = |name: &str| std::fs::read_to_string(charts.join(name)).unwrap();
    let height = |s: &str| {
        let at = s.find("height=\"").unwrap() + 8;
        s[at..at + s[at..].find('"').unwrap()]
            .parse::<u32>()
            .unwrap()
    };
    let kind = svg("kind.svg");
    assert!(kind.contains("the first 40 of 50 answers, highest first (all in the table)"));
    assert_eq!(height(&kind), 96 + 34 * 40);
    let grid = std::fs::read_dir(&charts)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| {
            p.to_string_lossy().contains("useful") && p.extension().is_some_and(|x| x == "svg")
        })
        .map(|p| std::fs::read_to_string(p).unwrap())
        .unwrap();
    assert!(grid.contains("the first 40 of 60 items, most positive first (all in the table)"));
}

/// Issue 26, item 8: an answer typed with a combining accent ("Cafe\u{301}", NFD) is the same
/// answer as "Café" (NFC): before, in a multi with "other", every such answer went to Other and
/// "Café" was published as 0%, and `init` drafted two options labelled "Café".
#[test]
fn an_accent_typed_as_a_combining_mark_is_the_same_answer() {
    let tmp = tempfile::tempdir().unwrap();
    let nfd = "Cafe\u{301}";
    // Rows: Café (NFC) ×2, Café (NFD) ×3, "Books" ×1, Café (NFD) + Books ×1, other text ×1.
    let cells = [
        "Café".to_string(),
        "Café".into(),
        nfd.into(),
        nfd.into(),
        nfd.into(),
        "Books".into(),
        format!("{nfd};Books"),
        "Something else".into(),
    ];
    let mut csv = String::from("id,Services\n");
    for (k, c) in cells.iter().enumerate() {
        csv.push_str(&format!("{k},{c}\n"));
    }
    std::fs::write(tmp.path().join("responses.csv"), csv).unwrap();
    let cb = r#"[survey]
id = "nfc"
title = "NFC"
wave = "1"
source = "responses.csv"
format = "plain"
respondent_id = "id"

[[questions]]
id = "services"
type = "multi"
text = "Services"
separator = ";"
options = [{ code = "cafe", label = "Café" }, { code = "books", label = "Books" }]
other = { code = "other", label = "Other" }
"#;
    std::fs::write(tmp.path().join("survey.toml"), cb).unwrap();
    let (a, _) = run_in(tmp.path());
    assert_eq!(
        counts(choice(&a.results, "services")),
        owned(&[("cafe", 6, 8), ("books", 2, 8), ("other", 1, 8)])
    );
    // init drafts one "Café" from both spellings (a single choice: 6 Café, half of them NFD,
    // 6 Books).
    let mut csv = String::from("id,Kind\n");
    for k in 0..12 {
        let v = match k % 4 {
            0 => "Café",
            1 => nfd,
            _ => "Books",
        };
        csv.push_str(&format!("{k},{v}\n"));
    }
    std::fs::write(tmp.path().join("kinds.csv"), csv).unwrap();
    let (_, d) = draft_copy_as(&tmp.path().join("kinds.csv"), Format::Plain, None);
    assert!(d.toml.contains("type = \"single\""), "{}", d.toml);
    assert_eq!(d.toml.matches("label = \"Café\"").count(), 1, "{}", d.toml);
    assert!(!d.toml.contains(nfd), "{}", d.toml);
}

/// Issue 25, class 6: a column headed "Q9" holding 10-digit numbers, all different, was drafted
/// numeric, and two respondents' phone numbers became the table's Min and Max (all of them in
/// the tidy CSV); completion codes were published as a mean.
#[test]
fn phone_numbers_and_completion_codes_are_never_published_as_numbers() {
    let tmp = tempfile::tempdir().unwrap();
    let mut csv = String::from("id,Q9,Code,Staff\n");
    for k in 0..20u64 {
        let phone = 5_550_100_000 + k * 7919;
        let code = 10_000 + (k * 3571) % 89_999;
        csv.push_str(&format!("{k},{phone},{code},{}\n", k % 6 + 1));
    }
    let export = tmp.path().join("responses.csv");
    std::fs::write(&export, csv).unwrap();
    let (dir, d) = draft_copy_as(&export, Format::Plain, None);
    assert!(
        d.toml.contains("pii_columns = [\"Q9\", \"Code\"]"),
        "{}",
        d.toml
    );
    // Small counts stay a question.
    assert!(d.toml.contains("text = \"Staff\""), "{}", d.toml);
    let (_, text) = run_in(dir.path());
    assert!(
        !text.contains("5550100000") && !text.contains("5550107919"),
        "a phone number was published"
    );
    assert!(!text.contains("13571"), "a completion code was published");
}

/// Issue 26, item 9: "No" was counted as Norway, and "n/a", "N.A.", "none", "-", "?", "0",
/// "Not applicable" stayed in the country question's base.
#[test]
fn country_non_answers_leave_the_base() {
    let tmp = tempfile::tempdir().unwrap();
    let answers = [
        "Norway",
        "NO",
        "No",
        "n/a",
        "N.A.",
        "none",
        "-",
        "?",
        "0",
        "Not applicable",
        "Germany",
        "Virgin Islands",
        "Hong Kong (S.A.R.)",
    ];
    let mut csv = String::from("id,Country\n");
    for (k, a) in answers.iter().enumerate() {
        csv.push_str(&format!("{k},{a}\n"));
    }
    std::fs::write(tmp.path().join("responses.csv"), csv).unwrap();
    let cb = "[survey]\nid = \"c\"\ntitle = \"C\"\nwave = \"1\"\nsource = \"responses.csv\"\nformat = \"plain\"\nrespondent_id = \"id\"\nsuppression_threshold = 1\n\n[[questions]]\nid = \"country\"\ntype = \"country\"\ntext = \"Country\"\n";
    std::fs::write(tmp.path().join("survey.toml"), cb).unwrap();
    let (a, text) = run_in(tmp.path());
    let t = match a.results.question("country") {
        Some(QuestionStats::Country(t)) => t,
        other => panic!("{other:?}"),
    };
    // Answered: Norway ×2, Germany, Virgin Islands (unmatched), Hong Kong; 8 did not answer.
    assert_eq!((t.answered, t.not_answered), (5, 8));
    let rows: Vec<(&str, u64)> = t
        .rows
        .iter()
        .map(|r| (r.alpha2.as_str(), r.estimate.count))
        .collect();
    assert_eq!(rows, [("NO", 2), ("DE", 1), ("HK", 1)]);
    let unmatched: Vec<&str> = t.unmatched.iter().map(|u| u.raw.as_str()).collect();
    assert_eq!(unmatched, ["Virgin Islands"]);
    // The table's rows add up to its base: the unrecognised answer has its row, in the
    // report and in tables/country.csv (issue 25, class 9).
    assert!(
        text.contains("| Not recognised as a country | – | 1 | 5 | 20.0 |"),
        "{text}"
    );
    assert!(
        text.contains("country,unrecognised,Not recognised as a country,1,5,0.2,"),
        "{text}"
    );
}

/// Issue 26, item 10: a ranking answered with ties (`1,1,1`) was accepted and the "ranked
/// first" shares added to 133%. A row with ties or a gap is refused, naming its row, or left
/// out with its reason when the codebook says malformed_rows = "exclude".
#[test]
fn rankings_with_ties_or_gaps_are_refused_or_excluded() {
    let tmp = tempfile::tempdir().unwrap();
    // Rows: 1,2,3 | 2,1,3 | 1,1,1 (tied) | 1,3,blank (gap) | 1,blank,blank | 3,2,1.
    let csv = "id,Rank [A],Rank [B],Rank [C]\n1,1,2,3\n2,2,1,3\n3,1,1,1\n4,1,3,\n5,1,,\n6,3,2,1\n";
    std::fs::write(tmp.path().join("responses.csv"), csv).unwrap();
    let cb = |extra: &str| {
        format!("[survey]\nid = \"r\"\ntitle = \"R\"\nwave = \"1\"\nsource = \"responses.csv\"\nformat = \"plain\"\nrespondent_id = \"id\"\n{extra}\n[[questions]]\nid = \"rank\"\ntype = \"ranking\"\ntext = \"Rank\"\nitems = [{{ code = \"a\", label = \"A\" }}, {{ code = \"b\", label = \"B\" }}, {{ code = \"c\", label = \"C\" }}]\n")
    };
    std::fs::write(tmp.path().join("survey.toml"), cb("")).unwrap();
    let e = shelfstat::pipeline::analyse(
        &shelfstat::pipeline::load(Some(&tmp.path().join("survey.toml"))).unwrap(),
    )
    .err()
    .expect("a tied ranking must be refused")
    .to_string();
    assert!(
        e.ends_with("responses.csv: row 4, column B (\"Rank [A]\"): ranking \"rank\" with a rank given twice (1, 1, 1): each item ranked once, 1, 2, 3 … without a gap; or set [survey] malformed_rows = \"exclude\" to leave such rows out"),
        "{e}"
    );
    std::fs::write(
        tmp.path().join("survey.toml"),
        cb("malformed_rows = \"exclude\"\n"),
    )
    .unwrap();
    let (a, _) = run_in(tmp.path());
    let reasons: Vec<(String, usize)> = a
        .results
        .accounting
        .excluded
        .iter()
        .map(|e| (e.reason.clone(), e.rows))
        .collect();
    assert_eq!(
        reasons,
        [
            (
                "malformed ranking \"rank\" with a rank given twice".to_string(),
                1
            ),
            (
                "malformed ranking \"rank\" with a gap in its ranks".to_string(),
                1
            ),
        ]
    );
    let t = match a.results.question("rank") {
        Some(QuestionStats::Ranking(t)) => t,
        other => panic!("{other:?}"),
    };
    // Ranked first among the 4 rows left: A by rows 1 and 5, B by row 2, C by row 6.
    let firsts: Vec<u64> = t.items.iter().map(|it| it.first.unwrap().count).collect();
    assert_eq!((t.answered, firsts), (4, vec![2, 1, 1]));
}

/// Issue 26, item 14: a second export column also headed like the respondent id was neither
/// read nor listed as unaccounted.
#[test]
fn a_second_id_column_is_reported_unread() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(
        tmp.path().join("responses.csv"),
        "id,Type,id\n1,Public,x1\n2,Academic,x2\n3,Public,x3\n",
    )
    .unwrap();
    let cb = "[survey]\nid = \"i\"\ntitle = \"I\"\nwave = \"1\"\nsource = \"responses.csv\"\nformat = \"plain\"\nrespondent_id = \"id\"\n\n[[questions]]\nid = \"type\"\ntype = \"single\"\ntext = \"Type\"\noptions = [{ code = \"public\", label = \"Public\" }, { code = \"academic\", label = \"Academic\" }]\n";
    std::fs::write(tmp.path().join("survey.toml"), cb).unwrap();
    let (a, _) = run_in(tmp.path());
    let u: Vec<(&str, usize)> = a
        .results
        .unaccounted_columns
        .iter()
        .map(|u| (u.column.as_str(), u.non_empty))
        .collect();
    assert_eq!(u, [("C", 3)]);
    assert!(a.results.unaccounted_columns[0]
        .message()
        .contains("has the same heading as column A"));
}

/// Issue 25, class 5: a closed answer given by few ("Prefer not to answer" ×2 of 300) and the
/// points 1 and 2 of a 1–5 rating given once each were folded into an invented "Other": the
/// label lost, the scale two points short. Every answer given twice or more is an option, and
/// every point of a scale; only answers given once are "Other".
#[test]
fn init_keeps_rare_closed_answers_and_every_scale_point() {
    let tmp = tempfile::tempdir().unwrap();
    let mut csv = String::from("id,Type,Rating\n");
    for k in 0..300 {
        let ty = match k {
            0..=199 => "Public".to_string(),
            200..=289 => "Academic".to_string(),
            290 | 291 => "Prefer not to answer".to_string(),
            _ => format!("Special library {k}"),
        };
        let rating = match k {
            0 => "1",
            1 => "2",
            2..=99 => "3",
            100..=199 => "4",
            _ => "5",
        };
        csv.push_str(&format!("{k},{ty},{rating}\n"));
    }
    let export = tmp.path().join("responses.csv");
    std::fs::write(&export, csv).unwrap();
    let (dir, d) = draft_copy_as(&export, Format::Plain, None);
    assert!(
        d.toml.contains("label = \"Prefer not to answer\""),
        "{}",
        d.toml
    );
    assert!(
        d.toml
            .contains("other = { code = \"other\", label = \"Other\" }"),
        "{}",
        d.toml
    );
    for point in 1..=5 {
        assert!(
            d.toml.contains(&format!("label = \"{point}\"")),
            "{}",
            d.toml
        );
    }
    let (a, _) = run_in(dir.path());
    let t = choice(&a.results, "type");
    let rows: Vec<(&str, u64)> = t
        .rows
        .iter()
        .map(|r| (r.label.as_str(), r.estimate.unwrap().count))
        .collect();
    assert_eq!(
        rows,
        [
            ("Public", 200),
            ("Academic", 90),
            ("Prefer not to answer", 2),
            ("Other", 8)
        ]
    );
    let r = choice(&a.results, "rating");
    let counts: Vec<u64> = r.rows.iter().map(|r| r.estimate.unwrap().count).collect();
    assert_eq!(counts, [1, 1, 98, 100, 100]);
}

/// (label, count) of every option of a drafted-and-run choice question.
fn label_counts(t: &ChoiceTable) -> Vec<(String, u64)> {
    t.rows
        .iter()
        .map(|r| (r.label.clone(), r.estimate.map_or(0, |e| e.count)))
        .collect()
}

/// Issue 25, class 2: Google Forms joins ticks with ", " and a label may hold ", " itself
/// ("Social media such as blogs, R-bloggers, Twitter, or GitHub"): it was drafted as three
/// options ticked by the same respondents; a single choice whose answers hold ", " became a
/// multi-select of fragments. Pieces always ticked together, in one order, are one label.
#[test]
fn labels_holding_the_joiner_are_kept_whole() {
    let tmp = tempfile::tempdir().unwrap();
    let social = "Social media such as blogs, R-bloggers, Twitter, or GitHub";
    let mut csv = String::from("Timestamp,Where do you learn about R?,Your field\n");
    for k in 0..40 {
        let mut picks = Vec::new();
        if k % 2 == 0 {
            picks.push(social);
        }
        if k % 3 == 0 {
            picks.push("Books");
        }
        if k % 5 == 0 {
            picks.push("Courses");
        }
        if k % 2 == 1 {
            picks.push("Colleagues");
        }
        let field = [
            "Mathematics, Physics, and Geodesy",
            "Arts",
            "Social Sciences, Humanities",
            "Arts",
        ][k % 4];
        csv.push_str(&format!(
            "2025/11/{:02} 9:00:00 AM GMT,\"{}\",\"{field}\"\n",
            k % 28 + 1,
            picks.join(", ")
        ));
    }
    let export = tmp.path().join("responses.csv");
    std::fs::write(&export, csv).unwrap();
    let (dir, d) = draft_copy_as(&export, Format::GoogleForms, None);
    assert!(!d.toml.contains("label = \"R-bloggers\""), "{}", d.toml);
    let (a, _) = run_in(dir.path());
    let learn = choice(&a.results, "where_learn_about");
    assert_eq!(learn.kind, shelfstat::tables::QuestionType::Multi);
    assert_eq!(
        label_counts(learn),
        [
            (social.to_string(), 20),
            ("Books".into(), 14),
            ("Courses".into(), 8),
            ("Colleagues".into(), 20)
        ]
    );
    let field = choice(&a.results, "field");
    assert_eq!(field.kind, shelfstat::tables::QuestionType::Single);
    assert_eq!(
        label_counts(field),
        [
            ("Mathematics, Physics, and Geodesy".to_string(), 10),
            ("Arts".into(), 20),
            ("Social Sciences, Humanities".into(), 10)
        ]
    );
}

/// Issue 25, class 3: Qualtrics joins choices with "," and no space ("Water,Beer,Wine"): drafted
/// as free text, or as a single choice of tick combinations. A comma followed by a space is a
/// label's own ("Yes, definitely").
#[test]
fn choices_joined_by_a_tight_comma_are_a_multi_select() {
    let tmp = tempfile::tempdir().unwrap();
    let mut csv = String::from("id,Drinks\n");
    for k in 0..30 {
        let mut picks = Vec::new();
        for (label, every) in [
            ("Water", 2),
            ("Beer", 3),
            ("Wine", 5),
            ("Yes, definitely", 7),
        ] {
            if k % every == 0 {
                picks.push(label);
            }
        }
        csv.push_str(&format!("{k},\"{}\"\n", picks.join(",")));
    }
    let export = tmp.path().join("responses.csv");
    std::fs::write(&export, csv).unwrap();
    let (dir, d) = draft_copy_as(&export, Format::Plain, None);
    assert!(d.toml.contains("separator = \",\""), "{}", d.toml);
    let (a, _) = run_in(dir.path());
    let t = choice(&a.results, "drinks");
    assert_eq!((t.base, t.answered), (23, 23));
    assert_eq!(
        label_counts(t),
        [
            ("Water".to_string(), 15),
            ("Beer".into(), 10),
            ("Wine".into(), 6),
            ("Yes, definitely".into(), 5)
        ]
    );
}

/// Issue 25, class 8: SurveyMonkey's older headings (`RespondentID`, `CollectorID`,
/// `StartDate` …) and exports whose publisher removed every metadata column were refused, and
/// the suggested `--format plain` failed on the blank second-row headings.
#[test]
fn older_and_stripped_surveymonkey_exports_read_unaided() {
    let body = "\
,Response,Internet,Books,Other (please specify)
,Public,Internet,Books,
,Academic,,Books,
,Public,Internet,,Chess club
,School,Internet,,
";
    let heads = [
        ("RespondentID,CollectorID,StartDate,EndDate,IP Address,Email Address,FirstName,LastName,CustomData,", ",,,,,,,,"),
        ("", ""),
    ];
    for (meta, meta2) in heads {
        let tmp = tempfile::tempdir().unwrap();
        let mut csv = format!("{meta}Library type?,Services?,,\n");
        for (k, line) in body.lines().enumerate() {
            let line = &line[1..];
            let m = match (k, meta.is_empty()) {
                (_, true) => String::new(),
                (0, false) => meta2.to_string() + ",",
                (_, false) => format!("{},9,2019-11-0{k} 10:00,2019-11-0{k} 10:05,,,,,,", 100 + k),
            };
            csv.push_str(&format!("{m}{line}\n"));
        }
        let export = tmp.path().join("responses.csv");
        std::fs::write(&export, &csv).unwrap();
        let (dir, d, _) = draft_copy(&export, None);
        assert!(
            d.toml.contains("format = \"surveymonkey-expanded-text\""),
            "{csv}\n{}",
            d.toml
        );
        let (a, _) = run_in(dir.path());
        let services = choice(&a.results, "services");
        assert_eq!(
            label_counts(services),
            [
                ("Internet".to_string(), 3),
                ("Books".into(), 2),
                ("Other (please specify)".into(), 1)
            ]
        );
        assert_eq!(a.results.accounting.analysed, 4, "{csv}");
    }
}

/// Issue 25, class 4: multiple choice exported as Yes / No per option (LimeSurvey `Q[SQ001]` =
/// Y / N / blank; Oui / Non / N/A) without the startlanguage column was drafted as a rating
/// grid ("mean score, No = 1, Yes = 2"). It is a multi-select: Yes ticks, No is shown and not
/// ticked.
#[test]
fn yes_no_per_option_is_a_multi_select() {
    for (yes, no) in [("Y", "N"), ("Oui", "Non")] {
        let tmp = tempfile::tempdir().unwrap();
        let mut csv = String::from(
            "\"id\";\"submitdate\";\"services[SQ001]\";\"services[SQ002]\";\"services[SQ003]\"\n",
        );
        // Rows: (SQ001, SQ002, SQ003) ticks.
        let rows = [
            (1, 1, 0),
            (1, 0, 0),
            (0, 1, 1),
            (1, 0, 1),
            (0, 0, 1),
            (1, 1, 1),
        ];
        for (k, (a, b, c)) in rows.iter().enumerate() {
            let w = |t: &i32| if *t == 1 { yes } else { no };
            csv.push_str(&format!(
                "\"{}\";\"2019-11-0{} 10:00:00\";\"{}\";\"{}\";\"{}\"\n",
                k + 1,
                k + 1,
                w(a),
                w(b),
                w(c)
            ));
        }
        let export = tmp.path().join("results-survey1.csv");
        std::fs::write(&export, &csv).unwrap();
        let (dir, d, _) = draft_copy(&export, None);
        assert!(
            d.toml.contains("type = \"multi\""),
            "{yes}/{no}:\n{}",
            d.toml
        );
        let (a, _) = run_in(dir.path());
        let t = choice(&a.results, "services");
        let counts: Vec<u64> = t
            .rows
            .iter()
            .map(|r| r.estimate.map_or(0, |e| e.count))
            .collect();
        assert_eq!((counts, t.base), (vec![4, 3, 4], 6), "{yes}/{no}");
    }
}

/// An answer given once that is the word "other" in the survey's language ("Altro") names the
/// "Other" row, so the figure keeps the data's label; and a heading holding "|" over rows joined
/// by "," is read with ",".
#[test]
fn other_is_named_as_the_data_names_it() {
    let tmp = tempfile::tempdir().unwrap();
    let mut csv = String::from("Informazioni cronologiche,Genere,Costo | Qualità (SCELTA 1)\n");
    for k in 0..30 {
        let g = match k {
            0 => "Altro",
            1..=18 => "Maschio",
            _ => "Femmina",
        };
        csv.push_str(&format!("24/11/2025 15.57.{:02},{g},x\n", k));
    }
    let export = tmp.path().join("responses.csv");
    std::fs::write(&export, csv).unwrap();
    let (dir, d) = draft_copy_as(&export, Format::GoogleForms, None);
    assert!(
        d.toml
            .contains("other = { code = \"other\", label = \"Altro\" }"),
        "{}",
        d.toml
    );
    let (a, _) = run_in(dir.path());
    assert_eq!(
        label_counts(choice(&a.results, "genere")),
        [
            ("Maschio".to_string(), 18),
            ("Femmina".into(), 11),
            ("Altro".into(), 1)
        ]
    );
}
