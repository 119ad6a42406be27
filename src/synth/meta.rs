//! Each export row's metadata: a start time within the fielding period, increasing respondent
//! ids in start order, the collector it came through (by the collectors' shares), an address from
//! the documentation ranges, and for e-mail collectors a name and address.

use super::rng::Rng;
use super::{parse_date, Collector, Meta, Targets};
use crate::error::Result;

/// Metadata of the `total` rows (respondents first, then the empty rows), in that order.
pub(super) fn rows(t: &Targets, total: usize, rng: &mut Rng) -> Result<Vec<Meta>> {
    let from =
        parse_date(&t.fielded_from).ok_or_else(|| t.err("fielded_from must be YYYY-MM-DD"))?;
    let to = parse_date(&t.fielded_to).ok_or_else(|| t.err("fielded_to must be YYYY-MM-DD"))?;
    if to < from || t.collectors.is_empty() {
        return Err(t.err("fielding period or collectors are not valid"));
    }
    let mut starts: Vec<(i64, usize)> = (0..total)
        .map(|i| {
            let day = from + rng.range(0, (to - from) as u64) as i64;
            let secs = rng.range(7 * 3600, 21 * 3600) as i64;
            (day * 86_400 + secs, i)
        })
        .collect();
    starts.sort();
    let mut meta: Vec<Option<Meta>> = vec![None; total];
    let mut id = t.first_respondent_id;
    for (start, i) in starts {
        id += rng.range(1_000, 900_000);
        meta[i] = Some(one(t, id, start, i < t.respondents, rng));
    }
    Ok(meta
        .into_iter()
        .map(|m| m.expect("every row has metadata"))
        .collect())
}

fn one(t: &Targets, respondent_id: u64, start: i64, answering: bool, rng: &mut Rng) -> Meta {
    let collector = pick_collector(&t.collectors, rng.unit());
    let nets = ["192.0.2", "198.51.100", "203.0.113"];
    let ip = format!("{}.{}", rng.pick(&nets), rng.range(1, 254));
    let (first_name, last_name, email) =
        if collector.contacts && !t.first_names.is_empty() && !t.last_names.is_empty() {
            let f = rng.pick(&t.first_names).clone();
            let l = rng.pick(&t.last_names).clone();
            let e = format!(
                "{}.{}@library{}.example.org",
                f.to_lowercase(),
                l.to_lowercase(),
                rng.below(400)
            );
            (f, l, e)
        } else {
            Default::default()
        };
    let duration = if answering {
        rng.range(240, 1_800)
    } else {
        rng.range(5, 60)
    } as i64;
    Meta {
        respondent_id,
        collector_id: collector.id,
        start,
        end: start + duration,
        ip,
        email,
        first_name,
        last_name,
    }
}

/// The collector a uniform draw `u` falls in by the shares (the last takes the rest).
fn pick_collector(collectors: &[Collector], mut u: f64) -> &Collector {
    for c in collectors {
        if u < c.share {
            return c;
        }
        u -= c.share;
    }
    &collectors[collectors.len() - 1]
}
