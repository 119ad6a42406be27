//! Personal data in a one-column block, found by its heading and by its cells: people's names
//! (a recorder, an interviewer), coordinates and GPS points, IP addresses, phone numbers.
//! Such a column is drafted into `pii_columns`, with the reason printed, so it never reaches
//! an output. (E-mail questions are drafted as `pii = true` text: "answered" is kept.)

use super::Answers;
use crate::ingest::{ExportColumn, RawExport};

/// Heading words naming the person who filled in or recorded the form.
const PERSON_WORDS: &[&str] = &[
    "recorder",
    "recorded by",
    "interviewer",
    "enumerator",
    "surveyor",
    "submitted by",
    "submitted_by",
    "filled by",
    "completed by",
    "respondent name",
    "full name",
    "first name",
    "last name",
    "surname",
    "your name",
    "contact name",
    "username",
    "name",
];
/// Heading words naming a postal address.
const ADDRESS_WORDS: &[&str] = &["address", "street", "postcode", "zip code", "postal code"];
/// Heading words naming a date of birth.
const BIRTH_WORDS: &[&str] = &[
    "dob",
    "date of birth",
    "birth date",
    "birthdate",
    "birthday",
];
/// Heading words naming a location fix.
const LOCATION_WORDS: &[&str] = &[
    "latitude",
    "longitude",
    "altitude",
    "geopoint",
    "geolocation",
    "gps",
    "coordinates",
    "_precision",
];

