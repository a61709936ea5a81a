"""Argument conversion for the idiomatic layer (no metric logic lives here).

Arrays: a float64 ndarray goes to C as it is (C-contiguous: used in place, no
copy; strided: numpy.i makes one contiguous copy); other numeric dtypes and
any sequence are converted to float64 once. Words ("omit", "0-10", "week",
...) become C values through the library's names tables (cxm_names_parse),
so a word is accepted, and an unknown one reported, as the C library and the
command line do. Everything else is validated by the C library, whose errors
come back as the exception classes generated from CXM_ERRORS; this module
raises only what only the binding can know (a Python type that cannot be
converted).
"""

import math
import numbers
import operator

import numpy as np

from . import native

__all__ = ["ArgumentTypeError", "ArgumentOverflowError", "ArgumentValueError", "ArgumentKeyError"]


class ArgumentTypeError(native.InvalidArgument, TypeError):
    """An argument of a type the function cannot use (a str where a number is
    expected, None, a range, a dict): an InvalidArgument (code BAD_ARG, so a
    cxmetrics.Error) that is also a TypeError, as Python's own functions
    raise for a wrong type. The message names the argument and what it got."""


def type_error(message):
    """An ArgumentTypeError with the C messages' "BAD_ARG: " prefix."""
    return ArgumentTypeError(f"BAD_ARG: {message}")


def bad_arg(message):
    """An InvalidArgument (BAD_ARG) raised by the Python layer itself, for what
    only the binding knows (its own arguments); prefixed as the C messages are."""
    return native.InvalidArgument(f"BAD_ARG: {message}")


def f64(values, what="values"):
    """1-D float64 data for a `const double *` argument.

    A float64 ndarray is passed through untouched (zero-copy when
    contiguous); bool/int/uint/float arrays are cast; a sequence of numbers
    is converted once (None becomes NaN: a missing value, which the
    nan_policy handles). A str, bytes, dict or None instead of the data, or
    a str among the numbers ("9" from a form), raises ArgumentTypeError
    naming `what` (and the index): numpy would read "9" as 9.0 silently.
    """
    if isinstance(values, np.ndarray) and values.dtype == np.float64:
        return values
    if values is None or isinstance(values, (str, bytes, dict, set, frozenset, slice)):
        raise type_error(f"{what} must be a sequence of numbers, not {_describe(values)}")
    if isinstance(values, np.ndarray):
        a = values
    else:
        try:
            a = np.asarray(values)
        except (TypeError, ValueError):
            a = None  # ragged or otherwise odd: named element by element below
    if a is not None and a.dtype.kind in "biuf":
        return a.astype(np.float64)
    if a is not None and a.dtype.kind == "c":
        raise type_error(f"{what}: complex values cannot be used as real numbers")
    if a is not None and a.dtype.kind not in "OUS":
        raise type_error(f"{what} must hold numbers, not {a.dtype} values")
    try:
        items = list(values) if a is None or a.ndim > 0 else [a.item()]
    except TypeError:
        raise type_error(f"{what} must be a sequence of numbers, not {_describe(values)}") from None
    out = []
    for i, v in enumerate(items):
        if v is None:
            out.append(math.nan)
        elif isinstance(v, (numbers.Real, np.bool_)):
            out.append(float(v))
        else:
            raise type_error(f"{what}[{i}] must be a number, not {_describe(v)}")
    return np.asarray(out, dtype=np.float64).reshape(a.shape if a is not None and a.ndim == 0 else -1)


def _describe(x):
    """A value for a message: its type and, short, its repr."""
    r = repr(x)
    return f"{type(x).__name__} {r if len(r) <= 40 else r[:37] + '...'}"


def is_u8(values):
    """True for a uint8 ndarray: such scores take the C *_u8 fast paths."""
    return isinstance(values, np.ndarray) and values.dtype == np.uint8


