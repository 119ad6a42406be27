//! Issue 29: `tidy/responses.sav` as GNU PSPP reads it. For each codebook below, PSPP opens the
//! file shelfstat wrote and recomputes every choice, multi-select, grid item, ranking item and
//! numeric question from the file alone — its value codes, its multiple-dichotomy sets (the
//! member variables are taken from PSPP's own MRSETS listing) and the weight the file declares —
//! and each count, base and (weighted) share or mean must equal shelfstat's table. Skips with a
//! note when `pspp` is missing, unless SHELFSTAT_REQUIRE_PSPP=1 (set by .ci/run).

use crate::common::*;
use shelfstat::stats::QuestionStats;
use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

/// Whether PSPP can run; panics when CI requires it and it cannot.
pub fn pspp_ready(what: &str) -> bool {
    if Command::new("pspp")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
    {
        return true;
    }
    if std::env::var("SHELFSTAT_REQUIRE_PSPP").as_deref() == Ok("1") {
        panic!("GNU PSPP is required (apt-get install pspp)");
    }
    eprintln!("note: skipping {what}: pspp not found");
    false
}

/// Runs PSPP syntax; panics with its output when it reports an error.
pub fn pspp(dir: &Path, syntax: &str) -> String {
    let file = dir.join("check.sps");
    std::fs::write(&file, syntax).unwrap();
    let out = Command::new("pspp")
        .args(["-O", "format=csv", "-o"])
        .arg(dir.join("listing.csv"))
        .arg(&file)
        .output()
        .unwrap();
    let listing = std::fs::read_to_string(dir.join("listing.csv")).unwrap_or_default();
    let said = format!(
        "{}{}{listing}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.status.success() && !said.contains("error:") && !said.contains("warning:"),
        "pspp: {said}\n{syntax}"
    );
    listing
}

/// A PSPP string literal.
fn quoted(text: &str) -> String {
    format!("'{}'", text.replace('\'', "''"))
}

/// What PSPP says of the file's variables: SPSS name → whether it is a string.
type Types = BTreeMap<String, bool>;

/// The cases that answered a variable: not missing (system or user) for a number, not blank
/// for a string (PSPP has no MISSING() of a string; its not-applicable labels are left out).
fn answered(v: &str, types: &Types, not_applicable: &[&str]) -> String {
    if !types[v] {
        return format!("NOT MISSING({v})");
    }
    let mut f = format!("{v} <> ''");
    for l in not_applicable {
        f += &format!(" AND VALUELABEL({v}) <> {}", quoted(l));
    }
    f
}

/// One group of figures PSPP computes over one set of cases.
struct Group {
    what: String,
    /// A condition on the cases (PSPP syntax), or none: every case.
    filter: Option<String>,
    /// Transformations run before the filter (COUNT for a multi-select's base).
    before: Vec<String>,
    /// Per figure: an indicator (0 / 1) or a value, and shelfstat's (count, base, mean).
    figures: Vec<(String, Figure)>,
}

/// What shelfstat says: the unweighted count of cases where the figure is 1 (or has a
/// value), the unweighted base, and the (weighted) mean over the base.
#[derive(Debug)]
struct Figure {
    count: u64,
    base: u64,
    mean: f64,
    /// An indicator (its count is of 1s); otherwise a value (its count is of answers).
    indicator: bool,
}

fn indicator(count: u64, base: u64, mean: f64) -> Figure {
    Figure {
        count,
        base,
        mean,
        indicator: true,
    }
}

