#!/usr/bin/env python3
"""Independent cross-check of shelfstat's choice-question figures.

Reads the raw SurveyMonkey export with pandas and the codebook with tomllib, recomputes every
count and base by its own route (no shelfstat code), takes Wilson intervals from statsmodels,
and compares them with shelfstat's results.json. Prints the table of compared figures; exits 1
if any count or base differs, or any proportion / interval bound differs by more than 1e-9.

usage: crosscheck.py CODEBOOK.toml RESULTS.json
"""
import json
import re
import sys
import tomllib
import unicodedata
from pathlib import Path

import pandas as pd
from statsmodels.stats.proportion import proportion_confint

TOL = 1e-9


def norm(s):
    return " ".join(str(s).split())


def folded_words(text):
    """Lower case, accents off, split on anything not a letter or digit; plural endings off
    ("classes" → "class", "libraries" → "library", "books" → "book")."""
    t = unicodedata.normalize("NFKD", text.lower())
    t = "".join(c for c in t if not unicodedata.combining(c))
    out = []
    for w in re.findall(r"[a-z0-9]+", t):
        if len(w) > 4 and w.endswith("ies"):
            w = w[:-3] + "y"
        elif len(w) > 4 and w.endswith(("sses", "xes", "ches", "shes")):
            w = w[:-2]
        elif len(w) > 3 and w.endswith("s") and not w.endswith("ss"):
            w = w[:-1]
        out.append(w)
    return out


def takes(text, phrases):
    """Whether any phrase occurs in the text as consecutive folded words."""
    words = folded_words(text)
    for p in phrases:
        p = folded_words(p)
        if any(words[i:i + len(p)] == p for i in range(len(words) - len(p) + 1)):
            return True
    return False


def main(codebook_path, results_path):
    cb = tomllib.loads(Path(codebook_path).read_text(encoding="utf-8"))
    results = json.loads(Path(results_path).read_text(encoding="utf-8"))
    csv_path = Path(codebook_path).parent / cb["survey"]["source"]
    raw = pd.read_csv(csv_path, header=None, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    headings = raw.iloc[0].tolist()
    sub = [norm(s) for s in raw.iloc[1].tolist()]
    filled, cur = [], ""
    for h in headings:
        cur = norm(h) if norm(h) else cur
        filled.append(cur)
    data = raw.iloc[2:].reset_index(drop=True)
    data = data.apply(lambda col: col.str.strip())

    def block(heading):
        return [i for i, h in enumerate(filled) if h == norm(heading)]

    question_cols = []
    for q in cb["questions"]:
        question_cols += block(q.get("header", q["text"]))
    answered_any = (data.iloc[:, question_cols] != "").any(axis=1)
    id_col = block(cb["survey"]["respondent_id"])[0]
    ids = data.iloc[:, id_col]
    keep = answered_any & (ids != "") & ~(ids.where(answered_any & (ids != "")).duplicated() & answered_any)
    data = data[keep]

    shelf = {q["question"]: q for q in results["questions"] if q["type"] == "choice"}
    rows, bad = [], 0
    for q in cb["questions"]:
        if q["type"] not in ("single", "multi"):
            continue
        cols = block(q.get("header", q["text"]))
        opts = list(q.get("options", [])) + ([q["other"]] if "other" in q else [])
        by_label = {sub[c]: c for c in cols}
        ticked = {o["code"]: data.iloc[:, by_label[norm(o["label"])]] != "" for o in opts}
        # Back-coding: an "other" text a code's words take moves into the code's option.
        if q.get("codes") and "other" in q:
            other = q["other"]["code"]
            texts = data.iloc[:, by_label[norm(q["other"]["label"])]]
            moved = pd.Series(False, index=data.index)
            for c in q["codes"]:
                took = ticked[other] & texts.map(lambda t: takes(t, c.get("words", [])))
                ticked[c["code"]] = ticked[c["code"]] | took
                moved = moved | took
            ticked[other] = ticked[other] & ~moved
        answered = pd.concat(list(ticked.values()), axis=1).any(axis=1)
        base = int(answered.sum()) if q.get("base", "answered") == "answered" else len(data)
        mine = {r["code"]: r["estimate"] for r in shelf[q["id"]]["rows"]}
        for o in opts:
            count = int((ticked[o["code"]] & (answered if q.get("base", "answered") == "answered" else True)).sum())
            lo, hi = proportion_confint(count, base, alpha=0.05, method="wilson")
            theirs = mine[o["code"]]
            diffs = [
                abs(theirs["count"] - count),
                abs(theirs["base"] - base),
                abs(theirs["proportion"] - count / base),
                abs(theirs["ci_low"] - lo),
                abs(theirs["ci_high"] - hi),
            ]
            ok = diffs[0] == 0 and diffs[1] == 0 and max(diffs[2:]) <= TOL
            bad += not ok
            rows.append((q["id"], o["code"], count, base, count / base, lo, hi, max(diffs[2:]), "ok" if ok else "DIFF"))
    print(f"{'question':<14} {'option':<16} {'count':>5} {'base':>5} {'p':>10} {'ci_low':>10} {'ci_high':>10} {'max |diff|':>11}")
    for r in rows:
        print(f"{r[0]:<14} {r[1]:<16} {r[2]:>5} {r[3]:>5} {r[4]:>10.6f} {r[5]:>10.6f} {r[6]:>10.6f} {r[7]:>11.2e} {r[8]}")
    print(f"{len(rows)} figures compared with pandas + statsmodels; {bad} differ")
    return 1 if bad or not rows else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))
