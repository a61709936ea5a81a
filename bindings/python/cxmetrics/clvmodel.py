"""Probabilistic customer lifetime value (clvmodel.h): summaries, models, predictions.

Every number is computed by the C library, and every rule lives there: the
models' parameter names, the summary columns each model reads
(Model.describe()), the periods in a month of a summary's time unit
(periods_per_month), the default calibration end. This module converts
arguments, returns numpy arrays (pandas DataFrames for tables when pandas is
importable) and keeps a fitted model's C result to pass back to the
prediction functions. The GIL is released during each C call.

    >>> import numpy as np, cxmetrics
    >>> from cxmetrics.clvmodel import summary_from_transactions
    >>> s = summary_from_transactions(["a", "a", "b"], ["2024-01-01", "2024-01-15", "2024-01-08"],
    ...                               calibration_end="2024-01-29", period="week", as_frame=False)
    >>> s["id"].tolist(), s["frequency"].tolist(), s["recency"].tolist(), s["T"].tolist()
    (['a', 'b'], [1.0, 0.0], [2.0, 0.0], [4.0, 3.0])
    >>> s.attrs["period"], periods_per_month("week")
    ('week', 4.345)

Models keep the usual parameter names: BetaGeo and ModifiedBetaGeo (r, alpha,
a, b), ParetoNBD (r, alpha, s, beta), GammaGamma (p, q, v),
BetaGeoBetaBinom (alpha, beta, gamma, delta), ShiftedBetaGeometric (alpha,
beta). Time is in the summary's unit; log-likelihoods are totals.
The plots are in cxmetrics.clvmodel_plot (matplotlib, imported on use).
"""

from typing import TYPE_CHECKING, Any, Optional

from numpy.typing import ArrayLike

import math
import json
import os
import sys
import warnings

import numpy as np

from . import _convert as _c
from . import _table
from . import native
from ._results import _Generated, _make
from .io import day_number, day_numbers
# by name: the package's `txlog` is the function (from .txlog import *), not this module
from .txlog import native_log as _native_log, text_ids as _text_ids

__all__ = [
    "summary_from_transactions", "periods_per_month", "BetaGeo", "ModifiedBetaGeo",
    "ParetoNBD", "GammaGamma", "BetaGeoBetaBinom", "ShiftedBetaGeometric", "HoldoutErrors",
    "holdout_errors", "calibration_table", "clv_model_from_json", "ConvergenceWarning",
]
# `clv` (discounted CLV) and `predict` are deliberately not in __all__: the
# package does `from .clvmodel import *`, cxmetrics.clv is the module of the
# simple formulas, and a top-level `predict` would say nothing. Call them as
# cxmetrics.clvmodel.clv(...) and cxmetrics.clvmodel.predict(...).

_COLUMN = native.NAMES_CLV_COLUMN


def _bit(x):
    return 1 << x


def _column_name(column):
    """The name of a summary column (a cxm_clv_column) in tables: "frequency", "T", ..."""
    return _c.word(_COLUMN, column)


def periods_per_month(period: str) -> float:
    """The time units of a period in a month, as CLV counts months: 30.4375
    for "day", 4.345 for "week" (lifetimes' value), 1 for "month" (the C
    library's numbers, cxm_clv_periods_per_month). period: a word ("day",
    "week", "month" and their aliases "days", "D", "W", ...) or a C constant.
    Returns float. Raises InvalidArgument (unknown period)."""
    return native.clv_periods_per_month(_c.option(period, native.NAMES_CLV_PERIOD))


def _ids(values):
    # missing ids (None, NaN, pd.NA, NaT) stay None: the library refuses or
    # drops them (spec §16.3), never makes a customer "nan" of them
    return _text_ids(values)


