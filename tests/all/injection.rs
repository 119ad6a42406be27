//! Injection (issue 26, item 1): text from the data — export headings, answers, the option
//! labels and question texts of a codebook, and the same drafted by `init` — stays text in every
//! published format; the codebook's own prose keeps its Markdown but loses raw HTML, script and
//! data links, and images. Checked by parsing report.md with a CommonMark parser and reading
//! every attribute of report.html and of the charts.

use pulldown_cmark::{Event, Parser, Tag};
use std::path::Path;

/// Strings an attacker would put in a survey.
const LINK: &str = "[click](javascript:alert(3))";
const IMG: &str = "<img src=http://x/p.png>";
const SCRIPT: &str = "<script>alert(1)</script>";
const MD_IMG: &str = "![px](http://evil.example/pixel.png)";
const A_TAG: &str = "<a href=\"http://evil.example\">www.bank.example</a>";
const LOOKALIKE: &str = "[www.bank.example](http://evil.example)";
const ENTITY: &str = "&#60;b&#62;bold?&#60;/b&#62;";

fn quoted(s: &str) -> String {
    format!("\"{}\"", s.replace('"', "\"\""))
}

fn toml_str(s: &str) -> String {
    serde_json::to_string(s).unwrap()
}

/// A plain export whose headings, options and answers carry the strings above.
fn export() -> String {
    let head = [
        "id",
        "Country",
        &format!("Type {IMG}"),
        &format!("Services {LINK}"),
        "Comments",
        &format!("Extra {SCRIPT}"),
    ];
    let mut rows = vec![head.map(quoted).join(",")];
    for k in 0..12 {
        let country = if k == 0 { LINK } else { "Germany" };
        let ty = if k % 2 == 0 { LINK } else { IMG };
        let services = match k % 3 {
            0 => format!("{SCRIPT};{MD_IMG}"),
            1 => LOOKALIKE.to_string(),
            _ => format!("{MD_IMG};{LOOKALIKE}"),
        };
        let comment = if k % 2 == 0 { A_TAG } else { ENTITY };
        let row = [&k.to_string(), country, ty, &services, comment, SCRIPT];
        rows.push(row.map(quoted).join(","));
    }
    rows.join("\n") + "\n"
}

fn codebook() -> String {
    format!(
        r#"[survey]
id = "hostile"
title = {title}
wave = {wave}
description = {description}
source = "responses.csv"
format = "plain"
respondent_id = "id"
unit = {unit}

[analysis]
breakdowns = ["type"]
breakdown_questions = ["services"]

[[questions]]
id = "country"
type = "country"
text = "Country"

[[questions]]
id = "type"
type = "single"
text = {type_text}
note = {note}
options = [{{ code = "a", label = {link} }}, {{ code = "b", label = {img} }}]

[[questions]]
id = "services"
type = "multi"
text = {services_text}
separator = ";"
options = [
  {{ code = "s", label = {script} }},
  {{ code = "m", label = {md_img} }},
  {{ code = "l", label = {lookalike} }},
]

[[questions]]
id = "comments"
type = "text"
text = "Comments"
publish_text = true

[[sections]]
title = {section}
intro = {intro}
questions = ["country", "type", "services", "comments"]

[[headlines]]
id = "first"
question = "type"
option = "a"
text = {headline}
"#,
        title = toml_str(&format!("Survey {IMG}")),
        wave = toml_str(&format!("2026 {LINK}")),
        description = toml_str(&format!(
            "**Bold** prose with [a safe link](https://www.ifla.org), {SCRIPT}, {MD_IMG} and [bad](javascript:alert(2)) and [data](data:text/html,x)."
        )),
        unit = toml_str(&format!("libraries {IMG}")),
        type_text = toml_str(&format!("Type {IMG}")),
        note = toml_str(&format!("A note {A_TAG} [z](vbscript:x)")),
        link = toml_str(LINK),
        img = toml_str(IMG),
        services_text = toml_str(&format!("Services {LINK}")),
        script = toml_str(SCRIPT),
        md_img = toml_str(MD_IMG),
        lookalike = toml_str(LOOKALIKE),
        section = toml_str(&format!("Section {SCRIPT}")),
        intro = toml_str(&format!("Intro {IMG} [x](javascript:alert(4))")),
        headline = toml_str(&format!("{{pct}} of {{base}} {{unit}} say {MD_IMG} ({{ci}}) [y](javascript:alert(5))")),
    )
}

