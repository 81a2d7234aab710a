"""Reading a PDF with a time limit: :func:`build_tools.pdf.read_pdf` in a process that can be stopped.

A PDF is a program of sorts: a damaged or hostile one can keep a reader busy for ever (a
page tree or a resource that refers to itself, a content stream that inflates to gigabytes
of drawing operators) or crash it. So the PDF is first checked as a file (a regular file,
at most :data:`build_tools.reading.LIMITS` ``["pdf"]`` bytes), then read in a forked child
process, which reads one PDF after another. The child sends back the text and pages it
read, or the diagnostics it raised; when it takes longer than :func:`time_limit` seconds on
a PDF it is killed and the PDF is reported (``read.pdf-timeout``), and when it dies (a crash
in PDFium) that is reported too (``read.pdf-crashed``). Either way a new child reads the
next PDF and the build goes on with the other documents.

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
import struct
import time
from pathlib import Path
from typing import Any

from . import pdf
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
    if not hasattr(os, "fork"):
        check_file(path, shown, "pdf")
        return pdf.read_pdf(path, lang, shown)
    return pickle.loads(read_pdf_pickled(path, lang, shown))


def read_pdf_pickled(path: Path, lang: str, shown: str) -> bytes:
    """What :func:`read_pdf` returns, pickled as the child sent it: a cache stores these
    bytes as they are, without unpickling and pickling them again."""
    check_file(path, shown, "pdf")
    if not hasattr(os, "fork"):
        return pickle.dumps(pdf.read_pdf(path, lang, shown), protocol=pickle.HIGHEST_PROTOCOL)
    seconds = time_limit()
    pdf.load_pdfium()  # once, here: a child that loaded PDFium itself would pay for it on every PDF
    kind, value = _in_child(_read_checked, (path, lang, shown), seconds, shown)
    if kind == "ok":
        data: bytes = value
        return data
    if kind == "diagnostics":
        raise DiagnosticError(value)
    raise _fail(shown, "read.pdf-invalid", "a PDF that PDFium can read", str(value),
                "the file may be damaged; download it again from ODS")


def _read_checked(path: Path, lang: str, shown: str) -> bytes:
    """In the child: the PDF read, its text checked (:func:`_check_text`), pickled."""
    value = pdf.read_pdf(path, lang, shown)
    _check_text(value[0])
    return pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)


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
    """``function(*args)`` in a child process: ``("ok", result)``, ``("diagnostics", …)``
    or ``("error", text)``; a child that runs out of time or dies is a diagnostic.

    The child is forked once and reads one PDF after another (:class:`_Reader`): forking a
    process for every PDF cost more than a third of what reading it costs. A child that
    timed out or died is replaced by a new one for the next PDF."""
    reader = _reader(function)
    try:
        data = reader.ask(args, time.monotonic() + seconds)
    except _ReaderDied as died:
        raise _fail(shown, "read.pdf-crashed", "a PDF that PDFium can read",
                    f"a PDF whose reading stopped the reader ({died})",
                    "the file may be damaged; download it again from ODS") from None
    if data is None:
        raise _fail(shown, "read.pdf-timeout", f"a PDF read within {seconds:g} s",
                    f"a PDF still being read after {seconds:g} s",
                    "the file may be damaged or made to stall readers; download it again from ODS "
                    f"(or raise {SECONDS_ENV})")
    outcome: tuple[str, Any] = pickle.loads(data)
    return outcome


READS_PER_CHILD = 64
"""PDFs one child reads before a fresh one takes over (what PDFium keeps between documents
stays bounded)."""
_HEADER = struct.Struct("<Q")
"""The length that goes before each pickled message between the process and its child."""


class _ReaderDied(Exception):
    """The child stopped without answering; the message says how (``signal 11``)."""


class _Reader:
    """A forked child that runs one function on the arguments it is sent, one call after
    another, and sends back each outcome (pickled, its length first). It exits when the
    process that forked it closes its end of the pipes (or exits)."""

    def __init__(self, function: Any) -> None:
        self.function = function
        self.reads = 0
        requests_out, requests_in = os.pipe()
        replies_out, replies_in = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: never returns
            _close_all_but(requests_out, replies_in)
            _serve(function, requests_out, replies_in)
        os.close(requests_out)
        os.close(replies_in)
        self.pid, self.requests, self.replies = pid, requests_in, replies_out

    def ask(self, args: tuple[Any, ...], deadline: float) -> bytes | None:
        """The child's pickled outcome of ``function(*args)``, or None when ``deadline``
        passes first (the child is then stopped); :class:`_ReaderDied` when it dies."""
        self.reads += 1
        try:
            _write_all(self.requests, _message(pickle.dumps(args, protocol=pickle.HIGHEST_PROTOCOL)))
            data = _read_message(self.replies, deadline)
        except OSError:  # the child is gone (a broken pipe)
            data = b""
        if data is None:
            self.stop(kill=True)
            return None
        if not data:
            raise _ReaderDied(self.stop(kill=True))
        return data

    def stop(self, kill: bool = False) -> str:
        """Stop the child (closing its pipes lets it exit; ``kill`` does not wait for
        that) and say how it ended."""
        global _READER
        if _READER is self:
            _READER = None
        for fd in (self.requests, self.replies):
            with contextlib.suppress(OSError):
                os.close(fd)
        if kill:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, signal.SIGKILL)
        try:
            _, status = os.waitpid(self.pid, 0)
        except ChildProcessError:
            return "exit code unknown"
        if os.WIFSIGNALED(status) and not (kill and os.WTERMSIG(status) == signal.SIGKILL):
            return f"signal {os.WTERMSIG(status)}"
        return f"exit code {os.waitstatus_to_exitcode(status)}"


_READER: _Reader | None = None


def _close_all_but(*keep: int) -> None:
    """In the child: close every descriptor it inherited but the standard three and
    ``keep``. The child outlives the read it was forked for, so what it held open would
    stay open: a pipe to another program (a browser's driver) would never see its end, and
    that program would wait for ever."""
    start = 3
    for fd in sorted(keep):
        os.closerange(start, fd)
        start = fd + 1
    os.closerange(start, max(start, os.sysconf("SC_OPEN_MAX")))


def _reader(function: Any) -> _Reader:
    """This process's child for ``function``: the one it has, or a new one (after
    :data:`READS_PER_CHILD` reads, or for another function)."""
    global _READER
    reader = _READER
    if reader is not None and (reader.function is not function or reader.reads >= READS_PER_CHILD):
        reader.stop()
        reader = None
    if reader is None:
        reader = _READER = _Reader(function)
    return reader


def _forget_reader() -> None:
    """In a process just forked: the child of the process it was forked from is not its
    own (closing the inherited ends lets that child see its parent leave)."""
    global _READER
    reader, _READER = _READER, None
    if reader is not None:
        for fd in (reader.requests, reader.replies):
            with contextlib.suppress(OSError):
                os.close(fd)


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_forget_reader)


def _serve(function: Any, requests: int, replies: int) -> None:
    """Run in the forked child: answer each request until the pipe closes, then exit at
    once (no cleanup of the parent's state: :func:`os._exit`)."""
    code = 0
    try:
        signal.signal(signal.SIGINT, signal.SIG_DFL)  # an interrupt stops the child at once
        faulthandler.disable()  # a crash is reported by the parent, not as a dump of this stack
        while True:
            request = _read_message(requests, None)
            if not request:
                break
            try:
                outcome: tuple[str, Any] = ("ok", function(*pickle.loads(request)))
            except DiagnosticError as error:
                outcome = ("diagnostics", error.diagnostics)
            except BaseException as error:  # anything else is reported in the parent
                outcome = ("error", f"{type(error).__name__}: {error}"[:300])
            _write_all(replies, _message(pickle.dumps(outcome, protocol=pickle.HIGHEST_PROTOCOL)))
    except BaseException:
        code = 1
    finally:
        os._exit(code)


def _message(payload: bytes) -> bytes:
    return _HEADER.pack(len(payload)) + payload


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def _read_message(fd: int, deadline: float | None) -> bytes | None:
    """One message from ``fd``: its payload; ``b""`` when the pipe closes first; None when
    ``deadline`` (if any) passes first."""
    header = _read_exactly(fd, _HEADER.size, deadline)
    if not header:
        return header
    return _read_exactly(fd, _HEADER.unpack(header)[0], deadline)


def _read_exactly(fd: int, size: int, deadline: float | None) -> bytes | None:
    chunks: list[bytes] = []
    left = size
    while left:
        if deadline is not None:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return None
            ready, _, _ = select.select([fd], [], [], remaining)
            if not ready:
                continue
        chunk = os.read(fd, min(left, 1 << 20))
        if not chunk:
            return b""
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)
