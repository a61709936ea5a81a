"""Themes in comments (spec §20) through Python.

The matcher is checked against Python itself: on a seeded corpus of
thousands of comments (accents, ß, Greek with final sigma, Cyrillic, CJK,
emoji, combining marks, digits, underscores, punctuation, every kind of
whitespace) every hit and every miss of cxmetrics must equal
re.search(r'(?<![^\\W_])' + phrase + r'(?![^\\W_])', comment.casefold()),
where phrase is the word's casefolded parts joined by \\s+. The summary is
checked against pandas and the formulas of spec §1.4/§1.6 (NPS, adjusted
Wald), §17.1 (pooled two-proportion z) and Holm's step-down, written here
with numpy and scipy.
"""

import json
import math
import random
import re

import numpy as np
import pytest

import cxmetrics

pd = pytest.importorskip("pandas")
scipy_stats = pytest.importorskip("scipy.stats")

# ---- the reference matcher ------------------------------------------------------


def reference(word):
    parts = word.casefold().split()
    return re.compile(r"(?<![^\W_])" + r"\s+".join(re.escape(p) for p in parts) + r"(?![^\W_])")


def ref_match(table, comment):
    folded = comment.casefold()
    return [name for name, words in table.items() if any(reference(w).search(folded) for w in words)]


# ---- a seeded corpus --------------------------------------------------------------

VOCAB = ["late", "LATE", "Late", "chocolate", "lately", "delivery", "DELIVERY", "undelivered", "never", "arrived",
         "Straße", "STRASSE", "strasse", "café", "CAFÉ", "cafe", "cafés", "naïve", "NAÏVE", "Ĳssel", "ĳssel",
         "ΟΔΟΣ", "οδος", "οδός", "Σίσυφος", "σίσυφοσ", "доставка", "ДОСТАВКА", "Доставка", "цена", "ЦЕНА",
         "ԀԂ", "ԁԃ", "µm", "μm", "price", "price2", "2price", "price_", "_price", "wi-fi", "Wi-Fi", "wifi",
         "c++", "C++", "e-mail", "E-Mail", "价格", "快递", "😀", "👍🏽", "❤️", "🇬🇧", "١٢٣", "שלום", "สวัสดี",
         "x̃", "late\u0301", "İstanbul", "istanbul", "ǰ", "Ǆ", "ǆ", "ǅ", "ŉ", "ΐ", "ΰ", "Ω", "ω", "ς", "σ",
         "rude", "RUDE", "rudeness", "too", "expensive", "EXPENSIVE", "never arrived", "42", "½", "²", "ª",
         "ß", "ss", "SS", "ſ", "K", "k", "Å", "å", "ÿ", "Ÿ"]
SEPS = [" ", "  ", "\t", "\n", "\u00a0", "\u3000", "\u2009", "\u0085", "\x1c", ",", ", ", ".", "!", "?", "-",
        "_", "", "", "'", "\u2019", "(", ")", "\"", "/", "…", "—", "😀", "中"]
THEMES = {
    "delivery": ["late", "delivery", "never arrived", "Доставка"],
    "price": ["price", "expensive", "too   expensive", "ЦЕНА", "价格"],
    "greek": ["οδος", "Σίσυφος", "Ω"],
    "german": ["straße", "ss"],
    "french": ["CAFÉ", "naïve"],
    "tech": ["wi-fi", "c++", "e-mail", "μm"],
    "staff": ["rude", "too rude"],
    "emoji": ["😀", "👍🏽"],
    "digits": ["42", "2price"],
    "special": ["ĳssel", "ǆ", "ΐ", "İstanbul", "i", "ſ", "ŉ", "k", "å", "ÿ"],
    "punct": ["(late)", "late!", "-"],
}


def random_in_scope(rng):
    # a random code point U+0080..U+052F (Latin, IPA, marks, Greek, Cyrillic),
    # some of them unassigned: both sides must agree on those too
    return chr(rng.randrange(0x80, 0x530))


def corpus(n, seed=20261207):
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        k = rng.randrange(1, 10)
        parts = []
        for _ in range(k):
            r = rng.random()
            parts.append(random_in_scope(rng) if r < 0.08 else rng.choice(VOCAB))
            parts.append(rng.choice(SEPS))
        text = "".join(parts)
        if rng.random() < 0.3:
            text = text.upper() if rng.random() < 0.5 else text.title()
        out.append(text)
    return out


