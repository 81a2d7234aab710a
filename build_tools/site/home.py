"""The home page of each language: the collection grouped by session, newest first."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from itertools import groupby

from build_tools.labels import label
from build_tools.pages import Page
from build_tools.render import escape, format_iso_date, session_name


def home_page(pages: Iterable[Page], lang: str) -> str:
    """Markdown of the home page in ``lang`` listing ``pages`` (all in that language)."""
    ordered = sorted(pages, key=_order)
    lines = [
        "---",
        f"title: {json.dumps(label('home.title', lang), ensure_ascii=False)}",
        "---",
        "",
        f"# {escape(label('home.title', lang))} {{ #home }}",
        "",
        escape(label("home.intro", lang)),
        "",
        escape(_count(len(ordered), lang)),
        "",
    ]
    for session, group in groupby(ordered, key=lambda page: page.info.session):
        lines += _session_table(session, list(group), lang)
    return "\n".join(lines)


def session_heading(session: int | None, lang: str) -> str:
    """第七十九届会议 / Seventy-ninth session; 其他文件 / Other documents without a session."""
    return label("home.no_session", lang) if session is None else session_name(session, lang)


def _order(page: Page) -> tuple[int, bool, tuple[tuple[int, int | str], ...]]:
    """Newest session first, documents without a session last; symbols in natural order."""
    session = page.info.session
    return (-(session or 0), session is None, _natural(page.info.symbol))


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
    dated = any(page.info.date for page in pages)
    columns = ("symbol", "title", "kind", "date")[: 4 if dated else 3]
    header = " | ".join(escape(label(f"home.column.{column}", lang)) for column in columns)
    lines = [f"## {escape(session_heading(session, lang))} {{ #{anchor} }}", ""]
    lines += [f"| {header} |", "| " + " | ".join("---" for _ in columns) + " |"]
    lines += [_row(page, lang, dated) for page in pages]
    return [*lines, ""]


def _row(page: Page, lang: str, dated: bool) -> str:
    info = page.info
    title = escape(info.title)
    if info.text_status != "official":
        status = escape(label(f"home.status.{info.text_status}", lang))
        title += f' <span class="un-status">{status}</span>'
    cells = [f"[{escape(info.symbol)}]({page.path})", title, escape(info.kind_label)]
    if dated:
        cells.append(format_iso_date(info.date, lang) if info.date else "")
    return "| " + " | ".join(cells) + " |"
