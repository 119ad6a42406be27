//! Question texts asked more than once (the same heading over separate blocks): each is drafted
//! as a question of its own, and `init` warns with the questions it made, so the user can check
//! which is which.

use std::collections::BTreeMap;

/// How many of the questions drafted from one repeated text a warning names.
const SHOWN: usize = 10;

/// Question texts (normalised, shortened) → the questions drafted for them.
#[derive(Default)]
pub struct SharedTexts(BTreeMap<String, Vec<String>>);

impl SharedTexts {
    /// Records that question `id`, starting at column `letter`, was drafted from `text`.
    pub fn add(&mut self, text: String, id: &str, letter: &str) {
        self.0
            .entry(text)
            .or_default()
            .push(format!("{id} (column {letter})"));
    }

    /// A warning for each text asked more than once, naming at most ten of its questions.
    pub fn warnings(&self) -> Vec<String> {
        self.0
            .iter()
            .filter(|(_, ids)| ids.len() > 1)
            .map(|(text, ids)| {
                let shown = ids.len().min(SHOWN);
                let more = match ids.len() - shown {
                    0 => String::new(),
                    rest => format!(" and {rest} more (listed in the draft's comments)"),
                };
                format!(
                    "the text {text:?} is asked {} times: drafted as separate questions {}{more}; check which is which",
                    ids.len(),
                    ids[..shown].join(", ")
                )
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_ten_and_counts_the_rest() {
        let mut s = SharedTexts::default();
        s.add("once".into(), "q_once", "A");
        for k in 0..12 {
            s.add("twelve".into(), &format!("q_{k}"), "B");
        }
        let w = s.warnings();
        assert_eq!(w.len(), 1, "a text asked once gives no warning");
        assert!(w[0].starts_with("the text \"twelve\" is asked 12 times: drafted as separate questions q_0 (column B), q_1 (column B),"));
        assert!(w[0].contains("q_9 (column B) and 2 more (listed in the draft's comments); check"));
        assert!(!w[0].contains("q_10"));
    }
}
