//! A code's rules and how an answer is matched against them: words and phrases found in the
//! answer after folding case, accents and simple plurals (in English, French and Spanish the
//! same rule: "libraries" = "library", "classes" = "class", "cafés" = "cafe"), unless a `not`
//! phrase is found too; or a regular expression, case ignored (all of a code's in one scan).

use crate::codebook::{OptionDef, Question};
use regex::{RegexBuilder, RegexSet, RegexSetBuilder};

/// The most memory one code's regular expressions may take compiled.
pub(crate) const REGEX_BYTES: usize = 2 << 20;

/// One code's compiled rules.
pub(crate) struct Rule {
    words: Vec<Vec<String>>,
    not: Vec<Vec<String>>,
    /// The code's regular expressions as one set: an answer is scanned once for all of them.
    regex: RegexSet,
}

/// A word without its plural ending.
fn stem(w: &str) -> String {
    let n = w.chars().count();
    if n > 4 && w.ends_with("ies") {
        return format!("{}y", &w[..w.len() - 3]);
    }
    // "classes", "boxes", "churches", "dishes" lose "es"; "courses", "houses" only "s".
    if n > 4
        && ["sses", "xes", "ches", "shes"]
            .iter()
            .any(|e| w.ends_with(e))
    {
        return w[..w.len() - 2].to_string();
    }
    if n > 3 && w.ends_with('s') && !w.ends_with("ss") {
        return w[..w.len() - 1].to_string();
    }
    w.to_string()
}

/// An answer or phrase as folded words: lower case, accents off, split on anything that is
/// not a letter or digit, each word stemmed.
pub(crate) fn words(s: &str) -> Vec<String> {
    let folded = deunicode::deunicode(&s.to_lowercase());
    folded
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(stem)
        .collect()
}

/// Whether `phrase` occurs in `answer` as consecutive words.
fn holds(answer: &[String], phrase: &[String]) -> bool {
    !phrase.is_empty() && answer.windows(phrase.len()).any(|w| w == phrase)
}

impl Rule {
    /// The rules of `code`; Err names the regular expression that does not compile.
    pub(crate) fn new(code: &OptionDef) -> Result<Rule, (usize, String)> {
        // In NFC, as the answers are ("e" + a combining accent is "é").
        let patterns: Vec<String> = (code.regex.iter())
            .map(|r| format!("(?i){}", crate::ingest::nfc(r.get_ref())))
            .collect();
        let one_line = |e: regex::Error| match e {
            regex::Error::Syntax(s) => {
                let last = s.lines().last().unwrap_or("").trim();
                last.trim_start_matches("error: ").to_string()
            }
            regex::Error::CompiledTooBig(n) => {
                format!("needs more than {} MB compiled: make it simpler", n >> 20)
            }
            other => other.to_string(),
        };
        let regex = (RegexSetBuilder::new(&patterns))
            .size_limit(REGEX_BYTES)
            .build()
            .map_err(|e| {
                // Which one: the first that does not compile on its own (else the first).
                let alone = |p: &String| RegexBuilder::new(p).size_limit(REGEX_BYTES).build();
                let at = patterns.iter().position(|p| alone(p).is_err());
                (at.unwrap_or(0), one_line(e))
            })?;
        Ok(Rule {
            words: code.words.iter().map(|w| words(w)).collect(),
            not: code.not.iter().map(|w| words(w)).collect(),
            regex,
        })
    }

    /// Whether an answer (its text, and its folded words) takes the code.
    pub(crate) fn takes(&self, text: &str, answer: &[String]) -> bool {
        let found = self.words.iter().any(|p| holds(answer, p)) || self.regex.is_match(text);
        found && !self.not.iter().any(|p| holds(answer, p))
    }
}

/// A question's codes with their rules compiled once (a coded question's codes, or the
/// options a choice question's codes back-code "other" into): what each typed answer takes.
pub struct Codeframe<'q> {
    rules: Vec<(&'q str, Rule)>,
}

impl<'q> Codeframe<'q> {
    pub fn of(q: &'q Question) -> crate::error::Result<Codeframe<'q>> {
        let rules = (q.codes.iter())
            .map(|c| {
                let rule = Rule::new(c).map_err(|(_, why)| crate::error::Error::Other(why))?;
                Ok((c.code(), rule))
            })
            .collect::<crate::error::Result<_>>()?;
        Ok(Codeframe { rules })
    }

    /// Whether `text` takes each code, in codeframe order.
    pub fn took(&self, text: &str) -> Vec<bool> {
        let answer = words(text);
        (self.rules.iter())
            .map(|(_, r)| r.takes(text, &answer))
            .collect()
    }

    /// The codes `text` takes, in codeframe order.
    pub fn codes(&self, text: &str) -> Vec<&'q str> {
        (self.rules.iter().zip(self.took(text)))
            .filter(|(_, t)| *t)
            .map(|((code, _), _)| *code)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(words: &[&str], not: &[&str]) -> OptionDef {
        let text = format!("code = \"c\"\nlabel = \"C\"\nwords = {words:?}\nnot = {not:?}\n");
        toml::from_str(&text).unwrap()
    }

    #[test]
    fn folded_words_and_plurals() {
        assert_eq!(words("Bibliothèques, CAFÉS!"), ["bibliotheque", "cafe"]);
        assert_eq!(
            words("libraries classes boxes books class"),
            ["library", "class", "box", "book", "class"]
        );
        assert_eq!(words("bus is"), ["bus", "is"]);
        assert_eq!(words("courses houses"), ["course", "house"]);
    }

    #[test]
    fn phrases_not_words_and_regex() {
        let r = Rule::new(&code(
            &["language café", "conversation group"],
            &["no language café"],
        ))
        .unwrap();
        let t = |s: &str| r.takes(s, &words(s));
        assert!(t("A weekly Language Cafe with volunteers"));
        assert!(t("conversation groups in Arabic"));
        assert!(
            !t("a café for languages"),
            "the phrase is two consecutive words"
        );
        assert!(!t("We have no language café yet"));
        let mut c = code(&[], &[]);
        c.regex = vec![toml::Spanned::new(0..0, r"\bjob(s)? club".to_string())];
        let r = Rule::new(&c).unwrap();
        assert!(r.takes("Job clubs with the employment office", &[]));
        c.regex = vec![toml::Spanned::new(0..0, "(".to_string())];
        assert!(Rule::new(&c).is_err());
        // A regular expression typed with a combining accent matches the composed answer.
        c.regex = vec![toml::Spanned::new(0..0, "cafe\u{301}".to_string())];
        assert!(Rule::new(&c).unwrap().takes("Un Café", &[]));
    }
}
