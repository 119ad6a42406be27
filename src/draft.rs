//! Drafting a codebook from an export (`shelfstat init`): question ids and texts, types,
//! options in the order they appear, "other" columns, PII flagged, the country question
//! guessed. The draft is valid as it stands; the user then edits labels, sections, headlines.

use crate::codebook::Format;
use crate::definition::{DefKind, DefQuestion, Definition};
use crate::error::Result;
use crate::ingest::{normalize_heading, ExportColumn, RawExport};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;

/// Metadata columns that identify people, by platform naming.
const PII_HEADINGS: &[&str] = &[
    "IP Address",
    "Email Address",
    "First Name",
    "Last Name",
    "Custom Data 1",
    "IPAddress",
    "RecipientLastName",
    "RecipientFirstName",
    "RecipientEmail",
    "ExternalReference",
    "LocationLatitude",
    "LocationLongitude",
    "EmailAddress",
    "Name",
    "Email",
    "ExternalDataReference",
    "deviceid",
    "_submitted_by",
    "phonenumber",
    "simserial",
    "subscriberid",
    "ipaddr",
    "refurl",
    "_geolocation",
];
/// Metadata columns that are neither questions nor PII.
const META_HEADINGS: &[&str] = &[
    "Respondent ID",
    "Collector ID",
    "Start Date",
    "End Date",
    "Timestamp",
    "StartDate",
    "EndDate",
    "Status",
    "Progress",
    "Duration (in seconds)",
    "Finished",
    "RecordedDate",
    "ResponseId",
    "ResponseID",
    "ResponseSet",
    "DistributionChannel",
    "UserLanguage",
    "Score",
    "LocationAccuracy",
    "start",
    "end",
    "today",
    "_id",
    "_uuid",
    "_submission_time",
    "_validation_status",
    "_notes",
    "_status",
    "__version__",
    "_tags",
    "_index",
    "_parent_index",
    "meta/instanceID",
    "instanceID",
    "interviewtime",
    "(index)",
    "record_id",
    "redcap_event_name",
    "redcap_repeat_instrument",
    "redcap_repeat_instance",
    "redcap_data_access_group",
    "redcap_survey_identifier",
];
const ID_HEADINGS: &[&str] = &[
    "Respondent ID",
    "ResponseId",
    "ResponseID",
    "_uuid",
    "id",
    "record_id",
];
const OTHER_WORDS: &[&str] = &["other (please specify)", "other", "other, please specify"];

#[derive(Debug, Clone, PartialEq)]
pub struct Draft {
    pub toml: String,
    /// One line per question: id, type, why.
    pub summary: Vec<String>,
}

fn ident(s: &str, taken: &mut BTreeSet<String>, fallback: &str) -> String {
    let base: String = deunicode::deunicode(s)
        .to_lowercase()
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| {
            !w.is_empty()
                && !matches!(
                    *w,
                    "the"
                        | "a"
                        | "an"
                        | "of"
                        | "to"
                        | "your"
                        | "you"
                        | "do"
                        | "does"
                        | "is"
                        | "are"
                        | "which"
                        | "what"
                        | "please"
                )
        })
        .take(3)
        .collect::<Vec<_>>()
        .join("_");
    let mut base = if base.is_empty() || base.starts_with(|c: char| c.is_ascii_digit()) {
        format!("{fallback}{base}")
    } else {
        base
    };
    base.truncate(40);
    let base = base.trim_end_matches('_').to_string();
    let mut id = base.clone();
    let mut n = 2;
    while !taken.insert(id.clone()) {
        id = format!("{base}_{n}");
        n += 1;
    }
    id
}

