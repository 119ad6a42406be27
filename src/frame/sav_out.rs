//! `tidy/responses.sav`: the tidy frame for SPSS, PSPP, R (haven) and Python (pyreadstat) —
//! exactly the columns of the tidy CSV, in its order, each with what the codebook knows of it:
//! a variable label (the question text; an item's or option's label after it), value labels
//! (options, scale points, countries), a measurement level, the not-applicable points of a
//! scale as user-missing codes, each multi-select's options as a multiple-dichotomy set
//! (counted value 1), and `_weight` as the file's weight variable (said in the documents record).
//!
//! Values are the tidy CSV's: a choice column whose option codes are all whole numbers is
//! numeric (SPSS users expect `1` … `5` on a scale), any other is a string holding the code;
//! a flag is 1 / 0; no answer is system-missing (blank for a string). SPSS names may not start
//! with `_` or a digit, may not be a reserved word, and are unique ignoring case: [`spss_names`]
//! renames what must be renamed, and the documents record lists each renaming.

use super::sav_data::Coding;
use crate::codebook::{Codebook, Question, Shape};
use crate::error::{Error, Result};
use crate::names;
use ambers::{Alignment, Compression, Measure, MissingSpec, MrSet, MrType, SpssMetadata, Value};
use arrow_array::{ArrayRef, Float64Array, RecordBatch, StringArray};
use polars::prelude::*;
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

/// SPSS's reserved words: no variable may be named so (any case).
const RESERVED: [&str; 13] = [
    "all", "and", "by", "eq", "ge", "gt", "le", "lt", "ne", "not", "or", "to", "with",
];
/// The longest variable name SPSS reads, in bytes.
const NAME_MAX: usize = 64;
/// The fixed creation time written in the header: the same responses give the same bytes.
const CREATED: &str = "2000-01-01 00:00:00";

/// What the codebook says of one tidy column.
#[derive(Default)]
struct Var {
    label: String,
    /// Value labels keyed by the value as the tidy CSV writes it.
    values: Vec<(String, String)>,
    /// Codes that are no answer on the scale (not-applicable points).
    missing: Vec<String>,
    measure: Option<Measure>,
    /// A grid on a scale coded in words: the number each code is written as (its score; the
    /// not-applicable points 99, 98 …).
    scores: Option<BTreeMap<String, f64>>,
}

impl Var {
    fn labelled(label: impl Into<String>) -> Var {
        Var {
            label: label.into(),
            ..Var::default()
        }
    }
    fn flag(label: impl Into<String>, no: &str, yes: &str) -> Var {
        Var {
            label: label.into(),
            values: vec![("0".into(), no.into()), ("1".into(), yes.into())],
            measure: Some(Measure::Nominal),
            ..Var::default()
        }
    }
    fn choice(label: impl Into<String>, q: &Question, ordered: bool) -> Var {
        Var {
            label: label.into(),
            values: (q.all_options())
                .map(|o| (o.code().to_string(), o.label().to_string()))
                .collect(),
            missing: (q.all_options())
                .filter(|o| o.not_applicable)
                .map(|o| o.code().to_string())
                .collect(),
            measure: Some(if ordered {
                Measure::Ordinal
            } else {
                Measure::Nominal
            }),
            scores: None,
        }
    }
}

