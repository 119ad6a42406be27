//! Checks a parsed codebook: every reference resolves, every id is usable, every section is
//! consistent; each error names the codebook line.

use super::questions::check_placeholders;
use super::*;
use crate::error::Error;
use std::collections::BTreeSet;

/// The most questions a codebook may declare (README, limits).
pub const MAX_QUESTIONS: usize = 20_000;
/// The most options and items one question may have (README, limits): a multi-select's tidy
/// table has a column for each.
pub const MAX_OPTIONS: usize = 10_000;

impl Codebook {
    pub(super) fn validate(&self) -> Result<()> {
        check_slug(self.survey.id.get_ref()).map_err(|why| self.error_at(&self.survey.id, why))?;
        self.validate_questions()?;
        self.validate_checks()?;
        self.validate_sections()?;
        self.validate_headlines()?;
        self.validate_analysis()?;
        if let Some(w) = &self.weights {
            self.validate_weights(w)?;
        }
        Ok(())
    }

    /// Ids and codes usable as column names, options only where the type has them.
    fn validate_questions(&self) -> Result<()> {
        if self.questions.is_empty() {
            return Err(Error::Codebook {
                path: self.path.clone(),
                line: 1,
                message: "the codebook declares no [[questions]]".into(),
            });
        }
        if self.questions.len() > MAX_QUESTIONS {
            return Err(self.error_at(
                &self.questions[MAX_QUESTIONS].id,
                format!(
                    "{} questions: a codebook may declare at most {MAX_QUESTIONS}",
                    self.questions.len()
                ),
            ));
        }
        let mut ids = BTreeSet::new();
        for q in &self.questions {
            let id = q.id();
            if !ids.insert(id.to_string()) {
                return Err(self.error_at(&q.id, format!("duplicate question id {id:?}")));
            }
            self.validate_question(q)?;
        }
        Ok(())
    }

    fn validate_question(&self, q: &Question) -> Result<()> {
        let id = q.id();
        if let Err(why) = crate::names::check_id(id) {
            return Err(self.error_at(&q.id, why));
        }
        let mut codes = BTreeSet::new();
        for o in q.all_options() {
            if let Err(why) = crate::names::check_code(o.code()) {
                return Err(self.error_at(&o.code, why));
            }
            if !codes.insert(o.code().to_string()) {
                return Err(self.error_at(
                    &o.code,
                    format!("duplicate option code {:?} in question {id:?}", o.code()),
                ));
            }
        }
        if let Some(o) = q.all_options().chain(&q.items).nth(MAX_OPTIONS) {
            return Err(self.error_at(
                &o.code,
                format!(
                    "question {id:?} has {} options and items: a question may have at most {MAX_OPTIONS}",
                    q.all_options().count() + q.items.len()
                ),
            ));
        }
        self.validate_labels(q, q.all_options(), "option")?;
        self.validate_labels(q, q.items.iter(), "item")?;
        match q.kind.shape() {
            Shape::OneOf | Shape::AnyOf => {
                if q.options.is_empty() {
                    return Err(self.error_at(
                        &q.id,
                        format!("{} question {id:?} needs options", q.kind.as_str()),
                    ));
                }
                if q.kind.shape() == Shape::OneOf && q.options.iter().any(|o| o.exclusive) {
                    return Err(self.error_at(
                        &q.id,
                        format!("\"exclusive\" only applies to multi questions ({id:?})"),
                    ));
                }
            }
            Shape::Country | Shape::Number | Shape::Text => {
                if let Some(o) = q.all_options().next() {
                    return Err(self.error_at(
                        &o.code,
                        format!("{} question {id:?} cannot have options", q.kind.as_str()),
                    ));
                }
            }
            Shape::Rated => self.validate_scale(q)?,
            Shape::Ranked => {
                if let Some(o) = q.all_options().next() {
                    let why = format!("ranking question {id:?} has items, not options");
                    return Err(self.error_at(&o.code, why));
                }
            }
        }
        self.validate_items(q)?;
        self.validate_type_keys(q)?;
        if q.pii && q.publish_text {
            return Err(self.error_at(
                &q.id,
                format!("question {id:?} is marked pii; it cannot also set publish_text"),
            ));
        }
        Ok(())
    }

