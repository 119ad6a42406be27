//! Standard response-anchor sets: the rating scales surveys use (agreement, frequency,
//! satisfaction, importance, likelihood, quality, favourability, familiarity, degree), in
//! English, French, German, Spanish, Portuguese and Italian, each a ladder of labels lowest
//! first (after Vagias 2006 for the English sets, and the usual translations). A scale whose
//! labels all sit on one ladder, each at its own rung, is in that ladder's order: evidence, not
//! a guess. So is a scale whose labels carry distinct number prefixes ("1 - Not at all"), and
//! one whose labels are degrees of one word ("Not polarized" … "Strongly polarized").
//! Don't-know / not-applicable / prefer-not points are recognised in the six languages.

use super::place::Place;

/// A ladder: its labels (folded: lowercase ASCII) with their rungs, and the rung of its
/// midpoint when it has one.
struct Ladder {
    rungs: &'static [(&'static str, u8)],
    neutral: Option<u8>,
}

const fn ladder(rungs: &'static [(&'static str, u8)], neutral: Option<u8>) -> Ladder {
    Ladder { rungs, neutral }
}

#[rustfmt::skip]
const LADDERS: &[Ladder] = &[
    // Agreement.
    ladder(&[
        ("strongly disagree", 0), ("completely disagree", 0), ("totally disagree", 0),
        ("disagree", 1), ("mostly disagree", 1),
        ("somewhat disagree", 2), ("slightly disagree", 2), ("tend to disagree", 2),
        ("mildly disagree", 2),
        ("neither agree nor disagree", 3), ("neither agree or disagree", 3), ("neutral", 3),
        ("undecided", 3),
        ("somewhat agree", 4), ("slightly agree", 4), ("tend to agree", 4),
        ("mildly agree", 4),
        ("agree", 5), ("mostly agree", 5),
        ("strongly agree", 6), ("completely agree", 6), ("totally agree", 6),
    ], Some(3)),
    ladder(&[
        ("pas du tout d'accord", 0), ("tout a fait en desaccord", 0),
        ("fortement en desaccord", 0), ("totalement en desaccord", 0),
        ("pas d'accord", 1), ("en desaccord", 1),
        ("plutot pas d'accord", 2), ("plutot en desaccord", 2), ("peu d'accord", 2),
        ("ni d'accord ni pas d'accord", 3), ("ni en accord ni en desaccord", 3),
        ("ni d'accord, ni pas d'accord", 3), ("neutre", 3), ("sans avis", 3),
        ("plutot d'accord", 4), ("assez d'accord", 4),
        ("d'accord", 5),
        ("tout a fait d'accord", 6), ("fortement d'accord", 6), ("totalement d'accord", 6),
    ], Some(3)),
    ladder(&[
        ("stimme uberhaupt nicht zu", 0), ("stimme gar nicht zu", 0),
        ("trifft uberhaupt nicht zu", 0), ("trifft gar nicht zu", 0),
        ("stimme nicht zu", 1), ("trifft nicht zu", 1),
        ("stimme eher nicht zu", 2), ("trifft eher nicht zu", 2),
        ("teils/teils", 3), ("teils, teils", 3), ("weder noch", 3), ("neutral", 3),
        ("unentschieden", 3),
        ("stimme eher zu", 4), ("trifft eher zu", 4),
        ("stimme zu", 5), ("trifft zu", 5),
        ("stimme voll und ganz zu", 6), ("stimme voll zu", 6), ("stimme vollig zu", 6),
        ("trifft voll und ganz zu", 6), ("trifft voll zu", 6), ("trifft vollig zu", 6),
    ], Some(3)),
    ladder(&[
        ("totalmente en desacuerdo", 0), ("muy en desacuerdo", 0),
        ("completamente en desacuerdo", 0),
        ("en desacuerdo", 1),
        ("algo en desacuerdo", 2), ("parcialmente en desacuerdo", 2),
        ("ni de acuerdo ni en desacuerdo", 3), ("neutral", 3), ("indiferente", 3),
        ("algo de acuerdo", 4), ("parcialmente de acuerdo", 4),
        ("de acuerdo", 5),
        ("totalmente de acuerdo", 6), ("muy de acuerdo", 6), ("completamente de acuerdo", 6),
    ], Some(3)),
    ladder(&[
        ("discordo totalmente", 0), ("discordo completamente", 0), ("discordo fortemente", 0),
        ("discordo", 1),
        ("discordo parcialmente", 2),
        ("nao concordo nem discordo", 3), ("neutro", 3), ("indiferente", 3),
        ("concordo parcialmente", 4),
        ("concordo", 5),
        ("concordo totalmente", 6), ("concordo completamente", 6), ("concordo fortemente", 6),
    ], Some(3)),
    ladder(&[
        ("fortemente in disaccordo", 0), ("completamente in disaccordo", 0),
        ("per niente d'accordo", 0), ("totalmente in disaccordo", 0),
        ("in disaccordo", 1), ("poco d'accordo", 1),
        ("parzialmente in disaccordo", 2),
        ("ne d'accordo ne in disaccordo", 3), ("neutrale", 3), ("indifferente", 3),
        ("parzialmente d'accordo", 4), ("abbastanza d'accordo", 4),
        ("d'accordo", 5),
        ("fortemente d'accordo", 6), ("completamente d'accordo", 6), ("molto d'accordo", 6),
        ("totalmente d'accordo", 6),
    ], Some(3)),
    // Frequency.
    ladder(&[
        ("never", 0),
        ("almost never", 1), ("rarely", 1), ("seldom", 1),
        ("occasionally", 2), ("sometimes", 2), ("about half the time", 2),
        ("often", 3), ("frequently", 3), ("usually", 3), ("most of the time", 3), ("mostly", 3),
        ("fairly often", 3),
        ("very often", 4), ("almost always", 4), ("very frequently", 4),
        ("always", 5),
    ], Some(2)),
    ladder(&[
        ("jamais", 0),
        ("presque jamais", 1), ("rarement", 1),
        ("parfois", 2), ("de temps en temps", 2), ("quelquefois", 2), ("occasionnellement", 2),
        ("souvent", 3), ("frequemment", 3), ("la plupart du temps", 3),
        ("tres souvent", 4), ("presque toujours", 4),
        ("toujours", 5),
    ], Some(2)),
    ladder(&[
        ("nie", 0), ("niemals", 0),
        ("fast nie", 1), ("selten", 1),
        ("manchmal", 2), ("gelegentlich", 2),
        ("oft", 3), ("haufig", 3), ("meistens", 3),
        ("sehr oft", 4), ("sehr haufig", 4), ("fast immer", 4),
        ("immer", 5),
    ], Some(2)),
    ladder(&[
        ("nunca", 0),
        ("casi nunca", 1), ("rara vez", 1), ("raramente", 1), ("quase nunca", 1),
        ("a veces", 2), ("algunas veces", 2), ("ocasionalmente", 2), ("as vezes", 2),
        ("algumas vezes", 2),
        ("a menudo", 3), ("frecuentemente", 3), ("con frecuencia", 3), ("frequentemente", 3),
        ("muitas vezes", 3), ("com frequencia", 3),
        ("casi siempre", 4), ("muy a menudo", 4), ("quase sempre", 4),
        ("siempre", 5), ("sempre", 5),
    ], Some(2)),
    ladder(&[
        ("mai", 0),
        ("quasi mai", 1), ("raramente", 1), ("di rado", 1),
        ("a volte", 2), ("qualche volta", 2), ("talvolta", 2), ("occasionalmente", 2),
        ("spesso", 3), ("frequentemente", 3),
        ("molto spesso", 4), ("quasi sempre", 4),
        ("sempre", 5),
    ], Some(2)),
    // How often something is used, by period.
    ladder(&[
        ("never", 0), ("not at all", 0),
        ("less than once a year", 1), ("once a year or less", 1),
        ("a few times a year", 2), ("several times a year", 2), ("once a year", 2),
        ("less than once a month", 3), ("less often than monthly", 3),
        ("once a month", 4), ("monthly", 4), ("about once a month", 4),
        ("a few times a month", 5), ("several times a month", 5), ("2-3 times a month", 5),
        ("once a week", 6), ("weekly", 6), ("about once a week", 6),
        ("a few times a week", 7), ("several times a week", 7), ("2-3 times a week", 7),
        ("daily", 8), ("every day", 8), ("almost every day", 8), ("once a day", 8),
        ("several times a day", 9), ("more than once a day", 9),
    ], None),
    // Quality.
    ladder(&[
        ("very poor", 0), ("terrible", 0),
        ("poor", 1),
        ("fair", 2), ("average", 2),
        ("good", 3),
        ("very good", 4),
        ("excellent", 5),
    ], None),
    ladder(&[
        ("tres mauvais", 0),
        ("mauvais", 1),
        ("moyen", 2), ("passable", 2),
        ("bon", 3),
        ("tres bon", 4),
        ("excellent", 5),
    ], None),
    ladder(&[
        ("sehr schlecht", 0),
        ("schlecht", 1),
        ("eher schlecht", 2),
        ("weder gut noch schlecht", 3), ("mittelmassig", 3), ("befriedigend", 3),
        ("teils/teils", 3),
        ("eher gut", 4),
        ("gut", 5),
        ("sehr gut", 6),
        ("ausgezeichnet", 7), ("hervorragend", 7),
    ], Some(3)),
    ladder(&[
        ("muy malo", 0),
        ("malo", 1),
        ("regular", 2),
        ("bueno", 3),
        ("muy bueno", 4),
        ("excelente", 5),
        ("muito ruim", 0),
        ("ruim", 1),
        ("razoavel", 2),
        ("bom", 3),
        ("muito bom", 4),
    ], None),
    ladder(&[
        ("pessimo", 0), ("molto scarso", 0),
        ("scarso", 1),
        ("sufficiente", 2), ("discreto", 2),
        ("buono", 3),
        ("molto buono", 4),
        ("ottimo", 5), ("eccellente", 5),
    ], None),
    // Favourability.
    ladder(&[
        ("very unfavorable", 0), ("very unfavourable", 0), ("very unfavorably", 0),
        ("very unfavourably", 0),
        ("unfavorable", 1), ("unfavourable", 1), ("unfavorably", 1), ("unfavourably", 1),
        ("somewhat unfavorable", 1), ("somewhat unfavourable", 1), ("somewhat unfavorably", 1),
        ("somewhat unfavourably", 1), ("mostly unfavorable", 1), ("mostly unfavorably", 1),
        ("neither favorable nor unfavorable", 2), ("neither favourable nor unfavourable", 2),
        ("neutral", 2),
        ("somewhat favorable", 3), ("somewhat favourable", 3), ("somewhat favorably", 3),
        ("somewhat favourably", 3), ("mostly favorable", 3), ("mostly favorably", 3),
        ("favorable", 3), ("favourable", 3), ("favorably", 3), ("favourably", 3),
        ("very favorable", 4), ("very favourable", 4), ("very favorably", 4),
        ("very favourably", 4),
    ], Some(2)),
    // Satisfaction (French, German, Spanish, Portuguese, Italian; English is in the word rules).
    ladder(&[
        ("pas du tout satisfait", 0), ("tres insatisfait", 0), ("pas satisfait du tout", 0),
        ("insatisfait", 1), ("pas satisfait", 1), ("peu satisfait", 1),
        ("plutot insatisfait", 1), ("plutot pas satisfait", 1),
        ("ni satisfait ni insatisfait", 2), ("neutre", 2),
        ("plutot satisfait", 3), ("assez satisfait", 3), ("satisfait", 3),
        ("tres satisfait", 4), ("tout a fait satisfait", 4),
        ("sehr unzufrieden", 0),
        ("unzufrieden", 1), ("eher unzufrieden", 1),
        ("teils/teils", 2), ("weder zufrieden noch unzufrieden", 2),
        ("eher zufrieden", 3), ("zufrieden", 3),
        ("sehr zufrieden", 4),
        ("muy insatisfecho", 0),
        ("insatisfecho", 1),
        ("ni satisfecho ni insatisfecho", 2),
        ("satisfecho", 3),
        ("muy satisfecho", 4),
        ("muito insatisfeito", 0),
        ("insatisfeito", 1),
        ("nem satisfeito nem insatisfeito", 2),
        ("satisfeito", 3),
        ("muito satisfeito", 4),
        ("molto insoddisfatto", 0), ("per niente soddisfatto", 0),
        ("insoddisfatto", 1), ("poco soddisfatto", 1),
        ("ne soddisfatto ne insoddisfatto", 2),
        ("abbastanza soddisfatto", 3), ("soddisfatto", 3),
        ("molto soddisfatto", 4),
    ], Some(2)),
    // Importance (French, German, Spanish, Portuguese, Italian).
    ladder(&[
        ("pas du tout important", 0),
        ("pas important", 1), ("peu important", 1), ("plutot pas important", 1),
        ("moyennement important", 2),
        ("plutot important", 3), ("important", 3),
        ("tres important", 4),
        ("extremement important", 5),
        ("nada importante", 0),
        ("poco importante", 1),
        ("algo importante", 2),
        ("importante", 3),
        ("muy importante", 4),
        ("nada importante", 0),
        ("pouco importante", 1),
        ("muito importante", 4),
        ("per niente importante", 0),
        ("poco importante", 1),
        ("abbastanza importante", 3),
        ("molto importante", 4),
    ], None),
    ladder(&[
        ("vollig unwichtig", 0), ("uberhaupt nicht wichtig", 0), ("gar nicht wichtig", 0),
        ("unwichtig", 1), ("nicht wichtig", 1),
        ("eher unwichtig", 2), ("weniger wichtig", 2), ("kaum wichtig", 2),
        ("teils/teils", 3), ("mittel", 3), ("massig wichtig", 3), ("mittelmassig wichtig", 3),
        ("eher wichtig", 4),
        ("wichtig", 5),
        ("sehr wichtig", 6),
        ("ausserst wichtig", 7), ("aeusserst wichtig", 7),
    ], Some(3)),
    // Likelihood.
    ladder(&[
        ("very unlikely", 0), ("extremely unlikely", 0),
        ("unlikely", 1), ("somewhat unlikely", 1),
        ("neither likely nor unlikely", 2), ("not sure", 2),
        ("somewhat likely", 3), ("likely", 3),
        ("very likely", 4), ("extremely likely", 4),
        ("tres peu probable", 0),
        ("peu probable", 1),
        ("probable", 3),
        ("tres probable", 4),
        ("sehr unwahrscheinlich", 0),
        ("unwahrscheinlich", 1),
        ("wahrscheinlich", 3),
        ("sehr wahrscheinlich", 4),
        ("muy improbable", 0),
        ("improbable", 1),
        ("probable", 3),
        ("muy probable", 4),
    ], Some(2)),
];