def in_scope(text):
    """Only scripts of §20.2: a cased letter above U+052F is out of scope."""
    return all(ord(c) <= 0x52F or c.casefold() == c for c in text)


def test_matcher_agrees_with_python_re():
    table = cxmetrics.Themes.from_json(json.dumps(THEMES, ensure_ascii=False))
    assert table.names == tuple(THEMES)
    comments = [c for c in corpus(6000) if in_scope(c)]
    assert len(comments) > 4000
    hits = 0
    for c in comments:
        got = table.match(c)
        assert got == ref_match(THEMES, c), repr(c)
        hits += len(got)
    # the corpus exercises both answers for every theme
    for name in THEMES:
        n = sum(name in ref_match({name: THEMES[name]}, c) for c in comments[:2000])
        assert 0 < n < 2000, name
    assert hits > 1000


def test_out_of_scope_scripts_are_not_folded():
    """§20.2: above U+052F nothing is folded, a documented difference from casefold()."""
    t = cxmetrics.Themes.from_json('{"a": ["ẁ"], "b": ["ａ"]}')
    assert t.match("Ẁ") == [] and ref_match({"a": ["ẁ"]}, "Ẁ") == ["a"]
    assert t.match("ẁ") == ["a"]
    assert t.match("Ａ") == []                   # fullwidth A is not folded either
    assert t.match("ａ") == ["b"]


def test_definitions_by_hand():
    t = cxmetrics.Themes.from_json('{"d": ["never arrived"], "u": ["late"]}')
    assert t.match("It NEVER\u00a0\u00a0arrived") == ["d"]
    assert t.match("never-arrived") == []
    assert t.match("late_") == ["u"]             # '_' is not a letter (§20.3)
    assert t.match("late中") == []               # a CJK letter is a letter
    assert t.match("late😀") == ["u"]
    assert t.match(None) == []
    assert cxmetrics.Themes.from_json('{"g": ["straße"]}').match("STRASSE") == ["g"]


def test_table_errors(tmp_path):
    with pytest.raises(cxmetrics.ParseError, match=r"not valid JSON at line 2, column 14 \(byte 15\)"):
        cxmetrics.Themes.from_json('{\n  "a": ["x", ]\n}')
    with pytest.raises(cxmetrics.ParseError, match=r"theme 'price': word 2 is a number"):
        cxmetrics.Themes.from_json('{"price": ["cheap", 2]}')
    with pytest.raises(cxmetrics.ParseError, match=r"theme 'price' must be an array of words"):
        cxmetrics.Themes.from_json('{"price": "cheap"}')
    with pytest.raises(cxmetrics.ParseError, match=r"theme 'price': word 1 is empty"):
        cxmetrics.Themes.from_json('{"price": ["  "]}')
    with pytest.raises(cxmetrics.ParseError, match=r"theme 'a' is given twice"):
        cxmetrics.Themes.from_json('{"a": ["x"], "a": ["y"]}')
    with pytest.raises(cxmetrics.EmptyInput, match="no theme"):
        cxmetrics.Themes.from_json("{}")
    p = tmp_path / "t.json"
    p.write_bytes(b'{"ok": ["x"],\n "bad": ["caf\xc3"]}')
    with pytest.raises(cxmetrics.ParseError, match=r"t\.json.*theme 'bad': word 1 has invalid UTF-8 at byte 3"):
        cxmetrics.Themes.from_json(p)
    p.write_text('{"ok": ["x"]}')
    assert cxmetrics.Themes.from_json(str(p)).names == ("ok",)
    with pytest.raises(cxmetrics.Error, match="cannot open"):
        cxmetrics.Themes.from_json(tmp_path / "missing.json")


def test_default_table():
    t = cxmetrics.Themes.default()
    assert "delivery" in t.names and "price" in t.names
    assert t.match("My parcel never arrived") == ["delivery"]


# ---- the summary against pandas and the spec's formulas --------------------------


def nps_counts(s):
    s = np.asarray(s, dtype=float)
    return (s >= 9).sum(), ((s >= 7) & (s <= 8)).sum(), (s <= 6).sum()


