//! `verify`: the numeric claims of a draft checked against the data. Each percentage, share in
//! words and count of the draft is matched to the figure its sentence names (by the words of
//! the option, its question and the codebook's headline sentences), then judged: `ok` when the
//! figure rounds to the stated value at the stated precision (or meets the quantifier), `wrong`
//! (with the right figure and base), `ambiguous` (several figures fit), `unmatched`.

pub mod claims;

use crate::tables::{ClaimCheck, Figure, QuestionStats, Results, Verdict, Verification};
use claims::{Claim, Stated};

const STOP: &[&str] = &[
    "the",
    "and",
    "that",
    "with",
    "their",
    "they",
    "this",
    "these",
    "those",
    "from",
    "have",
    "which",
    "other",
    "libraries",
    "library",
    "answered",
    "offer",
    "offers",
    "what",
    "your",
    "does",
    "about",
    "into",
    "for",
    "our",
    "all",
    "any",
    "apply",
    "check",
    "including",
];

/// The words of `s` that can tell one figure from another (lowercase, four letters or more).
fn words(s: &str) -> Vec<String> {
    s.to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.len() >= 4 && !STOP.contains(w))
        .map(|w| w.trim_end_matches('s').to_string())
        .collect()
}

/// A percentage of the data, with the words that name it (the option's, twice as strong).
struct Candidate {
    figure: Figure,
    strong: Vec<String>,
    weak: Vec<String>,
}

fn candidates(r: &Results) -> Vec<Candidate> {
    let mut out = Vec::new();
    for q in &r.questions {
        let QuestionStats::Choice(t) = q else {
            continue;
        };
        for row in &t.rows {
            let Some(e) = row.estimate else { continue };
            let mut strong = words(&format!("{} {}", row.label, row.short));
            for h in r
                .headlines
                .iter()
                .filter(|h| h.question == t.question && h.options == [row.code.clone()])
            {
                strong.extend(words(&h.template));
            }
            out.push(Candidate {
                figure: Figure {
                    what: format!("{} / {}", t.question, row.code),
                    label: format!("{}: {}", t.short, row.short),
                    value: e.percent(),
                    is_percent: true,
                    base: Some(e.base),
                    count: Some(e.count),
                    ci: Some((e.ci_low * 100.0, e.ci_high * 100.0)),
                },
                strong,
                weak: words(&format!("{} {}", t.short, t.text)),
            });
        }
    }
    out
}