/// Degrees of one quality ("Not polarized", "Slightly polarized" … "Extremely polarized"), in
/// the six languages, lowest first.
#[rustfmt::skip]
const DEGREES: &[(&str, u8)] = &[
    ("not at all", 0), ("not", 0), ("pas du tout", 0), ("gar nicht", 0), ("uberhaupt nicht", 0),
    ("nada", 0), ("per niente", 0),
    ("slightly", 1), ("a little", 1), ("barely", 1), ("un peu", 1), ("peu", 1), ("etwas", 1),
    ("kaum", 1), ("poco", 1), ("pouco", 1),
    ("somewhat", 2), ("fairly", 2), ("rather", 2), ("assez", 2), ("plutot", 2), ("eher", 2),
    ("algo", 2), ("abbastanza", 2), ("bastante", 2),
    ("moderately", 3), ("moyennement", 3), ("mittelmassig", 3), ("moderadamente", 3),
    ("moderatamente", 3),
    ("very", 4), ("quite", 4), ("highly", 4), ("tres", 4), ("sehr", 4), ("muy", 4), ("muito", 4),
    ("molto", 4),
    ("extremely", 5), ("strongly", 5), ("completely", 5), ("totally", 5), ("extremement", 5),
    ("tout a fait", 5), ("ausserst", 5), ("vollig", 5), ("extremadamente", 5), ("extremamente", 5),
    ("estremamente", 5),
];

