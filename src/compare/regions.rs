//! Changes by region, for the first wave's breakdown questions: each wave's figure within each
//! region (UN M49) and the changes between waves. Each wave's suppression rule is applied to its
//! own regions (small bases withheld, and more until the withheld ones cannot be worked out from
//! the total), and a change is given only where both waves publish the region.

use super::harmonise::SeriesQuestion;
use super::{pairs, PairChange, Wave, WaveFigure};
use crate::error::Result;
use crate::names;
use crate::stats::breakdown::suppress;
use crate::stats::{change, masks, Estimate, Masks};
use serde::Serialize;

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct RegionChange {
    pub question: String,
    pub option: String,
    pub label: String,
    pub region: String,
    /// Per wave; None when not asked, or withheld (see `withheld`).
    pub figures: Vec<WaveFigure>,
    /// Per wave: why the region's figure is withheld ("small", "complementary").
    pub withheld: Vec<Option<&'static str>>,
    pub changes: Vec<PairChange>,
}

/// The regions of one wave's respondents (None: no country).
fn regions(w: &Wave) -> Result<Option<Vec<Option<String>>>> {
    if w.codebook.country_question().is_none() {
        return Ok(None);
    }
    crate::tidy::variables::variable_values(&w.codebook, &w.tidy.frame, names::REGION).map(Some)
}

/// The region changes of one series question.
pub fn question(
    sq: &SeriesQuestion,
    waves: &[Wave],
    label: &dyn Fn(&str) -> String,
) -> Result<Vec<RegionChange>> {
    let region_of: Vec<Option<Vec<Option<String>>>> =
        waves.iter().map(regions).collect::<Result<_>>()?;
    let mut all: Vec<String> = region_of
        .iter()
        .flatten()
        .flatten()
        .flatten()
        .cloned()
        .collect();
    all.sort();
    all.dedup();
    // Per wave: base mask, weights, region bases and suppression.
    struct PerWave {
        base: Vec<bool>,
        w: Option<Vec<f64>>,
        withheld: Vec<Option<&'static str>>,
    }
    let mut per: Vec<Option<PerWave>> = Vec::new();
    for ((iw, wave), reg) in sq.waves.iter().zip(waves).zip(&region_of) {
        let (Some(iw), Some(reg)) = (iw, reg) else {
            per.push(None);
            continue;
        };
        let m = Masks::new(&wave.tidy.frame);
        let base = m.base(iw.question)?;
        let bases: Vec<u64> = all
            .iter()
            .map(|r| {
                (0..base.len())
                    .filter(|&i| base[i] && reg[i].as_ref() == Some(r))
                    .count() as u64
            })
            .collect();
        let withheld = suppress(&bases, wave.codebook.survey.suppression_threshold);
        let w = crate::stats::run_weights(&wave.tidy, wave.results.weighting.is_some())?;
        per.push(Some(PerWave { base, w, withheld }));
    }
    let method = waves[0].codebook.analysis.interval;
    let mut out = Vec::new();
    for code in &sq.options {
        for (ri, region) in all.iter().enumerate() {
            let mut summaries = Vec::new();
            let mut figures = Vec::new();
            let mut withheld = Vec::new();
            for (k, wave) in waves.iter().enumerate() {
                let iw = sq.waves[k].as_ref();
                let codes = iw.and_then(|iw| iw.options.iter().find(|(c, _)| c == code));
                let s = match (iw, codes, &per[k], &region_of[k]) {
                    (Some(iw), Some((_, codes)), Some(p), Some(reg))
                        if p.withheld[ri].is_none() =>
                    {
                        let m = Masks::new(&wave.tidy.frame);
                        let chose = m.chose(iw.question, codes)?;
                        let in_base: Vec<bool> = (0..p.base.len())
                            .map(|i| p.base[i] && reg[i].as_ref() == Some(region))
                            .collect();
                        Some(masks::summary(&chose, &in_base, p.w.as_deref()))
                    }
                    _ => None,
                };
                withheld.push(per[k].as_ref().and_then(|p| p.withheld[ri]));
                figures.push(WaveFigure {
                    wave: wave.id.clone(),
                    label: None,
                    estimate: s.as_ref().and_then(|s| Estimate::from_summary(method, s)),
                });
                summaries.push(s);
            }
            let changes = pairs(waves.len())
                .into_iter()
                .map(|(a, b)| PairChange {
                    from: waves[a].id.clone(),
                    to: waves[b].id.clone(),
                    change: match (&summaries[a], &summaries[b]) {
                        (Some(x), Some(y)) => change::change(x, y),
                        _ => None,
                    },
                })
                .collect();
            out.push(RegionChange {
                question: sq.id.clone(),
                option: code.clone(),
                label: label(code),
                region: region.clone(),
                figures,
                withheld,
                changes,
            });
        }
    }
    Ok(out)
}
