"""Fills a coders' workbook written by `shelfstat code export`, as a coder would in Excel
(tests/all/coded.rs): reads {respondent_id: [coder_1, coder_2]} as JSON on standard input and
writes each cell into the "answers" sheet by its column heading.

  fill_coding.py IN.xlsx OUT.xlsx < codes.json
"""
import json
import sys

import openpyxl

codes = json.load(sys.stdin)
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb["answers"]
header = [c.value for c in ws[1]]
col = {name: k + 1 for k, name in enumerate(header)}
filled = 0
for row in range(2, ws.max_row + 1):
    rid = ws.cell(row, col["respondent_id"]).value
    if rid in codes:
        one, two = codes[rid]
        ws.cell(row, col["coder_1"]).value = one
        ws.cell(row, col["coder_2"]).value = two
        filled += 1
wb.save(sys.argv[2])
print(filled)
