//! `compare.md`: the wave comparison as Markdown — per question a table of each wave's % (n)
//! and each pair's change in percentage points with its 95% interval and p-values, then what
//! differs between the waves, the samples' regions, and the method.

use super::change_cell;
use crate::tables::{Comparison, OptionComparison, QuestionComparison, QuestionType};
use std::fmt::Write;

fn p_cell(p: Option<f64>) -> String {
    match p {
        Some(p) if p < 0.001 => "<0.001".into(),
        Some(p) => format!("{p:.3}"),
        None => "–".into(),
    }
}

fn cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

fn option_row(o: &OptionComparison) -> String {
    let mut row = format!("| {} |", cell(&o.label));
    for f in &o.figures {
        match &f.estimate {
            Some(e) => {
                let _ = write!(row, " {:.1} ({}) |", e.percent(), e.base);
            }
            None => row.push_str(" – |"),
        }
    }
    for pc in &o.changes {
        match (&pc.change, &o.not_comparable) {
            (_, Some(_)) => row.push_str(" not comparable | |"),
            (Some(ch), None) => {
                let clear = if ch.clear { " **clear**" } else { "" };
                let _ = write!(
                    row,
                    " {}{clear} | {} / {} |",
                    change_cell(ch),
                    p_cell(ch.p_value),
                    p_cell(ch.p_holm)
                );
            }
            (None, None) => row.push_str(" – | |"),
        }
    }
    row
}

fn question(o: &mut String, q: &QuestionComparison, c: &Comparison) {
    let _ = writeln!(o, "### {}\n", cell(&q.short));
    let _ = writeln!(o, "{}\n", q.text.trim());
    if let Some(why) = &q.not_comparable {
        let _ = writeln!(o, "**Not comparable across waves**: {why}\n");
    }
    let mut head = match q.kind {
        QuestionType::Grid => {
            let _ = writeln!(
                o,
                "A rating grid: each item's top-2 box (the two highest points of its scale), as % of those that rated the item on the scale.\n"
            );
            "| Item (top-2 box) |".to_string()
        }
        QuestionType::Single
        | QuestionType::Multi
        | QuestionType::Country
        | QuestionType::Numeric
        | QuestionType::Text
        | QuestionType::Ranking => "| Answer |".to_string(),
    };
    let mut rule = "|---|".to_string();
    for (w, n) in c.waves.iter().zip(&q.bases) {
        let n = n.map_or("not asked".to_string(), |n| format!("n = {n}"));
        let _ = write!(head, " {} % ({n}) |", w.id);
        rule.push_str("---:|");
    }
    for (k, (a, b)) in c.pairs.iter().enumerate() {
        let _ = write!(head, " {a} → {b} | p / Holm p (m = {}) |", q.comparisons[k]);
        rule.push_str("---:|---:|");
    }
    let _ = writeln!(o, "{head}\n{rule}");
    for opt in &q.options {
        let _ = writeln!(o, "{}", option_row(opt));
    }
    let _ = writeln!(o);
    if super::trend_chart::has_trend(q) {
        let _ = writeln!(
            o,
            "![{}: % in each wave with 95% CI](charts/trend_{}.png)\n",
            cell(&q.short),
            q.question
        );
    }
    for n in &q.notes {
        let _ = writeln!(o, "- {n}.");
    }
    if !q.notes.is_empty() {
        let _ = writeln!(o);
    }
}

fn by_region(o: &mut String, c: &Comparison) {
    if c.by_region.is_empty() {
        return;
    }
    let _ = writeln!(o, "## Changes by region\n");
    let _ = writeln!(o, "For the breakdown questions. A region's figure is withheld in a wave where fewer than {} libraries in it answered, and further regions are withheld until the withheld ones cannot be worked out from the total; a change is given only where both waves publish the region.\n", c.threshold);
    let mut current = "";
    for r in &c.by_region {
        if r.question != current {
            current = &r.question;
            let short = c
                .questions
                .iter()
                .find(|q| q.question == r.question)
                .map_or(r.question.as_str(), |q| q.short.as_str());
            let mut head = format!("### {} by region\n\n| Answer | Region |", cell(short));
            let mut rule = "|---|---|".to_string();
            for w in &c.waves {
                let _ = write!(head, " {} % (n) |", w.id);
                rule.push_str("---:|");
            }
            for (a, b) in &c.pairs {
                let _ = write!(head, " {a} → {b} |");
                rule.push_str("---:|");
            }
            let _ = writeln!(o, "\n{head}\n{rule}");
        }
        let mut row = format!("| {} | {} |", cell(&r.label), cell(&r.region));
        for (f, w) in r.figures.iter().zip(&r.withheld) {
            match (&f.estimate, w) {
                (_, Some(why)) => {
                    let _ = write!(row, " withheld ({why}) |");
                }
                (Some(e), None) => {
                    let _ = write!(row, " {:.1} ({}) |", e.percent(), e.base);
                }
                (None, None) => row.push_str(" – |"),
            }
        }
        for pc in &r.changes {
            match &pc.change {
                Some(ch) => {
                    let clear = if ch.clear { " **clear**" } else { "" };
                    let _ = write!(row, " {}{clear} |", change_cell(ch));
                }
                None => row.push_str(" – |"),
            }
        }
        let _ = writeln!(o, "{row}");
    }
    let _ = writeln!(o);
}

