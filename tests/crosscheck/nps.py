"""Independent Net Promoter Score figures for shelfstat's tests.

Reads a SurveyMonkey export with the csv module, finds the column headed `heading`, and
prints its promoters / passives / detractors and the adjusted-Wald interval computed a second
way: as the weighted mean and variance (numpy) of the scores +1 / 0 / -1 with pseudo-
observations of weight 3/4 at +1 and at -1 and 3/2 at 0 (Rocks 2016; Sauro and Lewis), and
then for each `case` line on stdin ("p d n") the same interval from shares and an effective n.
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


def main():
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
