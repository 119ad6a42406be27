//! Drafting a codebook from an export (`shelfstat init`): question ids and texts, types,
//! options in the order they appear, "other" columns, comment boxes, personal data kept out,
//! the country question guessed. The draft is valid as it stands; the user then edits labels,
//! sections, headlines.
//!
//! Every answer column ends up somewhere the draft names: a question, `pii_columns`, or
//! `ignore_columns` (a block shelfstat cannot analyse yet, with the reason in a comment).

mod anchors;
mod batteries;
pub(crate) mod blocks;
mod carry;
mod choices;
mod definition;
mod definition_grid;
mod grid;
mod guess;
mod guess_multi;
mod guess_scalar;
mod guess_single;
mod header;
mod ident;
mod infer;
pub mod like;
pub(crate) mod missing;
mod pii;
mod place;
mod scale_words;
mod shared;
mod similar;
pub(crate) mod write;

use crate::codebook::Format;
use crate::definition::{DefKind, Definition};
use crate::error::Result;
use crate::ingest::{metadata, normalize_heading, ExportColumn, RawExport};
use blocks::Block;
use ident::ident;
use rayon::prelude::*;
use std::fmt::Write;
use write::{write_question, Drafted};

const OTHER_WORDS: &[&str] = &[
    "other (please specify)",
    "other",
    "other, please specify",
    "others",
    "autre",
    "autres",
    "andere",
    "anderes",
    "sonstige",
    "sonstiges",
    "otro",
    "otros",
    "otra",
    "outro",
    "outros",
    "outra",
    "altro",
    "altri",
    "altra",
];

/// An "Other (please specify)" label.
pub(crate) fn is_other_word(label: &str) -> bool {
    let l = label.trim().to_lowercase();
    OTHER_WORDS.contains(&l.as_str()) || l.starts_with("other (please specify)")
}

#[derive(Debug, Clone, PartialEq)]
pub struct Draft {
    pub toml: String,
    /// One line per question: id, type, why.
    pub summary: Vec<String>,
    /// Export columns with answers the draft leaves unread (filled in by `init`).
    pub warnings: Vec<String>,
}

/// What became of one block of the export.
pub(crate) enum Outcome {
    Question(Drafted),
    /// Left out, with the reason: listed in `ignore_columns`.
    Skipped(String),
    /// Personal data, with the reason: listed in `pii_columns`.
    Pii(String),
}

/// A column's cells, trimmed (None: empty), row by row.
fn values<'r>(raw: &'r RawExport, c: &ExportColumn) -> Vec<Option<&'r str>> {
    raw.cells(c)
        .map(|cells| cells.trimmed())
        .unwrap_or_default()
}

/// A column's answers: each distinct trimmed non-empty value (spacing aside) with how many rows
/// hold it, in order of first appearance. Drafting looks at these, not at a million rows.
pub(crate) struct Answers<'r> {
    pub distinct: Vec<(&'r str, usize)>,
    /// Rows with an answer.
    pub n: usize,
}

