#!/usr/bin/env python3
"""Writes data/ifla-refugee-2019/practice-codes.csv: two coders' codes for a sample of the
synthetic practice answers, with disagreements planted on purpose (README "Coded answers").

Coder 1 codes the first 50 answers in export order: the codes each text was written to take,
except three planted judgements the rules cannot make (a job club "in partnership" coded as job
seeking only; collections chosen "junto con la comunidad" and legal advice "con un consejo de
refugiados" coded as partnerships). Coder 2 codes the first 30: coder 1's codes except three
planted disagreements. Deterministic: the same export gives the same bytes.

  scripts/plant_practice_codes.py            # rewrites the file
"""
import csv
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WAVE = ROOT / "data/ifla-refugee-2019"

# The codes each text was written to take.
PLANTED = {
    "Weekly conversation café run with volunteers from the community.": ["language", "volunteers"],
    "Library cards without proof of address, on a simple declaration.": ["cards"],
    "Bilingual story times with parents reading in their own language.": ["stories"],
    "Une visite d'accueil de la bibliothèque en arabe, farsi et tigrinya.": ["welcome"],
    "Job clubs in partnership with the local employment office.": ["jobs", "partnership"],
    "Outreach visits to the reception centre with a book bike.": ["outreach"],
    "Aide aux devoirs par des étudiants bénévoles après l'école.": ["volunteers"],
    "Colecciones en lengua materna elegidas junto con la comunidad.": ["home_languages"],
    "Free printing and scanning of documents for asylum applications.": [],
    "Partnership with the adult education centre for language courses.": ["language", "partnership"],
    "Digital skills classes on smartphones rather than desktops.": ["digital"],
    "Staff training on trauma-informed service.": [],
    "Asesoría legal mensual con un consejo de refugiados.": [],
    "Soirées culturelles où les nouveaux arrivants présentent leur pays.": [],
    "Multilingual signage throughout the building.": [],
}
# Coder 1's judgements where they differ from the text's planted codes (first occurrence).
CODER_1 = {
    "Job clubs in partnership with the local employment office.": ["jobs"],
    "Colecciones en lengua materna elegidas junto con la comunidad.": ["home_languages", "partnership"],
    "Asesoría legal mensual con un consejo de refugiados.": ["partnership"],
}
# Coder 2's, where they differ from coder 1's (first occurrence among the first 30).
CODER_2 = {
    "Weekly conversation café run with volunteers from the community.": ["language"],
    "Bilingual story times with parents reading in their own language.": ["stories", "home_languages"],
    "Outreach visits to the reception centre with a book bike.": ["outreach", "partnership"],
}


def cell(codes):
    return ";".join(codes) if codes else "-"


def main():
    rows = list(csv.reader(open(WAVE / "responses.csv", encoding="utf-8-sig")))
    sub = rows[1]
    head = rows[0]
    col = next(k for k, h in enumerate(head) if h.startswith("Please describe one practice"))
    answers = [(r[0], r[col].strip()) for r in rows[2:] if r[col].strip()]
    out = [["respondent_id", "coder_1", "coder_2"]]
    seen_1, seen_2 = set(), set()
    for k, (rid, text) in enumerate(answers[:50]):
        one = PLANTED[text]
        if text in CODER_1 and text not in seen_1:
            one = CODER_1[text]
            seen_1.add(text)
        two = ""
        if k < 30:
            two_codes = one
            if text in CODER_2 and text not in seen_2:
                two_codes = CODER_2[text]
                seen_2.add(text)
            two = cell(two_codes)
        out.append([rid, cell(one), two])
    assert len(seen_1) == 3 and len(seen_2) == 3, (seen_1, seen_2)
    with open(WAVE / "practice-codes.csv", "w", newline="", encoding="utf-8") as f:
        csv.writer(f, lineterminator="\n").writerows(out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
