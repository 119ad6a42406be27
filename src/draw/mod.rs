//! The machinery every kind draws synthetic answers with: the seeded generator ([`rng`]), the
//! targets file ([`targets`]), one question's draw of who answers and the counts each option
//! must reach ([`asked`]), and drawn typed values ([`values`]). `synth` drives it; each kind
//! draws its own answers.

pub mod asked;
pub mod rng;
pub mod targets;
pub mod values;

/// One respondent's answer to one question.
#[derive(Debug, Clone, PartialEq)]
pub enum Answer {
    /// Indexes into the question's options ("other" last), with the other text when ticked.
    Choices {
        ticked: Vec<usize>,
        other_text: Option<String>,
    },
    Text(String),
    /// A grid's scale point (option index) or a ranking's rank, per item; None: left blank.
    Items(Vec<Option<usize>>),
}

/// Each row's item answers as an answer, None where every item is blank.
pub fn item_answers(per_row: Vec<Vec<Option<usize>>>) -> Vec<Option<Answer>> {
    per_row
        .into_iter()
        .map(|v| v.iter().any(Option::is_some).then_some(Answer::Items(v)))
        .collect()
}
