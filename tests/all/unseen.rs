//! Issue 25, defects found by the conformance corpus (real exports nobody here had seen), each
//! reproduced on a small export of our own in the platform's real layout, counted by hand.

use crate::common::{draft_copy_as, label_rows as rows, owned_rows as owned, run_in};
use shelfstat::codebook::Format;
use shelfstat::stats::QuestionStats;

/// A KoboToolbox "labels" export: headings are the form's sentences. A choice holding "/"
/// ("Motorbike/scooter") was cut into a question "scooter" of 0s and 1s, and a heading holding
/// "/" ("How did/will you pay?") lost its first words. A closed answer given once ("Prefer
/// not to say") was folded into an invented "Other", though Kobo keeps typed text in a column
/// of its own.
#[test]
fn kobo_label_exports_keep_slashes_and_answers_given_once() {
    let tmp = tempfile::tempdir().unwrap();
    let q = |cells: &[&str]| {
        cells
            .iter()
            .map(|c| format!("\"{c}\""))
            .collect::<Vec<_>>()
            .join(";")
    };
    let mut csv = q(&[
        "How did/will you pay?",
        "What gender do you identify with?",
        "Which do you have?",
        "Which do you have?/Motorbike/scooter",
        "Which do you have?/TV",
        "_uuid",
    ]);
    csv.push_str("\r\n");
    // 12 rows: pay Cash ×7 / Card ×5; gender Man ×6, Woman ×5, Prefer not to say ×1;
    // Motorbike/scooter on rows 0-3 (4), TV on even rows (6): rows 5, 7, 9 and 11 tick
    // neither, so 8 answered.
    for k in 0..12 {
        let pay = if k < 7 { "Cash" } else { "Card" };
        let gender = match k {
            0..=5 => "Man",
            6..=10 => "Woman",
            _ => "Prefer not to say",
        };
        let moto = k < 4;
        let tv = k % 2 == 0;
        let mut joined = Vec::new();
        if moto {
            joined.push("Motorbike/scooter");
        }
        if tv {
            joined.push("TV");
        }
        let b = |x: bool| if x { "1" } else { "0" };
        let uuid = format!("u{k}");
        csv.push_str(&q(&[pay, gender, &joined.join(" "), b(moto), b(tv), &uuid]));
        csv.push_str("\r\n");
    }
    let export = tmp.path().join("responses.csv");
    std::fs::write(&export, csv).unwrap();
    let (dir, d) = draft_copy_as(&export, Format::Kobo, None);
    assert!(!d.toml.contains("label = \"Other\""), "{}", d.toml);
    assert!(!d.toml.contains("scooter\"\ntype"), "{}", d.toml);
    assert!(
        d.toml.contains("text = \"How did/will you pay?\""),
        "{}",
        d.toml
    );
    let (a, _) = run_in(dir.path());
    let draft: toml::Table = toml::from_str(&d.toml).unwrap();
    let id = |text: &str| {
        draft["questions"]
            .as_array()
            .unwrap()
            .iter()
            .find(|q| q["text"].as_str() == Some(text))
            .unwrap_or_else(|| panic!("{text}: {}", d.toml))["id"]
            .as_str()
            .unwrap()
            .to_string()
    };
    assert_eq!(
        rows(&a.results, &id("What gender do you identify with?")),
        (
            owned(&[("Man", 6), ("Woman", 5), ("Prefer not to say", 1)]),
            12
        )
    );
    assert_eq!(
        rows(&a.results, &id("Which do you have?")),
        (owned(&[("Motorbike/scooter", 4), ("TV", 6)]), 8)
    );
    assert_eq!(
        rows(&a.results, &id("How did/will you pay?")),
        (owned(&[("Cash", 7), ("Card", 5)]), 12)
    );
}

/// Where typed "other" text shares the choice's cell (Google Forms), an answer given once is
/// "Other" — but not a don't-know / prefer-not answer, and not an answer that differs from an
/// option in its spacing only ("Alta  - 25€" beside "Alta - 25€"): `run` counts that one as
/// the option, so an "Other" drafted for it stood at 0 beside a miscounted note.
#[test]
fn answers_given_once_are_other_only_when_typed() {
    let tmp = tempfile::tempdir().unwrap();
    let mut csv = String::from("Timestamp,Choice,Age band\n");
    // Choice: "A - 25€" ×17 and once as "A  - 25€", "B - 20€" ×11, "my own idea" once.
    // Age band: 18-30 ×15, 31-50 ×14, "Prefer not to say" once.
    for k in 0..30 {
        let choice = match k {
            0 => "A  - 25€",
            1..=17 => "A - 25€",
            18..=28 => "B - 20€",
            _ => "my own idea",
        };
        let age = match k {
            0..=14 => "18-30",
            15..=28 => "31-50",
            _ => "Prefer not to say",
        };
        csv.push_str(&format!("2025/11/24 15:57:{k:02},{choice},{age}\n"));
    }
    let export = tmp.path().join("responses.csv");
    std::fs::write(&export, csv).unwrap();
    let (dir, d) = draft_copy_as(&export, Format::GoogleForms, None);
    let (a, _) = run_in(dir.path());
    assert_eq!(
        rows(&a.results, "choice"),
        (owned(&[("A - 25€", 18), ("B - 20€", 11), ("Other", 1)]), 30),
        "{}",
        d.toml
    );
    assert_eq!(
        rows(&a.results, "age_band"),
        (
            owned(&[("18-30", 15), ("31-50", 14), ("Prefer not to say", 1)]),
            30
        ),
        "{}",
        d.toml
    );
}