/// Every link, image and raw HTML a CommonMark reader finds in `md`.
fn active_markdown(md: &str) -> Vec<String> {
    Parser::new(md)
        .filter_map(|e| match e {
            Event::Start(Tag::Link { dest_url, .. }) => {
                let ok = dest_url.starts_with('#') || dest_url.as_ref() == "https://www.ifla.org";
                (!ok).then(|| format!("link to {dest_url}"))
            }
            // The report's own charts are images beside it.
            Event::Start(Tag::Image { dest_url, .. }) => {
                (!dest_url.starts_with("charts/")).then(|| format!("image {dest_url}"))
            }
            Event::Html(t) | Event::InlineHtml(t) => Some(format!("raw HTML {t}")),
            _ => None,
        })
        .collect()
}

/// Every tag of an HTML page or SVG (`<name attributes>`): text holds no `<`, so a `<` opens a
/// tag (or a comment or declaration).
fn tags(html: &str) -> Vec<&str> {
    html.match_indices('<')
        .map(|(k, _)| {
            let rest = &html[k..];
            &rest[..rest.find('>').map_or(rest.len(), |e| e + 1)]
        })
        .collect()
}

/// A tag's attributes, name and value (values are quoted with `"` by every writer here).
fn attributes(tag: &str) -> Vec<(String, String)> {
    let body = tag
        .trim_start_matches('<')
        .trim_end_matches('>')
        .trim_end_matches('/');
    let mut rest = body.trim_start_matches(|c: char| !c.is_whitespace());
    let mut out = Vec::new();
    loop {
        rest = rest.trim_start();
        if rest.is_empty() {
            return out;
        }
        let end = rest
            .find(|c: char| c == '=' || c.is_whitespace())
            .unwrap_or(rest.len());
        let name = rest[..end].to_ascii_lowercase();
        rest = &rest[end..];
        let mut value = String::new();
        if let Some(after) = rest.strip_prefix("=\"") {
            let close = after.find('"').unwrap_or(after.len());
            value = after[..close].to_string();
            rest = after.get(close + 1..).unwrap_or("");
        }
        out.push((name, value));
    }
}

/// What in an HTML page (or SVG) could run, load or mislead: a tag beyond the report's own
/// vocabulary, an event handler or a source, and a link anywhere but inside the page or to the
/// codebook's one safe address.
fn active_html(html: &str) -> Vec<String> {
    let allowed = [
        "html",
        "head",
        "meta",
        "title",
        "style",
        "body",
        "header",
        "nav",
        "main",
        "section",
        "h1",
        "h2",
        "h3",
        "h4",
        "p",
        "ul",
        "ol",
        "li",
        "blockquote",
        "table",
        "caption",
        "thead",
        "tbody",
        "tr",
        "th",
        "td",
        "div",
        "figure",
        "figcaption",
        "svg",
        "g",
        "rect",
        "line",
        "polyline",
        "polygon",
        "path",
        "circle",
        "text",
        "tspan",
        "a",
        "strong",
        "em",
        "code",
        "span",
        "!doctype",
        "?xml",
        "defs",
        "desc",
        "br",
    ];
    let mut found = Vec::new();
    for tag in tags(html) {
        let closing = tag.starts_with("</");
        let name: String = tag[1..]
            .trim_start_matches('/')
            .chars()
            .take_while(|c| !c.is_whitespace() && *c != '>' && *c != '/')
            .collect::<String>()
            .to_ascii_lowercase();
        if !allowed.contains(&name.as_str()) {
            found.push(format!("tag {tag}"));
        }
        let attrs = attributes(tag);
        for (a, v) in &attrs {
            if a.starts_with("on")
                || matches!(
                    a.as_str(),
                    "src" | "srcset" | "xlink:href" | "formaction" | "action"
                )
            {
                found.push(format!("attribute {a} in {tag}"));
            }
            if a == "href" && !(v.starts_with('#') || v == "https://www.ifla.org") {
                found.push(format!("href {v}"));
            }
        }
        if name == "a" && !closing && !attrs.iter().any(|(a, _)| a == "href") {
            found.push(format!("an <a> without an href: {tag}"));
        }
    }
    found
}

