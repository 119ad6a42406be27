//! A block of several columns: one column per choice (the label when ticked), possibly an
//! "other (please specify)" text column and a free-text comment column ("Please explain
//! here"). Anything else is a rating grid or a ranking ([`super::grid`]).

use super::write::Drafted;
use super::{is_other_word, values, Answers, Outcome};
use crate::codebook::Format;
use crate::ingest::{normalize_heading, ExportColumn, RawExport};

/// Whether every filled cell of `c` is its own sub-heading (a tick-box choice column).
fn ticks_its_label(raw: &RawExport, c: &ExportColumn) -> bool {
    let label = normalize_heading(&c.sublabel);
    Answers::of(raw, c)
        .distinct
        .iter()
        .all(|(v, _)| normalize_heading(v) == label)
}

/// Words that mark a comment box rather than an answer.
fn comment_like(sublabel: &str) -> bool {
    let s = sublabel.trim().to_lowercase();
    [
        "explain",
        "comment",
        "specify",
        "details",
        "elaborate",
        "why",
        "describe",
        "tell us",
    ]
    .iter()
    .any(|w| s.contains(w))
}

/// Takes a block's comment box out of its answer columns: its last column, when it holds typed
/// text under a comment-like sub-heading ("Please explain here", "(optional) Please explain").
pub(super) fn split_comment<'a>(
    raw: &RawExport,
    cols: &[&'a ExportColumn],
) -> (Vec<&'a ExportColumn>, Option<String>) {
    let mut cols = cols.to_vec();
    let comment = match cols.last() {
        Some(last)
            if cols.len() >= 2
                && !is_other_word(&last.sublabel)
                && comment_like(&last.sublabel)
                && !ticks_its_label(raw, last) =>
        {
            Some(last.sublabel.clone())
        }
        _ => None,
    };
    if comment.is_some() {
        cols.pop();
    }
    (cols, comment)
}

/// Whether a platform writes a column per choice only for a multi-select (its single choices
/// are one column): then a block of tick columns is one, even where nobody ticked two.
/// SurveyMonkey's expanded export writes a single choice's choices as columns too.
fn ticks_mean_multi(format: Format) -> bool {
    match format {
        Format::Qualtrics | Format::Kobo | Format::Limesurvey | Format::Redcap | Format::Spss => {
            true
        }
        Format::SurveymonkeyExpandedText | Format::GoogleForms | Format::Plain | Format::Auto => {
            false
        }
    }
}

/// Drafts a block of several choice columns, or says why it is not one.
pub(super) fn draft(
    raw: &RawExport,
    text: &str,
    cols: &[&ExportColumn],
    comment: Option<String>,
) -> Outcome {
    let grid = cols
        .iter()
        .any(|c| !ticks_its_label(raw, c) && !is_other_word(&c.sublabel));
    if grid {
        let items: Vec<String> = cols.iter().map(|c| c.sublabel.clone()).collect();
        return match super::grid::draft(raw, text, cols, &items) {
            Ok(d) => Outcome::Question(d),
            Err(why) => Outcome::Skipped(why),
        };
    }
    let per_col: Vec<Vec<Option<&str>>> = cols.iter().map(|c| values(raw, c)).collect();
    let ticks_in = |i: usize| per_col.iter().filter(|v| v[i].is_some()).count();
    let max_ticks = (0..raw.height()).map(ticks_in).max().unwrap_or(0);
    // Shown to respondents (Qualtrics -99) yet never ticked by anyone: not a choice question
    // (a drag-and-drop or ranking block whose cells are all "seen, not answered").
    let shown = cols.iter().any(|c| {
        raw.shown
            .get(&c.index)
            .is_some_and(|s| s.iter().any(|&b| b))
    });
    if max_ticks == 0 && shown {
        return Outcome::Skipped(format!(
            "{} columns shown to respondents but never ticked (every cell -99 or blank: a drag-and-drop or ranking question; not supported yet)",
            cols.len()
        ));
    }
    let mut opts = Vec::new();
    let mut other = None;
    for c in cols {
        if is_other_word(&c.sublabel) && other.is_none() {
            other = Some((c.sublabel.clone(), None));
        } else {
            opts.push(c.sublabel.clone());
        }
    }
    let kind = if max_ticks > 1 || ticks_mean_multi(raw.format) {
        "multi"
    } else {
        "single"
    };
    let mut why = format!(
        "{} choice columns; at most {max_ticks} ticked in a row",
        cols.len()
    );
    if max_ticks == 0 {
        why.push_str("; no answers in this export");
    }
    if let Some(c) = &comment {
        why.push_str(&format!("; comment column {c:?} counted, not published"));
    }
    Outcome::Question(Drafted {
        kind,
        text: text.to_string(),
        pii: false,
        options: super::coded(&opts),
        other,
        comment,
        why,
        grid: None,
        separator: None,
        check: Vec::new(),
    })
}
