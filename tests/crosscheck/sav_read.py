"""pyreadstat reads shelfstat's tidy/responses.sav (issue 29) and every figure of it must equal the
tidy CSV and the codebook: the columns (names mapped back through the documents record), each
cell, each variable label, the value labels of choices and scale points, the user-missing codes
of not-applicable points, and the multiple-dichotomy sets.

    python sav_read.py responses.sav responses.csv survey.toml [expected.csv]

With a fourth argument, writes what each .sav cell must read as (numbers in shortest form, text
as it is, blank for no answer) for R's haven to compare (tests/crosscheck/r/sav_read.R).
Prints one summary line; exits 1 listing the differences.
"""
import csv
import math
import sys
import tomllib

import pyreadstat

sav_path, csv_path, codebook_path = sys.argv[1:4]
expected_path = sys.argv[4] if len(sys.argv) > 4 else None

df, meta = pyreadstat.read_sav(sav_path, user_missing=True)
with open(csv_path, newline="", encoding="utf-8") as f:
    rows = list(csv.reader(f))
header, body = rows[0], rows[1:]
with open(codebook_path, "rb") as f:
    codebook = tomllib.load(f)

diffs = []


def differ(what):
    if len(diffs) < 40:
        diffs.append(what)


# Column names: the .sav holds the tidy CSV's columns in its order; each one SPSS could not
# take as it is must be named in the documents record ("S is the tidy CSV's column T."; lines
# are broken at 80 bytes, so the record is read without its spaces: names hold none).
flat = "".join(meta.notes).replace(" ", "")
if len(df.columns) != len(header):
    differ(f"columns: .sav {len(df.columns)}, CSV {len(header)}")
tidy_names = list(header[: len(df.columns)])
renamed = {}
for s, t in zip(df.columns, tidy_names):
    if s != t:
        renamed[s] = t
        if f"{s}isthetidyCSV'scolumn{t}." not in flat:
            differ(f"column {t!r} is {s!r} in the .sav, and the documents record does not say so")

# What the codebook says of each tidy column: (question, kind, item or option).
labels_of = {}
columns = {}
for q in codebook["questions"]:
    qid, kind = q["id"], q["type"]
    options = list(q.get("options", [])) + ([q["other"]] if "other" in q else [])
    labels_of[qid] = {o["code"]: o["label"] for o in options}
    if kind == "multi":
        for o in options:
            columns[f"{qid}__{o['code']}"] = (q, "option", o)
    elif kind in ("grid", "ranking"):
        for item in q.get("items", []):
            columns[f"{qid}__{item['code']}"] = (q, kind, item)
    else:
        columns[qid] = (q, kind, None)


def is_number(text):
    try:
        return math.isfinite(float(text))
    except ValueError:
        return False


def shortest(x):
    """A number as R's and Python's shortest round-trip text (1.0 -> 1)."""
    return str(int(x)) if float(x).is_integer() else repr(float(x))


checked = 0
expected = []
for k, name in enumerate(df.columns):
    tidy = tidy_names[k]
    value_labels = meta.variable_value_labels.get(name, {})
    is_text = meta.readstat_variable_types.get(name) == "string"
    column = df[name].tolist()
    out = []
    for i, row in enumerate(body):
        if k >= len(row):
            continue
        cell = row[k]
        got = column[i]
        got_missing = got is None or (isinstance(got, float) and math.isnan(got)) or got == ""
        if cell == "":
            if not got_missing:
                differ(f"{tidy} row {i + 1}: CSV blank, .sav {got!r}")
            out.append("")
            continue
        checked += 1
        if is_text:
            # The CSV makes formula-like text safe with a leading ' (cellsafe).
            if got != cell and f"'{got}" != cell:
                differ(f"{tidy} row {i + 1}: CSV {cell!r}, .sav {got!r}")
            out.append(got)
            continue
        if cell in ("true", "false"):
            want = 1.0 if cell == "true" else 0.0
            if got != want:
                differ(f"{tidy} row {i + 1}: CSV {cell}, .sav {got!r}")
        elif is_number(cell):
            if got_missing or abs(got - float(cell)) > 1e-9 * max(1.0, abs(float(cell))):
                differ(f"{tidy} row {i + 1}: CSV {cell}, .sav {got!r}")
        else:
            # A word code written as a number: its value label is the code's label.
            q = columns.get(tidy, (None,))[0]
            want = labels_of.get(q["id"], {}).get(cell) if q else None
            if want is None or value_labels.get(got) != want:
                differ(f"{tidy} row {i + 1}: CSV {cell!r} ({want!r}), .sav {got!r} ({value_labels.get(got)!r})")
        out.append(shortest(got))
    expected.append(out)

# Variable labels, value labels, missing codes and sets, from the codebook.
label_of = dict(zip(df.columns, meta.column_labels))
for k, name in enumerate(df.columns):
    tidy = tidy_names[k]
    if tidy not in columns:
        continue
    q, kind, part = columns[tidy]
    label = label_of.get(name) or ""
    if not label.startswith(q["text"]):
        differ(f"{tidy}: variable label {label!r} does not begin with the question text")
    if part is not None and part["label"] not in label:
        differ(f"{tidy}: variable label {label!r} does not name {part['label']!r}")
    checked += 1
    if kind in ("single", "grid"):
        options = list(q.get("options", [])) + ([q["other"]] if "other" in q else [])
        have = meta.variable_value_labels.get(name, {})
        if sorted(have.values()) != sorted(o["label"] for o in options):
            differ(f"{tidy}: value labels {sorted(have.values())} vs {[o['label'] for o in options]}")
        not_applicable = {o["label"] for o in options if o.get("not_applicable")}
        declared = set()
        for r in meta.missing_ranges.get(name, []):
            if r["lo"] == r["hi"]:
                declared.add(have.get(r["lo"]))
        if kind == "grid" and not is_text and declared != not_applicable:
            differ(f"{tidy}: missing {sorted(map(str, declared))} vs not applicable {sorted(not_applicable)}")
        checked += 1

sets = getattr(meta, "mr_sets", {}) or {}
for q in codebook["questions"]:
    if q["type"] != "multi":
        continue
    options = list(q.get("options", [])) + ([q["other"]] if "other" in q else [])
    want = [f"{q['id']}__{o['code']}" for o in options]
    got = sets.get(q["id"], {}).get("variable_list")
    got = [renamed.get(v, v) for v in got] if got else got
    if got != want:
        differ(f"set ${q['id']}: {got} vs {want}")
    checked += 1

if expected_path:
    with open(expected_path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(df.columns)
        for i in range(len(body)):
            w.writerow([col[i] if i < len(col) else "" for col in expected])

print(f"pyreadstat: {len(df.columns)} columns, {len(df)} rows, {checked} cells and labels checked; {len(diffs)} differ")
for d in diffs:
    print("  " + d)
sys.exit(1 if diffs else 0)
