//! Issue 29: a CSV wave and its .sav twin. GNU PSPP — a second, independent writer — builds a
//! .sav from the rows of tests/fixtures/spss/twin/responses.csv (DATA LIST, VARIABLE LABELS,
//! VALUE LABELS, MRSETS, SAVE); `init --like` drafts the .sav's codebook from the CSV wave's,
//! with no hand edit; both run; every stat table is byte-identical. `compare` then reads the
//! two as successive waves: every figure equal, no change. Skips with a note without PSPP,
//! unless SHELFSTAT_REQUIRE_PSPP=1.

use crate::common::*;
use crate::sav_pspp::{pspp, pspp_ready};
use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

const SCALE: [&str; 6] = [
    "Very dissatisfied",
    "Dissatisfied",
    "Neither",
    "Satisfied",
    "Very satisfied",
    "Don't know",
];
const TYPES: [&str; 3] = ["Academic", "School", "Public"];
const SERVICES: [&str; 3] = ["Books", "Events", "Internet"];

/// A scale answer's SPSS code: 1 … 5, and 9 for "Don't know".
fn scale_code(label: &str) -> String {
    match SCALE.iter().position(|l| *l == label) {
        Some(5) => "9".into(),
        Some(k) => (k + 1).to_string(),
        None => ".".into(),
    }
}

/// PSPP syntax writing the twin .sav from the CSV's rows, coded by hand here.
fn twin_syntax(csv: &Path, sav: &Path) -> String {
    let mut data = String::new();
    let mut rdr = csv::Reader::from_path(csv).unwrap();
    for rec in rdr.records() {
        let r = rec.unwrap();
        let ty = TYPES
            .iter()
            .position(|t| *t == &r[1])
            .map_or(".".into(), |k| (k + 1).to_string());
        let ticked: Vec<&str> = r[2].split(", ").filter(|s| !s.is_empty()).collect();
        let services: Vec<&str> = SERVICES
            .iter()
            .map(|s| if ticked.contains(s) { "1" } else { "0" })
            .collect();
        let visits = if r[5].is_empty() { "." } else { &r[5] };
        data += &format!(
            "{} {ty} {} {} {} {visits}\n",
            &r[0],
            services.join(" "),
            scale_code(&r[3]),
            scale_code(&r[4]),
        );
    }
    let scale: Vec<String> = (SCALE.iter())
        .map(|l| format!("{} '{}'", scale_code(l), l.replace('\'', "''")))
        .collect();
    format!(
        "DATA LIST LIST /id (F4.0) type (F1.0) svc_1 svc_2 svc_3 (F1.0) sat_1 sat_2 (F1.0) visits (F4.0).\n\
         BEGIN DATA.\n{data}END DATA.\n\
         VARIABLE LABELS id 'id' /type 'Type of library' /svc_1 'Books' /svc_2 'Events' /svc_3 'Internet'\n \
         /sat_1 'Satisfaction with staff' /sat_2 'Satisfaction with space' /visits 'Visits per week'.\n\
         VALUE LABELS type 1 'Academic' 2 'School' 3 'Public' /sat_1 sat_2 {}.\n\
         VARIABLE LEVEL type (NOMINAL) /sat_1 sat_2 (ORDINAL) /visits (SCALE).\n\
         MRSETS /MDGROUP NAME=$services LABEL='Services offered' VARIABLES=svc_1 svc_2 svc_3 VALUE=1.\n\
         SAVE OUTFILE='{}'.\n",
        scale.join(" "),
        sav.display()
    )
}

fn shelfstat(args: &[&std::ffi::OsStr]) -> String {
    let o = Command::new(env!("CARGO_BIN_EXE_shelfstat"))
        .args(args)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&o.stderr).to_string();
    assert!(o.status.success(), "shelfstat {args:?}: {err}");
    err
}

/// Every file under `dir/tables`, by name.
fn tables(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    std::fs::read_dir(dir.join("tables"))
        .unwrap()
        .map(|e| e.unwrap())
        .map(|e| {
            (
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

#[test]
fn a_csv_wave_and_its_pspp_sav_twin_give_identical_tables() {
    if !pspp_ready("the CSV/.sav twin") {
        return;
    }
    let fixture = root().join("tests/fixtures/spss/twin");
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let csv_wave = d.join("csv");
    std::fs::create_dir(&csv_wave).unwrap();
    for f in ["responses.csv", "survey.toml"] {
        std::fs::copy(fixture.join(f), csv_wave.join(f)).unwrap();
    }
    let sav_wave = d.join("sav");
    std::fs::create_dir(&sav_wave).unwrap();
    let sav = sav_wave.join("twin.sav");
    pspp(d, &twin_syntax(&csv_wave.join("responses.csv"), &sav));

    let draft = sav_wave.join("survey.toml");
    let said = shelfstat(&[
        "init".as_ref(),
        sav.as_os_str(),
        "--like".as_ref(),
        csv_wave.join("survey.toml").as_os_str(),
        "--out".as_ref(),
        draft.as_os_str(),
    ]);
    let text = std::fs::read_to_string(&draft).unwrap();
    assert!(text.contains("format = \"spss\""), "{text}");
    assert!(
        !text.contains("check = "),
        "nothing left to confirm:\n{text}\n{said}"
    );
    for (wave, toml) in [("csv", &csv_wave), ("sav", &sav_wave)] {
        let out = d.join(format!("out-{wave}"));
        shelfstat(&[
            "run".as_ref(),
            toml.join("survey.toml").as_os_str(),
            "--out".as_ref(),
            out.as_os_str(),
        ]);
    }
    let (a, b) = (tables(&d.join("out-csv")), tables(&d.join("out-sav")));
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
    for (name, bytes) in &a {
        assert_eq!(
            String::from_utf8_lossy(bytes),
            String::from_utf8_lossy(&b[name]),
            "tables/{name} differs between the CSV wave and its .sav twin"
        );
    }
    // Hand-counted from the fixture: 21 rated the staff (3 said "Don't know"), 7 of them
    // very dissatisfied; the mean visits 98 / 24.
    let sat = String::from_utf8_lossy(&a["satisfaction.csv"]).to_string();
    assert!(
        sat.contains(
            "staff,Satisfaction with staff,share,very_dissatisfied,Very dissatisfied,7,21,"
        ),
        "{sat}"
    );
    assert!(a.len() >= 6, "{:?}", a.keys());

    // The two as successive waves of one series: every figure equal, so no change.
    let series = d.join("series.toml");
    std::fs::write(
        &series,
        "[series]\nid = \"twin-series\"\ntitle = \"Twin\"\n\n[[waves]]\nid = \"csv\"\ncodebook = \"csv/survey.toml\"\n\n[[waves]]\nid = \"sav\"\ncodebook = \"sav/survey.toml\"\n",
    )
    .unwrap();
    let said = shelfstat(&[
        "compare".as_ref(),
        series.as_os_str(),
        "--out".as_ref(),
        d.join("out-series").as_os_str(),
    ]);
    assert!(
        said.contains("compared waves csv (24), sav (24); 0 clear changes"),
        "{said}"
    );
}
