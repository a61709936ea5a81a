"""The survey report: NPS, CSAT and CES with intervals from the columns of a
CSV file, streamed through the C accumulators (report.h).

The options go to the C options object through its setters; an option left
out keeps the C library's default, so the defaults below are the library's
(cxm_survey_opts_new): columns "nps", "csat" and "ces", each optional; NPS
on 0..10, CSAT on 1..5 with top-2-box satisfied, CES on 1..5; empty answers
skipped and counted; no code means "no answer"; 95 % intervals; fields
separated by ",".

A metric may score several columns ("items": csat_column=["q1", "q2"]), each
on its own; answers written as a no-answer code (na_values=[0, 99]: 0 = not
applicable) are skipped and counted apart from the empty fields (spec §0.13).

By group and period (spec §18): by=["channel"], time="timestamp",
every="month" make the report a table of cells (one row per group x period
x metric) with changes, tests and adjusted p-values; .cells, .vs_rest,
.drivers and .themes are tidy DataFrames (lists of dicts without pandas).
The source may also be a pandas DataFrame or a dict of arrays (survey.py
says how its columns become a C table).
"""

from typing import Any, Optional

import math
import re

import os

import numpy as np

from . import _convert as _c
from . import native
from . import _table
from . import survey as _s
from ._results import CesResult, CsatResult, NpsInterval, NpsResult

__all__ = ["survey_report", "SurveyReport"]


class _Default:
    """A column left to the C library's default (optional: skipped and noted
    when the file lacks it); shows as such in help()."""

    def __repr__(self):
        return "<default>"


_DEFAULT = _Default()
_TEXT = _c.word(native.NAMES_FORMAT, native.FORMAT_TEXT)


def _nan_rows(rows, schema):
    """Records read back as survey.tidy gives them without pandas: None in a
    float column is NaN again."""
    floats = {k for k, t in (schema.get("dtypes") or {}).items() if str(t).startswith("float")} \
        if isinstance(schema, dict) else set()
    return [{k: (math.nan if v is None and k in floats else v) for k, v in row.items()} for row in rows]


# the output tables, in the order of to_dict
_REPORT_TABLES = ("cells", "vs_rest", "drivers", "themes")


def _metric(word):
    return _c.option(word, native.NAMES_SURVEY_METRIC)


def _metrics():
    """(word, value) of every metric of the report, as the C library lists them."""
    return [(w, _metric(w)) for w in _c.words(native.NAMES_SURVEY_METRIC)]


