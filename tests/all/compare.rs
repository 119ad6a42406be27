//! Wave comparison: harmonisation counted by hand on a two-wave fixture (renamed question,
//! renamed option, merged options, dropped and added questions), the bundled series' planted
//! changes, and the committed comparison report.

use crate::common::root;
use shelfstat::compare::{Comparison, OptionComparison, QuestionComparison};
use shelfstat::stats::interval::PropSummary;

fn fixture() -> Comparison {
    shelfstat::cmd::compare::comparison(&root().join("tests/fixtures/series/series.toml")).unwrap()
}

fn question<'a>(c: &'a Comparison, id: &str) -> &'a QuestionComparison {
    c.questions
        .iter()
        .find(|q| q.question == id)
        .unwrap_or_else(|| panic!("{id}"))
}

fn option<'a>(q: &'a QuestionComparison, code: &str) -> &'a OptionComparison {
    q.options
        .iter()
        .find(|o| o.option == code)
        .unwrap_or_else(|| panic!("{code}"))
}

/// (count, base) of each wave's figure.
fn counts(o: &OptionComparison) -> Vec<Option<(u64, u64)>> {
    o.figures
        .iter()
        .map(|f| f.estimate.map(|e| (e.count, e.base)))
        .collect()
}

#[test]
fn harmonised_figures_are_the_hand_counts() {
    let c = fixture();
    let ids: Vec<&str> = c.questions.iter().map(|q| q.question.as_str()).collect();
    assert_eq!(ids, ["services", "cards", "laptops", "online"]);
    let s = question(&c, "services");
    // Wave 1: rows 1–10, row 7 blank → base 9; internet rows 1 2 4 6 8 10; books 1 3 6 8;
    // events = classes (3 4 9 10) or films (4 5 6) = 3 4 5 6 9 10. Wave 2: all 8 answered;
    // internet 101 102 104 106 107 108; ebooks 101 103 106; events 101 103 104 105 108.
    assert_eq!(s.bases, [Some(9), Some(8)]);
    assert_eq!(counts(option(s, "internet")), [Some((6, 9)), Some((6, 8))]);
    assert_eq!(counts(option(s, "books")), [Some((4, 9)), Some((3, 8))]);
    assert_eq!(counts(option(s, "events")), [Some((6, 9)), Some((5, 8))]);
    let codes: Vec<&str> = s.options.iter().map(|o| o.option.as_str()).collect();
    assert_eq!(
        codes,
        ["internet", "books", "events"],
        "classes and films only merged"
    );
    // cards is library_cards in wave 2: yes 6 of 9, then 7 of 8.
    assert_eq!(
        counts(option(question(&c, "cards"), "yes")),
        [Some((6, 9)), Some((7, 8))]
    );
    // Dropped and added questions have figures in one wave only, and no change.
    assert_eq!(
        counts(option(question(&c, "laptops"), "yes")),
        [Some((4, 9)), None]
    );
    assert_eq!(
        counts(option(question(&c, "online"), "yes")),
        [None, Some((5, 7))]
    );
    assert!(option(question(&c, "online"), "yes").changes[0]
        .change
        .is_none());
}

#[test]
fn changes_are_newcombe_intervals_of_the_hand_counts() {
    let c = fixture();
    let ch = option(question(&c, "cards"), "yes").changes[0]
        .change
        .unwrap();
    let want = shelfstat::stats::change::change(
        &PropSummary::unweighted(6, 9),
        &PropSummary::unweighted(7, 8),
    )
    .unwrap();
    assert_eq!(ch.diff, 7.0 / 8.0 - 6.0 / 9.0);
    assert_eq!((ch.ci_low, ch.ci_high), (want.ci_low, want.ci_high));
    assert!(!ch.clear);
    // Holm over the two options of cards: both p equal, so both adjusted to min(1, 2p).
    let p = ch.p_value.unwrap();
    assert_eq!(ch.p_holm, Some((2.0 * p).min(1.0)));
    assert_eq!(question(&c, "cards").comparisons, [2]);
}

#[test]
fn every_difference_between_the_waves_is_listed() {
    let c = fixture();
    assert_eq!(
        question(&c, "services").notes,
        [
            "question text changed in w2: \"Which services do you offer?\" → \"Which services does your library offer?\"",
            "option \"internet\" reworded in w2: \"Internet\" → \"Internet access\"",
            "option \"books\" reworded in w2: \"Books\" → \"Books and e-books\"",
            "option \"events\" in w1 merges classes + films",
            "option \"books\" is \"ebooks\" in w2",
        ]
    );
    assert!(question(&c, "cards")
        .notes
        .contains(&"question id \"cards\" in w1 is \"library_cards\" in w2".to_string()));
    assert_eq!(question(&c, "laptops").notes, ["not asked in w2"]);
    assert!(c.overlaps.is_empty());
}

