//! SPSS data files (.sav, and .zsav compressed), the typed export every platform offers:
//! read with `ambers` (pure Rust, MIT). A .sav carries what a CSV makes `init` guess — each
//! variable's label, its value labels in code order, user-missing codes, multiple-response
//! sets — and [`crate::definition::spss`] drafts from it.
//!
//! Columns: one per variable, headed by its label (else its name), keyed by its name. A
//! labelled value is read as its label (the cell a choice-text export would hold); a value
//! without a label as its number; user-missing and system-missing values as blank. A
//! multiple-dichotomy set's variables are read as one multi-select block: headed by the set's
//! label, each variable a choice column holding its label when it has the counted value, blank
//! but shown otherwise. A run of variables numbered under one stem (`A1` … `A5`, `Q5_1` …)
//! that share value labels is read as a grid block: headed by the stem, each variable an item.

use super::{RawExport, Reader};
use crate::codebook::Format;
use crate::error::{Error, Result};
use ambers::{MissingSpec, MrType, SpssMetadata, Value};
use arrow_array::{Array, RecordBatch};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

pub struct Spss;

/// The magic numbers of a .sav and a .zsav file.
pub fn is_sav(bytes: &[u8]) -> bool {
    bytes.starts_with(b"$FL2") || bytes.starts_with(b"$FL3")
}

/// The most cells (rows × variables) a .sav may hold, as a workbook sheet: checked against the
/// cases its header declares before reading, and against the rows read (a header may declare
/// none, and compressed data may inflate a small file to any number of rows).
pub const MAX_CELLS: u64 = 50_000_000;

impl Reader for Spss {
    fn format(&self) -> Format {
        Format::Spss
    }

    /// Detected by its magic number, before anything is read as text.
    fn detects(&self, _head: &super::Head) -> bool {
        false
    }

    fn read(&self, bytes: &[u8], path: &Path) -> Result<RawExport> {
        let (batch, meta) = read_sav(bytes, path)?;
        let layout = Layout::of(&meta);
        let mut columns = super::Columns::default();
        let mut cells: Vec<Vec<String>> = vec![Vec::new(); batch.num_rows()];
        let mut shown = BTreeMap::new();
        // Each column's cells, pushed at the next position.
        let mut push = |heading: String,
                        sublabel: String,
                        key: String,
                        values: Vec<Option<String>>,
                        seen: bool| {
            let at = columns.list.len();
            if seen {
                shown.insert(at, values.iter().map(Option::is_some).collect());
            }
            for (row, v) in cells.iter_mut().zip(values) {
                row.push(v.unwrap_or_default());
            }
            columns.push(at, heading, sublabel, false, Some(key));
        };
        let mut in_category_sets: BTreeMap<&str, Vec<Option<String>>> = BTreeMap::new();
        // Each battery's scale: code → its label.
        let scales: BTreeMap<String, BTreeMap<String, String>> = layout
            .grids(&meta)
            .into_iter()
            .map(|(key, vars)| {
                let scale = code_labels(&meta, &vars)
                    .into_iter()
                    .map(|(v, l)| (value_text(&v), l))
                    .collect();
                (key, scale)
            })
            .collect();
        for name in &meta.variable_names {
            let Some(array) = batch.column_by_name(name) else {
                continue;
            };
            let scale = layout.grids.get(name).and_then(|key| scales.get(key));
            let values = column_values(&meta, name, scale, array.as_ref(), path)?;
            if layout.categories.contains(name) {
                in_category_sets.insert(name, values);
                continue;
            }
            let (heading, sublabel, key) = layout.place(&meta, name);
            match layout.counted.get(name) {
                Some(counted) => {
                    let ticks = values
                        .into_iter()
                        .map(|v| {
                            v.map(|v| {
                                if v == *counted {
                                    sublabel.clone()
                                } else {
                                    String::new()
                                }
                            })
                        })
                        .collect();
                    push(heading, sublabel, key, ticks, true);
                }
                None => push(heading, sublabel, key, values, false),
            }
        }
        // A multiple-category set: a choice column per category, ticked where any of the
        // set's variables holds it.
        for set in meta
            .mr_sets
            .values()
            .filter(|s| s.mr_type == MrType::MultipleCategory)
        {
            let vars: Vec<&Vec<Option<String>>> = set
                .variables
                .iter()
                .filter_map(|v| in_category_sets.get(v.as_str()))
                .collect();
            for (category, ticks) in category_ticks(&meta, set, &vars, batch.num_rows()) {
                push(set_label(set), category, set.name.clone(), ticks, true);
            }
        }
        let records: Vec<csv::StringRecord> =
            cells.into_iter().map(csv::StringRecord::from).collect();
        let warnings = meta
            .warnings
            .iter()
            .map(|w| format!("{}: {w}", path.display()))
            .collect();
        let rows = records.len();
        Ok(super::raw_export(
            path,
            Format::Spss,
            0,
            columns.list,
            &records,
            warnings,
            vec![None; rows],
        )?
        .with_shown(shown))
    }
}

