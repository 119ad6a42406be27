//! A Net Promoter Score question: who answered, the three groups' shares (Wilson, or the run's
//! interval method; weighted with Kish's effective n) and the score with its interval.

use super::score::net_score;
use super::{NetScore, NpsTable};
use crate::codebook::Question;
use crate::error::Result;
use crate::estimate::masks::{count, estimate, summary, Masks};
use crate::figures::NetSample;
use crate::kinds::Inputs;

/// Who scored 9–10, 7–8 and 0–6 (in that order).
pub(crate) fn groups(m: &Masks, q: &Question) -> Result<[Vec<bool>; 3]> {
    let v: Vec<Option<f64>> = m.frame().column(q.id())?.f64()?.iter().collect();
    let within = |lo: f64, hi: f64| -> Vec<bool> {
        v.iter()
            .map(|s| s.is_some_and(|s| (lo..=hi).contains(&s)))
            .collect()
    };
    Ok([within(9.0, 10.0), within(7.0, 8.0), within(0.0, 6.0)])
}

/// Who gave a score.
pub(crate) fn answered(m: &Masks, q: &Question) -> Result<Vec<bool>> {
    m.present(q.id())
}

/// What the score of one wave is computed from: the promoters' and detractors' shares of
/// those who answered, and their (effective) n; None when nobody answered.
pub(crate) fn sample(m: &Masks, q: &Question, w: Option<&[f64]>) -> Result<Option<NetSample>> {
    let base = answered(m, q)?;
    let [pro, _, det] = groups(m, q)?;
    let (sp, sd) = (summary(&pro, &base, w), summary(&det, &base, w));
    Ok((sp.n > 0).then(|| NetSample {
        plus: sp.p(),
        minus: sd.p(),
        n_eff: sp.n_eff(),
        base: sp.n,
    }))
}

pub(crate) fn table(q: &Question, i: &Inputs) -> Result<NpsTable> {
    let m = i.masks;
    let base = answered(m, q)?;
    let [pro, pas, det] = groups(m, q)?;
    let n = count(&base);
    let mut scores = vec![0u64; 11];
    for s in m.frame().column(q.id())?.f64()?.iter().flatten() {
        scores[s as usize] += 1;
    }
    let share = |g: &[bool]| estimate(i.method, g, &base, i.weights);
    let nps = sample(m, q, i.weights)?.and_then(|s| {
        let (score, ci_low, ci_high) = net_score(s.plus, s.minus, s.n_eff)?;
        Some(NetScore {
            score,
            ci_low,
            ci_high,
            base: n,
            n_eff: i.weights.map(|_| s.n_eff),
        })
    });
    Ok(NpsTable {
        question: q.id().to_string(),
        text: q.text().to_string(),
        short: q.short_label().to_string(),
        answered: n,
        not_answered: m.height() - n,
        scores,
        promoters: share(&pro),
        passives: share(&pas),
        detractors: share(&det),
        nps,
        note: q.note.clone(),
    })
}
