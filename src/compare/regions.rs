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
pub use crate::tables::RegionChange;

/// The regions of one wave's respondents (None: no country).
fn regions(w: &Wave) -> Result<Option<Vec<Option<String>>>> {
    if w.codebook.country_question().is_none() {
        return Ok(None);
    }
    crate::tidy::variables::variable_values(&w.codebook, &w.tidy.frame, names::REGION).map(Some)
}

/// One wave's side of a region breakdown: the question's base, the weights, and which regions
/// are withheld.
struct PerWave {
    base: Vec<bool>,
    w: Option<Vec<f64>>,
    withheld: Vec<Option<&'static str>>,
    region: Vec<Option<String>>,
}

fn prepare(sq: &SeriesQuestion, waves: &[Wave], all: &[String]) -> Result<Vec<Option<PerWave>>> {
    let mut per = Vec::new();
    for (iw, wave) in sq.waves.iter().zip(waves) {
        let (Some(iw), Some(region)) = (iw, regions(wave)?) else {
            per.push(None);
            continue;
        };
        let base = crate::kinds::base(&Masks::new(&wave.tidy.frame), iw.question)?;
        let bases: Vec<u64> = all
            .iter()
            .map(|r| {
                (0..base.len())
                    .filter(|&i| base[i] && region[i].as_ref() == Some(r))
                    .count() as u64
            })
            .collect();
        let withheld = suppress(&bases, wave.codebook.survey.suppression_threshold);
        let w = wave.weights.clone();
        per.push(Some(PerWave {
            base,
            w,
            withheld,
            region,
        }));
    }
    Ok(per)
}

/// One option in one region: each wave's figure (None when withheld or not asked) and the
/// changes where both waves publish it.
fn row(
    sq: &SeriesQuestion,
    waves: &[Wave],
    per: &[Option<PerWave>],
    code: &str,
    (ri, region): (usize, &str),
) -> Result<(Vec<WaveFigure>, Vec<Option<&'static str>>, Vec<PairChange>)> {
    let method = waves[0].codebook.analysis.interval;
    let (mut summaries, mut figures, mut withheld) = (Vec::new(), Vec::new(), Vec::new());
    for (k, wave) in waves.iter().enumerate() {
        let iw = sq.waves[k].as_ref();
        let codes = iw.and_then(|iw| iw.options.iter().find(|(c, _)| c == code));
        let s = match (iw, codes, &per[k]) {
            (Some(iw), Some((_, codes)), Some(p)) if p.withheld[ri].is_none() => {
                let chose = crate::kinds::chose(&Masks::new(&wave.tidy.frame), iw.question, codes)?;
                let in_base: Vec<bool> = (0..p.base.len())
                    .map(|i| p.base[i] && p.region[i].as_deref() == Some(region))
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
    Ok((figures, withheld, changes))
}

/// The region changes of one series question.
pub fn question(
    sq: &SeriesQuestion,
    waves: &[Wave],
    label: &dyn Fn(&str) -> String,
) -> Result<Vec<RegionChange>> {
    let mut all: Vec<String> = Vec::new();
    for w in waves {
        all.extend(regions(w)?.into_iter().flatten().flatten());
    }
    all.sort();
    all.dedup();
    let per = prepare(sq, waves, &all)?;
    let mut out = Vec::new();
    for code in &sq.options {
        for (ri, region) in all.iter().enumerate() {
            let (figures, withheld, changes) = row(sq, waves, &per, code, (ri, region))?;
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
