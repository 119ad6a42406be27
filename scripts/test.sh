#!/usr/bin/env bash
# Runs every test: the Rust suite (unit, integration, CLI, snapshots) and the cross-check
# against pandas + statsmodels, whose Python packages go into a private virtualenv under
# target/ (nothing is installed system-wide).
#   scripts/test.sh
set -euo pipefail
cd "$(dirname "$0")/.."
venv=target/crosscheck-venv
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c "import pandas, statsmodels, openpyxl, playwright, nbclient, ipykernel, polars, pyarrow, pyreadstat, sklearn, krippendorff" 2>/dev/null; then
  if python3 -m venv "$venv" 2>/dev/null \
     && "$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r tests/crosscheck/requirements.txt; then
    :
  else
    echo "note: could not set up $venv; the pandas/statsmodels cross-check will be skipped" >&2
  fi
fi
if [ -x "$venv/bin/python" ]; then
  export SHELFSTAT_PYTHON="$PWD/$venv/bin/python"
fi
cargo test "$@"
