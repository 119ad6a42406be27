//! Free-typed country names → ISO 3166-1 alpha-2.
//!
//! The lookup is built from keshvar's country table (ISO short and long names, its list of
//! alternative and translated names, alpha-2 and alpha-3 codes) plus a small alias table of our
//! own for names keshvar lacks. Keys are normalised: transliterated to ASCII, lowercased, reduced
//! to letters and digits, a leading "the" dropped. A key that two countries share is ambiguous and
//! matches nothing. Unmatched names are returned as such, never dropped.

use keshvar::CountryIterator;
use std::collections::HashMap;
use std::sync::OnceLock;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CountryMatch {
    pub alpha2: String,
    /// Short English display name.
    pub name: String,
}

/// Names keshvar does not carry (or carries ambiguously), with the code they mean.
const ALIASES: &[(&str, &str)] = &[
    ("UK", "GB"),
    ("U.K.", "GB"),
    ("Great Britain", "GB"),
    ("Britain", "GB"),
    ("England", "GB"),
    ("Scotland", "GB"),
    ("Wales", "GB"),
    ("Northern Ireland", "GB"),
    ("U.S.", "US"),
    ("U.S.A.", "US"),
    ("America", "US"),
    ("United States", "US"),
    ("Holland", "NL"),
    ("Deutschland", "DE"),
    ("Turkey", "TR"),
    ("Türkiye", "TR"),
    ("Czech Republic", "CZ"),
    ("Kosovo", "XK"),
    ("South Korea", "KR"),
    ("Korea", "KR"),
    ("Russia", "RU"),
    ("Iran", "IR"),
    ("Syria", "SY"),
    ("Vietnam", "VN"),
    ("Tanzania", "TZ"),
    ("Bolivia", "BO"),
    ("Venezuela", "VE"),
    ("Moldova", "MD"),
    ("Palestine", "PS"),
    ("Ivory Coast", "CI"),
    ("Sverige", "SE"),
    ("España", "ES"),
    ("Italia", "IT"),
    ("Österreich", "AT"),
    ("Schweiz", "CH"),
    ("Suisse", "CH"),
    ("Norge", "NO"),
    ("Danmark", "DK"),
    ("Suomi", "FI"),
    ("Nederland", "NL"),
    ("Belgique", "BE"),
    ("België", "BE"),
    // Qualtrics' own country list.
    ("Hong Kong (S.A.R.)", "HK"),
    ("Hong Kong SAR", "HK"),
    ("Macao SAR", "MO"),
    ("Macau", "MO"),
    ("The former Yugoslav Republic of Macedonia", "MK"),
    ("Libyan Arab Jamahiriya", "LY"),
];

/// Display names where the ISO short name is not what a reader expects.
const DISPLAY: &[(&str, &str)] = &[
    ("GB", "United Kingdom"),
    ("US", "United States"),
    ("NL", "Netherlands"),
    ("KR", "South Korea"),
    ("KP", "North Korea"),
    ("RU", "Russia"),
    ("IR", "Iran"),
    ("SY", "Syria"),
    ("VN", "Vietnam"),
    ("TZ", "Tanzania"),
    ("BO", "Bolivia"),
    ("VE", "Venezuela"),
    ("MD", "Moldova"),
    ("PS", "Palestine"),
    ("CD", "DR Congo"),
    ("LA", "Laos"),
    ("XK", "Kosovo"),
    ("TR", "Türkiye"),
    ("CZ", "Czechia"),
];

/// Typed answers (as lookup keys) that mean "no answer": never a country ("N/A" is not
/// Namibia, "No" is not Norway), and not in the question's base.
const NON_ANSWERS: &[&str] = &[
    "na",
    "none",
    "unknown",
    "nil",
    "null",
    "xx",
    "nd",
    "ns",
    "no",
    "0",
    "notapplicable",
    "noanswer",
    "dontknow",
    "donotknow",
    "notknown",
    "nothing",
    "prefernottosay",
    "prefernottoanswer",
    "notsure",
    "nocountry",
];

/// Answers that name no one country: kept as typed, matched to nothing (reported unmatched).
const NEVER_MATCH: &[&str] = &["other", "virginislands"];

/// Whether a typed country answer means "no answer" ("n/a", "N.A.", "none", "-", "?", "0",
/// "No", "Not applicable"): such a row did not answer the question. An upper-case ISO code
/// ("NO") is an answer.
pub fn is_non_answer(raw: &str) -> bool {
    let key = normalize(raw);
    key.is_empty() || (NON_ANSWERS.contains(&key.as_str()) && !is_code(raw))
}

