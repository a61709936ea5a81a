"""Clustering customers (cluster.h, spec §14): k-means, mini-batch k-means,
k-prototypes for mixed numeric + categorical data, standardisation, models
as JSON, assignment of new customers, quality measures (silhouette,
Davies-Bouldin, Calinski-Harabasz, adjusted Rand index), the choice of k,
stability by bootstrap and cluster profiles.

Every number is computed by the C library; this module converts data and
wraps results. The GIL is released during each C call (fits use the
threads of their options, results do not depend on their number).

    >>> import numpy as np, cxmetrics
    >>> X = np.array([[0.0, 0.0], [0.0, 1.0], [10.0, 0.0], [10.0, 1.0]])
    >>> r = cxmetrics.kmeans(X, 2, init=[[0.0, 0.0], [10.0, 0.0]])
    >>> r.labels.tolist(), r.inertia, r.converged
    ([0, 0, 1, 1], 1.0, True)

Data. X is a 2-D array (rows x features) or a pandas DataFrame:
  - a 2-D float64 C-contiguous numpy array is read in place, never copied
    (the C library gets its buffer); any other array (another dtype,
    Fortran order, a strided slice) or a list of rows is converted once to
    a C-contiguous float64 copy;
  - a DataFrame's numeric columns become the numeric features (one
    float64 copy: pandas keeps columns apart); its category, object and
    string columns are categorical features for k-prototypes. A category
    column keeps its categories as levels (code i = category i); the
    levels of a text column are numbered by the C table (first seen
    first). Feature and level names go to the model (JSON, profiles,
    centroids' columns).
Labels are numpy uint32 arrays, 0 .. k - 1, one per row.

cluster(data, k) picks k-means or k-prototypes from the columns, k="auto"
chooses k by the silhouette among k_min..k_max (choose_k reports the elbow
and the gap too). The plots are cxmetrics.cluster_plot.

The package exports this module's functions, so cxmetrics.cluster is the
function cluster(); import names from the module itself with
`from cxmetrics.cluster import kmeans, ClusterModel`.
"""

from typing import Any, Optional

import json
import math
import re

import numpy as np

from . import _convert as _c
from . import _table
from . import native
from ._results import JsonBacked

__all__ = [
    "ClusterModel", "ClusterResult", "kmeans", "kprototypes", "cluster", "standardize",
    "standardize_apply", "silhouette", "davies_bouldin", "calinski_harabasz",
    "adjusted_rand_index", "sample_rows", "choose_k", "stability", "profiles",
]

_KIND = native.NAMES_CLUSTER_KIND
#: The defaults of the C library (cluster.h).
MAX_ITERATIONS_DEFAULT = native.CLUSTER_MAX_ITERATIONS_DEFAULT
TOL_DEFAULT = native.CLUSTER_TOL_DEFAULT
SEED_DEFAULT = native.CLUSTER_SEED_DEFAULT
GAP_REFERENCES_DEFAULT = native.CLUSTER_GAP_REFERENCES_DEFAULT
SILHOUETTE_SAMPLE_DEFAULT = native.CLUSTER_SILHOUETTE_SAMPLE_DEFAULT
BOOTSTRAP_DEFAULT = native.CLUSTER_BOOTSTRAP_DEFAULT


# ---- data -------------------------------------------------------------------------

def _is_frame(x):
    return hasattr(x, "columns") and hasattr(x, "dtypes") and hasattr(x, "iloc")


def _is_categorical(series):
    """category, object, str and the pandas string dtype: a categorical feature."""
    kind = getattr(series.dtype, "kind", "O")
    name = str(series.dtype)
    return name == "category" or name.startswith("string") or kind in "OUS"


def _matrix(x, what="X"):
    """A 2-D numeric array as the C library reads it: (flat float64 view, rows, cols).

    A C-contiguous float64 array is passed as a flat view of its own buffer
    (no copy); anything else is converted once (np.ascontiguousarray)."""
    a = x if isinstance(x, np.ndarray) else np.asarray(x, dtype=np.float64)
    if a.ndim != 2:
        raise _c.bad_arg(f"{what} must be 2-D (rows x features), got {a.ndim} dimension(s); "
                         "use X.reshape(-1, 1) for one feature")
    if a.dtype != np.float64 or not a.flags.c_contiguous:
        if a.dtype.kind == "c":
            raise TypeError(f"{what}: complex values cannot be clustered")
        if a.dtype.kind not in "biuf":
            raise TypeError(f"{what} must hold numbers, got dtype {a.dtype}")
        a = np.ascontiguousarray(a, dtype=np.float64)
    return a.reshape(-1), a.shape[0], a.shape[1]


def _uint32(values, what):
    a = np.asarray(values)
    if a.dtype == np.uint32 and a.flags.c_contiguous:
        return a.reshape(-1)
    if a.size and a.dtype.kind not in "biu":
        if a.dtype.kind == "f" and np.all(np.isfinite(a)) and np.all(a == np.floor(a)):
            a = a.astype(np.int64)
        else:
            raise TypeError(f"{what} must hold integers, got dtype {a.dtype}")
    if a.size and (a.min() < 0 or a.max() > np.iinfo(np.uint32).max):
        raise _c.bad_arg(f"{what} must be integers 0 .. 2^32 - 1 (found {a.min()} .. {a.max()})")
    return np.ascontiguousarray(a, dtype=np.uint32).reshape(-1)


def _labels(labels):
    return _uint32(labels, "labels")


