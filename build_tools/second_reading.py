"""The second reading: a PDF's words read again by another extractor, held against the
published text word by word.

The converter reads a PDF with PDFium (:mod:`build_tools.pdf`) and decides by its own rules
what is furniture (:mod:`build_tools.zones`). The conservation check proves that what it
published is the source's text, not that the source's text was published. This check reads
the PDF again with poppler (:mod:`build_tools.second_reading_pages`: other code, other
rules) and compares, page by page, the words of each page's body with the words of the
published blocks (:attr:`CleanText.blocks`) that come from that page, and the words of its
footnote area with the published footnotes. A published character's page is known from its
source offset: the PDF's source text has one printed line per line and a form feed between
pages.

What both readings may legitimately differ in is normalised away: spacing and where a word
is split (``w omen``), hyphenation at line ends, quote, dash and space forms, ligatures,
footnote markers (raised digits, asterisks, the numbers that open notes) and the masthead
cells that the converter keeps as front lines. Reading order may differ (tables, two
columns): words that are out of order on a page but present on both sides are no
difference. Every other difference is reported, located in the converter's source:

``reading.dropped``
    words the PDF prints in the body or the footnotes that the published text does not have;
``reading.kept-furniture``
    words of a running header, footer or footnote separator published as text;
``reading.footnote-in-text``
    a footnote's words published in a paragraph, or a paragraph's words in a footnote;
``reading.added``
    published words that the page does not print;
``reading.failed``
    poppler could not read the PDF (or took longer than its time limit).
"""

from __future__ import annotations

import bisect
import functools
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from pathlib import Path
from typing import NamedTuple

from .clean_text import CleanText
from .diagnostics import Diagnostic, Severity, shorten
from .second_reading_pages import FURNITURE, MASTHEAD, NOTES, PACKAGE, TOOL, Page, ReadingError, available, read
from .textmap import MappedText

__all__ = ["DIFFERENCES", "check", "compare", "unavailable_notice"]

DIFFERENCES = ("reading.dropped", "reading.kept-furniture", "reading.footnote-in-text", "reading.added",
               "reading.failed")
"""The codes of second-reading differences (what ``unres report`` counts)."""

_FORMS = str.maketrans({
    "‘": "'", "’": "'", "‚": "'", "‛": "'", "′": "'", "`": "'",
    "“": '"', "”": '"', "„": '"', "‟": '"', "″": '"',
    "‐": "-", "‑": "-", "‒": "-", "–": "-", "—": "-", "―": "-", "−": "-", "\x02": "-",
    "\u00ad": None, "*": None, "\u200b": None, "\u200c": None, "\u200d": None, "\u2060": None, "\ufeff": None,
})
_WORD = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]|[^\s\u3400-\u9fff\uf900-\ufaff"
                   r"\u3000-\u303f\uff00-\uffef]+")
"""A token: one Chinese character (or full-width mark), or a run of other non-space characters."""
_URL = re.compile(r"https?://\S+")
_NUMBER = re.compile(r"\d{1,3}")
_BIG = 4000
"""Characters of a differing stretch beyond which it is compared by words only."""


class _Token(NamedTuple):
    """One word of one reading (a named tuple: pages have thousands)."""

    key: str
    """The word as compared: forms of quotes, dashes and spaces normalised."""
    text: str
    """The word as printed."""
    line: int
    """The line of the PDF page it stands on (the reading's); 0 for published words."""
    place: int
    """Its place in its stream."""
    optional: bool = False
    """May be missing from the published text (a marker, a masthead cell)."""
    offset: int = -1
    """Its source offset (published words)."""


@functools.lru_cache(maxsize=1 << 16)
def _keys(printed: str) -> tuple[str, ...]:
    """The keys of a printed word: normally one; none for a lone asterisk; more where a
    space form splits it."""
    if printed.isascii():
        key = printed.replace("*", "").replace("`", "'").replace("\x02", "-")
        return (key,) if key else ()
    return tuple(unicodedata.normalize("NFKC", printed).translate(_FORMS).split())


def _tokens(text: str) -> Iterable[tuple[int, str, str]]:
    """``(start, printed, key)`` of each word of ``text``."""
    if text.isascii() and text.isprintable() and " " not in text:  # most of poppler's words: one token
        for key in _keys(text):
            yield 0, text, key
        return
    for match in _WORD.finditer(text):
        printed = match.group()
        for key in _keys(printed):
            yield match.start(), printed, key


