"""The site's languages, each described once: its code, its name, the codes other systems
know it by, the rules of its script (spaces, separators, title marks, capitals) and the
stemmer of its search terms. Its words and patterns for the parts of a document are its
:class:`~build_tools.lexicon.Lexicon`.

Every stage that needs a fact about a language asks :func:`language` for it instead of
keeping its own table keyed by ``"zh"`` and ``"en"``. :data:`LANGUAGES` is the site's order:
the first is the default language, served at ``/``; the others are served under
``/<code>/``. mkdocs.yml's ``i18n`` languages must list the same codes and names in the same
order (``tests/test_languages.py`` checks).

Sources: ISO 639-1 and ISO 639-2/T (Library of Congress, https://www.loc.gov/standards/iso639-2/);
the language codes of the UN's Official Document System as undocs.org takes them
(https://undocs.org: ``/ch/`` for Chinese); CLDR locales as babel has them; Open Graph
locales (https://ogp.me/#optional).
"""

from __future__ import annotations

from dataclasses import dataclass


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


ZH = Language(code="zh", name="中文", undocs="ch", iso639_2="zho", og_locale="zh_CN",
              date_locale="zh", date_format="long", spaced=False, word_space="", list_separator="、",
              clause_separator="，", facts_separator="\u3000", full_stop="。", title_marks=("《", "》"), cased=False,
              stemmer=None)
EN = Language(code="en", name="English", undocs="en", iso639_2="eng", og_locale="en_GB",
              date_locale="en_GB", date_format="d MMMM y", spaced=True, word_space=" ", list_separator=", ",
              clause_separator=", ", facts_separator=" · ", full_stop=".", title_marks=("", ""), cased=True,
              stemmer="porter")

LANGUAGES: tuple[Language, ...] = (ZH, EN)
"""The site's languages in the site's order, the default first."""
CODES: tuple[str, ...] = tuple(lang.code for lang in LANGUAGES)
"""Their codes, in the same order."""
_BY_CODE = {lang.code: lang for lang in LANGUAGES}


def language(code: str) -> Language:
    """The description of the site language ``code``; ``ValueError`` for any other."""
    try:
        return _BY_CODE[code]
    except KeyError:
        raise ValueError(f"unsupported language {code!r}; expected one of {CODES}") from None