    /// Err when two options (or two items) of a question share a label, spaces normalised as
    /// answers are matched: an answer could only ever be counted under the first, and the other
    /// published as 0.
    fn validate_labels<'o>(
        &self,
        q: &Question,
        options: impl Iterator<Item = &'o OptionDef>,
        what: &str,
    ) -> Result<()> {
        let mut seen: std::collections::BTreeMap<String, &str> = Default::default();
        for o in options {
            let key = o.label().split_whitespace().collect::<Vec<_>>().join(" ");
            // Blank labels are matched by their code or place, and options with an export
            // value by the value, not by their text.
            if key.is_empty() || o.value.is_some() {
                continue;
            }
            if let Some(first) = seen.insert(key, o.code()) {
                return Err(self.error_at(
                    &o.label,
                    format!(
                        "{what}s {first:?} and {:?} of question {:?} have the same label {:?}: an answer cannot tell them apart; give each its own label, or merge them",
                        o.code(),
                        q.id(),
                        o.label()
                    ),
                ));
            }
        }
        Ok(())
    }

    /// Keys that only some types take: a grid scale's marks, `base = "shown"`, a separator,
    /// `neutral_apart`.
    fn validate_type_keys(&self, q: &Question) -> Result<()> {
        let id = q.id();
        let scale_keys = q
            .all_options()
            .find(|o| o.score.is_some() || o.neutral || o.not_applicable);
        if let (Some(o), false) = (scale_keys, q.kind.shape() == Shape::Rated) {
            let why = format!(
                "score, neutral and not_applicable apply to a grid's scale ({id:?} is {})",
                q.kind.as_str()
            );
            return Err(self.error_at(&o.code, why));
        }
        if q.base == Base::Shown && q.kind.shape() != Shape::AnyOf {
            return Err(self.error_at(
                &q.id,
                format!(
                    "base = \"shown\" applies to multi questions ({id:?} is {})",
                    q.kind.as_str()
                ),
            ));
        }
        if let Some(sep) = &q.separator {
            if q.kind.shape() != Shape::AnyOf || sep.get_ref().trim().is_empty() {
                let why =
                    format!("separator applies to multi questions and cannot be blank ({id:?})");
                return Err(self.error_at(sep, why));
            }
        }
        if q.neutral_apart && q.kind.shape() != Shape::Rated {
            let why = format!(
                "neutral_apart applies to grid questions ({id:?} is {})",
                q.kind.as_str()
            );
            return Err(self.error_at(&q.id, why));
        }
        Ok(())
    }

    /// Grid and ranking questions have items (unique codes); other types none.
    fn validate_items(&self, q: &Question) -> Result<()> {
        let id = q.id();
        let wants = matches!(q.kind.shape(), Shape::Rated | Shape::Ranked);
        match (q.items.first(), wants) {
            (None, true) => {
                let why = format!("{} question {id:?} needs items", q.kind.as_str());
                return Err(self.error_at(&q.id, why));
            }
            (Some(o), false) => {
                let why = format!("{} question {id:?} cannot have items", q.kind.as_str());
                return Err(self.error_at(&o.code, why));
            }
            (None, false) | (Some(_), true) => {}
        }
        let mut codes = BTreeSet::new();
        for o in &q.items {
            crate::names::check_code(o.code()).map_err(|why| self.error_at(&o.code, why))?;
            if !codes.insert(o.code()) {
                let why = format!("duplicate item code {:?} in question {id:?}", o.code());
                return Err(self.error_at(&o.code, why));
            }
            if o.exclusive || o.score.is_some() || o.neutral || o.not_applicable {
                let why = format!("item {:?} of {id:?}: exclusive, score, neutral and not_applicable apply to options, not items", o.code());
                return Err(self.error_at(&o.code, why));
            }
        }
        Ok(())
    }

    /// A grid's scale: at least two scored options, finite scores, no "other".
    fn validate_scale(&self, q: &Question) -> Result<()> {
        let id = q.id();
        if let Some(o) = &q.other {
            let why = format!("grid question {id:?} cannot have an \"other\" option");
            return Err(self.error_at(&o.code, why));
        }
        for o in &q.options {
            let why = if o.exclusive {
                Some("\"exclusive\" only applies to multi questions")
            } else if o.not_applicable && (o.neutral || o.score.is_some()) {
                Some("a not_applicable option is left out of the mean: it has no score and is not neutral")
            } else if o.score.is_some_and(|x| !x.is_finite()) {
                Some("a score must be a finite number")
            } else {
                None
            };
            if let Some(why) = why {
                return Err(
                    self.error_at(&o.code, format!("{why} ({id:?}, option {:?})", o.code()))
                );
            }
        }
        let scored = q.options.iter().filter(|o| !o.not_applicable).count();
        let some_scored = q.options.iter().filter(|o| o.score.is_some()).count();
        if scored < 2 {
            let why = format!("grid question {id:?} needs a scale of at least two options that are not not_applicable");
            return Err(self.error_at(&q.id, why));
        }
        if some_scored != 0 && some_scored != scored {
            let why = format!("grid question {id:?}: give every option a score, or none (scores are then 1, 2, 3 …)");
            return Err(self.error_at(&q.id, why));
        }
        Ok(())
    }

    fn validate_sections(&self) -> Result<()> {
        for s in &self.sections {
            for qid in &s.questions {
                if self.question(qid.get_ref()).is_none() {
                    return Err(self.error_at(
                        qid,
                        format!(
                            "section {:?} names unknown question {:?}",
                            s.title,
                            qid.get_ref()
                        ),
                    ));
                }
            }
        }
        Ok(())
    }

    fn validate_headlines(&self) -> Result<()> {
        let mut hl_ids = BTreeSet::new();
        for h in &self.headlines {
            if !hl_ids.insert(h.id.clone()) {
                return Err(self.error_at(&h.question, format!("duplicate headline id {:?}", h.id)));
            }
            let Some(q) = self.question(h.question.get_ref()) else {
                return Err(self.error_at(
                    &h.question,
                    format!(
                        "headline {:?} names unknown question {:?}",
                        h.id,
                        h.question.get_ref()
                    ),
                ));
            };
            if h.option.get_ref().codes().is_empty() {
                return Err(self.error_at(
                    &h.option,
                    format!(
                        "headline {:?} names no option: give the option (or options) whose share it states",
                        h.id
                    ),
                ));
            }
            // A question without options may still have parts a headline states (an NPS's
            // groups): its kind checks those (kinds::check).
            for code in h
                .option
                .get_ref()
                .codes()
                .into_iter()
                .filter(|_| q.has_choices())
            {
                if q.option(&code).is_none() {
                    return Err(self.error_at(
                        &h.option,
                        format!(
                            "headline {:?}: question {:?} has no option {code:?}",
                            h.id,
                            q.id()
                        ),
                    ));
                }
            }
            check_placeholders(h.text.get_ref()).map_err(|m| self.error_at(&h.text, m))?;
        }
        Ok(())
    }

    fn validate_maps(&self) -> Result<()> {
        for m in &self.analysis.maps {
            let spec = m.get_ref();
            if self.country_question().is_none() {
                return Err(self.error_at(m, "a map needs a country question"));
            }
            let Some(q) = self.question(&spec.question).filter(|q| q.has_choices()) else {
                let why = format!("map: {:?} is not a single or multi question", spec.question);
                return Err(self.error_at(m, why));
            };
            if q.option(&spec.option).is_none() {
                let why = format!("map: question {:?} has no option {:?}", q.id(), spec.option);
                return Err(self.error_at(m, why));
            }
        }
        Ok(())
    }

    fn validate_analysis(&self) -> Result<()> {
        self.validate_maps()?;
        for b in &self.analysis.breakdowns {
            self.check_variable(b.get_ref().by(), b, "breakdown")?;
            for q in b.get_ref().questions().unwrap_or_default() {
                self.check_breakdown_question(q, b)?;
            }
        }
        for q in self.analysis.breakdown_questions.iter().flatten() {
            self.check_breakdown_question(q.get_ref(), q)?;
        }
        Ok(())
    }

    fn validate_weights(&self, w: &Weights) -> Result<()> {
        match (&w.method, w.margins.len()) {
            (None, 0) if w.column.is_some() => {}
            (None, _) => {
                let at = w.margins.first().map(|m| &m.variable);
                let line = at
                    .map(|a| line_of(&self.source_text, a.span().start))
                    .unwrap_or(1);
                return Err(Error::Codebook {
                    path: self.path.clone(),
                    line,
                    message:
                        "[weights] needs a column, or a method (poststratify | rake) with margins"
                            .into(),
                });
            }
            (Some(m), 0) => {
                return Err(
                    self.error_at(m, "[weights] method needs at least one [[weights.margins]]")
                )
            }
            (Some(m), k) if *m.get_ref() == WeightMethod::Poststratify && k != 1 => {
                return Err(self.error_at(
                    m,
                    format!(
                        "poststratify takes exactly one margin ({k} given); use rake for several"
                    ),
                ))
            }
            _ => {}
        }
        self.validate_raking_settings(w)?;
        if let (Some(c), Some(id)) = (&w.column, &self.survey.respondent_id) {
            if c.get_ref() == id.get_ref() {
                return Err(self.error_at(
                    c,
                    format!(
                        "weight column {:?} is the respondent id column",
                        c.get_ref()
                    ),
                ));
            }
        }
        for m in &w.margins {
            self.check_variable(m.variable.get_ref(), &m.variable, "weighting")?;
            self.check_shares(m)?;
            // A country question's margin is by ISO code, like the derived `country` variable.
            let choice = self
                .question(m.variable.get_ref())
                .filter(|q| q.has_choices());
            if let Some(q) = choice {
                for code in m.targets.get_ref().keys() {
                    if q.option(code).is_none() {
                        return Err(self.error_at(
                            &m.targets,
                            format!("margin {:?}: no option {code:?}", q.id()),
                        ));
                    }
                }
            }
            if m.targets
                .get_ref()
                .values()
                .any(|v| !(v.is_finite() && *v >= 0.0))
            {
                return Err(
                    self.error_at(&m.targets, "margin targets must be non-negative numbers")
                );
            }
        }
        Ok(())
    }

    /// Trim bounds, tolerance and iterations: settings under which raking can converge and say
    /// so truthfully.
    fn validate_raking_settings(&self, w: &Weights) -> Result<()> {
        if let Some(t) = &w.trim {
            let [lo, hi] = *t.get_ref();
            if !(lo > 0.0 && lo < 1.0 && hi > 1.0) {
                return Err(self.error_at(t, "trim bounds must be [low, high] with 0 < low < 1 < high (relative to the mean weight)"));
            }
        }
        // A relative gap: anything above 1% is no convergence at all (1e300 with one iteration
        // was reported "converged").
        if !(w.tolerance > 0.0 && w.tolerance <= 0.01) {
            return Err(Error::Codebook {
                path: self.path.clone(),
                line: self.key_line("[weights]", "tolerance"),
                message: format!(
                    "[weights] tolerance must be a number above 0 and at most 0.01 (the largest relative gap left between a margin and its target), not {:e}",
                    w.tolerance
                ),
            });
        }
        if w.max_iterations == 0 {
            return Err(Error::Codebook {
                path: self.path.clone(),
                line: self.key_line("[weights]", "max_iterations"),
                message: "[weights] max_iterations must be at least 1".into(),
            });
        }
        Ok(())
    }

    /// Err for margin targets that look like shares (each at most 1) but do not sum to 1: they
    /// were taken as counts (shares summing to 0.9 weighted as a population of 0.9).
    fn check_shares(&self, m: &WeightMargin) -> Result<()> {
        let t = m.targets.get_ref();
        let sum: f64 = t.values().sum();
        if t.values().all(|v| *v <= 1.0) && (sum - 1.0).abs() > 1e-9 {
            return Err(self.error_at(
                &m.targets,
                format!(
                    "margin {:?}: the targets look like shares (each at most 1) but sum to {sum}; give shares that sum to 1, or population counts",
                    m.variable.get_ref()
                ),
            ));
        }
        Ok(())
    }

    /// The line of `key = …` in the codebook's `section` (its first line when not found).
    fn key_line(&self, section: &str, key: &str) -> usize {
        let mut inside = false;
        for (k, line) in self.source_text.lines().enumerate() {
            let l = line.trim_start();
            if l.starts_with('[') {
                inside = l.starts_with(section);
            } else if inside
                && l.strip_prefix(key)
                    .is_some_and(|r| r.trim_start().starts_with('='))
            {
                return k + 1;
            }
        }
        1
    }

    /// A question listed to be broken down is in the codebook (whether its kind can be broken
    /// down is asked of the kind when the run breaks it down).
    fn check_breakdown_question<T>(&self, q: &str, at: &Spanned<T>) -> Result<()> {
        match self.question(q) {
            Some(_) => Ok(()),
            None => Err(self.error_at(
                at,
                format!("breakdown question {q:?} is not in the codebook"),
            )),
        }
    }

    fn check_variable<T>(&self, name: &str, v: &Spanned<T>, what: &str) -> Result<()> {
        if DERIVED_VARIABLES.contains(&name) {
            if self.country_question().is_none() {
                return Err(self.error_at(
                    v,
                    format!("{what} variable {name:?} needs a country question"),
                ));
            }
            return Ok(());
        }
        match self.question(name) {
            Some(q) if q.kind.shape() == Shape::OneOf => Ok(()),
            Some(_) => Err(self.error_at(v, format!("{what} variable {name:?} must be a single-choice question"))),
            None => Err(self.error_at(
                v,
                format!("{what} variable {name:?} is neither a question nor one of region, subregion, country"),
            )),
        }
    }
}
