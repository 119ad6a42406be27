//! A single choice answered in one cell: a few answers that recur and cover nearly every row.

use super::guess::{Cells, Guess};

pub(super) fn single(c: &Cells) -> Option<Guess> {
    let n = c.n();
    let sentences = c.count(|v| v.ends_with('.')) * 2 > n;
    let frequent: Vec<(&str, usize)> = c
        .distinct
        .iter()
        .copied()
        .filter(|&(_, k)| c.frequent(k))
        .collect();
    let freq: Vec<String> = frequent.iter().map(|(v, _)| v.to_string()).collect();
    let coverage = frequent.iter().map(|(_, k)| k).sum::<usize>();
    if n == 0 || sentences || !(1..=15).contains(&freq.len()) || coverage * 10 < n * 9 {
        return None;
    }
    let other = (coverage < n).then(|| "Other".to_string());
    let why = format!("{} recurring answers cover {coverage} of {n}", freq.len());
    Some(Guess("single", freq, other, why, false, None))
}
