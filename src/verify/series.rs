//! Checking a draft against a wave comparison: each wave's percentages (a sentence naming a
//! wave is matched to that wave's figure) and the changes between waves in percentage points.

use super::{words, Candidate, Data};
use crate::tables::{Comparison, Figure, Verification};

fn data_of(c: &Comparison) -> Data {
    let mut candidates = Vec::new();
    for q in &c.questions {
        let weak = words(&format!("{} {}", q.short, q.text));
        for o in &q.options {
            // The option's words, the headline's label for it, and for a bare "Yes" / "No"
            // the question's short label
            let mut strong = super::label_words(&o.label);
            for h in c
                .headlines
                .iter()
                .filter(|h| h.question == q.question && h.option == o.option)
            {
                strong.extend(words(&h.label));
            }
            // (unless a headline names another option of the question: then that one is meant).
            let headlined = c.headlines.iter().any(|h| h.question == q.question);
            if strong.is_empty() && !headlined {
                strong = words(&q.short);
            }
            for f in &o.figures {
                let Some(e) = f.estimate else { continue };
                candidates.push(Candidate {
                    figure: Figure {
                        what: format!("{} / {} / {}", q.question, o.option, f.wave),
                        label: format!("{}: {}, {}", q.short, o.label, f.wave),
                        value: e.percent(),
                        is_percent: true,
                        base: Some(e.base),
                        count: Some(e.count),
                        ci: Some((e.ci_low * 100.0, e.ci_high * 100.0)),
                    },
                    strong: strong.clone(),
                    weak: weak.clone(),
                    waves: vec![f.wave.clone()],
                    change: false,
                    required: Vec::new(),
                });
            }
            for pc in &o.changes {
                let Some(ch) = pc.change else { continue };
                candidates.push(Candidate {
                    figure: Figure {
                        what: format!("{} / {} / {}→{}", q.question, o.option, pc.from, pc.to),
                        label: format!("{}: {}, {} → {}", q.short, o.label, pc.from, pc.to),
                        value: ch.diff * 100.0,
                        is_percent: false,
                        base: None,
                        count: None,
                        ci: Some((ch.ci_low * 100.0, ch.ci_high * 100.0)),
                    },
                    strong: strong.clone(),
                    weak: weak.clone(),
                    waves: vec![pc.from.clone(), pc.to.clone()],
                    change: true,
                    required: Vec::new(),
                });
            }
        }
    }
    candidates.extend(region_candidates(c));
    let last = c.waves.last();
    Data {
        survey: c.id.clone(),
        // The series' unit, as its headlines say it.
        unit: c
            .headlines
            .first()
            .map_or_else(|| "respondents".into(), |h| h.unit.clone()),
        respondents: last.map_or(0, |w| w.respondents),
        countries: last.and_then(|w| w.countries).map(|n| n as u64),
        bases: Vec::new(),
        waves: c.waves.iter().map(|w| w.id.clone()).collect(),
        candidates,
    }
}

/// Checks every claim of `draft` against a comparison of waves.
pub fn verify_series(draft: &str, draft_name: &str, c: &Comparison) -> Verification {
    super::check_all(draft, draft_name, &data_of(c))
}

/// Each region's published figures and changes: named by the answer and, necessarily, the region.
fn region_candidates(c: &Comparison) -> Vec<Candidate> {
    let mut out = Vec::new();
    for r in &c.by_region {
        let strong = words(&format!("{} {}", r.label, r.region));
        let required = words(&r.region);
        let mut push = |what: String,
                        label: String,
                        value: f64,
                        base: Option<u64>,
                        waves: Vec<String>,
                        change: bool| {
            out.push(Candidate {
                figure: Figure {
                    what,
                    label,
                    value,
                    is_percent: !change,
                    base,
                    count: None,
                    ci: None,
                },
                strong: strong.clone(),
                weak: Vec::new(),
                waves,
                change,
                required: required.clone(),
            });
        };
        for (f, w) in r.figures.iter().zip(&r.withheld) {
            if let (Some(e), None) = (f.estimate, w) {
                let what = format!("{} / {} / {} / {}", r.question, r.option, r.region, f.wave);
                let label = format!("{}, {}, {}", r.label, r.region, f.wave);
                push(
                    what,
                    label,
                    e.percent(),
                    Some(e.base),
                    vec![f.wave.clone()],
                    false,
                );
            }
        }
        for pc in &r.changes {
            if let Some(ch) = pc.change {
                let what = format!(
                    "{} / {} / {} / {}→{}",
                    r.question, r.option, r.region, pc.from, pc.to
                );
                let label = format!("{}, {}, {} → {}", r.label, r.region, pc.from, pc.to);
                push(
                    what,
                    label,
                    ch.diff * 100.0,
                    None,
                    vec![pc.from.clone(), pc.to.clone()],
                    true,
                );
            }
        }
    }
    out
}
