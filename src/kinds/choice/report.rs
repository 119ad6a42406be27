//! A choice question's section of the report: who the base is, a row per option, the chart.

use super::ChoiceTable;
use crate::figures::{Base, QuestionType};
use crate::kinds::Context;
use crate::markup::ci_range;
use crate::markup::document::Document;
use crate::markup::md_cell as cell;

fn base_sentence(t: &ChoiceTable, cx: &Context) -> String {
    let unit = &cell(cx.unit);
    match t.base_rule {
        Base::Answered => format!(
            "Base: the {} {unit} that answered this question ({} did not answer).",
            t.base, t.not_answered
        ),
        Base::All => format!(
            "Base: all {} {unit} analysed, including the {} that did not answer.",
            t.base, t.not_answered
        ),
        Base::Shown => format!(
            "Base: the {} {unit} shown this question, including {} that ticked nothing.",
            t.base,
            t.base.saturating_sub(t.answered)
        ),
    }
}

/// The question's section: its base, a row per option, and its chart.
pub(crate) fn report(d: &mut Document, t: &ChoiceTable, cx: &Context) {
    d.heading(3, t.text.clone());
    let mut lead = base_sentence(t, cx);
    if t.kind == QuestionType::Multi {
        lead.push_str(" Several answers could be ticked, so percentages add up to more than 100.");
    }
    d.para(lead);
    if let Some(note) = &t.note {
        d.prose(note);
    }
    let weighted = cx.weighted;
    let mut head: Vec<String> = ["Answer", "Count", "Base *n*"].map(String::from).to_vec();
    match weighted {
        true => head.extend(["Weighted %", "95% CI", "Effective *n*"].map(String::from)),
        false => head.extend(["%", "95% CI"].map(String::from)),
    }
    let rows = t
        .rows
        .iter()
        .map(|row| {
            let label = if row.exclusive {
                format!("{} *(exclusive)*", cell(&row.label))
            } else {
                cell(&row.label)
            };
            match &row.estimate {
                Some(e) => {
                    let mut cells = vec![
                        label,
                        e.count.to_string(),
                        e.base.to_string(),
                        format!("{:.1}", e.percent()),
                        ci_range(e),
                    ];
                    // The header decides the columns; the invariants make every weighted
                    // run's estimate carry its effective n.
                    if weighted {
                        cells.push(e.n_eff.map_or("–".into(), |v| format!("{v:.1}")));
                    }
                    cells
                }
                None => vec![label, "–".into(), "0".into(), "–".into(), "–".into()],
            }
        })
        .collect();
    d.table(head, if weighted { "lrrrrr" } else { "lrrrr" }, rows);
    quotes(d, t);
    d.figure(choice_alt(t), format!("charts/{}", t.question));
}

/// A coded question's quoted answers (the codebook opted in), each under its code.
fn quotes(d: &mut Document, t: &ChoiceTable) {
    if t.quotes.is_empty() {
        return;
    }
    d.para(
        "Answers quoted as written, personal data masked (none under a code too few gave to be published):",
    );
    let items = (t.quotes.iter())
        .map(|q| format!("*{}*: “{}”", cell(&q.label), cell(&q.text)))
        .collect();
    d.list(items);
}

/// A choice chart's text alternative: what it shows and its three highest figures with bases.
fn choice_alt(t: &ChoiceTable) -> String {
    let mut shown: Vec<(&str, crate::figures::Estimate)> = t
        .rows
        .iter()
        .filter_map(|r| r.estimate.map(|e| (r.short.as_str(), e)))
        .collect();
    shown.sort_by_key(|b| std::cmp::Reverse(b.1.count));
    let top: Vec<String> = shown
        .iter()
        .take(3)
        .map(|(l, e)| format!("{l} {:.1}% (n = {})", e.percent(), e.base))
        .collect();
    match top.is_empty() {
        true => format!("{}: % with 95% CI", t.short),
        false => format!("{}: % with 95% CI; highest {}", t.short, top.join(", ")),
    }
}
