//! The published summary of the IFLA 2019 survey, reproduced from the raw CSV.

use crate::common::*;
use shelfstat::stats::{Estimate, QuestionStats, Results};

fn option(r: &Results, q: &str, code: &str) -> Estimate {
    match r.question(q).unwrap() {
        QuestionStats::Choice(t) => t
            .rows
            .iter()
            .find(|o| o.code == code)
            .unwrap()
            .estimate
            .unwrap(),
        _ => panic!("{q} is not a choice question"),
    }
}

/// The percentage as published (rounded to `decimals`).
fn published(e: &Estimate, decimals: usize) -> String {
    format!("{:.decimals$}", e.percent())
}

#[test]
fn published_summary_is_reproduced_from_the_raw_rows() {
    let (_, a) = load(&sample_codebook());
    let r = &a.results;
    assert_eq!(r.respondents, 353);
    assert_eq!(r.countries, Some(32));
    assert_eq!(r.accounting.rows_read, 358);
    assert_eq!(r.accounting.analysed, 353);

    // "75% of responding libraries offer library cards" (base: all 353).
    let cards = option(r, "cards", "yes");
    assert_eq!((cards.count, cards.base), (265, 353));
    assert_eq!(published(&cards, 0), "75");

    // Services, over the 237 who answered.
    for (code, want, count) in [
        ("internet", "93.2", 221),
        ("resources", "83.5", 198),
        ("news", "79.7", 189),
        ("computer", "60.3", 143),
        ("language", "56.1", 133),
        ("referrals", "53.6", 127),
        ("storytimes", "53.2", 126),
    ] {
        let e = option(r, "services", code);
        assert_eq!(e.base, 237, "{code}");
        assert_eq!(e.count, count, "{code}");
        assert_eq!(published(&e, 1), want, "{code}");
    }

    // "68% have offered them for more than 5 years".
    let gt5 = option(r, "duration", "gt5");
    assert_eq!((gt5.count, gt5.base), (157, 231));
    assert_eq!(published(&gt5, 0), "68");

    // "over 50% cooperate with other organisations".
    let coop = option(r, "cooperate", "yes");
    assert!(coop.proportion > 0.5, "{}", coop.proportion);

    // Barriers, over the 350 who answered.
    for (code, want) in [
        ("no_immigrants", "38.6"),
        ("lack_resources", "26.3"),
        ("other_agencies", "24.6"),
    ] {
        let e = option(r, "barriers", code);
        assert_eq!(e.base, 350, "{code}");
        assert_eq!(published(&e, 1), want, "{code}");
    }
}

#[test]
fn countries_normalise_to_32_with_a_long_tail() {
    let (_, a) = load(&sample_codebook());
    let QuestionStats::Country(c) = a.results.question("country").unwrap() else {
        panic!()
    };
    assert_eq!(c.distinct, 32);
    assert!(c.unmatched.is_empty(), "{:?}", c.unmatched);
    // At least five countries under five responses, pooled rather than listed.
    assert_eq!(c.pooled_countries.len(), 7);
    assert_eq!(c.pooled.unwrap().count, 16);
    assert_eq!(c.rows.len(), 25);
    assert_eq!(
        (c.rows[0].alpha2.as_str(), c.rows[0].estimate.count),
        ("US", 52)
    );
    // The raw export really is messy: many spellings map to one code.
    let raw = std::fs::read_to_string(root().join("data/ifla-refugee-2019/responses.csv")).unwrap();
    for variant in [
        "USA",
        "U.S.A.",
        "Deutschland",
        "UK",
        "Türkiye",
        "united states",
    ] {
        assert!(
            raw.contains(&format!(",{variant},")),
            "{variant} missing from the sample"
        );
    }
}

#[test]
fn the_headline_example_of_the_issue() {
    let out = shelfstat::cmd::headline::headline(&Default::default()).unwrap();
    assert!(out.contains(
        "93.2% of the 237 libraries that answered offer Internet access (95% CI 89.3–95.8%)."
    ));
}

