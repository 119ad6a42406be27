//! A Word draft (.docx) as text: each paragraph of `word/document.xml` one line, its runs'
//! text (`<w:t>`) joined, tabs and breaks as spaces, XML entities decoded. Nothing else of the
//! document (styles, comments, tracked deletions) is read.

use crate::error::{Error, Result};
use std::io::Read;
use std::path::Path;

/// Whether `bytes` are a zip archive (a .docx is one).
pub fn is_docx(bytes: &[u8], path: &Path) -> bool {
    bytes.starts_with(b"PK\x03\x04")
        && path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("docx"))
}

/// The text of the document's paragraphs, one per line.
pub fn text(bytes: &[u8], path: &Path) -> Result<String> {
    let bad = |why: String| Error::input(path, format!("not a readable Word document: {why}"));
    let mut zip =
        zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|e| bad(e.to_string()))?;
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .map_err(|e| bad(format!("word/document.xml: {e}")))?
        .read_to_string(&mut xml)
        .map_err(|e| bad(e.to_string()))?;
    Ok(paragraphs(&xml))
}

/// The text of `<w:p>` paragraphs; a deleted run (`<w:delText>`) is not text.
fn paragraphs(xml: &str) -> String {
    let mut out = String::new();
    let mut rest = xml;
    while let Some(open) = rest.find('<') {
        let Some(close) = rest[open..].find('>') else {
            break;
        };
        let tag = &rest[open + 1..open + close];
        let after = &rest[open + close + 1..];
        let name = tag.split([' ', '/']).next().unwrap_or("");
        match name {
            "w:t" if !tag.ends_with('/') => {
                let end = after.find("</w:t>").unwrap_or(after.len());
                out.push_str(&crate::ingest::decode::html_entities(&after[..end]));
                rest = &after[end..];
                continue;
            }
            "w:tab" | "w:br" => out.push(' '),
            "" if tag == "/w:p" => out.push('\n'),
            _ => {}
        }
        rest = after;
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn paragraphs_runs_and_entities() {
        let xml = r#"<w:document><w:body><w:p><w:r><w:t>93.2% of the 237 </w:t></w:r><w:r><w:t xml:space="preserve">libraries &amp; more</w:t></w:r></w:p><w:p><w:r><w:t>Over half</w:t><w:tab/><w:t>cooperate.</w:t></w:r><w:r><w:delText>gone</w:delText></w:r></w:p></w:body></w:document>"#;
        assert_eq!(
            super::paragraphs(xml),
            "93.2% of the 237 libraries & more\nOver half cooperate.\n"
        );
    }
}
