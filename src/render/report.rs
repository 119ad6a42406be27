//! What the run's report says, as a [`Document`]: a summary, one section per codebook
//! section with a table (and chart) per question, breakdowns, maps, method, and provenance with
//! full row accounting. The back-ends write it as Markdown and HTML.

use super::document::Document;
use super::{ci_range, headline_line, md_cell as cell};
use crate::tables::{
    Base, ChoiceTable, CountryTable, NumericSummary, QuestionStats, QuestionType, Results,
    TextSummary,
};

/// The report of one run.
pub fn document(r: &Results) -> Document {
    let mut d = Document::default();
    let unit = &cell(&r.survey.unit);
    d.heading(1, format!("{} ({})", r.survey.title, r.survey.wave));
    let countries = r
        .countries
        .map(|c| format!(" from {c} countries"))
        .unwrap_or_default();
    d.para(format!(
        "{} {unit}{countries} are analysed ({} rows read, {} excluded; see [Provenance](#provenance)).",
        r.respondents,
        r.accounting.rows_read,
        r.accounting.rows_read - r.accounting.analysed
    ));
    if !r.survey.description.is_empty() {
        d.prose(&r.survey.description);
    }
    needs_review(&mut d, r);
    if !r.headlines.is_empty() {
        d.heading(2, "Summary");
        d.list(
            r.headlines
                .iter()
                .map(|h| super::inline::prose(&headline_line(h, r)))
                .collect(),
        );
        d.para(format!(
            "Each percentage is a share of the {unit} in its base *n*{}, with a 95% {} interval.",
            if r.weighting.is_some() {
                " (weighted)"
            } else {
                ""
            },
            r.interval.describe()
        ));
    }
    for s in &r.sections {
        d.heading(2, s.title.clone());
        if let Some(intro) = &s.intro {
            d.prose(intro);
        }
        for qid in &s.questions {
            if let Some(q) = r.question(qid) {
                question(&mut d, q, r);
            }
        }
    }
    super::report_breakdowns::breakdowns(&mut d, r);
    maps(&mut d, r);
    super::report_method::method(&mut d, r);
    super::report_method::provenance(&mut d, r);
    d
}

/// The decisions the codebook leaves open, before any figure.
fn needs_review(d: &mut Document, r: &Results) {
    if r.needs_review.is_empty() {
        return;
    }
    d.heading(2, "Needs review");
    d.para("The codebook leaves these decisions open (its `check` lines, mostly written by `shelfstat init` where the export did not show the answer). What depends on them is not published in this report; correct the codebook where needed and delete each line to confirm it.");
    d.list(r.needs_review.iter().map(|v| cell(&v.message())).collect());
}

