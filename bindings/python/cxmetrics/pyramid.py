"""The CX Index and the CX pyramid (spec §25): cxi() on three arrays of
answers, pyramid() by group and period through the survey report's engine.

CXi is Forrester's index as R marketr's cxi_calc computes it: per question
(meets needs, easy, enjoyable) % answers >= high minus % answers <= low, of
that question's answers; cxi = the mean of the three. The pyramid: level1 %
of complete respondents with needs >= high, level2 also ease >= high,
level3 also emotion >= high. marketr counts a missing answer as "MID"; here
nan_policy="error" refuses it (naming the row) and "omit" leaves it out of
its question and the respondent out of the levels. Every number is the C
library's (cxm_cxi, cxm_survey_report_pyramid).
"""

from typing import TYPE_CHECKING, Any, Optional

from numpy.typing import ArrayLike

import os

from . import _convert as _c
from . import _table
from . import native
from . import survey as _s
from ._results import _Generated, _make

__all__ = ["cxi", "pyramid", "CxiResult"]  # the chart: journey_plot.plot_pyramid

if TYPE_CHECKING:  # what mypy sees: the fields are the C struct's, read at import
    class CxiResult(_Generated):
        ...


CxiResult = _make(  # type: ignore  # mypy: the class of the TYPE_CHECKING block
    "CxiResult", native.cxi_result, """CX Index, question scores and pyramid levels (spec §25).

n: respondents; n_complete: with all three answered; n_needs, n_ease,
n_emotion: answers per question. cxi (points, -100..100) with cxi_lower /
cxi_upper (t interval of the per-respondent score); needs, ease, emotion:
% HIGH - % LOW with adjusted-Wald bounds (*_lower, *_upper); level1..3: %
of complete respondents reaching each level, Wilson bounds. NaN where a
number cannot be computed (one complete respondent: no interval).""")


# to_json, to_dict, from_json, from_dict: the result classes' own (NaN as null)


def _cuts(scale, high, low):
    if isinstance(scale, str):
        parts = scale.split("-")
        if len(parts) != 2:
            raise _c.bad_arg(f"scale must be (lo, hi) or 'LO-HI', got {scale!r}")
        scale = parts
    try:
        lo, hi = scale
    except (TypeError, ValueError):
        raise _c.bad_arg(f"scale must be (lo, hi) or 'LO-HI', got {scale!r}") from None
    lo, hi = _c.integer(int(lo) if isinstance(lo, str) else lo, "scale lo"), \
        _c.integer(int(hi) if isinstance(hi, str) else hi, "scale hi")
    high = native.CXI_DEFAULT_HIGH if high is None else _c.integer(high, "high")
    low = native.CXI_DEFAULT_LOW if low is None else _c.integer(low, "low")
    return lo, hi, high, low


def cxi(needs: ArrayLike, ease: ArrayLike, emotion: ArrayLike, scale: Any = (1, 5), high: Any = None,
        low: Any = None, nan_policy: str = "error", conf: float = 0.95) -> "CxiResult":
    """CX Index of respondents' three answers (spec §25, cxm_cxi).

    needs, ease, emotion: one answer per respondent each (sequences or
    arrays of the same length; NaN = missing). scale: (lo, hi) or "1-5".
    high, low: an answer >= high is HIGH, <= low is LOW (None: marketr's 4
    and 2). nan_policy: "error" or "omit". conf: of every interval.
    Returns CxiResult. Raises InvalidArgument (lengths differ, scale, cut
    points, policy, conf), NanInput (a missing answer under "error": the
    question and row named), OutOfRange, NonInteger, EmptyInput.
    """
    lo, hi, high, low = _cuts(scale, high, low)
    return CxiResult._from_native(native.cxi(_c.f64(needs), _c.f64(ease), _c.f64(emotion), lo, hi, high, low,
                                             _c.nan_policy(nan_policy), _c.conf(conf)))


def pyramid(source: Any, needs: Any = "needs", ease: Any = "ease", emotion: Any = "emotion",
            by: Any = None, time: Any = None, every: Any = None, utc_offset: Any = "+00:00",
            scale: Any = (1, 5), high: Any = None, low: Any = None, min_n: Any = None,
            nan_policy: Optional[str] = None, conf: Optional[float] = None, skip_bad_rows: bool = False,
            threads: Any = None, delimiter: Any = None, as_frame: Optional[bool] = None) -> Any:
    """The CX pyramid and CX Index by group and period (spec §25), read by
    the survey report's engine (its CSV reader, cells, periods and privacy
    rules): the PYRAMID table.

    source: a CSV path ("-", gzip too), a DataFrame or a dict of arrays.
    needs, ease, emotion: the question columns. by: a column or columns
    (each period also gets an "(all)" total row); time + every ("day",
    "week", "month", "quarter", "year"): periods. min_n: cells of fewer
    complete respondents are suppressed, and the complementary rule applies
    (None: the library's 10; only in a grouped or trended table). nan_policy:
    "error" or "omit" (None: the report's default). Other options as
    cxmetrics.survey_report.
    Returns a DataFrame (a list of dicts without pandas) with the columns
    of each group, period, n, cxi, cxi_lower, cxi_upper, needs, ease,
    emotion, level1, level2, level3, suppressed, then the question and level
    bounds, respondents, n_needs, n_ease, n_emotion; attrs kind="pyramid",
    high, low, lo, hi, min_n, conf, ... Raises the report's errors (the file,
    line, column and value of a bad answer).
    """
    from .report import _set_grouped  # the report's own option handling, not a copy
    lo, hi, high, low = _cuts(scale, high, low)
    o = native.survey_opts_new()
    for metric in (native.SURVEY_NPS, native.SURVEY_CSAT, native.SURVEY_CES):
        native.survey_opts_set_column(o, metric, None)  # the pyramid alone
    native.survey_opts_set_pyramid(o, os.fsdecode(needs), os.fsdecode(ease), os.fsdecode(emotion),
                                   lo, hi, high, low)
    if nan_policy is not None:
        native.survey_opts_set_nan_policy(o, _c.nan_policy(nan_policy))
    if conf is not None:
        native.survey_opts_set_conf(o, _c.conf(conf))
    if delimiter is not None:
        native.survey_opts_set_delimiter(o, delimiter)
    _set_grouped(o, by, time, every, utc_offset, min_n, None, None, None, None, None, None, None,
                 skip_bad_rows, threads)
    if isinstance(source, (str, bytes, os.PathLike)):
        report = native.survey_report_from_csv(os.fsdecode(os.fspath(source)), o)
    elif _table.is_table(source):
        report = native.survey_report_from_table(_s.native_table(source), o)
    else:
        raise _c.bad_arg(f"source must be a path, a DataFrame or a dict of arrays, got {type(source).__name__}")
    return _s.tidy(native.survey_report_pyramid(report), as_frame)

