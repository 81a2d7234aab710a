"""Treaties that resolutions cite, and where to read them (``data/treaties.yml``).

Each treaty has its English and Chinese titles, the short names running text uses instead
("NPT", 《不扩散条约》), and its record in the United Nations Treaty Series. The registry
finds a treaty by name and finds every mention of one in a paragraph, so that the site can
link each mention to the treaty's text.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any, assert_never

from build_tools.languages import language, site_languages
from build_tools.states import name_key

from .datafile import TableError, load_entries

_FILE = Path(__file__).with_name("data") / "treaties.yml"

_LONG_TITLE_WORDS = 5
"""English names of at least this many words match running text in any letter case (a
sentence-case title is still the title); shorter ones only as written, so that "an arms
trade treaty" is not taken for the Arms Trade Treaty."""


def unts_url(volume: int, number: int) -> str:
    """The Treaty Series PDF of the treaty registered as ``volume``, No. ``number``."""
    return (
        f"https://treaties.un.org/doc/Publication/UNTS/Volume%20{volume}/"
        f"volume-{volume}-I-{number}-English.pdf"
    )


@dataclass(frozen=True, slots=True)
class UntsRecord:
    """A treaty's registration in the United Nations Treaty Series: volume, No."""

    volume: int
    number: int

    @property
    def url(self) -> str:
        return unts_url(self.volume, self.number)


@dataclass(frozen=True, slots=True)
class OwnPages:
    """The pages of a treaty with no Treaty Series record (the Charter), one per language."""

    urls: Mapping[str, str] = field(hash=False)


@dataclass(frozen=True, slots=True)
class Treaty:
    """One treaty, either registered in the Treaty Series or with its own pages.

    The table's loader (:func:`_treaty`) checks that a treaty has a title, and pages where it
    has no record, in every language the site is built in."""

    id: str
    """Short slug, e.g. ``npt``."""
    titles: Mapping[str, str] = field(hash=False)
    """The title in each language: in English as registered (``Treaty on the
    Non-Proliferation of Nuclear Weapons``), in Chinese as printed inside 《》, without them."""
    home: UntsRecord | OwnPages = field(hash=False)
    """Where the treaty's text is read: its Treaty Series record, or its own pages."""
    short_names: Mapping[str, tuple[str, ...]] = field(default_factory=dict, hash=False)
    """Per language, short names and abbreviations (``NPT``; ``不扩散条约``, without 《》)."""

    @property
    def unts(self) -> UntsRecord | None:
        """The Treaty Series record, or ``None`` for a treaty with its own pages."""
        return self.home if isinstance(self.home, UntsRecord) else None

    def title(self, lang: str) -> str:
        language(lang)  # ValueError for a language the site does not have
        return self.titles[lang]

    def short(self, lang: str) -> tuple[str, ...]:
        language(lang)  # ValueError for a language the site does not have
        return self.short_names.get(lang, ())

    def names(self, lang: str) -> tuple[str, ...]:
        """The title, then the short names, in ``lang``."""
        return (self.title(lang), *self.short(lang))

    def url(self, lang: str) -> str:
        """The Treaty Series record where registered, else the treaty's page in ``lang``."""
        language(lang)  # ValueError for a language the site does not have
        match self.home:
            case UntsRecord():
                return self.home.url
            case OwnPages(urls):
                return urls[lang]
            case _:
                assert_never(self.home)


_CLOSE_PART = r"\s*[)）]"


def _en_pattern(name: str) -> re.Pattern[str]:
    """A pattern for ``name`` in English running text: whole words only, any run of
    whitespace between words, either apostrophe, hyphen variants and parentheses of
    either width."""
    parts: list[str] = []
    for match in re.finditer(r"\s+|.", name, re.DOTALL):
        char = match.group()
        if char.isspace():
            parts.append(r"\s*" if parts and parts[-1] == _CLOSE_PART else r"\s+")
        elif char == "(":
            if parts and parts[-1] == r"\s+":
                parts[-1] = r"\s*"
            parts.append(r"[(（]\s*")
        elif char == ")":
            parts.append(_CLOSE_PART)
        elif char in "-\u2010\u2011":
            parts.append("[-\u2010\u2011]")
        elif char in "'\u2019":
            parts.append("['\u2019]")
        else:
            parts.append(re.escape(char))
    flags = re.IGNORECASE if len(name.split()) >= _LONG_TITLE_WORDS else 0
    return re.compile(r"(?<!\w)" + "".join(parts) + r"(?!\w)", flags)