/// The most cases a file of `variables` variables may hold within [`MAX_CELLS`].
fn most_rows(variables: usize) -> u64 {
    MAX_CELLS / variables.max(1) as u64
}

/// The file's data and dictionary; a clear error for a damaged or hostile file.
pub fn read_sav(bytes: &[u8], path: &Path) -> Result<(RecordBatch, SpssMetadata)> {
    let meta = read_metadata(bytes, path)?;
    let declared = meta.number_rows.unwrap_or(0).max(0) as u64;
    if declared > most_rows(meta.number_columns) {
        return Err(Error::input(
            path,
            format!(
                "the SPSS file declares {declared} cases of {} variables: more than shelfstat reads ({MAX_CELLS} cells); is it damaged?",
                meta.number_columns
            ),
        ));
    }
    // The reader panics on some damaged files (fuzzing: a negative label length): guarded.
    super::guard::guarded(|| {
        let mut scanner = ambers::scan_sav_from_reader(std::io::Cursor::new(bytes), usize::MAX)
            .map_err(|e| damaged(path, e))?;
        let most_rows = most_rows(meta.number_columns);
        scanner.limit(most_rows.saturating_add(1) as usize);
        let batch = scanner.collect_single().map_err(|e| damaged(path, e))?;
        if batch.num_rows() as u64 > most_rows {
            return Err(Error::input(
                path,
                format!(
                    "the SPSS file holds more than {most_rows} cases of {} variables: more than shelfstat reads ({MAX_CELLS} cells)",
                    meta.number_columns
                ),
            ));
        }
        Ok((batch, scanner.metadata().clone()))
    })
    .map_err(|e| damaged(path, format!("the reader stopped: {e}")))?
}

/// The dictionary alone (variables, labels, value labels, sets): what `init` drafts from.
pub fn read_metadata(bytes: &[u8], path: &Path) -> Result<SpssMetadata> {
    super::guard::guarded(|| {
        let scanner = ambers::scan_sav_from_reader(std::io::Cursor::new(bytes), 0)
            .map_err(|e| damaged(path, e))?;
        Ok(scanner.metadata().clone())
    })
    .map_err(|e| damaged(path, format!("the reader stopped: {e}")))?
}

fn damaged(path: &Path, e: impl std::fmt::Display) -> Error {
    Error::input(
        path,
        format!(
            "not a readable SPSS data file ({e}); save it again from SPSS or PSPP, or export CSV"
        ),
    )
}

/// A set's label, else its name.
pub fn set_label(set: &ambers::MrSet) -> String {
    match set.label.trim().is_empty() {
        true => set.name.clone(),
        false => set.label.clone(),
    }
}

/// Each category of a multiple-category set with its tick column: the category where any of
/// the set's variables (`vars`, their cells) holds it, blank where another, none where none.
fn category_ticks(
    meta: &SpssMetadata,
    set: &ambers::MrSet,
    vars: &[&Vec<Option<String>>],
    rows: usize,
) -> Vec<(String, Vec<Option<String>>)> {
    categories(meta, &set.variables, vars)
        .into_iter()
        .map(|category| {
            let ticks = (0..rows)
                .map(|r| {
                    let held: Vec<&str> = vars.iter().filter_map(|v| v[r].as_deref()).collect();
                    (!held.is_empty()).then(|| match held.contains(&category.as_str()) {
                        true => category.clone(),
                        false => String::new(),
                    })
                })
                .collect();
            (category, ticks)
        })
        .collect()
}

/// A multiple-category set's categories as its cells read: the value labels of its variables
/// in code order, then values without a label in order of appearance.
fn categories(meta: &SpssMetadata, names: &[String], vars: &[&Vec<Option<String>>]) -> Vec<String> {
    let mut out: Vec<String> = value_labels_of(meta, names)
        .into_iter()
        .map(|(_, l)| l)
        .collect();
    for v in vars.iter().flat_map(|v| v.iter().flatten()) {
        if !v.is_empty() && !out.contains(v) {
            out.push(v.clone());
        }
    }
    out
}