class SurveyReport(_table.TablesBacked):
    """A computed survey report (read-only; may be shared between threads).

    Attributes rows, path; nps, nps_wald, nps_adjusted_wald, csat, ces are
    result objects, or None for a metric not computed; columns, missing and
    no_answer map each metric ("nps", "csat", "ces") to the column used, the
    empty answers and the no-answer codes skipped. For a metric with several
    columns these are its first column's; results(metric),
    missing_by_column(metric) and no_answer_by_column(metric) give every
    column's, keyed by column. render("text" | "json") gives the report as
    the `cxm` tool prints it.
    """

    def __init__(self, handle: Any, keep: Any = ()) -> None:
        self._h = handle
        self._keep = keep  # the theme table and source table the C report was computed from
        # read from JSON (from_dict): no C report; every data accessor reads
        # this snapshot (to_dict's "report"), the tables those of _tables
        self._d: Any = None
        self._tables: Any = None

    @property
    def rows(self) -> Any:
        """Data rows read (every record after the header)."""
        if self._h is None:
            return self._d["rows"]
        return native.survey_report_rows(self._h)

    @property
    def path(self) -> Any:
        """The path the report was computed from."""
        if self._h is None:
            return self._d["path"]
        return native.survey_report_path(self._h)

    def has(self, metric: Any) -> Any:
        """Whether a metric ("nps", "csat" or "ces") was computed."""
        if self._h is None:
            return self._m(metric)["has"]
        return bool(native.survey_report_has(self._h, _metric(metric)))

    def _m(self, metric):
        """The snapshot of a metric (a report read from JSON)."""
        return self._d["metrics"][_c.word(native.NAMES_SURVEY_METRIC, _metric(metric))]

    @property
    def columns(self) -> Any:
        """{metric: the column configured for it, or None}."""
        if self._h is None:
            return {w: self._m(w)["column"] for w, m in _metrics()}
        return {w: native.survey_report_column(self._h, m) for w, m in _metrics()}

    @property
    def missing(self) -> Any:
        """{metric: empty answers skipped in its column}."""
        if self._h is None:
            return {w: self._m(w)["missing"] for w, m in _metrics()}
        return {w: native.survey_report_missing(self._h, m) for w, m in _metrics()}

    @property
    def no_answer(self) -> Any:
        """{metric: answers of its (first) column that were a no-answer code}."""
        if self._h is None:
            return {w: self._m(w)["no_answer"] for w, m in _metrics()}
        return {w: native.survey_report_no_answer_at(self._h, m, 0) for w, m in _metrics()}

    def columns_of(self, metric: Any) -> Any:
        """The columns a metric scored, in order ([] when not computed)."""
        m = _metric(metric)
        if self._h is None:
            return list(self._m(m)["columns"])
        return [native.survey_report_column_at(self._h, m, i)
                for i in range(native.survey_report_columns(self._h, m))]

    def results(self, metric: Any) -> Any:
        """{column: its result (NpsResult, CsatResult or CesResult)} for every
        column of a metric, in order ({} when not computed)."""
        m = _metric(metric)
        get, cls = {native.SURVEY_NPS: (native.survey_report_nps_at, NpsResult),
                    native.SURVEY_CSAT: (native.survey_report_csat_at, CsatResult),
                    native.SURVEY_CES: (native.survey_report_ces_at, CesResult)}[m]
        if self._h is None:
            return {c: cls.from_dict(r) for c, r in zip(self._m(m)["columns"], self._m(m)["results"])}
        return {c: cls._from_native(get(self._h, i)) for i, c in enumerate(self.columns_of(m))}

    def nps_intervals(self, method: str = "adjusted_wald") -> Any:
        """{column: NpsInterval} for every NPS column ("wald" or "adjusted_wald")."""
        method = _c.option(method, native.NAMES_NPS_METHOD)
        if self._h is None:
            m = self._m(native.SURVEY_NPS)
            return {c: NpsInterval.from_dict(r) for c, r in
                    zip(m["columns"], m["intervals"][_c.word(native.NAMES_NPS_METHOD, method)])}
        return {c: NpsInterval._from_native(native.survey_report_nps_interval_at(self._h, i, method))
                for i, c in enumerate(self.columns_of(native.SURVEY_NPS))}

    def missing_by_column(self, metric: Any) -> Any:
        """{column: empty answers skipped} for every column of a metric."""
        m = _metric(metric)
        if self._h is None:
            return dict(zip(self._m(m)["columns"], self._m(m)["missing_by_column"]))
        return {c: native.survey_report_missing_at(self._h, m, i)
                for i, c in enumerate(self.columns_of(m))}

    def no_answer_by_column(self, metric: Any) -> Any:
        """{column: no-answer codes skipped} for every column of a metric."""
        m = _metric(metric)
        if self._h is None:
            return dict(zip(self._m(m)["columns"], self._m(m)["no_answer_by_column"]))
        return {c: native.survey_report_no_answer_at(self._h, m, i)
                for i, c in enumerate(self.columns_of(m))}

    @property
    def nps(self) -> Any:
        """NpsResult, or None."""
        if not self.has(native.SURVEY_NPS):
            return None
        if self._h is None:
            return NpsResult.from_dict(self._m("nps")["result"])
        return NpsResult._from_native(native.survey_report_nps(self._h))

    def _interval(self, method):
        if not self.has(native.SURVEY_NPS):
            return None
        if self._h is None:
            return NpsInterval.from_dict(self._m("nps")["interval"][_c.word(native.NAMES_NPS_METHOD, method)])
        return NpsInterval._from_native(native.survey_report_nps_interval(self._h, method))

    @property
    def nps_wald(self) -> Any:
        """The Wald NPS interval at the report's confidence (NpsInterval), or None."""
        return self._interval(native.NPS_WALD)

    @property
    def nps_adjusted_wald(self) -> Any:
        """The adjusted-Wald NPS interval (NpsInterval), or None."""
        return self._interval(native.NPS_ADJUSTED_WALD)

    @property
    def csat(self) -> Any:
        """CsatResult, or None."""
        if not self.has(native.SURVEY_CSAT):
            return None
        if self._h is None:
            return CsatResult.from_dict(self._m("csat")["result"])
        return CsatResult._from_native(native.survey_report_csat(self._h))

    @property
    def ces(self) -> Any:
        """CesResult, or None."""
        if not self.has(native.SURVEY_CES):
            return None
        if self._h is None:
            return CesResult.from_dict(self._m("ces")["result"])
        return CesResult._from_native(native.survey_report_ces(self._h))

    def render(self, format: str = _TEXT) -> Any:
        """The report as text ("text", a readable table) or JSON ("json"); a
        report by group or period also as "csv" (the cells) or "html" (one
        self-contained page). Raises InvalidArgument (another format; a
        report read from JSON: the C library renders its own report)."""
        if self._h is None:
            raise _c.bad_arg("SurveyReport.render: this report was read from JSON; rendering needs "
                             "the report cxmetrics.survey_report() computed")
        return native.survey_report_render(self._h, _c.option(format, native.NAMES_FORMAT))

    # ---- by group and period (spec §18) ----------------------------------------

    def _table(self, name):
        if self._h is None:
            return self._tables[name[len("survey_report_"):]]
        get = getattr(native, name, None)
        if get is None:  # a library built without that part: nothing of it was computed
            return _s.tidy(native.table_new())
        return _s.tidy(get(self._h))

    @property
    def cells(self) -> Any:
        """One row per group x period x metric: the group columns, period,
        metric, n, score, lower, upper, change, p_value, p_adjusted,
        suppressed, missing, promoters, passives, detractors, wald_lower,
        wald_upper (spec §18 "CELLS"); attrs: rows, skipped counts, min_n,
        conf, adjust, file. Empty for a plain report."""
        return self._table("survey_report_cells")

    @property
    def vs_rest(self) -> Any:
        """Each group's cell against the rest of its period (needs `by`)."""
        return self._table("survey_report_vs_rest")

    @property
    def drivers(self) -> Any:
        """The key drivers table (needs `drivers`): relative weights and
        Shapley values with intervals; attrs r2, n, outcome."""
        return self._table("survey_report_drivers")

    @property
    def themes(self) -> Any:
        """Mentions of each theme per cell and the score of those who mention
        it against the others (needs `comment_column`)."""
        return self._table("survey_report_themes")

    @property
    def skipped(self) -> Any:
        """{reason: rows skipped under skip_bad_rows}, every reason of the
        library (ragged, invalid_utf8, not_a_number, off_scale, bad_timestamp)."""
        if self._h is None:
            return dict(self._d["skipped"])
        return {w: native.survey_report_skipped(self._h, _c.option(w, native.NAMES_SURVEY_SKIP))
                for w in _c.words(native.NAMES_SURVEY_SKIP)}

    def to_dict(self) -> Any:
        """rows, skipped, and every output table as a list of records (NaN ->
        None); "tables": each table's schema (dtypes, attrs), and "report":
        the rest of what the accessors answer (path, per metric: computed or
        not, its columns with their results, missing and no-answer counts,
        the NPS intervals), so that from_dict() loses nothing."""
        out = {"rows": self.rows, "skipped": self.skipped}
        for name in _REPORT_TABLES:
            out[name] = _s.records(getattr(self, name))
        out["tables"] = {name: _table.schema(getattr(self, name)) for name in _REPORT_TABLES}
        out["report"] = {"path": self.path, "metrics": {w: self._metric_dict(w) for w, m in _metrics()}}
        return out

    def _metric_dict(self, w):
        nps = w == _c.word(native.NAMES_SURVEY_METRIC, native.SURVEY_NPS)
        methods = _c.words(native.NAMES_NPS_METHOD)
        has = self.has(w)
        out = {"has": has, "column": self.columns[w], "missing": self.missing[w],
               "no_answer": self.no_answer[w], "columns": self.columns_of(w),
               "results": [r.to_dict() for r in self.results(w).values()] if has else [],
               "missing_by_column": list(self.missing_by_column(w).values()),
               "no_answer_by_column": list(self.no_answer_by_column(w).values()),
               "result": getattr(self, w).to_dict() if has else None}
        if nps:
            out["intervals"] = {x: [i.to_dict() for i in self.nps_intervals(x).values()] if has else []
                                for x in methods}
            out["interval"] = {x: self._interval(_c.option(x, native.NAMES_NPS_METHOD)).to_dict()
                               if has else None for x in methods}
        return out

    @classmethod
    def from_dict(cls, d: Any, as_frame: Optional[bool] = None) -> "SurveyReport":
        """The report of a to_dict(): every data accessor (rows, path, the
        results and intervals, counts, the tables, skipped) answers as the
        report did; render() (and str(), _repr_html_) raise InvalidArgument:
        the C library renders its own report. Raises InvalidArgument naming
        the key and value of a dict that is not one."""
        if not isinstance(d, dict):
            raise _c.bad_arg(f"SurveyReport.from_dict needs a dict, not {type(d).__name__}")
        keys = ("rows", "skipped") + _REPORT_TABLES + ("tables", "report")
        missing = [k for k in keys if k not in d]
        unknown = sorted(str(k) for k in d if k not in keys)
        if missing or unknown:
            raise _c.bad_arg(f"SurveyReport.from_dict: missing keys {missing}, unknown keys {unknown}")
        def count(key, v):
            # a count the C report held as size_t: a non-negative int
            if not isinstance(v, int) or isinstance(v, bool) or v < 0:
                raise _c.bad_arg(f"SurveyReport.from_dict: key '{key}' holds {v!r:.80}, not a count")

        count("rows", d["rows"])
        skip = d["skipped"]
        if not isinstance(skip, dict) or sorted(skip) != sorted(_c.words(native.NAMES_SURVEY_SKIP)):
            raise _c.bad_arg(f"SurveyReport.from_dict: key 'skipped' holds {skip!r:.80}, not "
                             f"{{reason: count}} of {_c.words(native.NAMES_SURVEY_SKIP)}")
        for k, v in skip.items():
            count(f"skipped.{k}", v)
        rep = d["report"]
        metrics = rep.get("metrics") if isinstance(rep, dict) else None
        words = [w for w, m in _metrics()]
        if not isinstance(metrics, dict) or sorted(metrics) != sorted(words) or set(rep) != {"path", "metrics"}:
            raise _c.bad_arg(f"SurveyReport.from_dict: key 'report' holds {rep!r:.100}, not "
                             f"{{\"path\", \"metrics\": {{{', '.join(words)}}}}}")
        tables = d["tables"]
        if not isinstance(tables, dict) or set(tables) != set(_REPORT_TABLES):
            raise _c.bad_arg(f"SurveyReport.from_dict: key 'tables' holds {tables!r:.80}, "
                             f"not a schema of each of {list(_REPORT_TABLES)}")
        r = cls(None)
        r._d = {"rows": d["rows"], "skipped": d["skipped"], "path": rep["path"], "metrics": metrics}
        pd = _table.pandas() if as_frame is None or as_frame else None
        # without pandas the report's tables are lists of dicts (survey.tidy),
        # NaN where a number is not defined: the schema says which are numbers
        r._tables = {n: _table.from_records(d[n], tables[n], f"SurveyReport.from_dict: '{n}'", True)
                     if pd is not None else _nan_rows(d[n], tables[n]) for n in _REPORT_TABLES}
        try:
            again = r.to_dict()  # reads every accessor: a malformed snapshot fails here
        except (KeyError, TypeError, ValueError, AttributeError, IndexError) as e:
            raise _c.bad_arg(f"SurveyReport.from_dict: key 'report' is not a report's: "
                             f"{type(e).__name__} {e}") from None
        for k in keys:
            if again[k] != d[k]:
                raise _c.bad_arg(f"SurveyReport.from_dict: key '{k}' holds {d[k]!r:.80}, "
                                 f"read back as {again[k]!r:.80}")
        return r

    def _repr_html_(self):
        """The library's self-contained HTML report (format "html"), for notebooks."""
        return self.render("html")

    def plot_trend(self, metric: Any = "nps", ax: Any = None, **kwargs: Any) -> Any:
        """The score of each group over the periods, with interval bands
        (cxmetrics.survey_plot.plot_trend)."""
        from . import survey_plot
        return survey_plot.plot_trend(self.cells, metric=metric, ax=ax, **kwargs)

    def plot_breakdown(self, ax: Any = None, **kwargs: Any) -> Any:
        """Promoters, passives and detractors per group, stacked
        (cxmetrics.survey_plot.plot_breakdown)."""
        from . import survey_plot
        return survey_plot.plot_breakdown(self.cells, ax=ax, **kwargs)

    def __str__(self):
        if self._h is None:  # read from JSON: no C report to render; print() must not raise
            return repr(self)
        return self.render(native.FORMAT_TEXT)

    def __repr__(self):
        done = [w for w, m in _metrics() if self.has(w)]
        return f"SurveyReport(path={self.path!r}, rows={self.rows}, metrics={done})"


