//! Rating grids and rankings: every figure below was counted by hand from
//! tests/fixtures/surveymonkey/grid/responses.csv (8 rows; 1007 answered nothing):
//!
//! | id   | internet | language | stories | training | materials | outreach |
//! |------|----------|----------|---------|----------|-----------|----------|
//! | 1001 | VW       | W        | DK      | 1        | 2         | 3        |
//! | 1002 | W        | P        | N       | 2        | 1         | 3        |
//! | 1003 | VW       | VP       | W       | 3        | 2         | 1        |
//! | 1004 | N        |          | VW      | 1        |           | 2        |
//! | 1005 | P        | W        | P       | 2        | 1         | 3        |
//! | 1006 | VW       | DK       | DK      |          |           |          |
//! | 1008 | W        | N        | W       | 1        | 3         | 2        |
//!
//! Scores VP 1 … VW 5; "Don't know" (DK) is outside the base.

use crate::common::*;
use shelfstat::stats::QuestionStats;
use shelfstat::tables::{GridTable, RankingTable};
use std::path::Path;

fn tables(codebook: &Path) -> (GridTable, RankingTable) {
    let (_, a) = load(codebook);
    let QuestionStats::Grid(g) = a.results.question("needs").unwrap().clone() else {
        panic!("needs is not a grid")
    };
    let QuestionStats::Ranking(r) = a.results.question("priorities").unwrap().clone() else {
        panic!("priorities is not a ranking")
    };
    (g, r)
}

fn sm() -> std::path::PathBuf {
    root().join("tests/fixtures/surveymonkey/grid/survey.toml")
}

#[test]
fn grid_figures_counted_by_hand() {
    let (g, _) = tables(&sm());
    assert_eq!((g.answered, g.not_answered), (7, 0));
    assert_eq!(g.top2_label.as_deref(), Some("Well + Very well"));
    assert_eq!(g.bottom2_label.as_deref(), Some("Very poorly + Poorly"));
    // (code, base, counts VP P N W VW DK, not applicable, not answered, top2, bottom2, mean)
    let want: [(&str, u64, [u64; 6], u64, u64, u64, u64, f64); 3] = [
        ("internet", 7, [0, 1, 1, 2, 3, 0], 0, 0, 5, 1, 28.0 / 7.0),
        ("language", 5, [1, 1, 1, 2, 0, 1], 1, 1, 2, 2, 14.0 / 5.0),
        ("stories", 5, [0, 1, 1, 2, 1, 2], 2, 0, 3, 1, 18.0 / 5.0),
    ];
    for (it, w) in g.items.iter().zip(want) {
        assert_eq!(it.code, w.0);
        assert_eq!((it.base, it.counts.as_slice()), (w.1, &w.2[..]), "{}", w.0);
        assert_eq!((it.not_applicable, it.not_answered), (w.3, w.4), "{}", w.0);
        let (top, bottom) = (it.top2.unwrap(), it.bottom2.unwrap());
        assert_eq!(
            (top.count, top.base, bottom.count, bottom.base),
            (w.5, w.1, w.6, w.1)
        );
        assert!((it.mean.unwrap().mean - w.7).abs() < 1e-12, "{}", w.0);
        // The not-applicable point has a count and no share.
        assert!(it.shares[5].is_none());
        assert_eq!(it.shares[4].unwrap().count, w.2[4]);
    }
    // Net: above the midpoint minus below: internet 5/7 − 1/7, language 2/5 − 2/5.
    assert!((g.items[0].net.unwrap() - 4.0 / 7.0).abs() < 1e-15);
    assert_eq!(g.items[1].net, Some(0.0));
    // Internet: scores 5 4 5 3 2 5 4, mean 4, s² = 8/6, se = √(8/42); t(0.975, 6) = 2.446911851.
    let m = g.items[0].mean.unwrap();
    let se = (8.0f64 / 42.0).sqrt();
    assert!((m.se.unwrap() - se).abs() < 1e-12);
    assert!((m.ci_low.unwrap() - (4.0 - 2.446911851144969 * se)).abs() < 1e-9);
    // Top-2 box of internet is 5 of 7 with the Wilson interval: 35.9–91.8%.
    let top = g.items[0].top2.unwrap();
    assert!((top.ci_low - 0.358934).abs() < 1e-6 && (top.ci_high - 0.917781).abs() < 1e-6);
}