fn words_of(heading: &str) -> String {
    let h = heading
        .trim()
        .to_lowercase()
        .replace(['_', '-', '.', '/'], " ");
    format!(" {} ", h.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// A word list as headings are compared: each entry through [`words_of`], once.
struct Words(std::sync::LazyLock<Vec<String>>);

macro_rules! words {
    ($name:ident, $list:ident) => {
        static $name: Words = Words(std::sync::LazyLock::new(|| {
            $list.iter().map(|w| words_of(w)).collect()
        }));
    };
}
words!(PERSON, PERSON_WORDS);
words!(ADDRESS, ADDRESS_WORDS);
words!(BIRTH, BIRTH_WORDS);
words!(LOCATION, LOCATION_WORDS);

fn heading_has(heading: &str, list: &Words) -> bool {
    let h = words_of(heading);
    list.0.iter().any(|w| h.contains(w.as_str()))
}

fn is_ipv4(v: &str) -> bool {
    let parts: Vec<&str> = v.split('.').collect();
    parts.len() == 4
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.len() <= 3 && p.parse::<u8>().is_ok())
}

fn is_ip(v: &str) -> bool {
    is_ipv4(v) || (v.contains(':') && v.parse::<std::net::Ipv6Addr>().is_ok())
}

/// A phone number: 7–15 digits with the separators people type, not a plain number.
fn is_phone(v: &str) -> bool {
    let digits = v.chars().filter(char::is_ascii_digit).count();
    let allowed = v
        .chars()
        .all(|c| c.is_ascii_digit() || " +-().".contains(c));
    let formatted = v.starts_with('+') || v.starts_with('0') || v.contains([' ', '-', '(']);
    allowed && formatted && (7..=15).contains(&digits) && !v.contains("..") && !is_date(v)
}

/// Whole numbers that identify someone or something rather than measure: unformatted phone
/// numbers (8 to 15 digits, nearly all different), and codes all of one length of five or more
/// digits, each given once (completion or verification codes, record numbers). A mean or a
/// minimum of these publishes a respondent's number.
fn number_identifiers(vals: &Answers) -> Option<String> {
    let n = vals.n;
    let digits = |v: &str| {
        let d = v.strip_prefix('+').unwrap_or(v);
        (!d.is_empty() && d.bytes().all(|b| b.is_ascii_digit())).then_some(d.len())
    };
    let lens: Vec<usize> = vals
        .distinct
        .iter()
        .map(|(v, _)| digits(v))
        .collect::<Option<_>>()?;
    // Nearly all different: at most one answer in ten a repeat.
    let distinct = vals.distinct.len();
    if n < 5 || distinct * 10 < n * 9 {
        return None;
    }
    if lens.iter().all(|l| (8..=15).contains(l)) {
        return Some(format!(
            "phone numbers or identifiers: {n} answers of 8 to 15 digits, {distinct} different"
        ));
    }
    let one_length = lens.windows(2).all(|w| w[0] == w[1]);
    if one_length && lens[0] >= 5 && distinct == n {
        return Some(format!(
            "identifier-like codes: {n} whole numbers of {} digits, each given once",
            lens[0]
        ));
    }
    // Twenty or more whole numbers, all but one in a hundred given once, filling a run (1000,
    // 1001 … 1051; a record entered twice): record numbers. A count or an age repeats long
    // before that; a measure spreads out.
    let values: Vec<u64> = vals
        .distinct
        .iter()
        .map(|(v, _)| v.parse().ok())
        .collect::<Option<_>>()?;
    let (lo, hi) = (values.iter().min()?, values.iter().max()?);
    let run = (hi - lo)
        .checked_add(1)
        .is_some_and(|span| span.saturating_mul(2) <= n as u64 * 3);
    (n >= 20 && distinct * 100 >= n * 99 && run).then(|| {
        format!(
            "identifier-like numbers: {n} whole numbers from {lo} to {hi}, {distinct} different"
        )
    })
}

/// 2003-08-30, 30-08-2003: a date, not a phone number.
fn is_date(v: &str) -> bool {
    let parts: Vec<&str> = v.split(['-', '/', '.']).collect();
    let lens: Vec<usize> = parts.iter().map(|p| p.len()).collect();
    parts.len() == 3
        && parts.iter().all(|p| p.chars().all(|c| c.is_ascii_digit()))
        && (lens == [4, 2, 2]
            || lens == [2, 2, 4]
            || lens == [1, 1, 4]
            || lens == [1, 2, 4]
            || lens == [2, 1, 4])
}

/// A GPS point as ODK writes it: "lat lon [alt [accuracy]]".
fn is_geopoint(v: &str) -> bool {
    let nums: Vec<f64> = v
        .split_whitespace()
        .filter_map(|p| p.parse::<f64>().ok())
        .collect();
    (2..=4).contains(&nums.len())
        && nums.len() == v.split_whitespace().count()
        && nums[0].abs() <= 90.0
        && nums[1].abs() <= 180.0
        && v.contains('.')
}

/// Words that start survey answers, never people's names.
#[rustfmt::skip]
const NOT_NAMES: &[&str] = &[
    "library", "libraries", "public", "school", "university", "academic", "national", "special",
    "other", "none", "yes", "no", "not", "very", "good", "bad", "strongly", "agree", "disagree",
    "social", "local", "community", "service", "services", "internet", "access", "full", "part",
    "time", "male", "female", "high", "low", "north", "south", "east", "west", "central", "new",
    "never", "always", "often", "online", "health", "language", "the", "and", "for", "all", "some",
    "most", "less", "more", "daily", "weekly", "monthly", "staff", "city", "county", "state",
    "region", "district", "rural", "urban", "america", "asia", "europe", "africa", "somewhat",
    "extremely", "fairly", "quite", "slightly", "neither", "satisfied", "dissatisfied",
    "important", "likely", "unlikely", "neutral", "of", "in", "on", "at", "by", "with", "from",
    "word", "mouth", "media", "friends", "family", "children", "adults", "women", "men",
    "students", "refugees", "migrants", "newcomers", "books", "classes",
];

/// A person's name: two or three capitalised words ("Maria Lopez", "Jean-Paul Sartre").
fn is_person_name(v: &str) -> bool {
    let words: Vec<&str> = v.split_whitespace().collect();
    (2..=3).contains(&words.len())
        && crate::country::lookup(v).is_none()
        && words.iter().all(|w| {
            !NOT_NAMES.contains(&w.to_lowercase().as_str())
                && w.split(['-', '\'']).all(|part| {
                    let mut cs = part.chars();
                    cs.next().is_some_and(char::is_uppercase)
                        && cs.clone().next().is_some()
                        && cs.all(char::is_lowercase)
                })
        })
}

fn share(vals: &Answers, f: impl Fn(&str) -> bool) -> (usize, usize) {
    (vals.count(f), vals.n)
}

/// Why a column holds personal data, or None.
pub(super) fn detect(raw: &RawExport, col: &ExportColumn) -> Option<String> {
    let h = &col.heading;
    if heading_has(h, &LOCATION) {
        return Some("a location (coordinates), by its heading".into());
    }
    let vals = Answers::of(raw, col);
    let most = |(k, n): (usize, usize)| n > 0 && k * 2 > n;
    // E-mail answers are a `pii = true` question (whether it was answered is kept).
    if most(share(&vals, |v| v.contains('@') && v.contains('.'))) {
        return None;
    }
    let nearly_all = |(k, n): (usize, usize)| n > 0 && k * 10 >= n * 9;
    let (k, n) = share(&vals, is_ip);
    if most((k, n)) {
        return Some(format!("IP addresses in {k} of {n} cells"));
    }
    let (k, n) = share(&vals, is_geopoint);
    if most((k, n)) {
        return Some(format!("GPS points in {k} of {n} cells"));
    }
    let (k, n) = share(&vals, is_phone);
    if most((k, n)) {
        return Some(format!("phone numbers in {k} of {n} cells"));
    }
    if let Some(why) = number_identifiers(&vals) {
        return Some(why);
    }
    if heading_has(h, &BIRTH) {
        return Some("a date of birth, by its heading".into());
    }
    if heading_has(h, &PERSON) {
        return Some("a person's name, by its heading".into());
    }
    let web = ["mail", "ip address", "web", "url"];
    // Addresses are nearly all different; answers that recur are a choice about one ("Is
    // there enough street parking near you?").
    let recur = vals.distinct.len() * 2 <= vals.n;
    if heading_has(h, &ADDRESS) && !web.iter().any(|w| h.to_lowercase().contains(w)) && !recur {
        return Some("a postal address, by its heading".into());
    }
    let (k, n) = share(&vals, is_person_name);
    if nearly_all((k, n)) && vals.distinct.len() >= 2 {
        return Some(format!("people's names in {k} of {n} cells"));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answers(values: &[&'static str]) -> Answers<'static> {
        let mut distinct: Vec<(&str, usize)> = Vec::new();
        for v in values {
            match distinct.iter_mut().find(|(u, _)| u == v) {
                Some(slot) => slot.1 += 1,
                None => distinct.push((v, 1)),
            }
        }
        Answers {
            distinct,
            n: values.len(),
        }
    }

    #[test]
    fn numbers_that_identify_are_told_from_numbers_that_measure() {
        // Unformatted phone numbers (issue 25, class 6).
        let phones = [
            "5551234567",
            "5559876543",
            "4155550100",
            "2125550199",
            "3125550142",
            "6175550123",
        ];
        assert!(number_identifiers(&answers(&phones))
            .unwrap()
            .starts_with("phone numbers"));
        // Completion codes: five digits each, each given once.
        let codes = ["48213", "90177", "11852", "63009", "27441", "85530"];
        assert!(number_identifiers(&answers(&codes))
            .unwrap()
            .starts_with("identifier-like"));
        // Budgets: different lengths, a repeat: a measure.
        let budgets = ["50000", "120000", "75000", "50000", "9000", "250000"];
        assert_eq!(number_identifiers(&answers(&budgets)), None);
        // Staff counts, years: small numbers or repeats.
        let staff = ["3", "12", "5", "7", "40", "2"];
        assert_eq!(number_identifiers(&answers(&staff)), None);
        let years = ["2019", "2020", "2019", "2018", "2021", "2020"];
        assert_eq!(number_identifiers(&answers(&years)), None);
        // Too few answers to say.
        assert_eq!(number_identifiers(&answers(&phones[..3])), None);
    }

    #[test]
    fn recognisers() {
        assert!(is_ip("192.168.0.1") && is_ip("2001:db8::1") && !is_ip("1.2.3"));
        assert!(!is_ip("12:30"));
        assert!(is_phone("+44 20 7946 0958") && is_phone("020-7946-0958"));
        assert!(!is_phone("1234567") && !is_phone("2019") && !is_phone("3.5"));
        assert!(!is_phone("2003-08-30") && !is_phone("30/08/2003"));
        assert!(is_geopoint("-1.2921 36.8219 1795 5") && !is_geopoint("3 4"));
        assert!(is_person_name("Maria Lopez") && is_person_name("Jean-Paul Sartre"));
        assert!(!is_person_name("Public Library") && !is_person_name("United Kingdom"));
        assert!(!is_person_name("Maria") && !is_person_name("Very Good"));
        assert!(!is_person_name("Somewhat Satisfied") && !is_person_name("Word Of Mouth"));
    }

    #[test]
    fn headings() {
        assert!(heading_has("_point_latitude", &LOCATION));
        assert!(heading_has("Recorder", &PERSON));
        assert!(heading_has("_submitted_by", &PERSON));
        assert!(!heading_has("Recording studio", &PERSON));
        assert!(!heading_has("How many staff?", &PERSON));
        assert!(heading_has("name_first", &PERSON));
        assert!(!heading_has("Renamed services", &PERSON));
        assert!(heading_has("Home address", &ADDRESS));
    }
}
