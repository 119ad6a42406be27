//! The Excel workbook read back with calamine (the reader shelfstat's XLSX ingest uses), figure by
//! figure against the stat tables; text that looks like a formula stays text.

use crate::common::*;
use calamine::{Data, Reader, Xlsx};
use shelfstat::tables::{Estimate, QuestionStats};
use std::io::Cursor;

fn open(bytes: Vec<u8>) -> Xlsx<Cursor<Vec<u8>>> {
    Xlsx::new(Cursor::new(bytes)).expect("a workbook")
}

fn num(d: &Data) -> Option<f64> {
    match d {
        Data::Float(x) => Some(*x),
        Data::Int(x) => Some(*x as f64),
        Data::Empty => None,
        other => panic!("expected a number, found {other:?}"),
    }
}

fn same(where_: &str, cells: &[Data], at: usize, e: Option<&Estimate>) {
    let got: Vec<Option<f64>> = cells[at..at + 5].iter().map(num).collect();
    let want: Vec<Option<f64>> = match e {
        Some(e) => vec![
            Some(e.count as f64),
            Some(e.base as f64),
            Some(e.proportion),
            Some(e.ci_low),
            Some(e.ci_high),
        ],
        None => vec![None; 5],
    };
    assert_eq!(got, want, "{where_}");
}

#[test]
fn every_figure_of_the_workbook_is_the_stat_tables() {
    let (_, a) = load(&sample_codebook());
    let r = &a.results;
    let mut wb = open(shelfstat::render::xlsx::workbook(r).unwrap());
    let names = wb.sheet_names();
    assert_eq!(names.first().map(String::as_str), Some("Contents"));
    assert_eq!(names.last().map(String::as_str), Some("Method"));
    assert!(names.iter().all(|n| n.chars().count() <= 31));
    let mut checked = 0;
    for q in &r.questions {
        let QuestionStats::Choice(t) = q else {
            continue;
        };
        let range = wb.worksheet_range(&t.question).unwrap();
        let rows: Vec<&[Data]> = range.rows().collect();
        assert_eq!(rows.len(), t.rows.len() + 1, "{}", t.question);
        for (row, want) in rows[1..].iter().zip(&t.rows) {
            assert_eq!(row[1], Data::String(want.code.clone()));
            same(&t.question, row, 3, want.estimate.as_ref());
            checked += 1;
        }
    }
    for b in &r.breakdowns {
        let name: String = format!("{} by {}", b.question, b.by)
            .chars()
            .take(31)
            .collect();
        let range = wb.worksheet_range(&name).unwrap();
        let mut rows = range.rows().skip(1);
        for want in &b.rows {
            for (g, cell) in b.groups.iter().zip(&want.cells) {
                let row = rows.next().expect("a row per group and answer");
                same(&format!("{name}/{}", g.key), row, 5, cell.as_ref());
                let withheld = row[11].clone();
                match g.suppressed {
                    Some(why) => assert_eq!(withheld, Data::String(why.into())),
                    None => assert_eq!(withheld, Data::Empty),
                }
                checked += 1;
            }
        }
        assert!(rows.next().is_none());
    }
    assert_eq!(
        checked, 393,
        "rows of figures checked (38 options, 11 codes of the practice question, 344 breakdown cells)"
    );
    // The sample's method sheet carries the provenance.
    let method = wb.worksheet_range("Method").unwrap();
    let sha = method
        .rows()
        .find(|row| row[0] == Data::String("input SHA-256".into()))
        .map(|row| row[1].clone());
    assert_eq!(sha, Some(Data::String(r.provenance.input.sha256.clone())));
}

#[test]
fn formula_like_answers_stay_text_in_the_workbook() {
    let (_, mut a) = load(&sample_codebook());
    // A label as a hostile export could make it.
    if let QuestionStats::Choice(t) = &mut a.results.questions[1] {
        t.rows[0].label = "=HYPERLINK(\"http://x\")".into();
    }
    let mut wb = open(shelfstat::render::xlsx::workbook(&a.results).unwrap());
    let range = wb.worksheet_range("library_type").unwrap();
    assert_eq!(
        range.rows().nth(1).unwrap()[2],
        Data::String("=HYPERLINK(\"http://x\")".into())
    );
    let formulas = wb.worksheet_formula("library_type").unwrap();
    assert!(
        formulas.used_cells().all(|(_, _, f)| f.is_empty()),
        "no formula"
    );
}

#[test]
fn the_same_results_give_the_same_workbook_bytes() {
    let (_, a) = load(&sample_codebook());
    let one = shelfstat::render::xlsx::workbook(&a.results).unwrap();
    let two = shelfstat::render::xlsx::workbook(&a.results).unwrap();
    assert_eq!(one, two);
}

#[test]
fn the_comparison_workbook_holds_every_change() {
    let c = shelfstat::cmd::compare::comparison(&root().join("data/ifla-refugee-series.toml"))
        .expect("the bundled series");
    let mut wb = open(shelfstat::render::xlsx::comparison_workbook(&c).unwrap());
    assert_eq!(
        wb.sheet_names(),
        [
            "Contents",
            "changes",
            "figures",
            "changes by region",
            "Method"
        ]
    );
    let range = wb.worksheet_range("changes").unwrap();
    let mut rows = range.rows();
    let head: Vec<Data> = rows.next().unwrap().to_vec();
    let at = |name: &str| {
        head.iter()
            .position(|h| *h == Data::String(name.into()))
            .unwrap()
    };
    let (diff, clear) = (at("diff"), at("clear"));
    let mut checked = 0;
    for q in &c.questions {
        for o in &q.options {
            for pc in &o.changes {
                let row = rows.next().expect("a row per change");
                assert_eq!(row[0], Data::String(q.question.clone()));
                assert_eq!(row[1], Data::String(o.option.clone()));
                assert_eq!(num(&row[diff]), pc.change.map(|ch| ch.diff));
                let want = pc.change.map(|ch| Data::String(ch.clear.to_string()));
                assert_eq!(Some(row[clear].clone()).filter(|d| *d != Data::Empty), want);
                checked += 1;
            }
        }
    }
    assert!(rows.next().is_none());
    assert!(checked > 50, "{checked} changes");
}