#[test]
fn ranking_figures_counted_by_hand() {
    let (_, r) = tables(&sm());
    assert_eq!((r.answered, r.not_answered), (6, 1));
    // (code, ranked, mean rank, ranked first)
    let want = [
        ("training", 6, 10.0 / 6.0, 3),
        ("materials", 5, 9.0 / 5.0, 2),
        ("outreach", 6, 14.0 / 6.0, 1),
    ];
    for (it, w) in r.items.iter().zip(want) {
        assert_eq!((it.code.as_str(), it.ranked), (w.0, w.1));
        assert!((it.mean_rank.unwrap().mean - w.2).abs() < 1e-12, "{}", w.0);
        let first = it.first.unwrap();
        assert_eq!((first.count, first.base), (w.3, 6), "{}", w.0);
    }
}

/// The same answers in every platform's grid layout give the same tables: Google Forms
/// ("Question [Item]" columns), Qualtrics (a numeric matrix with recode values, -99 for seen but
/// unanswered; a rank order), KoboToolbox (a likert group of select_one columns holding choice
/// names), REDCap (a matrix group of radio fields holding codes), LimeSurvey is checked apart.
#[test]
fn every_platforms_grid_layout_gives_the_same_figures() {
    let want = tables(&sm());
    for platform in ["google-forms", "qualtrics", "kobo", "redcap"] {
        let cb = root()
            .join("tests/fixtures")
            .join(platform)
            .join("grid/survey.toml");
        assert_eq!(tables(&cb), want, "{platform}");
    }
}

#[test]
fn the_report_table_and_chart() {
    let tmp = copy_dir(&root().join("tests/fixtures/surveymonkey/grid"));
    let (_, text) = run_in(tmp.path());
    let md = std::fs::read_to_string(tmp.path().join("out/report.md")).unwrap();
    assert!(md.contains(
        "| Internet access | 7 | 71.4 (35.9–91.8) | 14.3 (2.6–51.3) | 4.00 (2.93–5.07) | 0 |"
    ));
    assert!(md.contains("| Staff training | 6 | 1.67 (0.81–2.52) | 50.0 (18.8–81.2) | 6 |"));
    let csv = std::fs::read_to_string(tmp.path().join("out/tables/needs.csv")).unwrap();
    assert!(csv.contains("needs,language,Language practice,share,dont_know,Don't know,1,,,,\n"));
    assert!(csv
        .contains("needs,internet,Internet access,top2,,Well + Very well,5,7,0.7142857142857143,"));
    // The chart: items sorted by net (internet 0.57, stories 0.40, language 0), the segments'
    // labels, each base.
    let svg = std::fs::read_to_string(tmp.path().join("out/charts/needs.svg")).unwrap();
    let at = |s: &str| {
        let s = format!(">\n{s}\n<");
        svg.find(&s)
            .unwrap_or_else(|| panic!("{s} not in the chart"))
    };
    assert!(at("Internet access") < at("Story times"));
    assert!(at("Story times") < at("Language practice"));
    at("n=7");
    at("43");
    assert!(text.contains("Very well"));
}

#[test]
fn weighted_mean_is_the_design_mean() {
    // Weights 1, 2, 3 on scores 1, 2, 5: mean (1 + 4 + 15)/6 = 10/3;
    // se² = 3/2 · Σ w²(y − ȳ)² / 36 = 3/2 · (49/9 + 64/9 + 225/9) / 36 = 169/108.
    let m = shelfstat::stats::mean::mean_estimate(&[(1.0, 1.0), (2.0, 2.0), (5.0, 3.0)]).unwrap();
    assert!((m.mean - 10.0 / 3.0).abs() < 1e-15);
    assert!((m.se.unwrap() - (169.0f64 / 108.0).sqrt()).abs() < 1e-14);
}

