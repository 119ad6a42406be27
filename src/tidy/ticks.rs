//! Which options a row ticked, from option columns or from one value cell.

use super::resolve::Resolved;
use crate::codebook::{Question, QuestionType};
use crate::error::Result;
use crate::ingest::{normalize_heading, ExportColumn, RawExport};

fn is_other(q: &Question, k: usize) -> bool {
    q.other.is_some() && k == q.options.len()
}

/// Which options row `i` ticked, in `all_options()` order.
pub(super) fn row_ticks(
    raw: &RawExport,
    r: &Resolved,
    cells: &[&crate::ingest::CellColumn],
    i: usize,
) -> Result<Vec<bool>> {
    let q = r.question;
    if !r.value_mode {
        return q
            .all_options()
            .enumerate()
            .map(|(k, o)| ticked(raw, i, r.columns[k], cells[k], o, is_other(q, k)))
            .collect();
    }
    let n = q.all_options().count();
    let mut out = vec![false; n];
    // A separate "other" text column ticks "other" (Qualtrics' -99 means seen, left empty);
    // for a single choice only when no other choice was made.
    let main = cells[0].get(i).map(str::trim).filter(|v| !v.is_empty());
    if let (Some(other_cells), true) = (cells.get(1), q.other.is_some()) {
        if other_cells
            .get(i)
            .is_some_and(|v| !v.trim().is_empty() && v.trim() != "-99")
            && (q.kind != QuestionType::Single || main.is_none())
        {
            out[n - 1] = true;
        }
    }
    let Some(v) = main else {
        return Ok(out);
    };
    let vocab = Vocab::of(q);
    let unknown = |piece: &str| -> Result<usize> {
        match q.other {
            Some(_) => Ok(n - 1),
            None => Err(raw.cell_error(
                i,
                r.columns[0],
                format!(
                    "{piece:?} is not one of the options of question {:?}",
                    q.id()
                ),
            )),
        }
    };
    let v = normalize_heading(v);
    let ticked: Vec<usize> = match q.kind {
        QuestionType::Single => vec![vocab.position(&v).map_or_else(|| unknown(&v), Ok)?],
        QuestionType::Multi => match vocab.joined_codes(&v) {
            Some(ks) => ks,
            None => vocab.joined_labels(&v, unknown)?,
        },
        QuestionType::Country | QuestionType::Numeric | QuestionType::Text => Vec::new(),
    };
    for k in ticked {
        out[k] = true;
    }
    Ok(out)
}

/// How a value cell may name a question's options: label, platform value or code.
struct Vocab<'q> {
    labels: Vec<String>,
    values: Vec<Option<&'q str>>,
    codes: Vec<&'q str>,
}

impl<'q> Vocab<'q> {
    fn of(q: &'q Question) -> Self {
        Vocab {
            labels: q
                .all_options()
                .map(|o| normalize_heading(o.label()))
                .collect(),
            values: q.all_options().map(|o| o.value.as_deref()).collect(),
            codes: q.all_options().map(|o| o.code()).collect(),
        }
    }

    /// The option a whole cell names: by label, then platform value, then code.
    fn position(&self, v: &str) -> Option<usize> {
        self.labels
            .iter()
            .position(|l| l == v)
            .or_else(|| self.code_of(v))
    }

    fn code_of(&self, p: &str) -> Option<usize> {
        self.values
            .iter()
            .position(|c| *c == Some(p))
            .or_else(|| self.codes.iter().position(|c| *c == p))
    }

    /// Platform codes joined by "," (Qualtrics numeric, not split: "1,3") or by spaces (a
    /// KoboToolbox select_multiple summary column: "internet books").
    fn joined_codes(&self, v: &str) -> Option<Vec<usize>> {
        if self.labels.iter().any(|l| l == v) {
            return None;
        }
        let by_comma: Vec<&str> = v.split(',').map(str::trim).collect();
        let by_space: Vec<&str> = v.split_whitespace().collect();
        [by_comma, by_space]
            .into_iter()
            .find_map(|pieces| pieces.iter().map(|p| self.code_of(p)).collect())
    }

    /// Labels joined by ", "; a label may contain ", " itself, so the longest match first. A
    /// piece that is no label goes to `unknown`.
    fn joined_labels(
        &self,
        v: &str,
        unknown: impl Fn(&str) -> Result<usize>,
    ) -> Result<Vec<usize>> {
        let mut order: Vec<usize> = (0..self.labels.len()).collect();
        order.sort_by_key(|&k| std::cmp::Reverse(self.labels[k].len()));
        let mut out = Vec::new();
        let mut rest = v;
        while !rest.is_empty() {
            let hit = order.iter().copied().find(|&k| {
                let l = self.labels[k].as_str();
                !l.is_empty()
                    && rest.starts_with(l)
                    && (rest.len() == l.len() || rest[l.len()..].starts_with(", "))
            });
            let consumed = match hit {
                Some(k) => {
                    out.push(k);
                    self.labels[k].len()
                }
                None => {
                    let piece = rest.split(", ").next().unwrap_or(rest);
                    out.push(unknown(piece)?);
                    piece.len()
                }
            };
            rest = rest[consumed..]
                .strip_prefix(", ")
                .unwrap_or(&rest[consumed..]);
        }
        Ok(out)
    }
}

/// Whether option `o` is ticked in row `i`. A choice column must hold its label or be blank;
/// the "other" column holds free text.
fn ticked(
    raw: &RawExport,
    i: usize,
    col: &ExportColumn,
    cells: &crate::ingest::CellColumn,
    o: &crate::codebook::OptionDef,
    other: bool,
) -> Result<bool> {
    match cells.get(i).map(str::trim).filter(|v| !v.is_empty()) {
        None => Ok(false),
        Some(_) if other => Ok(true),
        Some(v) if normalize_heading(v) == normalize_heading(o.label()) => Ok(true),
        Some(v) if o.value.as_deref() == Some(v) || o.code() == v => Ok(true),
        Some(v) => Err(raw.cell_error(
            i,
            col,
            format!(
                "expected {:?} or blank, found {v:?}{}",
                o.label(),
                if raw.format == crate::codebook::Format::Limesurvey {
                    " (LimeSurvey full answers in a language shelfstat does not know: set [survey] checkbox_words = { yes = …, no = … })"
                } else {
                    ""
                }
            ),
        )),
    }
}
