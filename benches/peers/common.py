"""What the peer scripts share: the bundled codebook's questions, the SurveyMonkey column names
(heading filled forward / sub-heading), the Wilson interval and the JSON they print."""
import json
import math
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
METADATA = 9  # Respondent ID … Custom Data 1


def codebook():
    with open(ROOT / "data" / "ifla-refugee-2019" / "survey.toml", "rb") as f:
        return tomllib.load(f)


def column_names(path):
    """Two header rows → one unique name per column, and the columns of each question text."""
    import csv
    with open(path, encoding="utf-8-sig", newline="") as f:
        r = csv.reader(f)
        row1, row2 = next(r), next(r)
    names, blocks, heading = [], {}, ""
    for i, (h, s) in enumerate(zip(row1, row2)):
        heading = h if h.strip() else heading
        names.append(f"c{i}")
        if i >= METADATA:
            blocks.setdefault(" ".join(heading.split()), []).append((f"c{i}", s))
    return names, blocks


def wilson(k, n, z=1.959963984540054):
    if n == 0:
        return (float("nan"), float("nan"))
    p = k / n
    d = 1 + z * z / n
    c = (p + z * z / (2 * n)) / d
    h = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / d
    return (c - h, c + h)


def question_blocks(cb, blocks):
    """(id, kind, [(code, column)], [all columns of the block]) for each choice question."""
    out = []
    for q in cb["questions"]:
        if q["type"] not in ("single", "multi"):
            continue
        cols = blocks[" ".join(q["text"].split())]
        by_label = {s: c for c, s in cols}
        opts = [(o["code"], by_label.get(o["label"]), o["label"]) for o in q["options"]]
        if "other" in q:
            opts.append((q["other"]["code"], by_label.get(q["other"]["label"]), None))
        out.append((q["id"], q["type"], opts, [c for c, _ in cols]))
    return out


def emit(tables):
    print(json.dumps(tables, sort_keys=True))