_FOLD_SPECIAL = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})
"""The characters other than ASCII letters that a case-insensitive pattern matches to an
ASCII letter (İ ı ſ and the Kelvin sign); a test checks the list against every code point."""


def _fold(text: str) -> str:
    """``text`` in lower case, with every character that an ``IGNORECASE`` pattern matches
    to an ASCII letter turned into that letter: a pattern's ASCII word, lower-cased, is in
    ``_fold(text)`` wherever the pattern matches ``text``."""
    return text.translate(_FOLD_SPECIAL).lower()


def _key(name: str, lang: str) -> str:
    name = name.strip()
    opening, closing = language(lang).title_marks
    if opening and name.startswith(opening) and name.endswith(closing):
        name = name[len(opening):-len(closing)]
    return name_key(name, lang)


@dataclass(frozen=True, slots=True)
class TreatyRegistry:
    """All treaties, with lookups built once when the registry is made.

    Making a registry checks it: ids and Treaty Series records must be unique, and no title
    or short name may stand for two treaties (``ValueError`` otherwise)."""

    treaties: tuple[Treaty, ...]
    _by_id: Mapping[str, Treaty] = field(init=False, repr=False, compare=False)
    _by_key: Mapping[tuple[str, str], Treaty] = field(init=False, repr=False, compare=False)
    _by_unts: Mapping[tuple[int, int], Treaty] = field(init=False, repr=False, compare=False)
    _patterns: Mapping[str, tuple[tuple[re.Pattern[str], Treaty], ...]] = field(
        init=False, repr=False, compare=False
    )
    """Per language whose titles stand in running text without title marks (English), the
    pattern of every name."""
    _needles: Mapping[str, tuple[str, ...]] = field(init=False, repr=False, compare=False)
    """Per pattern, a word every match contains (lower case): a pattern whose word is not
    in the text cannot match, so it is not run (see :func:`_fold`)."""

    def __post_init__(self) -> None:
        by_id: dict[str, Treaty] = {}
        by_key: dict[tuple[str, str], Treaty] = {}
        by_unts: dict[tuple[int, int], Treaty] = {}
        unmarked = [lang for lang in site_languages() if not language(lang).title_marks[0]]
        patterns: dict[str, list[tuple[re.Pattern[str], Treaty]]] = {lang: [] for lang in unmarked}
        for treaty in self.treaties:
            if by_id.setdefault(treaty.id, treaty) is not treaty:
                raise ValueError(f"treaty id {treaty.id!r} is used twice")
            if treaty.unts is not None:
                record = (treaty.unts.volume, treaty.unts.number)
                if record in by_unts:
                    raise ValueError(
                        f"UNTS vol. {record[0]}, No. {record[1]} is given for both "
                        f"{by_unts[record].id!r} and {treaty.id!r}"
                    )
                by_unts[record] = treaty
            for lang in site_languages():
                for name in treaty.names(lang):
                    key = (lang, _key(name, lang))
                    other = by_key.setdefault(key, treaty)
                    if other is not treaty:
                        raise ValueError(
                            f"{lang} name {name!r} of {treaty.id!r} is already a "
                            f"name of {other.id!r}"
                        )
            for lang in unmarked:
                patterns[lang].extend((_en_pattern(name), treaty) for name in treaty.names(lang))
        object.__setattr__(self, "_by_id", MappingProxyType(by_id))
        object.__setattr__(self, "_by_key", MappingProxyType(by_key))
        object.__setattr__(self, "_by_unts", MappingProxyType(by_unts))
        object.__setattr__(self, "_patterns", MappingProxyType(
            {lang: tuple(found) for lang, found in patterns.items()}))
        object.__setattr__(self, "_needles", MappingProxyType({lang: tuple(
            max(re.findall(r"[A-Za-z0-9]+", name), key=len, default="").lower()
            for treaty in self.treaties for name in treaty.names(lang)
        ) for lang in unmarked}))

    def __len__(self) -> int:
        return len(self.treaties)

    def by_id(self, treaty_id: str) -> Treaty:
        """The treaty with slug ``treaty_id``; ``KeyError`` if none."""
        try:
            return self._by_id[treaty_id]
        except KeyError:
            raise KeyError(f"no treaty has the id {treaty_id!r}") from None

    def find(self, name: str, lang: str) -> Treaty | None:
        """The treaty whose title or short name in ``lang`` is ``name``, or ``None``.

        A name may keep its language's title marks (《》). Whitespace, parenthesis width, apostrophe and
        hyphen variants and (in English) letter case do not matter."""
        language(lang)  # ValueError for a language the site does not have
        return self._by_key.get((lang, _key(name, lang)))

    def by_unts(self, volume: int, number: int) -> Treaty | None:
        """The treaty registered as UNTS ``volume``, No. ``number``, or ``None``."""
        return self._by_unts.get((volume, number))

    def find_all(self, text: str, lang: str) -> tuple[tuple[int, int, Treaty], ...]:
        """Every mention of a treaty in ``text`` as ``(start, end, treaty)``, by start.

        In a language with title marks (Chinese): each 《…》 whose content is a title or
        short name; the span covers the marks. Else (English): each title or short name
        standing as whole words; where mentions overlap the longest wins."""
        opening, closing = language(lang).title_marks  # ValueError for a language the site does not have
        if opening:
            found: list[tuple[int, int, Treaty]] = []
            for match in _marked(opening, closing).finditer(text):
                treaty = self.find(match.group(1), lang)
                if treaty is not None:
                    found.append((match.start(), match.end(), treaty))
            return tuple(found)
        folded = _fold(text)
        candidates = [
            (match.start(), match.end(), treaty)
            for (pattern, treaty), needle in zip(self._patterns[lang], self._needles[lang], strict=True)
            if needle in folded
            for match in pattern.finditer(text)
        ]
        candidates.sort(key=lambda c: (c[0] - c[1], c[0]))  # longest first, then leftmost
        chosen: list[tuple[int, int, Treaty]] = []
        for start, end, treaty in candidates:
            if all(end <= s or e <= start for s, e, _ in chosen):
                chosen.append((start, end, treaty))
        return tuple(sorted(chosen, key=lambda c: c[0]))


