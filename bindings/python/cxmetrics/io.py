"""Reading CSV files and ISO dates through the C library (io.h)."""

import os

from . import _convert as _c
from . import native

__all__ = ["date_parse", "CsvReader"]


def date_parse(text):
    """Day number of an ISO-8601 date "YYYY-MM-DD": days since 1970-01-01.

    Proleptic Gregorian, years 0001..9999; month and day are checked; a time
    part after 'T' or ' ' is ignored. Returns int.
    Raises ParseError (not a valid date; the message quotes the text).
    """
    return int(native.date_parse(text))


class CsvReader:
    """A streaming RFC 4180 CSV reader: one record in memory at a time.

    CsvReader(path, delimiter=",") reads the header; iterating yields each
    record as a tuple of str. The file stays open until close(), or until the
    `with` block exits (also by an exception):

        with cxmetrics.CsvReader("answers.csv") as rd:
            i = rd.column_index("nps")
            scores = [r[i] for r in rd]

    close() is idempotent; any read from a closed reader (next, field,
    iteration, ...) raises InvalidArgument. columns and path stay available.
    Raises IOFailure (cannot open), EmptyInput (no header), ParseError
    (malformed CSV: file:line), InvalidArgument (bad delimiter).
    A handle belongs to one thread at a time (close included).
    """

    def __init__(self, path, delimiter=","):
        if not (isinstance(delimiter, str) and len(delimiter) == 1):
            raise _c.bad_arg(f"delimiter must be one character, got {delimiter!r}")
        self._h = native.csv(os.fsdecode(os.fspath(path)), delimiter)
        self.columns = [self._h.column_name(i) for i in range(self._h.column_count())]
        self._path = self._h.path()

    @property
    def path(self):
        """The path the reader was opened with (also after close())."""
        return self._path

    @property
    def closed(self):
        """True once close() was called."""
        return self._h.closed()

    @property
    def line(self):
        """1-based line on which the current record starts (0 before the first)."""
        return self._h.line()

    def column_index(self, name):
        """0-based index of the first column with this header name.
        Raises InvalidArgument (no such column; the message lists the columns)."""
        return self._h.column_index(name)

    def next(self):
        """Read the next record: True, or False at the end of the file."""
        return bool(self._h.next())

    def field(self, col):
        """Field `col` of the current record as str (None if col is out of range)."""
        return self._h.field(_c.integer(col, "col"))

    def field_float(self, col):
        """Field `col` as a float; an empty field is NaN (a missing answer).
        Raises ParseError ("file:line:column 'name': 'abc' is not a number")."""
        return self._h.field_double(_c.integer(col, "col"))

    def __iter__(self):
        n = len(self.columns)
        h = self._h
        while h.next():
            yield tuple(h.field(i) for i in range(n))

    def close(self):
        """Close the file and free the reader (idempotent)."""
        self._h.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
        return False

    def __repr__(self):
        state = "closed" if self.closed else f"line {self._h.line()}"
        return f"CsvReader(columns={self.columns!r}, {state})"
