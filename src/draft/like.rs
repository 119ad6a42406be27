//! `init --like PREVIOUS.toml NEW_EXPORT`: the new wave's codebook drafted from the previous
//! wave's. The new export is drafted as `init` always does; then each of its questions is matched
//! to a previous question by text (exact, normalised, then word overlap above a threshold), and
//! each option to a previous option by label. A matched question keeps its id, short label,
//! note, base and privacy settings, its options their codes and short labels; sections,
//! headlines, analysis and weights are carried over where what they name still exists. Unsure
//! matches are marked in the draft; every match, rewording, addition and drop is summarised.

use super::header::metadata_lines;
use super::ident::{ident, option_scope};
use super::similar::{pair, score, SURE};
use super::write::{q, write_check, write_grid_parts, write_question, Drafted, GridParts};
use super::{block_drafts, carry, BlockDraft, Draft, Outcome};
use crate::codebook::{Base, Codebook, Format, OptionDef, Question, Shape};
use crate::error::Result;
use crate::ingest::RawExport;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;
use std::path::Path;

fn family(kind: &str) -> &str {
    match kind {
        "single" | "multi" => "choice",
        // A coded question's column is typed text, drafted as text.
        "coded" => "text",
        other => other,
    }
}

fn prev_family(q: &Question) -> &'static str {
    family(q.kind.as_str())
}

fn how(s: f64) -> String {
    if s >= 1.0 {
        "same text".into()
    } else if s >= 0.99 {
        "same words".into()
    } else {
        format!("reworded, score {s:.2}")
    }
}

/// Writes one option line, keeping the previous option's code, short label and exclusivity.
fn option_line(
    out: &mut String,
    code: &str,
    label: &str,
    value: &Option<String>,
    prev: Option<&OptionDef>,
) {
    let mut line = format!("{{ code = {}, label = {}", q(code), q(label));
    if let Some(s) = prev.and_then(|p| p.short.as_ref()) {
        let _ = write!(line, ", short = {}", q(s));
    }
    if prev.is_some_and(|p| p.exclusive) {
        line.push_str(", exclusive = true");
    }
    if let Some(v) = value {
        let _ = write!(line, ", value = {}", q(v));
    }
    line.push_str(" }");
    let _ = write!(out, "{line}");
}

/// The options of a matched choice question as TOML, and their codes.
fn options(p: &Question, d: &Drafted, summary: &mut Vec<String>) -> (String, Vec<String>) {
    let prev: Vec<&OptionDef> = p.options.iter().collect();
    let pairs = pair(d.options.len(), prev.len(), |i, j| {
        let (new, old) = (&d.options[i].1, &prev[j]);
        score(new, old.label()).max(score(new, old.short_label()))
    });
    let mut taken = option_scope();
    taken.extend(p.all_options().map(|o| o.code().to_string()));
    let mut out = String::from("options = [\n");
    let mut codes = Vec::new();
    for (i, (_, label, value)) in d.options.iter().enumerate() {
        out.push_str("  ");
        match pairs.iter().find(|m| m.0 == i) {
            Some(&(_, j, s)) => {
                codes.push(prev[j].code().to_string());
                option_line(&mut out, prev[j].code(), label, value, Some(prev[j]));
                out.push(',');
                if s < 1.0 {
                    let line = format!(
                        "{}.{}: {} ({:?} → {label:?})",
                        p.id(),
                        prev[j].code(),
                        how(s),
                        prev[j].label()
                    );
                    if s < SURE {
                        let _ = write!(
                            out,
                            " # unsure: matched to {:?} by wording (score {s:.2})",
                            prev[j].label()
                        );
                    }
                    summary.push(format!("  option {line}"));
                }
            }
            None => {
                let code = ident(label, &mut taken, &format!("o{}_", i + 1));
                codes.push(code.clone());
                option_line(&mut out, &code, label, value, None);
                out.push_str(", # new option");
                summary.push(format!("  option {}.{code}: new ({label:?})", p.id()));
            }
        }
        out.push('\n');
    }
    out.push_str("]\n");
    for (j, o) in prev.iter().enumerate() {
        if !pairs.iter().any(|m| m.1 == j) {
            summary.push(format!(
                "  option {}.{}: dropped ({:?} is not in the new export)",
                p.id(),
                o.code(),
                o.label()
            ));
        }
    }
    if let Some((label, value)) = &d.other {
        let code = match &p.other {
            Some(o) => o.code().to_string(),
            None => ident("other", &mut taken, "o_"),
        };
        out.push_str("other = ");
        option_line(&mut out, &code, label, value, p.other.as_ref());
        out.push('\n');
        codes.push(code);
    }
    (out, codes)
}

