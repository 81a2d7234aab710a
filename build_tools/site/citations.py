"""Citations of a document and of its paragraphs, in the page's language and UN style.

A paragraph (what a paragraph's copy button gives, :func:`paragraph_citation`):

* ``A/C.1/79/L.53/Rev.1, para. 2`` / ``A/C.1/79/L.53/Rev.1号文件第2段``;
* of a resolution: ``A/RES/79/80, preambular para. 3`` / ``第79/80号决议序言部分第3段``,
  ``A/RES/79/80, para. 3 (a) (ii)`` / ``第79/80号决议第3(a)(ii)段``;
* in a resolution's sections I, II (anchors ``ii-op1``): ``A/RES/78/247, sect. II, para. 1``
  / ``第78/247号决议第二节第1段``; in a resolution adopted in parts A, B (``b-op2``):
  ``A/RES/77/263 B, para. 2`` / ``第77/263 B号决议第2段``;
* in an annex (``annex-op3``, ``annex-ii-op1``): ``A/RES/79/1, annex, para. 3`` /
  ``第79/1号决议附件第3段``, ``…, annex II, para. 1`` / ``…附件二第1段``;
* an unnumbered paragraph by the paragraph it belongs to (``op3-p1``: para. 3) or, with
  none, by its place (``annex-p2``: ``A/RES/79/1, annex`` / ``第79/1号决议附件``).

The document (the reader bar's citation, :func:`document_citation`)::

    General Assembly resolution 79/80 of 2 December 2024, Title, A/RES/79/80
    大会2024年12月2日第79/80号决议，《标题》，A/RES/79/80
    General Assembly, revised draft resolution A/C.1/79/L.53/Rev.1, Title, 2024
    大会，订正决议草案A/C.1/79/L.53/Rev.1，《标题》，2024年

with the full date when the document has one, the year when only its session dates it.
The text of a page that is not the official one is cited so: ``… (unofficial
translation)`` / ``…（非正式译文）``.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping
from typing import Any

from build_tools.labels import label
from build_tools.languages import language
from build_tools.lexicon import COMMITTEE_IDS, lexicon
from build_tools.render import format_iso_date
from build_tools.symbols import UNSymbol

_ANCHOR = re.compile(
    r"(?P<scope>(?:(?!(?:pp|op|p)\d)[a-z0-9]+-)*)"
    r"(?:(?P<part>pp|op)(?P<n>\d+)(?P<letter>[a-z]{1,2})?(?:-(?P<roman>[ivxlc]+))?(?:-p\d+)?|p\d+)"
    r"(?:-\d+)?"
)
"""A paragraph's anchor: its part or annex (``ii-``, ``annex-``), then ``pp3``, ``op2a-i``,
``op3-p1`` (an unnumbered paragraph of op3) or ``p2`` (an unnumbered one of its own)."""


def _number(symbol: UNSymbol | None) -> str | None:
    """``79/80`` for ``A/RES/79/80`` and ``A/DEC/79/512``; None for other symbols."""
    if symbol is None or len(symbol.parts) < 4 or symbol.parts[1] not in ("RES", "DEC"):
        return None
    return "/".join(symbol.parts[2:])


def _symbol(meta: Mapping[str, Any]) -> UNSymbol | None:
    try:
        return UNSymbol.parse(str(meta.get("symbol") or ""))
    except ValueError:
        return None


def _series(symbol: UNSymbol | None) -> str:
    """``resolution`` | ``decision`` | ``document``: how the document is cited."""
    if _number(symbol) and symbol is not None:
        return "resolution" if symbol.parts[1] == "RES" else "decision"
    return "document"


def unofficial_mark(meta: Mapping[str, Any], lang: str) -> str:
    """`` (unofficial translation)`` / ``（非正式译文）`` for a page whose text is not official."""
    return label("cite.unofficial", lang) if meta.get("text_status") == "unofficial-translation" else ""


# ---- paragraphs -----------------------------------------------------------------------------


def _printed(token: str, lang: str) -> str:
    """A part's or annex's label as printed: ``ii`` → ``II`` / ``二``, ``b`` → ``B``."""
    if re.fullmatch(r"[ivx]+", token):
        return lexicon(lang).section_numeral(token)
    return token.upper()


def _where(scope: str, lang: str) -> tuple[str, str]:
    """(what follows the symbol or number, where in the document) for an anchor's scope:
    ``("", ", sect. II")`` for ``ii-``, ``(" B", "")`` for ``b-``, ``("", ", annex")``."""
    tokens = [token for token in scope.split("-") if token]
    if not tokens:
        return "", ""
    if tokens[0] == "annex":
        if len(tokens) > 1 and re.fullmatch(r"[ivx]+|[a-z]|\d+", tokens[1]):
            return "", label("cite.where.annex_numbered", lang).format(label=_printed(tokens[1], lang))
        return "", label("cite.where.annex", lang)
    if re.fullmatch(r"[ivx]+", tokens[0]):  # sections I, II of one resolution
        return "", label("cite.where.section", lang).format(label=_printed(tokens[0], lang))
    if re.fullmatch(r"[a-z]", tokens[0]):  # a resolution adopted in parts A, B
        return " " + tokens[0].upper(), ""
    return "", ""


def paragraph_number(anchor: str, lang: str) -> tuple[str, str] | None:
    """``("op", "3 (a)")`` for ``op3a`` in English, ``("op", "3(a)")`` in Chinese, the same
    for ``ii-op3a``; ``("place", "")`` for an unnumbered paragraph of its own (``annex-p2``);
    None for an anchor that is not a paragraph's."""
    match = _ANCHOR.fullmatch(anchor)
    if not match:
        return None
    if match["part"] is None:
        return "place", ""
    parts = [match["n"]] + [f"({part})" for part in (match["letter"], match["roman"]) if part]
    return match["part"], language(lang).word_space.join(parts)