/// Which of a question's tidy columns a variable is: the question's own, one of its flags,
/// or one per option or item.
enum Col<'q> {
    Own,
    Flag(&'static str),
    Part(&'q str),
    /// An option given by back-coding the "other" answer.
    BackCoded(&'q str),
    /// A code as the rules or a human coder gave it.
    CodedBy(&'q str, &'static str),
}

/// The variables a question's tidy columns are, by column name: what each shape has, then
/// named as the tidy frame names them (in one place).
fn question_vars(q: &Question, frame: &DataFrame, out: &mut BTreeMap<String, Var>) {
    let id = q.id();
    for (col, var) in shape_vars(q, frame) {
        let name = match col {
            Col::Own => id.to_string(),
            Col::Flag(f) => names::flag(id, f),
            Col::Part(code) => names::option(id, code),
            Col::BackCoded(code) => names::backcoded(id, code),
            Col::CodedBy(code, who) => names::coded_by(id, code, who),
        };
        out.insert(name, var);
    }
}

/// The variables of a question's shape, each with the column it describes.
fn shape_vars<'q>(q: &'q Question, frame: &DataFrame) -> Vec<(Col<'q>, Var)> {
    let text = q.text();
    let answered = || Var::flag(format!("{text} (answered)"), "No", "Yes");
    let mut vars = match q.kind.shape() {
        Shape::OneOf => vec![(Col::Own, Var::choice(text, q, false))],
        Shape::AnyOf => {
            let shown = Var::flag(format!("{text} (shown)"), "No", "Yes");
            let mut v = vec![
                (Col::Flag(names::ANSWERED), answered()),
                (Col::Flag(names::SHOWN), shown),
            ];
            for o in q.all_options() {
                let var = Var::flag(format!("{text}: {}", o.label()), "Not ticked", o.label());
                v.push((Col::Part(o.code()), var));
            }
            v
        }
        // A text question with a codeframe keeps a flag per code instead of its text.
        Shape::Text if !q.codes.is_empty() => {
            let mut v = vec![(Col::Flag(names::ANSWERED), answered())];
            for part in &q.codes {
                let var = Var::flag(
                    format!("{text}: {}", part.label()),
                    "Not coded",
                    part.label(),
                );
                v.push((Col::Part(part.code()), var));
            }
            let who = std::iter::once(names::RULES).chain(crate::codebook::human_codes::CODERS);
            let coders = q.human.as_ref().map_or(0, |h| 1 + h.coders);
            for w in who.take(coders) {
                for part in &q.codes {
                    let label = format!("{text}: {} (by {w})", part.label());
                    v.push((
                        Col::CodedBy(part.code(), w),
                        Var::flag(label, "Not coded", part.label()),
                    ));
                }
            }
            v
        }
        Shape::Text => vec![
            (Col::Flag(names::ANSWERED), answered()),
            (Col::Own, Var::labelled(text)),
        ],
        Shape::Country => {
            let mut codes = Var::labelled(format!("{text} (ISO 3166 code)"));
            codes.measure = Some(Measure::Nominal);
            codes.values = distinct_texts(frame, q.id())
                .into_iter()
                .map(|c| {
                    let name = crate::country::display_name(&c);
                    (c, name)
                })
                .collect();
            let mut v = vec![(Col::Own, codes)];
            for (flag, what) in [
                (names::NAME, "country"),
                (names::RAW, "as answered"),
                (names::REGION, "region"),
                (names::SUBREGION, "sub-region"),
            ] {
                v.push((Col::Flag(flag), Var::labelled(format!("{text} ({what})"))));
            }
            v
        }
        Shape::Number => {
            let mut var = Var::labelled(text);
            var.measure = Some(Measure::Scale);
            vec![(Col::Own, var)]
        }
        Shape::Rated => {
            // A scale whose order is still to be confirmed is not declared ordinal.
            let ordered = q.check.is_empty();
            let scores = grid_scores(q);
            (q.items.iter())
                .map(|item| {
                    let mut var = Var::choice(format!("{text}: {}", item.label()), q, ordered);
                    var.scores = scores.clone();
                    (Col::Part(item.code()), var)
                })
                .collect()
        }
        Shape::Ranked => (q.items.iter())
            .map(|item| {
                let mut var = Var::labelled(format!("{text}: {} (rank)", item.label()));
                var.measure = Some(Measure::Ordinal);
                (Col::Part(item.code()), var)
            })
            .collect(),
    };
    // A choice question whose "other" answers are back-coded says what moved.
    if q.has_choices() && !q.codes.is_empty() {
        let moved = Var::flag(format!("{text} (other back-coded)"), "No", "Yes");
        vars.push((Col::Flag(names::BACKCODED), moved));
        for part in &q.codes {
            let label = q.option(part.code()).map_or(part.label(), |o| o.label());
            let var = Var::flag(format!("{text}: {label} (back-coded)"), "No", "Yes");
            vars.push((Col::BackCoded(part.code()), var));
        }
    }
    vars
}

/// A grid's codes as numbers, where they are words: each scored point its score (what the
/// report's mean uses), each not-applicable point 99, 98 … (past every score); None when the
/// codes are numbers already or two points share a score.
fn grid_scores(q: &Question) -> Option<BTreeMap<String, f64>> {
    let scale = q.scale();
    if numeric_codes(scale.iter().map(|p| p.code.as_str())) {
        return None;
    }
    let scores: Vec<f64> = scale.iter().filter_map(|p| p.score).collect();
    let distinct: BTreeSet<u64> = scores.iter().map(|s| s.to_bits()).collect();
    if distinct.len() < scores.len() || scores.iter().any(|s| !s.is_finite()) {
        return None;
    }
    let mut top = 99.0;
    while scores.iter().any(|s| s.abs() > top - 10.0) {
        top = top * 10.0 + 9.0;
    }
    let mut next_missing = top;
    let map = (scale.iter())
        .map(|p| {
            let n = p.score.unwrap_or_else(|| {
                next_missing -= 1.0;
                next_missing + 1.0
            });
            (p.code.clone(), n)
        })
        .collect();
    Some(map)
}

/// The distinct texts of a string column, sorted (each found once, then copied).
fn distinct_texts(frame: &DataFrame, name: &str) -> BTreeSet<String> {
    let Some(s) = frame.column(name).ok().and_then(|c| c.str().ok()) else {
        return BTreeSet::new();
    };
    let found: std::collections::HashSet<&str, foldhash::fast::FixedState> =
        s.iter().flatten().collect();
    found.into_iter().map(str::to_string).collect()
}

/// Whether every code is a whole number written as SPSS would print it back (`3`, not `03`).
fn numeric_codes<'a>(mut codes: impl Iterator<Item = &'a str>) -> bool {
    codes.all(|c| {
        c.parse::<i64>()
            .is_ok_and(|n| n.to_string() == c && n.unsigned_abs() < 1 << 53)
    })
}

