"""How many threads the library may start (cxmetrics/threads.h).

Some functions split large inputs over threads (the README's "Threads"
section lists them); their results never depend on the count. The count a
call uses is, first match wins: the function's own ``threads=`` option where
it has one and it is not 0; ``set_threads(n)`` with n > 0 (process-wide,
shared with every thread and with any other binding in the process); the
environment variable ``CXM_THREADS`` (an integer 1..1024, read at each call;
anything else is ignored); the number of online cores. With 1 no function
starts a thread: a host with many threads of its own (a web server's
workers, a job queue's) calls ``cxmetrics.set_threads(1)`` once at start-up.

    >>> import cxmetrics
    >>> cxmetrics.set_threads(1)
    >>> cxmetrics.threads()
    1
    >>> cxmetrics.set_threads(0)   # back to the default
"""

import operator

from . import native
from ._convert import bad_arg, type_error

__all__ = ["set_threads", "threads", "THREADS_MAX"]

#: The largest count set_threads and CXM_THREADS accept (CXM_THREADS_MAX).
THREADS_MAX = int(native.THREADS_MAX)


def set_threads(n: int) -> None:
    """Set the process-wide thread count (0: back to the default).

    n: an integer 0..THREADS_MAX (int or numpy integer). Raises
    cxmetrics.ArgumentTypeError (an InvalidArgument and a TypeError) for a
    bool, a float, a str, None..., cxmetrics.InvalidArgument for an integer
    out of range, each naming the value; the setting is then unchanged. Safe from any thread; it
    takes effect at the next call (results never depend on the count).
    """
    if isinstance(n, bool):
        raise type_error(f"threads must be a whole number 0..{THREADS_MAX}, not the bool {n!r}")
    try:
        count = operator.index(n)
    except TypeError:
        raise type_error(f"threads must be a whole number 0..{THREADS_MAX}, "
                         f"not {type(n).__name__} {n!r}") from None
    if count < 0 or count > THREADS_MAX:
        raise bad_arg(f"threads = {count} is outside 0..{THREADS_MAX} (0 goes back to the default)")
    native.set_threads(count)


def threads() -> int:
    """The thread count a call without its own ``threads=`` would use now:
    the set_threads value, else CXM_THREADS if valid, else the online cores."""
    return int(native.threads())
