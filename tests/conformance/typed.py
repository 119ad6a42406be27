"""Issue 25, done when: every referenced count of the conformance corpus is equal once the
codebook is typed right. For each CSV export where `init` + `run` unaided differ from the
reference, drafts the codebook with `init`, makes the correction a user would make (below),
runs it, and compares every referenced question of that export with expected.json through
check.py's own comparison (its definitions are read from it, not copied).

    python3 typed.py CHECK_PY SHELFSTAT WORK_DIR

Prints one line per export and exits 1 when a referenced question still differs."""
import os, re, subprocess, sys

CHECK, BIN, WORK = sys.argv[1], os.path.abspath(sys.argv[2]), sys.argv[3]
HERE = os.path.dirname(os.path.abspath(CHECK))
defs = open(CHECK, encoding="utf-8").read().split("\nfiles = sorted(")[0]
sys.argv = [CHECK, BIN, WORK]
check = {"__file__": CHECK, "__name__": "check"}
exec(compile(defs, CHECK, "exec"), check)


def question(toml, qid):
    """(start, end) of question `qid`'s table in the draft."""
    start = toml.index(f'[[questions]]\nid = "{qid}"\n')
    end = toml.find("\n[[questions]]", start + 1)
    return start, (len(toml) if end < 0 else end)


def edit(toml, qid, f):
    a, b = question(toml, qid)
    return toml[:a] + f(toml[a:b]) + toml[b:]


def by_column(toml):
    # One column per choice (Q8_1 … Q8_32): the reference names the options by their column,
    # so the user codes them so; the draft coded them from their labels (o1_984 …).
    qid = re.search(r'id = "(\w+)"\ntype = "multi"', toml).group(1)
    return edit(toml, qid, lambda q: re.sub(r'code = "o(\d+)_\d+"', r'code = "q8_\1"', q))


def no_other(toml):
    # The reference's base leaves out who typed only an "Other" answer: read without it.
    return edit(toml, "q_24_preferred_build", lambda q: re.sub(r"other = \{[^}]*\}\n", "", q))


CORRECTIONS = {
    "qualtrics/experimentData.csv": by_column,
    "limesurvey/cpp-survey_results-survey.csv": no_other,
}
# Not correctable by typing: "Questionario Lab … :: conjoint SCELTA 8" counts an answer that
# differs from an option in its spacing only apart from it; shelfstat matches answers with their
# spacing normalised, and refuses two options whose labels differ in spacing only.

failed = 0
for f, correct in CORRECTIONS.items():
    d = os.path.join(WORK, re.sub(r"[^\w.-]", "_", f))
    os.makedirs(d, exist_ok=True)
    init = subprocess.run([BIN, "init", os.path.join(HERE, f)], capture_output=True, text=True, cwd=d, check=True)
    open(os.path.join(d, "survey.toml"), "w", encoding="utf-8").write(correct(init.stdout))
    subprocess.run([BIN, "run", "survey.toml", "--out", "out"], capture_output=True, text=True, cwd=d, check=True)
    groups = check["table_rows"](os.path.join(d, "out"))
    questions = {}
    for k, e in check["EXP"].items():
        ef, q = k.split(" :: ", 1)
        if ef == f and "(metadata)" not in q:
            questions.setdefault(re.sub(r"\s*\[[^\]]*\]$", "", q), []).append(e)
    differ = [q for q, vs in sorted(questions.items()) if not any(check["variant_holds"](groups, e) for e in vs)]
    failed += len(differ)
    print(f"{f}: {len(questions) - len(differ)} of {len(questions)} referenced questions equal once typed right"
          + "".join(f"\n  differs: {q}" for q in differ))
sys.exit(1 if failed else 0)
