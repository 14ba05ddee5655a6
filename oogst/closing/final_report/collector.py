"""Python's cyclic garbage collector, paused while WeasyPrint lays a report out."""

import contextlib
import gc
import threading
from collections.abc import Iterator

_lock = threading.Lock()
_pausers = 0
_was_enabled = False


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """No cyclic garbage collection while WeasyPrint lays a report out.

    Laying out creates some hundred thousand objects that live until the PDF is written;
    each time that many survive, Python's collector walks the whole heap (Django and all),
    about a fifth of a second per PDF. WeasyPrint's garbage is collected afterwards as
    usual. The collector is switched back on when the last render running ends.
    """
    global _pausers, _was_enabled
    with _lock:
        if _pausers == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _pausers += 1
    try:
        yield
    finally:
        with _lock:
            _pausers -= 1
            if _pausers == 0 and _was_enabled:
                gc.enable()
