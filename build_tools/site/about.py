"""The About page of each language (``about.md`` at the language's root).

Its text is ``build_tools/data/about/<lang>.md``: what the site is, where the texts come
from, which are official, how the build checks them, how to report an error. The build
fills in three places from the collection:

* ``{count}``: how many documents the site holds (``about.count``);
* ``{official}``: that every text is official, or a table of the documents one of whose
  texts is not (an unofficial translation, or no text yet), at most :data:`LISTED` rows;
* ``{report}``: where to send a report (``report_to``, else ``about.report_none``).

A link to the indexes is kept only when the collection has them (a strict build fails on
a link to a missing page).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from build_tools import dialect as md
from build_tools.datafile import data_file
from build_tools.dialect import escape
from build_tools.labels import label
from build_tools.languages import site_languages
from build_tools.library import index_path
from build_tools.pages import Page

ABOUT = "about.md"
"""The page's path inside each language's docs folder."""
LISTED = 50
"""At most this many documents in the table of texts that are not official."""
_INDEX_LINK = re.compile(r"\[(?P<text>[^\]]+)\]\(indexes/index\.md\)")


def about_page(pages: Iterable[Page], lang: str, report_to: str | None = None) -> str:
    """Markdown of the About page in ``lang``; ``pages`` are the pages of every language."""
    pages = tuple(pages)
    statuses: dict[str, dict[str, str]] = {}
    symbols: dict[str, tuple[str, str]] = {}
    for page in pages:
        if page.info is not None:
            statuses.setdefault(page.info.slug, {})[page.lang] = page.info.text_status
            if page.lang == lang:
                symbols[page.info.slug] = (page.info.symbol, page.path)
    count = len(symbols)
    text = data_file(f"about/{lang}.md").read_text(encoding="utf-8")
    if index_path("index") not in {page.path for page in pages if page.lang == lang}:
        text = _INDEX_LINK.sub(r"\g<text>", text)
    counted = label("about.count_one", lang) if count == 1 else label("about.count", lang).format(count=count)
    report = (escape(label("about.report_to", lang)) + md.autolink(report_to)) if report_to else escape(
        label("about.report_none", lang))
    body = (text.replace("{count}", escape(counted))
            .replace("{official}", _official(statuses, symbols, lang))
            .replace("{report}", report))
    head = md.front_matter_title(label("about.title", lang))
    return "\n".join(head) + body


def _official(statuses: dict[str, dict[str, str]], symbols: dict[str, tuple[str, str]], lang: str) -> str:
    """A sentence that every text is official, or a table of the documents with a text that
    is not (by symbol), each language's status in the page's language."""
    rows = sorted((*symbols[slug], slug) for slug, by_lang in statuses.items()
                  if slug in symbols and any(by_lang.get(other, "missing") != "official" for other in site_languages()))
    if not rows:
        return escape(label("about.all_official", lang))
    shown = site_languages()
    columns = ["symbol", *shown]
    cells = [[md.link(escape(symbol), path),
              *(escape(label(f"about.status.{statuses[slug].get(other, 'missing')}", lang)) for other in shown)]
             for symbol, path, slug in rows[:LISTED]]
    lines = [escape(label("about.not_official", lang)), "",
             *md.table([escape(label(f"about.column.{c}", lang)) for c in columns], cells)]
    if len(rows) > LISTED:
        lines += ["", escape(label("about.more", lang).format(count=len(rows) - LISTED))]
    return "\n".join(lines)
