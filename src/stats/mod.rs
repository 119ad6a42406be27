//! The stat tables of a run: each question's table computed by its kind ([`crate::kinds`]), the
//! headlines, breakdowns, maps and sections, gathered into [`Results`]. Renderers read these and
//! never the frame; [`invariants`] checks every table before it leaves this stage.

pub mod invariants;

pub use crate::estimate::{
    breakdown, breakdown_grid, change, chisq, interval, masks, mean, run_weights, weights,
};

use crate::kinds::Inputs;
pub use crate::kinds::{
    ChoiceTable, CountryRow, CountryTable, NumericSummary, OptionRow, TextSummary,
};
pub use masks::Masks;

use crate::codebook::{Base, Codebook, Question, Shape};
use crate::error::Result;
use crate::names;
use crate::tables::ShareMap;
pub use crate::tables::{
    Estimate, FileFingerprint, HeadlineStat, Provenance, QuestionStats, Results, SectionRef,
    SurveyInfo,
};
use crate::tidy::Tidy;
use masks::estimate;
use rayon::prelude::*;

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

/// One table per question, in codebook order.
fn question_tables(
    cb: &Codebook,
    tidy: &Tidy,
    masks: &Masks,
    w: Option<&[f64]>,
) -> Result<Vec<QuestionStats>> {
    let method = cb.analysis.interval;
    let threshold = cb.survey.suppression_threshold;
    // On all cores; collected in codebook order (the first error in that order is reported).
    // A question with an unconfirmed type, options or joiner has no table.
    let published: Vec<&Question> = cb.questions.iter().filter(|q| !q.withheld()).collect();
    published
        .par_iter()
        .map(|q| {
            let inputs = Inputs {
                tidy,
                masks,
                method,
                weights: w,
                threshold,
            };
            crate::kinds::table(q, &inputs)
        })
        .collect::<Vec<Result<_>>>()
        .into_iter()
        .collect()
}

fn headlines(cb: &Codebook, masks: &Masks, w: Option<&[f64]>) -> Result<Vec<HeadlineStat>> {
    cb.headlines
        .iter()
        .filter(|h| {
            cb.question(h.question.get_ref())
                .is_some_and(|q| !q.withheld())
        })
        .map(|h| {
            let q = cb.question(h.question.get_ref()).expect("validated");
            let codes = h.option.get_ref().codes();
            let base = crate::kinds::base(masks, q)?;
            let chose = crate::kinds::chose(masks, q, &codes)?;
            Ok(HeadlineStat {
                id: h.id.clone(),
                question: q.id().to_string(),
                options: codes,
                template: h.text.get_ref().clone(),
                estimate: estimate(cb.analysis.interval, &chose, &base, w),
                suppressed: false,
            })
        })
        .collect()
}

/// The codebook's sections; questions no section names get a section of their own.
fn sections(cb: &Codebook) -> Vec<SectionRef> {
    let mut sections: Vec<SectionRef> = cb
        .sections
        .iter()
        .map(|s| SectionRef {
            title: s.title.clone(),
            intro: s.intro.clone(),
            questions: s.questions.iter().map(|q| q.get_ref().clone()).collect(),
        })
        .collect();
    let listed: Vec<&String> = sections.iter().flat_map(|s| s.questions.iter()).collect();
    let rest: Vec<String> = cb
        .questions
        .iter()
        .map(|q| q.id().to_string())
        .filter(|id| !listed.contains(&id))
        .collect();
    if !rest.is_empty() {
        let title = if cb.sections.is_empty() {
            "Questions"
        } else {
            "Other questions"
        };
        sections.push(SectionRef {
            title: title.into(),
            intro: None,
            questions: rest,
        });
    }
    sections
}

fn breakdowns(
    cb: &Codebook,
    tidy: &Tidy,
    masks: &Masks,
    w: Option<&[f64]>,
) -> Result<Vec<breakdown::BreakdownTable>> {
    let ctx = breakdown::Context {
        cb,
        weights: w,
        method: cb.analysis.interval,
        threshold: cb.survey.suppression_threshold,
    };
    // Each variable coded once; every (variable, question) pair on all cores, collected in
    // codebook order.
    let mut pairs = Vec::new();
    for spec in &cb.analysis.breakdowns {
        let by = spec.get_ref().by();
        let values = breakdown::Coded::of(crate::tidy::variables::variable_column(
            cb,
            &tidy.frame,
            by,
        )?);
        let values = std::sync::Arc::new(values);
        let questions: Vec<&Question> =
            match (spec.get_ref().questions(), &cb.analysis.breakdown_questions) {
                (Some(own), _) => own.iter().filter_map(|q| cb.question(q)).collect(),
                (None, Some(list)) => list
                    .iter()
                    .filter_map(|q| cb.question(q.get_ref()))
                    .collect(),
                (None, None) => (cb.questions.iter())
                    .filter(|q| crate::kinds::kind(q.kind).breaks_down(q))
                    .collect(),
            };
        // Nothing unconfirmed is broken down, nor breaks anything down; a grid's breakdown is
        // of its top-2 box, which needs its order.
        if cb.question(by).is_some_and(Question::withheld) {
            continue;
        }
        let confirmed = |q: &&Question| {
            !q.withheld() && !(q.kind.shape() == Shape::Rated && q.order_unconfirmed())
        };
        for q in questions
            .into_iter()
            .filter(|q| q.id() != by)
            .filter(confirmed)
        {
            pairs.push((by, values.clone(), q));
        }
    }
    pairs
        .par_iter()
        .map(|(by, values, q)| {
            let base = crate::kinds::base(masks, q)?;
            let b = crate::kinds::Breakdown {
                ctx: &ctx,
                masks,
                by,
                values,
            };
            crate::kinds::kind(q.kind).breakdown(&b, q, &base)
        })
        .collect::<Vec<Result<_>>>()
        .into_iter()
        .collect()
}

