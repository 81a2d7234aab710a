"""Dates as documents print them (``24 December 2021``, ``2021年12月24日``), checked."""

from __future__ import annotations

import datetime
import re

from .diagnostics import Diagnostic, Severity
from .source import Source

FIRST_YEAR = 1945
"""No United Nations document is older: an earlier year is a misprint or a misread number."""

_MONTHS = ("january february march april may june july august september october november "
           "december").split()


def parse_printed_date(text: str, lang: str) -> datetime.date | None:
    """The date a text prints, or None when it is not one (``31 February 2021``, year 0)."""
    numbers = re.findall(r"\d+", text)
    try:
        if lang == "zh":
            year, month, day = (int(n) for n in numbers[:3])
        else:
            words = text.split()
            day, month, year = int(words[0]), _MONTHS.index(words[1].lower()) + 1, int(words[2])
        if year < FIRST_YEAR:
            return None  # before the United Nations: a misprint or a misread number
        return datetime.date(year, month, day)
    except (ValueError, IndexError):
        return None


_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def parse_iso_date(text: str) -> datetime.date | None:
    """The date ``2024-11-04`` names, or None when ``text`` is not an ISO date that exists
    (``2021-02-31``, ``20241104``, ``2024-11-04 10:00:00``, a year before 1945)."""
    match = _ISO.fullmatch(text)
    if not match:
        return None
    try:
        day = datetime.date(*(int(group) for group in match.groups()))
    except ValueError:
        return None
    return day if day.year >= FIRST_YEAR else None


def iso_date(text: str | None, source: Source, offset: int, diagnostics: list[Diagnostic]) -> str | None:
    """``text`` as an ISO date; a date that does not exist is reported (warning) and dropped."""
    if not text:
        return None
    day = parse_printed_date(text, source.lang)
    if day is None:
        diagnostics.append(source.diagnostic(
            "parse.date", offset, "a date that exists (day, month, year from 1945)", repr(text),
            "check the day and the month", severity=Severity.WARNING,
        ))
        return None
    return day.isoformat()
