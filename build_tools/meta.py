"""``meta.yml``: what a document's text does not say about itself.

Keys (all optional unless the text lacks them; see ``docs/content-format.md``):

``symbol``
    The document symbol, e.g. ``A/C.1/79/L.53/Rev.1``.
``symbol_note``
    Why the symbol is what it is, when the text does not print it.
``kind``
    ``draft-resolution`` | ``revised-draft-resolution`` | ``resolution`` | ``draft-decision``
    | ``decision``.
``date``
    ISO date of the document (``2024-10-31``).
``languages``
    Per language, the status of its text file: ``official`` or ``unofficial-translation``.
``revises``, ``adopted_as``, ``adopted_from``, ``amended_by``, ``report``, ``meeting``
    The documents in its life that the text does not name (:mod:`build_tools.relations`).
"""

from __future__ import annotations

import datetime
import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .diagnostics import Diagnostic, DiagnosticError, Severity
from .lexicon import KINDS
from .model import Relation
from .relations import KEYS as RELATION_KEYS
from .relations import read_relations
from .symbols import UNSymbol

KEYS = ("symbol", "symbol_note", "kind", "date", "languages", *RELATION_KEYS)
TEXT_STATUSES = ("official", "unofficial-translation")


@dataclass(frozen=True, slots=True)
class Meta:
    path: str
    symbol: str | None = None
    symbol_note: str | None = None
    kind: str | None = None
    date: str | None = None
    languages: dict[str, str] = field(default_factory=dict, hash=False)
    relations: tuple[Relation, ...] = ()
    """What ``revises``, ``adopted_as``, … state (:func:`build_tools.relations.read_relations`)."""

    def text_status(self, lang: str) -> str:
        return self.languages.get(lang, "official")


def load_meta(path: Path, display: str) -> tuple[Meta, tuple[Diagnostic, ...]]:
    """Read and check ``meta.yml``; a missing file gives an empty :class:`Meta`."""
    if not path.exists():
        return Meta(display), ()
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        raise DiagnosticError(
            [Diagnostic("meta.yaml", Severity.ERROR, display, line, col, "valid YAML",
                        str(error.problem or error), "check indentation and quoting")]
        ) from None
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        raise DiagnosticError(
            [Diagnostic("meta.unreadable", Severity.ERROR, display, 1, 1,
                        "a readable UTF-8 YAML file", str(error))]
        ) from None
    except ValueError as error:  # PyYAML reads 2024-13-45 as a date and fails
        lines = path.read_text(encoding="utf-8").splitlines()
        raise DiagnosticError(
            [Diagnostic("meta.date", Severity.ERROR, display, _line_of(lines, "date"), 1,
                        "an ISO date such as 2024-11-04", str(error))]
        ) from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise DiagnosticError(
            [Diagnostic("meta.not-mapping", Severity.ERROR, display, 1, 1,
                        "a mapping of keys (symbol: …)", type(data).__name__)]
        )
    lines = path.read_text(encoding="utf-8").splitlines()
    return _check(data, display, lines)


def _line_of(lines: list[str], key: str) -> int:
    for number, line in enumerate(lines, start=1):
        if re.match(rf"\s*{re.escape(key)}\s*:", line):
            return number
    return 1


def _check(data: dict[object, object], display: str, lines: list[str]) -> tuple[Meta, tuple[Diagnostic, ...]]:
    problems: list[Diagnostic] = []

    def problem(key: str, expected: str, found: str, hint: str = "") -> None:
        problems.append(Diagnostic(f"meta.{key}", Severity.ERROR, display, _line_of(lines, key), 1,
                                   expected, found, hint))

    for key in data:
        if str(key) not in KEYS:
            close = difflib.get_close_matches(str(key), KEYS, n=1)
            problems.append(Diagnostic(
                "meta.unknown-key", Severity.ERROR, display, _line_of(lines, str(key)), 1,
                "one of the keys " + ", ".join(KEYS), f"unknown key {key!r}",
                f"did you mean {close[0]!r}?" if close else "",
            ))
    symbol = data.get("symbol")
    if symbol is not None:
        try:
            symbol = str(UNSymbol.parse(str(symbol)))
        except ValueError:
            problem("symbol", "a UN document symbol such as A/C.1/79/L.53/Rev.1", repr(symbol))
    kind = data.get("kind")
    if kind is not None and kind not in KINDS:
        problem("kind", "one of " + ", ".join(KINDS), repr(kind))
    date = data.get("date")
    if date is not None and not isinstance(date, datetime.date):
        try:
            datetime.date.fromisoformat(str(date))
        except ValueError:
            problem("date", "an ISO date such as 2024-11-04", repr(date))
    languages = data.get("languages") or {}
    if not isinstance(languages, dict) or any(
        lang not in ("zh", "en") or status not in TEXT_STATUSES for lang, status in languages.items()
    ):
        problem("languages", "zh/en mapped to " + " or ".join(TEXT_STATUSES), repr(languages))
        languages = {}
    relations = read_relations(data, str(symbol) if symbol else None, problem)
    if problems:
        raise DiagnosticError(problems)
    note = data.get("symbol_note")
    return (
        Meta(
            display,
            str(symbol) if symbol else None,
            " ".join(str(note).split()) if note else None,
            str(kind) if kind else None,
            str(date) if date else None,
            {str(k): str(v) for k, v in languages.items()},
            relations,
        ),
        (),
    )