impl<'r> Answers<'r> {
    pub fn of(raw: &'r RawExport, c: &ExportColumn) -> Answers<'r> {
        let Ok(cells) = raw.cells(c) else {
            return Answers {
                distinct: Vec::new(),
                n: 0,
            };
        };
        // Each spelling: its answer's slot and how many rows hold it.
        let mut at: std::collections::HashMap<&str, (usize, usize), foldhash::fast::FixedState> =
            Default::default();
        let mut distinct: Vec<(&str, usize)> = Vec::new();
        // Answers that differ in spacing only are one answer, as `run` matches them, written
        // as most rows spell it.
        let mut spaced: std::collections::HashMap<String, usize, foldhash::fast::FixedState> =
            Default::default();
        // A dictionary's values are in order of first appearance, each counted once.
        cells.for_each_value(|v, k| {
            let v = v.trim();
            if v.is_empty() {
                return;
            }
            let entry = at.entry(v).or_insert_with(|| {
                let key = v.split_whitespace().collect::<Vec<_>>().join(" ");
                let slot = *spaced.entry(key).or_insert_with(|| {
                    distinct.push((v, 0));
                    distinct.len() - 1
                });
                (slot, 0)
            });
            entry.1 += k;
            distinct[entry.0].1 += k;
        });
        if spaced.len() < at.len() {
            let mut best = vec![0; distinct.len()];
            for (v, (slot, k)) in at {
                if k > best[slot] || (k == best[slot] && v < distinct[slot].0) {
                    best[slot] = k;
                    distinct[slot].0 = v;
                }
            }
        }
        let n = distinct.iter().map(|(_, k)| k).sum();
        Answers { distinct, n }
    }

    /// Rows whose answer satisfies `f`.
    pub fn count(&self, f: impl Fn(&str) -> bool) -> usize {
        self.distinct
            .iter()
            .filter(|(v, _)| f(v))
            .map(|(_, k)| k)
            .sum()
    }

    pub fn is_empty(&self) -> bool {
        self.n == 0
    }
}

/// Options with codes drafted from their labels: (code, label, no platform value).
fn coded(labels: &[String]) -> Vec<(String, String, Option<String>)> {
    let mut codes = ident::option_scope();
    labels
        .iter()
        .enumerate()
        .map(|(k, l)| {
            (
                ident(l, &mut codes, &format!("o{}_", k + 1)),
                l.clone(),
                None,
            )
        })
        .collect()
}

/// What to do with one block: from the platform codebook when it describes the block, else
/// from the cells.
fn outcome(
    raw: &RawExport,
    block: &Block,
    def: Option<&Definition>,
    country_done: &mut bool,
    notes: &mut Vec<String>,
) -> (Outcome, Option<String>) {
    let answer_cols = block.answer_columns();
    let text = normalize_heading(block.heading());
    // Personal data first: a recorder's name is personal whatever the platform calls its type,
    // and a block named after the platform's own personal-data column (LimeSurvey's
    // `ipaddr[other]` or `ipaddr[x]`, which `run` would find under `ipaddr`) is no question.
    let pii_named =
        |c: &&ExportColumn| metadata::is_pii_heading(c) || metadata::is_pii_name(c.heading.trim());
    if answer_cols.iter().any(pii_named) {
        return (
            Outcome::Pii("named after the platform's personal-data column".into()),
            None,
        );
    }
    if let [col] = answer_cols.as_slice() {
        if let Some(why) = pii::detect(raw, col) {
            return (Outcome::Pii(why), None);
        }
    }
    if !block.bracket_items.is_empty() {
        return match grid::draft(raw, &text, &block.columns, &block.bracket_items) {
            Ok(d) => (Outcome::Question(d), None),
            Err(why) => (Outcome::Skipped(why), None),
        };
    }
    if let Some(dq) = def.and_then(|d| d.find(block.columns[0])) {
        let note = dq.note.clone().unwrap_or_default();
        match dq.kind {
            DefKind::Skip => return (Outcome::Skipped(note), Some(dq.name.clone())),
            DefKind::Pii => return (Outcome::Pii(note), Some(dq.name.clone())),
            DefKind::Single
            | DefKind::Multi
            | DefKind::Text
            | DefKind::Numeric
            | DefKind::Grid
            | DefKind::Ranking => {
                match definition::from_definition(
                    raw,
                    &answer_cols,
                    &block.columns,
                    dq,
                    country_done,
                ) {
                    Ok(d) => return (Outcome::Question(d), Some(dq.name.clone())),
                    Err(why) => notes.push(format!(
                        "# {:?}: {why}; drafted from the answers instead.",
                        text.chars().take(50).collect::<String>()
                    )),
                }
            }
        }
    }
    let (cols, comment) = choices::split_comment(raw, &answer_cols);
    let sublabelled = cols
        .iter()
        .all(|c| !c.sublabel.is_empty() && c.sublabel != "Response");
    if cols.len() > 1 || (sublabelled && block.columns.len() > 1 && comment.is_some()) {
        let mut outcome = choices::draft(raw, &text, &cols, comment);
        // The text of an "other" choice that has no tick column of its own (LimeSurvey's
        // `q[other]`): typing it is ticking it.
        if let (Outcome::Question(d), Some(oc)) =
            (&mut outcome, block.columns.iter().find(|c| c.other_text))
        {
            if d.other.is_none() && matches!(d.kind, "single" | "multi") {
                let label = match oc.sublabel.as_str() {
                    "other" | "" => "Other".to_string(),
                    l => l.to_string(),
                };
                d.other = Some((label, None));
            }
        }
        return (outcome, None);
    }
    let mut d = infer::infer(raw, cols[0], &text, country_done);
    if let Some(oc) = block.columns.iter().find(|c| c.other_text) {
        d.other = Some((oc.sublabel.clone(), None));
    }
    // One label, one role: an "other" label among the options becomes the "other" choice.
    if let Some(k) = d
        .options
        .iter()
        .position(|o| is_other_word(&o.1) || d.other.as_ref().is_some_and(|(l, _)| *l == o.1))
    {
        let (_, label, _) = d.options.remove(k);
        if d.other.as_ref().is_none_or(|(l, _)| l == "Other") {
            d.other = Some((label, None));
        }
    }
    if d.kind == "single" && d.other.is_none() && d.options.is_empty() {
        d.why.push_str("; no answers");
    }
    if comment.is_some() {
        d.why.push_str("; comment column counted, not published");
        d.comment = comment;
    }
    (Outcome::Question(d), None)
}

/// One block of the export, drafted.
pub(crate) struct BlockDraft<'a> {
    pub block: Block<'a>,
    pub outcome: Outcome,
    /// The platform codebook's name of the question, when it described the block.
    pub name: Option<String>,
    /// Comments for the draft (a definition that did not fit the cells).
    pub notes: Vec<String>,
}

