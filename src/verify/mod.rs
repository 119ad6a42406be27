//! `verify`: the numeric claims of a draft checked against the data. Each percentage, share in
//! words, count and change of the draft is matched to the figure its clause names (by the
//! words of the option, its question and the codebook's headline sentences, and the waves the
//! sentence names), then judged ([`judge`]): `ok` when the figure rounds to the stated value at
//! the stated precision (or meets the quantifier), `wrong` (with the right figure and base),
//! `ambiguous` (several figures fit), `unmatched`.

pub mod claims;
pub mod docx;
mod judge;
mod series;
mod words;

use crate::tables::{ClaimCheck, Figure, Results, Verdict, Verification};
use claims::{Claim, Stated};
pub use series::verify_series;
use std::collections::HashMap;
pub(crate) use words::{label_words, tokens, words};

/// A figure of the data with the words that name it (the option's, twice as strong) and the
/// waves it belongs to (a wave's figure: one; a change: two; a single survey: none).
pub(crate) struct Candidate {
    pub figure: Figure,
    pub strong: Vec<String>,
    pub weak: Vec<String>,
    pub waves: Vec<String>,
    /// A change in percentage points, not a percentage.
    pub change: bool,
    /// Words of which one must be in the text (a breakdown group's name), else it does not fit.
    pub required: Vec<String>,
}

/// What a draft is checked against.
pub(crate) struct Data {
    pub survey: String,
    pub unit: String,
    pub respondents: u64,
    pub countries: Option<u64>,
    /// Each question's base, by its short label.
    pub bases: Vec<(String, u64)>,
    /// The wave ids a sentence may name.
    pub waves: Vec<String>,
    pub candidates: Vec<Candidate>,
}

/// The headline sentences' words for (question, option).
fn headline_words(r: &Results, question: &str, code: &str) -> Vec<String> {
    r.headlines
        .iter()
        .filter(|h| h.question == question && h.options == [code.to_string()])
        .flat_map(|h| words(&h.template))
        .collect()
}

fn data_of(r: &Results) -> Data {
    let mut candidates = Vec::new();
    let mut bases = Vec::new();
    for q in &r.questions {
        // How many answered each question: a count a draft may state.
        let t = q.table();
        bases.push((t.short().to_string(), t.base_n()));
        for row in t.shares() {
            let e = row.estimate;
            let mut strong = words(&format!(
                "{} {} {}",
                row.label,
                row.short,
                row.synonyms.join(" ")
            ));
            strong.extend(label_words(row.label));
            strong.extend(headline_words(r, t.id(), row.code));
            candidates.push(Candidate {
                figure: Figure {
                    what: format!("{} / {}", t.id(), row.code),
                    label: format!("{}: {}", t.short(), row.short),
                    value: e.percent(),
                    is_percent: true,
                    base: Some(e.base),
                    count: Some(e.count),
                    ci: Some((e.ci_low * 100.0, e.ci_high * 100.0)),
                },
                strong,
                weak: words(&format!("{} {}", t.short(), t.text())),
                waves: Vec::new(),
                change: false,
                required: Vec::new(),
            });
        }
    }
    candidates.extend(breakdown_candidates(r));
    Data {
        survey: r.survey.id.clone(),
        unit: r.survey.unit.clone(),
        respondents: r.respondents,
        countries: r.countries.map(|c| c as u64),
        bases,
        waves: Vec::new(),
        candidates,
    }
}

/// Each published cell of the breakdowns: named by its answer and, necessarily, its group.
fn breakdown_candidates(r: &Results) -> Vec<Candidate> {
    let mut out = Vec::new();
    for b in r.breakdowns.iter().chain(r.maps.iter().map(|m| &m.table)) {
        for row in &b.rows {
            for (g, cell) in b.groups.iter().zip(&row.cells) {
                let Some(e) = cell else { continue };
                // The group's name must be in the sentence ("Other": the word itself).
                let mut required = words(&g.label);
                if required.is_empty() {
                    required = tokens(&g.label);
                }
                out.push(Candidate {
                    figure: Figure {
                        what: format!("{} / {} / {} {}", b.question, row.code, b.by, g.key),
                        label: format!("{}: {}, {}", b.short, row.short, g.label),
                        value: e.percent(),
                        is_percent: true,
                        base: Some(e.base),
                        count: Some(e.count),
                        ci: Some((e.ci_low * 100.0, e.ci_high * 100.0)),
                    },
                    strong: {
                        let mut w = words(&format!("{} {} {}", row.label, row.short, g.label));
                        w.extend(label_words(&row.label));
                        w.extend(headline_words(r, &b.question, &row.code));
                        w
                    },
                    weak: words(&format!("{} {}", b.short, b.text)),
                    waves: Vec::new(),
                    change: false,
                    required,
                });
            }
        }
    }
    out
}

/// Twice each distinct word of the option (or its headline) in the text, once each other word
/// of its question; 0 without a word of the option.
fn score(c: &Candidate, text: &[String]) -> usize {
    let has = |w: &&String| text.contains(w);
    if !c.required.is_empty() && !c.required.iter().any(|w| has(&w)) {
        return 0;
    }
    let strong: std::collections::BTreeSet<&String> = c.strong.iter().filter(has).collect();
    let weak: std::collections::BTreeSet<&String> = c
        .weak
        .iter()
        .filter(has)
        .filter(|w| !c.strong.contains(w))
        .collect();
    // A question's words alone ("year", "services") do not name one of its options.
    match strong.is_empty() {
        true => 0,
        false => 2 * strong.len() + weak.len(),
    }
}

