"""UN Member States and observer States, by code and by name (``data/member_states.yml``).

A resolution's sponsors, voting lists and footnotes name States by the UN's official short
names, which differ from CLDR's (俄罗斯联邦, not 俄罗斯; "Syrian Arab Republic", not
"Syria"). :meth:`StateTable.resolve` accepts an official name or a listed alias after light
normalisation only; :meth:`StateTable.nearest` offers "did you mean" hints for the rest.
"""

from __future__ import annotations

import difflib
import functools
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

from .datafile import TableError, load_entries
from .languages import language, site_languages

_FILE = Path(__file__).with_name("data") / "member_states.yml"

ORDER = "en"
"""The language the UN lists its Member States by (and this table names them by in its
messages): English, ignoring diacritics."""
STATUSES = ("member", "observer")

# Characters an editor's text may use in place of the ones the data uses. NFKC already
# folds full-width parentheses and spaces; these are the ones it leaves alone.
_FOLD = str.maketrans(
    {
        "\u2019": "'",  # ’ right single quotation mark (the UN's apostrophe)
        "\u2018": "'",  # ‘
        "\u02bc": "'",  # ʼ modifier letter apostrophe
        "\u00b4": "'",  # ´
        "`": "'",
        "\u2010": "-",  # ‐ hyphen
        "\u2011": "-",  # ‑ non-breaking hyphen
        "\u2012": "-",  # ‒
        "\u2013": "-",  # –
    }
)
_SPACE = re.compile(r"\s+")
_OPEN = re.compile(r"\s*\(\s*")
_CLOSE = re.compile(r"\s*\)\s*")

_NEAREST_CUTOFF = 0.6
"""Lowest similarity (0..1) a name needs to be offered as a "did you mean" hint."""


def name_key(name: str, lang: str) -> str:
    """The form in which names are compared: NFKC, one kind of apostrophe, hyphen and
    parenthesis, no space next to a parenthesis, single spaces (none at all in Chinese),
    and case-folded English. Not fuzzy: two keys are equal only for the same spelling."""
    described = language(lang)  # ValueError for a language the site does not have
    text = unicodedata.normalize("NFKC", name).translate(_FOLD)
    text = _SPACE.sub(" ", text).strip()
    text = _CLOSE.sub(")", _OPEN.sub("(", text))
    if not described.word_space:
        text = text.replace(" ", "")
    return text.casefold() if described.cased else text


@dataclass(frozen=True, slots=True)
class State:
    """One Member State or observer State."""

    code: str
    """ISO 3166-1 alpha-2, e.g. ``RU``."""
    alpha3: str
    """ISO 3166-1 alpha-3, e.g. ``RUS``."""
    status: str
    """``member`` or ``observer``."""
    names: Mapping[str, str] = field(hash=False)
    """The UN official short name in each language: ``{"en": "Russian Federation", "zh":
    "俄罗斯联邦"}``."""
    variants: Mapping[str, tuple[str, ...]] = field(default_factory=dict, hash=False)
    """Per language, variants that resolve to this State but are never printed."""

    def name(self, lang: str) -> str:
        """The official short name in ``lang``."""
        language(lang)  # ValueError for a language the site does not have
        return self.names[lang]

    def aliases(self, lang: str) -> tuple[str, ...]:
        language(lang)  # ValueError for a language the site does not have
        return self.variants.get(lang, ())