/// An SPSS name for each tidy column name, in order: `_x` becomes `@x`, a name starting with a
/// digit gains a leading `v`, a reserved word a trailing `_q`; a name past 64 bytes is cut;
/// a name equal to an earlier one ignoring case gains `_2`, `_3` …
pub fn spss_names<'a>(tidy: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let mut taken: BTreeSet<String> = BTreeSet::new();
    tidy.into_iter()
        .map(|t| {
            let mut n = match t.strip_prefix('_') {
                Some(rest) => format!("@{rest}"),
                None if t.starts_with(|c: char| c.is_ascii_digit()) => format!("v{t}"),
                None => t.to_string(),
            };
            if RESERVED.contains(&n.to_ascii_lowercase().as_str()) {
                n.push_str("_q");
            }
            n.truncate(NAME_MAX);
            let base = n.clone();
            let mut k = 2;
            while taken.contains(&n.to_ascii_lowercase()) {
                let suffix = format!("_{k}");
                n = format!(
                    "{}{suffix}",
                    &base[..base.len().min(NAME_MAX - suffix.len())]
                );
                k += 1;
            }
            taken.insert(n.to_ascii_lowercase());
            n
        })
        .collect()
}

/// A column as an Arrow array, coded as `coding` says; flags as 1 / 0; every number as f64.
fn array(c: &Column, coding: &Coding) -> Result<ArrayRef> {
    Ok(match (c.dtype(), coding) {
        (DataType::String, Coding::Text) => {
            Arc::new(StringArray::from(c.str()?.iter().collect::<Vec<_>>()))
        }
        (DataType::String, Coding::Number) => Arc::new(Float64Array::from(
            (c.str()?.iter())
                .map(|v| v.and_then(|v| v.parse::<f64>().ok()))
                .collect::<Vec<_>>(),
        )),
        (DataType::String, Coding::Recoded(m)) => Arc::new(Float64Array::from(
            (c.str()?.iter())
                .map(|v| v.and_then(|v| m.get(v).copied()))
                .collect::<Vec<_>>(),
        )),
        (DataType::Boolean, _) => Arc::new(Float64Array::from(
            (c.bool()?.iter())
                .map(|v| v.map(|b| b as u8 as f64))
                .collect::<Vec<_>>(),
        )),
        _ => {
            let f = c.cast(&DataType::Float64)?;
            Arc::new(Float64Array::from(f.f64()?.iter().collect::<Vec<_>>()))
        }
    })
}