class _Data:
    """Features as the C functions take them: x (flat float64) with n_cols,
    codes (flat uint32) with n_cat and the level counts, names, level names."""

    def __init__(self):
        self.x = np.empty(0)
        self.n_cols = 0
        self.codes = np.empty(0, dtype=np.uint32)
        self.n_cat = 0
        self.levels = np.empty(0, dtype=np.uint32)
        self.level_names = []   # per categorical column: list of str (or None)
        self.num_names = []
        self.cat_names = []
        self.rows = 0
        self.index = None

    @property
    def names(self):
        return self.num_names + self.cat_names

    def named(self):
        return bool(self.names) and all(isinstance(n, str) for n in self.names)


def _no_missing(values, name):
    """NanInput naming the row and column of the first missing categorical value."""
    pd = _table.pandas()
    missing = pd.isna(values) if pd is not None else np.array([v is None for v in values])
    if np.any(missing):
        row = int(np.flatnonzero(np.asarray(missing))[0])
        raise native.NanInput(f"NAN: row {row}, column {name!r}: a missing categorical value "
                              "(fill it or drop the row)")


def _text_codes(values, name):
    """Codes and levels of a text column, numbered by the C table (first seen
    first); a missing value raises NanInput naming the row and column."""
    _no_missing(values, name)
    h = native.table_new()
    native.table_add_texts(h, name, [str(v) for v in values])
    codes = native.table_copy_codes(len(values), h, 0)
    levels = [native.table_level(h, 0, i) for i in range(native.table_level_count(h, 0))]
    return codes, levels


def _category_codes(series, name):
    codes = np.asarray(series.cat.codes, dtype=np.int64)
    if codes.size and codes.min() < 0:
        row = int(np.flatnonzero(codes < 0)[0])
        raise native.NanInput(f"NAN: row {row}, column {name!r}: a missing categorical value "
                              "(fill it or drop the row)")
    return codes.astype(np.uint32), [str(c) for c in series.cat.categories]


def _frame_data(df, columns=None, categorical=None):
    """_Data of a DataFrame: `columns` (default every column), categorical
    columns `categorical` (default: those of category, object or string dtype)."""
    cols = [str(c) for c in df.columns] if columns is None else [str(c) for c in columns]
    lookup = {str(c): c for c in df.columns}
    missing = [c for c in cols if c not in lookup]
    if categorical is not None:
        missing += [str(c) for c in categorical if str(c) not in lookup]
    if missing:
        raise _c.bad_arg(f"no column {missing[0]!r} in the data; its columns are: "
                         f"{', '.join(map(str, df.columns))}")
    if categorical is None:
        cat = [c for c in cols if _is_categorical(df[lookup[c]])]
    else:
        cat = [str(c) for c in categorical]
        cols = cols + [c for c in cat if c not in cols]
    num = [c for c in cols if c not in cat]
    d = _Data()
    d.rows = len(df)
    d.index = df.index
    d.num_names, d.cat_names = num, cat
    if num:
        for c in num:
            if _is_categorical(df[lookup[c]]):
                raise _c.bad_arg(f"column {c!r} holds text ({df[lookup[c]].dtype}); "
                                 "name it among the categorical columns")
        x = np.ascontiguousarray(df[[lookup[c] for c in num]].to_numpy(dtype=np.float64))
        d.x, d.n_cols = x.reshape(-1), len(num)
    if cat:
        codes, levels = [], []
        for c in cat:
            s = df[lookup[c]]
            cc, lv = _category_codes(s, c) if str(s.dtype) == "category" else _text_codes(s, c)
            codes.append(cc)
            levels.append(lv)
        d.codes = np.ascontiguousarray(np.column_stack(codes), dtype=np.uint32).reshape(-1)
        d.n_cat = len(cat)
        d.levels = np.array([len(lv) for lv in levels], dtype=np.uint32)
        d.level_names = levels
    return d


def _data(X, columns=None, categorical=None, codes=None, levels=None):
    """_Data of X (array or DataFrame) and, for arrays, the categorical codes
    (rows x n_cat integers) with their level counts (default max code + 1)."""
    if _is_frame(X):
        if codes is not None:
            raise TypeError("codes= goes with an array X; a DataFrame carries its categorical columns")
        return _frame_data(X, columns, categorical)
    if categorical is not None:
        raise TypeError("categorical= names DataFrame columns; with arrays give codes=")
    d = _Data()
    if X is not None:
        d.x, d.rows, d.n_cols = _matrix(X)
        if columns is not None:
            d.num_names = [str(c) for c in columns]
    if codes is not None:
        c = np.asarray(codes)
        if c.ndim != 2:
            raise _c.bad_arg(f"codes must be 2-D (rows x categorical features), got {c.ndim} dimension(s)")
        if X is not None and c.shape[0] != d.rows:
            raise _c.bad_arg(f"codes has {c.shape[0]} rows, X has {d.rows}")
        d.rows = c.shape[0]
        d.codes, d.n_cat = _uint32(c, "codes"), c.shape[1]
        if levels is None:
            levels = (c.max(axis=0) + 1) if c.size else np.zeros(c.shape[1])
        d.levels = _uint32(levels, "levels")
    return d


_COLUMN_RE = re.compile(r"\b(categorical )?column (\d+)\b")


def _call(d, fn, *args):
    """fn(*args); a library error naming a column by number ("column 1" of
    the numbers, "categorical column 0") gets its name too."""
    try:
        return fn(*args)
    except native.Error as e:
        msg = str(e)
        if d is None or not _COLUMN_RE.search(msg) or "'" in msg:
            raise

        def name(m):
            names = d.cat_names if m.group(1) else d.num_names
            j = int(m.group(2))
            return f"{m.group(0)} ({names[j]!r})" if 0 <= j < len(names) else m.group(0)
        raise type(e)(_COLUMN_RE.sub(name, msg)) from None


