//! Times `shelfstat run` on the bundled sample, end to end (parse codebook and export, tidy,
//! stats, render report/charts/tables/Parquet, write files), and prints the ratio to the target.
//!
//! cargo bench --bench run          (release build; ~11 minutes clean on 2 cores)

use shelfstat::cmd::run::{run, RunOptions};
use std::time::{Duration, Instant};

const TARGET: Duration = Duration::from_millis(300);
const RUNS: usize = 25;

fn main() {
    let dir = tempfile::tempdir().expect("temp dir");
    let opts = RunOptions {
        out: Some(dir.path().join("out")),
        ..Default::default()
    };
    run(&opts).expect("warm-up run"); // registers the font, builds the country table
    let mut times: Vec<Duration> = (0..RUNS)
        .map(|_| {
            let t = Instant::now();
            run(&opts).expect("run");
            t.elapsed()
        })
        .collect();
    times.sort();
    let median = times[RUNS / 2];
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    println!(
        "run (bundled sample, 358 rows, all outputs): min {:.1} ms, median {:.1} ms, max {:.1} ms over {RUNS} runs",
        ms(times[0]),
        ms(median),
        ms(times[RUNS - 1])
    );
    println!(
        "target {:.0} ms: median/target = {:.3} ({})",
        ms(TARGET),
        median.as_secs_f64() / TARGET.as_secs_f64(),
        if median <= TARGET { "met" } else { "MISSED" }
    );
}
