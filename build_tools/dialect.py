"""The project's Markdown: every construct the page generators write, written here only.

The pages (documents, comparisons, versions, cites, indexes, home and About pages) are
Markdown in the dialect MkDocs renders with the extensions mkdocs.yml lists (attr_list,
admonition, footnotes, tables, toc) and that markdown-it-py reads the same way
(:mod:`build_tools.verify`). The generators compose pages from the functions below and
never spell the syntax themselves, so that a change of renderer starts, and mostly ends, in
this module.

Every ``text`` argument is Markdown already (source text goes through :func:`escape`
first); every function returns Markdown, a line or a list of lines ending in a blank line
where the construct is a block.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence

import yaml

_ESCAPE = str.maketrans({
    "\\": "\\\\", "`": "\\`", "*": "\\*", "_": "\\_", "[": "\\[", "]": "\\]", "{": "\\{",
    "}": "\\}", "|": "\\|", "!": "\\!", "#": "\\#",
    "&": "&amp;", "<": "&lt;", ">": "&gt;",
    # "^[" opens an inline footnote in markdown-it (a caret before a footnote marker: "^[^2]");
    # Python-Markdown has no escape for it, a character reference reads as "^" in both.
    "^": "&#94;",
})
_LINE_START = re.compile(r"^(?:[-+=:>~]|\d+[.)])")

FOOTNOTES_HERE = "///Footnotes Go Here///"
"""A line where Python-Markdown's footnotes extension puts the footnotes (its
``PLACE_MARKER``), instead of at the end of the page."""

INSERT = ("{++", "++}")
DELETE = ("{--", "--}")
"""Markers of inserted and deleted text (CriticMarkup's), rendered as ``<ins>`` and ``<del>``
by :mod:`build_tools.site.changes`. Document text cannot contain them: :func:`escape`
escapes every ``{`` and ``}``."""

Pairs = Sequence[tuple[str, str]]
"""Attributes besides the id and the classes, as ``(name, value)``: ``data-num="3"``."""

_TRAILING_ATTRIBUTES = re.compile(r"\n?\{:?\s*([^{}\n]*)\}\s*$")
_ATTRIBUTE = re.compile(r'#([\w-]+)|\.([\w-]+)|([\w-]+)="([^"]*)"')
_ID_IN_ATTRIBUTES = re.compile(r"[{]:?[^{}\n]*#([\w:-]+)[^{}\n]*[}]\s*$", re.MULTILINE)
_FOOTNOTE_DEFINITION = re.compile(r"^\[\^([^\]\n]+)\]:", re.MULTILINE)
_LINK_TARGET = re.compile(r'(?<!\\)\]\(((?:[^\s()]|\([^\s()]*\))+)(?:\s+"(?:[^"\\]|\\.)*")?\)')
"""The target of an inline link ``[text](target "title")`` (the generators write no other kind)."""


def front_matter(data: Mapping[str, object]) -> str:
    """A page's front matter: its metadata in YAML, between ``---`` lines."""
    dumped = yaml.safe_dump(dict(data), allow_unicode=True, sort_keys=False, width=1000)
    return f"---\n{dumped}---\n"


def front_matter_title(title: str) -> list[str]:
    """A page's front matter giving only its title (in JSON, a subset of YAML: any title is
    safe), as lines."""
    return ["---", f"title: {json.dumps(title, ensure_ascii=False)}", "---", ""]


def escape(text: str) -> str:
    """Source text as Markdown that renders as exactly these characters."""
    escaped = text.translate(_ESCAPE)
    match = _LINE_START.match(escaped)
    if match:
        # "1." would start a list, "-" a list or rule, ":" a definition, "~~~" a code fence:
        # a numeric character reference reads as the character in both Markdown dialects.
        marker = match.group()
        escaped = marker[:-1] + f"&#{ord(marker[-1])};" + escaped[len(marker):]
    return escaped


def escape_inner(text: str, at_line_start: bool) -> str:
    """:func:`escape` for a piece of a line: the line-start escapes only where it starts one."""
    return escape(text) if at_line_start else text.translate(_ESCAPE)


def attributes(anchor: str | None = None, classes: Iterable[str] = (), pairs: Pairs = ()) -> str:
    """The inside of an attribute list: ``#anchor .class name="value"``."""
    parts = [f"#{anchor}"] if anchor else []
    parts += [f".{name}" for name in classes]
    parts += [f'{name}="{value}"' for name, value in pairs]
    return " ".join(parts)


def block(text: str, anchor: str | None = None, classes: Iterable[str] = (), pairs: Pairs = ()) -> str:
    """A paragraph with its attribute list on the line under it."""
    return f"{text}\n{{: {attributes(anchor, classes, pairs)} }}"


def styled(text: str, classes: Iterable[str] = (), pairs: Pairs = ()) -> list[str]:
    """A paragraph of classes and no id, as lines (the paragraph, its attributes, a blank)."""
    return [text, f"{{: {attributes(None, classes, pairs)} }}", ""]


def span(text: str, classes: Iterable[str] = (), pairs: Pairs = ()) -> str:
    """An inline element (emphasis, a link) with attributes: ``*text*{: .class }``."""
    return f"{text}{{: {attributes(None, classes, pairs)} }}"


def heading(level: int, text: str, anchor: str | None = None, classes: Iterable[str] = (),
            pairs: Pairs = ()) -> str:
    """``## text { #anchor .class }`` (``## text`` with no attributes: the renderer makes its id)."""
    inside = attributes(anchor, classes, pairs)
    return f"{'#' * level} {text} {{ {inside} }}" if inside else f"{'#' * level} {text}"


def is_heading(line: str, level: int, anchor: str) -> bool:
    """Whether ``line`` is the heading :func:`heading` writes with this level and anchor."""
    return line.startswith("#" * level + " ") and line.endswith(f"{{ #{anchor} }}")


def emphasis(text: str) -> str:
    return f"*{text}*"


def strong(text: str) -> str:
    return f"**{text}**"


def inserted(text: str) -> str:
    return INSERT[0] + text + INSERT[1]


def deleted(text: str) -> str:
    return DELETE[0] + text + DELETE[1]


def link(text: str, url: str, title: str | None = None) -> str:
    """``[text](url "title")``: ``title`` is Markdown too; the URL is made safe for the link
    syntax, the title for its quotes."""
    target = url.replace(" ", "%20").replace("<", "%3C").replace(">", "%3E")
    if title is None:
        return f"[{text}]({target})"
    return f'[{text}]({target} "{title.replace(chr(34), chr(39))}")'


def link_open() -> str:
    """Where a link's text starts, for a link written around text that is escaped in pieces
    (:func:`link_close` ends it)."""
    return "["


def link_close(url: str, title: str) -> str:
    return link("", url, title)[1:]


def footnote_ref(number: int | str) -> str:
    return f"[^{number}]"


def footnote(number: int | str, text: str) -> list[str]:
    """A footnote's definition, as lines."""
    return [f"[^{number}]: {text}", ""]


def admonition(kind: str, title: str, body: str, classes: Iterable[str] = ()) -> list[str]:
    """``!!! kind "title"`` and its body, one indented paragraph."""
    head = " ".join([kind, *classes])
    return [f'!!! {head} "{title}"', "", f"    {body}", ""]


def admonition_block(kind: str, title: str, body: str) -> str:
    """An admonition whose body is Markdown of several blocks, as one string."""
    indented = "\n".join(f"    {line}" if line.strip() else "" for line in body.split("\n"))
    return f'!!! {kind} "{title}"\n\n{indented}'


def definition(term: str, value: str) -> list[str]:
    """A term and its description (a definition list's row), as lines."""
    return [term, f":   {value}", ""]


def is_definition(line: str) -> bool:
    """Whether ``line`` is the description line :func:`definition` writes."""
    return line.startswith(":   ")


def item(text: str) -> str:
    """An item of a bulleted list (one line; the list ends at a blank line)."""
    return f"- {text}"


def autolink(url: str) -> str:
    return f"<{url}>"


def table(header: Sequence[str], rows: Iterable[Sequence[str]], right: Iterable[int] = ()) -> list[str]:
    """A table, as lines (no blank line after: callers add it); the columns numbered in
    ``right`` (from 0) are aligned right, as figures are."""
    aligned = set(right)
    lines = [_row(header), _row(["---:" if n in aligned else "---" for n in range(len(header))])]
    lines += [_row(cells) for cells in rows]
    return lines


def _row(cells: Sequence[str]) -> str:
    return "| " + " | ".join(cells) + " |"


# ---- reading it back: what the checks of the generated pages need to know of the syntax ----


_BLOCK_ANCHOR = re.compile(r"^\{: #([\w:-]+)")
_ADMONITION = re.compile(r'^!!! ([\w-]+)(?: [\w-]+)* "')


def item_text(line: str) -> str | None:
    """The text of a list item :func:`item` wrote, None for another line."""
    return line[2:] if line.startswith("- ") else None


def block_anchor(line: str) -> str | None:
    """The id of the attribute list :func:`block` writes under a paragraph, if ``line`` is one."""
    found = _BLOCK_ANCHOR.match(line)
    return found.group(1) if found else None


def admonition_kind(line: str) -> str | None:
    """The kind of the admonition :func:`admonition` opens with ``line``, if it opens one."""
    found = _ADMONITION.match(line)
    return found.group(1) if found else None


def is_any_heading(line: str, level: int) -> bool:
    """Whether ``line`` is a heading of ``level`` (:func:`heading`)."""
    return line.startswith("#" * level + " ")


def trailing_attributes(text: str) -> tuple[str, str, bool] | None:
    """``(text before, inside, on a line of its own)`` when ``text`` (a block's inline
    content) ends in an attribute list: a paragraph's stands on a line of its own
    (``…\\n{: #pp1 }``), a heading's after its text (``… { #title }``)."""
    match = _TRAILING_ATTRIBUTES.search(text)
    if not match:
        return None
    return text[: match.start()].rstrip(), match.group(1), match.group().startswith("\n")


def parse_attributes(inside: str) -> list[tuple[str, str]]:
    """The attributes an attribute list sets, in order: ``("id", …)``, ``("class", …)`` one
    per class, ``(name, value)``."""
    found = []
    for anchor, css, name, value in _ATTRIBUTE.findall(inside):
        found.append(("id", anchor) if anchor else ("class", css) if css else (name, value))
    return found


def ids(markdown: str) -> frozenset[str]:
    """The ids a page's Markdown gives: its attribute lists' and its footnotes' (``fn:2``)."""
    found = set(_ID_IN_ATTRIBUTES.findall(markdown))
    found |= {f"fn:{name}" for name in _FOOTNOTE_DEFINITION.findall(markdown)}
    return frozenset(found)


def link_targets(markdown: str) -> tuple[str, ...]:
    """Every inline link's target, in order."""
    return tuple(_LINK_TARGET.findall(markdown))


def has_footnotes(markdown: str) -> bool:
    if markdown.startswith("[^") and _FOOTNOTE_DEFINITION.match(markdown):
        return True
    at = markdown.find("\n[^")  # a plain search finds the candidates faster than the pattern
    while at >= 0:
        if _FOOTNOTE_DEFINITION.match(markdown, at + 1):
            return True
        at = markdown.find("\n[^", at + 1)
    return False