#[test]
fn regenerating_the_sample_gives_the_same_bytes() {
    let committed = std::fs::read(root().join("data/ifla-refugee-2019/responses.csv")).unwrap();
    let regenerated = shelfstat::cmd::synth::synth(&shelfstat::cmd::synth::SynthOptions {
        codebook: Some(sample_codebook()),
        targets: Some(root().join("data/ifla-refugee-2019/targets.toml")),
        ..Default::default()
    })
    .unwrap();
    assert!(committed == regenerated, "data/ifla-refugee-2019/responses.csv differs from `shelfstat synth` output; regenerate it with `cargo run -- synth --out data/ifla-refugee-2019/responses.csv`");
    // A different seed gives different rows but the same published figures.
    let other = shelfstat::cmd::synth::synth(&shelfstat::cmd::synth::SynthOptions {
        seed: Some(7),
        ..Default::default()
    })
    .unwrap();
    assert_ne!(other, committed);
    let dir = copy_dir(&root().join("data/ifla-refugee-2019"));
    std::fs::write(dir.path().join("responses.csv"), &other).unwrap();
    let (_, a) = load(&dir.path().join("survey.toml"));
    assert_eq!(
        published(&option(&a.results, "services", "internet"), 1),
        "93.2"
    );
    assert_eq!(a.results.countries, Some(32));
}

#[test]
fn committed_report_is_fresh() {
    let a = shelfstat::pipeline::analyse(&shelfstat::pipeline::load(None).unwrap()).unwrap();
    assert_fresh("reports/ifla-refugee-2019", &a, "`cargo run -- run`");
}

/// The 2025 wave's committed report too (its responses.sav went stale unnoticed once).
#[test]
fn committed_2025_report_is_fresh() {
    let (_, a) = load(&root().join("data/ifla-refugee-2025/survey.toml"));
    assert_fresh(
        "reports/ifla-refugee-2025",
        &a,
        "`cargo run -- run data/ifla-refugee-2025/survey.toml`",
    );
}

/// Every file `run` would write for `a` is in `report` with the same bytes, and nothing else.
fn assert_fresh(report: &str, a: &shelfstat::pipeline::Analysis, command: &str) {
    let files = shelfstat::cmd::run::render_outputs(a).unwrap();
    let dir = root().join(report);
    let hint = format!("{report} is stale: regenerate it with {command}");
    let mut on_disk: Vec<String> = walk(&dir)
        .into_iter()
        .map(|p| p.strip_prefix(&dir).unwrap().to_string_lossy().into_owned())
        .filter(|p| p != shelfstat::output::MARKER)
        .collect();
    on_disk.sort();
    let mut rendered: Vec<String> = files
        .iter()
        .map(|f| f.path.to_string_lossy().into_owned())
        .collect();
    rendered.sort();
    assert_eq!(on_disk, rendered, "{hint}");
    for f in &files {
        let disk = std::fs::read(dir.join(&f.path)).unwrap();
        assert!(disk == f.bytes, "{}: {hint}", f.path.display());
    }
}

#[test]
fn bundled_and_on_disk_sample_give_identical_outputs() {
    let embedded = shelfstat::cmd::run::render_outputs(
        &shelfstat::pipeline::analyse(&shelfstat::pipeline::load(None).unwrap()).unwrap(),
    )
    .unwrap();
    let (_, a) = load(&sample_codebook());
    let from_disk = shelfstat::cmd::run::render_outputs(&a).unwrap();
    assert_eq!(embedded.len(), from_disk.len());
    for (x, y) in embedded.iter().zip(&from_disk) {
        assert_eq!(x.path, y.path);
        assert!(x.bytes == y.bytes, "{} differs", x.path.display());
    }
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap_or_else(|_| panic!("{} missing", dir.display())) {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}
