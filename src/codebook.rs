//! The codebook: a declarative description of one survey wave (`survey.toml`).
//!
//! A researcher edits this file, not Rust, for the next wave. Unknown keys, unknown question types
//! and references that do not resolve are errors that carry the codebook's line number.

use crate::error::{Error, Result};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use toml::Spanned;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Codebook {
    pub survey: Survey,
    #[serde(rename = "questions")]
    pub questions: Vec<Question>,
    #[serde(default)]
    pub sections: Vec<Section>,
    #[serde(default)]
    pub headlines: Vec<Headline>,
    #[serde(default)]
    pub analysis: Analysis,
    #[serde(default)]
    pub weights: Option<Weights>,
    /// The file's text, kept for line numbers and the provenance hash.
    #[serde(skip)]
    pub source_text: String,
    /// Where the codebook was read from (a label for the bundled sample).
    #[serde(skip)]
    pub path: PathBuf,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Survey {
    /// Short identifier, used as the default output folder name: a slug (see [`check_slug`]).
    pub id: Spanned<String>,
    pub title: String,
    pub wave: String,
    #[serde(default)]
    pub description: String,
    /// The raw export, relative to the codebook's folder.
    pub source: Spanned<String>,
    pub format: Spanned<Format>,
    /// Heading of the column holding the platform's respondent id (Google Forms has none:
    /// leave it out and rows are identified by their number).
    #[serde(default)]
    pub respondent_id: Option<Spanned<String>>,
    /// Export columns that identify people; they never reach an output.
    #[serde(default)]
    pub pii_columns: Vec<Spanned<String>>,
    /// Export columns left out on purpose (a grid shelfstat cannot analyse yet, a timer):
    /// named in the report's data notes, never warned about as unaccounted.
    #[serde(default)]
    pub ignore_columns: Vec<Spanned<String>>,
    /// Cells of a breakdown with a base below this are suppressed in published outputs.
    #[serde(default = "default_threshold")]
    pub suppression_threshold: u64,
    /// What one respondent is, in sentences ("libraries").
    #[serde(default = "default_unit")]
    pub unit: String,
    /// KoboToolbox: leave out submissions whose `_validation_status` is "not approved".
    #[serde(default)]
    pub exclude_not_approved: bool,
    /// LimeSurvey "full answers" exports: the survey language's words for a multiple-choice
    /// subquestion that was ticked, shown but not ticked, and not shown. Default: LimeSurvey's
    /// own words for the response's `startlanguage` (Yes/No, Ja/Nein, Oui/Non …) and "N/A".
    #[serde(default)]
    pub checkbox_words: Option<CheckboxWords>,
    /// A UTF-8 export with damaged bytes: `"error"` (default: the line is named) or `"replace"`
    /// (each bad byte becomes U+FFFD, with a warning in the report).
    #[serde(default)]
    pub invalid_utf8: InvalidUtf8,
}

/// What to do with bytes that are not UTF-8 in an otherwise UTF-8 export.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum InvalidUtf8 {
    #[default]
    Error,
    Replace,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CheckboxWords {
    pub yes: String,
    pub no: String,
    #[serde(default = "default_not_shown")]
    pub not_shown: String,
}

fn default_not_shown() -> String {
    "N/A".into()
}

fn default_threshold() -> u64 {
    5
}
fn default_unit() -> String {
    "respondents".into()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Format {
    /// Detect from the export's headers.
    Auto,
    /// SurveyMonkey "actual answer text" CSV, expanded or condensed: two header rows.
    #[serde(alias = "surveymonkey")]
    SurveymonkeyExpandedText,
    /// Google Forms responses CSV: one header row starting "Timestamp".
    GoogleForms,
    /// Qualtrics CSV: current and 2016–2020 3-row headers, legacy 2-row; choice text or numeric.
    Qualtrics,
    /// KoboToolbox / ODK CSV: XLSForm names as headers, select_multiple detail columns.
    #[serde(alias = "kobotoolbox")]
    Kobo,
    /// LimeSurvey CSV with question-code headings (`q[SQ001]`, `Y` when selected).
    Limesurvey,
    /// REDCap CSV, raw or labels (`field___code` / `Label (choice=…)` checkboxes).
    Redcap,
    /// A plain table: one header row, one row per respondent, one column per question.
    Plain,
}

impl Format {
    /// Every concrete layout a reader exists for (not `Auto`), for tools that try them all.
    pub const READABLE: [Format; 7] = [
        Format::SurveymonkeyExpandedText,
        Format::GoogleForms,
        Format::Qualtrics,
        Format::Kobo,
        Format::Limesurvey,
        Format::Redcap,
        Format::Plain,
    ];
}

impl Format {
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Auto => "auto",
            Format::SurveymonkeyExpandedText => "surveymonkey-expanded-text",
            Format::GoogleForms => "google-forms",
            Format::Qualtrics => "qualtrics",
            Format::Kobo => "kobo",
            Format::Limesurvey => "limesurvey",
            Format::Redcap => "redcap",
            Format::Plain => "plain",
        }
    }
    pub fn describe(self) -> &'static str {
        match self {
            Format::Auto => "detected from the headers",
            Format::SurveymonkeyExpandedText => "SurveyMonkey (actual answer text)",
            Format::GoogleForms => "Google Forms",
            Format::Qualtrics => "Qualtrics",
            Format::Kobo => "KoboToolbox",
            Format::Limesurvey => "LimeSurvey",
            Format::Redcap => "REDCap",
            Format::Plain => "plain table",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum QuestionType {
    Single,
    Multi,
    Text,
    Country,
    Numeric,
}

impl QuestionType {
    pub fn as_str(self) -> &'static str {
        match self {
            QuestionType::Single => "single",
            QuestionType::Multi => "multi",
            QuestionType::Text => "text",
            QuestionType::Country => "country",
            QuestionType::Numeric => "numeric",
        }
    }
}

/// Who a percentage is a share of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Base {
    /// Respondents who answered the question (a multi-select: ticked at least one option; an
    /// exclusive "none" counts as an answer).
    #[default]
    Answered,
    /// Every analysed respondent, answered or not.
    All,
    /// Multi-select: respondents shown the question, including those who ticked nothing, where
    /// the export records it (Qualtrics -99, KoboToolbox 0, REDCap 0 in an opened form);
    /// otherwise the same as `answered`, with a note in the report.
    Shown,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Question {
    pub id: Spanned<String>,
    #[serde(rename = "type")]
    pub kind: QuestionType,
    /// Wording shown in the report.
    pub text: Spanned<String>,
    /// The export's heading for this question's columns, when it differs from `text`.
    #[serde(default)]
    pub header: Option<Spanned<String>>,
    /// Short label for charts and tables.
    #[serde(default)]
    pub short: Option<String>,
    #[serde(default)]
    pub options: Vec<OptionDef>,
    /// The "Other (please specify)" choice: its text column counts as ticking it.
    #[serde(default)]
    pub other: Option<OptionDef>,
    #[serde(default)]
    pub base: Base,
    /// The answers identify people (an e-mail address): only "answered" is kept.
    #[serde(default)]
    pub pii: bool,
    /// The sub-heading of the question's free-text comment column ("Please explain here"),
    /// for a choice with a comment box: counted, never published.
    #[serde(default)]
    pub comment: Option<Spanned<String>>,
    /// Free-text answers are never published unless this is set.
    #[serde(default)]
    pub publish_text: bool,
    /// Free note for the report's method section (who was asked, routing).
    #[serde(default)]
    pub note: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OptionDef {
    /// Stable code used in tidy column names and headlines.
    pub code: Spanned<String>,
    /// The choice label: the export's sub-heading and the cell text when ticked.
    pub label: Spanned<String>,
    /// Short label for charts.
    #[serde(default)]
    pub short: Option<String>,
    /// An exclusive choice such as "None of these": it counts as an answer.
    #[serde(default)]
    pub exclusive: bool,
    /// The platform's code for this choice in numeric exports (Qualtrics recode value,
    /// SurveyMonkey position, LimeSurvey code …); a cell holding it counts as the choice.
    #[serde(default, deserialize_with = "de_code")]
    pub value: Option<String>,
}

/// A code written as a TOML integer or string.
fn de_code<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> std::result::Result<Option<String>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Code {
        I(i64),
        S(String),
    }
    Ok(Option::<Code>::deserialize(d)?.map(|c| match c {
        Code::I(i) => i.to_string(),
        Code::S(s) => s,
    }))
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Section {
    pub title: String,
    #[serde(default)]
    pub intro: Option<String>,
    pub questions: Vec<Spanned<String>>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Headline {
    pub id: String,
    pub question: Spanned<String>,
    /// One option code, or several whose union is counted.
    pub option: Spanned<OneOrMany>,
    /// Sentence with placeholders {pct} {count} {base} {ci} {unit}.
    pub text: Spanned<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(untagged)]
pub enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

impl OneOrMany {
    pub fn codes(&self) -> Vec<String> {
        match self {
            OneOrMany::One(s) => vec![s.clone()],
            OneOrMany::Many(v) => v.clone(),
        }
    }
}

/// Interval method, chosen in the codebook (`[analysis] interval`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum IntervalMethod {
    /// Wilson score on n (unweighted) or Kish's effective n (weighted). The default.
    #[default]
    Wilson,
    /// Clopper–Pearson: exact binomial when unweighted; weighted, R `svyciprop(method = "beta")`
    /// (Korn–Graubard, effective n from the linearised variance).
    ClopperPearson,
    /// R `svyciprop`'s default: a t interval (n − 1 df) on the logit scale, back-transformed.
    Logit,
}

impl IntervalMethod {
    pub fn describe(self) -> &'static str {
        match self {
            IntervalMethod::Wilson => "Wilson score",
            IntervalMethod::ClopperPearson => "Clopper–Pearson",
            IntervalMethod::Logit => "logit (t, n − 1 df)",
        }
    }
}

/// How estimates are made and broken down.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Analysis {
    /// wilson (default) | clopper-pearson | logit.
    #[serde(default)]
    pub interval: IntervalMethod,
    /// Breakdown variables: `region`, `subregion`, `country` (from the country question) or the
    /// id of a single-choice question; or `{ by = "...", questions = [...] }` for its own list.
    #[serde(default)]
    pub breakdowns: Vec<Spanned<BreakdownSpec>>,
    /// Questions to break down (default: every single and multi question not used as a breakdown).
    #[serde(default)]
    pub breakdown_questions: Option<Vec<Spanned<String>>>,
}

