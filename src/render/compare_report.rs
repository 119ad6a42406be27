//! What the wave comparison says, as a [`Document`]: per question a table of each wave's % (n)
//! and each pair's change in percentage points with its 95% interval and p-values, then what
//! differs between the waves, the samples' regions, and the method. Written as Markdown
//! (`compare.md`) and HTML (`compare.html`).

use super::change_cell;
use super::document::Document;
use super::md_cell as cell;
use crate::tables::{Comparison, NetComparison, OptionComparison, QuestionComparison};

fn p_cell(p: Option<f64>) -> String {
    match p {
        Some(p) if p < 0.001 => "<0.001".into(),
        Some(p) => format!("{p:.3}"),
        None => "–".into(),
    }
}

fn option_row(o: &OptionComparison) -> Vec<String> {
    let mut row = vec![cell(&o.label)];
    for f in &o.figures {
        row.push(match &f.estimate {
            Some(e) => format!("{:.1} ({})", e.percent(), e.base),
            None => "–".into(),
        });
    }
    for pc in &o.changes {
        let (change, p) = match (&pc.change, &o.not_comparable) {
            (_, Some(_)) => ("not comparable".to_string(), String::new()),
            (Some(ch), None) => {
                let clear = if ch.clear { " **clear**" } else { "" };
                (
                    format!("{}{clear}", change_cell(ch)),
                    format!("{} / {}", p_cell(ch.p_value), p_cell(ch.p_holm)),
                )
            }
            (None, None) => ("–".into(), String::new()),
        };
        row.push(change);
        row.push(p);
    }
    row
}

/// A trend chart's text alternative: its largest change between the first and last wave.
fn trend_alt(q: &QuestionComparison) -> String {
    let head = format!("{}: % in each wave with 95% CI", q.short);
    let largest = q
        .options
        .iter()
        .filter_map(|o| {
            o.changes
                .last()
                .and_then(|pc| pc.change.map(|ch| (o, pc, ch)))
        })
        .max_by(|a, b| a.2.diff.abs().total_cmp(&b.2.diff.abs()));
    match largest {
        Some((o, pc, ch)) => format!(
            "{head}; largest change {}: {} points from {} to {}",
            o.label,
            super::signed(ch.diff),
            pc.from,
            pc.to
        ),
        None => head,
    }
}

/// A net score in every wave and its changes, in points: "Net Promoter Score: not asked in
/// 2019; +4.0 (95% CI −5.9 to +13.8, n = 300) in 2022; … Change 2022 → 2025: +4.6 points …".
fn net_sentence(net: &NetComparison) -> String {
    let pts = |v: f64| super::signed(v / 100.0);
    let waves: Vec<String> = (net.figures.iter())
        .map(|f| match (&f.score, f.base) {
            (Some(s), Some(n)) => format!(
                "{} (95% CI {} to {}, *n* = {n}) in {}",
                pts(s.value),
                pts(s.ci_low),
                pts(s.ci_high),
                cell(&f.wave)
            ),
            _ => format!("not asked in {}", cell(&f.wave)),
        })
        .collect();
    let changes: Vec<String> = (net.changes.iter())
        .filter_map(|c| {
            let ch = c.change?;
            let verdict = if c.clear {
                "**clear**"
            } else {
                "no clear change"
            };
            Some(format!(
                "{} → {}: {} points (95% CI {} to {}), {verdict}",
                cell(&c.from),
                cell(&c.to),
                pts(ch.value),
                pts(ch.ci_low),
                pts(ch.ci_high)
            ))
        })
        .collect();
    let mut s = format!("{}: {}.", cell(&net.label), waves.join("; "));
    if !changes.is_empty() {
        s.push_str(&format!(" Change {}.", changes.join("; ")));
    }
    s
}

fn question(d: &mut Document, q: &QuestionComparison, c: &Comparison) {
    d.heading(3, q.short.clone());
    d.para(cell(q.text.trim()));
    if let Some(why) = &q.not_comparable {
        d.para(format!("**Not comparable across waves**: {}", cell(why)));
    }
    let shown = crate::kinds::kind(q.kind).rows();
    if let Some(note) = shown.comparison_note {
        d.para(note);
    }
    let first = shown.header;
    let mut head = vec![first.to_string()];
    let mut align = String::from("l");
    for (w, n) in c.waves.iter().zip(&q.bases) {
        let n = n.map_or("not asked".to_string(), |n| format!("n = {n}"));
        head.push(format!("{} % ({n})", cell(&w.id)));
        align.push('r');
    }
    for (k, (a, b)) in c.pairs.iter().enumerate() {
        head.push(format!("{} → {}", cell(a), cell(b)));
        head.push(format!("p / Holm p (m = {})", q.comparisons[k]));
        align.push_str("rr");
    }
    d.table(head, &align, q.options.iter().map(option_row).collect());
    if let Some(net) = &q.net {
        d.para(net_sentence(net));
    }
    if super::trend_chart::has_trend(q) {
        d.figure(trend_alt(q), format!("charts/trend_{}", q.question));
    }
    d.list(q.notes.iter().map(|n| format!("{}.", cell(n))).collect());
}

