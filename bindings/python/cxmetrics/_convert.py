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

import numbers
import operator

import numpy as np

from . import native

__all__ = []  # internal module


def bad_arg(message):
    """An InvalidArgument (BAD_ARG) raised by the Python layer itself, for what
    only the binding knows (its own arguments); prefixed as the C messages are."""
    return native.InvalidArgument(f"BAD_ARG: {message}")


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
    raise TypeError(f"{native.names_what(table)} must be a str, not {type(value).__name__}")


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
