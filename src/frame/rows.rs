//! Which rows of the export are analysed, and why each other row is not.

use super::resolve::Resolved;
use super::{ExcludedRow, Exclusion, RowAccounting};
use crate::codebook::Codebook;
use crate::error::Result;
use crate::ingest::RawExport;
use std::borrow::Cow;
use std::collections::HashSet;

pub const REASON_NOT_APPROVED: &str = "KoboToolbox validation status: not approved";
pub const REASON_EMPTY: &str = "no answer to any question";
pub const REASON_NO_ID: &str = "no respondent id";
pub const REASON_DUPLICATE: &str = "duplicate respondent id (first row kept)";

/// The analysed rows (data-row indices), their ids, and the accounting of the rest.
pub struct Selection<'a> {
    pub rows: Vec<usize>,
    pub ids: Vec<Cow<'a, str>>,
    pub accounting: RowAccounting,
    pub excluded_rows: Vec<ExcludedRow>,
}

/// The respondent id of every data row: the codebook's id column, or the row number.
fn row_ids<'a>(cb: &Codebook, raw: &'a RawExport) -> Result<Vec<Cow<'a, str>>> {
    let ids: Option<&crate::ingest::CellColumn> = match &cb.survey.respondent_id {
        Some(id) => Some(raw.cells(raw.block(id.get_ref())[0])?),
        None => None,
    };
    Ok((0..raw.height())
        .map(|i| match ids {
            Some(ids) => Cow::Borrowed(ids.get(i).map(str::trim).unwrap_or("")),
            None => Cow::Owned(raw.row_number(i).to_string()),
        })
        .collect())
}

/// Rows with any answer, or shown any question (ticked nothing, but the platform records it);
/// blocks of rows on all cores.
fn took_part(raw: &RawExport, resolved: &[Resolved]) -> Result<Vec<bool>> {
    use rayon::prelude::*;
    let columns = (resolved.iter().flat_map(|r| r.columns.iter()))
        .map(|c| Ok((raw.cells(c)?.filled(), raw.shown.get(&c.index))))
        .collect::<Result<Vec<_>>>()?;
    let mut any = vec![false; raw.height()];
    const BLOCK: usize = 1 << 16;
    any.par_chunks_mut(BLOCK).enumerate().for_each(|(k, acc)| {
        let start = k * BLOCK;
        for (c, (filled, shown)) in columns.iter().enumerate() {
            filled.mark(start, acc);
            if let Some(sh) = shown {
                for (a, &b) in acc.iter_mut().zip(sh.get(start..).unwrap_or_default()) {
                    *a |= b;
                }
            }
            // Once few rows are left unmarked (most respondents answer the first questions),
            // the other columns are asked about those rows alone.
            if acc.iter().filter(|&&a| !a).count() * 16 < acc.len() {
                let mut left: Vec<usize> = (0..acc.len()).filter(|&j| !acc[j]).collect();
                for (filled, shown) in &columns[c + 1..] {
                    left.retain(|&j| {
                        let i = start + j;
                        let hit = filled.at(i) || shown.is_some_and(|sh| sh.get(i) == Some(&true));
                        acc[j] |= hit;
                        !hit
                    });
                }
                return;
            }
        }
    });
    Ok(any)
}

/// A respondent id with its hash, computed once (the sets below hash by it).
struct Id<'a> {
    hash: u64,
    text: &'a str,
}

impl std::hash::Hash for Id<'_> {
    fn hash<H: std::hash::Hasher>(&self, h: &mut H) {
        h.write_u64(self.hash);
    }
}

impl PartialEq for Id<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.text == other.text
    }
}

impl Eq for Id<'_> {}

/// A hasher that takes the hash it is given.
#[derive(Default)]
struct Given(u64);

impl std::hash::Hasher for Given {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, _: &[u8]) {
        unreachable!("only hashes are written")
    }
    fn write_u64(&mut self, h: u64) {
        self.0 = h;
    }
}

