//! Ranking → `q__<item>` per item: the rank given (1 = first; null when the item was not
//! ranked). A rank must be a whole number from 1 to the number of items.

use crate::error::Result;
use crate::frame::Build;
use crate::frame::Resolved;

pub(crate) fn build(b: &mut Build, r: &Resolved) -> Result<()> {
    let q = r.question;
    let most = q.items.len() as u32;
    let raw = b.raw;
    b.item_columns(r, |i, col, item, v| match v.parse::<u32>() {
        Ok(k) if (1..=most).contains(&k) => Ok(k),
        _ => Err(raw.cell_error(
            i,
            col,
            format!(
                "expected a rank from 1 to {most} for item {:?} of question {:?}, found {v:?}",
                item.label(),
                q.id()
            ),
        )),
    })
}