fn with_answer(item_col: usize, value: &str) -> tempfile::TempDir {
    let tmp = copy_dir(&root().join("tests/fixtures/surveymonkey/grid"));
    let p = tmp.path().join("responses.csv");
    let text = std::fs::read_to_string(&p).unwrap();
    let mut lines: Vec<String> = text.split("\r\n").map(String::from).collect();
    let mut cells: Vec<String> = lines[3].split(',').map(String::from).collect();
    cells[item_col] = value.into();
    lines[3] = cells.join(",");
    std::fs::write(&p, lines.join("\r\n")).unwrap();
    tmp
}

#[test]
fn an_answer_off_the_scale_or_a_bad_rank_is_an_error_at_its_cell() {
    let tmp = with_answer(10, "Brilliant");
    let l = shelfstat::pipeline::load(Some(&tmp.path().join("survey.toml"))).unwrap();
    let e = shelfstat::pipeline::analyse(&l).err().unwrap().to_string();
    assert!(e.contains("row 4, column K"), "{e}");
    assert!(
        e.contains("\"Brilliant\" is not a point of the scale of question \"needs\""),
        "{e}"
    );
    let tmp = with_answer(12, "4");
    let l = shelfstat::pipeline::load(Some(&tmp.path().join("survey.toml"))).unwrap();
    let e = shelfstat::pipeline::analyse(&l).err().unwrap().to_string();
    assert!(e.contains("row 4, column M"), "{e}");
    assert!(e.contains("expected a rank from 1 to 3"), "{e}");
}

#[test]
fn a_grid_codebook_is_checked() {
    let base = std::fs::read_to_string(sm()).unwrap();
    let cases = [
        (
            "{ code = \"dont_know\", label = \"Don't know\", not_applicable = true }",
            "{ code = \"dont_know\", label = \"Don't know\", not_applicable = true, score = 0 }",
            "no score",
        ),
        (
            "{ code = \"very_poorly\", label = \"Very poorly\" }",
            "{ code = \"very_poorly\", label = \"Very poorly\", score = 1 }",
            "give every option a score, or none",
        ),
        (
            "  { code = \"stories\", label = \"Story times\" },\n",
            "  { code = \"internet\", label = \"Story times\" },\n",
            "duplicate item code \"internet\"",
        ),
        (
            "type = \"ranking\"",
            "type = \"numeric\"",
            "numeric question \"priorities\" cannot have items",
        ),
    ];
    for (from, to, why) in cases {
        assert!(base.contains(from), "{from}");
        let text = base.replacen(from, to, 1);
        let e = shelfstat::codebook::Codebook::parse(&text, Path::new("survey.toml"))
            .err()
            .unwrap_or_else(|| panic!("{to} was accepted"))
            .to_string();
        assert!(e.contains(why), "{e}");
        assert!(e.contains("survey.toml:"), "{e}");
    }
}

#[test]
fn init_drafts_the_grid_and_the_ranking_from_either_layout() {
    let want = tables(&sm());
    for export in [
        "surveymonkey/grid/responses.csv",
        "google-forms/grid/responses.csv",
    ] {
        let (tmp, d, _) = draft_copy(&root().join("tests/fixtures").join(export), None);
        assert!(d.toml.contains("type = \"grid\""), "{export}");
        // The scale in order, lowest first, its midpoint and its "don't know" marked.
        let scale = [
            "label = \"Very poorly\" }",
            "label = \"Poorly\" }",
            "label = \"Neither well nor poorly\", neutral = true }",
            "label = \"Well\" }",
            "label = \"Very well\" }",
            "label = \"Don't know\", not_applicable = true }",
        ];
        let at: Vec<usize> = scale
            .iter()
            .map(|s| {
                d.toml
                    .find(s)
                    .unwrap_or_else(|| panic!("{export}: {s}\n{}", d.toml))
            })
            .collect();
        assert!(at.windows(2).all(|w| w[0] < w[1]), "{export}: scale order");
        assert!(d.toml.contains("type = \"ranking\""), "{export}");
        let (_, a) = load(&tmp.path().join("survey.toml"));
        let grid = a.results.questions.iter().find_map(|q| match q {
            QuestionStats::Grid(g) => Some(g.clone()),
            _ => None,
        });
        let grid = grid.unwrap();
        let counts: Vec<&Vec<u64>> = grid.items.iter().map(|i| &i.counts).collect();
        let want_counts: Vec<&Vec<u64>> = want.0.items.iter().map(|i| &i.counts).collect();
        assert_eq!(counts, want_counts, "{export}");
        let ranks = a.results.questions.iter().find_map(|q| match q {
            QuestionStats::Ranking(r) => Some(r.items.iter().map(|i| i.first).collect::<Vec<_>>()),
            _ => None,
        });
        assert_eq!(
            ranks.unwrap(),
            want.1.items.iter().map(|i| i.first).collect::<Vec<_>>()
        );
    }
}