# ---- options ----------------------------------------------------------------------

def _init_matrix(init, d, what="init"):
    if _is_frame(init):
        if d.num_names:
            init = init[[c for c in d.num_names]]
        init = init.to_numpy(dtype=np.float64)
    flat, _, cols = _matrix(init, what)
    if cols != d.n_cols:
        raise _c.bad_arg(f"{what} has {cols} columns, the data {d.n_cols} numeric features")
    return flat


def _init_modes(modes, d):
    """Initial modes: level codes, or level texts of the data's columns."""
    if _is_frame(modes):
        modes = modes[[c for c in d.cat_names]].to_numpy(dtype=object) if d.cat_names \
            else modes.to_numpy(dtype=object)
    m = np.asarray(modes, dtype=object if not isinstance(modes, np.ndarray) else None)
    if m.ndim != 2:
        raise _c.bad_arg(f"init modes must be 2-D (k x categorical features), got {m.ndim} dimension(s)")
    if m.dtype.kind in "OUS":
        out = np.empty(m.shape, dtype=np.uint32)
        for j in range(m.shape[1]):
            lv = d.level_names[j] if j < len(d.level_names) else None
            for i in range(m.shape[0]):
                v = m[i, j]
                if isinstance(v, str):
                    if lv is None or v not in lv:
                        raise _c.bad_arg(f"init mode {i}, column {j}: {v!r} is not a level of "
                                         f"the data")
                    out[i, j] = lv.index(v)
                else:
                    out[i, j] = int(v)
        m = out
    return _uint32(m, "init modes")


def _options(k=None, seed=None, init=None, init_modes=None, n_init=None, max_iter=None, tol=None,
             batch_size=None, gamma=None, threads=None, progress=None, d=None):
    """The options object (cxm_cluster_opts) through its setters; None keeps
    the C library's default."""
    o = native.cluster_opts_new()
    if k is not None:
        native.cluster_opts_set_k(o, _c.integer(k, "k"))
    if seed is not None:
        native.cluster_opts_set_seed(o, _c.integer(seed, "seed"))
    if init is not None:
        native.cluster_opts_set_init(o, _init_matrix(init, d))
    if init_modes is not None:
        native.cluster_opts_set_init_modes(o, _init_modes(init_modes, d))
    if n_init is not None:
        native.cluster_opts_set_n_init(o, _c.integer(n_init, "n_init"))
    if max_iter is not None:
        native.cluster_opts_set_max_iterations(o, _c.integer(max_iter, "max_iter"))
    if tol is not None:
        native.cluster_opts_set_tol(o, _c.real(tol, "tol"))
    if batch_size is not None:
        native.cluster_opts_set_batch_size(o, _c.integer(batch_size, "batch_size"))
    if gamma is not None:
        native.cluster_opts_set_gamma(o, _c.real(gamma, "gamma"))
    if threads is not None:
        native.cluster_opts_set_threads(o, _c.integer(threads, "threads"))
    native.cluster_opts_set_progress(o, progress)
    return o


# ---- models -----------------------------------------------------------------------