/// Twice each distinct word of the option (or its headline) in the text, once each other word
/// of its question; 0 without a word of the option.
fn score(c: &Candidate, text: &[String]) -> usize {
    let has = |w: &&String| text.contains(w);
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

fn rounds_to(value: f64, stated: f64, decimals: usize) -> bool {
    format!("{value:.decimals$}") == format!("{stated:.decimals$}")
}

/// How many bases from 1 to `most` can give a percentage that rounds to `v` (GRIM's test),
/// and whether `base` is one of them.
fn consistent_bases(v: f64, decimals: usize, most: u64, base: u64) -> (usize, bool) {
    let fits = |n: u64| (0..=n).any(|k| rounds_to(100.0 * k as f64 / n as f64, v, decimals));
    ((1..=most).filter(|&n| fits(n)).count(), fits(base))
}

fn check_percent(claim: &Claim, c: &Candidate, r: &Results) -> (Verdict, String) {
    let f = &c.figure;
    let base = f.base.unwrap_or(0);
    let data = format!("{:.1}% of {base} ({})", f.value, f.label);
    let Stated::Percent { value, decimals } = claim.stated else {
        let Stated::Vague { low, high } = claim.stated else {
            unreachable!("counts are checked apart")
        };
        let ok = f.value > low && f.value <= high || (low == 0.0 && f.value < high);
        return (
            if ok { Verdict::Ok } else { Verdict::Wrong },
            format!("{data}; \"{}\" means {low}–{high}%", claim.text),
        );
    };
    if let Some(b) = claim.base.filter(|b| *b != base) {
        return (
            Verdict::Wrong,
            format!("the base is {base}, not {b}: {data}"),
        );
    }
    if !rounds_to(f.value, value, decimals) {
        return (
            Verdict::Wrong,
            format!("{data}, which rounds to {:.decimals$}%", f.value),
        );
    }
    let note = match claim.base {
        Some(_) => data,
        None => {
            let (n, fits) = consistent_bases(value, decimals, r.respondents, base);
            format!("{data}; no base stated: {n} bases from 1 to {} give {value}%, the data's {base} {}", r.respondents, if fits { "among them" } else { "NOT among them" })
        }
    };
    (Verdict::Ok, note)
}

fn check_count(claim: &Claim, value: u64, countries: bool, r: &Results) -> ClaimCheck {
    let (what, truth) = match countries {
        true => ("countries", r.countries.unwrap_or(0) as u64),
        false => ("respondents", r.respondents),
    };
    let base_of = r.questions.iter().find_map(|q| match q {
        QuestionStats::Choice(t) => (!countries && t.base == value).then(|| t.short.clone()),
        QuestionStats::Country(_)
        | QuestionStats::Numeric(_)
        | QuestionStats::Text(_)
        | QuestionStats::Grid(_)
        | QuestionStats::Ranking(_) => None,
    });
    let (verdict, note) = match (value == truth, base_of) {
        (true, _) => (Verdict::Ok, format!("{truth} {what} analysed")),
        (false, Some(q)) => (
            Verdict::Ok,
            format!("the base of \"{q}\" ({truth} {what} analysed in all)"),
        ),
        (false, None) => (
            Verdict::Wrong,
            format!("{truth} {what} analysed, not {value}"),
        ),
    };
    ClaimCheck {
        line: claim.line,
        claim: claim.text.clone(),
        verdict,
        figure: Some(Figure {
            what: what.into(),
            label: what.into(),
            value: truth as f64,
            is_percent: false,
            base: None,
            count: Some(truth),
            ci: None,
        }),
        alternatives: Vec::new(),
        note,
    }
}

/// Checks every claim of `draft` against the run's results.
pub fn verify(draft: &str, draft_name: &str, r: &Results) -> Verification {
    let cands = candidates(r);
    let mut out = Vec::new();
    for claim in claims::claims(draft, &r.survey.unit) {
        if let Stated::Count { value, countries } = claim.stated {
            out.push(check_count(&claim, value, countries, r));
            continue;
        }
        // The clause names the figure; the rest of the sentence only breaks ties.
        let (clause, sentence) = (words(&claim.clause), words(&claim.sentence));
        let scores: Vec<usize> = cands
            .iter()
            .map(|c| 100 * score(c, &clause) + score(c, &sentence))
            .collect();
        let best = scores.iter().copied().max().unwrap_or(0);
        let mut top: Vec<&Candidate> = cands
            .iter()
            .zip(&scores)
            .filter(|(_, s)| **s == best && best > 0)
            .map(|(c, _)| c)
            .collect();
        // Several fit the words: a stated base, then the stated value, tells them apart.
        if top.len() > 1 {
            if let Some(b) = claim.base {
                let with_base: Vec<&Candidate> = top
                    .iter()
                    .copied()
                    .filter(|c| c.figure.base == Some(b))
                    .collect();
                if !with_base.is_empty() {
                    top = with_base;
                }
            }
        }
        if top.len() > 1 {
            let fitting: Vec<&Candidate> = top
                .iter()
                .copied()
                .filter(|c| check_percent(&claim, c, r).0 == Verdict::Ok)
                .collect();
            if fitting.len() == 1 {
                top = fitting;
            }
        }
        out.push(match top.as_slice() {
            [] => ClaimCheck {
                line: claim.line,
                claim: claim.text.clone(),
                verdict: Verdict::Unmatched,
                figure: None,
                alternatives: Vec::new(),
                note: "no figure of the data fits this sentence".into(),
            },
            [c] => {
                let (verdict, note) = check_percent(&claim, c, r);
                ClaimCheck {
                    line: claim.line,
                    claim: claim.text.clone(),
                    verdict,
                    figure: Some(c.figure.clone()),
                    alternatives: Vec::new(),
                    note,
                }
            }
            many => ClaimCheck {
                line: claim.line,
                claim: claim.text.clone(),
                verdict: Verdict::Ambiguous,
                figure: Some(many[0].figure.clone()),
                alternatives: many[1..].iter().map(|c| c.figure.clone()).collect(),
                note: {
                    let fits = many
                        .iter()
                        .filter(|c| check_percent(&claim, c, r).0 == Verdict::Ok)
                        .count();
                    let list: Vec<String> = many
                        .iter()
                        .map(|c| format!("{} {:.1}%", c.figure.label, c.figure.value))
                        .collect();
                    let none = if fits == 0 {
                        "; none of them agrees with the claim"
                    } else {
                        ""
                    };
                    format!(
                        "{} figures fit the words: {}{none}",
                        many.len(),
                        list.join("; ")
                    )
                },
            },
        });
    }
    Verification {
        draft: draft_name.to_string(),
        survey: r.survey.id.clone(),
        claims: out,
    }
}
