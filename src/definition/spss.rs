//! An SPSS data file's dictionary as a platform codebook: the .sav is its own definition, so
//! `init` drafts from it without `--definition`. A variable with value labels is a single
//! choice whose options are its labels in code order; a multiple-dichotomy set is a
//! multi-select of its variables; a battery of variables numbered under one stem and labelled
//! alike is a grid on their value labels, in code order (the order the file states). A variable
//! without value labels is a number where the file says its measurement level is scale, and
//! is otherwise drafted from its cells, as a CSV column is. Codes that share a label
//! are one option (the first code's), as the cells read them.

use super::{DefChoice, DefKind, DefQuestion, Definition};
use crate::error::{Error, Result};
use crate::ingest::spss::{
    read_metadata, set_label, value_labels_of, value_text, variable_label, Layout,
};
use ambers::SpssMetadata;
use std::path::Path;

/// The definition in the .sav at `path`.
pub fn from_file(path: &Path) -> Result<Definition> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    let meta = read_metadata(&bytes, path)?;
    Ok(from_metadata(&meta, path))
}

pub fn from_metadata(meta: &SpssMetadata, path: &Path) -> Definition {
    let layout = Layout::of(meta);
    let mut questions = Vec::new();
    for (set, vars) in layout.sets(meta) {
        let (heading, _, _) = layout.place(meta, &vars[0]);
        questions.push(question(
            &set,
            heading,
            DefKind::Multi,
            choices_of(meta, &vars),
        ));
    }
    // A multiple-category set: a multi-select of its categories (its variables' labels).
    for set in meta
        .mr_sets
        .values()
        .filter(|s| s.mr_type == ambers::MrType::MultipleCategory)
    {
        let label = set_label(set);
        let mut choices = scale(meta, &set.variables);
        for c in &mut choices {
            c.code = c.label.clone(); // its column's sub-heading
        }
        questions.push(question(&set.name, label, DefKind::Multi, choices));
    }
    for (stem, vars) in layout.grids(meta) {
        let mut q = question(&stem, String::new(), DefKind::Grid, scale(meta, &vars));
        q.items = choices_of(meta, &vars);
        questions.push(q);
    }
    for name in &meta.variable_names {
        let (_, sublabel, key) = layout.place(meta, name);
        if !sublabel.is_empty() || key != *name || layout.categories.contains(name) {
            continue; // an item or a choice of a question above
        }
        // Without value labels the values speak for themselves: drafted from the cells, as a
        // CSV's (free text, a single choice, a number, personal data by its shape).
        let labels = scale(meta, std::slice::from_ref(name));
        if !labels.is_empty() {
            questions.push(question(
                name,
                variable_label(meta, name),
                DefKind::Single,
                labels,
            ));
        } else if is_scale_number(meta, name) {
            // A number the file calls a scale measure (visits, age): a number, however few
            // values it takes.
            questions.push(question(
                name,
                variable_label(meta, name),
                DefKind::Numeric,
                Vec::new(),
            ));
        }
    }
    Definition {
        path: path.to_path_buf(),
        kind: "SPSS dictionary",
        questions,
    }
}

/// A numeric variable whose measurement level is scale.
fn is_scale_number(meta: &SpssMetadata, name: &str) -> bool {
    let numeric = meta.format(name).is_some_and(|f| !f.starts_with('A'));
    numeric && meta.measure(name) == Some(ambers::Measure::Scale)
}

fn question(name: &str, label: String, kind: DefKind, choices: Vec<DefChoice>) -> DefQuestion {
    DefQuestion {
        name: name.to_string(),
        ids: Vec::new(),
        label,
        kind,
        choices,
        items: Vec::new(),
        note: None,
    }
}

/// Each variable as a choice or an item: its name, its label.
fn choices_of(meta: &SpssMetadata, vars: &[String]) -> Vec<DefChoice> {
    vars.iter()
        .map(|v| DefChoice {
            code: v.clone(),
            label: variable_label(meta, v),
            other: false,
        })
        .collect()
}

/// The value labels of `vars`, in code order, each label once (its first code).
fn scale(meta: &SpssMetadata, vars: &[String]) -> Vec<DefChoice> {
    value_labels_of(meta, vars)
        .into_iter()
        .map(|(value, label)| DefChoice {
            code: value_text(&value),
            label,
            other: false,
        })
        .collect()
}
