//! Putting a rating scale's labels in order, lowest first, from their words: which side of the
//! midpoint a label is on ("disagree", "poorly", "never" …), how strongly ("very", "strongly"
//! …), and which labels are the midpoint ("neither … nor", "neutral") or off the scale
//! ("don't know", "not applicable"). English only; labels it cannot place keep the export's
//! order, and the draft says to check it.

pub(crate) use super::place::Place;

const NOT_APPLICABLE: &[&str] = &[
    "don't know",
    "dont know",
    "do not know",
    "not applicable",
    "n/a",
    "no opinion",
    "prefer not to say",
    "cannot say",
    "can't say",
    "not sure",
    "unsure",
    "no answer",
    "does not apply",
    "not offered",
    "not used",
];
const NEGATIVE: &[&str] = &[
    "disagree",
    "dissatisfied",
    "unsatisfied",
    "unlikely",
    "poorly",
    "poor",
    "never",
    "rarely",
    "seldom",
    "unimportant",
    "not important",
    "not at all",
    "bad",
    "unhelpful",
    "not useful",
    "useless",
    "difficult",
    "worse",
    "ineffective",
    "inadequate",
    "unsafe",
    "low",
];
const POSITIVE: &[&str] = &[
    "agree",
    "satisfied",
    "likely",
    "well",
    "good",
    "excellent",
    "always",
    "often",
    "frequently",
    "important",
    "useful",
    "helpful",
    "easy",
    "better",
    "effective",
    "adequate",
    "safe",
    "high",
];
const STRONG: &[&str] = &[
    "strongly",
    "very",
    "completely",
    "totally",
    "highly",
    "always",
    "never",
    "not at all",
    "excellent",
];
const STRONGEST: &[&str] = &["extremely"];
const MILD: &[&str] = &[
    "somewhat", "slightly", "fairly", "rather", "mostly", "a little", "rarely", "often",
];

/// Whether one of `words` is in `label` as words: after a space or at the start, before a space,
/// a comma, a full stop or the end.
fn has(label: &str, words: &[&str]) -> bool {
    let b = label.as_bytes();
    words.iter().any(|w| {
        let mut from = 0;
        while let Some(k) = label[from..].find(w) {
            let i = from + k;
            let after = b.get(i + w.len());
            if (i == 0 || b[i - 1] == b' ') && matches!(after, None | Some(b' ' | b',' | b'.')) {
                return true;
            }
            from = i + label[i..].chars().next().map_or(1, char::len_utf8);
        }
        false
    })
}

/// Where `label` sits on its scale, by its words.
pub(crate) fn place(label: &str) -> Place {
    // Choice names ("very_well", KoboToolbox) read as words.
    let l = label
        .trim()
        .to_lowercase()
        .replace(['’', '`'], "'")
        .replace('_', " ");
    if NOT_APPLICABLE.iter().any(|w| l.contains(w)) {
        return Place::NotApplicable;
    }
    if has(&l, &["neither"])
        || has(
            &l,
            &[
                "neutral",
                "undecided",
                "average",
                "fair",
                "okay",
                "ok",
                "sometimes",
            ],
        )
    {
        return Place::At(0.0);
    }
    // Negative words are checked first: "disagree" holds "agree", "unlikely" holds "likely".
    let sign = if has(&l, NEGATIVE) || l.starts_with("dis") || l.starts_with("un") {
        -1.0
    } else if has(&l, POSITIVE) {
        1.0
    } else {
        return Place::Unknown;
    };
    let strength = if has(&l, STRONGEST) {
        3.0
    } else if has(&l, STRONG) {
        2.0
    } else if has(&l, MILD) || has(&l, &["moderately"]) {
        0.5
    } else {
        1.0
    };
    // "Not at all important", "never": the far negative end.
    Place::At(sign * strength)
}