/// Qualtrics joins ticks with a tight ","; when few respondents tick more than one, the joined
/// cells were too few to be believed and the column was drafted as free text (no table). A cell
/// that joins answers each given whole elsewhere is evidence enough.
#[test]
fn a_few_tight_joins_of_whole_answers_make_a_multi_select() {
    let tmp = tempfile::tempdir().unwrap();
    let mut csv = String::from("id,Which apply?\n");
    // "I read it all." ×20, "I paused." ×8, "I did it twice." ×2, joined all three ×1.
    for k in 0..31 {
        let v = match k {
            0..=19 => "I read it all.",
            20..=27 => "I paused.",
            28 | 29 => "I did it twice.",
            _ => "I read it all.,I paused.,I did it twice.",
        };
        csv.push_str(&format!("{k},\"{v}\"\n"));
    }
    let export = tmp.path().join("responses.csv");
    std::fs::write(&export, csv).unwrap();
    let (dir, d) = draft_copy_as(&export, Format::Plain, None);
    assert!(d.toml.contains("type = \"multi\""), "{}", d.toml);
    let (a, _) = run_in(dir.path());
    assert_eq!(
        rows(&a.results, "apply"),
        (
            owned(&[
                ("I read it all.", 21),
                ("I paused.", 9),
                ("I did it twice.", 3)
            ]),
            31
        )
    );
}

/// LimeSurvey's "question code & question text" headings (`QIII15[SQ001]. How useful is it?
/// [Catalogue]`) were split at the first "[": a question "QIII15" whose items read "SQ001].
/// How useful is it? [Catalogue", ticks rewritten to those, and a timing column
/// ("Q2Time. Question time: Q2") drafted as a numeric question.
#[test]
fn limesurvey_code_and_text_headings() {
    let tmp = tempfile::tempdir().unwrap();
    let csv = "id,submitdate,lastpage,startlanguage,\
Q1[SQ001]. Which do you use? [Books],Q1[SQ002]. Which do you use? [Internet],\
Q1[other]. Which do you use? [Other],Q2. Your age group,Q2Time. Question time: Q2,\
QIII15[SQ001]. How useful is it? [Catalogue],QIII15[SQ002]. How useful is it? [Website]\n\
1,2020-01-01,3,en,Y,Y,,18-30,3,Useful,Very useful\n\
2,2020-01-01,3,en,,Y,,31-50,3,Not useful,Useful\n\
3,2020-01-01,3,en,Y,,zines,18-30,3,Very useful,Useful\n\
4,2020-01-01,3,en,,,,31-50,2,Useful,Not useful\n";
    let export = tmp.path().join("responses.csv");
    std::fs::write(&export, csv).unwrap();
    let (dir, d) = draft_copy_as(&export, Format::Limesurvey, None);
    assert!(!d.toml.contains("time"), "{}", d.toml);
    assert!(
        d.toml.contains("text = \"How useful is it?\""),
        "{}",
        d.toml
    );
    assert!(
        d.toml
            .contains("{ code = \"catalogue\", label = \"Catalogue\" }"),
        "{}",
        d.toml
    );
    let (a, _) = run_in(dir.path());
    // Rows 1-3 tick Books (1, 3) or Internet (1, 2), row 3 types "zines" as Other (typing
    // it is ticking it: LimeSurvey has no tick column for it); row 4 answers nothing.
    assert_eq!(
        rows(&a.results, "use"),
        (owned(&[("Books", 2), ("Internet", 2), ("Other", 1)]), 3)
    );
    assert_eq!(
        rows(&a.results, "age_group"),
        (owned(&[("18-30", 2), ("31-50", 2)]), 4)
    );
    match a.results.question("how_useful_it") {
        Some(QuestionStats::Grid(g)) => {
            let labels: Vec<&str> = g.items.iter().map(|i| i.label.as_str()).collect();
            assert_eq!(labels, ["Catalogue", "Website"]);
        }
        other => panic!("{other:?}"),
    }
}

/// A LimeSurvey export with headings in the survey's language whose publisher kept only the
/// response id ("Antwort ID") was read as a plain table: the response ids were drafted as a
/// numeric question and published as a mean.
#[test]
fn limesurvey_with_only_a_localised_response_id() {
    let tmp = tempfile::tempdir().unwrap();
    let csv =
        "Antwort ID,Wie wichtig ist Ihnen? [Bücher],Wie wichtig ist Ihnen? [Internet],Ihr Alter\n\
11,Sehr wichtig,Wichtig,18-30\n\
12,Wichtig,Eher unwichtig,31-50\n\
13,Unwichtig,Wichtig,18-30\n\
14,Sehr wichtig,Sehr wichtig,18-30\n\
15,Wichtig,Wichtig,31-50\n";
    let export = tmp.path().join("responses.csv");
    std::fs::write(&export, csv).unwrap();
    let (dir, d, format) = crate::common::draft_copy(&export, None);
    assert_eq!(format, Format::Limesurvey);
    assert!(
        d.toml.contains("respondent_id = \"Antwort ID\""),
        "{}",
        d.toml
    );
    assert!(!d.toml.contains("numeric"), "{}", d.toml);
    let (a, _) = run_in(dir.path());
    assert_eq!(
        rows(&a.results, "ihr_alter"),
        (owned(&[("18-30", 3), ("31-50", 2)]), 5)
    );
    assert_eq!(a.results.questions.len(), 2);
}

