//! An export's question blocks, in export order: the columns under one heading of one
//! platform question. Two blocks are never merged: a text asked twice gives two blocks, each
//! named so that `run` finds exactly its own columns.

use crate::ingest::{metadata, normalize_heading, ExportColumn, RawExport};

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

/// The question blocks of an export, leaving out platform bookkeeping and PII metadata.
pub(crate) fn blocks(raw: &RawExport) -> Vec<Block<'_>> {
    let mut out: Vec<(String, Vec<&ExportColumn>)> = Vec::new();
    for c in &raw.columns {
        if c.heading.trim().is_empty() || metadata::is_bookkeeping(c) || metadata::is_pii_heading(c)
        {
            continue;
        }
        // One block per question: same heading and same platform question id.
        match out.iter_mut().find(|(_, cols)| {
            normalize_heading(&cols[0].heading) == normalize_heading(&c.heading)
                && cols[0].key == c.key
        }) {
            Some((_, cols)) => cols.push(c),
            None => out.push((c.heading.clone(), vec![c])),
        }
    }
    // Questions sharing a text are named by their platform key (`header = "QID9"`); the first
    // of them keeps the text when it has no key.
    out.iter()
        .map(|(h, cols)| {
            let shared = out
                .iter()
                .filter(|(h2, _)| normalize_heading(h2) == normalize_heading(h))
                .count()
                > 1;
            let header = match (&cols[0].key, shared) {
                (Some(k), true) => k.clone(),
                _ => h.clone(),
            };
            Block {
                header,
                columns: cols.clone(),
                shared_text: shared,
            }
        })
        .collect()
}