# --- the two sides --------------------------------------------------------------------


@dataclass(slots=True)
class _Side:
    """One page's words as one reading has them: body and notes."""

    body: list[_Token]
    notes: list[_Token]


def _read_side(page: Page) -> tuple[_Side, Counter[str]]:
    """The second reading of one page, and the keys of its furniture's words."""
    side = _Side([], [])
    furniture: Counter[str] = Counter()
    for row, zone in zip(page.rows, page.zones, strict=True):
        if zone in FURNITURE:
            furniture.update(key for word in row.words for _, _, key in _tokens(word.text))
            continue
        stream = side.notes if zone == NOTES else side.body
        url = _URL.fullmatch(row.text) is not None
        for position, (word, marker) in enumerate(zip(row.words, row.markers, strict=True)):
            opens = zone == NOTES and position == 0 and _NUMBER.fullmatch(word.text) is not None
            optional = marker or opens or url or zone == MASTHEAD
            for _, printed, key in _tokens(word.text):
                stream.append(_Token(key, printed, row.number, len(stream), optional))
    return side, furniture


class _Published:
    """The published text's words, by the page of the source they come from."""

    def __init__(self, clean: CleanText) -> None:
        text = clean.source.text
        self.text = text
        self.feeds = [m.start() for m in re.finditer("\f", text)]
        self.pages: dict[int, _Side] = {}
        for block in clean.blocks:
            self._add(block.text, notes=False)
        for note in clean.footnotes:
            self._add(note.text, notes=True)

    def page_of(self, offset: int) -> int:
        return bisect.bisect_right(self.feeds, offset) + 1

    def page_start(self, page: int) -> int:
        return self.feeds[page - 2] + 2 if 2 <= page <= len(self.feeds) + 1 else 0

    def line_on_page(self, offset: int) -> int:
        start = self.page_start(self.page_of(offset))
        return self.text.count("\n", start, offset) + 1

    def _add(self, mapped: MappedText, notes: bool) -> None:
        """The words of a block or note, each on the page its characters come from (a word
        hyphenated across a page break is two words, one on each page)."""
        bounds = (*mapped.starts, len(mapped.text))
        pieces: list[tuple[int, int, int]] = []  # start, end, page
        for run, source in enumerate(mapped.sources):
            page = self.page_of(source)
            if pieces and pieces[-1][2] == page:
                pieces[-1] = (pieces[-1][0], bounds[run + 1], page)
            else:
                pieces.append((bounds[run], bounds[run + 1], page))
        for start, end, page in pieces:
            side = self.pages.setdefault(page, _Side([], []))
            stream = side.notes if notes else side.body
            for at, printed, key in _tokens(mapped.text[start:end]):
                offset = mapped.source_offset(start + at)
                stream.append(_Token(key, printed, 0, len(stream), offset=offset))


# --- comparing ----------------------------------------------------------------------------


def _joined(tokens: Iterable[_Token]) -> str:
    return "".join(t.key for t in tokens).replace("-", "")


def _diff(read: Sequence[_Token], published: Sequence[_Token]) -> tuple[list[_Token], list[_Token]]:
    """The words of one reading missing from the other, in order; a stretch whose characters
    agree once spaces and hyphens are set aside (``w omen``, ``inter- national``) differs in
    nothing."""
    if _joined(t for t in read if not t.optional) == _joined(published):
        return [], []
    matcher = SequenceMatcher(None, [t.key for t in read], [t.key for t in published], autojunk=False)
    lost: list[_Token] = []
    extra: list[_Token] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "equal":
            missing, added = _stretch(read[i1:i2], published[j1:j2])
            lost += missing
            extra += added
    return lost, extra


def _stretch(read: Sequence[_Token], published: Sequence[_Token]) -> tuple[list[_Token], list[_Token]]:
    """A stretch where the words differ, compared character by character: a word of the
    reading with a character the published text lacks is missing (unless optional); a
    published word with a character the reading lacks is added."""
    required = [t for t in read if not t.optional]
    target = _joined(published)
    if target in (_joined(read), _joined(required)):
        return [], []
    if len(target) + len(_joined(read)) > _BIG:
        return required, list(published)
    chars, owners = _characters(read)
    theirs, their_owners = _characters(published)
    matched_read = [False] * len(chars)
    matched_published = [False] * len(theirs)
    for block in SequenceMatcher(None, chars, theirs, autojunk=False).get_matching_blocks():
        for k in range(block.size):
            matched_read[block.a + k] = True
            matched_published[block.b + k] = True
    lost = {owners[i] for i, ok in enumerate(matched_read) if not ok and not read[owners[i]].optional}
    added = {their_owners[i] for i, ok in enumerate(matched_published) if not ok}
    return [read[i] for i in sorted(lost)], [published[i] for i in sorted(added)]


