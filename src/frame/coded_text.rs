//! A text column from a code per row into a few distinct texts: the texts are made once and
//! gathered by code, so each row copies a 16-byte view and no text (a country's name, region and
//! sub-region pushed row by row copied every name longer than 12 bytes into the column).

use crate::error::Result;
use polars::prelude::*;

/// The column `name` whose row `j` is `texts[codes[j]]` (None: null).
pub(crate) fn gathered(name: &str, texts: &[Option<&str>], codes: &[u32]) -> Result<StringChunked> {
    let distinct: StringChunked = texts.iter().copied().collect();
    let idx = IdxCa::from_vec("".into(), codes.iter().map(|&c| c as IdxSize).collect());
    Ok(distinct.take(&idx)?.with_name(name.into()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equals_the_column_pushed_row_by_row() {
        let texts = [
            Some("United States of America"),
            None,
            Some("DE"),
            Some(""),
            Some("Northern America"),
        ];
        let codes: Vec<u32> = (0..1_000u32).map(|j| (j * 7 + j / 3) % 5).collect();
        let ours = gathered("c", &texts, &codes).unwrap();
        let theirs: StringChunked = codes.iter().map(|&c| texts[c as usize]).collect();
        let theirs = theirs.with_name("c".into());
        assert!(ours
            .clone()
            .into_series()
            .equals_missing(&theirs.clone().into_series()));
        assert_eq!(ours.null_count(), theirs.null_count());
        assert_eq!(ours.name(), "c");
        let rows: Vec<Option<&str>> = ours.iter().collect();
        assert_eq!(rows, theirs.iter().collect::<Vec<_>>());
    }
}
