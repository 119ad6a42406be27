//! Identifiers for drafted questions and options: a few words of the text, lowercase ASCII,
//! never one of shelfstat's reserved names, unique within their scope.

use std::collections::{BTreeMap, BTreeSet};

/// The ids taken in one scope, and per base the next suffix to try: a base asked for k times
/// costs O(k) in all, not O(k²) (an export with 20,000 columns under one heading).
#[derive(Default)]
pub struct Scope {
    taken: BTreeSet<String>,
    next: BTreeMap<String, usize>,
}

impl Scope {
    /// Marks `id` as taken; false when it already was.
    pub fn insert(&mut self, id: String) -> bool {
        self.taken.insert(id)
    }
}

impl Extend<String> for Scope {
    fn extend<I: IntoIterator<Item = String>>(&mut self, ids: I) {
        self.taken.extend(ids);
    }
}

impl FromIterator<String> for Scope {
    fn from_iter<I: IntoIterator<Item = String>>(ids: I) -> Scope {
        Scope {
            taken: ids.into_iter().collect(),
            next: BTreeMap::new(),
        }
    }
}

const STOP_WORDS: &[&str] = &[
    "the", "a", "an", "of", "to", "your", "you", "do", "does", "is", "are", "which", "what",
    "please",
];

/// An id from `s`: its first three words that are not stop words (all its words when only stop
/// words are left: an option labelled "a" is `a`), else `fallback` + the rest.
pub fn ident(s: &str, taken: &mut Scope, fallback: &str) -> String {
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
    if taken.insert(base.clone()) {
        return base;
    }
    // Every suffix below `next` was found taken before, and ids are never given back.
    let mut n = taken.next.get(&base).copied().unwrap_or(2);
    let mut id = format!("{base}_{n}");
    while !taken.insert(id.clone()) {
        n += 1;
        id = format!("{base}_{n}");
    }
    taken.next.insert(base, n + 1);
    id
}

/// The codes already taken in a new option scope: shelfstat's reserved flag names.
pub fn option_scope() -> Scope {
    crate::names::FLAGS.iter().map(|f| f.to_string()).collect()
}

/// An option code from the platform's code when that is a name (XLSForm), else the label.
pub fn option_code(code: &str, label: &str, taken: &mut Scope, k: usize) -> String {
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

    #[test]
    fn repeated_words_take_the_next_free_suffix() {
        let mut t = Scope::default();
        assert!(t.insert("services_3".to_string()));
        let ids: Vec<String> = (0..5).map(|_| ident("Services", &mut t, "q_")).collect();
        assert_eq!(
            ids,
            [
                "services",
                "services_2",
                "services_4",
                "services_5",
                "services_6"
            ]
        );
        assert!(!t.insert("services_5".to_string()));
        // The same base from other words shares the counter.
        assert_eq!(ident("the services", &mut t, "q_"), "services_7");
    }
}