def summary_from_transactions(customer_ids: Any, dates: Any = None, amounts: Optional[ArrayLike] = None,
                              calibration_end: Any = None, observation_end: Any = None, *, period: str,
                              missing_ids: str = "error", returns: Optional[str] = None,
                              quantity: Any = None, price: Any = None, date_format: Any = None,
                              as_frame: Optional[bool] = None) -> Any:
    """Per-customer frequency, recency, T and mean repeat value from a transaction log.

    As lifetimes' summary_data_from_transaction_data (and, with
    observation_end, calibration_and_holdout_data): purchases on the same
    day count once; frequency = repeat purchase days up to calibration_end;
    recency = last - first purchase; T = calibration_end - first purchase;
    monetary_value = mean amount of the repeat purchase days (0 when
    frequency is 0). Customers whose first purchase follows calibration_end
    are left out (counted in attrs["dropped"]).

    customer_ids: sequence of ids (str; others through str(), whole floats
    as integers); or a list of dicts, one per transaction, with the keys
    "customer_id", "date" and (optionally, in every one) "amount", and
    dates and amounts left out: then the customers come back with the
    caller's ids (an int stays an int, a str a str) in the order of their
    first transaction. A missing id (None, NaN, pd.NA, NaT, "") is never a
    customer: missing_ids="error" (default) raises InvalidArgument naming
    its row, "drop" leaves the row out and counts it (attrs
    missing_id_rows). dates: ISO "YYYY-MM-DD" or "YYYYMMDD" strings,
    datetime.date, numpy datetime64 or day numbers; or texts in date_format
    (strptime-style, "%m/%d/%Y %H:%M"). amounts: one per transaction, or
    None; or quantity and price (amount = quantity x price). returns: None
    (default: amounts as given, a negative one a refund within its day),
    "error", "drop" or "net" (spec §16.4: a return is taken off its day's
    spend, a day of returns only is no purchase day); the counts by reason
    are in attrs. calibration_end:
    default the last transaction day (the C library's default).
    observation_end: end of the holdout period (default: no holdout); with
    one, holdout_frequency (purchase days in (calibration_end,
    observation_end]) and holdout_monetary_value columns are added.
    period (required, as on the command line): the time unit, "day", "week"
    or "month" (365.25 / 12 days), or lifetimes' "D", "W", "M".
    as_frame: True for a pandas DataFrame (index "id"), False for a dict of
    numpy arrays ("id" holds the ids); default: a DataFrame when pandas is
    importable. Both carry attrs (period, calibration_end, observation_end
    as day numbers, holdout_duration in the summary's unit, dropped).
    Returns the table, customers in ascending byte order of their ids.
    Raises InvalidArgument (lengths, fractional day, observation_end before
    calibration_end, period), NanInput, OutOfRange (infinite amount),
    EmptyInput (no customer), ParseError (bad date text), OutOfMemory.
    """
    if _c.is_records(customer_ids):
        if dates is not None or amounts is not None:
            raise _c.type_error("with a list of transactions (dicts), leave dates and amounts out: "
                                "they are the dicts' 'date' and 'amount'")
        cols, texts, originals, order = _c.records_columns(customer_ids, ("customer_id", "date"),
                                                           ("amount",))
        out = summary_from_transactions(
            texts, cols["date"], None if cols["amount"] is None else _c.f64(cols["amount"], "amount"),
            calibration_end, observation_end, period=period, missing_ids=missing_ids,
            returns=returns, quantity=quantity, price=price, date_format=date_format,
            as_frame=as_frame)
        return _c.restore_ids(out, "id", originals, order)
    if dates is None:
        raise _c.type_error("dates is missing: give one date per transaction (or a list of dicts "
                            "as the first argument)")
    code = _c.option(period, native.NAMES_CLV_PERIOD)
    cal = math.nan if calibration_end is None else day_number(calibration_end)
    obs = math.nan if observation_end is None else day_number(observation_end)
    _c.option(missing_ids, native.NAMES_MISSING_IDS)
    if missing_ids != "error" or returns is not None or quantity is not None or price is not None \
            or date_format is not None:
        # the raw-log path (spec §16): cleaned, counted, then summarised
        log = _native_log(customer_ids, dates, amounts, quantity, price, None,
                                "keep" if returns is None else returns, missing_ids, date_format)
        return _table.frame(native.clv_summary_from_log(log, cal, obs, code), as_frame)
    ids = _ids(customer_ids)
    days = day_numbers(dates)
    amt = np.empty(0) if amounts is None else _c.f64(amounts)
    h = native.clv_summary_from_transactions(ids, days, amt, cal, obs, code)
    return _table.frame(h, as_frame)


# ---- argument helpers ---------------------------------------------------------

def _summary_column(table, column):
    """Column `column` (a cxm_clv_column) of a summary table, by its C name."""
    name = _column_name(column)
    if name not in _table.columns_of(table):
        raise _c.bad_arg(f"the summary has no column {name!r}; its columns are: "
                         f"{', '.join(_table.columns_of(table))}")
    return table[name]


def _index_of(values):
    """The pandas index of a Series argument (results keep it), else None."""
    pd = _table.pandas()
    if pd is not None and isinstance(values, pd.Series):
        return values.index
    return None


def _arrays(*values):
    """Broadcast per-customer inputs to 1-D contiguous float64 arrays.

    Returns (arrays, scalar, index): scalar is True when every input was a
    scalar (the caller then returns a float); index is the first pandas
    index among the inputs (the result becomes a Series with it)."""
    index = next((i for i in map(_index_of, values) if i is not None), None)
    arrs = [_c.f64(v) for v in values]
    scalar = all(a.ndim == 0 for a in arrs)
    arrs = np.broadcast_arrays(*[np.atleast_1d(a) for a in arrs])
    arrs = [np.ascontiguousarray(a.ravel(), dtype=np.float64) for a in arrs]
    return arrs, scalar, index


def _result(values, scalar, index):
    if scalar:
        return float(values[0])
    if index is not None:
        pd = _table.pandas()
        if len(index) == len(values):
            return pd.Series(values, index=index)
    return values


