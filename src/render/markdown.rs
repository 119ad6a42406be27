//! The Markdown report: summary, one section per codebook section with a table (and chart) per
//! question, method and provenance with full row accounting.

use super::{ci_range, headline_line};
use crate::tables::Association;
use crate::tables::BreakdownTable;
use crate::tables::{Base, QuestionType};
use crate::tables::{
    ChoiceTable, CountryTable, NumericSummary, QuestionStats, Results, TextSummary,
};
use std::fmt::Write;

use super::md_cell as cell;

pub fn report(r: &Results) -> String {
    let mut o = String::new();
    let unit = &r.survey.unit;
    let _ = writeln!(o, "# {} ({})\n", r.survey.title, r.survey.wave);
    let countries = r
        .countries
        .map(|c| format!(" from {c} countries"))
        .unwrap_or_default();
    let _ = writeln!(
        o,
        "{} {unit}{countries} are analysed ({} rows read, {} excluded; see [Provenance](#provenance)).\n",
        r.respondents,
        r.accounting.rows_read,
        r.accounting.rows_read - r.accounting.analysed
    );
    if !r.survey.description.is_empty() {
        let _ = writeln!(o, "{}\n", r.survey.description.trim());
    }

    if !r.headlines.is_empty() {
        let _ = writeln!(o, "## Summary\n");
        for h in &r.headlines {
            let _ = writeln!(o, "- {}", headline_line(h, r));
        }
        let _ = writeln!(
            o,
            "\nEach percentage is a share of the {unit} in its base *n*{}, with a 95% {} interval.\n",
            if r.weighting.is_some() { " (weighted)" } else { "" },
            r.interval.describe()
        );
    }

    for s in &r.sections {
        let _ = writeln!(o, "## {}\n", s.title);
        if let Some(intro) = &s.intro {
            let _ = writeln!(o, "{}\n", intro.trim());
        }
        for qid in &s.questions {
            if let Some(q) = r.question(qid) {
                question(&mut o, q, r);
            }
        }
    }

    breakdowns(&mut o, r);
    maps(&mut o, r);
    method(&mut o, r);
    provenance(&mut o, r);
    o
}

fn question(o: &mut String, q: &QuestionStats, r: &Results) {
    match q {
        QuestionStats::Choice(t) => choice(o, t, r),
        QuestionStats::Country(t) => country(o, t, r),
        QuestionStats::Numeric(t) => numeric(o, t),
        QuestionStats::Text(t) => text(o, t, r),
        QuestionStats::Grid(t) => super::markdown_grids::rating(o, t, r),
        QuestionStats::Ranking(t) => super::markdown_grids::ranking(o, t, r),
    }
}