/// Every platform's bookkeeping names hid columns of every export: a Google Form's questions
/// titled "Status" or "Progress" (Qualtrics' names) or "start" (KoboToolbox's) were neither
/// drafted nor reported, their answers silently dropped. Only the export's own platform's
/// names are bookkeeping (a plain table, often a re-save, keeps every platform's).
#[test]
fn only_the_platforms_own_bookkeeping_names_hide_columns() {
    let tmp = tempfile::tempdir().unwrap();
    let mut csv = String::from("Timestamp,Status,Progress,start\n");
    // Status: Student ×4, Staff ×2; Progress: Good ×3, Slow ×3; start: Yes ×4, No ×2.
    for k in 0..6 {
        let status = if k < 4 { "Student" } else { "Staff" };
        let progress = if k % 2 == 0 { "Good" } else { "Slow" };
        let start = if k < 4 { "Yes" } else { "No" };
        csv.push_str(&format!(
            "2025/11/24 15:57:{k:02},{status},{progress},{start}\n"
        ));
    }
    let export = tmp.path().join("responses.csv");
    std::fs::write(&export, csv).unwrap();
    let (dir, d) = draft_copy_as(&export, Format::GoogleForms, None);
    let (a, _) = run_in(dir.path());
    assert_eq!(
        rows(&a.results, "status"),
        (owned(&[("Student", 4), ("Staff", 2)]), 6),
        "{}",
        d.toml
    );
    assert_eq!(
        rows(&a.results, "progress"),
        (owned(&[("Good", 3), ("Slow", 3)]), 6)
    );
    assert_eq!(
        rows(&a.results, "start"),
        (owned(&[("Yes", 4), ("No", 2)]), 6)
    );
    // Taken out of the codebook, a column is reported, never silently dropped.
    let toml = std::fs::read_to_string(dir.path().join("survey.toml")).unwrap();
    let cut = toml.find("[[questions]]\nid = \"progress\"").unwrap();
    let end = toml[cut..].find("\n\n").map_or(toml.len(), |e| cut + e + 2);
    std::fs::write(
        dir.path().join("survey.toml"),
        format!("{}{}", &toml[..cut], &toml[end..]),
    )
    .unwrap();
    let (a, _) = run_in(dir.path());
    let u: Vec<(&str, usize)> = a
        .results
        .unaccounted_columns
        .iter()
        .map(|u| (u.heading.as_str(), u.non_empty))
        .collect();
    assert_eq!(u, [("Progress", 6)]);
}

/// A KoboToolbox export of all form versions repeats a question's label ("1st choice" in
/// version 1 and in version 2): the two columns were one block, drafted as a grid of two
/// items labelled "" or skipped as too varied. Each is a question of its own, the second named
/// `header = "1st choice #2"`, each counting its own column.
#[test]
fn kobo_labels_repeated_across_form_versions_are_questions_of_their_own() {
    let tmp = tempfile::tempdir().unwrap();
    let mut csv = String::from("\"1st choice\";\"Age\";\"1st choice\";\"_uuid\"\r\n");
    // Version 1 (rows 0-5): Food ×4, Energy ×2. Version 2 (rows 6-9): Health ×2, Water ×2.
    for k in 0..10 {
        let (v1, v2) = match k {
            0..=3 => ("Food", ""),
            4 | 5 => ("Energy", ""),
            6 | 7 => ("", "Health"),
            _ => ("", "Water"),
        };
        csv.push_str(&format!("\"{v1}\";\"{}\";\"{v2}\";\"u{k}\"\r\n", 20 + k));
    }
    let export = tmp.path().join("responses.csv");
    std::fs::write(&export, csv).unwrap();
    let (dir, d) = draft_copy_as(&export, Format::Kobo, None);
    assert!(d.toml.contains("header = \"1st choice #2\""), "{}", d.toml);
    let (a, _) = run_in(dir.path());
    assert_eq!(
        rows(&a.results, "q_1st_choice"),
        (owned(&[("Food", 4), ("Energy", 2)]), 6),
        "{}",
        d.toml
    );
    assert_eq!(
        rows(&a.results, "q_1st_choice_2").0,
        owned(&[("Health", 2), ("Water", 2)])
    );
}

