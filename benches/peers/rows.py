"""Writes a SurveyMonkey export of N respondents: the bundled sample's data rows repeated in order,
each copy with its own Respondent ID, so every size holds the sample's answers in the same mix.
Deterministic: the same N gives the same bytes.

    python3 benches/peers/rows.py 1000000 /tmp/rows-1m.csv
"""
import csv
import io
import sys
from pathlib import Path

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "ifla-refugee-2019" / "responses.csv"


def main(n: int, out: str) -> None:
    with open(SAMPLE, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    header, data = rows[:2], rows[2:]
    with open(out, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\r\n")
        w.writerows(header)
        # Rows are written in blocks of the whole sample: one csv.writer call per block.
        buf = io.StringIO()
        bw = csv.writer(buf, lineterminator="\r\n")
        done = 0
        while done < n:
            buf.seek(0)
            buf.truncate()
            for row in data[: n - done]:
                done += 1
                bw.writerow([str(10_000_000_000 + done)] + row[1:])
            f.write(buf.getvalue())


if __name__ == "__main__":
    main(int(sys.argv[1]), sys.argv[2])
