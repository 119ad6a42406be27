#!/usr/bin/env bash
# Benchmarks (release build). Prints timings and their ratio to the targets.
#   scripts/bench.sh                 # sample, 100k, 1M and 10M rows (about 10 minutes after the build)
#   scripts/bench.sh 100000 1000000  # only these sizes
# The peer comparison needs Python with polars and pandas (pip install polars pandas); the
# generated exports are kept in $SHELFSTAT_BENCH_DIR (default /tmp/shelfstat-bench; 10M is 4.6 GiB).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo bench --bench run
cargo build --release
if python3 -c "import polars, pandas" 2>/dev/null; then
  sizes=("$@")
  [ ${#sizes[@]} -gt 0 ] || sizes=(100000 1000000 10000000)
  python3 benches/peers/table.py --sizes "${sizes[@]}" --work "${SHELFSTAT_BENCH_DIR:-/tmp/shelfstat-bench}"
else
  echo "note: Python polars and pandas are not installed (pip install polars pandas); peer comparison skipped"
fi
# Whole-process timing of the CLI, when hyperfine is installed (apt-get install hyperfine).
if command -v hyperfine >/dev/null 2>&1; then
  out=$(mktemp -d)
  hyperfine --warmup 3 --runs 20 "target/release/shelfstat run --out $out"
  rm -rf "$out"
fi
# Scaling in the number of columns: `init` on 5k, 10k and 20k columns (10 rows). Time per column
# should stay flat (linear); it was quadratic (20k columns: 103 s).
wide=$(mktemp -d)
prev=""
for n in 5000 10000 20000; do
  python3 scripts/wide.py "$n" "$wide/w$n.csv"
  start=$(date +%s.%N)
  target/release/shelfstat init "$wide/w$n.csv" --format plain > "$wide/w$n.toml" 2>/dev/null
  secs=$(echo "$(date +%s.%N) - $start" | bc)
  per=$(echo "scale=3; $secs * 1000000 / $n" | bc)
  echo "init, $n columns: ${secs}s (${per} µs per column)"
done
rm -rf "$wide"
