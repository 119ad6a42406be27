#!/usr/bin/env python3
"""Cross-check of shelfstat's change intervals and tests against statsmodels.

Reads a CSV of cases (x_from, n_from, x_to, n_to) with shelfstat's difference, Newcombe hybrid
score interval and pooled z-test p-value, and compares them with statsmodels'
confint_proportions_2indep(method="newcomb") and proportions_ztest (pooled, two-sided). Exits 1
if any figure differs by more than 1e-12.

usage: newcombe.py CASES.csv
"""
import csv
import math
import sys

from statsmodels.stats.proportion import confint_proportions_2indep, proportions_ztest

TOL = 1e-12


def main(path):
    bad, n = 0, 0
    print(f"{'x_from':>6} {'n_from':>6} {'x_to':>5} {'n_to':>5} {'diff':>9} {'ci_low':>10} {'ci_high':>10} {'p':>10} {'max |diff|':>11}")
    for row in csv.DictReader(open(path)):
        x1, n1, x2, n2 = (int(row[k]) for k in ("x_to", "n_to", "x_from", "n_from"))
        lo, hi = confint_proportions_2indep(x1, n1, x2, n2, method="newcomb", compare="diff")
        diff = x1 / n1 - x2 / n2
        pooled = (x1 + x2) / (n1 + n2)
        if 0 < pooled < 1:
            _, p = proportions_ztest([x1, x2], [n1, n2])
        else:
            p = 1.0  # no variance: nothing can have changed (statsmodels gives nan)
        d = max(
            abs(float(row["diff"]) - diff),
            abs(float(row["ci_low"]) - lo),
            abs(float(row["ci_high"]) - hi),
            abs(float(row["p_value"]) - p),
        )
        ok = d <= TOL and not math.isnan(d)
        bad += not ok
        n += 1
        print(f"{x2:>6} {n2:>6} {x1:>5} {n1:>5} {diff:>9.5f} {lo:>10.6f} {hi:>10.6f} {p:>10.6f} {d:>11.2e} {'ok' if ok else 'DIFF'}")
    print(f"{n} changes compared with statsmodels; {bad} differ")
    return 1 if bad or n < 20 else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
