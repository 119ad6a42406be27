"""Checks a peer script's JSON against shelfstat's results.json: rows analysed, every choice
question's counts, bases and Wilson intervals, and the cards-by-type-of-library breakdown.
Exit status 1 on the first difference.

    python3 benches/peers/check.py results.json peer.json
"""
import json
import sys


def main(results_path, peer_path):
    r = json.load(open(results_path))
    p = json.load(open(peer_path))
    diffs = []
    if r["accounting"]["analysed"] != p["analysed"]:
        diffs.append(f"analysed: {r['accounting']['analysed']} vs {p['analysed']}")
    checked = 0
    for q in r["questions"]:
        if q["type"] != "choice":
            continue
        for row in q["rows"]:
            e, peer = row["estimate"], p[q["question"]][row["code"]]
            checked += 1
            if (e["count"], e["base"]) != (peer["count"], peer["base"]):
                diffs.append(f"{q['question']}/{row['code']}: {e['count']}/{e['base']} vs "
                             f"{peer['count']}/{peer['base']}")
            elif abs(e["ci_low"] - peer["ci"][0]) > 1e-9 or abs(e["ci_high"] - peer["ci"][1]) > 1e-9:
                diffs.append(f"{q['question']}/{row['code']}: interval differs")
    b = next(x for x in r["breakdowns"] if x["question"] == "cards" and x["by"] == "library_type")
    for row in b["rows"]:
        for g, cell in zip(b["groups"], row["cells"]):
            checked += 1
            want = p["cards_by_library_type"].get(f"{g['key']}/{row['code']}", 0)
            if cell["count"] != want:
                diffs.append(f"cards by {g['key']}/{row['code']}: {cell['count']} vs {want}")
    for d in diffs:
        print("DIFFERENT", d)
    print(f"{peer_path}: {checked} figures checked, {len(diffs)} different")
    sys.exit(1 if diffs else 0)


if __name__ == "__main__":
    main(*sys.argv[1:])
