//! Reliability (issue 12): a run's output set is swapped in whole — never half-written, never a
//! mix of two runs, never with files an earlier run left — and a folder shelfstat did not write
//! is never replaced.

use crate::common::{root, sample_codebook};
use shelfstat::output::{write_set, OutputFile, MARKER};
use std::collections::BTreeSet;
use std::path::Path;

fn files_in(dir: &Path) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.insert(p.strip_prefix(dir).unwrap().to_string_lossy().into_owned());
            }
        }
    }
    out
}

fn set(names: &[(&str, &str)]) -> Vec<OutputFile> {
    names
        .iter()
        .map(|(p, b)| OutputFile::new(*p, b.as_bytes()))
        .collect()
}

#[test]
fn a_write_error_midway_leaves_the_old_set_untouched() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("report");
    write_set(
        &out,
        &set(&[("report.md", "old"), ("tables/a.csv", "1")]),
        &[],
    )
    .unwrap();
    // The second set cannot be written: "tables" is both a file and a folder.
    let bad = set(&[("report.md", "new"), ("tables", "x"), ("tables/b.csv", "2")]);
    assert!(write_set(&out, &bad, &[]).is_err());
    assert_eq!(
        std::fs::read_to_string(out.join("report.md")).unwrap(),
        "old"
    );
    assert_eq!(
        files_in(&out),
        BTreeSet::from([
            MARKER.to_string(),
            "report.md".into(),
            "tables/a.csv".into()
        ])
    );
    // No staging folder is left beside it.
    let names: Vec<String> = std::fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["report"]);
}

#[test]
fn files_an_earlier_run_wrote_are_gone_after_the_next() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("report");
    write_set(
        &out,
        &set(&[("report.md", "1"), ("charts/dropped.png", "x")]),
        &[],
    )
    .unwrap();
    write_set(&out, &set(&[("report.md", "2")]), &[]).unwrap();
    assert_eq!(
        files_in(&out),
        BTreeSet::from([MARKER.to_string(), "report.md".into()])
    );
    assert_eq!(
        std::fs::read_to_string(out.join(MARKER))
            .unwrap()
            .lines()
            .last(),
        Some("report.md")
    );
}

#[test]
fn stale_staging_folders_of_dead_runs_are_removed() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("report");
    // A pid far above any real one: that run is gone.
    let stale = tmp.path().join(".report.staging-4000000000-0");
    std::fs::create_dir_all(stale.join("charts")).unwrap();
    std::fs::write(stale.join("report.md"), "half").unwrap();
    write_set(&out, &set(&[("report.md", "new")]), &[]).unwrap();
    assert!(!stale.exists());
}

#[test]
fn a_folder_shelfstat_did_not_write_is_never_replaced() {
    let tmp = tempfile::tempdir().unwrap();
    let home = tmp.path().join("home");
    std::fs::create_dir(&home).unwrap();
    std::fs::write(home.join("thesis.docx"), "years of work").unwrap();
    let e = write_set(&home, &set(&[("report.md", "x")]), &[])
        .unwrap_err()
        .to_string();
    assert!(e.contains("exists and was not written by shelfstat"), "{e}");
    assert_eq!(
        std::fs::read_to_string(home.join("thesis.docx")).unwrap(),
        "years of work"
    );
    // Files that merely have output-like names are the user's too: refused, kept.
    let mine = tmp.path().join("mine");
    std::fs::create_dir_all(mine.join("charts")).unwrap();
    std::fs::create_dir_all(mine.join("tables")).unwrap();
    std::fs::write(mine.join("report.md"), "my report").unwrap();
    std::fs::write(mine.join("tables/budget.csv"), "a,b").unwrap();
    std::fs::write(mine.join("charts/photo.png"), "png").unwrap();
    let e = write_set(&mine, &set(&[("report.md", "new")]), &[])
        .unwrap_err()
        .to_string();
    assert!(e.contains("was not written by shelfstat"), "{e}");
    assert_eq!(
        std::fs::read_to_string(mine.join("tables/budget.csv")).unwrap(),
        "a,b"
    );
    assert_eq!(
        std::fs::read_to_string(mine.join("report.md")).unwrap(),
        "my report"
    );
    // Empty sub-folders the user made: the folder is not empty, so it is kept.
    let empty_subs = tmp.path().join("subs");
    std::fs::create_dir_all(empty_subs.join("drafts")).unwrap();
    assert!(write_set(&empty_subs, &set(&[("report.md", "new")]), &[]).is_err());
    assert!(empty_subs.join("drafts").is_dir());
    // A marker file that shelfstat did not write (a user's file of that name) proves nothing.
    let fake = tmp.path().join("fake");
    std::fs::create_dir_all(&fake).unwrap();
    std::fs::write(fake.join(MARKER), "notes").unwrap();
    std::fs::write(fake.join("notes.txt"), "mine").unwrap();
    assert!(write_set(&fake, &set(&[("report.md", "new")]), &[]).is_err());
    assert!(fake.join("notes.txt").is_file());
    // An empty folder is fine.
    let empty = tmp.path().join("empty");
    std::fs::create_dir_all(&empty).unwrap();
    write_set(&empty, &set(&[("report.md", "new")]), &[]).unwrap();
    assert_eq!(
        std::fs::read_to_string(empty.join("report.md")).unwrap(),
        "new"
    );
}

