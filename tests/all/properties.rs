//! Property tests (proptest) of the statistics: intervals hold their estimate inside [0, 1];
//! equal weights give the unweighted figures; suppression never leaves a withheld group
//! recoverable from the totals; rows are always accounted for.

use proptest::prelude::*;
use shelfstat::stats::breakdown::suppress;
use shelfstat::stats::interval::{interval, IntervalMethod, PropSummary};
use shelfstat::stats::Estimate;

const METHODS: [IntervalMethod; 3] = [
    IntervalMethod::Wilson,
    IntervalMethod::ClopperPearson,
    IntervalMethod::Logit,
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn unweighted_intervals_hold_the_estimate_inside_0_1(n in 1u64..5000, frac in 0.0f64..=1.0) {
        let x = ((n as f64) * frac).round() as u64;
        let s = PropSummary::unweighted(x, n);
        for m in METHODS {
            let iv = interval(m, &s).unwrap();
            let p = x as f64 / n as f64;
            prop_assert!(0.0 <= iv.low && iv.low <= p + 1e-12 && p <= iv.high + 1e-12 && iv.high <= 1.0, "{m:?} {x}/{n}: {iv:?}");
        }
        let e = Estimate::new(x, n).unwrap();
        prop_assert_eq!(e.proportion, x as f64 / n as f64);
    }

    #[test]
    fn weighted_intervals_hold_the_estimate_inside_0_1(units in prop::collection::vec((any::<bool>(), 0.05f64..20.0), 2..300)) {
        let s = PropSummary::from_units(units.iter().copied(), true);
        for m in METHODS {
            if let Some(iv) = interval(m, &s) {
                let p = s.p();
                prop_assert!(0.0 <= iv.low && iv.low <= p + 1e-9 && p <= iv.high + 1e-9 && iv.high <= 1.0, "{m:?} p={p}: {iv:?}");
            }
        }
    }

    #[test]
    fn equal_weights_give_the_unweighted_figures(n in 2u64..2000, frac in 0.0f64..=1.0, w in 0.01f64..100.0) {
        let x = ((n as f64) * frac).round() as u64;
        let units: Vec<(bool, f64)> = (0..n).map(|i| (i < x, w)).collect();
        let weighted = PropSummary::from_units(units.into_iter(), true);
        let plain = PropSummary::unweighted(x, n);
        let (a, b) = (
            Estimate::from_summary(IntervalMethod::Wilson, &weighted).unwrap(),
            Estimate::from_summary(IntervalMethod::Wilson, &plain).unwrap(),
        );
        prop_assert!((a.proportion - b.proportion).abs() < 1e-12);
        prop_assert!((a.ci_low - b.ci_low).abs() < 1e-9 && (a.ci_high - b.ci_high).abs() < 1e-9, "{a:?} vs {b:?}");
        prop_assert!((a.n_eff.unwrap() - n as f64).abs() < 1e-6 * n as f64);
    }

    #[test]
    fn withheld_groups_cannot_be_worked_out_from_the_totals(bases in prop::collection::vec(0u64..40, 1..12), threshold in 1u64..15) {
        let out = suppress(&bases, threshold);
        let withheld: Vec<usize> = (0..bases.len()).filter(|&k| out[k].is_some()).collect();
        // Every group under the threshold is withheld.
        for (k, &b) in bases.iter().enumerate() {
            if b < threshold {
                prop_assert!(out[k].is_some(), "{bases:?} t={threshold}: {out:?}");
            }
        }
        // Withheld groups are never alone, and together reach the threshold (or all are withheld).
        if !withheld.is_empty() && withheld.len() < bases.len() {
            let together: u64 = withheld.iter().map(|&k| bases[k]).sum();
            prop_assert!(withheld.len() >= 2 && together >= threshold, "{bases:?} t={threshold}: {out:?}");
        }
    }

    #[test]
    fn every_row_is_accounted_for(rows in prop::collection::vec((0u8..6, 0u8..4), 1..40)) {
        // id 0 is blank; answer 0 is blank; ids repeat.
        let mut csv = String::from("id,Type\n");
        for (id, a) in &rows {
            let id = if *id == 0 { String::new() } else { id.to_string() };
            let a = ["", "a", "b", "c"][*a as usize];
            csv.push_str(&format!("{id},{a}\n"));
        }
        let tmp = tempfile::tempdir().unwrap();
        std::fs::write(tmp.path().join("r.csv"), &csv).unwrap();
        std::fs::write(
            tmp.path().join("s.toml"),
            "[survey]\nid = \"p\"\ntitle = \"t\"\nwave = \"1\"\nsource = \"r.csv\"\nformat = \"plain\"\nrespondent_id = \"id\"\n\n[[questions]]\nid = \"type\"\ntype = \"single\"\ntext = \"Type\"\noptions = [{ code = \"a\", label = \"a\" }, { code = \"b\", label = \"b\" }, { code = \"c\", label = \"c\" }]\n",
        ).unwrap();
        let l = shelfstat::pipeline::load(Some(&tmp.path().join("s.toml"))).unwrap();
        let t = shelfstat::tidy::tidy(&l.codebook, &l.raw).unwrap();
        let excluded: usize = t.accounting.excluded.iter().map(|e| e.rows).sum();
        prop_assert_eq!(t.accounting.rows_read, rows.len());
        prop_assert_eq!(t.accounting.analysed + excluded, rows.len());
        prop_assert_eq!(t.excluded_rows.len(), excluded);
        prop_assert_eq!(t.frame.height(), t.accounting.analysed);
    }
}