fn check_outputs(out: &Path) {
    let md = std::fs::read_to_string(out.join("report.md")).unwrap();
    assert_eq!(
        active_markdown(&md),
        Vec::<String>::new(),
        "report.md:\n{md}"
    );
    let html = std::fs::read_to_string(out.join("report.html")).unwrap();
    assert_eq!(active_html(&html), Vec::<String>::new(), "report.html");
    for e in std::fs::read_dir(out.join("charts")).unwrap() {
        let p = e.unwrap().path();
        if p.extension().is_some_and(|x| x == "svg") {
            let svg = std::fs::read_to_string(&p).unwrap();
            assert_eq!(active_html(&svg), Vec::<String>::new(), "{}", p.display());
        }
    }
}

fn shelfstat(args: &[&std::ffi::OsStr]) -> std::process::Output {
    std::process::Command::new(assert_cmd::cargo::cargo_bin("shelfstat"))
        .args(args)
        .output()
        .unwrap()
}

/// Runs the folder's survey.toml into its `out` and checks every output (see
/// [`check_outputs`]).
fn run_and_check(dir: &Path) -> std::path::PathBuf {
    let out = dir.join("out");
    let r = shelfstat(&[
        "run".as_ref(),
        dir.join("survey.toml").as_os_str(),
        "--out".as_ref(),
        out.as_os_str(),
    ]);
    assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
    check_outputs(&out);
    out
}

#[test]
fn data_text_stays_text_in_every_format() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("responses.csv"), export()).unwrap();
    std::fs::write(tmp.path().join("survey.toml"), codebook()).unwrap();
    let out = run_and_check(tmp.path());
    let html = std::fs::read_to_string(out.join("report.html")).unwrap();
    let md = std::fs::read_to_string(out.join("report.md")).unwrap();
    // The strings are there, as text.
    assert!(
        html.contains("&lt;img src=http://x/p.png&gt;"),
        "heading/label text lost"
    );
    assert!(
        html.contains("[click](javascript:alert(3))"),
        "label text lost"
    );
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(
        html.contains("&amp;#60;b&amp;#62;"),
        "an entity in an answer is decoded"
    );
    // The codebook's prose keeps its Markdown: the bold and the safe link.
    assert!(html.contains("<strong>Bold</strong>"));
    assert!(html.contains("<a href=\"https://www.ifla.org\">a safe link</a>"));
    assert!(md.contains("[a safe link](https://www.ifla.org)"));
    // The bad links and the image became their text.
    assert!(
        html.contains(" and bad and data."),
        "unsafe links not reduced to text"
    );
    // The CSV tables keep the labels exactly (they are data, not markup).
    let csv = std::fs::read_to_string(out.join("tables/type.csv")).unwrap();
    assert!(csv.contains(IMG), "{csv}");
}

#[test]
fn what_init_drafts_from_hostile_data_stays_text() {
    let tmp = tempfile::tempdir().unwrap();
    let export_path = tmp.path().join("responses.csv");
    std::fs::write(&export_path, export()).unwrap();
    let draft = shelfstat(&[
        "init".as_ref(),
        export_path.as_os_str(),
        "--format".as_ref(),
        "plain".as_ref(),
    ]);
    assert!(
        draft.status.success(),
        "{}",
        String::from_utf8_lossy(&draft.stderr)
    );
    std::fs::write(tmp.path().join("survey.toml"), &draft.stdout).unwrap();
    run_and_check(tmp.path());
}