#[test]
fn an_input_inside_the_output_folder_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    write_set(&out, &set(&[("report.md", "old")]), &[]).unwrap();
    let export = out.join("export.csv");
    std::fs::write(&export, "id\n1\n").unwrap();
    // The export was put in a folder shelfstat wrote: the run must not delete it.
    let e = write_set(&out, &set(&[("report.md", "new")]), &[export.as_path()])
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("export.csv is inside the output folder") && e.contains("nothing was written"),
        "{e}"
    );
    assert!(export.is_file());
    assert_eq!(
        std::fs::read_to_string(out.join("report.md")).unwrap(),
        "old"
    );
    // Through the CLI: a codebook and export inside --out, exit 1, both kept.
    let fx = tmp.path().join("fx");
    std::fs::create_dir_all(&fx).unwrap();
    std::fs::write(fx.join(MARKER), "# Written by shelfstat 0.1.0.\n").unwrap();
    let (csv, cb) = minimal_survey();
    std::fs::write(fx.join("responses.csv"), csv).unwrap();
    std::fs::write(fx.join("survey.toml"), cb).unwrap();
    let (code, err) = shelfstat(&[
        "run".as_ref(),
        fx.join("survey.toml").as_os_str(),
        "--out".as_ref(),
        fx.as_os_str(),
    ]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("is inside the output folder"), "{err}");
    assert!(fx.join("survey.toml").is_file() && fx.join("responses.csv").is_file());
}

#[test]
fn a_symbolic_link_as_out_is_written_through_and_kept() {
    let tmp = tempfile::tempdir().unwrap();
    let real = tmp.path().join("elsewhere");
    write_set(&real, &set(&[("report.md", "old")]), &[]).unwrap();
    let link = tmp.path().join("link");
    std::os::unix::fs::symlink(&real, &link).unwrap();
    write_set(&link, &set(&[("report.md", "new")]), &[]).unwrap();
    assert!(std::fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());
    assert_eq!(
        std::fs::read_to_string(real.join("report.md")).unwrap(),
        "new"
    );
    assert_eq!(
        std::fs::read_to_string(link.join("report.md")).unwrap(),
        "new"
    );
    // A dangling link is refused, and stays a link.
    let dangling = tmp.path().join("dangling");
    std::os::unix::fs::symlink(tmp.path().join("nowhere"), &dangling).unwrap();
    let e = write_set(&dangling, &set(&[("report.md", "new")]), &[])
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("symbolic link to a folder that does not exist"),
        "{e}"
    );
    assert!(std::fs::symlink_metadata(&dangling)
        .unwrap()
        .file_type()
        .is_symlink());
    assert!(!tmp.path().join("nowhere").exists());
}