def adjusted_wald_compare(a, b, conf=0.95):
    """spec §1.4 + §1.6, written again here."""
    z = scipy_stats.norm.ppf((1 + conf) / 2)

    def one(P, Pa, D):
        n_adj = P + Pa + D + 3
        p, d = (P + 0.75) / n_adj, (D + 0.75) / n_adj
        var = max(p + d - (p - d) ** 2, 0.0)
        return 100 * (p - d), 100 * math.sqrt(var / n_adj)

    ca, sa = one(*a)
    cb, sb = one(*b)
    diff, se = ca - cb, math.hypot(sa, sb)
    return diff - z * se, diff + z * se, 2 * scipy_stats.norm.sf(abs(diff / se))


def pooled_z(x1, n1, x2, n2, conf=0.95):
    z = scipy_stats.norm.ppf((1 + conf) / 2)
    p1, p2, p = x1 / n1, x2 / n2, (x1 + x2) / (n1 + n2)
    se0 = math.sqrt(p * (1 - p) * (1 / n1 + 1 / n2))
    pv = 1.0 if se0 == 0 else 2 * scipy_stats.norm.sf(abs((p1 - p2) / se0))
    se = math.sqrt(p1 * (1 - p1) / n1 + p2 * (1 - p2) / n2)
    return 100 * (p1 - p2 - z * se), 100 * (p1 - p2 + z * se), pv


def holm(p):
    p = np.asarray(p, dtype=float)
    out = np.full(p.shape, np.nan)
    ok = ~np.isnan(p)
    q = p[ok]
    m = q.size
    order = np.argsort(q, kind="stable")
    adj = np.minimum(1, np.maximum.accumulate((m - np.arange(m)) * q[order]))
    res = np.empty(m)
    res[order] = adj
    out[ok] = res
    return out


def make_survey(n=3000, seed=7):
    rng = np.random.default_rng(seed)
    pool = ["The delivery was late", "too expensive!", "Rude staff, never again", "great price",
            "Parcel never arrived", "love it", "", "   ", "the app crashed at checkout", "Late and expensive",
            "Chocolate was fine", "refund took ages"]
    comments = [pool[i] for i in rng.integers(0, len(pool), n)]
    comments = [None if rng.random() < 0.05 else c for c in comments]
    scores = rng.integers(0, 11, n).astype(float)
    scores[rng.random(n) < 0.05] = np.nan
    return comments, scores


def expected(comments, scores, table, metric):
    df = pd.DataFrame({"comment": comments, "score": scores})
    df = df[df["comment"].notna() & (df["comment"].fillna("").str.strip() != "")]
    rows = []
    for name, words in table.items():
        rx = "|".join(r"(?<![^\W_])" + r"\s+".join(re.escape(p) for p in w.casefold().split()) + r"(?![^\W_])"
                      for w in words)
        hit = df["comment"].str.casefold().str.contains(rx, regex=True)
        sc = df["score"].notna()
        a, b = df.loc[hit & sc, "score"], df.loc[~hit & sc, "score"]
        if metric == "nps":
            ca, cb = nps_counts(a), nps_counts(b)
            sm = 100 * (ca[0] - ca[2]) / len(a)
            so = 100 * (cb[0] - cb[2]) / len(b)
            lo, hi, pv = adjusted_wald_compare(ca, cb)
        else:
            xa, xb = (a >= 4).sum(), (b >= 4).sum()
            sm, so = 100 * xa / len(a), 100 * xb / len(b)
            lo, hi, pv = pooled_z(xa, len(a), xb, len(b))
        rows.append(dict(theme=name, comments=len(df), mentions=int(hit.sum()), share=100 * hit.mean(),
                         n_mentioned=len(a), n_other=len(b), score_mentioned=sm, score_other=so, diff=sm - so,
                         lower=lo, upper=hi, p_value=pv))
    out = pd.DataFrame(rows).set_index("theme")
    out["p_adjusted"] = holm(out["p_value"])
    return out


TABLE = {"delivery": ["late", "never arrived", "parcel"], "price": ["expensive", "price"],
         "staff": ["rude", "staff"], "app": ["app", "checkout"]}


