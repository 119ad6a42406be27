//! REDCap data dictionary (CSV): one row per field; `Field Type` radio / dropdown / yesno /
//! truefalse (single), checkbox (multi), text / notes (text, or numeric with an integer/number
//! validation), calc / slider (numeric); choices written `"1, Label | 2, Label"`;
//! `Identifier?` = y marks PII fields.

use super::{col_index, strip_html, DefChoice, DefKind, DefQuestion, Definition};
use crate::error::{Error, Result};
use std::path::Path;

/// `"1, Label | 2, Label"` → choices (a label may contain commas).
pub fn choices(s: &str) -> Vec<DefChoice> {
    s.split('|')
        .filter_map(|part| {
            let (code, label) = part.split_once(',')?;
            Some(DefChoice {
                code: code.trim().to_string(),
                label: strip_html(label),
                other: false,
            })
        })
        .filter(|c| !c.code.is_empty())
        .collect()
}

pub fn parse(records: &[csv::StringRecord], path: &Path) -> Result<Definition> {
    let header = &records[0];
    let need = |names: &[&str]| -> Result<usize> {
        col_index(header, names).ok_or_else(|| {
            Error::input(
                path,
                format!(
                    "row 1: no {:?} column in the REDCap data dictionary",
                    names[0]
                ),
            )
        })
    };
    let name_i = need(&["Variable / Field Name", "field_name"])?;
    let type_i = need(&["Field Type", "field_type"])?;
    let label_i = need(&["Field Label", "field_label"])?;
    let choices_i = need(&[
        "Choices, Calculations, OR Slider Labels",
        "select_choices_or_calculations",
    ])?;
    let valid_i = col_index(
        header,
        &[
            "Text Validation Type OR Show Slider Number",
            "text_validation_type_or_show_slider_number",
        ],
    );
    let ident_i = col_index(header, &["Identifier?", "identifier"]);
    let mut questions = Vec::new();
    for (r, rec) in records.iter().enumerate().skip(1) {
        let get = |i: usize| rec.get(i).unwrap_or("").trim();
        let name = get(name_i);
        if name.is_empty() {
            continue;
        }
        let ftype = get(type_i).to_lowercase();
        let validation = valid_i.map(get).unwrap_or("").to_lowercase();
        let identifier = ident_i.is_some_and(|i| get(i).eq_ignore_ascii_case("y"));
        let (mut kind, mut ch, mut note) = field_kind(&ftype, &validation, get(choices_i))
            .ok_or_else(|| {
                Error::input(
                    path,
                    format!(
                        "row {}, column {}: unknown REDCap field type {ftype:?} for {name:?}",
                        r + 1,
                        crate::error::column_letters(type_i)
                    ),
                )
            })?;
        if identifier {
            kind = DefKind::Pii;
            ch.clear();
            note = Some("REDCap identifier field".into());
        }
        questions.push(DefQuestion {
            items: Vec::new(),
            name: name.to_string(),
            ids: Vec::new(),
            label: strip_html(get(label_i)),
            kind,
            choices: ch,
            note,
        });
    }
    Ok(Definition {
        path: path.to_path_buf(),
        kind: "REDCap data dictionary",
        questions,
    })
}

/// What a field type makes a question (with its choices, and a note when skipped); None for
/// a type REDCap does not have.
fn field_kind(
    ftype: &str,
    validation: &str,
    choice_text: &str,
) -> Option<(DefKind, Vec<DefChoice>, Option<String>)> {
    Some(match ftype {
        "radio" | "dropdown" => (DefKind::Single, choices(choice_text), None),
        "checkbox" => (DefKind::Multi, choices(choice_text), None),
        "yesno" => (DefKind::Single, choices("1, Yes | 0, No"), None),
        "truefalse" => (DefKind::Single, choices("1, True | 0, False"), None),
        "text" if validation.starts_with("integer") || validation.starts_with("number") => {
            (DefKind::Numeric, Vec::new(), None)
        }
        "text" | "notes" => (DefKind::Text, Vec::new(), None),
        "calc" | "slider" => (DefKind::Numeric, Vec::new(), None),
        "descriptive" | "file" | "sql" => (
            DefKind::Skip,
            Vec::new(),
            Some(format!("REDCap {ftype} field")),
        ),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dictionary_rows() {
        let csv = "\"Variable / Field Name\",\"Form Name\",\"Section Header\",\"Field Type\",\"Field Label\",\"Choices, Calculations, OR Slider Labels\",\"Field Note\",\"Text Validation Type OR Show Slider Number\",\"Text Validation Min\",\"Text Validation Max\",Identifier?\n\
record_id,f,,text,\"Study ID\",,,,,,\n\
email,f,,text,E-mail,,,email,,,y\n\
age,f,,text,\"Age (years)\",,,integer,,,\n\
race,f,,checkbox,\"Race <b>(all)</b>\",\"1, Asian | 2, Black, or African American\",,,,,\n\
ok,f,,yesno,Consent?,,,,,,\n";
        let (records, _) =
            crate::ingest::read_records(csv.as_bytes(), Path::new("dict.csv")).unwrap();
        let d = parse(&records, Path::new("dict.csv")).unwrap();
        let kinds = d.kinds();
        assert_eq!(
            kinds,
            [
                ("record_id", DefKind::Text),
                ("email", DefKind::Pii),
                ("age", DefKind::Numeric),
                ("race", DefKind::Multi),
                ("ok", DefKind::Single)
            ]
        );
        assert_eq!(d.questions[3].label, "Race (all)");
        assert_eq!(
            d.questions[3].choices[1].label,
            "Black, or African American"
        );
        assert_eq!(d.questions[3].choices[1].code, "2");
        assert_eq!(d.questions[4].choices[1].code, "0");
    }
}
