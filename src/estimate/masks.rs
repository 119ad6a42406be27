//! Per-respondent masks read from the tidy frame (who answered, who is in a base, who chose
//! what), and the estimate of one mask over another.

use super::interval::{IntervalMethod, PropSummary};
use super::Estimate;
use crate::codebook::Question;
use crate::error::Result;
use crate::names;
use polars::prelude::*;

/// Per-respondent masks from the tidy frame.
pub struct Masks<'a> {
    frame: &'a DataFrame,
    /// Single-choice columns as option positions (`NONE`: no answer), read once per question.
    positions: std::sync::Mutex<std::collections::HashMap<String, std::sync::Arc<Vec<u32>>>>,
    /// Boolean columns (ticks, "answered", "shown"), read once each: the tables, breakdowns
    /// and headlines of a question read the same columns again and again.
    bools: std::sync::Mutex<std::collections::HashMap<String, std::sync::Arc<Vec<bool>>>>,
}

pub(crate) const NONE: u32 = u32::MAX;

impl<'a> Masks<'a> {
    pub fn new(frame: &'a DataFrame) -> Self {
        Masks {
            frame,
            positions: Default::default(),
            bools: Default::default(),
        }
    }

    /// A single choice's chosen option per respondent, as its position among `all_options()`
    /// (a code that is no option's counts as answered, chosen by none).
    pub(crate) fn positions(&self, q: &Question) -> Result<std::sync::Arc<Vec<u32>>> {
        let cached = |m: &Self| m.positions.lock().ok().and_then(|p| p.get(q.id()).cloned());
        if let Some(p) = cached(self) {
            return Ok(p);
        }
        // Looked up by hash: a question of 100,000 options scanned them all for every row (and
        // by a fast hash: SipHash was 3% of a headline's instructions here).
        let mut codes: std::collections::HashMap<&str, u32, foldhash::fast::FixedState> =
            Default::default();
        for (k, o) in q.all_options().enumerate() {
            codes.entry(o.code()).or_insert(k as u32);
        }
        let unknown = q.all_options().count() as u32;
        // Each distinct code looked up once, not once per row.
        let d = crate::frame::dictionary::Dictionary::of(self.frame.column(q.id())?.str()?);
        let at: Vec<u32> = (d.distinct.iter())
            .map(|v| codes.get(v).copied().unwrap_or(unknown))
            .collect();
        let p: Vec<u32> = (d.of.iter())
            .map(|c| c.map_or(NONE, |c| at[c as usize]))
            .collect();
        let p = std::sync::Arc::new(p);
        if let Ok(mut cache) = self.positions.lock() {
            cache.insert(q.id().to_string(), p.clone());
        }
        Ok(p)
    }

    /// The number of analysed respondents.
    pub fn height(&self) -> u64 {
        self.frame.height() as u64
    }

    /// A boolean column (null: false), read from its bitmaps once and kept.
    pub(crate) fn bools(&self, name: &str) -> Result<std::sync::Arc<Vec<bool>>> {
        if let Some(b) = self.bools.lock().ok().and_then(|c| c.get(name).cloned()) {
            return Ok(b);
        }
        let ca = self.frame.column(name)?.bool()?;
        let mut out = Vec::with_capacity(ca.len());
        for arr in ca.downcast_iter() {
            match arr.validity() {
                None => crate::frame::bits::unpack(arr.values(), &mut out),
                // (A word of bits at a time, then eight at a time.)
                Some(valid) => crate::frame::bits::unpack(&(arr.values() & valid), &mut out),
            }
        }
        let out = std::sync::Arc::new(out);
        if let Ok(mut cache) = self.bools.lock() {
            cache.insert(name.to_string(), out.clone());
        }
        Ok(out)
    }