/// For each row, whether its id is that of an earlier row, among the rows with no other
/// reason to be left out. The ids are hashed on all cores and split by hash into shards, each
/// shard's set filled in row order on a core of its own.
fn repeated_ids(ids: &[Cow<str>], reasons: &[Option<Cow<str>>]) -> Vec<bool> {
    use rayon::prelude::*;
    use std::hash::BuildHasher;
    if in_order(ids, reasons) {
        return vec![false; ids.len()];
    }
    let state = foldhash::fast::FixedState::default();
    let hashes: Vec<Option<u64>> = (ids.par_iter().zip(reasons))
        .map(|(id, why)| why.is_none().then(|| state.hash_one(id.as_ref())))
        .collect();
    // A power of two, for a shard by the hash's top bits (the sets use the low ones).
    let shards = (4 * rayon::current_num_threads()).next_power_of_two();
    let bits = shards.trailing_zeros();
    let mut rows: Vec<Vec<(usize, u64)>> = vec![Vec::new(); shards];
    for (i, h) in hashes.into_iter().enumerate() {
        if let Some(h) = h {
            rows[h.checked_shr(64 - bits).unwrap_or(0) as usize].push((i, h));
        }
    }
    let found: Vec<Vec<usize>> = (rows.into_par_iter())
        .map(|shard| {
            let mut seen: HashSet<Id, std::hash::BuildHasherDefault<Given>> =
                HashSet::with_capacity_and_hasher(shard.len(), Default::default());
            (shard.into_iter())
                .filter(|&(i, hash)| {
                    !seen.insert(Id {
                        hash,
                        text: ids[i].as_ref(),
                    })
                })
                .map(|(i, _)| i)
                .collect()
        })
        .collect();
    let mut out = vec![false; ids.len()];
    for i in found.into_iter().flatten() {
        out[i] = true;
    }
    out
}

/// Whether the ids of the rows with no other reason to be left out rise or fall strictly (by
/// length, then byte by byte: numbers as numbers), as a platform numbers its responses: then
/// none repeats, and nothing need be hashed (at a million rows the hashing was half the
/// selection of rows).
fn in_order(ids: &[Cow<str>], reasons: &[Option<Cow<str>>]) -> bool {
    let kept = || {
        (ids.iter().zip(reasons))
            .filter(|(_, why)| why.is_none())
            .map(|(id, _)| (id.len(), id.as_bytes()))
    };
    let rising = kept().zip(kept().skip(1)).all(|(a, b)| a < b);
    rising || kept().zip(kept().skip(1)).all(|(a, b)| a > b)
}

