//! Matching texts of one wave to the texts of the previous one: exactly, then after
//! normalising (case, accents, punctuation, spacing), then by word overlap (Sørensen–Dice on
//! the sets of words) above a threshold. Each text is matched at most once, best pairs first.

use std::collections::BTreeSet;

/// Below this, two texts are not the same question or option.
pub const THRESHOLD: f64 = 0.6;
/// Below this (and above [`THRESHOLD`]), a match is reported as unsure in the draft.
pub const SURE: f64 = 0.85;

/// Lowercase ASCII words of a text.
pub fn normalise(s: &str) -> String {
    deunicode::deunicode(s)
        .to_lowercase()
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// 1 for the same text, 0.99 for the same words, else the Dice coefficient of the word sets,
/// raised to ½ + ½·Dice when all the words of one are in the other ("Books" in "Books and
/// e-books").
pub fn score(a: &str, b: &str) -> f64 {
    if a.trim() == b.trim() {
        return 1.0;
    }
    let (na, nb) = (normalise(a), normalise(b));
    if na == nb {
        return 0.99;
    }
    let wa: BTreeSet<&str> = na.split(' ').filter(|w| !w.is_empty()).collect();
    let wb: BTreeSet<&str> = nb.split(' ').filter(|w| !w.is_empty()).collect();
    if wa.is_empty() || wb.is_empty() {
        return 0.0;
    }
    let common = wa.intersection(&wb).count();
    let dice = 2.0 * common as f64 / (wa.len() + wb.len()) as f64;
    if common == wa.len().min(wb.len()) {
        0.5 + 0.5 * dice
    } else {
        dice
    }
}

/// A match: index in `new`, index in `old`, score.
pub type Pair = (usize, usize, f64);

/// Pairs each new text with at most one old text (scores from `score_of`, which may veto a
/// pair with 0), best scores first; ties go to the earlier texts.
pub fn pair(n_new: usize, n_old: usize, score_of: impl Fn(usize, usize) -> f64) -> Vec<Pair> {
    let mut all: Vec<Pair> = Vec::new();
    for i in 0..n_new {
        for j in 0..n_old {
            let s = score_of(i, j);
            if s >= THRESHOLD {
                all.push((i, j, s));
            }
        }
    }
    all.sort_by(|a, b| b.2.total_cmp(&a.2).then(a.0.cmp(&b.0)).then(a.1.cmp(&b.1)));
    let (mut used_new, mut used_old) = (vec![false; n_new], vec![false; n_old]);
    let mut out = Vec::new();
    for (i, j, s) in all {
        if !used_new[i] && !used_old[j] {
            used_new[i] = true;
            used_old[j] = true;
            out.push((i, j, s));
        }
    }
    out.sort_by_key(|p| p.0);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scores() {
        assert_eq!(score("Yes", "Yes"), 1.0);
        assert_eq!(score("Internet access", "internet  ACCESS!"), 0.99);
        // {language, practice, conversation, groups, cafes} vs the same + {tandem, partners}.
        let s = score(
            "Language practice (conversation groups, language cafés)",
            "Language practice (conversation groups, language cafés, tandem partners)",
        );
        assert!((s - (0.5 + 0.5 * 10.0 / 12.0)).abs() < 1e-12);
        // Not contained: plain Dice. {staff, capacity, language, skills, or, training} vs
        // {language, barriers, between, staff, and, users}: 2·2 / 12.
        let s = score(
            "Staff capacity (language skills or training)",
            "Language barriers between staff and users",
        );
        assert!((s - 4.0 / 12.0).abs() < 1e-12);
        assert_eq!(score("Books", "Books and e-books"), 0.75);
        assert!(score("Computer classes", "Legal advice") < THRESHOLD);
    }

    #[test]
    fn greedy_pairs_best_first() {
        let old = ["Internet", "Books", "Classes"];
        let new = ["Books and e-books", "Internet", "Films"];
        let p = pair(new.len(), old.len(), |i, j| score(new[i], old[j]));
        assert_eq!(p.len(), 2);
        assert_eq!((p[0].0, p[0].1), (0, 1));
        assert_eq!((p[1].0, p[1].1, p[1].2), (1, 0, 1.0));
    }
}