/// A new question matched to previous question `p` with score `s`; returns its option codes.
fn matched(
    out: &mut String,
    p: &Question,
    d: &Drafted,
    header: &str,
    s: f64,
    summary: &mut Vec<String>,
) -> Vec<String> {
    if s < SURE {
        let _ = writeln!(
            out,
            "# unsure: matched to the previous wave's {:?} by wording (score {s:.2}); check",
            p.id()
        );
    }
    // The questionnaire's type wins over what this export's answers happen to show, unless
    // someone ticked two answers of a single choice.
    let kind = match (p.kind.shape(), d.kind) {
        (Shape::OneOf, "multi") => {
            let _ = writeln!(out, "# was a single choice in the previous wave; this export has several ticks in a row");
            "multi"
        }
        (_, _) => p.kind.as_str(),
    };
    let _ = writeln!(
        out,
        "[[questions]]\nid = {}\ntype = \"{kind}\"\ntext = {}",
        q(p.id()),
        q(&d.text)
    );
    if d.text != header {
        let _ = writeln!(out, "header = {}", q(header));
    }
    if let Some(sh) = &p.short {
        let _ = writeln!(out, "short = {}", q(sh));
    }
    if p.base != Base::Answered && (kind == "multi" || p.base == Base::All) {
        let _ = writeln!(
            out,
            "base = \"{}\"",
            if p.base == Base::All { "all" } else { "shown" }
        );
    }
    if p.pii || d.pii {
        let _ = writeln!(out, "pii = true");
    }
    if p.publish_text {
        let _ = writeln!(out, "publish_text = true");
    }
    if let Some(n) = &p.note {
        let _ = writeln!(out, "note = {}", q(n));
    }
    let line = format!("{}: {} ({})", p.id(), kind, how(s));
    summary.push(line);
    if s < 0.99 {
        summary.push(format!("  text: {:?} → {:?}", p.text(), d.text));
    }
    let mut codes = Vec::new();
    if family(kind) == "choice" {
        let (lines, c) = options(p, d, summary);
        out.push_str(&lines);
        codes = c;
    }
    if let (Some(g), "grid" | "ranking") = (&d.grid, kind) {
        grid_like(out, p, d, g, kind);
    }
    if p.kind == crate::codebook::QuestionType::Coded || d.other.is_some() {
        carry_codes(out, p, &codes);
    }
    if let Some(sep) = &d.separator {
        let _ = writeln!(out, "separator = {}", q(sep));
    }
    if let Some(c) = &d.comment {
        let _ = writeln!(out, "comment = {}", q(c));
    }
    out.push('\n');
    codes
}

/// The previous wave's codeframe: a coded question's codes (and its `quotes`), or the codes of
/// a choice question that back-code "other" into options still there (`kept`). Human codes
/// belong to the previous wave's respondents and are not carried.
fn carry_codes(out: &mut String, p: &Question, kept: &[String]) {
    let coded = p.kind == crate::codebook::QuestionType::Coded;
    let codes: Vec<&OptionDef> = (p.codes.iter())
        .filter(|c| coded || kept.iter().any(|k| k == c.code()))
        .collect();
    if codes.is_empty() {
        return;
    }
    let list = |key: &str, v: Vec<&str>| match v.is_empty() {
        true => String::new(),
        false => {
            let items: Vec<String> = v.iter().map(|x| q(x)).collect();
            format!(", {key} = [{}]", items.join(", "))
        }
    };
    let _ = writeln!(out, "codes = [");
    for c in codes {
        let _ = writeln!(
            out,
            "  {{ code = {}, label = {}{}{}{} }},",
            q(c.code()),
            q(c.label()),
            list("words", c.words.iter().map(String::as_str).collect()),
            list("not", c.not.iter().map(String::as_str).collect()),
            list(
                "regex",
                c.regex.iter().map(|r| r.get_ref().as_str()).collect()
            )
        );
    }
    let _ = writeln!(out, "]");
    if coded && p.quotes > 0 {
        let _ = writeln!(out, "quotes = {}", p.quotes);
    }
}

