//! KoboToolbox / ODK XLSForm (XLSX): the `survey` sheet (type, name, label …) and the `choices`
//! sheet (list_name, name, label). `select_one list [or_other]` is single, `select_multiple
//! list [or_other]` multi, text / integer / decimal / range as such; geopoints, media, device
//! and phone ids are PII; notes, calculations, groups and metadata are skipped, and so are
//! questions inside a repeat group (they go to other sheets of the data export).
//! With several languages the first `label…` column is used.

use super::{col_index, strip_html, DefChoice, DefKind, DefQuestion, Definition};
use crate::error::{Error, Result};
use std::collections::BTreeMap;
use std::path::Path;

type Sheet = (String, Vec<csv::StringRecord>);

fn sheet<'a>(sheets: &'a [Sheet], name: &str) -> Option<&'a [csv::StringRecord]> {
    sheets
        .iter()
        .find(|(n, _)| n.trim().eq_ignore_ascii_case(name))
        .map(|(_, r)| r.as_slice())
}

fn label_index(header: &csv::StringRecord) -> Option<usize> {
    col_index(header, &["label"]).or_else(|| {
        header
            .iter()
            .position(|h| h.trim().to_lowercase().starts_with("label"))
    })
}

pub fn parse(sheets: &[Sheet], path: &Path) -> Result<Definition> {
    let survey = sheet(sheets, "survey").expect("checked by the caller");
    let header = survey
        .first()
        .ok_or_else(|| Error::input(path, "the XLSForm's survey sheet is empty"))?;
    let type_i = col_index(header, &["type"]).ok_or_else(|| missing(path, "type", "survey"))?;
    let name_i = col_index(header, &["name"]).ok_or_else(|| missing(path, "name", "survey"))?;
    let label_i = label_index(header);
    let lists = choice_lists(sheets, path)?;
    let mut questions = Vec::new();
    let mut repeat_depth = 0usize;
    for (r, rec) in survey.iter().enumerate().skip(1) {
        let get = |i: usize| rec.get(i).unwrap_or("").trim();
        let ty = get(type_i).to_lowercase();
        let ty = ty.split_whitespace().collect::<Vec<_>>();
        let Some(&base) = ty.first() else { continue };
        match base {
            "begin_repeat" | "begin repeat" => {
                repeat_depth += 1;
                continue;
            }
            "end_repeat" | "end repeat" => {
                repeat_depth = repeat_depth.saturating_sub(1);
                continue;
            }
            _ => {}
        }
        let name = get(name_i);
        if name.is_empty() {
            continue;
        }
        let row = Row {
            number: r + 1,
            name,
            ty: &ty,
            lists: &lists,
            path,
        };
        let (kind, choices, note) = match repeat_depth {
            0 => row.kind()?,
            _ => (
                DefKind::Skip,
                Vec::new(),
                Some("in a repeat group (another sheet)".to_string()),
            ),
        };
        questions.push(DefQuestion {
            items: Vec::new(),
            name: name.to_string(),
            ids: Vec::new(),
            label: label_i.map(get).map(strip_html).unwrap_or_default(),
            kind,
            choices,
            note,
        });
    }
    Ok(Definition {
        path: path.to_path_buf(),
        kind: "XLSForm",
        questions,
    })
}

fn missing(path: &Path, what: &str, sheet: &str) -> Error {
    Error::input(
        path,
        format!("XLSForm sheet {sheet:?}, row 1: no {what:?} column"),
    )
}

/// The choices sheet's lists, each in sheet order (a choice without a label is named by its code).
fn choice_lists(sheets: &[Sheet], path: &Path) -> Result<BTreeMap<String, Vec<DefChoice>>> {
    let mut lists: BTreeMap<String, Vec<DefChoice>> = BTreeMap::new();
    let Some(ch) = sheet(sheets, "choices") else {
        return Ok(lists);
    };
    let Some(h) = ch.first() else {
        return Ok(lists);
    };
    let list_i = col_index(h, &["list_name", "list name"])
        .ok_or_else(|| missing(path, "list_name", "choices"))?;
    let cname_i =
        col_index(h, &["name", "value"]).ok_or_else(|| missing(path, "name", "choices"))?;
    let clabel_i = label_index(h);
    for rec in &ch[1..] {
        let get = |i: usize| rec.get(i).unwrap_or("").trim();
        let (list, name) = (get(list_i), get(cname_i));
        if list.is_empty() || name.is_empty() {
            continue;
        }
        let label = clabel_i.map(get).map(strip_html).unwrap_or_default();
        lists.entry(list.to_string()).or_default().push(DefChoice {
            code: name.to_string(),
            label: if label.is_empty() {
                name.to_string()
            } else {
                label
            },
            other: false,
        });
    }
    Ok(lists)
}