@functools.cache
def _marked(opening: str, closing: str) -> re.Pattern[str]:
    """A title in running text between a language's title marks (《…》): no nesting, no line
    break."""
    marks = re.escape(opening + closing)
    return re.compile(f"{re.escape(opening)}([^{marks}\\n]*){re.escape(closing)}")


def _treaty(entry: dict[str, Any]) -> Treaty:
    """A treaty from its entry, valid against ``schema/treaties.schema.json``; ``ValueError``
    for what the schema cannot know: a title, or a page where there is no Treaty Series
    record, missing in a language the site is built in beyond English and Chinese."""
    langs = site_languages()
    if missing := [lang for lang in langs if not entry.get(lang)]:
        raise ValueError(f"no title in {', '.join(missing)}; expected '{missing[0]}: <title>' "
                         "for every language the site is built in")
    short = entry.get("short", {})
    home: UntsRecord | OwnPages
    if "unts" in entry:
        home = UntsRecord(entry["unts"]["volume"], entry["unts"]["number"])
    else:
        url = entry["url"]
        if missing := [lang for lang in langs if not url.get(lang)]:
            raise ValueError(f"url: no page in {', '.join(missing)}; expected '{missing[0]}: https://…' "
                             "for every language the site is built in, or a 'unts' record")
        home = OwnPages({lang: url[lang] for lang in langs})
    return Treaty(
        id=entry["id"],
        titles={lang: entry[lang] for lang in langs},
        home=home,
        short_names={lang: tuple(short[lang]) for lang in langs if lang in short},
    )


def load_treaties_from(path: Path) -> TreatyRegistry:
    """Read and check a treaties file; ``ValueError`` naming the file and entry if malformed."""
    treaties: list[Treaty] = load_entries(path, "treaties", _treaty, lambda e: e.get("id"))
    try:
        return TreatyRegistry(tuple(treaties))
    except ValueError as error:
        raise TableError(str(path), str(error)) from None


@functools.cache
def load_treaties() -> TreatyRegistry:
    """The treaties in ``build_tools/data/treaties.yml``, read once."""
    return load_treaties_from(_FILE)