/// The groups of one question's table, by the SPSS names of its columns. Options and scale
/// points are found by their value labels in the file (PSPP's VALUELABEL), not by codes.
fn groups(
    q: &QuestionStats,
    spss: &BTreeMap<String, String>,
    types: &Types,
    sets: &BTreeMap<String, Vec<String>>,
) -> Vec<Group> {
    let var = |tidy: &str| spss[tidy].clone();
    let by_label = |v: &str, label: &str| format!("VALUELABEL({v}) = {}", quoted(label));
    match q {
        QuestionStats::Choice(t) if t.base_rule != shelfstat::codebook::Base::Answered => vec![],
        QuestionStats::Choice(t) if t.kind == shelfstat::codebook::QuestionType::Multi => {
            // The set's members as PSPP lists them, in the table's option order.
            let members = &sets[&t.question];
            assert_eq!(
                members.len(),
                t.rows.len(),
                "{}: set members {members:?}",
                t.question
            );
            vec![Group {
                what: t.question.clone(),
                before: vec![format!("COUNT answered = {} (1).", members.join(" "))],
                filter: Some("answered > 0".into()),
                figures: (t.rows.iter().zip(members))
                    .filter_map(|(r, v)| {
                        let e = r.estimate.as_ref()?;
                        Some((format!("{v} = 1"), indicator(e.count, e.base, e.proportion)))
                    })
                    .collect(),
            }]
        }
        // A coded question: a flag per code over those who wrote an answer ("uncoded" has no
        // variable of its own).
        QuestionStats::Choice(t) if t.kind == shelfstat::codebook::QuestionType::Coded => {
            let answered = var(&format!("{}__answered", t.question));
            vec![Group {
                what: t.question.clone(),
                before: vec![],
                filter: Some(format!("{answered} = 1")),
                figures: (t.rows.iter())
                    .filter(|r| r.code != "uncoded")
                    .filter_map(|r| {
                        let e = r.estimate.as_ref()?;
                        let v = var(&format!("{}__{}", t.question, r.code));
                        Some((format!("{v} = 1"), indicator(e.count, e.base, e.proportion)))
                    })
                    .collect(),
            }]
        }
        QuestionStats::Choice(t) => {
            let v = var(&t.question);
            vec![Group {
                what: t.question.clone(),
                before: vec![],
                filter: Some(answered(&v, types, &[])),
                figures: (t.rows.iter())
                    .filter_map(|r| {
                        let e = r.estimate.as_ref()?;
                        Some((
                            by_label(&v, &r.label),
                            indicator(e.count, e.base, e.proportion),
                        ))
                    })
                    .collect(),
            }]
        }
        QuestionStats::Grid(t) => {
            let not_applicable: Vec<&str> = (t.scale.iter())
                .filter(|p| p.score.is_none())
                .map(|p| p.label.as_str())
                .collect();
            (t.items.iter())
                .map(|item| {
                    let v = var(&format!("{}__{}", t.question, item.code));
                    let mut figures: Vec<(String, Figure)> = (t.scale.iter().zip(&item.shares))
                        .filter_map(|(p, share)| {
                            let e = share.as_ref()?;
                            Some((
                                by_label(&v, &p.label),
                                indicator(e.count, e.base, e.proportion),
                            ))
                        })
                        .collect();
                    // A scale written as its scores: SPSS's mean is the report's.
                    if let (Some(m), false) = (&item.mean, types[&v]) {
                        figures.push((v.clone(), value(m.n, m.mean)));
                    }
                    Group {
                        what: format!("{} {}", t.question, item.code),
                        before: vec![],
                        filter: Some(answered(&v, types, &not_applicable)),
                        figures,
                    }
                })
                .collect()
        }
        QuestionStats::Ranking(t) => (t.items.iter())
            .filter_map(|item| {
                let m = item.mean_rank.as_ref()?;
                let v = var(&format!("{}__{}", t.question, item.code));
                Some(Group {
                    what: format!("{} {}", t.question, item.code),
                    before: vec![],
                    filter: Some(answered(&v, types, &[])),
                    figures: vec![(v, value(m.n, m.mean))],
                })
            })
            .collect(),
        QuestionStats::Numeric(t) => match t.mean {
            None => vec![],
            Some(mean) => {
                let v = var(&t.question);
                vec![Group {
                    what: t.question.clone(),
                    before: vec![],
                    filter: Some(answered(&v, types, &[])),
                    figures: vec![(v, value(t.n, mean))],
                }]
            }
        },
        QuestionStats::Nps(t) => {
            // The three groups recounted from the 0–10 variable.
            let v = var(&t.question);
            let groups = [
                (&t.promoters, format!("{v} >= 9")),
                (&t.passives, format!("{v} >= 7 AND {v} <= 8")),
                (&t.detractors, format!("{v} <= 6")),
            ];
            vec![Group {
                what: t.question.clone(),
                before: vec![],
                filter: Some(answered(&v, types, &[])),
                figures: (groups.into_iter())
                    .filter_map(|(e, at)| {
                        let e = e.as_ref()?;
                        Some((at, indicator(e.count, e.base, e.proportion)))
                    })
                    .collect(),
            }]
        }
        QuestionStats::Country(_) | QuestionStats::Text(_) => vec![],
    }
}