/// A value label's or missing code's key, as the column is coded.
fn key(code: &str, coding: &Coding) -> Value {
    match coding {
        Coding::Text => Value::String(code.to_string()),
        Coding::Number => match code.parse::<f64>() {
            Ok(n) => Value::Numeric(n),
            Err(_) => Value::String(code.to_string()),
        },
        Coding::Recoded(m) => match m.get(code) {
            Some(&n) => Value::Numeric(n),
            None => Value::String(code.to_string()),
        },
    }
}

/// The SPSS display format of a column: the widest string (and its width), or a number with
/// as many decimals as its values need (at most 6).
fn format(c: &Column, is_string: bool) -> Result<(String, Option<usize>)> {
    if is_string {
        let widest = (c.str()?.iter().flatten().map(str::len).max()).unwrap_or(1);
        let width = widest.clamp(1, 32767);
        return Ok((format!("A{width}"), Some(width)));
    }
    if !matches!(c.dtype(), DataType::Float64 | DataType::Float32) {
        return Ok(("F8.0".into(), None));
    }
    let decimals = (c.f64()?.iter().flatten())
        .map(|v| {
            (0..6)
                .find(|&d| ((v * 10f64.powi(d)).fract()).abs() < 1e-9)
                .unwrap_or(6)
        })
        .max()
        .unwrap_or(0);
    Ok((format!("F{}.{decimals}", 10 + decimals), None))
}

/// What the .sav says of the tidy columns, taken from the codebook when the frame is built.
#[derive(Default)]
pub struct Dictionary {
    /// By tidy column name.
    vars: BTreeMap<String, Var>,
    /// Each multi-select: its id, text and option columns (tidy names).
    multis: Vec<(String, String, Vec<String>)>,
    /// The survey's title and wave.
    title: String,
    wave: String,
}

/// The dictionary of `frame`, the tidy responses of `cb`.
pub(crate) fn dictionary(cb: &Codebook, frame: &DataFrame) -> Dictionary {
    let mut vars = BTreeMap::new();
    for q in &cb.questions {
        question_vars(q, frame, &mut vars);
    }
    vars.insert(names::RESPONDENT_ID.into(), Var::labelled("Respondent id"));
    let mut weight = Var::labelled("Survey weight");
    weight.measure = Some(Measure::Scale);
    vars.insert(names::WEIGHT.into(), weight);
    let multis = (cb.questions.iter())
        .filter(|q| q.kind.shape() == Shape::AnyOf)
        .map(|q| {
            let options = (q.all_options())
                .map(|o| names::option(q.id(), o.code()))
                .collect();
            (q.id().to_string(), q.text().to_string(), options)
        })
        .collect();
    Dictionary {
        vars,
        multis,
        title: cb.survey.title.clone(),
        wave: cb.survey.wave.clone(),
    }
}

/// The .sav bytes of `frame`, described by `dict`.
pub(crate) fn sav(frame: &DataFrame, dict: &Dictionary) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    write_sav(frame, dict, &mut out)?;
    Ok(out)
}

