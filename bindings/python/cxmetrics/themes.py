"""Themes in free-text comments (themes.h, spec §20): a table of themes (each
a list of words and phrases), which themes a comment mentions, and per theme
how the score of those who mention it differs from the other commenters'.

Matching, folding, boundaries, the tests and the p-value adjustment are the
C library's (cxm_themes_*); this module converts.
"""

from typing import Any, Optional

import math
import numbers
import os

import numpy as np

from . import _convert as _c
from . import _table
from . import native

__all__ = ["Themes", "ThemeRows", "theme_summary"]


class Themes:
    """A table of themes: {"theme": ["word", "a phrase", ...], ...}.

    Themes.default() is the small English table built into the library;
    Themes.from_json(path_or_text) reads yours (a path, a path-like, or the
    JSON text itself). Immutable: one table may be used from many threads."""

    def __init__(self, _handle: Any) -> None:
        self._h = _handle

    @classmethod
    def default(cls) -> Any:
        """The built-in English table (delivery, price, support, ...)."""
        return cls(native.themes_default())

    @classmethod
    def from_json(cls, path_or_text: Any) -> Any:
        """A table from JSON text (a str whose first non-blank character is
        "{" or "[") or from a file (any other str, bytes path or path-like).
        Raises ParseError (JSON that does not parse: line and column; a theme
        that is not an array of non-empty strings, naming it; a duplicate
        theme; invalid UTF-8), EmptyInput (no theme), IOError_ (the file)."""
        if isinstance(path_or_text, str) and path_or_text.lstrip()[:1] in ("{", "["):
            return cls(native.themes_from_json(path_or_text))
        if isinstance(path_or_text, (str, bytes, os.PathLike)):
            return cls(native.themes_read_json(os.fsdecode(path_or_text)))
        raise TypeError(f"path_or_text must be a str or a path, not {type(path_or_text).__name__}")

    @property
    def names(self) -> Any:
        """The theme names, in the table's order (a tuple of str)."""
        return tuple(native.themes_name(self._h, i) for i in range(len(self)))

    def __len__(self):
        return native.themes_count(self._h)

    def match(self, text: Any) -> Any:
        """The names of the themes `text` (a str) mentions, in the table's
        order; None (a missing comment) mentions nothing."""
        if text is None:
            return []
        if not isinstance(text, str):
            raise TypeError(f"text must be a str, not {type(text).__name__}")
        hits = native.themes_match(len(self), self._h, text)
        names = self.names
        return [names[i] for i in range(len(names)) if hits[i]]

    def __repr__(self):
        return f"Themes({', '.join(self.names)})"


def _missing(v):
    if v is None:
        return True
    if isinstance(v, float):
        return math.isnan(v)
    if isinstance(v, np.floating):
        return bool(np.isnan(v))
    pd = _table.pandas()
    return pd is not None and v is pd.NA


def _comments(values):
    if isinstance(values, (str, bytes)):
        raise TypeError("comments must be a sequence of comments, not a single string")
    out = []
    append = out.append
    for v in values:
        if type(v) is str:  # the common case first: a million comments go through here
            append(v)
        elif _missing(v):
            append(None)
        elif isinstance(v, (str, bytes)):
            append(v)
        else:
            raise TypeError(f"comments[{len(out)}] must be a str or None, not {type(v).__name__}")
    return out


def _scores(values):
    try:
        return _c.f64(np.asarray(values, dtype=float))  # None and NaN become NaN: no score
    except (TypeError, ValueError):
        return _c.f64([math.nan if _missing(v) else v for v in values])


class ThemeRows(list):
    """The summary without pandas: a list of dicts (one per theme, the
    columns as keys), with the table's attributes in `attrs`."""

    def __init__(self, rows: Any, attrs: Any) -> None:
        super().__init__(rows)
        self.attrs = attrs


def _rows(t):
    names = list(t.keys())
    n = len(t[names[0]]) if names else 0
    rows = [{k: (t[k][i] if isinstance(t[k][i], str) else float(t[k][i])) for k in names} for i in range(n)]
    return ThemeRows(rows, dict(t.attrs))


def theme_summary(comments: Any, scores: Any = None, themes: Any = None, metric: str = "nps",
                  scale: Any = None, threshold: Any = None, adjust: str = "holm", conf: float = 0.95,
                  as_frame: Optional[bool] = None) -> Any:
    """Per theme: comments (non-empty), mentions, share (%), and with scores
    the score of those who mention it against the other commenters' (NPS
    points or % satisfied), diff, its interval (lower, upper), p_value (NPS:
    spec §1.6 adjusted Wald; CSAT: the pooled two-proportion z test) and
    p_adjusted (Holm by default; "bh", "none").

    comments: a sequence of str (None / NaN: missing, counted in
    attrs["missing"]); scores: one per comment (NaN: no score) or None;
    themes: a Themes (default: Themes.default()), a path or JSON text;
    scale: (lo, hi), default 0..10 for NPS and 1..5 for CSAT; threshold: CSAT
    satisfied means >= threshold (default: top-2-box).

    Returns a DataFrame indexed by theme (pandas importable and as_frame not
    False), else a list of dicts (ThemeRows); the counts (rows, missing,
    empty, comments, scored, unscored) and the options are in `attrs`.
    Raises ParseError (invalid UTF-8 in comments[i]: the index and byte),
    OutOfRange / NonInteger (a score off the scale: its index and value),
    InvalidArgument (lengths, scale, metric other than nps or csat)."""
    if themes is None:
        themes = Themes.default()
    elif not isinstance(themes, Themes):
        themes = Themes.from_json(themes)
    texts = _comments(comments)
    m = _c.option(metric, native.NAMES_SURVEY_METRIC)
    sc = np.empty(0) if scores is None else _scores(scores)
    if scale is None:
        lo, hi = (0, 10) if m == native.SURVEY_NPS else (native.CSAT_SCALE_LO_DEFAULT, native.CSAT_SCALE_HI_DEFAULT)
    else:
        lo, hi = (int(x) for x in scale)
    thr = native.CSAT_DEFAULT_THRESHOLD if threshold is None else int(threshold)
    adj = _c.option(adjust, native.NAMES_P_ADJUST)
    h = native.themes_summary(themes._h, texts, sc, m, lo, hi, thr, adj, float(conf))
    pd = _table.use_pandas(as_frame)
    t = _table.frame(h, as_frame=as_frame)
    if pd is not None:
        return t
    return _rows(t)