def _options(penalty, threads, max_iterations, tol, progress):
    """The fit options object (cxm_clv_fit_opts), through its setters; an
    option left at None keeps the C library's default (no penalty, 500
    iterations, tolerance 1e-10, all cores). The progress setter is always
    called: its trampoline is also where a fit sees Ctrl-C."""
    o = native.clv_fit_opts_new()
    if penalty is not None:
        native.clv_fit_opts_set_l2_penalty(o, _c.real(penalty, "penalty"))
    if max_iterations is not None:
        native.clv_fit_opts_set_max_iterations(o, _c.integer(max_iterations, "max_iterations"))
    if tol is not None:
        native.clv_fit_opts_set_gradient_tol(o, _c.real(tol, "tol"))
    if threads is not None:
        native.clv_fit_opts_set_threads(o, _c.integer(threads, "threads"))
    native.clv_fit_opts_set_progress(o, progress)
    return o


def _age_column(model):
    """The column of a purchase model's customer age: T, or periods (BG/BB)."""
    info = native.clv_model_describe(model)
    return native.CLV_T if info.columns & _bit(native.CLV_T) else native.CLV_N_PERIODS


# ---- models -----------------------------------------------------------------

class ConvergenceWarning(UserWarning):
    """A fit that did not converge (spec §8.14): it stopped at the iteration
    limit, a parameter ran off to 0 or infinity (the data cannot identify the
    model), or no step lowered the objective. The message is the C library's
    (cxm_clv_fit_warning); the model's ``status`` says which. Turn it into an
    error with ``warnings.simplefilter("error", cxmetrics.ConvergenceWarning)``."""


_PACKAGE_DIR = os.path.dirname(os.path.abspath(__file__))


def _caller_stacklevel():
    """The stacklevel of warnings.warn that points at the first frame outside
    this package (the user's call to fit), however deep the fit went."""
    level, frame = 1, sys._getframe(1)
    while frame is not None and os.path.dirname(os.path.abspath(frame.f_code.co_filename)) == _PACKAGE_DIR:
        frame = frame.f_back
        level += 1
    return level