/// Don't know, not applicable, prefer not to say … in the six languages (folded), matched as
/// whole words.
#[rustfmt::skip]
const NOT_APPLICABLE: &[&str] = &[
    "don't know", "do not know", "dont know", "not applicable", "n/a", "no opinion",
    "prefer not to say", "prefer not to answer", "rather not say", "unsure", "not sure",
    "cannot say", "can't say", "does not apply", "no answer", "unfamiliar", "never heard of it",
    "not familiar", "je ne sais pas", "ne sais pas", "ne se prononce pas", "nsp", "sans objet",
    "non applicable", "non concerne", "sans opinion", "je prefere ne pas repondre", "weiss nicht",
    "weiss ich nicht", "keine angabe", "kann ich nicht beurteilen", "nicht zutreffend",
    "keine meinung", "entfallt", "no se", "no sabe", "no aplica", "no sabe/no contesta", "ns/nc",
    "prefiero no responder", "no corresponde", "nao sei", "nao sabe", "nao se aplica",
    "prefiro nao responder", "nao aplicavel", "non so", "non saprei", "non applicabile",
    "preferisco non rispondere", "non pertinente",
];

/// A label folded for comparison: accents and case gone, a number prefix ("1 - ", "(2)",
/// "3.") and trailing punctuation removed, spaces single.
pub(crate) fn fold(label: &str) -> String {
    let ascii = deunicode::deunicode(label)
        .to_lowercase()
        .replace(['`', '´'], "'");
    let rest = strip_number(&ascii).map_or(ascii.as_str(), |(_, r)| r);
    let words: Vec<&str> = rest.split_whitespace().collect();
    words
        .join(" ")
        .trim_end_matches(['.', '!', ':'])
        .trim()
        .to_string()
}

