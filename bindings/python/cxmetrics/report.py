"""The survey report: NPS, CSAT and CES with intervals from the columns of a
CSV file, streamed through the C accumulators (report.h)."""

import os

from . import _convert as _c
from . import native
from ._results import CsatResult, NpsInterval, NpsResult, SurveyCes

__all__ = ["survey_report", "SurveyReport"]

_METRICS = {"nps": native.SURVEY_NPS, "csat": native.SURVEY_CSAT, "ces": native.SURVEY_CES}
_BITS = {"nps": 1 << native.SURVEY_NPS, "csat": 1 << native.SURVEY_CSAT,
         "ces": 1 << native.SURVEY_CES}
_DEFAULT = object()


class SurveyReport:
    """A computed survey report (read-only; may be shared between threads).

    Attributes rows, path; nps, nps_wald, nps_adjusted_wald, csat, ces are
    result objects, or None for a metric not computed; columns and missing
    map "nps"/"csat"/"ces" to the column used and the empty answers skipped.
    render("text" | "json") gives the report as the `cxm` tool prints it.
    """

    def __init__(self, handle):
        self._h = handle

    @property
    def rows(self):
        """Data rows read (every record after the header)."""
        return self._h.rows()

    @property
    def path(self):
        return self._h.path()

    def has(self, metric):
        """Whether "nps", "csat" or "ces" was computed."""
        return bool(self._h.has(_c.option(metric, _METRICS, "metric")))

    @property
    def columns(self):
        return {k: self._h.column(v) for k, v in _METRICS.items()}

    @property
    def missing(self):
        return {k: self._h.missing(v) for k, v in _METRICS.items()}

    @property
    def nps(self):
        return NpsResult._from_native(self._h.nps()) if self.has("nps") else None

    @property
    def nps_wald(self):
        if not self.has("nps"):
            return None
        return NpsInterval._from_native(self._h.nps_interval(native.NPS_WALD))

    @property
    def nps_adjusted_wald(self):
        if not self.has("nps"):
            return None
        return NpsInterval._from_native(self._h.nps_interval(native.NPS_ADJUSTED_WALD))

    @property
    def csat(self):
        return CsatResult._from_native(self._h.csat()) if self.has("csat") else None

    @property
    def ces(self):
        return SurveyCes._from_native(self._h.ces()) if self.has("ces") else None

    def render(self, format="text"):
        """The report as text ("text", a readable table) or JSON ("json").
        Raises InvalidArgument (unknown format)."""
        return self._h.render(format)

    def __str__(self):
        return self.render("text")

    def __repr__(self):
        done = [k for k in _METRICS if self.has(k)]
        return f"SurveyReport(path={self.path!r}, rows={self.rows}, metrics={done})"


def survey_report(path, nps_column=_DEFAULT, csat_column=_DEFAULT, ces_column=_DEFAULT,
                  nps_scale="0-10", csat_scale=(1, 5), csat_threshold=None, ces_points=5,
                  nan_policy="omit", conf=0.95, delimiter=","):
    """Score the NPS, CSAT and CES columns of a CSV file.

    *_column: the header name to score, or None to skip the metric. Left at
    the default ("nps", "csat", "ces"), a column missing from the file is
    skipped and noted; named explicitly, it must be there.
    nps_scale "0-10" | "1-10"; csat_scale (lo, hi); csat_threshold None =
    top-2-box; ces_points 5 or 7; nan_policy "omit" (default: empty answers
    skipped and counted) or "error"; conf for every interval (default 0.95).
    Returns SurveyReport. Raises InvalidArgument (unknown column, bad
    option), IOFailure, ParseError, EmptyInput, NanInput, OutOfRange,
    NonInteger, OutOfMemory.
    """
    optional = 0
    cols = {}
    for name, given in (("nps", nps_column), ("csat", csat_column), ("ces", ces_column)):
        if given is _DEFAULT:
            cols[name] = name
            optional |= _BITS[name]
        else:
            cols[name] = given
    if not (isinstance(delimiter, str) and len(delimiter) == 1):
        raise _c.bad_arg(f"delimiter must be one character, got {delimiter!r}")
    lo, hi = csat_scale
    thr = native.CSAT_DEFAULT_THRESHOLD if csat_threshold is None else \
        _c.integer(csat_threshold, "csat_threshold")
    h = native.survey_report(os.fsdecode(os.fspath(path)), cols["nps"], cols["csat"],
                             cols["ces"], _c.nps_scale(nps_scale), _c.integer(lo, "csat_scale"),
                             _c.integer(hi, "csat_scale"), thr,
                             _c.integer(ces_points, "ces_points"), _c.nan_policy(nan_policy),
                             _c.conf(conf), delimiter, optional)
    return SurveyReport(h)
