//! Identifiers for drafted questions and options: a few words of the text, lowercase ASCII,
//! never one of shelfstat's reserved names, unique within their scope.

use std::collections::BTreeSet;

const STOP_WORDS: &[&str] = &[
    "the", "a", "an", "of", "to", "your", "you", "do", "does", "is", "are", "which", "what",
    "please",
];

/// An id from `s`: its first three words that are not stop words (all its words when only stop
/// words are left: an option labelled "a" is `a`), else `fallback` + the rest.
pub fn ident(s: &str, taken: &mut BTreeSet<String>, fallback: &str) -> String {
    let lower = deunicode::deunicode(s).to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let content: Vec<&str> = words
        .iter()
        .copied()
        .filter(|w| !STOP_WORDS.contains(w))
        .collect();
    let chosen = if content.is_empty() { &words } else { &content };
    let base = chosen.iter().take(3).copied().collect::<Vec<_>>().join("_");
    let mut base = if base.is_empty() || base.starts_with(|c: char| c.is_ascii_digit()) {
        format!("{fallback}{base}")
    } else {
        base
    };
    base.truncate(40);
    let base = base.trim_end_matches('_').to_string();
    let mut id = base.clone();
    let mut n = 2;
    while !taken.insert(id.clone()) {
        id = format!("{base}_{n}");
        n += 1;
    }
    id
}

/// The codes already taken in a new option scope: shelfstat's reserved flag names.
pub fn option_scope() -> BTreeSet<String> {
    crate::names::FLAGS.iter().map(|f| f.to_string()).collect()
}

/// An option code from the platform's code when that is a name (XLSForm), else the label.
pub fn option_code(code: &str, label: &str, taken: &mut BTreeSet<String>, k: usize) -> String {
    let name_like = code.starts_with(|c: char| c.is_ascii_alphabetic())
        && code.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    if name_like {
        ident(&code.replace('_', " "), taken, &format!("o{}_", k + 1))
    } else {
        ident(label, taken, &format!("o{}_", k + 1))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_labels_keep_their_words() {
        let mut t = option_scope();
        assert_eq!(ident("a", &mut t, "o1_"), "a");
        assert_eq!(ident("b", &mut t, "o2_"), "b");
        assert_eq!(ident("The library", &mut t, "o3_"), "library");
        assert_eq!(ident("Answered", &mut t, "o4_"), "answered_2");
        assert_eq!(ident("2019", &mut t, "o5_"), "o5_2019");
        assert_eq!(ident("", &mut t, "o6_"), "o6");
    }
}
