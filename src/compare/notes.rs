//! What differs between the waves of one series question: reported beside its figures, never
//! hidden.

use super::harmonise::SeriesQuestion;
use crate::ingest::normalize_heading;

/// One line per difference, in wave order.
pub fn comparability(q: &SeriesQuestion, waves: &[String]) -> Vec<String> {
    let mut notes = Vec::new();
    let asked: Vec<(usize, &super::harmonise::InWave)> = q
        .waves
        .iter()
        .enumerate()
        .filter_map(|(k, w)| w.as_ref().map(|w| (k, w)))
        .collect();
    let missing: Vec<&str> = q
        .waves
        .iter()
        .zip(waves)
        .filter(|(w, _)| w.is_none())
        .map(|(_, id)| id.as_str())
        .collect();
    if !missing.is_empty() {
        notes.push(format!("not asked in {}", missing.join(", ")));
    }
    for pair in asked.windows(2) {
        let ((a, qa), (b, qb)) = (pair[0], pair[1]);
        let (wa, wb) = (&waves[a], &waves[b]);
        let (ta, tb) = (
            normalize_heading(qa.question.text()),
            normalize_heading(qb.question.text()),
        );
        if ta != tb {
            notes.push(format!("question text changed in {wb}: {ta:?} → {tb:?}"));
        }
        if qa.question.id() != qb.question.id() {
            let (ia, ib) = (qa.question.id(), qb.question.id());
            notes.push(format!("question id {ia:?} in {wa} is {ib:?} in {wb}"));
        }
        if qa.question.base != qb.question.base {
            notes.push(format!(
                "base rule changed in {wb}: {:?} → {:?}",
                qa.question.base, qb.question.base
            ));
        }
        if qa.question.kind != qb.question.kind {
            let (ka, kb) = (qa.question.kind.as_str(), qb.question.kind.as_str());
            notes.push(format!("question type changed in {wb}: {ka} → {kb}"));
        }
        option_notes(qa, qb, wa, wb, &mut notes);
    }
    for (k, iw) in &asked {
        let w = &waves[*k];
        for (code, codes) in &iw.options {
            if codes.len() > 1 {
                notes.push(format!(
                    "option {code:?} in {w} merges {}",
                    codes.join(" + ")
                ));
            } else if codes.first().is_some_and(|c| c != code) {
                notes.push(format!("option {code:?} is {:?} in {w}", codes[0]));
            }
        }
    }
    notes
}

/// The label of a series option in one wave (its first member's).
fn label<'a>(iw: &'a super::harmonise::InWave, code: &str) -> Option<&'a str> {
    let codes = iw.options.iter().find(|(c, _)| c == code).map(|(_, w)| w)?;
    let first = codes.first()?;
    (super::harmonise::parts(iw.question).into_iter())
        .find(|o| o.code() == first)
        .map(|o| o.label())
}

fn option_notes(
    qa: &super::harmonise::InWave,
    qb: &super::harmonise::InWave,
    wa: &str,
    wb: &str,
    notes: &mut Vec<String>,
) {
    let merged = |iw: &super::harmonise::InWave, code: &str| {
        iw.options.iter().any(|(c, w)| c == code && w.len() > 1)
    };
    for (code, _) in &qb.options {
        if merged(qa, code) || merged(qb, code) {
            continue; // said once below: "merges a + b"
        }
        match (label(qa, code), label(qb, code)) {
            (None, Some(_)) => notes.push(format!("option {code:?} added in {wb}")),
            (Some(la), Some(lb)) if normalize_heading(la) != normalize_heading(lb) => {
                notes.push(format!("option {code:?} reworded in {wb}: {la:?} → {lb:?}"))
            }
            (Some(_), Some(_)) | (_, None) => {}
        }
    }
    for (code, _) in &qa.options {
        if label(qb, code).is_none() {
            notes.push(format!("option {code:?} of {wa} not offered in {wb}"));
        }
    }
}
