//! A single choice answered in one cell: a few answers that recur and cover nearly every row.
//! Lossless: every answer given twice or more is an option, however rare (a "Prefer not to
//! answer" given by 2 of 300), and so is every point of a rating scale; only answers given once
//! — typed "other" text — are counted together as "Other", and only where the platform puts
//! that text in the choice's cell: elsewhere, and for a don't-know / prefer-not answer, an answer
//! given once is a choice too.

use super::guess::{Cells, Guess};

pub(super) fn single(c: &Cells, typed_in_cell: bool) -> Option<Guess> {
    let n = c.n();
    let sentences = c.count(|v| v.ends_with('.')) * 2 > n;
    let frequent: Vec<(&str, usize)> = c
        .distinct
        .iter()
        .copied()
        .filter(|&(_, k)| c.frequent(k))
        .collect();
    let coverage = frequent.iter().map(|(_, k)| k).sum::<usize>();
    // Where typed "other" text shares the cell, a third of the answers may be typed (a
    // funder's name under "Other:"): two thirds given twice or more, by at most 30 answers.
    // Elsewhere every answer is a choice, so nearly all recur; and a column of at most three
    // different answers is a choice (a Yes / No given 5 and 1 times).
    let recurring: Vec<usize> = c
        .distinct
        .iter()
        .map(|&(_, k)| k)
        .filter(|&k| k >= 2)
        .collect();
    let covered = match typed_in_cell {
        true => {
            coverage * 4 >= n * 3
                || (recurring.iter().sum::<usize>() * 3 >= n * 2 && recurring.len() <= 30)
        }
        false => {
            coverage * 10 >= n * 9
                || (c.distinct.len() <= 3 && c.distinct.iter().any(|&(_, k)| k >= 2))
        }
    };
    // Answers written as sentences are typed text, unless nearly all recur among at most ten
    // (closed answers that end with "." — "There is a bigger upside risk.").
    let typed_sentences = sentences && (coverage * 10 < n * 9 || c.distinct.len() > 10);
    if n == 0 || typed_sentences || !(1..=15).contains(&frequent.len().max(1)) || !covered {
        return None;
    }
    let all: Vec<&str> = c.distinct.iter().map(|(v, _)| *v).collect();
    let order = super::scale_words::order(&all);
    let scale = order.is_some() || all.iter().all(|v| v.parse::<i64>().is_ok());
    // Where typed text is kept apart, an answer given once is a choice too — a few of them
    // ("Prefer not to say"); many are a text box's comments, counted as "Other".
    let once = c.distinct.iter().filter(|&&(_, k)| k < 2).count();
    let closed = |v: &str, k: usize| {
        k >= 2 || scale || (!typed_in_cell && once <= 3) || super::anchors::not_applicable(v)
    };
    let mut options: Vec<String> = c
        .distinct
        .iter()
        .filter(|&&(v, k)| closed(v, k))
        .map(|(v, _)| v.to_string())
        .collect();
    // A scale's points lowest first ("1 - Not very" … "5 - Extremely"), not as they came.
    if let Some(order) = &order {
        let rank = |o: &String| order.iter().position(|(k, _)| all[*k] == o.as_str());
        options.sort_by_key(|o| rank(o).unwrap_or(usize::MAX));
    } else if scale {
        // Whole numbers (an unlabelled 1–5 rating): in their order.
        options.sort_by_key(|o| o.parse::<i64>().unwrap_or(i64::MAX));
    }
    let kept = c
        .distinct
        .iter()
        .filter(|&&(v, k)| closed(v, k))
        .map(|(_, k)| k)
        .sum::<usize>();
    // Named as the data names it when an answer given once is the word itself ("Altro").
    let other = (kept < n).then(|| {
        c.distinct
            .iter()
            .find(|&&(v, k)| k < 2 && super::is_other_word(v))
            .map_or_else(|| "Other".to_string(), |(v, _)| v.to_string())
    });
    let why = format!(
        "{} recurring answers cover {coverage} of {n}; {} options ({}{})",
        frequent.len(),
        options.len(),
        if typed_in_cell {
            "every answer given twice or more"
        } else {
            "every answer: the platform keeps typed text apart"
        },
        if scale {
            ", and every point of its scale"
        } else {
            ""
        }
    );
    Some(Guess("single", options, other, why, false, None))
}