/// Every block of the export, drafted in export order.
pub(crate) fn block_drafts<'a>(
    raw: &'a RawExport,
    def: Option<&Definition>,
) -> Vec<BlockDraft<'a>> {
    // Blocks are drafted on all cores, each as if no country question came before it; the
    // first country question then keeps its type and any later one is drafted again as the
    // sequential draft would (only the first is drafted as a country).
    let first: Vec<(Block, (Outcome, Option<String>), Vec<String>, bool)> = blocks::blocks(raw)
        .into_par_iter()
        .map(|block| {
            let (mut notes, mut country) = (Vec::new(), false);
            let drafted = outcome(raw, &block, def, &mut country, &mut notes);
            (block, drafted, notes, country)
        })
        .collect();
    let mut country_done = false;
    let drafts = first
        .into_iter()
        .map(|(block, drafted, notes, country)| {
            let (notes, (outcome, name)) = match (country, country_done) {
                (true, true) => {
                    let mut notes = Vec::new();
                    let again = outcome(raw, &block, def, &mut country_done, &mut notes);
                    (notes, again)
                }
                (country, _) => {
                    country_done |= country;
                    (notes, drafted)
                }
            };
            BlockDraft {
                block,
                outcome,
                name,
                notes,
            }
        })
        .collect();
    batteries::join(drafts)
}

/// What the drafting of the blocks has produced so far.
#[derive(Default)]
struct Drafting {
    /// The `[[questions]]` tables and their comments.
    qs: String,
    summary: Vec<String>,
    taken: ident::Scope,
    pii: Vec<String>,
    ignored: Vec<String>,
    /// Blocks drafted from the platform codebook.
    from_definition: usize,
    /// Question texts asked more than once → the questions drafted for them.
    shared: shared::SharedTexts,
}