def _scale(scale, what, metric=None):
    """(lo, hi), "LO-HI" (CSAT, CES), or a word of the NPS scales ("0-10",
    "1-10": cxm_nps_scale_range)."""
    if isinstance(scale, str) and metric not in (None, native.SURVEY_NPS):
        m = re.fullmatch(r"(-?[0-9]+)-(-?[0-9]+)", scale)
        if not m:
            raise _c.bad_arg(f"{what} must be (lo, hi) or 'LO-HI' with whole numbers, e.g. '1-7'; "
                             f"got {scale!r}")
        return int(m.group(1)), int(m.group(2))
    if isinstance(scale, str):
        return native.nps_scale_range(_c.option(scale, native.NAMES_NPS_SCALE))
    try:
        lo, hi = scale
    except (TypeError, ValueError):
        raise _c.bad_arg(f"{what} must be (lo, hi), got {scale!r}") from None
    return _c.integer(lo, what), _c.integer(hi, what)


def _set_columns(o, metric, column):
    """One column, None (the metric left out) or a list of columns (items)."""
    if column is None or isinstance(column, (str, bytes)):
        native.survey_opts_set_column(o, metric, None if column is None else os.fsdecode(column))
        return
    columns = list(column)
    if not columns:
        raise _c.bad_arg("a list of columns must name at least one column (None leaves the metric out)")
    native.survey_opts_set_column(o, metric, os.fsdecode(columns[0]))
    for c in columns[1:]:
        native.survey_opts_add_column(o, metric, os.fsdecode(c))