/// A variable's user-missing values.
fn missing_of<'m>(meta: &'m SpssMetadata, name: &str) -> &'m [MissingSpec] {
    meta.variable_missing_values
        .get(name)
        .map(Vec::as_slice)
        .unwrap_or(&[])
}

/// Each code of `vars` with its label (the first variable's that labels it), in code order:
/// user-missing codes left out; between labelled whole numbers, the codes without a label as
/// their number ("1 Very important, 2, 3 Somewhat, 4, 5 Not at all").
pub fn code_labels(meta: &SpssMetadata, vars: &[String]) -> Vec<(Value, String)> {
    let mut by_code: BTreeMap<Value, String> = BTreeMap::new();
    for v in vars {
        for (value, label) in meta.value_labels(v).into_iter().flatten() {
            let label = label.trim().to_string();
            if !label.is_empty() && !user_missing(missing_of(meta, v), value) {
                by_code.entry(value.clone()).or_insert(label);
            }
        }
    }
    let whole: Option<Vec<i64>> = by_code
        .keys()
        .map(|v| match v {
            Value::Numeric(x) if x.fract() == 0.0 && x.abs() <= 1e6 => Some(*x as i64),
            _ => None,
        })
        .collect();
    if let Some(codes) = whole {
        for x in scale_gaps(&codes) {
            let v = Value::Numeric(x as f64);
            let text = value_text(&v);
            by_code.entry(v).or_insert(text);
        }
    }
    by_code.into_iter().collect()
}

/// The unlabelled codes inside a scale whose labels are evenly spaced (1, 3, 5 or 0 … 10 with
/// labelled ends: 2 and 4, or 1 … 9), leaving out up to three far codes after the widest gap
/// (1 … 5 beside 8 Refused, 9 Don't know: nothing to fill). At most 20 codes are spanned.
fn scale_gaps(codes: &[i64]) -> Vec<i64> {
    let gaps: Vec<i64> = codes.windows(2).map(|w| w[1] - w[0]).collect();
    let widest = gaps.iter().copied().max().unwrap_or(0);
    let mut run = codes;
    if let Some(at) = gaps.iter().position(|&g| g == widest) {
        let unique = gaps.iter().filter(|&&g| g == widest).count() == 1;
        if unique && codes.len() - (at + 1) <= 3 && at + 1 >= 2 {
            run = &codes[..=at];
        }
    }
    let step = match run {
        [a, b, ..] => b - a,
        _ => return Vec::new(),
    };
    let even = run.windows(2).all(|w| w[1] - w[0] == step);
    let (lo, hi) = (run[0], run[run.len() - 1]);
    if !even || step < 2 || hi - lo > 20 {
        return Vec::new();
    }
    (lo..=hi).filter(|x| !run.contains(x)).collect()
}

/// The value labels of `vars` as a scale's points: [`code_labels`], each label once (its
/// first code; spelt alike but for case, one label).
pub fn value_labels_of(meta: &SpssMetadata, vars: &[String]) -> Vec<(Value, String)> {
    let mut out: Vec<(Value, String)> = Vec::new();
    for (v, l) in code_labels(meta, vars) {
        if !out
            .iter()
            .any(|(_, o)| o.to_lowercase() == l.to_lowercase())
        {
            out.push((v, l));
        }
    }
    out
}

/// Where each variable goes: its block (heading, key) and its sub-heading.
#[derive(Default)]
pub struct Layout {
    /// Variables of a multiple-category set (read through their set's categories).
    pub categories: BTreeSet<String>,
    /// Variable → (set name, set label) of a multiple-dichotomy set.
    sets: BTreeMap<String, (String, String)>,
    /// Variable → its set's counted value, as the cells are written.
    counted: BTreeMap<String, String>,
    /// Variable → stem of the grid it is an item of.
    grids: BTreeMap<String, String>,
}