class _ClvModel:
    """Base of the model classes: the fitted parameters and their C result."""

    _model = None

    def __init__(self):
        self._fit = None
        self._data_max = None  # (max frequency, max age) of the fitted data
        self._period = None    # the time unit of the summary table it was fitted on

    # -- what the model is (the C library's descriptor) ----------------------
    @classmethod
    def param_names(cls):
        """The parameter names, in the C order ("r", "alpha", ...)."""
        info = native.clv_model_describe(cls._model)
        return [native.clv_param_name(cls._model, i) for i in range(info.n_params)]

    @classmethod
    def describe(cls):
        """What the model is, from the C library (cxm_clv_model_describe): a
        dict with name ("bgnbd"), label ("BG/NBD"), params (names), columns
        (the summary columns its fit reads, by name), optional (those it can
        do without) and predictions (what a fit of it predicts)."""
        info = native.clv_model_describe(cls._model)

        def named(table, mask):
            return [w for w in _c.words(table) if mask & _bit(_c.option(w, table))]
        return {"name": info.name, "label": info.label, "params": cls.param_names(),
                "columns": named(_COLUMN, info.columns),
                "optional": named(_COLUMN, info.optional),
                "predictions": named(native.NAMES_CLV_PREDICTION, info.predictions)}

    # -- construction from known parameters --------------------------------
    @classmethod
    def from_params(cls, params=None, **kwargs):
        """A model with known parameters (published values, a fit made elsewhere).

        params: a dict {name: value} or a sequence in param_names() order;
        or keyword arguments (BetaGeo.from_params(r=0.24, alpha=4.4, a=0.79,
        b=2.4)). se, loglik and gradient_norm are NaN, iterations 0.
        Returns the model. Raises InvalidArgument (unknown, missing or
        invalid parameter: the C library checks the values).
        """
        names = cls.param_names()
        if params is None:
            params = kwargs
        elif kwargs:
            raise TypeError("give params or keyword arguments, not both")
        if isinstance(params, dict):
            unknown = set(params) - set(names)
            missing = [n for n in names if n not in params]
            if unknown or missing:
                raise _c.bad_arg(f"{cls.__name__} has parameters {names}; "
                                 f"unknown {sorted(unknown)}, missing {missing}")
            values = [params[n] for n in names]
        else:
            values = list(params)
        self = cls()
        self._fit = native.clv_fit_result_from_params(
            cls._model, np.array([_c.real(v, "parameter") for v in values], dtype=np.float64))
        return self

    @classmethod
    def from_json(cls, text):
        """A model read back from to_json() text (or written by hand:
        {"model": "gg", "params": {"p": 6.25, "q": 3.74, "v": 15.44}}).
        Returns the model. Raises ParseError, OutOfRange, InvalidArgument
        (a model of another kind)."""
        fit = native.clv_fit_result_from_json(text)
        if fit.model != cls._model:
            raise _c.bad_arg(f"the JSON holds a {_c.word(native.NAMES_CLV_MODEL, fit.model)} "
                             f"fit, not {cls.__name__} "
                             f"({_c.word(native.NAMES_CLV_MODEL, cls._model)})")
        self = cls()
        self._fit = fit
        return self

    def to_json(self):
        """The fitted model as JSON text (numbers in the shortest text that
        reads back exactly: from_json gives the same fit). Raises
        InvalidArgument when not fitted."""
        return native.clv_fit_result_to_json(self.fit_result)

    def to_dict(self):
        """The fitted model as a dict: to_json() read by json.loads (the C
        library's one writer of a fit; NaN, such as the se of a model from
        from_params, as None). from_dict gives the same fit back.
        Raises InvalidArgument when not fitted."""
        return json.loads(self.to_json())

    @classmethod
    def from_dict(cls, d):
        """A model from to_dict()'s dict (the C library reads it as JSON).
        Returns the model. Raises InvalidArgument (not a dict, a model of
        another kind), ParseError, OutOfRange."""
        if not isinstance(d, dict):
            raise _c.bad_arg(f"{cls.__name__}.from_dict needs a dict, not {type(d).__name__}")
        return cls.from_json(json.dumps(d, allow_nan=False))

    def __eq__(self, other):
        """Same kind, both unfitted or the same fit (compared as to_dict():
        the fit's every field, NaN as None)."""
        if type(other) is not type(self):
            return NotImplemented
        if self._fit is None or other._fit is None:
            return self._fit is None and other._fit is None
        return self.to_dict() == other.to_dict()

    __hash__ = None  # a model is refitted in place: not hashable

    # -- fitting ------------------------------------------------------------
    def _fit_table(self, table, opts):
        """Fit to a summary table through cxm_clv_fit_table: the C library
        picks the columns the model reads by their names (aliases such as
        n_periods too) and names a missing one. The table's period, if any,
        is remembered for clv()."""
        info = native.clv_model_describe(self._model)

        def keep(name):
            if name in ("id", "ID"):
                return name  # the C library names a customer of an error by it
            try:
                col = native.names_parse(_COLUMN, name)
            except native.InvalidArgument:
                return None  # not a summary column (an id, ...)
            return _column_name(col) if info.columns & _bit(col) else None
        h = _table.native_of(table, keep)
        fit = native.clv_fit_table(self._model, h, opts)
        self._period = _table.attrs_of(table).get("period")
        return fit, h

    def _set_fit(self, fit, frequency=None, age=None):
        """Keep a new fit; one that did not converge warns (ConvergenceWarning)."""
        self._fit = fit
        message = native.clv_fit_warning(512, fit)
        if message:
            warnings.warn(message, ConvergenceWarning, stacklevel=_caller_stacklevel())
        if frequency is not None and age is not None:
            self._data_max = (float(np.max(frequency)) if np.size(frequency) else 0.0,
                              float(np.max(age)) if np.size(age) else 0.0)
        return self

    def _fit_columns(self, table, opts):
        """Fit to a table; remember the largest frequency and age of the data."""
        fit, h = self._fit_table(table, opts)
        rows = native.table_rows(h)
        maxima = []
        for column in (native.CLV_FREQUENCY, _age_column(self._model)):
            try:
                idx = native.table_column_index(h, _column_name(column))
            except native.InvalidArgument:
                return self._set_fit(fit)
            maxima.append(native.table_copy_numbers(rows, h, idx))
        return self._set_fit(fit, *maxima)

    # -- fitted values -------------------------------------------------------
    @property
    def fit_result(self):
        """The C result (cxmetrics.native.clv_fit_result) that predictions use."""
        if self._fit is None:
            raise _c.bad_arg(f"{type(self).__name__} is not fitted: call fit() or from_params()")
        return self._fit

    @property
    def fitted(self):
        """True once fit() or from_params() has run."""
        return self._fit is not None

    @property
    def period(self):
        """The time unit ("day", "week", "month") of the summary table the
        model was fitted on, or None (fitted on arrays, or made from
        parameters): clv() takes the periods in a month from it."""
        return self._period

    @property
    def params(self):
        """{name: value} in the C order."""
        f = self.fit_result
        return dict(zip(self.param_names(), f.params[:f.n_params]))

    @property
    def se(self):
        """{name: standard error} from the inverse Hessian (NaN when it is
        singular or the model came from from_params)."""
        f = self.fit_result
        return dict(zip(self.param_names(), f.se[:f.n_params]))

    @property
    def loglik(self):
        """Total log-likelihood at the optimum (without the penalty)."""
        return self.fit_result.loglik

    @property
    def iterations(self):
        """Optimiser iterations used."""
        return self.fit_result.iterations

    @property
    def converged(self):
        """True when the fit converged (status "converged")."""
        return bool(self.fit_result.converged)

    @property
    def status(self):
        """How the fit ended (spec §8.14): "converged", "iteration_limit",
        "boundary" (a parameter ran off to 0 or infinity: see
        boundary_param), "stalled", or "given" (from_params, or JSON without
        a status)."""
        return _c.word(native.NAMES_CLV_FIT_STATUS, self.fit_result.status)

    @property
    def boundary_param(self):
        """With status "boundary", the name of the parameter that ran off;
        else None."""
        i = self.fit_result.boundary_param
        return self.param_names()[i] if i >= 0 else None

    @property
    def gradient_norm(self):
        """max |d(-LL)/d log(param)| at the end of the fit."""
        return self.fit_result.gradient_norm

    @property
    def n_customers(self):
        """Customers (or the patterns' total weight) the fit used."""
        return self.fit_result.n_customers

    def summary(self):
        """Parameters with standard errors and 95% Wald intervals: a DataFrame
        indexed by parameter name (coef, se, lower 95%, upper 95%), or a dict
        of those columns without pandas."""
        names = self.param_names()
        coef = np.array([self.params[n] for n in names])
        se = np.array([self.se[n] for n in names])
        z = native.z_crit(0.95)
        return _table.make({"param": np.array(names, dtype=object), "coef": coef, "se": se,
                            "lower 95%": coef - z * se, "upper 95%": coef + z * se},
                           index="param")

    def __repr__(self):
        name = type(self).__name__
        if self._fit is None:
            return f"<{name}: not fitted>"
        ps = ", ".join(f"{k}={v:.4g}" for k, v in self.params.items())
        if self._fit.n_customers:
            return (f"<{name}: {ps}; loglik={self.loglik:.6g}, "
                    f"{self._fit.n_customers} customers, "
                    f"{'converged' if self.converged else 'NOT converged: ' + self.status}>")
        return f"<{name}: {ps}>"


