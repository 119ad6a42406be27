//! Stat tables: plain `Serialize` structs computed from the tidy frame. Renderers read these and
//! never the frame.

pub mod breakdown;
pub mod chisq;
pub mod interval;
pub mod invariants;
pub mod weights;

use crate::codebook::{Base, Codebook, Question, QuestionType};
use crate::error::Result;
use crate::names;
use crate::tidy::{ExcludedRow, RowAccounting, Tidy, UnmatchedCountry};
use interval::{wilson, IntervalMethod, PropSummary};
use polars::prelude::*;
use serde::Serialize;
use std::collections::BTreeMap;

/// A proportion with its base and Wilson 95% interval.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Estimate {
    /// Unweighted count and base.
    pub count: u64,
    pub base: u64,
    /// count / base, or the weighted share when weighted; in [0, 1].
    pub proportion: f64,
    pub ci_low: f64,
    pub ci_high: f64,
    /// Weighted only: Σw over the base and Kish's effective n.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub weighted_base: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub n_eff: Option<f64>,
}

impl Estimate {
    /// Unweighted, Wilson interval.
    pub fn new(count: u64, base: u64) -> Option<Estimate> {
        let iv = wilson(count, base)?;
        Some(Estimate {
            count,
            base,
            proportion: count as f64 / base as f64,
            ci_low: iv.low,
            ci_high: iv.high,
            weighted_base: None,
            n_eff: None,
        })
    }