/// A bare ISO code as codes are written: two or three upper-case letters (not "NA", which
/// exports write for a missing value).
fn is_code(raw: &str) -> bool {
    let t = raw.trim();
    (2..=3).contains(&t.len()) && t.chars().all(|c| c.is_ascii_uppercase()) && t != "NA"
}

struct Table {
    by_key: HashMap<String, Option<String>>,
    /// ISO alpha-2 and alpha-3 codes, matched only when the answer is a bare code.
    by_code: HashMap<String, String>,
    names: HashMap<String, String>,
}

fn table() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut by_key: HashMap<String, Option<String>> = HashMap::new();
        let mut names = HashMap::new();
        let mut by_code = HashMap::new();
        for c in CountryIterator::new() {
            let a2 = c.alpha2().to_string();
            names.insert(a2.clone(), c.iso_short_name().to_string());
            by_code.insert(a2.to_lowercase(), a2.clone());
            by_code.insert(c.alpha3().to_string().to_lowercase(), a2.clone());
            let mut keys = vec![
                c.iso_short_name().to_string(),
                c.iso_long_name().to_string(),
            ];
            keys.extend(c.unofficial_name_list().iter().map(|s| s.to_string()));
            for k in keys {
                let k = normalize(&k);
                if k.is_empty() {
                    continue;
                }
                match by_key.get(&k) {
                    None => {
                        by_key.insert(k, Some(a2.clone()));
                    }
                    Some(Some(existing)) if existing != &a2 => {
                        by_key.insert(k, None); // shared by two countries: ambiguous
                    }
                    _ => {}
                }
            }
        }
        for (alias, a2) in ALIASES {
            by_key.insert(normalize(alias), Some(a2.to_string()));
        }
        for (a2, name) in DISPLAY {
            names.insert(a2.to_string(), name.to_string());
            // shelfstat's own display names are names too ("DR Congo").
            by_key.insert(normalize(name), Some(a2.to_string()));
        }
        // Kosovo has no ISO code; XK is the code in common use.
        by_code.insert("xk".into(), "XK".into());
        by_code.insert("xkx".into(), "XK".into());
        for k in NEVER_MATCH {
            by_key.insert(k.to_string(), None);
        }
        Table {
            by_key,
            by_code,
            names,
        }
    })
}

/// The lookup key of a free-typed name.
pub fn normalize(s: &str) -> String {
    let ascii = deunicode::deunicode(s).to_lowercase();
    let words: Vec<&str> = ascii
        .split(|c: char| !c.is_ascii_alphanumeric() && c != '.')
        .filter(|w| !w.is_empty())
        .collect();
    let words = match words.first() {
        Some(&"the") if words.len() > 1 => &words[1..],
        _ => &words[..],
    };
    words
        .concat()
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect()
}

/// Matches a free-typed country name; None when unknown or ambiguous.
pub fn lookup(raw: &str) -> Option<CountryMatch> {
    let t = table();
    let key = normalize(raw);
    if is_non_answer(raw) {
        return None;
    }
    let trimmed = raw.trim();
    let a2 = if trimmed.chars().all(|c| c.is_ascii_alphabetic()) && (2..=3).contains(&trimmed.len())
    {
        t.by_code
            .get(&key)
            .or_else(|| t.by_key.get(&key)?.as_ref())?
    } else {
        t.by_key.get(&key)?.as_ref()?
    };
    Some(CountryMatch {
        alpha2: a2.clone(),
        name: display_name(a2),
    })
}

/// The ISO 3166-1 numeric code of an alpha-2 code, which keys the map's shapes (Kosovo, which
/// has none, is 900 there).
pub fn numeric(alpha2: &str) -> Option<u16> {
    if alpha2 == "XK" {
        return Some(900);
    }
    let a2 = keshvar::Alpha2::try_from(alpha2).ok()?;
    a2.to_country().number().parse().ok()
}

/// UN M49 region and sub-region names of an alpha-2 code (from keshvar; Kosovo added).
pub fn regions(alpha2: &str) -> (Option<String>, Option<String>) {
    if alpha2 == "XK" {
        return (Some("Europe".into()), Some("Southern Europe".into()));
    }
    let Ok(a2) = keshvar::Alpha2::try_from(alpha2) else {
        return (None, None);
    };
    let c = a2.to_country();
    (
        c.maybe_region().map(|r| title_case(&r.to_string())),
        c.maybe_subregion().map(|r| title_case(&r.to_string())),
    )
}

