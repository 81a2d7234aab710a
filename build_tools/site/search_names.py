"""Names as search terms: States, treaties and bodies, found in the text and in queries.

A name is a term of its own (``state:cn``, ``treaty:npt``, ``body:iaea``): a query that is
a name finds the passages that name that State, treaty or body, however they name it (中国,
China; 《不扩散核武器条约》, NPT), and not the words that merely contain it: 中国 does not find
发展中国家, Guinea does not find Equatorial Guinea.

Where names come from (:func:`lexicon`):

* States: ``data/member_states.yml`` (UN short names and aliases) and the short forms
  readers type in ``data/search_names.yml`` (Russia, 俄罗斯);
* treaties: ``data/treaties.yml`` (titles and short names; the Latin abbreviations such as
  NPT in both languages);
* bodies (IAEA, 国际原子能机构): ``data/search_names.yml``;
* words that contain a State's name without naming it (South China Sea, 几内亚湾):
  ``data/search_names.yml``, and in Chinese any name ending in 国 followed by 家 or 际.

In the index, States and bodies are found by :func:`find_names` (the longest name first,
whole words in English), treaties as the converter finds them
(:meth:`build_tools.treaties.TreatyRegistry.find_all`: in Chinese only inside 《》).
``search.js`` recognises the names of a query with the lexicon that the index's meta file
carries (:func:`query_lexicon`).
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, overload

from build_tools.datafile import TableError, load_entries
from build_tools.languages import language, site_languages
from build_tools.site.search_text import fold, fold_chars, folds_evenly, tokens
from build_tools.states import load_states
from build_tools.treaties import load_treaties

_FILE = Path(__file__).resolve().parent.parent / "data" / "search_names.yml"
_ID = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")
_ACRONYM = re.compile(r"[A-Z]{2,}")


@dataclass(frozen=True, slots=True)
class Name:
    units: tuple[str, ...]
    """The name's folded units: Han characters and words (``("中", "国")``, ``("russian", "federation")``)."""
    term: str
    """``state:cn``, ``treaty:npt``, ``body:iaea``; empty for a word that is not a name."""


@dataclass(frozen=True, slots=True)
class Entry:
    """One entry of ``search_names.yml``."""

    kind: str
    """``state`` | ``body`` | ``not_names`` | ``joined_words``."""
    id: str
    names: Mapping[str, tuple[str, ...]]
    abbreviations: tuple[str, ...] = ()


def name_units(name: str) -> tuple[str, ...]:
    """The folded units of a name, as a query or a text has them."""
    out: list[str] = []
    for token in tokens(fold(name)):
        out += list(token.value) if token.kind == "han" else [token.value]
    return tuple(out)


def _entry(entry: dict[str, Any]) -> Entry:
    """An entry, valid against ``schema/search_names.schema.json``; ``KeyError`` for a State
    code that names no State."""
    names = {lang: tuple(entry.get(lang, ())) for lang in site_languages()}
    if "state" in entry:
        code = str(entry["state"])
        load_states().by_code(code)
        return Entry("state", code.lower(), names)
    if "body" in entry:
        return Entry("body", entry["body"], names, tuple(entry.get("abbreviations", ())))
    if "joined_words" in entry:
        return Entry("joined_words", "", names)
    return Entry("not_names", "", names)


@functools.cache
def entries(path: Path = _FILE) -> tuple[Entry, ...]:
    """The entries of ``search_names.yml``; ``ValueError`` naming the file and entry if malformed."""
    return tuple(load_entries(path, "search_names", _entry, lambda e: e.get("state") or e.get("body")))


def _state_names(lang: str) -> Iterator[tuple[str, str]]:
    for state in load_states().states:
        for name in (state.name(lang), *state.aliases(lang)):
            yield name, f"state:{state.code.lower()}"
    for entry in entries():
        if entry.kind == "state":
            yield from ((name, f"state:{entry.id}") for name in entry.names[lang])


def _body_names(lang: str) -> Iterator[tuple[str, str]]:
    for entry in entries():
        if entry.kind == "body":
            yield from ((name, f"body:{entry.id}") for name in (*entry.names[lang], *entry.abbreviations))
        elif entry.kind == "not_names":
            yield from ((name, "") for name in entry.names[lang])


def _treaty_names(lang: str) -> Iterator[tuple[str, str]]:
    for treaty in load_treaties().treaties:
        names = [*treaty.names(lang),
                 *(n for other in site_languages() for n in treaty.short(other) if _ACRONYM.fullmatch(n))]
        yield from ((name, f"treaty:{treaty.id}") for name in names)


@functools.cache
def lexicon(lang: str, treaties: bool = True) -> tuple[Name, ...]:
    """Every name in ``lang`` (and the words that are not names), longest first; without
    the treaties when ``treaties`` is false (the index finds those as the converter does).
    ``ValueError`` when one name stands for two things."""
    found: dict[tuple[str, ...], str] = {}
    sources = [_state_names(lang), _body_names(lang), *([_treaty_names(lang)] if treaties else [])]
    for source in sources:
        for name, term in source:
            units = name_units(name)
            if not units:
                continue
            other = found.setdefault(units, term)
            if other != term and other and term:
                raise TableError(str(_FILE), f"the {lang} name {name!r} stands for both {other} and {term}")
    return tuple(Name(units, term) for units, term in sorted(found.items(), key=lambda item: (-len(item[0]), item[0])))


def query_lexicon(lang: str) -> list[list[str]]:
    """What ``search.js`` needs to recognise names in a query: ``[units joined by spaces,
    term]`` for every name of ``lang``, longest first."""
    return [[" ".join(name.units), name.term] for name in lexicon(lang)]


# ---- finding names in a text --------------------------------------------------------------


