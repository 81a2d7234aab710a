"""Dates as documents print them (``24 December 2021``, ``2021年12月24日``), checked."""

from __future__ import annotations

import datetime
import functools
import re

from babel.dates import get_month_names

from .diagnostics import Diagnostic, Severity
from .languages import language
from .source import Source

FIRST_YEAR = 1945
"""No United Nations document is older: an earlier year is a misprint or a misread number."""


@functools.cache
def month_names(lang: str) -> tuple[str, ...]:
    """The names of the months, January first, as a long date in ``lang`` prints them
    (CLDR's, as babel has them, in the language's date locale)."""
    names = get_month_names("wide", locale=language(lang).date_locale)
    return tuple(str(names[month]) for month in range(1, 13))


@functools.cache
def month_after(lang: str) -> re.Pattern[str]:
    """A space and a month's name: what follows the day of a date in ``lang`` whose words
    stand apart (``17 March``, ``1er mars``); nothing matches in a language without spaces."""
    if not language(lang).spaced:
        return re.compile(r"(?!)")
    return re.compile(r"\s(?:" + "|".join(map(re.escape, month_names(lang))) + r")\b")


def parse_printed_date(text: str, lang: str) -> datetime.date | None:
    """The date a text prints, or None when it is not one (``31 February 2021``, year 0): in
    a language whose words stand apart, the day, the month's name and the year
    (``24 December 2021``, ``1er décembre 2021``); in one without spaces, the year, month and
    day in figures (``2021年12月24日``)."""
    numbers = re.findall(r"\d+", text)
    try:
        if not language(lang).spaced:
            year, month, day = (int(n) for n in numbers[:3])
        else:
            words = text.split()
            months = [name.lower() for name in month_names(lang)]
            day, year = int(numbers[0]), int(words[-1])
            month = next(months.index(word.lower()) + 1 for word in words[1:-1] if word.lower() in months)
        if year < FIRST_YEAR:
            return None  # before the United Nations: a misprint or a misread number
        return datetime.date(year, month, day)
    except (ValueError, IndexError, StopIteration):
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