class ClusterModel(JsonBacked):
    """A fitted clustering (cxm_cluster_model): centres (and modes), sizes,
    cost, feature and level names. Save with to_json(), read back with
    ClusterModel.from_json(), label new rows with assign()."""

    def __init__(self, handle: Any, level_names: Any = None) -> None:
        self._h = handle
        self._info = native.cluster_model_info(handle)
        self._level_names = level_names

    # -- facts ---------------------------------------------------------------------
    @property
    def kind(self) -> Any:
        """"kmeans" or "kprototypes" (the C names table CLUSTER_KIND)."""
        return _c.word(_KIND, self._info.kind)

    @property
    def k(self) -> int:
        """Clusters."""
        return self._info.k

    @property
    def n_cols(self) -> int:
        """Numeric features."""
        return self._info.n_cols

    @property
    def n_cat(self) -> int:
        """Categorical features."""
        return self._info.n_cat

    @property
    def rows(self) -> int:
        """Rows it was fitted on."""
        return self._info.rows

    @property
    def cost(self) -> float:
        """The inertia (k-means) or the k-prototypes cost."""
        return self._info.cost

    inertia = cost

    @property
    def gamma(self) -> Optional[float]:
        """The categorical weight (None for k-means)."""
        return _c.nan_to_none(self._info.gamma)

    @property
    def iterations(self) -> int:
        """Iterations of the best run."""
        return self._info.iterations

    @property
    def converged(self) -> bool:
        """True when the best run converged."""
        return bool(self._info.converged)

    @property
    def names(self) -> Any:
        """Feature names, numeric first (None for an unnamed feature)."""
        return [native.cluster_model_name(self._h, i) for i in range(self.n_cols + self.n_cat)]

    @property
    def level_names(self) -> Any:
        """Per categorical feature, its level texts (code i = level i), or None."""
        if self._level_names is None:
            self._level_names = [_model_levels(self._h, j) for j in range(self.n_cat)]
        return self._level_names

    def _columns(self, start, count, prefix):
        names = self.names[start:start + count]
        return [n if n is not None else f"{prefix}{j}" for j, n in enumerate(names)]

    @property
    def centres(self) -> Any:
        """The numeric centres, a k x n_cols float64 array."""
        return native.cluster_model_centres(self.k * self.n_cols, self._h).reshape(self.k, self.n_cols)

    @property
    def modes(self) -> Any:
        """The categorical modes, a k x n_cat uint32 array of level codes."""
        return native.cluster_model_modes(self.k * self.n_cat, self._h).reshape(self.k, self.n_cat)

    @property
    def sizes(self) -> Any:
        """Rows per cluster in the fit (float64, k)."""
        return native.cluster_model_sizes(self.k, self._h)

    def centroids(self, as_frame: Optional[bool] = None) -> Any:
        """The prototypes as a table, one row per cluster (index "cluster"):
        the numeric centres under the feature names, then the modes as level
        texts (codes when the levels are unnamed)."""
        cols = dict(zip(self._columns(0, self.n_cols, "x"), self.centres.T))
        if self.n_cat:
            lv = self.level_names
            for j, (name, codes) in enumerate(zip(self._columns(self.n_cols, self.n_cat, "c"),
                                                  self.modes.T)):
                names = lv[j] if lv and j < len(lv) and lv[j] else None
                cols[name] = (np.array([names[c] for c in codes], dtype=object) if names
                              else codes)
        cols = {"cluster": np.arange(self.k)} | cols
        return _table.make(cols, index="cluster", as_frame=as_frame)

    def __repr__(self):
        return (f"ClusterModel(kind={self.kind!r}, k={self.k}, n_cols={self.n_cols}, "
                f"n_cat={self.n_cat}, cost={self.cost!r})")

    # -- JSON --------------------------------------------------------------------
    def to_json(self) -> Any:
        """The model as JSON text (spec §14.3; numbers read back exactly)."""
        return native.cluster_model_to_json(self._h)

    @classmethod
    def from_json(cls, text: Any) -> Any:
        """A model from to_json() text. Raises ParseError (byte offset, or the
        missing key), InconsistentInput, NanInput, OutOfRange."""
        if isinstance(text, (bytes, bytearray)):
            text = bytes(text).decode("utf-8")
        return cls(native.cluster_model_from_json(text))

    # -- new rows ----------------------------------------------------------------
    def _new_data(self, X, codes=None):
        """Data for assign(): a DataFrame's columns by the model's feature
        names (its level texts mapped to the model's codes; a level the model
        never saw counts as a mismatch with every mode), or an array."""
        if not _is_frame(X):
            if not self.n_cols and codes is None:   # a model of categorical features only
                X, codes = None, X
            # the level counts do not matter to assign: every code is taken
            levels = None if codes is None else np.zeros(np.shape(codes)[1])
            return _data(X, codes=codes, levels=levels)
        names = self.names
        if any(n is None for n in names):
            num = list(X.columns[:self.n_cols])
            cat = list(X.columns[self.n_cols:self.n_cols + self.n_cat])
        else:
            num, cat = names[:self.n_cols], names[self.n_cols:]
        missing = [c for c in num + cat if c not in X.columns]
        if missing:
            raise _c.bad_arg(f"no column {missing[0]!r} in the data; the model's features are: "
                             f"{', '.join(map(str, names))}")
        d = _Data()
        d.rows, d.index, d.num_names, d.cat_names = len(X), X.index, [str(c) for c in num], \
            [str(c) for c in cat]
        if num:
            d.x = np.ascontiguousarray(X[num].to_numpy(dtype=np.float64)).reshape(-1)
            d.n_cols = len(num)
        if cat:
            lv = self.level_names or [None] * len(cat)
            cols = []
            for j, c in enumerate(cat):
                s = X[c]
                levels = lv[j] if j < len(lv) else None
                if levels:
                    pos = {t: i for i, t in enumerate(levels)}
                    unseen = len(levels)
                    _no_missing(s, str(c))
                    cols.append(np.array([pos.get(str(v), unseen) for v in s], dtype=np.uint32))
                else:
                    cols.append(_uint32(np.asarray(s), f"column {c!r}"))
            d.codes = np.ascontiguousarray(np.column_stack(cols), dtype=np.uint32).reshape(-1)
            d.n_cat = len(cat)
        return d

    def assign(self, X: Any, codes: Any = None, return_cost: bool = False) -> Any:
        """Label new rows by their nearest prototype (ties to the lowest
        label). X: a DataFrame (columns by the model's feature names) or an
        array of the numeric features, with codes= the categorical codes of a
        k-prototypes model. Returns labels (uint32), or (labels, cost) with
        each row's distance to its prototype when return_cost."""
        d = self._new_data(X, codes)
        n = d.rows
        # the costs are always asked for: an output of length 0 is still a
        # buffer (not NULL), which the C function would take as too small
        labels, cost = _call(d, native.cluster_assign, n, n, self._h, d.x,
                             d.n_cols, d.codes, d.n_cat)
        return (labels, cost) if return_cost else labels


def _model_levels(h, cat):
    """The level texts of categorical feature `cat` of a model, None when unnamed."""
    n = native.cluster_model_level_count(h, cat)
    texts = [native.cluster_model_level(h, cat, i) for i in range(n)]
    return None if n == 0 or texts[0] is None else texts

def _name_model(h, d):
    if d.named():
        native.cluster_model_set_names(h, d.names)
    for j, lv in enumerate(d.level_names):
        if lv:
            native.cluster_model_set_levels(h, j, lv)