def uint_array(values, what):
    """1-D array of C unsigned int (scores 0..2^32-1); OverflowError otherwise."""
    a = np.asarray(values)
    if a.dtype == np.uintc:
        return a
    if a.size and a.dtype.kind not in "biu":
        if a.dtype.kind == "f" and np.all(np.isfinite(a)) and np.all(a == np.floor(a)):
            a = a.astype(np.int64)
        else:
            raise type_error(f"{what} must hold integers, got dtype {a.dtype}")
    a = a.astype(np.int64, copy=False) if a.dtype.kind != "u" else a
    if a.size and (a.min() < 0 or a.max() > np.iinfo(np.uintc).max):
        raise OverflowError(f"{what} must be in [0, {np.iinfo(np.uintc).max}]")
    return a.astype(np.uintc)


def real(x, what):
    """A Python float for a C `double` argument (ints, numpy scalars accepted)."""
    if isinstance(x, numbers.Real):
        return float(x)
    raise type_error(f"{what} must be a real number, not {_describe(x)}")


def integer(x, what):
    """A Python int for a C integer argument (int, numpy integers)."""
    try:
        return operator.index(x)
    except TypeError:
        raise type_error(f"{what} must be an integer, not {_describe(x)}") from None


def option(value, table):
    """The C value of a word of a names table ("omit", "0-10", "week", ...).

    The word is looked up by the C library (cxm_names_parse), which accepts
    its aliases and names the choices when it does not know the word. An int
    (a C constant such as native.NAN_OMIT) passes through: the C function it
    goes to checks it."""
    if isinstance(value, str):
        return native.names_parse(table, value)
    if isinstance(value, numbers.Integral) and not isinstance(value, bool):
        return int(value)
    raise type_error(f"{native.names_what(table)} must be a str, not {_describe(value)}")


def word(table, value):
    """The canonical word of a C value (None for a value the table lacks)."""
    return native.names_word(table, value)


def words(table):
    """The canonical words of a names table, in the C library's order."""
    return [native.names_at(table, i) for i in range(native.names_count(table))]


def nan_policy(value):
    return option(value, native.NAMES_NAN_POLICY)


def conf(value):
    return real(value, "conf")


def z(value):
    """None -> CXM_Z_FROM_CONF (derive z from conf); else an explicit z > 0.

    0 is refused here: it is how C spells "derive it", which the binding
    spells None, so a 0 given by the caller would be silently ignored."""
    if value is None:
        return native.Z_FROM_CONF
    zf = real(value, "z")
    if zf == native.Z_FROM_CONF:
        raise bad_arg("z must be None (derive it from conf) or a finite value > 0, got 0")
    return zf


def nan_to_none(x):
    """NaN (the C library's 'not defined', e.g. the SD of one answer) -> None."""
    if isinstance(x, float) and x != x:
        return None
    return x


# The defaults of keyword arguments, as the C library states them: the value 0
# of each enumeration is its default (common.h, scores.h, rfm.h).
NAN_DEFAULT = word(native.NAMES_NAN_POLICY, native.NAN_ERROR)
NPS_SCALE_DEFAULT = word(native.NAMES_NPS_SCALE, native.NPS_0_10)
NPS_METHOD_DEFAULT = word(native.NAMES_NPS_METHOD, native.NPS_ADJUSTED_WALD)
RFM_MATCH_DEFAULT = word(native.NAMES_RFM_MATCH, native.RFM_FIRST_MATCH)
RFM_RULES_DEFAULT = native.RFM_RULES_DEFAULT
CONF_DEFAULT = native.CONF_DEFAULT


def u8_flags(values):
    """Yes/no flags per row (cancelled orders) as a contiguous uint8 array; None: none
    (an empty array, which the C functions read as "no flags")."""
    if values is None:
        return np.zeros(0, dtype=np.uint8)
    a = np.asarray(values)
    if a.dtype != np.uint8:
        a = (a != 0).astype(np.uint8) if a.dtype.kind in "biuf" else \
            np.array([1 if v else 0 for v in a], dtype=np.uint8)
    return np.ascontiguousarray(a)


# ---- orders as a list of dicts (issue 14, item 6) ------------------------------
# A web backend holds orders as rows ({"customer_id": 7, "date": "2024-01-05",
# "amount": 20.0}), not as columns. The functions that read orders (rfm_orders,
# summary_from_transactions) take such a list too; the C library sees text ids,
# and the result gives the caller's own ids back (an int stays an int, a str a
# str) in the order of their first order, as the rows were given.