/// Each `[analysis] maps` entry: its question broken down by country, with the numeric codes.
fn maps(cb: &Codebook, tidy: &Tidy, masks: &Masks, w: Option<&[f64]>) -> Result<Vec<ShareMap>> {
    let ctx = breakdown::Context {
        cb,
        weights: w,
        method: cb.analysis.interval,
        threshold: cb.survey.suppression_threshold,
    };
    if cb.analysis.maps.is_empty() {
        return Ok(Vec::new());
    }
    let values = breakdown::Coded::of(crate::tidy::variables::variable_column(
        cb,
        &tidy.frame,
        "country",
    )?);
    cb.analysis
        .maps
        .iter()
        .filter(|m| {
            cb.question(&m.get_ref().question)
                .is_some_and(|q| !q.withheld())
        })
        .map(|m| {
            let spec = m.get_ref();
            let q = cb.question(&spec.question).expect("validated");
            let base = crate::kinds::base(masks, q)?;
            let chose = q
                .all_options()
                .map(|o| crate::kinds::chose(masks, q, &[o.code().to_string()]))
                .collect::<Result<Vec<_>>>()?;
            let table = breakdown::breakdown(&ctx, q, "country", &values, &base, &chose);
            let numeric = table
                .groups
                .iter()
                .map(|g| crate::country::numeric(&g.key).unwrap_or(0))
                .collect();
            let label = q
                .option(&spec.option)
                .map(|o| o.short_label().to_string())
                .unwrap_or_default();
            Ok(ShareMap {
                question: q.id().to_string(),
                option: spec.option.clone(),
                label,
                table,
                numeric,
            })
        })
        .collect()
}

/// The tidy stage's notes, and a note for each `base = "shown"` the export cannot honour.
fn warnings(cb: &Codebook, tidy: &Tidy) -> Vec<String> {
    let mut warnings = tidy.warnings.clone();
    for q in cb.questions.iter().filter(|q| q.base == Base::Shown) {
        if tidy
            .frame
            .column(&names::flag(q.id(), names::SHOWN))
            .is_err()
        {
            warnings.push(format!(
                "question {:?}: base \"shown\" needs an export that records unticked choices (Qualtrics -99, KoboToolbox 0, REDCap); the base is the respondents who answered",
                q.id()
            ));
        }
    }
    warnings
}

/// Each unconfirmed decision of the codebook, and what it withholds.
fn reviews(cb: &Codebook) -> Vec<crate::tables::Review> {
    cb.reviews()
        .into_iter()
        .map(|(question, line, check, kind)| crate::tables::Review {
            question,
            line,
            check,
            withheld: kind.withheld().to_string(),
        })
        .collect()
}

/// Computes every stat table, then checks them (see [`invariants`]).
pub fn compute(
    cb: &Codebook,
    tidy: &Tidy,
    provenance: Provenance,
    weighting: Option<weights::WeightingInfo>,
) -> Result<Results> {
    let masks = Masks::new(&tidy.frame);
    let weights = run_weights(tidy, weighting.is_some())?;
    let w = weights.as_deref();
    let (questions, breakdowns) = rayon::join(
        || {
            let _s = crate::progress::step("stats: question tables");
            question_tables(cb, tidy, &masks, w)
        },
        || {
            let _s = crate::progress::step("stats: breakdowns");
            breakdowns(cb, tidy, &masks, w)
        },
    );
    let _s = crate::progress::step("stats: maps, headlines, checks");
    let questions = questions?;
    let countries = questions.iter().find_map(|q| q.table().countries());
    let results = Results {
        interval: cb.analysis.interval,
        weighting,
        breakdowns: breakdowns?,
        maps: maps(cb, tidy, &masks, w)?,
        needs_review: reviews(cb),
        survey: SurveyInfo {
            id: cb.survey.id.get_ref().clone(),
            title: cb.survey.title.clone(),
            wave: cb.survey.wave.clone(),
            description: cb.survey.description.clone(),
            unit: cb.survey.unit.clone(),
            suppression_threshold: cb.survey.suppression_threshold,
        },
        respondents: masks.height(),
        countries,
        questions,
        sections: sections(cb),
        headlines: headlines(cb, &masks, w)?,
        accounting: tidy.accounting.clone(),
        excluded_rows: tidy.excluded_rows.clone(),
        warnings: warnings(cb, tidy),
        unaccounted_columns: tidy.unaccounted.clone(),
        provenance,
    };
    invariants::check(&results)?;
    Ok(results)
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
}