/// A LimeSurvey codes export of an array whose answers are the designer's codes (A1 … A5):
/// drafted in order of first appearance (A3, A1, A2, A5, A4). LimeSurvey numbers its answers
/// in the answer list's order, so the draft takes that order; which end is the lowest the
/// codes do not say, so a check line still withholds the order-dependent figures.
#[test]
fn limesurvey_answer_codes_give_the_order_not_the_direction() {
    let tmp = tempfile::tempdir().unwrap();
    let mut csv = String::from("id,submitdate,lastpage,startlanguage,Q5[SQ001],Q5[SQ002]\n");
    for (k, (a, b)) in [
        ("A3", "A1"),
        ("A1", "A2"),
        ("A2", "A5"),
        ("A5", "A4"),
        ("A4", "A3"),
    ]
    .iter()
    .enumerate()
    {
        csv.push_str(&format!("{},2020-01-01,3,en,{a},{b}\n", k + 1));
    }
    let export = tmp.path().join("responses.csv");
    std::fs::write(&export, csv).unwrap();
    let (dir, d) = draft_copy_as(&export, Format::Limesurvey, None);
    let draft: toml::Table = toml::from_str(&d.toml).unwrap();
    let q = &draft["questions"].as_array().unwrap()[0];
    let labels: Vec<&str> = q["options"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["label"].as_str().unwrap())
        .collect();
    assert_eq!(labels, ["A1", "A2", "A3", "A4", "A5"]);
    assert!(q["check"].as_array().unwrap()[0]
        .as_str()
        .unwrap()
        .starts_with("scale order: from LimeSurvey's answer codes"));
    let (a, _) = run_in(dir.path());
    match a.results.question("q5") {
        Some(QuestionStats::Grid(g)) => assert!(g.order_unconfirmed),
        other => panic!("{other:?}"),
    }
}

/// Found on exports a helper fetched (dask survey, software-in-research survey, a KoboToolbox
/// artefact form): a checkbox question where most respondents tick one box was drafted as a
/// single choice whose options are tick combinations — AWS 4 of 11 (36%) published where 6 of
/// 11 chose it. Cells that join answers given whole elsewhere are evidence of a multi-select
/// however few they are: ";" (Google Forms exports re-saved), ", " and KoboToolbox's spaces.
#[test]
fn a_few_joins_of_whole_answers_make_a_multi_select_for_every_joiner() {
    // AWS ×4, GCP ×3, Azure ×2, AWS+GCP ×2 (of 11): AWS 6, GCP 5, Azure 2.
    let cells = |sep: &str| -> Vec<String> {
        let mut v = vec!["Amazon Web Services (AWS)".to_string(); 4];
        v.extend(vec!["Google Cloud Platform (GCP)".to_string(); 3]);
        v.extend(vec!["Microsoft Azure".to_string(); 2]);
        v.extend(vec![
            format!(
                "Amazon Web Services (AWS){sep}Google Cloud Platform (GCP)"
            );
            2
        ]);
        v
    };
    for sep in [";", ", "] {
        let tmp = tempfile::tempdir().unwrap();
        let mut csv = String::from("Timestamp,Preferred Cloud?\n");
        for (k, v) in cells(sep).iter().enumerate() {
            csv.push_str(&format!("2019-06-25 07:{k:02}:00,\"{v}\"\n"));
        }
        let export = tmp.path().join("responses.csv");
        std::fs::write(&export, csv).unwrap();
        let (dir, d) = draft_copy_as(&export, Format::GoogleForms, None);
        assert!(d.toml.contains("type = \"multi\""), "{sep:?}: {}", d.toml);
        let (a, _) = run_in(dir.path());
        assert_eq!(
            rows(&a.results, "preferred_cloud"),
            (
                owned(&[
                    ("Amazon Web Services (AWS)", 6),
                    ("Google Cloud Platform (GCP)", 5),
                    ("Microsoft Azure", 2)
                ]),
                11
            ),
            "{sep:?}"
        );
    }
    // KoboToolbox select_multiple names joined by spaces: double_patina ×5, none ×6,
    // core_on_flake_blade ×2, both ×2 (of 15): double_patina 7, none 6, core 4.
    let tmp = tempfile::tempdir().unwrap();
    let mut csv = String::from("\"Recycling_indications\";\"_uuid\"\r\n");
    for k in 0..15 {
        let v = match k {
            0..=4 => "double_patina",
            5..=10 => "none",
            11 | 12 => "core_on_flake_blade",
            _ => "double_patina core_on_flake_blade",
        };
        csv.push_str(&format!("\"{v}\";\"u{k}\"\r\n"));
    }
    let export = tmp.path().join("responses.csv");
    std::fs::write(&export, csv).unwrap();
    let (dir, d) = draft_copy_as(&export, Format::Kobo, None);
    let (a, _) = run_in(dir.path());
    assert_eq!(
        rows(&a.results, "recycling_indications"),
        (
            owned(&[
                ("double_patina", 7),
                ("none", 6),
                ("core_on_flake_blade", 4)
            ]),
            15
        ),
        "{}",
        d.toml
    );
}