def _characters(tokens: Sequence[_Token]) -> tuple[str, list[int]]:
    chars: list[str] = []
    owners: list[int] = []
    for index, token in enumerate(tokens):
        for char in token.key:
            if char != "-":
                chars.append(char)
                owners.append(index)
    return "".join(chars), owners


def _cancel(lost: list[_Token], extra: list[_Token],
            optional: Sequence[_Token] = ()) -> tuple[list[_Token], list[_Token], list[_Token]]:
    """Words missing on one side here and on the other side elsewhere, taken off both: by
    key, then what is left character by character (a word split or glued otherwise, a
    marker glued to a word), where the ``optional`` words of the same stream (markers,
    masthead cells) may fill in. Returns what is left of each and the words of ``extra``
    taken off."""
    common = Counter(t.key for t in lost) & Counter(t.key for t in extra)

    def rest(tokens: Sequence[_Token]) -> list[_Token]:
        budget = common.copy()
        kept = []
        for token in tokens:
            if budget[token.key] > 0:
                budget[token.key] -= 1
            else:
                kept.append(token)
        return kept

    rest_lost, rest_extra = rest(lost), rest(extra)
    if (rest_lost and rest_extra) or (rest_extra and optional):
        pool = sorted([*rest_lost, *optional], key=lambda t: t.place)
        rest_lost, rest_extra = _stretch(pool, rest_extra)
    left = {id(t) for t in rest_extra}
    return rest_lost, rest_extra, [t for t in extra if id(t) not in left]


@dataclass(frozen=True, slots=True)
class _Found:
    """Differences of one kind on one page: the words, from one reading or the other."""

    code: str
    page: int
    tokens: tuple[_Token, ...]
    published: bool
    """The words are the published text's (located by their offsets), else the reading's."""
    notes: bool = False


def _page_differences(number: int, read: _Side, published: _Side, furniture: Counter[str]) -> list[_Found]:
    lost_body, extra_body = _diff(read.body, published.body)
    lost_notes, extra_notes = _diff(read.notes, published.notes)
    body_optional = [t for t in read.body if t.optional]
    notes_optional = [t for t in read.notes if t.optional]
    # out of order on the page: missing from one place, found in another
    lost_body, extra_body, _ = _cancel(lost_body, extra_body, body_optional)
    lost_notes, extra_notes, _ = _cancel(lost_notes, extra_notes, notes_optional)
    lost_notes, extra_body, notes_in_text = _cancel(lost_notes, extra_body, notes_optional)
    lost_body, extra_notes, text_in_notes = _cancel(lost_body, extra_notes, body_optional)
    kept: list[_Token] = []
    for extra in (extra_body, extra_notes):
        pool = furniture.copy()
        rest = []
        for token in extra:
            if pool[token.key] > 0:
                pool[token.key] -= 1
                kept.append(token)
            else:
                rest.append(token)
        extra[:] = rest
    return [
        _Found("reading.dropped", number, tuple(lost_body), published=False),
        _Found("reading.dropped", number, tuple(lost_notes), published=False, notes=True),
        _Found("reading.kept-furniture", number, tuple(kept), published=True),
        _Found("reading.footnote-in-text", number, tuple(notes_in_text), published=True),
        _Found("reading.footnote-in-text", number, tuple(text_in_notes), published=True, notes=True),
        _Found("reading.added", number, tuple(extra_body), published=True),
        _Found("reading.added", number, tuple(extra_notes), published=True, notes=True),
    ]