class _PurchaseModel(_ClvModel):
    """Models of repeat purchasing: conditional expectations and P(alive)."""

    def expected_purchases(self, t, frequency, recency, T):
        """Expected purchases in (T, T + t] of each customer, given frequency,
        recency and age T (the summary's unit).

        t: a scalar or one per customer. Returns a float for scalar inputs,
        else a float64 array (a Series with the index of a Series argument).
        Raises InvalidArgument (lengths, t < 0, recency > T, frequency 0 with
        recency > 0), NanInput.
        """
        fit = self.fit_result
        if np.ndim(t) == 0:
            # one horizon, the usual case: no broadcast copy of t, no sort of it
            (f, r, a), scalar, index = _arrays(frequency, recency, T)
            out = native.clv_expected_purchases(f.size, fit, _c.real(t, "t"), f, r, a)
            return _result(out, scalar, index)
        (tt, f, r, a), scalar, index = _arrays(t, frequency, recency, T)
        ts = np.unique(tt)
        if ts.size <= 1 or np.isnan(ts).any():
            # one horizon for everyone (a NaN or empty input: the C library reports it)
            t0 = float(ts[0]) if ts.size == 1 else (np.nan if ts.size else 0.0)
            out = native.clv_expected_purchases(f.size, fit, t0, f, r, a)
        else:
            out = np.empty(f.size)
            for tv in ts:
                m = tt == tv
                out[m] = native.clv_expected_purchases(int(m.sum()), fit, float(tv),
                                                       np.ascontiguousarray(f[m]),
                                                       np.ascontiguousarray(r[m]),
                                                       np.ascontiguousarray(a[m]))
        return _result(out, scalar, index)

    def p_alive(self, frequency, recency, T):
        """Probability that each customer is still alive.

        Returns a float for scalar inputs, else a float64 array (a Series with
        the index of a Series argument). Raises InvalidArgument (lengths,
        recency > T, frequency 0 with recency > 0), NanInput.
        """
        (f, r, a), scalar, index = _arrays(frequency, recency, T)
        return _result(native.clv_p_alive(f.size, self.fit_result, f, r, a), scalar, index)

    def unconditional_purchases(self, t):
        """Expected purchases in (0, t] of a new customer; t a scalar (float
        result) or an array. Raises InvalidArgument (t < 0), NanInput."""
        ta = np.asarray(t, dtype=np.float64)
        fit = self.fit_result
        if ta.ndim == 0:
            return native.clv_unconditional_purchases(fit, float(ta))
        return np.array([native.clv_unconditional_purchases(fit, float(v)) for v in ta.ravel()]
                        ).reshape(ta.shape)


_FIT_DOC = """
        penalty: L2 penalty c added to the mean negative log-likelihood as
        c * sum(params^2) (lifetimes' penalizer_coef). threads: a count (1 =
        the calling thread); results do not depend on it. max_iterations, tol
        (the relative gradient tolerance). Each option left at None keeps the
        C library's default (no penalty, all cores, 500 iterations, 1e-10).
        progress: None or a callable(iteration, loglik, gradient_norm),
        called after every iteration of the optimiser (iteration 1, 2, ...;
        the total log-likelihood without the penalty, as self.loglik will
        be; the max-abs gradient, as gradient_norm); a true return value
        stops the fit (Cancelled), an exception it raises stops the fit and
        propagates. Ctrl-C stops any fit (KeyboardInterrupt).
        A fit that did not converge (status "iteration_limit", "boundary" or
        "stalled") emits ConvergenceWarning; data that cannot identify the
        model at all (no repeat buyer) raises TooFew."""


