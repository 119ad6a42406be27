//! Wave comparison: each wave analysed by the same rules as `run`, every harmonised figure side
//! by side, and the change between consecutive waves (and first → last) with its 95% interval,
//! p-value and Holm-adjusted p. The result is plain `Serialize` structs for the renderers.

mod context;
mod harmonise;
mod headlines;
mod notes;
mod regions;

use crate::codebook::Codebook;
use crate::error::Result;
use crate::series::Series;
use crate::stats::change::{self};
use crate::stats::interval::PropSummary;
use crate::stats::{Estimate, Masks};

pub use crate::tables::{
    Comparison, NetChange, NetComparison, NetFigure, OptionComparison, PairChange,
    QuestionComparison, WaveFigure, WaveInfo,
};
pub use context::{MixRow, Overlap};
pub use headlines::HeadlineChange;
pub use regions::RegionChange;

impl Comparison {
    /// How many changes could be computed at all (an option asked, with a base, in both waves
    /// of a pair).
    pub fn computed_changes(&self) -> usize {
        self.questions
            .iter()
            .flat_map(|q| &q.options)
            .flat_map(|o| &o.changes)
            .filter(|p| p.change.is_some())
            .count()
    }

    /// How many changes are clear (95% interval excluding 0), over all options and pairs.
    pub fn clear_changes(&self) -> usize {
        self.questions
            .iter()
            .flat_map(|q| &q.options)
            .flat_map(|o| &o.changes)
            .filter(|p| p.change.is_some_and(|ch| ch.clear))
            .count()
    }
}

/// One wave, analysed by the same rules as `run`.
pub struct Wave {
    pub id: String,
    pub codebook: Codebook,
    pub tidy: crate::tidy::Tidy,
    pub results: crate::stats::Results,
    /// The run's weights (None when unweighted), read once for every comparison.
    pub weights: Option<Vec<f64>>,
    /// The values of the series' panel key column, when it declares one for this wave.
    pub panel: Option<std::collections::BTreeSet<String>>,
}

fn pairs(n: usize) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = (1..n).map(|k| (k - 1, k)).collect();
    if n >= 3 {
        out.push((0, n - 1));
    }
    out
}

/// Per option and wave, one proportion's data.
type Summaries = Vec<Vec<Option<PropSummary>>>;

/// Each wave's base n for a series question, and per option each wave's data (None where the
/// wave does not ask the question or offer the option).
fn wave_summaries(
    sq: &harmonise::SeriesQuestion,
    waves: &[Wave],
) -> Result<(Vec<Option<u64>>, Summaries)> {
    let mut bases = Vec::new();
    let mut summaries: Summaries = vec![Vec::new(); sq.options.len()];
    for (iw, wave) in sq.waves.iter().zip(waves) {
        let m = Masks::new(&wave.tidy.frame);
        let w = &wave.weights;
        let base = match iw {
            Some(iw) => Some(crate::kinds::base(&m, iw.question)?),
            None => None,
        };
        bases.push(
            base.as_ref()
                .map(|b| b.iter().filter(|x| **x).count() as u64),
        );
        for (k, code) in sq.options.iter().enumerate() {
            let codes = iw
                .as_ref()
                .and_then(|iw| iw.options.iter().find(|(c, _)| c == code));
            let s = match (iw, codes, &base) {
                (Some(iw), Some((_, codes)), Some(base)) => {
                    let kind = crate::kinds::kind(iw.question.kind);
                    kind.compared_share(&m, iw.question, codes, base, w.as_deref())?
                }
                _ => None,
            };
            summaries[k].push(s);
        }
    }
    Ok((bases, summaries))
}

