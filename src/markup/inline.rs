//! Text into a report's Markdown: what comes from the data (labels, headings, answers, the
//! codebook texts `init` drafts from them) is escaped so that it stays text in every reader of
//! the Markdown and the HTML made from it; the codebook's own prose (descriptions, notes,
//! intros, headline sentences) may carry Markdown, but no raw HTML, no link to a script or data
//! URL, and no image (a report makes no request to any host).

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

/// Text from the data as Markdown inline text: every character that could start Markdown or
/// HTML syntax is backslash-escaped (links, images, emphasis, code, raw HTML, entities, table
/// pipes), a leading block marker too, and line breaks become spaces.
pub fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    let flat = s.replace(['\r', '\n'], " ");
    let trimmed = flat.trim_start();
    let marker = block_marker(trimmed);
    let bytes = trimmed.as_bytes();
    let mut prev = ' ';
    let mut chars = trimmed.char_indices().peekable();
    while let Some((k, c)) = chars.next() {
        let next = chars.peek().map_or(' ', |&(_, n)| n);
        if marker == Some(k) {
            out.push('\\');
        }
        match c {
            // An underscore inside a word (`snake_case`) can neither open nor close emphasis.
            '_' if prev.is_alphanumeric() && next.is_alphanumeric() => out.push(c),
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' => {
                out.push('\\');
                out.push(c);
            }
            '&' if entity_follows(&bytes[k + 1..]) => out.push_str("\\&"),
            _ => out.push(c),
        }
        prev = c;
    }
    out
}

/// A file name or other literal from outside as a code span, or as escaped text when it holds
/// what would end the span (a backtick), split a table (a pipe) or a line.
pub fn code(s: &str) -> String {
    match s.contains(['`', '|', '\n', '\r']) {
        true => text(s),
        false => format!("`{s}`"),
    }
}

/// Where text at the start of a line would open a block (a heading, list, quote, rule, setext
/// underline, or an ordered list's `1.`): the byte to escape.
fn block_marker(s: &str) -> Option<usize> {
    if s.starts_with(['#', '+', '-', '=', '>']) {
        return Some(0);
    }
    let digits = s.bytes().take_while(u8::is_ascii_digit).count();
    (digits > 0 && matches!(s.as_bytes().get(digits), Some(b'.' | b')'))).then_some(digits)
}

/// Whether the bytes after an `&` read as an entity (`#…;` or `name;`).
fn entity_follows(rest: &[u8]) -> bool {
    if rest.first() == Some(&b'#') {
        return true;
    }
    let name = rest
        .iter()
        .take_while(|b| b.is_ascii_alphanumeric())
        .count();
    name > 0 && rest.get(name) == Some(&b';')
}

/// Whether a link destination is safe to follow: a place in the page, a relative path, or an
/// http(s) or mailto address (never `javascript:`, `data:`, `vbscript:` …).
pub fn safe_link(dest: &str) -> bool {
    let d: String = dest
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect::<String>()
        .to_ascii_lowercase();
    match d.find(':') {
        None => true,
        Some(colon) => {
            // A colon after a slash, '?' or '#' is part of a relative path, not a scheme.
            if d[..colon].contains(['/', '?', '#']) {
                return true;
            }
            matches!(&d[..colon], "http" | "https" | "mailto")
        }
    }
}

