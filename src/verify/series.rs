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
            let mut strong = words(&o.label);
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
                });
            }
        }
    }
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
