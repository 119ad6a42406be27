//! The report as one self-contained HTML page: the [`Document`] of [`super::report`] through the
//! template `templates/report.html` (minijinja), charts inline as SVG, the style sheet embedded,
//! no script and no request to any other host — it opens from an e-mail attachment.
//!
//! Rust prepares a view of the document (inline Markdown rendered by pulldown-cmark with raw
//! HTML escaped, each chart's SVG text, a table of contents); the template decides the markup.

use super::document::{Align, Block, Document};
use crate::error::{Error, Result};
use crate::tables::Results;
use minijinja::{context, Environment, Value};
use serde::Serialize;
use std::collections::BTreeMap;

const TEMPLATE: &str = include_str!("templates/report.html");

/// Inline Markdown (emphasis, code, links; user text) as HTML, any raw HTML in it escaped, no
/// image and no link to a script ([`super::inline::prose`]).
fn inline(md: &str) -> Value {
    use pulldown_cmark::{Event, Parser};
    let md = super::inline::prose(md);
    let events = Parser::new(&md).filter_map(|e| match e {
        Event::Html(t) | Event::InlineHtml(t) => Some(Event::Text(t)),
        Event::Start(pulldown_cmark::Tag::Paragraph)
        | Event::End(pulldown_cmark::TagEnd::Paragraph) => None,
        e => Some(e),
    });
    let mut out = String::new();
    pulldown_cmark::html::push_html(&mut out, events);
    Value::from_safe_string(out.trim_end().to_string())
}

#[derive(Serialize)]
struct Cell {
    html: Value,
    right: bool,
}

#[derive(Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
enum View {
    Heading {
        level: u8,
        html: Value,
        anchor: String,
    },
    Paragraph {
        html: Value,
    },
    List {
        items: Vec<Value>,
    },
    Quote {
        html: Value,
    },
    /// `label`: the caption as plain text (the scrolling region's name).
    Table {
        caption: Value,
        label: String,
        head: Vec<Cell>,
        rows: Vec<Vec<Cell>>,
    },
    Figure {
        alt: String,
        svg: Value,
    },
}

fn cells(texts: &[String], align: &[Align]) -> Vec<Cell> {
    texts
        .iter()
        .enumerate()
        .map(|(k, t)| Cell {
            html: inline(t),
            right: align.get(k) == Some(&Align::Right),
        })
        .collect()
}

/// The document as the template sees it; `charts` maps a chart's stem to its SVG text.
fn view(
    d: &Document,
    charts: &BTreeMap<String, String>,
) -> Result<(Vec<View>, Vec<(String, Value)>)> {
    let mut out = Vec::new();
    let mut toc = Vec::new();
    let mut caption = String::new();
    for b in &d.blocks {
        out.push(match b {
            Block::Heading {
                level,
                text,
                anchor,
            } => {
                caption = text.clone();
                if *level == 2 {
                    toc.push((anchor.clone(), inline(text)));
                }
                View::Heading {
                    level: *level,
                    html: inline(text),
                    anchor: anchor.clone(),
                }
            }
            Block::Paragraph { text } => View::Paragraph { html: inline(text) },
            Block::List { items } => View::List {
                items: items.iter().map(|i| inline(i)).collect(),
            },
            Block::Quote { text } => View::Quote { html: inline(text) },
            Block::Table {
                head,
                align,
                rows,
                caption: own,
            } => View::Table {
                caption: inline(own.as_ref().unwrap_or(&caption)),
                label: super::inline::plain(own.as_ref().unwrap_or(&caption)),
                head: cells(head, align),
                rows: rows.iter().map(|r| cells(r, align)).collect(),
            },
            Block::Figure { alt, stem } => {
                let svg = charts.get(stem).ok_or_else(|| {
                    Error::Internal(format!(
                        "the report names chart {stem}, which was not drawn"
                    ))
                })?;
                // The SVG's own XML declaration has no place inside HTML.
                let svg = svg.trim_start_matches(|c| c != '<');
                let svg = match svg.strip_prefix("<?xml") {
                    Some(rest) => rest.split_once("?>").map_or(rest, |(_, s)| s).trim_start(),
                    None => svg,
                };
                View::Figure {
                    alt: alt.replace('*', ""),
                    svg: Value::from_safe_string(svg.to_string()),
                }
            }
        });
    }
    Ok((out, toc))
}

/// The run's report as HTML; `charts` holds every chart the report names (stem → SVG).
pub fn report(r: &Results, charts: &BTreeMap<String, String>) -> Result<String> {
    page(
        &super::report::document(r),
        &format!("{} ({})", r.survey.title, r.survey.wave),
        charts,
    )
}

/// The wave comparison as HTML; `charts` holds its trend charts (stem → SVG).
pub fn comparison(
    c: &crate::tables::Comparison,
    charts: &BTreeMap<String, String>,
) -> Result<String> {
    page(&super::compare_report::document(c), &c.title, charts)
}

/// Any document as a page titled `title`.
pub fn page(d: &Document, title: &str, charts: &BTreeMap<String, String>) -> Result<String> {
    let (blocks, toc) = view(d, charts)?;
    let mut env = Environment::new();
    env.add_template("report.html", TEMPLATE)
        .map_err(|e| Error::Internal(format!("report template: {e}")))?;
    let t = env
        .get_template("report.html")
        .map_err(|e| Error::Internal(format!("report template: {e}")))?;
    let toc: Vec<Value> = toc
        .into_iter()
        .map(|(a, h)| context! { anchor => a, html => h })
        .collect();
    let blocks = Value::from(minijinja::value::Serde(&blocks));
    t.render(context! { title => title, blocks => blocks, toc => toc })
        .map(|mut s| {
            if !s.ends_with('\n') {
                s.push('\n');
            }
            s
        })
        .map_err(|e| Error::Internal(format!("report template: {e}")))
}
