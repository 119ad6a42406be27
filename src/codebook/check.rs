//! Decisions a codebook has not confirmed: `check = ["scale order: …"]` on a question, written
//! by `init` where its evidence was not enough. Each line withholds what depends on it from the
//! published outputs, and is listed under "Needs review"; deleting the line confirms it.

use super::{Codebook, Question, Shape};
use toml::Spanned;

/// What an unconfirmed decision withholds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unconfirmed {
    /// A scale's order (and its neutral / not-applicable marks): the order-free distribution is
    /// published; top-2 and bottom-2 boxes, net and mean scores and the diverging chart are not.
    ScaleOrder,
    /// The question's type, options or joiner: none of its figures is published.
    Answers,
}

/// The decision kinds a `check` line may name (the words before its colon), and what each
/// withholds.
pub const KINDS: &[(&str, Unconfirmed)] = &[
    ("scale order", Unconfirmed::ScaleOrder),
    ("type", Unconfirmed::Answers),
    ("options", Unconfirmed::Answers),
    ("joiner", Unconfirmed::Answers),
    ("other", Unconfirmed::Answers),
];

/// The kind a `check` line names; Err lists the kinds.
pub fn kind_of(line: &str) -> Result<Unconfirmed, String> {
    let head = line.split(':').next().unwrap_or("").trim().to_lowercase();
    KINDS
        .iter()
        .find(|(k, _)| *k == head)
        .map(|(_, u)| *u)
        .ok_or_else(|| {
            let names: Vec<&str> = KINDS.iter().map(|(k, _)| *k).collect();
            format!(
                "check {line:?} must begin with the decision it leaves open, then a colon: one of {}",
                names.join(", ")
            )
        })
}

impl Unconfirmed {
    /// What the report says is withheld.
    pub fn withheld(self) -> &'static str {
        match self {
            Unconfirmed::ScaleOrder => {
                "top-2 and bottom-2 boxes, net and mean scores and the chart (the distribution over the points is shown)"
            }
            Unconfirmed::Answers => "every figure of the question",
        }
    }
}

impl Question {
    /// The question's unconfirmed decisions (validated: each names a kind.shape()).
    pub fn unconfirmed(&self) -> impl Iterator<Item = (&Spanned<String>, Unconfirmed)> {
        self.check
            .iter()
            .filter_map(|c| kind_of(c.get_ref()).ok().map(|k| (c, k)))
    }
    /// None of the question's figures may be published.
    pub fn withheld(&self) -> bool {
        self.unconfirmed().any(|(_, k)| k == Unconfirmed::Answers)
    }
    /// The question's scale order is unconfirmed: nothing that depends on it is published.
    pub fn order_unconfirmed(&self) -> bool {
        self.unconfirmed()
            .any(|(_, k)| k == Unconfirmed::ScaleOrder)
    }
}

impl Codebook {
    /// Err (with its line) for a check line naming no known decision, or a scale order on a
    /// question without a scale.
    pub(super) fn validate_checks(&self) -> crate::error::Result<()> {
        for q in &self.questions {
            for c in &q.check {
                let kind = kind_of(c.get_ref()).map_err(|m| self.error_at(c, m))?;
                if kind == Unconfirmed::ScaleOrder && q.kind.shape() != Shape::Rated {
                    let why = format!(
                        "check {:?}: question {:?} is {}, which has no scale order",
                        c.get_ref(),
                        q.id(),
                        q.kind.as_str()
                    );
                    return Err(self.error_at(c, why));
                }
            }
        }
        Ok(())
    }

    /// Every unconfirmed decision: question id, codebook line, the line's text, what it withholds.
    pub fn reviews(&self) -> Vec<(String, usize, String, Unconfirmed)> {
        self.questions
            .iter()
            .flat_map(|q| {
                q.unconfirmed().map(move |(c, k)| {
                    (
                        q.id().to_string(),
                        super::line_of(&self.source_text, c.span().start),
                        c.get_ref().clone(),
                        k,
                    )
                })
            })
            .collect()
    }
}
