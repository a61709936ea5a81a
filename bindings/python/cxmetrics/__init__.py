"""cxmetrics - customer-experience metrics (NPS, CSAT, CES, rates, CLV, RFM) on libcxmetrics.

A thin, idiomatic layer over the C library: every number is computed in C
(cxmetrics.native is the SWIG module that mirrors the C API, names without
the cxm_ prefix); this package converts arguments, releases the GIL during
each C call, and wraps results in small read-only objects with named fields.

    >>> import cxmetrics
    >>> cxmetrics.nps([0, 7, 7, 9, 9, 9]).nps
    33.333333333333336
    >>> lo, hi = cxmetrics.wilson(81, 263)
    >>> round(lo, 4), round(hi, 4)
    (0.2553, 0.3662)

Conventions: arrays are any sequence or numpy array (float64 contiguous
arrays are used without a copy; uint8 score arrays take the C fast paths);
keyword arguments carry the C library's defaults (conf=0.95, z=None: derived
from conf, nan_policy="error"); words ("omit", "0-10", "week", "first", ...)
are the C library's, looked up in its names tables, which also name the
choices when a word is unknown; percentages are 0..100, NPS is in points.
Tables the library makes (the CLV customer summary, the RFM customers) come
as pandas DataFrames when pandas is importable, else as dicts of numpy
arrays, with the table's attributes in `attrs`.

cxmetrics.clv holds the simple CLV formulas; the probabilistic models (BG/NBD,
MBG/NBD, Pareto/NBD, Gamma-Gamma, BG/BB, sBG), customer summaries from
transaction logs, discounted CLV and holdout evaluation are
cxmetrics.clvmodel, its plots cxmetrics.clvmodel_plot (the model classes and
functions are also exported here). Clustering (k-means, k-prototypes, quality,
the choice of k, stability, profiles) is cxmetrics.cluster, its plots
cxmetrics.cluster_plot (exported here too). Personas (records per segment,
from behaviour, their match, the Persona Perception Scale) are
cxmetrics.persona (cxmetrics.personas(df, ...) -> PersonaSet).

Errors: every failure of the C library raises a subclass of cxmetrics.Error
(a RuntimeError) generated from the library's error table, e.g.
EmptyInput, OutOfRange, InvalidArgument; `code` is the C status and `name`
its symbolic name ("EMPTY", "BAD_ARG", ...). OutOfMemory is also a MemoryError.
An argument of a type the binding cannot use (a str from a form where a
number is expected, None, a dict) raises ArgumentTypeError, an
InvalidArgument that is also a TypeError, naming the argument.

Results convert to JSON and back: every result object has to_dict() (plain
Python values, NaN as None), to_json() (NaN as null) and the class methods
from_dict() / from_json(), which give an equal object back (NaN equal to NaN).
The package is typed (PEP 561, py.typed): the public functions carry
annotations that mypy checks.
"""

from . import native

# Exception classes, generated in C from CXM_ERRORS.
Error = native.Error
error_classes = native.error_classes
for _cls in error_classes:
    globals()[_cls.__name__] = _cls
del _cls

# issue 14, item 6: a wrong argument type is an InvalidArgument that is also a TypeError
from ._convert import ArgumentKeyError, ArgumentOverflowError, ArgumentTypeError, ArgumentValueError  # noqa: E402,E501
from ._table import Table  # noqa: E402
from ._convert import integer as _c_integer  # noqa: E402
from ._results import *  # noqa: E402,F401,F403
from ._results import __all__ as _results_all  # noqa: E402
from .cluster import *  # noqa: E402,F401,F403
from .cluster import __all__ as _cluster_all  # noqa: E402
from .cluster_plot import *  # noqa: E402,F401,F403
from .cluster_plot import __all__ as _cluster_plot_all  # noqa: E402
from .clv import *  # noqa: E402,F401,F403
from .clv import __all__ as _clv_all  # noqa: E402
from .clvmodel import *  # noqa: E402,F401,F403
from .clvmodel import __all__ as _clvmodel_all  # noqa: E402
from .clvmodel_plot import *  # noqa: E402,F401,F403
from .clvmodel_plot import __all__ as _clvmodel_plot_all  # noqa: E402
from .io import *  # noqa: E402,F401,F403
from .io import __all__ as _io_all  # noqa: E402
from .persona import *  # noqa: E402,F401,F403
from .persona import __all__ as _persona_all  # noqa: E402
from .rates import *  # noqa: E402,F401,F403
from .rates import __all__ as _rates_all  # noqa: E402
from .report import *  # noqa: E402,F401,F403
from .report import __all__ as _report_all  # noqa: E402
from .rfm import *  # noqa: E402,F401,F403
from .rfm import __all__ as _rfm_all  # noqa: E402
from .rfm_data import *  # noqa: E402,F401,F403
from .rfm_data import __all__ as _rfm_data_all  # noqa: E402
from .rfm_plot import *  # noqa: E402,F401,F403
from .rfm_plot import __all__ as _rfm_plot_all  # noqa: E402
from .scores import *  # noqa: E402,F401,F403
from .scores import __all__ as _scores_all  # noqa: E402
from .segment import *  # noqa: E402,F401,F403
from .segment import __all__ as _segment_all  # noqa: E402
from .stats import *  # noqa: E402,F401,F403
from .stats import __all__ as _stats_all  # noqa: E402
from .times import *  # noqa: E402,F401,F403
from .times import __all__ as _times_all  # noqa: E402
from .txlog import *  # noqa: E402,F401,F403
from .txlog import __all__ as _txlog_all  # noqa: E402
from .themes import *  # noqa: E402,F401,F403
from .themes import __all__ as _themes_all  # noqa: E402