#[test]
fn series_errors_name_the_line() {
    let dir = crate::common::copy_dir(&root().join("tests/fixtures/series"));
    let p = dir.path().join("series.toml");
    let text = std::fs::read_to_string(&p).unwrap();
    std::fs::write(&p, text.replace("id = \"library_cards\"", "id = \"cardz\"")).unwrap();
    let e = shelfstat::cmd::compare::comparison(&p)
        .unwrap_err()
        .to_string();
    assert!(
        e.ends_with("series.toml:25: wave \"w2\" has no question \"cardz\""),
        "{e}"
    );
}

#[test]
fn bundled_series_finds_the_planted_changes() {
    let c =
        shelfstat::cmd::compare::comparison(&root().join("data/ifla-refugee-series.toml")).unwrap();
    let clear = |q: &str, o: &str, pair: usize| {
        option(question(&c, q), o).changes[pair]
            .change
            .map(|ch| ch.clear)
    };
    // Pairs: 2019→2022, 2022→2025, 2019→2025.
    assert_eq!(c.pairs.len(), 3);
    // Planted: computer classes +12 pp by 2022; digital skills help +23 pp by 2025; lack of
    // resources +14 pp in 2025; cards +9 pp over six years.
    assert_eq!(clear("services", "computer", 0), Some(true));
    assert_eq!(clear("services", "digital", 1), Some(true));
    assert_eq!(clear("barriers", "lack_resources", 1), Some(true));
    assert_eq!(clear("cards", "yes", 2), Some(true));
    // Within noise: Internet access 93.2 → 96.0 → 96.4, no immigrants 38.6 → 37.0 → 33.9.
    for pair in 0..3 {
        assert_eq!(clear("services", "internet", pair), Some(false));
        assert_eq!(clear("barriers", "no_immigrants", pair), Some(false));
    }
    // Not comparable, and not asked.
    assert_eq!(clear("barriers", "staff_capacity", 0), None);
    assert_eq!(clear("services", "digital", 0), None);
    let internet = option(question(&c, "services"), "internet");
    assert_eq!(
        counts(internet),
        [Some((221, 237)), Some((289, 301)), Some((318, 330))]
    );
}

#[test]
fn committed_comparison_is_fresh() {
    let c =
        shelfstat::cmd::compare::comparison(&root().join("data/ifla-refugee-series.toml")).unwrap();
    let dir = root().join("reports/ifla-refugee-series");
    for f in shelfstat::cmd::compare::render_outputs(&c).unwrap() {
        let disk = std::fs::read(dir.join(&f.path)).unwrap_or_default();
        assert!(
            disk == f.bytes,
            "{}: reports/ifla-refugee-series is stale: regenerate it with `cargo run -- compare data/ifla-refugee-series.toml`",
            f.path.display()
        );
    }
}

#[test]
fn regenerating_the_later_waves_gives_the_same_bytes() {
    for wave in ["2022", "2025"] {
        let dir = root().join(format!("data/ifla-refugee-{wave}"));
        let committed = std::fs::read(dir.join("responses.csv")).unwrap();
        let regenerated = shelfstat::cmd::synth::synth(&shelfstat::cmd::synth::SynthOptions {
            codebook: Some(dir.join("survey.toml")),
            targets: Some(dir.join("targets.toml")),
            ..Default::default()
        })
        .unwrap();
        assert!(
            committed == regenerated,
            "data/ifla-refugee-{wave}/responses.csv differs from `shelfstat synth` output (see its README)"
        );
    }
}