impl Layout {
    pub fn of(meta: &SpssMetadata) -> Layout {
        let mut layout = Layout::default();
        for set in meta.mr_sets.values() {
            if set.mr_type == MrType::MultipleCategory {
                layout.categories.extend(set.variables.iter().cloned());
                continue;
            }
            let counted = set.counted_value.clone().unwrap_or_else(|| "1".into());
            for v in &set.variables {
                let label = set_label(set);
                layout.sets.insert(v.clone(), (set.name.clone(), label));
                // The cell holds the counted value's label when it has one.
                let shown = meta
                    .value_labels(v)
                    .and_then(|l| l.iter().find(|(k, _)| value_text(k) == counted))
                    .map_or(counted.clone(), |(_, l)| l.trim().to_string());
                layout.counted.insert(v.clone(), shown);
            }
        }
        let taken: BTreeMap<String, (String, String)> = layout
            .categories
            .iter()
            .map(|v| (v.clone(), Default::default()))
            .chain(layout.sets.clone())
            .collect();
        let runs = grid_runs(meta, &taken);
        let stem_of = |run: &[String]| stem(&run[0]).expect("a run has a stem").to_string();
        for run in &runs {
            // Named by its stem, or by its first and last item when the stem has several runs
            // (or when a variable bears the stem's name: `Q5` beside `Q5_1` … `Q5_5`).
            let stem = stem_of(run);
            let key = match meta.variable_names.contains(&stem)
                || runs.iter().filter(|r| stem_of(r) == stem).count() > 1
            {
                true => format!("{}-{}", run[0], run[run.len() - 1]),
                false => stem,
            };
            for v in run {
                layout.grids.insert(v.clone(), key.clone());
            }
        }
        layout
    }

    /// (heading, sub-heading, key) of variable `name`.
    pub fn place(&self, meta: &SpssMetadata, name: &str) -> (String, String, String) {
        let label = variable_label(meta, name);
        if let Some((set, set_label)) = self.sets.get(name) {
            return (set_label.clone(), label, set.clone());
        }
        if let Some(stem) = self.grids.get(name) {
            return (stem.clone(), label, stem.clone());
        }
        (label, String::new(), name.to_string())
    }

    /// The grids: stem → its item variables, in file order.
    pub fn grids(&self, meta: &SpssMetadata) -> BTreeMap<String, Vec<String>> {
        let mut out: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for v in &meta.variable_names {
            if let Some(stem) = self.grids.get(v) {
                out.entry(stem.clone()).or_default().push(v.clone());
            }
        }
        out
    }

    /// The multiple-dichotomy sets: name → its variables.
    pub fn sets(&self, meta: &SpssMetadata) -> BTreeMap<String, Vec<String>> {
        let mut out: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for v in &meta.variable_names {
            if let Some((set, _)) = self.sets.get(v) {
                out.entry(set.clone()).or_default().push(v.clone());
            }
        }
        out
    }
}

/// A variable's label, else its name.
pub fn variable_label(meta: &SpssMetadata, name: &str) -> String {
    meta.label(name)
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .unwrap_or(name)
        .to_string()
}

/// `A` of `A1`, `Q5` of `Q5_1`: a name's stem before its item number.
fn stem(name: &str) -> Option<&str> {
    let digits = name.trim_end_matches(|c: char| c.is_ascii_digit());
    if digits.len() == name.len() {
        return None;
    }
    let stem = digits.trim_end_matches('_');
    (!stem.is_empty()).then_some(stem)
}

/// Runs of two or more consecutive labelled variables numbered under one stem whose codes
/// mostly carry the same labels (a battery rated on one scale), outside the multiple-response
/// sets, and not all measured as nominal (two votes on one party list are not a scale).
fn grid_runs(meta: &SpssMetadata, sets: &BTreeMap<String, (String, String)>) -> Vec<Vec<String>> {
    let labels = |v: &str| -> BTreeSet<String> {
        code_labels(meta, &[v.to_string()])
            .into_iter()
            .map(|(c, l)| format!("{}={}", value_text(&c), l.to_lowercase()))
            .collect()
    };
    let mut runs: Vec<Vec<String>> = Vec::new();
    let mut run: Vec<String> = Vec::new();
    let close = |run: &mut Vec<String>, runs: &mut Vec<Vec<String>>| {
        if run.len() >= 2 {
            runs.push(std::mem::take(run));
        }
        run.clear();
    };
    for v in &meta.variable_names {
        let fits = !sets.contains_key(v)
            && labels(v).len() >= 2
            && stem(v).is_some()
            && run.last().is_none_or(|last| {
                let (a, b) = (labels(last), labels(v));
                stem(last) == stem(v) && a.intersection(&b).count() * 2 >= a.len().max(b.len())
            });
        if !fits {
            close(&mut run, &mut runs);
        }
        let starts = !sets.contains_key(v) && labels(v).len() >= 2 && stem(v).is_some();
        if fits || starts {
            run.push(v.clone());
        }
    }
    close(&mut run, &mut runs);
    runs.retain(|run| {
        !run.iter().all(|v| {
            matches!(
                meta.variable_measures.get(v),
                Some(ambers::Measure::Nominal)
            )
        })
    });
    runs
}

