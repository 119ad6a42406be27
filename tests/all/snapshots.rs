//! Snapshots of the published texts. Review changes with `cargo insta review` (or read the
//! `.snap.new` file) before accepting them.

use crate::common::*;

#[test]
fn report_markdown() {
    let (_, a) = load(&sample_codebook());
    insta::assert_snapshot!(
        "ifla_report_md",
        shelfstat::render::markdown::report(&a.results)
    );
}

#[test]
fn fixture_report_markdown() {
    let (_, a) = load(&root().join("tests/fixtures/surveymonkey/small/survey.toml"));
    insta::assert_snapshot!(
        "small_report_md",
        shelfstat::render::markdown::report(&a.results)
    );
}

#[test]
fn headline_text_and_json() {
    let (_, a) = load(&sample_codebook());
    insta::assert_snapshot!(
        "ifla_headline_txt",
        shelfstat::render::text::headlines(&a.results, None)
    );
    insta::assert_snapshot!(
        "ifla_headline_json",
        shelfstat::render::json::headlines(&a.results, None)
    );
}

#[test]
fn chart_svg() {
    let (_, a) = load(&sample_codebook());
    let Some(shelfstat::stats::QuestionStats::Choice(t)) = a.results.question("duration") else {
        panic!()
    };
    insta::assert_snapshot!(
        "duration_chart_svg",
        shelfstat::render::chart::svg(t, "libraries").unwrap()
    );
}
