//! Personal data masked in a typed answer before anyone else reads it (a coder's workbook, a
//! quoted verbatim): e-mail addresses, web addresses, IP addresses, phone numbers, and people's
//! names where the text marks them as names (a title, "my name is", "contact", "ask for").

use regex::Regex;
use std::sync::LazyLock;

struct Mask {
    pattern: Regex,
    /// What the match becomes (`$1` keeps a leading group, such as "my name is ").
    with: &'static str,
    /// Whether a match really is one (a phone number has 7 digits or more …).
    is_one: fn(&str) -> bool,
}

static YEARS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:19|20)\d\d\s*[-–/]\s*(?:19|20)?\d\d$").expect("years"));

static MASKS: LazyLock<Vec<Mask>> = LazyLock::new(|| {
    let m = |p: &str, with| Mask {
        pattern: Regex::new(p).expect("mask pattern"),
        with,
        is_one: |_| true,
    };
    let checked = |p: &str, with, is_one| Mask {
        is_one,
        ..m(p, with)
    };
    vec![
        m(r"[\w.+-]+@(?:\[[^\]\s]*\]|[\w-]+(?:\.[\w-]+)*)", "[e-mail]"),
        m(
            r"(?i)[\w.+-]+\s*[(\[]at[)\]]\s*[\w-]+(?:\s*(?:\.|[(\[]dot[)\]])\s*[\w-]+)+",
            "[e-mail]",
        ),
        m(r"(?i)\b(?:https?://|www\.)[^\s<>]+", "[web address]"),
        m(
            r"(?i)\b[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|edu|gov|info|io|eu|int|uk|de|fr|es|it|nl|be|se|no|dk|fi|ca|au|nz|us|ch|at|pt|ie)\b(?:/[^\s<>]*)?",
            "[web address]",
        ),
        m(r"\b\d{1,3}(?:\.\d{1,3}){3}\b", "[IP address]"),
        // IPv6: "::" or at least 5 groups (not a time, 10:30:00).
        checked(
            r"(?i)(?:\b[0-9a-f]{1,4})?(?::[0-9a-f]{0,4}){2,7}\b",
            "[IP address]",
            |m| m.contains("::") || m.matches(':').count() >= 4,
        ),
        // A phone number: 7 digits or more, of any script (Arabic-Indic and fullwidth digits
        // count), and not a span of years.
        checked(r"\+?\(?\d[\d\s().\-/]{5,}\d", "[phone]", |m| {
            m.chars().filter(|c| c.is_numeric()).count() >= 7 && !YEARS.is_match(m)
        }),
        m(
            r"\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Mme|Mlle|Sr|Sra|Srta|Dña|Don)\.?\s+\p{Lu}[\p{L}'\-]+(?:\s+\p{Lu}[\p{L}'\-]+)?",
            "[name]",
        ),
        m(
            r"(?i:\b((?:my name is|i am|i'm|contact|ask for|je m'appelle|me llamo|contactar a|contacter)\s*:?)\s+)\p{Lu}[\p{L}'\-]+(?:\s+\p{Lu}[\p{L}'\-]+)?",
            "${1} [name]",
        ),
    ]
});

/// `text` with its personal data masked.
pub fn mask(text: &str) -> String {
    let mut out = text.to_string();
    for m in MASKS.iter() {
        out = m
            .pattern
            .replace_all(&out, |c: &regex::Captures| {
                if !(m.is_one)(&c[0]) {
                    return c[0].to_string();
                }
                let mut s = String::new();
                c.expand(m.with, &mut s);
                s
            })
            .into_owned();
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

    /// What a probe of hostile answers found unmasked.
    #[test]
    fn other_scripts_addresses_and_spellings() {
        assert_eq!(mask("call ٠٦١٢٣٤٥٦٧٨ now"), "call [phone] now");
        assert_eq!(mask("call ０６１２３４５６７８"), "call [phone]");
        assert_eq!(
            mask("from 2001:db8:85a3::8a2e:370:7334 and fe80::1"),
            "from [IP address] and [IP address]"
        );
        assert_eq!(mask("open 10:30:00 daily"), "open 10:30:00 daily");
        assert_eq!(mask("Contact: Marie Dupont"), "Contact: [name]");
        assert_eq!(
            mask("see mylibrary.org/events or facebook.com/ourlibrary"),
            "see [web address] or [web address]"
        );
        assert_eq!(
            mask("x@localhost, john(at)example.org"),
            "[e-mail], [e-mail]"
        );
        assert_eq!(mask("user@[192.168.0.1]"), "[e-mail]");
        assert_eq!(mask("e.g. the Node.js club"), "e.g. the Node.js club");
    }
}
