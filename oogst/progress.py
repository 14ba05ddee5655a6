"""A progress bar on a text stream, with no dependency: counts, rate and time left.

On a terminal it redraws one line with `\\r`; into a file or a pipe it writes a plain line
every tenth of the way, so logs stay readable. Pure: a command passes its `self.stderr`,
a test a `StringIO`; nothing here needs Django.
"""

import time
from typing import Protocol, runtime_checkable


class Stream(Protocol):
    def write(self, text: str, /) -> object: ...
    def flush(self) -> object: ...
    def isatty(self) -> bool: ...


@runtime_checkable
class _EndingStream(Protocol):
    """A stream that ends every write with its `ending` unless told otherwise, such as a
    management command's `self.stderr`."""

    ending: str

    def write(
        self, msg: str = "", style_func: None = None, ending: str | None = None
    ) -> object: ...


class Progress:
    def __init__(self, stream: Stream, *, total: int, unit: str, every: float = 0.25) -> None:
        self.stream = stream
        self.total = total
        self.unit = unit
        self.every = every
        self.done = 0
        self.started = time.perf_counter()
        self._drawn_at = 0.0
        self._tenth = 0
        self.interactive = stream.isatty()

    def advance(self, count: int = 1) -> None:
        self.done += count
        now = time.perf_counter()
        if self.interactive:
            if now - self._drawn_at >= self.every or self.done >= self.total:
                self._drawn_at = now
                self._write("\r" + self.line())
        elif self.total and self.done * 10 // self.total > self._tenth:
            self._tenth = self.done * 10 // self.total
            self._write(self.line() + "\n")

    def close(self) -> None:
        if self.interactive:
            self._write("\r" + self.line() + "\n")

    def _write(self, text: str) -> None:
        if isinstance(self.stream, _EndingStream):
            self.stream.write(text, ending="")  # it would add a newline to a `\r` line
        else:
            self.stream.write(text)
        self.stream.flush()

    @property
    def elapsed(self) -> float:
        return time.perf_counter() - self.started

    def line(self) -> str:
        elapsed = self.elapsed
        rate = self.done / elapsed if elapsed > 0 else 0.0
        share = self.done / self.total if self.total else 1.0
        width = 30
        filled = int(width * share)
        left = (self.total - self.done) / rate if rate else 0.0
        return (
            f"[{'#' * filled}{'.' * (width - filled)}] {self.done:,}/{self.total:,} {self.unit}"
            f"  {rate:,.0f}/s  {_clock(elapsed)} elapsed, {_clock(left)} left"
        )


def _clock(seconds: float) -> str:
    minutes, secs = divmod(int(seconds + 0.5), 60)
    return f"{minutes}:{secs:02d}"