/// A value as a cell writes it: a whole number without ".0".
pub fn value_text(v: &Value) -> String {
    v.to_string()
}

fn number_text(x: f64) -> String {
    Value::Numeric(x).to_string()
}

/// Whether `x` is one of the variable's user-missing values.
fn user_missing(specs: &[MissingSpec], x: &Value) -> bool {
    specs.iter().any(|s| match (s, x) {
        (MissingSpec::Value(m), Value::Numeric(x)) => m == x,
        (MissingSpec::Range { lo, hi }, Value::Numeric(x)) => lo <= x && x <= hi,
        (MissingSpec::StringValue(m), Value::String(x)) => m.trim_end() == x.trim_end(),
        _ => false,
    })
}

/// A variable's cells: its labels where labelled, else its values; None where missing.
/// A battery's items read each code as the battery's label for it (`scale`), so a label spelt
/// two ways, or missing on one item, is one point.
fn column_values(
    meta: &SpssMetadata,
    name: &str,
    scale: Option<&BTreeMap<String, String>>,
    array: &dyn Array,
    path: &Path,
) -> Result<Vec<Option<String>>> {
    let missing = missing_of(meta, name);
    let labels: BTreeMap<String, String> = code_labels(meta, &[name.to_string()])
        .into_iter()
        .map(|(v, l)| (value_text(&v), l))
        .collect();
    let label_of =
        |v: &Value| -> Option<String> { scale.unwrap_or(&labels).get(&value_text(v)).cloned() };
    let cell = |v: Value| -> Option<String> {
        if user_missing(missing, &v) {
            return None;
        }
        Some(label_of(&v).unwrap_or_else(|| match &v {
            Value::Numeric(x) => number_text(*x),
            Value::String(s) => s.trim().to_string(),
        }))
    };
    if let Some(a) = array.as_any().downcast_ref::<arrow_array::Float64Array>() {
        return Ok(a
            .iter()
            .map(|x| x.and_then(|x| cell(Value::Numeric(x))))
            .collect());
    }
    let text = |s: Option<&str>| {
        s.and_then(|s| cell(Value::String(s.to_string())))
            .filter(|s| !s.is_empty())
    };
    if let Some(a) = array
        .as_any()
        .downcast_ref::<arrow_array::StringViewArray>()
    {
        return Ok(a.iter().map(text).collect());
    }
    if let Some(a) = array.as_any().downcast_ref::<arrow_array::StringArray>() {
        return Ok(a.iter().map(text).collect());
    }
    // Dates, times and durations: as arrow writes them (bookkeeping, not answers).
    let options = arrow_cast::display::FormatOptions::default();
    let formatter = arrow_cast::display::ArrayFormatter::try_new(array, &options)
        .map_err(|e| Error::input(path, format!("variable {name:?}: {e}")))?;
    Ok((0..array.len())
        .map(|i| (!array.is_null(i)).then(|| formatter.value(i).to_string()))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cell_limit_bounds_the_cases_by_the_variables() {
        assert_eq!(most_rows(0), 50_000_000);
        assert_eq!(most_rows(1), 50_000_000);
        assert_eq!(most_rows(10_000), 5_000);
        assert_eq!(most_rows(60_000_000), 0);
    }

    #[test]
    fn only_evenly_spaced_scale_labels_are_filled_between() {
        assert_eq!(scale_gaps(&[1, 3, 5]), vec![2, 4]);
        assert_eq!(scale_gaps(&[1, 3, 5, 9]), vec![2, 4]);
        assert_eq!(scale_gaps(&[0, 10, 99]), (1..=9).collect::<Vec<_>>());
        assert!(scale_gaps(&[1, 2, 3, 4, 5, 9]).is_empty());
        assert!(scale_gaps(&[1, 2, 3, 4, 5, 8, 9]).is_empty());
        assert!(scale_gaps(&[1, 2, 3, 9]).is_empty());
        assert!(scale_gaps(&[1, 2, 9]).is_empty());
        assert!(scale_gaps(&[0, 50, 100]).is_empty());
    }
}