/// The candidates of the claim's kind and of the waves its sentence names.
fn eligible<'d>(claim: &Claim, data: &'d Data) -> Vec<&'d Candidate> {
    let change = matches!(claim.stated, Stated::Change { .. });
    let named: Vec<&String> = data
        .waves
        .iter()
        .filter(|w| {
            claim
                .sentence
                .split(|c: char| !c.is_alphanumeric())
                .any(|t| t == w.as_str())
        })
        .collect();
    let in_waves = |c: &&Candidate| match named.len() {
        0 => true,
        1 => c.waves.contains(named[0]),
        _ => c.waves.iter().all(|w| named.contains(&w)),
    };
    data.candidates
        .iter()
        .filter(|c| c.change == change)
        .filter(in_waves)
        .collect()
}

/// The candidates whose score is the highest (above 0).
fn highest<'d>(
    cands: &[&'d Candidate],
    score_of: impl Fn(&Candidate) -> usize,
) -> Vec<&'d Candidate> {
    let scores: Vec<usize> = cands.iter().map(|c| score_of(c)).collect();
    let top = scores.iter().copied().max().unwrap_or(0);
    cands
        .iter()
        .zip(scores)
        .filter(|(_, s)| *s == top && top > 0)
        .map(|(c, _)| *c)
        .collect()
}

/// The figures a claim may state: those its clause names best (the whole sentence when the
/// claim is alone in it); among several, those with the stated base, then the one that agrees
/// with the claim, then those the rest of the sentence names best.
fn best<'d>(claim: &Claim, data: &'d Data, alone: bool) -> Vec<&'d Candidate> {
    let cands = eligible(claim, data);
    let (clause, sentence) = (tokens(&claim.clause), tokens(&claim.sentence));
    let mut top = highest(&cands, |c| score(c, &clause));
    if top.is_empty() && alone {
        top = highest(&cands, |c| score(c, &sentence));
    }
    if let (true, Some(b)) = (top.len() > 1, claim.base) {
        let with_base: Vec<&Candidate> = top
            .iter()
            .copied()
            .filter(|c| c.figure.base == Some(b))
            .collect();
        if !with_base.is_empty() {
            top = with_base;
        }
    }
    if top.len() > 1 {
        let fitting: Vec<&Candidate> = top
            .iter()
            .copied()
            .filter(|c| judge::figure(claim, c, data).0 == Verdict::Ok)
            .collect();
        if fitting.len() == 1 {
            return fitting;
        }
    }
    if top.len() > 1 {
        top = highest(&top, |c| 1 + score(c, &sentence));
    }
    top
}

/// One claim matched and judged; `alone`: the only claim of its sentence.
fn check(claim: &Claim, data: &Data, alone: bool) -> ClaimCheck {
    if let Stated::Count { value, countries } = claim.stated {
        return judge::count(claim, value, countries, data);
    }
    let top = best(claim, data, alone);
    let at = |verdict, figure: Option<&Candidate>, alternatives: Vec<Figure>, note| ClaimCheck {
        line: claim.line,
        claim: claim.text.clone(),
        verdict,
        figure: figure.map(|c| c.figure.clone()),
        alternatives,
        note,
    };
    match top.as_slice() {
        [] => at(
            Verdict::Unmatched,
            None,
            Vec::new(),
            "no figure of the data fits this sentence".into(),
        ),
        [c] => {
            let (verdict, note) = judge::figure(claim, c, data);
            at(verdict, Some(c), Vec::new(), note)
        }
        many => {
            let fits = many
                .iter()
                .filter(|c| judge::figure(claim, c, data).0 == Verdict::Ok)
                .count();
            let list: Vec<String> = many
                .iter()
                .map(|c| format!("{} {:.1}", c.figure.label, c.figure.value))
                .collect();
            let none = if fits == 0 {
                "; none of them agrees with the claim"
            } else {
                ""
            };
            let note = format!(
                "{} figures fit the words: {}{none}",
                many.len(),
                list.join("; ")
            );
            at(
                Verdict::Ambiguous,
                Some(many[0]),
                many[1..].iter().map(|c| c.figure.clone()).collect(),
                note,
            )
        }
    }
}

fn check_all(draft: &str, draft_name: &str, data: &Data) -> Verification {
    let (claims, crowded) = claims::claims_within(draft, &data.unit);
    // How many claims of each kind (a share, a change) each sentence holds: counted once, not
    // per claim (a draft of 8,000 claims compared 64 million sentence pairs).
    let kind = |x: &Claim| matches!(x.stated, Stated::Change { .. });
    let mut per_sentence: HashMap<(usize, &str, bool), usize> = HashMap::new();
    for c in &claims {
        *per_sentence
            .entry((c.line, c.sentence.as_str(), kind(c)))
            .or_default() += 1;
    }
    Verification {
        draft: draft_name.to_string(),
        survey: data.survey.clone(),
        claims: claims
            .iter()
            .map(|c| {
                // The only claim of its kind in its sentence.
                let alone = per_sentence[&(c.line, c.sentence.as_str(), kind(c))] == 1;
                check(c, data, alone)
            })
            .collect(),
        not_checked: crowded
            .into_iter()
            .map(|(line, n)| {
                format!(
                    "line {line}: a sentence of {n} figures, more than the {} a sentence may hold to be checked",
                    claims::MAX_CLAIMS_PER_SENTENCE
                )
            })
            .collect(),
    }
}

/// Checks every claim of `draft` against one run's results.
pub fn verify(draft: &str, draft_name: &str, r: &Results) -> Verification {
    check_all(draft, draft_name, &data_of(r))
}
