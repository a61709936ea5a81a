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
"""

import os

import numpy as np

from . import _convert as _c
from . import native
from ._results import CesResult, CsatResult, NpsInterval, NpsResult

__all__ = ["survey_report", "SurveyReport"]


class _Default:
    """A column left to the C library's default (optional: skipped and noted
    when the file lacks it); shows as such in help()."""

    def __repr__(self):
        return "<default>"


_DEFAULT = _Default()
_TEXT = _c.word(native.NAMES_FORMAT, native.FORMAT_TEXT)


def _metric(word):
    return _c.option(word, native.NAMES_SURVEY_METRIC)


def _metrics():
    """(word, value) of every metric of the report, as the C library lists them."""
    return [(w, _metric(w)) for w in _c.words(native.NAMES_SURVEY_METRIC)]


class SurveyReport:
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

    def __init__(self, handle):
        self._h = handle

    @property
    def rows(self):
        """Data rows read (every record after the header)."""
        return native.survey_report_rows(self._h)

    @property
    def path(self):
        """The path the report was computed from."""
        return native.survey_report_path(self._h)

    def has(self, metric):
        """Whether a metric ("nps", "csat" or "ces") was computed."""
        return bool(native.survey_report_has(self._h, _metric(metric)))

    @property
    def columns(self):
        """{metric: the column configured for it, or None}."""
        return {w: native.survey_report_column(self._h, m) for w, m in _metrics()}

    @property
    def missing(self):
        """{metric: empty answers skipped in its column}."""
        return {w: native.survey_report_missing(self._h, m) for w, m in _metrics()}

    @property
    def no_answer(self):
        """{metric: answers of its (first) column that were a no-answer code}."""
        return {w: native.survey_report_no_answer_at(self._h, m, 0) for w, m in _metrics()}

    def columns_of(self, metric):
        """The columns a metric scored, in order ([] when not computed)."""
        m = _metric(metric)
        return [native.survey_report_column_at(self._h, m, i)
                for i in range(native.survey_report_columns(self._h, m))]

    def results(self, metric):
        """{column: its result (NpsResult, CsatResult or CesResult)} for every
        column of a metric, in order ({} when not computed)."""
        m = _metric(metric)
        get, cls = {native.SURVEY_NPS: (native.survey_report_nps_at, NpsResult),
                    native.SURVEY_CSAT: (native.survey_report_csat_at, CsatResult),
                    native.SURVEY_CES: (native.survey_report_ces_at, CesResult)}[m]
        return {c: cls._from_native(get(self._h, i)) for i, c in enumerate(self.columns_of(m))}

    def nps_intervals(self, method="adjusted_wald"):
        """{column: NpsInterval} for every NPS column ("wald" or "adjusted_wald")."""
        method = _c.option(method, native.NAMES_NPS_METHOD)
        return {c: NpsInterval._from_native(native.survey_report_nps_interval_at(self._h, i, method))
                for i, c in enumerate(self.columns_of(native.SURVEY_NPS))}

    def missing_by_column(self, metric):
        """{column: empty answers skipped} for every column of a metric."""
        m = _metric(metric)
        return {c: native.survey_report_missing_at(self._h, m, i)
                for i, c in enumerate(self.columns_of(m))}

    def no_answer_by_column(self, metric):
        """{column: no-answer codes skipped} for every column of a metric."""
        m = _metric(metric)
        return {c: native.survey_report_no_answer_at(self._h, m, i)
                for i, c in enumerate(self.columns_of(m))}

    @property
    def nps(self):
        """NpsResult, or None."""
        if not self.has(native.SURVEY_NPS):
            return None
        return NpsResult._from_native(native.survey_report_nps(self._h))

    def _interval(self, method):
        if not self.has(native.SURVEY_NPS):
            return None
        return NpsInterval._from_native(native.survey_report_nps_interval(self._h, method))

    @property
    def nps_wald(self):
        """The Wald NPS interval at the report's confidence (NpsInterval), or None."""
        return self._interval(native.NPS_WALD)

    @property
    def nps_adjusted_wald(self):
        """The adjusted-Wald NPS interval (NpsInterval), or None."""
        return self._interval(native.NPS_ADJUSTED_WALD)

    @property
    def csat(self):
        """CsatResult, or None."""
        if not self.has(native.SURVEY_CSAT):
            return None
        return CsatResult._from_native(native.survey_report_csat(self._h))

    @property
    def ces(self):
        """CesResult, or None."""
        if not self.has(native.SURVEY_CES):
            return None
        return CesResult._from_native(native.survey_report_ces(self._h))

    def render(self, format=_TEXT):
        """The report as text ("text", a readable table) or JSON ("json").
        Raises InvalidArgument (another format)."""
        return native.survey_report_render(self._h, _c.option(format, native.NAMES_FORMAT))

    def __str__(self):
        return self.render(native.FORMAT_TEXT)

    def __repr__(self):
        done = [w for w, m in _metrics() if native.survey_report_has(self._h, m)]
        return f"SurveyReport(path={self.path!r}, rows={self.rows}, metrics={done})"


def _scale(scale, what):
    """(lo, hi), or a word of the NPS scales ("0-10", "1-10": cxm_nps_scale_range)."""
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


def survey_report(path, nps_column=_DEFAULT, csat_column=_DEFAULT, ces_column=_DEFAULT,
                  nps_scale=None, csat_scale=None, csat_threshold=None, ces_scale=None,
                  nan_policy=None, conf=None, delimiter=None, na_values=None,
                  nps_na_values=None, csat_na_values=None, ces_na_values=None):
    """Score the NPS, CSAT and CES columns of a CSV file.

    *_column: the header name to score, a list of names (several columns of
    the metric, each scored on its own: csat_column=["q1", "q2", "q3"]), or
    None to leave the metric out. Left at the default (the C library's:
    "nps", "csat", "ces"), a column missing from the file is skipped and
    noted; named explicitly, every column must be there.
    *_scale: the answers' scale, (lo, hi): NPS 0..10 or 1..10 (also the
    words "0-10", "1-10"), CSAT any integer scale, CES (1, 5) or (1, 7).
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
    NonInteger, OutOfMemory.
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
            native.survey_opts_set_scale(o, metric, *_scale(scale, what))
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
    return SurveyReport(native.survey_report_from_csv(os.fsdecode(os.fspath(path)), o))