/// A grid's or ranking's items and scale. A scale of the previous wave's points (the same
/// labels) keeps the order and marks its codebook confirmed; another is drafted as `init`
/// drafts it, with its `check` line when its order is not settled.
fn grid_like(out: &mut String, p: &Question, d: &Drafted, g: &GridParts, kind: &str) {
    let norm = |l: &str| crate::ingest::normalize_heading(l).to_lowercase();
    let mut new: Vec<String> = d.options.iter().map(|o| norm(&o.1)).collect();
    let mut old: Vec<String> = p.options.iter().map(|o| norm(o.label())).collect();
    let same = {
        new.sort();
        old.sort();
        new == old && !old.is_empty()
    };
    if !same {
        write_grid_parts(out, kind, &d.options, g);
        write_check(out, &d.check);
        return;
    }
    // The previous wave's order and marks; this export's spelling and values.
    let at = |o: &OptionDef| {
        d.options
            .iter()
            .position(|n| norm(&n.1) == norm(o.label()))
            .expect("same labels")
    };
    let order: Vec<usize> = p.options.iter().map(at).collect();
    let options: Vec<(String, String, Option<String>)> = p
        .options
        .iter()
        .zip(&order)
        .map(|(o, &k)| {
            (
                o.code().to_string(),
                d.options[k].1.clone(),
                d.options[k].2.clone(),
            )
        })
        .collect();
    let (items, shorts) = previous_items(p, g);
    let parts = GridParts {
        items,
        shorts,
        marks: p
            .options
            .iter()
            .map(|o| match (o.neutral, o.not_applicable) {
                (_, true) => "not_applicable",
                (true, false) => "neutral",
                (false, false) => "",
            })
            .collect(),
        scores: p.options.iter().map(|o| o.score).collect(),
    };
    write_grid_parts(out, kind, &options, &parts);
}

/// The new items with the previous wave's code and short label where the label is the same
/// (ignoring case and spacing), so the tidy columns and tables keep their names. Short labels
/// only where this draft or the previous wave has them.
fn previous_items(p: &Question, g: &GridParts) -> (Vec<(String, String)>, Vec<String>) {
    let norm = |l: &str| {
        l.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    };
    let prev: Vec<Option<&OptionDef>> = (g.items.iter())
        .map(|(_, label)| p.items.iter().find(|i| norm(i.label()) == norm(label)))
        .collect();
    let items = (g.items.iter().zip(&prev))
        .map(|((code, label), i)| {
            let code = i.map_or(code.as_str(), |i| i.code());
            (code.to_string(), label.clone())
        })
        .collect();
    let any_short = !g.shorts.is_empty() || prev.iter().flatten().any(|i| i.short.is_some());
    let shorts = (g.items.iter().zip(&prev).enumerate())
        .filter(|_| any_short)
        .map(|(k, ((_, label), i))| {
            (i.and_then(|i| i.short.clone()))
                .or_else(|| g.shorts.get(k).cloned())
                .unwrap_or_else(|| label.clone())
        })
        .collect();
    (items, shorts)
}

/// Drafts the new wave's codebook from the previous wave's (`prev`).
pub fn draft_like(
    prev: &Codebook,
    raw: &RawExport,
    source: &str,
    format: Format,
    def: Option<&crate::definition::Definition>,
) -> Result<Draft> {
    let drafts: Vec<BlockDraft> = block_drafts(raw, def);
    let mut st = Emitted {
        taken: prev.questions.iter().map(|p| p.id().to_string()).collect(),
        pii: raw
            .columns
            .iter()
            .filter(|c| crate::ingest::metadata::is_pii_heading(c))
            .map(|c| c.heading.clone())
            .collect(),
        ..Default::default()
    };
    st.emit(prev, &drafts);
    let mut dropped = Vec::new();
    let present = carry::Present {
        country: drafts
            .iter()
            .any(|b| matches!(&b.outcome, Outcome::Question(d) if d.kind == "country")),
        questions: std::mem::take(&mut st.present),
        headings: raw.columns.iter().map(|c| c.heading.clone()).collect(),
    };
    let carried = carry::carried(prev, &present, &mut dropped);
    st.summary
        .extend(dropped.iter().map(|d| format!("(dropped) {d}")));
    let mut out = header(prev, raw, source, format);
    let prev_pii = prev.survey.pii_columns.iter().map(|p| p.get_ref().clone());
    st.pii.extend(prev_pii.filter(|p| !raw.block(p).is_empty()));
    let mut seen = BTreeSet::new();
    st.pii.retain(|p| seen.insert(p.clone()));
    super::write::column_lists(&mut out, &st.pii, &st.ignored);
    let _ = writeln!(out);
    out.push_str(&st.qs);
    out.push_str(&carried);
    Ok(Draft {
        toml: out,
        summary: st.summary,
        warnings: Vec::new(),
    })
}

/// 1 when a new grid or ranking has exactly the previous one's items (by label, ignoring case
/// and spacing): an SPSS battery is headed by its stem (`sat`), the CSV's by its text.
fn same_items(d: &Drafted, p: &Question) -> f64 {
    let Some(g) = &d.grid else {
        return 0.0;
    };
    let norm = |l: &str| {
        l.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    };
    let new: BTreeSet<String> = g.items.iter().map(|(_, l)| norm(l)).collect();
    let old: BTreeSet<String> = p.items.iter().map(|i| norm(i.label())).collect();
    if !new.is_empty() && new == old {
        1.0
    } else {
        0.0
    }
}