fn base_sentence(t: &ChoiceTable, r: &Results) -> String {
    let unit = &r.survey.unit;
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

fn choice(o: &mut String, t: &ChoiceTable, r: &Results) {
    let _ = writeln!(o, "### {}\n", t.text);
    let mut lead = base_sentence(t, r);
    if t.kind == QuestionType::Multi {
        lead.push_str(" Several answers could be ticked, so percentages add up to more than 100.");
    }
    let _ = writeln!(o, "{lead}\n");
    if let Some(note) = &t.note {
        let _ = writeln!(o, "{}\n", note.trim());
    }
    let weighted = r.weighting.is_some();
    if weighted {
        let _ = writeln!(
            o,
            "| Answer | Count | Base *n* | Weighted % | 95% CI | Effective *n* |"
        );
        let _ = writeln!(o, "|---|---:|---:|---:|---:|---:|");
    } else {
        let _ = writeln!(o, "| Answer | Count | Base *n* | % | 95% CI |");
        let _ = writeln!(o, "|---|---:|---:|---:|---:|");
    }
    for row in &t.rows {
        let label = if row.exclusive {
            format!("{} *(exclusive)*", cell(&row.label))
        } else {
            cell(&row.label)
        };
        match &row.estimate {
            Some(e) => {
                // The header decides the columns; the invariants make every weighted
                // run's estimate carry its effective n.
                let neff = match (weighted, e.n_eff) {
                    (true, Some(v)) => format!(" {v:.1} |"),
                    (true, None) => " – |".to_string(),
                    (false, _) => String::new(),
                };
                let _ = writeln!(
                    o,
                    "| {label} | {} | {} | {:.1} | {} |{neff}",
                    e.count,
                    e.base,
                    e.percent(),
                    ci_range(e)
                );
            }
            None => {
                let _ = writeln!(o, "| {label} | – | 0 | – | – |");
            }
        }
    }
    let _ = writeln!(
        o,
        "\n![{}: % with 95% CI](charts/{}.png)\n",
        cell(&t.short),
        t.question
    );
}

fn country(o: &mut String, t: &CountryTable, r: &Results) {
    let unit = &r.survey.unit;
    let _ = writeln!(o, "### {}\n", t.text);
    let _ = writeln!(
        o,
        "{} {unit} named {} distinct countries ({} did not answer). Names were typed freely and are matched to ISO 3166-1; countries with fewer than {} {unit} are pooled so that no small group is identifiable.\n",
        t.answered, t.distinct, t.not_answered, t.threshold
    );
    let _ = writeln!(o, "| Country | ISO | Count | Base *n* | % |");
    let _ = writeln!(o, "|---|---|---:|---:|---:|");
    for row in &t.rows {
        let _ = writeln!(
            o,
            "| {} | {} | {} | {} | {:.1} |",
            cell(&row.name),
            row.alpha2,
            row.estimate.count,
            row.estimate.base,
            row.estimate.percent()
        );
    }
    if let Some(p) = &t.pooled {
        let _ = writeln!(
            o,
            "| {} other countries, fewer than {} each | – | {} | {} | {:.1} |",
            t.pooled_countries.len(),
            t.threshold,
            p.count,
            p.base,
            p.percent()
        );
    }
    let unmatched: u64 = t.unmatched.iter().map(|u| u.rows as u64).sum();
    if unmatched > 0 {
        let _ = writeln!(
            o,
            "| Not recognised as a country | – | {} | {} | {:.1} |",
            unmatched,
            t.answered,
            100.0 * unmatched as f64 / t.answered as f64
        );
    }
    if !t.pooled_countries.is_empty() {
        let _ = writeln!(o, "\nPooled countries: {}.", t.pooled_countries.join(", "));
    }
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
    let _ = writeln!(
        o,
        "\n![Map of responding {unit} by country: {most}{withheld}](charts/map.png)"
    );
    let _ = writeln!(o);
}

fn numeric(o: &mut String, t: &NumericSummary) {
    let _ = writeln!(o, "### {}\n", t.text);
    let f = |v: Option<f64>| v.map(|x| format!("{x:.2}")).unwrap_or_else(|| "–".into());
    let _ = writeln!(o, "| n | Mean | SD | Min | Median | Max |");
    let _ = writeln!(o, "|---:|---:|---:|---:|---:|---:|");
    let _ = writeln!(
        o,
        "| {} | {} | {} | {} | {} | {} |\n",
        t.n,
        f(t.mean),
        f(t.sd),
        f(t.min),
        f(t.median),
        f(t.max)
    );
    let _ = writeln!(o, "{} did not answer.\n", t.not_answered);
}

fn text(o: &mut String, t: &TextSummary, r: &Results) {
    let unit = &r.survey.unit;
    let _ = writeln!(o, "### {}\n", t.text);
    let why = if t.pii {
        "the answers identify people and are never published"
    } else if t.published {
        ""
    } else {
        "free-text answers are not published unless the codebook opts in"
    };
    if t.published {
        let _ = writeln!(
            o,
            "{} {unit} answered ({} did not):\n",
            t.answered, t.not_answered
        );
        for a in &t.answers {
            let _ = writeln!(o, "> {}\n", a.replace('\n', " "));
        }
    } else {
        let _ = writeln!(
            o,
            "{} {unit} answered ({} did not); {why}.\n",
            t.answered, t.not_answered
        );
    }
}

/// "library" for "libraries", "respondent" for "respondents" (for sentences).
fn singular(unit: &str) -> String {
    if let Some(stem) = unit.strip_suffix("ies") {
        format!("{stem}y")
    } else {
        unit.strip_suffix('s').unwrap_or(unit).to_string()
    }
}

/// The share maps, each with a text alternative naming the highest shares.
fn maps(o: &mut String, r: &Results) {
    if r.maps.is_empty() {
        return;
    }
    let _ = writeln!(o, "## Maps\n");
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
        let _ = writeln!(
            o,
            "![{}, {}: % by country; highest {}; {withheld} countries withheld](charts/map_{}_{}.png)\n",
            cell(&t.short),
            cell(&m.label),
            top.join(", "),
            m.question,
            m.option
        );
    }
}