/// A free-text list split at ", " ("R, Python, MATLAB") was drafted as a multi-select and
/// published, its "Other" 83%: when most respondents type pieces nobody else gave, the column
/// is free text. And a closed single choice whose "Other:" box takes a fourth of the answers
/// (a funder's name) was left as free text, never published.
#[test]
fn typed_lists_stay_text_and_a_choice_with_many_typed_others_is_a_choice() {
    let tmp = tempfile::tempdir().unwrap();
    let mut csv = String::from("Timestamp,Which software do you use?,Who funds you?\n");
    // Software: "R" ×4 alone, 16 lists of names typed once each with "R" (all joined).
    // Funder: EPSRC ×9, NERC ×6, 5 names typed once (15 of 20 recur: 75%).
    for k in 0..20 {
        let software = match k {
            0..=3 => "R".to_string(),
            _ => format!("R, Tool{k}a, Tool{k}b"),
        };
        let funder = match k {
            0..=8 => "EPSRC".to_string(),
            9..=14 => "NERC".to_string(),
            _ => format!("Trust number {k}"),
        };
        csv.push_str(&format!(
            "2014/10/24 1:{k:02}:00 PM,\"{software}\",{funder}\n"
        ));
    }
    let export = tmp.path().join("responses.csv");
    std::fs::write(&export, csv).unwrap();
    let (dir, d) = draft_copy_as(&export, Format::GoogleForms, None);
    let draft: toml::Table = toml::from_str(&d.toml).unwrap();
    let kinds: Vec<&str> = draft["questions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| q["type"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["text", "single"], "{}", d.toml);
    let (a, _) = run_in(dir.path());
    assert_eq!(
        rows(&a.results, "who_funds"),
        (owned(&[("EPSRC", 9), ("NERC", 6), ("Other", 5)]), 20)
    );
}

/// LimeSurvey: two multiple-choice questions sharing a text (`aWhere[paper]. How can they be
/// accessed? [In the paper]`, `bWhere[paper]. …`) were merged and the second left unread; and
/// a multiple choice where nobody ticked two was drafted as a single choice.
#[test]
fn limesurvey_questions_sharing_a_text_and_one_tick_multi_selects() {
    let tmp = tempfile::tempdir().unwrap();
    let csv = "id,submitdate,lastpage,startlanguage,\
aWhere[paper]. How can they be accessed? [In the paper],aWhere[repo]. How can they be accessed? [On a repository],\
bWhere[paper]. How can they be accessed? [In the paper],bWhere[repo]. How can they be accessed? [On a repository],\
claim[stumat]. Used for the claims? [Study materials],claim[raw]. Used for the claims? [Raw data]\n\
1,2018-07-01,3,en,Y,,,,Y,\n\
2,2018-07-01,3,en,,Y,Y,Y,Y,N\n\
3,2018-07-01,3,en,Y,,,Y,,Y\n\
4,2018-07-01,3,en,,,,,,\n";
    let export = tmp.path().join("responses.csv");
    std::fs::write(&export, csv).unwrap();
    let (dir, d) = draft_copy_as(&export, Format::Limesurvey, None);
    assert!(d.toml.contains("header = \"bWhere\""), "{}", d.toml);
    let (a, _) = run_in(dir.path());
    // aWhere: paper rows 1, 3; repo row 2 (3 answered). bWhere: paper row 2; repo rows 2, 3.
    assert_eq!(
        rows(&a.results, "how_can_they"),
        (owned(&[("In the paper", 2), ("On a repository", 1)]), 3)
    );
    assert_eq!(
        rows(&a.results, "how_can_they_2"),
        (owned(&[("In the paper", 1), ("On a repository", 2)]), 2)
    );
    // One tick a row at most, still a multi-select: stumat rows 1, 2; raw row 3.
    match a.results.question("used_for_claims") {
        Some(QuestionStats::Choice(t)) => {
            assert_eq!(t.kind, shelfstat::tables::QuestionType::Multi, "{}", d.toml)
        }
        other => panic!("{other:?}: {}", d.toml),
    }
    assert_eq!(
        rows(&a.results, "used_for_claims"),
        (owned(&[("Study materials", 2), ("Raw data", 1)]), 3)
    );
    assert!(a.results.unaccounted_columns.is_empty());
}

/// Third hunt (a helper's re-run on real exports, checked against pandas): what the platform
/// states was not read. A SurveyMonkey column under "Response" is a closed question however
/// long its answers (two sentences ending "." were drafted as free text, never published); a
/// heading that mentions a street ("enough street parking?") over recurring answers is not a
/// postal address; a Qualtrics text-entry column (`QID4_TEXT`) is free text (its typed answers
/// were published as options); a numbered scale is drafted lowest first, not as it came; a
/// LimeSurvey Y / N given 5 and 1 times is a choice; numbers 1000 … 1019, each once, are
/// record numbers, not a numeric question.
#[test]
fn what_the_platform_states_is_read() {
    let tmp = tempfile::tempdir().unwrap();
    // SurveyMonkey, 6 respondents: IZ: "Maximize." ×4 / "Limit." ×2; parking: Close ×3, Far ×3.
    let mut sm = String::from(
        "Respondent ID,Collector ID,Start Date,End Date,What would you do about IZ units?,Is there enough street parking near you?,Why are you running?\n\
,,,,Response,Response,Open-Ended Response\n",
    );
    for k in 0..6 {
        let iz = if k < 4 {
            "I would maximize the density."
        } else {
            "I would limit it."
        };
        let park = if k % 2 == 0 { "Close" } else { "Far" };
        sm.push_str(&format!(
            "{},1,2022-09-05,2022-09-05,{iz},{park},Reason {k}.\n",
            1000 + k
        ));
    }
    let export = tmp.path().join("responses.csv");
    std::fs::write(&export, sm).unwrap();
    let (dir, d) = draft_copy_as(&export, Format::SurveymonkeyExpandedText, None);
    assert!(!d.toml.contains("pii_columns"), "{}", d.toml);
    let (a, _) = run_in(dir.path());
    assert_eq!(
        rows(&a.results, "would_about_iz"),
        (
            owned(&[
                ("I would maximize the density.", 4),
                ("I would limit it.", 2)
            ]),
            6
        ),
        "{}",
        d.toml
    );
    assert_eq!(
        rows(&a.results, "there_enough_street"),
        (owned(&[("Close", 3), ("Far", 3)]), 6)
    );

    // Qualtrics: a text-entry column and a numbered scale first seen as 4, 1, 3, 2, 5.
    let tmp = tempfile::tempdir().unwrap();
    let mut q = String::from(
        "StartDate,EndDate,Status,Progress,Finished,ResponseId,Attention,Impressiveness\n\
Start Date,End Date,Response Type,Progress,Finished,Response ID,Write the words I pay attention,How impressive are they?\n\
\"{\"\"ImportId\"\":\"\"startDate\"\"}\",\"{\"\"ImportId\"\":\"\"endDate\"\"}\",\"{\"\"ImportId\"\":\"\"status\"\"}\",\"{\"\"ImportId\"\":\"\"progress\"\"}\",\"{\"\"ImportId\"\":\"\"finished\"\"}\",\"{\"\"ImportId\"\":\"\"_recordId\"\"}\",\"{\"\"ImportId\"\":\"\"QID4_TEXT\"\"}\",\"{\"\"ImportId\"\":\"\"QID5\"\"}\"\n",
    );
    let points = [
        "4 - Very",
        "1 - Not at all",
        "3 - Quite",
        "2 - A bit",
        "5 - Extremely",
    ];
    for k in 0..10 {
        let typed = if k < 8 {
            "I pay attention"
        } else {
            "the box below"
        };
        q.push_str(&format!(
            "2025-11-04,2025-11-04,IP Address,100,True,R_{k},{typed},{}\n",
            points[k % 5]
        ));
    }
    let export = tmp.path().join("responses.csv");
    std::fs::write(&export, q).unwrap();
    let (_, d) = draft_copy_as(&export, Format::Qualtrics, None);
    let draft: toml::Table = toml::from_str(&d.toml).unwrap();
    let qs = draft["questions"].as_array().unwrap();
    assert_eq!(qs[0]["type"].as_str(), Some("text"), "{}", d.toml);
    let labels: Vec<&str> = qs[1]["options"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["label"].as_str().unwrap())
        .collect();
    assert_eq!(
        labels,
        [
            "1 - Not at all",
            "2 - A bit",
            "3 - Quite",
            "4 - Very",
            "5 - Extremely"
        ]
    );

    // LimeSurvey Y ×5, N ×1; KoboToolbox record numbers 1000 … 1019.
    let tmp = tempfile::tempdir().unwrap();
    let mut ls = String::from("id,submitdate,lastpage,startlanguage,resp4Study\n");
    for k in 0..6 {
        ls.push_str(&format!(
            "{},2018-07-08,16,en,{}\n",
            k + 1,
            if k < 5 { "Y" } else { "N" }
        ));
    }
    let export = tmp.path().join("responses.csv");
    std::fs::write(&export, ls).unwrap();
    let (dir, d) = draft_copy_as(&export, Format::Limesurvey, None);
    let (a, _) = run_in(dir.path());
    assert_eq!(
        rows(&a.results, "resp4study"),
        (owned(&[("Y", 5), ("N", 1)]), 6),
        "{}",
        d.toml
    );
    let tmp = tempfile::tempdir().unwrap();
    let mut kobo = String::from("\"Id_number\";\"Mass\";\"_uuid\"\r\n");
    for k in 0..20 {
        kobo.push_str(&format!(
            "\"{}\";\"{}\";\"u{k}\"\r\n",
            1000 + k,
            120 + 37 * k
        ));
    }
    let export = tmp.path().join("responses.csv");
    std::fs::write(&export, kobo).unwrap();
    let (_, d) = draft_copy_as(&export, Format::Kobo, None);
    assert!(
        d.toml.contains("pii_columns = [\"Id_number\"]"),
        "{}",
        d.toml
    );
    assert!(
        d.toml.contains("id = \"mass\"\ntype = \"numeric\""),
        "{}",
        d.toml
    );
}

/// A Google Forms single choice whose "Other:" box takes over a quarter of the answers (a
/// funder's name): 26 of 36 recur, the rest typed once. It was drafted as free text and never
/// published; it is a choice with "Other".
#[test]
fn a_choice_with_many_typed_others_is_still_a_choice() {
    let tmp = tempfile::tempdir().unwrap();
    let mut csv = String::from("Timestamp,Which funder funds you?\n");
    let recurring = [
        ("EPSRC", 9),
        ("University", 5),
        ("ESRC", 3),
        ("Don't know", 3),
        ("MRC", 2),
        ("NERC", 2),
        ("Wellcome", 2),
    ];
    let mut k = 0;
    for (label, times) in recurring {
        for _ in 0..times {
            csv.push_str(&format!("2014/10/20 10:{k:02}:00 AM GMT+1,{label}\n"));
            k += 1;
        }
    }
    for t in 0..10 {
        csv.push_str(&format!(
            "2014/10/20 11:{t:02}:00 AM GMT+1,Trust number {t}\n"
        ));
    }
    let export = tmp.path().join("responses.csv");
    std::fs::write(&export, csv).unwrap();
    let (dir, d) = draft_copy_as(&export, Format::GoogleForms, None);
    let (a, _) = run_in(dir.path());
    let (got, base) = rows(&a.results, "funder_funds");
    assert_eq!(base, 36, "{}", d.toml);
    assert_eq!(got.first(), Some(&("EPSRC".to_string(), 9)));
    assert_eq!(got.last(), Some(&("Other".to_string(), 10)));
}

/// An export with nothing but personal data or metadata: init failed with "p.toml:1: missing
/// field `questions`", naming a file that does not exist. It now says why, naming the export.
#[test]
fn an_export_with_no_question_says_so() {
    let tmp = tempfile::tempdir().unwrap();
    let export = tmp.path().join("p.csv");
    let mut csv = String::from("Timestamp,Your phone\n");
    for k in 0..5 {
        csv.push_str(&format!("2025/11/24 10:0{k}:00,+441234567890{k}\n"));
    }
    std::fs::write(&export, csv).unwrap();
    let out = std::process::Command::new(assert_cmd::cargo::cargo_bin("shelfstat"))
        .args(["init".as_ref(), export.as_os_str()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr).trim_end(),
        format!(
            "error: {}: no question to draft: every column is platform bookkeeping, personal data or empty: (pii column): Your phone (phone numbers in 5 of 5 cells)",
            export.display()
        )
    );
}

/// Fourth hunt (a helper on five more real exports, checked against pandas): a thousands
/// separator read as a joiner ("Below K100,000" published as "Below K100" and "000" 98%);
/// closed answers that end with "." drafted as free text and left out (37 questions of one
/// Qualtrics file); labels that start with a number glued to the label before them, so a
/// checkbox question became a single choice of combinations; Qualtrics ticks joined by a tight
/// "," read at ", " inside labels ("No, I have never studied economics" cut in two).
#[test]
fn numbers_periods_and_commas_inside_labels() {
    let write = |name: &str, csv: String| {
        let tmp = tempfile::tempdir().unwrap();
        let export = tmp.path().join(name);
        std::fs::write(&export, csv).unwrap();
        (tmp, export)
    };
    // Plain: income ×5 / ×3 / ×2.
    let mut csv = String::from("id,Monthly family income\n");
    for (k, v) in ["Below K100,000"; 5]
        .into_iter()
        .chain(["K100,001 – 250,000"; 3])
        .chain(["Don't know"; 2])
        .enumerate()
    {
        csv.push_str(&format!("{k},\"{v}\"\n"));
    }
    let (_t, export) = write("responses.csv", csv);
    let (dir, d) = draft_copy_as(&export, Format::Plain, None);
    let (a, _) = run_in(dir.path());
    assert_eq!(
        rows(&a.results, "monthly_family_income"),
        (
            owned(&[
                ("Below K100,000", 5),
                ("K100,001 – 250,000", 3),
                ("Don't know", 2)
            ]),
            10
        ),
        "{}",
        d.toml
    );
    // Google Forms: answers that end with "." (6 / 3 / 2), and districts ticked together:
    // Countywide 4; "1st District- A, 2nd District- B" 2; "2nd District- B" 2; "1st District-
    // A" 1 → 1st 3, 2nd 4, Countywide 4 of 9.
    let mut csv = String::from("Timestamp,Which risk is bigger?,Districts served\n");
    let risks = ["There is a bigger upside risk."; 6]
        .into_iter()
        .chain(["There is a bigger downside risk."; 3])
        .chain(["The risks appear equal on both sides."; 2]);
    let districts = ["Countywide"; 4]
        .into_iter()
        .chain(["1st District- A, 2nd District- B"; 2])
        .chain(["2nd District- B"; 2])
        .chain(["1st District- A", "", ""]);
    for (k, (r, dist)) in risks.zip(districts).enumerate() {
        csv.push_str(&format!(
            "2024/01/{:02} 10:00:00 AM GMT,{r},\"{dist}\"\n",
            k + 1
        ));
    }
    let (_t, export) = write("responses.csv", csv);
    let (dir, d) = draft_copy_as(&export, Format::GoogleForms, None);
    let (a, _) = run_in(dir.path());
    assert_eq!(
        rows(&a.results, "risk_bigger"),
        (
            owned(&[
                ("There is a bigger upside risk.", 6),
                ("There is a bigger downside risk.", 3),
                ("The risks appear equal on both sides.", 2)
            ]),
            11
        ),
        "{}",
        d.toml
    );
    assert_eq!(
        rows(&a.results, "districts_served"),
        (
            owned(&[
                ("Countywide", 4),
                ("1st District- A", 3),
                ("2nd District- B", 4)
            ]),
            9
        )
    );
    // Qualtrics: "At school,In higher education (e.g. university, college)" ×3, "At school"
    // ×2, "No, I have never studied economics" ×4, the higher-education label alone ×1.
    let mut csv = String::from(
        "StartDate,EndDate,Status,Finished,ResponseId,Q3.6\n\
Start Date,End Date,Response Type,Finished,Response ID,Where have you studied economics? - Selected Choice\n\
\"{\"\"ImportId\"\":\"\"startDate\"\"}\",\"{\"\"ImportId\"\":\"\"endDate\"\"}\",\"{\"\"ImportId\"\":\"\"status\"\"}\",\"{\"\"ImportId\"\":\"\"finished\"\"}\",\"{\"\"ImportId\"\":\"\"_recordId\"\"}\",\"{\"\"ImportId\"\":\"\"QID8\"\"}\"\n",
    );
    let higher = "In higher education (e.g. university, college)";
    let both = format!("At school,{higher}");
    let cells = [both.as_str(); 3]
        .into_iter()
        .chain(["At school"; 2])
        .chain(["No, I have never studied economics"; 4])
        .chain([higher]);
    for (k, v) in cells.enumerate() {
        csv.push_str(&format!(
            "2025-01-01,2025-01-01,IP Address,True,R_{k},\"{v}\"\n"
        ));
    }
    let (_t, export) = write("responses.csv", csv);
    let (dir, d) = draft_copy_as(&export, Format::Qualtrics, None);
    let (a, _) = run_in(dir.path());
    assert_eq!(
        rows(&a.results, "where_have_studied"),
        (
            owned(&[
                ("At school", 5),
                (higher, 4),
                ("No, I have never studied economics", 4)
            ]),
            10
        ),
        "{}",
        d.toml
    );
}

/// `init --like` on a survey with a grid wrote the grid without its items or scale, and the
/// draft was refused ("needs a scale of at least two options") — every wave with a rating grid.
/// A grid matched to the previous wave's keeps the order and marks that wave's codebook
/// confirmed when the scale's points are the same; a new scale is drafted with its check line.
#[test]
fn like_carries_a_confirmed_grid_scale_to_the_next_wave() {
    let tmp = tempfile::tempdir().unwrap();
    let wave = |first: &[&str]| {
        let mut csv = String::from("Timestamp,Rate it [Catalogue],Rate it [Website]\n");
        for (k, v) in first
            .iter()
            .chain(["Beta", "Gamma", "Alpha", "Beta"].iter())
            .enumerate()
        {
            csv.push_str(&format!("2025/01/01 10:{k:02}:00,{v},{v}\n"));
        }
        csv
    };
    std::fs::write(tmp.path().join("w1.csv"), wave(&["Alpha", "Gamma"])).unwrap();
    std::fs::write(tmp.path().join("w2.csv"), wave(&["Gamma", "Beta"])).unwrap();
    let bin = assert_cmd::cargo::cargo_bin("shelfstat");
    let init = |args: &[&str]| {
        let out = std::process::Command::new(&bin)
            .args(args)
            .current_dir(tmp.path())
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    let w1 = init(&["init", "w1.csv"]);
    assert!(w1.contains("check = [\"scale order"), "{w1}");
    // The editor confirms the order Gamma < Alpha < Beta, Alpha the midpoint.
    let start = w1.find("options = [ # the scale").unwrap();
    let end = start + w1[start..].find("]\n").unwrap() + 2;
    let check = w1.find("check = [").unwrap();
    let check_end = check + w1[check..].find('\n').unwrap() + 1;
    let confirmed = format!(
        "{}options = [\n  {{ code = \"gamma\", label = \"Gamma\" }},\n  {{ code = \"alpha\", label = \"Alpha\", neutral = true }},\n  {{ code = \"beta\", label = \"Beta\" }},\n]\n{}{}",
        &w1[..start],
        &w1[end..check],
        &w1[check_end..]
    );
    std::fs::write(tmp.path().join("w1.toml"), &confirmed).unwrap();
    let w2 = init(&["init", "w2.csv", "--like", "w1.toml"]);
    assert!(!w2.contains("check = ["), "{w2}");
    assert!(
        w2.contains("options = [ # the scale, lowest first\n  { code = \"gamma\", label = \"Gamma\" },\n  { code = \"alpha\", label = \"Alpha\", neutral = true },\n  { code = \"beta\", label = \"Beta\" },\n]"),
        "{w2}"
    );
    assert!(
        w2.contains("{ code = \"website\", label = \"Website\" }"),
        "{w2}"
    );
}

/// A review of this round's heuristics: a comments box where most wrote "No" kept its nine
/// one-off comments as published options (Kobo keeps typed text apart, so every answer was
/// taken for a choice); a comments column with one "No; None" cell became a multi-select;
/// a number past u64's reach by one overflowed the record-number test.
#[test]
fn comments_stay_unpublished_and_huge_numbers_do_not_overflow() {
    let tmp = tempfile::tempdir().unwrap();
    let mut kobo = String::from("\"Comments\";\"_uuid\"\r\n");
    for k in 0..100 {
        let v = if k < 91 {
            "No".to_string()
        } else {
            format!("My own remark number {k}")
        };
        kobo.push_str(&format!("\"{v}\";\"u{k}\"\r\n"));
    }
    let export = tmp.path().join("responses.csv");
    std::fs::write(&export, kobo).unwrap();
    let (_, d) = draft_copy_as(&export, Format::Kobo, None);
    assert!(!d.toml.contains("My own remark"), "{}", d.toml);

    let tmp = tempfile::tempdir().unwrap();
    let mut csv = String::from("id,Any comments?,Big\n");
    for k in 0..200 {
        let v = match k {
            0..=2 => "No".to_string(),
            3 | 4 => "None".to_string(),
            5 => "No; None".to_string(),
            _ => format!("A remark of my own, number {k}"),
        };
        let big = if k == 0 {
            "18446744073709551615".to_string()
        } else {
            (k % 19).to_string()
        };
        csv.push_str(&format!("{k},\"{v}\",{big}\n"));
    }
    let export = tmp.path().join("responses.csv");
    std::fs::write(&export, csv).unwrap();
    let (_, d) = draft_copy_as(&export, Format::Plain, None);
    let draft: toml::Table = toml::from_str(&d.toml).unwrap();
    let comments = draft["questions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|q| q["text"].as_str() == Some("Any comments?"))
        .unwrap();
    assert_eq!(comments["type"].as_str(), Some("text"), "{}", d.toml);
}
