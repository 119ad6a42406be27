"""Writes the notebooks in notebooks/ (without outputs) from the cells below, so their code is
reviewed here and the committed files stay free of outputs. Run: python3 scripts/notebooks.py"""
import json
from pathlib import Path

def nb(cells):
    out = []
    for k, (kind, text) in enumerate(cells):
        c = {"cell_type": kind, "id": f"c{k}", "metadata": {}, "source": text.strip("\n").splitlines(keepends=True)}
        if kind == "code":
            c.update(execution_count=None, outputs=[])
        out.append(c)
    return {
        "nbformat": 4, "nbformat_minor": 5,
        "metadata": {"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
                     "language_info": {"name": "python"}},
        "cells": out,
    }

WAVE = [
("markdown", """
# IFLA 2019 refugee-services survey: the tidy responses, in polars and pandas

Reads the tidy output of `shelfstat run` (one row per analysed library, no personal data),
recomputes a headline figure with its Wilson interval and a breakdown, and checks both against
`results.json`. Run `cargo run -- run` first; paths are relative to this folder. The rows are
synthetic, calibrated to the published summary (see `data/ifla-refugee-2019/README.md`).
"""),
("code", """
import json
import pandas as pd
import polars as pl
from statsmodels.stats.proportion import proportion_confint

report = '../reports/ifla-refugee-2019/'
results = json.load(open(report + 'results.json', encoding='utf-8'))
tidy_pl = pl.read_parquet(report + 'tidy/responses.parquet')
tidy_pd = pd.read_parquet(report + 'tidy/responses.parquet')
print(tidy_pl.height, 'libraries,', tidy_pl['country'].n_unique(), 'countries')
assert tidy_pl.height == len(tidy_pd) == results['respondents']
"""),
("markdown", """
A multi-select share is over the libraries that **answered** the question (ticked at least one
option). The same figure in polars and in pandas:
"""),
("code", """
answered = tidy_pl.filter(pl.col('services__answered'))
k_pl, n_pl = answered['services__internet'].sum(), answered.height

answered_pd = tidy_pd[tidy_pd['services__answered'] == True]
k_pd, n_pd = int(answered_pd['services__internet'].sum()), len(answered_pd)

lo, hi = proportion_confint(k_pl, n_pl, method='wilson')
print(f'Internet access: {k_pl}/{n_pl} = {100*k_pl/n_pl:.1f}% (95% CI {100*lo:.1f}–{100*hi:.1f}%)')
services = next(q for q in results['questions'] if q.get('question') == 'services')
internet = next(r['estimate'] for r in services['rows'] if r['code'] == 'internet')
assert (k_pl, n_pl) == (k_pd, n_pd) == (internet['count'], internet['base']) == (221, 237)
assert abs(lo - internet['ci_low']) < 1e-12 and abs(hi - internet['ci_high']) < 1e-12
"""),
("markdown", """
Library cards by region, from the tidy frame, against the report's breakdown (groups under 5
libraries are withheld there, and not compared):
"""),
("code", """
cards = tidy_pl.filter(pl.col('cards').is_not_null())
by_region = (cards.group_by('country__region')
             .agg(pl.len().alias('base'), (pl.col('cards') == 'yes').sum().alias('yes'))
             .sort('country__region'))
print(by_region)
table = next(b for b in results['breakdowns'] if b['question'] == 'cards' and b['by'] == 'region')
yes_row = next(r for r in table['rows'] if r['code'] == 'yes')
compared = 0
for group, cell in zip(table['groups'], yes_row['cells']):
    if group['suppressed'] or not group['key']:
        continue
    row = by_region.filter(pl.col('country__region') == group['key'])
    assert (row['yes'][0], row['base'][0]) == (cell['count'], cell['base']), group['key']
    compared += 1
print(f'{compared} regions equal to the report')
assert compared >= 4
"""),
]

SERIES = [
("markdown", """
# Three waves compared: every change recomputed

Reads `changes.json` of `shelfstat compare data/ifla-refugee-series.toml` and recomputes each
change between two waves — the difference in percentage points and its Newcombe hybrid score
interval — with statsmodels, from the counts and bases the comparison publishes. Run
`cargo run -- compare data/ifla-refugee-series.toml` first.
"""),
("code", """
import json
import polars as pl
from statsmodels.stats.proportion import confint_proportions_2indep

changes = json.load(open('../reports/ifla-refugee-series/changes.json', encoding='utf-8'))
print(', '.join(w['id'] for w in changes['waves']), '—', len(changes['questions']), 'questions')
"""),
("code", """
rows, worst = [], 0.0
for q in changes['questions']:
    for o in q['options']:
        figures = {f['wave']: f['estimate'] for f in o['figures'] if f['estimate']}
        for pc in o['changes']:
            ch = pc['change']
            if not ch:
                continue
            a, b = figures[pc['from']], figures[pc['to']]
            low, high = confint_proportions_2indep(b['count'], b['base'], a['count'], a['base'],
                                                   method='newcomb', compare='diff')
            diff = b['count'] / b['base'] - a['count'] / a['base']
            worst = max(worst, abs(diff - ch['diff']), abs(low - ch['ci_low']), abs(high - ch['ci_high']))
            rows.append((q['question'], o['option'], pc['from'], pc['to'], round(100 * diff, 1), ch['clear']))
table = pl.DataFrame(rows, schema=['question', 'option', 'from', 'to', 'pp', 'clear'], orient='row')
print(table.filter(pl.col('clear')))
print(f'{len(rows)} changes recomputed; largest difference {worst:.1e}')
assert len(rows) > 100 and worst < 1e-12
"""),
]

here = Path(__file__).resolve().parent.parent / 'notebooks'
for name, cells in [('ifla-refugee-2019.ipynb', WAVE), ('ifla-refugee-series.ipynb', SERIES)]:
    (here / name).write_text(json.dumps(nb(cells), indent=1, ensure_ascii=False) + '\n', encoding='utf-8')
    print('wrote', here / name)
