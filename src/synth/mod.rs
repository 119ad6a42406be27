//! `synth`: a deterministic, seeded generator of raw survey exports.
//!
//! From a codebook (which questions, options and export headings) and a targets file (how many
//! respondents, the marginal counts or published percentages per question, who was asked what),
//! it builds respondents whose answers hit every target exactly, then lays them out in a
//! platform's export format. The same codebook, targets and seed always give the same bytes.
//! Each question's answers are drawn by its kind ([`crate::kinds::Kind::draw`]) from the shared
//! machinery of [`crate::draw`].

pub mod googleforms;
pub mod kobo;
pub mod limesurvey;
mod meta;
pub mod qualtrics;
pub mod surveymonkey;

use crate::draw::asked;
pub use crate::draw::{rng, Answer};

use crate::codebook::{Codebook, Shape};
pub use crate::draw::targets::{
    count_for_percent, Collector, CountryTarget, QuestionTargets, Targets,
};
use crate::error::Result;
use rng::Rng;
use std::collections::BTreeMap;

/// Metadata of one export row.
#[derive(Debug, Clone)]
pub struct Meta {
    pub respondent_id: u64,
    pub collector_id: u64,
    /// Seconds since 1970-01-01 (UTC, naive).
    pub start: i64,
    pub end: i64,
    pub ip: String,
    pub email: String,
    pub first_name: String,
    pub last_name: String,
}

/// Generated rows in export order (newest first, as SurveyMonkey writes them).
pub struct Generated {
    pub meta: Vec<Meta>,
    /// answers[q][row]
    pub answers: BTreeMap<String, Vec<Option<Answer>>>,
}

/// Generates the respondents.
pub fn generate(cb: &Codebook, t: &Targets) -> Result<Generated> {
    let mut rng = Rng::new(t.seed);
    let n = t.respondents;
    for id in t.questions.keys() {
        if cb.question(id).is_none() {
            return Err(t.err(format!(
                "targets name question {id:?}, which the codebook does not have"
            )));
        }
    }
    let mut answers: BTreeMap<String, Vec<Option<Answer>>> = BTreeMap::new();
    let mut answered: BTreeMap<String, Vec<bool>> = BTreeMap::new();
    for q in &cb.questions {
        let id = q.id().to_string();
        let qt = t
            .questions
            .get(&id)
            .cloned()
            .unwrap_or_else(QuestionTargets::unasked);
        let mut own = qt.seed.map(Rng::new);
        let rng = own.as_mut().unwrap_or(&mut rng);
        let a = asked::draw(q, &qt, t, &answered, rng)?;
        let col = crate::kinds::kind(q.kind).draw(&a, rng)?;
        answered.insert(id.clone(), col.iter().map(Option::is_some).collect());
        answers.insert(id, col);
    }
    let meta = meta::rows(t, n + t.empty_rows, &mut rng)?;
    Ok(newest_first(meta, answers, n))
}

/// Export order: newest first. Respondent rows are 0..n; empty rows n.. have no answers.
fn newest_first(
    meta: Vec<Meta>,
    answers: BTreeMap<String, Vec<Option<Answer>>>,
    n: usize,
) -> Generated {
    let mut order: Vec<usize> = (0..meta.len()).collect();
    order.sort_by(|a, b| meta[*b].start.cmp(&meta[*a].start).then(b.cmp(a)));
    let meta_out = order.iter().map(|&i| meta[i].clone()).collect();
    let answers_out = answers
        .into_iter()
        .map(|(q, col)| {
            let v = order
                .iter()
                .map(|&i| if i < n { col[i].clone() } else { None })
                .collect();
            (q, v)
        })
        .collect();
    Generated {
        meta: meta_out,
        answers: answers_out,
    }
}

/// A typed answer's text (text, number, country), else an empty cell.
fn text_of(a: Option<&Answer>) -> String {
    match a {
        Some(Answer::Text(s)) => s.clone(),
        Some(Answer::Choices { .. } | Answer::Items(_)) | None => String::new(),
    }
}

/// The text typed into "other (please specify)", else an empty cell.
fn other_text_of(a: Option<&Answer>) -> String {
    match a {
        Some(Answer::Choices {
            other_text: Some(t),
            ..
        }) => t.clone(),
        Some(Answer::Choices { .. } | Answer::Text(_) | Answer::Items(_)) | None => String::new(),
    }
}

/// Whether the question's answers are laid out one column per item (a grid, a ranking).
pub(crate) fn has_items(q: &crate::codebook::Question) -> bool {
    matches!(q.kind.shape(), Shape::Rated | Shape::Ranked)
}

/// A grid's or ranking's cells, one per item: the scale label, or the rank.
fn item_cells(q: &crate::codebook::Question, a: Option<&Answer>) -> Vec<String> {
    let per_item = match a {
        Some(Answer::Items(v)) => v.clone(),
        Some(Answer::Choices { .. } | Answer::Text(_)) | None => vec![None; q.items.len()],
    };
    per_item
        .iter()
        .map(|v| match (v, q.kind.shape()) {
            (None, _) => String::new(),
            (Some(k), Shape::Rated) => q
                .options
                .get(*k)
                .map(|o| o.label().to_string())
                .unwrap_or_default(),
            (Some(rank), _) => rank.to_string(),
        })
        .collect()
}