def test_summary_nps_against_pandas():
    comments, scores = make_survey()
    got = cxmetrics.theme_summary(comments, scores, themes=json.dumps(TABLE), metric="nps")
    exp = expected(comments, scores, TABLE, "nps")
    assert list(got.index) == list(TABLE)
    for col in exp.columns:
        np.testing.assert_allclose(got[col].to_numpy(float), exp[col].to_numpy(float), rtol=1e-12, atol=1e-12,
                                   err_msg=col)
    assert (got["metric"] == "nps").all()
    assert got.attrs["rows"] == len(comments)
    assert got.attrs["missing"] == sum(c is None for c in comments)
    assert got.attrs["empty"] == sum(c is not None and c.strip() == "" for c in comments)
    assert got.attrs["comments"] == exp["comments"].iloc[0]
    assert got.attrs["adjust"] == "holm"


def test_summary_csat_against_pandas():
    comments, scores = make_survey(2000, seed=11)
    scores = np.where(np.isnan(scores), np.nan, 1 + np.mod(scores, 5))
    got = cxmetrics.theme_summary(comments, scores, themes=json.dumps(TABLE), metric="csat")
    exp = expected(comments, scores, TABLE, "csat")
    for col in exp.columns:
        np.testing.assert_allclose(got[col].to_numpy(float), exp[col].to_numpy(float), rtol=1e-12, atol=1e-12,
                                   err_msg=col)
    # Benjamini-Hochberg by hand: p_(i) m / i, running minimum from the top
    bh = cxmetrics.theme_summary(comments, scores, themes=json.dumps(TABLE), metric="csat", adjust="bh")
    p = exp["p_value"].to_numpy()
    order = np.argsort(p)
    m = len(p)
    adj = np.minimum(1, np.minimum.accumulate((p[order] * m / np.arange(1, m + 1))[::-1])[::-1])
    want = np.empty(m)
    want[order] = adj
    np.testing.assert_allclose(bh["p_adjusted"].to_numpy(), want, rtol=1e-12)


def test_summary_without_pandas_and_errors():
    rows = cxmetrics.theme_summary(["late", "fine", None], themes='{"d": ["late"]}', as_frame=False)
    assert isinstance(rows, list) and len(rows) == 1
    r = rows[0]
    assert (r["theme"], r["comments"], r["mentions"], r["share"], r["metric"]) == ("d", 2.0, 1.0, 50.0, "")
    assert all(math.isnan(r[k]) for k in ("score_mentioned", "score_other", "diff", "p_value", "p_adjusted"))
    assert rows.attrs["missing"] == 1
    with pytest.raises(cxmetrics.ParseError, match=r"comments\[1\]: invalid UTF-8 at byte 2"):
        cxmetrics.theme_summary(["ok", b"ab\xff"], themes='{"d": ["late"]}')
    with pytest.raises(cxmetrics.OutOfRange, match=r"scores\[1\] = 11 is outside the scale 0\.\.10"):
        cxmetrics.theme_summary(["a", "b"], [1, 11], themes='{"d": ["late"]}')
    with pytest.raises(cxmetrics.Error, match=r"scores\[0\] = 4\.5"):
        cxmetrics.theme_summary(["a", "b"], [4.5, 1], themes='{"d": ["late"]}')
    with pytest.raises(cxmetrics.InvalidArgument, match="n_scores = 1"):
        cxmetrics.theme_summary(["a", "b"], [1], themes='{"d": ["late"]}')
    with pytest.raises(cxmetrics.InvalidArgument, match="adjust"):
        cxmetrics.theme_summary(["a"], [1], themes='{"d": ["late"]}', adjust="bonferroni")


def test_summary_takes_pandas_series_with_missing_values():
    comments = pd.Series(["late", None, np.nan, "late again", "x"], dtype=object)
    scores = pd.Series([0, pd.NA, 5, 10, 9], dtype="Int64")
    got = cxmetrics.theme_summary(comments, scores, themes='{"d": ["late"]}')
    assert got.attrs["missing"] == 2
    # mentioning: 0 and 10 (P 1, D 1: NPS 0); others: 9 (NPS 100)
    assert (got.loc["d", "n_mentioned"], got.loc["d", "n_other"]) == (2, 1)
    assert (got.loc["d", "score_mentioned"], got.loc["d", "score_other"]) == (0, 100)