/// The .sav file of `frame` written to `w`: the dictionary as `ambers` writes it (mended), the
/// data records by [`super::sav_data`]; a file with a string longer than 255 bytes (which SPSS
/// stores in segments) is written whole by `ambers`.
pub(crate) fn write_sav(
    frame: &DataFrame,
    dict: &Dictionary,
    w: &mut dyn std::io::Write,
) -> Result<()> {
    use super::sav_data::unwritten;
    let plan = plan(frame, dict)?;
    let vars: Option<Vec<super::sav_data::Var>> = (plan.columns.iter())
        .map(|(c, coding, width)| {
            let slots = match width {
                None => 1,
                Some(w) if *w <= 255 => w.div_ceil(8),
                Some(_) => return None,
            };
            Some(super::sav_data::Var {
                column: c,
                coding,
                slots,
            })
        })
        .collect();
    let Some(vars) = vars else {
        let bytes = written(&plan, frame.height())?;
        return super::sav_records::mend_into(&bytes, w).map_err(unwritten);
    };
    let mut head = written(&plan, 0)?;
    // Without rows ambers ends the dictionary with one group: the end-of-data opcode.
    let eod = head.split_off(head.len().saturating_sub(8));
    let slots = head
        .get(68..72)
        .map(|b| i32::from_le_bytes(b.try_into().expect("4 bytes")));
    let per_row: usize = vars.iter().map(|v| v.slots).sum();
    let rows = i32::try_from(frame.height())
        .map_err(|_| Error::Other("the tidy .sav holds at most 2^31 - 1 rows".into()))?;
    if eod != [252, 0, 0, 0, 0, 0, 0, 0] || slots != Some(per_row as i32) {
        return Err(Error::Internal(
            "the tidy .sav's dictionary is not laid out as its data".into(),
        ));
    }
    // The header's case count (at byte 80).
    head[80..84].copy_from_slice(&rows.to_le_bytes());
    super::sav_records::mend_into(&head, w).map_err(unwritten)?;
    super::sav_data::write(&vars, frame.height(), w)
}

/// What the .sav is made of: its dictionary, and each column with its coding and string width
/// (None for a number).
struct Plan<'a> {
    meta: SpssMetadata,
    columns: Vec<(&'a Column, Coding<'a>, Option<usize>)>,
    spss: Vec<String>,
}

/// The dictionary of `frame`'s .sav and how each column is coded.
fn plan<'a>(frame: &'a DataFrame, dict: &'a Dictionary) -> Result<Plan<'a>> {
    let tidy_names: Vec<&str> = frame
        .get_column_names()
        .iter()
        .map(|n| n.as_str())
        .collect();
    let spss = spss_names(tidy_names.iter().copied());
    let mut meta = SpssMetadata {
        file_label: cut(&format!("{} ({})", dict.title, dict.wave), 64),
        creation_time: CREATED.into(),
        ..SpssMetadata::default()
    };
    let mut columns = Vec::with_capacity(spss.len());
    let mut said = notes(dict, &tidy_names, &spss);
    static EMPTY: std::sync::LazyLock<Var> = std::sync::LazyLock::new(Var::default);
    let coded: Vec<(&Column, &Var, Coding)> = (frame.columns().iter())
        .map(|c| {
            let var = dict.vars.get(c.name().as_str()).unwrap_or(&EMPTY);
            let coding = match (c.dtype(), &var.scores) {
                (DataType::String, Some(scores)) => Coding::Recoded(scores),
                (DataType::String, None)
                    if !var.values.is_empty()
                        && numeric_codes(var.values.iter().map(|(c, _)| c.as_str())) =>
                {
                    Coding::Number
                }
                (DataType::String, None) => Coding::Text,
                _ => Coding::Number,
            };
            (c, var, coding)
        })
        .collect();
    // Each column's format reads all its values: on all cores.
    let formats: Vec<(String, Option<usize>)> = (coded.par_iter())
        .map(|(c, _, coding)| format(c, !coding.numeric()))
        .collect::<Result<_>>()?;
    for ((c, var, coding), (name, (format, width))) in
        coded.into_iter().zip(spss.iter().zip(formats))
    {
        describe(&mut meta, &mut said, name, var, format, &coding);
        columns.push((c, coding, width));
    }
    meta.notes = said.iter().flat_map(|n| lines(n, DOCUMENT_LINE)).collect();
    for set in dichotomy_sets(dict, &tidy_names, &spss) {
        meta.mr_sets.insert(set.name.clone(), set);
    }
    if let Some(at) = tidy_names.iter().position(|n| *n == names::WEIGHT) {
        meta.weight_variable = Some(spss[at].clone());
    }
    meta.variable_names = spss.clone();
    meta.number_columns = spss.len();
    Ok(Plan {
        meta,
        columns,
        spss,
    })
}