/// One survey-sheet row outside a repeat group.
struct Row<'a> {
    /// Its row number in the sheet (1-based).
    number: usize,
    name: &'a str,
    /// Its type's words, lowercased (`select_one yes_no or_other`).
    ty: &'a [&'a str],
    lists: &'a BTreeMap<String, Vec<DefChoice>>,
    path: &'a Path,
}

impl Row<'_> {
    /// What the row's type makes it: a choice question with its list, text, number, personal
    /// data, or skipped with the reason.
    fn kind(&self) -> Result<(DefKind, Vec<DefChoice>, Option<String>)> {
        let base = self.ty[0];
        Ok(match base {
            "select_one" => (DefKind::Single, self.choices()?, None),
            "select_multiple" => (DefKind::Multi, self.choices()?, None),
            "text" | "select_one_from_file" | "select_multiple_from_file" => {
                (DefKind::Text, Vec::new(), None)
            }
            "integer" | "decimal" | "range" => (DefKind::Numeric, Vec::new(), None),
            "geopoint" | "geotrace" | "geoshape" | "image" | "audio" | "video" | "file"
            | "barcode" | "deviceid" | "subscriberid" | "simserial" | "phonenumber"
            | "username" | "email" => (
                DefKind::Pii,
                Vec::new(),
                Some(format!("XLSForm {base}: identifies a person or device")),
            ),
            other => (DefKind::Skip, Vec::new(), Some(format!("XLSForm {other}"))),
        })
    }

    /// The choice list the type names, with "Other" added for `or_other`.
    fn choices(&self) -> Result<Vec<DefChoice>> {
        let (list, name) = (self.ty.get(1).copied().unwrap_or(""), self.name);
        let mut ch = self.lists.get(list).cloned().ok_or_else(|| {
            Error::input(
                self.path,
                format!(
                    "XLSForm sheet \"survey\", row {}: {name:?} uses choice list {list:?}, which the choices sheet does not define",
                    self.number
                ),
            )
        })?;
        if self.ty.contains(&"or_other") && !ch.iter().any(|c| c.code == "other") {
            ch.push(DefChoice {
                code: "other".into(),
                label: "Other".into(),
                other: true,
            });
        }
        Ok(ch)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rec(v: &[&str]) -> csv::StringRecord {
        csv::StringRecord::from(v.to_vec())
    }

    #[test]
    fn survey_and_choices() {
        let sheets = vec![
            (
                "survey".to_string(),
                vec![
                    rec(&["type", "name", "label::English (en)"]),
                    rec(&["start", "start", ""]),
                    rec(&["select_one yn", "consent", "Do you <b>agree</b>?"]),
                    rec(&["select_multiple why or_other", "reason", "Why?"]),
                    rec(&["begin_repeat", "kids", "Children"]),
                    rec(&["integer", "age", "Age"]),
                    rec(&["end_repeat", "", ""]),
                    rec(&["geopoint", "where", "Location"]),
                ],
            ),
            (
                "choices".to_string(),
                vec![
                    rec(&["list_name", "name", "label::English (en)"]),
                    rec(&["yn", "yes", "Yes"]),
                    rec(&["yn", "no", "No"]),
                    rec(&["why", "work", "Work"]),
                ],
            ),
        ];
        let d = parse(&sheets, Path::new("form.xlsx")).unwrap();
        let kinds = d.kinds();
        assert_eq!(
            kinds,
            [
                ("start", DefKind::Skip),
                ("consent", DefKind::Single),
                ("reason", DefKind::Multi),
                ("age", DefKind::Skip),
                ("where", DefKind::Pii)
            ]
        );
        assert_eq!(d.questions[1].label, "Do you agree?");
        let codes: Vec<(&str, bool)> = d.questions[2]
            .choices
            .iter()
            .map(|c| (c.code.as_str(), c.other))
            .collect();
        assert_eq!(codes, [("work", false), ("other", true)]);
    }

    #[test]
    fn unknown_list_is_an_error() {
        let sheets = vec![(
            "survey".to_string(),
            vec![
                rec(&["type", "name", "label"]),
                rec(&["select_one nope", "q", "Q"]),
            ],
        )];
        let e = parse(&sheets, Path::new("form.xlsx"))
            .unwrap_err()
            .to_string();
        assert!(e.contains("row 2") && e.contains("\"nope\""), "{e}");
    }
}
