"""Verify: read every generated page back with markdown-it-py and check it.

A second, independent Markdown parser (CommonMark, with the footnote, definition list and
admonition plugins, and :func:`attr_list_plugin` for the ``{: #id }`` lines) must find:

* no raw HTML anywhere;
* every footnote referenced exactly once and defined exactly once;
* every link ``https:`` or internal, and every internal ``#anchor`` an id on the page;
* the anchors of every paragraph, each once;
* the text of every paragraph and footnote exactly as the model has it.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Iterator

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token
from mdit_py_plugins.admon import admon_plugin
from mdit_py_plugins.deflist import deflist_plugin
from mdit_py_plugins.footnote import footnote_plugin

from . import dialect
from .model import Document
from .pages import Page


def attr_list_plugin(md: MarkdownIt) -> None:
    """Python-Markdown's ``attr_list`` for blocks: a trailing ``{: #id .class k="v" }``."""

    def rule(state: StateCore) -> None:
        tokens = state.tokens
        for index, token in enumerate(tokens):
            if token.type != "inline" or index == 0:
                continue
            opener = tokens[index - 1]
            if opener.type not in ("paragraph_open", "heading_open"):
                continue
            found = dialect.trailing_attributes(token.content)
            if found is None or (opener.type == "paragraph_open" and not found[2]):
                continue
            token.content = found[0]
            for name, value in dialect.parse_attributes(found[1]):
                if name == "class":
                    opener.attrJoin("class", value)
                else:
                    opener.attrSet(name, value)

    md.core.ruler.before("inline", "attr_list", rule)


def markdown_parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": True, "linkify": False})
    return md.use(footnote_plugin).use(deflist_plugin).use(admon_plugin).use(attr_list_plugin)


@functools.cache
def _shared_parser() -> MarkdownIt:
    """One parser for every page: parsing keeps its state in the call, not the parser. It
    keeps every link, ``javascript:`` ones too (markdown-it drops those by default, and
    with them the link definitions that give them), so that the check sees them."""
    md = markdown_parser()
    md.validateLink = accept_every_link  # type: ignore[method-assign]
    return md


def accept_every_link(url: str) -> bool:
    """A ``validateLink`` for markdown-it that keeps every link, so that a check sees it."""
    return True


_RELATIVE = re.compile(r"(?:\.\./)*[\w%-][\w./%-]*(?:#[\w.-]*)?|#[\w.:-]+")
"""A link within the site: a relative path (``../indexes/kinds.md#x``) or ``#anchor``;
never ``//host``, a scheme or a backslash."""


def safe_link(href: str) -> bool:
    """Whether a generated page may link to ``href``: ``https:`` or within the site."""
    if href.startswith("https://"):
        return len(href) > len("https://") and not any(c.isspace() or c in "<>\"\\" for c in href)
    return bool(_RELATIVE.fullmatch(href))


def _walk(tokens: list[Token]) -> Iterator[Token]:
    for token in tokens:
        yield token
        if token.children:
            yield from _walk(token.children)


def _body(markdown: str) -> str:
    """The page without its YAML front matter."""
    if markdown.startswith("---\n"):
        end = markdown.find("\n---\n", 4)
        return markdown[end + 5:] if end != -1 else markdown
    return markdown


def _plain(inline: Token) -> str:
    """The text of an inline token, without footnote markers (``[^1]``, and the links of
    the marks ``*`` to their notes)."""
    parts: list[str] = []
    in_mark = False
    for child in inline.children or []:
        if child.type == "link_open" and str(child.attrGet("href") or "").startswith("#mark-"):
            in_mark = True
        elif child.type == "link_close" and in_mark:
            in_mark = False
        elif child.type in ("text", "code_inline") and not in_mark:
            parts.append(child.content)
    return "".join(parts)


def check_page(page: Page, document: Document | None = None) -> list[str]:
    """Problems found in ``page``; empty when it is sound. ``document`` is the text shown."""
    md = _shared_parser()
    env: dict[str, object] = {}
    tokens = md.parse(_body(page.markdown), env)
    problems: list[str] = []
    ids: Counter[str] = Counter()
    texts: dict[str, str] = {}
    for index, token in enumerate(tokens):
        ident = token.attrGet("id")
        if ident is not None:
            ids[str(ident)] += 1
            if index + 1 < len(tokens) and tokens[index + 1].type == "inline":
                texts[str(ident)] = _plain(tokens[index + 1])
    references: Counter[str] = Counter()
    for token in _walk(tokens):
        if token.type in ("html_inline", "html_block"):
            problems.append(f"raw HTML {token.content.strip()[:40]!r}")
        elif token.type == "footnote_ref":
            references[str(token.meta.get("label", "^[…]"))] += 1
        elif token.type == "link_open":
            href = str(token.attrGet("href") or "")
            if href.startswith("#"):
                if href[1:] not in ids and not href[1:].startswith("fn"):
                    problems.append(f"link to missing anchor {href}")
            elif not safe_link(href):
                problems.append(f"link that is neither https: nor internal: {href!r}")
    footnote_env = env.get("footnotes", {})
    defined = Counter(str(k)[1:] for k in (footnote_env.get("refs", {}) if isinstance(footnote_env, dict) else {}))
    for number in sorted(set(references) | set(defined)):
        if references[number] != 1 or defined[number] != 1:
            problems.append(
                f"footnote {number}: referenced {references[number]} times, defined {defined[number]} times"
            )
    problems += [f"id #{i} used {n} times" for i, n in ids.items() if n > 1]
    if document is not None:
        problems += _check_text(document, texts, tokens)
    return problems


def _check_text(document: Document, texts: dict[str, str], tokens: list[Token]) -> list[str]:
    problems = []
    for line in document.lines:
        if texts.get(line.anchor) != line.text:
            problems.append(f"#{line.anchor} shows {texts.get(line.anchor)!r}, the model has {line.text[:60]!r}")
    for note in document.marked_notes:
        shown = texts.get(f"mark-{len(note.mark)}")
        if shown != f"{note.mark} {note.text}":
            problems.append(f"note {note.mark} shows {shown!r}")
    for paragraph in document.paragraphs:
        shown = texts.get(paragraph.anchor)
        expected = (paragraph.label.strip() + " " if paragraph.label else "") + paragraph.text
        if shown is None:
            problems.append(f"paragraph #{paragraph.anchor} missing from the page")
        elif shown != expected:
            problems.append(f"#{paragraph.anchor} shows {shown[:60]!r}, the model has {expected[:60]!r}")
    notes = _footnote_texts(tokens)
    for note in document.numbered_notes:
        if notes.get(str(note.number)) != note.text:
            problems.append(f"footnote {note.number} shows {notes.get(str(note.number))!r}")
    return problems


def _footnote_texts(tokens: list[Token]) -> dict[str, str]:
    texts: dict[str, str] = {}
    current: str | None = None
    for token in tokens:
        if token.type == "footnote_open":
            current = str(token.meta["label"])
        elif token.type == "inline" and current is not None:
            texts[current] = texts.get(current, "") + _plain(token)
        elif token.type == "footnote_close":
            current = None
    return texts