/// Selects the analysed rows.
pub fn select<'a>(
    cb: &Codebook,
    raw: &'a RawExport,
    resolved: &[Resolved],
) -> Result<Selection<'a>> {
    let n = raw.height();
    let (all_ids, took_part) = rayon::join(|| row_ids(cb, raw), || took_part(raw, resolved));
    let (all_ids, took_part) = (all_ids?, took_part?);
    // KoboToolbox validation, when the codebook asks for it.
    let validation: Option<&crate::ingest::CellColumn> =
        match raw.block("_validation_status").first() {
            Some(c) if cb.survey.exclude_not_approved => Some(raw.cells(c)?),
            _ => None,
        };
    let rankings = super::ranking_rows::Rankings::new(cb, raw, resolved)?;
    // Every reason but a repeated id, row by row (the first error in row order is the one
    // reported); then the ids repeated among the rows left, on all cores.
    let flagged = rankings.flagged(n);
    let mut reasons: Vec<Option<Cow<str>>> = Vec::with_capacity(n);
    for (i, id) in all_ids.iter().enumerate() {
        let not_approved = validation
            .and_then(|v| v.get(i))
            .is_some_and(|v| v.contains("not_approved") || v.eq_ignore_ascii_case("Not Approved"));
        let keep =
            |r: &&str| !(cb.survey.keep_test_responses && crate::ingest::qualtrics::is_test(r));
        let platform_reason = raw
            .row_exclusions
            .get(i)
            .and_then(|r| r.as_deref())
            .filter(keep)
            .or(not_approved.then_some(REASON_NOT_APPROVED));
        reasons.push(if let Some(r) = platform_reason {
            Some(Cow::Borrowed(r))
        } else if let Some(why) = flagged[i]
            .then(|| rankings.malformed(raw, i))
            .transpose()?
            .flatten()
        {
            Some(Cow::Owned(why))
        } else if !took_part[i] {
            Some(REASON_EMPTY.into())
        } else if id.is_empty() {
            Some(REASON_NO_ID.into())
        } else {
            None
        });
    }
    let repeated = repeated_ids(&all_ids, &reasons);
    let mut rows = Vec::new();
    let mut excluded_rows = Vec::new();
    for (i, (reason, again)) in reasons.into_iter().zip(repeated).enumerate() {
        match reason.or(again.then_some(Cow::Borrowed(REASON_DUPLICATE))) {
            None => rows.push(i),
            Some(r) => excluded_rows.push(ExcludedRow {
                row: raw.row_number(i),
                respondent_id: all_ids[i].to_string(),
                reason: r.to_string(),
            }),
        }
    }
    // Reasons in order of first appearance among the excluded rows.
    let mut excluded: Vec<Exclusion> = Vec::new();
    for e in &excluded_rows {
        match excluded.iter_mut().find(|x| x.reason == e.reason) {
            Some(x) => x.rows += 1,
            None => excluded.push(Exclusion {
                reason: e.reason.clone(),
                rows: 1,
            }),
        }
    }
    let ids = rows.iter().map(|&i| all_ids[i].clone()).collect();
    Ok(Selection {
        accounting: RowAccounting {
            rows_read: n,
            analysed: rows.len(),
            excluded,
        },
        rows,
        ids,
        excluded_rows,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_repeated_among_the_rows_kept_are_found_in_row_order() {
        // Ids from a small pool (many repeats), some rows out for another reason.
        let mut x: u64 = 7;
        let (mut ids, mut reasons): (Vec<Cow<str>>, Vec<_>) = (Vec::new(), Vec::new());
        for _ in 0..20_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            ids.push(Cow::Owned(format!("r{}", x % 5_000)));
            reasons.push((x % 7 == 0).then_some(Cow::Borrowed(REASON_EMPTY)));
        }
        let mut seen = HashSet::new();
        let expected: Vec<bool> = (ids.iter().zip(&reasons))
            .map(|(id, r)| r.is_none() && !seen.insert(id.as_ref()))
            .collect();
        assert!(!in_order(&ids, &reasons));
        let got = repeated_ids(&ids, &reasons);
        assert_eq!(got, expected);
        assert!(got.iter().filter(|&&d| d).count() > 10_000);
        // A row left out for another reason does not take its id: the next row keeps it.
        let ids = [Cow::Borrowed("a"), Cow::Borrowed("a"), Cow::Borrowed("a")];
        let reasons = [Some(Cow::Borrowed(REASON_EMPTY)), None, None];
        assert_eq!(repeated_ids(&ids, &reasons), [false, false, true]);
    }

    #[test]
    fn ids_in_order_repeat_none_and_the_order_is_by_number() {
        let cows = |ids: &[&'static str]| ids.iter().map(|&i| Cow::Borrowed(i)).collect::<Vec<_>>();
        let none = |n: usize| vec![None; n];
        // Rising and falling numbers (9 before 10: by length first), and text ids.
        for ids in [
            &["8", "9", "10", "11", "100"][..],
            &["118", "117", "12", "9"],
            &["a1", "a2", "b1"],
        ] {
            assert!(in_order(&cows(ids), &none(ids.len())), "{ids:?}");
            assert_eq!(
                repeated_ids(&cows(ids), &none(ids.len())),
                vec![false; ids.len()]
            );
        }
        // A repeat, or a turn, is no order: the sets find the repeat.
        for (ids, want) in [
            (&["1", "2", "2", "3"][..], &[false, false, true, false][..]),
            (&["1", "3", "2", "1"], &[false, false, false, true]),
            (&["10", "9", "10"], &[false, false, true]),
        ] {
            assert!(!in_order(&cows(ids), &none(ids.len())), "{ids:?}");
            assert_eq!(repeated_ids(&cows(ids), &none(ids.len())), want, "{ids:?}");
        }
        // Rows left out for another reason do not count: around them the ids rise.
        let ids = cows(&["1", "5", "2", "3"]);
        let mut why = none(4);
        why[1] = Some(Cow::Borrowed(REASON_EMPTY));
        assert!(in_order(&ids, &why));
        assert_eq!(repeated_ids(&ids, &why), [false; 4]);
    }
}
