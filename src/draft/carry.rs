//! The parts of the previous wave's codebook that `init --like` carries over as they are —
//! sections, headlines, analysis and weights — kept only where what they name still exists.

use crate::codebook::Codebook;
use std::collections::BTreeMap;
use toml::{Table, Value};

/// What exists in the new draft: question id → its option codes (empty for other types), and
/// whether it has a country question.
pub(super) struct Present {
    pub questions: BTreeMap<String, Vec<String>>,
    pub country: bool,
    /// Export headings of the new file (for a weight column).
    pub headings: Vec<String>,
}

impl Present {
    fn variable(&self, v: &str) -> bool {
        match v {
            "region" | "subregion" | "country" => self.country,
            q => self.questions.contains_key(q),
        }
    }
}

fn strs(v: &Value) -> Vec<String> {
    v.as_array()
        .map(|a| {
            a.iter()
                .filter_map(|x| x.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

fn sections(v: &Value, p: &Present) -> Option<Value> {
    let out: Vec<Value> = v
        .as_array()?
        .iter()
        .filter_map(|s| {
            let mut s = s.as_table()?.clone();
            let qs: Vec<Value> = strs(s.get("questions")?)
                .into_iter()
                .filter(|q| p.questions.contains_key(q))
                .map(Value::String)
                .collect();
            (!qs.is_empty()).then(|| {
                s.insert("questions".into(), Value::Array(qs));
                Value::Table(s)
            })
        })
        .collect();
    (!out.is_empty()).then_some(Value::Array(out))
}

fn headlines(v: &Value, p: &Present, dropped: &mut Vec<String>) -> Option<Value> {
    let out: Vec<Value> = v
        .as_array()?
        .iter()
        .filter(|h| {
            let q = h.get("question").and_then(Value::as_str).unwrap_or("");
            let opts = match h.get("option") {
                Some(Value::String(o)) => vec![o.clone()],
                Some(o) => strs(o),
                None => Vec::new(),
            };
            let ok = p
                .questions
                .get(q)
                .is_some_and(|codes| opts.iter().all(|o| codes.contains(o)));
            if !ok {
                let id = h.get("id").and_then(Value::as_str).unwrap_or("?");
                dropped.push(format!(
                    "headline {id:?} (its question or option is not in the new export)"
                ));
            }
            ok
        })
        .cloned()
        .collect();
    (!out.is_empty()).then_some(Value::Array(out))
}

fn analysis(v: &Value, p: &Present) -> Option<Value> {
    let mut a = v.as_table()?.clone();
    if let Some(b) = a.get("breakdowns").and_then(Value::as_array) {
        let kept: Vec<Value> = b
            .iter()
            .filter(|spec| {
                let by = spec
                    .as_str()
                    .or_else(|| spec.get("by").and_then(Value::as_str));
                by.is_some_and(|by| p.variable(by))
            })
            .cloned()
            .collect();
        a.insert("breakdowns".into(), Value::Array(kept));
    }
    if let Some(list) = a.get("breakdown_questions") {
        let kept: Vec<Value> = strs(list)
            .into_iter()
            .filter(|q| p.questions.contains_key(q))
            .map(Value::String)
            .collect();
        a.insert("breakdown_questions".into(), Value::Array(kept));
    }
    Some(Value::Table(a))
}

fn weights(v: &Value, p: &Present, dropped: &mut Vec<String>) -> Option<Value> {
    let w = v.as_table()?;
    let column_ok = w
        .get("column")
        .and_then(Value::as_str)
        .is_none_or(|c| p.headings.iter().any(|h| h.trim() == c.trim()));
    let margins_ok = w.get("margins").and_then(Value::as_array).is_none_or(|m| {
        m.iter().all(|m| {
            m.get("variable")
                .and_then(Value::as_str)
                .is_some_and(|v| p.variable(v))
        })
    });
    if column_ok && margins_ok {
        Some(Value::Table(w.clone()))
    } else {
        dropped
            .push("[weights] (its column or a margin's variable is not in the new export)".into());
        None
    }
}

/// The previous codebook's sections, headlines, analysis and weights as TOML, filtered to what
/// is present; `dropped` says what was left out and why.
pub(super) fn carried(prev: &Codebook, p: &Present, dropped: &mut Vec<String>) -> String {
    let Ok(table) = prev.source_text.parse::<Table>() else {
        return String::new();
    };
    let mut out = Table::new();
    if let Some(v) = table.get("analysis").and_then(|v| analysis(v, p)) {
        out.insert("analysis".into(), v);
    }
    if let Some(v) = table.get("weights").and_then(|v| weights(v, p, dropped)) {
        out.insert("weights".into(), v);
    }
    if let Some(v) = table.get("sections").and_then(|v| sections(v, p)) {
        out.insert("sections".into(), v);
    }
    if let Some(v) = table
        .get("headlines")
        .and_then(|v| headlines(v, p, dropped))
    {
        out.insert("headlines".into(), v);
    }
    toml::to_string(&out).unwrap_or_default()
}