def _set_codes(o, metric, codes):
    """No-answer codes: a number or a sequence of numbers."""
    if np.ndim(codes) == 0:
        codes = [codes]
    native.survey_opts_set_na_values(o, metric, _c.f64(codes))


def _set_grouped(o, by, time, every, utc_offset, min_n, adjust, times, drivers, drivers_outcome,
                 themes, comment_column, ces_agree, skip_bad_rows, threads):
    """The options of the report by group and period (each checked by its C setter)."""
    if by is not None:
        for column in [by] if isinstance(by, (str, bytes)) else list(by):
            native.survey_opts_add_group(o, os.fsdecode(column))
    if time is not None:
        if every is None:
            raise _c.bad_arg("time needs every= (the length of a period: "
                             + ", ".join(_c.words(native.NAMES_PERIOD)) + ")")
        native.survey_opts_set_time(o, os.fsdecode(time), _c.option(every, native.NAMES_PERIOD),
                                    _s.utc_offset_minutes(utc_offset))
    elif every is not None:
        raise _c.bad_arg("every= needs time= (the column of the timestamps)")
    if min_n is not None:
        native.survey_opts_set_min_n(o, _c.integer(min_n, "min_n"))
    if adjust is not None:
        native.survey_opts_set_adjust(o, _c.option(adjust, native.NAMES_P_ADJUST))
    if times is not None:
        cols = [os.fsdecode(c) for c in ([times] if isinstance(times, str) else list(times))]
        if len(cols) not in (2, 3):
            raise _c.bad_arg(f"times must name 2 or 3 columns (created, first_reply[, resolved]), got {times!r}")
        native.survey_opts_set_times(o, cols[0], cols[1], cols[2] if len(cols) == 3 else None)
    if drivers is not None:
        cols = [os.fsdecode(c) for c in ([drivers] if isinstance(drivers, str) else list(drivers))]
        native.survey_opts_set_drivers(o, None if drivers_outcome is None else os.fsdecode(drivers_outcome),
                                       cols)
    handle = None
    if comment_column is not None:
        handle = _s.themes_handle(themes)
        native.survey_opts_set_themes(o, handle, os.fsdecode(comment_column))
    elif themes is not None:
        raise _c.bad_arg("themes needs comment_column= (the column of the comments)")
    if ces_agree is not None:  # after the scale: the threshold must lie on it
        native.survey_opts_set_threshold(o, native.SURVEY_CES, _c.integer(ces_agree, "ces_agree"))
    if skip_bad_rows:
        native.survey_opts_set_skip_bad_rows(o, 1)
    if threads is not None:
        native.survey_opts_set_threads(o, _c.integer(threads, "threads"))
    return handle