fn method(o: &mut String, r: &Results) {
    let unit = &r.survey.unit;
    let _ = writeln!(o, "## Method\n");
    let _ = writeln!(o, "- **Percentages** are shares of {unit}, not of ticks. Unless a question says otherwise, the base *n* is the {unit} that answered it; for a \"tick all that apply\" question that means ticking at least one option, and an exclusive option such as \"none of these\" counts as an answer.");
    let _ = writeln!(o, "- **Intervals** are 95% {}{}.", r.interval.describe(), match r.interval {
        crate::tables::IntervalMethod::Wilson => " intervals, which stay inside 0–100% and keep their coverage for small bases and extreme percentages",
        crate::tables::IntervalMethod::ClopperPearson => " (exact) intervals; with weights, R survey's svyciprop \"beta\" method on the design-based effective sample size",
        crate::tables::IntervalMethod::Logit => " intervals as R survey's svyciprop computes them by default (a t interval on the logit scale, exact Clopper–Pearson at 0% and 100%)",
    });
    if let Some(w) = &r.weighting {
        let _ = writeln!(o, "- **Weights**: {}. {} {unit}, weights {:.3}–{:.3} (sum {:.1}); Kish effective sample size {:.1}, design effect {:.3}{}. Percentages are weighted; counts and bases are unweighted; intervals use the effective sample size.",
            w.description, w.n, w.min, w.max, w.sum, w.n_eff, w.deff,
            match (w.iterations, w.max_gap) { (Some(it), Some(g)) => format!("; raking converged in {it} iterations (largest margin gap {g:.1e})"), _ => String::new() });
    } else {
        let _ = writeln!(
            o,
            "- **Weights**: none; every {} counts once (the codebook has no `[weights]` section).",
            singular(unit)
        );
    }
    let _ = writeln!(o, "- **Small groups**: in breakdowns, a group with fewer than {} {unit} in a question's base is withheld, and the next smallest groups are withheld too until the withheld groups together cannot be worked out from the totals (at least two, reaching the threshold together). Tests of association: {}.", r.survey.suppression_threshold,
        if r.weighting.is_some() { "Rao–Scott adjusted χ² (F form, as R survey's svychisq)" } else { "Pearson's χ²" });
    let _ = writeln!(o, "- **Personal data** (names, e-mail and IP addresses, free-text answers) is not read into the analysis unless the codebook opts in; only whether a question was answered is counted.");
    if let Some(QuestionStats::Country(c)) = r
        .questions
        .iter()
        .find(|q| matches!(q, QuestionStats::Country(_)))
    {
        if c.unmatched.is_empty() {
            let _ = writeln!(
                o,
                "- **Countries**: every typed name was matched to an ISO 3166-1 country."
            );
        } else {
            let list: Vec<String> = c
                .unmatched
                .iter()
                .map(|u| format!("\"{}\" ({})", u.raw, u.rows))
                .collect();
            let _ = writeln!(
                o,
                "- **Countries**: names not matched to an ISO 3166-1 country (rows): {}.",
                list.join(", ")
            );
        }
    }
    const LISTED: usize = 10;
    for u in r.unaccounted_columns.iter().take(LISTED) {
        let _ = writeln!(o, "- **Unaccounted column**: {}.", u.message());
    }
    if r.unaccounted_columns.len() > LISTED {
        let rest = r.unaccounted_columns.len() - LISTED;
        let _ = writeln!(
            o,
            "- **Unaccounted columns**: and {rest} more (all are listed in results.json)."
        );
    }
    for w in &r.warnings {
        let _ = writeln!(o, "- **Data note**: {w}.");
    }
    let _ = writeln!(o);
}

fn provenance(o: &mut String, r: &Results) {
    let p = &r.provenance;
    let _ = writeln!(o, "## Provenance\n");
    let _ = writeln!(o, "| | |");
    let _ = writeln!(o, "|---|---|");
    let _ = writeln!(o, "| Tool | {} |", p.tool);
    let _ = writeln!(
        o,
        "| Input | `{}` ({}, {} bytes) |",
        p.input.path, p.format, p.input.bytes
    );
    let _ = writeln!(o, "| Input SHA-256 | `{}` |", p.input.sha256);
    let _ = writeln!(
        o,
        "| Codebook | `{}` ({} bytes) |",
        p.codebook.path, p.codebook.bytes
    );
    let _ = writeln!(o, "| Codebook SHA-256 | `{}` |", p.codebook.sha256);
    let _ = writeln!(o);
    let a = &r.accounting;
    let _ = writeln!(o, "| Rows | Count |");
    let _ = writeln!(o, "|---|---:|");
    let _ = writeln!(o, "| Read from the export | {} |", a.rows_read);
    for e in &a.excluded {
        let _ = writeln!(o, "| Excluded: {} | {} |", e.reason, e.rows);
    }
    let _ = writeln!(o, "| **Analysed** | **{}** |", a.analysed);
    if !r.excluded_rows.is_empty() {
        let rows: Vec<String> = r.excluded_rows.iter().map(|e| e.row.to_string()).collect();
        let _ = writeln!(
            o,
            "\nExcluded rows (spreadsheet numbering, listed in `tables/excluded_rows.csv`): {}.",
            rows.join(", ")
        );
    }
}

