//! A text question's section of the report: counted, quoted only where the codebook opts in.

use super::TextSummary;
use crate::kinds::Context;
use crate::markup::document::Document;
use crate::markup::md_cell as cell;

/// The question's section: how many answered, and the answers only where the codebook opts in.
pub(crate) fn report(d: &mut Document, t: &TextSummary, cx: &Context) {
    let unit = &cell(cx.unit);
    d.heading(3, t.text.clone());
    if t.published {
        d.para(format!(
            "{} {unit} answered ({} did not):",
            t.answered, t.not_answered
        ));
        for a in &t.answers {
            d.quote(cell(a));
        }
        return;
    }
    let why = if t.pii {
        "the answers identify people and are never published"
    } else {
        "free-text answers are not published unless the codebook opts in"
    };
    d.para(format!(
        "{} {unit} answered ({} did not); {why}.",
        t.answered, t.not_answered
    ));
}