class ClusterResult:
    """A fit: labels (uint32, one per row), the model, and its facts —
    k, kind, inertia (= cost: the k-prototypes cost for mixed data),
    iterations, converged, sizes, gamma; centroids (a DataFrame, one row
    per cluster, the features by name); choose_k (the table of k = k_min ..
    k_max when k was chosen, else None); means / scales (the standardisation
    applied before the fit, else None)."""

    def __init__(self, model: Any, labels: Any, index: Any = None, choose: Any = None, means: Any = None,
                 scales: Any = None, num_names: Any = None) -> None:
        self.model = model
        self.labels = labels
        self.index = index
        self.choose_k = choose
        self.means = means
        self.scales = scales
        self._num_names = num_names

    @property
    def kind(self) -> str:
        """"kmeans" or "kprototypes" (the model's)."""
        return self.model.kind

    @property
    def k(self) -> int:
        """Clusters (the model's)."""
        return self.model.k

    @property
    def inertia(self) -> float:
        """The inertia or the k-prototypes cost (the model's)."""
        return self.model.cost

    cost = inertia

    @property
    def iterations(self) -> int:
        """Iterations (the model's)."""
        return self.model.iterations

    @property
    def converged(self) -> bool:
        """Converged (the model's)."""
        return self.model.converged

    @property
    def gamma(self) -> Optional[float]:
        """The categorical weight, None for k-means (the model's)."""
        return self.model.gamma

    @property
    def sizes(self) -> Any:
        """Rows per cluster (the model's)."""
        return self.model.sizes

    @property
    def centroids(self) -> Any:
        """The prototypes (DataFrame, index "cluster"), in the units of the
        fit (standardised units when the data were standardised)."""
        return self.model.centroids()

    def labels_series(self) -> Any:
        """The labels as a pandas Series on the data's index (name "label")."""
        pd = _table.pandas()
        return pd.Series(self.labels.astype(np.int64), index=self.index, name="label")

    def assign(self, X: Any, codes: Any = None, return_cost: bool = False) -> Any:
        """model.assign() after the standardisation of the fit, if any."""
        if self.means is not None:
            X = _standardized_like(X, self.means, self.scales, self._num_names)
        return self.model.assign(X, codes, return_cost)

    def to_dict(self) -> Any:
        """The facts as a dict (labels as a list), and what from_dict needs to
        rebuild the result: the model (ClusterModel.to_dict, the C library's
        JSON), the data's index ({"name", "values"}, None for an array),
        choose_k (records and schema, None unless k was chosen), the
        standardisation (means, scales, num_names). NaN as None."""
        from ._results import to_plain
        index = None
        if self.index is not None:
            try:
                values = to_plain(list(self.index))
            except TypeError:  # a label JSON cannot hold (a Timestamp): its text
                values = [str(v) for v in self.index]
            index = {"name": to_plain(self.index.name), "values": values}
        choose = None if self.choose_k is None else \
            {"rows": _table.records(self.choose_k), "schema": _table.schema(self.choose_k)}
        return to_plain({"kind": self.kind, "k": self.k, "inertia": self.inertia,
                         "iterations": self.iterations, "converged": self.converged,
                         "sizes": self.sizes.tolist(), "gamma": self.gamma, "labels": self.labels.tolist(),
                         "model": self.model.to_dict(), "index": index, "choose_k": choose,
                         "means": self.means, "scales": self.scales, "num_names": self._num_names})

    def to_json(self) -> str:
        """to_dict() as JSON text (NaN as null)."""
        return json.dumps(self.to_dict(), allow_nan=False)

    @classmethod
    def from_dict(cls, d: Any) -> "ClusterResult":
        """The ClusterResult of a to_dict(). The model comes back as a C model
        (ClusterModel.from_dict), so assign() works as on the fit; the facts
        (kind, k, inertia, ...) are the model's and must agree with it.
        Raises InvalidArgument naming the key and the value, and the model's
        reader's errors."""
        if not isinstance(d, dict):
            raise _c.bad_arg(f"ClusterResult.from_dict needs a dict, not {type(d).__name__}")
        keys = ("kind", "k", "inertia", "iterations", "converged", "sizes", "gamma", "labels",
                "model", "index", "choose_k", "means", "scales", "num_names")
        missing = [k for k in keys if k not in d]
        unknown = sorted(str(k) for k in d if k not in keys)
        if missing or unknown:
            raise _c.bad_arg(f"ClusterResult.from_dict: missing keys {missing}, unknown keys {unknown}")

        def floats(key):
            v = d[key]
            if v is None:
                return None
            try:
                return np.asarray([math.nan if x is None else x for x in v], dtype=np.float64)
            except (TypeError, ValueError):
                raise _c.bad_arg(f"ClusterResult.from_dict: key '{key}' holds {v!r:.80}, "
                                 "not a list of numbers") from None

        try:
            labels = np.asarray(d["labels"], dtype=np.uint32)
        except (TypeError, ValueError, OverflowError):
            raise _c.bad_arg(f"ClusterResult.from_dict: key 'labels' holds {d['labels']!r:.80}, "
                             "not a list of cluster numbers") from None
        index = d["index"]
        if index is not None:
            if not isinstance(index, dict) or set(index) != {"name", "values"}:
                raise _c.bad_arg(f"ClusterResult.from_dict: key 'index' holds {index!r:.80}, "
                                 "not {\"name\", \"values\"}")
            index = _table.pandas().Index(index["values"], name=index["name"])
        choose = d["choose_k"]
        if choose is not None:
            if not isinstance(choose, dict) or set(choose) != {"rows", "schema"}:
                raise _c.bad_arg(f"ClusterResult.from_dict: key 'choose_k' holds {choose!r:.80}, "
                                 "not {\"rows\", \"schema\"}")
            choose = _table.from_records(choose["rows"], choose["schema"],
                                         "ClusterResult.from_dict: 'choose_k'")
        names = d["num_names"]
        if names is not None and not (isinstance(names, list) and all(isinstance(n, str) for n in names)):
            raise _c.bad_arg(f"ClusterResult.from_dict: key 'num_names' holds {names!r:.80}, "
                             "not a list of column names")
        r = cls(ClusterModel.from_dict(d["model"]), labels, index, choose, floats("means"),
                floats("scales"), names)
        # the facts are the model's: a dict that says otherwise was edited
        mine = r.to_dict()
        for k in ("kind", "k", "inertia", "iterations", "converged", "sizes", "gamma"):
            if d[k] != mine[k]:
                raise _c.bad_arg(f"ClusterResult.from_dict: key '{k}' holds {d[k]!r:.80}, "
                                 f"the model says {mine[k]!r:.80}")
        return r

    @classmethod
    def from_json(cls, text: Any) -> "ClusterResult":
        """The ClusterResult of to_json() text. Raises ParseError (line, column), InvalidArgument."""
        from ._results import _loads
        return cls.from_dict(_loads(text, "ClusterResult"))

    def __eq__(self, other: object) -> bool:
        # equal when their dicts are: NaN is None there, so NaN equals NaN
        if not isinstance(other, ClusterResult):
            return NotImplemented
        return self.to_dict() == other.to_dict()

    __hash__ = None  # type: ignore[assignment]  # the model is a mutable C object

    def __repr__(self):
        return (f"ClusterResult(kind={self.kind!r}, k={self.k}, inertia={self.inertia!r}, "
                f"iterations={self.iterations}, converged={self.converged})")


