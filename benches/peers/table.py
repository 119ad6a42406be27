"""Times shelfstat against its peers on generated exports and prints one Markdown table.

For each size: shelfstat `run`, `init` and `headline` (release build), the pandas and the
Python-polars scripts of this folder (their counts, bases and intervals checked equal to
shelfstat's results.json at that size), and Python polars `read_csv` of the file as text (the
floor). Each is the minimum wall time of `--repeat` runs; peak RSS from /usr/bin/time.

    python3 benches/peers/table.py --sizes 100000 1000000 10000000 --work /tmp/shelfstat-bench
"""
import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
BIN = ROOT / "target" / "release" / "shelfstat"
FLOOR = ("import polars as pl, sys; pl.read_csv(sys.argv[1], has_header=False, skip_rows=2, "
         "infer_schema=False)")


def timed(cmd, stdout=subprocess.DEVNULL):
    """(seconds, peak RSS in MB) of one run; raises on failure."""
    with tempfile.NamedTemporaryFile("r") as t:
        subprocess.run(["/usr/bin/time", "-f", "%e %M", "-o", t.name, *cmd], check=True,
                       stdout=stdout, stderr=subprocess.DEVNULL)
        secs, kb = t.read().split()[-2:]
    return float(secs), int(kb) / 1024


def best(cmd, repeat):
    runs = [timed(cmd) for _ in range(repeat)]
    return min(r[0] for r in runs), max(r[1] for r in runs)


def label(n):
    return f"{n // 1_000_000}M" if n >= 1_000_000 else f"{n // 1000}k"


def bench_codebook(text, source):
    """The sample's codebook for a benchmark export: its `source`, and the work the peer scripts
    do — no codeframe (the practice question read as text, no back-coding of "other"), no human
    codes (they name the sample's respondent ids)."""
    out, in_codes = [], False
    for line in text.splitlines(keepends=True):
        if in_codes:
            in_codes = not line.startswith("]")
            continue
        if line.startswith("codes = ["):
            in_codes = True
            continue
        if line.startswith(("human_codes", "quotes")):
            continue
        if line.startswith('type = "coded"'):
            line = 'type = "text"\n'
        if line.startswith("source = "):
            line = f'source = "{source}"\n'
        out.append(line)
    return "".join(out)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000, 10_000_000])
    ap.add_argument("--work", default=os.path.join(tempfile.gettempdir(), "shelfstat-bench"))
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--pandas-max", type=int, default=1_000_000,
                    help="largest size the pandas script runs at (it needs ~2 GB per million rows)")
    args = ap.parse_args()
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    survey = ROOT / "data" / "ifla-refugee-2019" / "survey.toml"
    rows = {}
    for n in args.sizes:
        csv = work / f"rows-{n}.csv"
        if not csv.exists():
            subprocess.run([sys.executable, HERE / "rows.py", str(n), csv], check=True)
        toml = work / f"survey-{n}.toml"
        toml.write_text(bench_codebook(survey.read_text(), csv.name))
        out = work / f"out-{n}"
        repeat = args.repeat if n <= 1_000_000 else 1
        r = {"size MB": csv.stat().st_size / 2**20}
        r["run"] = best([BIN, "run", toml, "--out", out], repeat)
        r["init"] = best([BIN, "init", csv], repeat)
        r["headline"] = best([BIN, "headline", toml], repeat)
        r["floor"] = best([sys.executable, "-c", FLOOR, csv], repeat)
        peers = [("polars", "polars_tables.py")]
        if n <= args.pandas_max:
            peers.append(("pandas", "pandas_tables.py"))
        for name, script in peers:
            result = work / f"{name}-{n}.json"
            with open(result, "w") as f:
                timed([sys.executable, HERE / script, csv], stdout=f)
            subprocess.run([sys.executable, HERE / "check.py", out / "results.json", result],
                           check=True, stdout=subprocess.DEVNULL)
            r[name] = best([sys.executable, HERE / script, csv], repeat)
        rows[n] = r
    print_table(rows)


def print_table(rows):
    sizes = list(rows)
    print("| | " + " | ".join(label(n) for n in sizes) + " |")
    print("|---|" + "---|" * len(sizes))
    print("| CSV size | " + " | ".join(f"{rows[n]['size MB']:.0f} MiB" for n in sizes) + " |")
    names = [("run", "`shelfstat run`"), ("init", "`shelfstat init`"),
             ("headline", "`shelfstat headline`"), ("polars", "Python-polars script"),
             ("pandas", "pandas script"), ("floor", "Python polars `read_csv` (floor)")]
    for key, title in names:
        cells = []
        for n in sizes:
            if key in rows[n]:
                s, mb = rows[n][key]
                cells.append(f"{s:.2f} s, {mb:.0f} MiB")
            else:
                cells.append("not run")
        print(f"| {title} | " + " | ".join(cells) + " |")
    print("| µs per row, `run` | " + " | ".join(
        f"{rows[n]['run'][0] / n * 1e6:.2f}" for n in sizes) + " |")
    ratios = [
        ("`run` / floor (target ≤ 2)", lambda r: r["run"][0] / r["floor"][0]),
        ("polars script / `run` (target ≥ 1.5)", lambda r: r["polars"][0] / r["run"][0]),
        ("pandas script / `run` (target ≥ 5)",
         lambda r: r["pandas"][0] / r["run"][0] if "pandas" in r else None),
        ("`run` peak RSS / CSV size (target ≤ 1.5)", lambda r: r["run"][1] / r["size MB"]),
        ("`init` / floor (target ≤ 1.5)", lambda r: r["init"][0] / r["floor"][0]),
    ]
    for title, f in ratios:
        vals = [f(rows[n]) for n in sizes]
        print(f"| {title} | " + " | ".join("–" if v is None else f"{v:.2f}" for v in vals) + " |")
    print("\nCounts, bases and intervals of both peer scripts equal shelfstat's results.json at "
          "every size they ran at (benches/peers/check.py).")


if __name__ == "__main__":
    main()
