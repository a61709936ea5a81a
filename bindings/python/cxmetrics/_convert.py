"""Argument conversion for the idiomatic layer (no metric logic lives here).

Arrays: a float64 ndarray goes to C as it is (C-contiguous: used in place, no
copy; strided: numpy.i makes one contiguous copy); other numeric dtypes and
any sequence are converted to float64 once. Option strings map to the C enum
values; everything else is validated by the C library, whose errors come back
as the exception classes generated from CXM_ERRORS.
"""

import numbers
import operator

import numpy as np

from . import native

__all__ = []  # internal module

NAN_POLICIES = {"error": native.NAN_ERROR, "omit": native.NAN_OMIT}
NPS_SCALES = {"0-10": native.NPS_0_10, "1-10": native.NPS_1_10}
NPS_METHODS = {"adjusted_wald": native.NPS_ADJUSTED_WALD, "wald": native.NPS_WALD}
NPS_METHOD_NAMES = {v: k for k, v in NPS_METHODS.items()}
RFM_MATCHES = {"first": native.RFM_FIRST_MATCH, "last": native.RFM_LAST_MATCH}


def bad_arg(message):
    """An InvalidArgument (BAD_ARG) raised by the Python layer itself."""
    return native.InvalidArgument(message)


def f64(values):
    """1-D float64 data for a `const double *` argument.

    A float64 ndarray is passed through untouched (zero-copy when
    contiguous); bool/int/uint/float arrays are cast; anything else goes
    through numpy.asarray(values, dtype=float64) (None becomes NaN).
    """
    if isinstance(values, np.ndarray):
        if values.dtype == np.float64:
            return values
        if values.dtype.kind in "biuf":
            return values.astype(np.float64)
        if values.dtype.kind == "c":
            raise TypeError("complex values cannot be used as real numbers")
    return np.asarray(values, dtype=np.float64)


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
            raise TypeError(f"{what} must hold integers, got dtype {a.dtype}")
    a = a.astype(np.int64, copy=False) if a.dtype.kind != "u" else a
    if a.size and (a.min() < 0 or a.max() > np.iinfo(np.uintc).max):
        raise OverflowError(f"{what} must be in [0, {np.iinfo(np.uintc).max}]")
    return a.astype(np.uintc)


def real(x, what):
    """A Python float for a C `double` argument (ints, numpy scalars accepted)."""
    if isinstance(x, numbers.Real):
        return float(x)
    raise TypeError(f"{what} must be a real number, not {type(x).__name__}")


def integer(x, what):
    """A Python int for a C integer argument (int, numpy integers)."""
    try:
        return operator.index(x)
    except TypeError:
        raise TypeError(f"{what} must be an integer, not {type(x).__name__}") from None


def option(value, table, what):
    """Map an option string ('omit', '0-10', ...) to its C value.

    An int is passed through (the C library validates it)."""
    if isinstance(value, str):
        try:
            return table[value]
        except KeyError:
            choices = ", ".join(repr(k) for k in table)
            raise bad_arg(f"{what} must be one of {choices}, got {value!r}") from None
    if isinstance(value, numbers.Integral) and not isinstance(value, bool):
        return int(value)
    raise TypeError(f"{what} must be a str, not {type(value).__name__}")


def nan_policy(value):
    return option(value, NAN_POLICIES, "nan_policy")


def nps_scale(value):
    return option(value, NPS_SCALES, "scale")


def conf(value):
    return real(value, "conf")


def z(value):
    """None -> CXM_Z_FROM_CONF (derive z from conf); else an explicit z > 0."""
    if value is None:
        return native.Z_FROM_CONF
    zf = real(value, "z")
    if zf == 0.0:
        raise bad_arg("z must be None (derive it from conf) or a finite value > 0, got 0")
    return zf


def nan_to_none(x):
    """NaN (the C library's 'not defined', e.g. the SD of one answer) -> None."""
    if isinstance(x, float) and x != x:
        return None
    return x
