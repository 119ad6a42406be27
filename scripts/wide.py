#!/usr/bin/env python3
"""Writes a plain table with N question columns and 10 rows (deterministic), for the scaling
benchmark of `init` and `run` in the number of columns.   usage: wide.py N OUT.csv"""
import sys

n, out = int(sys.argv[1]), sys.argv[2]
rows = [",".join(["id"] + [f"Question {i}" for i in range(n)])]
for r in range(10):
    rows.append(",".join([str(r)] + ["abc"[(i * 7 + r * 3) % 3] for i in range(n)]))
open(out, "w").write("\n".join(rows) + "\n")