/// What the matching has written so far.
#[derive(Default)]
struct Emitted {
    qs: String,
    summary: Vec<String>,
    taken: super::ident::Scope,
    /// Question id → option codes, of the questions written.
    present: BTreeMap<String, Vec<String>>,
    pii: Vec<String>,
    ignored: Vec<String>,
}

impl Emitted {
    /// Matches the new blocks' questions to the previous wave's and writes them all.
    fn emit(&mut self, prev: &Codebook, drafts: &[BlockDraft]) {
        let candidates: Vec<(usize, &Drafted)> = drafts
            .iter()
            .enumerate()
            .filter_map(|(k, b)| match &b.outcome {
                Outcome::Question(d) => Some((k, d)),
                Outcome::Pii(_) | Outcome::Skipped(_) => None,
            })
            .collect();
        let pairs = pair(candidates.len(), prev.questions.len(), |i, j| {
            let (d, p) = (candidates[i].1, &prev.questions[j]);
            if family(d.kind) != prev_family(p) {
                return 0.0;
            }
            let by_text = score(&d.text, p.text()).max(score(&d.text, p.header().get_ref()));
            by_text.max(same_items(d, p))
        });
        for (k, bd) in drafts.iter().enumerate() {
            let header = &bd.block.header;
            match &bd.outcome {
                Outcome::Pii(why) => {
                    self.summary.push(format!("(pii column): {header} ({why})"));
                    self.pii.push(header.clone());
                }
                Outcome::Skipped(why) => {
                    let _ = writeln!(
                        self.qs,
                        "# Skipped {header:?}: {why}. Listed in ignore_columns.\n"
                    );
                    self.ignored.push(header.clone());
                }
                Outcome::Question(d) => {
                    let i = candidates
                        .iter()
                        .position(|c| c.0 == k)
                        .expect("a candidate");
                    let m = pairs
                        .iter()
                        .find(|m| m.0 == i)
                        .map(|&(_, j, s)| (&prev.questions[j], s));
                    self.question(d, header, m);
                }
            }
        }
        for (j, p) in prev.questions.iter().enumerate() {
            if !pairs.iter().any(|m| m.1 == j) {
                let line = format!(
                    "(dropped) {}: {:?} is not in the new export",
                    p.id(),
                    p.text()
                );
                self.summary.push(line);
            }
        }
    }

    /// One new question: matched to a previous one (with its score), or new.
    fn question(&mut self, d: &Drafted, header: &str, m: Option<(&Question, f64)>) {
        let (id, codes) = match m {
            Some((p, s)) => {
                let codes = matched(&mut self.qs, p, d, header, s, &mut self.summary);
                (p.id().to_string(), codes)
            }
            None => {
                let id = ident(&d.text, &mut self.taken, "q_");
                let _ = writeln!(self.qs, "# new question: not in the previous wave");
                write_question(&mut self.qs, &id, header, d);
                self.summary
                    .push(format!("(new) {id}: {} ({})", d.kind, d.why));
                (id, d.options.iter().map(|o| o.0.clone()).collect())
            }
        };
        self.present.insert(id, codes);
    }
}

/// The `[survey]` table: the previous wave's settings, the new export's file, layout and id.
fn header(prev: &Codebook, raw: &RawExport, source: &str, format: Format) -> String {
    let s = &prev.survey;
    let prev_name = prev
        .path
        .file_name()
        .map(|f| f.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut out = String::new();
    let file = Path::new(source)
        .file_name()
        .map_or_else(|| source.to_string(), |f| f.to_string_lossy().into_owned());
    let _ = writeln!(out, "# Draft codebook for a new wave, written by `shelfstat init --like {prev_name}` from {file}.");
    let _ = writeln!(out, "# Question ids, short labels, sections, headlines, analysis and weights come from the previous");
    let _ = writeln!(out, "# wave; questions and options were matched by their text. Check lines marked \"unsure\".\n");
    let _ = writeln!(out, "[survey]");
    let _ = writeln!(
        out,
        "id = {} # edit: the new wave's id",
        q(&format!("{}-next", s.id.get_ref()))
    );
    let _ = writeln!(out, "title = {}", q(&s.title));
    let _ = writeln!(out, "wave = \"next\" # edit");
    if !s.description.trim().is_empty() {
        let _ = writeln!(out, "# edit: the previous wave's description");
        let _ = writeln!(out, "description = {}", q(&s.description));
    }
    let _ = writeln!(
        out,
        "source = {}\nformat = {}",
        q(source),
        q(format.as_str())
    );
    out.push_str(&metadata_lines(raw));
    let _ = writeln!(
        out,
        "suppression_threshold = {}\nunit = {}",
        s.suppression_threshold,
        q(&s.unit)
    );
    out
}