def compare(pages: Sequence[Page], clean: CleanText) -> list[Diagnostic]:
    """The differences between the second reading's ``pages`` and the published text."""
    published = _Published(clean)
    found: list[Diagnostic] = []
    for page in pages:
        read_side, furniture = _read_side(page)
        ours = published.pages.get(page.number, _Side([], []))
        for difference in _page_differences(page.number, read_side, ours, furniture):
            found += _diagnostics(difference, published, clean)
    for number in sorted(set(published.pages) - {p.number for p in pages}):
        side = published.pages[number]
        found += _diagnostics(_Found("reading.added", number, tuple(side.body + side.notes), True), published, clean)
    return found


# --- messages ------------------------------------------------------------------------------


def _runs(tokens: Sequence[_Token]) -> list[list[_Token]]:
    """Words next to each other in their stream, as one run."""
    runs: list[list[_Token]] = []
    for token in sorted(tokens, key=lambda t: t.place):
        if runs and token.place - runs[-1][-1].place <= 2 and token.line - runs[-1][-1].line <= 1:
            runs[-1].append(token)
        else:
            runs.append([token])
    return runs


def _diagnostics(found: _Found, published: _Published, clean: CleanText) -> list[Diagnostic]:
    result = []
    for run in _runs(found.tokens):
        words = " ".join(t.text for t in run)
        line = published.line_on_page(run[0].offset) if found.published else run[0].line
        where = f"PDF page {found.page}, line {line}"
        offset = run[0].offset if found.published else _locate(run, found.page, published)
        expected, text, hint = _MESSAGES[(found.code, found.notes)]
        result.append(clean.source.diagnostic(
            found.code, offset, expected.format(where=where), text.format(words=shorten(words, 60)),
            hint, severity=Severity.WARNING,
        ))
    return result


_MESSAGES = {
    ("reading.dropped", False): (
        "every word of the text of {where} in the published text", "{words} left out",
        "a second reading of the PDF (poppler) finds these words there: the converter dropped them"),
    ("reading.dropped", True): (
        "every word of the footnotes of {where} in the published footnotes", "{words} left out",
        "a second reading of the PDF (poppler) finds these words there: the converter dropped them"),
    ("reading.kept-furniture", False): (
        "the running header, footer and footnote separator of {where} left out of the text",
        "{words} published as text", "the converter took page furniture for text"),
    ("reading.footnote-in-text", False): (
        "the footnote text of {where} in a footnote", "{words} in a paragraph",
        "the converter took a footnote's text for body text"),
    ("reading.footnote-in-text", True): (
        "the body text of {where} in a paragraph", "{words} in a footnote",
        "the converter took body text for a footnote's"),
    ("reading.added", False): (
        "only words that {where} prints", "{words}, which a second reading of the page does not find",
        "the converter's reading of the PDF and poppler's disagree here"),
    ("reading.added", True): (
        "only words that the footnotes of {where} print",
        "{words}, which a second reading of the page does not find",
        "the converter's reading of the PDF and poppler's disagree here"),
}


def _locate(run: Sequence[_Token], page: int, published: _Published) -> int:
    """Where words the published text lacks stand in the converter's source text: the
    source has every printed line, dropped or not; else the start of their page."""
    start = published.page_start(page)
    end = published.feeds[page - 1] if page - 1 < len(published.feeds) else len(published.text)
    for count in (min(len(run), 4), 1):
        pattern = r"\W*\s*".join(re.escape(t.text.strip("*")) for t in run[:count] if t.text.strip("*"))
        if not pattern:
            continue
        match = re.compile(pattern).search(published.text, start, end)
        if match:
            return match.start()
    return start


def check(pdf_path: Path, clean: CleanText) -> list[Diagnostic]:
    """Read the PDF at ``pdf_path`` a second time and report where the published text
    ``clean`` differs from it (warnings). Without poppler nothing is checked: the build says
    so once (:func:`unavailable_notice`), not once a document."""
    if not available():
        return []
    try:
        pages = read(pdf_path)
    except ReadingError as error:
        return [Diagnostic(
            "reading.failed", Severity.WARNING, clean.source.path, 1, 1,
            f"a second reading of the PDF by {TOOL} to prove that no text was lost", str(error),
            "the PDF may be damaged: download it again",
        )]
    return compare(pages, clean)


def unavailable_notice() -> str | None:
    """One line for a build that converts PDFs without poppler, else None."""
    if available():
        return None
    return (f"warning [reading.unavailable] expected {TOOL} (Debian's {PACKAGE}) for the second reading "
            f"of PDFs, found none: PDFs are converted without it (install it: apt-get install {PACKAGE}; "
            "make site and make test do)")