def _fit(d, opts, choose=None, means=None, scales=None):
    if d.n_cat:
        h, labels = _call(d, native.kprototypes_fit, d.rows, d.x, d.n_cols, d.codes, d.n_cat,
                          d.levels, opts)
    else:
        h, labels = _call(d, native.kmeans_fit, d.rows, d.x, d.n_cols, opts)
    _name_model(h, d)
    model = ClusterModel(h, [list(lv) if lv else None for lv in d.level_names])
    return ClusterResult(model, labels, d.index, choose, means, scales, d.num_names)


def kmeans(X: Any, k: Any = None, *, init: Any = None, n_init: Any = None, seed: Any = None,
           max_iter: Any = None, tol: Any = None, batch_size: Any = None, threads: Any = None,
           progress: Any = None, columns: Any = None) -> "ClusterResult":
    """k-means (spec §14.1): k-means++ seeding (scikit-learn's greedy variant,
    our seeded generator) or the given centres, then Lloyd iterations; with
    batch_size, mini-batch k-means (Sculley 2010).

    X: 2-D array (float64 C-contiguous: read in place; anything else is
    converted once) or a DataFrame of numeric columns (columns= picks them).
    k: clusters (default 8, the C library's; with init, its row count, and a
    k that differs raises InvalidArgument). init: k x features initial
    centres (array or DataFrame); n_init: seeded
    initialisations, the best kept (default 1); seed (default 0); max_iter
    (default 300); tol (default 1e-4, scikit-learn's rule); threads (default
    all cores); progress: None or callable(iteration, max_iter, cost), a true
    result stops the fit (Cancelled).
    Returns ClusterResult. Raises InvalidArgument, EmptyInput, NanInput /
    OutOfRange (naming row and column), TooFew (fewer distinct rows than
    k), Cancelled.
    """
    d = _data(X, columns=columns, categorical=[] if _is_frame(X) else None)
    if d.n_cat:
        raise _c.bad_arg("kmeans takes numeric features; use kprototypes for categorical ones")
    opts = _options(k, seed, init, None, n_init, max_iter, tol, batch_size, None, threads, progress, d)
    return _fit(d, opts)


def kprototypes(X: Any, k: Any = None, *, categorical: Any = None, codes: Any = None, levels: Any = None,
                init: Any = None, gamma: Any = None, n_init: Any = None, seed: Any = None,
                max_iter: Any = None, threads: Any = None, progress: Any = None,
                columns: Any = None) -> "ClusterResult":
    """k-prototypes (Huang 1998, spec §14.2) on numeric + categorical features:
    cost = sum of squared Euclidean distances + gamma x mismatches.

    X: a DataFrame (categorical columns: category / object / string dtypes,
    or those named in categorical=), or a numeric array with codes= (rows x
    categorical features, integer level codes) and levels= (level count of
    each categorical column; default max code + 1). X may be None with codes
    only. init: (centres, modes) — k x numeric centres and k x categorical
    modes (codes or level texts). gamma: default Huang's rule (0.5 x the mean
    standard deviation of the numeric columns).
    Returns ClusterResult (inertia is the cost). Raises as kmeans, and
    InconsistentInput for a categorical column with one level.
    """
    d = _data(X, columns=columns, categorical=categorical, codes=codes, levels=levels)
    if not d.n_cat:
        raise _c.bad_arg("kprototypes needs categorical features (categorical columns, or codes=)")
    centres = modes = None
    if init is not None:
        if not isinstance(init, tuple) or len(init) != 2:
            raise TypeError("init must be a pair (centres, modes)")
        centres, modes = init
    opts = _options(k, seed, centres, modes, n_init, max_iter, None, None, gamma, threads,
                    progress, d)
    return _fit(d, opts)


