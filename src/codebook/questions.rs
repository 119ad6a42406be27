//! `[[questions]]`, their options, `[[sections]]` and `[[headlines]]`.

pub use crate::figures::{Base, QuestionType, Shape};
use serde::{Deserialize, Serialize};
use toml::Spanned;

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
    /// Single / multi: the choices. Grid: the ordered scale, lowest first.
    #[serde(default)]
    pub options: Vec<OptionDef>,
    /// Grid and ranking: the rows rated or ranked (the export's sub-headings).
    #[serde(default)]
    pub items: Vec<OptionDef>,
    /// A coded text question's codeframe: the codes its answers are sorted into, each with
    /// its rules (`words`, `not`, `regex`).
    #[serde(default)]
    pub codes: Vec<OptionDef>,
    /// A coded question's human codes file (`shelfstat code import` writes it), relative to
    /// the codebook: a coder's codes override the rules' for the answers they coded.
    #[serde(default)]
    pub human_codes: Option<Spanned<String>>,
    /// A coded question: how many answers per code the report may quote (personal data
    /// masked; none from a code under the suppression threshold). 0, the default: none.
    #[serde(default)]
    pub quotes: u32,
    /// That file, read by `Codebook::load`.
    #[serde(skip)]
    pub human: Option<std::sync::Arc<super::human_codes::HumanCodes>>,
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
    /// Multi-select written in one cell: what joins the ticked labels (default ", "; large
    /// public surveys and Microsoft Forms use ";").
    #[serde(default)]
    pub separator: Option<Spanned<String>>,
    /// Free-text answers are never published unless this is set.
    #[serde(default)]
    pub publish_text: bool,
    /// Grid chart: the neutral point in a bar of its own beside the diverging bars, instead of
    /// split across zero.
    #[serde(default)]
    pub neutral_apart: bool,
    /// Free note for the report's method section (who was asked, routing).
    #[serde(default)]
    pub note: Option<String>,
    /// Decisions not yet confirmed ("scale order: from first appearance"), each withholding
    /// what depends on it ([`super::check`]); delete a line to confirm it.
    #[serde(default)]
    pub check: Vec<Spanned<String>>,
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
    /// Grid scale: the option's score for the mean (default: its position among the scored
    /// options, 1 first).
    #[serde(default)]
    pub score: Option<f64>,
    /// Grid scale: the midpoint ("Neither agree nor disagree"), split across zero in charts.
    #[serde(default)]
    pub neutral: bool,
    /// Grid scale: "Don't know" / "Not applicable": counted, left out of the base and the mean.
    #[serde(default)]
    pub not_applicable: bool,
    /// Other words a draft may use for it ("Wi-Fi" for "Internet access"), for `verify`.
    #[serde(default)]
    pub synonyms: Vec<String>,
    /// A code's rules: words or phrases an answer holding any of them takes the code for
    /// (case, accents and simple plurals folded) …
    #[serde(default)]
    pub words: Vec<String>,
    /// … unless it holds one of these …
    #[serde(default)]
    pub not: Vec<String>,
    /// … or matches one of these regular expressions (on the answer in lower case).
    #[serde(default)]
    pub regex: Vec<Spanned<String>>,
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
        matches!(self.kind.shape(), Shape::OneOf | Shape::AnyOf)
    }
    /// Whether breakdowns can show it: choices by option; a grid with top-2 boxes by item.
    pub fn breaks_down(&self) -> bool {
        self.has_choices()
            || (self.kind.shape() == Shape::Rated && super::scale::boxes(&self.scale()).is_some())
    }
    pub fn item(&self, code: &str) -> Option<&OptionDef> {
        self.items.iter().find(|o| o.code() == code)
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

pub(super) fn check_placeholders(template: &str) -> std::result::Result<(), String> {
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