def _trie_pattern(words: list[str]) -> str:
    """One regex alternation of ``words`` as a trie, so that matching costs one pass."""
    trie: dict[str, Any] = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def pattern(node: dict[str, Any]) -> str:
        branches = [re.escape(char) + pattern(child) for char, child in sorted(node.items()) if char]
        optional = "" in node
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 and not optional else "(?:" + "|".join(branches) + ")"
        return body + ("?" if optional else "")

    return pattern(trie)


@dataclass(frozen=True, slots=True)
class _Finder:
    pattern: re.Pattern[str]
    terms: Mapping[str, str]
    """Matched folded text, gaps taken out, to its term."""
    joined: tuple[str, ...]
    """The words of ``joined_words`` entries, folded: a State's name whose last character
    begins one of them is not taken."""


def _key(units: tuple[str, ...], lang: str) -> str:
    """How a name stands in the stream :func:`find_names` matches: Han characters side by
    side, words (and a word next to a Han character, in English) one space apart."""
    out = ""
    spaced = language(lang).spaced
    for unit in units:
        if out and (spaced or unit.isascii() or out[-1].isascii()):
            out += " "
        out += unit
    return out


@functools.cache
def _finder(lang: str) -> _Finder:
    names = lexicon(lang, treaties=False)
    keys = {_key(name.units, lang): name.term for name in names}
    # Chinese names are matched on the folded text with its punctuation and spaces taken
    # out (联合国教育、科学及文化组织), English ones on its words (see find_names).
    body = _trie_pattern(sorted(keys, key=len, reverse=True))
    joined = tuple(_key(name_units(word), lang) for entry in entries() if entry.kind == "joined_words"
                   for word in entry.names[lang])
    return _Finder(re.compile(rf"(?<![a-z0-9]){body}(?![a-z0-9])" if language(lang).spaced else body), keys, joined)


def find_names(text: str, lang: str) -> list[tuple[int, int, str]]:
    """The States and bodies named in ``text``: ``(start, end, term)`` with offsets in
    ``text``, the longest name first and left to right, none inside a word of
    ``not_names``; Latin names as whole words."""
    finder = _finder(lang)
    stream, places = _stream(text, language(lang).spaced)
    found: list[tuple[int, int, str]] = []
    for match in finder.pattern.finditer(stream):
        term = finder.terms.get(match.group())
        start, end = match.span()
        if not term or _inside_word(stream, start, end):
            continue
        if term.startswith("state:") and any(stream.startswith(word, end - 1) for word in finder.joined):
            continue
        found.append((places[start], places[end - 1] + 1, term))
    return found


_RUN = re.compile(r"[^\W_]+")
"""A run of characters for which ``str.isalnum`` is true (``\\w`` is those and ``_``)."""


def _stream(text: str, spaced: bool) -> tuple[str, Sequence[int]]:
    """The folded text without the characters a name may skip (punctuation, spaces; in
    English each run of them becomes one space), with each character's place in ``text``.
    Run by run where every character folds to one (the search index reads every paragraph
    of the collection through here), else character by character."""
    joined, even = folds_evenly(text)
    if not even:
        return _stream_by_character(fold_chars(text), spaced)
    if spaced:  # every gap is one space; a place is looked up only where a name is found
        found = list(_RUN.finditer(joined))
        runs = [run.group() for run in found]
        return " ".join(runs), _Places([run.start() for run in found], runs)
    pieces: list[str] = []
    places: list[int] = []
    end = 0
    for run in _RUN.finditer(joined):
        start = run.start()
        if pieces and start > end and joined[start].isascii():  # in Chinese, a gap before a Latin word
            pieces.append(" ")
            places.append(start)
        end = run.end()
        pieces.append(run.group())
        places += range(start, end)
    return "".join(pieces), places


class _Places(Sequence[int]):
    """The place in the text of each character of the runs ``runs`` joined by single
    spaces, the runs starting at ``starts`` in the text (a space's place is that of the
    character after it), looked up by position: a name is found in few of the texts."""

    def __init__(self, starts: list[int], runs: list[str]) -> None:
        self.starts = starts
        self.ends = list(itertools.accumulate(len(run) + 1 for run in runs))
        """Where each run's following space is, plus one: in the stream, run ``k`` takes
        ``[ends[k-1], ends[k] - 1)``."""

    def __len__(self) -> int:
        return self.ends[-1] - 1 if self.ends else 0

    @overload
    def __getitem__(self, index: int) -> int: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[int]: ...

    def __getitem__(self, index: int | slice) -> int | Sequence[int]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError(index)
        run = bisect.bisect_right(self.ends, index)  # the run that holds it, or the space after which
        begin = self.ends[run - 1] if run else 0
        if index < self.ends[run] - 1:
            return self.starts[run] + index - begin
        return self.starts[run + 1]  # the space: the next run's first character


def _stream_by_character(folded: list[str], spaced: bool) -> tuple[str, list[int]]:
    """:func:`_stream` of a text whose characters ``folded`` are: one each, or more, or none."""
    kept: list[str] = []
    places: list[int] = []
    gap = False
    for i, chars in enumerate(folded):
        for char in chars:
            if not char.isalnum():
                gap = True
                continue
            if gap and kept and (spaced or char.isascii()):
                kept.append(" ")
                places.append(i)
            gap = False
            kept.append(char)
            places.append(i)
    return "".join(kept), places


def _inside_word(stream: str, start: int, end: int) -> bool:
    """Whether a Latin name found in Chinese text is part of a longer Latin word."""
    before = stream[start - 1 : start]
    after = stream[end : end + 1]
    return bool((stream[start].isascii() and before.isascii() and before.isalnum())
                or (stream[end - 1].isascii() and after.isascii() and after.isalnum()))
