"""Independent Net Promoter Score figures for shelfstat's tests.

Reads a SurveyMonkey export with the csv module, finds the column headed `heading`, and
prints its promoters / passives / detractors and the adjusted-Wald interval computed a second
way: as the weighted mean and variance (numpy) of the scores +1 / 0 / -1 with pseudo-
observations of weight 3/4 at +1 and at -1 and 3/2 at 0 (Rocks 2016; Sauro and Lewis), and
then for each `case` line on stdin ("p d n") the same interval from shares and an effective n.
With `--tidy TIDY.csv COLUMN`: a weighted run's figures from its tidy CSV (see `tidy`).
"""
import csv
import sys

import numpy as np

Z = 1.959963984540054


def interval(x, w):
    """The adjusted-Wald NPS interval from unit scores x (+1/0/-1) and weights w."""
    x = np.concatenate([x, [1.0, -1.0, 0.0]])
    w = np.concatenate([w, [0.75, 0.75, 1.5]])
    mean = np.average(x, weights=w)
    var = np.average((x - mean) ** 2, weights=w) / w.sum()
    half = Z * np.sqrt(var)
    return max(-100.0, 100 * (mean - half)), min(100.0, 100 * (mean + half))


def tidy(path, column):
    """A weighted run's tidy CSV: the weighted shares (pandas), Kish's effective n, and the
    interval from them by the second route."""
    import pandas as pd

    df = pd.read_csv(path, usecols=[column, "_weight"]).dropna(subset=[column])
    w = df["_weight"].to_numpy(float)
    s = df[column].to_numpy(float)
    plus, minus = w[s >= 9].sum() / w.sum(), w[s <= 6].sum() / w.sum()
    n_eff = w.sum() ** 2 / (w**2).sum()
    lo, hi = interval(np.array([1.0, 0.0, -1.0]), np.array([plus, 1 - plus - minus, minus]) * n_eff)
    print(f"tidy {len(s)} {plus:.15f} {minus:.15f} {n_eff:.12f} {100 * (plus - minus):.12f} {lo:.12f} {hi:.12f}")


def main():
    if sys.argv[1] == "--tidy":
        tidy(sys.argv[2], sys.argv[3])
        return
    path, heading = sys.argv[1], sys.argv[2]
    with open(path, newline="", encoding="utf-8-sig") as f:
        rows = list(csv.reader(f))
    col = rows[0].index(heading)
    scores = [int(r[col]) for r in rows[2:] if r[col].strip()]
    x = np.array([1.0 if s >= 9 else (-1.0 if s <= 6 else 0.0) for s in scores])
    lo, hi = interval(x, np.ones(len(x)))
    pro, det = int((x == 1).sum()), int((x == -1).sum())
    print(f"export {len(x)} {pro} {len(x) - pro - det} {det} {100 * x.mean():.12f} {lo:.12f} {hi:.12f}")
    for line in sys.stdin:
        p, d, n = map(float, line.split())
        # A sample of n units with these shares, as weights on the three scores.
        x = np.array([1.0, 0.0, -1.0])
        lo, hi = interval(x, np.array([p, 1 - p - d, d]) * n)
        print(f"case {lo:.12f} {hi:.12f}")


main()