/// The figures of one series question in every wave, and their changes.
fn question(
    series: &Series,
    sq: &harmonise::SeriesQuestion,
    waves: &[Wave],
    ids: &[String],
) -> Result<QuestionComparison> {
    let first = sq
        .waves
        .iter()
        .flatten()
        .next()
        .expect("asked somewhere")
        .question;
    let (bases, summaries) = wave_summaries(sq, waves)?;
    let method = waves[0].codebook.analysis.interval;
    let q_nc = series.not_comparable(&sq.id, None).map(str::to_string);
    let mut options = Vec::new();
    for (k, code) in sq.options.iter().enumerate() {
        let figures: Vec<WaveFigure> = ids
            .iter()
            .zip(&sq.waves)
            .zip(&summaries[k])
            .map(|((id, iw), s)| WaveFigure {
                wave: id.clone(),
                label: iw.as_ref().and_then(|iw| option_label(iw, code)),
                estimate: s.as_ref().and_then(|s| Estimate::from_summary(method, s)),
            })
            .collect();
        let nc = series
            .not_comparable(&sq.id, Some(code))
            .map(str::to_string);
        let changes = pairs(ids.len())
            .into_iter()
            .map(|(a, b)| PairChange {
                from: ids[a].clone(),
                to: ids[b].clone(),
                change: match (&summaries[k][a], &summaries[k][b], &nc) {
                    (Some(sa), Some(sb), None) => change::change(sa, sb),
                    _ => None,
                },
            })
            .collect();
        let label = figures
            .iter()
            .rev()
            .find_map(|f| f.label.clone())
            .unwrap_or(code.clone());
        options.push(OptionComparison {
            option: code.clone(),
            label,
            figures,
            changes,
            not_comparable: nc,
        });
    }
    let comparisons = holm_by_pair(&mut options, pairs(ids.len()).len());
    check(&options, waves)?;
    Ok(QuestionComparison {
        question: sq.id.clone(),
        text: first.text().to_string(),
        short: first.short_label().to_string(),
        kind: first.kind,
        bases,
        options,
        comparisons,
        notes: notes::comparability(sq, ids),
        net: net(sq, waves, ids, q_nc.is_some())?,
        not_comparable: q_nc,
    })
}

/// A kind's net score in every wave and its changes (None for a kind without one).
fn net(
    sq: &harmonise::SeriesQuestion,
    waves: &[Wave],
    ids: &[String],
    not_comparable: bool,
) -> Result<Option<NetComparison>> {
    let mut samples = Vec::new();
    let mut kind = None;
    for (iw, wave) in sq.waves.iter().zip(waves) {
        let s = match iw {
            Some(iw) => {
                let k = crate::kinds::kind(iw.question.kind);
                kind = kind.or(Some(k));
                let m = Masks::new(&wave.tidy.frame);
                k.net(&m, iw.question, wave.weights.as_deref())?
            }
            None => None,
        };
        samples.push(s);
    }
    let Some(kind) = kind.filter(|_| samples.iter().any(Option::is_some)) else {
        return Ok(None);
    };
    let figures = (ids.iter().zip(&samples))
        .map(|(id, s)| NetFigure {
            wave: id.clone(),
            base: s.map(|s| s.base),
            score: s.and_then(|s| kind.net_score(&s)),
        })
        .collect();
    let changes = (pairs(ids.len()).into_iter())
        .map(|(a, b)| {
            let change = match (&samples[a], &samples[b], not_comparable) {
                (Some(sa), Some(sb), false) => kind.net_change(sa, sb),
                _ => None,
            };
            NetChange {
                from: ids[a].clone(),
                to: ids[b].clone(),
                clear: change.is_some_and(|c| c.ci_low > 0.0 || c.ci_high < 0.0),
                change,
            }
        })
        .collect();
    Ok(Some(NetComparison {
        label: kind.net_label().to_string(),
        figures,
        changes,
    }))
}

/// Every figure passes the stat tables' invariants (see `stats::invariants`), and every change
/// is finite with its interval around it: a comparison never publishes a figure a run would not.
fn check(options: &[OptionComparison], waves: &[Wave]) -> Result<()> {
    for o in options {
        for (f, w) in o.figures.iter().zip(waves) {
            if let Some(e) = &f.estimate {
                crate::stats::invariants::check_estimate(e, w.results.weighting.is_some())
                    .map_err(|why| {
                        crate::error::Error::Internal(format!(
                            "wave {}, option {:?}: {why}",
                            w.id, o.option
                        ))
                    })?;
            }
        }
        for c in o.changes.iter().filter_map(|p| p.change) {
            let ok = [c.diff, c.ci_low, c.ci_high].iter().all(|v| v.is_finite())
                && c.ci_low <= c.diff + 1e-12
                && c.diff <= c.ci_high + 1e-12;
            if !ok {
                return Err(crate::error::Error::Internal(format!(
                    "option {:?}: change {c:?}",
                    o.option
                )));
            }
        }
    }
    Ok(())
}

