"""Reads shelfstat's report.xlsx with openpyxl (independently of the Rust reader) and checks it
against results.json: every figure of every question and breakdown sheet, percentages stored as
numbers in a % format, counts as integers, the header row frozen and filtered, sheet names within
Excel's 31 characters and unique, no formula anywhere, withheld cells empty.

    python workbook.py report.xlsx results.json
"""
import json
import sys

import openpyxl


def main(xlsx, results_path):
    wb = openpyxl.load_workbook(xlsx)
    r = json.load(open(results_path))
    problems, checked = [], 0
    names = wb.sheetnames
    if len(set(n.lower() for n in names)) != len(names) or any(len(n) > 31 for n in names):
        problems.append(f"sheet names: {names}")
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for c in row:
                if c.data_type == "f":
                    problems.append(f"{ws.title}!{c.coordinate}: a formula")
    sheets = {ws.title: ws for ws in wb.worksheets}

    def table(ws):
        rows = list(ws.iter_rows(values_only=False))
        head = [c.value for c in rows[0]]
        return head, rows[1:]

    def check_estimate(where, cells, head, est):
        nonlocal checked
        for key in ("count", "base", "proportion", "ci_low", "ci_high"):
            cell = cells[head.index(key)]
            want = None if est is None else est[key]
            got = cell.value
            checked += 1
            if want is None:
                if got is not None:
                    problems.append(f"{where} {key}: {got!r}, expected empty")
                continue
            if got is None or abs(float(got) - want) > 1e-12:
                problems.append(f"{where} {key}: {got!r} != {want!r}")
            fmt = "0" if key in ("count", "base") else "0.0%"
            if cell.number_format != fmt:
                problems.append(f"{where} {key}: format {cell.number_format!r}")

    for q in r["questions"]:
        if q["type"] != "choice":
            continue
        ws = sheets[q["question"]]
        if ws.freeze_panes != "A2" or not ws.auto_filter.ref:
            problems.append(f"{ws.title}: header not frozen or not filtered")
        head, rows = table(ws)
        for want, row in zip(q["rows"], rows):
            if row[head.index("option")].value != want["code"]:
                problems.append(f"{ws.title}: option {row[1].value!r} != {want['code']!r}")
            check_estimate(f"{ws.title}/{want['code']}", row, head, want["estimate"])
    for b in r["breakdowns"]:
        name = f"{b['question']} by {b['by']}"[:31]
        head, rows = table(sheets[name])
        k = 0
        for want_row in b["rows"]:
            for g, est in zip(b["groups"], want_row["cells"]):
                row = rows[k]
                k += 1
                check_estimate(f"{name}/{g['key']}/{want_row['code']}", row, head, est)
        if k != len(rows):
            problems.append(f"{name}: {len(rows)} rows, expected {k}")
    for p in problems:
        print("DIFFERENT", p)
    print(f"workbook: {checked} figures checked; {len(problems)} differ")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main(*sys.argv[1:])