/// The labels' order, lowest first, and each label's place; None when their words do not
/// order them (an unknown label, or two labels at one place).
pub(crate) fn order(labels: &[&str]) -> Option<Vec<(usize, Place)>> {
    // A known anchor set, number prefixes or degrees of one word settle it first.
    if let Some(found) = super::anchors::order(labels) {
        return Some(found);
    }
    let places: Vec<Place> = labels.iter().map(|l| place(l)).collect();
    if places.iter().any(|p| *p == Place::Unknown) {
        return None;
    }
    let mut on: Vec<(usize, f64)> = places
        .iter()
        .enumerate()
        .filter_map(|(k, p)| match p {
            Place::At(x) => Some((k, *x)),
            Place::NotApplicable | Place::Unknown => None,
        })
        .collect();
    on.sort_by(|a, b| a.1.total_cmp(&b.1));
    if on.len() < 2 || on.windows(2).any(|w| w[0].1 == w[1].1) {
        return None;
    }
    let mut out: Vec<(usize, Place)> = on.into_iter().map(|(k, x)| (k, Place::At(x))).collect();
    out.extend(
        (0..labels.len())
            .filter(|&k| places[k] == Place::NotApplicable)
            .map(|k| (k, Place::NotApplicable)),
    );
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ordered(labels: &[&str]) -> Vec<String> {
        order(labels)
            .unwrap_or_else(|| panic!("{labels:?} not ordered"))
            .into_iter()
            .map(|(k, _)| labels[k].to_string())
            .collect()
    }

    #[test]
    fn words_are_found_as_words() {
        // The padded-string rule it replaces: " w ", " w," or " w." inside " label ".
        let padded = |l: &str, w: &str| {
            let p = format!(" {l} ");
            [" ", ",", "."]
                .iter()
                .any(|e| p.contains(&format!(" {w}{e}")))
        };
        let labels = [
            "very good",
            "not very",
            "very, very good",
            "goodness",
            "a little",
            "a littler",
            "vérÿ good",
            "x very.",
            "very",
            "",
            "veryvery very",
            "ü very",
            "not at all",
        ];
        let words = ["very", "good", "a little", "not at all", "y", "ÿ good"];
        for l in labels {
            for w in words {
                assert_eq!(has(l, &[w]), padded(l, w), "{l:?} {w:?}");
            }
        }
        assert!(has("rather good", &["fine", "good"]));
        assert!(!has("goods", &["good"]));
    }

    /// Scales as exports list them (shuffled), and in their order, negative to positive.
    const SCALES: &[(&[&str], &[&str])] = &[
        (
            &[
                "Agree",
                "Strongly disagree",
                "Neither agree nor disagree",
                "Strongly agree",
                "Disagree",
            ],
            &[
                "Strongly disagree",
                "Disagree",
                "Neither agree nor disagree",
                "Agree",
                "Strongly agree",
            ],
        ),
        (
            &[
                "Very well",
                "Well",
                "Don't know",
                "Poorly",
                "Neither well nor poorly",
                "Very poorly",
            ],
            &[
                "Very poorly",
                "Poorly",
                "Neither well nor poorly",
                "Well",
                "Very well",
                "Don't know",
            ],
        ),
        (
            &[
                "Satisfied",
                "Very dissatisfied",
                "Very satisfied",
                "Dissatisfied",
            ],
            &[
                "Very dissatisfied",
                "Dissatisfied",
                "Satisfied",
                "Very satisfied",
            ],
        ),
        (
            &["Often", "Never", "Always", "Sometimes", "Rarely"],
            &["Never", "Rarely", "Sometimes", "Often", "Always"],
        ),
        (
            &[
                "Very likely",
                "Unlikely",
                "Somewhat likely",
                "Very unlikely",
            ],
            &[
                "Very unlikely",
                "Unlikely",
                "Somewhat likely",
                "Very likely",
            ],
        ),
        (
            &[
                "Extremely important",
                "Not at all important",
                "Very important",
                "Slightly important",
            ],
            &[
                "Not at all important",
                "Slightly important",
                "Very important",
                "Extremely important",
            ],
        ),
    ];

    #[test]
    fn common_scales_are_put_in_order() {
        for (shuffled, expected) in SCALES {
            assert_eq!(ordered(shuffled), *expected);
        }
    }

    #[test]
    fn unknown_words_or_ties_leave_the_order_to_the_user() {
        assert_eq!(order(&["Red", "Green", "Blue"]), None);
        assert_eq!(order(&["Agree", "Good"]), None, "two labels at one place");
        assert_eq!(place("N/A"), Place::NotApplicable);
        assert_eq!(place("Don’t know"), Place::NotApplicable);
        assert_eq!(place("Neither satisfied nor dissatisfied"), Place::At(0.0));
    }
}