def cluster(data: Any, k: Any = None, *, columns: Any = None, categorical: Any = None,
            standardize: bool = False, k_min: int = 2, k_max: int = 10,
            silhouette_sample: int = SILHOUETTE_SAMPLE_DEFAULT, references: int = GAP_REFERENCES_DEFAULT,
            init: Any = None, seed: Any = None, n_init: Any = None, max_iter: Any = None,
            gamma: Any = None, threads: Any = None, progress: Any = None) -> "ClusterResult":
    """Cluster customers: k-means on numeric features, k-prototypes when
    categorical features are present (a DataFrame's category / object /
    string columns, or categorical=).

    k: an int, or "auto": choose_k over k_min..k_max and fit the k of the
    highest silhouette (result.choose_k holds the table, with the elbow and
    gap choices in its attrs). standardize: fit on standardised numeric
    features (StandardScaler's rule; result.means / result.scales, and
    result.assign applies them to new rows). Other options as kmeans /
    kprototypes. Returns ClusterResult.
    """
    if isinstance(k, str) and init is not None:
        raise _c.bad_arg("k='auto' and init cannot go together: the initial centres fix k")
    d = _data(data, columns=columns, categorical=categorical)
    means = scales = None
    if standardize and d.n_cols:
        z, means, scales = _standardize_flat(d.x, d.n_cols)
        d.x = z
    choose = None
    if isinstance(k, str):
        if k != "auto":
            raise _c.bad_arg(f"k must be an integer or 'auto', not {k!r}")
        opts = _options(None, seed, None, None, n_init, max_iter, None, None, gamma, threads,
                        progress, d)
        h = _call(d, native.cluster_choose_k, d.x, d.n_cols, d.codes, d.n_cat, d.levels,
                  _c.integer(k_min, "k_min"), _c.integer(k_max, "k_max"),
                  _c.integer(silhouette_sample, "silhouette_sample"),
                  _c.integer(references, "references"), opts)
        choose = _choose_frame(h)
        k = int(native.table_get_attr_number(h, "best_silhouette"))
    centres = modes = None
    if init is not None:
        centres, modes = init if d.n_cat else (init, None)
    opts = _options(k, seed, centres, modes, n_init, max_iter, None, None, gamma, threads,
                    progress, d)
    return _fit(d, opts, choose, means, scales)


# ---- standardisation ---------------------------------------------------------------

def _standardize_flat(x, n_cols):
    means, scales = native.standardize_fit(n_cols, n_cols, x, n_cols)
    z = native.standardize_apply(x.size, x, n_cols, means, scales)
    return z, means, scales


def standardize(X: Any) -> Any:
    """Column means and population standard deviations (ddof 0) as
    scikit-learn's StandardScaler (a constant column gets scale 1), and the
    data standardised with them. X: 2-D array or a DataFrame of numeric
    columns. Returns (Z, means, scales): Z of X's kind (a DataFrame keeps its
    columns and index). Raises InvalidArgument, EmptyInput, NanInput /
    OutOfRange (naming row and column)."""
    d = _data(X, categorical=[] if _is_frame(X) else None)
    z, means, scales = _call(d, _standardize_flat, d.x, d.n_cols)
    z = z.reshape(d.rows, d.n_cols)
    if _is_frame(X):
        pd = _table.pandas()
        return (pd.DataFrame(z, columns=X.columns, index=X.index), pd.Series(means, index=X.columns),
                pd.Series(scales, index=X.columns))
    return z, means, scales


def standardize_apply(X: Any, means: Any, scales: Any) -> Any:
    """(X - means) / scales column by column, with the means and scales of
    standardize(). Returns an array (a DataFrame for a DataFrame)."""
    d = _data(X, categorical=[] if _is_frame(X) else None)
    z = _call(d, native.standardize_apply, d.x.size, d.x, d.n_cols, _c.f64(np.asarray(means)),
              _c.f64(np.asarray(scales))).reshape(d.rows, d.n_cols)
    if _is_frame(X):
        return _table.pandas().DataFrame(z, columns=X.columns, index=X.index)
    return z


def _standardized_like(X, means, scales, num_names):
    """New rows standardised as the fit's numeric features were."""
    if _is_frame(X):
        out = X.copy()
        cols = list(num_names)
        out[cols] = standardize_apply(X[cols], means, scales).to_numpy()
        return out
    return standardize_apply(X, means, scales)


# ---- quality ----------------------------------------------------------------------

def _quality_args(X, labels, codes, gamma, categorical):
    d = _data(X, categorical=categorical, codes=codes)
    lab = _labels(labels)
    g = math.nan if gamma is None else _c.real(gamma, "gamma")
    return d, lab, g


def silhouette(X: Any, labels: Any, *, sample: int = 0, seed: int = 0, codes: Any = None,
               categorical: Any = None, gamma: Any = None, threads: Optional[int] = None) -> float:
    """Mean silhouette (Rousseeuw 1987), as scikit-learn's silhouette_score;
    sample > 0: over a seeded sample of rows (sample_rows(rows, sample,
    seed)), as silhouette_score(X[idx], labels[idx]). Mixed data (a
    DataFrame with categorical columns, or codes=) use sqrt of the
    k-prototypes dissimilarity with this gamma (the fit's is result.gamma;
    None: Huang's rule, as a fit with the default). Returns float. Raises TooFew (fewer than 2 clusters),
    InvalidArgument, NanInput, ..."""
    d, lab, g = _quality_args(X, labels, codes, gamma, categorical)
    return _call(d, native.cluster_silhouette, d.x, d.n_cols, d.codes, d.n_cat, g, lab,
                 _c.integer(sample, "sample"), _c.integer(seed, "seed"),
                 0 if threads is None else _c.integer(threads, "threads"))