/// A label's number prefix and the rest: "1 - Not at all" → (1, "Not at all"); also "(1)",
/// "1.", "1:" and "1)". None without one (or when the number is the whole label).
fn strip_number(s: &str) -> Option<(u32, &str)> {
    let t = s.trim_start();
    let t = t.strip_prefix('(').unwrap_or(t);
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 3 {
        return None;
    }
    let n: u32 = t[..digits].parse().ok()?;
    let rest = t[digits..].trim_start_matches([')', '.', ':', '-', '–', '=', ' ']);
    (rest.len() < t.len() - digits && !rest.is_empty() && rest.starts_with(char::is_alphabetic))
        .then_some((n, rest))
}

/// Whether a label is a don't-know / not-applicable / prefer-not point.
pub(crate) fn not_applicable(label: &str) -> bool {
    // The words padded once (this runs for every distinct answer `init` weighs).
    static PADDED: std::sync::LazyLock<Vec<String>> =
        std::sync::LazyLock::new(|| NOT_APPLICABLE.iter().map(|w| format!(" {w} ")).collect());
    let f = fold(label).replace(['(', ')', '[', ']', ','], " ");
    let padded = format!(" {} ", f.split_whitespace().collect::<Vec<_>>().join(" "));
    PADDED.iter().any(|w| padded.contains(w.as_str()))
}