fn group_header(b: &BreakdownTable, k: usize) -> String {
    let g = &b.groups[k];
    match (g.suppressed, g.base) {
        (Some("small"), _) => format!("{} (*n* < {})", cell(&g.label), b.threshold),
        (Some(_), _) => format!("{} (complementary)", cell(&g.label)),
        (None, Some(n)) => format!("{} (*n* = {n})", cell(&g.label)),
        (None, None) => cell(&g.label),
    }
}

fn test_text(a: &Association) -> String {
    if !a.p_value.is_finite() {
        return "test not computable (the weights or counts overflow)".into();
    }
    match (a.f, a.ndf, a.ddf) {
        (Some(f), Some(ndf), Some(ddf)) => format!(
            "Rao–Scott F = {} on {ndf:.2} and {ddf:.1} df, p {}",
            statistic(f),
            p_value(a.p_value)
        ),
        _ => format!(
            "χ² = {} on {} df, p {}",
            statistic(a.chisq),
            a.df,
            p_value(a.p_value)
        ),
    }
}

/// A test statistic: two decimals, or scientific notation when it is huge.
fn statistic(x: f64) -> String {
    if x.abs() >= 1e6 {
        format!("{x:.3e}")
    } else {
        format!("{x:.2}")
    }
}

/// "< 0.001" or "= 0.042".
fn p_value(p: f64) -> String {
    if p < 0.001 {
        "< 0.001".into()
    } else {
        format!("= {p:.3}")
    }
}

fn breakdowns(o: &mut String, r: &Results) {
    if r.breakdowns.is_empty() {
        return;
    }
    let unit = &r.survey.unit;
    let _ = writeln!(o, "## Breakdowns\n");
    let _ = writeln!(
        o,
        "Cells show the % of the {unit} of each group in the question's base{}, with its 95% interval in brackets. \"suppressed\" marks groups not published: too few {unit} (n<{}), or withheld so that those cannot be worked out from the totals (complementary; see [Method](#method)).\n",
        if r.weighting.is_some() { " (weighted)" } else { "" },
        r.survey.suppression_threshold
    );
    for b in &r.breakdowns {
        let _ = writeln!(o, "### {}, by {}\n", b.short, b.by_label);
        let multi = b.kind == QuestionType::Multi;
        let mut head = match b.kind {
            QuestionType::Grid => String::from("| Item (top-2 box) |"),
            QuestionType::Single
            | QuestionType::Multi
            | QuestionType::Text
            | QuestionType::Country
            | QuestionType::Numeric
            | QuestionType::Ranking => String::from("| Answer |"),
        };
        let mut rule = String::from("|---|");
        for k in 0..b.groups.len() {
            head.push_str(&format!(" {} |", group_header(b, k)));
            rule.push_str("---:|");
        }
        if multi {
            head.push_str(" Test of association |");
            rule.push_str("---|");
        }
        let _ = writeln!(o, "{head}\n{rule}");
        for row in &b.rows {
            let mut line = format!("| {} |", cell(&row.short));
            for (k, c) in row.cells.iter().enumerate() {
                let text = match (c, b.groups[k].suppressed) {
                    (_, Some("small")) => format!("suppressed (n<{})", b.threshold),
                    (_, Some(_)) => "suppressed (complementary)".to_string(),
                    (Some(e), None) => format!("{:.1} [{}]", e.percent(), ci_range(e)),
                    (None, None) => "–".to_string(),
                };
                line.push_str(&format!(" {text} |"));
            }
            if multi {
                line.push_str(&format!(
                    " {} |",
                    row.test
                        .as_ref()
                        .map(test_text)
                        .unwrap_or_else(|| "–".into())
                ));
            }
            let _ = writeln!(o, "{line}");
        }
        if let Some(t) = &b.test {
            let _ = writeln!(o, "\nTest of association: {}.", test_text(t));
        }
        if b.kind == QuestionType::Grid {
            let _ = writeln!(
                o,
                "\nEach cell is the item's top-2 box among the group's {unit} that rated it on the scale; *n* is the group's {unit} that answered the grid (each cell's own base is in `tables/{}_by_{}.csv`).",
                b.question, b.by
            );
        }
        let _ = writeln!(
            o,
            "\n![{} by {}](charts/{}_by_{}.png)\n",
            cell(&b.short),
            b.by_label,
            b.question,
            b.by
        );
    }
}
