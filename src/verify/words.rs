//! The words that name a figure in a draft: lowercase words of four letters or more, without
//! the words every sentence of such a report uses.

const STOP: &[&str] = &[
    "the",
    "and",
    "that",
    "with",
    "their",
    "they",
    "this",
    "these",
    "those",
    "from",
    "have",
    "which",
    "other",
    "libraries",
    "library",
    "answered",
    "offer",
    "offers",
    "what",
    "your",
    "does",
    "about",
    "into",
    "for",
    "our",
    "all",
    "any",
    "apply",
    "check",
    "including",
];

/// The words of `s` that can tell one figure from another (lowercase, four letters or more).
pub(crate) fn words(s: &str) -> Vec<String> {
    // "Wi-Fi" and "e-books" are one word each.
    s.to_lowercase()
        .replace('-', "")
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.len() >= 4 && !STOP.contains(w))
        .map(|w| w.trim_end_matches('s').to_string())
        .collect()
}

/// A text's words and all its tokens ("no", "other"): an option or group whose whole label is one
/// such word is named by it.
pub(crate) fn tokens(s: &str) -> Vec<String> {
    let mut w = words(s);
    w.extend(
        s.to_lowercase()
            .replace('-', "")
            .split(|c: char| !c.is_alphanumeric())
            .filter(|t| t.len() >= 2)
            .map(|t| t.trim_end_matches('s').to_string()),
    );
    w
}

/// An option's own words: its label's, or the label itself when it is one short word ("No").
pub(crate) fn label_words(label: &str) -> Vec<String> {
    let w = words(label);
    let t = label.trim().to_lowercase();
    match (
        w.is_empty(),
        (2..4).contains(&t.len()) && t.chars().all(char::is_alphanumeric),
    ) {
        (true, true) => vec![t],
        _ => w,
    }
}
