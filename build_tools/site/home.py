"""The home page of each language: the collection grouped by session, newest first."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from itertools import groupby

from build_tools import dialect as md
from build_tools.dialect import escape
from build_tools.indexes import INDEXES
from build_tools.labels import label
from build_tools.library import index_path
from build_tools.life import date_text
from build_tools.pages import DocumentInfo, Page
from build_tools.render import session_name, status_mark


def home_page(pages: Iterable[Page], lang: str) -> str:
    """Markdown of the home page in ``lang`` listing the document pages among ``pages`` (all
    in that language), with links to the index pages among them."""
    pages = tuple(pages)
    ordered = sorted((page for page in pages if page.info is not None), key=_order)
    lines = [
        *md.front_matter_title(label("home.title", lang)),
        md.heading(1, escape(label("home.title", lang)), "home"),
        "",
        escape(label("home.intro", lang)),
        "",
        escape(_count(len(ordered), lang)),
        "",
        md.link(escape(label("home.about", lang)), "about.md"),
        "",
        *_index_links({page.path for page in pages}, lang),
    ]
    for session, group in groupby(ordered, key=lambda page: _info(page).session):
        lines += _session_table(session, list(group), lang)
    return "\n".join(lines)


def _info(page: Page) -> DocumentInfo:
    assert page.info is not None, f"{page.path} is not a document's page"
    return page.info


def _index_links(paths: set[str], lang: str) -> list[str]:
    """``索引：按届会 · 按委员会 …``: the index pages that were generated."""
    links = [md.link(escape(label(f"index.{name}", lang)), index_path(name))
             for name in INDEXES if index_path(name) in paths]
    if not links:
        return []
    title = md.link(escape(label("index.title", lang)), index_path("index"))
    return md.styled(title + escape(label("cites.colon", lang)) + " · ".join(links), ["un-home-indexes"])


def session_heading(session: int | None, lang: str) -> str:
    """第七十九届会议 / Seventy-ninth session; 其他文件 / Other documents without a session."""
    return label("home.no_session", lang) if session is None else session_name(session, lang)


def _order(page: Page) -> tuple[int, bool, tuple[tuple[int, int | str], ...]]:
    """Newest session first, documents without a session last; symbols in natural order."""
    session = _info(page).session
    return (-(session or 0), session is None, _natural(_info(page).symbol))


def _natural(symbol: str) -> tuple[tuple[int, int | str], ...]:
    parts = re.findall(r"\d+|\D+", symbol)
    return tuple((0, int(part)) if part.isdigit() else (1, part) for part in parts)


def _count(count: int, lang: str) -> str:
    if count == 1:
        return label("home.count_one", lang)
    return label("home.count", lang).format(count=count)


def _session_table(session: int | None, pages: Sequence[Page], lang: str) -> list[str]:
    """A heading and a table; the date column only when some document of it has a date."""
    anchor = f"session-{session}" if session is not None else "other"
    dated = any(_date(_info(page), lang) for page in pages)
    columns = ("symbol", "title", "kind", "date")[: 4 if dated else 3]
    header = [escape(label(f"home.column.{column}", lang)) for column in columns]
    lines = [md.heading(2, escape(session_heading(session, lang)), anchor), ""]
    lines += md.table(header, [_row(page, lang, dated) for page in pages])
    return [*lines, ""]


def _date(info: DocumentInfo, lang: str) -> str:
    """The document's date, or for a draft without one the day it was adopted (said so)."""
    return date_text(info.date, info.relations, lang)


def _row(page: Page, lang: str, dated: bool) -> list[str]:
    info = _info(page)
    title = escape(info.title)
    title += status_mark(info.text_status, info.symbol, lang)
    cells = [md.link(escape(info.symbol), page.path), title, escape(info.kind_label)]
    if dated:
        cells.append(escape(_date(info, lang)))
    return cells
