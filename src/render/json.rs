//! JSON outputs: `headline.json` (statements with numbers) and `results.json` (every stat table).

use super::headline_sentence;
use crate::tables::{Provenance, Results};
use serde::Serialize;

#[derive(Serialize)]
struct HeadlineDoc<'a> {
    survey: &'a str,
    title: &'a str,
    wave: &'a str,
    scope: Option<&'a str>,
    respondents: u64,
    countries: Option<usize>,
    interval: String,
    weighted: bool,
    statements: Vec<Statement<'a>>,
    provenance: &'a Provenance,
}

#[derive(Serialize)]
struct Statement<'a> {
    id: &'a str,
    text: Option<String>,
    suppressed: bool,
    question: &'a str,
    options: &'a [String],
    count: Option<u64>,
    base: Option<u64>,
    /// Percent rounded to one decimal, as printed.
    percent: Option<f64>,
    proportion: Option<f64>,
    ci_low: Option<f64>,
    ci_high: Option<f64>,
}

pub fn headlines(r: &Results, scope: Option<&str>) -> String {
    let doc = HeadlineDoc {
        survey: &r.survey.id,
        title: &r.survey.title,
        wave: &r.survey.wave,
        scope,
        respondents: r.respondents,
        countries: r.countries,
        interval: format!("95% {}", r.interval.describe()),
        weighted: r.weighting.is_some(),
        statements: r
            .headlines
            .iter()
            .map(|h| {
                let e = h.estimate.as_ref();
                Statement {
                    id: &h.id,
                    text: headline_sentence(h, r),
                    suppressed: h.suppressed,
                    question: &h.question,
                    options: &h.options,
                    count: e.map(|e| e.count),
                    base: e.map(|e| e.base),
                    percent: e.map(|e| (e.percent() * 10.0).round() / 10.0),
                    proportion: e.map(|e| e.proportion),
                    ci_low: e.map(|e| e.ci_low),
                    ci_high: e.map(|e| e.ci_high),
                }
            })
            .collect(),
        provenance: &r.provenance,
    };
    let mut s = serde_json::to_string_pretty(&doc).expect("serialisable");
    s.push('\n');
    s
}

pub fn results(r: &Results) -> String {
    let mut s = serde_json::to_string_pretty(r).expect("serialisable");
    s.push('\n');
    s
}

/// `changes.json`: the whole wave comparison.
pub fn comparison(c: &crate::tables::Comparison) -> String {
    let mut s = serde_json::to_string_pretty(c).expect("plain data serialises");
    s.push('\n');
    s
}

/// The headline changes of a series, with their sentences.
pub fn comparison_headlines(c: &crate::tables::Comparison) -> String {
    #[derive(Serialize)]
    struct Doc<'a> {
        series: &'a str,
        title: &'a str,
        waves: Vec<&'a str>,
        statements: Vec<Statement<'a>>,
    }
    #[derive(Serialize)]
    struct Statement<'a> {
        text: String,
        #[serde(flatten)]
        figure: &'a crate::tables::HeadlineChange,
    }
    let doc = Doc {
        series: &c.id,
        title: &c.title,
        waves: c.waves.iter().map(|w| w.id.as_str()).collect(),
        statements: c
            .headlines
            .iter()
            .map(|h| Statement {
                text: super::compare_text::sentence(h),
                figure: h,
            })
            .collect(),
    };
    let mut s = serde_json::to_string_pretty(&doc).expect("plain data serialises");
    s.push('\n');
    s
}
