//! `synth`: a deterministic, seeded generator of raw survey exports.
//!
//! From a codebook (which questions, options and export headings) and a targets file (how many
//! respondents, the marginal counts or published percentages per question, who was asked what),
//! it builds respondents whose answers hit every target exactly, then lays them out in a
//! platform's export format. The same codebook, targets and seed always give the same bytes.

pub mod googleforms;
mod items;
pub mod kobo;
pub mod limesurvey;
pub mod qualtrics;
pub mod rng;
pub mod surveymonkey;

use crate::codebook::{Codebook, QuestionType};
use crate::error::{Error, Result};
use rng::Rng;
use serde::Deserialize;
use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Targets {
    pub seed: u64,
    /// Respondents who answered at least one question.
    pub respondents: usize,
    /// Extra rows with metadata only (opened the survey, answered nothing).
    #[serde(default)]
    pub empty_rows: usize,
    /// Fielding period, `YYYY-MM-DD`.
    pub fielded_from: String,
    pub fielded_to: String,
    pub first_respondent_id: u64,
    pub collectors: Vec<Collector>,
    #[serde(default)]
    pub first_names: Vec<String>,
    #[serde(default)]
    pub last_names: Vec<String>,
    pub questions: BTreeMap<String, QuestionTargets>,
    #[serde(skip)]
    pub path: PathBuf,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Collector {
    pub id: u64,
    /// Share of respondents coming through this collector (the last takes the rest).
    pub share: f64,
    /// E-mail invitation collectors fill the e-mail and name columns.
    #[serde(default)]
    pub contacts: bool,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuestionTargets {
    /// Respondents who answer (default: all eligible).
    #[serde(default)]
    pub base: Option<usize>,
    /// Only respondents who answered this (earlier) question are asked.
    #[serde(default)]
    pub among: Option<String>,
    /// Exact counts per option code.
    #[serde(default)]
    pub counts: BTreeMap<String, usize>,
    /// Published percentages of the base per option code; the count is the one that rounds back
    /// to the percentage at its written precision.
    #[serde(default)]
    pub percent: BTreeMap<String, f64>,
    /// Single choice: the option that takes the rest of the base.
    #[serde(default)]
    pub rest: Option<String>,
    /// Texts typed into "other (please specify)".
    #[serde(default)]
    pub other_texts: Vec<String>,
    /// Country question: counts with the spellings respondents typed.
    #[serde(default)]
    pub values: Vec<CountryTarget>,
    /// Text question: answers drawn from this pool.
    #[serde(default)]
    pub texts: Vec<String>,
    /// Text question: generated values ("email").
    #[serde(default)]
    pub generate: Option<String>,
    /// Grid: per item code, exact counts per scale point code (the rest leave the item blank).
    #[serde(default)]
    pub items: BTreeMap<String, BTreeMap<String, usize>>,
    /// Ranking: per item code, how many respondents rank it first (summing to the base).
    #[serde(default)]
    pub first: BTreeMap<String, usize>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CountryTarget {
    pub count: usize,
    pub spellings: Vec<String>,
}

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

impl Targets {
    pub fn load(path: &Path) -> Result<Targets> {
        let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
        Targets::parse(&text, path)
    }

    pub fn parse(text: &str, path: &Path) -> Result<Targets> {
        let mut t: Targets = crate::codebook::parse_toml(text, path)?;
        t.path = path.to_path_buf();
        Ok(t)
    }

    fn err(&self, message: impl Into<String>) -> Error {
        Error::Targets {
            path: self.path.clone(),
            message: message.into(),
        }
    }
}

/// Decimal places a published percentage was written with (75 → 0, 93.2 → 1).
fn decimals(p: f64) -> usize {
    (0..=4)
        .find(|&d| {
            let f = 10f64.powi(d as i32);
            ((p * f).round() / f - p).abs() < 1e-9
        })
        .unwrap_or(4)
}

/// The count out of `base` whose percentage prints as `p` at `p`'s precision.
pub fn count_for_percent(p: f64, base: usize) -> Option<usize> {
    let d = decimals(p);
    let want = format!("{p:.d$}");
    let guess = (p / 100.0 * base as f64).round() as i64;
    [guess, guess - 1, guess + 1]
        .into_iter()
        .filter(|&k| k >= 0 && k as usize <= base)
        .map(|k| k as usize)
        .find(|&k| format!("{:.d$}", 100.0 * k as f64 / base as f64) == want)
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
        let qt = t.questions.get(&id).cloned().unwrap_or(QuestionTargets {
            base: Some(0),
            among: None,
            counts: BTreeMap::new(),
            percent: BTreeMap::new(),
            rest: None,
            other_texts: vec![],
            values: vec![],
            texts: vec![],
            generate: None,
            items: BTreeMap::new(),
            first: BTreeMap::new(),
        });
        let eligible: Vec<usize> = match &qt.among {
            None => (0..n).collect(),
            Some(a) => {
                let mask = answered.get(a).ok_or_else(|| {
                    t.err(format!(
                        "question {id:?}: \"among\" names {a:?}, which must be an earlier question"
                    ))
                })?;
                (0..n).filter(|&i| mask[i]).collect()
            }
        };
        let base = match (q.kind, qt.base) {
            (QuestionType::Country, None) => qt.values.iter().map(|v| v.count).sum(),
            (_, Some(b)) => b,
            (_, None) => eligible.len(),
        };
        if base > eligible.len() {
            return Err(t.err(format!(
                "question {id:?}: base {base} exceeds the {} eligible respondents",
                eligible.len()
            )));
        }
        let mut pool = eligible;
        rng.shuffle(&mut pool);
        pool.truncate(base);
        pool.sort_unstable();
        let mut col: Vec<Option<Answer>> = vec![None; n];
        // Resolve per-option counts.
        let opts: Vec<_> = q.all_options().collect();
        let mut counts = vec![0usize; opts.len()];
        for (code, &c) in &qt.counts {
            let k = opts
                .iter()
                .position(|o| o.code() == code)
                .ok_or_else(|| t.err(format!("question {id:?} has no option {code:?}")))?;
            counts[k] = c;
        }
        for (code, &p) in &qt.percent {
            let k = opts
                .iter()
                .position(|o| o.code() == code)
                .ok_or_else(|| t.err(format!("question {id:?} has no option {code:?}")))?;
            counts[k] = count_for_percent(p, base).ok_or_else(|| {
                t.err(format!(
                    "question {id:?}: {p}% of {base} is not reachable with a whole count"
                ))
            })?;
        }
        let other_idx = q.other.as_ref().map(|_| opts.len() - 1);
        let other_text = |rng: &mut Rng| -> Result<String> {
            if qt.other_texts.is_empty() {
                return Err(t.err(format!(
                    "question {id:?}: \"other\" is ticked but other_texts is empty"
                )));
            }
            Ok(rng.pick(&qt.other_texts).clone())
        };
        match q.kind {
            QuestionType::Single => {
                if let Some(rest) = &qt.rest {
                    let k = opts.iter().position(|o| o.code() == rest).ok_or_else(|| {
                        t.err(format!(
                            "question {id:?}: rest names unknown option {rest:?}"
                        ))
                    })?;
                    let others: usize = counts
                        .iter()
                        .enumerate()
                        .filter(|(i, _)| *i != k)
                        .map(|(_, c)| c)
                        .sum();
                    counts[k] = base.checked_sub(others).ok_or_else(|| {
                        t.err(format!(
                            "question {id:?}: counts sum to {others}, more than the base {base}"
                        ))
                    })?;
                }
                let total: usize = counts.iter().sum();
                if total != base {
                    return Err(t.err(format!(
                        "question {id:?}: single-choice counts sum to {total}, not the base {base}"
                    )));
                }
                let mut order = pool.clone();
                rng.shuffle(&mut order);
                let mut it = order.into_iter();
                for (k, &c) in counts.iter().enumerate() {
                    for r in it.by_ref().take(c) {
                        let text = if Some(k) == other_idx {
                            Some(other_text(&mut rng)?)
                        } else {
                            None
                        };
                        col[r] = Some(Answer::Choices {
                            ticked: vec![k],
                            other_text: text,
                        });
                    }
                }
            }
            QuestionType::Multi => {
                let mut ticks: Vec<Vec<usize>> = vec![Vec::new(); n];
                let exclusive: Vec<usize> =
                    (0..opts.len()).filter(|&k| opts[k].exclusive).collect();
                let mut order = pool.clone();
                rng.shuffle(&mut order);
                let n_ex: usize = exclusive.iter().map(|&k| counts[k]).sum();
                if n_ex > base {
                    return Err(t.err(format!("question {id:?}: exclusive counts exceed the base")));
                }
                let (ex_rows, rest) = order.split_at(n_ex);
                let mut it = ex_rows.iter();
                for &k in &exclusive {
                    for &r in it.by_ref().take(counts[k]) {
                        ticks[r].push(k);
                    }
                }
                let rest: Vec<usize> = rest.to_vec();
                let mut by_size: Vec<usize> =
                    (0..opts.len()).filter(|k| !opts[*k].exclusive).collect();
                by_size.sort_by(|a, b| counts[*b].cmp(&counts[*a]).then(a.cmp(b)));
                let sum: usize = by_size.iter().map(|&k| counts[k]).sum();
                if sum < rest.len() || by_size.iter().any(|&k| counts[k] > rest.len()) {
                    return Err(t.err(format!(
                        "question {id:?}: option counts cannot give each of the {} answering respondents at least one tick",
                        rest.len()
                    )));
                }
                let mut covered: HashSet<usize> = HashSet::new();
                for &k in &by_size {
                    let mut uncovered: Vec<usize> = rest
                        .iter()
                        .copied()
                        .filter(|r| !covered.contains(r))
                        .collect();
                    let mut others: Vec<usize> = rest
                        .iter()
                        .copied()
                        .filter(|r| covered.contains(r))
                        .collect();
                    rng.shuffle(&mut uncovered);
                    rng.shuffle(&mut others);
                    let chosen: Vec<usize> = uncovered
                        .into_iter()
                        .chain(others)
                        .take(counts[k])
                        .collect();
                    for r in chosen {
                        ticks[r].push(k);
                        covered.insert(r);
                    }
                }
                for &r in &pool {
                    let mut tk = std::mem::take(&mut ticks[r]);
                    tk.sort_unstable();
                    let text = if other_idx.is_some_and(|o| tk.contains(&o)) {
                        Some(other_text(&mut rng)?)
                    } else {
                        None
                    };
                    col[r] = Some(Answer::Choices {
                        ticked: tk,
                        other_text: text,
                    });
                }
            }
            QuestionType::Country => {
                let total: usize = qt.values.iter().map(|v| v.count).sum();
                if total != base {
                    return Err(t.err(format!(
                        "question {id:?}: country counts sum to {total}, not the base {base}"
                    )));
                }
                let mut order = pool.clone();
                rng.shuffle(&mut order);
                let mut it = order.into_iter();
                for v in &qt.values {
                    if v.spellings.is_empty() {
                        return Err(t.err(format!("question {id:?}: a country has no spellings")));
                    }
                    for r in it.by_ref().take(v.count) {
                        col[r] = Some(Answer::Text(rng.pick(&v.spellings).clone()));
                    }
                }
            }
            QuestionType::Grid | QuestionType::Ranking => {
                col = items::answers(q, &qt, &pool, n, &mut rng, t)?;
            }
            QuestionType::Text | QuestionType::Numeric => {
                for &r in &pool {
                    let text = match qt.generate.as_deref() {
                        Some("email") => {
                            if t.first_names.is_empty() || t.last_names.is_empty() {
                                return Err(
                                    t.err("generate = \"email\" needs first_names and last_names")
                                );
                            }
                            let f = rng.pick(&t.first_names).to_lowercase();
                            let l = rng.pick(&t.last_names).to_lowercase();
                            format!(
                                "{f}.{l}{}@library{}.example.org",
                                rng.below(100),
                                rng.below(400)
                            )
                        }
                        Some(other) => {
                            return Err(
                                t.err(format!("question {id:?}: unknown generator {other:?}"))
                            )
                        }
                        None if q.kind == QuestionType::Numeric && qt.texts.is_empty() => {
                            rng.range(0, 100).to_string()
                        }
                        None => {
                            if qt.texts.is_empty() {
                                return Err(t.err(format!("question {id:?}: texts is empty")));
                            }
                            rng.pick(&qt.texts).clone()
                        }
                    };
                    col[r] = Some(Answer::Text(text));
                }
            }
        }
        answered.insert(id.clone(), col.iter().map(Option::is_some).collect());
        answers.insert(id, col);
    }

    // Metadata, including the empty rows, then export order: newest first.
    let total = n + t.empty_rows;
    let from =
        parse_date(&t.fielded_from).ok_or_else(|| t.err("fielded_from must be YYYY-MM-DD"))?;
    let to = parse_date(&t.fielded_to).ok_or_else(|| t.err("fielded_to must be YYYY-MM-DD"))?;
    if to < from || t.collectors.is_empty() {
        return Err(t.err("fielding period or collectors are not valid"));
    }
    let mut starts: Vec<(i64, usize)> = (0..total)
        .map(|i| {
            let day = from + rng.range(0, (to - from) as u64) as i64;
            let secs = rng.range(7 * 3600, 21 * 3600) as i64;
            (day * 86_400 + secs, i)
        })
        .collect();
    starts.sort();
    let mut meta: Vec<Option<Meta>> = vec![None; total];
    let mut id = t.first_respondent_id;
    for (start, i) in starts {
        id += rng.range(1_000, 900_000);
        let mut u = rng.unit();
        let mut collector = &t.collectors[t.collectors.len() - 1];
        for c in &t.collectors {
            if u < c.share {
                collector = c;
                break;
            }
            u -= c.share;
        }
        let nets = ["192.0.2", "198.51.100", "203.0.113"];
        let ip = format!("{}.{}", rng.pick(&nets), rng.range(1, 254));
        let (first, last, email) =
            if collector.contacts && !t.first_names.is_empty() && !t.last_names.is_empty() {
                let f = rng.pick(&t.first_names).clone();
                let l = rng.pick(&t.last_names).clone();
                let e = format!(
                    "{}.{}@library{}.example.org",
                    f.to_lowercase(),
                    l.to_lowercase(),
                    rng.below(400)
                );
                (f, l, e)
            } else {
                Default::default()
            };
        let duration = if i < n {
            rng.range(240, 1_800)
        } else {
            rng.range(5, 60)
        } as i64;
        meta[i] = Some(Meta {
            respondent_id: id,
            collector_id: collector.id,
            start,
            end: start + duration,
            ip,
            email,
            first_name: first,
            last_name: last,
        });
    }
    let meta: Vec<Meta> = meta
        .into_iter()
        .map(|m| m.expect("every row has metadata"))
        .collect();
    // Export order: newest first. Respondent rows are 0..n; empty rows n..total.
    let mut order: Vec<usize> = (0..total).collect();
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
    Ok(Generated {
        meta: meta_out,
        answers: answers_out,
    })
}

/// Whether the question's answers are laid out one column per item (a grid, a ranking).
pub(crate) fn has_items(q: &crate::codebook::Question) -> bool {
    matches!(q.kind, QuestionType::Grid | QuestionType::Ranking)
}

/// A grid's or ranking's cells, one per item: the scale label, or the rank.
fn item_cells(q: &crate::codebook::Question, a: Option<&Answer>) -> Vec<String> {
    let per_item = match a {
        Some(Answer::Items(v)) => v.clone(),
        Some(Answer::Choices { .. } | Answer::Text(_)) | None => vec![None; q.items.len()],
    };
    per_item
        .iter()
        .map(|v| match (v, q.kind) {
            (None, _) => String::new(),
            (Some(k), QuestionType::Grid) => q
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

    #[test]
    fn published_percentages_resolve_to_counts() {
        assert_eq!(count_for_percent(93.2, 237), Some(221));
        assert_eq!(count_for_percent(53.2, 237), Some(126));
        assert_eq!(count_for_percent(75.0, 353), Some(265));
        assert_eq!(count_for_percent(38.6, 350), Some(135));
        // 50.1% of 3 is impossible.
        assert_eq!(count_for_percent(50.1, 3), None);
    }

    #[test]
    fn dates_parse_to_day_numbers() {
        assert_eq!(parse_date("2019-11-04"), Some(18_204));
        assert_eq!(parse_date("2019-13-01"), None);
    }
}
