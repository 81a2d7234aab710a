"""Reading and citing tools on document pages (the HTML side; ``reader.js`` does the rest).

From each document page's front matter (``page.meta``: symbol, kind, title, session, date,
``languages``, ``unpaired``) and rendered HTML, :func:`add_reader_tools` adds:

* after every paragraph's ``¶`` permalink, a link to the same paragraph in the other
  language (``EN`` / ``中文``), when the other language has its own text and that anchor;
  both in a ``<span class="un-tools">`` (where ``reader.js`` adds the copy button) that
  takes no room in the line, so that hidden controls never wrap to a line of their own;
* the operative and sub-paragraph numbers wrapped in ``<span class="un-num">`` so that the
  style sheet can hang them in the margin;
* after the metadata list, the reader bar: the document's bibliographic citation with a
  copy button, and the parallel-view toggle. Its ``data-reader`` attribute carries what
  ``reader.js`` needs: the other language's page, the paragraph citation patterns
  (``A/C.1/79/L.53/Rev.1, para. {n}`` / ``A/C.1/79/L.53/Rev.1号文件第{n}段``) and labels.

Controls that only work with JavaScript are rendered ``hidden``; the script shows them.
"""

from __future__ import annotations

import datetime
import html
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from build_tools.labels import label
from build_tools.symbols import UNSymbol

LANGUAGE_NAMES = {"zh": "中文", "en": "English"}
"""Each site language in its own words (the parallel view's column headings)."""

_PARAGRAPH = re.compile(r"<p\b(?P<attrs>[^>]*)>(?P<body>.*?)</p>", re.DOTALL)
_ATTRIBUTE = re.compile(r'\s(?P<name>[\w-]+)="(?P<value>[^"]*)"')
_NUMBER = re.compile(r"^(?P<num>\d{1,3}(?:&#46;|\.)|\((?:[a-z]{1,2}|[ivxlc]{1,6})\))(?P<space>\s+)")
_SUBPARAGRAPH = re.compile(r"(?:pp|op)\d+[a-z]")
_PERMALINK = re.compile(r'<a class="un-permalink"[^>]*>[^<]*</a>$')
_FIRST_LIST_END = "</dl>"
_TEXT_KINDS = ("official", "unofficial-translation")
_MAIN_COMMITTEES = ("first", "second", "third", "fourth", "fifth", "sixth")


@dataclass(frozen=True, slots=True)
class OtherLanguage:
    """The document's page in the other site language, as seen from this page."""

    lang: str
    url: str
    """Relative to this page (``../../en/resolutions/x/``)."""
    has_text: bool
    """Whether that page shows a text of its own language (not ``missing``)."""


# ---- citations --------------------------------------------------------------------------


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


def _series(meta: Mapping[str, Any], symbol: UNSymbol | None) -> str:
    """``resolution`` | ``decision`` | ``document``: how the document is cited."""
    number = _number(symbol)
    if number and symbol is not None and symbol.parts[1] == "RES":
        return "resolution"
    if number and symbol is not None and symbol.parts[1] == "DEC":
        return "decision"
    return "document"


def citation_patterns(meta: Mapping[str, Any], lang: str) -> dict[str, str]:
    """Paragraph citations with ``{n}`` for the paragraph number: ``{"pp": …, "op": …}``.

    ``A/C.1/79/L.53/Rev.1, para. {n}`` / ``A/C.1/79/L.53/Rev.1号文件第{n}段``;
    ``A/RES/79/80, preambular para. {n}`` / ``第79/80号决议序言部分第{n}段``.
    """
    symbol = _symbol(meta)
    text = str(symbol) if symbol else str(meta.get("symbol") or "")
    series = _series(meta, symbol)
    prefix = "cite." if series == "document" else f"cite.{series}."
    values = {"symbol": text, "number": _number(symbol) or "", "n": "{n}"}
    return {
        "pp": label(prefix + "preambular", lang).format(**values),
        "op": label(prefix + "paragraph", lang).format(**values),
    }


def paragraph_number(anchor: str, lang: str) -> tuple[str, str] | None:
    """``("op", "3 (a)")`` for ``op3a`` in English, ``("op", "3(a)")`` in Chinese.

    The same rule as ``reader.js`` (which builds the citations in the browser); kept here so
    that it is tested with the patterns.
    """
    match = re.fullmatch(r"(pp|op)(\d+)([a-z]{1,2})?(?:-([ivxlc]+))?", anchor)
    if not match:
        return None
    parts = [match[2]] + [f"({part})" for part in (match[3], match[4]) if part]
    return match[1], ("" if lang == "zh" else " ").join(parts)


def paragraph_citation(meta: Mapping[str, Any], lang: str, anchor: str) -> str | None:
    """The citation of one paragraph, as the copy button gives it."""
    number = paragraph_number(anchor, lang)
    if number is None:
        return None
    return citation_patterns(meta, lang)[number[0]].replace("{n}", number[1])


def citation_year(meta: Mapping[str, Any]) -> int | None:
    """The year of the document: from its date; for a main committee's draft, the year its
    session opened (the committees meet from September to December)."""
    date = meta.get("date")
    if date:
        return datetime.date.fromisoformat(str(date)).year
    session = meta.get("session")
    if isinstance(session, int) and meta.get("committee") in _MAIN_COMMITTEES:
        return 1945 + session
    return None


