"""The same job as polars_tables.py, as a researcher would script it in pandas. Prints JSON.

    python3 benches/peers/pandas_tables.py export.csv
"""
import sys

import pandas as pd

from common import METADATA, codebook, column_names, emit, question_blocks, wilson


def main(path):
    names, blocks = column_names(path)
    df = pd.read_csv(path, header=None, skiprows=2, names=names, dtype=str,
                     keep_default_na=False, na_values=[""], encoding="utf-8")
    answers = names[METADATA:]
    df = df[df[answers].notna().any(axis=1)]
    tables = {"analysed": len(df)}
    cb = codebook()
    for qid, kind, opts, cols in question_blocks(cb, blocks):
        base = int(df[cols].notna().any(axis=1).sum())
        rows = {}
        for code, c, label in opts:
            hit = (df[c] == label) if (kind == "single" and label) else df[c].notna()
            k = int(hit.sum())
            rows[code] = {"count": k, "base": base, "ci": wilson(k, base)}
        tables[qid] = rows
    by_qid = {b[0]: b for b in question_blocks(cb, blocks)}

    def chosen(opts):
        out = pd.Series(pd.NA, index=df.index, dtype="object")
        for code, c, label in reversed(opts):
            out = out.mask((df[c] == label) if label else df[c].notna(), code)
        return out

    sub = pd.DataFrame({"g": chosen(by_qid["library_type"][2]),
                        "a": chosen(by_qid["cards"][2])}).dropna()
    counts = sub.groupby(["g", "a"]).size()
    tables["cards_by_library_type"] = {f"{k[0]}/{k[1]}": int(v) for k, v in counts.items()}
    emit(tables)


if __name__ == "__main__":
    main(sys.argv[1])