/// The bundled 2025 wave carries a rating grid and a ranking, with figures planted by its
/// targets (data/ifla-refugee-2025/targets.toml); its committed report is what `run` writes.
#[test]
fn the_bundled_2025_wave_grid_and_ranking() {
    let cb = root().join("data/ifla-refugee-2025/survey.toml");
    let (_, a) = load(&cb);
    let QuestionStats::Grid(g) = a.results.question("needs_met").unwrap() else {
        panic!()
    };
    // Targets: information 150 well + 105 very well of 350, 10 "don't know" → 255 of 340;
    // work 60 + 20 of 340, 45 "don't know" → 80 of 295.
    let top = |code: &str| {
        let it = g.items.iter().find(|i| i.code == code).unwrap();
        let e = it.top2.unwrap();
        (e.count, e.base, it.not_applicable)
    };
    assert_eq!(top("information"), (255, 340, 10));
    assert_eq!(top("work"), (80, 295, 45));
    let QuestionStats::Ranking(r) = a.results.question("priorities").unwrap() else {
        panic!()
    };
    let first: Vec<(u64, u64)> = r
        .items
        .iter()
        .map(|i| (i.first.unwrap().count, i.first.unwrap().base))
        .collect();
    assert_eq!(first, [(120, 340), (95, 340), (70, 340), (55, 340)]);
    let out = tempfile::tempdir().unwrap();
    shelfstat::cmd::run::run(&shelfstat::cmd::run::RunOptions {
        codebook: Some(cb),
        out: Some(out.path().to_path_buf()),
        format: None,
        ..Default::default()
    })
    .unwrap();
    for f in ["report.md", "tables/needs_met.csv", "charts/needs_met.svg"] {
        let committed = std::fs::read(root().join("reports/ifla-refugee-2025").join(f)).unwrap();
        assert!(
            std::fs::read(out.path().join(f)).unwrap() == committed,
            "{f} differs from the committed report"
        );
    }
}

/// Two waves of the grid: the SurveyMonkey fixture, then its Google Forms twin with 1004's
/// "Internet access" raised from "Neither" to "Well". Internet's top-2 box goes from 5 of 7 to
/// 6 of 7 (+14.3 pp); the other items are unchanged.
#[test]
fn compare_shows_each_grid_items_top2_box_change() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let fx = root().join("tests/fixtures");
    for (wave, sub) in [("a", "surveymonkey/grid"), ("b", "google-forms/grid")] {
        std::fs::create_dir(d.join(wave)).unwrap();
        for f in ["survey.toml", "responses.csv"] {
            std::fs::copy(fx.join(sub).join(f), d.join(wave).join(f)).unwrap();
        }
    }
    let csv = std::fs::read_to_string(d.join("b/responses.csv")).unwrap();
    let csv = csv.replacen("Neither well nor poorly,,Very well", "Well,,Very well", 1);
    std::fs::write(d.join("b/responses.csv"), csv).unwrap();
    std::fs::write(
        d.join("series.toml"),
        "[series]\nid = \"grids\"\ntitle = \"Grids\"\n\n[[waves]]\nid = \"a\"\ncodebook = \"a/survey.toml\"\n\n[[waves]]\nid = \"b\"\ncodebook = \"b/survey.toml\"\n",
    )
    .unwrap();
    let c = shelfstat::cmd::compare::comparison(&d.join("series.toml")).unwrap();
    let q = c.questions.iter().find(|q| q.question == "needs").unwrap();
    let items: Vec<(&str, Vec<(u64, u64)>)> = q
        .options
        .iter()
        .map(|o| {
            let f = o
                .figures
                .iter()
                .map(|f| f.estimate.map(|e| (e.count, e.base)).unwrap())
                .collect();
            (o.option.as_str(), f)
        })
        .collect();
    assert_eq!(
        items,
        [
            ("internet", vec![(5, 7), (6, 7)]),
            ("language", vec![(2, 5), (2, 5)]),
            ("stories", vec![(3, 5), (3, 5)]),
        ]
    );
    let ch = q.options[0].changes[0].change.unwrap();
    assert!((ch.diff - 1.0 / 7.0).abs() < 1e-12);
    assert!(!ch.clear, "1 of 7 is not a clear change");
    let md = shelfstat::render::compare_md::comparison(&c);
    assert!(md.contains("| Item (top-2 box) |"), "{md}");
    assert!(
        md.contains("| Internet access | 71.4 (7) | 85.7 (7) |"),
        "{md}"
    );
}

