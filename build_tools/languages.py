"""The site's languages, each described once: its code, its name, the codes other systems
know it by, the rules of its script (spaces, separators, title marks, capitals) and the
stemmer of its search terms. Its words and patterns for the parts of a document are its
:class:`~build_tools.lexicon.Lexicon`.

Every stage that needs a fact about a language asks :func:`language` for it instead of
keeping its own table keyed by ``"zh"`` and ``"en"``. A language is known once it is
described (:data:`DESCRIBED`, or :func:`register` for one described elsewhere); the site is
built in the languages of :func:`site_languages`, in that order: the first is the default
language, served at ``/``; the others are served under ``/<code>/``. They are the
``i18n`` languages of the project's mkdocs.yml (:func:`mkdocs_languages`), which the build
sets with :func:`set_site_languages` before it starts; ``tests/test_languages.py`` checks
that the published mkdocs.yml names the default ones.

Sources: ISO 639-1 and ISO 639-2/T (Library of Congress, https://www.loc.gov/standards/iso639-2/);
the language codes of the UN's Official Document System as undocs.org takes them
(https://undocs.org: ``/ch/`` for Chinese); CLDR locales as babel has them; Open Graph
locales (https://ogp.me/#optional).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml


@dataclass(frozen=True, slots=True)
class Language:
    code: str
    """ISO 639-1: the folder of its pages (``en/``), the ``lang`` of its HTML, the name of its
    source files (``zh.txt``) and the key of its names in the data tables."""
    name: str
    """The language in its own words: the language switcher, the parallel view's columns."""
    undocs: str
    """The language segment of undocs.org addresses (``https://undocs.org/ch/A/RES/76/234``)."""
    iso639_2: str
    """ISO 639-2/T: Akoma Ntoso expression URIs and ``FRBRlanguage``."""
    og_locale: str
    """The page's ``og:locale``."""
    date_locale: str
    """The CLDR locale its dates are written in (babel)."""
    date_format: str
    """babel's format for a long date in this language (``long`` or a CLDR pattern): as UN
    documents print dates (2024年12月2日; 2 December 2024)."""
    spaced: bool
    """Whether words stand apart, between spaces (English), or side by side (Chinese): how a
    text is cut into words (comparisons, search names), whether a line may end in a
    hyphenated word, whether a space between two characters of the script is an artefact."""
    word_space: str
    """What stands between two words or a number and its label (``第3(a)段``; ``para. 3 (a)``)."""
    list_separator: str
    """Between the items of a list of names (中国、古巴; China, Cuba)."""
    clause_separator: str
    """Between the parts of a citation (大会，决议草案…; General Assembly, draft resolution…)."""
    facts_separator: str
    """Between the facts of a document shown as one line (订正决议草案　第七十九届会议;
    revised draft resolution · seventy-ninth session): in search results."""
    full_stop: str
    title_marks: tuple[str, str]
    """Around a title cited in running text (《…》; none in English, where italics would be)."""
    cased: bool
    """Whether the script has capital letters (a sentence then begins with one)."""
    stemmer: str | None
    """The stemmer that makes the search's index terms of the language's words
    (:data:`build_tools.site.search_text.STEMMERS`); None: the words as they are."""
    legacy_encoding: str | None = None
    """The national encoding a text in this language may come in when it is not UTF-8
    (GB18030 for Chinese); None: UTF-8 (or UTF-16 with its mark) only."""
    script: str = ""
    """A regular-expression character class of the script's letters and punctuation beyond
    ASCII: a text decoded with :attr:`legacy_encoding` is taken only if nearly all its
    non-ASCII characters are in it (any bytes decode as GB18030: Latin-1 "Cafés" would
    become "Caf閟")."""


ZH = Language(code="zh", name="中文", undocs="ch", iso639_2="zho", og_locale="zh_CN",
              date_locale="zh", date_format="long", spaced=False, word_space="", list_separator="、",
              clause_separator="，", facts_separator="\u3000", full_stop="。", title_marks=("《", "》"), cased=False,
              stemmer=None, legacy_encoding="gb18030", script="[\u4e00-\u9fff\u3000-\u303f\uff00-\uffef]")
