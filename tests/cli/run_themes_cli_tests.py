#!/usr/bin/env python3
"""`cxm themes` end to end (spec §20).

The comments of examples/data/survey_responses.csv against the built-in table
(lib/themes/data/themes_en.json) and against a table written here: every
count, share, score, interval and p-value must equal what pandas gives with
the §20 definitions written as Python regular expressions
((?<![^\\W_]) word (?![^\\W_]) on str.casefold(), a phrase's spaces as \\s+)
and the formulas of spec §1.4/§1.6 (NPS, adjusted Wald), §17.1 (CSAT, pooled
two-proportion z) and Holm's step-down, written here with scipy. Then the
errors: each names the file, line and column or the option.

    run_themes_cli_tests.py CXM ROOT
"""
import json
import math
import os
import re
import sys
import tempfile

import numpy as np
import pandas as pd
from scipy import stats

from clitest import Cli

CXM, ROOT = os.path.abspath(sys.argv[1]), sys.argv[2]
SURVEY = "examples/data/survey_responses.csv"
DEFAULT = os.path.join(ROOT, "lib/themes/data/themes_en.json")
TMP = tempfile.mkdtemp(prefix="cxm_themes_cli_")

cli = Cli(CXM, ROOT, timeout=120)
run, check, ok, ok_json, fails = cli.run, cli.check, cli.ok, cli.ok_json, cli.fails


def regex(words):
    return "|".join(r"(?<![^\W_])" + r"\s+".join(re.escape(p) for p in w.casefold().split()) + r"(?![^\W_])"
                    for w in words)


def adjusted_wald(a, b):
    z = stats.norm.ppf(0.975)

    def one(P, Pa, D):
        n = P + Pa + D + 3
        p, d = (P + 0.75) / n, (D + 0.75) / n
        return 100 * (p - d), 100 * math.sqrt(max(p + d - (p - d) ** 2, 0) / n)

    (ca, sa), (cb, sb) = one(*a), one(*b)
    se = math.hypot(sa, sb)
    return ca - cb - z * se, ca - cb + z * se, 2 * stats.norm.sf(abs((ca - cb) / se))


def pooled_z(x1, n1, x2, n2):
    z = stats.norm.ppf(0.975)
    p1, p2, p = x1 / n1, x2 / n2, (x1 + x2) / (n1 + n2)
    se0 = math.sqrt(p * (1 - p) * (1 / n1 + 1 / n2))
    se = math.sqrt(p1 * (1 - p1) / n1 + p2 * (1 - p2) / n2)
    pv = 1.0 if se0 == 0 else 2 * stats.norm.sf(abs(p1 - p2) / se0)
    return 100 * (p1 - p2 - z * se), 100 * (p1 - p2 + z * se), pv


def holm(p):
    p = np.asarray(p, float)
    ok_ = ~np.isnan(p)
    q = p[ok_]
    order = np.argsort(q, kind="stable")
    adj = np.minimum(1, np.maximum.accumulate((len(q) - np.arange(len(q))) * q[order]))
    res = np.empty(len(q))
    res[order] = adj
    out = np.full(p.shape, np.nan)
    out[ok_] = res
    return out


def expected(df, table, score, metric):
    df = df[df["comment"].fillna("").str.strip() != ""]
    rows = []
    for name, words in table.items():
        hit = df["comment"].str.casefold().str.contains(regex(words), regex=True)
        row = dict(theme=name, comments=len(df), mentions=int(hit.sum()), share=100 * hit.mean())
        if score:
            s = df[score]
            a, b = s[hit & s.notna()], s[~hit & s.notna()]
            if len(a) == 0 or len(b) == 0:  # nothing to compare (cxm_nps_compare: EMPTY)
                nan = math.nan
                row.update(n_mentioned=len(a), n_other=len(b), score_mentioned=nan, score_other=nan, diff=nan,
                           lower=nan, upper=nan, p_value=nan)
                if len(b):
                    row["score_other"] = (100 * ((b >= 9).sum() - (b <= 6).sum()) / len(b) if metric == "nps"
                                          else 100 * (b >= 4).sum() / len(b))
                rows.append(row)
                continue
            if metric == "nps":
                ca = ((a >= 9).sum(), ((a >= 7) & (a <= 8)).sum(), (a <= 6).sum())
                cb = ((b >= 9).sum(), ((b >= 7) & (b <= 8)).sum(), (b <= 6).sum())
                sm, so = 100 * (ca[0] - ca[2]) / len(a), 100 * (cb[0] - cb[2]) / len(b)
                lo, hi, pv = adjusted_wald(ca, cb)
            else:
                xa, xb = (a >= 4).sum(), (b >= 4).sum()
                sm, so = 100 * xa / len(a), 100 * xb / len(b)
                lo, hi, pv = pooled_z(xa, len(a), xb, len(b))
            row.update(n_mentioned=len(a), n_other=len(b), score_mentioned=sm, score_other=so, diff=sm - so,
                       lower=lo, upper=hi, p_value=pv)
        rows.append(row)
    out = pd.DataFrame(rows)
    if score:
        out["p_adjusted"] = holm(out["p_value"])
    return out


def compare(name, out, exp):
    import io
    got = pd.read_csv(io.StringIO(out), keep_default_na=False, na_values=[""])
    check(name + ": themes in table order", list(got["theme"]) == list(exp["theme"]), str(list(got["theme"])))
    for col in exp.columns[1:]:
        g, e = got[col].to_numpy(float), exp[col].to_numpy(float)
        check(name + f": {col}", np.allclose(g, e, rtol=1e-12, atol=1e-12, equal_nan=True), f"{g} vs {e}")


