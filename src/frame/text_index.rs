//! Columns found by their text in one pass. A question with k options or items over a block of
//! n columns found each by scanning the block, normalising both texts at every comparison
//! (k × n: a 20,000-item grid took 23 s to draft); an index of the block's normalised texts
//! makes it k + n, and finds the same columns.

use crate::codebook::OptionDef;
use crate::ingest::{normalize_heading, ExportColumn};
use std::collections::HashMap;

/// The first column under each normalised text, with its position in the order given.
pub(super) struct FirstByText<'a> {
    first: HashMap<String, (usize, &'a ExportColumn)>,
}

impl<'a> FirstByText<'a> {
    pub(super) fn new(cols: impl IntoIterator<Item = (&'a str, &'a ExportColumn)>) -> Self {
        let mut first = HashMap::new();
        for (pos, (text, c)) in cols.into_iter().enumerate() {
            first.entry(normalize_heading(text)).or_insert((pos, c));
        }
        FirstByText { first }
    }

    /// The first column whose text is `text` once normalised.
    pub(super) fn get(&self, text: &str) -> Option<&'a ExportColumn> {
        self.first.get(&normalize_heading(text)).map(|&(_, c)| c)
    }

    /// The first column (in the order given) whose text names the item: its label once
    /// normalised, its platform value or its code.
    pub(super) fn item(&self, item: &OptionDef) -> Option<&'a ExportColumn> {
        let label = normalize_heading(item.label());
        [
            Some(label.as_str()),
            item.value.as_deref(),
            Some(item.code()),
        ]
        .into_iter()
        .flatten()
        .filter_map(|key| self.first.get(key))
        .min_by_key(|&&(pos, _)| pos)
        .map(|&(_, c)| c)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn col(index: usize, text: &str) -> ExportColumn {
        ExportColumn {
            index,
            heading: "Q".into(),
            sublabel: text.into(),
            name: format!("c{index}"),
            other_text: false,
            key: None,
        }
    }

    fn item(toml_text: &str) -> OptionDef {
        toml::from_str(toml_text).unwrap()
    }

    #[test]
    fn first_column_by_normalised_text_and_by_position_for_items() {
        let cols = [
            col(0, "b"),
            col(1, "Very  good "),
            col(2, "3"),
            col(3, "Very good"),
            col(4, "a"),
        ];
        let ix = FirstByText::new(cols.iter().map(|c| (c.sublabel.as_str(), c)));
        assert_eq!(
            ix.get(" Very good").map(|c| c.index),
            Some(1),
            "first of two, normalised"
        );
        assert_eq!(ix.get("very good"), None, "case is kept");
        // An item is found by label, value or code, whichever column comes first.
        let by_code = item("code = \"b\"\nlabel = \"Very good\"");
        assert_eq!(ix.item(&by_code).map(|c| c.index), Some(0));
        let by_value = item("code = \"a\"\nlabel = \"Nothing\"\nvalue = \"3\"");
        assert_eq!(ix.item(&by_value).map(|c| c.index), Some(2));
        assert!(ix.item(&item("code = \"z\"\nlabel = \"None\"")).is_none());
    }
}