/// A value's figure: `n` answers and their (weighted) mean.
fn value(n: u64, mean: f64) -> Figure {
    Figure {
        count: n,
        base: n,
        mean,
        indicator: false,
    }
}

/// The file's variables and whether each is a string, from PSPP's DISPLAY DICTIONARY listing.
fn types(listing: &str) -> Types {
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(listing.as_bytes());
    let mut in_table = false;
    let mut out = Types::new();
    for rec in rdr.records() {
        let rec = rec.unwrap();
        let first = rec.get(0).unwrap_or("");
        if first.starts_with("Table:") {
            in_table = first == "Table: Variables";
            continue;
        }
        if in_table && rec.len() >= 9 && first != "Name" {
            out.insert(first.to_string(), rec[7].starts_with('A'));
        }
    }
    out
}

/// PSPP syntax computing one group into `<dir>/g<k>.csv`: the unweighted base `base`, and per
/// figure its unweighted count `c<j>` and weighted mean `m<j>`.
fn group_syntax(g: &Group, k: usize, dir: &Path) -> String {
    let mut s = String::from("DATASET ACTIVATE main.\nTEMPORARY.\n");
    for b in &g.before {
        s += &format!("{b}\n");
    }
    if let Some(f) = &g.filter {
        s += &format!("SELECT IF {f}.\n");
    }
    let mut functions = String::from("/base=NU(one)");
    for (j, (expr, fig)) in g.figures.iter().enumerate() {
        if fig.indicator {
            s += &format!("COMPUTE i{j} = 0.\nIF ({expr}) i{j} = 1.\n");
            s += &format!("COMPUTE t{j} = i{j}.\nRECODE t{j} (0=SYSMIS).\n");
            functions += &format!(" /c{j}=NU(t{j}) /m{j}=MEAN(i{j})");
        } else {
            functions += &format!(" /c{j}=NU({expr}) /m{j}=MEAN({expr})");
        }
    }
    let last = g.figures.len().saturating_sub(1);
    s += &format!(
        "DATASET DECLARE g{k}.\nAGGREGATE OUTFILE=g{k} /BREAK=one {functions}.\nDATASET ACTIVATE g{k}.\n\
         FORMATS base TO m{last} (F24.16).\n\
         SAVE TRANSLATE /OUTFILE='{}' /TYPE=CSV /FIELDNAMES /REPLACE.\n",
        dir.join(format!("g{k}.csv")).display()
    );
    s
}

/// The multiple-response sets PSPP lists in the file: set name (without `$`) → members.
fn mr_sets(listing: &str) -> BTreeMap<String, Vec<String>> {
    let mut sets: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut current = None;
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(listing.as_bytes());
    let mut in_table = false;
    for rec in rdr.records() {
        let rec = rec.unwrap();
        let first = rec.get(0).unwrap_or("");
        if first.starts_with("Table:") {
            in_table = first.contains("Multiple Response Sets");
            continue;
        }
        if !in_table || rec.len() < 5 || first == "Name" {
            continue;
        }
        if let Some(name) = first.strip_prefix('$') {
            current = Some(name.to_string());
        }
        if let Some(c) = &current {
            let members = rec.get(4).unwrap_or("");
            sets.entry(c.clone())
                .or_default()
                .extend(members.split_whitespace().map(str::to_string));
        }
    }
    sets
}

/// Reads `g<k>.csv` and compares it with the group's figures; the differences, described.
fn differences(g: &Group, k: usize, dir: &Path) -> Vec<String> {
    let mut rdr = csv::Reader::from_path(dir.join(format!("g{k}.csv"))).unwrap();
    let headers = rdr.headers().unwrap().clone();
    let rec = rdr.records().next().expect("one aggregate row").unwrap();
    let get = |name: &str| -> f64 {
        let at = headers.iter().position(|h| h == name).unwrap();
        rec[at].trim().parse().unwrap_or(f64::NAN)
    };
    let mut out = Vec::new();
    for (j, (expr, f)) in g.figures.iter().enumerate() {
        let (count, mean) = (get(&format!("c{j}")), get(&format!("m{j}")));
        let base = get("base");
        if count != f.count as f64 || base != f.base as f64 || (mean - f.mean).abs() > 1e-9 {
            out.push(format!(
                "{} [{expr}]: PSPP {count}/{base} mean {mean}, shelfstat {}/{} {}",
                g.what, f.count, f.base, f.mean
            ));
        }
    }
    out
}

