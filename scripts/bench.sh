#!/usr/bin/env bash
# Benchmarks (release build). Prints timings and their ratio to the targets.
#   scripts/bench.sh
set -euo pipefail
cd "$(dirname "$0")/.."
cargo bench --bench run
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
