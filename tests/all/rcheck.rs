//! Cross-check against R's survey package (tests/crosscheck/r/crosscheck.R): 33 generated
//! cases — unweighted and weighted proportions with Wilson, Clopper–Pearson and logit intervals,
//! raking to 2–3 margins and post-stratification, 2×k and r×k tables with Pearson and Rao–Scott
//! tests, weighted changes between two waves (difference, design-based SE, p), and means with
//! t intervals (grid scores, ranks; `svymean` + `confint(df = degf)`). Fails if
//! any figure differs by more than 1e-9 (1e-6 for raked weights). Skips with a note when
//! Rscript is missing, unless SHELFSTAT_REQUIRE_R=1 (set by .ci/run).

use crate::common::root;
use shelfstat::stats::chisq::{pearson, rao_scott};
use shelfstat::stats::interval::{interval, IntervalMethod, PropSummary};
use shelfstat::stats::weights::{poststratify, rake, Margin, RakeOptions};
use shelfstat::synth::rng::Rng;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;
use std::process::Command;

type Figures = BTreeMap<(String, String), f64>;

fn r_ready() -> bool {
    Command::new("Rscript")
        .args(["-e", "suppressPackageStartupMessages(library(survey))"])
        .output()
        .is_ok_and(|o| o.status.success())
}

struct Cases {
    dir: std::path::PathBuf,
    manifest: String,
    ours: Figures,
}

impl Cases {
    fn add(&mut self, id: &str, kind: &str, csv: String) {
        std::fs::write(self.dir.join(format!("{id}.csv")), csv).unwrap();
        writeln!(self.manifest, "{id},{kind}").unwrap();
    }
    fn put(&mut self, id: &str, figure: &str, v: f64) {
        self.ours.insert((id.to_string(), figure.to_string()), v);
    }
    fn put_interval(&mut self, id: &str, name: &str, s: &PropSummary, m: IntervalMethod) {
        let iv = interval(m, s).unwrap();
        self.put(id, &format!("{name}_low"), iv.low);
        self.put(id, &format!("{name}_high"), iv.high);
    }
}