EN = Language(code="en", name="English", undocs="en", iso639_2="eng", og_locale="en_GB",
              date_locale="en_GB", date_format="d MMMM y", spaced=True, word_space=" ", list_separator=", ",
              clause_separator=", ", facts_separator=" · ", full_stop=".", title_marks=("", ""), cased=True,
              stemmer="porter")

DESCRIBED: tuple[Language, ...] = (ZH, EN)
"""The languages this package describes, in the published site's order."""
_BY_CODE = {lang.code: lang for lang in DESCRIBED}
DEFAULT_SITE: tuple[str, ...] = tuple(lang.code for lang in DESCRIBED)
"""The published site's languages, the default first."""
_site: tuple[str, ...] = DEFAULT_SITE


def register(description: Language) -> None:
    """Make ``description`` a known language (a language described outside this module); a
    code already described with other facts is a ValueError."""
    known = _BY_CODE.get(description.code)
    if known is not None and known != description:
        raise ValueError(f"language {description.code!r} is already described differently")
    _BY_CODE[description.code] = description


def described() -> tuple[Language, ...]:
    """Every language described, the package's and those registered, in that order."""
    return tuple(_BY_CODE.values())


def language(code: str) -> Language:
    """The description of the language ``code``; ``ValueError`` for one not described."""
    try:
        return _BY_CODE[code]
    except KeyError:
        raise ValueError(f"unsupported language {code!r}; expected one of {tuple(_BY_CODE)}") from None


def site_languages() -> tuple[str, ...]:
    """The codes of the languages the site is built in, the default first."""
    return _site


def set_site_languages(codes: Sequence[str]) -> None:
    """Build the site in ``codes`` (the default first); ValueError for an empty list, a
    repeated code or a language that is not described."""
    if not codes or len(set(codes)) != len(codes):
        raise ValueError(f"site languages {list(codes)!r}: expected one or more distinct language codes")
    for code in codes:
        language(code)
    global _site
    _site = tuple(codes)


@contextmanager
def using_site_languages(codes: Sequence[str]) -> Iterator[None]:
    """The site's languages are ``codes`` inside the block, the previous ones after it."""
    previous = _site
    set_site_languages(codes)
    try:
        yield
    finally:
        set_site_languages(previous)


def mkdocs_languages(config: Path) -> tuple[str, ...]:
    """The locales of the ``i18n`` plugin in the MkDocs configuration ``config``, the default
    first (the order of the file otherwise); the published ones when it has none. ValueError
    naming the file when the plugin's languages are not a list of entries with a ``locale``."""
    # mkdocs.yml may hold !!python tags that MkDocs resolves: read it loosely

    class _Loose(yaml.SafeLoader):
        pass

    _Loose.add_multi_constructor("", lambda loader, suffix, node: None)
    try:
        loaded: Any = yaml.load(config.read_text(encoding="utf-8"), Loader=_Loose)
    except (OSError, yaml.YAMLError) as error:
        raise ValueError(f"{config}: cannot read the site's languages: {error}") from None
    plugins = loaded.get("plugins", []) if isinstance(loaded, dict) else []
    found: Any = next((entry["i18n"].get("languages") for entry in plugins or ()
                       if isinstance(entry, dict) and isinstance(entry.get("i18n"), dict)), None)
    if found is None:
        return DEFAULT_SITE
    if not isinstance(found, list) or not all(isinstance(entry, dict) and isinstance(entry.get("locale"), str)
                                              for entry in found):
        raise ValueError(f"{config}: plugins → i18n → languages: expected a list of entries with a locale")
    codes = [entry["locale"] for entry in found]
    default = [entry["locale"] for entry in found if entry.get("default")]
    return tuple(default + [code for code in codes if code not in default])