/// Places from rungs: relative to the ladder's midpoint when it has one (the midpoint at 0),
/// else one above the rung (never 0: no point of a unipolar scale is its midpoint).
fn places(rungs: &[u8], neutral: Option<u8>) -> Vec<Place> {
    rungs
        .iter()
        .map(|&r| match neutral {
            Some(n) => Place::At(r as f64 - n as f64),
            None => Place::At(r as f64 + 1.0),
        })
        .collect()
}

/// Rungs of `labels` on one ladder where each has its own; None otherwise.
fn on_ladder(labels: &[String], ladder: &Ladder) -> Option<Vec<Place>> {
    let rungs: Vec<u8> = labels
        .iter()
        .map(|l| ladder.rungs.iter().find(|(t, _)| t == l).map(|(_, r)| *r))
        .collect::<Option<_>>()?;
    distinct(&rungs).then(|| places(&rungs, ladder.neutral))
}

fn distinct(rungs: &[u8]) -> bool {
    let mut sorted = rungs.to_vec();
    sorted.sort_unstable();
    sorted.windows(2).all(|w| w[0] != w[1])
}

/// Degrees of one word: every label a degree followed by the same rest, at distinct degrees.
fn degrees(labels: &[String]) -> Option<Vec<Place>> {
    let mut rest: Option<&str> = None;
    let mut rungs = Vec::new();
    for l in labels {
        let (word, r) = DEGREES
            .iter()
            .filter_map(|(d, r)| {
                let after = l.strip_prefix(d)?.strip_prefix(' ')?;
                Some((after, *r))
            })
            .max_by_key(|(after, _)| std::cmp::Reverse(after.len()))?;
        // The stem must be one word or two ("polarized", "familiar with").
        if word.split(' ').count() > 2 || rest.is_some_and(|s| s != word) {
            return None;
        }
        rest = Some(word);
        rungs.push(r);
    }
    (labels.len() >= 3 && distinct(&rungs)).then(|| places(&rungs, None))
}

