"""The progress bar needs no Django, yet draws right on a management command's stream."""

import subprocess
import sys
from io import StringIO

from django.core.management.base import OutputWrapper

from oogst.progress import Progress


class _Terminal(StringIO):
    def isatty(self) -> bool:
        return True


def test_on_a_commands_terminal_stream_the_line_is_redrawn_without_newlines() -> None:
    # OutputWrapper ends every write with "\n" unless told not to; a `\r` line must not get it.
    terminal = _Terminal()
    progress = Progress(OutputWrapper(terminal), total=3, unit="documents", every=0)
    for _ in range(3):
        progress.advance()
    progress.close()

    text = terminal.getvalue()
    assert text.count("\r") == 4 and text.count("\n") == 1
    assert text.endswith("\n")


def test_into_a_commands_file_stream_each_line_ends_once() -> None:
    out = StringIO()
    progress = Progress(OutputWrapper(out), total=10, unit="documents")
    for _ in range(10):
        progress.advance()

    assert out.getvalue().count("\n") == 10
    assert "\n\n" not in out.getvalue()


def test_imports_without_django() -> None:
    code = (
        "import sys, oogst.progress; "
        "assert not any(m == 'django' or m.startswith('django.') for m in sys.modules)"
    )
    subprocess.run([sys.executable, "-c", code], check=True, env={})