/// LimeSurvey "full headings" in German (tests/fixtures/limesurvey/german-full-headings): the
/// array is found by its "Text [Subquestion]" headings. Internetzugang: Gut, Sehr gut, Schlecht,
/// Gut → top-2 (Gut + Sehr gut) 3 of 4, mean (3 + 4 + 1 + 3)/4; Sprachcafé: Sehr gut, Weder,
/// Gut, Gut → 3 of 4, mean 12/4.
#[test]
fn limesurvey_array_with_german_headings() {
    let (_, a) = load(&root().join("tests/fixtures/limesurvey/german-full-headings/survey.toml"));
    let QuestionStats::Grid(g) = a.results.question("needs").unwrap() else {
        panic!()
    };
    let got: Vec<(u64, u64, f64)> = g
        .items
        .iter()
        .map(|i| (i.top2.unwrap().count, i.base, i.mean.unwrap().mean))
        .collect();
    assert_eq!(got, [(3, 4, 2.75), (3, 4, 3.0)]);
    // init finds the id column by its place, whatever its heading says.
    let (_, d, fmt) = draft_copy(
        &root().join("tests/fixtures/limesurvey/german-full-headings/responses.csv"),
        None,
    );
    assert_eq!(fmt, shelfstat::codebook::Format::Limesurvey);
    assert!(
        d.toml.contains("respondent_id = \"Antwort ID\""),
        "{}",
        d.toml
    );
    assert!(
        !d.toml.contains("Datum Abgeschickt"),
        "metadata drafted as a question:\n{}",
        d.toml
    );
    // "Gesamtzeit" is LimeSurvey's total interview time, in German: bookkeeping, not a question.
    assert!(!d.toml.contains("Gesamtzeit"), "{}", d.toml);
}

