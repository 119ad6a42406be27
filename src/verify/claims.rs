//! Finding the numeric claims of a draft: percentages ("93.2%", "68 per cent"), vague
//! quantifiers ("over half", "three in four"), counts of the unit ("353 libraries") and of
//! countries, each with the sentence it stands in.

/// What a claim states.
#[derive(Debug, Clone, PartialEq)]
pub enum Stated {
    /// A percentage written with `decimals` decimals.
    Percent { value: f64, decimals: usize },
    /// A share stated in words: the true share must lie in [low, high] (percent).
    Vague { low: f64, high: f64 },
    /// A count of respondents (`unit`) or of countries.
    Count { value: u64, countries: bool },
    /// A change in percentage points ("up 2.8 points"); `signed`: the words say which way.
    Change {
        value: f64,
        decimals: usize,
        signed: bool,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub struct Claim {
    pub line: usize,
    /// As written.
    pub text: String,
    pub stated: Stated,
    /// The sentence around it, lowercase.
    pub sentence: String,
    /// The clause around it (between commas, semicolons, "and", "but", a colon), lowercase:
    /// in a sentence listing several figures, what names this one.
    pub clause: String,
    /// A base stated beside it ("of the 237 libraries …").
    pub base: Option<u64>,
}

/// Words for shares: (phrase, low %, high %). Fractions allow for rounding to the nearest
/// "one in n" (± half of 1/n's step, at most 2.5 points).
const VAGUE: &[(&str, f64, f64)] = &[
    ("more than half", 50.0, 100.0),
    ("over half", 50.0, 100.0),
    ("a majority", 50.0, 100.0),
    ("the majority", 50.0, 100.0),
    ("less than half", 0.0, 50.0),
    ("under half", 0.0, 50.0),
    ("a minority", 0.0, 50.0),
    ("about half", 45.0, 55.0),
    ("nearly half", 40.0, 50.0),
    ("almost half", 40.0, 50.0),
    ("half", 47.5, 52.5),
    ("three in four", 72.5, 77.5),
    ("three quarters", 72.5, 77.5),
    ("two in three", 64.2, 69.2),
    ("two thirds", 64.2, 69.2),
    ("one in three", 30.8, 35.8),
    ("a third", 30.8, 35.8),
    ("one in four", 22.5, 27.5),
    ("a quarter", 22.5, 27.5),
    ("one in five", 17.5, 22.5),
    ("nine in ten", 87.5, 92.5),
    ("four in five", 77.5, 82.5),
];

/// Splits text into sentences with their line numbers (a sentence ends at ". ", "; " is kept).
fn sentences(text: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    for (k, line) in text.lines().enumerate() {
        let line = without_targets(line);
        let mut rest = line.as_str();
        while !rest.is_empty() {
            let end = rest.find(". ").map_or(rest.len(), |i| i + 1);
            out.push((k + 1, rest[..end].to_string()));
            rest = rest[end..].trim_start();
        }
    }
    out
}

/// A Markdown line without its link and image targets ("](charts/cooperate.png)"): their words
/// are file names, not what a sentence says.
fn without_targets(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(i) = rest.find("](") {
        out.push_str(&rest[..=i]);
        match rest[i + 2..].find(')') {
            Some(j) => rest = &rest[i + 2 + j + 1..],
            None => {
                rest = "";
                break;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The number ending at byte `end` of `s` (digits, "," thousands, "." decimals).
fn number_before(s: &str, end: usize) -> Option<(usize, &str)> {
    let b = s.as_bytes();
    let mut i = end;
    while i > 0 && (b[i - 1].is_ascii_digit() || b[i - 1] == b'.' || b[i - 1] == b',') {
        i -= 1;
    }
    let n = s[i..end].trim_matches(|c| c == '.' || c == ',');
    (!n.is_empty() && n.as_bytes()[0].is_ascii_digit()).then_some((i, n))
}

/// "of the 237 libraries", "of 350 libraries", "(n = 237)", "n=237" in the sentence.
fn stated_base(sentence: &str, unit: &str) -> Option<u64> {
    let s = sentence.to_lowercase();
    for pat in ["n = ", "n=", "of the ", "of "] {
        let mut from = 0;
        while let Some(i) = s[from..].find(pat) {
            let start = from + i + pat.len();
            let digits: String = s[start..]
                .chars()
                .take_while(|c| c.is_ascii_digit() || *c == ',')
                .collect();
            let after = s[start + digits.len()..].trim_start();
            let n = digits.replace(',', "").parse::<u64>().ok();
            if n.is_some()
                && (pat.starts_with('n')
                    || after.starts_with(unit)
                    || after.starts_with("respondents"))
            {
                return n;
            }
            from = start;
        }
    }
    None
}

const UP: [&str; 8] = [
    "up ", "rose", "risen", "increase", "grew", "gain", "higher", "more",
];
const DOWN: [&str; 7] = [
    "down ", "fell", "fallen", "decrease", "decline", "drop", "lower",
];

/// Changes in percentage points: "up 2.8 points", "fell by 4 percentage points", "+12.1 pp".
fn changes(low: &str) -> Vec<(usize, usize, Stated)> {
    let mut out = Vec::new();
    for unit in [
        " percentage points",
        " percentage point",
        " points",
        " point",
        " pp",
    ] {
        let mut from = 0;
        while let Some(i) = low[from..].find(unit) {
            let at = from + i;
            from = at + unit.len();
            let after = &low[from..];
            if after.starts_with(|c: char| c.is_alphanumeric())
                || after.trim_start().starts_with("scale")
            {
                continue;
            }
            let Some((start, n)) = number_before(low, at) else {
                continue;
            };
            if out.iter().any(|(s, _, _)| *s == start) {
                continue;
            }
            let Ok(v) = n.parse::<f64>() else { continue };
            let decimals = n.split('.').nth(1).map_or(0, str::len);
            let before = &low[..start];
            let clause_start = clause(low, start, from);
            let words = clause_start.split(n).next().unwrap_or("");
            let minus = before.ends_with('−') || before.ends_with('-');
            let plus = before.ends_with('+');
            let (value, signed) = if minus || DOWN.iter().any(|w| words.contains(w)) {
                (-v, true)
            } else if plus || UP.iter().any(|w| words.contains(w)) {
                (v, true)
            } else {
                (v, false)
            };
            let start = if minus || plus {
                before.char_indices().last().map_or(start, |(i, _)| i)
            } else {
                start
            };
            out.push((
                start,
                from,
                Stated::Change {
                    value,
                    decimals,
                    signed,
                },
            ));
        }
    }
    out
}

/// The clause of `s` (lowercase) around bytes `start..end`.
fn clause(s: &str, start: usize, end: usize) -> String {
    const CUTS: [&str; 4] = [", ", "; ", " and ", " but "];
    let from = CUTS
        .iter()
        .filter_map(|c| s[..start].rfind(c).map(|i| i + c.len()))
        .max()
        .unwrap_or(0);
    let to = CUTS
        .iter()
        .filter_map(|c| s[end..].find(c).map(|i| end + i))
        .min()
        .unwrap_or(s.len());
    s[from..to].to_string()
}

/// A claim found in a sentence: its byte range and what it states.
type Found = (usize, usize, Stated);

/// Percentages: "93.2%", "68 per cent", "68 percent" (not "percentage points", not an interval's
/// bounds).
fn percents(low: &str) -> Vec<Found> {
    let mut out = Vec::new();
    for (marker, len) in [("%", 1), (" per cent", 9), (" percent", 8)] {
        let mut from = 0;
        while let Some(i) = low[from..].find(marker) {
            let at = from + i;
            from = at + len;
            // "percentage points" is a change, not a percentage.
            if low[at + len..].starts_with("age") {
                continue;
            }
            let Some((start, n)) = number_before(low, at) else {
                continue;
            };
            let Ok(v) = n.replace(',', "").parse::<f64>() else {
                continue;
            };
            let decimals = n.split('.').nth(1).map_or(0, str::len);
            // A percentage inside an interval ("95% CI 89.3–95.8%"), or naming one ("a 95%
            // Wilson score interval"), is not a claim.
            let before = &low[..start];
            let next = low[at + len..].trim_start();
            let names_interval = [
                "ci",
                "confidence",
                "interval",
                "wilson",
                "clopper",
                "logit",
                "t interval",
            ]
            .iter()
            .any(|w| next.starts_with(w));
            let ci = before.ends_with('–') || before.ends_with('-') || names_interval;
            if !ci && !before.ends_with("ci ") {
                out.push((start, at + len, Stated::Percent { value: v, decimals }));
            }
        }
    }
    out
}

/// The first share in words ("over half"), unless its clause states a percentage it describes.
fn vague(low: &str) -> Option<Found> {
    let whole_word = |p: &str| {
        low.match_indices(p).find(|(i, _)| {
            let before = low[..*i]
                .chars()
                .last()
                .is_none_or(|c| !c.is_alphanumeric());
            let after = low[i + p.len()..]
                .chars()
                .next()
                .is_none_or(|c| !c.is_alphanumeric());
            before && after
        })
    };
    let (at, lo, hi, len) = VAGUE
        .iter()
        .find_map(|(p, lo, hi)| whole_word(p).map(|(i, _)| (i, *lo, *hi, p.len())))?;
    let c = clause(low, at, at + len);
    let describes = c.contains('%') || c.contains("per cent") || c.contains("percent");
    (!describes).then_some((at, at + len, Stated::Vague { low: lo, high: hi }))
}

/// Counts of the unit ("353 libraries") and of countries, not a base ("of the 237 libraries").
fn counts(low: &str, unit: &str) -> Vec<Found> {
    let mut out = Vec::new();
    for (word, countries) in [(unit, false), ("countries", true)] {
        let mut from = 0;
        while let Some(i) = low[from..].find(word) {
            let at = from + i;
            from = at + word.len();
            let before = low[..at].trim_end();
            let Some((start, n)) = number_before(before, before.len()) else {
                continue;
            };
            let lead = &low[..start];
            // A base ("of the 237 libraries") or a threshold ("fewer than 5 libraries") is not
            // a count of its own.
            let is_base = lead.ends_with("of the ")
                || lead.ends_with("of ")
                || ["fewer than ", "less than ", "under ", "below ", "at least "]
                    .iter()
                    .any(|w| lead.ends_with(w));
            if let (Ok(value), false) = (n.replace(',', "").parse::<u64>(), is_base) {
                out.push((start, from, Stated::Count { value, countries }));
            }
        }
    }
    out
}

/// A base written right after a figure: "… of 371", "… of the 237", "… (n = 19)".
fn adjacent_base(after: &str) -> Option<u64> {
    let rest = ["of the ", "of ", "(n = ", "(n="]
        .iter()
        .find_map(|p| after.trim_start().strip_prefix(p))?;
    let digits: String = rest
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == ',')
        .collect();
    digits.replace(',', "").parse().ok()
}

/// The most figures a sentence (or table row) may hold to be checked: each figure is matched
/// by its clause and the sentence's other figures, so a sentence of 100,000 numbers (a 590 KB
/// line) took 22 GB; a longer one is listed as not checked.
pub const MAX_CLAIMS_PER_SENTENCE: usize = 200;

/// Every claim of `text` (`unit` is the survey's unit, "libraries"), and the sentences left unchecked because they hold more than
/// [`MAX_CLAIMS_PER_SENTENCE`] figures: (line, figures).
pub fn claims_within(text: &str, unit: &str) -> (Vec<Claim>, Vec<(usize, usize)>) {
    let unit = unit.to_ascii_lowercase();
    let mut out = Vec::new();
    let mut crowded = Vec::new();
    for (line, sentence) in sentences(text) {
        // ASCII lowercase keeps every byte offset, so a claim found in `low` is cut from `sentence`.
        let low = sentence.to_ascii_lowercase();
        let found: Vec<Found> = percents(&low)
            .into_iter()
            .chain(vague(&low))
            .chain(changes(&low))
            .chain(counts(&low, &unit))
            .collect();
        if found.len() > MAX_CLAIMS_PER_SENTENCE {
            crowded.push((line, found.len()));
            continue;
        }
        // A claim's base is the one stated in its clause ("lowest in Africa 89% (n = 9)"), or
        // the sentence's when it is the sentence's only claim.
        let sentence_base = stated_base(&sentence, &unit).filter(|_| found.len() == 1);
        let clauses: Vec<String> = found.iter().map(|(a, b, _)| clause(&low, *a, *b)).collect();
        for ((start, end, stated), clause) in found.into_iter().zip(&clauses) {
            // "81.9% of 371": the base right after the figure; else the clause's, when the
            // figure is its only one; else the sentence's, when it is the sentence's only one.
            let alone_in_clause = clauses.iter().filter(|c| *c == clause).count() == 1;
            let base = adjacent_base(&low[end..])
                .or_else(|| stated_base(clause, &unit).filter(|_| alone_in_clause))
                .or(sentence_base);
            out.push(Claim {
                line,
                text: sentence[start..end].to_string(),
                stated,
                sentence: low.clone(),
                base,
                clause: clause.clone(),
            });
        }
    }
    (out, crowded)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_percentages_quantifiers_counts_and_bases() {
        let text = "353 libraries from 32 countries responded.\n93.2% of the 237 libraries that answered offer Internet access (95% CI 89.3–95.8%). Over half cooperate.\nStory times: 53 per cent (n = 237).";
        let c = claims_within(text, "libraries").0;
        let got: Vec<(usize, &str, Option<u64>)> = c
            .iter()
            .map(|c| (c.line, c.text.as_str(), c.base))
            .collect();
        assert_eq!(
            got,
            [
                (1, "353 libraries", None),
                (1, "32 countries", None),
                (2, "93.2%", Some(237)),
                (2, "Over half", None),
                (3, "53 per cent", Some(237)),
            ]
        );
        assert_eq!(
            c[2].stated,
            Stated::Percent {
                value: 93.2,
                decimals: 1
            }
        );
        assert_eq!(
            c[3].stated,
            Stated::Vague {
                low: 50.0,
                high: 100.0
            }
        );
    }
}
