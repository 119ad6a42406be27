#!/usr/bin/env bash
# Fuzzing with cargo-fuzz (libFuzzer): every reader and the encoding detection (read_export),
# the codebook parser (parse_codebook), init's draft read back as run would (init_draft), init's
# draft run whole in memory (round_trip), verify on any draft (verify) and the SPSS reader and
# dictionary (read_sav).
# Seed corpora come from the test fixtures and the bundled waves. Each crash found is kept in
# fuzz/artifacts/<target>/ and must become a regression test.
#   scripts/fuzz.sh                       # 10 million executions per target
#   scripts/fuzz.sh --seconds 60          # a short run per target (what CI does when it can)
#   scripts/fuzz.sh --jobs 2 init_draft   # one target, on 2 worker processes (libFuzzer -fork:
#                                         # the 10 million are counted over both)
#   scripts/fuzz.sh --no-trace-compares init_draft
#                                         # built without comparison tracing: about twice the
#                                         # executions per second, for long runs on a grown corpus
# cargo-fuzz needs nightly Rust features: a nightly toolchain, or RUSTC_BOOTSTRAP=1 on stable.
# Without cargo-fuzz the script says so and exits 0.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! cargo fuzz --version >/dev/null 2>&1; then
  echo "note: cargo-fuzz is not installed (cargo install cargo-fuzz); fuzzing skipped"
  exit 0
fi
limit=(-runs=10000000)
fork=()
build=()
targets=()
while [ $# -gt 0 ]; do
  case $1 in
    --seconds) limit=(-max_total_time="$2"); shift 2 ;;
    --jobs) fork=(-fork="$2"); shift 2 ;;
    --no-trace-compares) build=(--no-trace-compares); shift ;;
    *) targets+=("$1"); shift ;;
  esac
done
# read_sav is run by name (scripts/fuzz.sh read_sav) until it has run long without a find
# (README, Development); then it joins the default list. Its first minute found a panic inside
# the SPSS reader (now guarded, tests/fixtures/fuzz/read-sav-*). round_trip joined on
# 2026-12-07, after a run of its own past 300,000 executions with no find.
[ ${#targets[@]} -gt 0 ] || targets=(read_export parse_codebook init_draft verify round_trip)
export RUSTC_BOOTSTRAP=1
for target in "${targets[@]}"; do
  corpus="fuzz/corpus/$target"
  mkdir -p "$corpus"
  case $target in
    parse_codebook) find tests/fixtures data -name '*.toml' -exec cp {} "$corpus/" \; ;;
    read_sav) find tests/fixtures -name '*.sav' -exec cp {} "$corpus/" \; ;;
    verify) find tests/fixtures/drafts reports -name '*.md' -size -200k -exec cp {} "$corpus/" \; ;;
    *) find tests/fixtures -type f \( -name '*.csv' -o -name '*.xlsx' \) -size -200k \
         -exec sh -c 'for f; do cp "$f" "$0/$(echo "$f" | tr / _)"; done' "$corpus" {} + ;;
  esac
  log=$(mktemp)
  status=0
  (cd fuzz && cargo fuzz run -s none --release ${build[@]+"${build[@]}"} "$target" "../$corpus" -- "${limit[@]}" ${fork[@]+"${fork[@]}"} \
      -max_len=65536 -print_final_stats=1) > "$log" 2>&1 || status=$?
  grep -E "stat::number_of_executed_units|stat::peak_rss|panicked|SUMMARY|fuzzed for" "$log" || true
  grep "oom/timeout/crash" "$log" | tail -1 || true   # -fork: the last status line
  rm -f "$log"
  if [ "$status" -ne 0 ]; then
    echo "$target: CRASH (input in fuzz/artifacts/$target/): make it a regression test" >&2
    exit 1
  fi
  echo "$target: done"
done
