//! Rating batteries written as separate questions: consecutive single-choice columns that share
//! one rating scale (KoboToolbox `likert` / `table-list` groups, REDCap matrix groups, plain
//! tables, one column per statement) are drafted as one grid, each column an item named by its
//! heading. Only scales whose words put them in order are joined, so a run of Yes/No questions
//! stays a run of questions.

use super::blocks::Block;
use super::scale_words;
use super::write::{Drafted, GridParts};
use super::{BlockDraft, Outcome};
use crate::ingest::normalize_heading;

/// The scale labels of a one-column single choice, when it can join a battery.
fn scale_of<'d>(bd: &'d BlockDraft) -> Option<Vec<&'d str>> {
    let Outcome::Question(d) = &bd.outcome else {
        return None;
    };
    let one_column = matches!(bd.block.columns.as_slice(), [c] if c.sublabel.is_empty());
    let mut labels: Vec<&str> = d.options.iter().map(|o| o.1.as_str()).collect();
    let rated = labels.len() >= 3 && scale_words::order(&labels).is_some();
    // Compared as a set: each column lists its answers in the order they first appear.
    labels.sort_unstable();
    (d.kind == "single" && d.other.is_none() && one_column && rated).then_some(labels)
}

/// The text the headings share, cut at a word; None when too short to say anything.
fn shared_text(headings: &[String]) -> Option<String> {
    let first = headings.first()?;
    let mut end = first.len();
    for h in &headings[1..] {
        end = end.min(
            first
                .bytes()
                .zip(h.bytes())
                .take_while(|(a, b)| a == b)
                .count(),
        );
    }
    // "é" and "è" share their first byte: the shared text ends at a whole character.
    while !first.is_char_boundary(end) {
        end -= 1;
    }
    let cut = first[..end].rfind(' ').unwrap_or(0);
    let text = first[..cut]
        .trim_end_matches([' ', ':', '-', '–', '[', '('])
        .trim();
    (text.len() >= 10).then(|| text.to_string())
}

/// The battery's scale: every answer seen in any of its columns, lowest first, with its marks
/// and the number of points.
fn scale(
    run: &[BlockDraft],
) -> (
    Vec<(String, String, Option<String>)>,
    Vec<&'static str>,
    usize,
) {
    // The scale: every answer seen in any of the columns, lowest first.
    let mut all: Vec<(String, String, Option<String>)> = Vec::new();
    for bd in run {
        if let Outcome::Question(d) = &bd.outcome {
            for o in &d.options {
                if !all.iter().any(|a| a.1 == o.1) {
                    all.push(o.clone());
                }
            }
        }
    }
    let labels: Vec<&str> = all.iter().map(|o| o.1.as_str()).collect();
    let order = scale_words::order(&labels).unwrap_or_default();
    let mut codes = super::ident::option_scope();
    let options = order
        .iter()
        .enumerate()
        .map(|(k, (j, _))| {
            let (_, label, value) = &all[*j];
            let code = super::ident::ident(label, &mut codes, &format!("o{}_", k + 1));
            (code, label.clone(), value.clone())
        })
        .collect();
    let marks = order.iter().map(|(_, p)| p.mark()).collect();
    (options, marks, order.len())
}