fn q(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

fn values(raw: &RawExport, c: &ExportColumn) -> Vec<Option<String>> {
    raw.cells(c)
        .map(|cells| {
            cells
                .iter()
                .map(|v| v.map(|v| v.trim().to_string()).filter(|v| !v.is_empty()))
                .collect()
        })
        .unwrap_or_default()
}

/// A drafted question, before it is written out.
struct Drafted {
    kind: &'static str,
    text: String,
    pii: bool,
    /// (code, label, platform value)
    options: Vec<(String, String, Option<String>)>,
    other: Option<(String, Option<String>)>,
    why: String,
}

/// Drafts a codebook for an export read with `format`, whose file is `source`; with a
/// platform codebook (`definition`), types, labels, codes and PII flags come from it.
pub fn draft(
    raw: &RawExport,
    source: &str,
    format: Format,
    definition: Option<&Definition>,
) -> Result<Draft> {
    let mut out = String::new();
    let mut qs = String::new();
    let mut summary = Vec::new();
    let stem = std::path::Path::new(source)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut taken = BTreeSet::new();
    let survey_id = ident(&stem, &mut BTreeSet::new(), "survey_");
    let _ = writeln!(
        out,
        "# Draft codebook written by `shelfstat init` from {source}."
    );
    if let Some(d) = definition {
        let _ = writeln!(
            out,
            "# Types, labels and codes from the {} {}.",
            d.kind,
            d.path
                .file_name()
                .map(|f| f.to_string_lossy().into_owned())
                .unwrap_or_default()
        );
    }
    let _ = writeln!(
        out,
        "# Check every question's type and options, then add sections and headlines.\n"
    );
    let _ = writeln!(out, "[survey]");
    let _ = writeln!(out, "id = {}", q(&survey_id.replace('_', "-")));
    let _ = writeln!(out, "title = {}", q(&stem));
    let _ = writeln!(out, "wave = \"1\"");
    let _ = writeln!(out, "source = {}", q(source));
    let _ = writeln!(out, "format = {}", q(format.as_str()));
    if let Some(id) = raw
        .columns
        .iter()
        .find(|c| ID_HEADINGS.contains(&c.heading.trim()))
    {
        let _ = writeln!(out, "respondent_id = {}", q(&id.heading));
    }
    if let Some(c) = raw
        .columns
        .iter()
        .find(|c| c.heading == "_validation_status")
    {
        let n = raw
            .cells(c)
            .map(|v| {
                (0..v.len())
                    .filter_map(|i| v.get(i))
                    .filter(|v| {
                        v.contains("not_approved") || v.eq_ignore_ascii_case("Not Approved")
                    })
                    .count()
            })
            .unwrap_or(0);
        if n > 0 {
            let _ = writeln!(
                out,
                "exclude_not_approved = false # {n} submission{} marked \"not approved\": set true to leave {} out",
                if n == 1 { " is" } else { "s are" },
                if n == 1 { "it" } else { "them" }
            );
        }
    }
    let mut pii: Vec<String> = raw
        .columns
        .iter()
        .filter(|c| c.sublabel.is_empty() && PII_HEADINGS.contains(&c.heading.trim()))
        .map(|c| c.heading.clone())
        .collect();
    // Question blocks in export order.
    let mut blocks: Vec<(String, Vec<&ExportColumn>)> = Vec::new();
    for c in &raw.columns {
        let h = c.heading.trim();
        // REDCap form status and timestamp columns are metadata too.
        let status =
            c.sublabel.is_empty() && (h.ends_with("_complete") || h.ends_with("_timestamp"));
        if h.is_empty()
            || status
            || (c.sublabel.is_empty()
                && (PII_HEADINGS.contains(&h)
                    || META_HEADINGS.contains(&h)
                    || crate::ingest::limesurvey::METADATA.contains(&h)))
        {
            continue;
        }
        // One block per question: same heading and same platform question id.
        match blocks.iter_mut().find(|(bh, cols)| {
            normalize_heading(bh) == normalize_heading(&c.heading) && cols[0].key == c.key
        }) {
            Some((_, cols)) => cols.push(c),
            None => blocks.push((c.heading.clone(), vec![c])),
        }
    }
    // Questions sharing a text are named by their platform id (`header = "QID9"`).
    let blocks: Vec<(String, Vec<&ExportColumn>)> = blocks
        .iter()
        .map(|(h, cols)| {
            let shared = blocks
                .iter()
                .filter(|(h2, _)| normalize_heading(h2) == normalize_heading(h))
                .count()
                > 1;
            match (&cols[0].key, shared) {
                (Some(k), true) => (k.clone(), cols.clone()),
                _ => (h.clone(), cols.clone()),
            }
        })
        .collect();
    let mut country_done = false;
    for (heading, cols) in blocks {
        let mut answer_cols: Vec<&ExportColumn> =
            cols.iter().copied().filter(|c| !c.other_text).collect();
        if answer_cols.is_empty() {
            answer_cols = cols.clone();
        }
        let short_heading: String = normalize_heading(&heading).chars().take(50).collect();
        let mut mismatch = None;
        if let Some(dq) = definition.and_then(|d| d.find(cols[0])) {
            match dq.kind {
                DefKind::Skip => {
                    let why = dq.note.clone().unwrap_or_default();
                    let _ = writeln!(qs, "# Skipped {:?} ({}): {why}.\n", dq.name, short_heading);
                    summary.push(format!("(skipped): {} ({why})", dq.name));
                    continue;
                }
                DefKind::Pii => {
                    if cols.len() == 1 && !pii.contains(&heading) {
                        pii.push(heading.clone());
                    }
                    summary.push(format!(
                        "(pii column): {} ({})",
                        dq.name,
                        dq.note.clone().unwrap_or_default()
                    ));
                    continue;
                }
                _ => match from_definition(raw, &answer_cols, &cols, dq, &mut country_done) {
                    Ok(d) => {
                        let id = ident(&dq.name, &mut taken, "q_");
                        write_question(&mut qs, &id, &heading, &d);
                        summary.push(format!("{id}: {} ({})", d.kind, d.why));
                        continue;
                    }
                    Err(why) => mismatch = Some(why),
                },
            }
        }
        if let Some(why) = &mismatch {
            let _ = writeln!(
                qs,
                "# {:?}: {why}; drafted from the answers instead.",
                short_heading
            );
        }
        let id = ident(&cols[0].heading, &mut taken, "q_");
        let mut opts: Vec<String> = Vec::new();
        let mut other: Option<String> = None;
        let kind;
        let mut why;
        let mut pii_q = false;
        let multi_cols = answer_cols.len() > 1
            && answer_cols
                .iter()
                .all(|c| !c.sublabel.is_empty() && c.sublabel != "Response");
        // Several columns that are not "label when ticked" choice columns: a grid or matrix,
        // which the codebook cannot describe yet. Say so instead of drafting it wrongly.
        let choice_like = multi_cols
            && answer_cols.iter().all(|c| {
                values(raw, c)
                    .iter()
                    .flatten()
                    .all(|v| normalize_heading(v) == normalize_heading(&c.sublabel))
                    || OTHER_WORDS.contains(&c.sublabel.trim().to_lowercase().as_str())
            });
        if answer_cols.len() > 1 && !choice_like {
            let _ = writeln!(qs, "# Skipped {:?}: {} columns that are not tick-box choices (a grid or matrix question; not supported yet).\n", normalize_heading(&heading), answer_cols.len());
            summary.push(format!(
                "(skipped): grid ({} columns under {:?})",
                answer_cols.len(),
                normalize_heading(&heading)
                    .chars()
                    .take(50)
                    .collect::<String>()
            ));
            continue;
        }
        if multi_cols {
            for c in &answer_cols {
                if OTHER_WORDS.contains(&c.sublabel.trim().to_lowercase().as_str()) {
                    other = Some(c.sublabel.clone());
                } else {
                    opts.push(c.sublabel.clone());
                }
            }
            // Several ticks in one row → multi; at most one everywhere → single.
            let per_col: Vec<Vec<Option<String>>> =
                answer_cols.iter().map(|c| values(raw, c)).collect();
            let rows = raw.height();
            let max_ticks = (0..rows)
                .map(|i| per_col.iter().filter(|v| v[i].is_some()).count())
                .max()
                .unwrap_or(0);
            kind = if max_ticks > 1 { "multi" } else { "single" };
            why = format!(
                "{} choice columns; at most {max_ticks} ticked in a row",
                answer_cols.len()
            );
        } else {
            let col = answer_cols[0];
            let vals: Vec<String> = values(raw, col).into_iter().flatten().collect();
            let n = vals.len();
            let distinct: BTreeMap<&str, usize> = vals.iter().fold(BTreeMap::new(), |mut m, v| {
                *m.entry(v.as_str()).or_default() += 1;
                m
            });
            let matched = vals
                .iter()
                .filter(|v| crate::country::lookup(v).is_some())
                .count();
            let numeric = n > 0 && vals.iter().all(|v| v.parse::<f64>().is_ok());
            let emails = vals
                .iter()
                .filter(|v| v.contains('@') && v.contains('.'))
                .count();
            // Pieces joined by ", " that recur across rows suggest a checkbox question. A piece
            // that starts lowercase, or follows an unclosed "(", continues the previous label.
            let split_labels = |v: &str| -> Vec<String> {
                let mut out: Vec<String> = Vec::new();
                for p in v.split(", ") {
                    let continues = out.last().is_some_and(|l: &String| {
                        l.matches('(').count() > l.matches(')').count()
                            || p.starts_with(|c: char| c.is_lowercase() || c.is_ascii_digit())
                    });
                    match (continues, out.last_mut()) {
                        (true, Some(l)) => {
                            l.push_str(", ");
                            l.push_str(p);
                        }
                        _ => out.push(p.to_string()),
                    }
                }
                out
            };
            let mut pieces: BTreeMap<String, usize> = BTreeMap::new();
            let mut first_seen: Vec<String> = Vec::new();
            for v in &vals {
                for p in split_labels(v) {
                    if !pieces.contains_key(&p) {
                        first_seen.push(p.clone());
                    }
                    *pieces.entry(p).or_default() += 1;
                }
            }
            let joined = vals.iter().filter(|v| split_labels(v).len() > 1).count();
            let frequent = |k: usize| k >= 2 && k * 50 >= n;
            let sentences = vals.iter().filter(|v| v.ends_with('.')).count() * 2 > n;
            let heading_says_country = heading.to_lowercase().contains("country")
                || heading.to_lowercase().contains("land");
            let freq_values: Vec<&str> = {
                let mut seen = BTreeSet::new();
                vals.iter()
                    .filter(|v| frequent(distinct[v.as_str()]) && seen.insert(v.as_str()))
                    .map(String::as_str)
                    .collect()
            };
            let coverage = freq_values.iter().map(|v| distinct[v]).sum::<usize>();
            if n > 0
                && !country_done
                && (matched * 10 >= n * 8 || (heading_says_country && matched * 2 >= n))
            {
                kind = "country";
                country_done = true;
                why = format!("{matched} of {n} answers are country names");
            } else if numeric
                && (distinct.len() > 7 || n < 10 || vals.iter().any(|v| v.parse::<i64>().is_err()))
            {
                // Many different numbers, decimals, or too few answers to call them codes.
                kind = "numeric";
                why = format!("{n} numeric answers, {} distinct", distinct.len());
            } else if emails * 2 > n && n > 0 {
                kind = "text";
                pii_q = true;
                why = "e-mail addresses: marked pii".into();
            } else if n > 0
                && !sentences
                && joined * 10 >= n * 3
                && pieces.values().filter(|&&k| frequent(k)).count() >= 2
            {
                kind = "multi";
                opts = first_seen
                    .iter()
                    .filter(|p| frequent(pieces[p.as_str()]))
                    .cloned()
                    .collect();
                if pieces.values().any(|&k| !frequent(k)) {
                    other = Some("Other".into());
                }
                why = format!(
                    "{joined} answers join several of {} recurring choices with \", \"",
                    opts.len()
                );
            } else if n > 0
                && !sentences
                && (1..=15).contains(&freq_values.len())
                && coverage * 10 >= n * 9
            {
                kind = "single";
                opts = freq_values.iter().map(|v| v.to_string()).collect();
                if coverage < n {
                    other = Some("Other".into());
                }
                why = format!("{} recurring answers cover {coverage} of {n}", opts.len());
            } else {
                kind = "text";
                why = format!(
                    "{} distinct answers of {n}: free text, not published",
                    distinct.len()
                );
            }
            if let Some(oc) = cols.iter().find(|c| c.other_text) {
                other = Some(oc.sublabel.clone());
            }
        }
        // One label, one role: an "other" label among the options becomes the "other" choice.
        if let Some(k) = opts.iter().position(|o| {
            OTHER_WORDS.contains(&o.trim().to_lowercase().as_str()) || Some(o) == other.as_ref()
        }) {
            let label = opts.remove(k);
            if other.as_ref().is_none_or(|o| o == "Other") {
                other = Some(label);
            }
        }
        if kind == "single" && other.is_none() && opts.is_empty() {
            why.push_str("; no answers");
        }
        let d = Drafted {
            kind,
            text: normalize_heading(&cols[0].heading),
            pii: pii_q,
            options: {
                let mut codes = BTreeSet::new();
                opts.iter()
                    .enumerate()
                    .map(|(k, o)| {
                        (
                            ident(o, &mut codes, &format!("o{}_", k + 1)),
                            o.clone(),
                            None,
                        )
                    })
                    .collect()
            },
            other: other.map(|o| (o, None)),
            why: why.clone(),
        };
        write_question(&mut qs, &id, &heading, &d);
        summary.push(format!("{id}: {kind} ({why})"));
    }
    if !pii.is_empty() {
        let list: Vec<String> = pii.iter().map(|h| q(h)).collect();
        let _ = writeln!(out, "pii_columns = [{}]", list.join(", "));
    }
    let _ = writeln!(out);
    out.push_str(&qs);
    Ok(Draft { toml: out, summary })
}

fn write_question(out: &mut String, id: &str, heading: &str, d: &Drafted) {
    let _ = writeln!(out, "[[questions]]");
    let _ = writeln!(out, "id = {}", q(id));
    let _ = writeln!(out, "type = \"{}\"", d.kind);
    let _ = writeln!(out, "text = {}", q(&d.text));
    if d.text != heading {
        let _ = writeln!(out, "header = {}", q(heading));
    }
    if d.pii {
        let _ = writeln!(out, "pii = true");
    }
    if d.kind == "single" || d.kind == "multi" {
        let value = |v: &Option<String>| match v {
            Some(v) => format!(", value = {}", q(v)),
            None => String::new(),
        };
        let _ = writeln!(out, "options = [");
        for (code, label, v) in &d.options {
            let _ = writeln!(
                out,
                "  {{ code = {}, label = {}{} }},",
                q(code),
                q(label),
                value(v)
            );
        }
        let _ = writeln!(out, "]");
        if let Some((label, v)) = &d.other {
            let mut codes: BTreeSet<String> = d.options.iter().map(|o| o.0.clone()).collect();
            let code = ident("other", &mut codes, "o_");
            let _ = writeln!(
                out,
                "other = {{ code = {}, label = {}{} }}",
                q(&code),
                q(label),
                value(v)
            );
        }
    }
    let _ = writeln!(out);
}

/// An option code from the platform's code when that is a name (XLSForm), else the label.
fn option_code(code: &str, label: &str, taken: &mut BTreeSet<String>, k: usize) -> String {
    let name_like = code.starts_with(|c: char| c.is_ascii_alphabetic())
        && code.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    if name_like {
        ident(&code.replace('_', " "), taken, &format!("o{}_", k + 1))
    } else {
        ident(label, taken, &format!("o{}_", k + 1))
    }
}

/// A question drafted from its platform definition, checked against the export's cells so
/// that `run` accepts it; Err says why the definition does not fit the export.
fn from_definition(
    raw: &RawExport,
    answer_cols: &[&ExportColumn],
    cols: &[&ExportColumn],
    dq: &DefQuestion,
    country_done: &mut bool,
) -> std::result::Result<Drafted, String> {
    let text = if dq.label.is_empty() {
        normalize_heading(&cols[0].heading)
    } else {
        dq.label.clone()
    };
    let from = |what: &str| format!("{what} per the platform codebook");
    let mut d = Drafted {
        kind: "text",
        text,
        pii: false,
        options: Vec::new(),
        other: None,
        why: String::new(),
    };
    let norm = |s: &str| normalize_heading(s);
    match dq.kind {
        DefKind::Text | DefKind::Numeric => {
            if answer_cols.len() > 1 {
                return Err(format!(
                    "{} columns for a {:?} field",
                    answer_cols.len(),
                    dq.name
                ));
            }
            let vals: Vec<String> = values(raw, answer_cols[0]).into_iter().flatten().collect();
            if dq.kind == DefKind::Numeric {
                if let Some(v) = vals.iter().find(|v| v.parse::<f64>().is_err()) {
                    return Err(format!("numeric field holds {v:?}"));
                }
                d.kind = "numeric";
                d.why = from("numeric");
            } else {
                d.why = from("free text, not published");
            }
        }
        DefKind::Single | DefKind::Multi => {
            let mut codes = BTreeSet::new();
            let split = answer_cols.len() > 1
                || dq.kind == DefKind::Multi && !answer_cols[0].sublabel.is_empty();
            if split {
                // One column per choice: map each column to its choice by code or label.
                for c in answer_cols {
                    let sub = norm(&c.sublabel);
                    let Some(ch) = dq
                        .choices
                        .iter()
                        .find(|ch| ch.code == sub)
                        .or_else(|| dq.choices.iter().find(|ch| norm(&ch.label) == sub))
                    else {
                        return Err(format!("column {:?} is not one of its choices", c.sublabel));
                    };
                    let label = if ch.code == sub {
                        ch.label.clone()
                    } else {
                        sub.clone()
                    };
                    let other =
                        ch.other || OTHER_WORDS.contains(&ch.label.trim().to_lowercase().as_str());
                    if other && d.other.is_none() {
                        d.other = Some((label, Some(ch.code.clone())));
                    } else {
                        let k = d.options.len();
                        d.options.push((
                            option_code(&ch.code, &ch.label, &mut codes, k),
                            label,
                            Some(ch.code.clone()),
                        ));
                    }
                }
            } else {
                // One answer column: every answer must be a choice's label or code.
                let col = answer_cols[0];
                let labels: Vec<String> = dq.choices.iter().map(|c| norm(&c.label)).collect();
                let other_choice = dq.choices.iter().position(|c| c.other).or_else(|| {
                    dq.choices
                        .iter()
                        .position(|c| OTHER_WORDS.contains(&c.label.trim().to_lowercase().as_str()))
                });
                let vals: Vec<String> = values(raw, col).into_iter().flatten().collect();
                for v in &vals {
                    let v = norm(v);
                    let ok = if dq.kind == DefKind::Single {
                        labels.contains(&v) || dq.choices.iter().any(|c| c.code == v)
                    } else {
                        joined_choices(&v, &labels)
                            || v.split(',')
                                .all(|p| dq.choices.iter().any(|c| c.code == p.trim()))
                    };
                    if !ok && other_choice.is_none() {
                        return Err(format!("answer {v:?} is not one of its choices"));
                    }
                }
                for (k, ch) in dq.choices.iter().enumerate() {
                    if Some(k) == other_choice {
                        d.other = Some((ch.label.clone(), Some(ch.code.clone())));
                    } else {
                        let n = d.options.len();
                        d.options.push((
                            option_code(&ch.code, &ch.label, &mut codes, n),
                            ch.label.clone(),
                            Some(ch.code.clone()),
                        ));
                    }
                }
                // Mostly country names: the country question.
                if dq.kind == DefKind::Single && !*country_done {
                    let matched = vals
                        .iter()
                        .filter(|v| crate::country::lookup(v).is_some())
                        .count();
                    if !vals.is_empty() && matched * 10 >= vals.len() * 8 {
                        *country_done = true;
                        d.kind = "country";
                        d.options.clear();
                        d.other = None;
                        d.why = format!(
                            "{matched} of {} answers are country codes or names",
                            vals.len()
                        );
                        return Ok(d);
                    }
                }
            }
            // A choice's codes and labels must differ across options for `run`.
            let mut seen = BTreeSet::new();
            if let Some(l) = d
                .options
                .iter()
                .map(|o| &o.1)
                .find(|l| !seen.insert(norm(l)))
            {
                return Err(format!("two choices are labelled {l:?}"));
            }
            d.kind = if dq.kind == DefKind::Single {
                "single"
            } else {
                "multi"
            };
            d.why = from(&format!(
                "{} choices",
                d.options.len() + usize::from(d.other.is_some())
            ));
        }
        DefKind::Pii | DefKind::Skip => unreachable!("handled by the caller"),
    }
    Ok(d)
}

/// Whether `v` is made of the `labels` joined by ", " (labels may hold ", " themselves).
fn joined_choices(v: &str, labels: &[String]) -> bool {
    let mut order: Vec<&String> = labels.iter().filter(|l| !l.is_empty()).collect();
    order.sort_by_key(|l| std::cmp::Reverse(l.len()));
    let mut rest = v;
    while !rest.is_empty() {
        let Some(l) = order.iter().find(|l| {
            rest.starts_with(l.as_str())
                && (rest.len() == l.len() || rest[l.len()..].starts_with(", "))
        }) else {
            return false;
        };
        rest = rest[l.len()..]
            .strip_prefix(", ")
            .unwrap_or(&rest[l.len()..]);
    }
    true
}