/// The .sav bytes as ambers writes them (before [`super::sav_records::mend_into`]) with the first
/// `rows` rows of the columns.
fn written(plan: &Plan, rows: usize) -> Result<Vec<u8>> {
    let arrays = (plan.columns.iter().zip(&plan.spss))
        .map(|((c, coding, _), name)| Ok((name.clone(), array(&c.slice(0, rows), coding)?)))
        .collect::<Result<Vec<_>>>()?;
    let batch = RecordBatch::try_from_iter(arrays)
        .map_err(|e| Error::Internal(format!("the tidy .sav's columns: {e}")))?;
    let mut out = std::io::Cursor::new(Vec::new());
    ambers::write_sav_to_writer(&mut out, &batch, &plan.meta, Compression::Bytecode, None)
        .map_err(super::sav_data::unwritten)?;
    Ok(out.into_inner())
}

/// One variable's dictionary entry: its format, alignment, level, labels, missing codes.
fn describe(
    meta: &mut SpssMetadata,
    notes: &mut Vec<String>,
    name: &str,
    var: &Var,
    format: String,
    coding: &Coding,
) {
    let is_string = !coding.numeric();
    let name = name.to_string();
    meta.variable_formats.insert(name.clone(), format);
    let align = if is_string {
        Alignment::Left
    } else {
        Alignment::Right
    };
    meta.variable_alignments.insert(name.clone(), align);
    let measure = var.measure.unwrap_or(if is_string {
        Measure::Nominal
    } else {
        Measure::Scale
    });
    meta.variable_measures.insert(name.clone(), measure);
    if !var.label.is_empty() {
        meta.variable_labels.insert(name.clone(), var.label.clone());
    }
    if !var.values.is_empty() {
        let labels = (var.values.iter())
            .map(|(code, label)| (key(code, coding), label.clone()))
            .collect();
        meta.variable_value_labels.insert(name.clone(), labels);
    }
    // SPSS holds at most three discrete missing values, a string one of at most 8 bytes.
    let (mut marked, mut unmarked) = (Vec::new(), Vec::new());
    for code in &var.missing {
        if marked.len() < 3 && (coding.numeric() || code.len() <= 8) {
            marked.push(code);
        } else {
            unmarked.push(code);
        }
    }
    if !marked.is_empty() {
        let specs = (marked.into_iter())
            .map(|code| match key(code, coding) {
                Value::Numeric(n) => MissingSpec::Value(n),
                Value::String(s) => MissingSpec::StringValue(s),
            })
            .collect();
        meta.variable_missing_values.insert(name.clone(), specs);
    }
    if !unmarked.is_empty() {
        let codes: Vec<String> = unmarked.iter().map(|c| format!("'{c}'")).collect();
        notes.push(format!(
            "{name}: {} not applicable, not declared missing (SPSS holds three missing values, a text one of 8 bytes at most).",
            codes.join(", ")
        ));
    }
}