#[test]
fn headline_sentences_say_how_each_figure_changed() {
    // Two waves: the sentence has the form.
    let tmp = tempfile::tempdir().unwrap();
    let p = tmp.path().join("two.toml");
    let data = root().join("data");
    std::fs::write(
        &p,
        format!(
            "[series]\nid = \"two\"\ntitle = \"Two waves\"\n\n[[waves]]\nid = \"2019\"\ncodebook = {:?}\n\n[[waves]]\nid = \"2022\"\ncodebook = {:?}\n",
            data.join("ifla-refugee-2019/survey.toml"),
            data.join("ifla-refugee-2022/survey.toml")
        ),
    )
    .unwrap();
    let text = shelfstat::cmd::headline::headline(&shelfstat::cmd::headline::HeadlineOptions {
        codebook: Some(p),
        ..Default::default()
    })
    .unwrap();
    assert!(text.contains("\nInternet access: 93.2% of 237 libraries (2019) → 96.0% of 301 (2022), +2.8 pp (95% CI −1.1 to +7.0): no clear change.\n"), "{text}");
    assert!(text.contains("\nComputer classes: 60.3% of 237 libraries (2019) → 72.4% of 301 (2022), +12.1 pp (95% CI +4.1 to +20.0): a clear change.\n"));
    assert!(text.starts_with("Issues library cards to these groups — Yes: 75.1% of 353 libraries (2019) → 81.9% of 371 (2022), +6.9 pp (95% CI +0.9 to +12.8): a clear change.\n"));
    // Three waves: first → last.
    let text = shelfstat::cmd::headline::headline(&shelfstat::cmd::headline::HeadlineOptions {
        codebook: Some(root().join("data/ifla-refugee-series.toml")),
        format: shelfstat::cmd::headline::HeadlineFormat::Json,
        ..Default::default()
    })
    .unwrap();
    let doc: serde_json::Value = serde_json::from_str(&text).unwrap();
    let s = &doc["statements"][11];
    assert_eq!(s["id"], "lack_resources");
    assert_eq!(s["text"], "Lack of resources: 26.3% of 350 libraries (2019) → 26.1% of 368 (2022) → 40.0% of 380 (2025), from 2019 to 2025 +13.7 pp (95% CI +6.9 to +20.3): a clear change.");
    assert_eq!(s["figures"][2]["estimate"]["count"], 152);
}

/// A copy of the bundled series with every wave's suppression threshold set to `t`.
fn series_with_threshold(t: u64) -> (tempfile::TempDir, std::path::PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    for wave in ["2019", "2022", "2025"] {
        let from = root().join(format!("data/ifla-refugee-{wave}"));
        let to = tmp.path().join(format!("ifla-refugee-{wave}"));
        std::fs::create_dir(&to).unwrap();
        for f in ["survey.toml", "responses.csv", "practice-codes.csv"] {
            if from.join(f).exists() {
                std::fs::copy(from.join(f), to.join(f)).unwrap();
            }
        }
        let cb = to.join("survey.toml");
        let text = std::fs::read_to_string(&cb).unwrap();
        let text = text.replace(
            "suppression_threshold = 5",
            &format!("suppression_threshold = {t}"),
        );
        std::fs::write(&cb, text).unwrap();
    }
    let series = tmp.path().join("series.toml");
    std::fs::copy(root().join("data/ifla-refugee-series.toml"), &series).unwrap();
    (tmp, series)
}

#[test]
fn region_changes_apply_each_waves_suppression() {
    // Threshold 20. Cards bases by region: 2019 Africa 12, Asia 19 (both small, 31 together);
    // 2022 Oceania 19 (small) and then the smallest other region, Africa 31 (complementary).
    let (_tmp, series) = series_with_threshold(20);
    let c = shelfstat::cmd::compare::comparison(&series).unwrap();
    let row = |region: &str| {
        c.by_region
            .iter()
            .find(|r| r.question == "cards" && r.option == "yes" && r.region == region)
            .unwrap()
    };
    assert_eq!(
        row("Africa").withheld,
        [Some("small"), Some("complementary"), None]
    );
    assert_eq!(row("Asia").withheld, [Some("small"), None, None]);
    assert_eq!(row("Oceania").withheld, [None, Some("small"), None]);
    assert!(row("Africa").figures[0].estimate.is_none());
    assert!(row("Africa")
        .changes
        .iter()
        .take(2)
        .all(|p| p.change.is_none()));
    // Africa is published in 2025 only: no change at all; Oceania 2019 → 2025 is given.
    assert!(row("Africa").changes[2].change.is_none());
    assert!(row("Oceania").changes[2].change.is_some());
    let europe = row("Europe");
    assert_eq!(europe.withheld, [None, None, None]);
    assert_eq!(
        europe.figures[0].estimate.map(|e| (e.count, e.base)),
        Some((152, 213))
    );
}

