//! The kinds and rules a stat table carries: question type, base rule, interval method.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum QuestionType {
    Single,
    Multi,
    Text,
    Country,
    Numeric,
    /// A rating grid (Likert / matrix): items rated on one ordered scale.
    Grid,
    /// A ranking: each item given a rank, 1 = first.
    Ranking,
    /// A Net Promoter Score: "how likely … recommend", 0–10.
    Nps,
    /// Free text sorted into the codebook's codeframe by rules.
    Coded,
}

/// How a question's answers sit in an export and in the tidy frame: all that the layers below
/// the kinds (platform layouts, the frame, the SPSS file, synth's layouts, the codebook's checks)
/// need to know of a kind. Several kinds may share a shape, so a new kind whose answers look
/// like an existing kind's adds no branch below the kinds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// One option chosen: one cell holding its label (or its code).
    OneOf,
    /// Options ticked: a column per option, or one cell joining them.
    AnyOf,
    /// One cell of typed text.
    Text,
    /// One cell holding a number.
    Number,
    /// One cell naming a country.
    Country,
    /// One column per item, each holding a point of the question's scale.
    Rated,
    /// One column per item, each holding a rank.
    Ranked,
}

impl Shape {
    /// Answers are the question's options (one column or a column per option).
    pub fn has_options(self) -> bool {
        match self {
            Shape::OneOf | Shape::AnyOf => true,
            Shape::Text | Shape::Number | Shape::Country | Shape::Rated | Shape::Ranked => false,
        }
    }
    /// Answers sit one column per item (a grid, a ranking).
    pub fn has_items(self) -> bool {
        match self {
            Shape::Rated | Shape::Ranked => true,
            Shape::OneOf | Shape::AnyOf | Shape::Text | Shape::Number | Shape::Country => false,
        }
    }
}

impl QuestionType {
    /// Every kind, in the order `init` asks them whether they recognise a column.
    pub const ALL: [QuestionType; 9] = [
        QuestionType::Single,
        QuestionType::Multi,
        QuestionType::Text,
        QuestionType::Country,
        QuestionType::Numeric,
        QuestionType::Grid,
        QuestionType::Ranking,
        QuestionType::Nps,
        QuestionType::Coded,
    ];
    /// The name the codebook writes in `type = "…"`.
    pub fn as_str(self) -> &'static str {
        match self {
            QuestionType::Single => "single",
            QuestionType::Multi => "multi",
            QuestionType::Text => "text",
            QuestionType::Country => "country",
            QuestionType::Numeric => "numeric",
            QuestionType::Grid => "grid",
            QuestionType::Ranking => "ranking",
            QuestionType::Nps => "nps",
            QuestionType::Coded => "coded",
        }
    }
    /// How its answers are laid out.
    pub fn shape(self) -> Shape {
        match self {
            QuestionType::Single => Shape::OneOf,
            QuestionType::Multi => Shape::AnyOf,
            QuestionType::Text => Shape::Text,
            QuestionType::Country => Shape::Country,
            QuestionType::Numeric => Shape::Number,
            QuestionType::Grid => Shape::Rated,
            QuestionType::Ranking => Shape::Ranked,
            QuestionType::Nps => Shape::Number,
            QuestionType::Coded => Shape::Text,
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
