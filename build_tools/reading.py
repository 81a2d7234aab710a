"""Bounded reads: every file of a document folder is read with a limit and only if it is one.

A content folder is written by people and copied around, so what stands at ``en.txt`` may
be anything: a symbolic link to a missing file, to itself, to ``/dev/zero`` or to a file
outside ``content/``; a named pipe (which blocks a reader forever); a folder; a file of
several gigabytes. Before any byte is read, :func:`check_file` makes sure the path is a
regular file (a link is followed only to a regular file inside the content folder) no
larger than the limit for its kind (:data:`LIMITS`); :func:`read_bytes` then reads at most
that many bytes. Each problem is an error located at the file (``path:1:1``) that says
what was expected. Reading a PDF has a time limit too (:mod:`build_tools.pdf_worker`).
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from .diagnostics import Diagnostic, DiagnosticError, Severity

MB = 1024 * 1024
LIMITS = {"text": 16 * MB, "pdf": 64 * MB, "meta": MB // 16, "notes": MB}
"""The largest file of each kind the build reads, in bytes. The longest General Assembly
texts (outcome documents with annexes) are a few hundred kilobytes of text and a few
megabytes of PDF; ``meta.yml`` holds a few lines."""

_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def _error(code: str, shown: str, expected: str, found: str, hint: str = "") -> DiagnosticError:
    return DiagnosticError([Diagnostic(code, Severity.ERROR, shown, 1, 1, expected, found, hint)])


def size_text(size: int) -> str:
    """``2.0 GB``, ``17.5 MB``, ``80 KB``, ``512 bytes``."""
    for unit, scale in (("GB", MB * 1024), ("MB", MB), ("KB", 1024)):
        if size >= scale:
            return f"{size / scale:.1f} {unit}" if unit != "KB" else f"{size // scale} KB"
    return f"{size} bytes"


def check_inside(path: Path, shown: str, content: Path) -> None:
    """Raise unless ``path`` (a link followed to its end) lies inside the folder ``content``:
    the site publishes only what the content folder holds."""
    try:
        resolved = path.resolve(strict=False)
    except (OSError, RuntimeError):  # a loop: check_file reports it
        return
    root = content.resolve()
    if resolved != root and root not in resolved.parents:
        raise _error("read.outside", shown, f"a file inside the content folder {root}",
                     f"a link to {str(resolved)!r}",
                     "the site publishes only what content/ holds: copy the file in instead of linking it")


def check_file(path: Path, shown: str, kind: str) -> os.stat_result:
    """Raise unless ``path`` is a regular file (or a link to one) of at most ``LIMITS[kind]``
    bytes; return its status."""
    try:
        link = os.lstat(path)
    except FileNotFoundError:
        raise _error("read.unreadable", shown, "a readable file", "no such file", "check the path") from None
    except OSError as error:
        raise _error("read.unreadable", shown, "a readable file", error.strerror or type(error).__name__) from None
    if stat.S_ISLNK(link.st_mode):
        _check_link(path, shown)
    try:
        status = os.stat(path)
    except OSError as error:
        raise _error("read.unreadable", shown, "a readable file", error.strerror or type(error).__name__) from None
    for test, name in _KINDS:
        if test(status.st_mode):
            if name == "a folder":
                raise _error("read.unreadable", shown, "a readable file", name, "a document's files are plain files")
            raise _error("read.special-file", shown, "a regular file", name,
                         "put the document's text or PDF here as a plain file")
    limit = LIMITS[kind]
    if status.st_size > limit:
        raise _error("read.too-large", shown, f"a file of at most {size_text(limit)}",
                     f"a file of {size_text(status.st_size)}",
                     "is this the right file? a UN document's text is far smaller")
    return status


def _check_link(path: Path, shown: str) -> None:
    target = os.readlink(path)
    try:
        path.resolve(strict=True)
    except FileNotFoundError:
        raise _error("read.broken-link", shown, "a file or a link to a file",
                     f"a symbolic link to {target!r}, which does not exist", "fix or remove the link") from None
    except (OSError, RuntimeError):
        raise _error("read.broken-link", shown, "a file or a link to a file",
                     f"a symbolic link to {target!r} that leads back to itself", "fix or remove the link") from None


def read_bytes(path: Path, shown: str, kind: str) -> bytes:
    """The bytes of the file at ``path`` after :func:`check_file`; at most ``LIMITS[kind]``."""
    check_file(path, shown, kind)
    limit = LIMITS[kind]
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
    except OSError as error:
        raise _error("read.unreadable", shown, "a readable file", error.strerror or type(error).__name__,
                     "check the file's permissions" if isinstance(error, PermissionError) else "") from None
    with os.fdopen(descriptor, "rb") as handle:
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):  # replaced since it was checked
            raise _error("read.special-file", shown, "a regular file", "something else")
        try:
            data = handle.read(limit + 1)
        except OSError as error:
            raise _error("read.unreadable", shown, "a readable file", error.strerror or type(error).__name__) from None
    if len(data) > limit:  # it grew while it was read
        raise _error("read.too-large", shown, f"a file of at most {size_text(limit)}", "a larger file")
    return data
