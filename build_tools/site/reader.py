"""Reading and citing tools on document pages (the HTML side; ``reader.js`` does the rest).

From each document page's front matter (``page.meta``: symbol, kind, title, session, date,
``text_status``, ``languages``, ``unpaired``) and rendered HTML, :func:`add_reader_tools` adds:

* on every paragraph, its citation as ``data-cite`` (:mod:`build_tools.site.citations`:
  ``A/C.1/79/L.53/Rev.1, para. 2``, ``A/RES/78/247, sect. II, para. 1``, with ``(unofficial
  translation)`` on a page whose text is not official), which ``reader.js`` copies;
* after every paragraph's ``¶`` permalink, a link to the same paragraph in the other
  language (``EN`` / ``中文``, marked ``非正式`` / ``unofficial`` when that text is an
  unofficial translation), when the other language has its own text and that anchor; both
  in a ``<span class="un-tools">`` (where ``reader.js`` adds the copy buttons) that takes no
  room in the line, so that hidden controls never wrap to a line of their own;
* the operative and sub-paragraph numbers wrapped in ``<span class="un-num">`` so that the
  style sheet can hang them in the margin;
* after the metadata list, the reader bar: the document's bibliographic citation with a
  copy button, and the parallel-view toggle. Its ``data-reader`` attribute carries what
  ``reader.js`` needs: the other language's page and the status of its text, and labels.

Controls that only work with JavaScript are rendered ``hidden``; the script shows them.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from build_tools.labels import label
from build_tools.languages import language
from build_tools.site.citations import document_citation, paragraph_citation

_PARAGRAPH = re.compile(r"<p\b(?P<attrs>[^>]*)>(?P<body>.*?)</p>", re.DOTALL)
_ATTRIBUTE = re.compile(r'\s(?P<name>[\w-]+)="(?P<value>[^"]*)"')
_NUMBER = re.compile(r"^(?P<num>\d{1,3}(?:&#46;|\.)|\((?:[a-z]{1,2}|[ivxlc]{1,6})\))(?P<space>\s+)")
_SUBPARAGRAPH = re.compile(r"(?:^|-)(?:pp|op)\d+[a-z]")
_PERMALINK = re.compile(r'<a class="un-permalink"[^>]*>[^<]*</a>$')
_FIRST_LIST_END = "</dl>"
_TEXT_KINDS = ("official", "unofficial-translation")
_LABELS = ("copy", "copy_quote", "copied", "copy_failed", "load_failed", "not_aligned", "parallel",
           "cite_with_link", "quote_with_cite")


@dataclass(frozen=True, slots=True)
class OtherLanguage:
    """The document's page in the other site language, as seen from this page."""

    lang: str
    url: str
    """Relative to this page (``../../en/resolutions/x/``)."""
    has_text: bool
    """Whether that page shows a text of its own language (not ``missing``)."""
    status: str = "official"
    """The status of that page's text: ``official`` | ``unofficial-translation`` | ``missing``."""

    @property
    def unofficial(self) -> bool:
        return self.status == "unofficial-translation"


# ---- the page's HTML ----------------------------------------------------------------------


def other_language(meta: Mapping[str, Any], lang: str, alternates: Mapping[str, str]) -> OtherLanguage | None:
    """The other language's page of a document, from mkdocs-static-i18n's alternates
    (``{lang: url relative to this page}``) and the front matter's ``languages``."""
    statuses = meta.get("languages")
    others = [code for code in alternates if code != lang]
    if not others or not isinstance(statuses, Mapping):
        return None
    other = others[0]
    status = str(statuses.get(other) or "missing")
    return OtherLanguage(other, alternates[other], status in _TEXT_KINDS, status)


def reader_data(meta: Mapping[str, Any], lang: str, other: OtherLanguage | None) -> dict[str, Any]:
    """What ``reader.js`` needs, as the reader bar's ``data-reader`` JSON: labels, and for
    the parallel view the other language's page and each column's name, marked when its
    text is an unofficial translation (``English（非正式译文）``)."""
    own_text = meta.get("text_status") in _TEXT_KINDS
    data: dict[str, Any] = {"lang": lang, "labels": {key: label(f"reader.{key}", lang) for key in _LABELS}}
    if other is not None and other.has_text and own_text:
        mark = label("reader.unofficial_column", lang)
        data["other"] = {"lang": other.lang, "url": other.url, "name": language(other.lang).name,
                         "mark": mark if other.unofficial else ""}
        data["name"] = language(lang).name
        data["mark"] = mark if meta.get("text_status") == "unofficial-translation" else ""
    return data


def reader_bar(meta: Mapping[str, Any], lang: str, other: OtherLanguage | None) -> str:
    """The bar under the metadata: the document's citation, its copy button, the toggle."""
    data = reader_data(meta, lang, other)
    citation = html.escape(document_citation(meta, lang))
    copy = html.escape(label("reader.copy_document", lang))
    toggle = ""
    if "other" in data:
        # No title: Material would show it as a tooltip, outside the page's landmarks, that
        # stays over the text while the button has the focus (and prints with it).
        toggle = (f'<button type="button" class="un-reader__toggle" aria-pressed="false" '
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
    mark = visible = ""
    if link is not None and link.unofficial:
        title += html.escape(label("cite.unofficial", lang))
        visible = html.escape(label("reader.unofficial_short", lang))
        mark = f'<span class="un-alt__mark">{visible}</span>'

    def paragraph(match: re.Match[str]) -> str:
        attributes = {m["name"]: m["value"] for m in _ATTRIBUTE.finditer(match["attrs"])}
        classes = attributes.get("class", "").split()
        anchor = attributes.get("id")
        if not anchor or not {"un-pp", "un-op"} & set(classes):
            return match.group(0)
        body = match["body"]
        if "un-op" in classes or _SUBPARAGRAPH.search(anchor):
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
            # has a target. The accessible name starts with the visible text ("EN非正式").
            tools += (f'<a class="un-alt" href="{html.escape(link.url)}#{anchor}" target="_self" '
                      f'aria-label="{short}{visible} {title} ({anchor})">{short}{mark}</a>')
        if tools:
            body += f'<span class="un-tools">{tools}</span>'
        cite = paragraph_citation(meta, lang, anchor)
        attrs = match["attrs"] + (f' data-cite="{html.escape(cite)}"' if cite else "")
        return f"<p{attrs}>{body}</p>"

    page_html = _PARAGRAPH.sub(paragraph, page_html)
    bar = reader_bar(meta, lang, other)
    at = page_html.find(_FIRST_LIST_END)
    if at == -1:
        return bar + page_html
    at += len(_FIRST_LIST_END)
    return page_html[:at] + bar + page_html[at:]
