//! LimeSurvey's own words, by the survey's language: "Yes" / "No" / "N/A" in full-answer
//! checkbox columns, and the headings of its timing columns.

use crate::codebook::CheckboxWords;

/// LimeSurvey's own words for "Yes" and "No" by interface language (its `startlanguage`
/// codes; regional variants fall back to the language). "N/A" marks a subquestion not shown.
const YES_NO: &[(&str, &str, &str)] = &[
    ("en", "Yes", "No"),
    ("de", "Ja", "Nein"),
    ("fr", "Oui", "Non"),
    ("es", "Sí", "No"),
    ("it", "Sì", "No"),
    ("pt", "Sim", "Não"),
    ("nl", "Ja", "Nee"),
    ("sv", "Ja", "Nej"),
    ("da", "Ja", "Nej"),
    ("nb", "Ja", "Nei"),
    ("nn", "Ja", "Nei"),
    ("fi", "Kyllä", "Ei"),
    ("pl", "Tak", "Nie"),
    ("cs", "Ano", "Ne"),
    ("tr", "Evet", "Hayır"),
    ("ru", "Да", "Нет"),
    ("uk", "Так", "Ні"),
    ("el", "Ναι", "Όχι"),
    ("ar", "نعم", "لا"),
];

/// LimeSurvey's heading of the response id column in an export with full headings, by
/// language: an export whose other metadata columns were removed starts with it alone.
const RESPONSE_ID: &[&str] = &[
    "Response ID",
    "Antwort ID",
    "ID de la réponse",
    "ID de respuesta",
    "ID risposta",
    "ID da resposta",
    "Antwoord ID",
];

/// Whether `h` is the response id column's heading in any language.
pub(super) fn is_response_id(h: &str) -> bool {
    RESPONSE_ID.iter().any(|w| w.eq_ignore_ascii_case(h.trim()))
}

/// The (yes, no, not shown) words for a response in `lang`.
pub(super) fn words_for<'a>(
    lang: &str,
    own: Option<&'a CheckboxWords>,
) -> (Vec<&'a str>, Vec<&'a str>, Vec<&'a str>) {
    if let Some(w) = own {
        return (
            vec![w.yes.as_str()],
            vec![w.no.as_str()],
            vec![w.not_shown.as_str()],
        );
    }
    let base = lang.split(['-', '_']).next().unwrap_or("").to_lowercase();
    match YES_NO.iter().find(|(l, _, _)| *l == base) {
        Some((_, y, n)) => (vec![y], vec![n], vec!["N/A"]),
        None => (Vec::new(), Vec::new(), vec!["N/A"]),
    }
}

/// The interface language whose Yes / No words the given cells use, for an export without its
/// `startlanguage` column (a publisher kept only the answers): None when no language's words
/// cover them, or the cells hold no word at all.
pub(super) fn language_of<'a>(
    cells: impl Iterator<Item = &'a str> + Clone,
) -> Option<&'static str> {
    YES_NO.iter().find_map(|(lang, y, n)| {
        let mut any = false;
        let covered = cells.clone().all(|v| {
            let v = v.trim();
            let word = v == *y || v == *n;
            any |= word;
            word || v.is_empty() || v == "Y" || v == "N" || v == "N/A"
        });
        (covered && any).then_some(*lang)
    })
}

/// Timing columns, by code (`interviewtime`, `groupTime12`, `Q1Time`) or, in an export with
/// full headings, by LimeSurvey's own words for them in the survey's language.
pub(super) fn is_timing(h: &str) -> bool {
    const TOTAL: [&str; 6] = [
        "Total time",
        "Gesamtzeit",
        "Temps total",
        "Tiempo total",
        "Tempo totale",
        "Totale tijd",
    ];
    const PARTS: [&str; 10] = [
        "Group time:",
        "Question time:",
        "Gruppenzeit:",
        "Fragezeit:",
        "Temps du groupe :",
        "Temps de la question :",
        "Tiempo del grupo:",
        "Tiempo de la pregunta:",
        "Groepstijd:",
        "Vraagtijd:",
    ];
    h == "interviewtime"
        || h.starts_with("groupTime")
        || (h.ends_with("Time") && !h.contains('['))
        || TOTAL.contains(&h)
        || PARTS.iter().any(|p| h.starts_with(p))
}