def davies_bouldin(X: Any, labels: Any, *, codes: Any = None, categorical: Any = None,
                   gamma: Any = None) -> float:
    """Davies-Bouldin index (lower is better), as scikit-learn's. Returns float."""
    d, lab, g = _quality_args(X, labels, codes, gamma, categorical)
    return _call(d, native.cluster_davies_bouldin, d.x, d.n_cols, d.codes, d.n_cat, g, lab)


def calinski_harabasz(X: Any, labels: Any, *, codes: Any = None, categorical: Any = None,
                      gamma: Any = None) -> float:
    """Calinski-Harabasz index (higher is better), as scikit-learn's. Returns float."""
    d, lab, g = _quality_args(X, labels, codes, gamma, categorical)
    return _call(d, native.cluster_calinski_harabasz, d.x, d.n_cols, d.codes, d.n_cat, g, lab)


def adjusted_rand_index(a: Any, b: Any) -> float:
    """Adjusted Rand index of two labelings of the same rows (Hubert & Arabie
    1985), as scikit-learn's adjusted_rand_score. Returns float."""
    return native.adjusted_rand_index(_labels(a), _labels(b))


def sample_rows(rows: int, sample: int, seed: int = 0) -> Any:
    """The rows a seeded silhouette sample takes: `sample` distinct row
    numbers of 0 .. rows - 1, in ascending order (int64 array)."""
    return native.cluster_sample_rows(_c.integer(sample, "sample"), _c.integer(rows, "rows"),
                                      _c.integer(sample, "sample"),
                                      _c.integer(seed, "seed")).astype(np.int64)


def choose_k(X: Any, k_min: int = 2, k_max: int = 10, *,
             silhouette_sample: int = SILHOUETTE_SAMPLE_DEFAULT, references: int = GAP_REFERENCES_DEFAULT,
             codes: Any = None, categorical: Any = None, columns: Any = None, seed: Any = None,
             n_init: Any = None, max_iter: Any = None, gamma: Any = None, threads: Any = None,
             progress: Any = None, as_frame: Optional[bool] = None) -> Any:
    """Fit k = k_min .. k_max (k-means, or k-prototypes with categorical
    features) and report per k: cost, silhouette (sampled as
    silhouette_sample rows, 10,000 by default; 0 = every row), gap and gap_sd (references uniform
    data sets; 0 skips the gap). attrs: best_silhouette, best_elbow
    (Satopaa et al. 2011), best_gap (Tibshirani et al. 2001) (spec §14.5).
    progress: callable(step, total, nan) after each k.
    Returns a DataFrame (a Table without pandas), one row per k."""
    d = _data(X, columns=columns, categorical=categorical, codes=codes)
    opts = _options(None, seed, None, None, n_init, max_iter, None, None, gamma, threads, progress, d)
    h = _call(d, native.cluster_choose_k, d.x, d.n_cols, d.codes, d.n_cat, d.levels,
              _c.integer(k_min, "k_min"), _c.integer(k_max, "k_max"),
              _c.integer(silhouette_sample, "silhouette_sample"),
              _c.integer(references, "references"), opts)
    return _choose_frame(h, as_frame)


def _choose_frame(h, as_frame=None):
    """choose_k's table with k and the best k's as ints."""
    t = _table.frame(h, as_frame, ("k",))
    for n in ("best_silhouette", "best_elbow", "best_gap"):
        v = t.attrs.get(n)
        if isinstance(v, float) and v == v and v == int(v):
            t.attrs[n] = int(v)
    return t


def stability(X: Any, k: Any = None, *, samples: int = BOOTSTRAP_DEFAULT, codes: Any = None,
              categorical: Any = None, columns: Any = None, seed: Any = None, init: Any = None,
              n_init: Any = None, max_iter: Any = None, gamma: Any = None, threads: Any = None,
              progress: Any = None, as_frame: Optional[bool] = None) -> Any:
    """Stability by seeded bootstrap (Hennig 2007, spec §14.6): one row per
    reference cluster (cluster, size, jaccard_mean, jaccard_min, dissolved);
    attrs ari_mean, ari_sd, ari_min, samples. Returns a DataFrame (a Table
    without pandas)."""
    d = _data(X, columns=columns, categorical=categorical, codes=codes)
    centres = modes = None
    if init is not None:
        centres, modes = init if d.n_cat else (init, None)
    opts = _options(k, seed, centres, modes, n_init, max_iter, None, None, gamma, threads,
                    progress, d)
    h = _call(d, native.cluster_stability, d.x, d.n_cols, d.codes, d.n_cat, d.levels,
              _c.integer(samples, "samples"), opts)
    return _table.frame(h, as_frame, ("cluster", "size", "dissolved", "recovered"))


def profiles(data: Any, labels: Any, columns: Any = None, *, as_frame: Optional[bool] = None) -> Any:
    """Profiles of clusters (spec §14.7): per cluster and column, the size,
    share, the mean (numeric columns) or the modal level and its share (text
    columns), the population value and the lift. data: a DataFrame (or a
    dict of columns); columns: default every column. Returns a DataFrame (a
    Table without pandas), one row per cluster x column."""
    h = _table.native_of(data)
    cols = _table.columns_of(data) if columns is None else [str(c) for c in columns]
    t = native.cluster_profiles(h, cols, _labels(labels))
    return _table.frame(t, as_frame, ("cluster", "size"))
