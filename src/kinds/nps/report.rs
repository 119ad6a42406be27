//! A Net Promoter Score question's section of the report: the score with its interval and
//! base, a row per group, the chart.

use super::{NetScore, NpsTable, GROUPS};
use crate::kinds::Context;
use crate::markup::ci_range;
use crate::markup::document::Document;
use crate::markup::md_cell as cell;

/// A score in points with its sign: "+23.4", "−5.0", "0.0".
pub(super) fn points(v: f64) -> String {
    match v {
        v if v > 0.0 => format!("+{v:.1}"),
        v if v < 0.0 => format!("−{:.1}", -v),
        _ => "0.0".into(),
    }
}

fn lead(t: &NpsTable, s: Option<&NetScore>, cx: &Context) -> String {
    let unit = cell(cx.unit);
    let base = format!(
        "the {} {unit} that gave a score from 0 to 10 ({} did not answer)",
        t.answered, t.not_answered
    );
    match s {
        Some(s) => {
            let eff = s
                .n_eff
                .map(|n| format!(", effective *n* {n:.1}"))
                .unwrap_or_default();
            format!(
                "Net Promoter Score **{}** (95% CI {} to {}{eff}): promoters minus detractors among {base}.",
                points(s.score),
                points(s.ci_low),
                points(s.ci_high)
            )
        }
        None => format!(
            "No Net Promoter Score: none of the {} {unit} gave a score from 0 to 10.",
            t.not_answered
        ),
    }
}

/// The question's section.
pub(super) fn report(d: &mut Document, t: &NpsTable, cx: &Context) {
    d.heading(3, t.text.clone());
    d.para(lead(t, t.nps.as_ref(), cx));
    if let Some(note) = &t.note {
        d.prose(note);
    }
    let mut head: Vec<String> = ["Group", "Count", "Base *n*"].map(String::from).to_vec();
    match cx.weighted {
        true => head.extend(["Weighted %", "95% CI", "Effective *n*"].map(String::from)),
        false => head.extend(["%", "95% CI"].map(String::from)),
    }
    let groups = [&t.promoters, &t.passives, &t.detractors];
    let rows = (groups.iter().zip(GROUPS))
        .map(|(e, (_, label, _))| match e {
            Some(e) => {
                let mut cells = vec![
                    cell(label),
                    e.count.to_string(),
                    e.base.to_string(),
                    format!("{:.1}", e.percent()),
                    ci_range(e),
                ];
                if cx.weighted {
                    cells.push(e.n_eff.map_or("–".into(), |v| format!("{v:.1}")));
                }
                cells
            }
            None => vec![cell(label), "0".into(), "0".into(), "–".into(), "–".into()],
        })
        .collect();
    d.table(head, if cx.weighted { "lrrrrr" } else { "lrrrr" }, rows);
    let alt = match &t.nps {
        Some(s) => format!(
            "{}: detractors, passives and promoters as one bar; Net Promoter Score {} (n = {})",
            t.short,
            points(s.score),
            s.base
        ),
        None => format!("{}: no scores", t.short),
    };
    d.figure(alt, format!("charts/{}", t.question));
}

#[cfg(test)]
mod tests {
    use super::points;

    #[test]
    fn points_carry_their_sign() {
        assert_eq!(points(23.44), "+23.4");
        assert_eq!(points(-5.0), "−5.0");
        assert_eq!(points(0.0), "0.0");
    }
}