/// A breakdown: a variable name, or a variable with its own question list.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum BreakdownSpec {
    By(String),
    Detailed { by: String, questions: Vec<String> },
}

impl BreakdownSpec {
    pub fn by(&self) -> &str {
        match self {
            BreakdownSpec::By(b) => b,
            BreakdownSpec::Detailed { by, .. } => by,
        }
    }
    /// Its own question list, if it has one.
    pub fn questions(&self) -> Option<&[String]> {
        match self {
            BreakdownSpec::By(_) => None,
            BreakdownSpec::Detailed { questions, .. } => Some(questions),
        }
    }
}

/// Derived breakdown variables (besides single-choice questions).
pub const DERIVED_VARIABLES: &[&str] = &["region", "subregion", "country"];

/// Survey weights: read from an export column, or computed to population margins.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Weights {
    /// Heading of an export column holding each respondent's weight.
    #[serde(default)]
    pub column: Option<Spanned<String>>,
    /// `poststratify` (one margin) or `rake` (several); applied on top of `column` if both.
    #[serde(default)]
    pub method: Option<Spanned<WeightMethod>>,
    #[serde(default)]
    pub margins: Vec<WeightMargin>,
    /// Raking stops when every margin total is within this relative gap.
    #[serde(default = "default_tolerance")]
    pub tolerance: f64,
    #[serde(default = "default_max_iterations")]
    pub max_iterations: usize,
    /// Bounds on weight / mean weight, e.g. [0.3, 3.0].
    #[serde(default)]
    pub trim: Option<Spanned<[f64; 2]>>,
}

