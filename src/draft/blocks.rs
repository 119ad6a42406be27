//! An export's question blocks, in export order: the columns under one heading of one
//! platform question. Two blocks are never merged: a text asked twice gives two blocks, each
//! named so that `run` finds exactly its own columns.

use crate::ingest::{metadata, normalize_heading, ExportColumn, RawExport};
use std::collections::hash_map::{Entry, HashMap};

pub(crate) struct Block<'a> {
    /// What the codebook's `header` names: the heading, or the platform's key when several
    /// blocks share the heading.
    pub header: String,
    pub columns: Vec<&'a ExportColumn>,
    /// Other blocks carry the same question text.
    pub shared_text: bool,
}

impl Block<'_> {
    pub fn heading(&self) -> &str {
        &self.columns[0].heading
    }
    /// The block's answer columns (not "other" text columns), or all when there are only those.
    pub fn answer_columns(&self) -> Vec<&ExportColumn> {
        let cols: Vec<&ExportColumn> = self
            .columns
            .iter()
            .copied()
            .filter(|c| !c.other_text)
            .collect();
        if cols.is_empty() {
            self.columns.clone()
        } else {
            cols
        }
    }
}

/// The question blocks of an export, leaving out platform bookkeeping and PII metadata. Linear
/// in the number of columns: blocks are found through a map, not by scanning the blocks so far.
pub(crate) fn blocks(raw: &RawExport) -> Vec<Block<'_>> {
    let mut out: Vec<(String, Vec<&ExportColumn>)> = Vec::new();
    let mut at: HashMap<(String, Option<String>), usize> = HashMap::new();
    let mut texts: HashMap<String, usize> = HashMap::new();
    for c in &raw.columns {
        if c.heading.trim().is_empty() || metadata::is_bookkeeping(c) || metadata::is_pii_heading(c)
        {
            continue;
        }
        // One block per question: same heading and same platform question id.
        let text = normalize_heading(&c.heading);
        match at.entry((text.clone(), c.key.clone())) {
            Entry::Occupied(e) => out[*e.get()].1.push(c),
            Entry::Vacant(e) => {
                e.insert(out.len());
                *texts.entry(text).or_default() += 1;
                out.push((c.heading.clone(), vec![c]));
            }
        }
    }
    // Questions sharing a text are named by their platform key (`header = "QID9"`); the first
    // of them keeps the text when it has no key.
    out.into_iter()
        .map(|(h, cols)| {
            let shared = texts[&normalize_heading(&h)] > 1;
            let header = match (&cols[0].key, shared) {
                (Some(k), true) => k.clone(),
                _ => h.clone(),
            };
            Block {
                header,
                columns: cols,
                shared_text: shared,
            }
        })
        .collect()
}