def is_records(data):
    """True for a non-empty list or tuple whose items are all dicts (mappings)."""
    import collections.abc as _abc
    return isinstance(data, (list, tuple)) and len(data) > 0 and \
        all(isinstance(r, _abc.Mapping) for r in data)


def _id_key(v, row):
    """The text the C library sees for the caller's id v (None: missing)."""
    if v is None or (isinstance(v, float) and v != v):
        return None  # the library refuses (or drops) a missing id, naming its row
    if isinstance(v, str):
        return v
    if isinstance(v, (numbers.Integral, np.integer)) and not isinstance(v, (bool, np.bool_)):
        return str(int(v))
    raise ArgumentTypeError(f"BAD_ARG: order {row}: customer_id must be a str or an int, "
                            f"not {type(v).__name__} {v!r}")


def records_columns(records, keys, optional=()):
    """Columns of a list of dicts: {key: list of values}, keys in `keys` (all
    required) and `optional` (None where an order lacks it: a column is
    given only when every order has it). Also the ids: (texts for C,
    text -> the caller's id, first-appearance order of the texts).
    Raises InvalidArgument naming the order (its index) and the missing key,
    or an id that is neither str nor int, or two ids with the same text (1
    and "1")."""
    cols = {k: [] for k in tuple(keys) + tuple(optional)}
    for i, r in enumerate(records):
        for k in keys:
            if k not in r:
                raise bad_arg(f"order {i} has no key '{k}' (its keys: "
                              f"{', '.join(map(str, r.keys())) or 'none'})")
            cols[k].append(r[k])
        for k in optional:
            cols[k].append(r.get(k))
    for k in optional:
        present = [v is not None for v in cols[k]]
        if not any(present):
            cols[k] = None
        elif not all(present):
            raise bad_arg(f"order {present.index(False)} has no key '{k}' but order "
                          f"{present.index(True)} has one: give it in every order or in none")
    originals, order, texts = {}, [], []
    for i, v in enumerate(cols[keys[0]]):
        t = _id_key(v, i)
        texts.append(t)
        if t is None:
            continue
        if t not in originals:
            originals[t] = int(v) if not isinstance(v, str) else v
            order.append(t)
        else:
            o = originals[t]
            if type(o) is not (str if isinstance(v, str) else int):
                raise bad_arg(f"order {i}: customer_id {v!r} and {o!r} are the same id as text "
                              f"('{t}'): use one type for the ids")
    return cols, texts, originals, order


def restore_ids(out, id_name, originals, order):
    """A result table (DataFrame or Table) with its ids (the index or the
    column `id_name`, text) replaced by the caller's ids, rows in the order
    of their first order. All int ids give an int64 column/index."""
    pd_like = hasattr(out, "index") and hasattr(out, "columns")
    if pd_like:
        keys = [str(k) for k in out.index] if out.index.name == id_name else \
            [str(k) for k in out[id_name]]
    else:
        keys = [str(k) for k in out[id_name]]
    rank = {t: i for i, t in enumerate(order)}
    perm = sorted(range(len(keys)), key=lambda j: rank.get(keys[j], len(rank)))
    ids = [originals.get(keys[j], keys[j]) for j in perm]
    all_int = bool(ids) and all(isinstance(v, int) for v in ids)
    id_array = np.asarray(ids, dtype=np.int64) if all_int else np.asarray(ids, dtype=object)
    if pd_like:
        attrs = dict(out.attrs)
        if out.index.name == id_name:
            import pandas as pd  # out is a DataFrame: pandas is there
            new = out.iloc[perm].copy()
            new.index = pd.Index(id_array, name=id_name)
        else:
            new = out.iloc[perm].reset_index(drop=True)
            new[id_name] = id_array
        new.attrs.update(attrs)
        return new
    for k in list(out):
        out[k] = np.asarray(out[k])[perm] if k != id_name else id_array
    return out