/// Each multi-select as a multiple-dichotomy set over its option columns (counted value 1).
fn dichotomy_sets(dict: &Dictionary, tidy: &[&str], spss: &[String]) -> Vec<MrSet> {
    let spss_of = |t: &str| tidy.iter().position(|n| *n == t).map(|k| spss[k].clone());
    let mut taken = BTreeSet::new();
    (dict.multis.iter())
        .filter_map(|(id, text, options)| {
            let variables: Vec<String> = options.iter().filter_map(|o| spss_of(o)).collect();
            if variables.is_empty() {
                return None;
            }
            // The writer puts the `$` every set name begins with.
            let mut name = cut(id, NAME_MAX - 1);
            let mut k = 2;
            while !taken.insert(name.to_ascii_lowercase()) {
                name = format!("{}_{k}", cut(id, NAME_MAX - 8));
                k += 1;
            }
            Some(MrSet {
                name,
                label: text.clone(),
                mr_type: MrType::MultipleDichotomy,
                counted_value: Some("1".into()),
                variables,
            })
        })
        .collect()
}

/// The documents record: where the file comes from, the weight, and each renamed column.
fn notes(dict: &Dictionary, tidy: &[&str], spss: &[String]) -> Vec<String> {
    let mut notes = vec![format!(
        "Tidy responses of {} ({}), written by shelfstat {}.",
        dict.title,
        dict.wave,
        env!("CARGO_PKG_VERSION")
    )];
    if let Some(at) = tidy.iter().position(|n| *n == names::WEIGHT) {
        notes.push(format!("WEIGHT BY {} (the survey weight).", spss[at]));
    }
    for (t, s) in tidy.iter().zip(spss) {
        if *t != s.as_str() {
            notes.push(format!("{s} is the tidy CSV's column {t}."));
        }
    }
    notes
}

/// A documents record's line, in bytes.
const DOCUMENT_LINE: usize = 80;

/// `text` in lines of at most `width` bytes, broken between words (a word longer than a line
/// is cut).
fn lines(text: &str, width: usize) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let mut word = word;
        while word.len() > width {
            if !line.is_empty() {
                out.push(std::mem::take(&mut line));
            }
            let head = cut(word, width);
            word = &word[head.len()..];
            out.push(head);
        }
        if !line.is_empty() && line.len() + 1 + word.len() > width {
            out.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        out.push(line);
    }
    out
}

