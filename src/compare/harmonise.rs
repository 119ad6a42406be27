//! Which questions and options of the waves are the same: the series' question list, each
//! question's id in every wave, and each series option's codes in every wave.

use crate::codebook::{Codebook, OptionDef, Question};
use crate::series::Series;

/// A series question as one wave asks it.
pub struct InWave<'a> {
    pub question: &'a Question,
    /// Series option code → the wave's codes (several when merged).
    pub options: Vec<(String, Vec<String>)>,
}

/// A question compared across the waves.
pub struct SeriesQuestion<'a> {
    /// The series id (the first wave's id, or the harmonise entries' `question`).
    pub id: String,
    /// Per wave, in series order: how it is asked there, or None.
    pub waves: Vec<Option<InWave<'a>>>,
    /// Series option codes, in order of first appearance.
    pub options: Vec<String>,
}

/// The wave's question for series question `id`: renamed by `[[harmonise]] id`, or the same id.
fn question_in<'a>(
    series: &Series,
    cb: &'a Codebook,
    wave: &str,
    id: &str,
) -> Option<&'a Question> {
    let own = series
        .in_wave(id, wave)
        .and_then(|h| h.id.as_deref())
        .unwrap_or(id);
    cb.question(own).filter(|q| compared(q))
}

/// Choice questions are compared option by option; rating grids item by item (each item's
/// top-2 box).
pub fn compared(q: &Question) -> bool {
    crate::kinds::kind(q.kind).compared(q).is_some()
}

/// What a compared question's series options are: its options, or a grid's items (by its
/// kind).
pub fn parts(q: &Question) -> Vec<&OptionDef> {
    crate::kinds::kind(q.kind).compared(q).unwrap_or_default()
}

/// The series id of a wave's question: the series question that names it by `[[harmonise]]`.
fn series_id(series: &Series, wave: &str, own: &str) -> String {
    series
        .harmonise
        .iter()
        .find(|h| h.wave.get_ref() == wave && h.id.as_deref() == Some(own))
        .map(|h| h.question.get_ref().clone())
        .unwrap_or_else(|| own.to_string())
}

/// Series option code → wave codes, for one wave's question.
fn option_map(series: &Series, wave: &str, sid: &str, q: &Question) -> Vec<(String, Vec<String>)> {
    let declared = series.in_wave(sid, wave).map(|h| &h.options);
    let mut out: Vec<(String, Vec<String>)> = Vec::new();
    if let Some(map) = declared {
        out.extend(map.iter().map(|(code, codes)| (code.clone(), codes.list())));
    }
    // Options not named by the map keep their own code.
    for o in parts(q) {
        let taken = out
            .iter()
            .any(|(s, w)| s == o.code() || w.iter().any(|c| c == o.code()));
        if !taken {
            out.push((o.code().to_string(), vec![o.code().to_string()]));
        }
    }
    // In the wave's option order (a merged option at its first member).
    let pos = |codes: &[String]| {
        codes
            .iter()
            .filter_map(|c| parts(q).iter().position(|o| o.code() == c))
            .min()
            .unwrap_or(usize::MAX)
    };
    out.sort_by_key(|(_, w)| pos(w));
    out
}

/// Every choice question of any wave, as series questions, in order of first appearance.
pub fn questions<'a>(series: &Series, codebooks: &'a [Codebook]) -> Vec<SeriesQuestion<'a>> {
    let mut ids: Vec<String> = Vec::new();
    for (w, cb) in series.waves.iter().zip(codebooks) {
        for q in cb.questions.iter().filter(|q| compared(q)) {
            let sid = series_id(series, w.id.get_ref(), q.id());
            if !ids.contains(&sid) {
                ids.push(sid);
            }
        }
    }
    ids.into_iter()
        .map(|sid| {
            let waves: Vec<Option<InWave>> = series
                .waves
                .iter()
                .zip(codebooks)
                .map(|(w, cb)| {
                    let wave = w.id.get_ref();
                    question_in(series, cb, wave, &sid).map(|q| InWave {
                        question: q,
                        options: option_map(series, wave, &sid, q),
                    })
                })
                .collect();
            let mut options: Vec<String> = Vec::new();
            for iw in waves.iter().flatten() {
                for (code, _) in &iw.options {
                    if !options.contains(code) {
                        options.push(code.clone());
                    }
                }
            }
            SeriesQuestion {
                id: sid,
                waves,
                options,
            }
        })
        .collect()
}