/// As root (CI), the same through the CLI as an unprivileged user (setpriv), for whom the
/// folder's mode binds: a run into a read-only report folder is refused and changes nothing.
#[test]
fn a_read_only_output_folder_is_refused_for_an_unprivileged_user() {
    if !unsafe_is_root() || !Path::new("/usr/bin/setpriv").exists() {
        eprintln!("note: skipped: needs root and setpriv to run as another user");
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let work = tmp.path();
    let (csv, cb) = minimal_survey();
    std::fs::write(work.join("responses.csv"), csv).unwrap();
    std::fs::write(work.join("survey.toml"), cb).unwrap();
    let out = work.join("good");
    write_set(&out, &set(&[("report.md", "old")]), &[]).unwrap();
    // nobody (65534) owns the files; the report folder is read-only, its parent writable.
    set_mode(&out, 0o555);
    let run = as_nobody(
        work,
        &[
            "run".as_ref(),
            work.join("survey.toml").as_os_str(),
            "--out".as_ref(),
            out.as_os_str(),
        ],
    );
    let err = String::from_utf8_lossy(&run.stderr);
    set_mode(&out, 0o755);
    assert_eq!(run.status.code(), Some(1), "{err}");
    assert!(
        err.contains("read-only") && err.contains("nothing was written"),
        "{err}"
    );
    assert_eq!(
        std::fs::read_to_string(out.join("report.md")).unwrap(),
        "old"
    );
    let mut left: Vec<String> = std::fs::read_dir(work)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    left.sort();
    assert_eq!(left, ["good", "responses.csv", "survey.toml"]);
}

#[test]
fn a_read_only_output_folder_is_refused_and_left_as_it_was() {
    if unsafe_is_root() {
        eprintln!("note: skipped: running as root, permissions do not bind (see the setpriv test)");
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("good");
    write_set(&out, &set(&[("report.md", "old")]), &[]).unwrap();
    set_mode(&out, 0o555);
    let e = write_set(&out, &set(&[("report.md", "new")]), &[])
        .unwrap_err()
        .to_string();
    set_mode(&out, 0o755);
    assert!(
        e.contains("read-only") && e.contains("nothing was written"),
        "{e}"
    );
    assert_eq!(
        std::fs::read_to_string(out.join("report.md")).unwrap(),
        "old"
    );
    let left: Vec<String> = std::fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(left, ["good"]);
}

#[test]
fn a_leftover_old_set_with_read_only_folders_is_cleaned_by_the_next_run() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("good");
    // What a run killed after its swap leaves: the old set under a dead process's name,
    // one of its folders read-only.
    let left = tmp.path().join(".good.staging-999999999-0");
    std::fs::create_dir_all(left.join("charts")).unwrap();
    std::fs::write(left.join("charts/a.png"), "x").unwrap();
    set_mode(&left.join("charts"), 0o555);
    if !unsafe_is_root() {
        write_set(&out, &set(&[("report.md", "new")]), &[]).unwrap();
        assert!(!left.exists(), "the leftover staging folder stayed");
        return;
    }
    // As root (CI) a read-only folder binds nothing: the run is made as an unprivileged user
    // owning the leftover, for whom a plain removal fails.
    if !Path::new("/usr/bin/setpriv").exists() {
        eprintln!("note: skipped: as root, needs setpriv to run as another user");
        return;
    }
    let (csv, cb) = minimal_survey();
    std::fs::write(tmp.path().join("responses.csv"), csv).unwrap();
    std::fs::write(tmp.path().join("survey.toml"), cb).unwrap();
    let run = as_nobody(
        tmp.path(),
        &[
            "run".as_ref(),
            tmp.path().join("survey.toml").as_os_str(),
            "--out".as_ref(),
            out.as_os_str(),
        ],
    );
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(!left.exists(), "the leftover staging folder stayed");
}

/// Runs shelfstat as the unprivileged user 65534, who is made owner of `dir` (opened to all).
fn as_nobody(dir: &Path, args: &[&std::ffi::OsStr]) -> std::process::Output {
    let chown = std::process::Command::new("chown")
        .args(["-R", "65534:65534"])
        .arg(dir)
        .status()
        .unwrap();
    assert!(chown.success());
    set_mode(dir, 0o777);
    std::process::Command::new("/usr/bin/setpriv")
        .args(["--reuid=65534", "--regid=65534", "--clear-groups"])
        .arg(assert_cmd::cargo::cargo_bin("shelfstat"))
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn out_paths_that_cannot_be_an_output_folder_say_why() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("base.csv"), "a").unwrap();
    let e = write_set(
        &tmp.path().join("base.csv/x"),
        &set(&[("report.md", "x")]),
        &[],
    )
    .unwrap_err()
    .to_string();
    assert!(e.contains("base.csv is a file, not a folder"), "{e}");
    let e = write_set(
        &tmp.path().join("base.csv"),
        &set(&[("report.md", "x")]),
        &[],
    )
    .unwrap_err()
    .to_string();
    assert!(e.contains("is a file, not a folder"), "{e}");
    // The root is refused at once, without walking the file system.
    let started = std::time::Instant::now();
    let e = write_set(Path::new("/"), &set(&[("report.md", "x")]), &[])
        .unwrap_err()
        .to_string();
    assert!(e.contains("root of the file system"), "{e}");
    assert!(started.elapsed().as_secs() < 5);
    // The folder a run is in (`--out .`), through the CLI in an empty folder.
    let here = tmp.path().join("here");
    std::fs::create_dir_all(&here).unwrap();
    let out = std::process::Command::new(assert_cmd::cargo::cargo_bin("shelfstat"))
        .args(["run", "--out", "."])
        .current_dir(&here)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("is the folder shelfstat runs in"), "{err}");
}