    pub(crate) fn strs(&self, name: &str) -> Result<Vec<Option<&'a str>>> {
        Ok(self.frame.column(name)?.str()?.iter().collect())
    }

    /// Nobody: the mask of a kind without options, which nobody chose.
    pub fn nobody(&self) -> Vec<bool> {
        vec![false; self.frame.height()]
    }

    /// Who has a value in the column `name` (a numeric question's answer, a coder's codes).
    pub fn present(&self, name: &str) -> Result<Vec<bool>> {
        let c = self.frame.column(name)?.is_not_null();
        Ok(c.iter().map(|v| v == Some(true)).collect())
    }

    /// The tidy frame the masks read.
    pub fn frame(&self) -> &'a DataFrame {
        self.frame
    }

    /// Who answered at least one of a grid's or ranking's items.
    pub fn any_item(&self, q: &Question) -> Result<Vec<bool>> {
        let mut any = vec![false; self.frame.height()];
        for item in &q.items {
            let c = self.frame.column(&names::option(q.id(), item.code()))?;
            for (a, null) in any.iter_mut().zip(c.is_null().iter()) {
                *a |= null == Some(false);
            }
        }
        Ok(any)
    }

    /// A grid item's top-2 box: who rated it in the two highest points, and who rated it on
    /// the scale; None on a scale too short for boxes.
    pub fn top2(&self, q: &Question, item: &str) -> Result<Option<(Vec<bool>, Vec<bool>)>> {
        let scale = q.scale();
        let Some((top, _)) = crate::codebook::scale::boxes(&scale) else {
            return Ok(None);
        };
        let mut chose = Vec::with_capacity(self.frame.height());
        let mut base = Vec::with_capacity(self.frame.height());
        for v in self.strs(&names::option(q.id(), item))? {
            let k = v.and_then(|c| scale.iter().position(|p| p.code == c));
            base.push(k.is_some_and(|k| scale[k].score.is_some()));
            chose.push(k.is_some_and(|k| top.contains(&k)));
        }
        Ok(Some((chose, base)))
    }

    /// A ranking item's ranks (None: not ranked).
    pub(crate) fn ranks(&self, name: &str) -> Result<Vec<Option<u32>>> {
        Ok(self.frame.column(name)?.u32()?.iter().collect())
    }

    /// A single choice: how many of `base` chose each option, in `all_options()` order (one
    /// pass over the rows, whatever the number of options).
    pub fn single_counts(&self, q: &Question, base: &[bool]) -> Result<Vec<u64>> {
        let mut counts = vec![0u64; q.all_options().count() + 1];
        for (&p, &b) in self.positions(q)?.iter().zip(base) {
            if b && p != NONE {
                counts[p as usize] += 1;
            }
        }
        counts.pop();
        Ok(counts)
    }
}

/// The estimate of "chose" over "base", weighted when weights are given.
pub(crate) fn estimate(
    method: IntervalMethod,
    chose: &[bool],
    base: &[bool],
    w: Option<&[f64]>,
) -> Option<Estimate> {
    Estimate::from_summary(method, &summary(chose, base, w))
}

/// The data of "chose" over "base", weighted when weights are given (unweighted, counts).
pub fn summary(chose: &[bool], base: &[bool], w: Option<&[f64]>) -> PropSummary {
    let Some(w) = w else {
        let n = count(base);
        let x = chose.iter().zip(base).filter(|(c, b)| **c && **b).count() as u64;
        return PropSummary::unweighted(x, n);
    };
    let units = (0..chose.len())
        .filter(|&i| base[i])
        .map(|i| (chose[i], w[i]));
    PropSummary::from_units(units, true)
}
pub(crate) fn count(a: &[bool]) -> u64 {
    a.iter().filter(|x| **x).count() as u64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boolean_columns_read_from_bitmaps_null_as_false_across_chunks() {
        let mut ca = BooleanChunked::new("t".into(), &[Some(true), None, Some(false)]);
        ca.append(&BooleanChunked::new("t".into(), &[true, true]))
            .unwrap();
        assert_eq!(ca.chunks().len(), 2);
        let frame = DataFrame::new(5, vec![ca.into_column()]).unwrap();
        let m = Masks::new(&frame);
        assert_eq!(*m.bools("t").unwrap(), [true, false, false, true, true]);
        // Read once: the second call is the same vector.
        assert!(std::sync::Arc::ptr_eq(
            &m.bools("t").unwrap(),
            &m.bools("t").unwrap()
        ));
    }
}
