"""Dates as documents print them (``24 December 2021``, ``2021年12月24日``), checked."""

from __future__ import annotations

import datetime
import re

from .diagnostics import Diagnostic, Severity
from .source import Source

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
        if year < 1945:
            return None  # before the United Nations: a misprint or a misread number
        return datetime.date(year, month, day)
    except (ValueError, IndexError):
        return None


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