@dataclass(frozen=True, slots=True)
class StateTable:
    """All States, with lookups built once when the table is made.

    Making a table checks it: codes, alpha-3 codes and official names must be unique, and
    no name or alias may stand for two States (``ValueError`` otherwise)."""

    states: tuple[State, ...]
    _by_code: Mapping[str, State] = field(init=False, repr=False, compare=False)
    _by_key: Mapping[tuple[str, str], State] = field(init=False, repr=False, compare=False)
    _candidates: Mapping[str, tuple[tuple[str, str], ...]] = field(
        init=False, repr=False, compare=False
    )

    def __post_init__(self) -> None:
        by_code: dict[str, State] = {}
        by_alpha3: dict[str, State] = {}
        by_key: dict[tuple[str, str], State] = {}
        candidates: dict[str, list[tuple[str, str]]] = {lang: [] for lang in site_languages()}
        for state in self.states:
            for index, value in ((by_code, state.code), (by_alpha3, state.alpha3)):
                if value in index:
                    raise ValueError(
                        f"code {value!r} is used by both {index[value].name(ORDER)!r} and {state.name(ORDER)!r}"
                    )
                index[value] = state
            for lang in site_languages():
                official = state.name(lang)
                for i, name in enumerate((official, *state.aliases(lang))):
                    key = name_key(name, lang)
                    other = by_key.get((lang, key))
                    if other is not None and other is not state:
                        kind = "name" if i == 0 else "alias"
                        raise ValueError(
                            f"{lang} {kind} {name!r} of {state.name(ORDER)!r} is already "
                            f"a name or alias of {other.name(ORDER)!r}"
                        )
                    if other is None:
                        by_key[(lang, key)] = state
                        candidates[lang].append((key, official))
        object.__setattr__(self, "_by_code", MappingProxyType(by_code))
        object.__setattr__(self, "_by_key", MappingProxyType(by_key))
        object.__setattr__(
            self, "_candidates", MappingProxyType({k: tuple(v) for k, v in candidates.items()})
        )

    def __len__(self) -> int:
        return len(self.states)

    def by_code(self, code: str) -> State:
        """The State with ISO 3166-1 alpha-2 ``code`` (any case); ``KeyError`` if none."""
        try:
            return self._by_code[code.strip().upper()]
        except KeyError:
            raise KeyError(f"no Member or observer State has the code {code!r}") from None

    def resolve(self, name: str, lang: str) -> State | None:
        """The State whose official name or alias in ``lang`` is ``name``, or ``None``.

        Whitespace, ’ versus ', hyphen variants, full-width versus half-width parentheses
        and (in English) letter case do not matter; nothing else is forgiven."""
        return self._by_key.get((lang, name_key(name, lang)))

    def nearest(self, name: str, lang: str, n: int = 3) -> tuple[str, ...]:
        """Up to ``n`` official names in ``lang`` most like ``name``, best first.

        Similarity is :class:`difflib.SequenceMatcher`'s ratio against official names and
        aliases, raised when ``name`` is part of a name (more when it begins it), so that
        俄罗斯 suggests 俄罗斯联邦 before 白俄罗斯 and 叙利亚 suggests 阿拉伯叙利亚共和国."""
        query = name_key(name, lang)
        if not query or n <= 0:
            return ()
        best: dict[str, tuple[float, float]] = {}
        matcher = difflib.SequenceMatcher(autojunk=False)
        matcher.set_seq2(query)
        for key, official in self._candidates[lang]:
            matcher.set_seq1(key)
            ratio = matcher.ratio()
            score = ratio
            if len(query) >= 2 and query in key:
                score = max(ratio, 0.8) + (0.1 if key.startswith(query) else 0.0)
            if score >= _NEAREST_CUTOFF and (score, ratio) > best.get(official, (-1.0, -1.0)):
                best[official] = (score, ratio)
        ranked = sorted(best.items(), key=lambda item: (-item[1][0], -item[1][1], item[0]))
        return tuple(official for official, _ in ranked[:n])


def _state(entry: dict[str, Any]) -> State:
    """A State from its entry, valid against ``schema/member_states.schema.json``."""
    aliases = entry.get("aliases", {})
    return State(
        code=entry["code"],
        alpha3=entry["alpha3"],
        status=entry["status"],
        names={lang: entry[lang] for lang in site_languages()},
        variants={lang: tuple(aliases[lang]) for lang in site_languages() if lang in aliases},
    )


def load_states_from(path: Path) -> StateTable:
    """Read and check a States file; ``ValueError`` naming the file and entry if malformed."""
    states: list[State] = load_entries(path, "member_states", _state, lambda e: e.get("code") or e.get("en"))
    try:
        return StateTable(tuple(states))
    except ValueError as error:
        raise TableError(str(path), str(error)) from None


@functools.cache
def load_states() -> StateTable:
    """The States in ``build_tools/data/member_states.yml``, read once."""
    return load_states_from(_FILE)