fn option_label(iw: &harmonise::InWave, code: &str) -> Option<String> {
    let codes = &iw.options.iter().find(|(c, _)| c == code)?.1;
    let labels: Vec<&str> = codes
        .iter()
        .filter_map(|c| {
            let parts = harmonise::parts(iw.question);
            parts
                .into_iter()
                .find(|o| o.code() == c)
                .map(|o| o.short_label())
        })
        .collect();
    (!labels.is_empty()).then(|| labels.join(" + "))
}

/// Holm's adjustment across the options of a question, pair by pair; returns m per pair.
fn holm_by_pair(options: &mut [OptionComparison], n_pairs: usize) -> Vec<usize> {
    (0..n_pairs)
        .map(|j| {
            let idx: Vec<usize> = (0..options.len())
                .filter(|&k| {
                    options[k].changes[j]
                        .change
                        .and_then(|c| c.p_value)
                        .is_some()
                })
                .collect();
            let p: Vec<f64> = idx
                .iter()
                .map(|&k| {
                    options[k].changes[j]
                        .change
                        .and_then(|c| c.p_value)
                        .expect("filtered")
                })
                .collect();
            for (&k, adj) in idx.iter().zip(change::holm(&p)) {
                if let Some(c) = options[k].changes[j].change.as_mut() {
                    c.p_holm = Some(adj);
                }
            }
            idx.len()
        })
        .collect()
}

/// Region changes of the first wave's breakdown questions (none when it declares none).
fn by_region(
    series: &Series,
    sqs: &[harmonise::SeriesQuestion],
    questions: &[QuestionComparison],
    waves: &[Wave],
) -> Result<Vec<RegionChange>> {
    let wanted: Vec<String> = match &waves[0].codebook.analysis.breakdown_questions {
        Some(list) => list.iter().map(|q| q.get_ref().clone()).collect(),
        None => return Ok(Vec::new()),
    };
    let mut out = Vec::new();
    for (sq, qc) in sqs
        .iter()
        .zip(questions)
        .filter(|(sq, _)| wanted.contains(&sq.id))
    {
        let label = |code: &str| {
            let o = qc.options.iter().find(|o| o.option == code);
            o.map_or(code.to_string(), |o| o.label.clone())
        };
        let mut rows = regions::question(sq, waves, &label)?;
        for r in &mut rows {
            if series.not_comparable(&sq.id, Some(&r.option)).is_some() {
                r.changes.iter_mut().for_each(|c| c.change = None);
            }
        }
        out.extend(rows);
    }
    Ok(out)
}

/// Compares the waves of a series (loaded and analysed in series order).
pub fn compare(series: &Series, waves: &[Wave]) -> Result<Comparison> {
    let codebooks: Vec<Codebook> = waves.iter().map(|w| w.codebook.clone()).collect();
    series.validate(&codebooks)?;
    let ids: Vec<String> = waves.iter().map(|w| w.id.clone()).collect();
    let sqs = harmonise::questions(series, &codebooks);
    let questions = sqs
        .iter()
        .map(|sq| question(series, sq, waves, &ids))
        .collect::<Result<Vec<_>>>()?;
    let by_region = by_region(series, &sqs, &questions, waves)?;
    Ok(Comparison {
        id: series.series.id.get_ref().clone(),
        title: series.series.title.clone(),
        description: series.series.description.clone(),
        waves: waves
            .iter()
            .map(|w| {
                let r = &w.results;
                WaveInfo {
                    id: w.id.clone(),
                    title: r.survey.title.clone(),
                    respondents: r.respondents,
                    countries: r.countries,
                    weighting: r.weighting.as_ref().map(|x| x.description.clone()),
                    provenance: r.provenance.clone(),
                }
            })
            .collect(),
        pairs: pairs(ids.len())
            .into_iter()
            .map(|(a, b)| (ids[a].clone(), ids[b].clone()))
            .collect(),
        headlines: headlines::headlines(&waves[0].codebook, &questions),
        by_region,
        questions,
        region_mix: context::region_mix(waves)?,
        overlaps: context::overlaps(waves)?,
        threshold: waves[0].codebook.survey.suppression_threshold,
    })
}