#[test]
fn region_figures_equal_the_waves_own_breakdowns() {
    // The 2019 wave's report breaks cards down by region; the comparison must agree.
    let c =
        shelfstat::cmd::compare::comparison(&root().join("data/ifla-refugee-series.toml")).unwrap();
    let (_, a) = crate::common::load(&crate::common::sample_codebook());
    let b = a
        .results
        .breakdowns
        .iter()
        .find(|b| b.question == "cards" && b.by == "region")
        .unwrap();
    let yes = b.rows.iter().find(|r| r.code == "yes").unwrap();
    let mut compared = 0;
    for (g, cell) in b.groups.iter().zip(&yes.cells) {
        let Some(r) = c
            .by_region
            .iter()
            .find(|r| r.question == "cards" && r.option == "yes" && r.region == g.key)
        else {
            continue;
        };
        assert_eq!(r.figures[0].estimate, *cell, "{}", g.key);
        compared += 1;
    }
    assert_eq!(compared, 5);
}

#[test]
fn trend_charts_are_drawn_for_every_compared_question() {
    let c = shelfstat::cmd::compare::comparison(&root().join("tests/fixtures/series/series.toml"))
        .unwrap();
    let files = shelfstat::cmd::compare::render_outputs(&c).unwrap();
    let names: Vec<String> = files
        .iter()
        .map(|f| f.path.to_string_lossy().into_owned())
        .filter(|p| p.starts_with("charts/"))
        .collect();
    // laptops and online are asked in one wave only: no trend.
    assert_eq!(
        names,
        [
            "charts/trend_cards.png",
            "charts/trend_cards.svg",
            "charts/trend_services.png",
            "charts/trend_services.svg"
        ]
    );
    let svg = String::from_utf8(
        files
            .iter()
            .find(|f| f.path.ends_with("trend_cards.svg"))
            .unwrap()
            .bytes
            .clone(),
    )
    .unwrap();
    assert!(
        svg.contains("\nw1\n</text>") && svg.contains("\nw2\n</text>"),
        "the dumbbell's legend names the waves"
    );
    let md = files
        .iter()
        .find(|f| f.path.as_os_str() == "compare.md")
        .unwrap();
    let md = String::from_utf8(md.bytes.clone()).unwrap();
    // Its text alternative names the largest change: yes 6/9 → 7/8, +20.8 points.
    assert!(md.contains(
        "![Do you issue library cards?: % in each wave with 95% CI; largest change Yes: +20.8 points from w1 to w2](charts/trend_cards.png)"
    ));
}

#[test]
fn a_weighted_wave_compared_with_itself_changes_nothing_and_is_not_independent() {
    let tmp = tempfile::tempdir().unwrap();
    let p = tmp.path().join("same.toml");
    let cb = root().join("tests/fixtures/surveymonkey/weighted/survey.toml");
    std::fs::write(
        &p,
        format!("[series]\nid = \"same\"\ntitle = \"Same\"\n\n[[waves]]\nid = \"a\"\ncodebook = {cb:?}\n\n[[waves]]\nid = \"b\"\ncodebook = {cb:?}\n"),
    )
    .unwrap();
    let c = shelfstat::cmd::compare::comparison(&p).unwrap();
    assert!(c.waves[0].weighting.is_some());
    let mut n = 0;
    for o in c.questions.iter().flat_map(|q| &q.options) {
        let e = o.figures[0].estimate.unwrap();
        assert!(e.weighted_base.is_some(), "weighted figures");
        if let Some(ch) = o.changes[0].change {
            assert_eq!(ch.diff, 0.0);
            assert!(!ch.clear && ch.ci_low < 0.0 && ch.ci_high > 0.0);
            assert!(ch.p_value.is_none_or(|p| p == 1.0));
            n += 1;
        }
    }
    assert!(n >= 4, "{n} changes");
    // The same respondents in both waves: reported, since the intervals assume independence.
    assert_eq!(c.overlaps.len(), 1);
    assert_eq!(c.overlaps[0].ids as u64, c.waves[0].respondents);
    let md = shelfstat::render::compare_md::comparison(&c);
    assert!(md.contains("- **Not independent**: "));
}