#: Version of the linked C library ("MAJOR.MINOR.PATCH").
__version__ = native.version_string()
#: (major, minor, patch) of the linked C library.
version_info = tuple(native.version())

# Refuse a library whose major.minor differs from the headers the binding was
# built against (as rugged does): struct layouts may have changed. The extension
# links the core statically (issue 14, item 2), so library and headers come from
# one build and this holds by construction; it stays as a guard should the
# extension ever link a shared libcxmetrics again.
if version_info[:2] != (native.VERSION_MAJOR, native.VERSION_MINOR):
    raise ImportError(f"cxmetrics: built against libcxmetrics {native.VERSION_STRING} "
                      f"but loaded {__version__}")


def error_name(code: int) -> str:
    """Symbolic name of a C status code: "EMPTY", "BAD_ARG", ... ("OK" for 0)."""
    return native.error_name(code)


def error_class(code: int) -> type:
    """The exception class of a C status code (Error for an unknown code)."""
    code = _c_integer(code, "code")
    for cls in error_classes:
        if cls.code == code:
            return cls
    return Error


__all__ = (["Error", "error_classes", "error_name", "error_class", "native",
            "ArgumentTypeError", "ArgumentOverflowError", "ArgumentValueError", "ArgumentKeyError",
            "Table",
            "__version__", "version_info"]
           + [c.__name__ for c in error_classes]
           + _results_all + _scores_all + _stats_all + _times_all + _rates_all + _clv_all
           + _clvmodel_all + _clvmodel_plot_all + _rfm_all + _rfm_data_all + _rfm_plot_all + _io_all
           + _report_all + _segment_all + _cluster_all + _cluster_plot_all + _persona_all + _txlog_all)

from .drivers import *  # noqa: E402,F401,F403
from .drivers import __all__ as _drivers_all  # noqa: E402

__all__ += _drivers_all
__all__ += _themes_all
# issue 10: plots of the survey report's cells (spec §18.9), matplotlib imported when drawn
from .survey_plot import plot_trend, plot_breakdown  # noqa: E402
__all__ += ["plot_trend", "plot_breakdown"]
# issue 13: event logs (spec §21), the input of funnels, paths and cohorts
from .events import Events, as_events, events_skip_words, duration_seconds  # noqa: E402
__all__ += ["Events", "as_events", "events_skip_words", "duration_seconds"]
# issue 13: cohorts (spec §24)
from .cohort import cohort  # noqa: E402,F401
__all__ += ["cohort"]  # its heat-map: plot_retention (journey_plot, below)
# issue 13: the CX Index and the CX pyramid (spec §25)
from .pyramid import cxi, pyramid, CxiResult  # noqa: E402
__all__ += ["cxi", "pyramid", "CxiResult"]  # its chart: plot_pyramid (journey_plot, below)
# issue 13: funnels over an event log (spec §22)
from .funnel import *  # noqa: E402,F401,F403
from .funnel import __all__ as _funnel_all  # noqa: E402

__all__ += _funnel_all
# issue 13: paths and touchpoints (spec §23)
from .paths import transitions, top_paths, touchpoints  # noqa: E402
__all__ += ["transitions", "top_paths", "touchpoints"]
# issue 13: the journey's plots and page (spec §26), matplotlib imported when drawn
from .journey_plot import plot_funnel, plot_retention, plot_pyramid, journey_html  # noqa: E402
__all__ += ["plot_funnel", "plot_retention", "plot_pyramid", "journey_html"]
# issue 14: how many threads the library may start (cxmetrics/threads.h); the
# function threads() replaces the submodule of the same name as an attribute
from .threads import set_threads, threads, THREADS_MAX  # noqa: E402
__all__ += ["set_threads", "threads", "THREADS_MAX"]


# issue 14, item 6: every public function's Python errors about its arguments
# come out as cxmetrics.Error subclasses that keep their Python class
# (ArgumentTypeError is a TypeError, ...): see _convert.guard_public. The
# defining module gets the guarded function too, so that cxmetrics.scores.nps
# and cxmetrics.nps are the same object.
def _guard_all():
    import inspect
    import sys
    from ._convert import guard_public
    done = {}  # one guard per function: an alias (task_success_rate) stays the same object
    for name in __all__:
        f = globals().get(name)
        if inspect.isfunction(f) and f.__module__.startswith("cxmetrics") \
                and not getattr(f, "_cxm_guarded", False):
            g = done.setdefault(id(f), guard_public(f))
            globals()[name] = g
            module = sys.modules.get(f.__module__)
            if module is not None and getattr(module, name, None) is f:
                setattr(module, name, g)


_guard_all()
del _guard_all
