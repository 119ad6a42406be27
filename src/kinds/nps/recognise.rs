//! How `init` recognises a Net Promoter Score question: its heading asks how likely one is to
//! recommend (in one of the survey's languages), and every answer is a score from 0 to 10.

use super::tidy::score;

/// "Recommend" in the languages library surveys run in, lower case, without accents.
const RECOMMEND: [&str; 9] = [
    "recommend",
    "recommand", // French: recommander
    "recomend",  // Spanish, Portuguese: recomendar
    "raccomand", // Italian: raccomandare
    "empfehl",   // German: empfehlen
    "aanbevel",  // Dutch: aanbevelen
    "anbefal",   // Danish, Norwegian: anbefale
    "rekommend", // Swedish: rekommendera
    "polecil",   // Polish: polecił(a)by
];

/// Why the column is an NPS question, when it is one.
pub(super) fn recognise(heading: &str, answers: &[(&str, usize)]) -> Option<String> {
    let h = heading
        .to_lowercase()
        .replace(['é', 'è'], "e")
        .replace('ł', "l");
    let asks = RECOMMEND.iter().any(|w| h.contains(w));
    let scores: Vec<u8> = answers
        .iter()
        .map(|(v, _)| score(v))
        .collect::<Option<_>>()?;
    let n: usize = answers.iter().map(|(_, k)| k).sum();
    // A yes / no coded 0 / 1 under a "recommend" heading is not a 0–10 scale.
    let spread = scores.iter().any(|&s| s >= 2) && scores.len() >= 3;
    (asks && spread && n > 0).then(|| {
        format!(
            "a 0–10 \"how likely … recommend\" question ({n} scores, {} distinct): a Net Promoter Score",
            scores.len()
        )
    })
}

#[cfg(test)]
mod tests {
    use super::recognise;

    #[test]
    fn recommend_headings_with_scores_only() {
        let scores = [("10", 4), ("9", 3), ("7", 2), ("3", 1)];
        let h = "How likely are you to recommend the library to a friend?";
        assert!(recognise(h, &scores).is_some());
        assert!(recognise(
            "Quelle est la probabilité que vous recommandiez la bibliothèque ?",
            &scores
        )
        .is_some());
        assert!(recognise("How many staff work in the library?", &scores).is_none());
        assert!(recognise(h, &[("10", 4), ("12", 1), ("3", 2)]).is_none());
        assert!(recognise(h, &[("Yes", 4), ("No", 1)]).is_none());
        assert!(recognise(h, &[("0", 4), ("1", 1)]).is_none());
        let labelled = [
            ("10 - Extremely likely", 2),
            ("0 - Not at all likely", 1),
            ("8", 3),
        ];
        assert!(recognise(h, &labelled).is_some());
    }
}