fn set_mode(p: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(p, std::fs::Permissions::from_mode(mode)).unwrap();
}

fn unsafe_is_root() -> bool {
    std::process::Command::new("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        .unwrap_or(false)
}

/// A two-question export and its codebook (source `responses.csv`).
fn minimal_survey() -> (&'static str, &'static str) {
    (
        "id,Type\n1,Public\n2,Academic\n3,Public\n",
        r#"[survey]
id = "mini"
title = "Mini"
wave = "2026"
source = "responses.csv"
format = "plain"
respondent_id = "id"

[[questions]]
id = "type"
text = "Type"
type = "single"
options = [{ code = "public", label = "Public" }, { code = "academic", label = "Academic" }]
"#,
    )
}

/// `run` killed at random moments over an existing report: the folder always holds exactly
/// the files its marker lists, and they are one run's set — the old one or the new one.
#[test]
fn a_killed_run_leaves_the_old_set_or_the_new_set() {
    let bin = assert_cmd::cargo::cargo_bin("shelfstat");
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("report");
    let small = root().join("tests/fixtures/surveymonkey/small/survey.toml");
    let codebooks = [sample_codebook(), small];
    let mut sets = Vec::new();
    for cb in &codebooks {
        let st = std::process::Command::new(&bin)
            .arg("run")
            .arg(cb)
            .arg("--out")
            .arg(&out)
            .status()
            .unwrap();
        assert!(st.success());
        sets.push(files_in(&out));
    }
    assert_ne!(sets[0], sets[1]);
    let mut rng = shelfstat::synth::rng::Rng::new(12);
    for k in 0..16 {
        let mut child = std::process::Command::new(&bin)
            .arg("run")
            .arg(&codebooks[k % 2])
            .arg("--out")
            .arg(&out)
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(rng.below(900)));
        let _ = child.kill();
        let _ = child.wait();
        let now = files_in(&out);
        assert!(
            now == sets[0] || now == sets[1],
            "kill {k}: a mix of two runs: {now:?}"
        );
        let listed: BTreeSet<String> = std::fs::read_to_string(out.join(MARKER))
            .unwrap()
            .lines()
            .filter(|l| !l.starts_with('#'))
            .map(str::to_string)
            .chain([MARKER.to_string()])
            .collect();
        assert_eq!(now, listed, "kill {k}");
    }
    // The next run removes the staging folders the killed ones left.
    let st = std::process::Command::new(&bin)
        .arg("run")
        .arg(&codebooks[0])
        .arg("--out")
        .arg(&out)
        .stderr(std::process::Stdio::null())
        .status()
        .unwrap();
    assert!(st.success());
    let left: Vec<String> = std::fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(left, ["report"]);
}

fn shelfstat(args: &[&std::ffi::OsStr]) -> (i32, String) {
    let out = std::process::Command::new(assert_cmd::cargo::cargo_bin("shelfstat"))
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// A plain export and its codebook in a temp folder, run into `out`: (folder, exit code, stderr).
fn run_plain(file: &str, csv: &str, codebook: &str) -> (tempfile::TempDir, i32, String) {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join(file), csv).unwrap();
    std::fs::write(tmp.path().join("survey.toml"), codebook).unwrap();
    let (code, err) = shelfstat(&[
        "run".as_ref(),
        tmp.path().join("survey.toml").as_os_str(),
        "--out".as_ref(),
        tmp.path().join("out").as_os_str(),
    ]);
    (tmp, code, err)
}

