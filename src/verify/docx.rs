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

/// The most text a draft's `word/document.xml` may unpack to: a long report is a few MB; a
/// compressed archive that unpacks to more (a zip bomb) is refused, not read into memory.
const MAX_XML: u64 = 64 << 20;

/// The text of the document's paragraphs, one per line.
pub fn text(bytes: &[u8], path: &Path) -> Result<String> {
    text_within(bytes, path, MAX_XML)
}

/// How many entries of the zip's central directory are named `name` (a crafted archive may
/// hold two `word/document.xml`; a zip reader shows one of them, a word processor maybe the other).
fn entries_named(bytes: &[u8], name: &[u8]) -> usize {
    let mut n = 0;
    let mut at = 0;
    while let Some(k) = memchr::memmem::find(&bytes[at..], b"PK\x01\x02") {
        let h = at + k;
        let len = bytes
            .get(h + 28..h + 30)
            .map_or(0, |b| u16::from_le_bytes([b[0], b[1]]) as usize);
        if bytes.get(h + 46..h + 46 + len) == Some(name) {
            n += 1;
        }
        at = h + 4;
    }
    n
}

fn text_within(bytes: &[u8], path: &Path, max: u64) -> Result<String> {
    let bad = |why: String| Error::input(path, format!("not a readable Word document: {why}"));
    if entries_named(bytes, b"word/document.xml") > 1 {
        return Err(bad(
            "it holds word/document.xml more than once, so which text a reader shows is not certain"
                .into(),
        ));
    }
    let mut zip =
        zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|e| bad(e.to_string()))?;
    let entry = zip
        .by_name("word/document.xml")
        .map_err(|e| bad(format!("word/document.xml: {e}")))?;
    let mut xml = String::new();
    entry
        .take(max + 1)
        .read_to_string(&mut xml)
        .map_err(|e| bad(e.to_string()))?;
    if xml.len() as u64 > max {
        return Err(Error::input(
            path,
            format!(
                "word/document.xml unpacks to more than {} MB: not read (a draft is far smaller)",
                max >> 20
            ),
        ));
    }
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
    use std::io::Write;

    fn docx(xml: &[u8]) -> Vec<u8> {
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        zip.start_file("word/document.xml", opts).unwrap();
        zip.write_all(xml).unwrap();
        zip.finish().unwrap().into_inner()
    }

    #[test]
    fn a_document_holding_its_text_twice_is_refused() {
        let one = docx(b"<w:p><w:r><w:t>93.2%</w:t></w:r></w:p>");
        assert_eq!(super::entries_named(&one, b"word/document.xml"), 1);
        assert!(super::text(&one, std::path::Path::new("d.docx")).is_ok());
        let dup = docx_twice();
        assert_eq!(super::entries_named(&dup, b"word/document.xml"), 2);
        let e = super::text(&dup, std::path::Path::new("d.docx"))
            .unwrap_err()
            .to_string();
        assert!(e.contains("holds word/document.xml more than once"), "{e}");
    }

    /// An archive with two entries named word/document.xml (written under two names of one
    /// length, the second renamed in its local and central headers).
    fn docx_twice() -> Vec<u8> {
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let opts = zip::write::SimpleFileOptions::default();
        zip.start_file("word/document.xml", opts).unwrap();
        zip.write_all(b"<w:p><w:r><w:t>93.2%</w:t></w:r></w:p>")
            .unwrap();
        zip.start_file("word/documenX.xml", opts).unwrap();
        zip.write_all(b"<w:p><w:r><w:t>12.0%</w:t></w:r></w:p>")
            .unwrap();
        let mut bytes = zip.finish().unwrap().into_inner();
        let (from, to) = (b"word/documenX.xml", b"word/document.xml");
        let mut at = 0;
        while let Some(k) = memchr::memmem::find(&bytes[at..], from) {
            bytes[at + k..at + k + from.len()].copy_from_slice(to);
            at += k + 1;
        }
        bytes
    }

    #[test]
    fn a_document_that_unpacks_past_the_limit_is_refused() {
        let path = std::path::Path::new("bomb.docx");
        // 3 MB of one repeated paragraph compress to a few KB.
        let xml = "<w:p><w:r><w:t>93.2%</w:t></w:r></w:p>".repeat(80_000);
        let bytes = docx(xml.as_bytes());
        assert!(bytes.len() < 100_000, "{}", bytes.len());
        let err = super::text_within(&bytes, path, 1 << 20)
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("bomb.docx") && err.contains("unpacks to more than 1 MB"),
            "{err}"
        );
        // Under the limit it is read: one line per paragraph.
        let text = super::text_within(&bytes, path, 4 << 20).unwrap();
        assert_eq!(text.lines().count(), 80_000);
        assert_eq!(text.lines().next(), Some("93.2%"));
    }

    #[test]
    fn paragraphs_runs_and_entities() {
        let xml = r#"<w:document><w:body><w:p><w:r><w:t>93.2% of the 237 </w:t></w:r><w:r><w:t xml:space="preserve">libraries &amp; more</w:t></w:r></w:p><w:p><w:r><w:t>Over half</w:t><w:tab/><w:t>cooperate.</w:t></w:r><w:r><w:delText>gone</w:delText></w:r></w:p></w:body></w:document>"#;
        assert_eq!(
            super::paragraphs(xml),
            "93.2% of the 237 libraries & more\nOver half cooperate.\n"
        );
    }
}
