//! A multi-select question's answers: exclusive options ("none of these") go to their own
//! respondents first; the other options, largest count first, go to respondents without a tick
//! before those with one, so every answering respondent ticks at least one option.

use crate::draw::asked::Asked;
use crate::draw::rng::Rng;
use crate::draw::Answer;
use crate::error::Result;
use std::collections::HashSet;

pub(crate) fn answers(a: &Asked, rng: &mut Rng) -> Result<Vec<Option<Answer>>> {
    let (id, t, base, counts) = (a.q.id(), a.t, a.base, &a.counts);
    let opts: Vec<_> = a.q.all_options().collect();
    let mut ticks: Vec<Vec<usize>> = vec![Vec::new(); a.n];
    let exclusive: Vec<usize> = (0..opts.len()).filter(|&k| opts[k].exclusive).collect();
    let mut order = a.pool.clone();
    rng.shuffle(&mut order);
    let n_ex: usize = exclusive.iter().map(|&k| counts[k]).sum();
    if n_ex > base {
        return Err(t.err(format!("question {id:?}: exclusive counts exceed the base")));
    }
    let (ex_rows, rest) = order.split_at(n_ex);
    let mut it = ex_rows.iter();
    for &k in &exclusive {
        for &r in it.by_ref().take(counts[k]) {
            ticks[r].push(k);
        }
    }
    let mut by_size: Vec<usize> = (0..opts.len()).filter(|k| !opts[*k].exclusive).collect();
    by_size.sort_by(|x, y| counts[*y].cmp(&counts[*x]).then(x.cmp(y)));
    let sum: usize = by_size.iter().map(|&k| counts[k]).sum();
    if sum < rest.len() || by_size.iter().any(|&k| counts[k] > rest.len()) {
        return Err(t.err(format!(
            "question {id:?}: option counts cannot give each of the {} answering respondents at least one tick",
            rest.len()
        )));
    }
    spread(&by_size, counts, rest, &mut ticks, rng);
    let mut col = a.blank();
    for &r in &a.pool {
        let mut tk = std::mem::take(&mut ticks[r]);
        tk.sort_unstable();
        let text = if a.other_index().is_some_and(|o| tk.contains(&o)) {
            Some(a.other_text(rng)?)
        } else {
            None
        };
        col[r] = Some(Answer::Choices {
            ticked: tk,
            other_text: text,
        });
    }
    Ok(col)
}

/// Gives option `k` (in `by_size` order) to `counts[k]` of `rows`, uncovered rows first.
fn spread(
    by_size: &[usize],
    counts: &[usize],
    rows: &[usize],
    ticks: &mut [Vec<usize>],
    rng: &mut Rng,
) {
    let mut covered: HashSet<usize> = HashSet::new();
    for &k in by_size {
        let mut uncovered: Vec<usize> = rows
            .iter()
            .copied()
            .filter(|r| !covered.contains(r))
            .collect();
        let mut others: Vec<usize> = rows
            .iter()
            .copied()
            .filter(|r| covered.contains(r))
            .collect();
        rng.shuffle(&mut uncovered);
        rng.shuffle(&mut others);
        let chosen: Vec<usize> = uncovered
            .into_iter()
            .chain(others)
            .take(counts[k])
            .collect();
        for r in chosen {
            ticks[r].push(k);
            covered.insert(r);
        }
    }
}
