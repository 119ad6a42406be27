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
    /// Columns headed `Question [Item]` (Google Forms grids): the items, in column order.
    pub bracket_items: Vec<String>,
}

impl Block<'_> {
    pub fn heading(&self) -> &str {
        if self.bracket_items.is_empty() {
            &self.columns[0].heading
        } else {
            &self.header
        }
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
        if c.heading.trim().is_empty()
            || metadata::is_bookkeeping(c, raw.format)
            || metadata::is_pii_heading(c)
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
    let mut merged: Vec<Block> = Vec::new();
    for b in named(out, &texts) {
        merge_bracketed(&mut merged, b);
    }
    merged
}

/// `Question [Item]` → (question, item), for a column with no sub-heading.
fn bracketed(c: &ExportColumn) -> Option<(&str, &str)> {
    let h = c.heading.trim();
    if !c.sublabel.is_empty() || !h.ends_with(']') {
        return None;
    }
    let open = h.rfind(" [")?;
    Some((h[..open].trim(), &h[open + 2..h.len() - 1]))
}

/// Appends `b`, joining it to the block before when both are `Question [Item]` columns of one
/// question (a Google Forms grid).
fn merge_bracketed<'a>(merged: &mut Vec<Block<'a>>, b: Block<'a>) {
    let this = match b.columns.as_slice() {
        [c] => bracketed(c),
        _ => None,
    };
    if let (Some((q, item)), Some(prev)) = (this, merged.last_mut()) {
        let prev_q = match prev.columns.as_slice() {
            [c] => bracketed(c).map(|(p, _)| p),
            _ if !prev.bracket_items.is_empty() => Some(prev.header.as_str()),
            _ => None,
        };
        if prev_q == Some(q) {
            if prev.bracket_items.is_empty() {
                let (pq, first) = bracketed(prev.columns[0]).unwrap_or_default();
                prev.bracket_items.push(first.to_string());
                prev.header = pq.to_string();
                prev.shared_text = false;
            }
            prev.bracket_items.push(item.to_string());
            prev.columns.extend(b.columns);
            return;
        }
    }
    merged.push(b);
}

fn named<'a>(
    out: Vec<(String, Vec<&'a ExportColumn>)>,
    texts: &HashMap<String, usize>,
) -> Vec<Block<'a>> {
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
                bracket_items: Vec::new(),
            }
        })
        .collect()
}