/// `s` cut to at most `max` bytes at a character boundary.
fn cut(s: &str, max: usize) -> String {
    let mut end = s.len().min(max);
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    s[..end].to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_spss_cannot_take_are_renamed_once() {
        let long = "q".repeat(70);
        let long2 = format!("{}x", "q".repeat(69));
        let got = spss_names([
            "_respondent_id",
            "5a",
            "to",
            "q1__a",
            long.as_str(),
            long2.as_str(),
            "v5a",
        ]);
        assert_eq!(got[0], "@respondent_id");
        assert_eq!(got[1], "v5a");
        assert_eq!(got[2], "to_q");
        assert_eq!(got[3], "q1__a");
        assert_eq!(got[4], "q".repeat(64));
        assert_eq!(got[5], format!("{}_2", "q".repeat(62)));
        assert_eq!(got[6], "v5a_2");
    }

    #[test]
    fn documents_are_broken_into_lines_of_80_bytes() {
        let text = format!("{} {} é{}", "a".repeat(70), "b".repeat(20), "c".repeat(200));
        let got = lines(&text, 80);
        assert_eq!(got[0], "a".repeat(70));
        assert_eq!(got[1], "b".repeat(20));
        assert!(got.iter().all(|l| l.len() <= 80), "{got:?}");
        assert_eq!(got[2..].concat(), format!("é{}", "c".repeat(200)));
        assert_eq!(got[2].len(), 80);
    }

    #[test]
    fn whole_number_codes_only_are_numeric() {
        assert!(numeric_codes(["1", "2", "10", "-1"].into_iter()));
        assert!(!numeric_codes(["1", "02"].into_iter()));
        assert!(!numeric_codes(["1", "yes"].into_iter()));
        assert!(!numeric_codes(["1.5"].into_iter()));
    }

    /// A frame of every kind of column the tidy frame holds, `rows` long, from `seed`.
    fn random_frame(rows: usize, seed: u64) -> DataFrame {
        let mut x = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
        let mut next = move || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        };
        let texts = [
            "",
            " ",
            "        ",
            "CA",
            "12345678",
            "Café au lait",
            "x y z ",
            "ñ",
        ];
        let numbers = [
            0.0,
            -0.0,
            1.0,
            -99.0,
            -100.0,
            151.0,
            152.0,
            2.5,
            f64::NAN,
            1e300,
            -7.0,
        ];
        let mut text = Vec::new();
        let (mut long, mut code, mut word, mut flag) =
            (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        let (mut num, mut int) = (Vec::new(), Vec::new());
        for _ in 0..rows {
            let r = next();
            text.push((r % 9 != 0).then(|| texts[(r >> 8) as usize % texts.len()]));
            long.push((r % 3 != 0).then(|| "é".repeat((r >> 16) as usize % 128)));
            code.push((r % 5 != 0).then(|| ["1", "2", "150", "x"][(r >> 24) as usize % 4]));
            word.push(
                (r % 4 != 0).then(|| ["agree", "disagree", "n/a", "other"][(r >> 28) as usize % 4]),
            );
            flag.push((r % 7 != 0).then_some(r >> 33 & 1 == 1));
            num.push((r % 6 != 0).then(|| numbers[(r >> 36) as usize % numbers.len()]));
            int.push((r % 8 != 0).then(|| ((r >> 40) % 400) as i32 - 200));
        }
        DataFrame::new(
            rows,
            vec![
                Column::new("text".into(), text),
                Column::new("long".into(), long),
                Column::new("code".into(), code),
                Column::new("word".into(), word),
                Column::new("flag".into(), flag),
                Column::new("num".into(), num),
                Column::new("int".into(), int),
            ],
        )
        .unwrap()
    }

    /// The dictionary giving `code` numeric codes and `word` scores.
    fn random_dictionary() -> Dictionary {
        let mut vars = BTreeMap::new();
        let mut code = Var::labelled("Numeric codes");
        code.values = vec![("1".into(), "One".into()), ("2".into(), "Two".into())];
        vars.insert("code".into(), code);
        let mut word = Var::labelled("Scored words");
        word.scores = Some(BTreeMap::from([
            ("agree".into(), 1.0),
            ("disagree".into(), 2.0),
            ("n/a".into(), 99.0),
        ]));
        vars.insert("word".into(), word);
        Dictionary {
            vars,
            multis: Vec::new(),
            title: "Random".into(),
            wave: "1".into(),
        }
    }

    #[test]
    fn the_data_records_are_those_ambers_writes() {
        let dict = random_dictionary();
        for (k, rows) in [0, 1, 7, 8, 9, 8191, 8192, 8193, 40_000, 300_001]
            .into_iter()
            .enumerate()
        {
            let frame = random_frame(rows, k as u64 + 1);
            let ours = sav(&frame, &dict).unwrap();
            let plan = plan(&frame, &dict).unwrap();
            let theirs = super::super::sav_records::mend(written(&plan, rows).unwrap());
            assert_eq!(ours.len(), theirs.len(), "{rows} rows");
            assert!(ours == theirs, "{rows} rows: the bytes differ");
        }
    }

    #[test]
    fn a_string_past_255_bytes_is_written_whole_by_ambers() {
        let frame = DataFrame::new(
            3,
            vec![Column::new(
                "t".into(),
                [Some("a".repeat(300)), None, Some("b".into())],
            )],
        )
        .unwrap();
        let dict = Dictionary::default();
        let ours = sav(&frame, &dict).unwrap();
        let plan = plan(&frame, &dict).unwrap();
        assert_eq!(
            ours,
            super::super::sav_records::mend(written(&plan, 3).unwrap())
        );
        let a = ours.iter().filter(|&&b| b == b'a').count();
        assert!(
            a >= 300,
            "the long string's 300 bytes are in the file ({a})"
        );
    }
}
