//! Which columns a grid or ranking reads: one per item, in codebook order. An item's column is
//! found under the question's heading by its sub-heading (SurveyMonkey, Qualtrics, plain tables
//! with two header rows), or headed `Question [Item]` on its own (Google Forms, LimeSurvey full
//! headings), or headed by the item alone (a battery of single questions: KoboToolbox, REDCap
//! matrix groups, plain tables).

use super::text_index::FirstByText;
use crate::codebook::Question;
use crate::error::Result;
use crate::ingest::{ExportColumn, RawExport};
use std::cell::OnceCell;

/// `Question [Item]`: the item's text when `heading` is `header` followed by a bracket.
fn bracketed<'h>(heading: &'h str, header: &str) -> Option<&'h str> {
    let h = heading.trim();
    let rest = h.strip_prefix(header.trim())?.trim_start();
    rest.strip_prefix('[')?.strip_suffix(']')
}

pub(super) fn resolve<'a>(
    raw: &'a RawExport,
    q: &'a Question,
    header: &'a toml::Spanned<String>,
    file: &str,
) -> Result<Vec<&'a ExportColumn>> {
    let block = raw.block(header.get_ref());
    let under = FirstByText::new(block.iter().map(|c| (c.sublabel.as_str(), *c)));
    // Built only when an item is not under the heading.
    let own = OnceCell::new();
    let own = || {
        own.get_or_init(|| {
            FirstByText::new(
                raw.columns
                    .iter()
                    .filter_map(|c| bracketed(&c.heading, header.get_ref()).map(|t| (t, c))),
            )
        })
    };
    // A battery of single questions: the item's own column, headed by the item.
    let alone = OnceCell::new();
    let alone = || {
        alone.get_or_init(|| {
            FirstByText::new(
                (raw.columns.iter())
                    .filter(|c| c.sublabel.is_empty())
                    .map(|c| (c.heading.as_str(), c)),
            )
        })
    };
    let mut out = Vec::with_capacity(q.items.len());
    for item in &q.items {
        let found = under.item(item);
        match found
            .or_else(|| own().item(item))
            .or_else(|| alone().item(item))
        {
            Some(c) => out.push(c),
            None => {
                let why = format!(
                    "question {:?}, item {:?}: no column {:?} under the heading {:?}, nor one headed {:?}, in {file}",
                    q.id(),
                    item.code(),
                    item.label(),
                    crate::ingest::short_heading(header.get_ref()),
                    format!("{} [{}]", crate::ingest::short_heading(header.get_ref()), item.label())
                );
                return Err(crate::error::Error::Misplaced {
                    span: item.label.span(),
                    message: why,
                });
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::bracketed;

    #[test]
    fn google_forms_item_headings() {
        assert_eq!(
            bracketed("How well? [Internet access]", "How well?"),
            Some("Internet access")
        );
        assert_eq!(bracketed("How well?[x]", "How well?"), Some("x"));
        assert_eq!(bracketed("How well? x", "How well?"), None);
        assert_eq!(bracketed("Other question [x]", "How well?"), None);
    }
}