def survey_report(source: Any, by: Any = None, time: Any = None, every: Any = None,
                  utc_offset: Any = "+00:00", min_n: Any = None, adjust: Any = None, drivers: Any = None,
                  themes: Any = None, comment_column: Any = None, times: Any = None, ces_scale: Any = None,
                  ces_agree: Any = None, skip_bad_rows: bool = False, threads: Any = None,
                  drivers_outcome: Any = None, nps_column: Any = _DEFAULT, csat_column: Any = _DEFAULT,
                  ces_column: Any = _DEFAULT, nps_scale: Any = None, csat_scale: Any = None,
                  csat_threshold: Optional[int] = None, nan_policy: Optional[str] = None,
                  conf: Optional[float] = None, delimiter: Any = None, na_values: Any = None,
                  nps_na_values: Any = None, csat_na_values: Any = None,
                  ces_na_values: Any = None) -> "SurveyReport":
    """Score the NPS, CSAT and CES answers of a survey, overall or by group
    and period.

    source: a path to a CSV file ("-": standard input; gzip is read too), a
    pandas DataFrame or a dict of arrays (converted column by column to a C
    table: see cxmetrics.survey; datetime64 columns as Unix seconds UTC).

    By group and period (spec §18; any of these makes .cells a table):
    by: a column or a list of columns, a cell per combination of values
    (each period also has a total row whose group columns read "(all)").
    time, every: the timestamp column and the period, "day", "week" (ISO,
    Monday), "month", "quarter" or "year"; utc_offset: the zone the periods
    are cut in ("+02:00", minutes, a timedelta). min_n: a cell of fewer
    answers is suppressed (None: the library's 10). adjust: "holm", "bh" or
    "none" (None: the library's holm). times: (created, first_reply[,
    resolved]) columns of support times. drivers: columns whose weight in
    the NPS (else CSAT; drivers_outcome names another column) is measured.
    comment_column: the comments, tagged with themes (None: the library's
    default English table; a path to a JSON file; or a dict {theme: [word,
    "a phrase"]}). ces_scale: (lo, hi) or "LO-HI"; ces_agree: agree =
    answers >= it (needed on a scale without default). skip_bad_rows: skip
    and count malformed rows, off-scale answers, bad timestamps (.skipped)
    instead of stopping. threads: readers of the file (None/0: one per core).

    The plain options (one metric's columns, scales, no-answer codes):
    *_column: the header name to score, a list of names (several columns of
    the metric, each scored on its own: csat_column=["q1", "q2", "q3"]), or
    None to leave the metric out. Left at the default (the C library's:
    "nps", "csat", "ces"), a column missing from the file is skipped and
    noted; named explicitly, every column must be there.
    *_scale: the answers' scale, (lo, hi): NPS 0..10 or 1..10 (also the
    words "0-10", "1-10"), CSAT and CES any integer scale.
    csat_threshold: answers >= it are satisfied (default top-2-box).
    nan_policy: "omit" (empty answers skipped and counted) or "error".
    conf: the confidence of every interval. delimiter: the field separator.
    na_values: codes that mean "no answer" in every column ([0, 99]); an
    answer equal to one is skipped and counted apart (no_answer); a code
    that is a point of the scale of a metric the file has is refused (0 is
    an NPS answer): give it per metric instead, *_na_values (added to
    na_values for that metric's columns).
    An option left at None keeps the C library's default (see the module).
    Returns SurveyReport. Raises InvalidArgument (unknown column, bad
    option, a no-answer code on a scale), IOFailure, ParseError, EmptyInput, NanInput, OutOfRange,
    NonInteger, OutOfMemory. The GIL is released while the C library reads.
    """
    o = native.survey_opts_new()
    for metric, column in ((native.SURVEY_NPS, nps_column), (native.SURVEY_CSAT, csat_column),
                           (native.SURVEY_CES, ces_column)):
        if column is not _DEFAULT:
            _set_columns(o, metric, column)
    for metric, scale, what in ((native.SURVEY_NPS, nps_scale, "nps_scale"),
                                (native.SURVEY_CSAT, csat_scale, "csat_scale"),
                                (native.SURVEY_CES, ces_scale, "ces_scale")):
        if scale is not None:
            native.survey_opts_set_scale(o, metric, *_scale(scale, what, metric))
    if csat_threshold is not None:  # after the scale: the threshold must lie on it
        native.survey_opts_set_threshold(o, native.SURVEY_CSAT,
                                         _c.integer(csat_threshold, "csat_threshold"))
    if na_values is not None:
        _set_codes(o, native.SURVEY_ALL, na_values)
    for metric, codes in ((native.SURVEY_NPS, nps_na_values), (native.SURVEY_CSAT, csat_na_values),
                          (native.SURVEY_CES, ces_na_values)):
        if codes is not None:  # after the scales: a metric's codes lie off its scale
            _set_codes(o, metric, codes)
    if nan_policy is not None:
        native.survey_opts_set_nan_policy(o, _c.nan_policy(nan_policy))
    if conf is not None:
        native.survey_opts_set_conf(o, _c.conf(conf))
    if delimiter is not None:
        native.survey_opts_set_delimiter(o, delimiter)
    theme_table = _set_grouped(o, by, time, every, utc_offset, min_n, adjust, times, drivers,
                               drivers_outcome, themes, comment_column, ces_agree, skip_bad_rows, threads)
    if isinstance(source, (str, bytes, os.PathLike)):
        return SurveyReport(native.survey_report_from_csv(os.fsdecode(os.fspath(source)), o), (theme_table,))
    if not _table.is_table(source):
        raise _c.bad_arg(f"source must be a path, a DataFrame or a dict of arrays, got {type(source).__name__}")
    t = _s.native_table(source)
    return SurveyReport(native.survey_report_from_table(t, o), (theme_table, t))