def paragraph_citation(meta: Mapping[str, Any], lang: str, anchor: str) -> str | None:
    """The citation of the paragraph ``anchor`` of the document of ``meta`` (its front
    matter), as the copy button gives it; None for an anchor that is not a paragraph's."""
    number = paragraph_number(anchor, lang)
    match = _ANCHOR.fullmatch(anchor)
    if number is None or match is None:
        return None
    symbol = _symbol(meta)
    suffix, where = _where(match["scope"], lang)
    series = _series(symbol)
    prefix = "cite." if series == "document" else f"cite.{series}."
    kind = {"pp": "preambular", "op": "paragraph", "place": "place"}[number[0]]
    values = {"symbol": (str(symbol) if symbol else str(meta.get("symbol") or "")) + suffix,
              "number": (_number(symbol) or "") + suffix, "n": number[1], "where": where}
    return label(prefix + kind, lang).format(**values) + unofficial_mark(meta, lang)


# ---- the document ---------------------------------------------------------------------------


def citation_year(meta: Mapping[str, Any]) -> int | None:
    """The year of the document: from its date; for a main committee's draft, the year its
    session opened (the committees meet from September to December)."""
    date = meta.get("date")
    if date:
        return datetime.date.fromisoformat(str(date)).year
    session = meta.get("session")
    if isinstance(session, int) and meta.get("committee") in COMMITTEE_IDS:
        return 1945 + session
    return None


def _when(meta: Mapping[str, Any], lang: str) -> str | None:
    """The document's date in full (``2 December 2024`` / ``2024年12月2日``), else its year."""
    if meta.get("date"):
        return format_iso_date(str(meta["date"]), lang)
    year = citation_year(meta)
    if year is None:
        return None
    return label("describe.year", lang).format(year=year)


def document_citation(meta: Mapping[str, Any], lang: str) -> str:
    """The bibliographic citation of the document of ``meta`` in ``lang`` (see the module)."""
    symbol = _symbol(meta)
    text = str(symbol) if symbol else str(meta.get("symbol") or "")
    title = str(meta.get("title") or "")
    series = _series(symbol)
    when = _when(meta, lang)
    if series == "document":
        kind = str(meta.get("kind") or "")
        kind_label = label(f"kind.{kind}", lang) if kind else ""
        described = language(lang)
        head = [label("cite.body", lang), f"{kind_label}{described.word_space}{text}".strip()]
        parts = [*head, _titled(title, lang), *([when] if when else [])]
    else:
        dated = bool(meta.get("date"))
        key = f"cite.{series}" + (".dated" if dated else "")
        head = [label(key, lang).format(number=_number(symbol), date=when)]
        parts = [*head, _titled(title, lang), text, *([when] if when and not dated else [])]
    return language(lang).clause_separator.join(parts) + unofficial_mark(meta, lang)


def _titled(title: str, lang: str) -> str:
    opening, closing = language(lang).title_marks
    return f"{opening}{title}{closing}"