    /// From a (possibly weighted) summary with the chosen interval method.
    pub fn from_summary(method: IntervalMethod, s: &PropSummary) -> Option<Estimate> {
        let iv = interval::interval(method, s)?;
        // Unweighted, the proportion is count/base by construction, not a ratio of sums.
        let proportion = if s.weighted {
            s.p()
        } else {
            s.x as f64 / s.n as f64
        };
        debug_assert!(s.weighted || proportion == s.p(), "{s:?}");
        Some(Estimate {
            count: s.x,
            base: s.n,
            proportion,
            ci_low: iv.low,
            ci_high: iv.high,
            weighted_base: s.weighted.then_some(s.sum_w),
            n_eff: s.weighted.then(|| s.n_eff()),
        })
    }
    pub fn percent(&self) -> f64 {
        self.proportion * 100.0
    }
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct OptionRow {
    pub code: String,
    pub label: String,
    pub short: String,
    pub exclusive: bool,
    /// None when the base is 0.
    pub estimate: Option<Estimate>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ChoiceTable {
    pub question: String,
    pub text: String,
    pub short: String,
    pub kind: QuestionType,
    pub base_rule: Base,
    pub base: u64,
    pub answered: u64,
    pub not_answered: u64,
    pub note: Option<String>,
    pub rows: Vec<OptionRow>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct CountryRow {
    pub alpha2: String,
    pub name: String,
    pub estimate: Estimate,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct CountryTable {
    pub question: String,
    pub text: String,
    pub answered: u64,
    pub not_answered: u64,
    /// Distinct recognised countries.
    pub distinct: usize,
    /// Countries with at least `threshold` respondents, most respondents first.
    pub rows: Vec<CountryRow>,
    /// Countries below the threshold, pooled into one row (names only, no counts).
    pub pooled_countries: Vec<String>,
    pub pooled: Option<Estimate>,
    pub unmatched: Vec<UnmatchedCountry>,
    pub threshold: u64,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct NumericSummary {
    pub question: String,
    pub text: String,
    pub n: u64,
    pub not_answered: u64,
    pub mean: Option<f64>,
    pub sd: Option<f64>,
    pub min: Option<f64>,
    pub median: Option<f64>,
    pub max: Option<f64>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct TextSummary {
    pub question: String,
    pub text: String,
    pub answered: u64,
    pub not_answered: u64,
    pub pii: bool,
    pub published: bool,
    /// Published answers (only when the codebook opts in), sorted.
    pub answers: Vec<String>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum QuestionStats {
    Choice(ChoiceTable),
    Country(CountryTable),
    Numeric(NumericSummary),
    Text(TextSummary),
}

impl QuestionStats {
    pub fn id(&self) -> &str {
        match self {
            QuestionStats::Choice(t) => &t.question,
            QuestionStats::Country(t) => &t.question,
            QuestionStats::Numeric(t) => &t.question,
            QuestionStats::Text(t) => &t.question,
        }
    }
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct HeadlineStat {
    pub id: String,
    pub question: String,
    pub options: Vec<String>,
    pub template: String,
    /// None when the base is empty or suppressed.
    pub estimate: Option<Estimate>,
    /// Withheld because the base is under the suppression threshold.
    pub suppressed: bool,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct SurveyInfo {
    pub id: String,
    pub title: String,
    pub wave: String,
    pub description: String,
    pub unit: String,
    pub suppression_threshold: u64,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct FileFingerprint {
    pub path: String,
    pub sha256: String,
    pub bytes: u64,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Provenance {
    pub tool: String,
    pub format: String,
    pub input: FileFingerprint,
    pub codebook: FileFingerprint,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct SectionRef {
    pub title: String,
    pub intro: Option<String>,
    pub questions: Vec<String>,
}

/// Everything a renderer needs.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Results {
    pub survey: SurveyInfo,
    pub respondents: u64,
    pub countries: Option<usize>,
    pub questions: Vec<QuestionStats>,
    pub sections: Vec<SectionRef>,
    pub headlines: Vec<HeadlineStat>,
    pub accounting: RowAccounting,
    pub excluded_rows: Vec<ExcludedRow>,
    pub warnings: Vec<String>,
    /// Export columns holding answers that no question reads (each also a report warning).
    pub unaccounted_columns: Vec<crate::tidy::Unaccounted>,
    pub provenance: Provenance,
    pub interval: IntervalMethod,
    pub weighting: Option<crate::stats::weights::WeightingInfo>,
    pub breakdowns: Vec<breakdown::BreakdownTable>,
}

impl Results {
    /// Withholds headline figures whose base is under `threshold` (for published subsets).
    pub fn suppress_headlines(&mut self, threshold: u64) {
        for h in &mut self.headlines {
            if h.estimate.is_some_and(|e| e.base < threshold) || h.estimate.is_none() {
                h.estimate = None;
                h.suppressed = true;
            }
        }
    }

    pub fn question(&self, id: &str) -> Option<&QuestionStats> {
        self.questions.iter().find(|q| q.id() == id)
    }
}

/// Per-respondent masks from the tidy frame.
pub struct Masks<'a> {
    frame: &'a DataFrame,
}

impl<'a> Masks<'a> {
    pub fn new(frame: &'a DataFrame) -> Self {
        Masks { frame }
    }

    fn bools(&self, name: &str) -> Result<Vec<bool>> {
        Ok(self
            .frame
            .column(name)?
            .bool()?
            .iter()
            .map(|v| v.unwrap_or(false))
            .collect())
    }

    fn strs(&self, name: &str) -> Result<Vec<Option<String>>> {
        Ok(self
            .frame
            .column(name)?
            .str()?
            .iter()
            .map(|v| v.map(str::to_string))
            .collect())
    }

    /// Who answered the question (a country: typed something, matched or not).
    pub fn answered(&self, q: &Question) -> Result<Vec<bool>> {
        let present = |v: Vec<Option<String>>| v.iter().map(Option::is_some).collect();
        match q.kind {
            QuestionType::Multi | QuestionType::Text => {
                self.bools(&names::flag(q.id(), names::ANSWERED))
            }
            QuestionType::Country => Ok(present(self.strs(&names::flag(q.id(), names::RAW))?)),
            QuestionType::Single => Ok(present(self.strs(q.id())?)),
            QuestionType::Numeric => Ok(self
                .frame
                .column(q.id())?
                .f64()?
                .iter()
                .map(|v| v.is_some())
                .collect()),
        }
    }

    /// Who is in the question's base.
    pub fn base(&self, q: &Question) -> Result<Vec<bool>> {
        match q.base {
            Base::Answered => self.answered(q),
            Base::All => Ok(vec![true; self.frame.height()]),
            Base::Shown => match self.frame.column(&names::flag(q.id(), names::SHOWN)) {
                Ok(_) => self.bools(&names::flag(q.id(), names::SHOWN)),
                Err(_) => self.answered(q),
            },
        }
    }

    /// Who chose any of `codes`.
    pub fn chose(&self, q: &Question, codes: &[String]) -> Result<Vec<bool>> {
        let mut out = vec![false; self.frame.height()];
        match q.kind {
            QuestionType::Single => {
                for (o, v) in out.iter_mut().zip(self.strs(q.id())?) {
                    *o = v.is_some_and(|v| codes.contains(&v));
                }
            }
            QuestionType::Multi => {
                for code in codes {
                    for (o, t) in out
                        .iter_mut()
                        .zip(self.bools(&names::option(q.id(), code))?)
                    {
                        *o |= t;
                    }
                }
            }
            _ => {}
        }
        Ok(out)
    }
}

/// The estimate of "chose" over "base", weighted when weights are given.
fn estimate(
    method: IntervalMethod,
    chose: &[bool],
    base: &[bool],
    w: Option<&[f64]>,
) -> Option<Estimate> {
    let units = (0..chose.len())
        .filter(|&i| base[i])
        .map(|i| (chose[i], w.map_or(1.0, |w| w[i])));
    Estimate::from_summary(method, &PropSummary::from_units(units, w.is_some()))
}
fn count(a: &[bool]) -> u64 {
    a.iter().filter(|x| **x).count() as u64
}

/// Computes every stat table.
pub fn compute(
    cb: &Codebook,
    tidy: &Tidy,
    provenance: Provenance,
    weighting: Option<crate::stats::weights::WeightingInfo>,
) -> Result<Results> {
    let frame = &tidy.frame;
    let masks = Masks::new(frame);
    let method = cb.analysis.interval;
    let weights: Option<Vec<f64>> = match frame.column(crate::tidy::WEIGHT) {
        Ok(c) => Some(c.f64()?.iter().map(|v| v.unwrap_or(0.0)).collect()),
        Err(_) => None,
    };
    let w = weights.as_deref();
    let n = frame.height() as u64;
    let threshold = cb.survey.suppression_threshold;
    let mut questions = Vec::new();
    let mut countries = None;
    for q in &cb.questions {
        let answered = masks.answered(q)?;
        let n_answered = count(&answered);
        let stats = match q.kind {
            QuestionType::Single | QuestionType::Multi => {
                let base = masks.base(q)?;
                let n_base = count(&base);
                let rows = q
                    .all_options()
                    .map(|o| {
                        let chose = masks.chose(q, &[o.code().to_string()])?;
                        Ok(OptionRow {
                            code: o.code().to_string(),
                            label: o.label().to_string(),
                            short: o.short_label().to_string(),
                            exclusive: o.exclusive,
                            estimate: estimate(method, &chose, &base, w),
                        })
                    })
                    .collect::<Result<Vec<_>>>()?;
                QuestionStats::Choice(ChoiceTable {
                    question: q.id().to_string(),
                    text: q.text().to_string(),
                    short: q.short_label().to_string(),
                    kind: q.kind,
                    base_rule: q.base,
                    base: n_base,
                    answered: n_answered,
                    not_answered: n - n_answered,
                    note: q.note.clone(),
                    rows,
                })
            }
            QuestionType::Country => {
                let t = country_table(q, &masks, tidy, threshold, method, n_answered, n)?;
                countries = Some(t.distinct);
                QuestionStats::Country(t)
            }
            QuestionType::Numeric => {
                let mut v: Vec<f64> = frame.column(q.id())?.f64()?.iter().flatten().collect();
                v.sort_by(f64::total_cmp);
                QuestionStats::Numeric(numeric_summary(q, &v, n))
            }
            QuestionType::Text => {
                let mut answers = Vec::new();
                let published = q.publish_text && !q.pii;
                if published {
                    answers = frame
                        .column(q.id())?
                        .str()?
                        .iter()
                        .flatten()
                        .map(str::to_string)
                        .collect();
                    answers.sort();
                }
                QuestionStats::Text(TextSummary {
                    question: q.id().to_string(),
                    text: q.text().to_string(),
                    answered: n_answered,
                    not_answered: n - n_answered,
                    pii: q.pii,
                    published,
                    answers,
                })
            }
        };
        questions.push(stats);
    }
    let headlines = cb
        .headlines
        .iter()
        .map(|h| {
            let q = cb.question(h.question.get_ref()).expect("validated");
            let codes = h.option.get_ref().codes();
            let base = masks.base(q)?;
            let chose = masks.chose(q, &codes)?;
            Ok(HeadlineStat {
                id: h.id.clone(),
                question: q.id().to_string(),
                options: codes,
                template: h.text.get_ref().clone(),
                estimate: estimate(method, &chose, &base, w),
                suppressed: false,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    let mut sections: Vec<SectionRef> = cb
        .sections
        .iter()
        .map(|s| SectionRef {
            title: s.title.clone(),
            intro: s.intro.clone(),
            questions: s.questions.iter().map(|q| q.get_ref().clone()).collect(),
        })
        .collect();
    // Questions no section names get a section of their own, in codebook order.
    let listed: Vec<&String> = sections.iter().flat_map(|s| s.questions.iter()).collect();
    let rest: Vec<String> = cb
        .questions
        .iter()
        .map(|q| q.id().to_string())
        .filter(|id| !listed.contains(&id))
        .collect();
    if !rest.is_empty() {
        sections.push(SectionRef {
            title: if cb.sections.is_empty() {
                "Questions".into()
            } else {
                "Other questions".into()
            },
            intro: None,
            questions: rest,
        });
    }
    let mut warnings = tidy.warnings.clone();
    for q in cb.questions.iter().filter(|q| q.base == Base::Shown) {
        if frame.column(&names::flag(q.id(), names::SHOWN)).is_err() {
            warnings.push(format!(
                "question {:?}: base \"shown\" needs an export that records unticked choices (Qualtrics -99, KoboToolbox 0, REDCap); the base is the respondents who answered",
                q.id()
            ));
        }
    }
    let ctx = breakdown::Context {
        cb,
        weights: w,
        method,
        threshold,
    };
    let mut breakdowns = Vec::new();
    for spec in &cb.analysis.breakdowns {
        let by = spec.get_ref().by();
        let values = crate::tidy::variables::variable_values(cb, frame, by)?;
        let questions: Vec<&Question> =
            match (spec.get_ref().questions(), &cb.analysis.breakdown_questions) {
                (Some(own), _) => own.iter().filter_map(|q| cb.question(q)).collect(),
                (None, Some(list)) => list
                    .iter()
                    .filter_map(|q| cb.question(q.get_ref()))
                    .collect(),
                (None, None) => cb.questions.iter().filter(|q| q.has_choices()).collect(),
            };
        for q in questions.into_iter().filter(|q| q.id() != by) {
            let base = masks.base(q)?;
            let chose = q
                .all_options()
                .map(|o| masks.chose(q, &[o.code().to_string()]))
                .collect::<Result<Vec<_>>>()?;
            breakdowns.push(breakdown::breakdown(&ctx, q, by, &values, &base, &chose));
        }
    }
    let results = Results {
        interval: method,
        weighting,
        breakdowns,
        survey: SurveyInfo {
            id: cb.survey.id.clone(),
            title: cb.survey.title.clone(),
            wave: cb.survey.wave.clone(),
            description: cb.survey.description.clone(),
            unit: cb.survey.unit.clone(),
            suppression_threshold: threshold,
        },
        respondents: n,
        countries,
        questions,
        sections,
        headlines,
        accounting: tidy.accounting.clone(),
        excluded_rows: tidy.excluded_rows.clone(),
        warnings,
        unaccounted_columns: tidy.unaccounted.clone(),
        provenance,
    };
    invariants::check(&results)?;
    Ok(results)
}

fn country_table(
    q: &Question,
    masks: &Masks,
    tidy: &Tidy,
    threshold: u64,
    method: IntervalMethod,
    n_answered: u64,
    n: u64,
) -> Result<CountryTable> {
    let codes = masks.strs(q.id())?;
    let names = masks.strs(&names::flag(q.id(), names::NAME))?;
    let mut counts: BTreeMap<String, (String, u64)> = BTreeMap::new();
    for (c, name) in codes.into_iter().zip(names) {
        if let (Some(c), Some(name)) = (c, name) {
            counts.entry(c).or_insert((name, 0)).1 += 1;
        }
    }
    let distinct = counts.len();
    // Countries under the threshold are pooled; the pool grows (smallest countries first, as in
    // breakdowns) until it holds at least two countries and reaches the threshold, so neither a
    // single pooled country nor the pool can identify a small group.
    let entries: Vec<(String, String, u64)> = counts
        .into_iter()
        .map(|(a2, (name, k))| (a2, name, k))
        .collect();
    let bases: Vec<u64> = entries.iter().map(|e| e.2).collect();
    let pooled_flags = breakdown::suppress(&bases, threshold);
    let mut big: Vec<CountryRow> = Vec::new();
    let mut small: Vec<(String, u64)> = Vec::new();
    for ((alpha2, name, k), pooled) in entries.into_iter().zip(pooled_flags) {
        if pooled.is_none() {
            big.push(CountryRow {
                alpha2,
                name,
                estimate: Estimate::from_summary(method, &PropSummary::unweighted(k, n_answered))
                    .expect("base > 0"),
            });
        } else {
            small.push((name, k));
        }
    }
    big.sort_by(|a, b| {
        b.estimate
            .count
            .cmp(&a.estimate.count)
            .then_with(|| a.name.cmp(&b.name))
    });
    let pooled_n: u64 = small.iter().map(|(_, k)| k).sum();
    let mut pooled_countries: Vec<String> = small.into_iter().map(|(name, _)| name).collect();
    pooled_countries.sort();
    Ok(CountryTable {
        question: q.id().to_string(),
        text: q.text().to_string(),
        answered: n_answered,
        not_answered: n - n_answered,
        distinct,
        rows: big,
        pooled: if pooled_countries.is_empty() {
            None
        } else {
            Estimate::from_summary(method, &PropSummary::unweighted(pooled_n, n_answered))
        },
        pooled_countries,
        unmatched: tidy.unmatched_countries.clone(),
        threshold,
    })
}

fn numeric_summary(q: &Question, sorted: &[f64], n: u64) -> NumericSummary {
    let k = sorted.len();
    let mean = (k > 0).then(|| sorted.iter().sum::<f64>() / k as f64);
    let sd = (k > 1).then(|| {
        let m = mean.unwrap_or(0.0);
        (sorted.iter().map(|x| (x - m) * (x - m)).sum::<f64>() / (k - 1) as f64).sqrt()
    });
    let median = (k > 0).then(|| {
        if k % 2 == 1 {
            sorted[k / 2]
        } else {
            (sorted[k / 2 - 1] + sorted[k / 2]) / 2.0
        }
    });
    NumericSummary {
        question: q.id().to_string(),
        text: q.text().to_string(),
        n: k as u64,
        not_answered: n - k as u64,
        mean,
        sd,
        min: sorted.first().copied(),
        median,
        max: sorted.last().copied(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn estimate_percent_and_empty_base() {
        let e = Estimate::new(221, 237).unwrap();
        assert_eq!(format!("{:.1}", e.percent()), "93.2");
        assert!(Estimate::new(0, 0).is_none());
    }

    #[test]
    fn numeric_summary_hand_computed() {
        let q: crate::codebook::Question =
            toml::from_str("id = \"staff\"\ntype = \"numeric\"\ntext = \"Staff?\"\n").unwrap();
        let s = numeric_summary(&q, &[1.0, 2.0, 3.0, 10.0], 6);
        assert_eq!(s.n, 4);
        assert_eq!(s.not_answered, 2);
        assert_eq!(s.mean, Some(4.0));
        assert_eq!(s.median, Some(2.5));
        // sd = √((9 + 4 + 1 + 36) / 3) = √(50/3)
        assert!((s.sd.unwrap() - (50.0f64 / 3.0).sqrt()).abs() < 1e-12);
    }
}
