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


def reading(cmd):
    """The seconds shelfstat says it spent reading and hashing the export (SHELFSTAT_TIMINGS)."""
    env = dict(os.environ, SHELFSTAT_TIMINGS="1")
    err = subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                         env=env, text=True).stderr
    for line in err.splitlines():
        if line.startswith("timing: reading "):
            return float(line.split()[2]), 0.0
    raise RuntimeError(f"no reading time in: {err}")


def interleaved(commands, repeat):
    """Each command's minimum time and largest peak RSS over `repeat` rounds, the commands taking
    turns within each round (a noisy machine slows them alike)."""
    runs = {name: [] for name in commands}
    for _ in range(repeat):
        for name, run in commands.items():
            runs[name].append(run())
    return {name: (min(r[0] for r in rs), max(r[1] for r in rs)) for name, rs in runs.items()}


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
        peers = [("polars", "polars_tables.py")]
        if n <= args.pandas_max:
            peers.append(("pandas", "pandas_tables.py"))
        # Each peer's counts, bases and intervals are checked against shelfstat's first.
        timed([BIN, "run", toml, "--out", out])
        for name, script in peers:
            result = work / f"{name}-{n}.json"
            with open(result, "w") as f:
                timed([sys.executable, HERE / script, csv], stdout=f)
            subprocess.run([sys.executable, HERE / "check.py", out / "results.json", result],
                           check=True, stdout=subprocess.DEVNULL)
        commands = {
            "run": lambda: timed([BIN, "run", toml, "--out", out]),
            "init": lambda: timed([BIN, "init", csv]),
            "headline": lambda: timed([BIN, "headline", toml]),
            "reading": lambda: reading([BIN, "headline", toml]),
            "floor": lambda: timed([sys.executable, "-c", FLOOR, csv]),
        }
        for name, script in peers:
            commands[name] = lambda script=script: timed([sys.executable, HERE / script, csv])
        r = interleaved(commands, repeat)
        r["size MB"] = csv.stat().st_size / 2**20
        rows[n] = r
    print_table(rows)
    print(f"\nMachine: {machine()}; minimum of {args.repeat} interleaved runs up to 1M rows, "
          "one run at 10M.")


def machine():
    """The CPU model and core count, as /proc/cpuinfo gives them."""
    try:
        lines = Path("/proc/cpuinfo").read_text().splitlines()
        model = next(l.split(":", 1)[1].strip() for l in lines if l.startswith("model name"))
    except (OSError, StopIteration):
        model = "unknown CPU"
    return f"{model}, {os.cpu_count()} cores"


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
    base = 1_000_000 if 1_000_000 in rows else sizes[0]
    ratios = [
        ("reading + hashing, s (1M target ≤ 0.6)", lambda n, r: r["reading"][0]),
        ("polars script / `headline` (1M target ≥ 1.5)",
         lambda n, r: r["polars"][0] / r["headline"][0]),
        ("polars script / `run` (1M target ≥ 1; 100k: every command faster)",
         lambda n, r: r["polars"][0] / r["run"][0]),
        ("polars script / `init` (100k target ≥ 1)", lambda n, r: r["polars"][0] / r["init"][0]),
        ("pandas script / `run`",
         lambda n, r: r["pandas"][0] / r["run"][0] if "pandas" in r else None),
        ("`run` / floor (1M target ≤ 1.5)", lambda n, r: r["run"][0] / r["floor"][0]),
        (f"`run` µs per row / at {label(base)} (10M target 0.8–1.2)",
         lambda n, r: (r["run"][0] / n) / (rows[base]["run"][0] / base)),
        ("`run` peak RSS / CSV size (10M target ≤ 1)", lambda n, r: r["run"][1] / r["size MB"]),
    ]
    for title, f in ratios:
        vals = [f(n, rows[n]) for n in sizes]
        print(f"| {title} | " + " | ".join("–" if v is None else f"{v:.2f}" for v in vals) + " |")
    print("\nCounts, bases and intervals of both peer scripts equal shelfstat's results.json at "
          "every size they ran at (benches/peers/check.py).")


if __name__ == "__main__":
    main()
