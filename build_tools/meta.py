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

The file is a few lines of plain YAML, and it is read as such: at most
:data:`build_tools.reading.LIMITS` bytes, no anchors or aliases (a few hundred bytes of
aliases can expand to gigabytes), no nesting deeper than :data:`MAX_DEPTH`, and every
value of the type its key needs. Each problem is an error located at its key or value.
"""

from __future__ import annotations

import datetime
import difflib
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, get_args

import yaml

from .dates import parse_iso_date
from .diagnostics import Diagnostic, DiagnosticError, Severity, shorten
from .languages import site_languages
from .lexicon import KIND_IDS
from .model import DocumentKind, Relation, TextStatus, document_kind
from .reading import read_bytes
from .relations import KEYS as RELATION_KEYS
from .relations import read_relations
from .source import NOT_TEXT, not_text
from .symbols import UNSymbol

KEYS = ("symbol", "symbol_note", "kind", "date", "languages", *RELATION_KEYS)
TEXT_STATUSES: tuple[TextStatus, ...] = get_args(TextStatus)
_STATUS: dict[str, TextStatus] = {status: status for status in TEXT_STATUSES}
MAX_DEPTH = 3
"""The deepest nesting of mappings and lists (``languages:`` is the second level)."""
MAX_TEXT = 2000
"""The longest ``symbol_note``, in characters."""
_NULL = "tag:yaml.org,2002:null"
_NOT_TEXT = re.compile(r"[\x0c\x80-\x9f]|" + NOT_TEXT.pattern)
"""Characters a value may not hold: what a text file may not, and form feeds and C1 controls."""


@dataclass(frozen=True, slots=True)
class Meta:
    path: str
    symbol: str | None = None
    symbol_note: str | None = None
    kind: DocumentKind | None = None
    date: str | None = None
    languages: dict[str, TextStatus] = field(default_factory=dict, hash=False)
    relations: tuple[Relation, ...] = ()
    """What ``revises``, ``adopted_as``, … state (:func:`build_tools.relations.read_relations`)."""

    def text_status(self, lang: str) -> TextStatus:
        return self.languages.get(lang, "official")


def _error(code: str, display: str, mark: Any, expected: str, found: str, hint: str = "") -> Diagnostic:
    line, col = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    return Diagnostic(code, Severity.ERROR, display, line, col, expected, found, hint)


def load_meta(path: Path, display: str) -> tuple[Meta, tuple[Diagnostic, ...]]:
    """Read and check ``meta.yml``; a missing file gives an empty :class:`Meta`."""
    if not os.path.lexists(path):
        return Meta(display), ()
    data = read_bytes(path, display, "meta")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise DiagnosticError([Diagnostic("meta.unreadable", Severity.ERROR, display, line, 1,
                                          "a UTF-8 YAML file", f"bytes {data[error.start:error.start + 4]!r}",
                                          "save the file as UTF-8")]) from None
    node = _compose(text, display)
    if node is None:
        return Meta(display), ()
    if not isinstance(node, yaml.MappingNode):
        raise DiagnosticError([_error("meta.not-mapping", display, node.start_mark,
                                      "a mapping of keys (symbol: …)", _kind_of(node))])
    return _check(node, display)


def _compose(text: str, display: str) -> yaml.Node | None:
    """The YAML node tree of ``text`` after the checks that keep it small (no aliases, not
    deep); YAML errors are located diagnostics."""
    try:
        _check_events(yaml.parse(text, Loader=yaml.SafeLoader), display)
        return yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as error:
        raise DiagnosticError([_error("meta.yaml", display, error.problem_mark, "valid YAML",
                                      shorten(str(error.problem or error), 80), "check indentation and quoting")
                               ]) from None
    except yaml.YAMLError as error:  # a character YAML does not allow, with its position
        mark = getattr(error, "position", None)
        line = text[:mark].count("\n") + 1 if isinstance(mark, int) else 1
        raise DiagnosticError([Diagnostic("meta.yaml", Severity.ERROR, display, line, 1, "valid YAML",
                                          shorten(str(error), 80))]) from None


def _check_events(events: Iterator[yaml.Event], display: str) -> None:
    depth = 0
    for event in events:
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise DiagnosticError([_error("meta.alias", display, event.start_mark, "plain YAML values",
                                          "an anchor or alias (&name, *name)", "write each value out")])
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            depth += 1
            if depth > MAX_DEPTH:
                raise DiagnosticError([_error("meta.too-deep", display, event.start_mark,
                                              f"at most {MAX_DEPTH} levels of nesting",
                                              "a deeper list or mapping")])
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1


def _kind_of(node: yaml.Node) -> str:
    """What a node is, for a message: ``a list``, ``a mapping``, or its text, quoted."""
    if isinstance(node, yaml.MappingNode):
        return "a mapping"
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    return shorten(str(node.value))


def _value(node: yaml.Node, display: str) -> Any:
    """The Python value of ``node`` (dates as ``datetime.date``); a value YAML cannot build
    is a located error."""
    try:
        return yaml.SafeLoader("").construct_object(node, deep=True)
    except (yaml.YAMLError, ValueError, TypeError) as error:
        raise DiagnosticError([_error("meta.yaml", display, node.start_mark, "valid YAML values",
                                      shorten(str(error), 80))]) from None


def _check(mapping: yaml.MappingNode, display: str) -> tuple[Meta, tuple[Diagnostic, ...]]:
    problems: list[Diagnostic] = []
    values: dict[str, Any] = {}
    marks: dict[str, Any] = {}
    for key_node, value_node in mapping.value:
        key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
        if key not in KEYS:
            shown = shorten(str(key)) if key is not None else _kind_of(key_node)
            close = difflib.get_close_matches(str(key), KEYS, n=1) if key else []
            problems.append(_error("meta.unknown-key", display, key_node.start_mark,
                                   "one of the keys " + ", ".join(KEYS), f"unknown key {shown}",
                                   f"did you mean {close[0]!r}?" if close else ""))
            continue
        if key in values:
            problems.append(_error("meta.duplicate-key", display, key_node.start_mark,
                                   f"the key {key} once", "it a second time", "remove one of them"))
            continue
        marks[key] = key_node.start_mark
        problem = None if key in RELATION_KEYS else _check_value(key, value_node, display)
        if problem is not None:
            problems.append(problem)
        else:
            values[key] = _value(value_node, display)

    def relation_problem(key: str, expected: str, found: str, hint: str) -> None:
        problems.append(_error(f"meta.{key}", display, marks.get(key), expected, found, hint))

    own = values.get("symbol")  # only when it is a symbol
    relations = read_relations(values, str(UNSymbol.parse(own)) if own else None, relation_problem)
    if problems:
        raise DiagnosticError(problems)
    return _meta(values, display, relations), ()


_EXPECTED = {
    "symbol": "a UN document symbol such as A/C.1/79/L.53/Rev.1",
    "symbol_note": f"a text (at most {MAX_TEXT} characters, no control characters)",
    "kind": "one of " + ", ".join(KIND_IDS),
    "date": "an ISO date such as 2024-11-04",
    "languages": "{languages} mapped to " + " or ".join(TEXT_STATUSES),
}


def _check_value(key: str, node: yaml.Node, display: str) -> Diagnostic | None:
    """The problem with the value of ``key``, if there is one (none for an empty value:
    the key is then as good as absent)."""
    if isinstance(node, yaml.ScalarNode) and node.tag == _NULL:
        return None
    if key == "languages":
        return _check_languages(node, display, _EXPECTED[key].format(languages="/".join(site_languages())))
    found = _kind_of(node)
    if not isinstance(node, yaml.ScalarNode):
        return _error(f"meta.{key}", display, node.start_mark, _EXPECTED[key], found)
    try:
        value = _value(node, display)
    except DiagnosticError:  # 2024-02-31 read as a date
        value = None
    if key == "date":
        ok = (type(value) is datetime.date and parse_iso_date(value.isoformat()) is not None) or (
            isinstance(value, str) and parse_iso_date(value) is not None)
    elif key == "symbol":
        ok = isinstance(value, str) and _is_symbol(value)
    elif key == "kind":
        ok = isinstance(value, str) and value in KIND_IDS
    else:
        bad = _NOT_TEXT.search(value) if isinstance(value, str) else None
        ok = isinstance(value, str) and len(value) <= MAX_TEXT and bad is None
        if bad is not None:
            found = not_text(bad.group())
        elif isinstance(value, str) and not ok:
            found = f"a text of {len(value)} characters"
    if ok:
        return None
    hint = "year-month-day of a day that exists, from 1945 on, without a time" if key == "date" else ""
    return _error(f"meta.{key}", display, node.start_mark, _EXPECTED[key], found, hint)


def _is_symbol(text: str) -> bool:
    try:
        UNSymbol.parse(text)
    except ValueError:
        return False
    return True


def _check_languages(node: yaml.Node, display: str, expected: str) -> Diagnostic | None:
    if not isinstance(node, yaml.MappingNode):
        return _error("meta.languages", display, node.start_mark, expected, _kind_of(node))
    for key, value in node.value:
        if not (isinstance(key, yaml.ScalarNode) and key.value in site_languages()):
            return _error("meta.languages", display, key.start_mark, expected, f"the language {_kind_of(key)}")
        if not (isinstance(value, yaml.ScalarNode) and value.value in TEXT_STATUSES):
            return _error("meta.languages", display, value.start_mark, expected, f"the status {_kind_of(value)}")
    return None


def _meta(values: dict[str, Any], display: str, relations: tuple[Relation, ...]) -> Meta:
    symbol, note, kind, date = (values.get(key) for key in ("symbol", "symbol_note", "kind", "date"))
    return Meta(
        display,
        str(UNSymbol.parse(symbol)) if symbol else None,
        " ".join(note.split()) if note else None,
        document_kind(kind),
        (date.isoformat() if isinstance(date, datetime.date) else date) or None,
        {str(k): _STATUS[str(v)] for k, v in (values.get("languages") or {}).items()},  # checked before
        relations,
    )