fn default_tolerance() -> f64 {
    1e-10
}
fn default_max_iterations() -> usize {
    1000
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum WeightMethod {
    Poststratify,
    Rake,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WeightMargin {
    /// A single-choice question id, or region / subregion / country.
    pub variable: Spanned<String>,
    /// Population totals (or shares summing to 1) by option code / region name / ISO code.
    pub targets: Spanned<std::collections::BTreeMap<String, f64>>,
}

/// Placeholders a headline template may use.
pub const HEADLINE_PLACEHOLDERS: &[&str] = &["pct", "count", "base", "ci", "unit"];

impl Question {
    pub fn id(&self) -> &str {
        self.id.get_ref()
    }
    pub fn text(&self) -> &str {
        self.text.get_ref()
    }
    /// The export heading of the question's column block.
    pub fn header(&self) -> &Spanned<String> {
        self.header.as_ref().unwrap_or(&self.text)
    }
    pub fn short_label(&self) -> &str {
        self.short.as_deref().unwrap_or(self.text.get_ref())
    }
    /// Options in codebook order, "other" last.
    pub fn all_options(&self) -> impl Iterator<Item = &OptionDef> {
        self.options.iter().chain(self.other.iter())
    }
    pub fn option(&self, code: &str) -> Option<&OptionDef> {
        self.all_options().find(|o| o.code() == code)
    }
    pub fn has_choices(&self) -> bool {
        matches!(self.kind, QuestionType::Single | QuestionType::Multi)
    }
}

impl OptionDef {
    pub fn code(&self) -> &str {
        self.code.get_ref()
    }
    pub fn label(&self) -> &str {
        self.label.get_ref()
    }
    pub fn short_label(&self) -> &str {
        self.short.as_deref().unwrap_or(self.label.get_ref())
    }
}

impl Codebook {
    /// Reads and validates a codebook file.
    pub fn load(path: &Path) -> Result<Codebook> {
        let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
        Codebook::parse(&text, path)
    }

    /// Parses and validates codebook text; `path` labels errors.
    pub fn parse(text: &str, path: &Path) -> Result<Codebook> {
        let mut cb: Codebook = parse_toml(text, path)?;
        cb.source_text = text.to_string();
        cb.path = path.to_path_buf();
        cb.validate()?;
        Ok(cb)
    }

    /// Folder the codebook's relative paths are resolved against.
    pub fn dir(&self) -> PathBuf {
        self.path
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_default()
    }

    pub fn source_path(&self) -> PathBuf {
        self.dir().join(self.survey.source.get_ref())
    }

    pub fn question(&self, id: &str) -> Option<&Question> {
        self.questions.iter().find(|q| q.id() == id)
    }

    /// The country question, if the codebook has one.
    pub fn country_question(&self) -> Option<&Question> {
        self.questions
            .iter()
            .find(|q| q.kind == QuestionType::Country)
    }

    /// An error located at a spanned value of this codebook.
    pub fn error_at<T>(&self, spanned: &Spanned<T>, message: impl Into<String>) -> Error {
        Error::Codebook {
            path: self.path.clone(),
            line: line_of(&self.source_text, spanned.span().start),
            message: message.into(),
        }
    }

    fn validate(&self) -> Result<()> {
        check_slug(self.survey.id.get_ref()).map_err(|why| self.error_at(&self.survey.id, why))?;
        if self.questions.is_empty() {
            return Err(Error::Codebook {
                path: self.path.clone(),
                line: 1,
                message: "the codebook declares no [[questions]]".into(),
            });
        }
        let mut ids = BTreeSet::new();
        for q in &self.questions {
            let id = q.id();
            if let Err(why) = crate::names::check_id(id) {
                return Err(self.error_at(&q.id, why));
            }
            if !ids.insert(id.to_string()) {
                return Err(self.error_at(&q.id, format!("duplicate question id {id:?}")));
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
            match q.kind {
                QuestionType::Single | QuestionType::Multi => {
                    if q.options.is_empty() {
                        return Err(self.error_at(
                            &q.id,
                            format!("{} question {id:?} needs options", q.kind.as_str()),
                        ));
                    }
                    if q.kind == QuestionType::Single && q.options.iter().any(|o| o.exclusive) {
                        return Err(self.error_at(
                            &q.id,
                            format!("\"exclusive\" only applies to multi questions ({id:?})"),
                        ));
                    }
                }
                _ => {
                    if let Some(o) = q.all_options().next() {
                        return Err(self.error_at(
                            &o.code,
                            format!("{} question {id:?} cannot have options", q.kind.as_str()),
                        ));
                    }
                }
            }
            if q.base == Base::Shown && q.kind != QuestionType::Multi {
                return Err(self.error_at(
                    &q.id,
                    format!(
                        "base = \"shown\" applies to multi questions ({id:?} is {})",
                        q.kind.as_str()
                    ),
                ));
            }
            if q.pii && q.publish_text {
                return Err(self.error_at(
                    &q.id,
                    format!("question {id:?} is marked pii; it cannot also set publish_text"),
                ));
            }
        }
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
            if !q.has_choices() {
                return Err(self.error_at(
                    &h.question,
                    format!("headline {:?}: question {:?} has no options", h.id, q.id()),
                ));
            }
            for code in h.option.get_ref().codes() {
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
        for b in &self.analysis.breakdowns {
            self.check_variable(b.get_ref().by(), b, "breakdown")?;
            for q in b.get_ref().questions().unwrap_or_default() {
                self.check_breakdown_question(q, b)?;
            }
        }
        for q in self.analysis.breakdown_questions.iter().flatten() {
            self.check_breakdown_question(q.get_ref(), q)?;
        }
        if let Some(w) = &self.weights {
            match (&w.method, w.margins.len()) {
                (None, 0) if w.column.is_some() => {}
                (None, _) => {
                    let at = w.margins.first().map(|m| &m.variable);
                    let line = at.map(|a| line_of(&self.source_text, a.span().start)).unwrap_or(1);
                    return Err(Error::Codebook {
                        path: self.path.clone(),
                        line,
                        message: "[weights] needs a column, or a method (poststratify | rake) with margins".into(),
                    });
                }
                (Some(m), 0) => return Err(self.error_at(m, "[weights] method needs at least one [[weights.margins]]")),
                (Some(m), k) if *m.get_ref() == WeightMethod::Poststratify && k != 1 => {
                    return Err(self.error_at(m, format!("poststratify takes exactly one margin ({k} given); use rake for several")))
                }
                _ => {}
            }
            if let Some(t) = &w.trim {
                let [lo, hi] = *t.get_ref();
                if !(lo > 0.0 && lo < 1.0 && hi > 1.0) {
                    return Err(self.error_at(t, "trim bounds must be [low, high] with 0 < low < 1 < high (relative to the mean weight)"));
                }
            }
            if !(w.tolerance > 0.0) || w.max_iterations == 0 {
                return Err(Error::Codebook {
                    path: self.path.clone(),
                    line: 1,
                    message: "[weights] tolerance and max_iterations must be positive".into(),
                });
            }
            for m in &w.margins {
                self.check_variable(m.variable.get_ref(), &m.variable, "weighting")?;
                if let Some(q) = self.question(m.variable.get_ref()) {
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
        }
        Ok(())
    }

    /// A breakdown or weighting variable: a derived one (needs a country question) or a
    /// single-choice question.
    fn check_breakdown_question<T>(&self, q: &str, at: &Spanned<T>) -> Result<()> {
        match self.question(q) {
            Some(qq) if qq.has_choices() => Ok(()),
            Some(_) => Err(self.error_at(
                at,
                format!("breakdown question {q:?} is not a single or multi question"),
            )),
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
            Some(q) if q.kind == QuestionType::Single => Ok(()),
            Some(_) => Err(self.error_at(v, format!("{what} variable {name:?} must be a single-choice question"))),
            None => Err(self.error_at(
                v,
                format!("{what} variable {name:?} is neither a question nor one of region, subregion, country"),
            )),
        }
    }
}

fn check_placeholders(template: &str) -> std::result::Result<(), String> {
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let close = after
            .find('}')
            .ok_or_else(|| format!("unclosed '{{' in headline text {template:?}"))?;
        let name = &after[..close];
        if !HEADLINE_PLACEHOLDERS.contains(&name) {
            return Err(format!(
                "unknown placeholder {{{name}}} in headline text (use {})",
                HEADLINE_PLACEHOLDERS
                    .iter()
                    .map(|p| format!("{{{p}}}"))
                    .collect::<Vec<_>>()
                    .join(" ")
            ));
        }
        rest = &after[close + 1..];
    }
    Ok(())
}

/// An id used as a folder name (`reports/<id>`): lowercase letters, digits, `-`, `_` and `.`,
/// starting with a letter or digit, at most 100 characters — never a path (`..`, `/`).
pub fn check_slug(id: &str) -> std::result::Result<(), String> {
    let ok = !id.is_empty()
        && id.len() <= 100
        && id.starts_with(|c: char| c.is_ascii_lowercase() || c.is_ascii_digit())
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '-' | '_' | '.'))
        && !id.contains("..");
    if ok {
        Ok(())
    } else {
        Err(format!(
            "id {id:?} must be a short name for a folder: lowercase letters, digits, - _ and ., starting with a letter or digit (choose another folder with --out)"
        ))
    }
}

/// Deserialises a TOML file; a syntax error, unknown key or wrong type names its line.
pub fn parse_toml<T: serde::de::DeserializeOwned>(text: &str, path: &Path) -> Result<T> {
    toml::from_str(text).map_err(|e| Error::Codebook {
        path: path.to_path_buf(),
        line: e.span().map(|s| line_of(text, s.start)).unwrap_or(1),
        message: e.message().trim().to_string(),
    })
}

/// 1-based line of a byte offset.
pub fn line_of(text: &str, offset: usize) -> usize {
    text.as_bytes()[..offset.min(text.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINIMAL: &str = r#"
[survey]
id = "t"
title = "T"
wave = "1"
source = "r.csv"
format = "surveymonkey-expanded-text"
respondent_id = "Respondent ID"

[[questions]]
id = "q1"
type = "single"
text = "Q1?"
options = [{ code = "a", label = "A" }, { code = "b", label = "B" }]
"#;

    fn err(text: &str) -> String {
        Codebook::parse(text, Path::new("cb.toml"))
            .unwrap_err()
            .to_string()
    }

    #[test]
    fn minimal_parses_with_defaults() {
        let cb = Codebook::parse(MINIMAL, Path::new("x/cb.toml")).unwrap();
        assert_eq!(cb.survey.suppression_threshold, 5);
        assert_eq!(cb.questions[0].base, Base::Answered);
        assert_eq!(cb.source_path(), Path::new("x/r.csv"));
        assert_eq!(cb.questions[0].header().get_ref(), "Q1?");
    }

    #[test]
    fn unknown_key_names_its_line() {
        let text = MINIMAL.replace("text = \"Q1?\"", "text = \"Q1?\"\ncolour = \"red\"");
        let e = err(&text);
        assert!(e.starts_with("cb.toml:14: unknown field `colour`"), "{e}");
    }

    #[test]
    fn unknown_type_names_its_line() {
        let e = err(&MINIMAL.replace("\"single\"", "\"ranking\""));
        assert!(
            e.starts_with("cb.toml:12: unknown variant `ranking`"),
            "{e}"
        );
    }

    #[test]
    fn duplicate_option_code() {
        let e = err(&MINIMAL.replace("code = \"b\"", "code = \"a\""));
        assert_eq!(
            e,
            "cb.toml:14: duplicate option code \"a\" in question \"q1\""
        );
    }

    #[test]
    fn headline_placeholders_checked() {
        let text = format!(
            "{MINIMAL}\n[[headlines]]\nid = \"h\"\nquestion = \"q1\"\noption = \"a\"\ntext = \"{{pct}} say {{percent}}\"\n"
        );
        let e = err(&text);
        assert!(
            e.starts_with("cb.toml:20: unknown placeholder {percent}"),
            "{e}"
        );
        let text = format!(
            "{MINIMAL}\n[[headlines]]\nid = \"h\"\nquestion = \"q1\"\noption = \"zz\"\ntext = \"{{pct}}\"\n"
        );
        assert_eq!(
            err(&text),
            "cb.toml:19: headline \"h\": question \"q1\" has no option \"zz\""
        );
    }

    #[test]
    fn analysis_and_weights_are_validated() {
        let text = format!(
            "{MINIMAL}\n[analysis]\ninterval = \"logit\"\nbreakdowns = [\"q1\", \"region\"]\n"
        );
        assert_eq!(
            err(&text),
            "cb.toml:18: breakdown variable \"region\" needs a country question"
        );
        let text = format!("{MINIMAL}\n[analysis]\ninterval = \"agresti\"\n");
        assert!(
            err(&text).starts_with("cb.toml:17: unknown variant `agresti`"),
            "{}",
            err(&text)
        );
        let ok = format!(
            "{MINIMAL}\n[analysis]\ninterval = \"clopper-pearson\"\nbreakdowns = [\"q1\"]\n"
        );
        let cb = Codebook::parse(&ok, Path::new("cb.toml")).unwrap();
        assert_eq!(cb.analysis.interval, IntervalMethod::ClopperPearson);
        let text = format!("{MINIMAL}\n[weights]\nmethod = \"poststratify\"\n[[weights.margins]]\nvariable = \"q1\"\ntargets = {{ a = 10, c = 5 }}\n");
        assert_eq!(err(&text), "cb.toml:20: margin \"q1\": no option \"c\"");
        let text = format!("{MINIMAL}\n[weights]\nmethod = \"rake\"\n");
        assert_eq!(
            err(&text),
            "cb.toml:17: [weights] method needs at least one [[weights.margins]]"
        );
        let text = format!("{MINIMAL}\n[weights]\ncolumn = \"W\"\ntrim = [2.0, 3.0]\n");
        assert!(
            err(&text).starts_with("cb.toml:18: trim bounds"),
            "{}",
            err(&text)
        );
    }

    #[test]
    fn section_with_unknown_question() {
        let text =
            format!("{MINIMAL}\n[[sections]]\ntitle = \"S\"\nquestions = [\"q1\", \"q9\"]\n");
        assert_eq!(
            err(&text),
            "cb.toml:18: section \"S\" names unknown question \"q9\""
        );
    }
}