fn samples(o: &mut String, c: &Comparison) {
    let _ = writeln!(o, "## The waves\n");
    let _ = writeln!(
        o,
        "| Wave | Respondents | Countries | Weights | Input SHA-256 |"
    );
    let _ = writeln!(o, "|---|---:|---:|---|---|");
    for w in &c.waves {
        let countries = w.countries.map_or("–".into(), |n| n.to_string());
        let weights = w.weighting.clone().unwrap_or_else(|| "none".into());
        let sha = &w.provenance.input.sha256;
        let _ = writeln!(
            o,
            "| {} | {} | {countries} | {} | `{}…` |",
            w.id,
            w.respondents,
            cell(&weights),
            &sha[..12.min(sha.len())]
        );
    }
    let _ = writeln!(o);
    if !c.region_mix.is_empty() {
        let _ = writeln!(
            o,
            "Where the responding libraries are (share of those with a country):\n"
        );
        let mut head = "| Region |".to_string();
        let mut rule = "|---|".to_string();
        for w in &c.waves {
            let _ = write!(head, " {} |", w.id);
            rule.push_str("---:|");
        }
        let _ = writeln!(o, "{head}\n{rule}");
        for r in &c.region_mix {
            let mut row = format!("| {} |", cell(&r.region));
            for (n, s) in r.counts.iter().zip(&r.shares) {
                match s {
                    Some(s) if r.region != "(no country)" => {
                        let _ = write!(row, " {:.1}% ({n}) |", s * 100.0);
                    }
                    _ => {
                        let _ = write!(row, " ({n}) |");
                    }
                }
            }
            let _ = writeln!(o, "{row}");
        }
        let _ = writeln!(o);
    }
    for ov in &c.overlaps {
        let _ = writeln!(o, "- **Not independent**: {} {}s occur in both {} and {}; the change intervals assume independent samples and are too wide or too narrow for these waves.", ov.ids, ov.by, ov.first, ov.second);
    }
}

fn method(o: &mut String) {
    let _ = writeln!(o, "## Method\n");
    let _ = writeln!(o, "- Each wave is analysed by the same rules as `shelfstat run` (bases, exclusions, weights of its own codebook).");
    let _ = writeln!(o, "- **Change** is the later wave's percentage minus the earlier one's, in percentage points. Its 95% interval is Newcombe's hybrid score interval (1998, method 10) from the two waves' Wilson intervals; with weights, each Wilson interval is taken on the wave's Kish effective sample size.");
    let _ = writeln!(o, "- **p** tests \"no change\": unweighted, the pooled two-sample z test (Pearson's χ² on the 2 × 2 table); weighted, a z test on the difference with each wave's design-based variance (as R survey's svycontrast on the stacked waves). **Holm p** adjusts across the options of a question for each pair of waves; m is the number of options compared.");
    let _ = writeln!(o, "- A change is called **clear** only when its interval excludes 0. The waves are treated as independent samples of libraries.");
    let _ = writeln!(o, "- Questions and options are matched across waves by the series file: by id, or as it declares (renamed, merged, not comparable); every difference in wording, options or base is listed under the question.");
}

/// The Markdown comparison.
pub fn comparison(c: &Comparison) -> String {
    let mut o = String::new();
    let _ = writeln!(o, "# {}\n", c.title);
    if !c.description.trim().is_empty() {
        let _ = writeln!(o, "{}\n", c.description.trim());
    }
    let waves: Vec<&str> = c.waves.iter().map(|w| w.id.as_str()).collect();
    let clear = c.clear_changes();
    let _ = writeln!(
        o,
        "Waves {} compared: {} questions, {clear} clear changes (95% interval excluding 0).\n",
        waves.join(", "),
        c.questions.len()
    );
    if !c.headlines.is_empty() {
        let _ = writeln!(o, "## Headlines\n");
        for h in &c.headlines {
            let _ = writeln!(o, "- {}", super::compare_text::sentence(h));
        }
        let _ = writeln!(o);
    }
    samples(&mut o, c);
    let _ = writeln!(o, "## Changes by question\n");
    for q in &c.questions {
        question(&mut o, q, c);
    }
    by_region(&mut o, c);
    method(&mut o);
    o
}
