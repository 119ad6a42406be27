//! A flag column (ticked or not, null where the question was not shown) made from two bitmaps
//! at once: polars' builder pushed each value and each validity bit in turn (at 100k rows, 2.3
//! million pushes: 5% of a headline's instructions).

use polars::prelude::*;
use polars_arrow::array::BooleanArray;
use polars_arrow::datatypes::ArrowDataType;

/// `name`: `ticked[j]` where `shown[j]`, else null — the column polars builds from
/// `Vec<Option<bool>>`, bit for bit (a null's value bit unset; no validity when none is null).
pub(crate) fn flags(name: &str, ticked: &[bool], shown: &[bool]) -> Column {
    let values = super::bits::pack(ticked, Some(shown));
    let validity = super::bits::pack(shown, None);
    let validity = (validity.unset_bits() > 0).then_some(validity);
    let array = BooleanArray::new(ArrowDataType::Boolean, values, validity);
    BooleanChunked::with_chunk(name.into(), array).into_column()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_column_polars_builds_from_options() {
        let ticked = [true, false, true, true, false, true, false, false, true];
        for shown in [
            [true; 9],
            [true, true, false, true, false, false, true, true, true],
        ] {
            let ours = flags("q__a", &ticked, &shown);
            let opts: Vec<Option<bool>> = (ticked.iter().zip(&shown))
                .map(|(&t, &s)| s.then_some(t))
                .collect();
            let theirs = Column::new("q__a".into(), opts);
            assert!(ours.equals_missing(&theirs));
            assert_eq!(ours.null_count(), theirs.null_count());
            let (a, b) = (ours.bool().unwrap(), theirs.bool().unwrap());
            let arrays = |c: &BooleanChunked| -> Vec<(Vec<bool>, Option<Vec<bool>>)> {
                c.downcast_iter()
                    .map(|x| {
                        let v = x.values().iter().collect();
                        (v, x.validity().map(|m| m.iter().collect()))
                    })
                    .collect()
            };
            assert_eq!(arrays(a), arrays(b), "bits and validity");
        }
    }
}