/// "latin-america-and-the-caribbean" → "Latin America and the Caribbean".
fn title_case(kebab: &str) -> String {
    kebab
        .split('-')
        .enumerate()
        .map(|(i, w)| {
            if i > 0 && matches!(w, "and" | "the" | "of") {
                w.to_string()
            } else {
                let mut c = w.chars();
                c.next()
                    .map(|f| f.to_uppercase().chain(c).collect())
                    .unwrap_or_default()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Short English name of an alpha-2 code.
pub fn display_name(alpha2: &str) -> String {
    table()
        .names
        .get(alpha2)
        .cloned()
        .unwrap_or_else(|| alpha2.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn a2(s: &str) -> Option<String> {
        lookup(s).map(|m| m.alpha2)
    }

    #[test]
    fn messy_variants() {
        for (raw, want) in [
            ("USA", "US"),
            ("United States", "US"),
            ("U.S.A.", "US"),
            (" united states of america ", "US"),
            ("us", "US"),
            ("Deutschland", "DE"),
            ("germany", "DE"),
            ("UK", "GB"),
            ("England", "GB"),
            ("Türkiye", "TR"),
            ("Turkiye", "TR"),
            ("TURKEY", "TR"),
            ("The Netherlands", "NL"),
            ("Holland", "NL"),
            ("Côte d'Ivoire", "CI"),
            ("Kosovo", "XK"),
            ("Sverige", "SE"),
            ("DEU", "DE"),
            ("Jordan", "JO"),
            ("Lebanon", "LB"),
        ] {
            assert_eq!(a2(raw).as_deref(), Some(want), "{raw:?}");
        }
    }

    #[test]
    fn unknown_names_do_not_match() {
        assert_eq!(a2("Atlantis"), None);
        assert_eq!(a2(""), None);
        assert_eq!(a2("   "), None);
        assert_eq!(a2("n/a"), None);
        assert_eq!(a2("N/A"), None);
        assert_eq!(a2("NA"), None);
        assert_eq!(a2("none"), None);
        // Codes only match as bare codes.
        assert_eq!(a2("D.E."), None);
    }

    #[test]
    fn non_answers_and_names_of_no_one_country() {
        // Issue 26, item 9: "No" was counted as Norway; these stayed in the base.
        for raw in [
            "No",
            "no",
            "n/a",
            "N.A.",
            "none",
            "-",
            "?",
            "0",
            "Not applicable",
            "NA",
            "",
        ] {
            assert!(is_non_answer(raw), "{raw:?}");
            assert_eq!(a2(raw), None, "{raw:?}");
        }
        assert!(!is_non_answer("NO"));
        assert_eq!(a2("NO").as_deref(), Some("NO"));
        assert_eq!(a2("Norway").as_deref(), Some("NO"));
        // Two territories answer to it: matched to neither.
        assert_eq!(a2("Virgin Islands"), None);
        assert!(!is_non_answer("Virgin Islands"));
        assert_eq!(a2("British Virgin Islands").as_deref(), Some("VG"));
        // shelfstat's own display names, and Kosovo's code.
        assert_eq!(a2("DR Congo").as_deref(), Some("CD"));
        assert_eq!(a2("XK").as_deref(), Some("XK"));
        assert_eq!(a2("Hong Kong (S.A.R.)").as_deref(), Some("HK"));
    }

    #[test]
    fn un_regions() {
        assert_eq!(
            regions("DE"),
            (Some("Europe".into()), Some("Western Europe".into()))
        );
        assert_eq!(
            regions("TR"),
            (Some("Asia".into()), Some("Western Asia".into()))
        );
        assert_eq!(
            regions("AU"),
            (
                Some("Oceania".into()),
                Some("Australia and New Zealand".into())
            )
        );
        assert_eq!(regions("XK").0.as_deref(), Some("Europe"));
        assert_eq!(regions("ZZ"), (None, None));
    }

    #[test]
    fn display_names() {
        assert_eq!(display_name("GB"), "United Kingdom");
        assert_eq!(display_name("DE"), "Germany");
        assert_eq!(lookup("usa").unwrap().name, "United States");
    }
}

#[cfg(test)]
mod numeric_tests {
    #[test]
    fn iso_numeric_codes() {
        assert_eq!(super::numeric("US"), Some(840));
        assert_eq!(super::numeric("DE"), Some(276));
        assert_eq!(super::numeric("AF"), Some(4));
        assert_eq!(super::numeric("XK"), Some(900));
        assert_eq!(super::numeric("ZZ"), None);
    }
}