fn generate(dir: &Path) -> Cases {
    let mut c = Cases {
        dir: dir.to_path_buf(),
        manifest: "case,kind\n".into(),
        ours: Figures::new(),
    };
    let mut rng = Rng::new(4_2019);
    // Unweighted proportions: p at 0, near 0, near 1, middling, small n.
    for (i, (x, n)) in [
        (0u64, 25u64),
        (1, 200),
        (199, 200),
        (5, 7),
        (50, 100),
        (221, 237),
        (3, 1000),
    ]
    .into_iter()
    .enumerate()
    {
        let id = format!("pu{}", i + 1);
        let mut csv = String::from("y\n");
        for k in 0..n {
            csv.push_str(if k < x { "1\n" } else { "0\n" });
        }
        c.add(&id, "prop_unweighted", csv);
        let s = PropSummary::unweighted(x, n);
        c.put(&id, "p", s.p());
        c.put_interval(&id, "wilson", &s, IntervalMethod::Wilson);
        c.put_interval(&id, "cp", &s, IntervalMethod::ClopperPearson);
        if x > 0 && x < n {
            c.put_interval(&id, "logit", &s, IntervalMethod::Logit);
        }
    }
    // Weighted proportions: weights uniform on [0.2, 5].
    for (i, (n, p_true)) in [
        (15usize, 0.5),
        (40, 0.06),
        (120, 0.95),
        (500, 0.3),
        (60, 0.02),
        (30, 0.8),
    ]
    .into_iter()
    .enumerate()
    {
        let id = format!("pw{}", i + 1);
        let units: Vec<(bool, f64)> = loop {
            let u: Vec<(bool, f64)> = (0..n)
                .map(|_| (rng.unit() < p_true, 0.2 + 4.8 * rng.unit()))
                .collect();
            let x = u.iter().filter(|(y, _)| *y).count();
            if x > 0 && x < n {
                break u;
            }
        };
        let mut csv = String::from("y,w\n");
        for (y, w) in &units {
            writeln!(csv, "{},{w:?}", *y as u8).unwrap();
        }
        c.add(&id, "prop_weighted", csv);
        let s = PropSummary::from_units(units.iter().copied(), true);
        c.put(&id, "p", s.p());
        c.put(&id, "n_eff", s.n_eff());
        c.put_interval(&id, "wilson", &s, IntervalMethod::Wilson);
        c.put_interval(&id, "cp", &s, IntervalMethod::ClopperPearson);
        c.put_interval(&id, "logit", &s, IntervalMethod::Logit);
    }
    // Weighted changes between two waves: difference, design-based SE and p of the z test.
    for (i, (n0, p0, n1, p1)) in [
        (80usize, 0.4, 120usize, 0.55),
        (300, 0.9, 250, 0.93),
        (25, 0.2, 40, 0.5),
        (150, 0.05, 150, 0.12),
    ]
    .into_iter()
    .enumerate()
    {
        let id = format!("cw{}", i + 1);
        let wave = |n: usize, p: f64, rng: &mut Rng| -> Vec<(bool, f64)> {
            loop {
                let u: Vec<(bool, f64)> = (0..n)
                    .map(|_| (rng.unit() < p, 0.2 + 4.8 * rng.unit()))
                    .collect();
                let x = u.iter().filter(|(y, _)| *y).count();
                if x > 0 && x < n {
                    break u;
                }
            }
        };
        let (a, b) = (wave(n0, p0, &mut rng), wave(n1, p1, &mut rng));
        let mut csv = String::from("y,w,wave\n");
        for (k, units) in [&a, &b].into_iter().enumerate() {
            for (y, w) in units {
                writeln!(csv, "{},{w:?},{k}", *y as u8).unwrap();
            }
        }
        c.add(&id, "change_weighted", csv);
        let (sa, sb) = (
            PropSummary::from_units(a.iter().copied(), true),
            PropSummary::from_units(b.iter().copied(), true),
        );
        let ch = shelfstat::stats::change::change(&sa, &sb).unwrap();
        c.put(&id, "diff", ch.diff);
        c.put(
            &id,
            "se",
            shelfstat::stats::change::design_se(&sa, &sb).unwrap(),
        );
        c.put(&id, "p_change", ch.p_value.unwrap());
    }
    // Grid mean scores (1–5, as a rating grid's) and mean ranks: mean, linearised SE and the
    // t interval on n − 1 df, unweighted and weighted.
    for (i, (n, weighted)) in [
        (2usize, false),
        (9, false),
        (60, true),
        (12, true),
        (400, true),
    ]
    .into_iter()
    .enumerate()
    {
        let id = format!("mn{}", i + 1);
        let units: Vec<(f64, f64)> = (0..n)
            .map(|_| {
                let y = 1.0 + (rng.unit() * 5.0).floor().min(4.0);
                let w = if weighted {
                    0.2 + 4.8 * rng.unit()
                } else {
                    1.0
                };
                (y, w)
            })
            .collect();
        let mut csv = String::from("y,w\n");
        for (y, w) in &units {
            writeln!(csv, "{y:?},{w:?}").unwrap();
        }
        c.add(&id, "mean", csv);
        let m = shelfstat::stats::mean::mean_estimate(&units).unwrap();
        c.put(&id, "mean", m.mean);
        c.put(&id, "se", m.se.unwrap());
        c.put(&id, "t_low", m.ci_low.unwrap());
        c.put(&id, "t_high", m.ci_high.unwrap());
    }
    // Raking and post-stratification.
    let levels: [&[&str]; 3] = [&["a", "b", "c"], &["u", "v"], &["p", "q", "r", "s"]];
    let specs: [(&str, usize, usize, bool, bool); 5] = [
        // id, n, margins, random base weights, targets as shares
        ("rk1", 80, 2, false, false),
        ("rk2", 150, 3, false, false),
        ("rk3", 120, 2, true, false),
        ("rk4", 200, 3, true, true),
        ("ps1", 90, 1, true, false),
    ];
    for (id, n, k, random_w, shares) in specs {
        let vals: Vec<Vec<Option<String>>> = (0..k)
            .map(|m| {
                (0..n)
                    .map(|i| {
                        let l = levels[m];
                        // every level present: the first units cycle through them
                        let j = if i < l.len() {
                            i
                        } else {
                            (rng.below(l.len() as u64 * 2) as usize) % l.len()
                        };
                        Some(l[j].to_string())
                    })
                    .collect()
            })
            .collect();
        let base: Vec<f64> = (0..n)
            .map(|_| {
                if random_w {
                    0.5 + 2.0 * rng.unit()
                } else {
                    1.0
                }
            })
            .collect();
        let total = 1000.0;
        let margins: Vec<Margin> = (0..k)
            .map(|m| {
                let raw: Vec<f64> = levels[m].iter().map(|_| 1.0 + rng.unit() * 3.0).collect();
                let s: f64 = raw.iter().sum();
                Margin {
                    variable: format!("x{}", m + 1),
                    targets: levels[m]
                        .iter()
                        .zip(&raw)
                        .map(|(l, r)| (l.to_string(), if shares { r / s } else { total * r / s }))
                        .collect(),
                }
            })
            .collect();
        let mut csv = (1..=k)
            .map(|m| format!("x{m}"))
            .collect::<Vec<_>>()
            .join(",")
            + ",w\n";
        for i in 0..n {
            for v in &vals {
                csv.push_str(v[i].as_deref().unwrap());
                csv.push(',');
            }
            writeln!(csv, "{:?}", base[i]).unwrap();
        }
        // R has no shares: give it the counts shelfstat scales them to (Σ base weights).
        let base_total: f64 = base.iter().sum();
        let mut mcsv = String::from("variable,category,target\n");
        for m in &margins {
            for (cat, t) in &m.targets {
                writeln!(
                    mcsv,
                    "{},{cat},{:?}",
                    m.variable,
                    if shares { t * base_total } else { *t }
                )
                .unwrap();
            }
        }
        std::fs::write(dir.join(format!("{id}_margins.csv")), mcsv).unwrap();
        let weights = if id.starts_with("ps") {
            c.add(id, "poststratify", csv);
            poststratify(&base, &vals[0], &margins[0]).unwrap()
        } else {
            c.add(id, "rake", csv);
            let opts = RakeOptions {
                tolerance: 1e-13,
                max_iterations: 10_000,
                trim: None,
            };
            rake(&base, &vals, &margins, &opts).unwrap().0
        };
        for (i, w) in weights.iter().enumerate() {
            c.put(id, &format!("w{:03}", i + 1), *w);
        }
    }
    // Tables: groups × answers with some association.
    for (i, (n, nr, nc, weighted)) in [
        (120usize, 2usize, 2usize, false),
        (300, 2, 4, false),
        (90, 3, 3, false),
        (400, 4, 5, false),
        (150, 2, 3, true),
        (250, 3, 4, true),
    ]
    .into_iter()
    .enumerate()
    {
        let id = format!("tb{}", i + 1);
        let mut r = Vec::with_capacity(n);
        let mut cc = Vec::with_capacity(n);
        let mut w = Vec::with_capacity(n);
        for k in 0..n {
            let ri = if k < nr * nc {
                k % nr
            } else {
                rng.below(nr as u64) as usize
            };
            let ci = if k < nr * nc {
                k / nr
            } else if rng.unit() < 0.3 {
                ri % nc
            } else {
                rng.below(nc as u64) as usize
            };
            r.push(ri);
            cc.push(ci);
            w.push(if weighted {
                0.3 + 3.0 * rng.unit()
            } else {
                1.0
            });
        }
        let mut csv = String::from("r,c,w\n");
        for k in 0..n {
            writeln!(csv, "{},{},{:?}", r[k], cc[k], w[k]).unwrap();
        }
        if weighted {
            c.add(&id, "table_weighted", csv);
            let a = rao_scott(&r, &cc, &w, nr, nc).unwrap();
            c.put(&id, "f", a.f.unwrap());
            c.put(&id, "ndf", a.ndf.unwrap());
            c.put(&id, "ddf", a.ddf.unwrap());
            c.put(&id, "p", a.p_value);
            c.put(&id, "chisq", a.chisq);
            c.put(&id, "p_first_order", a.p_first_order.unwrap());
        } else {
            c.add(&id, "table_unweighted", csv);
            let mut t = vec![vec![0.0; nc]; nr];
            for k in 0..n {
                t[r[k]][cc[k]] += 1.0;
            }
            let a = pearson(&t).unwrap();
            c.put(&id, "chisq", a.chisq);
            c.put(&id, "df", a.df);
            c.put(&id, "p", a.p_value);
        }
    }
    std::fs::write(dir.join("cases.csv"), &c.manifest).unwrap();
    c
}

