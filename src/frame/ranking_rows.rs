//! Rankings answered with ties or gaps (`1, 1, 1`; `1, 3`), row by row: their "ranked first"
//! shares would add to more than 100%. Such a row is refused, naming its row and ranks, or left
//! out with its reason when the codebook says `malformed_rows = "exclude"`.

use super::resolve::Resolved;
use crate::codebook::{Codebook, MalformedRows, Shape};
use crate::error::Result;
use crate::ingest::{CellColumn, RawExport};

/// The codebook's rankings, with their cells, and what a malformed row gets.
pub(super) struct Rankings<'r> {
    list: Vec<(&'r Resolved<'r>, Vec<&'r CellColumn>)>,
    exclude: bool,
}

impl<'r> Rankings<'r> {
    pub fn new(cb: &Codebook, raw: &'r RawExport, resolved: &'r [Resolved<'r>]) -> Result<Self> {
        let list = resolved
            .iter()
            .filter(|r| r.question.kind.shape() == Shape::Ranked)
            .map(|r| {
                Ok((
                    r,
                    r.columns
                        .iter()
                        .map(|c| raw.cells(c))
                        .collect::<Result<_>>()?,
                ))
            })
            .collect::<Result<_>>()?;
        Ok(Rankings {
            list,
            exclude: cb.survey.malformed_rows == MalformedRows::Exclude,
        })
    }

    /// The reason row `i` is left out (a ranking of it tied or with a gap); Err naming the row
    /// when the codebook does not exclude such rows.
    pub fn malformed(&self, raw: &RawExport, i: usize) -> Result<Option<String>> {
        let Some((r, why, ranks)) = self.problem(i) else {
            return Ok(None);
        };
        if !self.exclude {
            return Err(raw.cell_error(
                i,
                r.columns[0],
                format!("{why} ({ranks}): each item ranked once, 1, 2, 3 … without a gap; or set [survey] malformed_rows = \"exclude\" to leave such rows out"),
            ));
        }
        Ok(Some(format!("malformed {why}")))
    }

    /// For each of the first `n` rows, whether some ranking of it may have ties or a gap (on
    /// all cores; [`Rankings::malformed`] says which).
    pub fn flagged(&self, n: usize) -> Vec<bool> {
        use rayon::prelude::*;
        if self.list.is_empty() {
            return vec![false; n];
        }
        (0..n)
            .into_par_iter()
            .map(|i| self.any_problem(i))
            .collect()
    }

    /// Whether some ranking of row `i` has ties or a gap (no allocation: checked for every
    /// row, found in few).
    fn any_problem(&self, i: usize) -> bool {
        self.list.iter().any(|(_, cells)| {
            if cells.len() > 64 {
                return true; // (the full check below decides)
            }
            let (mut seen, mut count, mut top, mut tied) = (0u64, 0u32, 0u32, false);
            for c in cells {
                let Some(x) = c.get(i).and_then(|v| v.trim().parse::<u32>().ok()) else {
                    continue;
                };
                // A rank off the scale is the cell's own error, named when the ranking is read.
                if x == 0 || x as usize > cells.len() {
                    return false;
                }
                tied |= seen & (1 << (x - 1)) != 0;
                seen |= 1 << (x - 1);
                count += 1;
                top = top.max(x);
            }
            tied || top != count
        })
    }

    /// The first ranking of row `i` with ties or a gap: it, what is wrong, and the row's ranks.
    fn problem(&self, i: usize) -> Option<(&'r Resolved<'r>, String, String)> {
        if !self.any_problem(i) {
            return None;
        }
        for (r, cells) in &self.list {
            let ranks: Vec<u32> = cells
                .iter()
                .filter_map(|c| c.get(i)?.trim().parse::<u32>().ok())
                .collect();
            // A rank off the scale is the cell's own error, named when the ranking is read.
            if ranks.iter().any(|&x| x == 0 || x as usize > cells.len()) {
                continue;
            }
            let mut sorted = ranks.clone();
            sorted.sort_unstable();
            let tied = sorted.windows(2).any(|w| w[0] == w[1]);
            let gap = !tied && sorted.iter().enumerate().any(|(k, &x)| x != k as u32 + 1);
            if tied || gap {
                let what = if tied {
                    "a rank given twice"
                } else {
                    "a gap in its ranks"
                };
                let list: Vec<String> = ranks.iter().map(u32::to_string).collect();
                return Some((
                    r,
                    format!("ranking {:?} with {what}", r.question.id()),
                    list.join(", "),
                ));
            }
        }
        None
    }
}
