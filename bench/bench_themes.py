#!/usr/bin/python3
"""Speed of libcxmetrics' theme matching (spec §20) against the pandas way a user writes
(one Series.str.contains with a regular expression per theme), both timed in this run on
the same comments.

    PYTHONPATH=build/bindings/python /usr/bin/python3 bench/bench_themes.py [--rows N]

Input: --rows (default 1,000,000) comments drawn (numpy seed 20261207) from the seeded pool
of 200,000 comments of ../shared/bench-data/gen_survey_csv.py (comment_pool(20240603):
~40 characters of survey words, ~4 % empty), with NPS scores 0..10; the themes: the built-in
English table (lib/themes/data/themes_en.json, 9 themes, ~110 words and phrases). Written
once as a CSV in a temporary directory for the command line.

Peer (pandas): per theme, the §20 definition as a regular expression,
    rx = "(?<![^\\W_])(?:" + "|".join(r"\\s+".join(map(re.escape, w.split())) ...) + ")(?![^\\W_])"
    hit = s.str.contains(rx, case=False, regex=True)
then mentions = hit.sum() and the NPS of the mentioners and of the others (the pool is
ASCII, where case=False and casefold agree).
Ours:
  - Python: cxmetrics.theme_summary(comments, scores, themes=Themes.default()) (the
    comments handed over as a list of str, then one C pass: match, count, test);
  - CLI: `cxm themes FILE --comment-column comment --score-column nps --format csv`
    (a process: reading the CSV included).
Checks, same run: mentions, score_mentioned and score_other of every theme equal pandas'.

Timing: time.perf_counter, median of --reps runs after one untimed warm-up, each after a
wait of up to --quiet-wait s for a quiet machine; "other CPUs" is what other processes used.
Nothing here is a test: no exit status on speed.
"""
import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time

import numpy as np
import pandas as pd

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(ROOT, "..", "shared", "bench-data"))
from benchutil import Foreign, must, wait_quiet  # noqa: E402

import cxmetrics  # noqa: E402


def comments_and_scores(rows):
    from gen_survey_csv import comment_pool  # the pool of the survey bench file
    pool = comment_pool(20240603)
    rng = np.random.default_rng(20261207)
    return list(pool[rng.integers(0, len(pool), size=rows)]), rng.integers(0, 11, size=rows).astype(float)


def pandas_way(s, scores, table):
    out = {}
    for name, words in table.items():
        rx = r"(?<![^\W_])(?:" + "|".join(r"\s+".join(re.escape(p) for p in w.split()) for w in words) + \
            r")(?![^\W_])"
        hit = s.str.contains(rx, case=False, regex=True).to_numpy()
        a, b = scores[hit], scores[~hit]
        nps = (lambda x: 100.0 * ((x >= 9).sum() - (x <= 6).sum()) / len(x) if len(x) else float("nan"))
        out[name] = (int(hit.sum()), nps(a), nps(b))
    return out


def timed(fn, reps, quiet_wait):
    fn()
    times, other = [], []
    for _ in range(reps):
        wait_quiet(0.3, quiet_wait)
        with Foreign() as f:
            t = time.perf_counter()
            fn()
            times.append(time.perf_counter() - t)
        other.append(f.cpus)
    return statistics.median(times), max(other)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--quiet-wait", type=float, default=20.0)
    ap.add_argument("--cxm", default=os.path.join(ROOT, "build", "tools", "cxm", "cxm"))
    a = ap.parse_args()

    comments, scores = comments_and_scores(a.rows)
    table = json.load(open(os.path.join(ROOT, "lib", "themes", "data", "themes_en.json"), encoding="utf-8"))
    themes = cxmetrics.Themes.default()
    s = pd.Series(comments, dtype=object)
    # pandas counts empty comments among the others; ours compares commenters only
    nonempty = s.str.strip() != ""
    s_ne, sc_ne = s[nonempty].reset_index(drop=True), scores[nonempty.to_numpy()]

    tmp = tempfile.mkdtemp(prefix="bench_themes_")
    path = os.path.join(tmp, "comments.csv")
    pd.DataFrame({"comment": comments, "nps": scores.astype(int)}).to_csv(path, index=False)

    # ---- the same numbers, checked before timing ---------------------------------------
    want = pandas_way(s_ne, sc_ne, table)
    got = cxmetrics.theme_summary(comments, scores, themes=themes)
    for name, (m, sm, so) in want.items():
        row = got.loc[name]
        must(row["mentions"] == m, f"{name}: mentions {row['mentions']} vs pandas {m}")
        must(np.allclose([row["score_mentioned"], row["score_other"]], [sm, so], rtol=0, atol=1e-9, equal_nan=True),
             f"{name}: NPS {row['score_mentioned']}/{row['score_other']} vs pandas {sm}/{so}")
    cli = [a.cxm, "themes", path, "--comment-column", "comment", "--score-column", "nps", "--format", "csv"]
    out = subprocess.run(cli, capture_output=True, text=True, check=True).stdout
    must(out.count("\n") == len(table) + 1, "cxm themes prints one row per theme")

    t_pd, o_pd = timed(lambda: pandas_way(s_ne, sc_ne, table), a.reps, a.quiet_wait)
    t_py, o_py = timed(lambda: cxmetrics.theme_summary(comments, scores, themes=themes), a.reps, a.quiet_wait)
    t_cli, o_cli = timed(lambda: subprocess.run(cli, stdout=subprocess.DEVNULL, check=True), a.reps, a.quiet_wait)
    print(f"themes: {a.rows:,} comments, {len(table)} themes, {sum(map(len, table.values()))} words and phrases")
    print(f"  pandas str.contains per theme   {t_pd:8.3f} s   (other CPUs <= {o_pd:.2f})")
    print(f"  cxmetrics.theme_summary         {t_py:8.3f} s   {t_pd / t_py:6.1f}x   (other CPUs <= {o_py:.2f})")
    print(f"  cxm themes (CSV read included)  {t_cli:8.3f} s   {t_pd / t_cli:6.1f}x   (other CPUs <= {o_cli:.2f})")
    os.remove(path)
    os.rmdir(tmp)


if __name__ == "__main__":
    main()