def _no_weights_beside(weights):
    if weights is not None:
        raise TypeError("with a summary table, give the weights as its column 'weights'")


class _NBDModel(_PurchaseModel):
    def fit(self, frequency, recency=None, T=None, weights=None, *, penalty=None, threads=None,
            max_iterations=None, tol=None, progress=None):
        """Fit by maximum likelihood to (frequency, recency, T) per customer.

        frequency may be a summary table (DataFrame or dict with columns
        frequency, recency, T; and weights if present): its period is then
        remembered (clv() uses it). weights: customers per row (whole
        numbers), or None.{options}
        Returns self. Raises InvalidArgument (a column the table lacks,
        lengths, recency > T, negative or fractional frequency, frequency 0
        with recency > 0), NanInput, EmptyInput, OutOfMemory, Cancelled.
        """
        opts = _options(penalty, threads, max_iterations, tol, progress)
        if recency is None and T is None and _table.is_table(frequency):
            _no_weights_beside(weights)
            return self._fit_columns(frequency, opts)
        f, r, a = _c.f64(frequency), _c.f64(recency), _c.f64(T)
        w = np.empty(0) if weights is None else _c.f64(weights)
        self._period = None
        return self._set_fit(native.clv_fit(self._model, f, r, a, w, opts), f, a)

    fit.__doc__ = fit.__doc__.format(options=_FIT_DOC)


class BetaGeo(_NBDModel):
    """BG/NBD (Fader, Hardie & Lee 2005): parameters r, alpha, a, b.

    >>> m = BetaGeo.from_params(r=0.243, alpha=4.414, a=0.793, b=2.426)
    >>> m.params["alpha"]
    4.414
    >>> BetaGeo.describe()["columns"]
    ['frequency', 'recency', 'T', 'weights']
    """

    _model = native.CLV_BGNBD


class ModifiedBetaGeo(_NBDModel):
    """MBG/NBD (Batislam et al. 2007, as in lifetimes): parameters r, alpha, a, b."""

    _model = native.CLV_MBGNBD


class ParetoNBD(_NBDModel):
    """Pareto/NBD (Schmittlein, Morrison & Colombo 1987): parameters r, alpha, s, beta."""

    _model = native.CLV_PNBD


class GammaGamma(_ClvModel):
    """Gamma-Gamma spend model (Fader, Hardie & Lee 2005; Hardie note 025):
    parameters p, q, v. Fitted to repeat buyers (frequency > 0)."""

    _model = native.CLV_GG

    def fit(self, frequency: ArrayLike, monetary_value: Optional[ArrayLike] = None, *, penalty: Any = None,
            threads: Any = None, max_iterations: Any = None, tol: Any = None, progress: Any = None) -> Any:
        """Fit to the repeat buyers among (frequency, monetary_value) rows.

        frequency may be a summary table (columns frequency, monetary_value).
        Rows with frequency 0 are ignored; the others need monetary_value > 0.
        Options (progress too) as for BetaGeo.fit. Returns self. Raises
        InvalidArgument, NanInput, OutOfRange (monetary_value <= 0 for a
        repeat buyer), EmptyInput (no repeat buyer), OutOfMemory, Cancelled.
        """
        opts = _options(penalty, threads, max_iterations, tol, progress)
        if monetary_value is None and _table.is_table(frequency):
            return self._set_fit(self._fit_table(frequency, opts)[0])
        self._period = None
        return self._set_fit(native.clv_fit_gamma_gamma(_c.f64(frequency),
                                                        _c.f64(monetary_value), opts))

    def expected_profit(self, frequency: Any, monetary_value: Any) -> float:
        """Expected average profit per transaction of each customer (the
        population mean v p / (q - 1) for frequency 0).
        Returns a float for scalar inputs, else an array (a Series with the
        index of a Series argument). Raises InvalidArgument, NanInput,
        OutOfRange."""
        (f, m), scalar, index = _arrays(frequency, monetary_value)
        return _result(native.clv_expected_profit(f.size, self.fit_result, f, m), scalar, index)