impl Drafting {
    /// Records what became of one block; `name` is the platform codebook's name for it.
    fn record(&mut self, block: &Block, outcome: Outcome, name: Option<String>) {
        let short: String = normalize_heading(&block.header).chars().take(50).collect();
        self.from_definition += usize::from(name.is_some());
        let from_def = name.is_some();
        let name = name.unwrap_or_else(|| short.clone());
        match outcome {
            Outcome::Skipped(why) => {
                let _ = writeln!(
                    self.qs,
                    "# Skipped {name:?}: {why}. Listed in ignore_columns.\n"
                );
                self.summary.push(format!("(skipped): {name} ({why})"));
                if block.bracket_items.is_empty() {
                    self.ignored.push(block.header.clone());
                } else {
                    self.ignored
                        .extend(block.columns.iter().map(|c| c.heading.clone()));
                }
            }
            Outcome::Pii(why) => {
                self.summary.push(format!("(pii column): {name} ({why})"));
                let others = block.columns.iter().skip(1).map(|c| &c.heading);
                for h in std::iter::once(&block.header).chain(others) {
                    if !self.pii.contains(h) {
                        self.pii.push(h.clone());
                    }
                }
            }
            Outcome::Question(mut d) => {
                d.drop_repeated_labels();
                let stem = if from_def { &name } else { block.heading() };
                let id = ident(stem, &mut self.taken, "q_");
                if block.shared_text {
                    d.why.push_str(&format!(
                        "; its text is asked more than once: a question of its own, named by header = {:?}",
                        block.header
                    ));
                    let letter = crate::error::column_letters(block.columns[0].index);
                    let text = normalize_heading(block.heading())
                        .chars()
                        .take(60)
                        .collect();
                    self.shared.add(text, &id, &letter);
                }
                write_question(&mut self.qs, &id, &block.header, &d);
                self.summary.push(format!("{id}: {} ({})", d.kind, d.why));
            }
        }
    }
}

/// Drafts a codebook for an export read with `format`, whose file is `source`; with a
/// platform codebook (`definition`), types, labels, codes and PII flags come from it.
pub fn draft(
    raw: &RawExport,
    source: &str,
    format: Format,
    definition: Option<&Definition>,
) -> Result<Draft> {
    // Missing-value markers are declared, and read as blank while drafting.
    let found = missing::markers(raw);
    let blanked;
    let raw = match found.is_empty() {
        true => raw,
        false => {
            let mut r = raw.clone();
            r.blank_missing(&found.iter().map(|(m, _)| m.clone()).collect::<Vec<_>>());
            blanked = r;
            &blanked
        }
    };
    let mut out = header::survey_header(raw, source, format, definition);
    if !found.is_empty() {
        let list: Vec<String> = found.iter().map(|(m, _)| write::q(m)).collect();
        let counts: Vec<String> = found.iter().map(|(m, n)| format!("{m} in {n}")).collect();
        let _ = writeln!(
            out,
            "missing = [{}] # cells that mean \"no answer\" ({}): read as blank",
            list.join(", "),
            counts.join(", ")
        );
    }
    let mut st = Drafting {
        pii: raw
            .columns
            .iter()
            .filter(|c| metadata::is_pii_heading(c))
            .map(|c| c.heading.clone())
            .collect(),
        ..Default::default()
    };
    for bd in block_drafts(raw, definition) {
        for n in &bd.notes {
            let _ = writeln!(st.qs, "{n}");
        }
        st.record(&bd.block, bd.outcome, bd.name);
    }
    if let (Some(d), 0) = (definition, st.from_definition) {
        let why = format!(
            "no column of the export matched a question of the {}: every question was drafted from the answers",
            d.kind
        );
        st.summary.push(format!("(warning): {why}"));
        let unused = format!("# {why}.\n# Not used: the");
        out = out.replacen("# Types, labels and codes from the", &unused, 1);
    }
    write::column_lists(&mut out, &st.pii, &st.ignored);
    let _ = writeln!(out);
    out.push_str(&st.qs);
    Ok(Draft {
        toml: out,
        warnings: st.shared.warnings(),
        summary: st.summary,
    })
}
