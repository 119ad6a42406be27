//! The notebooks in notebooks/ run top to bottom (nbclient, a real kernel) against fresh
//! `run` and `compare` outputs, and their assertions against results.json and changes.json
//! hold; the committed notebooks carry no outputs. Required in CI (SHELFSTAT_REQUIRE_CROSSCHECK);
//! elsewhere skipped with a note when the Python packages are missing.

use crate::common::*;
use std::process::Command;

#[test]
fn committed_notebooks_carry_no_outputs() {
    for e in std::fs::read_dir(root().join("notebooks")).unwrap() {
        let p = e.unwrap().path();
        let nb: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&p).unwrap()).unwrap();
        for c in nb["cells"].as_array().unwrap() {
            if c["cell_type"] == "code" {
                assert_eq!(c["outputs"], serde_json::json!([]), "{}", p.display());
                assert!(c["execution_count"].is_null(), "{}", p.display());
            }
        }
    }
}

#[test]
fn notebooks_run_against_fresh_outputs() {
    let python = std::env::var("SHELFSTAT_PYTHON").unwrap_or_else(|_| "python3".into());
    let ready = Command::new(&python)
        .args([
            "-c",
            "import nbclient, ipykernel, polars, pyarrow, pandas, statsmodels",
        ])
        .output()
        .is_ok_and(|o| o.status.success());
    if !ready {
        assert!(
            std::env::var("SHELFSTAT_REQUIRE_CROSSCHECK").as_deref() != Ok("1"),
            "nbclient, ipykernel, polars, pyarrow, pandas and statsmodels are required (scripts/test.sh installs them)"
        );
        eprintln!("note: skipping the notebooks: nbclient, polars or pyarrow not found");
        return;
    }
    // The repository's layout, in a temporary folder: notebooks/ beside reports/.
    let tmp = tempfile::tempdir().unwrap();
    let nbs = tmp.path().join("notebooks");
    std::fs::create_dir(&nbs).unwrap();
    for e in std::fs::read_dir(root().join("notebooks")).unwrap() {
        let p = e.unwrap().path();
        std::fs::copy(&p, nbs.join(p.file_name().unwrap())).unwrap();
    }
    let reports = tmp.path().join("reports");
    shelfstat::cmd::run::run(&shelfstat::cmd::run::RunOptions {
        codebook: Some(sample_codebook()),
        out: Some(reports.join("ifla-refugee-2019")),
        format: None,
        ..Default::default()
    })
    .unwrap();
    shelfstat::cmd::compare::compare(&shelfstat::cmd::compare::CompareOptions {
        series: root().join("data/ifla-refugee-series.toml"),
        out: Some(reports.join("ifla-refugee-series")),
    })
    .unwrap();
    let out = Command::new(&python)
        .arg(root().join("tests/crosscheck/run_notebooks.py"))
        .arg(&nbs)
        .output()
        .unwrap();
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success(), "{said}");
    assert!(
        said.contains("Internet access: 221/237 = 93.2% (95% CI 89.3–95.8%)"),
        "{said}"
    );
    assert!(said.contains("5 regions equal to the report"), "{said}");
    // 112 option changes, and the practice question's 10 codes × 3 pairs of waves.
    assert!(said.contains("142 changes recomputed"), "{said}");
    assert!(
        said.contains("ifla-refugee-2019.ipynb: ran")
            && said.contains("ifla-refugee-series.ipynb: ran"),
        "{said}"
    );
}