/// A grid broken down by a single choice (a plain table, items as "Question [Item]" columns):
///
/// | type | rows | item a (top-2: W, VW) | item b |
/// |---|---|---|---|
/// | X | 6 | VW W N P VW W → 4 of 6 | W P VW W N VP → 3 of 6 |
/// | Y | 5 | W P VW N W | W – N P W (one blank: base 4) |
/// | Z | 2 | VW VP | VW W |
///
/// Suppression looks at each group's smallest item base: Z (2) and Y (4) are under 5 and
/// together reach it, so both are withheld and only X is published.
#[test]
fn a_grid_breakdown_withholds_groups_by_their_smallest_item_base() {
    let tmp = tempfile::tempdir().unwrap();
    let rows = [
        ("X", "Very well", "Well"),
        ("X", "Well", "Poorly"),
        ("X", "Neither", "Very well"),
        ("X", "Poorly", "Well"),
        ("X", "Very well", "Neither"),
        ("X", "Well", "Very poorly"),
        ("Y", "Well", "Well"),
        ("Y", "Poorly", ""),
        ("Y", "Very well", "Neither"),
        ("Y", "Neither", "Poorly"),
        ("Y", "Well", "Well"),
        ("Z", "Very well", "Very well"),
        ("Z", "Very poorly", "Well"),
    ];
    let mut csv = String::from("id,Type?,How well? [A],How well? [B]\n");
    for (k, (t, a, b)) in rows.iter().enumerate() {
        csv.push_str(&format!("{k},{t},{a},{b}\n"));
    }
    std::fs::write(tmp.path().join("r.csv"), csv).unwrap();
    let cb = "[survey]\nid = \"g\"\ntitle = \"G\"\nwave = \"1\"\nsource = \"r.csv\"\nformat = \"plain\"\nrespondent_id = \"id\"\n\n\
        [analysis]\nbreakdowns = [\"type\"]\n\n\
        [[questions]]\nid = \"type\"\ntype = \"single\"\ntext = \"Type?\"\noptions = [{ code = \"x\", label = \"X\" }, { code = \"y\", label = \"Y\" }, { code = \"z\", label = \"Z\" }]\n\n\
        [[questions]]\nid = \"how\"\ntype = \"grid\"\ntext = \"How well?\"\nitems = [{ code = \"a\", label = \"A\" }, { code = \"b\", label = \"B\" }]\n\
        options = [{ code = \"vp\", label = \"Very poorly\" }, { code = \"p\", label = \"Poorly\" }, { code = \"n\", label = \"Neither\", neutral = true }, { code = \"w\", label = \"Well\" }, { code = \"vw\", label = \"Very well\" }]\n";
    std::fs::write(tmp.path().join("survey.toml"), cb).unwrap();
    let (_, a) = load(&tmp.path().join("survey.toml"));
    let b = a
        .results
        .breakdowns
        .iter()
        .find(|b| b.question == "how")
        .unwrap();
    let groups: Vec<(&str, Option<u64>, Option<&str>)> = b
        .groups
        .iter()
        .map(|g| (g.key.as_str(), g.base, g.suppressed))
        .collect();
    assert_eq!(
        groups,
        [
            ("x", Some(6), None),
            ("y", None, Some("small")),
            ("z", None, Some("small"))
        ]
    );
    let cells: Vec<Vec<Option<(u64, u64)>>> = b
        .rows
        .iter()
        .map(|r| {
            r.cells
                .iter()
                .map(|c| c.map(|e| (e.count, e.base)))
                .collect()
        })
        .collect();
    assert_eq!(
        cells,
        [
            vec![Some((4, 6)), None, None],
            vec![Some((3, 6)), None, None]
        ]
    );
    let md = shelfstat::render::markdown::report(&a.results);
    assert!(
        md.contains("| Item (top-2 box) | X (*n* = 6) | Y (*n* < 5) | Z (*n* < 5) |"),
        "{md}"
    );
}

/// `neutral_apart = true`: the neutral point leaves the diverging bars for a bar of its own.
#[test]
fn the_neutral_point_can_be_shown_apart() {
    let tmp = copy_dir(&root().join("tests/fixtures/surveymonkey/grid"));
    let cb = tmp.path().join("survey.toml");
    let text = std::fs::read_to_string(&cb).unwrap();
    let text = text.replace(
        "short = \"How well services meet needs\"",
        "short = \"How well services meet needs\"\nneutral_apart = true",
    );
    std::fs::write(&cb, text).unwrap();
    run_in(tmp.path());
    let svg = std::fs::read_to_string(tmp.path().join("out/charts/needs.svg")).unwrap();
    assert!(svg.contains("neutral at right"));
    // Internet: 1 of 7 neutral (14%) in its own bar; the diverging bars hold the other six.
    let texts: Vec<&str> = svg
        .split("\">\n")
        .skip(1)
        .map(|s| s.split('\n').next().unwrap())
        .collect();
    assert!(
        texts.contains(&"14") && texts.contains(&"43") && texts.contains(&"29"),
        "{texts:?}"
    );
    // A choice question cannot ask for it.
    let bad = std::fs::read_to_string(&cb)
        .unwrap()
        .replace("neutral_apart = true", "")
        .replace(
            "type = \"ranking\"",
            "type = \"ranking\"\nneutral_apart = true",
        );
    let e = shelfstat::codebook::Codebook::parse(&bad, &cb)
        .err()
        .unwrap()
        .to_string();
    assert!(e.contains("neutral_apart applies to grid questions"), "{e}");
}

