"""Probabilistic customer lifetime value (clvmodel.h): summaries, models, predictions.

Every number is computed by the C library; this module converts arguments,
returns numpy arrays (pandas DataFrames for tables when pandas is
importable) and keeps a fitted model's C result to pass back to the
prediction functions. The GIL is released during each C call.

    >>> import numpy as np, cxmetrics
    >>> from cxmetrics.clv import summary_from_transactions
    >>> s = summary_from_transactions(["a", "a", "b"], ["2024-01-01", "2024-01-15", "2024-01-08"],
    ...                               calibration_end="2024-01-29", period="week", as_frame=False)
    >>> s["id"].tolist(), s["frequency"].tolist(), s["recency"].tolist(), s["T"].tolist()
    (['a', 'b'], [1.0, 0.0], [2.0, 0.0], [4.0, 3.0])

Models keep the usual parameter names: BetaGeo and ModifiedBetaGeo (r, alpha,
a, b), ParetoNBD (r, alpha, s, beta), GammaGamma (p, q, v),
BetaGeoBetaBinom (alpha, beta, gamma, delta), ShiftedBetaGeometric (alpha,
beta). Time is in the summary's unit; log-likelihoods are totals.
"""

import numpy as np

from . import _convert as _c
from . import native
from ._results import _make
from .rfm import _day_number, _day_numbers

__all__ = [
    "summary_from_transactions", "BetaGeo", "ModifiedBetaGeo", "ParetoNBD", "GammaGamma",
    "BetaGeoBetaBinom", "ShiftedBetaGeometric", "HoldoutErrors", "holdout_errors",
    "calibration_table", "clv_model_from_json", "PERIODS_PER_MONTH",
]

#: Summary time units (lifetimes' freq letters are accepted too).
PERIODS = {"day": native.CLV_DAYS, "days": native.CLV_DAYS, "D": native.CLV_DAYS,
           "week": native.CLV_WEEKS, "weeks": native.CLV_WEEKS, "W": native.CLV_WEEKS,
           "month": native.CLV_MONTHS, "months": native.CLV_MONTHS, "M": native.CLV_MONTHS}
_PERIOD_NAMES = {native.CLV_DAYS: "day", native.CLV_WEEKS: "week", native.CLV_MONTHS: "month"}
#: Periods per month for clv(): 30.4375 days, 4.345 weeks (lifetimes' value), 1 month.
PERIODS_PER_MONTH = {"day": 30.4375, "week": 4.345, "month": 1.0}


def _pandas():
    try:
        import pandas
    except ImportError:  # pragma: no cover - pandas is optional
        return None
    return pandas


