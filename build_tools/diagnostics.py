"""Diagnostics: what went wrong, where, what was expected and what was found."""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass


class Severity(enum.Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One problem in one input file, located as ``path:line:col`` (1-based)."""

    code: str
    """Stable identifier such as ``parse.no-operative``; tests and docs refer to it."""
    severity: Severity
    path: str
    line: int
    col: int
    expected: str
    """What the format requires at this place."""
    found: str
    """What the input has there (shortened)."""
    hint: str = ""
    """How to fix it, where one helps."""

    def __str__(self) -> str:
        text = (
            f"{self.path}:{self.line}:{self.col}: {self.severity.value} [{self.code}] "
            f"expected {self.expected}, found {self.found}"
        )
        text = f"{text} (hint: {self.hint})" if self.hint else text
        return text.translate(_ONE_LINE)  # a newline in a folder name must not split the message


_ONE_LINE = {code: repr(chr(code))[1:-1] for code in (*range(0x20), 0x7F, 0x85, 0x2028, 0x2029)}
"""Control and line-breaking characters, written as escapes (``\\n``)."""


class DiagnosticError(Exception):
    """Raised by a stage that cannot go on; carries every diagnostic found so far."""

    def __init__(self, diagnostics: Iterable[Diagnostic]) -> None:
        self.diagnostics = tuple(diagnostics)
        super().__init__("\n".join(str(d) for d in self.diagnostics))


def shorten(text: str, limit: int = 40) -> str:
    """Quote ``text`` for a message, cut to ``limit`` characters."""
    flat = text.replace("\n", "\\n")
    return repr(flat if len(flat) <= limit else flat[: limit - 1] + "…")


def errors(diagnostics: Iterable[Diagnostic]) -> tuple[Diagnostic, ...]:
    return tuple(d for d in diagnostics if d.severity is Severity.ERROR)
