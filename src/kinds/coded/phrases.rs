//! Suggesting a codeframe (`shelfstat code suggest`): the phrases of 1–3 words that recur in a
//! question's typed answers — case, accents and plurals folded as the rules fold them, stop
//! words of the answer's language (English, French or Spanish, told by its stop words) left
//! out — each with how many answers hold it and two of them as examples.

use super::rules::words;
use std::collections::{BTreeMap, BTreeSet};

const ENGLISH: &[&str] = &[
    "a", "about", "after", "all", "also", "an", "and", "any", "are", "as", "at", "be", "been",
    "but", "by", "can", "do", "for", "from", "had", "ha", "have", "he", "her", "his", "how", "i",
    "if", "in", "into", "is", "it", "its", "more", "most", "my", "no", "not", "of", "on", "one",
    "or", "our", "out", "she", "so", "some", "such", "than", "that", "the", "their", "them",
    "there", "these", "they", "this", "those", "to", "up", "very", "wa", "we", "were", "what",
    "when", "which", "who", "will", "with", "would", "you", "your",
];
const FRENCH: &[&str] = &[
    "a", "au", "aux", "avec", "ce", "ces", "cette", "chaque", "dan", "de", "des", "du", "elle",
    "en", "est", "et", "il", "je", "la", "le", "les", "leur", "mai", "me", "mon", "ne", "nou",
    "on", "ou", "par", "pas", "pour", "qu", "que", "qui", "sa", "se", "ses", "son", "sur", "un",
    "une", "vou", "l", "d", "c", "j", "n", "s", "y",
];
const SPANISH: &[&str] = &[
    "a", "al", "como", "con", "de", "del", "el", "en", "es", "esta", "este", "la", "las", "lo",
    "los", "mas", "muy", "no", "nuestra", "nuestro", "o", "para", "pero", "por", "que", "se", "si",
    "sin", "su", "sus", "un", "una", "uno", "y",
];

/// The stop words of the language an answer's words most look like (all three lists' when
/// none stands out).
fn stop_words(w: &[String]) -> BTreeSet<&'static str> {
    let lists = [ENGLISH, FRENCH, SPANISH];
    let hits: Vec<usize> = (lists.iter())
        .map(|l| w.iter().filter(|x| l.contains(&x.as_str())).count())
        .collect();
    let best = hits.iter().copied().max().unwrap_or(0);
    let winners: Vec<usize> = (0..3).filter(|&k| hits[k] == best).collect();
    match winners[..] {
        [k] if best > 0 => lists[k].iter().copied().collect(),
        _ => lists.iter().flat_map(|l| l.iter().copied()).collect(),
    }
}

/// A recurring phrase.
#[derive(Debug, Clone, PartialEq)]
pub struct Phrase {
    /// Its folded words, space-joined.
    pub phrase: String,
    /// How many answers hold it.
    pub answers: usize,
    /// The first two answers holding it (as given; the caller masks them).
    pub examples: Vec<usize>,
}

/// The phrases of 1–3 content words held by at least `min` answers, most frequent first (then
/// longer first, then alphabetical); at most `top`.
pub fn phrases(answers: &[&str], min: usize, top: usize) -> Vec<Phrase> {
    let mut held: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (k, text) in answers.iter().enumerate() {
        let w = words(text);
        let stop = stop_words(&w);
        let content: Vec<&str> = (w.iter())
            .map(String::as_str)
            .filter(|x| !stop.contains(x) && x.len() > 1 && !x.chars().all(|c| c.is_ascii_digit()))
            .collect();
        let mut seen = BTreeSet::new();
        for n in 1..=3 {
            for g in content.windows(n) {
                seen.insert(g.join(" "));
            }
        }
        for p in seen {
            held.entry(p).or_default().push(k);
        }
    }
    let mut out: Vec<Phrase> = (held.into_iter())
        .filter(|(_, ks)| ks.len() >= min)
        .map(|(phrase, ks)| Phrase {
            phrase,
            answers: ks.len(),
            examples: ks.into_iter().take(2).collect(),
        })
        .collect();
    let words_in = |p: &Phrase| p.phrase.split(' ').count();
    out.sort_by(|a, b| {
        (b.answers.cmp(&a.answers))
            .then(words_in(b).cmp(&words_in(a)))
            .then(a.phrase.cmp(&b.phrase))
    });
    out.truncate(top);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recurring_phrases_counted_per_answer() {
        let answers = [
            "A weekly language café with volunteers",
            "Language cafés for new arrivals",
            "Un café de langue chaque semaine avec des bénévoles",
            "Homework help by volunteers; homework help for all",
            "Homework help",
        ];
        let p = phrases(&answers, 2, 10);
        let got: Vec<(&str, usize)> = p.iter().map(|p| (p.phrase.as_str(), p.answers)).collect();
        assert_eq!(
            got,
            [
                ("cafe", 3),
                ("homework help", 2),
                ("language cafe", 2),
                ("help", 2),
                ("homework", 2),
                ("language", 2),
                ("volunteer", 2),
            ]
        );
        // Each answer counts once, however often it says it; examples are the first two.
        assert_eq!(p[1].examples, [3, 4]);
        // French stop words ("de", "des", "avec") are no phrase; "langue" is a word of its own.
        assert!(!p.iter().any(|x| x.phrase.contains("de ")));
    }
}