# ---- the safety net under the Python layer (issue 14, item 6) -----------------
# The idiomatic functions convert their arguments first, so a wrong type is
# named in the caller's words. A call that still reaches SWIG with a wrong
# type (cxmetrics.native used directly, or a path the layer does not convert)
# would raise SWIG's TypeError ("in method 'nps_wald', argument 2 of type
# 'double'"): it is translated here into ArgumentTypeError (an OverflowError
# for a negative count into ArgumentOverflowError), named in C terms without
# SWIG's wording. Wrapping costs one Python call per native call.

class ArgumentOverflowError(native.InvalidArgument, OverflowError):
    """A number out of the range of its C type (a negative count for an
    unsigned argument): an InvalidArgument that is also an OverflowError."""


class ArgumentValueError(native.InvalidArgument, ValueError):
    """An argument of the right type but the wrong shape (a 1-D array where
    a matrix is expected): an InvalidArgument that is also a ValueError."""


class ArgumentKeyError(native.InvalidArgument, KeyError):
    """A table argument without a column the function needs: an
    InvalidArgument that is also a KeyError."""

    def __str__(self):
        return str(self.args[0]) if self.args else ""


_SWIG_MESSAGE = __import__("re").compile(r"in method '(\w+)', argument (\d+) of type '([^']+)'")


def _translate(name, e):
    text = str(e)
    m = _SWIG_MESSAGE.search(text)
    if m:
        # SWIG counts the C parameters (output pointers too), not the Python ones:
        # its number would point at the wrong argument, so the C type is named instead
        text = f"{m.group(1)}: an argument must be a C {m.group(3).strip()}"
    elif "Wrong number or type of arguments" in text or "Expected" in text:
        text = f"an argument of {name} has the wrong type or count"
    elif text.startswith(("Array must", "Array of type", "Cannot convert", "array of type")):
        text = f"an array argument of {name}: {text}"  # numpy.i's typemaps
    else:
        return None  # not SWIG's: Python's own message, kept
    cls = ArgumentOverflowError if isinstance(e, OverflowError) else ArgumentTypeError
    return cls(f"BAD_ARG: {text}")


def _guarded(name, f):
    import functools

    @functools.wraps(f)
    def call(*args, **kwargs):
        try:
            return f(*args, **kwargs)
        except (TypeError, OverflowError) as e:
            if isinstance(e, native.Error):
                raise
            t = _translate(name, e)
            if t is None:
                raise
            raise t from None
    call._cxm_guarded = True
    return call


def guard_public(f):
    """f, whose Python errors about its arguments come out typed: a TypeError
    as ArgumentTypeError, a ValueError as ArgumentValueError, a KeyError (a
    missing column) as ArgumentKeyError, an AttributeError raised on an
    argument as ArgumentTypeError; each an InvalidArgument (a
    cxmetrics.Error) that is still the Python class callers may catch, with
    the function's name before the message. The library's own errors pass
    unchanged. Applied by __init__ to every public function."""
    import functools
    name = f.__name__

    @functools.wraps(f)
    def call(*args, **kwargs):
        try:
            return f(*args, **kwargs)
        except native.Error:
            raise
        except TypeError as e:
            raise ArgumentTypeError(f"BAD_ARG: {name}: {e}") from e
        except OverflowError as e:
            raise ArgumentOverflowError(f"BAD_ARG: {name}: {e}") from e
        except KeyError as e:
            raise ArgumentKeyError(f"BAD_ARG: {name}: no column or key {e}") from e
        except ValueError as e:
            raise ArgumentValueError(f"BAD_ARG: {name}: {e}") from e
        except AttributeError as e:
            if e.__traceback__ is not None and _raised_on_argument(e, args, kwargs):
                raise ArgumentTypeError(f"BAD_ARG: {name}: an argument of the wrong kind ({e})") from e
            raise
    call._cxm_guarded = True
    return call


def _raised_on_argument(e, args, kwargs):
    """Whether an AttributeError is about one of the call's arguments (its
    obj is one of them), not a bug inside the package."""
    obj = getattr(e, "obj", None)
    return any(obj is a for a in list(args) + list(kwargs.values()))


def _guard_native():
    import types
    for name, f in list(vars(native).items()):
        if isinstance(f, types.FunctionType) and not name.startswith("_") \
                and not getattr(f, "_cxm_guarded", False):
            setattr(native, name, _guarded(name, f))


_guard_native()