def document_citation(meta: Mapping[str, Any], lang: str) -> str:
    """The bibliographic citation of the document in ``lang``.

    ``General Assembly, revised draft resolution A/C.1/79/L.53/Rev.1, Promoting …, 2024``
    / ``大会，订正决议草案A/C.1/79/L.53/Rev.1，《在国际安全领域促进和平利用国际合作》，2024年``.
    """
    symbol = _symbol(meta)
    text = str(symbol) if symbol else str(meta.get("symbol") or "")
    title = str(meta.get("title") or "")
    year = citation_year(meta)
    series = _series(meta, symbol)
    kind = str(meta.get("kind") or "")
    if series == "document":
        kind_label = label(f"kind.{kind}", lang) if kind else ""
        head = [label("cite.body", lang), f"{kind_label}{'' if lang == 'zh' else ' '}{text}".strip()]
    else:
        head = [label(f"cite.{series}", lang).format(number=_number(symbol))]
    if lang == "zh":
        parts = [*head, f"《{title}》"] if series == "document" else [*head, f"《{title}》", text]
        return "，".join(parts + ([f"{year}年"] if year else []))
    parts = [*head, title] if series == "document" else [*head, title, text]
    return ", ".join(parts + ([str(year)] if year else []))


# ---- the page's HTML ----------------------------------------------------------------------


def other_language(meta: Mapping[str, Any], lang: str, alternates: Mapping[str, str]) -> OtherLanguage | None:
    """The other language's page of a document, from mkdocs-static-i18n's alternates
    (``{lang: url relative to this page}``) and the front matter's ``languages``."""
    statuses = meta.get("languages")
    others = [code for code in alternates if code != lang]
    if not others or not isinstance(statuses, Mapping):
        return None
    other = others[0]
    return OtherLanguage(other, alternates[other], statuses.get(other) in _TEXT_KINDS)


def reader_data(meta: Mapping[str, Any], lang: str, other: OtherLanguage | None) -> dict[str, Any]:
    """What ``reader.js`` needs, as the reader bar's ``data-reader`` JSON."""
    own_text = meta.get("text_status") in _TEXT_KINDS
    keys = ("copy", "copied", "copy_failed", "load_failed", "not_aligned", "parallel")
    data: dict[str, Any] = {
        "lang": lang,
        "cite": citation_patterns(meta, lang),
        "labels": {key: label(f"reader.{key}", lang) for key in keys},
    }
    if other is not None and other.has_text and own_text:
        data["other"] = {"lang": other.lang, "url": other.url, "name": LANGUAGE_NAMES.get(other.lang, other.lang)}
        data["name"] = LANGUAGE_NAMES.get(lang, lang)
    return data


def reader_bar(meta: Mapping[str, Any], lang: str, other: OtherLanguage | None) -> str:
    """The bar under the metadata: the document's citation, its copy button, the toggle."""
    data = reader_data(meta, lang, other)
    citation = html.escape(document_citation(meta, lang))
    copy = html.escape(label("reader.copy_document", lang))
    toggle = ""
    if "other" in data:
        title = html.escape(label("reader.parallel_title", lang))
        toggle = (f'<button type="button" class="un-reader__toggle" aria-pressed="false" title="{title}" '
                  f'hidden>{html.escape(label("reader.parallel", lang))}</button>')
    # Single-quoted, so that the JSON's double quotes need no escaping.
    payload = html.escape(json.dumps(data, ensure_ascii=False, separators=(",", ":")), quote=False)
    payload = payload.replace("'", "&#x27;")
    return (
        f"<div class=\"un-reader\" id=\"cite\" data-reader='{payload}'>"
        f'<p class="un-reader__cite"><span class="un-reader__label">{html.escape(label("reader.cite_title", lang))}'
        f'</span> <span class="un-reader__citation">{citation}</span> '
        f'<button type="button" class="un-copy un-reader__copy" hidden>{copy}</button></p>'
        f"{toggle}</div>"
    )


def add_reader_tools(page_html: str, meta: Mapping[str, Any], lang: str, other: OtherLanguage | None) -> str:
    """Add the reader bar, hanging numbers and other-language links to a document page.

    Pages without a ``symbol`` in their front matter (the home pages) are returned as they are.
    """
    if not meta.get("symbol"):
        return page_html
    unpaired = set(meta.get("unpaired") or ())
    link = other if other is not None and other.has_text and meta.get("text_status") in _TEXT_KINDS else None
    title = html.escape(label("reader.other_paragraph", lang))
    short = html.escape(label("reader.other_short", lang))

    def paragraph(match: re.Match[str]) -> str:
        attributes = {m["name"]: m["value"] for m in _ATTRIBUTE.finditer(match["attrs"])}
        classes = attributes.get("class", "").split()
        anchor = attributes.get("id")
        if not anchor or not {"un-pp", "un-op"} & set(classes):
            return match.group(0)
        body = match["body"]
        if "un-op" in classes or _SUBPARAGRAPH.match(anchor):
            # The space after the number goes inside the hanging box, so that the first line's
            # text starts where the following lines do.
            body = _NUMBER.sub(r'<span class="un-num">\g<num>\g<space></span>', body, count=1)
        tools = ""
        permalink = _PERMALINK.search(body)
        if permalink:
            body, tools = body[: permalink.start()], permalink.group()
        if link is not None and anchor not in unpaired:
            # target="_self": Material sends clicks on links into an alternate language's
            # pages through its language switcher, which drops the #anchor, unless a link
            # has a target.
            tools += (f'<a class="un-alt" href="{html.escape(link.url)}#{anchor}" target="_self" '
                      f'aria-label="{short} {title} ({anchor})">{short}</a>')
        if tools:
            body += f'<span class="un-tools">{tools}</span>'
        return f"<p{match['attrs']}>{body}</p>"

    page_html = _PARAGRAPH.sub(paragraph, page_html)
    bar = reader_bar(meta, lang, other)
    at = page_html.find(_FIRST_LIST_END)
    if at == -1:
        return bar + page_html
    at += len(_FIRST_LIST_END)
    return page_html[:at] + bar + page_html[at:]
