//! Personal data masked in a typed answer before anyone else reads it (a coder's workbook, a
//! quoted verbatim): e-mail addresses, web addresses, IP addresses, phone numbers, and people's
//! names where the text marks them as names (a title, "my name is", "contact", "ask for").

use regex::Regex;
use std::sync::LazyLock;

struct Mask {
    pattern: Regex,
    /// What the match becomes (`$1` keeps a leading group, such as "my name is ").
    with: &'static str,
}

static YEARS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:19|20)\d\d\s*[-–/]\s*(?:19|20)?\d\d$").expect("years"));

static MASKS: LazyLock<Vec<Mask>> = LazyLock::new(|| {
    let m = |p: &str, with| Mask {
        pattern: Regex::new(p).expect("mask pattern"),
        with,
    };
    vec![
        m(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", "[e-mail]"),
        m(r"(?i)\b(?:https?://|www\.)[^\s<>]+", "[web address]"),
        m(r"\b\d{1,3}(?:\.\d{1,3}){3}\b", "[IP address]"),
        m(r"\+?\(?\d[\d\s().\-/]{5,}\d", "[phone]"),
        m(
            r"\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Mme|Mlle|Sr|Sra|Srta|Dña|Don)\.?\s+\p{Lu}[\p{L}'\-]+(?:\s+\p{Lu}[\p{L}'\-]+)?",
            "[name]",
        ),
        m(
            r"(?i:\b(my name is|i am|i'm|contact|ask for|je m'appelle|me llamo|contactar a|contacter)\s+)\p{Lu}[\p{L}'\-]+(?:\s+\p{Lu}[\p{L}'\-]+)?",
            "${1} [name]",
        ),
    ]
});

/// `text` with its personal data masked.
pub fn mask(text: &str) -> String {
    let mut out = text.to_string();
    for m in MASKS.iter() {
        // A phone number needs at least 7 digits (not a count), and is not a span of years.
        if m.with == "[phone]" {
            out = m
                .pattern
                .replace_all(&out, |c: &regex::Captures| {
                    let digits = c[0].chars().filter(char::is_ascii_digit).count();
                    if digits >= 7 && !YEARS.is_match(&c[0]) {
                        "[phone]".to_string()
                    } else {
                        c[0].to_string()
                    }
                })
                .into_owned();
        } else {
            out = m.pattern.replace_all(&out, m.with).into_owned();
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::mask;

    #[test]
    fn personal_data_masked_the_rest_kept() {
        assert_eq!(
            mask("Write to ana.diaz@biblio.es or see https://biblio.es/cafe, tel +34 912 345 678."),
            "Write to [e-mail] or see [web address] tel [phone]."
        );
        assert_eq!(
            mask("Ask Mrs Fatima Rahimi at the desk; my name is John Smith"),
            "Ask [name] at the desk; my name is [name]"
        );
        assert_eq!(
            mask("Server 192.168.1.20 is down"),
            "Server [IP address] is down"
        );
        // Numbers that are not phones stay: years, counts, opening hours.
        assert_eq!(
            mask("Since 2015-2019, 40 volunteers, open 9-17"),
            "Since 2015-2019, 40 volunteers, open 9-17"
        );
        assert_eq!(mask("Contacter Marie Dupont"), "Contacter [name]");
    }
}