class BetaGeoBetaBinom(_PurchaseModel):
    """BG/BB for discrete-time data (Fader, Hardie & Shang 2010): parameters
    alpha, beta, gamma, delta. Customers have n_periods transaction
    opportunities; frequency and recency count periods."""

    _model = native.CLV_BGBB

    def fit(self, frequency: ArrayLike, recency: Optional[ArrayLike] = None,
            n_periods: Optional[ArrayLike] = None, weights: Optional[ArrayLike] = None, *,
            penalty: Any = None, threads: Any = None, max_iterations: Any = None, tol: Any = None,
            progress: Any = None) -> Any:
        """Fit to (frequency, recency, n_periods) patterns with weights
        (customers per pattern; None: one each).

        frequency may be a table with columns frequency, recency, periods (or
        n_periods) and weights (lifetimes' donations data). Options (progress
        too) as for BetaGeo.fit. Returns self. Raises InvalidArgument,
        NanInput, EmptyInput, OutOfMemory, Cancelled.
        """
        opts = _options(penalty, threads, max_iterations, tol, progress)
        if recency is None and n_periods is None and _table.is_table(frequency):
            _no_weights_beside(weights)
            return self._fit_columns(frequency, opts)
        f, r, n = _c.f64(frequency), _c.f64(recency), _c.f64(n_periods)
        w = np.empty(0) if weights is None else _c.f64(weights)
        self._period = None
        return self._set_fit(native.clv_fit_bgbb(f, r, n, w, opts), f, n)

    def pmf(self, n_periods: float) -> Any:
        """P(X(n) = x), x = 0..n_periods: the probability that a new customer
        makes x transactions in the first n_periods opportunities (a float64
        array summing to 1). Raises InvalidArgument (n_periods not a whole
        number in 0..1000000)."""
        n = _c.real(n_periods, "n_periods")
        # n_periods + 1 probabilities; for an n that is no count at all, room
        # for one and the C library's message about n_periods
        cap = int(n) + 1 if math.isfinite(n) and n >= 0 else 1
        return native.clv_bgbb_pmf(cap, self.fit_result, n)


class ShiftedBetaGeometric(_ClvModel):
    """Shifted-beta-geometric retention of a contractual cohort (Fader &
    Hardie 2007): parameters alpha, beta."""

    _model = native.CLV_SBG

    def fit(self, survivors: ArrayLike, *, penalty: Any = None, threads: Any = None,
            max_iterations: Any = None, tol: Any = None, progress: Any = None) -> Any:
        """Fit to a cohort: survivors[0] customers at the start, survivors[t]
        still active after t periods (non-increasing). Options (progress
        too) as for BetaGeo.fit. Returns self. Raises InvalidArgument,
        Inconsistent (an increase), EmptyInput, Cancelled."""
        opts = _options(penalty, threads, max_iterations, tol, progress)
        return self._set_fit(native.clv_fit_sbg(_c.f64(survivors), opts))

    def curves(self, n: int) -> Any:
        """(survival, retention) for t = 1..n: S(t) and r(t) = S(t) / S(t - 1),
        float64 arrays. Raises InvalidArgument."""
        k = _c.integer(n, "n")
        s, r = native.clv_sbg_curves(k, k, self.fit_result)
        return s, r

    def survival(self, n: Any) -> Any:
        """S(t) for t = 1..n (float64 array)."""
        return self.curves(n)[0]

    def retention(self, n: Any) -> Any:
        """r(t) = S(t) / S(t - 1) for t = 1..n (float64 array)."""
        return self.curves(n)[1]


_MODEL_CLASSES = {cls._model: cls for cls in (BetaGeo, ModifiedBetaGeo, ParetoNBD, GammaGamma,
                                              BetaGeoBetaBinom, ShiftedBetaGeometric)}


def clv_model_from_json(text: Any) -> "BetaGeo":
    """A fitted model of whichever class the JSON names (see _ClvModel.to_json).
    Returns a BetaGeo, GammaGamma, ... Raises ParseError, OutOfRange,
    InvalidArgument."""
    fit = native.clv_fit_result_from_json(text)
    model = _MODEL_CLASSES[fit.model]()
    model._fit = fit
    return model


def _fit_of(model, what):
    if isinstance(model, _ClvModel):
        return model.fit_result
    if isinstance(model, native.clv_fit_result):
        return model
    raise TypeError(f"{what} must be a fitted model, not {type(model).__name__}")


def _periods_per_month(given, period, table_period, model):
    """The summary's time units in a month: given, or from a period (given,
    the summary table's, or the one the purchase model was fitted on)."""
    if given is not None:
        return _c.real(given, "periods_per_month")
    for p in (period, table_period, getattr(model, "period", None)):
        if p is not None:
            return periods_per_month(p)
    raise _c.bad_arg("clv() needs the summary's time unit: give period= (one of "
                     f"{', '.join(_c.words(native.NAMES_CLV_PERIOD))}) or periods_per_month=, "
                     "or a summary table, or a model fitted on one")


