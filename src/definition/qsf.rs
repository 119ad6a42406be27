//! Qualtrics survey definition (`.qsf`, JSON): `SurveyElements` of type `SQ` are questions.
//! Multiple choice with a single-answer selector (SAVR, SAHR, SACOL, DL, SB, NPS) is single,
//! with a multi-answer selector (MAVR, MAHR, MACOL, MSB) multi; text entry is text (numeric
//! when validated as a number); matrices, side-by-side, rank order, sliders and the rest are
//! skipped (shelfstat's codebook has no grid type). Choice codes are the recode values where
//! set (what a numeric export writes), else the choice ids; a choice with a text box is the
//! "other" choice.

use super::{strip_html, DefChoice, DefKind, DefQuestion, Definition};
use crate::error::{Error, Result};
use serde_json::Value;
use std::path::Path;

fn as_key(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// A JSON object or array by key ("1" → the object's "1", or the array's element 1 — Qualtrics
/// writes sequential choice maps as arrays).
fn lookup<'a>(v: &'a Value, key: &str) -> Option<&'a Value> {
    match v {
        Value::Object(m) => m.get(key),
        Value::Array(a) => key.parse::<usize>().ok().and_then(|i| a.get(i)),
        _ => None,
    }
    .filter(|v| !v.is_null())
}

fn choices(p: &Value) -> Vec<DefChoice> {
    listed(p, "Choices", "ChoiceOrder", "RecodeValues")
}

/// A list of the payload (`Choices` or a matrix's `Answers`) in its display order, each with
/// its recode value as code.
fn listed(p: &Value, list: &str, order_key: &str, recode_key: &str) -> Vec<DefChoice> {
    let Some(ch) = p.get(list).filter(|c| !c.is_null()) else {
        return Vec::new();
    };
    let order: Vec<String> = match p.get(order_key).and_then(Value::as_array) {
        Some(o) if !o.is_empty() => o.iter().filter_map(as_key).collect(),
        _ => match ch {
            Value::Object(m) => m.keys().cloned().collect(),
            Value::Array(a) => (0..a.len()).map(|i| i.to_string()).collect(),
            _ => Vec::new(),
        },
    };
    let recodes = p.get(recode_key).cloned().unwrap_or(Value::Null);
    order
        .iter()
        .filter_map(|id| {
            let c = lookup(ch, id)?;
            let label = strip_html(c.get("Display").and_then(Value::as_str).unwrap_or(""));
            let other = c
                .get("TextEntry")
                .is_some_and(|t| t == &Value::Bool(true) || t.as_str() == Some("true"));
            let code = lookup(&recodes, id)
                .and_then(as_key)
                .unwrap_or_else(|| id.clone());
            Some(DefChoice { code, label, other })
        })
        .collect()
}

pub fn parse(bytes: &[u8], path: &Path) -> Result<Definition> {
    let text = String::from_utf8_lossy(bytes);
    let root: Value = serde_json::from_str(text.trim_start_matches('\u{feff}')).map_err(|e| {
        Error::input(
            path,
            format!(
                "line {}, column {}: not a readable Qualtrics .qsf (JSON): {e}",
                e.line(),
                e.column()
            ),
        )
    })?;
    let elements = root
        .get("SurveyElements")
        .and_then(Value::as_array)
        .ok_or_else(|| Error::input(path, "no SurveyElements: not a Qualtrics .qsf"))?;
    let questions = elements
        .iter()
        .filter(|e| e.get("Element").and_then(Value::as_str) == Some("SQ"))
        .filter_map(|e| e.get("Payload").filter(|p| p.is_object()))
        .map(question)
        .collect();
    Ok(Definition {
        path: path.to_path_buf(),
        kind: "Qualtrics .qsf",
        questions,
    })
}

/// A survey question's payload as a drafted question: its export tag, id, text, and what its
/// type and selector make it.
fn question(p: &Value) -> DefQuestion {
    let s = |k: &str| p.get(k).and_then(Value::as_str).unwrap_or("");
    let qid = s("QuestionID").to_string();
    let tag = match s("DataExportTag") {
        "" => qid.clone(),
        t => t.to_string(),
    };
    let (kind, ch, note) = kind(p);
    let items = match kind {
        DefKind::Grid | DefKind::Ranking => choices(p),
        DefKind::Single
        | DefKind::Multi
        | DefKind::Text
        | DefKind::Numeric
        | DefKind::Pii
        | DefKind::Skip => Vec::new(),
    };
    DefQuestion {
        items,
        name: tag,
        ids: vec![qid],
        label: strip_html(s("QuestionText")),
        kind,
        choices: ch,
        note,
    }
}