/// Runs `codebook`, has PSPP recompute its tables from responses.sav; the number of figures
/// compared.
fn pspp_recomputes(codebook: &Path) -> usize {
    let (_, a) = load(codebook);
    let dir = tempfile::tempdir().unwrap();
    let sav = dir.path().join("responses.sav");
    std::fs::write(&sav, a.tidy.to_sav().unwrap()).unwrap();
    let tidy: Vec<&str> = a
        .tidy
        .frame
        .get_column_names()
        .iter()
        .map(|n| n.as_str())
        .collect();
    let spss: BTreeMap<String, String> = tidy
        .iter()
        .map(|t| t.to_string())
        .zip(shelfstat::tidy::spss_names(tidy.iter().copied()))
        .collect();
    let open = format!(
        "GET FILE='{}'.\nDATASET NAME main.\nCOMPUTE one = 1.\nEXECUTE.\n",
        sav.display()
    );
    let listing = pspp(
        dir.path(),
        &format!("{open}MRSETS /DISPLAY NAME=ALL.\nDISPLAY DICTIONARY.\n"),
    );
    let (sets, types) = (mr_sets(&listing), types(&listing));
    let groups: Vec<Group> = (a.results.questions.iter())
        .flat_map(|q| groups(q, &spss, &types, &sets))
        .filter(|g| !g.figures.is_empty())
        .collect();
    let mut syntax = open;
    for (k, g) in groups.iter().enumerate() {
        syntax += &group_syntax(g, k, dir.path());
    }
    pspp(dir.path(), &syntax);
    let diffs: Vec<String> = (groups.iter().enumerate())
        .flat_map(|(k, g)| differences(g, k, dir.path()))
        .collect();
    assert!(
        diffs.is_empty(),
        "{}:\n{}",
        codebook.display(),
        diffs.join("\n")
    );
    groups.iter().map(|g| g.figures.len()).sum()
}

#[test]
fn pspp_recomputes_every_table_from_responses_sav() {
    if !pspp_ready("the PSPP reading of responses.sav") {
        return;
    }
    let mut compared = BTreeMap::new();
    for cb in [
        "data/ifla-refugee-2019/survey.toml",
        "data/ifla-refugee-2022/survey.toml",
        "data/ifla-refugee-2025/survey.toml",
        "tests/fixtures/surveymonkey/weighted/survey.toml",
        "tests/fixtures/plain/weights/survey.toml",
        "tests/fixtures/kobo/grid/survey.toml",
        "tests/fixtures/surveymonkey/grid/survey.toml",
        "tests/fixtures/google-forms/grid/survey.toml",
        "tests/fixtures/redcap/grid/survey.toml",
    ] {
        compared.insert(cb, pspp_recomputes(&root().join(cb)));
    }
    println!("figures PSPP recomputed equal: {compared:?}");
    // Every codebook had figures to compare (a filter that matched nothing would give none).
    assert!(compared.values().all(|&n| n > 0), "{compared:?}");
    assert!(compared.values().sum::<usize>() > 150, "{compared:?}");
}

/// The real .sav files of ../shared, drafted by `init`: PSPP recomputes their tables from the
/// responses.sav shelfstat writes for them (Greek and Latvian labels, names past 64 bytes).
#[test]
fn pspp_recomputes_the_real_sav_files_tables() {
    let Some(shared) = shared_fixtures("conformance/spss", "the real .sav files") else {
        return;
    };
    if !pspp_ready("the PSPP reading of real files' responses.sav") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let mut compared = BTreeMap::new();
    for e in std::fs::read_dir(&shared).unwrap() {
        let file = e.unwrap().path();
        if file.extension().is_none_or(|x| x != "sav") {
            continue;
        }
        let wave = dir.path().join(file.file_stem().unwrap());
        std::fs::create_dir(&wave).unwrap();
        let sav = wave.join(file.file_name().unwrap());
        std::fs::copy(&file, &sav).unwrap();
        let codebook = wave.join("survey.toml");
        let o = Command::new(env!("CARGO_BIN_EXE_shelfstat"))
            .arg("init")
            .arg(&sav)
            .arg("--out")
            .arg(&codebook)
            .output()
            .unwrap();
        assert!(o.status.success(), "{o:?}");
        compared.insert(file.display().to_string(), pspp_recomputes(&codebook));
    }
    println!("figures PSPP recomputed equal: {compared:?}");
    assert!(
        compared.len() >= 2 && compared.values().all(|&n| n > 0),
        "{compared:?}"
    );
}
