"""The planned document and the text helpers both renderers share.

:mod:`bench.generate` plans documents (:class:`Doc`, its :class:`Para` and :class:`Note`);
:mod:`bench.render_zh` and :mod:`bench.render_en` print a plan as the Chinese and the English
extraction would. The plan and what the two printers share live here, so that the planner
imports the printers and neither printer imports the planner.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field

MONTHS = ("January February March April May June July August September October November "
          "December").split()


@dataclass
class Note:
    """A footnote: a Treaty Series record or a document symbol."""

    unts: tuple[int, int] | None = None
    symbol: str | None = None


@dataclass
class Para:
    """A paragraph: text pieces ``(zh, en)`` and footnotes where their markers stand."""

    kind: str  # "pp", "op", "sub"
    pieces: list[tuple[str, str] | Note]
    urls: list[str] = field(default_factory=list)
    """Symbols referenced in the paragraph whose link URL the Chinese PDF prints."""


@dataclass
class Topic:
    index: int
    title: tuple[str, str]
    subject: tuple[str, str]
    committee: str | None
    agenda_item: int


@dataclass
class Doc:
    symbol: str
    kind: str  # draft-resolution | revised-draft-resolution | resolution
    session: int
    topic: Topic
    date: datetime.date
    sponsors: list[tuple[str, str]]
    paragraphs: list[Para]
    adopted: datetime.date | None = None
    res_number: str | None = None
    report: str | None = None
    report_para: int = 0
    draft_symbol: str | None = None
    meeting: int = 0
    job: str = ""

    @property
    def slug(self) -> str:
        return re.sub(r"[^a-z0-9]+", "-", self.symbol.lower()).strip("-")


# --------------------------------------------------------------------------- rendering helpers


def numbered(doc: Doc) -> tuple[list[Para], dict[int, int], list[Note]]:
    """Operative numbering and footnote numbers in order of their markers."""
    notes: list[Note] = []
    numbers: dict[int, int] = {}
    for para in doc.paragraphs:
        for piece in para.pieces:
            if isinstance(piece, Note):
                notes.append(piece)
                numbers[id(piece)] = len(notes)
    return doc.paragraphs, numbers, notes


def note_texts(notes: Sequence[Note]) -> list[tuple[str, str]]:
    texts: list[tuple[str, str]] = []
    previous_unts = False
    for note in notes:
        if note.unts:
            volume, number = note.unts
            if previous_unts:
                texts.append((f"同上，第 {volume} 卷，第 {number} 号。", f"Ibid., vol. {volume}, No. {number}."))
            else:
                texts.append((f"联合国，《条约汇编》，第 {volume} 卷，第 {number} 号。",
                              f"United Nations, Treaty Series, vol. {volume}, No. {number}."))
            previous_unts = True
        else:
            texts.append((f"{note.symbol}。", f"{note.symbol}."))
            previous_unts = False
    return texts


def _zh_width(char: str) -> float:
    return 1.0 if unicodedata.east_asian_width(char) in ("W", "F") else 0.5


_DIGITS_AFTER_CJK = re.compile(r"(?<=[\u3000-\u303f\u3400-\u9fff\uff00-\uffef])(?=\d)")


def zh_spaced(text: str) -> str:
    """What extraction does to Chinese next to digits: ``2022年12月7日`` → ``2022年 12月 7日``."""
    return _DIGITS_AFTER_CJK.sub(" ", text)


def _ascii(char: str) -> bool:
    return char.isascii() and not char.isspace()


def zh_wrap(text: str, width: float, first: float) -> list[str]:
    """Hard-wrap Chinese as the PDF does: anywhere between two Chinese characters, never
    inside a run of Latin letters or digits, never next to a space."""
    lines: list[str] = []
    start, used, limit, last_ok = 0, 0.0, first, -1
    i = 0
    while i < len(text):
        used += _zh_width(text[i])
        if i > start and text[i - 1] != " " and text[i] != " " and not (_ascii(text[i - 1]) and _ascii(text[i])):
            last_ok = i
        if used > limit and last_ok > start:
            lines.append(text[start:last_ok])
            start, limit = last_ok, width
            used = sum(_zh_width(c) for c in text[start:i + 1])
            last_ok = -1
        i += 1
    lines.append(text[start:])
    return lines


def en_wrap(tokens: Sequence[str], width: int, first: int) -> list[str]:
    lines: list[str] = []
    current: list[str] = []
    size = 0
    for token in tokens:
        limit = first if not lines else width
        if current and size + 1 + len(token) > limit:
            lines.append(" ".join(current))
            current, size = [], 0
        size += (1 if current else 0) + len(token)
        current.append(token)
    if current:
        lines.append(" ".join(current))
    return lines


def en_date(date: datetime.date) -> str:
    return f"{date.day} {MONTHS[date.month - 1]} {date.year}"


def zh_date(date: datetime.date) -> str:
    return f"{date.year}年{date.month}月{date.day}日"


def ordinal_suffix(number: int) -> str:
    if 10 <= number % 100 <= 20:
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")


def sponsor_line(names: Sequence[str], conjunction: str, separator: str) -> str:
    if len(names) == 1:
        return names[0]
    return separator.join(names[:-1]) + conjunction + names[-1]
