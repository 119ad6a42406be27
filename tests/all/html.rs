//! The HTML report: one self-contained page (no script, no request to any host, charts inline),
//! accessible tables, the same figures as the Markdown report, identical bytes on a rerun, user
//! text escaped; and, in a real browser, no request, no console error, every headline rendered.

use crate::common::*;
use std::path::Path;
use std::process::Command;

fn run_into(codebook: &Path, out: &Path) -> String {
    shelfstat::cmd::run::run(&shelfstat::cmd::run::RunOptions {
        codebook: Some(codebook.to_path_buf()),
        out: Some(out.to_path_buf()),
        format: None,
        ..Default::default()
    })
    .unwrap();
    std::fs::read_to_string(out.join("report.html")).unwrap()
}

#[test]
fn the_html_report_is_self_contained_and_accessible() {
    let tmp = tempfile::tempdir().unwrap();
    let html = run_into(&sample_codebook(), tmp.path());
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"));
    for banned in ["<script", "<link", "src=", "@import", "url("] {
        assert!(!html.contains(banned), "{banned} in report.html");
    }
    // The only address is the SVG namespace, which is a name, not a request.
    let addresses = html.matches("http").count();
    let namespaces = html.matches("xmlns=\"http://www.w3.org/2000/svg\"").count();
    assert_eq!(addresses, namespaces);
    // Every chart of the Markdown report is inline, with its text alternative.
    let md = std::fs::read_to_string(tmp.path().join("report.md")).unwrap();
    let figures = md.matches("![").count();
    assert_eq!(html.matches("<figure>").count(), figures);
    assert_eq!(html.matches("<svg ").count(), figures);
    assert_eq!(html.matches("role=\"img\" aria-label=").count(), figures);
    // Tables: a caption each, header scopes.
    let tables = html.matches("<table>").count();
    assert!(tables >= 15, "{tables} tables");
    assert_eq!(html.matches("<caption>").count(), tables);
    assert_eq!(
        html.matches("<th ").count(),
        html.matches("<th scope=").count()
    );
    // The table of contents points at headings that exist.
    let toc = html
        .split("<nav class=\"toc\"")
        .nth(1)
        .unwrap()
        .split("</nav>")
        .next()
        .unwrap();
    let links: Vec<&str> = toc
        .split("href=\"#")
        .skip(1)
        .map(|s| s.split('"').next().unwrap())
        .collect();
    assert_eq!(links.len(), 9, "{toc}");
    for l in links {
        assert!(html.contains(&format!("id=\"{l}\"")), "#{l}");
    }
    // The headline figures, with their bases and intervals, as in the Markdown report.
    assert!(html.contains(
        "<li>93.2% of the 237 libraries that answered offer Internet access (95% CI 89.3–95.8%).</li>"
    ));
    assert!(html.contains(
        "<tr><th scope=\"row\">Internet access</th><td class=\"num\">221</td><td class=\"num\">237</td><td class=\"num\">93.2</td><td class=\"num\">89.3–95.8</td></tr>"
    ));
    // Emphasis and code in the Markdown text become HTML, not literal asterisks.
    assert!(html.contains("<strong>Percentages</strong> are shares of libraries"));
    assert!(!html.contains("**"));
    // The same inputs give the same bytes.
    let again = tempfile::tempdir().unwrap();
    assert!(
        run_into(&sample_codebook(), again.path()) == html,
        "report.html differs on a rerun"
    );
}

#[test]
fn user_text_cannot_inject_markup() {
    let tmp = copy_dir(&root().join("tests/fixtures/surveymonkey/grid"));
    let cb = tmp.path().join("survey.toml");
    let text = std::fs::read_to_string(&cb).unwrap().replace(
        "unit = \"libraries\"",
        "unit = \"libraries\"\ndescription = \"**bold** and <script>alert(1)</script> <img src=x onerror=alert(2)>\"",
    );
    std::fs::write(&cb, text).unwrap();
    let html = run_into(&cb, &tmp.path().join("out"));
    assert!(
        !html.contains("<script") && !html.contains("<img"),
        "raw HTML passed through"
    );
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(html.contains("<strong>bold</strong>"));
    // The grid's diverging chart is inline too.
    assert_eq!(html.matches("<svg ").count(), 1);
}

/// Headless Chromium with every request refused: run by CI (SHELFSTAT_REQUIRE_BROWSER=1);
/// elsewhere it skips with a note when Chromium or Playwright is missing.
#[test]
fn a_real_browser_renders_it_offline() {
    let required = std::env::var("SHELFSTAT_REQUIRE_BROWSER").is_ok_and(|v| v == "1");
    let python = std::env::var("SHELFSTAT_PYTHON").unwrap_or_else(|_| "python3".into());
    let ready = Path::new("/usr/bin/chromium").exists()
        && Command::new(&python)
            .args(["-c", "import playwright.sync_api"])
            .output()
            .is_ok_and(|o| o.status.success());
    if !ready {
        assert!(
            !required,
            "Chromium and Playwright are required (SHELFSTAT_REQUIRE_BROWSER=1)"
        );
        eprintln!("note: skipping the browser check: /usr/bin/chromium or Playwright not found");
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    run_into(&sample_codebook(), tmp.path());
    let shot = root().join("target/report-screenshot.png");
    let out = Command::new(&python)
        .arg(root().join("tests/browser/check.py"))
        .arg(tmp.path().join("report.html"))
        .arg(tmp.path().join("headline.json"))
        .arg(&shot)
        .output()
        .unwrap();
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    println!("{said}");
    assert!(out.status.success(), "{said}");
    assert!(said.contains("13 headlines checked, 0 problems"), "{said}");
    assert!(std::fs::metadata(&shot).unwrap().len() > 10_000);
}

#[test]
fn the_comparison_has_its_html_page_too() {
    let c =
        shelfstat::cmd::compare::comparison(&root().join("data/ifla-refugee-series.toml")).unwrap();
    let files = shelfstat::cmd::compare::render_outputs(&c).unwrap();
    let html = files
        .iter()
        .find(|f| f.path.as_os_str() == "compare.html")
        .unwrap();
    let html = String::from_utf8(html.bytes.clone()).unwrap();
    let trends = files
        .iter()
        .filter(|f| f.path.to_string_lossy().ends_with(".svg"))
        .count();
    assert_eq!(html.matches("<svg ").count(), trends);
    assert!(!html.contains("<script") && !html.contains("src="));
    assert!(
        html.contains("<li>Internet access: 93.2% of 237 libraries (2019) → 96.0% of 301 (2022)")
    );
    assert_eq!(
        html.matches("<table>").count(),
        html.matches("<caption>").count()
    );
}
