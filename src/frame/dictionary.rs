//! A text column of the tidy frame as a dictionary: its distinct values in order of first
//! appearance and each row's value as a position among them. A value of at most 12 bytes is
//! whole in its 16-byte view (an option code, a country code, a region: nearly every cell of a
//! breakdown variable) and is looked up by the view as a number, not by hashing its text; the
//! text decides whenever a view is new, so two views of one text (padding the format leaves
//! open) still take one position.

use polars::prelude::*;
use polars_arrow::array::Array;
use std::collections::HashMap;

type Fast = foldhash::fast::FixedState;

/// A text column's distinct values and each row's position among them (None: no value).
pub struct Dictionary<'f> {
    pub distinct: Vec<&'f str>,
    pub of: Vec<Option<u32>>,
}

impl<'f> Dictionary<'f> {
    pub fn of(ca: &'f StringChunked) -> Dictionary<'f> {
        let mut by_view: HashMap<u128, u32, Fast> = HashMap::default();
        let mut by_text: HashMap<&'f str, u32, Fast> = HashMap::default();
        let mut distinct: Vec<&'f str> = Vec::new();
        let mut of = Vec::with_capacity(ca.len());
        for arr in ca.downcast_iter() {
            let valid = arr.validity();
            for (i, view) in arr.views().iter().enumerate() {
                if valid.is_some_and(|v| !v.get_bit(i)) {
                    of.push(None);
                    continue;
                }
                let mut code_of_text = |v: &'f str| {
                    *by_text.entry(v).or_insert_with(|| {
                        distinct.push(v);
                        distinct.len() as u32 - 1
                    })
                };
                let code = match view.is_inline() {
                    true => *by_view
                        .entry(view.as_u128())
                        .or_insert_with(|| code_of_text(arr.value(i))),
                    false => code_of_text(arr.value(i)),
                };
                of.push(Some(code));
            }
        }
        Dictionary { distinct, of }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The same dictionary by hashing every text (the reference).
    fn by_text<'a>(values: &[Option<&'a str>]) -> (Vec<&'a str>, Vec<Option<u32>>) {
        let mut seen: HashMap<&str, u32> = HashMap::new();
        let mut distinct = Vec::new();
        let of = values
            .iter()
            .map(|v| {
                v.map(|v| {
                    *seen.entry(v).or_insert_with(|| {
                        distinct.push(v);
                        distinct.len() as u32 - 1
                    })
                })
            })
            .collect();
        (distinct, of)
    }

    #[test]
    fn positions_equal_those_of_hashing_every_text_across_chunks() {
        // Short (inline) and long texts, an empty text (a value, not a missing one), nulls,
        // a 12- and a 13-byte text either side of the inline limit, in two chunks.
        let pool = [
            Some("yes"),
            Some("Northern America"),
            None,
            Some(""),
            Some("twelve bytes"),
            Some("thirteen byte"),
            Some("no"),
            Some("Southern Europe"),
        ];
        let mut x: u64 = 11;
        let mut values = Vec::new();
        for _ in 0..3_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            values.push(pool[(x % pool.len() as u64) as usize]);
        }
        let mut ca = StringChunked::new("v".into(), &values[..1_234]);
        ca.append(&StringChunked::new("v".into(), &values[1_234..]))
            .unwrap();
        assert_eq!(ca.chunks().len(), 2);
        let d = Dictionary::of(&ca);
        let (distinct, of) = by_text(&values);
        assert_eq!(d.distinct, distinct);
        assert_eq!(d.of, of);
        assert_eq!(d.distinct.len(), 7);
    }
}
