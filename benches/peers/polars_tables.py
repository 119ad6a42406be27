"""The job `shelfstat run` does, as a researcher would script it in Python polars: read the
SurveyMonkey export, drop rows with no answer, and compute every choice question's counts, base and
Wilson 95% intervals, plus one breakdown (library cards by type of library). Prints JSON.

    python3 benches/peers/polars_tables.py export.csv
"""
import sys

import polars as pl

from common import METADATA, codebook, column_names, emit, question_blocks, wilson


def main(path):
    names, blocks = column_names(path)
    df = pl.read_csv(path, has_header=False, skip_rows=2, new_columns=names,
                     infer_schema=False, encoding="utf8")
    answers = names[METADATA:]
    df = df.filter(pl.any_horizontal([pl.col(c).is_not_null() for c in answers]))
    tables = {"analysed": df.height}
    cb = codebook()
    for qid, kind, opts, cols in question_blocks(cb, blocks):
        if kind == "single":
            # One column holds the label; "other" is its own typed-text column.
            exprs = [(pl.col(c) == label) if label else pl.col(c).is_not_null()
                     for _, c, label in opts]
        else:
            exprs = [pl.col(c).is_not_null() for _, c, _ in opts]
        answered = pl.any_horizontal([pl.col(c).is_not_null() for c in cols])
        sums = df.select([answered.sum().alias("_base")] +
                         [e.fill_null(False).sum().alias(code) for (code, _, _), e in zip(opts, exprs)])
        base = sums["_base"][0]
        rows = {}
        for code, _, _ in opts:
            k = sums[code][0]
            rows[code] = {"count": k, "base": base, "ci": wilson(k, base)}
        tables[qid] = rows
    # Breakdown: library cards by type of library.
    (lt, _, lt_opts, _), (cards, _, card_opts, _) = [b for b in question_blocks(cb, blocks)
                                                     if b[0] in ("library_type", "cards")]
    def chosen(opts):
        return pl.coalesce([pl.when(pl.col(c) == l if l else pl.col(c).is_not_null())
                            .then(pl.lit(code)) for code, c, l in opts])
    by = (df.select(chosen(lt_opts).alias("g"), chosen(card_opts).alias("a"))
          .drop_nulls().group_by("g", "a").len())
    tables["cards_by_library_type"] = {f"{g}/{a}": n for g, a, n in by.iter_rows()}
    emit(tables)


if __name__ == "__main__":
    main(sys.argv[1])