survey = pd.read_csv(os.path.join(ROOT, SURVEY), keep_default_na=False, na_values=[""])
default = json.load(open(DEFAULT, encoding="utf-8"))

# ---- the built-in table, NPS and CSAT ----------------------------------------------------------
out = ok("default table, nps", "themes", SURVEY, "--comment-column", "comment", "--score-column", "nps",
         "--format", "csv")
compare("default/nps", out, expected(survey, default, "nps", "nps"))
out = ok("default table, csat", "themes", SURVEY, "--comment-column", "comment", "--score-column", "csat",
         "--metric", "csat", "--format", "csv")
compare("default/csat", out, expected(survey, default, "csat", "csat"))
out = ok("counts only", "themes", SURVEY, "--comment-column", "comment", "--format", "csv")
compare("default/counts", out, expected(survey, default, None, None))

# ---- a table of one's own, with phrases and other scripts -------------------------------------
mine = {"shipping": ["late", "never arrived", "replacement arrived"], "cost": ["price", "too high"],
        "crash": ["app crashed", "crash"], "café": ["CAFÉ"]}
path = os.path.join(TMP, "mine.json")
with open(path, "w", encoding="utf-8") as f:
    json.dump(mine, f, ensure_ascii=False)
out = ok("own table", "themes", SURVEY, "--comment-column", "comment", "--themes", path, "--score-column", "nps",
         "--format", "csv")
compare("own/nps", out, expected(survey, mine, "nps", "nps"))

doc = ok_json("json", "themes", SURVEY, "--comment-column", "comment", "--themes", path, "--format", "json")
check("json has the rows and the counts", isinstance(doc, dict) and "themes" in json.dumps(doc), str(doc)[:200])
text = ok("text", "themes", SURVEY, "--comment-column", "comment")
check("text lists the themes", all(n in text for n in default), text[:300])

# ---- comments in other scripts, whitespace, missing fields -------------------------------------
csv_path = os.path.join(TMP, "intl.csv")
with open(csv_path, "w", encoding="utf-8") as f:
    f.write('id,comment,score\n1,"ДОСТАВКА опоздала",3\n2,"Straße gesperrt, LATE",9\n3,,10\n'
            '4,"never\t  arrived",0\n5,"chocolate",8\n6,"   ",\n7,"доставка😀",10\n')
intl = {"delivery": ["доставка", "late", "never arrived"], "road": ["strasse"]}
ipath = os.path.join(TMP, "intl.json")
with open(ipath, "w", encoding="utf-8") as f:
    json.dump(intl, f, ensure_ascii=False)
out = ok("other scripts", "themes", csv_path, "--comment-column", "comment", "--themes", ipath, "--score-column",
         "score", "--format", "csv")
df = pd.read_csv(csv_path, keep_default_na=False, na_values=[""])
compare("intl", out, expected(df, intl, "score", "nps"))

# ---- errors ------------------------------------------------------------------------------------
fails("no comment column", 2, ["--comment-column COL is required"], "themes", SURVEY)
fails("unknown comment column", 1, ["nope", SURVEY], "themes", SURVEY, "--comment-column", "nope")
bad = os.path.join(TMP, "bad.json")
with open(bad, "w") as f:
    f.write('{"a": ["x"],\n "b" ["y"]}\n')
fails("malformed table", 1, [bad, "line 2, column"], "themes", SURVEY, "--comment-column", "comment",
      "--themes", bad)
with open(bad, "w") as f:
    f.write('{"a": ["x"], "b": [""]}\n')
fails("empty word", 1, [bad, "theme 'b': word 1 is empty"], "themes", SURVEY, "--comment-column", "comment",
      "--themes", bad)
with open(bad, "w") as f:
    f.write('{"a": ["x"], "a": ["y"]}\n')
fails("duplicate theme", 1, ["theme 'a' is given twice"], "themes", SURVEY, "--comment-column", "comment",
      "--themes", bad)
off = os.path.join(TMP, "off.csv")
with open(off, "w") as f:
    f.write("comment,nps\nlate,9\nfine,11\n")
fails("score off the scale", 1, [off + ":3", "scores[1] = 11 is outside the scale 0..10"], "themes", off,
      "--comment-column", "comment", "--score-column", "nps")
with open(off, "wb") as f:
    f.write(b"comment,nps\nlate,9\ncaf\xc3,1\n")
fails("invalid UTF-8 in a comment", 1, [off, ":3"], "themes", off, "--comment-column", "comment")
fails("bad metric", 2, ["metric", "'foo'"], "themes", SURVEY, "--comment-column", "comment", "--metric", "foo")
fails("bad adjust", 2, ["adjust", "'sidak'"], "themes", SURVEY, "--comment-column", "comment", "--adjust", "sidak")
fails("bad format", 2, ["--format must be text, json or csv"], "themes", SURVEY, "--comment-column", "comment",
      "--format", "html")
fails("bad scale", 2, ["--scale must be LO-HI"], "themes", SURVEY, "--comment-column", "comment", "--scale", "x")
out = ok("help", "themes", "--help")
check("themes help starts with Usage", out.startswith("Usage: cxm themes"), out[:60])
check("main help lists themes", "cxm themes FILE" in ok("--help", "--help"))

cli.finish()