/// Number prefixes ("1 - Not at all", "2", "3", "4", "5 - Extremely"): at least one label with
/// a prefix, the others bare whole numbers, all distinct: places from the numbers.
fn numbered(labels: &[&str]) -> Option<Vec<Place>> {
    let mut prefixed = false;
    let ns: Vec<u32> = labels
        .iter()
        .map(|l| {
            let l = deunicode::deunicode(l);
            match strip_number(&l) {
                Some((n, _)) => {
                    prefixed = true;
                    Some(n)
                }
                None => l.trim().parse().ok(),
            }
        })
        .collect::<Option<_>>()?;
    let mut sorted = ns.clone();
    sorted.sort_unstable();
    sorted.dedup();
    (prefixed && sorted.len() == ns.len())
        .then(|| ns.iter().map(|&n| Place::At(n as f64 + 1.0)).collect())
}

/// The order of `labels` from a known anchor set, number prefixes, or degrees of one word, with
/// each label's place; None when none of these settles it. Not-applicable points come last.
pub(crate) fn order(labels: &[&str]) -> Option<Vec<(usize, Place)>> {
    let (na, rated): (Vec<usize>, Vec<usize>) =
        (0..labels.len()).partition(|&k| not_applicable(labels[k]));
    if rated.len() < 2 {
        return None;
    }
    let raw: Vec<&str> = rated.iter().map(|&k| labels[k]).collect();
    let folded: Vec<String> = raw.iter().map(|l| fold(l)).collect();
    let found = LADDERS
        .iter()
        .find_map(|l| on_ladder(&folded, l))
        .or_else(|| numbered(&raw))
        .or_else(|| degrees(&folded))?;
    let mut on: Vec<(usize, Place)> = rated.into_iter().zip(found).collect();
    on.sort_by(|a, b| match (a.1, b.1) {
        (Place::At(x), Place::At(y)) => x.total_cmp(&y),
        _ => std::cmp::Ordering::Equal,
    });
    on.extend(na.into_iter().map(|k| (k, Place::NotApplicable)));
    Some(on)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ordered(labels: &[&str]) -> Option<(Vec<&'static str>, Vec<String>)> {
        let o = order(labels)?;
        let marks = o.iter().map(|(_, p)| p.mark()).collect();
        let names = o.iter().map(|(k, _)| labels[*k].to_string()).collect();
        Some((marks, names))
    }

    #[test]
    fn the_scales_the_unseen_exports_held_are_placed() {
        // Issue 25, class 1: each drafted in first-appearance order before.
        let cases: &[(&[&str], &[&str])] = &[
            (
                &[
                    "Always",
                    "Never",
                    "Rarely",
                    "Do not know",
                    "Most of the time",
                    "Sometimes",
                ],
                &[
                    "Never",
                    "Rarely",
                    "Sometimes",
                    "Most of the time",
                    "Always",
                    "Do not know",
                ],
            ),
            (
                &[
                    "Very favorably",
                    "Unfamiliar (N/A)",
                    "Very unfavorably",
                    "Somewhat favorably",
                    "Somewhat unfavorably",
                ],
                &[
                    "Very unfavorably",
                    "Somewhat unfavorably",
                    "Somewhat favorably",
                    "Very favorably",
                    "Unfamiliar (N/A)",
                ],
            ),
            (
                &[
                    "Plutôt d'accord",
                    "Pas du tout d'accord",
                    "Je ne sais pas",
                    "Tout à fait d'accord",
                    "Plutôt pas d'accord",
                ],
                &[
                    "Pas du tout d'accord",
                    "Plutôt pas d'accord",
                    "Plutôt d'accord",
                    "Tout à fait d'accord",
                    "Je ne sais pas",
                ],
            ),
            (
                &[
                    "Strongly polarized",
                    "Not polarized",
                    "Moderately polarized",
                    "Slightly polarized",
                ],
                &[
                    "Not polarized",
                    "Slightly polarized",
                    "Moderately polarized",
                    "Strongly polarized",
                ],
            ),
            (
                &[
                    "Eher unwichtig",
                    "Sehr wichtig",
                    "Eher wichtig",
                    "Unwichtig",
                ],
                &[
                    "Unwichtig",
                    "Eher unwichtig",
                    "Eher wichtig",
                    "Sehr wichtig",
                ],
            ),
            (
                &["3 - Neutral", "1 - Not at all", "5 - Extremely", "2", "4"],
                &["1 - Not at all", "2", "3 - Neutral", "4", "5 - Extremely"],
            ),
            (&["Red", "1 - Green", "2 - Blue"], &[]),
            (
                &[
                    "3 - Sometimes",
                    "1 - Hardly",
                    "5 - Very much so",
                    "2 - A bit",
                    "4 - Quite a lot",
                ],
                &[
                    "1 - Hardly",
                    "2 - A bit",
                    "3 - Sometimes",
                    "4 - Quite a lot",
                    "5 - Very much so",
                ],
            ),
            (
                &[
                    "Weekly",
                    "Never",
                    "Daily",
                    "Less than once a month",
                    "Once a month",
                ],
                &[
                    "Never",
                    "Less than once a month",
                    "Once a month",
                    "Weekly",
                    "Daily",
                ],
            ),
            (
                &[
                    "A veces",
                    "Nunca",
                    "Siempre",
                    "Casi siempre",
                    "Casi nunca",
                    "No sabe",
                ],
                &[
                    "Nunca",
                    "Casi nunca",
                    "A veces",
                    "Casi siempre",
                    "Siempre",
                    "No sabe",
                ],
            ),
            (
                &[
                    "Wichtig",
                    "Mäßig wichtig",
                    "Sehr wichtig",
                    "Kaum wichtig",
                    "Nicht wichtig",
                ],
                &[
                    "Nicht wichtig",
                    "Kaum wichtig",
                    "Mäßig wichtig",
                    "Wichtig",
                    "Sehr wichtig",
                ],
            ),
            (
                &["Good", "Poor", "Excellent", "Fair", "Very good"],
                &["Poor", "Fair", "Good", "Very good", "Excellent"],
            ),
        ];
        for (given, want) in cases {
            let got = ordered(given).map(|(_, n)| n);
            if want.is_empty() {
                // A label neither numbered nor on a ladder: not settled here.
                assert_eq!(got, None, "{given:?}");
            } else {
                assert_eq!(
                    got.as_deref(),
                    Some(&want.iter().map(|s| s.to_string()).collect::<Vec<_>>()[..]),
                    "{given:?}"
                );
            }
        }
    }

    #[test]
    fn marks_neutral_and_not_applicable_points() {
        let (marks, _) = ordered(&[
            "Sometimes",
            "Never",
            "Always",
            "Rarely",
            "Often",
            "Don't know",
        ])
        .unwrap();
        assert_eq!(marks, ["", "", "neutral", "", "", "not_applicable"]);
        // A unipolar ladder has no midpoint.
        let (marks, _) = ordered(&["Poor", "Fair", "Good", "Very good", "Excellent"]).unwrap();
        assert_eq!(marks, ["", "", "", "", ""]);
    }

    #[test]
    fn labels_off_every_ladder_or_at_one_rung_are_not_placed() {
        assert!(ordered(&["Red", "Green", "Blue"]).is_none());
        // Two labels on one rung: the ladder cannot tell them apart.
        assert!(ordered(&["Rarely", "Seldom", "Always"]).is_none());
        // Yes / No is not a scale.
        assert!(ordered(&["Yes", "No"]).is_none());
        assert!(ordered(&["Non sono d'accordo", "Non so"])
            .is_none_or(|(m, _)| m.contains(&"not_applicable")));
    }
}
