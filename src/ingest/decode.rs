//! Bytes → text: what survey exports re-saved on any laptop really contain.
//!
//! - UTF-8 with or without a BOM; UTF-16 LE/BE with a BOM (Excel "Unicode text"), or without
//!   one when every other byte of the start is NUL (with a warning);
//! - bytes that are not valid UTF-8 are read as windows-1252 (Excel's default on Western
//!   Windows), with a warning naming the first line that was not UTF-8 — unless the file also
//!   holds valid UTF-8 accented text: then it is a UTF-8 file with a damaged byte, and reading it
//!   as windows-1252 would garble every accent, so it is an error naming the line;
//! - the separator (`,` `;` tab or `|`) is the one that occurs most in the header line outside
//!   quotes.

use crate::error::{Error, Result};
use encoding_rs::{UTF_16BE, UTF_16LE, WINDOWS_1252};
use std::borrow::Cow;
use std::path::Path;

#[derive(Debug, Clone, PartialEq)]
pub struct Decoded<'a> {
    pub text: Cow<'a, str>,
    /// "UTF-8", "UTF-8 (BOM)", "UTF-16LE", "UTF-16BE", "windows-1252".
    pub encoding: &'static str,
    pub warning: Option<String>,
}

/// Decodes an export's bytes.
pub fn decode<'a>(bytes: &'a [u8], path: &Path) -> Result<Decoded<'a>> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        let text = std::str::from_utf8(rest).map_err(|e| not_utf8(rest, e.valid_up_to(), path))?;
        return Ok(Decoded {
            text: Cow::Borrowed(text),
            encoding: "UTF-8 (BOM)",
            warning: None,
        });
    }
    for (bom, enc, name) in [
        (&b"\xFF\xFE"[..], UTF_16LE, "UTF-16LE"),
        (&b"\xFE\xFF"[..], UTF_16BE, "UTF-16BE"),
    ] {
        if let Some(rest) = bytes.strip_prefix(bom) {
            let (text, had_errors) = enc.decode_without_bom_handling(rest);
            if had_errors {
                return Err(Error::input(
                    path,
                    format!(
                        "the file starts with a {name} byte-order mark but is not valid {name}"
                    ),
                ));
            }
            return Ok(Decoded {
                text: Cow::Owned(text.into_owned()),
                encoding: name,
                warning: None,
            });
        }
    }
    refuse_known_non_exports(bytes, path)?;
    if let Some(d) = utf16_without_bom(bytes, path)? {
        return Ok(d);
    }
    // (memchr: vectorised, where `contains` steps a word at a time over the whole first chunk.)
    if memchr::memchr(0, bytes).is_some() {
        return Err(Error::input(
            path,
            "this is not a text export (it contains NUL bytes, and is not UTF-16)",
        ));
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(Decoded {
            text: Cow::Borrowed(text),
            encoding: "UTF-8",
            warning: None,
        }),
        Err(e) => {
            let line = line_at(bytes, e.valid_up_to());
            // Valid UTF-8 accented text elsewhere: a UTF-8 file with a damaged byte.
            let utf8_accents = bytes.utf8_chunks().any(|c| !c.valid().is_ascii());
            if utf8_accents {
                let bad = bytes[e.valid_up_to()];
                return Err(Error::input(
                    path,
                    format!(
                        "line {line}: byte 0x{bad:02X} is not valid UTF-8, while the rest of the file is UTF-8 with accented text; the file is damaged there (re-export it, fix that line, or set [survey] invalid_utf8 = \"replace\")"
                    ),
                ));
            }
            let (text, _) = WINDOWS_1252.decode_without_bom_handling(bytes);
            let name = path.file_name().map_or_else(
                || path.display().to_string(),
                |f| f.to_string_lossy().into_owned(),
            );
            Ok(Decoded {
                text: Cow::Owned(text.into_owned()),
                encoding: "windows-1252",
                warning: Some(format!(
                    "{name}: not UTF-8 (first at line {line}); read as windows-1252 — check accented characters"
                )),
            })
        }
    }
}

/// A UTF-8 export with damaged bytes, repaired: each invalid sequence becomes U+FFFD, with a
/// warning naming the lines. None when the bytes are valid UTF-8 or not UTF-8 at all
/// (windows-1252 is still decoded as such).
pub fn replace_invalid_utf8(bytes: &[u8], path: &Path) -> (Option<Vec<u8>>, Option<String>) {
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let Err(_) = std::str::from_utf8(body) else {
        return (None, None);
    };
    let utf8_accents = body.utf8_chunks().any(|c| !c.valid().is_ascii());
    if !utf8_accents && !bytes.starts_with(b"\xEF\xBB\xBF") {
        return (None, None);
    }
    let mut lines = Vec::new();
    let mut at = 0;
    for chunk in body.utf8_chunks() {
        at += chunk.valid().len();
        if !chunk.invalid().is_empty() {
            lines.push(line_at(body, at));
        }
        at += chunk.invalid().len();
    }
    lines.dedup();
    let name = path.file_name().map_or_else(
        || path.display().to_string(),
        |f| f.to_string_lossy().into_owned(),
    );
    let shown: Vec<String> = lines.iter().take(10).map(|l| l.to_string()).collect();
    let note = format!(
        "{name}: {} damaged byte sequence{} replaced by U+FFFD (invalid_utf8 = \"replace\"), at line{} {}",
        lines.len(),
        if lines.len() == 1 { "" } else { "s" },
        if lines.len() == 1 { "" } else { "s" },
        shown.join(", ")
    );
    (
        Some(String::from_utf8_lossy(body).into_owned().into_bytes()),
        Some(note),
    )
}