/// The weights fixture in a temp folder, with every weight replaced by `w` (the second row's
/// by `first`).
fn weights_fixture(first: &str, w: &str) -> tempfile::TempDir {
    let dir = crate::common::copy_dir(&root().join("tests/fixtures/plain/weights"));
    let p = dir.path().join("responses.csv");
    let text = std::fs::read_to_string(&p).unwrap();
    let rows: Vec<String> = text
        .lines()
        .enumerate()
        .map(|(i, l)| match i {
            0 => l.to_string(),
            1 => format!("{},{first}", l.rsplit_once(',').unwrap().0),
            _ => format!("{},{w}", l.rsplit_once(',').unwrap().0),
        })
        .collect();
    std::fs::write(&p, rows.join("\n") + "\n").unwrap();
    dir
}

#[test]
fn a_huge_weight_never_panics() {
    // 1e50: computable (one library outweighs the rest); the Rao–Scott test is reported.
    let dir = weights_fixture("1e50", "1");
    let (code, err) = shelfstat(&[
        "run".as_ref(),
        dir.path().join("survey.toml").as_os_str(),
        "--out".as_ref(),
        dir.path().join("out").as_os_str(),
    ]);
    assert_eq!(code, 0, "{err}");
    let report = std::fs::read_to_string(dir.path().join("out/report.md")).unwrap();
    assert!(
        report.contains("Rao–Scott F = ") && !report.contains("NaN") && !report.contains("inf")
    );
    // 1e200 and 1e300 overflow Σw²: a clear error naming the column, exit 1, no panic.
    for w in ["1e200", "1e300"] {
        let dir = weights_fixture(w, "1");
        let (code, err) = shelfstat(&[
            "run".as_ref(),
            dir.path().join("survey.toml").as_os_str(),
            "--out".as_ref(),
            dir.path().join("out").as_os_str(),
        ]);
        assert_eq!(code, 1, "{err}");
        assert!(
            err.contains("survey.toml:15: the weight column \"Weight\": weights as large as"),
            "{err}"
        );
        assert!(!dir.path().join("out").exists());
    }
}

#[test]
fn all_zero_weights_are_an_error_naming_the_column() {
    let dir = weights_fixture("0", "0");
    let (code, err) = shelfstat(&[
        "run".as_ref(),
        dir.path().join("survey.toml").as_os_str(),
        "--out".as_ref(),
        dir.path().join("out").as_os_str(),
    ]);
    assert_eq!(code, 1);
    assert!(
        err.contains("survey.toml:15: the weight column \"Weight\": every weight is zero"),
        "{err}"
    );
}

#[test]
fn survey_ids_that_are_paths_are_refused_with_their_line() {
    for id in ["../..", "..", "/tmp/x", "a/b", "Reports", ""] {
        let dir = crate::common::copy_dir(&root().join("tests/fixtures/plain/weights"));
        let p = dir.path().join("survey.toml");
        let text = std::fs::read_to_string(&p)
            .unwrap()
            .replace("id = \"weights\"", &format!("id = {id:?}"));
        std::fs::write(&p, text).unwrap();
        let (code, err) = shelfstat(&["run".as_ref(), p.as_os_str()]);
        assert_eq!(code, 1, "{id}: {err}");
        assert!(
            err.contains("survey.toml:4: id ") && err.contains("must be a short name for a folder"),
            "{id}: {err}"
        );
    }
}

#[test]
fn a_numeric_answer_of_1e308_gives_no_infinity() {
    let (tmp, code, err) = run_plain("r.csv", "id,Books\n1,1e308\n2,1e308\n3,-1.7e308\n4,1.7e308\n", "[survey]\nid = \"big\"\ntitle = \"t\"\nwave = \"1\"\nsource = \"r.csv\"\nformat = \"plain\"\nrespondent_id = \"id\"\n\n[[questions]]\nid = \"books\"\ntype = \"numeric\"\ntext = \"Books\"\n");
    assert_eq!(code, 0, "{err}");
    let report = std::fs::read_to_string(tmp.path().join("out/report.md")).unwrap();
    assert!(!report.to_lowercase().contains("inf"), "{report}");
}

