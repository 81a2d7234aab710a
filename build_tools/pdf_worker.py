"""Reading a PDF with a time limit: :func:`build_tools.pdf.read_pdf` in a process that can be stopped.

A PDF is a program of sorts: a damaged or hostile one can keep a reader busy for ever (a
page tree or a resource that refers to itself, a content stream that inflates to gigabytes
of drawing operators) or crash it. So the PDF is first checked as a file (a regular file,
at most :data:`build_tools.reading.LIMITS` ``["pdf"]`` bytes), then read in a forked child
process. The child sends back the text and pages it read, or the diagnostics it raised;
when it takes longer than :func:`time_limit` seconds it is killed and the PDF is reported
(``read.pdf-timeout``), and when it dies (a crash in PDFium) that is reported too
(``read.pdf-crashed``). Either way the build goes on with the other documents.

``UNRES_PDF_SECONDS`` sets the limit (default :data:`DEFAULT_SECONDS`). Where processes
cannot be forked, the PDF is read in the build's own process, without a limit.
"""

from __future__ import annotations

import contextlib
import faulthandler
import os
import pickle
import select
import signal
import time
from pathlib import Path
from typing import Any

from .diagnostics import Diagnostic, DiagnosticError, Severity
from .reading import check_file
from .source import NOT_TEXT, Source, not_text

SECONDS_ENV = "UNRES_PDF_SECONDS"
DEFAULT_SECONDS = 60.0
"""Far more than any real UN PDF takes (the longest of the 400 documents of sessions 78–80
reads in well under a second)."""


def time_limit() -> float:
    """``UNRES_PDF_SECONDS`` when set, else :data:`DEFAULT_SECONDS`; ValueError naming the
    variable when it is not a positive number."""
    configured = os.environ.get(SECONDS_ENV, "").strip()
    if not configured:
        return DEFAULT_SECONDS
    try:
        seconds = float(configured)
    except ValueError:
        seconds = -1.0
    if not seconds > 0 or seconds == float("inf"):
        raise ValueError(f"{SECONDS_ENV}={configured!r}: expected a number of seconds greater than 0")
    return seconds


def read_pdf(path: Path, lang: str, shown: str) -> Any:
    """:func:`build_tools.pdf.read_pdf` of ``path``, in a child process stopped after
    :func:`time_limit` seconds; its diagnostics are raised here."""
    from . import pdf

    check_file(path, shown, "pdf")
    if not hasattr(os, "fork"):
        return pdf.read_pdf(path, lang, shown)
    seconds = time_limit()
    pdf.load_pdfium()  # once, here: a child that loaded PDFium itself would pay for it on every PDF
    outcome = _in_child(pdf.read_pdf, (path, lang, shown), seconds, shown)
    kind, value = outcome
    if kind == "ok":
        _check_text(value[0])
        return value
    if kind == "diagnostics":
        raise DiagnosticError(value)
    raise _fail(shown, "read.pdf-invalid", "a PDF that PDFium can read", str(value),
                "the file may be damaged; download it again from ODS")


def _check_text(source: Source) -> None:
    """A text layer holds text: no control characters or noncharacters (which XML cannot
    hold), as in a text file (:func:`build_tools.source.decode`)."""
    bad = NOT_TEXT.search(source.text)
    if bad:
        raise DiagnosticError([source.diagnostic("read.control-character", bad.start(), "printable text",
                                                 not_text(bad.group()), "the PDF's text layer is damaged")])


def _fail(shown: str, code: str, expected: str, found: str, hint: str) -> DiagnosticError:
    return DiagnosticError([Diagnostic(code, Severity.ERROR, shown, 1, 1, expected, found, hint)])


def _in_child(function: Any, args: tuple[Any, ...], seconds: float, shown: str) -> tuple[str, Any]:
    """``function(*args)`` in a forked child: ``("ok", result)``, ``("diagnostics", …)`` or
    ``("error", text)``; a child that runs out of time or dies is a diagnostic."""
    readable, writable = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns
        _child(function, args, readable, writable)
    os.close(writable)
    finished = False
    try:
        data = _read_until(readable, time.monotonic() + seconds)
        finished = data is not None
    finally:
        os.close(readable)
        if not finished:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        _, status = os.waitpid(pid, 0)
    if data is None:
        raise _fail(shown, "read.pdf-timeout", f"a PDF read within {seconds:g} s",
                    f"a PDF still being read after {seconds:g} s",
                    "the file may be damaged or made to stall readers; download it again from ODS "
                    f"(or raise {SECONDS_ENV})")
    try:
        outcome: tuple[str, Any] = pickle.loads(data)
    except Exception:
        died = (f"signal {os.WTERMSIG(status)}" if os.WIFSIGNALED(status)
                else f"exit code {os.waitstatus_to_exitcode(status)}")
        raise _fail(shown, "read.pdf-crashed", "a PDF that PDFium can read",
                    f"a PDF whose reading stopped the reader ({died})",
                    "the file may be damaged; download it again from ODS") from None
    return outcome


def _child(function: Any, args: tuple[Any, ...], readable: int, writable: int) -> None:
    """Run in the forked child: send the outcome through ``writable`` and exit at once
    (no cleanup of the parent's state: :func:`os._exit`)."""
    code = 0
    try:
        os.close(readable)
        signal.signal(signal.SIGINT, signal.SIG_DFL)  # an interrupt stops the child at once
        faulthandler.disable()  # a crash is reported by the parent, not as a dump of this stack
        try:
            outcome: tuple[str, Any] = ("ok", function(*args))
        except DiagnosticError as error:
            outcome = ("diagnostics", error.diagnostics)
        except BaseException as error:  # anything else is reported in the parent
            outcome = ("error", f"{type(error).__name__}: {error}"[:300])
        data = pickle.dumps(outcome, protocol=pickle.HIGHEST_PROTOCOL)
        with os.fdopen(writable, "wb") as pipe:
            pipe.write(data)
    except BaseException:
        code = 1
    finally:
        os._exit(code)


def _read_until(readable: int, deadline: float) -> bytes | None:
    """Everything the child writes, or None when the deadline passes first."""
    chunks: list[bytes] = []
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            return None
        ready, _, _ = select.select([readable], [], [], remaining)
        if not ready:
            continue
        chunk = os.read(readable, 1 << 20)
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