/// The question type and selector's kind, its choices (a grid's: the scale), and a note when
/// skipped.
fn kind(p: &Value) -> (DefKind, Vec<DefChoice>, Option<String>) {
    let s = |k: &str| p.get(k).and_then(Value::as_str).unwrap_or("");
    let (ty, sel) = (s("QuestionType"), s("Selector"));
    let numeric = p
        .pointer("/Validation/Settings/ContentType")
        .and_then(Value::as_str)
        == Some("ValidNumber");
    match (ty, sel) {
        ("MC", "SAVR" | "SAHR" | "SACOL" | "DL" | "SB" | "NPS") => {
            (DefKind::Single, choices(p), None)
        }
        ("MC", "MAVR" | "MAHR" | "MACOL" | "MSB") => (DefKind::Multi, choices(p), None),
        ("TE", "SL" | "ML" | "ESTB" | "PW") if numeric => (DefKind::Numeric, Vec::new(), None),
        ("TE", "SL" | "ML" | "ESTB") => (DefKind::Text, Vec::new(), None),
        // A single-answer matrix: statements rated on the answers' scale.
        ("Matrix", "Likert" | "Bipolar")
            if matches!(s("SubSelector"), "SingleAnswer" | "DL" | "") =>
        {
            (
                DefKind::Grid,
                listed(p, "Answers", "AnswerOrder", "RecodeValues"),
                None,
            )
        }
        ("RO", _) => (DefKind::Ranking, Vec::new(), None),
        ("DB", _) => (
            DefKind::Skip,
            Vec::new(),
            Some("descriptive text".to_string()),
        ),
        _ => (
            DefKind::Skip,
            Vec::new(),
            Some(format!(
                "Qualtrics {ty}/{sel}: a grid or other type the codebook cannot describe"
            )),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn questions_choices_recodes() {
        let qsf = r#"{"SurveyEntry":{},"SurveyElements":[
 {"Element":"BL","Payload":[]},
 {"Element":"SQ","Payload":{"QuestionID":"QID6","DataExportTag":"Q6","QuestionText":"Fruit?&nbsp;<div>Pick one</div>",
   "QuestionType":"MC","Selector":"SAVR","Choices":{"1":{"Display":"Orange"},"5":{"Display":"Other, please specify:","TextEntry":"true"}},
   "ChoiceOrder":[1,5],"RecodeValues":{"1":"16753920","5":"99"}}},
 {"Element":"SQ","Payload":{"QuestionID":"QID9","DataExportTag":"Q9","QuestionText":"Foods","QuestionType":"MC","Selector":"MAVR",
   "Choices":[null,{"Display":"Kale"},{"Display":"&gt;80% cocoa"}],"ChoiceOrder":["1","2"],"RecodeValues":[]}},
 {"Element":"SQ","Payload":{"QuestionID":"QID12","DataExportTag":"Q12","QuestionText":"Grid","QuestionType":"Matrix","Selector":"Likert",
   "SubSelector":"SingleAnswer","Choices":{"1":{"Display":"Apples"},"2":{"Display":"Pears"}},"ChoiceOrder":[1,2],
   "Answers":{"1":{"Display":"Disagree"},"2":{"Display":"Agree"}},"AnswerOrder":[2,1],"RecodeValues":{"1":"10","2":"20"}}},
 {"Element":"SQ","Payload":{"QuestionID":"QID14","DataExportTag":"Q14","QuestionText":"Tick","QuestionType":"Matrix","Selector":"Likert",
   "SubSelector":"MultipleAnswer","Choices":{"1":{"Display":"Apples"}},"Answers":{"1":{"Display":"Eat"}}}},
 {"Element":"SQ","Payload":{"QuestionID":"QID13","DataExportTag":"age","QuestionText":"Age","QuestionType":"TE","Selector":"SL",
   "Validation":{"Settings":{"ContentType":"ValidNumber"}}}}]}"#;
        let d = parse(qsf.as_bytes(), Path::new("s.qsf")).unwrap();
        let k = d.kinds();
        assert_eq!(
            k,
            [
                ("Q6", DefKind::Single),
                ("Q9", DefKind::Multi),
                ("Q12", DefKind::Grid),
                ("Q14", DefKind::Skip),
                ("age", DefKind::Numeric)
            ]
        );
        assert_eq!(d.questions[0].label, "Fruit? Pick one");
        // A single-answer matrix: statements are the items, answers the scale in display order
        // with their recode values.
        let g = &d.questions[2];
        let items: Vec<&str> = g.items.iter().map(|c| c.label.as_str()).collect();
        assert_eq!(items, ["Apples", "Pears"]);
        let scale: Vec<(&str, &str)> = g
            .choices
            .iter()
            .map(|c| (c.code.as_str(), c.label.as_str()))
            .collect();
        assert_eq!(scale, [("20", "Agree"), ("10", "Disagree")]);
        assert_eq!(
            d.questions[0].choices,
            [
                DefChoice {
                    code: "16753920".into(),
                    label: "Orange".into(),
                    other: false
                },
                DefChoice {
                    code: "99".into(),
                    label: "Other, please specify:".into(),
                    other: true
                },
            ]
        );
        let q9: Vec<(&str, &str)> = d.questions[1]
            .choices
            .iter()
            .map(|c| (c.code.as_str(), c.label.as_str()))
            .collect();
        assert_eq!(q9, [("1", "Kale"), ("2", ">80% cocoa")]);
        assert!(parse(b"{\"a\":1}", Path::new("x.qsf")).is_err());
        let e = parse(b"{\"a\":", Path::new("x.qsf"))
            .unwrap_err()
            .to_string();
        assert!(e.contains("line 1"), "{e}");
    }
}
