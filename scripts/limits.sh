#!/usr/bin/env bash
# Scaling up to the documented limits (README, "Limits"): init, run and verify timed with their
# peak memory at a tenth, a third and all of each limit, and the cost per unit printed, so that
# linear growth shows as a flat last column. Release build; a benchmark, never a test.
#   scripts/limits.sh            # every axis
#   scripts/limits.sh columns    # one axis: columns | options | questions | sentence
# Measured on 2 cores, 24 GiB (the table in the README, "Limits").
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
bin="$PWD/target/release/shelfstat"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
axes=("$@")
[ ${#axes[@]} -gt 0 ] || axes=(columns options questions sentence)

# Prints "<label> <n> <seconds> <peak MB> <ms per 1000 units> <KB per unit>".
measure() {
  local label=$1 n=$2
  shift 2
  if ! /usr/bin/time -f "%e %M" -o "$work/time" "$@" >/dev/null 2>"$work/err"; then
    echo "$label $n: failed: $(tail -1 "$work/err")"
    return
  fi
  read -r secs kb <"$work/time"
  awk -v l="$label" -v n="$n" -v s="$secs" -v k="$kb" \
    'BEGIN { printf "%-18s %8d units  %7.2f s  %7.0f MB  %8.3f ms/1000 units  %6.2f KB/unit\n", l, n, s, k/1024, s*1e6/n, k/n }'
}

gen() { python3 - "$@" <<'EOF'
import sys
axis, n, d = sys.argv[1], int(sys.argv[2]), sys.argv[3]
head = '[survey]\nid = "limits"\ntitle = "Limits"\nwave = "1"\nsource = "responses.csv"\nformat = "plain"\nrespondent_id = "id"\n'
if axis == "columns":
    # n columns of two rows, each a short yes/no answer.
    with open(f"{d}/responses.csv", "w") as f:
        f.write("id," + ",".join(f"Q{k}" for k in range(n)) + "\n")
        for r in range(2):
            f.write(f"{r}," + ",".join("Yes" if (k + r) % 2 else "No" for k in range(n)) + "\n")
elif axis == "options":
    # One single choice of n options, n rows, each answer given once.
    with open(f"{d}/responses.csv", "w") as f:
        f.write("id,Kind\n")
        for r in range(n):
            f.write(f"{r},Answer {r}\n")
    with open(f"{d}/survey.toml", "w") as f:
        f.write(head + '\n[[questions]]\nid = "kind"\ntype = "single"\ntext = "Kind"\noptions = [\n')
        for r in range(n):
            f.write(f'  {{ code = "a{r}", label = "Answer {r}" }},\n')
        f.write("]\n")
elif axis == "questions":
    # n single-choice questions over 50 rows.
    with open(f"{d}/responses.csv", "w") as f:
        f.write("id," + ",".join(f"Q{k}" for k in range(n)) + "\n")
        for r in range(50):
            f.write(f"{r}," + ",".join("Yes" if (k + r) % 3 else "No" for k in range(n)) + "\n")
    with open(f"{d}/survey.toml", "w") as f:
        f.write(head)
        for k in range(n):
            f.write(f'\n[[questions]]\nid = "q{k}"\ntype = "single"\ntext = "Q{k}"\noptions = [{{ code = "yes", label = "Yes" }}, {{ code = "no", label = "No" }}]\n')
elif axis == "sentence":
    # A draft of n sentences, each holding the most figures a sentence may (200).
    with open(f"{d}/draft.md", "w") as f:
        for s in range(n):
            f.write("Shares: " + ", ".join(f"{(s + k) % 100}.{k % 10}%" for k in range(200)) + ".\n")
EOF
}

for axis in "${axes[@]}"; do
  case $axis in
    # Each plain column is a question: up to the 20,000 questions a codebook may declare (an
    # export of more than 100,000 columns is refused as it is read, before any work).
    columns) sizes=(2000 6600 20000) ;;
    options) sizes=(1000 3300 10000) ;;
    questions) sizes=(2000 6600 20000) ;;
    sentence) sizes=(100 330 1000) ;;
    *) echo "unknown axis $axis" >&2; exit 2 ;;
  esac
  for n in "${sizes[@]}"; do
    d="$work/$axis-$n"
    mkdir -p "$d"
    gen "$axis" "$n" "$d"
    case $axis in
      columns)
        measure "init columns" "$n" "$bin" init "$d/responses.csv" --format plain --out "$d/survey.toml"
        measure "run columns" "$n" "$bin" run "$d/survey.toml" --out "$d/out" ;;
      options | questions)
        measure "run $axis" "$n" "$bin" run "$d/survey.toml" --out "$d/out" ;;
      sentence)
        # verify exits 1 when a claim is wrong (these are not the survey's figures).
        measure "verify sentences" "$n" sh -c "\"$bin\" verify \"$d/draft.md\"; exit 0" ;;
    esac
  done
done
