//! Property test: random plain exports with random codebooks, analysed end to end. Every
//! figure must equal the count made here from the cells, with proportion exactly count/base;
//! the invariant check inside `stats::compute` must never fire.

use shelfstat::stats::QuestionStats;

/// A small deterministic generator (SplitMix64).
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

const LABELS: [&str; 5] = ["Alpha", "Beta", "Gamma", "Delta", "Epsilon"];

#[test]
fn random_surveys_give_hand_counted_exact_figures() {
    let mut rng = Rng(15);
    let mut analysed = 0;
    for case in 0..40 {
        let k = 2 + rng.below(4) as usize; // options
        let n = 1 + rng.below(60) as usize; // rows
        let mut csv = String::from("id,Pick one,Pick any\n");
        let (mut single, mut multi, mut answered_multi) = (vec![0u64; k], vec![0u64; k], 0u64);
        for i in 0..n {
            let one = rng.below(k as u64 + 1) as usize; // k = blank
            if one < k {
                single[one] += 1;
            }
            let ticks: Vec<usize> = (0..k).filter(|_| rng.below(3) == 0).collect();
            for &t in &ticks {
                multi[t] += 1;
            }
            answered_multi += u64::from(!ticks.is_empty());
            let joined: Vec<&str> = ticks.iter().map(|&t| LABELS[t]).collect();
            csv.push_str(&format!(
                "{},{},\"{}\"\n",
                i + 1,
                if one < k { LABELS[one] } else { "" },
                joined.join(", ")
            ));
        }
        let opts: Vec<String> = LABELS[..k]
            .iter()
            .map(|l| format!("{{ code = \"{}\", label = \"{l}\" }}", l.to_lowercase()))
            .collect();
        let toml = format!(
            "[survey]\nid = \"p{case}\"\ntitle = \"t\"\nwave = \"1\"\nsource = \"r.csv\"\nformat = \"plain\"\nrespondent_id = \"id\"\n\n\
             [[questions]]\nid = \"one\"\ntype = \"single\"\ntext = \"Pick one\"\noptions = [{o}]\n\n\
             [[questions]]\nid = \"any\"\ntype = \"multi\"\ntext = \"Pick any\"\noptions = [{o}]\n",
            o = opts.join(", ")
        );
        let tmp = tempfile::tempdir().unwrap();
        std::fs::write(tmp.path().join("r.csv"), &csv).unwrap();
        std::fs::write(tmp.path().join("survey.toml"), &toml).unwrap();
        let l = shelfstat::pipeline::load(Some(&tmp.path().join("survey.toml"))).unwrap();
        let a = match shelfstat::pipeline::analyse(&l) {
            Ok(a) => a,
            Err(e) => {
                // Only an export where nobody answered anything may be refused.
                assert!(
                    single.iter().sum::<u64>() + answered_multi == 0,
                    "case {case}: {e}"
                );
                continue;
            }
        };
        analysed += 1;
        let answered_single: u64 = single.iter().sum();
        for (id, counts, base) in [
            ("one", &single, answered_single),
            ("any", &multi, answered_multi),
        ] {
            let Some(QuestionStats::Choice(t)) = a.results.question(id) else {
                panic!("case {case}: {id}");
            };
            for (row, &c) in t.rows.iter().zip(counts.iter()) {
                match row.estimate {
                    Some(e) => {
                        assert_eq!(
                            (e.count, e.base),
                            (c, base),
                            "case {case} {id} {}",
                            row.code
                        );
                        assert_eq!(e.proportion, c as f64 / base as f64);
                        assert!(e.ci_low <= e.proportion && e.proportion <= e.ci_high);
                    }
                    None => assert_eq!(base, 0, "case {case} {id}"),
                }
            }
        }
    }
    assert!(analysed >= 35, "only {analysed} of 40 cases analysed");
}

/// Who took part is found column by column, then, once fewer than one row in 16 is left, by
/// asking the later columns about those rows alone: a row answering only the last question
/// takes part, a row answering nothing does not (40 rows: 38 answer the first question).
#[test]
fn a_row_answering_only_a_later_question_takes_part() {
    let dir = tempfile::tempdir().unwrap();
    let mut csv = String::from("id,first,second\n");
    for i in 0..40 {
        let (first, second) = match i {
            38 => ("", "b"),
            39 => ("", ""),
            _ => ("a", if i % 2 == 0 { "b" } else { "" }),
        };
        csv.push_str(&format!("{i},{first},{second}\n"));
    }
    std::fs::write(dir.path().join("responses.csv"), csv).unwrap();
    let toml = r#"[survey]
id = "took-part"
title = "Took part"
wave = "1"
source = "responses.csv"
format = "plain"
respondent_id = "id"
unit = "libraries"

[[questions]]
id = "first"
type = "single"
text = "first"
options = [{ code = "a", label = "a" }]

[[questions]]
id = "second"
type = "single"
text = "second"
options = [{ code = "b", label = "b" }]
"#;
    let codebook = dir.path().join("survey.toml");
    std::fs::write(&codebook, toml).unwrap();
    let (_, a) = crate::common::load(&codebook);
    let acc = &a.results.accounting;
    assert_eq!((acc.rows_read, acc.analysed), (40, 39));
    let excluded: Vec<(&str, &str)> = (a.results.excluded_rows.iter())
        .map(|e| (e.respondent_id.as_str(), e.reason.as_str()))
        .collect();
    assert_eq!(excluded, [("39", "no answer to any question")]);
}