/// A battery of single questions on one scale (a plain table, one column per statement) is
/// drafted as one grid, each column an item; a Yes/No question beside it stays a question.
/// Six answers, four times over (24 rows, so that every answer recurs): opening hours
/// VS S N D S S → top-2 (S + VS) 4 of 6 each time, 16 of 24; staff help S VS VS S VD (blank) →
/// 16 of 20.
#[test]
fn init_joins_a_battery_of_single_questions_into_a_grid() {
    let tmp = tempfile::tempdir().unwrap();
    let rows = [
        "Very satisfied,Satisfied,Yes",
        "Satisfied,Very satisfied,No",
        "Neither satisfied nor dissatisfied,Very satisfied,Yes",
        "Dissatisfied,Satisfied,Yes",
        "Satisfied,Very dissatisfied,No",
        "Satisfied,,No",
    ];
    let mut csv = String::from("id,How satisfied are you with: opening hours,How satisfied are you with: staff help,Do you visit weekly?\n");
    for k in 0..24 {
        csv.push_str(&format!("{},{}\n", k + 1, rows[k % 6]));
    }
    let export = tmp.path().join("battery.csv");
    std::fs::write(&export, csv).unwrap();
    let (dir, d) = draft_copy_as(&export, shelfstat::codebook::Format::Plain, None);
    assert!(
        d.toml
            .contains("type = \"grid\"\ntext = \"How satisfied are you with\""),
        "{}",
        d.toml
    );
    assert!(d.toml.contains("short = \"opening hours\""), "{}", d.toml);
    assert!(d
        .toml
        .contains("label = \"Neither satisfied nor dissatisfied\", neutral = true"));
    assert!(
        d.toml.contains("text = \"Do you visit weekly?\""),
        "{}",
        d.toml
    );
    let (_, a) = load(&dir.path().join("survey.toml"));
    let g = a.results.questions.iter().find_map(|q| match q {
        QuestionStats::Grid(g) => Some(g),
        _ => None,
    });
    let tops: Vec<(u64, u64)> = g
        .unwrap()
        .items
        .iter()
        .map(|i| (i.top2.unwrap().count, i.base))
        .collect();
    assert_eq!(tops, [(16, 24), (16, 20)]);
}

/// A weighted grid: weights 1, 2, 3, 4 on answers VP, W, VW, N (plain table, `[weights]
/// column`). Top-2 box = (2 + 3)/10 = 0.5; mean score (1·1 + 2·4 + 3·5 + 4·3)/10 = 3.6; every
/// share carries its weighted base and Kish's effective n (10²/30 = 3.33).
#[test]
fn a_weighted_grid_uses_the_weights() {
    let tmp = tempfile::tempdir().unwrap();
    let csv = "id,w,How well? [A]\n1,1,Very poorly\n2,2,Well\n3,3,Very well\n4,4,Neither\n";
    std::fs::write(tmp.path().join("r.csv"), csv).unwrap();
    let cb = "[survey]\nid = \"g\"\ntitle = \"G\"\nwave = \"1\"\nsource = \"r.csv\"\nformat = \"plain\"\nrespondent_id = \"id\"\n\n\
        [weights]\ncolumn = \"w\"\n\n\
        [[questions]]\nid = \"how\"\ntype = \"grid\"\ntext = \"How well?\"\nitems = [{ code = \"a\", label = \"A\" }]\n\
        options = [{ code = \"vp\", label = \"Very poorly\" }, { code = \"p\", label = \"Poorly\" }, { code = \"n\", label = \"Neither\", neutral = true }, { code = \"w\", label = \"Well\" }, { code = \"vw\", label = \"Very well\" }]\n";
    std::fs::write(tmp.path().join("survey.toml"), cb).unwrap();
    let (_, a) = load(&tmp.path().join("survey.toml"));
    let QuestionStats::Grid(g) = a.results.question("how").unwrap() else {
        panic!()
    };
    let it = &g.items[0];
    let top = it.top2.unwrap();
    assert_eq!((top.count, top.base), (2, 4));
    assert!((top.proportion - 0.5).abs() < 1e-12);
    assert!((top.weighted_base.unwrap() - 10.0).abs() < 1e-12);
    assert!((top.n_eff.unwrap() - 100.0 / 30.0).abs() < 1e-12);
    assert!((it.mean.unwrap().mean - 3.6).abs() < 1e-12);
    // Net: above the midpoint (W + VW: 5/10) minus below (VP: 1/10).
    assert!((it.net.unwrap() - 0.4).abs() < 1e-12);
}