#[test]
fn formulas_in_answers_are_neutralised_in_every_csv() {
    // A published text answer, a typed country, an option label and a respondent id that a
    // spreadsheet would run as formulas.
    let (tmp, code, err) = run_plain("r.csv", "id,Type,Where?,Comment\n=1+1,@SUM(A1),\"=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",-2+3 is fine\n2,Public,Norway,ok\n3,Public,Norway,+ more\n", "[survey]\nid = \"f\"\ntitle = \"t\"\nwave = \"1\"\nsource = \"r.csv\"\nformat = \"plain\"\nrespondent_id = \"id\"\n\n\
         [[questions]]\nid = \"type\"\ntype = \"single\"\ntext = \"Type\"\noptions = [{ code = \"sum\", label = \"@SUM(A1)\" }, { code = \"public\", label = \"Public\" }]\n\n\
         [[questions]]\nid = \"where\"\ntype = \"country\"\ntext = \"Where?\"\n\n\
         [[questions]]\nid = \"comment\"\ntype = \"text\"\ntext = \"Comment\"\npublish_text = true\n");
    assert_eq!(code, 0, "{err}");
    let out = tmp.path().join("out");
    let tidy = std::fs::read_to_string(out.join("tidy/responses.csv")).unwrap();
    assert!(tidy.contains("'=1+1,"), "{tidy}");
    assert!(
        tidy.contains("'-2+3 is fine") && tidy.contains("'+ more"),
        "{tidy}"
    );
    assert!(tidy.contains("\"'=HYPERLINK("), "{tidy}");
    let table = std::fs::read_to_string(out.join("tables/type.csv")).unwrap();
    assert!(table.contains(",'@SUM(A1),"), "{table}");
    // Every line of every CSV: no field starts with a formula character.
    for f in ["tidy/responses.csv", "tables/type.csv", "tables/rows.csv"] {
        let text = std::fs::read_to_string(out.join(f)).unwrap();
        let mut rdr = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(text.as_bytes());
        for rec in rdr.records() {
            for field in rec.unwrap().iter() {
                let numeric = field.parse::<f64>().is_ok();
                assert!(
                    numeric || !field.starts_with(['=', '+', '-', '@']),
                    "{f}: {field:?}"
                );
            }
        }
    }
    // The Parquet file keeps the answer as it was typed.
    let a = shelfstat::pipeline::analyse(
        &shelfstat::pipeline::load(Some(&tmp.path().join("survey.toml"))).unwrap(),
    )
    .unwrap();
    let c = a
        .tidy
        .frame
        .column("comment")
        .unwrap()
        .str()
        .unwrap()
        .get(0)
        .map(str::to_string);
    assert_eq!(c.as_deref(), Some("-2+3 is fine"));
}

#[test]
fn thousands_of_unread_columns_are_summarised_not_listed() {
    let n = 2000;
    let head: Vec<String> = (0..n).map(|i| format!("Q{i}")).collect();
    let row: Vec<&str> = (0..n).map(|_| "x").collect();
    let (tmp, code, err) = run_plain("r.csv", &format!("id,Type,{}\n1,a,{}\n", head.join(","), row.join(",")), "[survey]\nid = \"wide\"\ntitle = \"t\"\nwave = \"1\"\nsource = \"r.csv\"\nformat = \"plain\"\nrespondent_id = \"id\"\n\n[[questions]]\nid = \"type\"\ntype = \"single\"\ntext = \"Type\"\noptions = [{ code = \"a\", label = \"a\" }]\n");
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        err.matches("shelfstat: warning: column ").count(),
        10,
        "{err}"
    );
    assert!(err.contains(
        "shelfstat: warning: and 1990 more columns that no question reads (listed in results.json)"
    ));
    let report = std::fs::read_to_string(tmp.path().join("out/report.md")).unwrap();
    assert_eq!(report.matches("**Unaccounted column**").count(), 10);
    assert!(report
        .contains("- **Unaccounted columns**: and 1990 more (all are listed in results.json)."));
    let json = std::fs::read_to_string(tmp.path().join("out/results.json")).unwrap();
    assert_eq!(json.matches("\"non_empty\": 1").count(), 2000);
}