class SummaryDict(dict):
    """The summary as a dict of numpy arrays (when pandas is not used), with
    the same `attrs` as the DataFrame: period, calibration_end,
    observation_end (day numbers), holdout_duration and dropped."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.attrs = {}


def _ids(values):
    if isinstance(values, (str, bytes)):
        raise TypeError("customer_ids must be a sequence of ids, not a single string")
    if isinstance(values, np.ndarray):
        return values.tolist() if values.dtype.kind == "U" else values.astype(str).tolist()
    if hasattr(values, "tolist") and not isinstance(values, list):
        values = values.tolist()  # pandas Series / Index
    if all(isinstance(v, (str, bytes)) for v in values):
        return values
    return [v if isinstance(v, (str, bytes)) else str(v) for v in values]


def summary_from_transactions(customer_ids, dates, amounts=None, calibration_end=None,
                              observation_end=None, period="week", as_frame=None):
    """Per-customer frequency, recency, T and mean repeat value from a transaction log.

    As lifetimes' summary_data_from_transaction_data (and, with
    observation_end, calibration_and_holdout_data): purchases on the same
    day count once; frequency = repeat purchase days up to calibration_end;
    recency = last - first purchase; T = calibration_end - first purchase;
    monetary_value = mean amount of the repeat purchase days (0 when
    frequency is 0). Customers whose first purchase follows calibration_end
    are left out (counted in attrs["dropped"]).

    customer_ids: sequence of ids (str; others through str()). dates: ISO
    "YYYY-MM-DD" strings, datetime.date, numpy datetime64 or day numbers.
    amounts: one per transaction, or None. calibration_end: default the last
    date. observation_end: end of the holdout period (default: no holdout);
    with one, holdout_frequency (purchase days in (calibration_end,
    observation_end]) and holdout_monetary_value columns are added.
    period: "day", "week" (default) or "month" (365.25 / 12 days).
    as_frame: True for a pandas DataFrame (index "id"), False for a dict of
    numpy arrays ("id" holds the ids); default: a DataFrame when pandas is
    importable. Both carry attrs (period, calibration_end, observation_end,
    holdout_duration in the summary's unit, dropped).
    Returns the table, customers in ascending byte order of their ids.
    Raises InvalidArgument (lengths, fractional day, observation_end before
    calibration_end, period), NanInput, OutOfRange (infinite amount),
    EmptyInput (no customer), ParseError (bad date text), OutOfMemory.
    """
    ids = _ids(customer_ids)
    days = _day_numbers(dates)
    code = _c.option(period, PERIODS, "period")
    if calibration_end is None:
        cal = float(np.nanmax(days)) if days.size and not np.all(np.isnan(days)) else 0.0
    else:
        cal = _day_number(calibration_end)
    obs = cal if observation_end is None else _day_number(observation_end)
    amt = np.empty(0) if amounts is None else _c.f64(amounts)
    h = native.clv_summary(ids, days, amt, cal, obs, code)
    f, r, t, m, hf, hm = h.columns()
    out_ids = [h.id(i) for i in range(h.count())]
    holdout = obs > cal
    cols = {"frequency": f, "recency": r, "T": t, "monetary_value": m}
    if holdout:
        cols["holdout_frequency"] = hf
        cols["holdout_monetary_value"] = hm
    attrs = {"period": _PERIOD_NAMES.get(code, code), "calibration_end": cal,
             "observation_end": obs, "holdout_duration": h.holdout_duration(),
             "dropped": h.dropped()}
    pd = _pandas() if as_frame is None or as_frame else None
    if as_frame and pd is None:  # pragma: no cover
        raise ImportError("as_frame=True needs pandas")
    if pd is not None:
        df = pd.DataFrame(cols, index=pd.Index(out_ids, name="id"))
        df.attrs.update(attrs)
        return df
    d = SummaryDict(id=np.array(out_ids, dtype=object), **cols)
    d.attrs.update(attrs)
    return d


# ---- argument helpers ---------------------------------------------------------

def _column(table, *names, required=True):
    for n in names:
        try:
            return table[n]
        except (KeyError, IndexError, TypeError):
            continue
    if required:
        raise _c.bad_arg(f"the table has no column {names[0]!r}")
    return None


def _is_table(x):
    return isinstance(x, dict) or (hasattr(x, "columns") and hasattr(x, "index"))


def _index_of(values):
    """The pandas index of a Series argument (results keep it), else None."""
    pd = _pandas()
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
        pd = _pandas()
        if len(index) == len(values):
            return pd.Series(values, index=index)
    return values


def _fit_args(penalty, threads, max_iterations, tol, progress=None):
    """The option arguments of the native fits: l2_penalty, max_iterations,
    gradient_tol, threads (0 = the library's default), progress (None or a
    callable(iteration, loglik, gradient_norm))."""
    if progress is not None and not callable(progress):
        raise TypeError("progress must be None or a callable(iteration, loglik, gradient_norm)")
    return (_c.real(penalty, "penalty"),
            0 if max_iterations is None else _c.integer(max_iterations, "max_iterations"),
            0.0 if tol is None else _c.real(tol, "tol"),
            0 if threads is None else _c.integer(threads, "threads"),
            progress)


# ---- models -----------------------------------------------------------------

class _ClvModel:
    """Base of the model classes: the fitted parameters and their C result."""

    _model = None
    _label = ""

    def __init__(self):
        self._fit = None
        self._data_max = None  # (max frequency, max T) of the fitted data

    # -- construction from known parameters --------------------------------
    @classmethod
    def available(cls):
        """True when the linked C library has this model (a build without it
        reports "model N is not available in this build")."""
        return native.clv_model_name(cls._model) is not None

    @classmethod
    def param_names(cls):
        """The parameter names, in the C order ("r", "alpha", ...)."""
        names = []
        while True:
            n = native.clv_param_name(cls._model, len(names))
            if n is None:
                break
            names.append(n)
        if not names:
            raise native.InvalidArgument(native.error_last().message)
        return names

    @classmethod
    def from_params(cls, params=None, **kwargs):
        """A model with known parameters (published values, a fit made elsewhere).

        params: a dict {name: value} or a sequence in param_names() order;
        or keyword arguments (BetaGeo.from_params(r=0.24, alpha=4.4, a=0.79,
        b=2.4)). se, loglik and gradient_norm are NaN, iterations 0.
        Returns the model. Raises InvalidArgument (unknown or missing
        parameter, model not available).
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
            if len(values) != len(names):
                raise _c.bad_arg(f"{cls.__name__} has {len(names)} parameters {names}, "
                                 f"got {len(values)} values")
        self = cls()
        self._fit = native.clv_fit_result_make(
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
            raise _c.bad_arg(f"the JSON holds a {native.clv_model_name(fit.model)} fit, "
                             f"not {cls.__name__}")
        self = cls()
        self._fit = fit
        return self

    def to_json(self):
        """The fitted model as JSON text (parameters with 17 significant
        digits: from_json reads it back exactly). Raises InvalidArgument
        when not fitted."""
        return native.clv_fit_result_to_json(self.fit_result)

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
        """True when the optimiser's gradient test was met."""
        return bool(self.fit_result.converged)

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
        cols = {"coef": coef, "se": se, "lower 95%": coef - z * se, "upper 95%": coef + z * se}
        pd = _pandas()
        if pd is None:  # pragma: no cover
            return dict(cols, param=names)
        return pd.DataFrame(cols, index=pd.Index(names, name="param"))

    def __repr__(self):
        name = type(self).__name__
        if self._fit is None:
            return f"<{name}: not fitted>"
        ps = ", ".join(f"{k}={v:.4g}" for k, v in self.params.items())
        if self._fit.n_customers:
            return (f"<{name}: {ps}; loglik={self.loglik:.6g}, "
                    f"{self._fit.n_customers} customers, "
                    f"{'converged' if self.converged else 'NOT converged'}>")
        return f"<{name}: {ps}>"

    def _set_fit(self, fit, frequency, T):
        self._fit = fit
        self._data_max = (float(np.max(frequency)) if np.size(frequency) else 0.0,
                          float(np.max(T)) if np.size(T) else 0.0)
        return self


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
            out = native.clv_expected_purchases(fit, _c.real(t, "t"), f, r, a)
            return _result(np.asarray(out), scalar, index)
        (tt, f, r, a), scalar, index = _arrays(t, frequency, recency, T)
        ts = np.unique(tt)
        if ts.size <= 1 or np.isnan(ts).any():
            # one horizon for everyone (a NaN or empty input: the C library reports it)
            t0 = float(ts[0]) if ts.size == 1 else (np.nan if ts.size else 0.0)
            out = native.clv_expected_purchases(fit, t0, f, r, a)
        else:
            out = np.empty(f.size)
            for tv in ts:
                m = tt == tv
                out[m] = native.clv_expected_purchases(fit, float(tv), np.ascontiguousarray(f[m]),
                                                       np.ascontiguousarray(r[m]),
                                                       np.ascontiguousarray(a[m]))
        return _result(np.asarray(out), scalar, index)

    def p_alive(self, frequency, recency, T):
        """Probability that each customer is still alive.

        Returns a float for scalar inputs, else a float64 array (a Series with
        the index of a Series argument). Raises InvalidArgument (lengths,
        recency > T, frequency 0 with recency > 0), NanInput.
        """
        (f, r, a), scalar, index = _arrays(frequency, recency, T)
        return _result(np.asarray(native.clv_p_alive(self.fit_result, f, r, a)), scalar, index)

    def unconditional_purchases(self, t):
        """Expected purchases in (0, t] of a new customer; t a scalar (float
        result) or an array. Raises InvalidArgument (t < 0), NanInput."""
        ta = np.asarray(t, dtype=np.float64)
        fit = self.fit_result
        if ta.ndim == 0:
            return native.clv_unconditional_purchases(fit, float(ta))
        return np.array([native.clv_unconditional_purchases(fit, float(v)) for v in ta.ravel()]
                        ).reshape(ta.shape)


class _NBDModel(_PurchaseModel):
    def fit(self, frequency, recency=None, T=None, weights=None, *, penalty=0.0, threads=None,
            max_iterations=None, tol=None, progress=None):
        """Fit by maximum likelihood to (frequency, recency, T) per customer.

        frequency may be a summary table (DataFrame or dict with columns
        frequency, recency, T; and weights if present). weights: customers
        per row (whole numbers), or None. penalty: L2 penalty c added to the
        mean negative log-likelihood as c * sum(params^2) (lifetimes'
        penalizer_coef). threads: None (all cores) or a count (1 = the calling
        thread); results do not depend on it. max_iterations (default 500),
        tol: the relative gradient tolerance (default 1e-10).
        progress: None or a callable(iteration, loglik, gradient_norm),
        called after every iteration of the optimiser (iteration 1, 2, ...;
        the total log-likelihood without the penalty, as self.loglik will
        be; the max-abs gradient, as gradient_norm); a true return value
        stops the fit (Cancelled), an exception it raises stops the fit and
        propagates. Ctrl-C stops any fit (KeyboardInterrupt).
        Returns self. Raises InvalidArgument (lengths, recency > T, negative
        or fractional frequency, frequency 0 with recency > 0, model not
        available), NanInput, EmptyInput, OutOfMemory, Cancelled.
        """
        if recency is None and T is None and _is_table(frequency):
            table = frequency
            frequency = _column(table, "frequency")
            recency = _column(table, "recency")
            T = _column(table, "T")
            if weights is None:
                weights = _column(table, "weights", required=False)
        f, r, a = _c.f64(frequency), _c.f64(recency), _c.f64(T)
        w = np.empty(0) if weights is None else _c.f64(weights)
        fit = native.clv_fit(self._model, f, r, a, w, *_fit_args(penalty, threads,
                                                                  max_iterations, tol, progress))
        return self._set_fit(fit, f, a)


class BetaGeo(_NBDModel):
    """BG/NBD (Fader, Hardie & Lee 2005): parameters r, alpha, a, b.

    >>> m = BetaGeo.from_params(r=0.243, alpha=4.414, a=0.793, b=2.426)
    >>> m.params["alpha"]
    4.414
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

    def fit(self, frequency, monetary_value=None, *, penalty=0.0, threads=None,
            max_iterations=None, tol=None, progress=None):
        """Fit to the repeat buyers among (frequency, monetary_value) rows.

        frequency may be a summary table (columns frequency, monetary_value).
        Rows with frequency 0 are ignored; the others need monetary_value > 0.
        Options (progress too) as for BetaGeo.fit. Returns self. Raises
        InvalidArgument, NanInput, OutOfRange (monetary_value <= 0 for a
        repeat buyer), EmptyInput (no repeat buyer), OutOfMemory, Cancelled.
        """
        if monetary_value is None and _is_table(frequency):
            monetary_value = _column(frequency, "monetary_value")
            frequency = _column(frequency, "frequency")
        f, m = _c.f64(frequency), _c.f64(monetary_value)
        fit = native.clv_fit_gamma_gamma(f, m, *_fit_args(penalty, threads, max_iterations, tol,
                                                          progress))
        return self._set_fit(fit, f, m)

    def expected_profit(self, frequency, monetary_value):
        """Expected average profit per transaction of each customer (the
        population mean v p / (q - 1) for frequency 0).
        Returns a float for scalar inputs, else an array (a Series with the
        index of a Series argument). Raises InvalidArgument, NanInput,
        OutOfRange."""
        (f, m), scalar, index = _arrays(frequency, monetary_value)
        return _result(np.asarray(native.clv_expected_profit(self.fit_result, f, m)), scalar,
                       index)


class BetaGeoBetaBinom(_PurchaseModel):
    """BG/BB for discrete-time data (Fader, Hardie & Shang 2010): parameters
    alpha, beta, gamma, delta. Customers have n_periods transaction
    opportunities; frequency and recency count periods."""

    _model = native.CLV_BGBB

    def fit(self, frequency, recency=None, n_periods=None, weights=None, *, penalty=0.0,
            threads=None, max_iterations=None, tol=None, progress=None):
        """Fit to (frequency, recency, n_periods) patterns with weights
        (customers per pattern; None: one each).

        frequency may be a table with columns frequency, recency, periods (or
        n_periods) and weights (lifetimes' donations data). Options (progress
        too) as for BetaGeo.fit. Returns self. Raises InvalidArgument,
        NanInput, EmptyInput, OutOfMemory, Cancelled.
        """
        if recency is None and n_periods is None and _is_table(frequency):
            table = frequency
            frequency = _column(table, "frequency")
            recency = _column(table, "recency")
            n_periods = _column(table, "periods", "n_periods")
            if weights is None:
                weights = _column(table, "weights", required=False)
        f, r, n = _c.f64(frequency), _c.f64(recency), _c.f64(n_periods)
        w = np.empty(0) if weights is None else _c.f64(weights)
        fit = native.clv_fit_bgbb(f, r, n, w, *_fit_args(penalty, threads, max_iterations, tol,
                                                         progress))
        return self._set_fit(fit, f, n)

    def pmf(self, n_periods):
        """P(X(n) = x), x = 0..n_periods: the probability that a new customer
        makes x transactions in the first n_periods opportunities (a float64
        array summing to 1). Raises InvalidArgument (n_periods not a whole
        number in 0..1000000)."""
        return np.asarray(native.clv_bgbb_pmf(self.fit_result, _c.real(n_periods, "n_periods")))


class ShiftedBetaGeometric(_ClvModel):
    """Shifted-beta-geometric retention of a contractual cohort (Fader &
    Hardie 2007): parameters alpha, beta."""

    _model = native.CLV_SBG

    def fit(self, survivors, *, penalty=0.0, threads=None, max_iterations=None, tol=None,
            progress=None):
        """Fit to a cohort: survivors[0] customers at the start, survivors[t]
        still active after t periods (non-increasing). Options (progress
        too) as for BetaGeo.fit. Returns self. Raises InvalidArgument,
        Inconsistent (an increase), EmptyInput, Cancelled."""
        s = _c.f64(survivors)
        fit = native.clv_fit_sbg(s, *_fit_args(penalty, threads, max_iterations, tol, progress))
        self._fit = fit
        return self

    def curves(self, n):
        """(survival, retention) for t = 1..n: S(t) and r(t) = S(t) / S(t - 1),
        float64 arrays. Raises InvalidArgument."""
        s, r = native.clv_sbg_curves(_c.integer(n, "n"), self.fit_result)
        return np.asarray(s), np.asarray(r)

    def survival(self, n):
        """S(t) for t = 1..n (float64 array)."""
        return self.curves(n)[0]

    def retention(self, n):
        """r(t) = S(t) / S(t - 1) for t = 1..n (float64 array)."""
        return self.curves(n)[1]


_MODEL_CLASSES = {native.CLV_BGNBD: BetaGeo, native.CLV_MBGNBD: ModifiedBetaGeo,
                  native.CLV_PNBD: ParetoNBD, native.CLV_GG: GammaGamma,
                  native.CLV_BGBB: BetaGeoBetaBinom, native.CLV_SBG: ShiftedBetaGeometric}


def clv_model_from_json(text):
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


def clv(model, spend_model, frequency, recency, T, monetary_value, months=12, discount=0.01,
        periods_per_month=4.345):
    """Discounted customer lifetime value over `months` months, per customer.

    CLV = sum over months i = 1..months of (E[X(T, T + i f)] -
    E[X(T, T + (i - 1) f)]) x profit / (1 + d)^i, as lifetimes'
    customer_lifetime_value: E from the purchase model (BetaGeo,
    ModifiedBetaGeo, ParetoNBD), profit from the GammaGamma spend_model,
    f = periods_per_month (4.345 for weeks, the default; 30.4375 for days;
    1 for months) and d the monthly discount rate: a scalar or one per
    customer.
    Returns a float for scalar inputs, else a float64 array (a Series with the
    index of a Series argument). Raises InvalidArgument (models, lengths,
    months, periods_per_month <= 0, discount <= -1), NanInput.
    """
    (f, r, a, m), scalar, index = _arrays(frequency, recency, T, monetary_value)
    d = np.ascontiguousarray(np.atleast_1d(_c.f64(discount)).ravel(), dtype=np.float64)
    if d.size not in (1, f.size) and f.size > 0:
        raise _c.bad_arg(f"discount has {d.size} entries; give one rate or one per customer "
                         f"({f.size})")
    out = native.clv_discounted(_fit_of(model, "model"), _fit_of(spend_model, "spend_model"),
                                f, r, a, m, _c.real(months, "months"), d,
                                _c.real(periods_per_month, "periods_per_month"))
    return _result(np.asarray(out), scalar, index)


HoldoutErrors = _make("HoldoutErrors", native.clv_holdout_errors, """Predicted against actual holdout purchases.

n: customers; mae, rmse: mean absolute and root mean squared error;
total_predicted, total_actual: the sums.""")


def holdout_errors(predicted, actual):
    """MAE and RMSE of predicted against actual holdout purchases.

    Returns HoldoutErrors(n, mae, rmse, total_predicted, total_actual).
    Raises InvalidArgument (lengths differ), NanInput, EmptyInput.
    """
    return HoldoutErrors._from_native(native.clv_holdout_evaluate(_c.f64(predicted),
                                                                  _c.f64(actual)))


def calibration_table(frequency, predicted, actual, max_frequency=7):
    """Mean predicted and mean actual holdout purchases by calibration frequency.

    Rows 0..max_frequency; the last gathers every higher frequency (as
    lifetimes' plot_calibration_purchases_vs_holdout_purchases). Rows with no
    customer have NaN means and count 0.
    Returns a DataFrame indexed by frequency (columns predicted, actual,
    count), or a dict of numpy arrays (frequency, predicted, actual, count)
    without pandas. Raises InvalidArgument (lengths), NanInput.
    """
    mp, ma, cnt = native.clv_calibration_table(_c.integer(max_frequency, "max_frequency"),
                                               _c.f64(frequency), _c.f64(predicted),
                                               _c.f64(actual))
    freq = np.arange(len(cnt))
    cols = {"predicted": np.asarray(mp), "actual": np.asarray(ma),
            "count": np.asarray(cnt).astype(np.int64)}
    pd = _pandas()
    if pd is None:  # pragma: no cover
        return dict(cols, frequency=freq)
    return pd.DataFrame(cols, index=pd.Index(freq, name="frequency"))