/// One grid drafted from a run of single choices on one scale.
fn grid<'a>(run: Vec<BlockDraft<'a>>) -> BlockDraft<'a> {
    let headings: Vec<String> = run
        .iter()
        .map(|bd| normalize_heading(bd.block.heading()))
        .collect();
    let (options, marks, points) = scale(&run);
    let shared = shared_text(&headings);
    // Each item's own words: its heading after the text the battery shares.
    let shorts: Vec<String> = headings
        .iter()
        .map(|h| match &shared {
            Some(t) => h[t.len()..]
                .trim_start_matches([' ', ':', '-', '–', '[', '('])
                .trim_end_matches([']', ')'])
                .trim()
                .to_string(),
            None => h.clone(),
        })
        .map(|s| if s.is_empty() { "item".to_string() } else { s })
        .collect();
    let items = super::coded(&shorts)
        .into_iter()
        .zip(&headings)
        .map(|((c, _, _), h)| (c, h.clone()))
        .collect();
    let text =
        shared.unwrap_or_else(|| format!("Rating of {} items: {} …", headings.len(), headings[0]));
    let why = format!(
        "{} consecutive single-choice columns on one rating scale of {} points, joined into a grid (each column an item); split them into single questions if they are not one battery",
        run.len(),
        points
    );
    let drafted = Drafted {
        kind: "grid",
        text,
        pii: false,
        options,
        other: None,
        comment: None,
        why,
        grid: Some(GridParts {
            items,
            shorts,
            marks,
            scores: vec![None; points],
        }),
        separator: None,
        check: Vec::new(),
    };
    let columns = run
        .iter()
        .flat_map(|bd| bd.block.columns.iter().copied())
        .collect();
    let notes = run.iter().flat_map(|bd| bd.notes.iter().cloned()).collect();
    BlockDraft {
        block: Block {
            header: run[0].block.header.clone(),
            columns,
            shared_text: false,
            bracket_items: Vec::new(),
        },
        outcome: Outcome::Question(drafted),
        name: None,
        notes,
    }
}

/// A run as it ends: one question stays as it is; two or more become a grid.
fn flush<'a>(run: &mut Vec<BlockDraft<'a>>, out: &mut Vec<BlockDraft<'a>>) {
    match run.len() {
        0 => {}
        1 => out.append(run),
        _ => out.push(grid(std::mem::take(run))),
    }
}

/// Whether `next` rates on the run's scale: the answers seen in each column differ (nobody
/// may have picked "very poorly" for one item), so the scales must share two labels and their
/// union must still be one scale in order.
fn same_scale(run: &[String], next: &[&str]) -> bool {
    let shared = next.iter().filter(|l| run.iter().any(|r| r == *l)).count();
    let mut union: Vec<&str> = run.iter().map(String::as_str).collect();
    union.extend(next.iter().filter(|l| !run.iter().any(|r| r == *l)));
    shared >= 2 && scale_words::order(&union).is_some()
}

/// Joins each run of two or more consecutive single choices on one rating scale into a grid.
pub(super) fn join(drafts: Vec<BlockDraft<'_>>) -> Vec<BlockDraft<'_>> {
    let mut out: Vec<BlockDraft> = Vec::new();
    let mut run: Vec<BlockDraft> = Vec::new();
    // The labels of the run so far.
    let mut labels: Vec<String> = Vec::new();
    for bd in drafts {
        let scale: Option<Vec<String>> =
            scale_of(&bd).map(|l| l.iter().map(|s| s.to_string()).collect());
        let joins = match &scale {
            Some(next) if !run.is_empty() => same_scale(
                &labels,
                &next.iter().map(String::as_str).collect::<Vec<_>>(),
            ),
            Some(_) | None => false,
        };
        if !joins {
            flush(&mut run, &mut out);
            labels.clear();
        }
        match scale {
            Some(next) => {
                for l in next {
                    if !labels.contains(&l) {
                        labels.push(l);
                    }
                }
                run.push(bd);
            }
            None => out.push(bd),
        }
    }
    flush(&mut run, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::shared_text;

    #[test]
    fn shared_text_ends_at_a_word_and_a_character() {
        let h = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            shared_text(&h(&[
                "How satisfied are you with: hours",
                "How satisfied are you with: staff"
            ])),
            Some("How satisfied are you with".into())
        );
        // Two headings that differ inside a two-byte character.
        assert_eq!(
            shared_text(&h(&["Qualité du service é", "Qualité du service è"])),
            Some("Qualité du service".into())
        );
        assert_eq!(shared_text(&h(&["éé", "éè"])), None);
    }
}
