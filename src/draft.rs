//! Drafting a codebook from an export (`shelfstat init`): question ids and texts, types,
//! options in the order they appear, "other" columns, PII flagged, the country question
//! guessed. The draft is valid as it stands; the user then edits labels, sections, headlines.

use crate::codebook::Format;
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
    "id",
    "submitdate",
    "lastpage",
    "startlanguage",
    "seed",
    "startdate",
    "datestamp",
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

/// Drafts a codebook for an export read with `format`, whose file is `source`.
pub fn draft(raw: &RawExport, source: &str, format: Format) -> Result<Draft> {
    let mut out = String::new();
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
    let pii: Vec<&ExportColumn> = raw
        .columns
        .iter()
        .filter(|c| c.sublabel.is_empty() && PII_HEADINGS.contains(&c.heading.trim()))
        .collect();
    if !pii.is_empty() {
        let list: Vec<String> = pii.iter().map(|c| q(&c.heading)).collect();
        let _ = writeln!(out, "pii_columns = [{}]", list.join(", "));
    }
    let _ = writeln!(out);
    // Question blocks in export order.
    let mut blocks: Vec<(String, Vec<&ExportColumn>)> = Vec::new();
    for c in &raw.columns {
        let h = c.heading.trim();
        // REDCap form status and timestamp columns are metadata too.
        let status =
            c.sublabel.is_empty() && (h.ends_with("_complete") || h.ends_with("_timestamp"));
        if h.is_empty()
            || status
            || (c.sublabel.is_empty() && (PII_HEADINGS.contains(&h) || META_HEADINGS.contains(&h)))
        {
            continue;
        }
        match blocks
            .iter_mut()
            .find(|(bh, _)| normalize_heading(bh) == normalize_heading(&c.heading))
        {
            Some((_, cols)) => cols.push(c),
            None => blocks.push((c.heading.clone(), vec![c])),
        }
    }
    let mut country_done = false;
    for (heading, cols) in blocks {
        let mut answer_cols: Vec<&ExportColumn> =
            cols.iter().copied().filter(|c| !c.other_text).collect();
        if answer_cols.is_empty() {
            answer_cols = cols.clone();
        }
        let id = ident(&heading, &mut taken, "q_");
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
            let _ = writeln!(out, "# Skipped {:?}: {} columns that are not tick-box choices (a grid or matrix question; not supported yet).\n", normalize_heading(&heading), answer_cols.len());
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
            } else if numeric && distinct.len() > 12 {
                kind = "numeric";
                why = format!("{n} numeric answers");
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
        let _ = writeln!(out, "[[questions]]");
        let _ = writeln!(out, "id = {}", q(&id));
        let _ = writeln!(out, "type = \"{kind}\"");
        let _ = writeln!(out, "text = {}", q(&normalize_heading(&heading)));
        if normalize_heading(&heading) != heading {
            let _ = writeln!(out, "header = {}", q(&heading));
        }
        if pii_q {
            let _ = writeln!(out, "pii = true");
        }
        if kind == "single" || kind == "multi" {
            let mut codes = BTreeSet::new();
            let _ = writeln!(out, "options = [");
            for (k, o) in opts.iter().enumerate() {
                let code = ident(o, &mut codes, &format!("o{}_", k + 1));
                let _ = writeln!(out, "  {{ code = {}, label = {} }},", q(&code), q(o));
            }
            let _ = writeln!(out, "]");
            if let Some(o) = &other {
                let code = ident("other", &mut codes, "o_");
                let _ = writeln!(out, "other = {{ code = {}, label = {} }}", q(&code), q(o));
            }
        }
        let _ = writeln!(out);
        summary.push(format!("{id}: {kind} ({why})"));
    }
    Ok(Draft { toml: out, summary })
}