#[test]
fn a_repeated_heading_is_a_warning_naming_both_columns() {
    let (_tmp, code, err) = run_plain("d.csv", "id,Type,Type\n1,a,b\n2,b,a\n3,a,a\n", "[survey]\nid = \"d\"\ntitle = \"t\"\nwave = \"1\"\nsource = \"d.csv\"\nformat = \"plain\"\nrespondent_id = \"id\"\n\n[[questions]]\nid = \"type\"\ntype = \"single\"\ntext = \"Type\"\noptions = [{ code = \"a\", label = \"a\" }, { code = \"b\", label = \"b\" }]\n");
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("shelfstat: warning: column C (\"Type\") has the same heading as column B, which the codebook reads; its 3 answers are not read: name it with header = \"Type #2\", or list that in [survey] ignore_columns"), "{err}");
}

#[test]
fn damaged_utf8_bytes_are_replaced_when_the_codebook_asks() {
    let dir = crate::common::copy_dir(&root().join("tests/fixtures/surveymonkey/small"));
    let csv = std::fs::read(dir.path().join("responses.csv")).unwrap();
    let text = String::from_utf8(csv)
        .unwrap()
        .replace("France", "Côte d'Ivoire")
        .replace("Peru", "Per\u{1}");
    let mut bytes = text.into_bytes();
    let at = bytes.iter().position(|&b| b == 1).unwrap();
    bytes[at] = 0xFA; // a lone windows-1252 "ú" in a UTF-8 file
    std::fs::write(dir.path().join("responses.csv"), &bytes).unwrap();
    let cb = dir.path().join("survey.toml");
    let (code, err) = shelfstat(&[
        "run".as_ref(),
        cb.as_os_str(),
        "--out".as_ref(),
        dir.path().join("out").as_os_str(),
    ]);
    assert_eq!(code, 1, "{err}");
    let text = std::fs::read_to_string(&cb).unwrap().replace(
        "unit = \"libraries\"",
        "unit = \"libraries\"\ninvalid_utf8 = \"replace\"",
    );
    std::fs::write(&cb, text).unwrap();
    let (code, err) = shelfstat(&[
        "run".as_ref(),
        cb.as_os_str(),
        "--out".as_ref(),
        dir.path().join("out").as_os_str(),
    ]);
    assert_eq!(code, 0, "{err}");
    let report = std::fs::read_to_string(dir.path().join("out/report.md")).unwrap();
    assert!(report.contains("responses.csv: 1 damaged byte sequence replaced by U+FFFD (invalid_utf8 = \"replace\"), at line 9"), "{report}");
    // The accents elsewhere are read as UTF-8, and the provenance is the file on disk.
    let results = std::fs::read_to_string(dir.path().join("out/results.json")).unwrap();
    assert!(results.contains("Côte d'Ivoire"));
    let sha = shelfstat::ingest::sha256_hex(&bytes);
    assert!(results.contains(&sha));
}

/// The tidy files are streamed into the staging folder while the rest is computed: a failure
/// while streaming (here the filler's own error, as a full disk would be) leaves the old set
/// and no staging folder; a committed set holds the streamed bytes and its marker lists them.
#[test]
fn a_streamed_file_is_part_of_the_set_or_of_nothing() {
    use shelfstat::output::Staging;
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("report");
    write_set(&out, &set(&[("report.md", "old")]), &[]).unwrap();
    {
        let staging = Staging::begin(&out, &[]).unwrap();
        staging.write(&set(&[("report.md", "new")])).unwrap();
        let failed = staging.stream(Path::new("tidy/responses.csv"), |w| {
            w.write_all(b"id\n1\n").unwrap();
            Err(shelfstat::error::Error::Other("the disk is full".into()))
        });
        assert_eq!(failed.unwrap_err().to_string(), "the disk is full");
        // Dropped without a commit.
    }
    assert_eq!(
        std::fs::read_to_string(out.join("report.md")).unwrap(),
        "old"
    );
    let names: Vec<String> = std::fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["report"]);
    let staging = Staging::begin(&out, &[]).unwrap();
    staging.write(&set(&[("report.md", "new")])).unwrap();
    // Past the 1 MB buffer: several writes.
    let big: Vec<u8> = (0..3_000_000u32).map(|i| (i % 251) as u8).collect();
    staging
        .stream(Path::new("tidy/responses.csv"), |w| {
            w.write_all(&big)
                .map_err(|e| shelfstat::error::Error::Other(e.to_string()))
        })
        .unwrap();
    let paths = [Path::new("report.md"), Path::new("tidy/responses.csv")];
    staging.commit(&paths).unwrap();
    assert_eq!(std::fs::read(out.join("tidy/responses.csv")).unwrap(), big);
    assert_eq!(
        files_in(&out),
        BTreeSet::from([
            MARKER.to_string(),
            "report.md".into(),
            "tidy/responses.csv".into()
        ])
    );
    let marker = std::fs::read_to_string(out.join(MARKER)).unwrap();
    assert_eq!(
        marker.lines().skip(1).collect::<Vec<_>>(),
        ["report.md", "tidy/responses.csv"]
    );
}