fn by_region(d: &mut Document, c: &Comparison) {
    if c.by_region.is_empty() {
        return;
    }
    d.heading(2, "Changes by region");
    d.para(format!("For the breakdown questions. A region's figure is withheld in a wave where fewer than {} libraries in it answered, and further regions are withheld until the withheld ones cannot be worked out from the total; a change is given only where both waves publish the region.", c.threshold));
    let mut questions: Vec<&str> = Vec::new();
    for r in &c.by_region {
        if !questions.contains(&r.question.as_str()) {
            questions.push(&r.question);
        }
    }
    for qid in questions {
        let short = c
            .questions
            .iter()
            .find(|q| q.question == qid)
            .map_or(qid, |q| q.short.as_str());
        d.heading(3, format!("{short} by region"));
        let mut head = vec!["Answer".to_string(), "Region".to_string()];
        let mut align = String::from("ll");
        for w in &c.waves {
            head.push(format!("{} % (n)", cell(&w.id)));
            align.push('r');
        }
        for (a, b) in &c.pairs {
            head.push(format!("{} → {}", cell(a), cell(b)));
            align.push('r');
        }
        let rows = c
            .by_region
            .iter()
            .filter(|r| r.question == qid)
            .map(|r| {
                let mut row = vec![cell(&r.label), cell(&r.region)];
                for (f, w) in r.figures.iter().zip(&r.withheld) {
                    row.push(match (&f.estimate, w) {
                        (_, Some(why)) => format!("withheld ({why})"),
                        (Some(e), None) => format!("{:.1} ({})", e.percent(), e.base),
                        (None, None) => "–".into(),
                    });
                }
                for pc in &r.changes {
                    row.push(match &pc.change {
                        Some(ch) => {
                            let clear = if ch.clear { " **clear**" } else { "" };
                            format!("{}{clear}", change_cell(ch))
                        }
                        None => "–".into(),
                    });
                }
                row
            })
            .collect();
        d.table(head, &align, rows);
    }
}

fn samples(d: &mut Document, c: &Comparison) {
    d.heading(2, "The waves");
    let head = [
        "Wave",
        "Respondents",
        "Countries",
        "Weights",
        "Input SHA-256",
    ]
    .map(String::from)
    .to_vec();
    let rows = c
        .waves
        .iter()
        .map(|w| {
            let sha = &w.provenance.input.sha256;
            vec![
                cell(&w.id),
                w.respondents.to_string(),
                w.countries.map_or("–".into(), |n| n.to_string()),
                cell(&w.weighting.clone().unwrap_or_else(|| "none".into())),
                format!("`{}…`", &sha[..12.min(sha.len())]),
            ]
        })
        .collect();
    d.table(head, "lrrll", rows);
    if !c.region_mix.is_empty() {
        d.para("Where the responding libraries are (share of those with a country):");
        let mut head = vec!["Region".to_string()];
        head.extend(c.waves.iter().map(|w| cell(&w.id)));
        let align = format!("l{}", "r".repeat(c.waves.len()));
        let rows = c
            .region_mix
            .iter()
            .map(|r| {
                let mut row = vec![cell(&r.region)];
                for (n, s) in r.counts.iter().zip(&r.shares) {
                    row.push(match s {
                        Some(s) if r.region != "(no country)" => format!("{:.1}% ({n})", s * 100.0),
                        _ => format!("({n})"),
                    });
                }
                row
            })
            .collect();
        d.table_captioned(
            Some("Where the responding libraries are"),
            head,
            &align,
            rows,
        );
    }
    d.list(c.overlaps.iter().map(|ov| format!("**Not independent**: {} {}s occur in both {} and {}; the change intervals assume independent samples and are too wide or too narrow for these waves.", ov.ids, cell(&ov.by), cell(&ov.first), cell(&ov.second))).collect());
}

fn method(d: &mut Document) {
    d.heading(2, "Method");
    d.list(vec![
        "Each wave is analysed by the same rules as `shelfstat run` (bases, exclusions, weights of its own codebook).".into(),
        "**Change** is the later wave's percentage minus the earlier one's, in percentage points. Its 95% interval is Newcombe's hybrid score interval (1998, method 10) from the two waves' Wilson intervals; with weights, each Wilson interval is taken on the wave's Kish effective sample size.".into(),
        "**p** tests \"no change\": unweighted, the pooled two-sample z test (Pearson's χ² on the 2 × 2 table); weighted, a z test on the difference with each wave's design-based variance (as R survey's svycontrast on the stacked waves). **Holm p** adjusts across the options of a question for each pair of waves; m is the number of options compared.".into(),
        "A change is called **clear** only when its interval excludes 0. The waves are treated as independent samples of libraries.".into(),
        "Questions and options are matched across waves by the series file: by id, or as it declares (renamed, merged, not comparable); every difference in wording, options or base is listed under the question.".into(),
    ]);
}

/// The comparison of a series' waves.
pub fn document(c: &Comparison) -> Document {
    let mut d = Document::default();
    d.heading(1, c.title.clone());
    if !c.description.trim().is_empty() {
        d.prose(&c.description);
    }
    let waves: Vec<&str> = c.waves.iter().map(|w| w.id.as_str()).collect();
    d.para(format!(
        "Waves {} compared: {} questions, {} clear changes (95% interval excluding 0).",
        cell(&waves.join(", ")),
        c.questions.len(),
        c.clear_changes()
    ));
    if c.computed_changes() == 0 {
        d.para("**Nothing could be compared**: no option is asked, with answers, in two of these waves (check the series file's [[harmonise]] entries and the waves' question ids).");
    }
    if !c.headlines.is_empty() {
        d.heading(2, "Headlines");
        d.list(
            c.headlines
                .iter()
                .map(|h| cell(&super::compare_text::sentence(h)))
                .collect(),
        );
    }
    samples(&mut d, c);
    d.heading(2, "Changes by question");
    for q in &c.questions {
        question(&mut d, q, c);
    }
    by_region(&mut d, c);
    method(&mut d);
    d
}