/// The codebook's own prose as Markdown with what it may not carry taken out: raw HTML becomes
/// text, a link to an unsafe destination becomes its text, an image becomes its description.
pub fn prose(md: &str) -> String {
    let mut edits: Vec<(std::ops::Range<usize>, String)> = Vec::new();
    let mut inside: Option<(std::ops::Range<usize>, String, bool)> = None;
    for (event, range) in Parser::new(md).into_offset_iter() {
        if let Some((outer, alt, _)) = inside.as_mut() {
            match event {
                Event::End(TagEnd::Image | TagEnd::Link) if range == *outer => {
                    let (outer, alt, _) = inside.take().expect("inside");
                    edits.push((outer, text(&alt)));
                }
                Event::Text(t) | Event::Code(t) => alt.push_str(&t),
                _ => {}
            }
            continue;
        }
        match event {
            Event::Start(Tag::Image { .. }) => inside = Some((range, String::new(), true)),
            Event::Start(Tag::Link { dest_url, .. }) if !safe_link(&dest_url) => {
                inside = Some((range, String::new(), false))
            }
            Event::Html(t) | Event::InlineHtml(t) => edits.push((range, text(&t))),
            _ => {}
        }
    }
    let mut out = String::with_capacity(md.len());
    let mut at = 0;
    for (range, replacement) in edits {
        if range.start < at {
            continue;
        }
        out.push_str(&md[at..range.start]);
        out.push_str(&replacement);
        at = range.end;
    }
    out.push_str(&md[at..]);
    out
}

/// The text of inline Markdown, its syntax and escapes gone (an accessible name; what a reader
/// reads back).
pub fn plain(md: &str) -> String {
    Parser::new(md)
        .filter_map(|e| match e {
            Event::Text(t) | Event::Code(t) => Some(t.to_string()),
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every link, image and raw HTML that pulldown-cmark finds in `md`.
    fn active(md: &str) -> Vec<String> {
        Parser::new(md)
            .filter_map(|e| match e {
                Event::Start(Tag::Link { dest_url, .. }) => Some(format!("link {dest_url}")),
                Event::Start(Tag::Image { dest_url, .. }) => Some(format!("image {dest_url}")),
                Event::Html(t) | Event::InlineHtml(t) => Some(format!("html {t}")),
                _ => None,
            })
            .collect()
    }

    const HOSTILE: &[&str] = &[
        "[click](javascript:alert(3))",
        "<img src=http://x/p.png>",
        "<script>alert(1)</script>",
        "![pixel](http://evil.example/pixel.png)",
        "<http://evil.example>",
        "[www.bank.example](http://evil.example)",
        "&lt;script&gt; &#60;b&#62;",
        "# not a heading",
        "1. not a list",
        "a | b | c",
        "*em* _em_ `code` ~~del~~ \\",
        "snake_case _x_ a_ _b",
        "[ref]: http://evil.example",
        "line\nbreak<b\n>",
    ];

    #[test]
    fn data_text_stays_text() {
        for h in HOSTILE {
            let md = text(h);
            assert_eq!(active(&md), Vec::<String>::new(), "{h} → {md}");
            assert_eq!(plain(&md), h.replace('\n', " "), "{h} → {md}");
        }
        assert_eq!(text("Arts & culture"), "Arts & culture");
        assert_eq!(text("Don't know (N/A)"), "Don't know (N/A)");
    }

    #[test]
    fn prose_keeps_markdown_but_not_scripts_images_or_html() {
        assert_eq!(
            prose("**bold** and [IFLA](https://www.ifla.org)"),
            "**bold** and [IFLA](https://www.ifla.org)"
        );
        assert_eq!(prose("see [method](#method)"), "see [method](#method)");
        let md = prose("a [click](javascript:alert(3)) b ![px](http://evil.example/p.png) <script>x</script> [d](DATA:text/html,hi)");
        assert_eq!(active(&md), Vec::<String>::new(), "{md}");
        assert_eq!(plain(&md), "a click b px <script>x</script> d");
    }

    #[test]
    fn unsafe_link_schemes() {
        for d in [
            "javascript:alert(1)",
            " JaVa\tScript:x",
            "data:text/html,x",
            "vbscript:x",
            "file:///etc/passwd",
        ] {
            assert!(!safe_link(d), "{d}");
        }
        for d in [
            "#method",
            "tables/a.csv",
            "https://www.ifla.org",
            "mailto:a@b.org",
            "a/b:c",
        ] {
            assert!(safe_link(d), "{d}");
        }
    }
}