def clv(model: Any, spend_model: Any, frequency: Any, recency: Any = None, T: Any = None,
        monetary_value: Any = None, months: float = native.CLV_MONTHS_DEFAULT,
        discount: ArrayLike = native.CLV_DISCOUNT_DEFAULT, periods_per_month: Any = None,
        period: Optional[str] = None) -> float:
    """Discounted customer lifetime value over `months` months, per customer.

    CLV = sum over months i = 1..months of (E[X(T, T + i f)] -
    E[X(T, T + (i - 1) f)]) x profit / (1 + d)^i, as lifetimes'
    customer_lifetime_value: E from the purchase model (BetaGeo,
    ModifiedBetaGeo, ParetoNBD, BetaGeoBetaBinom), profit from the
    GammaGamma spend_model, d the monthly discount rate (a scalar or one per
    customer) and f the summary's time units in a month.
    frequency may be a summary table (columns frequency, recency, T (periods
    for BG/BB) and monetary_value, attribute period).
    f: periods_per_month if given; else the periods in a month of a period
    (periods_per_month(period): 4.345 for weeks, 30.4375 for days, 1 for
    months) from, in this order, period=, the summary table's period, the
    period of the summary the purchase model was fitted on; with none of
    these, InvalidArgument.
    Returns a float for scalar inputs, else a float64 array (a Series with the
    index of a Series argument). Raises InvalidArgument (models, lengths,
    months, periods_per_month <= 0, discount <= -1, no time unit), NanInput.
    """
    fit, gg = _fit_of(model, "model"), _fit_of(spend_model, "spend_model")
    table_period = None
    if recency is None and T is None and monetary_value is None and _table.is_table(frequency):
        table = frequency
        table_period = _table.attrs_of(table).get("period")
        frequency, recency, T, monetary_value = (
            _summary_column(table, c) for c in (native.CLV_FREQUENCY, native.CLV_RECENCY,
                                                _age_column(fit.model),
                                                native.CLV_MONETARY_VALUE))
    f_ = _periods_per_month(periods_per_month, period, table_period, model)
    (f, r, a, m), scalar, index = _arrays(frequency, recency, T, monetary_value)
    d = np.ascontiguousarray(np.atleast_1d(_c.f64(discount)).ravel(), dtype=np.float64)
    out = native.clv_discounted(f.size, fit, gg, f, r, a, m, _c.real(months, "months"), d, f_)
    return _result(out, scalar, index)


def predict(model: Any, summary: Any, t: float, spend_model: Any = None,
            months: float = native.CLV_MONTHS_DEFAULT, discount: float = native.CLV_DISCOUNT_DEFAULT,
            periods_per_month: Any = None, period: Optional[str] = None,
            as_frame: Optional[bool] = None) -> Any:
    """Per customer of a summary table, what `cxm clv predict` prints.

    The C library's prediction table (cxm_clv_predict_table): the id (or the
    row number when the summary has no id), expected_purchases in the next t
    periods and p_alive, and with a GammaGamma spend_model expected_profit
    and clv (discounted over `months` months at `discount` a month). The
    summary's columns are found by name (frequency, recency, T or periods,
    monetary_value). The periods per month, needed with a spend model, are
    found as for clv().
    Returns a DataFrame indexed by id (or a Table without pandas). Raises
    InvalidArgument (a missing column, a model without these predictions,
    no time unit), NanInput, and what the predictions raise.
    """
    fit = _fit_of(model, "model")
    gg = None if spend_model is None else _fit_of(spend_model, "spend_model")
    ppm = np.nan
    if gg is not None:
        ppm = _periods_per_month(periods_per_month, period, _table.attrs_of(summary).get("period"),
                                 model)
    h = native.clv_predict_table(_table.native_of(summary), fit, gg, _c.real(t, "t"),
                                 _c.real(months, "months"), _c.real(discount, "discount"), ppm)
    return _table.frame(h, as_frame)


if TYPE_CHECKING:  # what mypy sees: the fields are the C struct's, read at import
    class HoldoutErrors(_Generated):
        ...


HoldoutErrors = _make(  # type: ignore  # mypy: the class of the TYPE_CHECKING block
    "HoldoutErrors", native.clv_holdout_errors, """Predicted against actual holdout purchases.

n: customers; mae, rmse: mean absolute and root mean squared error;
total_predicted, total_actual: the sums.""")


def holdout_errors(predicted: ArrayLike, actual: ArrayLike) -> "HoldoutErrors":
    """MAE and RMSE of predicted against actual holdout purchases.

    Returns HoldoutErrors(n, mae, rmse, total_predicted, total_actual).
    Raises InvalidArgument (lengths differ), NanInput, EmptyInput.
    """
    return HoldoutErrors._from_native(native.clv_holdout_evaluate(_c.f64(predicted),
                                                                  _c.f64(actual)))


def calibration_table(frequency: ArrayLike, predicted: ArrayLike, actual: ArrayLike,
                      max_frequency: int = native.CLV_CALIBRATION_ROWS_DEFAULT - 1) -> Any:
    """Mean predicted and mean actual holdout purchases by calibration frequency.

    Rows 0..max_frequency; the last gathers every higher frequency (as
    lifetimes' plot_calibration_purchases_vs_holdout_purchases, whose
    default max_frequency this is). Rows with no customer have NaN means
    and count 0.
    Returns a DataFrame indexed by frequency (columns predicted, actual,
    count), or a dict of numpy arrays (frequency, predicted, actual, count)
    without pandas. Raises InvalidArgument (lengths), NanInput.
    """
    rows = max(_c.integer(max_frequency, "max_frequency") + 1, 0)
    mp, ma, cnt = native.clv_calibration_table(rows, rows, rows, _c.f64(frequency),
                                               _c.f64(predicted), _c.f64(actual))
    return _table.make({"frequency": np.arange(rows), "predicted": mp, "actual": ma,
                        "count": cnt.astype(np.int64)}, index="frequency")
