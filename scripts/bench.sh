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