/// Files people pick by mistake (SPSS, PDF, legacy Excel), refused and named for what they are.
fn refuse_known_non_exports(bytes: &[u8], path: &Path) -> Result<()> {
    for (magic, what) in [
        (&b"$FL2"[..], "an SPSS .sav file, read as a text export here: set format = \"spss\" in the codebook (or pass --format spss), or leave format out"),
        (&b"$FL3"[..], "an SPSS .zsav file, read as a text export here: set format = \"spss\" in the codebook (or pass --format spss), or leave format out"),
        (&b"%PDF"[..], "a PDF document, not a survey export"),
        (&b"\xD0\xCF\x11\xE0"[..], "a legacy Excel .xls (or other OLE) file: save it as .xlsx or CSV"),
    ] {
        if bytes.starts_with(magic) {
            return Err(Error::input(path, format!("this is {what}")));
        }
    }
    Ok(())
}

/// 1-based line of a byte offset.
fn line_at(bytes: &[u8], offset: usize) -> usize {
    bytes[..offset].iter().filter(|&&b| b == b'\n').count() + 1
}

/// UTF-16 without a byte-order mark: text whose every other byte is NUL at the start (ASCII
/// headings); decoded, with a warning.
fn utf16_without_bom<'a>(bytes: &[u8], path: &Path) -> Result<Option<Decoded<'a>>> {
    let head = &bytes[..bytes.len().min(256) & !1];
    if head.len() < 4 {
        return Ok(None);
    }
    let zeros = |start: usize| {
        head.iter()
            .skip(start)
            .step_by(2)
            .filter(|&&b| b == 0)
            .count()
    };
    let half = head.len() / 2;
    let (even, odd) = (zeros(0), zeros(1));
    let (enc, name) = if odd * 10 >= half * 9 && even == 0 {
        (UTF_16LE, "UTF-16LE")
    } else if even * 10 >= half * 9 && odd == 0 {
        (UTF_16BE, "UTF-16BE")
    } else {
        return Ok(None);
    };
    let (text, had_errors) = enc.decode_without_bom_handling(bytes);
    if had_errors {
        return Err(Error::input(path, format!("the file looks like {name} without a byte-order mark, but is not valid {name}: re-export it as UTF-8 CSV")));
    }
    let file = path.file_name().map_or_else(
        || path.display().to_string(),
        |f| f.to_string_lossy().into_owned(),
    );
    Ok(Some(Decoded {
        text: Cow::Owned(text.into_owned()),
        encoding: name,
        warning: Some(format!("{file}: read as {name} without a byte-order mark")),
    }))
}

fn not_utf8(bytes: &[u8], valid_up_to: usize, path: &Path) -> Error {
    let line = line_at(bytes, valid_up_to);
    Error::input(
        path,
        format!("line {line}: the file has a UTF-8 byte-order mark but is not valid UTF-8"),
    )
}