fn base_sentence(t: &ChoiceTable, r: &Results) -> String {
    let unit = &cell(&r.survey.unit);
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

fn question(d: &mut Document, q: &QuestionStats, r: &Results) {
    match q {
        QuestionStats::Choice(t) => choice(d, t, r),
        QuestionStats::Country(t) => country(d, t, r),
        QuestionStats::Numeric(t) => numeric(d, t),
        QuestionStats::Text(t) => text(d, t, r),
        QuestionStats::Grid(t) => super::report_grids::rating(d, t, r),
        QuestionStats::Ranking(t) => super::report_grids::ranking(d, t, r),
    }
}

fn choice(d: &mut Document, t: &ChoiceTable, r: &Results) {
    d.heading(3, t.text.clone());
    let mut lead = base_sentence(t, r);
    if t.kind == QuestionType::Multi {
        lead.push_str(" Several answers could be ticked, so percentages add up to more than 100.");
    }
    d.para(lead);
    if let Some(note) = &t.note {
        d.prose(note);
    }
    let weighted = r.weighting.is_some();
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
    d.figure(choice_alt(t), format!("charts/{}", t.question));
}

/// A choice chart's text alternative: what it shows and its three highest figures with bases.
fn choice_alt(t: &ChoiceTable) -> String {
    let mut shown: Vec<(&str, crate::tables::Estimate)> = t
        .rows
        .iter()
        .filter_map(|r| r.estimate.map(|e| (r.short.as_str(), e)))
        .collect();
    shown.sort_by(|a, b| b.1.count.cmp(&a.1.count));
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

fn country(d: &mut Document, t: &CountryTable, r: &Results) {
    let unit = &cell(&r.survey.unit);
    d.heading(3, t.text.clone());
    d.para(format!(
        "{} {unit} named {} distinct countries ({} did not answer). Names were typed freely and are matched to ISO 3166-1; countries with fewer than {} {unit} are pooled so that no small group is identifiable.",
        t.answered, t.distinct, t.not_answered, t.threshold
    ));
    let mut rows: Vec<Vec<String>> = t
        .rows
        .iter()
        .map(|row| {
            vec![
                cell(&row.name),
                row.alpha2.clone(),
                row.estimate.count.to_string(),
                row.estimate.base.to_string(),
                format!("{:.1}", row.estimate.percent()),
            ]
        })
        .collect();
    if let Some(p) = &t.pooled {
        rows.push(vec![
            format!(
                "{} other countries, fewer than {} each",
                t.pooled_countries.len(),
                t.threshold
            ),
            "–".into(),
            p.count.to_string(),
            p.base.to_string(),
            format!("{:.1}", p.percent()),
        ]);
    }
    let unmatched: u64 = t.unmatched.iter().map(|u| u.rows as u64).sum();
    if unmatched > 0 {
        rows.push(vec![
            "Not recognised as a country".into(),
            "–".into(),
            unmatched.to_string(),
            t.answered.to_string(),
            format!("{:.1}", 100.0 * unmatched as f64 / t.answered as f64),
        ]);
    }
    let head = ["Country", "ISO", "Count", "Base *n*", "%"]
        .map(String::from)
        .to_vec();
    d.table(head, "llrrr", rows);
    if !t.pooled_countries.is_empty() {
        d.para(format!(
            "Pooled countries: {}.",
            cell(&t.pooled_countries.join(", "))
        ));
    }
    d.figure(map_alt(t, &r.survey.unit), "charts/map");
}

/// The country map's text alternative: where most respond, and how many are withheld.
fn map_alt(t: &CountryTable, unit: &str) -> String {
    let top: Vec<String> = t
        .rows
        .iter()
        .take(3)
        .map(|r| format!("{} ({})", r.name, r.estimate.count))
        .collect();
    let withheld = match t.pooled_countries.len() {
        0 => String::new(),
        n if top.is_empty() => format!(
            "all {n} countries have fewer than {} {unit} and are shown grey as withheld",
            t.threshold
        ),
        n => format!(
            "; {n} countries with fewer than {} shown grey as withheld",
            t.threshold
        ),
    };
    let most = match top.is_empty() {
        true => String::new(),
        false => format!("most in {}", top.join(", ")),
    };
    format!("Map of responding {unit} by country: {most}{withheld}")
}

fn numeric(d: &mut Document, t: &NumericSummary) {
    d.heading(3, t.text.clone());
    let f = |v: Option<f64>| v.map(|x| format!("{x:.2}")).unwrap_or_else(|| "–".into());
    let head = ["n", "Mean", "SD", "Min", "Median", "Max"]
        .map(String::from)
        .to_vec();
    let row = vec![
        t.n.to_string(),
        f(t.mean),
        f(t.sd),
        f(t.min),
        f(t.median),
        f(t.max),
    ];
    d.table(head, "rrrrrr", vec![row]);
    d.para(format!("{} did not answer.", t.not_answered));
}

fn text(d: &mut Document, t: &TextSummary, r: &Results) {
    let unit = &cell(&r.survey.unit);
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

/// The share maps, each with a text alternative naming the highest shares.
fn maps(d: &mut Document, r: &Results) {
    if r.maps.is_empty() {
        return;
    }
    d.heading(2, "Maps");
    for m in &r.maps {
        let t = &m.table;
        let row = t.rows.iter().find(|row| row.code == m.option);
        let mut shown: Vec<(&str, f64, u64)> = t
            .groups
            .iter()
            .zip(row.map(|row| row.cells.as_slice()).unwrap_or_default())
            .filter_map(|(g, c)| c.map(|e| (g.label.as_str(), e.percent(), e.base)))
            .collect();
        shown.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(b.0)));
        let top: Vec<String> = shown
            .iter()
            .take(3)
            .map(|(name, p, n)| format!("{name} {p:.0}% (n = {n})"))
            .collect();
        let withheld = t.groups.iter().filter(|g| g.suppressed.is_some()).count();
        d.figure(
            format!(
                "{}, {}: % by country; highest {}; {withheld} countries withheld",
                t.short,
                m.label,
                top.join(", ")
            ),
            format!("charts/map_{}_{}", m.question, m.option),
        );
    }
}