#[test]
fn figures_match_r_survey() {
    if !r_ready() {
        if std::env::var("SHELFSTAT_REQUIRE_R").as_deref() == Ok("1") {
            panic!("Rscript with the survey package is required (apt-get install r-base-core r-cran-survey)");
        }
        eprintln!("note: skipping the R cross-check: Rscript with the survey package not found");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let cases = generate(dir.path());
    let out = Command::new("Rscript")
        .arg(root().join("tests/crosscheck/r/crosscheck.R"))
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "Rscript failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut rdr = csv::Reader::from_path(dir.path().join("r_results.csv")).unwrap();
    let mut theirs = Figures::new();
    for rec in rdr.records() {
        let rec = rec.unwrap();
        theirs.insert(
            (rec[0].to_string(), rec[1].to_string()),
            rec[2].parse().unwrap(),
        );
    }
    let n_cases = cases.manifest.lines().count() - 1;
    assert!(n_cases >= 20, "{n_cases} cases");
    assert_eq!(
        cases.ours.keys().collect::<Vec<_>>(),
        theirs.keys().collect::<Vec<_>>(),
        "shelfstat and R computed different sets of figures"
    );
    let mut report = format!(
        "{:<6} {:<14} {:>22} {:>22} {:>10}\n",
        "case", "figure", "shelfstat", "R", "|diff|"
    );
    let mut worst: BTreeMap<&str, f64> = BTreeMap::new();
    let mut failures = 0;
    for ((case, fig), ours) in &cases.ours {
        let r = theirs[&(case.clone(), fig.clone())];
        let diff = (ours - r).abs();
        let tol = if fig.starts_with('w') { 1e-6 } else { 1e-9 };
        let ok = diff <= tol;
        failures += !ok as usize;
        let kind = if fig.starts_with('w') {
            "weights"
        } else {
            fig.as_str()
        };
        let e = worst.entry(kind).or_insert(0.0);
        *e = e.max(diff);
        if !fig.starts_with('w') || fig == "w001" || !ok {
            writeln!(
                report,
                "{case:<6} {fig:<14} {ours:>22.15e} {r:>22.15e} {diff:>10.2e}{}",
                if ok { "" } else { "  DIFF" }
            )
            .unwrap();
        }
    }
    writeln!(
        report,
        "{} figures in {n_cases} cases compared with R survey; {failures} differ beyond tolerance",
        cases.ours.len()
    )
    .unwrap();
    writeln!(report, "largest |diff| by figure: {worst:?}").unwrap();
    println!("{report}");
    assert_eq!(failures, 0, "\n{report}");
}
