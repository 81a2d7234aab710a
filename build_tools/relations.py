"""Relations in ``meta.yml``: the documents in a document's life that its text does not name.

A draft does not print that it revises an earlier draft, nor the resolution it became; a
resolution does not print the draft it was adopted from. ``meta.yml`` can say so::

    revises: A/C.1/79/L.53
    adopted_as:
      symbol: A/RES/79/80
      date: 2024-12-02
      source: where the editor read it

Each key takes a symbol, a mapping of ``symbol`` (required), ``date`` (ISO, the date of the
related document: for ``adopted_as`` the day of adoption) and ``source`` (where the fact
comes from), or a list of these (``amended_by``, ``report``). :func:`read_relations` checks
them for :mod:`build_tools.meta`; what the collection shows besides is inferred by
:mod:`build_tools.life`.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Mapping
from types import MappingProxyType

from .model import Relation, RelationKind
from .symbols import UNSymbol

KEYS: Mapping[str, RelationKind] = MappingProxyType({
    "revises": "revises",
    "adopted_as": "adopted-as",
    "adopted_from": "adopted-from",
    "amended_by": "amended-by",
    "report": "report",
    "meeting": "meeting",
})
"""``meta.yml`` key → :attr:`Relation.kind`."""

SINGLE = frozenset({"revises", "adopted_as", "adopted_from", "meeting"})
"""Keys that name one document at most."""

FIELDS = ("symbol", "date", "source")

Problem = Callable[[str, str, str, str], None]
"""``problem(key, expected, found, hint)``: reports an error at ``key`` of ``meta.yml``."""

_ADOPTED_SERIES = ("RES", "DEC")
_RECORDS = ("PV", "SR")
_ISO = re.compile(r"\d{4}-\d{2}-\d{2}")
_EXPECTED = "a symbol, or a mapping of symbol, date and source"


def read_relations(data: Mapping[str, object], own_symbol: str | None, problem: Problem) -> tuple[Relation, ...]:
    """The relations stated in ``data`` (the whole ``meta.yml``), in :data:`KEYS` order;
    every malformed value is reported through ``problem`` and left out."""
    found: list[Relation] = []
    for key, kind in KEYS.items():
        value = data.get(key)
        if value is None:
            continue
        items = value if isinstance(value, list) else [value]
        if key in SINGLE and len(items) > 1:
            problem(key, f"one document ({_EXPECTED})", f"a list of {len(items)}", "")
            continue
        for item in items:
            relation = _relation(key, kind, item, problem)
            if relation is not None and _acceptable(key, relation, own_symbol, problem):
                found.append(relation)
    return tuple(found)


def _relation(key: str, kind: RelationKind, item: object, problem: Problem) -> Relation | None:
    if isinstance(item, str):
        item = {"symbol": item}
    if not isinstance(item, dict):
        problem(key, _EXPECTED, type(item).__name__, "")
        return None
    unknown = [str(name) for name in item if name not in FIELDS]
    if unknown:
        problem(key, "the fields " + ", ".join(FIELDS), f"unknown field {unknown[0]!r}", "")
        return None
    symbol = _symbol(item.get("symbol"))
    if symbol is None:
        problem(key, "a UN document symbol such as A/RES/79/80", repr(item.get("symbol")), "")
        return None
    date = _date(item.get("date"))
    if item.get("date") is not None and date is None:
        problem(key, "an ISO date such as 2024-12-02", repr(item.get("date")), "year-month-day, from 1945 on")
        return None
    source = item.get("source")
    if source is not None and not isinstance(source, str):
        problem(key, "a text saying where the fact comes from", type(source).__name__, "")
        return None
    return Relation(kind, str(symbol), date, " ".join(str(source or "").split()))


def _acceptable(key: str, relation: Relation, own_symbol: str | None, problem: Problem) -> bool:
    symbol = UNSymbol.parse(relation.symbol)
    if own_symbol is not None and relation.symbol == own_symbol:
        problem(key, "another document's symbol", f"{relation.symbol}, this document's own", "")
        return False
    adopted = len(symbol.parts) > 1 and symbol.parts[1] in _ADOPTED_SERIES
    if key == "adopted_as" and not adopted:
        problem(key, "the symbol of a resolution or decision (A/RES/…, A/DEC/…)", relation.symbol, "")
        return False
    if key == "adopted_from" and adopted:
        problem(key, "the symbol of the draft (A/C.1/79/L.53/Rev.1, A/79/L.12)", relation.symbol, "")
        return False
    if key == "meeting" and not any(part.split(".")[0] in _RECORDS for part in symbol.parts):
        problem(key, "the symbol of a meeting record (A/79/PV.49, A/C.1/79/PV.25)", relation.symbol, "")
        return False
    return True


def _symbol(value: object) -> UNSymbol | None:
    if not isinstance(value, str):
        return None
    try:
        return UNSymbol.parse(value)
    except ValueError:
        return None


def _date(value: object) -> str | None:
    if isinstance(value, datetime.datetime):
        return None
    if isinstance(value, datetime.date):
        day = value
    elif isinstance(value, str) and _ISO.fullmatch(value):
        try:
            day = datetime.date.fromisoformat(value)
        except ValueError:
            return None
    else:
        return None
    return day.isoformat() if day.year >= 1945 else None