/// Days since 1970-01-01 of a `YYYY-MM-DD` date.
pub fn parse_date(s: &str) -> Option<i64> {
    let mut it = s.split('-');
    let y: i64 = it.next()?.parse().ok()?;
    let m: i64 = it.next()?.parse().ok()?;
    let d: i64 = it.next()?.parse().ok()?;
    if it.next().is_some() || !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    Some(days_from_civil(y, m, d))
}

pub use crate::dates::{civil_from_days, days_from_civil, iso_datetime, split_datetime};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::codebook::Codebook;
    use std::path::Path;

    const CODEBOOK: &str = r#"
[survey]
id = "t"
title = "T"
wave = "1"
source = "r.csv"
format = "surveymonkey-expanded-text"
respondent_id = "Respondent ID"

[[questions]]
id = "kind"
type = "single"
text = "Kind?"
options = [{ code = "a", label = "A" }, { code = "b", label = "B" }]

[[questions]]
id = "services"
type = "multi"
text = "Services?"
options = [{ code = "x", label = "X" }, { code = "y", label = "Y" },
  { code = "none", label = "None", exclusive = true }]
"#;

    fn targets(questions: &str) -> Targets {
        let text = format!(
            "seed = 7\nrespondents = 20\nfielded_from = \"2019-11-04\"\nfielded_to = \"2019-11-30\"\n\
             first_respondent_id = 1000\ncollectors = [{{ id = 1, share = 1.0 }}]\n{questions}"
        );
        Targets::parse(&text, Path::new("targets.toml")).unwrap()
    }

    fn generated(questions: &str) -> Result<Generated> {
        let cb = Codebook::parse(CODEBOOK, Path::new("cb.toml")).unwrap();
        generate(&cb, &targets(questions))
    }

    fn ticks(g: &Generated, q: &str, k: usize) -> usize {
        g.answers[q]
            .iter()
            .filter(|a| matches!(a, Some(Answer::Choices { ticked, .. }) if ticked.contains(&k)))
            .count()
    }

    #[test]
    fn every_type_hits_its_counts_exactly() {
        let g = generated(
            "[questions.kind]\nbase = 18\ncounts = { a = 11 }\nrest = \"b\"\n\
             [questions.services]\namong = \"kind\"\nbase = 16\ncounts = { x = 12, y = 7, none = 2 }\n",
        )
        .unwrap();
        assert_eq!(g.meta.len(), 20);
        assert_eq!((ticks(&g, "kind", 0), ticks(&g, "kind", 1)), (11, 7));
        let s = &g.answers["services"];
        assert_eq!(s.iter().filter(|a| a.is_some()).count(), 16);
        assert_eq!(
            (ticks(&g, "services", 0), ticks(&g, "services", 1)),
            (12, 7)
        );
        assert_eq!(ticks(&g, "services", 2), 2);
        // Every answering respondent ticks something; "none" is ticked alone; only those who
        // answered `kind` were asked.
        for (row, a) in s.iter().enumerate() {
            if let Some(Answer::Choices { ticked, .. }) = a {
                assert!(!ticked.is_empty());
                assert!(!ticked.contains(&2) || ticked.len() == 1);
                assert!(g.answers["kind"][row].is_some());
            }
        }
    }

    #[test]
    fn inconsistent_targets_are_named() {
        let err = |q: &str| {
            generated(q)
                .err()
                .map(|e| e.to_string())
                .unwrap_or_default()
        };
        assert!(err("[questions.kind]\ncounts = { a = 5, b = 5 }\n")
            .contains("question \"kind\": single-choice counts sum to 10, not the base 20"));
        assert!(err("[questions.kind]\ncounts = { a = 25 }\nrest = \"b\"\n")
            .contains("counts sum to 25, more than the base 20"));
        assert!(err("[questions.kind]\nbase = 30\n").contains("base 30 exceeds the 20 eligible"));
        assert!(err("[questions.services]\ncounts = { x = 3, y = 3 }\n")
            .contains("cannot give each of the 20 answering respondents at least one tick"));
        assert!(
            err("[questions.services]\ncounts = { x = 20, none = 21 }\n")
                .contains("exclusive counts exceed the base")
        );
        assert!(err("[questions.kind]\ncounts = { c = 1 }\n").contains("has no option \"c\""));
        assert!(err("[questions.services]\namong = \"later\"\n")
            .contains("\"among\" names \"later\", which must be an earlier question"));
    }

    #[test]
    fn the_same_seed_gives_the_same_rows() {
        let q = "[questions.kind]\ncounts = { a = 12 }\nrest = \"b\"\n";
        let (a, b) = (generated(q).unwrap(), generated(q).unwrap());
        assert_eq!(a.answers, b.answers);
        let ids = |g: &Generated| g.meta.iter().map(|m| m.respondent_id).collect::<Vec<_>>();
        assert_eq!(ids(&a), ids(&b));
    }

    #[test]
    fn dates_parse_to_day_numbers() {
        assert_eq!(parse_date("2019-11-04"), Some(18_204));
        assert_eq!(parse_date("2019-13-01"), None);
    }
}
