"""Independent agreement figures for shelfstat's coding quality (tests/all/coded.rs):
Cohen's kappa by scikit-learn (cohen_kappa_score), its standard error by statsmodels
(cohens_kappa), Krippendorff's alpha by the `krippendorff` package.

  agreement.py --tidy responses.csv QUESTION CODE...   # from a run's tidy frame: JSON
  agreement.py < cases.json                            # random codings: JSON in, JSON out
"""
import json
import math
import sys
import warnings

import krippendorff
import numpy as np
import pandas as pd
from sklearn.metrics import cohen_kappa_score
from statsmodels.stats.inter_rater import cohens_kappa

warnings.filterwarnings("ignore")


def kappa(x, y):
    """Kappa (scikit-learn) and its standard error (statsmodels); None when undefined."""
    x = [int(v) for v in x]
    y = [int(v) for v in y]
    if not x:
        return None
    k = cohen_kappa_score(x, y)
    if k is None or math.isnan(k):
        return None
    table = np.zeros((2, 2))
    for a, b in zip(x, y):
        table[a, b] += 1
    res = cohens_kappa(table, return_results=True)
    se = float(res.std_kappa)
    return {"kappa": float(k), "se": None if math.isnan(se) else se}


def alpha(units):
    data = np.array([[np.nan if v is None else v for v in u] for u in units], dtype=float).T
    try:
        a = krippendorff.alpha(reliability_data=data, level_of_measurement="nominal")
    except (ValueError, ZeroDivisionError):
        return None
    return None if a is None or math.isnan(a) else float(a)


def from_tidy(path, question, codes):
    f = pd.read_csv(path, dtype=str, keep_default_na=False)
    col = lambda code, who: f[f"{question}__{code}__{who}"]
    one = col(codes[0], "coder_1") != ""
    two = one & (col(codes[0], "coder_2") != "")
    out = {"human_coded": int(one.sum()), "both_coded": int(two.sum()), "codes": {}}
    units = []
    for code in codes:
        t = lambda who, keep: [v == "true" for v in col(code, who)[keep]]
        out["codes"][code] = {
            "rules": kappa(t("rules", one), t("coder_1", one)),
            "coders": kappa(t("coder_1", two), t("coder_2", two)),
        }
        units += [[int(a), int(b)] for a, b in zip(t("coder_1", two), t("coder_2", two))]
    out["alpha"] = alpha(units)
    return out


if __name__ == "__main__":
    if sys.argv[1:2] == ["--tidy"]:
        print(json.dumps(from_tidy(sys.argv[2], sys.argv[3], sys.argv[4:])))
    else:
        cases = json.load(sys.stdin)
        print(json.dumps([{"kappa": kappa(c["x"], c["y"]), "alpha": alpha(c["units"])} for c in cases]))