/// The separator of a delimited export, from its first line (quotes respected): the one it
/// holds most of among those the next line holds too — a heading may contain "|" ("Velocità |
/// Qualità | Costo") where the rows are joined by ","; when no separator is in both lines, the
/// first line's.
pub fn detect_separator(text: &str) -> u8 {
    const SEPS: [u8; 4] = [b',', b';', b'\t', b'|'];
    let mut counts = [[0usize; 4]; 2];
    let mut in_quotes = false;
    let mut line = 0;
    for c in text.chars() {
        match c {
            '"' => in_quotes = !in_quotes,
            '\n' if !in_quotes => {
                line += 1;
                if line == 2 {
                    break;
                }
            }
            c if !in_quotes => {
                if let Some(k) = SEPS.iter().position(|&b| b as char == c) {
                    counts[line][k] += 1;
                }
            }
            _ => {}
        }
    }
    let (head, next) = (counts[0], counts[1]);
    let by = |ok: &dyn Fn(usize) -> bool| {
        (0..4)
            .filter(|&i| ok(i) && head[i] > 0)
            .max_by_key(|&i| (head[i], 3 - i))
    };
    match by(&|i| next[i] > 0).or_else(|| by(&|_| true)) {
        Some(i) => SEPS[i],
        None => b',',
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p() -> &'static Path {
        Path::new("x.csv")
    }

    #[test]
    fn boms_and_encodings() {
        let d = decode(b"\xEF\xBB\xBFa,b\n", p()).unwrap();
        assert_eq!((d.text.as_ref(), d.encoding), ("a,b\n", "UTF-8 (BOM)"));
        let d = decode(b"\xFF\xFEa\0,\0\xE9\0\n\0", p()).unwrap();
        assert_eq!((d.text.as_ref(), d.encoding), ("a,é\n", "UTF-16LE"));
        let d = decode(b"\xFE\xFF\0a\0,\0\xE9\0\n", p()).unwrap();
        assert_eq!((d.text.as_ref(), d.encoding), ("a,é\n", "UTF-16BE"));
        let d = decode("a,é\n".as_bytes(), p()).unwrap();
        assert_eq!(
            (d.text.as_ref(), d.encoding, d.warning),
            ("a,é\n", "UTF-8", None)
        );
    }

    #[test]
    fn windows_1252_fallback_names_the_line() {
        let d = decode(b"country\nGermany\nEspa\xf1a\nC\xf4te d'Ivoire\n", p()).unwrap();
        assert_eq!(d.text, "country\nGermany\nEspaña\nCôte d'Ivoire\n");
        assert_eq!(d.encoding, "windows-1252");
        assert_eq!(
            d.warning.as_deref(),
            Some("x.csv: not UTF-8 (first at line 3); read as windows-1252 — check accented characters")
        );
        let e = decode(b"GIF8\0\x01\xff", p()).unwrap_err();
        assert_eq!(
            e.to_string(),
            "x.csv: this is not a text export (it contains NUL bytes, and is not UTF-16)"
        );
    }

    #[test]
    fn a_damaged_byte_in_a_utf8_file_is_an_error_with_its_line() {
        // "é" as UTF-8 on line 2, a lone 0xE9 on line 3: not windows-1252, a damaged UTF-8 file.
        let mut bytes = "country\nCôte d'Ivoire\nEspa".as_bytes().to_vec();
        bytes.extend(b"\xE9a\n");
        let e = decode(&bytes, p()).unwrap_err();
        assert_eq!(
            e.to_string(),
            "x.csv: line 3: byte 0xE9 is not valid UTF-8, while the rest of the file is UTF-8 with accented text; the file is damaged there (re-export it, fix that line, or set [survey] invalid_utf8 = \"replace\")"
        );
    }

    #[test]
    fn utf16_without_a_bom_is_read_with_a_warning() {
        let le: Vec<u8> = "id,Country\n1,Perú\n"
            .encode_utf16()
            .flat_map(|u| u.to_le_bytes())
            .collect();
        let d = decode(&le, p()).unwrap();
        assert_eq!(
            (d.text.as_ref(), d.encoding),
            ("id,Country\n1,Perú\n", "UTF-16LE")
        );
        assert_eq!(
            d.warning.as_deref(),
            Some("x.csv: read as UTF-16LE without a byte-order mark")
        );
        let be: Vec<u8> = "id,Country\n1,Perú\n"
            .encode_utf16()
            .flat_map(|u| u.to_be_bytes())
            .collect();
        assert_eq!(decode(&be, p()).unwrap().encoding, "UTF-16BE");
    }

    #[test]
    fn separators() {
        assert_eq!(detect_separator("a,b,c\n1;2;3;4;5\n"), b',');
        assert_eq!(detect_separator("\"a;x\";\"b,y\";\"c\"\n"), b';');
        assert_eq!(detect_separator("a\tb\tc"), b'\t');
        assert_eq!(detect_separator("\"q, with comma\"\tb\n"), b'\t');
        assert_eq!(detect_separator("single"), b',');
        assert_eq!(detect_separator("id|Country|Type\n1|Peru|a\n"), b'|');
        // Headings that hold "|" over rows joined by "," (a Google Forms conjoint export).
        assert_eq!(
            detect_separator("When,A | B | C | D (1),A | B | C | D (2)\n24/11/2025,x,y\n"),
            b','
        );
    }
}

/// HTML character references decoded in one pass (`&gt;80%` → `>80%`; `&amp;gt;` → `&gt;`):
/// the named ones platforms write, and numeric `&#NN;` / `&#xHH;`. Anything else is kept.
pub fn html_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        // Bytes, not a str slice: byte 12 may fall inside a character (found by fuzzing).
        let end = rest.as_bytes()[..rest.len().min(12)]
            .iter()
            .position(|&b| b == b';');
        let decoded = end.and_then(|e| {
            let name = &rest[1..e];
            let c = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "nbsp" => Some(' '),
                _ => name
                    .strip_prefix("#x")
                    .or_else(|| name.strip_prefix("#X"))
                    .and_then(|h| u32::from_str_radix(h, 16).ok())
                    .or_else(|| name.strip_prefix('#').and_then(|d| d.parse().ok()))
                    .and_then(char::from_u32),
            };
            c.map(|c| (c, e + 1))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod entity_tests {
    use super::html_entities;

    #[test]
    fn entities_decode_once() {
        assert_eq!(
            html_entities("Chocolate with &gt;80% cocoa"),
            "Chocolate with >80% cocoa"
        );
        assert_eq!(
            html_entities("&amp;gt; &#39;a&#x27; &nbsp;b"),
            "&gt; 'a' \u{a0}b".replace('\u{a0}', " ")
        );
        assert_eq!(
            html_entities("R&D & more &unknown; &"),
            "R&D & more &unknown; &"
        );
    }
}