/// Issue 26, item 13: synth wrapped ids past u64::MAX, accepted a collector share of NaN, and
/// aborted (exit 134, "memory allocation of 8 TB failed") on respondents = 10^12.
#[test]
fn synth_refuses_targets_it_cannot_meet() {
    let sample =
        std::fs::read_to_string(root().join("data/ifla-refugee-2019/targets.toml")).unwrap();
    let line = |key: &str| {
        sample
            .lines()
            .find(|l| l.starts_with(key))
            .unwrap_or_else(|| panic!("{key}"))
            .to_string()
    };
    let cases = [
        (
            line("first_respondent_id"),
            "first_respondent_id = 18446744073709551615".to_string(),
            "leaves no room for",
        ),
        (
            line("respondents"),
            "respondents = 1000000000000".to_string(),
            "synth writes at most 10000000 rows",
        ),
    ];
    let tmp = tempfile::tempdir().unwrap();
    for (from, to, want) in cases {
        let p = tmp.path().join("targets.toml");
        std::fs::write(&p, sample.replacen(&from, &to, 1)).unwrap();
        let (code, err) = shelfstat(&[
            "synth".as_ref(),
            root()
                .join("data/ifla-refugee-2019/survey.toml")
                .as_os_str(),
            "--targets".as_ref(),
            p.as_os_str(),
            "--out".as_ref(),
            tmp.path().join("x.csv").as_os_str(),
        ]);
        assert_eq!(code, 1, "{to}: {err}");
        assert!(err.contains(want), "{to}: {err}");
    }
    let t = shelfstat::synth::Targets::parse(
        &sample.replacen("share = 0.75", "share = nan", 1),
        Path::new("targets.toml"),
    );
    assert!(t
        .err()
        .unwrap()
        .to_string()
        .contains("share must be a number from 0 to 1, not NaN"));
}

/// Issue 26, item 20: a 50 MB cell that is not an option was echoed whole (a 50,000,091-byte
/// error line). The message is cut, and says how long it was.
#[test]
fn a_huge_bad_cell_is_not_echoed_whole() {
    let dir = root().join("tests/fixtures/surveymonkey/small");
    let csv = std::fs::read(dir.join("responses.csv")).unwrap();
    // The second "Public": a data row's answer (the first is the header's sub-heading).
    let first = csv.windows(8).position(|w| w == b",Public,").unwrap() + 1;
    let at = first
        + csv[first..]
            .windows(8)
            .position(|w| w == b",Public,")
            .unwrap()
        + 1;
    let huge = [&csv[..at], &vec![b'y'; 5_000_000][..], &csv[at + 6..]].concat();
    let cb = std::fs::read_to_string(dir.join("survey.toml")).unwrap();
    let (_tmp, code, err) = run_plain("responses.csv", &String::from_utf8(huge).unwrap(), &cb);
    assert_eq!(code, 1, "{}", &err[..err.len().min(2000)]);
    let last = err.lines().last().unwrap();
    assert!(last.len() < 2_000, "{} bytes", last.len());
    assert!(last.contains("… (message cut: "), "{last}");
    assert!(last.contains(": row "), "{last}");
    // A 5 MB sub-heading named in a codebook error is cut too.
    let huge = [&csv[..first], &vec![b'y'; 5_000_000][..], &csv[first + 6..]].concat();
    let (_tmp, code, err) = run_plain("responses.csv", &String::from_utf8(huge).unwrap(), &cb);
    let last = err.lines().last().unwrap();
    assert!(
        code == 1 && last.len() < 3_000 && last.contains("message cut"),
        "{}",
        &last[..last.len().min(300)]
    );
}