#[test]
fn a_declared_panel_key_finds_libraries_in_two_waves() {
    let dir = crate::common::copy_dir(&root().join("tests/fixtures/series"));
    let w2 = dir.path().join("wave2.csv");
    let text = std::fs::read_to_string(&w2).unwrap();
    std::fs::write(
        &w2,
        text.replace("\n101,", "\n1,").replace("\n102,", "\n2,"),
    )
    .unwrap();
    let p = dir.path().join("series.toml");
    let text = std::fs::read_to_string(&p).unwrap();
    let keyed = text
        .replace(
            "codebook = \"wave1.toml\"",
            "codebook = \"wave1.toml\"\npanel_key = \"id\"",
        )
        .replace(
            "codebook = \"wave2.toml\"",
            "codebook = \"wave2.toml\"\npanel_key = \"id\"",
        );
    std::fs::write(&p, &keyed).unwrap();
    let c = shelfstat::cmd::compare::comparison(&p).unwrap();
    assert_eq!(c.overlaps.len(), 1);
    assert_eq!(
        (c.overlaps[0].ids, c.overlaps[0].by.as_str()),
        (2, "panel key")
    );
    std::fs::write(
        &p,
        keyed.replacen("panel_key = \"id\"", "panel_key = \"ISIL\"", 1),
    )
    .unwrap();
    let e = shelfstat::cmd::compare::comparison(&p)
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("series.toml:9: panel key \"ISIL\" is not a column of"),
        "{e}"
    );
}

/// Issue 26, item 12: series files that published a figure twice, dropped one, ignored an
/// entry, or compared nothing without a word.
#[test]
fn series_mistakes_are_refused_or_said() {
    let dir = crate::common::copy_dir(&root().join("tests/fixtures/series"));
    let series = std::fs::read_to_string(dir.path().join("series.toml")).unwrap();
    let run = |text: &str| {
        std::fs::write(dir.path().join("s.toml"), text).unwrap();
        shelfstat::cmd::compare::comparison(&dir.path().join("s.toml"))
            .map(|_| ())
            .err()
            .map(|e| e.to_string())
    };
    let cases = [
        // A merge listing one code twice was labelled "X + X".
        (
            series.replace("options = { events = [\"classes\", \"films\"] }", "options = { events = [\"classes\", \"classes\"] }"),
            "option \"classes\" of question \"services\" in wave \"w1\" is named twice (by \"events\" and \"events\")",
        ),
        // One wave option under two series options: its figure published twice.
        (
            series.replace("options = { events = [\"classes\", \"films\"] }", "options = { events = [\"classes\", \"films\"], talks = \"films\" }"),
            "option \"films\" of question \"services\" in wave \"w1\" is named twice (by \"events\" and \"talks\")",
        ),
        // A series code that is another of the wave's own options: that option's figure lost.
        (
            series.replace("options = { events = [\"classes\", \"films\"] }", "options = { internet = \"films\" }"),
            "series option \"internet\" takes [\"films\"] in wave \"w1\", whose question \"services\" has an option \"internet\" of its own",
        ),
        // A second, contradicting entry for one question and wave was ignored.
        (
            format!("{series}\n[[harmonise]]\nquestion = \"services\"\nwave = \"w1\"\noptions = {{ events = \"films\" }}\n"),
            "a second [[harmonise]] for question \"services\" in wave \"w1\"",
        ),
        // A not-comparable option no wave has was ignored.
        (
            format!("{series}\n[[not_comparable]]\nquestion = \"services\"\noption = \"nope\"\nwhy = \"reworded\"\n"),
            "no wave's question \"services\" has an option \"nope\"",
        ),
    ];
    for (text, want) in cases {
        let e = run(&text).unwrap_or_else(|| panic!("accepted: {want}"));
        assert!(e.contains(want), "{e}\nwanted: {want}");
    }
    // Waves with no question in common: said in the report and on stderr.
    let wave2 = std::fs::read_to_string(dir.path().join("wave2.toml")).unwrap();
    std::fs::write(
        dir.path().join("wave2x.toml"),
        wave2
            .replace("id = \"services\"", "id = \"x_services\"")
            .replace("id = \"library_cards\"", "id = \"x_cards\"")
            .replace("id = \"online\"", "id = \"x_online\""),
    )
    .unwrap();
    let apart = "[series]\nid = \"apart\"\ntitle = \"Apart\"\n\n[[waves]]\nid = \"w1\"\ncodebook = \"wave1.toml\"\n\n[[waves]]\nid = \"w2\"\ncodebook = \"wave2x.toml\"\n";
    std::fs::write(dir.path().join("apart.toml"), apart).unwrap();
    let out = std::process::Command::new(assert_cmd::cargo::cargo_bin("shelfstat"))
        .args([
            "compare".as_ref(),
            dir.path().join("apart.toml").as_os_str(),
            "--out".as_ref(),
            dir.path().join("out").as_os_str(),
        ])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(err.contains("warning: nothing could be compared"), "{err}");
    let md = std::fs::read_to_string(dir.path().join("out/compare.md")).unwrap();
    assert!(md.contains("**Nothing could be compared**"), "{md}");
}
