use shelfstat::pipeline::{self, Analysis, Loaded};
use std::path::{Path, PathBuf};

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn sample_codebook() -> PathBuf {
    root().join("data/ifla-refugee-2019/survey.toml")
}

pub fn load(codebook: &Path) -> (Loaded, Analysis) {
    let l = pipeline::load(Some(codebook)).expect("load");
    let a = pipeline::analyse(&l).expect("analyse");
    (l, a)
}

/// A temp folder holding a copy of a codebook folder, for breaking things.
pub fn copy_dir(src: &Path) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for e in std::fs::read_dir(src).unwrap() {
        let e = e.unwrap();
        if e.file_type().unwrap().is_file() {
            std::fs::copy(e.path(), dir.path().join(e.file_name())).unwrap();
        }
    }
    dir
}

/// `../shared/fixtures/<sub>`, or None (with a printed note) when the folder is absent, as in
/// a user's clone.
pub fn shared_fixtures(sub: &str, what: &str) -> Option<PathBuf> {
    let dir = root().join("../shared/fixtures").join(sub);
    if dir.exists() {
        Some(dir)
    } else {
        eprintln!("note: ../shared/fixtures is absent; skipping {what}");
        None
    }
}

/// Copies an export into a temp folder (same file name), drafts its codebook with `init`
/// (optionally from a platform codebook) and writes the draft there as survey.toml.
pub fn draft_copy(
    export: &Path,
    definition: Option<&Path>,
) -> (
    tempfile::TempDir,
    shelfstat::draft::Draft,
    shelfstat::codebook::Format,
) {
    let tmp = tempfile::tempdir().unwrap();
    let copy = tmp.path().join(export.file_name().unwrap());
    std::fs::copy(export, &copy).unwrap();
    let (d, fmt) = shelfstat::cmd::init::init(&shelfstat::cmd::init::InitOptions {
        export: copy,
        format: None,
        definition: definition.map(Path::to_path_buf),
        like: None,
    })
    .unwrap_or_else(|e| panic!("{}: {e}", export.display()));
    std::fs::write(tmp.path().join("survey.toml"), &d.toml).unwrap();
    (tmp, d, fmt)
}

/// As [`draft_copy`], reading the export as `format` (the CLI's `--format`).
pub fn draft_copy_as(
    export: &Path,
    format: shelfstat::codebook::Format,
    definition: Option<&Path>,
) -> (tempfile::TempDir, shelfstat::draft::Draft) {
    let tmp = tempfile::tempdir().unwrap();
    let copy = tmp.path().join(export.file_name().unwrap());
    std::fs::copy(export, &copy).unwrap();
    let (d, _) = shelfstat::cmd::init::init(&shelfstat::cmd::init::InitOptions {
        export: copy,
        format: Some(format),
        definition: definition.map(Path::to_path_buf),
        like: None,
    })
    .unwrap_or_else(|e| panic!("{}: {e}", export.display()));
    std::fs::write(tmp.path().join("survey.toml"), &d.toml).unwrap();
    (tmp, d)
}

/// Runs `survey.toml` in `dir` into `dir/out`; returns the analysis and the text of every
/// text output (Markdown, CSV, JSON, SVG), for checks that something never reaches one.
pub fn run_in(dir: &Path) -> (Analysis, String) {
    let cb = dir.join("survey.toml");
    let (_, a) = load(&cb);
    let out = dir.join("out");
    shelfstat::cmd::run::run(&shelfstat::cmd::run::RunOptions {
        codebook: Some(cb),
        out: Some(out.clone()),
        format: None,
        ..Default::default()
    })
    .unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    let mut text = String::new();
    let mut stack = vec![out];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else if matches!(
                p.extension().and_then(|x| x.to_str()),
                Some("md" | "csv" | "json" | "svg")
            ) {
                text.push_str(&std::fs::read_to_string(&p).unwrap());
            }
        }
    }
    (a, text)
}

/// The round trip of issue 25: drafts `export` (already in its own temp folder) with `init`
/// (the layout detected, else `fallback`), writes the draft beside it and runs it unchanged.
/// None when init refuses the export; else the draft and whether run failed only because no
/// row is left to analyse (a refusal with its reason, which is right). Any other run error
/// panics with the draft.
pub fn draft_and_run(
    export: &Path,
    fallback: Option<shelfstat::codebook::Format>,
) -> Option<String> {
    let dir = export.parent().unwrap();
    let init = |format| {
        shelfstat::cmd::init::init(&shelfstat::cmd::init::InitOptions {
            export: export.to_path_buf(),
            format,
            definition: None,
            like: None,
        })
    };
    let (d, _) = init(None)
        .or_else(|e| fallback.map_or(Err(e), |f| init(Some(f))))
        .ok()?;
    std::fs::write(dir.join("survey.toml"), &d.toml).unwrap();
    let r = shelfstat::cmd::run::run(&shelfstat::cmd::run::RunOptions {
        codebook: Some(dir.join("survey.toml")),
        out: Some(dir.join("out")),
        format: None,
        ..Default::default()
    });
    if let Err(e) = r {
        let e = e.to_string();
        assert!(
            e.contains("no rows left to analyse"),
            "{}: {e}\n{}",
            export.display(),
            d.toml
        );
    }
    Some(d.toml)
}

/// (label, count) of each row of a choice question, and its base.
pub fn label_rows(r: &shelfstat::stats::Results, id: &str) -> (Vec<(String, u64)>, u64) {
    match r.question(id) {
        Some(shelfstat::stats::QuestionStats::Choice(t)) => (
            t.rows
                .iter()
                .map(|r| (r.label.clone(), r.estimate.expect("estimate").count))
                .collect(),
            t.base,
        ),
        other => panic!("{id}: {other:?}"),
    }
}

/// `label_rows`' rows written as (&str, count) pairs.
pub fn owned_rows(v: &[(&str, u64)]) -> Vec<(String, u64)> {
    v.iter().map(|(l, k)| (l.to_string(), *k)).collect()
}
